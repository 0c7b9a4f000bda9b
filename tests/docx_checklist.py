"""A reusable checklist for the .docx drafts drafter writes (GB/T 9704 layout).

``check_docx(path_or_bytes)`` reads a .docx back with python-docx and returns
one line per failure (an empty list when the document passes).  Values are
resolved through the style chain (run → paragraph style → basedOn … →
docDefaults) when a paragraph does not set them itself, so the checks hold
however the writer spreads formatting between styles and paragraphs.

What it checks (GB/T 9704-2012):

* page: A4, margins 37/35/28/26 mm (±1.5), footer distance 25 mm;
  ``evenAndOddHeaders``, ``themeFontLang`` and docDefaults ``lang`` zh-CN;
* title (style Title): 22 pt, East-Asian font with 小标宋, centred, not bold,
  exact 35 pt, first paragraph, followed by one empty line (after a
  subtitle, if any); subtitle centred 楷体 16 pt; salutation without indent;
* headings: 「一、」 paragraphs in Heading 1 (黑体, 16 pt, not bold, outline
  level 0) numbered 一、二、三… in order; 「（一）」 in Heading 2 (楷体,
  16 pt, outline level 1) numbered in order under each level-1 heading;
* body (Normal): 16 pt, 仿宋 East-Asian font in rFonts with every slot set
  and no theme fonts, digits/Latin in Times New Roman, exact line 27–30 pt, 0 before/after, first-line
  indent 32 pt ±2 with firstLineChars=200, justified, condensed 0.25 pt,
  widow control off;
* sign-off: one empty line before, right aligned, indents per spec §2.5,
  date like ``2025年12月8日`` (no zero padding);
* footers: a real PAGE field (odd and even), ``— N —`` in 宋体 (all four
  slots, ``w:hint=eastAsia``) 14 pt, odd right + 1 char, even left + 1 char;
* text never contains ``{{``, ``{%``, ``None`` or ``undefined``;
* properties: title non-empty, author set, last_modified_by = author,
  comments empty, no "python-docx" anywhere, no thumbnail;
* XML child order (ECMA-376 sequences) in every ``word/*.xml`` part.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import docx
from lxml import etree

from drafter.docx.schema import check_package_child_order

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element = etree._Element
PathOrBytes = str | Path | bytes | BinaryIO

EMU_PER_MM = 36000
FORBIDDEN = ("{{", "{%", "None", "undefined")
CN_NUMBERS = "一二三四五六七八九十"
MARGINS_MM = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}
H1_RE = re.compile(r"^([一二三四五六七八九十]+)、")
H2_RE = re.compile(r"^（([一二三四五六七八九十]+)）")
DATE_RE = re.compile(r"^[1-9]\d{3}年[1-9]\d?月[1-9]\d?日$")


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (up to 99)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CN_NUMBERS[tens - 1]
    return head + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def text_width(text: str) -> float:
    """Rendered width in 三号 characters: CJK 1, ASCII 0.5, and the ~3 pt automatic
    space Word/WPS/LibreOffice put between a digit or Latin letter and a Chinese
    character (measured in LibreOffice's PDF: tests/test_office.py)."""
    width = sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)
    for a, b in itertools.pairwise(text):
        if (a.isascii() and a.isalnum()) != (b.isascii() and b.isalnum()) and not (a.isspace() or b.isspace()):
            width += 3 / 16
    return width


def expected_signoff_indents(name: str, date: str) -> tuple[float, float]:
    """Spec §2.5, not sealed: (署名 right indent, date right indent) in characters."""
    n, d = text_width(name), text_width(date)
    rn, rd = 2.0, n - d
    if rd < 2.0:
        rd, rn = 2.0, d + 4.0 - n
    return rn, rd


