"""An extracted sheet → the YAML text of a fact sheet, with its notes as comments.

Keys and their order are the sheet's own; every scalar goes through PyYAML's
emitter so that any text (quotes, colons, 2024 that must stay text) reads back
as written.  A note is written just above the key it is about, with the
paragraph it came from, so nothing found in the report is lost.
"""

from __future__ import annotations

import datetime as _dt

import yaml

from drafter.contract import CATEGORIES, PERSONAL
from drafter.extract.model import ExtractedSheet, ItemOut, Note
from drafter.sheet.fields import FIELDS, Field
from drafter.sheet.schema import MODELINE

INDENT = "  "


def scalar(value: object) -> str:
    """``value`` as one YAML scalar that loads back to the same value."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"not a sheet value: {value!r}")
    if isinstance(value, int):
        return str(value)
    text = " ".join(str(value).split("\n"))
    out = yaml.safe_dump(text, allow_unicode=True, width=1_000_000, default_style=None)
    return out.removesuffix("\n").removesuffix("\n...").strip("\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _note_lines(notes: list[Note], indent: str = "") -> list[str]:
    lines: list[str] = []
    for note in notes:
        lines.append(f"{indent}# 请核对：{_one_line(note.message)}")
        if note.source is not None:
            lines.append(f"{indent}#   原文（{note.source.where}）：{_one_line(note.source.text)}")
    return lines


def _value_lines(field: Field, value: object, indent: str) -> list[str]:
    """``key: value`` lines of one field (a list or a mapping below its key)."""
    if field.kind == "mapping":
        assert isinstance(value, dict)
        lines = [f"{indent}{field.key}:"]
        for child in field.children:
            if value.get(child.key) is not None:
                lines += _value_lines(child, value[child.key], indent + INDENT)
        return lines
    if field.kind in ("items", "sections", "texts"):
        assert isinstance(value, (list, tuple))
        lines = [f"{indent}{field.key}:"]
        for entry in value:
            lines += _entry_lines(field, entry, indent + INDENT)
        return lines
    if isinstance(value, _dt.date):
        return [f"{indent}{field.key}: {value:%Y-%m-%d}"]
    return [f"{indent}{field.key}: {scalar(value)}"]


def _entry_lines(field: Field, entry: object, indent: str) -> list[str]:
    """One ``- `` entry of a list field: a sentence, or the keys of a 事项 or a 其他工作 part."""
    if isinstance(entry, str) or (isinstance(entry, ItemOut) and entry.sentence is not None):
        return [f"{indent}- {scalar(entry if isinstance(entry, str) else entry.sentence)}"]
    lines: list[str] = []
    for child in field.children:
        value = getattr(entry, child.attr)
        if value is None or value == "" or value == ():
            continue
        block = _value_lines(child, value, indent + INDENT)
        lines += block
    lines[0] = f"{indent}- {lines[0].lstrip()}"
    return lines


def sheet_values(sheet: ExtractedSheet) -> dict[str, object]:
    """The value of every top-level key of the sheet (None: not found)."""
    personal = sheet.kind == PERSONAL
    return {
        "单位": sheet.unit,
        "单位类型": sheet.unit_type,
        "年度": sheet.year,
        "文种": sheet.kind,
        "报告人": sheet.reporter if personal else None,
        "职务": sheet.position if personal else None,
        "上级工会": sheet.parent_union,
        "党组织": sheet.party_org,
        "概况": sheet.overview or None,
        "总体评价": sheet.assessment,
        **{cat: sheet.categories[cat] or None for cat in CATEGORIES},
        "其他工作": [p for p in sheet.other_work if p.items] or None,
        "存在不足": sheet.shortcomings or None,
        "明年打算": sheet.plans or None,
        "落款": {"署名": sheet.signoff_name or sheet.unit or "", "日期": sheet.signoff_date},
    }


def to_yaml(sheet: ExtractedSheet, header: list[str]) -> str:
    """The sheet as YAML text in the field table's order; ``header`` lines become the opening comment."""
    notes: dict[str, list[Note]] = {}
    for note in sheet.notes:
        notes.setdefault(note.key, []).append(note)
    out: list[str] = [MODELINE] + [f"# {line}" if line else "#" for line in header]
    out += _note_lines(notes.pop("", []))
    out.append("")
    values = sheet_values(sheet)
    for field in FIELDS:
        value = values[field.key]
        if field.kind in ("mapping", "items", "sections", "texts") and value is not None and out[-1]:
            out.append("")
        out += _note_lines(notes.pop(field.key, []))
        required = field.required or (field.key == "报告人" and sheet.kind == PERSONAL)
        if value is None:
            if required:
                out += [f"# 请填写：没有在报告里找到「{field.key}」", f"{field.key}:"]
            continue
        out += _value_lines(field, value, "")
        if field.key == "落款" and sheet.signoff_date is None:
            out.append(f"{INDENT}# 请填写：没有在报告里找到落款日期，例如 日期: {sheet.year or 2025}-12-25")
    for rest in notes.values():  # notes about keys of no field
        out += _note_lines(rest)
    return "\n".join(out) + "\n"
