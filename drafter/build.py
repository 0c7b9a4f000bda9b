"""The build pipeline for one sheet: facts → draft → bytes → file.

Kept free of CLI concerns so batch builds, watch mode and tests call the
same function.  Nothing here imports jieba.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .draft import Draft
from .errors import DrafterError, OutputError
from .facts import Facts

FORMATS: tuple[str, ...] = ("docx", "md", "txt")
BASE_PART = "drafter-base"  # custom part holding what drafter generated (for merging edits)
BASE_FORMAT = 1


def bundled_templates() -> Path:
    """The templates shipped with drafter (learned from examples/samples/)."""
    here = Path(__file__).resolve().parent
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parent / "templates"


def default_output(facts: Facts, sheet: Path, fmt: str) -> Path:
    """``<年度>年<单位><文种>.docx`` beside the fact sheet."""
    name = f"{facts.year}年{facts.unit}{facts.kind}.{fmt}"
    for ch in '\\/:*?"<>|':
        name = name.replace(ch, "_")
    return sheet.parent / name


def templates_fingerprint(templates: Path, kind: str) -> str:
    h = hashlib.sha256()
    folder = templates / kind
    for path in sorted(folder.glob("*.j2")) if folder.is_dir() else []:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class Outcome:
    """What one build did."""

    sheet: Path
    output: Path | None
    draft: Draft
    warnings: list[DrafterError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # merge summary, backup made …


def base_payload(draft: Draft) -> bytes:
    """The generated text of every block, keyed by block id (the merge base)."""
    data = {
        "format": BASE_FORMAT,
        "fingerprint": draft.meta.fingerprint,
        "blocks": [
            {"key": b.key, "role": b.role.value, "text": b.text, "facts": list(b.facts)} for b in draft.all_blocks()
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def render_bytes(draft: Draft, fmt: str) -> bytes:
    if fmt == "docx":
        from .writers.docx_writer import docx_bytes

        return docx_bytes(draft, custom_parts={BASE_PART: base_payload(draft)})
    from .writers.text import to_markdown, to_text

    return (to_markdown(draft) if fmt == "md" else to_text(draft)).encode("utf-8")


def make_draft(
    sheet: Path,
    *,
    templates: Path | None = None,
    variant: int = 0,
    today: _dt.date | None = None,
    now: _dt.datetime | None = None,
) -> tuple[Facts, Draft, list[DrafterError]]:
    """Load, validate and compose: everything but writing."""
    from .compose import compose
    from .leakguard import check_leaks
    from .sheet import load_facts
    from .templating import TemplateSet

    facts, warnings = load_facts(sheet, today=today)
    root = templates or bundled_templates()
    tset = TemplateSet(root, facts.kind)
    draft = compose(facts, tset, variant=variant, now=now)
    check_leaks(draft, facts, root)
    raw = sheet.read_bytes()
    draft.meta.fingerprint = hashlib.sha256(
        raw + templates_fingerprint(root, facts.kind).encode() + str(variant).encode()
    ).hexdigest()[:16]
    return facts, draft, list(warnings)


def is_drafter_docx(path: Path) -> bool:
    from .writers.docx_writer import read_custom_part

    try:
        return read_custom_part(path, BASE_PART) is not None
    except Exception:
        return False


def build_one(
    sheet: Path,
    *,
    output: Path | None = None,
    templates: Path | None = None,
    fmt: str = "docx",
    variant: int = 0,
    force: bool = False,
    today: _dt.date | None = None,
    now: _dt.datetime | None = None,
) -> Outcome:
    """Build one sheet and write the result, never damaging an earlier draft."""
    from .fsutil import atomic_write, check_writable_target, keep_backup

    if output is not None:
        check_writable_target(output)
    facts, draft, warnings = make_draft(sheet, templates=templates, variant=variant, today=today, now=now)
    out = output or default_output(facts, sheet, fmt)
    check_writable_target(out)
    outcome = Outcome(sheet, out, draft, warnings)
    if fmt == "docx" and out.exists() and not force and not is_drafter_docx(out):
        raise OutputError(
            "这个 Word 文件不是 drafter 生成的，为免覆盖您的文件，没有写入。"
            "请用 -o 换一个文件名；确实要覆盖时加 --force（原文件会备份为 .1.bak）。",
            file=out,
        )
    data = render_bytes(draft, fmt)
    if out.exists():
        backup = keep_backup(out)
        if backup is not None:
            outcome.notes.append(f"原文件已备份为 {backup.name}")
    atomic_write(out, data)
    return outcome
