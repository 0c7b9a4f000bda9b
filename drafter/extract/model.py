"""What ``drafter extract`` found in a report: a fact sheet still to be written out.

Every value keeps the paragraph it came from, so the YAML can say where it was
read; what could not be placed becomes a :class:`Note` and is written as a
comment, never dropped.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from drafter.contract import CATEGORIES, SUMMARY


@dataclass(frozen=True)
class Source:
    """Where a value was read: the file and the paragraph (1-based) or line."""

    file: str
    where: str  # "第 12 段" / "第 30 行"
    text: str  # the paragraph as written (for comments)


@dataclass
class ItemOut:
    """One 事项: a sentence as she wrote it, or its parts (时间 活动 人数 成果 获奖)."""

    sentence: str | None = None
    when: str | None = None
    activity: str | None = None
    people: int | str | None = None
    result: str | None = None
    awards: tuple[str, ...] = ()
    source: Source | None = None
    order: float = 0  # place in its section when read from drafter's record (paragraphs go by time)


@dataclass
class OtherPart:
    """A part of 其他工作: a heading of her own and its items."""

    title: str
    items: list[ItemOut] = field(default_factory=list)


@dataclass(frozen=True)
class Note:
    """A value that needs her eyes, written as a comment under ``key`` (``""``: at the top)."""

    key: str
    message: str
    source: Source | None = None


@dataclass
class ExtractedSheet:
    """The fact sheet read from one report, in sheet order."""

    source: str
    unit: str | None = None
    unit_type: str | None = None
    year: int | None = None
    kind: str = SUMMARY
    reporter: str | None = None
    position: str | None = None
    parent_union: str | None = None
    party_org: str | None = None
    overview: dict[str, int | str] = field(default_factory=dict)  # 概况 key -> value
    assessment: str | None = None
    categories: dict[str, list[ItemOut]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    other_work: list[OtherPart] = field(default_factory=list)
    shortcomings: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    signoff_name: str | None = None
    signoff_date: _dt.date | None = None
    notes: list[Note] = field(default_factory=list)
    from_base: bool = False  # read from drafter's own generation record (exact) rather than from prose

    def note(self, key: str, message: str, source: Source | None = None) -> None:
        self.notes.append(Note(key, message, source))

    @property
    def item_count(self) -> int:
        return sum(len(v) for v in self.categories.values()) + sum(len(p.items) for p in self.other_work)
