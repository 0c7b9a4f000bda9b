"""Stage 2 of the learner: headings and their levels -> a tree of sections.

A report's body is split into an opening (salutation, lead paragraphs), top-
level sections and a closing (总之…, thanks, sign-off).  Numbered headings are
ranked by the canonical order 一、 > （一） > 1、/1. > (1) > ① > 一是 > 第一，;
the highest-ranked heading style (一、 to (1), or .docx heading styles) that a
report uses at least twice is its top level, lower-ranked markers become
children.  Where a report has no numbered heading layer, and around a
numbered layer at top level, topical paragraph blocks become sections with
``marked=False``.

``to_json`` produces the ``drafter outline --json`` document (design.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from drafter.contract import OTHER
from drafter.learn.corpus.reports import Corpus, Paragraph, Report
from drafter.learn.markers import SECTION_RANK_MAX, Marker, is_heading, is_title_like, parse_marker

#: Longest heading taken from a block's first sentence (eval README convention).
HEADING_LIMIT = 40
#: A heading line this short waits for its body (it cannot be a one-sentence item).
TITLE_LINE_LIMIT = 25

_BLOCK_RANK = -100  # rank of an unmarked block at top level: above every marker
_TITLE_RANK = -50  # unnumbered heading lines: above numbering, below .docx heading styles

# ---------------------------------------------------------------------------
# Data


@dataclass
class Section:
    """A part of a report: a heading and the paragraphs under it.

    ``paragraphs`` are the section's own paragraphs (for a numbered section the
    first one holds the heading); ``children`` are the numbered parts below it.
    """

    heading: str
    marked: bool
    level: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    style: str | None = None  # marker style ("cn" 一、, "num" 1、, "heading1" …); None for an unmarked block
    number: int | None = None
    restart: bool = False  # the numbering started again at 1 here
    run_on: bool = False  # the source merged the title into its body; ``heading`` is the recovered title
    rank: float = field(default=_BLOCK_RANK, repr=False)
    #: A container part (二、主要工作, 上半年工作回顾 …) whose children are classified on their own.
    umbrella: bool = False
    #: The work category (set by :func:`drafter.learn.classify.classify_outlines`), and why.
    category: str = OTHER
    reasons: list[str] = field(default_factory=list, repr=False)

    def iter_paragraphs(self) -> Iterator[Paragraph]:
        """All paragraphs of the section in reading order, children included."""
        yield from self.paragraphs
        for child in self.children:
            yield from child.iter_paragraphs()

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def text(self) -> str:
        """The whole text of the section, heading and body, for classification."""
        return "\n".join(p.text for p in self.iter_paragraphs())

    @property
    def body(self) -> str:
        """The text after the heading."""
        text = self.text
        return text[len(self.heading) :].lstrip() if text.startswith(self.heading) else text

    @property
    def size(self) -> int:
        return sum(len(p.text) for p in self.iter_paragraphs())

    @property
    def is_item(self) -> bool:
        """A one-sentence list item standing as a numbered section (no body, no children)."""
        return (
            self.marked and len(self.paragraphs) == 1 and not self.children and self.heading == self.paragraphs[0].text
        )


@dataclass
class OutlinedReport:
    report: Report
    opening: list[Paragraph]
    sections: list[Section]
    closing: list[Paragraph]

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def parts(self) -> Iterator[Section]:
        """The sections that carry a category of their own: top-level ones, an umbrella's children instead of it."""
        for section in self.sections:
            if section.umbrella:
                yield from section.children
            else:
                yield section


# ---------------------------------------------------------------------------
# Headings

_SENTENCE_END_RE = re.compile(r"[。！？!?]+[”’」』）)》\"']*")
_CLAUSE_MARKS = "，、；：,;:"
_HAN = "\u4e00-\u9fff"
_PARALLEL_RE = re.compile(rf"(?:[{_HAN}]{{4}}[，、,；;]){{1,3}}[{_HAN}]{{4}}(?=[{_HAN}])")
# Words that open the body sentence after a run-on four-character title (…组织有力 | 在…).
_CLAUSE_OPENERS = frozenset("在为按根通以自经随由对从围针结近截今全本我各于把将")


