"""A fact sheet as the form sees it, changed in place so that comments survive.

The page edits a *model*: a JSON tree built from the sheet by the field table
(:mod:`drafter.sheet.fields`).  Scalars are strings; every list entry is
``{"orig": N | null, "value": …}`` where ``orig`` is the entry's index in the
file the page was opened from (``null`` for an entry added on the page), so
that a moved entry keeps its comments.  A field whose YAML has a shape the form
cannot show (a list where text is expected …) is ``{"raw": TEXT}`` in the
model and never changed.

:func:`apply_model` writes a model back into the round-trip tree of
``ruamel.yaml``: only values that differ are replaced, so the chair's comments,
key order, quoting and untouched lines come out as they were.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from drafter.errors import FactSheetError

if TYPE_CHECKING:
    from drafter.sheet.fields import Field

SCALAR_KINDS = frozenset({"text", "integer", "number", "percent", "date", "choice"})
LIST_KINDS = frozenset({"items", "sections", "texts"})
MAX_ENTRIES = 1000  # entries of one list the page may send

# Indentation styles tried on load: the first that reproduces the file is kept for saving.
_INDENTS: tuple[tuple[int, int, int], ...] = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0))
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_INT = re.compile(r"[+-]?\d+")
_NUMBER = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)")


class ModelError(FactSheetError):
    """Raised when the page sends a model that does not fit the field table (a bug or a forged request)."""


def _yaml(indent: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1_000_000  # never fold a long line the chair wrote on one line
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


@dataclass
class SheetDoc:
    """One fact sheet's text, its round-trip tree and how to write it back."""

    root: CommentedMap
    indent: tuple[int, int, int]
    bom: bool = False
    crlf: bool = False
    encoding: str = "utf-8"

    @classmethod
    def parse(cls, data: bytes, file: str) -> SheetDoc:
        """Read a sheet's bytes; raises :class:`FactSheetError` when the form cannot edit it."""
        bom = data.startswith(b"\xef\xbb\xbf")
        encoding = "utf-8"
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
                encoding = "gb18030"
            except UnicodeDecodeError:
                raise FactSheetError(
                    "文件的编码无法识别。请用记事本打开，「另存为」时编码选 UTF-8。", file=file
                ) from None
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n")
        indent = _INDENTS[0]
        root: Any = None
        for candidate in _INDENTS:
            try:
                root = _yaml(candidate).load(text)
            except YAMLError:
                raise FactSheetError(
                    "事实表的格式有错误，页面无法把它显示成表格。请先运行 drafter check 找到并改正错误，再刷新页面。",
                    file=file,
                ) from None
            if isinstance(root, CommentedMap) and _dump(root, candidate) == text:
                indent = candidate
                break
        if not isinstance(root, CommentedMap):
            raise FactSheetError(
                "事实表最外层应是一行一个「键: 值」（例如「单位: 某某工会」），页面无法把它显示成表格。", file=file
            )
        return cls(root, indent, bom=bom, crlf=crlf, encoding=encoding)

    def text(self) -> str:
        """The sheet as YAML text (line ends ``\\n``)."""
        return _dump(self.root, self.indent)

    def to_bytes(self) -> bytes:
        """The sheet as the file's bytes: same encoding, BOM and line ends as it was read."""
        text = self.text()
        if self.crlf:
            text = text.replace("\n", "\r\n")
        data = text.encode(self.encoding)
        return (b"\xef\xbb\xbf" + data) if self.bom else data


