"""The draft of an unsaved sheet, as the page's preview shows it.

The same pipeline as ``drafter build``: the sheet's text goes through
:func:`drafter.sheet.load.parse_facts` and
:func:`drafter.build.pipeline.draft_from_facts`; ``check``'s problems and
warnings come back in the same words, each with the form field it concerns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import DrafterError, Problems
from drafter.serve.sheetdoc import SheetDoc, Spot, spot_for, spots

if TYPE_CHECKING:
    from drafter.sheet.fields import Field


@dataclass(frozen=True)
class Problem:
    """One of check's messages, placed at a form field (``path``) when it concerns one."""

    level: str  # 错误 or 警告, as check prints them
    message: str
    path: str | None
    line: int


@dataclass
class Preview:
    """What the page shows beside the form."""

    blocks: list[dict[str, str]] = field(default_factory=list)  # role and text of each paragraph
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"blocks": self.blocks, "problems": [asdict(p) for p in self.problems]}


def _place(err: DrafterError, table: Sequence[Spot], file: str) -> Problem:
    loc = err.location
    path = spot_for(table, loc.line, loc.col) if loc.file == file else None
    return Problem(err.label, err.message, path, loc.line if loc.file == file else 0)


def make_preview(doc: SheetDoc, source: Path, fields: Sequence[Field]) -> Preview:
    """Compose the draft of ``doc`` (not yet saved) or say why it cannot be composed."""
    from drafter.build.pipeline import draft_from_facts
    from drafter.sheet.load import parse_facts

    text = doc.text()
    raw = text.encode("utf-8")
    file = str(source)
    table = spots(text, fields)
    out = Preview()
    try:
        facts, warnings = parse_facts(raw, source)
        draft = draft_from_facts(facts, raw)
    except Problems as exc:
        out.problems = [_place(p, table, file) for p in (*exc.problems, *exc.warnings)]
        return out
    except DrafterError as exc:  # a template or the leak guard refused the draft
        out.problems = [_place(exc, table, file)]
        return out
    out.problems = [_place(w, table, file) for w in warnings]
    out.blocks = [{"role": b.role.value, "text": b.text} for b in draft.all_blocks()]
    return out
