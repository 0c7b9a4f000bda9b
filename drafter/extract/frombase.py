"""A .docx that drafter wrote → its fact sheet, from the generation record.

``drafter build`` stores every paragraph it generated in the ``drafter-base``
part (:func:`drafter.roundtrip.base.base_payload`): the block key says what
the paragraph is (``work/民主建设/item/…``, ``opening``, ``plans/…``) and
``facts`` lists the sheet's values it carries, in sheet order; since format 3
a work paragraph also lists the 事项 it joins (``items``, in the sheet's own
words and places).  So the sheet comes back exactly, without reading prose.
A joined paragraph she rewrote keeps the items whose facts still stand; each
sentence she changed becomes an item as she wrote it.  Paragraphs the chair rewrote in
Word (found by their anchor bookmarks) are taken as she left them; paragraphs
she added or deleted are noted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from drafter.contract import CATEGORIES, PERSONAL, SUMMARY
from drafter.draft import ItemRecord, Role
from drafter.extract import figures as fig
from drafter.extract.items import sentences
from drafter.extract.model import ExtractedSheet, ItemOut, OtherPart, Source
from drafter.roundtrip.base import Base, BaseBlock, anchor_name, norm

_WHEN_WORDS_RE = re.compile(
    r"^(?:\d{4}年)?\d{1,2}月|春节|元旦|国庆|中秋|端午|节前|节后|季度|半年|年初|年中|年底|年末|期间|前夕|旬|暑|寒假"
)
_PEOPLE_RE = re.compile(r"^(?:约|近|超过|共|计|合计|共计|达|累计|逾)?\d+(?:余|多)?(?:名|人|人次|位)?(?:以上|左右)?$")
_SIGNOFF_PREFIX = "述职人："


def _sentence(fact: str, text: str) -> str:
    """The sheet sentence of a one-fact item: the fact with the mark that ended it in the draft."""
    at = text.find(fact)
    end = text[at + len(fact) : at + len(fact) + 1] if at >= 0 else ""
    return fact + (end if end in ("。", "！", "？") else "。")


def base_item(facts: tuple[str, ...], text: str, source: Source) -> ItemOut:
    """The 事项 a generated paragraph carries (its facts are 时间 活动 人数 成果 获奖… in that order)."""
    rest = list(facts)
    if len(rest) == 1:
        return ItemOut(sentence=_sentence(rest[0], text), source=source)
    item = ItemOut(source=source)
    if len(rest) >= 2 and _WHEN_WORDS_RE.search(rest[0]) and len(rest[0]) <= 16:
        item.when = rest.pop(0)
    item.activity = rest.pop(0)
    if rest and _PEOPLE_RE.match(rest[0]):
        people = rest.pop(0)
        item.people = int(people) if people.isdigit() else people
    if rest:
        at = text.find(rest[0])
        if at < 0 or "获" not in text[max(0, at - 4) : at]:
            item.result = rest.pop(0)
        item.awards = tuple(rest)
    return item


def recorded_item(record: ItemRecord, source: Source) -> ItemOut:
    """The 事项 exactly as the sheet gave it (format 3 records every item of a paragraph)."""
    return ItemOut(
        sentence=record.sentence,
        when=record.when,
        activity=record.activity,
        people=record.people,
        result=record.result,
        awards=record.awards,
        source=source,
        order=record.index,
    )


_CONNECTOR_RE = re.compile(r"^(?:同时|在此基础上|此外|另外)，")


def edited_items(block: BaseBlock, now: str, source: Source) -> list[ItemOut]:
    """The 事项 of a joined paragraph she rewrote: items whose facts all stand are kept as
    recorded; each sentence she changed or added becomes an item of its own, in her order."""
    old = set(sentences(block.text))
    kept = [r for r in block.items if all(f in now for f in _record_facts(r, block))]
    out: list[ItemOut] = []
    placed: set[int] = set()
    last: float = min(r.index for r in block.items) - 0.5
    missing: list[float] = [r.index for r in block.items if r not in kept]
    for sentence in sentences(now):
        owner = next((k for k, r in enumerate(kept) if any(f in sentence for f in _record_facts(r, block))), None)
        if owner is not None:
            if owner not in placed:
                placed.add(owner)
                out.append(recorded_item(kept[owner], source))
                last = kept[owner].index
        elif sentence not in old:
            last = missing.pop(0) if missing else last + 0.01  # in the place of an item she changed
            out.append(ItemOut(sentence=_CONNECTOR_RE.sub("", sentence), source=source, order=last))
    out += [recorded_item(r, source) for k, r in enumerate(kept) if k not in placed]
    return out


def _record_facts(record: ItemRecord, block: BaseBlock) -> list[str]:
    """The block's facts that come from ``record`` (its sentence, time, activity… as the draft reads)."""
    words = [w for w in (record.sentence, record.activity, record.result) if w]
    own = [f for f in block.facts if len(f) >= 4 and any(f in w or w in f for w in words)]
    return own or [w.rstrip("。！？") for w in words]