def _dump(root: Any, indent: tuple[int, int, int]) -> str:
    buf = io.StringIO()
    _yaml(indent).dump(root, buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# Sheet -> model


def key_in(mapping: CommentedMap, field: Field) -> str | None:
    """The key under which ``field`` is written in ``mapping`` (its own key or an alias)."""
    for name in (field.key, *field.aliases):
        if name in mapping:
            return name
    return None


def scalar_text(value: Any) -> str:
    """A scalar as the form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if not (value.hour or value.minute or value.second) else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def to_model(root: CommentedMap, fields: Sequence[Field]) -> dict[str, Any]:
    """The model of a whole sheet."""
    return _map_model(root, fields)


def _map_model(mapping: CommentedMap, fields: Sequence[Field]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        key = key_in(mapping, f)
        out[f.key] = _model(f, mapping[key] if key is not None else None)
    return out


def _model(field: Field, value: Any) -> Any:
    if field.kind in SCALAR_KINDS:
        if isinstance(value, (dict, list)):
            return _raw(value)
        return scalar_text(value)
    if field.kind == "mapping":
        if value is None:
            return _map_model(CommentedMap(), field.children)
        if not isinstance(value, CommentedMap):
            return _raw(value)
        return _map_model(value, field.children)
    if value is None:
        return []
    if not isinstance(value, CommentedSeq):
        return _raw(value)
    return [{"orig": i, "value": _entry_model(field, v)} for i, v in enumerate(value)]


def _entry_model(field: Field, value: Any) -> Any:
    if field.kind == "texts":
        return scalar_text(value) if not isinstance(value, (dict, list)) else _raw(value)
    if isinstance(value, CommentedMap):
        return _map_model(value, field.children)
    if field.kind == "items" and not isinstance(value, list):
        return scalar_text(value)  # a one-sentence item
    return _raw(value)


def _raw(value: Any) -> dict[str, str]:
    buf = io.StringIO()
    YAML(typ="rt").dump(value, buf)
    return {"raw": buf.getvalue().strip()}


# ---------------------------------------------------------------------------
# Model -> sheet


def apply_model(root: CommentedMap, fields: Sequence[Field], model: Any) -> None:
    """Write the page's model into the sheet's tree, changing only what differs.

    The blank lines and comment lines that follow a top-level key's last line
    stay at the end of that key's value even when its last entry moved.
    """
    tails = {key: _take_tail(_tail_slot(root, key)) for key in root}
    _apply_map(root, fields, _expect(model, dict, "事实表"))
    for key, rest in tails.items():
        if rest and key in root:
            _put_tail(_tail_slot(root, key), rest)


_Slot = tuple[dict[Any, list[Any]], Any, int]


def _tail_slot(mapping: CommentedMap, key: Any) -> _Slot:
    """Where ruamel keeps the comment after the last line of ``mapping[key]``."""
    value = mapping[key]
    if isinstance(value, CommentedMap) and value:
        return _tail_slot(value, list(value.keys())[-1])
    if isinstance(value, CommentedSeq) and value:
        last = len(value) - 1
        if isinstance(value[last], CommentedMap) and value[last]:
            return _tail_slot(value[last], list(value[last].keys())[-1])
        return (value.ca.items, last, 0)
    return (mapping.ca.items, key, 2)


def _take_tail(slot: _Slot) -> str:
    """Remove and return the lines after the end-of-line comment at ``slot``."""
    items, index, pos = slot
    entry = items.get(index)
    token = entry[pos] if entry is not None and len(entry) > pos else None
    if token is None or "\n" not in token.value:
        return ""
    cut = token.value.index("\n") + 1
    rest = token.value[cut:]
    token.value = token.value[:cut]
    return rest


def _put_tail(slot: _Slot, rest: str) -> None:
    items, index, pos = slot
    entry = items.setdefault(index, [None, None, None, None])
    token = entry[pos]
    if token is None:
        entry[pos] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + rest


def _expect(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind):
        raise ModelError(f"页面发来的「{where}」格式不对，没有保存。请刷新页面后重试。")
    return value


def _apply_map(mapping: CommentedMap, fields: Sequence[Field], model: dict[str, Any]) -> None:
    for pos, f in enumerate(fields):
        if f.key not in model:
            continue
        key = key_in(mapping, f)
        current = mapping[key] if key is not None else None
        new = _apply(f, current, model[f.key])
        if new is _SAME:
            continue
        if key is not None:
            mapping[key] = new
        elif not _is_empty(new):
            mapping.insert(_insert_at(mapping, fields, pos), f.key, new)


class _Same:
    """Marks a value the page left as it was."""


_SAME: Any = _Same()


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, (list, dict)) and not value)


def _insert_at(mapping: CommentedMap, fields: Sequence[Field], pos: int) -> int:
    """Where a new key goes: after the last key that comes before it in the field table."""
    keys = list(mapping.keys())
    for f in reversed(fields[:pos]):
        key = key_in(mapping, f)
        if key is not None:
            return keys.index(key) + 1
    return 0


def _apply(field: Field, current: Any, model: Any) -> Any:
    if isinstance(model, dict) and "raw" in model and field.kind != "mapping":
        return _SAME  # shown read-only: the form does not touch it
    if field.kind in SCALAR_KINDS:
        text = _expect(model, str, field.key)
        if not isinstance(current, (dict, list)) and scalar_text(current) == text:
            return _SAME
        return convert(field, text)
    if field.kind == "mapping":
        if isinstance(model, dict) and "raw" in model:
            return _SAME
        model = _expect(model, dict, field.key)
        if isinstance(current, CommentedMap):
            _apply_map(current, field.children, model)
            return _SAME
        if current is not None:
            return _SAME
        fresh = CommentedMap()
        _apply_map(fresh, field.children, model)
        return fresh if fresh else _SAME
    entries = _expect(model, list, field.key)
    if len(entries) > MAX_ENTRIES:
        raise ModelError(f"「{field.key}」的条目太多（超过 {MAX_ENTRIES} 条），没有保存。")
    old = current if isinstance(current, CommentedSeq) else None
    if current is not None and old is None:
        return _SAME
    return _apply_list(field, old, entries)


def _apply_list(field: Field, old: CommentedSeq | None, entries: list[Any]) -> Any:
    values: list[Any] = []
    comments: dict[int, Any] = {}
    used: set[int] = set()
    for i, entry in enumerate(entries):
        entry = _expect(entry, dict, field.key)
        orig = entry.get("orig")
        value = entry.get("value")
        if old is not None and isinstance(orig, int) and 0 <= orig < len(old) and orig not in used:
            used.add(orig)
            values.append(_apply_entry(field, old[orig], value))
            if orig in old.ca.items:
                comments[i] = old.ca.items[orig]
        else:
            values.append(_apply_entry(field, None, value))
    if old is None:
        return CommentedSeq(values) if values else _SAME
    if values == list(old) and all(comments.get(i) is old.ca.items.get(i) for i in range(len(old))):
        return _SAME
    if not values:
        return None
    old[:] = values
    old.ca.items.clear()
    old.ca.items.update(comments)
    return _SAME


def _apply_entry(field: Field, current: Any, model: Any) -> Any:
    """One list entry: a text, a one-sentence item or a mapping (a structured item, a part)."""
    if isinstance(model, dict) and "raw" in model:
        if current is None:
            raise ModelError(f"页面发来的「{field.key}」格式不对，没有保存。请刷新页面后重试。")
        return current
    if isinstance(model, str):
        if field.kind == "sections":
            raise ModelError(f"页面发来的「{field.key}」格式不对，没有保存。请刷新页面后重试。")
        if current is not None and not isinstance(current, (dict, list)) and scalar_text(current) == model:
            return current
        return _text(model)
    if field.kind == "texts":
        raise ModelError(f"页面发来的「{field.key}」格式不对，没有保存。请刷新页面后重试。")
    model = _expect(model, dict, field.key)
    target = current if isinstance(current, CommentedMap) else CommentedMap()
    _apply_map(target, field.children, model)
    return target


def convert(field: Field, text: str) -> Any:
    """The YAML value of what was typed into a field (``None`` for an emptied field)."""
    text = text.strip()
    if not text:
        return None
    if field.kind == "integer" and _INT.fullmatch(text):
        return int(text)
    if field.kind == "number" and _NUMBER.fullmatch(text):
        return float(text) if "." in text else int(text)
    if field.kind == "date" and _DATE.fullmatch(text):
        try:
            y, m, d = (int(p) for p in text.split("-"))
            return _dt.date(y, m, d)
        except ValueError:
            return _text(text)
    return _text(text)


_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _text(text: str) -> str | None:
    """Typed text as a YAML value that reads back as that text (``None`` when nothing was typed).

    Line breaks typed into a box are dropped (a sentence of a report is one
    line).  Quoted when the sheet's reader (PyYAML, YAML 1.1) would take it for
    something else (``yes``, ``9:30``, ``010`` …), which ruamel.yaml (YAML 1.2)
    writes unquoted.
    """
    text = "".join(line.strip() for line in text.splitlines())
    if not text:
        return None
    if _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != _STR_TAG:
        return DoubleQuotedScalarString(text)
    return text


# ---------------------------------------------------------------------------
# Lines -> form fields (to show check's problems where they belong)


@dataclass(frozen=True)
class Spot:
    """Where a form field's YAML starts: 1-based line and column, and the field's path on the page."""

    line: int
    col: int
    path: str


def spots(text: str, fields: Sequence[Field]) -> list[Spot]:
    """Every key and list entry of the sheet ``text`` with its line and path, in file order."""
    root = YAML(typ="rt").load(text)
    if not isinstance(root, CommentedMap):
        return []
    out = list(_map_spots(root, fields, ""))
    return sorted(out, key=lambda s: (s.line, s.col))


def _map_spots(mapping: CommentedMap, fields: Sequence[Field], prefix: str) -> Iterator[Spot]:
    for f in fields:
        key = key_in(mapping, f)
        if key is None:
            continue
        line, col = mapping.lc.key(key)
        path = f"{prefix}{f.key}"
        yield Spot(line + 1, col + 1, path)
        value = mapping[key]
        if f.kind == "mapping" and isinstance(value, CommentedMap):
            yield from _map_spots(value, f.children, path + ".")
        elif f.kind in LIST_KINDS and isinstance(value, CommentedSeq):
            for i, entry in enumerate(value):
                line, col = value.lc.item(i)
                yield Spot(line + 1, col + 1, f"{path}.{i}")
                if isinstance(entry, CommentedMap):
                    yield from _map_spots(entry, f.children, f"{path}.{i}.")


def spot_for(table: Sequence[Spot], line: int, col: int) -> str | None:
    """The path of the field a problem at ``line:col`` concerns: the last one starting at or before it.

    A list entry and its first key start at the same place; a problem reported
    exactly there is about the entry (a key missing from it), so the outer one wins.
    """
    best: Spot | None = None
    for s in table:  # in file order, an entry before its keys
        if (s.line, s.col) <= (line, col) and (best is None or (s.line, s.col) > (best.line, best.col)):
            best = s
    return best.path if best is not None else None
