"""Words that depend on the kind of unit (学校/企业/医院 …), and words no draft may use.

Templates never say 教职工 or 职代会 directly: they say ``{{ 职工 }}`` and
``{{ 职代会 }}``, and this table fills them in for the unit type of the sheet
(prose rules §6).  The item joiner takes its head-count nouns from the same
table.  The learner abstracts sample wording over the same variables (see
``drafter.learn.skeleton``), so the names here are a contract between the two
sides.

``BANNED`` lists wording no template phrase may put into a draft (prose rules
§5–7): formulas of an era, audiences foreign to a union, misused words,
backward endings, excuses.  The chair's own sentences are never checked
against it.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Vocabulary:
    本会: str  # how the report names its own union: 校工会 / 院工会 / 镇总工会 …
    职工: str  # the union's people in framing sentences: 教职工 / 职工 / 干部职工 / 辖区职工
    全体职工: str  # all of them: 全校教职工 / 全院职工 / 全镇职工 …
    人员: str  # the noun of a head count: 45名教职工, 120名职工
    职工代表: str  # delegates to the staff congress
    女职工: str
    职代会: str  # short name of the staff congress
    职代会全称: str
    公开: str  # 校务公开 / 厂务公开 / 院务公开 / 政务公开 / 企业厂务公开
    单位称: str  # what the union serves: 学校 / 公司 / 医院 / 机关 / 辖区企业
    本单位: str  # 我校 / 公司 / 我院 / 机关 / 全镇
    中心工作: str  # the unit's central task
    岗位: str  # where staff work: 教学岗位 / 生产岗位 …
    业务: str  # 教育教学 / 生产经营 / 医疗服务 …
    发展: str  # what the year's work serves: 学校发展 / 全镇经济社会发展 …

    推进民主: str = "推进民主管理"  # the union's own part in 民主管理 (a federation: 指导辖区企业推进民主管理)
    # Words said in full once a sentence, then short (say_once): 企业职代会、企业厂务公开 → 企业职代会、厂务公开.
    再称: tuple[tuple[str, str], ...] = ()

    def as_context(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, str)}


VOCABULARIES: dict[str, Vocabulary] = {
    "学校": Vocabulary(
        本会="校工会",
        职工="教职工",
        全体职工="全校教职工",
        人员="教职工",
        职工代表="教职工代表",
        女职工="女教职工",
        职代会="教代会",
        职代会全称="教职工代表大会",
        公开="校务公开",
        单位称="学校",
        本单位="我校",
        中心工作="学校中心工作",
        岗位="教学岗位",
        业务="教育教学",
        发展="学校改革发展",
    ),
    "企业": Vocabulary(
        本会="公司工会",
        职工="职工",
        全体职工="全体职工",
        人员="职工",
        职工代表="职工代表",
        女职工="女职工",
        职代会="职代会",
        职代会全称="职工代表大会",
        公开="厂务公开",
        单位称="公司",
        本单位="公司",
        中心工作="公司生产经营中心工作",
        岗位="生产岗位",
        业务="生产经营",
        发展="公司高质量发展",
    ),
    "机关": Vocabulary(
        本会="机关工会",
        职工="干部职工",
        全体职工="全体干部职工",
        人员="干部职工",
        职工代表="职工代表",
        女职工="女职工",
        职代会="职代会",
        职代会全称="职工代表大会",
        公开="政务公开",
        单位称="机关",
        本单位="机关",
        中心工作="机关中心工作",
        岗位="工作岗位",
        业务="机关工作",
        发展="机关各项工作",
    ),
    "医院": Vocabulary(
        本会="院工会",
        职工="职工",
        全体职工="全院职工",
        人员="职工",
        职工代表="职工代表",
        女职工="女职工",
        职代会="职代会",
        职代会全称="职工代表大会",
        公开="院务公开",
        单位称="医院",
        本单位="我院",
        中心工作="医院中心工作",
        岗位="本职岗位",
        业务="医疗服务",
        发展="医院高质量发展",
    ),
    # A 乡镇/街道 union is a federation: it serves the workers of its area and
    # guides the enterprises' own 职代会 and 厂务公开 (prose rules §6).
    "乡镇街道": Vocabulary(
        本会="镇总工会",
        职工="辖区职工",
        全体职工="辖区广大职工",
        人员="职工",
        职工代表="职工代表",
        女职工="女职工",
        职代会="企业职代会",
        职代会全称="企业职工代表大会",
        公开="企业厂务公开",
        单位称="辖区企业",
        本单位="全镇",
        中心工作="全镇中心工作",
        岗位="工作岗位",
        业务="辖区产业发展",
        发展="全镇经济社会发展",
        推进民主="指导辖区企业推进民主管理",
        再称=(("辖区职工", "职工"), ("企业职代会", "职代会"), ("企业厂务公开", "厂务公开")),
    ),
    "其他": Vocabulary(
        本会="单位工会",
        职工="职工",
        全体职工="全体职工",
        人员="职工",
        职工代表="职工代表",
        女职工="女职工",
        职代会="职代会",
        职代会全称="职工代表大会",
        公开="事务公开",
        单位称="单位",
        本单位="本单位",
        中心工作="单位中心工作",
        岗位="工作岗位",
        业务="业务工作",
        发展="单位的发展",
    ),
}


def vocabulary(unit_type: str, unit: str = "") -> Vocabulary:
    """The vocabulary for a unit type, refined by the unit's own name."""
    v = VOCABULARIES[unit_type]
    if unit_type == "乡镇街道":
        # A street office is not a township: name it as the unit names itself.
        word = "街道" if "街道" in unit else "乡" if "乡" in unit and "镇" not in unit else "镇"
        return replace(
            v, 本会=word + "总工会", 本单位="全" + word, 中心工作=f"全{word}中心工作", 发展=f"全{word}经济社会发展"
        )
    if unit_type == "企业" and unit and not any(w in unit for w in ("公司", "集团")):
        for word in ("厂", "矿", "局", "站", "社"):
            if word in unit:
                name = "工厂" if word == "厂" else word
                return replace(
                    v,
                    本会=f"{word}工会",
                    单位称=name,
                    本单位="本" + word,
                    中心工作=f"{name}生产经营中心工作",
                    发展=f"{name}的发展",
                )
    return v


