"""Facts that a report states in a fixed way: the leadership sentence, the
membership figures, dates, the year, the unit's name and type, the reporter.

Pure functions over text; both readers (drafter's own .docx and a report
written by hand) use them.
"""

from __future__ import annotations

import datetime as _dt
import re

from drafter.learn.markers import cn_number

# -- the leadership sentence ----------------------------------------------------

_LEADERS_RE = re.compile(
    r"在([^，。；：在]{2,60}?)的(?:正确|坚强|有力|亲切|大力|直接)?"
    r"(?:领导|指导|关心指导|关心和指导|关心支持|关心和支持|关心和领导|领导和支持|领导和指导|帮助指导)(?:和[^，。；]{2,8}的支持)?下"
    r"|(?:落实|按照|贯彻)([^，。；：在]{2,60}?)的(?:工作)?部署"
)
_SPLIT_LEADERS_RE = re.compile(r"和|及|以及|、|与")
_LEADER_TAIL_RE = re.compile(r"的[^的]*$")  # 「在公司党委的领导和区总工会的指导下」: 公司党委的领导 → 公司党委
_PARTY_RE = re.compile(r"党")
_UNION_RE = re.compile(r"工会|工委")


def leaders(text: str) -> tuple[str | None, str | None, list[str]]:
    """(党组织, 上级工会, names not placed) from the first 「在…的领导下」 (or 「落实…的工作部署」) of ``text``."""
    m = _LEADERS_RE.search(text)
    if m is None:
        return None, None, []
    party: str | None = None
    union: str | None = None
    rest: list[str] = []
    names = m.group(1) or m.group(2)
    for name in (_LEADER_TAIL_RE.sub("", n).strip() for n in _SPLIT_LEADERS_RE.split(names)):
        if not name:
            continue
        if _PARTY_RE.search(name) and party is None:
            party = name
        elif _UNION_RE.search(name) and union is None:
            union = name
        else:
            rest.append(name)
    return party, union, rest


# -- membership figures ---------------------------------------------------------

_NUM = r"(\d+)"
_FIGURE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("基层工会数", re.compile(rf"(?:下设|有)?(?:基层工会|分工会|基层工会组织|工会小组)(?:组织)?(?:共|有)?{_NUM}个")),
    (
        "女职工人数",
        re.compile(
            rf"女(?:教职工|职工|员工|会员|医护人员|干部职工|教职员工)(?:人数)?(?:共|有|为|达到?)?{_NUM}(?:人|名)"
        ),
    ),
    ("会员人数", re.compile(rf"(?<!新)(?<!发展)(?:工会)?会员(?:人数|总数)?(?:共|有|为|达到?)?{_NUM}(?:人|名)")),
    (
        "职工人数",
        re.compile(
            rf"(?<![女困难参赛训加与])(?:在职|在岗)?(?:教职工|职工|员工|干部职工|医护职工|教职员工|医务人员)"
            rf"(?:总数|人数)?(?:共|有|为|达到?)?{_NUM}(?:人|名)"
        ),
    ),
    ("入会率", re.compile(r"入会率(?:达到?|为|是)?(\d+(?:\.\d+)?)\s*[%％]")),
)


def figures(text: str) -> dict[str, int | str]:
    """概况 figures stated in ``text`` (the first of each), e.g. {"会员人数": 86, "入会率": "96.6%"}."""
    found: dict[str, int | str] = {}
    taken: list[tuple[int, int]] = []
    for key, pattern in _FIGURE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # 女职工61人 is not also 职工61人
            found[key] = f"{m.group(1)}%" if key == "入会率" else int(m.group(1))
            taken.append(m.span())
            break
    return found


# -- dates and years ------------------------------------------------------------

_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
_DATE_RE = re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*[日号]?")
_CN_DATE_RE = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]"
)
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR_RE = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年")


def parse_date(text: str) -> _dt.date | None:
    """A full date written in ``text`` (2024年12月25日, 2024-12-25, 二〇二二年十二月二十九日)."""
    m = _DATE_RE.search(text)
    if m is not None:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _CN_DATE_RE.search(text)
        if m is None:
            return None
        y = int(m.group(1).translate(_CN_YEAR_DIGITS))
        mo_, d_ = cn_number(m.group(2)), cn_number(m.group(3))
        if mo_ is None or d_ is None:
            return None
        mo, d = mo_, d_
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        return None


def first_year(text: str) -> int | None:
    """The first year (1949–2100) written in ``text``, in digits or Chinese numerals."""
    best: tuple[int, int] | None = None
    for pattern, digits in ((_YEAR_RE, False), (_CN_YEAR_RE, True)):
        m = pattern.search(text)
        if m is None:
            continue
        year = int(m.group(1).translate(_CN_YEAR_DIGITS) if digits else m.group(1))
        if 1949 <= year <= 2100 and (best is None or m.start() < best[0]):
            best = (m.start(), year)
    return best[1] if best else None


