"""Splitting a file's lines into reports, and turning each report's lines into paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.learn.corpus.cleaning import (
    SpamFilter,
    clean_paragraph,
    drop_noise_lines,
    drop_page_head,
    normalise_placeholders,
    repair,
)
from drafter.learn.corpus.kinds import guess_kind, guess_unit_type
from drafter.learn.corpus.layout import drop_page_debris, resplit_flattened
from drafter.learn.corpus.reports import CorpusStats, Paragraph, Report
from drafter.learn.corpus.sampleio import Line
from drafter.learn.markers import FULLWIDTH_DIGITS, cn_number, is_title_like, parse_marker

# ---------------------------------------------------------------------------
# Splitting a page into reports

_SPLIT_NUM = "[一二三四五六七八九十百零〇0-9０-９]{1,3}"
_SPLIT_RE = re.compile(
    r"^[【\[]?\s*(?P<pre>[^，。；！？,;!?【】\[\]]{0,40}?)\s*"
    rf"(?:篇\s*(?P<a>{_SPLIT_NUM})|第\s*(?P<b>{_SPLIT_NUM})\s*篇|(?:范文|例文|样文|模板|文章)\s*(?P<c>{_SPLIT_NUM}))"
    r"\s*[】\]]?\s*[：:、.．]?\s*(?P<post>[^，。；！？,;!?]{0,40})$"
)
_TITLE_WORD_RE = re.compile(r"(?:总结|报告|述职|汇报|小结|讲话|发言|致辞)")
_REPORT_TITLE_RE = re.compile(r"(?:总结|报告|述职|汇报|小结|讲话|发言稿|致辞)(?:[（(][^（()）]{0,12}[）)])?$")


def _split_number(text: str) -> int | None:
    text = text.translate(FULLWIDTH_DIGITS)
    return int(text) if text.isdigit() else cn_number(text)


def _split_lines(lines: list[Line]) -> list[tuple[int, str | None]]:
    """Where a page holding several reports starts each report: (line position, title)."""
    numbered: list[tuple[int, int, str | None]] = []
    for pos, line in enumerate(lines):
        if len(line.text) > 60 or parse_marker(line.text) is not None:
            continue
        m = _SPLIT_RE.match(line.text)
        if m is None:
            continue
        number = _split_number(m.group("a") or m.group("b") or m.group("c"))
        if number is None:
            continue
        pre, post = line.text[slice(*m.span("pre"))], line.text[slice(*m.span("post"))]
        title = (pre.strip() + " " + post.strip()).strip(" ：:、-—") or None
        numbered.append((pos, number, title))
    if len(numbered) >= 2 and any(n == 1 for _, n, _ in numbered) and any(n == 2 for _, n, _ in numbered):
        return [(pos, title) for pos, _, title in numbered]
    # Generic: several report-title lines (…工作总结, …述职报告) each followed by a body.
    titles = [
        pos
        for pos, line in enumerate(lines)
        if (pos == 0 or line.blank_before)
        and is_title_like(line.text, 40)
        and _REPORT_TITLE_RE.search(line.text)
        and parse_marker(line.text) is None
    ]
    if len(titles) < 2:
        return []
    points: list[tuple[int, str | None]] = []
    bounds = [*titles, len(lines)]
    for k, pos in enumerate(titles):
        body = sum(len(line.text) for line in lines[pos + 1 : bounds[k + 1]])
        if body >= 150:
            points.append((pos, lines[pos].text))
    return points if len(points) >= 2 else []


def _segment_report(
    lines: list[Line],
    title: str | None,
    source: Path,
    position: int,
    title_line: int | None,
    spam: SpamFilter,
    stats: CorpusStats,
) -> Report | None:
    lines = drop_page_head(lines, stats)
    if (
        title is None
        and len(lines) > 2
        and not lines[1].blank_before
        and lines[0].level in (None, 0)
        and all(is_title_like(line.text, 30) and parse_marker(line.text) is None for line in lines[:2])
        and not _TITLE_WORD_RE.search(lines[0].text)
        and _REPORT_TITLE_RE.search(lines[1].text)
    ):
        # A title set on two lines: 某某县第一中学工会 / 2025年度工作总结.
        title, title_line, lines = lines[0].text + lines[1].text, lines[0].lineno, lines[2:]
    elif title is None and lines and lines[0].level == 0:
        title, title_line, lines = lines[0].text, lines[0].lineno, lines[1:]
    elif (
        title is None
        and len(lines) > 1
        and is_title_like(lines[0].text, 40)
        and (_TITLE_WORD_RE.search(lines[0].text) or lines[1].blank_before)
        and parse_marker(lines[0].text) is None
    ):
        title, title_line, lines = lines[0].text, lines[0].lineno, lines[1:]
    for line in lines:
        line.text, n = spam.apply(line.text)
        stats.add_noise("spam_title", n)
    lines = [line for line in lines if line.text.strip()]
    paras, joins = repair(lines)
    stats.joins += joins
    paragraphs: list[Paragraph] = []
    for para in paras:
        text = clean_paragraph(para.text, stats)
        if text:
            paragraphs.append(Paragraph(text, len(paragraphs) + 1, para.lineno, para.level or None))
    if not paragraphs:
        return None
    if title is not None:
        title, _ = normalise_placeholders(title)
    report = Report(
        source=source,
        index=0,
        title=title,
        paragraphs=paragraphs,
        position=position,
        source_line=title_line if title_line is not None else paragraphs[0].source_line,
    )
    report.kind = guess_kind(title, paragraphs)
    report.unit_type = guess_unit_type(title, paragraphs)
    return report


def reports_from_lines(lines: list[Line], source: Path, stats: CorpusStats) -> list[Report]:
    """The reports in one file's lines: layout damage undone, noise dropped, split, repaired and cleaned."""
    lines = resplit_flattened(drop_page_debris(lines, stats))
    lines = drop_noise_lines(lines, stats)
    spam = SpamFilter(lines)
    points = _split_lines(lines)
    reports: list[Report] = []
    if not points:
        report = _segment_report(lines, None, source, 1, None, spam, stats)
        return [report] if report else []
    for line in lines[: points[0][0]]:
        stats.add_noise("preamble")
        stats.set_aside.append(line.text)
    bounds = [pos for pos, _ in points] + [len(lines)]
    for k, (pos, title) in enumerate(points):
        segment = lines[pos + 1 : bounds[k + 1]]
        report = _segment_report(segment, title, source, len(reports) + 1, lines[pos].lineno, spam, stats)
        if report is not None:
            reports.append(report)
    return reports
