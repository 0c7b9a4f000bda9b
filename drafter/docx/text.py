"""The text of a .docx, paragraph by paragraph: one reader for learn, merge, diff and extract.

:func:`read_paragraphs` gives every non-empty paragraph of the body (table
cells included, text boxes not) with

* ``text`` — tracked insertions counted, deletions dropped; a line break is
  ``\\n`` and a tab ``\\t`` (:func:`paragraph_text`, the one walker);
* ``level`` — the heading level from the paragraph's style (``Heading N``,
  ``标题 N``, the style's or the paragraph's outline level, through
  ``basedOn``): 0 for a title style, 1 for 一、, None for body text;
* ``number`` — the label of Word's automatic numbering (``一、``, ``（二）``),
  which is not in the text.

The file is read through :func:`drafter.docx.package.open_docx`, so a
hostile file costs bounded time and memory and fails with a
:class:`~drafter.docx.package.DocxError` in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafter.docx.package import Package, open_docx
from drafter.docx.schema import w

Element = etree._Element
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@dataclass(frozen=True)
class DocxParagraph:
    """One non-empty paragraph of a .docx body."""

    index: int  # 1-based among all body paragraphs (empty ones counted)
    text: str  # line breaks as \n, tabs as \t; the automatic numbering is in ``number``
    level: int | None  # 0 title, 1 = Heading 1 …, None for body text
    number: str = ""  # label of Word's automatic numbering ("一、"), "" when none
    style: str | None = None  # the style's name as Word shows it ("Heading 1"), None when unknown
    blank_before: bool = False  # an empty paragraph came before it


# -- the one text walker --------------------------------------------------------------

_SKIP = frozenset(
    {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("drawing"), w("pict"), w("object"), w("instrText"),
     w("delText"), w("footnoteReference"), w("endnoteReference"), w("commentReference"), w("p"),
     w("txbxContent"), f"{{{MC_NS}}}AlternateContent"}
)  # fmt: skip
_TRACKED = frozenset({w("ins"), w("del"), w("moveFrom"), w("moveTo")})


def paragraph_text(p: Element) -> tuple[str, bool]:
    """(text, tracked) of a ``w:p``: tracked insertions count, deletions do not.

    Tabs are ``\\t``, line breaks (``w:br`` without a page/column type,
    ``w:cr``) ``\\n``, a non-breaking hyphen ``-``; text boxes, drawings,
    field codes and nested paragraphs are skipped.
    """
    out: list[str] = []
    tracked = False
    stack = [iter(p)]
    while stack:
        for c in stack[-1]:
            tag = c.tag
            if not isinstance(tag, str):
                continue
            if tag in _TRACKED:
                tracked = True
            if tag in _SKIP:
                continue
            if tag == W_T:
                out.append(c.text or "")
            elif tag in (W_TAB, W_PTAB):
                out.append("\t")
            elif tag == W_BR:
                if c.get(W_TYPE) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == W_CR:
                out.append("\n")
            elif tag == W_NBH:
                out.append("-")
            else:
                stack.append(iter(c))
                break
        else:
            stack.pop()
    return "".join(out), tracked


W_T, W_TAB, W_PTAB, W_BR, W_CR, W_NBH, W_TYPE = (
    w("t"), w("tab"), w("ptab"), w("br"), w("cr"), w("noBreakHyphen"), w("type")
)  # fmt: skip


# -- styles -----------------------------------------------------------------------------

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "标题"})


@dataclass(frozen=True)
class _Style:
    name: str  # as Word shows it
    based_on: str | None
    outline: int | None
    num: tuple[str, int] | None


class Styles:
    """The paragraph styles of ``word/styles.xml``: names, heading levels, numbering."""

    def __init__(self, root: Element | None) -> None:
        from docx.styles import BabelFish

        self._styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        for st in root.iter(w("style")):
            if st.get(w("type")) not in (None, "paragraph"):
                continue
            sid = st.get(w("styleId"))
            if not sid:
                continue
            name_el = st.find(w("name"))
            name = (name_el.get(w("val")) if name_el is not None else sid) or sid
            based = st.find(w("basedOn"))
            outline = st.find(f"{w('pPr')}/{w('outlineLvl')}")
            self._styles[sid] = _Style(
                BabelFish.internal2ui(name),
                based.get(w("val")) if based is not None else None,
                _int(outline.get(w("val"))) if outline is not None else None,
                num_pr(st.find(w("pPr"))),
            )
            if st.get(w("default")) in ("1", "true", "on"):
                self.default = sid

    def name(self, sid: str | None) -> str | None:
        """The style's name as python-docx and Word show it ("Heading 1"); None when unknown."""
        sid = sid or self.default
        if sid is None:
            return None
        st = self._styles.get(sid)
        return st.name if st is not None else sid

    def info(self, sid: str | None) -> tuple[int | None, tuple[str, int] | None]:
        """Heading level (0 = title) and numbering of a paragraph style, following basedOn."""
        level: int | None = None
        num: tuple[str, int] | None = None
        seen: set[str] = set()
        first = True
        sid = sid or self.default
        while sid and sid in self._styles and sid not in seen:
            seen.add(sid)
            st = self._styles[sid]
            if level is None:
                low = st.name.strip().lower()
                m = _HEADING_NAME.match(low)
                if m:
                    level = int(m.group(1))
                elif first and low in _TITLE_NAMES:
                    level = 0
                elif st.outline is not None and st.outline < 9:
                    level = st.outline + 1
            if num is None and st.num is not None:
                num = st.num
            first = False
            sid = st.based_on
        return level, num


def style_id(p: Element) -> str | None:
    ps = p.find(f"{w('pPr')}/{w('pStyle')}")
    return ps.get(w("val")) if ps is not None else None


