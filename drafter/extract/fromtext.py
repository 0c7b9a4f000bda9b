"""A report written by hand → a fact sheet, through the learner's outline and classifier.

The learner cuts the report into opening, sections and closing
(:mod:`drafter.learn.outline`) and says which work category a section is
about (:mod:`drafter.learn.classify`).  Here each section gets a role: work
(its paragraphs become 事项 of its category, or a part of 其他工作), 存在不足,
明年打算, or a wrapper such as 「一、主要工作」 whose children are the work
sections.  The opening gives the leadership sentence and the figures; the
closing gives the 落款.  What has no place becomes a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.contract import OTHER, PERSONAL, SUMMARY
from drafter.extract import figures as fig
from drafter.extract.items import is_lead_in, points, sentences, strip_marker, structured, without_heading
from drafter.extract.model import ExtractedSheet, ItemOut, OtherPart, Source
from drafter.learn.classify import classify_many
from drafter.learn.corpus.load import Paragraph
from drafter.learn.outline import OutlinedReport, Section
from drafter.sheet.values import MAX_TEXT

_PROBLEMS_RE = re.compile(r"不足|问题|差距|短板|薄弱|困难和")
_PLANS_RE = re.compile(r"打算|计划|思路|设想|努力方向|下一步|明年|来年|今后|展望|工作安排")
_WRAPPER_RE = re.compile(
    r"主要工作|工作回顾|一年来|主要做法|履行职责|履职情况|工作情况|主要成绩|取得的成绩|工作开展情况|工作成效|开展的工作"
)
# An unmarked block (a report without headings) that opens on its shortcomings or its plans.
_BLOCK_PROBLEMS_RE = re.compile(r"^[^。]{0,12}(?:存在|还有)[^。]{0,12}(?:不足|问题|差距)|^[^。]{0,6}不足")
_BLOCK_PLANS_RE = re.compile(r"^(?:(?:19|20)\d{2}年|明年|新的一年|下一步|今后|来年|展望)[^。]{0,20}(?:将|要|打算|计划)")
_PLAN_SENTENCE_RE = re.compile(r"将|明年|今后|下一步|计划|打算|来年|新的一年")
_SALUTATION_RE = re.compile(r"^(?:尊敬的)?[^。，]{0,30}(?:领导|代表|同志|老师|同事|委员|朋友)们?[：:]$")
_TITLE_LIMIT = 30
_POINT_RE = re.compile(r"^其?[一二三四五六七八九十]+是")

_OVERVIEW_RE = re.compile(r"^(?:基本情况|基本概况|概况|单位概况|工会概况|工会基本情况)$")

WORK, PROBLEMS, PLANS, MIXED, WRAPPER, OVERVIEW = "work", "problems", "plans", "mixed", "wrapper", "overview"


@dataclass
class _Work:
    """Paragraphs that go to one category together: a work section, or one paragraph of a plain list."""

    heading: str  # what the classifier reads as the heading
    text: str  # what it reads as the body
    paragraphs: list[Paragraph]
    title: str  # the 标题 of its part of 其他工作 if it lands there


class _Reader:
    def __init__(self, outlined: OutlinedReport, file: Path) -> None:
        self.outlined = outlined
        self.file = file
        self.unit_word = "段" if file.suffix.lower() in (".docx", ".docm") else "行"
        self.sheet = ExtractedSheet(source=str(file))
        self.work: list[_Work] = []  # classified together, in reading order

    def source(self, p: Paragraph) -> Source:
        return Source(str(self.file), f"第 {p.source_line} {self.unit_word}", p.text)

    # -- head and tail ------------------------------------------------------

    def head(self) -> None:
        sheet, report = self.sheet, self.outlined.report
        title = (report.title or "").strip()
        opening = [p for p in self.outlined.opening if not _SALUTATION_RE.match(p.text.strip())]
        text = "\n".join(p.text for p in opening)
        personal = "述职" in title or report.kind == "personal"
        sheet.kind = PERSONAL if personal else SUMMARY
        sheet.year = fig.first_year(title) or (fig.first_year(opening[0].text[:12]) if opening else None)
        sheet.unit = fig.unit_from_title(title) if title else None
        office = fig.office_in(text)
        if office is not None:
            sheet.unit = sheet.unit or office[0]
            if personal:
                sheet.position = office[1]
        if personal:
            sheet.reporter = next((r for r in map(fig.reporter_in, (p.text for p in opening)) if r), None)
        sheet.party_org, sheet.parent_union, rest = fig.leaders(text)
        for name in rest:
            sheet.note(
                "党组织", f"开头的领导句里还提到「{name}」，没有认出它是党组织还是上级工会", _first(opening, name, self)
            )
        sheet.overview = fig.figures(text)
        for p in opening:
            sheet.note(
                "总体评价",
                "开头这段话没有整段放进事实表（领导和人数已提取）；需要时可以改写成「总体评价」",
                self.source(p),
            )
        for p in self.outlined.opening:
            if _SALUTATION_RE.match(p.text.strip()):
                sheet.note("", "称呼没有放进事实表（述职报告的称呼由模板写）", self.source(p))

    def tail(self) -> None:
        """落款 from the closing; a closing that states next year's plan is the plan when no section gave one."""
        sheet = self.sheet
        had_plans = bool(sheet.plans)
        for p in self.outlined.closing:
            text = p.text.strip()
            date = fig.parse_date(text) if len(text) <= 20 else None
            reporter = fig.reporter_in(text) if len(text) <= 12 else None
            if date is not None:
                sheet.signoff_date = date
            elif reporter is not None:
                sheet.signoff_name = reporter
                sheet.reporter = sheet.reporter or reporter
            elif len(text) <= 30 and text[-1] not in "。！？!?：:":
                sheet.signoff_name = text
            elif _BLOCK_PLANS_RE.search(text) and not had_plans:
                sheet.plans.append(text)
                sheet.note(
                    "明年打算", "结尾这段话像是明年打算，已放进「明年打算」；如果只是客套话，请删掉", self.source(p)
                )
            else:
                sheet.note("", "结尾这段话没有放进事实表（结尾由模板写）", self.source(p))

    def finish(self) -> None:
        sheet, report = self.sheet, self.outlined.report
        if sheet.unit is None and sheet.signoff_name and not fig.is_person_name(sheet.signoff_name):
            sheet.unit = sheet.signoff_name
        if sheet.year is None and sheet.signoff_date is not None:
            date = sheet.signoff_date
            sheet.year = date.year - 1 if date.month <= 3 else date.year
            sheet.note("年度", f"标题里没有年份，按落款日期 {date:%Y-%m-%d} 推定为 {sheet.year} 年")
        if sheet.year is None:
            sheet.year = fig.first_year(report.text)
            if sheet.year is not None:
                sheet.note("年度", f"标题和落款里没有年份，按正文第一次出现的年份推定为 {sheet.year} 年")
        if sheet.unit is not None:
            sheet.unit_type = fig.unit_type_of(sheet.unit)
        if sheet.unit_type is None:
            guess = fig.LEARNER_UNIT_TYPES.get(report.unit_type, "其他")
            sheet.unit_type = guess
            sheet.note("单位类型", f"从单位名称看不出单位类型，按正文用词推定为「{guess}」")
        name = sheet.signoff_name
        if sheet.kind == PERSONAL and sheet.reporter is None and name and fig.is_person_name(name):
            sheet.reporter = name
        if sheet.signoff_name is None and sheet.unit is not None:
            sheet.signoff_name = sheet.unit

    # -- the body -----------------------------------------------------------

    def body(self) -> None:
        for section in self.outlined.sections:
            self.section(section, top=True)
        decisions = classify_many((w.heading, w.text) for w in self.work)
        for work, decision in zip(self.work, decisions, strict=True):
            self.work_items(work, decision.category)

    def section(self, section: Section, *, top: bool) -> None:
        heading = _heading(section)
        role = _role(section, heading)
        if role == WRAPPER and top:
            for p in _own_body(section, heading):
                self.sheet.note("", "「" + heading + "」下的这段话没有放进事实表", self.source(p))
            for child in section.children:
                self.section(child, top=False)
        elif role == OVERVIEW:
            self.overview(section, heading)
        elif role in (PROBLEMS, PLANS, MIXED):
            self.points(section, heading, role)
        else:
            paras = _all_body(section, heading)
            if section.marked and _WRAPPER_RE.search(heading[:24]) and len(paras) > 1:
                # 「一、主要工作」 over a plain list of paragraphs: each paragraph is classified on its own.
                self.work += [_Work(_clause(p.text), p.text, [p], _clause(p.text)) for p in paras]
            else:
                title = heading if section.marked else heading.split("，")[0]
                self.work.append(_Work(heading, section.text, paras, title))

    def overview(self, section: Section, heading: str) -> None:
        """A 「基本情况」 section: figures and leaders where the opening gave none; its words become notes."""
        sheet = self.sheet
        paras = _all_body(section, heading)
        text = "\n".join(p.text for p in paras)
        sheet.overview = {**fig.figures(text), **sheet.overview}
        party, union, _rest = fig.leaders(text)
        sheet.party_org, sheet.parent_union = sheet.party_org or party, sheet.parent_union or union
        for p in paras:
            sheet.note("概况", f"「{heading}」这段话没有整段放进事实表（人数已提取）", self.source(p))

    def points(self, section: Section, heading: str, role: str) -> None:
        sheet = self.sheet
        paras = _all_body(section, heading)
        numbered = [k for k, p in enumerate(paras) if _numbered(p.text)]
        for k, p in enumerate(paras):
            text = strip_marker(p.text)
            if is_lead_in(text):
                self.sheet.note("", "这段引导语没有放进事实表", self.source(p))
                continue
            if role == PLANS and len(numbered) >= 2 and k > numbered[-1]:
                # a plain paragraph after the numbered plans is the report's closing words
                self.sheet.note("", "结尾这段话没有放进事实表（结尾由模板写）", self.source(p))
                continue
            for point in points(text):
                if role == MIXED:
                    for s in sentences(point):
                        (sheet.plans if _PLAN_SENTENCE_RE.search(s) else sheet.shortcomings).append(s)
                else:
                    (sheet.shortcomings if role == PROBLEMS else sheet.plans).append(point)

    def work_items(self, work: _Work, category: str) -> None:
        items: list[ItemOut] = []
        for p in work.paragraphs:
            text = strip_marker(p.text)
            if not text or (len(text) <= _TITLE_LIMIT and text[-1] not in "。！？!?；;"):
                continue  # a sub-heading line
            if is_lead_in(text):
                self.sheet.note("", "这段引导语没有放进事实表", self.source(p))
                continue
            items += [_item(chunk, self.source(p)) for chunk in _chunks(text)]
        if not items:
            return
        if category == OTHER:
            self.sheet.other_work.append(OtherPart(_part_title(work.title), items))
        else:
            self.sheet.categories[category].extend(items)


