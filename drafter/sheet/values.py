"""Scalar values of a fact sheet: one parser per kind of value.

Each parser takes the :class:`Report` of the sheet being read, the YAML node
(with its marks, for ``file:line:col``), the :class:`~drafter.sheet.fields.Field`
and the label that names it in messages; it returns the value, or None after
reporting why the value cannot be used.
"""

from __future__ import annotations

import datetime as _dt
import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.errors import FactSheetError, Warning_
from drafter.sheet.decode import NAME_INVISIBLE, NON_PRINTABLE
from drafter.sheet.facts import Pos, When
from drafter.sheet.fields import ALL_KEYS, CHOICE_HINTS, YEAR_MAX, YEAR_MIN, Field, close_match

MAX_TEXT = 2_000  # characters in one value
MAX_DEPTH = 20  # nesting of lists and mappings (aliases expanded)

# Messages shared with drafter.sheet.yamlerrors (imported only when a sheet has a syntax error).
FWSPACE_MSG = "这一行开头有全角空格（或不间断空格），YAML 的缩进只能用半角空格。请删掉行首的空白，用半角空格重新对齐（切换到英文输入法再按空格键）。"


def fw_colon_msg(key: str) -> str:
    return (
        f"「{key}」后面用了全角冒号「：」。YAML 的键和值之间要用半角冒号「:」再加一个空格："
        f"请切换到英文输入法，写成「{key}: 」再接内容。"
    )


T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TS = (T + t for t in ("str", "int", "float", "bool", "null", "timestamp"))

# Full-width digits and signs -> ASCII, for reading numbers and dates only.
FW = str.maketrans("０１２３４５６７８９．／－％：", "0123456789./-%:")


class Report:
    """The problems and warnings of one sheet, and what parsers need to know about it."""

    def __init__(self, file: str, text: str, today: _dt.date) -> None:
        self.file = file
        self.lines = text.splitlines()
        self.today = today
        self.problems: list[FactSheetError] = []
        self.warnings: list[Warning_] = []
        self.bad: set[Node] = set()  # nodes already reported (bad tags)
        self.year: int | None = None  # 年度, once read
        self.blind: frozenset[int] = frozenset()  # lines hidden after a syntax error: no reports there
        self._said: set[tuple[int, int, str]] = set()

    @staticmethod
    def where(node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def error(self, node: Node, message: str) -> None:
        line, col = self.where(node)
        if (line, col, message) in self._said or line in self.blind:
            return
        self._said.add((line, col, message))
        self.problems.append(FactSheetError(message, file=self.file, line=line, col=col))

    def warn(self, node: Node, message: str) -> None:
        line, col = self.where(node)
        if (line, col, "w" + message) in self._said or line in self.blind:
            return
        self._said.add((line, col, "w" + message))
        self.warnings.append(Warning_(message, file=self.file, line=line, col=col))

    def pos(self, node: Node) -> Pos:
        line, col = self.where(node)
        return Pos(self.file, line, col)

    @property
    def example_year(self) -> int:
        """The year example dates in messages use: the sheet's own."""
        return self.year or self.today.year


def describe(node: Node) -> str:
    """What a node is, in plain words."""
    if isinstance(node, SequenceNode):
        return "一个列表（以「- 」开头的几行）"
    if isinstance(node, MappingNode):
        return "几行「键: 值」"
    tag = node.tag
    if tag in (INT, FLOAT):
        return f"数字 {show(str(node.value))}"
    if tag == BOOL:
        return f"是/否值 {node.value}"
    if tag == NULL:
        return "空值"
    if tag == TS:
        return f"日期 {node.value}"
    return f"文字「{show(str(node.value))}」"


def show(s: str, limit: int = 20) -> str:
    """``s`` as a message quotes it: one line, no invisible characters, at most ``limit`` characters."""
    s = NON_PRINTABLE.sub("\ufffd", s.replace("\r", " ").replace("\n", " ")).strip()
    return s if len(s) <= limit else s[:limit] + "…"


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == NULL


_KEYLIKE = re.compile(r"^\s*([^\s:：]{1,8}?)\s*(：|:(?=\S))")


def keylike_hint(text: str) -> str:
    """A hint when ``text`` looks like ``键：值`` or ``键:值`` typed wrongly."""
    m = _KEYLIKE.match(text)
    if not m or m.group(1) not in ALL_KEYS:
        return ""
    key = m.group(1)
    if m.group(2) == "：":
        return "看起来这里用了全角冒号：" + fw_colon_msg(key)
    return f"看起来「{key}」后面的冒号没有跟空格：请写成「{key}: 」再接内容。"


_NUM = re.compile(r"\d+")
_MAX_DIGITS = 9  # no union has a billion members; int() of huge strings is slow
_COUNT_TEXT = re.compile(r"^(\d+)\s*(?:人|名|个|家|位)?$")
_CN_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千万]")
_RATE_TEXT = re.compile(r"^(\d+(?:\.\d+)?)\s*%?$")
_YEAR_TEXT = re.compile(r"^(\d{4})\s*(?:年度|年)?$")
_PLAIN_INT = re.compile(r"^[+-]?\d+$")