def num_pr(ppr: Element | None) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num = ppr.find(w("numPr"))
    if num is None:
        return None
    num_id = num.find(w("numId"))
    ilvl = num.find(w("ilvl"))
    if num_id is None:
        return None
    return num_id.get(w("val")) or "", (_int(ilvl.get(w("val"))) or 0) if ilvl is not None else 0


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# -- automatic numbering ------------------------------------------------------------------


class Numbering:
    """Word's automatic numbering (``word/numbering.xml``): the label each numbered paragraph shows."""

    def __init__(self, root: Element | None) -> None:
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        for ab in root.iter(w("abstractNum")):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in ab.iter(w("lvl")):
                start, fmt, text = lvl.find(w("start")), lvl.find(w("numFmt")), lvl.find(w("lvlText"))
                levels[_int(lvl.get(w("ilvl"))) or 0] = (
                    (_int(start.get(w("val"))) or 1) if start is not None else 1,
                    (fmt.get(w("val")) or "decimal") if fmt is not None else "decimal",
                    (text.get(w("val")) or "") if text is not None else "",
                )
            self.abstract[ab.get(w("abstractNumId")) or ""] = levels
        for num in root.iter(w("num")):
            ab_id = num.find(w("abstractNumId"))
            overrides: dict[int, int] = {}
            for ov in num.iter(w("lvlOverride")):
                so = ov.find(w("startOverride"))
                if so is not None:
                    overrides[_int(ov.get(w("ilvl"))) or 0] = _int(so.get(w("val"))) or 1
            self.nums[num.get(w("numId")) or ""] = ((ab_id.get(w("val")) or "") if ab_id is not None else "", overrides)

    def label(self, num: tuple[str, int]) -> str:
        """Advance the counter of ``num`` (numId, ilvl) and return the label it shows."""
        num_id, ilvl = num
        if num_id in ("", "0") or num_id not in self.nums or not 0 <= ilvl < 9:
            return ""
        ab_id, overrides = self.nums[num_id]
        levels = self.abstract.get(ab_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = overrides.get(ilvl, levels[ilvl][0]) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        _, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none") or not text:
            return ""

        def repl(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            start, lfmt, _ = levels.get(lvl, (1, "decimal", ""))
            value = counters[lvl] if 0 <= lvl < 9 else None
            return format_number(start if value is None else value, lfmt)

        return re.sub(r"%([1-9])", repl, text)


_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN_FORMATS = frozenset(
    {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting", "japaneseCounting"}
)
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def _cn_numeral(value: int, digits: str = _CN_DIGITS, ten: str = "十") -> str:
    if value <= 0:
        return digits[0]
    if value < 10:
        return digits[value]
    if value < 20:
        return ten + (digits[value % 10] if value % 10 else "")
    if value < 100:
        return digits[value // 10] + ten + (digits[value % 10] if value % 10 else "")
    return str(value)


def format_number(value: int, fmt: str) -> str:
    """``value`` in Word's number format ``fmt`` (chineseCounting → 三, upperRoman → III …)."""
    if fmt in _CN_FORMATS:
        return _cn_numeral(value)
    if fmt == "chineseLegalSimplified":
        return _cn_numeral(value, _CN_LEGAL_DIGITS, "拾")
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return _CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("lowerLetter", "upperLetter"):
        return chr(ord("a" if fmt == "lowerLetter" else "A") + (value - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        rest = min(value, 3999)
        for number, letters in _ROMAN:
            while rest >= number:
                out += letters
                rest -= number
        return out.lower() if fmt == "lowerRoman" else out
    return str(value)


# -- reading --------------------------------------------------------------------------------


def _in_textbox_or_nested(p: Element) -> bool:
    parent = p.getparent()
    while parent is not None:
        if parent.tag in (w("txbxContent"), w("p")):
            return True
        if parent.tag == w("body"):
            return False
        parent = parent.getparent()
    return False


def package_paragraphs(pkg: Package) -> list[DocxParagraph]:
    """:func:`read_paragraphs` of an opened package."""
    document = pkg.xml("word/document.xml")
    styles = Styles(pkg.xml("word/styles.xml") if pkg.has("word/styles.xml") else None)
    numbering = Numbering(pkg.xml("word/numbering.xml") if pkg.has("word/numbering.xml") else None)
    body = document.find(w("body"))
    out: list[DocxParagraph] = []
    if body is None:
        return out
    blank = False
    for index, p in enumerate(body.iter(w("p")), 1):
        if _in_textbox_or_nested(p):
            continue
        ppr = p.find(w("pPr"))
        sid = style_id(p)
        level, num = styles.info(sid)
        if ppr is not None:
            outline = ppr.find(w("outlineLvl"))
            value = _int(outline.get(w("val"))) if outline is not None else None
            if value is not None and value < 9:
                level = value + 1
            num = num_pr(ppr) or num
        text, _ = paragraph_text(p)
        if not text.strip():
            blank = True
            continue
        label = numbering.label(num) if num is not None else ""
        out.append(DocxParagraph(index, text, level, label, styles.name(sid), blank))
        blank = False
    return out


def read_paragraphs(data: bytes, *, file: str | Path | None = None) -> list[DocxParagraph]:
    """Every non-empty body paragraph of the .docx ``data``, in order.

    Raises :class:`~drafter.docx.package.DocxError` (Chinese, naming
    ``file``) when ``data`` is not a readable .docx.
    """
    return package_paragraphs(open_docx(data, file=file))


__all__ = ["DocxParagraph", "Numbering", "Styles", "format_number", "paragraph_text", "read_paragraphs"]