# "一、加强民主管理 我校工会…" — a title set off from its body by spaces only.
_SPACED_TITLE_RE = re.compile(r"([^\s，。；：！？,;:!?]{2,24})[ \u3000\t]+(?=[^\s，。；：！？,;:!?])")
# "一、坚持民主管理，畅通诉求渠道 召开…" — a title (commas allowed) set off from a body sentence by spaces.
_SPACED_CLAUSE_TITLE_RE = re.compile(
    rf"([^\s。；：！？;:!?]{{2,30}}?[{_HAN}])[ \u3000\t]+(?=[{_HAN}][^。！？]{{7,}}[，。；！？])"
)
# "1、思想政治建设：一年来，…" — a short title closed by a colon, then its body.
_COLON_TITLE_RE = re.compile(r"([^，。；：！？,;:!?“”]{2,20})[：:](?=.{8,})")


def first_sentence(text: str) -> str:
    """Text up to and including the first 。！？ (with closing quotes), or all of it."""
    m = _SENTENCE_END_RE.search(text)
    return text[: m.end()] if m else text


def cut_heading(sentence: str, limit: int = HEADING_LIMIT) -> str:
    """A sentence cut at the last clause mark (，、；：) that keeps it within ``limit`` characters."""
    if len(sentence) <= limit:
        return sentence
    cut = max((i for i, ch in enumerate(sentence[: limit + 1]) if ch in _CLAUSE_MARKS and i > 0), default=-1)
    return sentence[:cut] if cut > 0 else sentence[:limit]


def block_heading(text: str) -> str:
    """Heading of an unmarked block: its first sentence, cut to 40 characters at a clause mark."""
    return cut_heading(first_sentence(text.strip()))


def run_on_title(body: str) -> str | None:
    """The title of a numbered heading the source merged into its body, if it can be found.

    "加强民主管理 我校工会…" → "加强民主管理" (spaces between title and body);
    "领导重视，组织有力领导重视，县委…" → "领导重视，组织有力" (the title's first phrase is
    repeated as the body's first words); "广泛宣传、层层动员在县委…" → "广泛宣传、层层动员"
    (parallel four-character phrases glued to a sentence that opens with 在/为/按…).
    """
    spaced = _SPACED_TITLE_RE.match(body)
    if spaced is not None:
        return spaced.group(1)
    for n in (6, 5, 4):
        phrase = body[:n]
        if len(phrase) < n or not re.fullmatch(f"[{_HAN}]+", phrase):
            continue
        k = body.find(phrase, 4)
        if 4 <= k <= 24 and not _SENTENCE_END_RE.search(body[:k]) and body[k - 1] not in _CLAUSE_MARKS:
            return body[:k]
    m = _PARALLEL_RE.match(body)
    if m and body[m.end()] in _CLAUSE_OPENERS:
        return body[: m.end()]
    return None


def marked_heading(text: str, marker: Marker) -> tuple[str, bool]:
    """Heading of a numbered paragraph, and whether it was a run-on title.

    A heading line is given in full; a title that runs into its body gives the
    title; otherwise the first sentence, cut to 40 characters at a clause mark.
    """
    if marker.style.startswith("heading") or marker.style == "title":
        return text, False
    colon = _COLON_TITLE_RE.match(text, marker.length) or _SPACED_CLAUSE_TITLE_RE.match(text, marker.length)
    if colon is not None:
        return text[: colon.end(1)], True
    sentence = first_sentence(text)
    if len(sentence) <= HEADING_LIMIT:
        return sentence, False
    title = run_on_title(text[marker.length :])
    if title is not None:
        return text[: marker.length] + title, True
    if sentence == text and len(text) <= 100:
        return text, False
    return cut_heading(sentence), False