class _BaseReader:
    def __init__(self, base: Base, paragraphs: Sequence[tuple[str, tuple[str, ...]]], file: Path) -> None:
        self.blocks = base.blocks
        self.file = file
        self.sheet = ExtractedSheet(source=str(file), from_base=True)
        self.current: dict[str, str] = {}  # key -> the paragraph's text now (when anchors survived)
        self.added: dict[str | None, list[str]] = {}  # key of the block before -> paragraphs she added after it
        names = {anchor_name(b.key): b.key for b in self.blocks}
        self.anchored = any(a in names for _text, bookmarks in paragraphs for a in bookmarks)
        last: str | None = None
        for text, bookmarks in paragraphs:
            keys = [names[a] for a in bookmarks if a in names]
            if keys:
                last = keys[0]
                self.current.setdefault(last, text)
            elif self.anchored:
                self.added.setdefault(last, []).append(text)
        self.parts: dict[str, OtherPart] = {}
        self.last_order: float = 0  # order of the item placed last

    def source(self, block: BaseBlock, text: str) -> Source:
        return Source(str(self.file), f"段落 {block.key}", text)

    def text_of(self, block: BaseBlock) -> str | None:
        """The paragraph's text now; None when she deleted it."""
        if not self.anchored:
            return block.text
        return self.current.get(block.key)

    def read(self) -> ExtractedSheet:
        sheet = self.sheet
        personal = any(
            b.role in (Role.SUBTITLE, Role.SALUTATION) or (b.role is Role.TITLE and "述职" in b.text)
            for b in self.blocks
        )
        sheet.kind = PERSONAL if personal else SUMMARY
        for block in self.blocks:
            self.block(block)
            for text in self.added.get(block.key, ()):
                self.added_paragraph(block, text)
        for items in [*sheet.categories.values(), *(p.items for p in sheet.other_work)]:
            items.sort(key=lambda i: i.order)  # the sheet's order (a paragraph lists its items by time)
        if sheet.unit is not None:
            sheet.unit_type = fig.unit_type_of(sheet.unit)
        if sheet.unit_type is None:
            sheet.unit_type = "其他"
            sheet.note("单位类型", "从单位名称看不出单位类型，请改成学校、企业、机关、医院、乡镇街道或其他")
        return sheet

    def block(self, block: BaseBlock) -> None:
        sheet, key, facts = self.sheet, block.key, block.facts
        now = self.text_of(block)
        if now is None:
            if facts:
                sheet.note("", "这段在 Word 里已经删掉，其中的事实没有提取", self.source(block, block.text))
            return
        edited = norm(now) != norm(block.text)
        if key == "title" and len(facts) >= 2:
            sheet.unit, sheet.year = facts[0], int(facts[1])
        elif key == "subtitle" and len(facts) >= 2:
            sheet.reporter = facts[-1]
            self.position(block.text, facts[0], facts[-1])
        elif key == "opening":
            self.opening(block)
        elif _item_key(key):
            self.item(block, now, edited)
        elif key.startswith("other/") and key.endswith("/heading") and facts:
            self.parts[_part_key(key)] = part = OtherPart(facts[0])
            sheet.other_work.append(part)
        elif key == "problems/body":
            sheet.shortcomings.extend(f + "。" for f in facts)
        elif key.startswith("plans/") and facts:
            sheet.plans.extend(f + "。" for f in facts)
        elif key == "signoff/name" and facts:
            name = facts[0]
            sheet.signoff_name = sheet.unit if name.startswith(_SIGNOFF_PREFIX) and sheet.unit else name
        elif key == "signoff/date" and facts:
            sheet.signoff_date = fig.parse_date(facts[0])
        if edited and not _item_key(key):
            sheet.note("", "您在 Word 里改过这段；事实表只收事实，改过的文字没有提取，请对照", self.source(block, now))

    def position(self, text: str, unit: str, reporter: str) -> None:
        """职务 from the subtitle 「单位+职务　报告人」 (drafter writes 某公司工会主席 for 工会主席)."""
        office = text.removesuffix(reporter).strip(" \u3000")
        at = office.find(unit)  # the subtitle may open with a label (述职人：)
        if at < 0:
            return
        rest = office[at + len(unit) :]
        self.sheet.position = ("工会" + rest) if unit.endswith("工会") and "工会" not in rest else rest

    def opening(self, block: BaseBlock) -> None:
        sheet = self.sheet
        words = [f for f in block.facts if f != sheet.reporter]
        numbers = [f for f in words if f.isdigit() or f.endswith("%")]
        names = [f for f in words if f not in numbers]
        party, union, others = fig.leaders(block.text)
        sheet.party_org = party if party in names else None
        sheet.parent_union = union if union in names else None
        for name in (n for n in others if n in names):  # a leader whose name shows neither 党 nor 工会
            if sheet.party_org is None:
                sheet.party_org = name
            elif sheet.parent_union is None:
                sheet.parent_union = name
        left = [f for f in names if f not in (sheet.party_org, sheet.parent_union)]
        if left:
            sheet.assessment = left[0] + "。"
        for name in left[1:]:
            sheet.note("总体评价", f"开头有一项「{name}」没有认出是哪一项", self.source(block, block.text))
        found = fig.figures(block.text)
        sheet.overview = found
        placed = {str(v) for v in found.values()}
        for number in numbers:
            if number not in placed:
                sheet.note("概况", f"开头有一个数字「{number}」没有认出是哪一项", self.source(block, block.text))

    def item(self, block: BaseBlock, now: str, edited: bool) -> None:
        source = self.source(block, now)
        if block.items:
            items = edited_items(block, now, source) if edited else [recorded_item(r, source) for r in block.items]
            if edited:
                self.sheet.note(
                    _section_key(block.key, self.parts),
                    "这条事项在 Word 里改过，改过的句子按改过的文字整句提取",
                    source,
                )
            for entry in items:
                self.place(block.key, entry)
            return
        if edited:
            item = ItemOut(sentence=now, source=self.source(block, now))
            self.sheet.note(
                _section_key(block.key, self.parts), "这条事项在 Word 里改过，按改过的文字整句提取", item.source
            )
        else:
            item = base_item(block.facts, block.text, self.source(block, now))
        self.place(block.key, item)

    def place(self, key: str, item: ItemOut) -> None:
        self.last_order = item.order
        if key.startswith("work/"):
            self.sheet.categories[key.split("/")[1]].append(item)
        elif _part_key(key) in self.parts:
            self.parts[_part_key(key)].items.append(item)

    def added_paragraph(self, block: BaseBlock, text: str) -> None:
        """A paragraph she typed after ``block``: an item of the same section, or a note."""
        key = block.key
        source = Source(str(self.file), f"段落 {key} 之后", text)
        section = _section_key(key, self.parts)
        if section and not key.endswith("/heading") and text.rstrip()[-1:] in ("。", "！", "？", "；"):
            # after the paragraph's own items (a record before format 3 keeps reading order)
            after = max(r.index for r in block.items) + 0.5 if block.items else self.last_order
            self.place(key, ItemOut(sentence=text, source=source, order=after))
            self.sheet.note(section, "这段是您在 Word 里加的，已作为一条事项提取", source)
        else:
            self.sheet.note("", "这段是您在 Word 里加的，没有放进事实表", source)


def _item_key(key: str) -> bool:
    return "/item/" in key


def _part_key(key: str) -> str:
    return "/".join(key.split("/")[:2])


def _section_key(key: str, parts: dict[str, OtherPart]) -> str:
    """The sheet key a block's section is written under ("" when it is not a work section)."""
    head = key.split("/")
    if head[0] == "work" and len(head) > 2 and head[1] in CATEGORIES:
        return head[1]
    return "其他工作" if _part_key(key) in parts else ""


def sheet_from_base(base: Base, paragraphs: Sequence[tuple[str, tuple[str, ...]]], file: Path) -> ExtractedSheet:
    """The fact sheet recorded in a .docx that drafter wrote.

    ``paragraphs`` are the body paragraphs as the file holds them now: their
    text and the bookmark names in them (drafter's anchors find each block).
    """
    return _BaseReader(base, paragraphs, file).read()
