"""An extracted sheet → the YAML text of a fact sheet, with its notes as comments.

Keys and their order are the sheet's own; every scalar goes through PyYAML's
emitter so that any text (quotes, colons, 2024 that must stay text) reads back
as written.  A note is written just above the key it is about, with the
paragraph it came from, so nothing found in the report is lost.
"""

from __future__ import annotations

import yaml

from drafter.contract import CATEGORIES
from drafter.extract.model import ExtractedSheet, ItemOut, Note
from drafter.sheet.facts import OVERVIEW_KEYS

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


def _item_lines(item: ItemOut, indent: str) -> list[str]:
    if item.sentence is not None:
        return [f"{indent}- {scalar(item.sentence)}"]
    fields: list[tuple[str, object]] = [
        (k, v)
        for k, v in (("时间", item.when), ("活动", item.activity), ("人数", item.people), ("成果", item.result))
        if v is not None and v != ""
    ]
    lines = []
    for n, (key, value) in enumerate(fields):
        lines.append(f"{indent}{'- ' if n == 0 else '  '}{key}: {scalar(value)}")
    if item.awards:
        lines.append(f"{indent}  获奖:")
        lines.extend(f"{indent}{INDENT}  - {scalar(a)}" for a in item.awards)
    return lines


def to_yaml(sheet: ExtractedSheet, header: list[str]) -> str:
    """The sheet as YAML text; ``header`` lines become the opening comment."""
    notes: dict[str, list[Note]] = {}
    for note in sheet.notes:
        notes.setdefault(note.key, []).append(note)
    out: list[str] = [f"# {line}" if line else "#" for line in header]
    out += _note_lines(notes.pop("", []))
    out.append("")

    def key_line(key: str, value: object | None, *, required: bool = False) -> None:
        out.extend(_note_lines(notes.pop(key, [])))
        if value is None:
            if required:
                out.append(f"# 请填写：没有在报告里找到「{key}」")
                out.append(f"{key}:")
            return
        out.append(f"{key}: {scalar(value)}")

    key_line("单位", sheet.unit, required=True)
    key_line("单位类型", sheet.unit_type, required=True)
    key_line("年度", sheet.year, required=True)
    key_line("文种", sheet.kind)
    if sheet.kind == "述职报告":
        key_line("报告人", sheet.reporter, required=True)
        key_line("职务", sheet.position)
    key_line("上级工会", sheet.parent_union)
    key_line("党组织", sheet.party_org)
    out.extend(_note_lines(notes.pop("概况", [])))
    if sheet.overview:
        out += ["", "概况:"]
        out += [f"{INDENT}{k}: {scalar(sheet.overview[k])}" for k in OVERVIEW_KEYS if k in sheet.overview]
    out.extend(_note_lines(notes.pop("总体评价", [])))
    if sheet.assessment:
        out.append(f"总体评价: {scalar(sheet.assessment)}")
    for cat in CATEGORIES:
        out.extend(_note_lines(notes.pop(cat, [])))
        if sheet.categories[cat]:
            out += ["", f"{cat}:"]
            for item in sheet.categories[cat]:
                out += _item_lines(item, INDENT)
    out.extend(_note_lines(notes.pop("其他工作", [])))
    if any(p.items for p in sheet.other_work):
        out += ["", "其他工作:"]
        for part in sheet.other_work:
            if not part.items:
                continue
            out.append(f"{INDENT}- 标题: {scalar(part.title)}")
            out.append(f"{INDENT}  事项:")
            for item in part.items:
                out += _item_lines(item, INDENT * 3)
    for key, values in (("存在不足", sheet.shortcomings), ("明年打算", sheet.plans)):
        out.extend(_note_lines(notes.pop(key, [])))
        if values:
            out += ["", f"{key}:"] + [f"{INDENT}- {scalar(v)}" for v in values]
    out.append("")
    out.extend(_note_lines(notes.pop("落款", [])))
    out.append("落款:")
    out.append(f"{INDENT}署名: {scalar(sheet.signoff_name or sheet.unit or '')}")
    if sheet.signoff_date is not None:
        out.append(f"{INDENT}日期: {sheet.signoff_date:%Y-%m-%d}")
    else:
        out.append(f"{INDENT}# 请填写：没有在报告里找到落款日期，例如 日期: {sheet.year or 2025}-12-25")
    for rest in notes.values():  # notes about keys written nowhere above
        out.extend(_note_lines(rest))
    return "\n".join(out) + "\n"