# ---------------------------------------------------------------------------
# Opening and closing

_SALUTATION_RE = re.compile(
    r"^(?:尊敬的.{0,30}|各位.{0,30}|同志们|亲爱的.{0,20}|女士们.{0,10}|老师们.{0,10}|朋友们.{0,10}|大家(?:上午|下午|晚上)?好)[：:！!，,。]?$"
)
_LEAD_IN_RE = re.compile(
    r"如下|以下(?:几|[一二三四五六七八九十]|各|方面|工作|内容|资料|部分|[：:])|下列|具体做法|指正|(?:现|特|谨)将.{0,40}(?:汇报|报告|总结|述职|小结)"
)
_CLOSING_START_RE = re.compile(
    r"^(?:以上(?:是|就是|为|即)?(?:我|本人)?的?(?:述职|汇报|报告|总结|发言)|以上(?:是|就是|为)[^。！？]{0,16}(?:工作|情况)[，,。]|总之|总而言之|综上所述|综上|总的来说|总的看|总体来看|回顾(?:一年|过去|这一年|全年|[^，。]{0,6}来)|最后[，,]|展望|在此[，,]?(?:我|谨)|(?:再次)?(?:衷心)?(?:感谢|感激|谢谢|多谢))"
)
_FUTURE_START_RE = re.compile(
    r"^(?:今后|在今后|未来|新的一年|在新的一年|(?:在)?(?:明年|下一年|来年)(?:的工作中)?[，,])"
)
_THANKS_RE = re.compile(
    r"(?:感谢|感激|谢谢|多谢)[^。！？]{0,12}(?:大家|各位|全体|每一位|领导|同志|同事|支持|关心|帮助)"
)
_RESOLVE_RE = re.compile(r"我们?(?:将|要|会|决心)|努力|贡献|奋斗|希望|期望|祝")
_ENUMERATION_RE = re.compile(r"[一二三四五]是|[（(]?[一二三四五][）)、]|[1-5][、.．]")
_SIGNOFF_RE = re.compile(
    r"^(?:(?:我的|本人的)?(?:讲话|发言|述职|报告|汇报)?(?:到此)?(?:结束|完毕)?了?[，,]?(?:再次)?(?:谢谢|多谢|感谢)[^。]{0,12}[！!。.]?)$"
    r"|^(?:〔X〕|[0-9]{2,4}|[一二〇零○]{4})\s*年.{0,6}月.{0,6}日?$"
    r"|^(?:报告人|述职人|汇报人|发言人)[：:]"
)
_SIGNATURE_END_RE = re.compile(r"(?:工会|委员会|工会委员会|学校|公司|医院|局|中心|办公室|街道|镇|乡)$")


def _is_lead_in(text: str) -> bool:
    stripped = text.rstrip()
    if stripped.endswith(("：", ":")):
        return True
    sentences = [s for s in _SENTENCE_END_RE.split(stripped) if s.strip()]
    last = sentences[-1] if sentences else stripped
    return bool(_LEAD_IN_RE.search(last))


def _is_signoff(text: str) -> bool:
    if len(text) > 30:
        return False
    if _SIGNOFF_RE.search(text):
        return True
    return is_title_like(text, 25) and bool(_SIGNATURE_END_RE.search(text))


def _closing_strength(text: str, last: bool) -> int:
    """2: a closing formula (总之…, 以上是我的述职…, thanks); 1: a closing-like wish or resolve; 0: not closing."""
    if _CLOSING_START_RE.match(text) or (len(text) <= 200 and _THANKS_RE.search(text)):
        return 2
    if len(text) <= 200 and _FUTURE_START_RE.match(text) and not _ENUMERATION_RE.search(text):
        return 1
    return 1 if last and len(text) <= 60 and _RESOLVE_RE.search(text) else 0


