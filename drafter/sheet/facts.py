"""The validated fact sheet: what one union did in one year.

``drafter.sheet`` reads a YAML fact sheet and turns it into a :class:`Facts`;
everything after that (rendering, writers, tests) works on these objects,
never on raw YAML.  Keys of the YAML are Chinese (the field table,
``drafter.sheet.fields``, maps each to the attribute it fills); attribute names
here are English.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path

from drafter.contract import CATEGORIES, KINDS, OTHER, UNIT_TYPES

__all__ = ["CATEGORIES", "KINDS", "OTHER", "UNIT_TYPES"]  # re-exported for the sheet's readers


@dataclass(frozen=True)
class Pos:
    """Where a value stands in the fact sheet (1-based)."""

    file: str
    line: int
    col: int


@dataclass(frozen=True)
class When:
    """The time of an item: a full date, a month, or free text such as 上半年."""

    text: str | None = None  # free text, kept as written (e.g. "春节前", "9月至10月")
    year: int | None = None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Item:
    """One 事项: a finished sentence, or the parts a template joins into one."""

    pos: Pos
    sentence: str | None = None  # the chair's own sentence, used as written
    when: When | None = None  # 时间
    activity: str | None = None  # 活动
    people: int | str | None = None  # 人数: an int (people) or a string such as "98人次"
    result: str | None = None  # 成果
    awards: tuple[str, ...] = ()  # 获奖

    @property
    def is_sentence(self) -> bool:
        return self.sentence is not None


@dataclass(frozen=True)
class OtherWork:
    """An entry of 其他工作: a section of the chair's own choosing."""

    pos: Pos
    title: str  # 标题
    items: tuple[Item, ...]  # 事项


@dataclass(frozen=True)
class Overview:
    """概况: figures for the opening paragraph."""

    members: int | None = None  # 会员人数
    staff: int | None = None  # 职工人数
    women: int | None = None  # 女职工人数
    grassroots_unions: int | None = None  # 基层工会数
    membership_rate: str | None = None  # 入会率, e.g. "98.5%"

    def is_empty(self) -> bool:
        return all(
            v is None for v in (self.members, self.staff, self.women, self.grassroots_unions, self.membership_rate)
        )


@dataclass(frozen=True)
class SignOff:
    """落款."""

    name: str  # 署名
    date: _dt.date  # 日期
    explicit_date: bool = False  # False when drafter filled in the build date


@dataclass(frozen=True)
class Facts:
    """A validated fact sheet."""

    source: Path
    unit: str  # 单位
    unit_type: str  # 单位类型
    year: int  # 年度
    kind: str = "工作总结"  # 文种
    reporter: str | None = None  # 报告人
    position: str | None = None  # 职务
    parent_union: str | None = None  # 上级工会
    party_org: str | None = None  # 党组织
    overview: Overview = field(default_factory=Overview)  # 概况
    assessment: str | None = None  # 总体评价
    categories: dict[str, tuple[Item, ...]] = field(default_factory=dict)  # 民主建设 … 文体活动
    other_work: tuple[OtherWork, ...] = ()  # 其他工作
    shortcomings: tuple[str, ...] = ()  # 存在不足
    plans: tuple[str, ...] = ()  # 明年打算
    signoff: SignOff | None = None  # 落款 (filled with defaults by the loader)

    @property
    def is_personal(self) -> bool:
        return self.kind == "述职报告"

    def items(self, category: str) -> tuple[Item, ...]:
        return self.categories.get(category, ())
