"""Outlined, classified reports → skeletons: the generic phrases of each part.

For each 文种 (工作总结 from organisational reports, 述职报告 from personal
ones) and each part of a report, the skeleton keeps the phrases the samples
use there:

* per category: section headings (标题), lead sentences (引言), closing sentences (结语);
* per document: the opening formula (开头), the self-introduction of a
  述职报告 (自我介绍), the transition (过渡: 现将…如下：), the leads of the
  problems and plans parts, the closing formula (结尾), item connectors (承接).

Every phrase is abstracted over the unit type (教职工/职工/员工 → ``{{ 职工 }}``,
教代会/职代会 → ``{{ 职代会 }}``, 学校/公司 → ``{{ 单位称 }}`` …) and over the
report's own slots (the leaders named in 在…的领导下 → ``{{ 领导 }}``), then
checked: no digits, counts, names, places, organisations, 《titles》, “names”,
placeholders, rare proper nouns, or machine-spun wording.  Each kept phrase
carries its provenance (sample file, report, paragraph); each rejected one
its reason, for the learn summary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from drafter.contract import CATEGORIES, PERSONAL, SUMMARY
from drafter.learn.corpus.load import Paragraph
from drafter.learn.outline import OutlinedReport, Section
from drafter.topics import TOPICS, topics_in

# -- abstraction over the unit type ------------------------------------------

# (pattern, variable), tried as one alternation, longest first.
_VOCAB_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"(?:我校|我院|我们|我单位|本单位|学校|公司|医院|单位)工会(?!主席|委员|干部|小组|组织|会员|经费|工作|法)", "本会"),
    # 局工会, 院工会, 镇总工会 opening a clause name the union itself (县总工会, 市总工会 are its superiors).
    (
        r"(?:(?<![\u4e00-\u9fff])|(?<=[是由为在将]))(?:局|院|厂|校|镇|街道)总?工会(?!主席|委员|干部|小组|组织|会员|经费|工作|法)",
        "本会",
    ),
    (r"教职工代表大会|职工代表大会", "职代会全称"),
    (r"医护职工|医务职工|医务人员|干部职工|教职员工|教职工|教工|员工|职工|教师(?!节)", "职工"),
    (r"教代会|职代会", "职代会"),
    (r"校务公开|厂务公开|企务公开|院务公开|政务公开", "公开"),
    (r"教育教学|生产经营", "业务"),
    (r"我校|我院|本单位", "本单位"),
    (r"学校|公司|医院", "单位称"),
)
_VOCAB_RE = re.compile("|".join(f"(?P<v{i}>{p})" for i, (p, _) in enumerate(_VOCAB_PATTERNS)))

# 在 X 的（正确）领导下 → 在{{ 领导 }}的（正确）领导下
_LEADERS_RE = re.compile(r"在([^，。；：]{2,40}?)的(正确|坚强|大力|关心和)?领导下")
# 现将 … 如下：
_TRANSITION_RE = re.compile(r"现将[^。；！？]{0,40}?如下[^。；！？]{0,16}?[：:。]")
# 本人 X，现任 Y。 (the self-introduction of a 述职报告)
_INTRO_RE = re.compile(r"^(?:我是|本人|我叫)[^，。]{0,12}[，,]?\s*现任[^。]{2,40}。")
_YEAR_RE = re.compile(r"(?:19|20)\d\d年|〔X〕年|20〔X〕年")
_SENTENCE_RE = re.compile(r"[^。！？]*[。！？]|[^。！？]+$")
_MARKER_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[①-⑳]|第[一二三四五六七八九十]+[，、]|"
    r"[一二三四五六七八九十]+是)\s*"
)
_FIRST_PERSON_SINGULAR = re.compile(r"我(?!们|校|院|单位|局|公司|县|市|区|镇|乡|国)|本人|自己")
_CONNECTOR_RE = re.compile(r"^(同时|此外|另外|与此同时|除此之外|在此基础上|其次|再次|最后|此后|另一方面|为此|因此)，")
_PROBLEM_CUE = re.compile(r"(存在|还有)[^。]{0,20}(问题|不足|差距)")
_PLAN_CUE = re.compile(r"(今后|新的一年|明年|下一步|来年)[^。]{0,30}(将|要|继续)")
# A closing sentence sums up; it must not state a fact of the sample's year.
_CLAIM = re.compile(r"未发生|全年|今年|本年|当年|累计|共计|完成了|实现了|被评为|荣获")
_EVALUATIVE = re.compile(
    r"增强|提高|提升|凝聚|促进|丰富|营造|激发|推动|调动|保障|维护|得到|有效|进一步|氛围|活力|满意|温暖|认可|作用"
)
_NOT_A_STATEMENT = re.compile(r"有请|在此|如下|以下|其具体|这[^一]|上述|该")
_TRADE = re.compile(r"为(?!工会)[^，。]{1,6}事业")
_POSITION_CLAUSE = re.compile(r"^[^，。]*(担任|任职|以来|上任)[^，。]*，")
# Slots that introduce what follows (现将…如下：, 主要有：) may point forward.
_LISTING_SLOTS = frozenset({"过渡", "不足引言", "打算引言"})
# The ending's formula (不妥之处，请批评指正): it closes a report, never leads into it.
_CLOSING_FORMULA = re.compile(r"不妥之处|批评指正|请予审议")
# A section heading names the topic, in general words, not one activity.
_TOPIC_WORDS: dict[str, re.Pattern[str]] = {
    "民主建设": re.compile(r"民主|公开|权益|参与|监督|协商|代会|代表大会"),
    "队伍建设": re.compile(r"队伍|素质|建功|能力|人才|自身建设|技能"),
    "生活保障": re.compile(r"生活|保障|关爱|温暖|帮扶|福利|健康"),
    "文体活动": re.compile(r"文化|文体|体育|活力|凝聚"),
}
_ONE_ACTIVITY = re.compile(r"举办|召开|参加|组织了|每年|每月|每季")
_UNIT_SPECIFIC = re.compile(r"学生|课堂|教学(?!楼)|校园|患者|病人|村民|车间|班组|课改|师德|企业|辖区")
# A lead sentence that lists what was done is a fact of its report, not a frame.
_ACTIVITY_LEAD = re.compile(r"^(?:举办|召开|走访|慰问|组织了|参加|开展了|为全体)")
# 高度重视职工队伍建设: an attitude, where a heading names the work (加强队伍建设，提升职工素质).
_ATTITUDE = re.compile(r"^(高度|十分|非常|始终)?重视|^认真(做好|抓好)")

MIN_SENTENCE = 8
MAX_LEAD = 80
MAX_HEADING = 24


@dataclass(frozen=True)
class Provenance:
    source: str  # sample file name
    report: int  # report index in the run
    paragraph: int  # paragraph index within the report (1-based)

    def __str__(self) -> str:
        return f"{self.source} 第{self.report}篇 第{self.paragraph}段"


@dataclass(frozen=True)
class Phrase:
    text: str  # a template line, with {{ variables }}
    provenance: Provenance | None  # None for built-in wording
    topics: tuple[str, ...] = ()  # the topics the phrase asserts (drafter.topics), in table order


@dataclass(frozen=True)
class Rejected:
    text: str
    reason: str
    provenance: Provenance


@dataclass
class Skeleton:
    """The phrases of one 文种: template name → slot → phrases in corpus order."""

    kind: str
    slots: dict[str, dict[str, list[Phrase]]] = field(default_factory=dict)

    def add(self, template: str, slot: str, phrase: Phrase) -> None:
        bucket = self.slots.setdefault(template, {}).setdefault(slot, [])
        if all(p.text != phrase.text for p in bucket):
            bucket.append(phrase)

    def get(self, template: str, slot: str) -> list[Phrase]:
        return self.slots.get(template, {}).get(slot, [])


@dataclass
class SkeletonResult:
    skeletons: dict[str, Skeleton]
    rejected: list[Rejected]

    def kept(self) -> int:
        return sum(len(p) for s in self.skeletons.values() for slots in s.slots.values() for p in slots.values())

    def reasons(self) -> Counter[str]:
        return Counter(r.reason for r in self.rejected)


# -- helpers ------------------------------------------------------------------


def abstract_vocabulary(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        for name, value in m.groupdict().items():
            if value is not None:
                return "{{ " + _VOCAB_PATTERNS[int(name[1:])][1] + " }}"
        return m.group()

    return _VOCAB_RE.sub(sub, text)


def strip_marker(heading: str) -> str:
    return _MARKER_RE.sub("", heading, count=1).strip().rstrip("。；;，,：:")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.findall(text) if s.strip()]


# What a vocabulary variable stands for when the topics of a phrase are read (the unit's own word hides them).
_VARIABLE_WORDS = {"职代会": "职代会", "职代会全称": "职工代表大会", "公开": "厂务公开"}
_VARIABLE_RE = re.compile(r"\{\{\s*([^}\s]+)\s*\}\}")


def asserted_topics(text: str) -> tuple[str, ...]:
    """The topics a phrase asserts (``drafter.topics``), vocabulary variables read as their words."""
    plain = _VARIABLE_RE.sub(lambda m: _VARIABLE_WORDS.get(m.group(1), ""), text)
    found = topics_in(plain)
    return tuple(t.name for t in TOPICS if t.name in found)


def _without_variables(text: str) -> str:
    return re.sub(r"\{\{[^}]*\}\}", "", text)


Checker = Callable[[str], "str | None"]


@dataclass
class _Collector:
    check: Checker  # why_not_generic, wrapped: None when fine
    repair: Callable[[str], str]  # spun wording → original
    spun_ok: Callable[[str], bool]
    result: SkeletonResult
    topic: Callable[[str], str] = lambda text: ""  # the category a phrase speaks for by itself

    def offer(self, kind: str, template: str, slot: str, text: str, prov: Provenance, *, personal_ok: bool) -> bool:
        """Check a candidate phrase and keep it if it is generic."""
        text = self.repair(text.strip())
        reason = self._why_not(text, personal_ok=personal_ok, listing=slot in _LISTING_SLOTS)
        if reason is not None:
            self.result.rejected.append(Rejected(text, reason, prov))
            return False
        self.result.skeletons[kind].add(template, slot, Phrase(text, prov, asserted_topics(text)))
        return True

    def _why_not(self, text: str, *, personal_ok: bool, listing: bool = False) -> str | None:
        plain = _without_variables(text)
        if len(plain) < 4:
            return "太短"
        if not self.spun_ok(text):
            return "疑似伪原创措辞"
        if "〔X〕" in text:
            return "含占位符"
        if not personal_ok and _FIRST_PERSON_SINGULAR.search(plain):
            return "第一人称（只用于述职报告）"
        if _UNIT_SPECIFIC.search(plain):
            return "含只适用于某类单位的词"
        if not listing and _NOT_A_STATEMENT.search(plain):
            return "指代上下文（这、上述、如下……）"
        if _TRADE.search(plain):
            return "含行业名称"
        if _CONNECTOR_RE.match(plain):
            return "以承接语开头"
        return self.check(text)


def _kind_of(report_kind: str) -> str:
    return PERSONAL if report_kind == "personal" else SUMMARY


Prov = Callable[[Paragraph], Provenance]


# -- the stage ----------------------------------------------------------------


def build_skeletons(
    outlined: Iterable[OutlinedReport],
    category_of: Callable[[Section], str],
    *,
    check: Checker,
    repair: Callable[[str], str],
    spun_ok: Callable[[str], bool],
    topic: Callable[[str], str] = lambda text: "",
) -> SkeletonResult:
    """Collect generic phrases from outlined reports.

    Duplicates (``report.duplicate_of``) are skipped.  ``category_of(section)`` gives a top-level section's category.
    """
    result = SkeletonResult({SUMMARY: Skeleton(SUMMARY), PERSONAL: Skeleton(PERSONAL)}, [])
    c = _Collector(check, repair, spun_ok, result, topic)
    connectors: Counter[str] = Counter()
    for o in outlined:
        report = o.report
        if report.duplicate_of:
            continue
        kind = _kind_of(report.kind)
        personal = kind == PERSONAL
        formulas = report.kind != "other"  # an activity 小结 has no year-end formulas

        def prov(p: Paragraph, source: str = report.source.name, rindex: int = report.index) -> Provenance:
            return Provenance(source, rindex, p.index + 1)

        if formulas:
            _opening(c, kind, o.opening, prov, personal)
            _closing(c, kind, o.closing, prov, personal)
        for section in o.sections:
            category = category_of(section)
            paras = section.paragraphs
            if formulas:
                _problems_and_plans(c, kind, paras, prov, personal)
            for p in paras:
                m = _CONNECTOR_RE.match(p.text)
                if m:
                    connectors[m.group(1) + "，"] += 1
            if category not in CATEGORIES:
                continue
            _section(c, kind, category, section, paras, prov, personal)
    for skeleton in result.skeletons.values():
        for connector, _n in sorted(connectors.items(), key=lambda kv: (-kv[1], kv[0])):
            skeleton.add("文档", "承接", Phrase(connector, None))
    return result


def _section(
    c: _Collector, kind: str, category: str, section: Section, paras: list[Paragraph], prov: Prov, personal: bool
) -> None:
    heading = strip_marker(section.heading)
    marked = section.marked
    first_prov = prov(paras[0]) if paras else Provenance("", 0, 0)
    if marked and heading and len(heading) <= MAX_HEADING and "了" not in heading:
        if c.topic(heading) != category or not _TOPIC_WORDS[category].search(heading):
            c.result.rejected.append(Rejected(heading, "标题本身看不出所属类别", first_prov))
        elif _ONE_ACTIVITY.search(heading):
            c.result.rejected.append(Rejected(heading, "标题写的是一项具体活动", first_prov))
        elif _ATTITUDE.match(heading):
            c.result.rejected.append(Rejected(heading, "标题写的是态度，不是所做的工作", first_prov))
        else:
            c.offer(kind, category, "标题", abstract_vocabulary(heading), first_prov, personal_ok=True)
    body = [p for p in paras if not _MARKER_RE.match(p.text) and p.text.strip() != section.heading.strip()]
    if not body:
        return
    first = sentences(body[0].text)
    if marked and first and _ACTIVITY_LEAD.match(first[0]):
        c.result.rejected.append(Rejected(first[0], "引言写的是具体活动", prov(body[0])))
    elif marked and first and MIN_SENTENCE <= len(first[0]) <= MAX_LEAD and first[0].endswith("。"):
        c.offer(kind, category, "引言", abstract_vocabulary(first[0]), prov(body[0]), personal_ok=personal)
    last = sentences(body[-1].text)
    if last and len(last) >= 1 and (len(body) > 1 or len(last) > 1) and MIN_SENTENCE <= len(last[-1]) <= MAX_LEAD:
        closing = last[-1]
        if closing.endswith("。") and not (first and closing == first[0]):
            where = prov(body[-1])
            if _CLAIM.search(closing):
                c.result.rejected.append(Rejected(closing, "结语里有具体事实", where))
            elif not _EVALUATIVE.search(closing):
                c.result.rejected.append(Rejected(closing, "不像总结性的结语", where))
            else:
                c.offer(kind, category, "结语", abstract_vocabulary(closing), where, personal_ok=personal)


def _abstract_opening(sentence: str) -> str:
    text = _LEADERS_RE.sub(lambda m: "在{{ 领导 }}的" + (m.group(2) or "") + "领导下", sentence, count=1)
    text = _YEAR_RE.sub("{{ 年度 }}年", text)
    text = re.sub(r"^今年(?=[，,])", "{{ 年度 }}年", text)  # 今年，… opens with the year of the report
    return abstract_vocabulary(text)


def _opening(c: _Collector, kind: str, paras: list[Paragraph], prov: Prov, personal: bool) -> None:
    for p in paras:
        text = p.text.strip()
        if text.endswith("：") and len(text) <= 16:
            if personal:
                c.offer(kind, "文档", "称呼", text, prov(p), personal_ok=True)
            continue
        if personal:
            m = _INTRO_RE.match(text)
            if m:
                c.result.skeletons[kind].add("文档", "自我介绍", Phrase("本人{{ 报告人 }}，现任{{ 任职 }}。", prov(p)))
                text = text[m.end() :]
        t = _TRANSITION_RE.search(text)
        if t:
            transition = t.group().rstrip(":：。") + "："
            if _CLOSING_FORMULA.search(transition):
                # 现将…述职如下，不妥之处，请批评指正： says the ending's words before the report.
                c.result.rejected.append(Rejected(transition, "过渡里夹着结尾的客套话", prov(p)))
            else:
                c.offer(kind, "文档", "过渡", _abstract_opening(transition), prov(p), personal_ok=personal)
            text = text[: t.start()].rstrip("，,；;")
            if text and not text.endswith("。"):
                text += "。"
        for s in sentences(text):
            if "领导下" in s and _LEADERS_RE.search(s):
                c.offer(kind, "文档", "开头", _abstract_opening(s), prov(p), personal_ok=personal)


def _closing(c: _Collector, kind: str, paras: list[Paragraph], prov: Prov, personal: bool) -> None:
    for p in paras:
        for s in sentences(p.text):
            if len(s) < MIN_SENTENCE:
                continue
            if s.startswith("总之") or "回顾" in s or "过去的一年" in s:
                # The ending follows the plans: it looks forward (prose rules §7).
                c.result.rejected.append(Rejected(s, "回顾性的结尾（结尾在工作打算之后，应面向新的一年）", prov(p)))
            elif s.startswith("以上") or _PLAN_CUE.search(s):
                c.offer(kind, "文档", "结尾", _abstract_opening(s), prov(p), personal_ok=personal)


def _problems_and_plans(c: _Collector, kind: str, paras: list[Paragraph], prov: Prov, personal: bool) -> None:
    for p in paras:
        text = p.text
        for s in sentences(text) or [text]:
            lead = s.split("：")[0] + "：" if "：" in s else ""
            if not lead or len(lead) < MIN_SENTENCE or len(lead) > MAX_LEAD:
                continue
            clause = lead
            if lead.count("，") >= 2 and (_YEAR_RE.search(lead.split("，", 1)[0]) or _POSITION_CLAUSE.match(lead)):
                clause = lead.split("，", 1)[1]
            if _PROBLEM_CUE.search(clause):
                c.offer(kind, "文档", "不足引言", abstract_vocabulary(clause), prov(p), personal_ok=personal)
            elif _PLAN_CUE.search(clause):
                c.offer(kind, "文档", "打算引言", _abstract_opening(clause), prov(p), personal_ok=personal)
