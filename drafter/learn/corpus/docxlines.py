"""The lines of a .docx sample, read with the one .docx text reader (:mod:`drafter.docx.text`).

Each paragraph becomes a line with its heading level (0 for a title style) and
the label of Word's automatic numbering written in front (一、 （二） …); a
manual line break starts a "soft" line that continues the same paragraph.
"""

from __future__ import annotations

from pathlib import Path

from drafter.docx.package import DocxError
from drafter.docx.text import read_paragraphs
from drafter.errors import SampleError
from drafter.learn.corpus.sampleio import Line
from drafter.learn.corpus.script import normalise_script


def docx_lines(data: bytes, path: Path) -> list[Line]:
    """The paragraphs of a .docx as lines, heading levels and automatic numbering kept.

    Raises SampleError (the reader's Chinese message) for a damaged archive, a
    zip bomb, a missing body or XML that declares a DTD.
    """
    try:
        paragraphs = read_paragraphs(data, file=path)
    except DocxError as exc:
        raise SampleError(exc.message, file=path) from None
    out: list[Line] = []
    for paragraph in paragraphs:
        blank = paragraph.blank_before
        first = True
        for piece in normalise_script(paragraph.text).split("\n"):
            piece = piece.strip(" \t\u3000")
            if not piece:
                continue
            text = paragraph.number + piece if first else piece
            level = paragraph.level if first else None
            out.append(Line(text, paragraph.index, level, blank, soft=not first))
            blank = False
            first = False
    return out
