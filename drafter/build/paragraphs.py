"""A section's item sentences → 1–4 paragraphs (prose rules §3).

Items of one theme (the 职代会 and its 提案, two contests, the 春节 and 金秋
visits) join into one paragraph, each paragraph in time order (an undated
item of a theme first, one of no theme last, one going on from the item
before it, of its theme, right after it), the paragraphs ordered
by their first date.  Inside a paragraph a sentence with its own date needs
no connector; otherwise the relation gives it: 递进
(在此基础上) after an item of the same theme where the later builds on the
earlier (职代会 → 提案, 比武 → 选派参赛), 并列 (同时) otherwise, each at most
once a paragraph — never a rotating 此外/另外.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.draft import ItemRecord
from drafter.topics import topics_in

MAX_PARAGRAPHS = 4
_AFTER_ALL = 13  # the place of an undated item of no theme: after every month
SPLIT_AT = 5  # a section of one theme with this many items reads as two paragraphs (by time)
SPLIT_MIXED = 6  # … and one of a theme plus one other item dated among the theme's, this many
# The theme an item belongs to: the first of these topics its text shows.
_THEME_ORDER = (
    "职代会",
    "公开",
    "集体协商",
    "女职工",
    "帮扶",
    "技能竞赛",
    "培训",
    "健康",
    "体育",
    "文艺",
    "建家",
    "入会",
    "维权",
)
_CONTEST_WORDS = ("比赛", "竞赛", "大赛", "比武")
# Themes where a later item of the same theme builds on the earlier one (职代会 → 提案督办,
# 本单位比武 → 选派参赛): 在此基础上 fits; elsewhere two items only stand side by side (同时).
_BUILDS_ON = frozenset({"职代会", "技能竞赛", "培训", "建家", "入会"})
_SEASONS = (
    ("年初", 1),
    ("元旦", 1),
    ("春节", 1),
    ("一季度", 2),
    ("三八", 3),
    ("上半年", 6),
    ("二季度", 5),
    ("端午", 6),
    ("暑期", 7),
    ("暑假", 7),
    ("三季度", 8),
    ("金秋", 8),
    ("中秋", 9),
    ("国庆", 10),
    ("下半年", 9),
    ("四季度", 11),
    ("年底", 12),
    ("年末", 12),
    ("岁末", 12),
)
_MONTH = re.compile(r"^(?:\d{4}年)?(\d{1,2})月")
# A sentence opening with one of these links itself ("在技能比武中，…" opens with its own setting).
_OWN_CONNECTOR = ("同时", "此外", "另外", "与此同时", "在", "还", "并", "此后", "随后", "其间", "期间")


@dataclass
class Entry:
    """One item's sentence in a section, with what the planner needs to know."""

    text: str
    facts: tuple[str, ...]
    ident: str  # the sheet text that names the item (for the paragraph's key)
    topic_text: str  # activity, result and awards (or the sentence): what the theme is read from
    when: str  # the time as written ("" when none)
    dated: bool  # the sentence opens with its own time
    record: ItemRecord | None = None  # the sheet's 事项 (kept in the paragraph's block for extract)


def theme(text: str) -> str:
    found = topics_in(text)
    # Any contest but a sport is a contest: an outside speech contest goes with the skills
    # contests, not with the training course beside them.
    if "技能竞赛" in found or (any(w in text for w in _CONTEST_WORDS) and "体育" not in found):
        return "技能竞赛"
    return next((t for t in _THEME_ORDER if t in found), "")


def month(when: str) -> int | None:
    """The month a time text points at (3月 → 3, 春节前 → 1, 下半年 → 9), or None."""
    m = _MONTH.match(when)
    if m and 1 <= int(m.group(1)) <= 12:
        return int(m.group(1))
    return next((n for word, n in _SEASONS if word in when), None)


def sentence_time(sentence: str) -> str:
    """The time a chair's own sentence opens with (3月, 春节前 …), or ""."""
    head = sentence.split("，", 1)[0]
    return head if len(head) <= 10 and month(head) is not None else ""


def plan(entries: list[Entry]) -> list[list[Entry]]:
    """Group a section's entries into at most four paragraphs, in time order."""
    if not entries:
        return []
    themes = [theme(e.topic_text) for e in entries]
    months: list[int] = []
    last = 0
    for i, e in enumerate(entries):
        own = month(e.when)
        if own is not None:
            last = own
        elif i and themes[i] and themes[i] == themes[i - 1]:
            pass  # goes on from the item before it, of its theme (职代会 → 提案: 在此基础上)
        elif themes[i]:
            # An undated item of a theme opens its paragraph: after a dated one it would read as
            # following it in time (a negotiation 同时 with the 2月 congress it fed).
            last = 0
        else:
            # One of no theme (an honour, a building) closes the paragraph, after the dated ones.
            last = _AFTER_ALL
        months.append(last)
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(themes):
        # Items of no theme share none: each stands alone until the singletons are gathered.
        groups.setdefault(t or f"#{i}", []).append(i)
    parts = _gather_singletons(list(groups.values()))
    while len(parts) > MAX_PARAGRAPHS:
        # Merge the two smallest groups (the later one into the earlier).
        parts.sort(key=len)
        a, b = parts[0], parts[1]
        parts = [sorted(a + b), *parts[2:]]
    if len(parts) == 1 and len(entries) >= SPLIT_AT:
        # Many items: two paragraphs by time.  But a theme with one other item dated among
        # its own stays one paragraph (up to SPLIT_MIXED items): cut by time, the other item
        # would start or end a paragraph of the theme's (a speech contest with the training).
        ranked = sorted(parts[0], key=lambda i: (months[i], i))
        lone = [g[0] for g in groups.values() if len(g) == 1] if len(groups) == 2 else []
        among = bool(lone) and 0 < ranked.index(lone[0]) < len(ranked) - 1
        if not among or len(entries) >= SPLIT_MIXED:
            half = len(ranked) // 2
            parts = [ranked[:half], ranked[half:]]
    parts = [sorted(p, key=lambda i: (months[i], i)) for p in parts]
    parts.sort(key=lambda p: (min((months[i] for i in p if 0 < months[i] < _AFTER_ALL), default=0), p[0]))
    return [[entries[i] for i in p] for p in parts]


def _gather_singletons(parts: list[list[int]]) -> list[list[int]]:
    """Items alone in their theme join each other, or the smallest theme: no one-sentence paragraphs."""
    alone = [p for p in parts if len(p) == 1]
    many = [p for p in parts if len(p) > 1]
    if len(alone) >= 2:
        return [*many, sorted(i for p in alone for i in p)]
    if alone and many:
        smallest = min(many, key=len)
        return [sorted(p + alone[0]) if p is smallest else p for p in many]
    return parts


def join(paragraph: list[Entry]) -> str:
    """The sentences of one paragraph with the connectors their relation asks for."""
    out: list[str] = []
    used: set[str] = set()
    prev_theme = ""
    for i, e in enumerate(paragraph):
        text = e.text
        this = theme(e.topic_text)
        if i and not e.dated and not text.startswith(_OWN_CONNECTOR):
            if this in _BUILDS_ON and this == prev_theme and "在此基础上，" not in used:
                text = "在此基础上，" + text
                used.add("在此基础上，")
            elif not paragraph[i - 1].dated and "同时，" not in used:
                # 同时 between two undated items only: after a dated one it would date this one too.
                text = "同时，" + text
                used.add("同时，")
        prev_theme = this
        out.append(text)
    return "".join(out)
