"""Numbering markers (一、 （一） 1、 (1) ① 一是 第一，) and sentence-level tests shared by every learn stage."""

from __future__ import annotations

import re
from dataclasses import dataclass

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

CN_NUM = "[一二三四五六七八九十百零〇壹贰貳叁參肆伍陆陸柒捌玖拾]{1,4}"
_DIGITS = "[0-9０-９]{1,2}"
_CN_DIGIT_VALUES = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_UNIT_VALUES = {"十": 10, "拾": 10, "百": 100}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ORDINAL_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": None, "最后": 99}
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral such as 三, 十二, 二十一, 贰拾; None if it is not one."""
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGIT_VALUES:
            if digit is not None:
                return None
            digit = _CN_DIGIT_VALUES[ch]
        elif ch in _CN_UNIT_VALUES:
            total += (1 if digit is None else digit) * _CN_UNIT_VALUES[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a paragraph.

    ``rank`` orders the styles canonically: 第一部分 (0) > 一、 (1) > （一） (2) >
    1、/1. (3) > (1) (4) > ① (5) > 一是 (6) > 第一，/首先 (7).  Ranks 0–4 are
    section headings; 5–7 are enumerations inside a paragraph block.
    """

    style: str
    rank: int
    number: int | None
    length: int  # characters the marker (with the spaces after it) takes


SECTION_RANK_MAX = 4

_MARKER_PATTERNS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 0, re.compile(rf"第\s*(?P<n>{CN_NUM}|{_DIGITS})\s*(?:部分|章)[\s、：:．.，,]*")),
    ("cn_paren", 2, re.compile(rf"[（(]\s*(?P<n>{CN_NUM})\s*[）)]\s*[、．.，,]?\s*")),
    ("num_paren", 4, re.compile(rf"(?:[（(]\s*(?P<n>{_DIGITS})\s*[）)]|(?P<n2>{_DIGITS})[）)])\s*[、．.，,]?\s*")),
    ("cn_shi", 6, re.compile(rf"其?(?P<n>{CN_NUM})是(?=\S)")),
    ("cn", 1, re.compile(rf"(?P<n>{CN_NUM})\s*[、．.，,]\s*")),
    ("num", 3, re.compile(rf"(?P<n>{_DIGITS})\s*(?:、|[．.](?![0-9０-９]))\s*")),
    ("circled", 5, re.compile(rf"(?P<n>[{CIRCLED}])\s*[、．.，,]?\s*")),
    ("ordinal", 7, re.compile(rf"(?:第(?P<n>{CN_NUM})|(?P<w>首先|其次|再次|然后|最后))[，,、：:]\s*")),
)
_MARKER_FIRST_CHARS = frozenset(
    "第（(0123456789０１２３４５６７８９其一二三四五六七八九十百零〇壹贰貳叁參肆伍陆陸柒捌玖拾首然最再" + CIRCLED
)


def parse_marker(text: str) -> Marker | None:
    """The numbering marker that starts ``text`` (一、 （一） 1、 1. (1) ① 一是 第一，首先，…), if any."""
    if not text or text[0] not in _MARKER_FIRST_CHARS:
        return None
    for style, rank, pattern in _MARKER_PATTERNS:
        m = pattern.match(text)
        if m is None or m.end() >= len(text):
            continue
        groups = m.groupdict()
        raw = groups.get("n") or groups.get("n2")
        number: int | None
        if groups.get("w"):
            number = _ORDINAL_WORDS[groups["w"]]
        elif raw is None:
            number = None
        elif raw[0] in CIRCLED:
            number = CIRCLED.index(raw) + 1
        elif raw[0].isdigit():
            number = int(raw.translate(FULLWIDTH_DIGITS))
        else:
            number = cn_number(raw)
            if number is None:
                continue
        if style == "cn" and number is not None and number > 30:
            continue
        return Marker(style, rank, number, m.end())
    return None


# ---------------------------------------------------------------------------
# Sentence-level helpers

_TERMINALS = "。！？!?；;：:…．"
_CLOSERS = "”’」』）)》〉\"'】"
SENTENCE_END = "。！？!?"
_BRACKET_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("『", "』"), ("【", "】"))
PUNCT_RE = re.compile(r"[，。、；：！？,.;:!?“”‘’\"'（）()《》〈〉【】「」『』—…·\s]")


def is_terminated(text: str) -> bool:
    """Whether a line ends a sentence (or a clause that may end a paragraph: ；：), closing quotes aside."""
    stripped = text.rstrip(_CLOSERS)
    if not stripped:
        return False
    last = stripped[-1]
    if last in _TERMINALS:
        return True
    return last == "." and (len(stripped) < 2 or not stripped[-2].isascii() or not stripped[-2].isalnum())


def has_open_bracket(text: str) -> bool:
    """Whether a “ 《 （ … is left open at the end of ``text``."""
    for opener, closer in _BRACKET_PAIRS:
        last_open = text.rfind(opener)
        if last_open >= 0 and last_open > text.rfind(closer):
            return True
    return False


def is_heading(text: str, marker: Marker) -> bool:
    """A numbered line whose rest is at most 40 characters with no full stop inside: a heading, never joined."""
    rest = text[marker.length :].rstrip(SENTENCE_END + "；;")
    return len(rest) <= 40 and not any(ch in SENTENCE_END for ch in rest)


def is_title_like(text: str, limit: int = 20) -> bool:
    """A short line without any punctuation: an unnumbered heading or a title."""
    return 0 < len(text) <= limit and not PUNCT_RE.search(text) and bool(HAN_RE.search(text))
