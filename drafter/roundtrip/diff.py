"""``drafter diff OLD NEW``: what changed from one draft to another, paragraph by paragraph.

Any two .docx files are compared as a person reads them — the text of each
non-empty paragraph (:func:`drafter.docx.text.read_paragraphs`), whether
drafter made them or not: edited paragraphs are named with the spot that
changed (``…共有【68→70】名…``), added, deleted and moved paragraphs with
their text shortened.  What a rebuild would do to a draft is
``build --dry-run`` (:func:`rebuild_preview`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.roundtrip.base import norm
from drafter.roundtrip.merge import change_spot, excerpt
from drafter.roundtrip.similar import similarity

if TYPE_CHECKING:
    from drafter.draft import Draft
    from drafter.roundtrip.document import OldDraft

EDITED = 0.4  # minimum similarity for a changed paragraph to count as an edit (else deleted + added)
JUNK_FROM = 2000  # paragraphs of the new draft from which frequent texts are not alignment anchors
WINDOW = 20  # an old paragraph is compared with the new ones at most this far from its place
PAIR_BUDGET = 100_000  # comparisons in one changed stretch; past it the window narrows


@dataclass(frozen=True)
class Edit:
    """One difference between two drafts; positions are 1-based, None where it does not apply."""

    kind: str  # "edit", "add", "delete", "move"
    old: int | None
    new: int | None
    old_text: str
    new_text: str


def compare(old: Sequence[str], new: Sequence[str]) -> list[Edit]:
    """The edits that turn paragraphs ``old`` into ``new``, in document order.

    Paragraphs are aligned on equal (normalized) text; within a changed
    stretch the most similar old and new paragraphs (similarity ≥
    :data:`EDITED`, at most :data:`WINDOW` apart) are paired first, keeping
    their order; a deleted paragraph whose text comes back elsewhere is a
    move.
    """
    a = [norm(t) for t in old]
    b = [norm(t) for t in new]
    edits: list[Edit] = []
    # Past JUNK_FROM paragraphs a text repeated in over 1% of them cannot start an alignment:
    # without that, thousands of equal paragraphs make SequenceMatcher quadratic.
    matcher = SequenceMatcher(None, a, b, autojunk=len(b) >= JUNK_FROM)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = _pairs(a, b, range(i1, i2), range(j1, j2))
        j = j1
        for i in range(i1, i2):
            jj = pairs.get(i)
            if jj is None:
                edits.append(Edit("delete", i + 1, None, old[i], ""))
                continue
            edits.extend(Edit("add", None, k + 1, "", new[k]) for k in range(j, jj))
            edits.append(Edit("edit", i + 1, jj + 1, old[i], new[jj]))
            j = jj + 1
        edits.extend(Edit("add", None, k + 1, "", new[k]) for k in range(j, j2))
    return _moves(edits)


def _pairs(a: Sequence[str], b: Sequence[str], olds: range, news: range) -> dict[int, int]:
    """Old → new paragraph of each edit in a changed stretch: the most similar pairs first, order kept."""
    scored = []
    # A huge stretch gets a narrower window, down to the same offset only; past PAIR_BUDGET old
    # paragraphs none is paired (each is shown deleted and its counterpart added).
    window = min(WINDOW, PAIR_BUDGET // (2 * max(1, len(olds))))
    for i in olds[:PAIR_BUDGET]:
        lo = max(news.start, news.start + (i - olds.start) - window)
        for j in range(lo, min(news.stop, lo + 2 * window + 1)):
            r = similarity(a[i], b[j], EDITED)
            if r >= EDITED:
                scored.append((-r, abs((i - olds.start) - (j - news.start)), i, j))
    chosen: dict[int, int] = {}
    order: list[int] = []  # the chosen old positions, sorted; their new positions rise with them
    taken: set[int] = set()
    for _, _, i, j in sorted(scored):
        if i in chosen or j in taken:
            continue
        at = bisect_left(order, i)  # keeping the order only needs the chosen neighbours checked
        if (at and chosen[order[at - 1]] > j) or (at < len(order) and chosen[order[at]] < j):
            continue
        order.insert(at, i)
        chosen[i] = j
        taken.add(j)
    return chosen


def _moves(edits: list[Edit]) -> list[Edit]:
    """A deleted paragraph whose exact text is also added elsewhere: one move."""
    added: dict[str, list[int]] = defaultdict(list)
    for n, e in enumerate(edits):
        if e.kind == "add":
            added[norm(e.new_text)].append(n)
    out = list(edits)
    gone: set[int] = set()
    for n, e in enumerate(edits):
        spots = added.get(norm(e.old_text)) if e.kind == "delete" else None
        if spots:
            m = spots.pop(0)
            out[n] = Edit("move", e.old, edits[m].new, e.old_text, edits[m].new_text)
            gone.add(m)
    return [e for n, e in enumerate(out) if n not in gone]


def describe(edit: Edit) -> str:
    """One line (Chinese) for an edit."""
    if edit.kind == "edit":
        return f"~ 修改（原第 {edit.old} 段 → 新第 {edit.new} 段）：{change_spot(edit.old_text, edit.new_text)}"
    if edit.kind == "add":
        return f"+ 新增（新第 {edit.new} 段）：{excerpt(edit.new_text)}"
    if edit.kind == "delete":
        return f"- 删除（原第 {edit.old} 段）：{excerpt(edit.old_text)}"
    return f"> 移动（原第 {edit.old} 段 → 新第 {edit.new} 段）：{excerpt(edit.old_text)}"


def summary(edits: Sequence[Edit]) -> str:
    counts = {k: sum(1 for e in edits if e.kind == k) for k in ("edit", "add", "delete", "move")}
    if not edits:
        return "两份文稿的文字相同，没有段落改动。"
    parts = [f"{label} {counts[k]} 段" for k, label in (("edit", "修改"), ("add", "新增"), ("delete", "删除"),
                                                          ("move", "移动")) if counts[k]]  # fmt: skip
    return "共" + "，".join(parts) + "。"


def diff_lines(old: Path, new: Path) -> list[str]:
    """The lines ``drafter diff`` prints.  :class:`~drafter.docx.package.DocxError` for an unreadable file."""
    from drafter.docx.package import read_docx_file
    from drafter.docx.text import read_paragraphs

    a = [p.text for p in read_paragraphs(read_docx_file(old), file=old)]
    b = [p.text for p in read_paragraphs(read_docx_file(new), file=new)]
    edits = compare(a, b)
    head = f"从 {old}（{len(a)} 段）到 {new}（{len(b)} 段）："
    return [head, *(describe(e) for e in edits), summary(edits)]


def command(old: Path, new: Path) -> None:
    """``drafter diff OLD NEW``: print what changed from OLD to NEW, one line per paragraph."""
    for line in diff_lines(old, new):
        print(line)


def rebuild_preview(old: OldDraft, draft: Draft, *, file: Path | None = None) -> list[str]:
    """What rebuilding the chair's file with ``draft`` would do, one line per paragraph; writes nothing."""
    from drafter.roundtrip.document import merge_old
    from drafter.roundtrip.merge import BaseUntrusted
    from drafter.roundtrip.merge import describe as describe_change

    try:
        result = merge_old(old, draft, file=file)
    except BaseUntrusted as exc:
        return [f"! 无法合并：{exc.message}。重新生成时会先备份原文件，再按事实表写出新稿。"]
    lines = [describe_change(c) for c in result.changes]
    if not result.unchanged:
        lines.extend("! " + w for w in result.warnings)
    tail = result.stats.summary()
    if result.unchanged:
        tail += "（内容没有变化，不会改动文件）"
    lines.append(tail)
    return lines


__all__ = ["Edit", "command", "compare", "describe", "diff_lines", "rebuild_preview", "summary"]
