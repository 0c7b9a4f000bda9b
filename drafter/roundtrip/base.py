"""The merge base: what drafter generated, stored inside the .docx it wrote.

A drafter .docx carries, as the custom XML part :data:`BASE_PART`, the
generated text of every block (key, role, text, the facts it carries) and
the keys of conflicts left for the chair (*pending*); every generated
paragraph carries a hidden bookmark named from its block key
(:func:`anchor_name`).  Word and LibreOffice keep both on open and save
(LibreOffice rewrites the XML, but the payload decodes to the same bytes;
bookmark ids are renumbered, names kept).

This module writes the payload (:func:`base_payload`) and parses it
(:func:`parse_base`).  The parser trusts nothing: a payload that is too
large, not UTF-8, not JSON, nested deeper than a base can be, has no blocks,
wrong types, duplicate keys or characters XML cannot carry raises
:class:`BaseProblem`, and the caller treats the base as untrusted.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from drafter.docx.oxml import XML_ILLEGAL
from drafter.draft import Block, Draft, ItemRecord, Role

BASE_PART = "drafter-base"  # name of the custom part holding the base
# 2: adds "pending" (conflicts left for the chair); paragraphs carry bookmarks.
# 3: a work paragraph's block lists the 事项 it carries ("items", in the sheet's own words).
BASE_FORMAT = 3
SUPPORTED_FORMATS = (1, 2, 3)
MAX_BASE_BYTES = 16 * 1024 * 1024
MAX_BLOCKS = 100_000

ANCHOR_PREFIX = "_dr_"  # hidden bookmark (leading underscore) on a generated paragraph
PROPOSAL_PREFIX = "_drn_"  # on the new rendering placed after an edited paragraph (a conflict)
BOOKMARK_PREFIXES = (ANCHOR_PREFIX, PROPOSAL_PREFIX)


class BaseProblem(ValueError):
    """The base payload cannot be used; the message (Chinese) says why.  Raised by :func:`parse_base`."""


def anchor_name(key: str) -> str:
    """The bookmark naming the paragraph of block ``key`` (Word allows ≤ 40 ASCII characters)."""
    return ANCHOR_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def proposal_anchor_name(key: str) -> str:
    """The bookmark of a conflict's new rendering of block ``key``."""
    return PROPOSAL_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def norm(text: str) -> str:
    """Text as compared by the merge: what an office suite may change is ignored.

    NFC, no zero-width characters or soft hyphens, no characters XML cannot
    carry, no-break spaces as spaces, line ends as \\n, no outer whitespace
    (including the full-width spaces some people type to indent).
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\u00a0", " ").strip()


@dataclass(frozen=True)
class BaseBlock:
    """One paragraph of the base: its block key, role, text and the facts it states."""

    key: str
    role: Role
    text: str
    facts: tuple[str, ...]
    items: tuple[ItemRecord, ...] = ()  # the 事项 the paragraph carries (format 3; () before)


@dataclass(frozen=True)
class Base:
    """What drafter generated last time (the merge base)."""

    blocks: tuple[BaseBlock, ...]
    fingerprint: str = ""
    pending: tuple[str, ...] = ()  # keys whose conflict proposal is in the file
    format: int = BASE_FORMAT

    def by_key(self) -> dict[str, BaseBlock]:
        return {b.key: b for b in self.blocks}


def base_payload(draft: Draft, *, pending: Sequence[str] = ()) -> bytes:
    """The generated text of every block, keyed by block id (the merge base).

    ``pending`` lists the keys whose conflict (her version + the new
    rendering, marked) is still in the file for the chair to resolve.
    """
    data: dict[str, object] = {
        "format": BASE_FORMAT,
        "fingerprint": draft.meta.fingerprint,
        "blocks": [_block_data(b) for b in draft.all_blocks()],
    }
    if pending:
        data["pending"] = list(pending)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_ITEM_KEYS = ("sentence", "when", "activity", "people", "result")


def _block_data(block: Block) -> dict[str, object]:
    data: dict[str, object] = {
        "key": block.key,
        "role": block.role.value,
        "text": block.text,
        "facts": list(block.facts),
    }
    if block.items:
        data["items"] = [_item_data(i) for i in block.items]
    return data


def _item_data(item: ItemRecord) -> dict[str, object]:
    data: dict[str, object] = {k: getattr(item, k) for k in _ITEM_KEYS if getattr(item, k) is not None}
    if item.awards:
        data["awards"] = list(item.awards)
    data["index"] = item.index
    return data


def _parse_item(value: object) -> ItemRecord:
    if not isinstance(value, dict):
        raise BaseProblem("生成记录不完整（事项不是记录）")
    texts = {k: _string(value[k], "事项") if k in value else None for k in ("sentence", "when", "activity", "result")}
    people = value.get("people")
    if people is not None and (isinstance(people, bool) or not isinstance(people, (int, str))):
        raise BaseProblem("生成记录不完整（事项的人数无效）")
    awards = value.get("awards", [])
    if not isinstance(awards, list):
        raise BaseProblem("生成记录不完整（事项的获奖无效）")
    index = value.get("index", 0)
    if isinstance(index, bool) or not isinstance(index, int):
        raise BaseProblem("生成记录不完整（事项的序号无效）")
    return ItemRecord(
        texts["sentence"],
        texts["when"],
        texts["activity"],
        _string(people, "事项") if isinstance(people, str) else people,
        texts["result"],
        tuple(_string(a, "事项") for a in awards),
        index,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _string(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise BaseProblem(f"生成记录不完整（{what}不是文字）")
    if _SURROGATE.search(value) or XML_ILLEGAL.search(value):
        raise BaseProblem(f"生成记录中的{what}含有无效字符")
    return value


def parse_base(payload: bytes) -> Base:
    """Decode the ``drafter-base`` payload; :class:`BaseProblem` when it cannot be trusted."""
    if len(payload) > MAX_BASE_BYTES:
        raise BaseProblem("生成记录过大，不像 drafter 写的")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError:
        raise BaseProblem("生成记录已损坏（不是 UTF-8 文字）") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise BaseProblem("生成记录已损坏（嵌套过深）") from None
    except ValueError as exc:
        raise BaseProblem(f"生成记录已损坏（{exc.__class__.__name__}）") from None
    if (
        not isinstance(data, dict)
        or data.get("format") not in SUPPORTED_FORMATS
        or isinstance(data.get("format"), bool)
    ):
        fmt = data.get("format") if isinstance(data, dict) else None
        raise BaseProblem(f"生成记录的格式（{str(fmt)[:20]}）不是这个版本的 drafter 能读的")
    items = data.get("blocks")
    if not isinstance(items, list) or not items:
        raise BaseProblem("生成记录中没有段落")
    if len(items) > MAX_BLOCKS:
        raise BaseProblem("生成记录中的段落过多，不像 drafter 写的")
    blocks: list[BaseBlock] = []
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, dict):
            raise BaseProblem("生成记录不完整（段落不是记录）")
        key = _string(item.get("key"), "段落编号")
        if key in seen:
            raise BaseProblem(f"生成记录中段落编号重复：{key[:40]}")
        seen.add(key)
        try:
            role = Role(item.get("role"))
        except ValueError:
            raise BaseProblem("生成记录不完整（段落类型无效）") from None
        facts = item.get("facts", [])
        if not isinstance(facts, list):
            raise BaseProblem("生成记录不完整（事实列表无效）")
        records = item.get("items", [])
        if not isinstance(records, list):
            raise BaseProblem("生成记录不完整（事项列表无效）")
        blocks.append(
            BaseBlock(
                key,
                role,
                _string(item.get("text"), "段落文字"),
                tuple(_string(f, "事实") for f in facts),
                tuple(_parse_item(r) for r in records),
            )
        )
    pending_raw = data.get("pending", [])
    if not isinstance(pending_raw, list):
        raise BaseProblem("生成记录不完整（待定冲突列表无效）")
    pending = tuple(k for k in (_string(k, "段落编号") for k in pending_raw) if k in seen)
    fingerprint = data.get("fingerprint", "")
    return Base(tuple(blocks), _string(fingerprint, "指纹") if fingerprint else "", pending, int(data["format"]))


__all__ = [
    "BASE_FORMAT",
    "BASE_PART",
    "BOOKMARK_PREFIXES",
    "Base",
    "BaseBlock",
    "BaseProblem",
    "anchor_name",
    "base_payload",
    "norm",
    "parse_base",
    "proposal_anchor_name",
]
