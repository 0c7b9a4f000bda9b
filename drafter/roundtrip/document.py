"""A drafter .docx on disk: written with its base and bookmarks, read back once.

:func:`render_docx` and :func:`render_merged` write a draft (or a merge
result) in one pass: the writer places every paragraph's bookmark, and a
merge's highlights and comments, as it writes the paragraph.

:func:`read_old` reads the chair's file once per build — its bytes (kept
for the unmerged copy), the body as the merge sees it and the base — through
the safe reader (:mod:`drafter.docx.package`): a file that is not a
readable .docx raises :class:`~drafter.docx.package.DocxError`; a base part
that cannot be trusted leaves ``base`` None with ``base_problem`` saying why,
and the file still counts as drafter's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.draft import Draft
from drafter.roundtrip.base import (
    BASE_PART,
    BOOKMARK_PREFIXES,
    Base,
    BaseProblem,
    anchor_name,
    base_payload,
    parse_base,
)

if TYPE_CHECKING:
    from drafter.docx.reader import Body
    from drafter.roundtrip.merge import MergeResult


def render_docx(draft: Draft) -> bytes:
    """The draft as a .docx carrying its base and a bookmark per paragraph."""
    from drafter.docx.writer import ParagraphNote, docx_bytes

    notes = [ParagraphNote(bookmark=anchor_name(b.key)) for b in draft.all_blocks()]
    return docx_bytes(draft, custom_parts={BASE_PART: base_payload(draft)}, notes=notes)


def render_merged(result: MergeResult) -> bytes:
    """A merge result as a .docx: the merged paragraphs, marks, and the NEW rendering as base."""
    from drafter.docx.writer import ParagraphNote, docx_bytes

    notes = [
        ParagraphNote(bookmark=anchor, comment=result.marks.get(i), runs=tuple(result.runs.get(i, ())))
        for i, anchor in enumerate(result.anchors)
    ]
    payload = base_payload(result.new, pending=result.pending)
    return docx_bytes(result.draft, custom_parts={BASE_PART: payload}, notes=notes)


@dataclass
class OldDraft:
    """The chair's .docx as read once: bytes, body, and the base when it can be trusted."""

    data: bytes
    body: Body
    base: Base | None
    base_problem: str | None  # why ``base`` is None although the file has (or had) one
    has_base_part: bool
    fingerprint: str | None

    @property
    def made_by_drafter(self) -> bool:
        """The file shows drafter's marks: a base part (even a damaged one), the fingerprint, bookmarks."""
        return self.has_base_part or bool(self.fingerprint) or self.body.bookmarks_found > 0


def read_old(source: Path | bytes, *, file: str | Path | None = None) -> OldDraft:
    """Read a .docx once.  :class:`~drafter.docx.package.DocxError` when it is not a readable .docx."""
    from drafter.docx.package import open_docx, read_docx_file
    from drafter.docx.reader import read_body
    from drafter.docx.writer import FINGERPRINT_PROPERTY

    label = file if file is not None else (source if isinstance(source, Path) else None)
    data = read_docx_file(source) if isinstance(source, Path) else source
    body = read_body(open_docx(data, file=label), bookmark_prefixes=BOOKMARK_PREFIXES)
    payload = body.custom.parts.get(BASE_PART)
    base: Base | None = None
    problem: str | None = None
    if payload is not None:
        try:
            base = parse_base(payload)
        except BaseProblem as exc:
            problem = str(exc)
    elif body.custom.damaged:
        problem = f"生成记录已损坏（{body.custom.damaged[0]}）"
    return OldDraft(
        data=data,
        body=body,
        base=base,
        base_problem=problem,
        has_base_part=payload is not None or bool(body.custom.damaged),
        fingerprint=body.properties.get(FINGERPRINT_PROPERTY) or None,
    )


def merge_old(old: OldDraft, new: Draft, *, file: str | Path | None = None) -> MergeResult:
    """Merge ``new`` into the chair's file as read by :func:`read_old`.

    Raises :class:`~drafter.roundtrip.merge.BaseUntrusted` (with ``file``)
    when the file carries no usable base or the base does not fit its text.
    """
    from drafter.roundtrip.merge import BaseUntrusted, content_warnings, merge

    if old.base is None:
        raise BaseUntrusted(old.base_problem or "保存这份文档的软件删除了 drafter 记在文档里的生成记录", file=file)
    try:
        result = merge(old.base, old.body.paragraphs, new)
    except BaseUntrusted as exc:
        raise BaseUntrusted(exc.message, file=file) from None
    result.warnings.extend(content_warnings(old.body))
    return result


__all__ = ["OldDraft", "merge_old", "read_old", "render_docx", "render_merged"]