def _numbered(text: str) -> bool:
    """The paragraph opens with its number (一、 1. 一是 第一，…)."""
    return strip_marker(text) != text.strip() or bool(_POINT_RE.match(text.strip()))


def _first(paras: list[Paragraph], needle: str, reader: _Reader) -> Source | None:
    for p in paras:
        if needle in p.text:
            return reader.source(p)
    return None


def _heading(section: Section) -> str:
    return strip_marker(section.heading).rstrip("。：:；; ") if section.marked else section.heading


def _role(section: Section, heading: str) -> str:
    if section.marked:
        short = heading[:24]
        if _OVERVIEW_RE.match(short):
            return OVERVIEW
        problems, plans = bool(_PROBLEMS_RE.search(short)), bool(_PLANS_RE.search(short))
        if problems and plans:
            return MIXED
        if problems:
            return PROBLEMS
        if plans:
            return PLANS
        if section.children and not all(c.is_item for c in section.children):
            own = _own_body(section, heading)
            if _WRAPPER_RE.search(short) or all(is_lead_in(p.text) for p in own):
                return WRAPPER
        return WORK
    first = sentences(section.paragraphs[0].text)[0] if section.paragraphs else ""
    if _BLOCK_PROBLEMS_RE.search(first):
        return PROBLEMS
    if _BLOCK_PLANS_RE.search(first):
        return PLANS
    return WORK