def _opening_end(paras: list[Paragraph], marks: list[Marker | None], top: int | None) -> int:
    i = 0
    while i < len(paras) and marks[i] is None and len(paras[i].text) <= 40 and _SALUTATION_RE.match(paras[i].text):
        i += 1
    first_marked = next((k for k in range(i, len(paras)) if marks[k] is not None), len(paras))
    lead = None
    for k in range(i, min(first_marked, i + 4)):
        if _is_lead_in(paras[k].text):
            lead = k
    if lead is not None:
        return lead + 1
    first_mark = marks[first_marked] if first_marked < len(paras) else None
    if first_mark is not None and top is not None and first_mark.rank <= top and first_marked - i <= 2:
        return first_marked
    return min(i + 1, len(paras))


def _closing_start(paras: list[Paragraph], marks: list[Marker | None], lo: int) -> int:
    end = len(paras)
    while end > lo and marks[end - 1] is None and _is_signoff(paras[end - 1].text):
        end -= 1
    start = end
    k = end - 1
    seen = 0
    while k >= lo and seen < 3 and marks[k] is None:
        strength = _closing_strength(paras[k].text, last=k == end - 1)
        # A bare heading line just above keeps its only paragraph unless that is a closing formula.
        waiting_heading = k > lo and marks[k - 1] is not None and len(paras[k - 1].text) <= TITLE_LINE_LIMIT
        if strength == 2 or (strength == 1 and not waiting_heading):
            start = k
        elif waiting_heading:
            break
        k -= 1
        seen += 1
    return start


# ---------------------------------------------------------------------------
# Sections

_CONTINUATION_RE = re.compile(
    r"^(?:此外|另外|与此同时|同时|而且|并且|因此|所以|但是|但|然而|其中|这些|这一|这是|这样|上述|为此|对此|除此之外|除此|另一方面|不仅如此|此|该)"
)


def _marker_of(paragraph: Paragraph) -> Marker | None:
    if paragraph.style_level is not None and paragraph.style_level >= 1:
        return Marker(f"heading{paragraph.style_level}", paragraph.style_level - 10, None, 0)
    return parse_marker(paragraph.text)


def _top_rank(paras: list[Paragraph], marks: list[Marker | None]) -> int | None:
    """The rank of the report's top heading layer.

    .docx heading styles decide when a report has them: the highest style used
    is the top, even used once.  Otherwise the highest heading style used at
    least twice, unless a single heading of a higher style stands before the
    first of them (一、工作开展情况 over 1、 2、 3、): that one is the top and the
    others are its children.
    """
    styled = [m.rank for m in marks if m is not None and m.style.startswith("heading")]
    if styled:
        return min(styled)
    counts: dict[int, int] = {}
    for m in marks:
        if m is not None and m.rank <= SECTION_RANK_MAX:
            counts[m.rank] = counts.get(m.rank, 0) + 1
    eligible = [rank for rank, n in counts.items() if n >= 2]
    if not eligible:
        return None
    top = min(eligible)
    first = next(k for k, m in enumerate(marks) if m is not None and m.rank == top)
    single = [
        k
        for k in range(first)
        if (m := marks[k]) is not None
        and m.rank < top
        and m.style != "title"
        and counts.get(m.rank) == 1
        and is_heading(paras[k].text, m)
    ]
    chosen = marks[single[0]] if single else None
    return chosen.rank if chosen is not None else top


_UMBRELLA_RE = re.compile(
    r"^(?:(?:20\d\d|〔X〕)年度?|[上下]半年|全年|年度|本年度|今年|本学年|本学期|近年来|一年来|过去一年|(?:今年|一年|半年|本年)?以来)?的?"
    r"(?:主要)?(?:工作)?"
    r"(?:基本情况|主要工作|工作回顾|回顾|开展情况|完成情况|主要做法|做法|工作措施|主要措施|措施|成绩|主要成绩|取得的(?:主要)?成绩"
    r"|工作成效|成效|工作总结|履职情况|履行职责情况|重点工作|具体工作|所做的工作|工作情况|情况|亮点|特色工作)"
    r"(?:[及和与](?:主要)?(?:成效|成绩|体会|做法|经验|亮点))?$"
)


