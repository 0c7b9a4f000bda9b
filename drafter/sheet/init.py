"""The commented example fact sheet that ``drafter init`` writes.

Keys, their order and their comments come from the field table
(:data:`drafter.sheet.fields.FIELDS`); the unit's words (教职工/职工/医护职工,
教代会/职代会, 校务公开/厂务公开 …) from :mod:`drafter.vocab`; the example
facts of each unit type from :data:`EXAMPLES` here.  The comments are in
Chinese because the reader is the union chair; they use no unit type's own
vocabulary, so that a sheet for a hospital never mentions 教职工.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from pathlib import Path
from string import Template

from drafter.contract import CATEGORIES, KINDS, PERSONAL, UNIT_TYPES
from drafter.sheet.fields import FIELDS, ITEM_FIELDS, Field
from drafter.sheet.nextyear import sheet_from_last
from drafter.sheet.schema import MODELINE
from drafter.vocab import VOCABULARIES

__all__ = ["KINDS", "UNIT_TYPES", "example_sheet", "sheet_from_last", "write_sheet"]


@dataclass(frozen=True)
class UnitExample:
    """Invented example facts of one unit type (no real unit, person or place)."""

    unit: str
    parent: str
    party: str
    position: str
    congress_meeting: str
    congress_people: str
    congress_result: str
    open_items: str
    skill_activity: str
    skill_people: str
    skill_result: str
    ethics: str
    contest_host: str
    members: str
    staff_count: str
    women: str
    unions: str
    rate: str
    congress: str = ""  # the congress's short name where the unit's usage differs from drafter.vocab


EXAMPLES: dict[str, UnitExample] = {
    "学校": UnitExample(
        "某某县第一中学工会", "某某县教育工会", "某某县第一中学党支部", "校工会主席",
        "召开第三届教代会第二次会议", "56", "审议通过《教职工绩效工资分配方案》和《教职工请休假管理办法》",
        "评优评先、职称推荐、绩效考核", "举办青年教师课堂教学基本功比赛", "28",
        "比赛分说课和课堂展示两个环节，评出一等奖3名、二等奖6名",
        "开展师德师风主题教育活动，组织全体教职工签订师德承诺书", "某某县教育系统",
        "186", "192", "97", "", "96.9%",
    ),
    "企业": UnitExample(
        "某某机械制造有限公司工会", "某某经济开发区总工会", "公司党委", "公司工会主席",
        "召开第二届职工代表大会第三次会议", "85", "审议通过《职工带薪年休假实施办法》和年度工资集体协商方案",
        "绩效考核、评先评优、劳保用品发放", "举办职工岗位技能比武", "126",
        "设焊工、电工、钳工3个工种，评出技术能手5名",
        "深入开展安康杯竞赛，组织安全知识答题和应急演练各2次，全年未发生重伤及以上事故", "某某市",
        "815", "842", "236", "6", "96.8%",
    ),
    "机关": UnitExample(
        "某某县农业农村局机关工会", "某某县直机关工会工作委员会", "局机关党委", "机关工会主席",
        "召开机关职工大会", "74", "审议通过《机关干部职工考勤和休假管理办法》",
        "评先评优、干部选任、经费使用", "举办干部职工业务知识竞赛", "62",
        "以科室为单位组队，评出一等奖1个、二等奖2个",
        "开展作风建设学习教育，组织干部职工集中学习12次", "某某县直机关",
        "78", "80", "31", "", "97.5%", congress="职工大会",
    ),
    "医院": UnitExample(
        "某某县人民医院工会", "某某县总工会", "医院党委", "院工会主席",
        "召开第四届职工代表大会第二次会议", "92", "审议通过《医护职工绩效考核分配方案》",
        "设备采购、职称评聘、绩效分配", "举办护理技能操作比赛", "118",
        "比赛设心肺复苏、静脉输液等3个项目，评出护理技能标兵8名",
        "开展医德医风教育月活动，全院医护职工签订医德医风承诺书", "某某县卫生健康系统",
        "736", "760", "528", "", "96.8%",
    ),
    "乡镇街道": UnitExample(
        "某某县某某镇总工会", "某某县总工会", "镇党委", "镇总工会主席",
        "召开镇机关事业单位职代会", "68", "审议通过《镇机关干部职工考勤管理办法》",
        "惠民资金发放、评先评优、经费使用", "联合镇人社所举办农民工技能培训班", "150",
        "开设电工、家政服务两个班次，126人取得职业技能等级证书",
        "开展农民工入会集中行动，新建企业工会3家，发展农民工会员260人", "某某县",
        "2460", "2630", "980", "28", "93.5%",
    ),
    "其他": UnitExample(
        "某某市某某协会工会", "某某市总工会", "协会党支部", "工会主席",
        "召开职工代表大会", "45", "审议通过《职工绩效考核办法》",
        "评先评优、绩效考核、经费使用", "举办职工岗位技能比赛", "60", "评出岗位能手4名",
        "开展职业道德教育，评选服务标兵10名", "某某市",
        "118", "121", "64", "", "97.5%",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class KindWording:
    """The header note and the phrasings that change in a personal report."""

    kind_note: str
    open_lead: str
    ethics_lead: str
    club_lead: str
    other_title: str
    other_item: str


WORDING: dict[str, KindWording] = {
    "工作总结": KindWording(
        "# 这是“工作总结”：以工会组织的名义总结一年的工作。",
        "坚持",
        "",
        "",
        "加强工会自身建设",
        "健全工会委员会议事制度，全年召开工会委员会会议8次，集体研究工会重要事项。",
    ),
    PERSONAL: KindWording(
        "# 这是“述职报告”：工会主席个人向会员或上级述职。必须填写“报告人”。\n"
        "# 事项可以用第一人称写（如“我牵头……”），也可以用中性的写法，两种可以混用。",
        "我坚持推动",
        "我牵头",
        "我推动",
        "加强自身学习和廉洁自律",
        "我参加上级工会举办的工会主席培训班1期，认真学习工会业务知识和劳动法律法规，严格遵守廉洁自律各项规定。",
    ),
}

# Example 事项 of each category: a sentence, or (key, value) pairs of ITEM_FIELDS.
# ``$word`` names a unit word or example fact (see :func:`_words`).
_Entry = str | tuple[tuple[str, str], ...]
ITEMS: dict[str, tuple[_Entry, ...]] = {
    "民主建设": (
        (("时间", "3月"), ("活动", "$congress_meeting"), ("人数", "$congress_people"), ("成果", "$congress_result")),
        (("时间", "上半年"), ("活动", "开展合理化建议征集活动"), ("人数", "135人次"), ("成果", "征集建议32条，采纳并落实9条")),
        "${open_lead}${openness}，全年公开${open_items}等事项26项，接受${staff}监督。",
    ),
    "队伍建设": (
        (("时间", "$year-05-20"), ("活动", "$skill_activity"), ("人数", "$skill_people"), ("成果", "$skill_result")),
        "${ethics_lead}${ethics}。",
    ),
    "生活保障": (
        (("时间", "春节前"), ("活动", "走访慰问困难$staff"), ("成果", "送去慰问金和慰问品共计2.6万元")),
        (("时间", "3月8日"), ("活动", "召开三八国际妇女节女${staff}座谈会"), ("人数", "40"), ("成果", "收集意见建议8条")),
        "组织全体${staff}进行健康体检，为每人建立健康档案。",
    ),
    "文体活动": (
        (("时间", "9月至10月"), ("活动", "举办${staff}趣味运动会"), ("人数", "210人次"), ("成果", "设拔河、跳长绳等6个项目")),
        (("时间", "11月"), ("活动", "组队参加${contest_host}${staff}气排球比赛"), ("人数", "12"),
         ("获奖", "${contest_host}${staff}气排球比赛二等奖")),
        "${club_lead}组建${staff}合唱队和书画兴趣小组，全年开展活动30余次。",
    ),
}  # fmt: skip
SHORTCOMINGS = ("开展活动的形式还比较单一，对青年${staff}的需求了解不够。", "工会干部多为兼职，业务水平有待提高。")
PLANS = (
    "进一步规范${congress}和${openness}工作，提高${staff}参与民主管理的质量。",
    "做好困难${staff}帮扶和送温暖工作，丰富${staff}业余文化生活。",
)

_HEADER = """\
# 工会${kind}事实清单（单位类型：${unit_type}，年度：${year}）
#
${kind_note}
# 把下面的示例内容改成本单位的实际情况，drafter 会据此生成 Word 初稿。
#
# 填写规则：
# - 每行“项目名: 内容”中的冒号必须是半角的“:”（英文输入法下的冒号），冒号后面要空一格。
# - 缩进只能用空格，不能用 Tab 键；同一层的内容要上下对齐。
# - 以“#”开头的是说明文字，生成时会被忽略，可以保留也可以删掉。
# - 标“必填”的项目一定要填；其他项目不需要时可以空着（冒号后什么也不写），
#   也可以连同它下面的内容整段删掉。
# - 内容以特殊符号（如 * & ! % @ [ { 等）开头、或者含有半角冒号时，请用英文双引号括起来，
#   如 入会率: "96.5%"。
# - 用 VS Code 等编辑器打开时，第一行的说明让编辑器提示可填的项目并当场指出写错的地方。
#
# 填好后检查：drafter check 文件名
# 生成初稿：  drafter build 文件名
"""


def _words(unit_type: str, kind: str, year: int) -> dict[str, str]:
    """Every ``$word`` of the sheet: the unit's vocabulary, its example facts and the kind's phrasings."""
    vocab = VOCABULARIES[unit_type]
    example = EXAMPLES[unit_type]
    return {
        **asdict(example),
        **asdict(WORDING[kind]),
        "staff": vocab.职工,
        "congress": example.congress or vocab.职代会,
        "openness": vocab.公开,
        "unit_type": unit_type,
        "kind": kind,
        "year": str(year),
    }


_ITEM_BY_KEY: dict[str, Field] = {f.key: f for f in ITEM_FIELDS}


def _note(f: Field) -> str:
    return ("必填：" if f.required else "可不填：") + f.description


def _quoted(value: str) -> str:
    """A value as YAML text: quoted when YAML would read it as something else than the text."""
    if value.endswith(("人次", "%")):
        return f'"{value}"'
    return value


def _entry(entry: _Entry, indent: str, words: dict[str, str]) -> list[str]:
    if isinstance(entry, str):
        return [f"{indent}- {Template(entry).substitute(words)}"]
    out = []
    for i, (key, template) in enumerate(entry):
        lead = f"{indent}- " if i == 0 else f"{indent}  "
        value = Template(template).substitute(words)
        if _ITEM_BY_KEY[key].kind == "texts":
            out += [f"{lead}{key}:", f"{indent}    - {value}"]
        else:
            out.append(f"{lead}{key}: {_quoted(value)}")
    return out


def _item_guide(year: int) -> list[str]:
    """The comment block that explains 事项, one line per item field."""
    lines = [
        "# ---------------------------------------------------------------",
        "# 下面四类工作各列若干“事项”，每个事项以“- ”开头（减号后空一格）。",
        "# 事项有两种写法，可以混用：",
        "# ① 分项写：" + "、".join(f.key for f in ITEM_FIELDS) + "，程序会把它们连成一句话；不需要的分项可以不写。",
    ]
    lines += [f"#      {f.key}：{f.description}。" for f in ITEM_FIELDS]
    lines += [
        f"#      （日期写成“年-月-日”，如 {year}-05-20。）",
        "# ② 整句写：直接写一句完整的话，句末带句号，程序原样使用。",
        "# ---------------------------------------------------------------",
    ]
    return lines


def example_sheet(unit_type: str, kind: str, year: int) -> str:
    """The text of a commented example fact sheet for ``drafter init``.

    Raises ValueError for a unit type or 文种 drafter does not know (the CLI checks both first).
    """
    if unit_type not in EXAMPLES:
        raise ValueError(f"unknown unit type {unit_type!r}; expected one of {', '.join(UNIT_TYPES)}")
    if kind not in WORDING:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    words = _words(unit_type, kind, year)
    example = EXAMPLES[unit_type]
    personal = kind == PERSONAL
    top = {
        "单位": example.unit,
        "单位类型": unit_type,
        "年度": str(year),
        "文种": kind,
        "报告人": "张某某",
        "职务": example.position,
        "上级工会": example.parent,
        "党组织": example.party,
    }
    overview = {
        "会员人数": example.members,
        "职工人数": example.staff_count,
        "女职工人数": example.women,
        "基层工会数": example.unions,
        "入会率": example.rate,
    }
    out = [MODELINE, Template(_HEADER).substitute(words).rstrip("\n"), ""]
    for f in FIELDS:
        if f.key in ("报告人", "职务") and not personal:
            if f.key == "报告人":
                out.append("# 报告人、职务：写述职报告时才需要，工作总结不用填。")
            continue
        if f.key in top:
            note = f.description if f.key == "报告人" else _note(f)
            out.append(f"{f.key}: {top[f.key]}    # {note}")
        elif f.key == "概况":
            out += ["", f"# {f.key}：{f.description}。", f"{f.key}:"]
            for child in f.children:
                value = overview[child.key]
                if value:
                    out.append(f"  {child.key}: {_quoted(value)}    # {child.description}")
                else:
                    out.append(f"  # {child.key}: 3    # {child.description}（有就去掉行首的“# ”再填写）")
        elif f.key == "总体评价":
            out += ["", f"# {f.key}：可不填。{f.description}，例如：", f"# {f.example_line()}"]
        elif f.kind == "items":
            if f.key == CATEGORIES[0]:
                out += ["", *_item_guide(year)]
            out += ["", f"# {f.description}", f"{f.key}:"]
            for entry in ITEMS[f.key]:
                out += _entry(entry, "  ", words)
        elif f.key == "其他工作":
            wording = WORDING[kind]
            out += ["", f"# {f.key}：{f.description}。", f"{f.key}:"]
            out += [f"  - 标题: {wording.other_title}", "    事项:", f"      - {wording.other_item}"]
        elif f.kind == "texts":
            lines = SHORTCOMINGS if f.key == "存在不足" else PLANS
            out += ["", f"# {f.key}：{f.description}。", f"{f.key}:"]
            out += [f"  - {Template(line).substitute(words)}" for line in lines]
        elif f.key == "落款":
            name, date = f.children
            out += ["", f"# {f.key}：{f.description}。", f"{f.key}:"]
            out.append(f"  {name.key}: {'张某某' if personal else example.unit}    # {name.description}")
            out.append(f"  # {date.key}: {year}-12-28    # {date.description}。要写日期时，去掉本行开头的“# ”")
        else:  # pragma: no cover - a new field must be placed in the sheet
            raise AssertionError(f"drafter init does not place field {f.key}")
    return "\n".join(out) + "\n"


def write_sheet(path: Path, text: str) -> None:
    """Write a new sheet (UTF-8, atomically) and, beside it, the schema its first line points to.

    Raises OSError (from :func:`drafter.files.atomic_write`) when the sheet cannot be
    written; a schema that cannot be written is skipped (editors then only lose completion).
    """
    from drafter.files import atomic_write
    from drafter.sheet.schema import write_beside

    atomic_write(path, text.encode("utf-8"))
    with contextlib.suppress(OSError):
        write_beside(path)
