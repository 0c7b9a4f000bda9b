"""The fact sheet's one field table: every key, what it holds, how it is read.

Everything that knows the sheet's keys comes from :data:`FIELDS`: the reader
(``drafter.sheet.reader`` picks a parser per :attr:`Field.parser`), the
``drafter init`` sheet's comments, the JSON Schema (``drafter.sheet.schema``)
and the messages that name a key or show an example.  Adding a key means
adding one :class:`Field` here, an attribute on the matching dataclass of
``drafter.sheet.facts`` and, for a new kind of value, a parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from drafter.contract import CATEGORIES, KINDS, UNIT_TYPES

# What a value is.  The reader has one parser per kind (or per ``parser``
# where one kind is read in two ways), and the schema one JSON type per kind.
FIELD_KINDS: tuple[str, ...] = (
    "text",  # one line of text
    "integer",  # a whole number (268 or "268人")
    "number",  # a head count: a whole number or "98人次"
    "percent",  # 98.5 or "98.5%"
    "date",  # a date (落款) or a time of year (事项)
    "choice",  # one of ``choices``
    "mapping",  # several ``children`` keys
    "items",  # a list of 事项: sentences or ``children`` keys
    "sections",  # a list of parts, each of ``children`` keys (其他工作)
    "texts",  # a list of sentences
)

YEAR_MIN, YEAR_MAX = 1949, 2100
NAME_MAX = 100  # characters of a name (单位, 报告人 …): a Word title holds at most 255


@dataclass(frozen=True)
class Field:
    """One key of the fact sheet."""

    key: str  # the Chinese key as written in the sheet
    kind: str  # one of FIELD_KINDS
    attr: str  # the attribute of drafter.sheet.facts it fills
    description: str  # Chinese: what to write (schema description, init comment)
    example: object = None  # a value as a chair would write it
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # English, pinyin and synonyms a chair may write instead
    children: tuple[Field, ...] = ()  # keys of a mapping, of one 事项 or of one 其他工作 part
    parser: str = ""  # the reader's parser when it differs from ``kind``
    max_length: int = 0  # characters, 0 = the general limit
    yearly: bool = False  # true of one year only: not carried into next year's sheet (init --from)

    @property
    def label(self) -> str:
        return self.key

    @property
    def read_as(self) -> str:
        return self.parser or self.kind

    def example_line(self) -> str:
        """``键: 示例`` as a message shows it."""
        value = self.example
        if isinstance(value, tuple):
            return f"{self.key}: [{', '.join(map(str, value))}]"
        return f"{self.key}: {value}"


ITEM_FIELDS: tuple[Field, ...] = (
    Field(
        "时间",
        "date",
        "when",
        "可写 3月、3月8日、上半年、下半年、春节前、9月至10月，也可写年-月-日的日期",
        "3月",
        parser="when",
        aliases=("time", "date", "when", "shijian", "时候", "riqi", "日期"),
    ),
    Field(
        "活动",
        "text",
        "activity",
        "做了什么，写成不带句号的短句，如“召开……会议”“举办……比赛”",
        "召开“三八”妇女节座谈会",
        required=True,
        aliases=("activity", "event", "huodong", "内容", "活动名称", "工作"),
    ),
    Field(
        "人数",
        "number",
        "people",
        "参加人数，写一个整数（如 45）；人次写成“98人次”",
        45,
        parser="people",
        aliases=("people", "count", "participants", "renshu", "参加人数", "参与人数", "参会人数"),
    ),
    Field(
        "成果",
        "text",
        "result",
        "取得的结果，写成不带句号的短句，如“审议通过《……》”“评出一等奖3名”",
        "了解女教职工的工作和生活情况",
        aliases=("result", "results", "outcome", "chengguo", "效果", "成效"),
    ),
    Field(
        "获奖",
        "texts",
        "awards",
        "获得的奖项，写成列表：每项一行，以“- ”开头",
        ("县演讲比赛一等奖",),
        parser="awards",
        aliases=("award", "awards", "prize", "huojiang", "奖项", "荣誉"),
    ),
)

OVERVIEW_FIELDS: tuple[Field, ...] = (
    Field("会员人数", "integer", "members", "工会会员人数", 268, aliases=("members", "huiyuanrenshu", "会员数")),
    Field(
        "职工人数",
        "integer",
        "staff",
        "本单位职工总数",
        270,
        aliases=("staff", "employees", "zhigongrenshu", "职工数", "教职工人数", "员工人数"),
    ),
    Field(
        "女职工人数",
        "integer",
        "women",
        "其中女职工人数",
        125,
        aliases=("women", "nvzhigongrenshu", "女职工数", "女教职工人数", "女员工人数"),
    ),
    Field(
        "基层工会数",
        "integer",
        "grassroots_unions",
        "下设的分工会或基层工会个数",
        3,
        aliases=("unions", "jicenggonghuishu", "基层工会"),
    ),
    Field(
        "入会率", "percent", "membership_rate", "会员占职工的百分比", "98.5%", aliases=("rate", "ruhuilv", "ruhuilü")
    ),
)

OTHER_FIELDS: tuple[Field, ...] = (
    Field(
        "标题",
        "text",
        "title",
        "这一部分工作的小标题",
        "加强工会自身建设",
        required=True,
        aliases=("biaoti", "名称", "position", "title"),
        max_length=NAME_MAX,
    ),
    Field("事项", "items", "items", "这一部分的事项列表", children=ITEM_FIELDS, aliases=("items", "shixiang", "内容")),
)

SIGNOFF_FIELDS: tuple[Field, ...] = (
    Field(
        "署名",
        "text",
        "name",
        "落款的署名，不填时用“单位”",
        "某某县第一中学工会",
        aliases=("name", "shuming"),
        max_length=NAME_MAX,
    ),
    Field(
        "日期",
        "date",
        "date",
        "落款日期（年-月-日）；不填时用生成当天，但在报告年度的次年2月以后才生成的，用该年度的12月31日",
        "2025-12-28",
        aliases=("time", "date", "when", "shijian", "时候", "riqi"),
    ),
)

_CATEGORY_NOTES: dict[str, str] = {
    "民主建设": "民主建设方面的事项：职工代表大会、单位事务公开、集体协商、合理化建议等",
    "队伍建设": "队伍建设方面的事项：学习培训、技能竞赛、职业道德、评先树优等",
    "生活保障": "生活保障方面的事项：慰问帮扶、健康体检、女职工关爱、互助保障等",
    "文体活动": "文体活动方面的事项：运动会、文艺演出、比赛、兴趣小组等",
}
_CATEGORY_ALIASES: dict[str, tuple[str, ...]] = {
    "民主建设": ("democracy", "minzhujianshe"),
    "队伍建设": ("team", "duiwujianshe"),
    "生活保障": ("welfare", "shenghuobaozhang"),
    "文体活动": ("culture", "sports", "wentihuodong"),
}

FIELDS: tuple[Field, ...] = (
    Field(
        "单位",
        "text",
        "unit",
        "工会组织的全称",
        "某某县第一中学工会",
        required=True,
        aliases=("unit", "danwei", "单位名称", "工会名称", "名称", "org", "organization", "organisation"),
        max_length=NAME_MAX,
    ),
    Field(
        "单位类型",
        "choice",
        "unit_type",
        "、".join(UNIT_TYPES) + " 之一，决定报告中的用词",
        "学校",
        required=True,
        choices=UNIT_TYPES,
        aliases=("type", "unittype", "leixing", "danweileixing", "类型", "单位性质"),
    ),
    Field(
        "年度",
        "integer",
        "year",
        "总结哪一年的工作（四位数的年份）",
        2025,
        required=True,
        parser="year",
        aliases=("year", "niandu", "年份", "年"),
    ),
    Field(
        "文种",
        "choice",
        "kind",
        "工作总结（不填时默认）或 述职报告",
        KINDS[0],
        choices=KINDS,
        aliases=("kind", "wenzhong", "文体", "类别", "doctype"),
    ),
    Field(
        "报告人",
        "text",
        "reporter",
        "述职人的姓名，文种为述职报告时必填",
        "张三",
        aliases=("reporter", "baogaoren", "述职人", "姓名", "作者", "author", "name", "shuming"),
        max_length=NAME_MAX,
    ),
    Field(
        "职务",
        "text",
        "position",
        "述职人的职务",
        "工会主席",
        aliases=("position", "zhiwu", "职位", "title"),
        max_length=NAME_MAX,
    ),
    Field(
        "上级工会",
        "text",
        "parent_union",
        "上级工会，写在开头“在……的领导下”",
        "县教育工会",
        aliases=("parent", "shangjigonghui", "上级"),
        max_length=NAME_MAX,
    ),
    Field(
        "党组织",
        "text",
        "party_org",
        "同级党组织，同样写在开头",
        "校党支部",
        aliases=("party", "dangzuzhi", "党委", "党支部"),
        max_length=NAME_MAX,
    ),
    Field(
        "概况",
        "mapping",
        "overview",
        "开头一段用到的基本数字，都可不填；有哪项填哪项",
        children=OVERVIEW_FIELDS,
        aliases=("overview", "gaikuang", "基本情况", "情况"),
    ),
    Field(
        "总体评价",
        "text",
        "assessment",
        "填了就用这句话代替程序生成的开头概括句",
        "一年来，工会紧紧围绕中心工作，……取得了新的成效。",
        aliases=("assessment", "summary", "zongtipingjia", "评价", "总评"),
        yearly=True,
    ),
    *(
        Field(
            cat,
            "items",
            "categories",
            _CATEGORY_NOTES[cat],
            children=ITEM_FIELDS,
            aliases=_CATEGORY_ALIASES[cat],
            yearly=True,
        )
        for cat in CATEGORIES
    ),
    Field(
        "其他工作",
        "sections",
        "other_work",
        "不属于上面四类的工作，可分几个部分，每部分一个“标题”和若干“事项”",
        children=OTHER_FIELDS,
        aliases=("other", "others", "qitagongzuo", "其它工作", "其他"),
        yearly=True,
    ),
    Field(
        "存在不足",
        "texts",
        "shortcomings",
        "每条一句话，句末带句号",
        ("活动形式还比较单一。",),
        aliases=("problems", "shortcomings", "cunzaibuzu", "不足", "问题"),
        yearly=True,
    ),
    Field(
        "明年打算",
        "texts",
        "plans",
        "每条一句话，句末带句号",
        ("进一步规范教代会工作。",),
        aliases=("plans", "plan", "mingniandasuan", "打算", "计划", "明年计划"),
        yearly=True,
    ),
    Field(
        "落款",
        "mapping",
        "signoff",
        "文末的署名和日期",
        children=SIGNOFF_FIELDS,
        aliases=("signoff", "signature", "luokuan"),
    ),
)

TOP_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)
BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}


def walk(fields: Sequence[Field] = FIELDS) -> Iterator[tuple[str, Field]]:
    """Every field with the key of the level it belongs to ("top", "概况", "事项" …), top level first."""
    yield from (("top", f) for f in fields)
    for f in fields:
        if f.children:
            home = "事项" if f.kind == "items" else f.key
            for child in f.children:
                yield home, child
            for child in f.children:
                if child.children:
                    yield from ((("事项" if child.kind == "items" else child.key), c) for c in child.children)


# Where a key belongs, to explain a key written at the wrong level.
HOME: dict[str, str] = {}
for _home, _f in walk():
    HOME.setdefault(_f.key, _home)
ALL_KEYS = frozenset(HOME)
KEY_LIST = tuple(HOME)

# English / pinyin / synonym spellings -> the keys they may mean (the first
# one valid in the mapping at hand is suggested).
ALIASES: dict[str, tuple[str, ...]] = {}
for _home, _f in walk():
    for _name in _f.aliases:
        if _f.key not in ALIASES.get(_name, ()):
            ALIASES[_name] = (*ALIASES.get(_name, ()), _f.key)

# Traditional -> simplified for the characters of the keys.
_TRAD = str.maketrans(
    "單類種報務級會黨織況員數職層總體評價設隊護動間獲獎標題項歲時費參與計劃",
    "单类种报务级会党织况员数职层总体评价设队护动间获奖标题项岁时费参与计划",
)

# Words a chair writes for a unit type or 文种 -> the choice meant.
CHOICE_HINTS: dict[str, dict[str, str]] = {
    "单位类型": {
        **dict.fromkeys(("公司", "国企", "民企", "私企", "工厂", "集团", "company", "enterprise"), "企业"),
        **dict.fromkeys(("中学", "小学", "大学", "高校", "学院", "幼儿园", "职校", "school"), "学校"),
        **dict.fromkeys(("政府", "机关单位", "行政机关", "government"), "机关"),
        **dict.fromkeys(("卫生院", "卫生", "hospital"), "医院"),
        **dict.fromkeys(("社区", "街道", "乡镇"), "乡镇街道"),
        **dict.fromkeys(("其它", "other"), "其他"),
    },
    "文种": {
        **dict.fromkeys(("总结", "年度总结", "工作报告", "年终总结", "summary"), "工作总结"),
        **dict.fromkeys(("述职", "个人述职", "述职述廉报告", "report"), "述职报告"),
    },
}


def close_match(word: str, options: Sequence[str]) -> str | None:
    """The option nearest to ``word``, if any is near."""
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return found[0] if found else None


def suggest(key: str, allowed: Sequence[str]) -> str | None:
    """The valid key the user probably meant, or None."""
    simple = key.translate(_TRAD)
    if simple in allowed:
        return simple
    squashed = re.sub(r"[\s_\-]+", "", simple).lower()
    for target in ALIASES.get(squashed, ()) + ALIASES.get(simple, ()):
        if target in allowed:
            return target
    if simple in ALL_KEYS and simple not in allowed:
        return None  # a real key at the wrong level: explained by its home
    return close_match(simple, allowed)