def _is_umbrella(section: Section) -> bool:
    """A container part: a generic heading (二、主要工作, 上半年工作回顾 …) over two or more headed parts."""
    if len(section.children) < 2 or sum(1 for c in section.children if c.marked) < 2:
        return False
    marker = parse_marker(section.heading)
    title = section.heading[marker.length :] if marker is not None and section.style != "title" else section.heading
    return bool(_UMBRELLA_RE.match(title.strip().rstrip("：:。.；;")))


def _awaits_body(node: Section) -> bool:
    """A bare heading line (numbered or a short unpunctuated title) still waiting for its body."""
    if len(node.paragraphs) != 1 or node.children:
        return False
    text = node.paragraphs[0].text
    if node.marked:
        return len(text) <= TITLE_LINE_LIMIT
    return is_title_like(text, TITLE_LINE_LIMIT)


def _is_layer(section: Section) -> bool:
    """A section opened by a heading of the report's top layer (not a block, not a stray list item)."""
    return section.style is not None and section.rank <= SECTION_RANK_MAX


def _continues(text: str) -> bool:
    return len(text) <= 30 or bool(_CONTINUATION_RE.match(text[:8]))


def _new_marked(paragraph: Paragraph, marker: Marker, level: int) -> Section:
    heading, run_on = marked_heading(paragraph.text, marker)
    return Section(
        heading=heading,
        marked=marker.style != "title",
        level=level,
        paragraphs=[paragraph],
        style=marker.style,
        number=marker.number,
        run_on=run_on,
        rank=marker.rank,
    )


def _new_block(paragraph: Paragraph) -> Section:
    return Section(heading=block_heading(paragraph.text), marked=False, level=1, paragraphs=[paragraph])


def _build_sections(paras: list[Paragraph], marks: list[Marker | None], top: int | None) -> list[Section]:
    sections: list[Section] = []
    stack: list[Section] = []
    tops = [k for k, m in enumerate(marks) if m is not None and top is not None and m.rank <= top]
    last_top = tops[-1] if tops else -1
    budget: int | None = None
    overflow = False  # the numbered layer has ended: paragraphs after it are blocks again
    previous_number: dict[str, int] = {}

    def start_block(paragraph: Paragraph) -> None:
        block = _new_block(paragraph)
        sections.append(block)
        stack[:] = [block]

    for k, (paragraph, marker) in enumerate(zip(paras, marks, strict=True)):
        if marker is not None and top is not None and marker.rank <= top:
            section = _new_marked(paragraph, marker, 1)
            before = previous_number.get(marker.style)
            section.restart = before is not None and marker.number == 1 and before >= 1
            if marker.number is not None:
                previous_number[marker.style] = marker.number
            sections.append(section)
            stack[:] = [section]
            if k == last_top:
                # The last numbered section may not grow past the largest earlier one (with at least
                # two earlier ones to judge by): what follows beyond that is an unheaded block.
                earlier = [s.size for s in sections[:-1] if _is_layer(s)]
                budget = max(earlier) if len(earlier) >= 2 else None
            continue
        if marker is not None:
            while stack and stack[-1].rank >= marker.rank:
                stack.pop()
            if not stack:
                section = _new_marked(paragraph, marker, 1)
                sections.append(section)
                stack[:] = [section]
            else:
                child = _new_marked(paragraph, marker, stack[-1].level + 1)
                stack[-1].children.append(child)
                stack.append(child)
            continue
        if not stack:
            start_block(paragraph)
            continue
        head, node = stack[0], stack[-1]
        in_layer = _is_layer(head) and not overflow
        if (
            in_layer
            and k > last_top
            and budget is not None
            and not _awaits_body(node)
            and head.size + len(paragraph.text) > budget
        ):
            # The last numbered section may not swallow more than the largest earlier one:
            # what follows beyond that is an unheaded block at the same level.
            overflow = True
            start_block(paragraph)
            continue
        following = marks[k + 1] if k + 1 < len(marks) else None
        if following is not None and following.number == 1 and (len(stack) > 1 or node.children):
            # A lead paragraph that opens a new list (一是… again) after an earlier list.
            if not in_layer:
                start_block(paragraph)
                continue
            while len(stack) > 1 and stack[-1].rank >= following.rank:
                stack.pop()
            parent = stack[-1]
            if parent.children:
                # Keep reading order: the lead and its list become an unheaded part of the parent.
                part = Section(
                    heading=block_heading(paragraph.text),
                    marked=False,
                    level=parent.level + 1,
                    paragraphs=[paragraph],
                    rank=following.rank - 0.5,
                )
                parent.children.append(part)
                stack.append(part)
            else:
                parent.paragraphs.append(paragraph)
            continue
        if in_layer or _awaits_body(node) or _continues(paragraph.text):
            node.paragraphs.append(paragraph)
        else:
            start_block(paragraph)
    return sections


