"""Chinese report typography: numerals, dates, counts, punctuation.

Small pure functions used by the build side (no jieba here).
"""

from __future__ import annotations

import re

from .facts import When

_DIGITS = "零一二三四五六七八九"

# Chinese characters (CJK unified ideographs + extension A + compatibility).
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = f"[{CJK}]"
# Full-width punctuation that may stand next to Chinese text.
CN_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】—…·"
_END_MARKS = "。！？"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (1 ≤ n ≤ 999)."""
    if not 1 <= n <= 999:
        raise ValueError(f"cn_numeral takes 1..999, not {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def ordinal_marker(n: int) -> str:
    """一是, 二是 … for enumerations inside a paragraph."""
    return f"{cn_numeral(n)}是"


def format_when(when: When, report_year: int | None = None) -> str:
    """3月; 3月8日; 2024年12月28日 (the year only when it is not the report's)."""
    if when.text is not None:
        return when.text
    parts = ""
    if when.year is not None and (report_year is None or when.year != report_year or when.month is None):
        parts += f"{when.year}年"
    if when.month is not None:
        parts += f"{when.month}月"
        if when.day is not None:
            parts += f"{when.day}日"
    return parts


def format_count(people: int | str, noun: str) -> str:
    """45 → 45名教职工; "98人次" is kept as written."""
    if isinstance(people, int):
        return f"{people}名{noun}"
    return people


# -- punctuation ------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", "?": "？", "!": "！", ":": "："}
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{CJK}{CN_PUNCT}])[ \\t]+(?=[{CJK}{CN_PUNCT}])")
_HALF_PUNCT_NEAR_CJK = re.compile(f"(?<=[{CJK}“”）》])([,;?!:])|([,;?!:])(?=[{CJK}“（《])")
_PERIOD_AFTER_CJK = re.compile(f"(?<=[{CJK}”）》])\\.(?!\\d)")
_PARENS = re.compile(f"\\(([^()]*[{CJK}][^()]*)\\)")
_DOUBLED = re.compile(r"([，。、；：！？])\1+")
_CLASH = re.compile(r"[，、；：]+([。！？])|([。！？])[，、；：]+")


def _fix_quotes(text: str, straight: str, left: str, right: str) -> str:
    out: list[str] = []
    open_ = False
    for ch in text:
        if ch == straight:
            out.append(right if open_ else left)
            open_ = not open_
        else:
            out.append(ch)
    return "".join(out)


def normalize_punct(text: str) -> str:
    """Make the punctuation of Chinese text full-width, paired and single.

    Digits, Latin words and decimals keep their half-width marks (98.5%, 8:30).
    """
    text = text.strip()
    if not re.search(_CJK_CHAR, text):
        return text
    text = _fix_quotes(text, '"', "“", "”")
    if "'" in text and re.search(f"'[^']*[{CJK}][^']*'", text):
        text = _fix_quotes(text, "'", "‘", "’")
    text = _PARENS.sub(r"（\1）", text)
    text = _HALF_PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    text = _PERIOD_AFTER_CJK.sub("。", text)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _DOUBLED.sub(r"\1", text)
    text = _CLASH.sub(lambda m: m.group(1) or m.group(2), text)
    return text


def strip_end(text: str) -> str:
    """A clause without its closing mark, ready to be joined into a sentence."""
    return text.strip().rstrip("。！？；，、：.;,!? \u3000")


def as_sentence(text: str) -> str:
    """A sentence ending in 。 (or the ！？ it already has)."""
    text = normalize_punct(text)
    if not text:
        return text
    if text[-1] in _END_MARKS or text.endswith("…") or (text.endswith("”") and len(text) > 1 and text[-2] in _END_MARKS):
        return text
    return strip_end(text) + "。"


def join_clauses(clauses: list[str], sep: str = "，") -> str:
    return sep.join(c for c in (strip_end(c) for c in clauses) if c)


def enumerate_points(points: list[str]) -> str:
    """一是…；二是…；三是…。 — the usual way to list shortcomings in one paragraph."""
    if len(points) == 1:
        return as_sentence(points[0])
    parts = [f"{ordinal_marker(i)}{strip_end(normalize_punct(p))}" for i, p in enumerate(points, 1)]
    return "；".join(parts) + "。"