_WHEN_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]"), "ymd"),
    (re.compile(r"(\d{4})[-/.](\d{1,2})"), "ym"),
    (re.compile(r"(\d{4})年(\d{1,2})月份?"), "ym"),
    (re.compile(r"(\d{1,2})月(\d{1,2})[日号]"), "md"),
    (re.compile(r"(\d{1,2})月份?"), "m"),
)
_TS_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")


def too_many_digits(text: str) -> bool:
    """True when a number of ``text`` (``_`` ignored) is longer than any count can be."""
    return any(len(n) > _MAX_DIGITS for n in _NUM.findall(text.replace("_", "")))


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check_ymd(year: int | None, month: int, day: int | None, year_hint: int | None) -> str | None:
    """Why the date is impossible, or None."""
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        return f"年份 {year} 不对，应在 {YEAR_MIN} 到 {YEAR_MAX} 之间"
    if not 1 <= month <= 12:
        return f"没有 {month} 月，月份只能是 1 到 12"
    if day is not None:
        y = year if year is not None else year_hint
        last = _days_in(y, month) if y is not None else _days_in(2000, month)
        if not 1 <= day <= last:
            which = f"{y}年{month}月" if y is not None else f"{month}月"
            return f"{which}没有 {day} 日（只有 {last} 天）"
    return None


def _parse_when_text(text: str) -> tuple[int | None, int, int | None] | None:
    """(year, month, day) if ``text`` is a date or month we recognise."""
    s = re.sub(r"\s+", "", text.translate(FW))
    if len(s) > 40:
        return None
    for pattern, kind in _WHEN_PATTERNS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        g = [int(x) for x in m.groups()]
        if kind == "ymd":
            return g[0], g[1], g[2]
        if kind == "ym":
            return g[0], g[1], None
        if kind == "md":
            return None, g[0], g[1]
        return None, g[0], None
    return None


# ---------------------------------------------------------------------------
# Parsers, by Field.read_as


def text(r: Report, node: Node, f: Field | None, label: str) -> str | None:
    """A text value: any scalar, as written and stripped; None if empty."""
    if node in r.bad:
        return None
    example = f.example_line() if f is not None and f.example is not None and f.kind == "text" else ""
    if not isinstance(node, ScalarNode):
        how = f"例如 {example}" if example else "直接写在冒号后面"
        extra = ""
        if isinstance(node, SequenceNode) and len(node.value) == 1:
            extra = "如果只有一项，请去掉开头的「- 」，把内容直接写在冒号后面。"
        r.error(node, f"{label}应为一段文字，这里写的是{describe(node)}。{extra}请把文字写在冒号后面，{how}。")
        return None
    if node.tag == NULL:
        return None
    value = str(node.value).strip()
    if not value:
        return None
    limit = (f.max_length if f is not None else 0) or MAX_TEXT
    if len(value) > limit:
        what = "每项" if limit == MAX_TEXT else "这一项最多"
        r.error(node, f"{label}有 {len(value)} 个字，超过了{what} {limit} 字的上限。请精简，或拆成几条分开写。")
        return None
    if not _printable(r, node, label, value):
        return None
    if f is not None and f.max_length and not _one_line_name(r, node, label, value):
        return None
    return value


def _one_line_name(r: Report, node: Node, label: str, value: str) -> bool:
    """False after reporting a line break or an invisible direction/zero-width character in a name."""
    bad = NAME_INVISIBLE.search(value)
    if bad is None:
        return True
    if bad.group() in "\t\n\r\x85\u2028\u2029":
        r.error(node, f"{label}应写在一行里，这里有换行或制表符。请把它写成一行。")
    else:
        r.error(
            node,
            f"{label}里有一个看不见的字符（U+{ord(bad.group()):04X}，会改变文字方向或隐藏文字），"
            "它会进到标题和文件名里。请删掉它（可以删掉这一项重新输入）。",
        )
    return False


def choice(r: Report, node: Node, f: Field, label: str) -> str | None:
    value = text(r, node, None, label)
    if value is None:
        return None
    if value in f.choices:
        return value
    hints = CHOICE_HINTS.get(f.key, {})
    target = hints.get(value) or hints.get(value.lower()) or close_match(value, f.choices)
    guess = f"是否想写「{target}」？" if target else ""
    r.error(node, f"{label}只能是{'、'.join(f.choices)}之一，这里写的是「{show(value)}」。{guess}请改成其中一个。")
    return None


