"""Chinese report typography: numerals, dates, counts, punctuation.

Small pure functions used by the build side (no jieba here).
"""

from __future__ import annotations

import functools
import re

from drafter.sheet.facts import When

_DIGITS = "零一二三四五六七八九"

# Chinese characters (CJK unified ideographs + extension A + compatibility).
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = f"[{CJK}]"
# Full-width punctuation that may stand next to Chinese text.
CN_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】—…·"
_END_MARKS = "。！？"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五, 1010 → 一千零一十 (1 ≤ n < 10⁸).

    A fact sheet may hold a thousand entries in one list; numbering them must
    not fail.
    """
    if not 1 <= n < 10**8:
        raise ValueError(f"cn_numeral takes 1..99999999, not {n}")
    wan, rest = divmod(n, 10_000)
    if not wan:
        return _cn_section(rest, inner=False)
    out = _cn_section(wan, inner=False) + "万"
    if rest:
        out += ("零" if rest < 1000 else "") + _cn_section(rest, inner=True)
    return out


def _cn_section(n: int, *, inner: bool) -> str:
    """1 ≤ n ≤ 9999; ``inner``: after 万 or 零, ten is 一十, not 十."""
    out = ""
    started = zero = False
    for d, unit in zip((n // 1000, n // 100 % 10, n // 10 % 10, n % 10), ("千", "百", "十", ""), strict=True):
        if d == 0:
            zero = started
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if unit == "十" and d == 1 and not started and not inner else _DIGITS[d]) + unit
        started = True
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


# -- punctuation ------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ";": "；", "?": "？", "!": "！", ":": "："}
# Patterns with CJK ranges cost ~1 ms each to compile (re fills a 64K-entry
# charmap), so they are plain strings compiled on first use by re's own cache,
# and only when the text has the character they are about.
_SPACE_BETWEEN_CJK = f"(?<=[{CJK}{CN_PUNCT}])[ \\t]+(?=[{CJK}{CN_PUNCT}])"
_HALF_PUNCT_NEAR_CJK = f"(?<=[{CJK}“”）》])([,;?!:])|([,;?!:])(?=[{CJK}“（《])"
_PERIOD_AFTER_CJK = f"(?<=[{CJK}”）》])\\.(?!\\d)"
_PARENS = f"\\(([^()]*[{CJK}][^()]*)\\)"
_DOUBLED = re.compile(r"([，。、；：！？])\1+")
_CLASH = re.compile(r"[，、；：]+([。！？])|([。！？])[，、；：]+")


def _has_cjk(text: str) -> bool:
    """Same as ``re.search(_CJK_CHAR, text)``, without compiling the pattern."""
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff" for ch in text)


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


@functools.lru_cache(maxsize=8192)
def normalize_punct(text: str) -> str:
    """Make the punctuation of Chinese text full-width, paired and single.

    Digits, Latin words and decimals keep their half-width marks (98.5%, 8:30).
    """
    text = text.strip()
    if not _has_cjk(text):
        return text
    text = _fix_quotes(text, '"', "“", "”")
    if "'" in text and re.search(f"'[^']*[{CJK}][^']*'", text):
        text = _fix_quotes(text, "'", "‘", "’")
    if "(" in text:
        text = re.sub(_PARENS, r"（\1）", text)
    if any(c in text for c in _HALF_TO_FULL):
        text = re.sub(_HALF_PUNCT_NEAR_CJK, lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)
    if "." in text:
        text = re.sub(_PERIOD_AFTER_CJK, "。", text)
    if " " in text or "\t" in text:
        text = re.sub(_SPACE_BETWEEN_CJK, "", text)
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
    if (
        text[-1] in _END_MARKS
        or text.endswith("…")
        or (text.endswith("”") and len(text) > 1 and text[-2] in _END_MARKS)
    ):
        return text
    return strip_end(text) + "。"


def enumerate_points(points: list[str]) -> str:
    """一是…；二是…；三是…。 — the usual way to list shortcomings in one paragraph."""
    if len(points) == 1:
        return as_sentence(points[0])
    parts = [f"{ordinal_marker(i)}{strip_end(normalize_punct(p))}" for i, p in enumerate(points, 1)]
    return "；".join(parts) + "。"
