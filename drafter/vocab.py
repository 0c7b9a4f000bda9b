"""Words that depend on the kind of unit (学校/企业/医院 …).

Templates never say 教职工 or 职代会 directly: they say ``{{ 职工 }}`` and
``{{ 职代会 }}``, and this table fills them in for the unit type of the sheet.
The learner abstracts sample wording over the same variables (see
``drafter.learn.skeleton``), so the names here are a contract between the two
sides.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Vocabulary:
    职工: str  # the staff: 教职工 / 职工 / 医护职工 / 干部职工
    职代会: str  # short name of the staff congress
    职代会全称: str
    公开: str  # 校务公开 / 厂务公开 / 院务公开 / 政务公开
    单位称: str  # how the report names its own unit: 学校 / 公司 / 医院 / 机关
    本单位: str  # 我校 / 公司 / 我院 / 机关
    中心工作: str  # the unit's central task
    岗位: str  # where staff work: 教学岗位 / 生产岗位 …
    业务: str  # 教育教学 / 生产经营 / 医疗服务 …

    def as_context(self) -> dict[str, str]:
        return asdict(self)


VOCABULARIES: dict[str, Vocabulary] = {
    "学校": Vocabulary(
        "教职工", "教代会", "教职工代表大会", "校务公开", "学校", "我校", "学校中心工作", "教学岗位", "教育教学"
    ),
    "企业": Vocabulary(
        "职工", "职代会", "职工代表大会", "厂务公开", "公司", "公司", "公司中心工作", "生产岗位", "生产经营"
    ),
    "机关": Vocabulary(
        "干部职工", "职代会", "职工代表大会", "政务公开", "机关", "机关", "机关中心工作", "工作岗位", "机关工作"
    ),
    "医院": Vocabulary(
        "医护职工", "职代会", "职工代表大会", "院务公开", "医院", "我院", "医院中心工作", "医疗岗位", "医疗服务"
    ),
    "乡镇街道": Vocabulary(
        "干部职工", "职代会", "职工代表大会", "政务公开", "乡镇", "本镇", "乡镇中心工作", "工作岗位", "乡镇工作"
    ),
    "其他": Vocabulary(
        "职工", "职代会", "职工代表大会", "事务公开", "单位", "本单位", "单位中心工作", "工作岗位", "业务工作"
    ),
}


def _named(v: Vocabulary, word: str, name: str | None = None) -> Vocabulary:
    """The vocabulary of a unit that calls itself ``word`` (本镇, 本厂 …)."""
    name = name or word
    return replace(v, 单位称=name, 本单位="本" + word, 中心工作=name + "中心工作")


def vocabulary(unit_type: str, unit: str = "") -> Vocabulary:
    """The vocabulary for a unit type, refined by the unit's own name."""
    v = VOCABULARIES[unit_type]
    if unit_type == "乡镇街道":
        # A street office is not a township: name it as the unit names itself.
        word = "街道" if "街道" in unit else "乡" if "乡" in unit and "镇" not in unit else "镇"
        return replace(_named(v, word), 业务=word + "工作")
    if unit_type == "企业" and unit and not any(w in unit for w in ("公司", "集团")):
        for word in ("厂", "矿", "局", "站", "社"):
            if word in unit:
                return _named(v, word, "工厂" if word == "厂" else word)
    return v