def _own_body(section: Section, heading: str) -> list[Paragraph]:
    """The section's own paragraphs after its heading (children not included)."""
    out = []
    for k, p in enumerate(section.paragraphs):
        if k == 0 and section.marked:
            rest = without_heading(strip_marker(p.text), heading)
            if not rest:
                continue
            p = Paragraph(rest, p.index, p.source_line, p.style_level)
        out.append(p)
    return out


def _all_body(section: Section, heading: str) -> list[Paragraph]:
    """The section's paragraphs after its heading, its children's included.

    A child's heading is dropped only when it is a bare title; a child that
    opens with a whole sentence (「一是…。二是…。」) keeps it as content.
    """
    out = _own_body(section, heading)
    for child in section.children:
        title = child.heading.rstrip()
        if child.is_item or title[-1:] in "。！？!?；;":
            out.extend(child.paragraphs)
        else:
            out.extend(_own_body(child, _heading(child)))
    return out


def _chunks(text: str) -> list[str]:
    """``text`` in whole sentences of at most MAX_TEXT characters (the sheet's limit for one value)."""
    out: list[str] = []
    for sentence in sentences(text):
        if out and len(out[-1]) + len(sentence) <= MAX_TEXT:
            out[-1] += sentence
        else:
            out += [sentence[k : k + MAX_TEXT] for k in range(0, len(sentence), MAX_TEXT)]
    return out


def _clause(text: str) -> str:
    """The first clause of a paragraph (a heading for one that has none)."""
    return re.split(r"[，。；：,;:]", strip_marker(text), maxsplit=1)[0]


def _part_title(text: str) -> str:
    text = re.sub(r"^在(.{2,16})方面$", r"\1", text.strip("，。；：:; "))
    return text[:_TITLE_LIMIT]


def _item(text: str, source: Source) -> ItemOut:
    parts = structured(text)
    if parts is None:
        return ItemOut(sentence=text, source=source)
    return ItemOut(
        when=str(parts["时间"]),
        activity=str(parts["活动"]),
        people=parts.get("人数"),  # type: ignore[arg-type]
        result=parts.get("成果"),  # type: ignore[arg-type]
        awards=tuple(parts.get("获奖", ())),  # type: ignore[arg-type]
        source=source,
    )


def sheet_from_outline(outlined: OutlinedReport, file: Path) -> ExtractedSheet:
    """The fact sheet of one outlined report written by hand."""
    reader = _Reader(outlined, file)
    reader.head()
    reader.body()
    reader.tail()
    reader.finish()
    return reader.sheet
