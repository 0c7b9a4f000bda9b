"""Chinese typography rules every draft must keep (used by several tests)."""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_HALF_NEAR_CJK = re.compile(f'[{CJK}][,;:?!()"]|[,;:?!()"][{CJK}]|[{CJK}]\\.(?!\\d)')
_DOUBLED = re.compile(r"[，。、；：！？]{2,}")
_SPACE = re.compile(f"[{CJK}，。、；：！？“”（）《》] +[{CJK}，。、；：！？“”（）《》]")
_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"), ("【", "】"))
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]")


def _paired(text: str, left: str, right: str) -> bool:
    depth = 0
    for ch in text:
        if ch == left:
            depth += 1
            if left == right:
                depth %= 2
        elif ch == right:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def check_typography(paragraphs: list[tuple[str, str]]) -> list[str]:
    """``paragraphs`` are (role, text) pairs in order; returns the broken rules."""
    problems: list[str] = []
    seen: dict[str, int] = {}
    prev_body: str | None = None
    for i, (role, text) in enumerate(paragraphs):
        where = f"¶{i + 1} «{text[:30]}»"
        if m := _HALF_NEAR_CJK.search(text):
            problems.append(f"{where}: half-width punctuation next to Chinese: {m.group()!r}")
        if m := _DOUBLED.search(text):
            problems.append(f"{where}: doubled punctuation {m.group()!r}")
        if m := _SPACE.search(text):
            problems.append(f"{where}: space between Chinese characters {m.group()!r}")
        for left, right in _PAIRS:
            if not _paired(text, left, right):
                problems.append(f"{where}: unpaired {left}{right}")
        for sentence in _SENTENCE.findall(text):
            s = sentence.strip()
            if len(s) < 6:
                continue
            if s in seen:
                problems.append(f"{where}: sentence repeated from ¶{seen[s] + 1}: {s[:30]}")
            else:
                seen[s] = i
        if role == "body":
            if prev_body is not None and prev_body[:4] == text[:4]:
                problems.append(f"{where}: opens with the same four characters as the paragraph before: {text[:4]}")
            prev_body = text
        else:
            prev_body = None
    return problems