def year(r: Report, node: Node, f: Field, label: str) -> int | None:
    if node in r.bad:
        return None
    fix = f"请写四位数的年份，例如 年度: {r.today.year}。"
    if not isinstance(node, ScalarNode) or node.tag not in (INT, STR):
        if isinstance(node, ScalarNode) and node.tag == NULL:
            r.error(node, f"{label}是必填项，不能为空。{fix}")
        else:
            r.error(node, f"{label}应为年份，这里写的是{describe(node)}。{fix}")
        return None
    m = _YEAR_TEXT.match(str(node.value).translate(FW).strip())
    if not m:
        r.error(node, f"{label}应为年份，这里写的是「{show(str(node.value))}」。{fix}")
        return None
    value = int(m.group(1))
    if not YEAR_MIN <= value <= YEAR_MAX:
        r.error(node, f"{label} {value} 不对，应在 {YEAR_MIN} 到 {YEAR_MAX} 之间。{fix}")
        return None
    return value


def integer(r: Report, node: Node, f: Field, label: str) -> int | None:
    """A non-negative whole number: 268 or "268人"."""
    if node in r.bad or is_null(node):
        return None
    fix = "请写一个整数，例如 268。"
    if not isinstance(node, ScalarNode) or node.tag not in (INT, STR):
        if isinstance(node, ScalarNode) and node.tag == FLOAT:
            r.error(node, f"{label}应为整数，这里写的是小数 {show(str(node.value))}。{fix}")
        else:
            r.error(node, f"{label}应为数字，这里写的是{describe(node)}。{fix}")
        return None
    written = str(node.value).translate(FW).strip()
    if too_many_digits(written):
        r.error(node, f"{label}这个数太大了（{show(written)}）。{fix}")
        return None
    if node.tag == INT and _PLAIN_INT.match(written.replace("_", "")):
        number = int(written.replace("_", ""))
    else:
        m = _COUNT_TEXT.match(written)
        if not m:
            if written.startswith("-") and _NUM.search(written):
                r.error(node, f"{label}不能是负数，这里写的是 {show(written)}。{fix}")
            else:
                r.error(node, f"{label}应为数字，这里写的是「{show(written)}」。{fix}")
            return None
        number = int(m.group(1))
    if number < 0:
        r.error(node, f"{label}不能是负数，这里写的是 {number}。{fix}")
        return None
    return number


def percent(r: Report, node: Node, f: Field, label: str) -> str | None:
    """入会率: 98.5, "98.5%", "98.5％" -> "98.5%"."""
    if node in r.bad or is_null(node):
        return None
    fix = "请写百分数，例如 入会率: 98.5%。"
    if not isinstance(node, ScalarNode) or node.tag not in (INT, FLOAT, STR):
        r.error(node, f"{label}应为百分数，这里写的是{describe(node)}。{fix}")
        return None
    written = str(node.value).translate(FW).strip()
    m = _RATE_TEXT.match(written) if len(written) <= 30 else None
    shown = ""
    if m:
        shown = m.group(1)
    elif node.tag == FLOAT and len(written) <= 30:
        try:
            shown = f"{float(written.replace('_', '')):g}"
        except ValueError:
            shown = ""
    if not shown:
        r.error(node, f"{label}应为百分数，这里写的是「{show(written)}」。{fix}")
        return None
    value = float(shown)
    if not 0 <= value <= 100:
        r.error(node, f"{label}应在 0% 到 100% 之间，这里写的是 {shown}%。{fix}")
        return None
    if 0 < value <= 1 and "." in shown and "%" not in written:
        r.warn(node, f"{label}会写成 {shown}%。如果想写的是 {value * 100:g}%，请写成 入会率: {value * 100:g}%。")
    return f"{shown}%"


def _printable(r: Report, node: Node, label: str, value: str) -> bool:
    """False after reporting a character Word cannot hold (written as a ``\\x..`` escape)."""
    bad = NON_PRINTABLE.search(value)
    if bad:
        r.error(
            node,
            f"{label}里有一个看不见的控制字符（U+{ord(bad.group()):04X}，多半是双引号里的「\\」转义写出来的），"
            "Word 文档里不能有。请删掉它。",
        )
    return bad is None


_HEADS = re.compile(r"^(\d+)\s*(人次|人|名|位)?$")
_APPROX = re.compile(r"约|近|余|多|左右|以上|超过|逾|上下|大约|几")
_CN_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral such as 一百二十 or 两千零五, or None."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    value = total + section + (digit or 0)
    return value or None


