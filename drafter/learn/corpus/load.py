"""Stage 1 of the learner: load sample reports, repair and clean them.

``load_samples`` reads .txt files in any common encoding and .docx files,
splits a page holding several reports into reports, repairs paragraphs that a
scrape broke in the middle of a sentence, strips scrape noise, normalises
blanked facts (``xx``, ``20xx``, ``**`` …) to :data:`~drafter.learn.cleaning.PLACEHOLDER`, guesses
each report's kind, and marks near-duplicates.

Every paragraph keeps where it came from (file, line or .docx paragraph
number), because later stages cite the sample for each phrase they learn.
Errors meant for the user are :class:`drafter.errors.SampleError`.

The stage is split by step: :mod:`~drafter.learn.sampleio` (files, bytes,
encodings, lines), :mod:`~drafter.learn.script` (simplified script, pinyin
glosses), :mod:`~drafter.learn.docxlines` (.docx), :mod:`~drafter.learn.cleaning`
(noise, placeholders, broken paragraphs), :mod:`~drafter.learn.splitting`
(reports of a page), :mod:`~drafter.learn.kinds` (kind, unit type) and
:mod:`~drafter.learn.dedupe` (near-duplicates).  This module runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from drafter.errors import SampleError, Warning_
from drafter.learn.corpus.dedupe import mark_duplicates
from drafter.learn.corpus.reports import NOISE_KINDS, Corpus, CorpusStats, Paragraph, Report
from drafter.learn.corpus.sampleio import read_lines, sample_files, text_lines
from drafter.learn.corpus.splitting import reports_from_lines

__all__ = ["NOISE_KINDS", "Corpus", "Paragraph", "Report", "corpus_from_text", "load_samples"]


def _finish(reports: list[Report], stats: CorpusStats) -> Corpus:
    for number, report in enumerate(reports, 1):
        report.index = number
    stats.reports = len(reports)
    stats.characters = sum(r.chars for r in reports)
    stats.duplicates = mark_duplicates(reports)
    return Corpus(reports, stats)


def load_samples(paths: list[Path], progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Load, repair, clean, split and dedupe the sample reports in ``paths`` (files or folders).

    ``progress(done, total)`` is called after each file.  Files of a folder
    that are not .txt or .docx are skipped, each with a warning in
    ``corpus.stats.warnings``.  Raises SampleError
    for a sample that cannot be read (empty, binary, corrupt or unsafe .docx,
    too large) or when no report text is found at all.
    """
    skipped: list[Path] = []
    files = sample_files(paths, skipped)
    if not files:
        raise SampleError("没有给出样本文件")
    stats = CorpusStats(files=len(files))
    stats.warnings.extend(
        Warning_(
            f"已跳过：只读 .txt 和 .docx 样本，不读“{file.suffix or file.name}”文件"
            if file.is_file()
            else "已跳过：这不是普通文件（管道、设备、套接字或断开的快捷方式）",
            file=file,
        )
        for file in skipped
    )
    reports: list[Report] = []
    for done, file in enumerate(files, 1):
        found = reports_from_lines(read_lines(file), file, stats)
        if not found:
            raise SampleError("样本中没有可用的报告正文（只有页面导语或网站杂项）", file=file)
        reports.extend(found)
        if progress is not None:
            progress(done, len(files))
    return _finish(reports, stats)


def corpus_from_text(text: str, source: Path | str = "<内存>") -> Corpus:
    """Like :func:`load_samples` for text already in memory (tests, benchmarks)."""
    stats = CorpusStats(files=1)
    source = Path(source)
    reports = reports_from_lines(text_lines(text), source, stats)
    if not reports:
        raise SampleError("样本中没有可用的报告正文", file=source)
    return _finish(reports, stats)
