"""The fact sheet's JSON Schema (draft 2020-12), made from the field table.

Editors that speak the YAML language server (VS Code with the YAML
extension, and others) read it through the first line ``drafter init``
writes, ``# yaml-language-server: $schema=.drafter/sheet.schema.json``: they
complete keys, show each key's Chinese description and example, and mark
typos, wrong types and missing required keys while the chair types.  The
schema is a helper for the editor; ``drafter check`` stays the judge (it
also checks what a schema cannot say, such as 3月31日 being a real day).
"""

from __future__ import annotations

import json
from pathlib import Path

from drafter.contract import PERSONAL
from drafter.sheet.fields import FIELDS, YEAR_MAX, YEAR_MIN, Field
from drafter.sheet.values import MAX_TEXT

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_NAME = ".drafter/sheet.schema.json"  # beside the sheet, relative to it
MODELINE = f"# yaml-language-server: $schema={SCHEMA_NAME}"  # the first line of a sheet drafter writes

_DIGITS = "[0-9０-９]"
_NULL = {"type": "null"}


def _scalar_text(limit: int) -> dict:
    return {"anyOf": [{"type": "string", "maxLength": limit}, {"type": "number"}]}


def _kind_schema(f: Field) -> dict:
    """The schema of a value of field ``f``, without its description."""
    kind = f.read_as
    if kind == "text":
        return _scalar_text(f.max_length or MAX_TEXT)
    if kind == "choice":
        return {"enum": list(f.choices)}
    if kind == "year":
        return {
            "anyOf": [
                {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
                {"type": "string", "pattern": rf"^\s*{_DIGITS}{{4}}\s*(年度|年)?\s*$"},
            ]
        }
    if kind == "integer":
        return {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 999_999_999},
                {"type": "string", "pattern": rf"^\s*{_DIGITS}{{1,9}}\s*(人|名|个|家|位)?\s*$"},
            ]
        }
    if kind == "people":
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 999_999_999},
                {"type": "string", "pattern": rf"^\s*{_DIGITS}{{1,9}}\s*(人次|人|名)\s*$"},
            ]
        }
    if kind == "percent":
        return {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": rf"^\s*{_DIGITS}+([.．]{_DIGITS}+)?\s*[%％]?\s*$"},
            ]
        }
    if kind == "date":
        return {
            "type": "string",
            "pattern": rf"^\s*{_DIGITS}{{4}}\s*[-/.年]\s*{_DIGITS}{{1,2}}\s*[-/.月]\s*{_DIGITS}{{1,2}}\s*[日号]?\s*$",
        }
    if kind == "when":
        return {"type": "string", "maxLength": MAX_TEXT}
    if kind == "texts":
        sentence = {"type": "string", "maxLength": MAX_TEXT}
        return {"anyOf": [{"type": "array", "items": sentence}, sentence]}
    if kind == "awards":
        return {"type": "array", "items": {"type": "string", "maxLength": MAX_TEXT}}
    if kind == "items":
        item = _object(f.children)
        sentence = {"type": "string", "maxLength": MAX_TEXT}
        return {"anyOf": [{"type": "array", "items": {"anyOf": [sentence, item, _NULL]}}, sentence]}
    if kind == "sections":
        return {"type": "array", "items": _object(f.children)}
    if kind == "mapping":
        return _object(f.children)
    raise AssertionError(f"no schema for kind {kind!r}")  # pragma: no cover - every parser has one


def _example(f: Field) -> object:
    """An example value of ``f`` as JSON (built from the children's where it has none)."""
    if f.example is not None:
        return list(f.example) if isinstance(f.example, tuple) else f.example
    if f.kind == "items":
        return [{c.key: _example(c) for c in f.children}, "组织全体职工进行健康体检。"]
    if f.kind == "sections":
        return [{c.key: _example(c) for c in f.children}]
    return {c.key: _example(c) for c in f.children}


def _field(f: Field) -> dict:
    schema = _kind_schema(f)
    if not f.required:
        schema = _nullable(schema)
    need = "必填。" if f.required else ""
    return {"title": f.label, "description": need + f.description + "。", "examples": [_example(f)], **schema}


def _nullable(schema: dict) -> dict:
    """``schema`` or an empty value (an optional key written with nothing after the colon)."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], _NULL]}
    if "type" in schema:
        return {**schema, "type": [schema["type"], "null"]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {"anyOf": [schema, _NULL]}  # pragma: no cover - every kind is one of the above


def _object(fields: tuple[Field, ...]) -> dict:
    return {
        "type": "object",
        "properties": {f.key: _field(f) for f in fields},
        "required": [f.key for f in fields if f.required],
        "additionalProperties": False,
    }


def schema() -> dict:
    """The JSON Schema of a fact sheet, as a dict."""
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "drafter 事实表",
        "description": "工会工作总结、述职报告的事实表：drafter 据此生成 Word 初稿。",
        **_object(FIELDS),
        "if": {"properties": {"文种": {"const": PERSONAL}}, "required": ["文种"]},
        "then": {"required": ["报告人"]},
    }


def schema_json() -> str:
    """The JSON Schema of a fact sheet (draft 2020-12), as JSON text."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"


def write_beside(sheet: Path) -> Path:
    """Write the schema where the modeline of ``drafter init``'s sheet points (``.drafter/`` beside it).

    Raises OSError when the folder cannot be written; the sheet works without it.
    """
    from drafter.files import atomic_write

    target = Path(sheet).parent / SCHEMA_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, schema_json().encode("utf-8"))
    return target


_KIND_WORDS = {
    "text": "文字",
    "choice": "选一个",
    "year": "四位数的年份",
    "integer": "整数",
    "people": "整数或“N人次”",
    "percent": "百分数",
    "date": "日期",
    "when": "时间（日期或文字）",
    "texts": "一句话或列表",
    "awards": "列表",
    "items": "事项列表",
    "sections": "部分列表",
    "mapping": "几行“键: 值”",
}


def reference_markdown() -> str:
    """The sheet's keys as a Markdown reference (``docs/sheet-fields.md``), from the field table."""

    def rows(fields: tuple[Field, ...], level: str) -> list[str]:
        out = []
        for f in fields:
            example = "" if f.example is None else f"`{f.example_line()}`"
            need = "必填" if f.required else ""
            out.append(f"| {level}{f.key} | {_KIND_WORDS[f.read_as]} | {need} | {f.description} | {example} |")
        return out

    lines = [
        "# 事实表的项目",
        "",
        "本页由 `drafter/sheet/fields.py` 的字段表生成（`drafter schema` 输出同一张表的 JSON Schema），请勿手改。",
        "",
        "| 项目 | 写法 | 必填 | 说明 | 示例 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in FIELDS:
        lines += rows((f,), "")
        if f.kind == "sections":
            lines += rows(f.children, f"{f.key} → ")
        elif f.children and (f.kind == "mapping" or f.key == "民主建设"):
            lines += rows(f.children, f"{f.key} → " if f.kind == "mapping" else "事项 → ")
    lines += [
        "",
        f"{PERSONAL}必须填写“报告人”。四类工作（"
        + "、".join(f.key for f in FIELDS if f.kind == "items")
        + "）以及其他工作各部分的事项写法相同。",
    ]
    return "\n".join(lines) + "\n"