def people(r: Report, node: Node, f: Field, label: str) -> int | str | None:
    """人数: a positive whole number (45, "45人"), or "N人次" when people were counted per activity."""
    if node in r.bad or is_null(node):
        return None
    fix = "请写参加人数，例如 人数: 45，或 人数: 98人次。"
    if not isinstance(node, ScalarNode) or node.tag not in (INT, STR):
        if isinstance(node, ScalarNode) and node.tag == FLOAT:
            r.error(node, f"{label}应为整数，这里写的是小数 {show(str(node.value))}。{fix}")
        else:
            r.error(node, f"{label}应为人数，这里写的是{describe(node)}。{fix}")
        return None
    written = str(node.value).strip()
    value = re.sub(r"\s+", "", written.translate(FW))
    if too_many_digits(value):
        r.error(node, f"{label}这个数太大了（{show(written)}）。{fix}")
        return None
    if node.tag == INT:
        value = value.replace("_", "")
    if re.match(r"^[-－]\d", value):
        r.error(node, f"{label}不能是负数，这里写的是「{show(written)}」。{fix}")
        return None
    m = _HEADS.match(value.lstrip("+"))
    if m:
        number = int(m.group(1))
        if number == 0:
            r.error(node, f"{label}不能是 0，这里写的是「{show(written)}」。{fix}")
            return None
        return f"{number}人次" if m.group(2) == "人次" else number
    numeral = re.sub(r"[人名位次]+$", "", value)
    if not _NUM.search(value) and not _CN_NUMERAL.search(value):
        r.error(node, f"{label}里要有一个数，这里写的是「{show(written)}」。{fix}")
    elif _APPROX.search(value):
        digits = _NUM.search(value)
        guess = digits.group() if digits else str(cn_number(_APPROX.sub("", numeral)) or 45)
        r.error(
            node,
            f"{label}要写确切的数，这里写的是「{show(written)}」（稿子会写成“共有N人参加”）。"
            f"请写成 人数: {guess}；只知道约数时，可以不写人数，或把它写进「活动」里。",
        )
    elif _CN_NUMERAL.search(value) and cn_number(numeral):
        r.error(node, f"{label}要用阿拉伯数字写，这里写的是「{show(written)}」。请写成 人数: {cn_number(numeral)}。")
    else:
        r.error(
            node,
            f"{label}只能写一个整数或“N人次”，这里写的是「{show(written)}」。{fix}"
            "其他说明（如参加的范围）请写进「活动」里。",
        )
    return None


def date(r: Report, node: Node, f: Field, label: str) -> _dt.date | None:
    """A full date: a YAML date, or "2025年12月25日", "2025/12/25"."""
    if node in r.bad or is_null(node):
        return None
    y = r.example_year
    fix = f"请写完整的年月日，例如 {y}-12-25 或 {y}年12月25日。"
    if not isinstance(node, ScalarNode) or node.tag not in (TS, STR):
        r.error(node, f"{label}应为日期，这里写的是{describe(node)}。{fix}")
        return None
    written = str(node.value).strip()
    m = _TS_DATE.match(written) if node.tag == TS else None
    ymd = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else _parse_when_text(written)
    if ymd is None or ymd[0] is None or ymd[2] is None:
        r.error(node, f"{label}应为完整的日期，这里写的是「{show(written)}」。{fix}")
        return None
    year_, month, day = ymd
    why = _check_ymd(year_, month, day, None)
    if why:
        r.error(node, f"{label}「{show(written)}」不是有效的日期：{why}。{fix}")
        return None
    return _dt.date(year_, month, day)


def when(r: Report, node: Node, f: Field, label: str) -> When | None:
    """时间 of an item: a date, a month, or free text such as 上半年."""
    if node in r.bad or is_null(node):
        return None
    y = r.example_year
    fix = f"请写成 3月、3月8日、{y}-03-08 这样的日期，或 上半年、春节前 这样的文字。"
    if not isinstance(node, ScalarNode) or node.tag == BOOL:
        r.error(node, f"{label}应为日期或文字，这里写的是{describe(node)}。{fix}")
        return None
    written = str(node.value).strip()
    if not written:
        return None
    if len(written) > MAX_TEXT:
        r.error(node, f"{label}有 {len(written)} 个字，超过了 {MAX_TEXT} 字的上限。{fix}")
        return None
    if not _printable(r, node, label, written):
        return None
    m = _TS_DATE.match(written) if node.tag == TS else None
    ymd = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else _parse_when_text(written)
    if ymd is None:
        if node.tag in (INT, FLOAT):
            r.error(node, f"{label}写的是数字 {show(written)}，看不出是哪天。{fix}")
            return None
        return When(text=written)
    year_, month, day = ymd
    why = _check_ymd(year_, month, day, r.year)
    if why:
        r.error(node, f"{label}「{show(written)}」不是有效的日期：{why}。请改正，例如 3月8日 或 {y}-03-08。")
        return None
    if year_ is not None and r.year is not None and year_ != r.year:
        r.warn(node, f"{label}是 {year_} 年，不在报告的年度（{r.year} 年）内。请核对年份。")
    return When(year=year_, month=month, day=day)