class _Styles:
    """Style lookup and property resolution through the style chain."""

    def __init__(self, styles_el: Element) -> None:
        self.by_id: dict[str, Element] = {}
        self.default_para: str | None = None
        for st in styles_el.iterchildren(w("style")):
            sid = st.get(w("styleId"))
            if sid is None:
                continue
            self.by_id[sid] = st
            if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true", "on"):
                self.default_para = sid
        dd = styles_el.find(w("docDefaults"))
        self.default_ppr = dd.find(f"{w('pPrDefault')}/{w('pPr')}") if dd is not None else None
        self.default_rpr = dd.find(f"{w('rPrDefault')}/{w('rPr')}") if dd is not None else None

    def chain(self, style_id: str | None) -> list[Element]:
        out: list[Element] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            st = self.by_id[style_id]
            out.append(st)
            based = st.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def para_style_id(self, p: Element) -> str | None:
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        return ps.get(w("val")) if ps is not None else self.default_para

    def ppr_levels(self, p: Element) -> list[Element]:
        levels = [x for x in [p.find(w("pPr"))] if x is not None]
        levels += [x for st in self.chain(self.para_style_id(p)) if (x := st.find(w("pPr"))) is not None]
        if self.default_ppr is not None:
            levels.append(self.default_ppr)
        return levels

    def rpr_levels(self, r: Element | None, p: Element) -> list[Element]:
        levels: list[Element] = []
        if r is not None:
            rpr = r.find(w("rPr"))
            if rpr is not None:
                levels.append(rpr)
                rs = rpr.find(w("rStyle"))
                if rs is not None:
                    levels += [x for st in self.chain(rs.get(w("val"))) if (x := st.find(w("rPr"))) is not None]
        levels += [x for st in self.chain(self.para_style_id(p)) if (x := st.find(w("rPr"))) is not None]
        if self.default_rpr is not None:
            levels.append(self.default_rpr)
        return levels


def _attr(levels: list[Element], tag: str, attr: str) -> str | None:
    """First value of ``w:tag/@w:attr`` down the levels (each attribute inherits on its own)."""
    for level in levels:
        el = level.find(w(tag))
        if el is not None and el.get(w(attr)) is not None:
            return el.get(w(attr))
    return None


def _on(levels: list[Element], tag: str) -> bool:
    for level in levels:
        el = level.find(w(tag))
        if el is not None:
            return el.get(w("val"), "1") not in ("0", "false", "off")
    return False


def _font(levels: list[Element], slot: str) -> str | None:
    """Resolved font of an rFonts slot; ``theme:…`` when a theme attribute wins."""
    theme_attr = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}[slot]
    for level in levels:
        rf = level.find(w("rFonts"))
        if rf is None:
            continue
        if rf.get(w(theme_attr)) is not None:
            return "theme:" + rf.get(w(theme_attr), "")
        if rf.get(w(slot)) is not None:
            return rf.get(w(slot))
    return None


def _size_pt(levels: list[Element]) -> float | None:
    sz = _attr(levels, "sz", "val")
    return int(sz) / 2 if sz is not None else None


def _runs(p: Element) -> list[Element]:
    return [r for r in p.iter(w("r")) if any(t.text for t in r.iter(w("t")))]