@dataclass(frozen=True)
class Banned:
    words: tuple[str, ...]
    reason: str


BANNED: tuple[Banned, ...] = (
    Banned(
        (
            "科学发展观",
            "三个代表",
            "和谐社会",
            "八荣八耻",
            "先进性教育",
            "创先争优",
            "群众路线",
            "三严三实",
            "两学一做",
            "不忘初心",
            "党史学习教育",
            "主题教育",
            "世博",
            "奥运",
            "抗震救灾",
        ),
        "时代套话或一时一事（只有事实表自己写了才可以出现）",
    ),
    Banned(("居民群众", "广大居民", "村民", "学生"), "不是工会的服务对象"),
    Banned(("不尽人意", "全年来", "近年来"), "误用（应为：不尽如人意、一年来）"),
    Banned(("总之，在过去", "回顾一年来", "在过去的一年里"), "结尾往回看（结尾应展望新的一年）"),
    Banned(("勤勤恳恳", "兢兢业业", "难免存在"), "用自我表扬为不足开脱"),
    Banned(("今年是", "是今年的重点", "去年", "以来，"), "对年度的断言，事实表里没有"),
    Banned(("有序落实各项工作", "认真履行工会各项职能", "是一种能力", "只有不断"), "空话或格言"),
    Banned(("民主建设", "管理的透明度"), "工会不建设单位的民主，只推进民主管理"),
    Banned(("医院领导", "学校领导", "公司领导"), "把党组织降格为单位领导"),
)


def say_once(text: str, v: Vocabulary) -> str:
    """A framing text with the long words said in full once a sentence (辖区职工 … 职工; 企业职代会、厂务公开)."""
    if not v.再称:
        return text
    out: list[str] = []
    start = 0
    for i, c in enumerate(text):
        if c in "。！？：" or i == len(text) - 1:
            out.append(_once(text[start : i + 1], v.再称))
            start = i + 1
    return "".join(out)


def _once(sentence: str, again: tuple[tuple[str, str], ...]) -> str:
    """One sentence: the first long word in full, every later one short."""
    found = [(sentence.find(full), full) for full, _ in again if full in sentence]
    if not found:
        return sentence
    at, full = min(found)
    cut = at + len(full)
    rest = sentence[cut:]
    for long, short in sorted(again, key=lambda pair: -len(pair[0])):
        rest = rest.replace(long, short)
    return sentence[:cut] + rest


@functools.lru_cache(maxsize=8192)
def banned_in(text: str) -> Banned | None:
    """The first rule of ``BANNED`` a text breaks, or None."""
    for rule in BANNED:
        if any(w in text for w in rule.words):
            return rule
    return None