def outline_report(report: Report) -> OutlinedReport:
    """Opening, top-level sections (with their children) and closing of one report."""
    paras = report.paragraphs
    marks = [_marker_of(p) for p in paras]
    titles = [
        k
        for k, p in enumerate(paras)
        if marks[k] is None
        and is_title_like(p.text, TITLE_LINE_LIMIT)
        and not _SALUTATION_RE.match(p.text)
        and not _is_signoff(p.text)
    ]
    styled = any(p.style_level is not None and p.style_level >= 1 for p in paras)
    if len(titles) >= 2 and not styled:  # where .docx heading styles exist, they alone are headings
        # Short unpunctuated lines (主要工作 / 存在的不足 …) are a heading layer above any numbering.
        for k in titles:
            marks[k] = Marker("title", _TITLE_RANK, None, 0)
    top = _top_rank(paras, marks)
    start = _opening_end(paras, marks, top)
    end = _closing_start(paras, marks, start)
    sections = _build_sections(paras[start:end], marks[start:end], top)
    for section in sections:
        section.umbrella = _is_umbrella(section)
    return OutlinedReport(report, paras[:start], sections, paras[end:])


def outline_corpus(corpus: Corpus | Iterable[Report]) -> list[OutlinedReport]:
    """Outline every report (near-duplicates included; they keep ``duplicate_of``)."""
    reports = corpus.reports if isinstance(corpus, Corpus) else corpus
    return [outline_report(r) for r in reports]


# ---------------------------------------------------------------------------
# JSON


def to_json(outlined: list[OutlinedReport]) -> dict:
    """The ``drafter outline --json`` document.

    ``sections`` lists every section in reading order with its level (1 = top
    level) and category; a section below a top-level part carries that part's
    category.  An umbrella part (``"umbrella": true``) is listed at level 1 and
    its children follow it as level-1 parts of their own, each with its own
    category (their children one level up too).
    """
    reports = []
    for item in outlined:
        report = item.report
        sections: list[dict] = []

        def add(part: Section, shift: int, sections: list[dict] = sections) -> None:
            for section in part.walk():
                sections.append(
                    {
                        "heading": section.heading,
                        "marked": section.marked,
                        "category": part.category,
                        "level": section.level - shift,
                    }
                )

        for top in item.sections:
            if top.umbrella:
                sections.append(
                    {
                        "heading": top.heading,
                        "marked": top.marked,
                        "category": top.category,
                        "level": 1,
                        "umbrella": True,
                    }
                )
                for child in top.children:
                    add(child, 1)
            else:
                add(top, 0)
        reports.append(
            {
                "source": str(report.source),
                "index": report.index,
                "title": report.title,
                "kind": report.kind,
                "duplicate_of": report.duplicate_of,
                "sections": sections,
            }
        )
    return {"reports": reports}