def _text(p: Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def _twips(value: str | None) -> int:
    return int(value) if value not in (None, "") else 0


def _open(path_or_bytes: PathOrBytes) -> bytes:
    if isinstance(path_or_bytes, bytes):
        return path_or_bytes
    if isinstance(path_or_bytes, (str, Path)):
        return Path(path_or_bytes).read_bytes()
    return path_or_bytes.read()


def check_docx(path_or_bytes: PathOrBytes) -> list[str]:
    """Check a drafter .docx against the GB/T 9704 checklist; [] means it passes."""
    data = _open(path_or_bytes)
    failures: list[str] = []
    fail = failures.append
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        return [f"python-docx cannot open the file: {exc}"]

    _check_package(data, fail)
    _check_page(document, fail)
    styles = _Styles(document.styles.element)
    _check_settings(document, styles, fail)
    _check_paragraphs(document, styles, fail)
    _check_footers(document, styles, fail)
    _check_core(document, fail)
    return failures


def _check_package(data: bytes, fail: Callable[[str], None]) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if "thumbnail" in name.lower():
                fail(f"package holds a thumbnail: {name}")
            if b"python-docx" in zf.read(name):
                fail(f"'python-docx' appears in {name}")
        rels = zf.read("_rels/.rels") if "_rels/.rels" in zf.namelist() else b""
        if b"relationships/metadata/thumbnail" in rels:
            fail("package relationship to a thumbnail")
    for problem in check_package_child_order(data):
        fail(f"XML child order: {problem}")


def _check_page(document: docx.document.Document, fail: Callable[[str], None]) -> None:
    for i, section in enumerate(document.sections, start=1):
        where = f"section {i}"
        width = (section.page_width or 0) / EMU_PER_MM
        height = (section.page_height or 0) / EMU_PER_MM
        if abs(width - 210) > 1 or abs(height - 297) > 1:
            fail(f"{where}: page is {width:.1f}×{height:.1f} mm, not A4 210×297")
        for attr, want in MARGINS_MM.items():
            got = (getattr(section, attr) or 0) / EMU_PER_MM
            if abs(got - want) > 1.5:
                fail(f"{where}: {attr} is {got:.1f} mm, want {want} ±1.5")
        footer = (section.footer_distance or 0) / EMU_PER_MM
        if abs(footer - 25) > 1.5:
            fail(f"{where}: footer distance is {footer:.1f} mm, want 25 ±1.5")


def _check_settings(document: docx.document.Document, styles: _Styles, fail: Callable[[str], None]) -> None:
    settings = document.settings.element
    if not document.settings.odd_and_even_pages_header_footer:
        fail("settings: evenAndOddHeaders is not on (odd pages right, even pages left)")
    tfl = settings.find(w("themeFontLang"))
    if tfl is None or tfl.get(w("eastAsia")) != "zh-CN":
        fail("settings: themeFontLang eastAsia is not zh-CN")
    lang = styles.default_rpr.find(w("lang")) if styles.default_rpr is not None else None
    if lang is None or lang.get(w("eastAsia")) != "zh-CN":
        fail("docDefaults: lang eastAsia is not zh-CN")


def _check_paragraphs(document: docx.document.Document, styles: _Styles, fail: Callable[[str], None]) -> None:
    paras = list(document.element.body.iter(w("p")))
    texts = [_text(p) for p in paras]
    names = []
    for p in paras:
        sid = styles.para_style_id(p)
        st = styles.by_id.get(sid or "")
        name_el = st.find(w("name")) if st is not None else None
        names.append(name_el.get(w("val")) if name_el is not None else sid)
    style_name = [_display_name(n) for n in names]
    checked_styles: set[str] = set()

    for i, text in enumerate(texts):
        for bad in FORBIDDEN:
            if bad in text:
                fail(f"paragraph {i + 1}: text contains {bad!r}: {text[:30]!r}")

    # -- title ---------------------------------------------------------------
    title_idx = [i for i, n in enumerate(style_name) if n == "Title"]
    first_text = next((i for i, t in enumerate(texts) if t.strip()), None)
    if not title_idx:
        fail("no paragraph in style Title (the document title)")
    elif first_text is not None and first_text != title_idx[0]:
        fail("the title is not the first paragraph")
    h1_count = 0
    h2_count = 0
    seen_signoff = False
    for i, p in enumerate(paras):
        text, name = texts[i], style_name[i]
        where = f"paragraph {i + 1} ({name}, {text[:12]!r})"
        if not text.strip():
            continue
        checked_styles.add(styles.para_style_id(p) or "")
        pl = styles.ppr_levels(p)
        runs = _runs(p)
        rls = [styles.rpr_levels(r, p) for r in runs] or [styles.rpr_levels(None, p)]
        if name == "Title":
            _expect_runs(rls, where, fail, size=22, east_asia="小标宋", bold=False)
            _expect_align(pl, where, fail, "center")
            _expect_line(pl, where, fail, 34.5, 35.5)
            if i == 0 or style_name[i - 1] != "Title" or not texts[i - 1].strip():
                j = i + 1
                while j < len(paras) and style_name[j] in ("Title", "Subtitle") and texts[j].strip():
                    j += 1
                if j < len(paras) and texts[j].strip():
                    fail(f"{where}: no empty line after the title")
                elif j + 1 < len(paras) and not texts[j + 1].strip():
                    fail(f"{where}: more than one empty line after the title")
        elif name == "Subtitle":
            _expect_runs(rls, where, fail, size=16, east_asia="楷")
            _expect_align(pl, where, fail, "center")
        elif name == "Salutation":
            _expect_indent(pl, where, fail, first_line=0)
            if (_attr(pl, "ind", "left") or "0") not in ("0",):
                fail(f"{where}: salutation has a left indent")
            _expect_align(pl, where, fail, None, allowed=("left", "start", "both", None))
        elif name == "Heading 1":
            h1_count += 1
            h2_count = 0
            _expect_runs(rls, where, fail, size=16, east_asia="黑体", bold=False)
            _expect_outline(pl, where, fail, 0)
            m = H1_RE.match(text)
            if m is None:
                fail(f"{where}: level-1 heading does not start with 一、")
            elif m.group(1) != cn_number(h1_count):
                fail(f"{where}: level-1 heading numbered {m.group(1)}、, expected {cn_number(h1_count)}、")
        elif name == "Heading 2":
            h2_count += 1
            _expect_runs(rls, where, fail, size=16, east_asia="楷")
            _expect_outline(pl, where, fail, 1)
            m = H2_RE.match(text)
            if m is None:
                fail(f"{where}: level-2 heading does not start with （一）")
            elif m.group(1) != cn_number(h2_count):
                fail(f"{where}: level-2 heading numbered （{m.group(1)}）, expected （{cn_number(h2_count)}）")
        elif name in ("Signature", "Date"):
            if not seen_signoff:
                seen_signoff = True
                if i == 0 or texts[i - 1].strip():
                    fail(f"{where}: no empty line before the sign-off")
                elif i >= 2 and not texts[i - 2].strip():
                    fail(f"{where}: more than one empty line before the sign-off")
            _check_signoff(paras, texts, style_name, i, pl, where, fail)
        elif name == "Normal":
            if H1_RE.match(text):
                fail(f"{where}: looks like a level-1 heading but is not in style Heading 1")
            elif H2_RE.match(text) and len(text) < 40:
                fail(f"{where}: looks like a level-2 heading but is not in style Heading 2")
            _check_body(pl, rls, where, fail)
        else:
            fail(f"{where}: unexpected paragraph style {name!r}")
        _expect_no_theme(rls, where, fail)

    for sid in checked_styles | {"Normal"}:
        for st in styles.chain(sid):
            for rf in st.iter(w("rFonts")):
                if any(rf.get(w(a)) for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")):
                    fail(f"style {st.get(w('styleId'))}: theme fonts in rFonts")
    if styles.default_rpr is not None:
        rf = styles.default_rpr.find(w("rFonts"))
        if rf is not None and any(rf.get(w(a)) for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")):
            fail("docDefaults: theme fonts in rFonts")


def _display_name(name: str | None) -> str:
    """Style name as python-docx shows it (heading 1 → Heading 1)."""
    if name is None:
        return "Normal"
    aliases = {"heading 1": "Heading 1", "heading 2": "Heading 2", "heading 3": "Heading 3",
               "footer": "Footer", "header": "Header"}  # fmt: skip
    return aliases.get(name, name)


def _expect_runs(
    rls: list[list[Element]],
    where: str,
    fail: Callable[[str], None],
    *,
    size: float,
    east_asia: str,
    bold: bool | None = None,
) -> None:
    for levels in rls:
        got = _size_pt(levels)
        if got is None or abs(got - size) > 0.01:
            fail(f"{where}: font size {got} pt, want {size}")
            return
        ea = _font(levels, "eastAsia") or ""
        if east_asia not in ea:
            fail(f"{where}: East-Asian font {ea!r}, want one with {east_asia!r}")
            return
        if bold is not None and _on(levels, "b") != bold:
            fail(f"{where}: bold is {not bold}, want {bold}")
            return


def _expect_no_theme(rls: list[list[Element]], where: str, fail: Callable[[str], None]) -> None:
    for levels in rls:
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            value = _font(levels, slot)
            if value is None or value.startswith("theme:"):
                fail(f"{where}: rFonts {slot} resolves to {value!r}, want an explicit font")
                return


def _expect_align(
    pl: list[Element],
    where: str,
    fail: Callable[[str], None],
    want: str | None,
    allowed: tuple[str | None, ...] | None = None,
) -> None:
    got = _attr(pl, "jc", "val")
    if allowed is not None:
        if got not in allowed:
            fail(f"{where}: alignment {got!r}, want one of {allowed}")
    elif got != want:
        fail(f"{where}: alignment {got!r}, want {want!r}")


def _expect_line(pl: list[Element], where: str, fail: Callable[[str], None], lo: float, hi: float) -> None:
    rule = _attr(pl, "spacing", "lineRule")
    line = _attr(pl, "spacing", "line")
    if rule != "exact" or line is None:
        fail(f"{where}: line spacing is not exact (lineRule={rule!r})")
    elif not lo <= int(line) / 20 <= hi:
        fail(f"{where}: exact line spacing {int(line) / 20} pt, want {lo}–{hi}")


def _expect_outline(pl: list[Element], where: str, fail: Callable[[str], None], level: int) -> None:
    got = _attr(pl, "outlineLvl", "val")
    if got != str(level):
        fail(f"{where}: outline level {got}, want {level}")


def _expect_indent(pl: list[Element], where: str, fail: Callable[[str], None], *, first_line: int) -> None:
    fl = _twips(_attr(pl, "ind", "firstLine"))
    flc = _twips(_attr(pl, "ind", "firstLineChars"))
    hanging = _twips(_attr(pl, "ind", "hanging"))
    if first_line == 0:
        if fl or flc or hanging:
            fail(f"{where}: first-line indent {fl} twips / {flc} chars, want none")


def _check_body(pl: list[Element], rls: list[list[Element]], where: str, fail: Callable[[str], None]) -> None:
    _expect_runs(rls, where, fail, size=16, east_asia="仿宋")
    for levels in rls:
        latin = (_font(levels, "ascii"), _font(levels, "hAnsi"))
        if latin != ("Times New Roman", "Times New Roman"):
            fail(f"{where}: digits/Latin in {latin}, want Times New Roman")
            break
    _expect_line(pl, where, fail, 27, 30)
    for attr in ("before", "after"):
        value = _twips(_attr(pl, "spacing", attr))
        if value:
            fail(f"{where}: spacing {attr} is {value} twips, want 0")
    fl = _twips(_attr(pl, "ind", "firstLine"))
    flc = _attr(pl, "ind", "firstLineChars")
    if abs(fl / 20 - 32) > 2:
        fail(f"{where}: first-line indent {fl / 20} pt, want 32 ±2 (2 characters)")
    if flc != "200":
        fail(f"{where}: firstLineChars is {flc!r}, want '200'")
    _expect_align(pl, where, fail, "both")
    if _on(pl, "widowControl"):
        fail(f"{where}: widow control is on (pages would lose lines)")
    for levels in rls:
        spacing = _attr(levels, "spacing", "val")
        if spacing != "-5":
            fail(f"{where}: character spacing {spacing!r}, want -5 (condensed 0.25 pt: 28 chars a line)")
            break


def _check_signoff(
    paras: list[Element],
    texts: list[str],
    style_name: list[str],
    i: int,
    pl: list[Element],
    where: str,
    fail: Callable[[str], None],
) -> None:
    _expect_align(pl, where, fail, "right")
    right = _twips(_attr(pl, "ind", "right")) / 320
    if style_name[i] == "Signature":
        nxt = i + 1
        if nxt >= len(paras) or style_name[nxt] != "Date":
            fail(f"{where}: 署名 not followed by a date paragraph")
            want = 2.0
        else:
            want = expected_signoff_indents(texts[i], texts[nxt])[0]
    else:
        if not DATE_RE.match(texts[i]):
            fail(f"{where}: date {texts[i]!r} is not like 2025年12月8日 (arabic digits, no padding)")
        prev = i - 1
        want = (
            expected_signoff_indents(texts[prev], texts[i])[1] if prev >= 0 and style_name[prev] == "Signature" else 2.0
        )
        if right < 2 - 0.01:
            fail(f"{where}: the date is only {right:.2f} characters from the right margin, want ≥ 2")
    if abs(right - want) > 0.05:
        fail(f"{where}: right indent {right:.2f} characters, want {want:.2f} (spec §2.5)")


def _check_footers(document: docx.document.Document, styles: _Styles, fail: Callable[[str], None]) -> None:
    for i, section in enumerate(document.sections, start=1):
        for label, footer, align, side in (
            ("odd-page footer", section.footer, "right", "right"),
            ("even-page footer", section.even_page_footer, "left", "left"),
        ):
            where = f"section {i} {label}"
            if footer.is_linked_to_previous and i == 1:
                fail(f"{where}: missing")
                continue
            ftr = footer._element
            paras = [p for p in ftr.iter(w("p")) if _text(p).strip() or p.find(f".//{w('fldChar')}") is not None]
            if not paras:
                fail(f"{where}: empty (no page number)")
                continue
            if not any(_has_page_field(p) for p in paras):
                fail(f"{where}: no PAGE field")
            for p in paras:
                if not _has_page_field(p):
                    continue
                text = _text(p)
                if not re.fullmatch(r"\u2014 ?\d+ ?\u2014", text):
                    fail(f"{where}: page number reads {text!r}, want '— N —' with U+2014")
                pl = styles.ppr_levels(p)
                _expect_align(pl, where, fail, align)
                ind = _twips(_attr(pl, "ind", side))
                if abs(ind - 280) > 20:
                    fail(f"{where}: {side} indent {ind} twips, want 280 (one 14 pt character)")
                for r in p.iter(w("r")):
                    levels = styles.rpr_levels(r, p)
                    size = _size_pt(levels)
                    if size != 14:
                        fail(f"{where}: page number size {size} pt, want 14")
                        break
                    slots = {s: _font(levels, s) for s in ("ascii", "hAnsi", "eastAsia", "cs")}
                    if any(v is None or "宋" not in v for v in slots.values()):
                        fail(f"{where}: page number fonts {slots}, want 宋体 in all four slots")
                        break
                    if _attr(levels, "rFonts", "hint") != "eastAsia":
                        fail(f"{where}: page number runs lack w:hint=eastAsia")
                        break


def _has_page_field(p: Element) -> bool:
    for fs in p.iter(w("fldSimple")):
        if "PAGE" in (fs.get(w("instr")) or "").split():
            return True
    state = []
    for el in p.iter(w("fldChar"), w("instrText")):
        if el.tag == w("fldChar"):
            state.append(el.get(w("fldCharType")))
        elif "PAGE" in (el.text or "").split():
            state.append("PAGE")
    seq = " ".join(s or "" for s in state)
    return "begin PAGE separate end" in seq or "begin PAGE end" in seq


def _check_core(document: docx.document.Document, fail: Callable[[str], None]) -> None:
    cp = document.core_properties
    if not (cp.title or "").strip():
        fail("core properties: title is empty")
    for bad in FORBIDDEN:
        if bad in (cp.title or ""):
            fail(f"core properties: title contains {bad!r}")
    if not (cp.author or "").strip():
        fail("core properties: author is empty")
    if cp.last_modified_by != cp.author:
        fail(f"core properties: last_modified_by {cp.last_modified_by!r} is not the author {cp.author!r}")
    if cp.comments:
        fail(f"core properties: comments should be empty, is {cp.comments!r}")
    if cp.created is None or cp.created.year < 2014:
        fail(f"core properties: created is {cp.created} (left from the template?)")
    if cp.modified is None or cp.created is None or cp.modified < cp.created:
        fail("core properties: modified is missing or before created")
