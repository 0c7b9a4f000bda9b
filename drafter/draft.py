"""The draft: one document model shared by every writer.

``drafter.build.compose`` fills it from facts and templates; ``drafter.docx``
turn it into .docx, Markdown or plain text; ``drafter.roundtrip.merge`` compares two
of them.  Numbering (一、 （一）) is part of the text of headings, as in
real official documents, so every writer shows the same numbers.

Each block has a ``key``: a stable id such as ``work/民主建设/item/3`` that
stays the same when the sheet is edited and the draft regenerated, so that
edits made in Word can be matched to what drafter generated.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    """What a block is; writers style by role."""

    TITLE = "title"
    SUBTITLE = "subtitle"  # centred line under the title (述职报告: unit and name)
    SALUTATION = "salutation"  # 尊敬的各位领导、各位代表： (flush left, no indent)
    BODY = "body"
    HEADING1 = "heading1"  # 一、
    HEADING2 = "heading2"  # （一）
    SIGNOFF_NAME = "signoff_name"
    SIGNOFF_DATE = "signoff_date"


@dataclass(frozen=True)
class ItemRecord:
    """One 事项 of the sheet as a paragraph carries it, in the sheet's own words (for extract).

    ``when`` is the time as the sheet gives it, with its year when it has one; ``index`` is the
    item's place among its section's 事项 in the sheet (paragraphs list items in time order).
    """

    sentence: str | None = None
    when: str | None = None
    activity: str | None = None
    people: int | str | None = None
    result: str | None = None
    awards: tuple[str, ...] = ()
    index: int = 0


@dataclass
class Block:
    """One paragraph of the draft."""

    role: Role
    text: str
    key: str
    facts: tuple[str, ...] = ()  # fact strings from the sheet that this paragraph carries
    items: tuple[ItemRecord, ...] = ()  # the 事项 a work paragraph carries, in order

    @property
    def is_heading(self) -> bool:
        return self.role in (Role.HEADING1, Role.HEADING2)


@dataclass
class SignOff:
    """The 落款 of a draft: the signing name and the date."""

    name: str
    date: _dt.date

    @property
    def date_text(self) -> str:
        # GB/T 9704 7.3.5.4: arabic digits, full year, no padding.
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


@dataclass
class Meta:
    """Document properties."""

    title: str
    author: str
    unit: str
    year: int
    kind: str
    created: _dt.datetime
    subject: str = ""
    keywords: str = ""
    fingerprint: str = ""  # hash of the sheet and the templates that produced the draft


@dataclass
class Draft:
    """A complete draft in reading order."""

    meta: Meta
    blocks: list[Block] = field(default_factory=list)
    signoff: SignOff | None = None

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    @property
    def title(self) -> str:
        return self.meta.title

    def all_blocks(self) -> list[Block]:
        """Blocks including the sign-off, as a writer emits them."""
        out = list(self.blocks)
        if self.signoff is not None:
            out.append(Block(Role.SIGNOFF_NAME, self.signoff.name, "signoff/name", (self.signoff.name,)))
            out.append(Block(Role.SIGNOFF_DATE, self.signoff.date_text, "signoff/date", (self.signoff.date_text,)))
        return out

    def text(self) -> str:
        """Plain text, one paragraph a line (what tests and the leak guard read)."""
        return "\n".join(b.text for b in self.all_blocks())