# -- the unit -------------------------------------------------------------------

_TITLE_RE = re.compile(r"^(.*?)(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年(?:度)?(.*)$")
_TITLE_TAIL_RE = re.compile(r"^(?:度)?(?:上半年|下半年|全年)?(工会)")
_TITLE_OFFICE_RE = re.compile(r"^(.*?工会)(?:常务)?副?(?:主席|主任)(?:[\s\u3000]*[\u4e00-\u9fff]{2,4})?$")

# The head noun of a unit's name (its last keyword) tells its type.
_UNIT_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("医院", "医院"),
    ("卫生院", "医院"),
    ("卫生服务中心", "医院"),
    ("保健院", "医院"),
    ("疾控中心", "医院"),
    ("学校", "学校"),
    ("小学", "学校"),
    ("中学", "学校"),
    ("大学", "学校"),
    ("学院", "学校"),
    ("幼儿园", "学校"),
    ("职校", "学校"),
    ("镇", "乡镇街道"),
    ("乡", "乡镇街道"),
    ("街道", "乡镇街道"),
    ("社区", "乡镇街道"),
    ("局", "机关"),
    ("机关", "机关"),
    ("政府", "机关"),
    ("委员会", "机关"),
    ("办公室", "机关"),
    ("法院", "机关"),
    ("检察院", "机关"),
    ("厅", "机关"),
    ("公司", "企业"),
    ("厂", "企业"),
    ("集团", "企业"),
    ("酒店", "企业"),
    ("宾馆", "企业"),
    ("银行", "企业"),
    ("矿", "企业"),
    ("企业", "企业"),
)
_UNIT_TYPE_RE = re.compile("|".join(sorted((re.escape(w) for w, _ in _UNIT_TYPE_WORDS), key=len, reverse=True)))
_UNIT_TYPE_OF = dict(_UNIT_TYPE_WORDS)
# The learner's guess (drafter.learn.kinds.guess_unit_type) in the sheet's words.
LEARNER_UNIT_TYPES: dict[str, str] = {
    "school": "学校",
    "enterprise": "企业",
    "government": "机关",
    "township": "乡镇街道",
}


def unit_from_title(title: str) -> str | None:
    """「青石县实验小学工会2024年工作总结」→ 青石县实验小学工会; None when the title names no unit."""
    m = _TITLE_RE.match(title.strip())
    if m is None:
        return None
    unit = m.group(1).strip(" 　：:，,")
    office = _TITLE_OFFICE_RE.match(unit)
    if office is not None:
        unit = office.group(1)  # 某公司工会主席（张三）2024年述职报告
    tail = _TITLE_TAIL_RE.match(m.group(2))
    if unit and tail and not unit.endswith("工会"):
        unit += "工会"  # 某公司2024年工会工作总结
    return unit if len(unit) >= 3 and not unit.startswith(("关于", "工会")) else None


def unit_type_of(name: str) -> str | None:
    """The 单位类型 the unit's name shows (its last keyword), or None."""
    if name.endswith(("机关工会", "机关工会委员会")):
        return "机关"
    head = name.removesuffix("工会").removesuffix("总")
    last: re.Match[str] | None = None
    for m in _UNIT_TYPE_RE.finditer(head):
        if last is None or m.end() >= last.end():
            last = m
    return _UNIT_TYPE_OF[last.group()] if last else None


# -- the reporter (述职报告) ----------------------------------------------------

_HAN_NAME = r"[\u4e00-\u9fff]{2,4}"
_REPORTER_RES = (
    re.compile(rf"述职人\s*[:：]?\s*({_HAN_NAME})$"),
    re.compile(rf"(?:^|[，。])本人({_HAN_NAME})[，,]"),
    re.compile(rf"我叫({_HAN_NAME})[，,]"),
    re.compile(rf"(?:^|[，。])我是({_HAN_NAME})[，,]"),
)
_OFFICE_RE = re.compile(r"(?:现任|担任|任|作为)([^，。；：]{2,40}?工会)((?:常务)?副?主席|主任|负责人|干事)")


def reporter_in(text: str) -> str | None:
    for pattern in _REPORTER_RES:
        m = pattern.search(text.strip())
        if m is not None:
            return m.group(1)
    return None


def office_in(text: str) -> tuple[str, str] | None:
    """(unit, 职务) from 「现任某公司工会主席」: (某公司工会, 工会主席)."""
    m = _OFFICE_RE.search(text)
    if m is None:
        return None
    return m.group(1), "工会" + m.group(2)


def is_person_name(text: str) -> bool:
    return re.fullmatch(_HAN_NAME, text) is not None and not _UNION_RE.search(text)
