"""The raw Word XML (OOXML) layer: what python-docx has no API for.

Small functions over lxml elements, on python-docx's own namespaces and
relationship types (as :mod:`drafter.docx.names` holds them):

* schema-ordered child insertion (:func:`child`) and a validator of
  ECMA-376 sequence order (:func:`check_child_order`);
* East-Asian fonts in every ``w:rFonts`` slot with the theme attributes
  removed, run and paragraph formatting (exact line spacing, first-line
  indent written both as twips and as ``*Chars``), ``w:docGrid``;
* paragraphs with one text run, bookmarks, the PAGE field runs of a
  page-number footer;
* resets of python-docx's default template (theme fonts, ja-JP theme
  language, blue headings, Title border, stylesWithEffects), the settings
  and the font table.

Package parts (properties, custom XML parts) and safe reading of a .docx
are in :mod:`drafter.docx.package`.  Nothing here knows about drafts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lxml import etree

from drafter.docx.names import XML_NS
from drafter.docx.schema import (
    W_NS,
    child,
    on_off,
    remove_children,
    set_attrs,
    w,
)

Element = etree._Element

RT_STYLES_WITH_EFFECTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"  # not in python-docx
)

TWIPS_PER_PT = 20


# ---------------------------------------------------------------------------
# Run and paragraph properties
# ---------------------------------------------------------------------------

_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def set_fonts(
    rPr: Element,
    east_asia: str,
    latin: str | None = "Times New Roman",
    *,
    hint_east_asia: bool = False,
) -> Element:
    """Write ``w:rFonts`` with the East-Asian font in its slot and no theme fonts.

    ``latin`` fills ascii/hAnsi/cs; pass None to put ``east_asia`` in all four
    slots (page numbers).  python-docx's ``font.name`` writes ascii/hAnsi
    only, and theme attributes beat explicit names in Word, so both are
    handled here.
    """
    rfonts = child(rPr, "rFonts")
    assert rfonts is not None
    for attr in _THEME_FONT_ATTRS:
        rfonts.attrib.pop(w(attr), None)
    other = east_asia if latin is None else latin
    set_attrs(rfonts, ascii=other, hAnsi=other, eastAsia=east_asia, cs=other)
    if hint_east_asia:
        rfonts.set(w("hint"), "eastAsia")
    return rfonts


def set_run_format(
    rPr: Element,
    *,
    size_pt: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    spacing_twips: int | None = None,
    clear_color: bool = True,
    clear_kern: bool = True,
) -> None:
    """Size, weight and letter spacing of a run or style ``w:rPr``.

    ``bold=False``/``italic=False`` remove the flags (styles here never
    inherit bold from a parent that has it); ``spacing_twips`` writes
    ``w:spacing`` (negative condenses; 0 is written too, so that a condensed
    parent style is not inherited).
    """
    if bold is not None:
        remove_children(rPr, "b", "bCs")
        if bold:
            child(rPr, "b")
            child(rPr, "bCs")
    if italic is not None:
        remove_children(rPr, "i", "iCs")
        if italic:
            child(rPr, "i")
            child(rPr, "iCs")
    if clear_color:
        remove_children(rPr, "color")
    if clear_kern:
        remove_children(rPr, "kern")
    if spacing_twips is not None:
        remove_children(rPr, "spacing")
        set_attrs(_need(child(rPr, "spacing")), val=spacing_twips)
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        set_attrs(_need(child(rPr, "sz")), val=half_points)
        set_attrs(_need(child(rPr, "szCs")), val=half_points)


def set_lang(rPr: Element, *, latin: str = "en-US", east_asia: str = "zh-CN", bidi: str = "ar-SA") -> None:
    set_attrs(_need(child(rPr, "lang")), val=latin, eastAsia=east_asia, bidi=bidi)


def set_spacing(
    pPr: Element,
    *,
    line_twips: int | None = None,
    exact: bool = True,
    before_twips: int = 0,
    after_twips: int = 0,
) -> None:
    """``w:spacing``: before/after and an exact (or auto, 240 = single) line."""
    sp = _need(child(pPr, "spacing"))
    sp.attrib.clear()
    set_attrs(sp, before=before_twips, after=after_twips)
    if line_twips is not None:
        set_attrs(sp, line=line_twips, lineRule="exact" if exact else "auto")


def set_indent(
    pPr: Element,
    *,
    first_line_chars: float | None = None,
    left_chars: float | None = None,
    right_chars: float | None = None,
    char_pt: float = 16.0,
) -> None:
    """``w:ind`` in characters, written both as twips and as ``*Chars``.

    Word and WPS let ``firstLineChars``/``leftChars``/``rightChars`` win;
    LibreOffice ignores them and reads the twips, so both are always written
    (and zeroed together).  ``char_pt`` is the size of one character (三号 =
    16 pt).  None leaves a side alone.
    """
    ind = _need(child(pPr, "ind"))
    for value, twips_attr, chars_attr in (
        (first_line_chars, "firstLine", "firstLineChars"),
        (left_chars, "left", "leftChars"),
        (right_chars, "right", "rightChars"),
    ):
        if value is None:
            continue
        if twips_attr == "firstLine":
            ind.attrib.pop(w("hanging"), None)
            ind.attrib.pop(w("hangingChars"), None)
        ind.set(w(twips_attr), str(round(value * char_pt * TWIPS_PER_PT)))
        ind.set(w(chars_attr), str(round(value * 100)))


def set_paragraph_format(
    pPr: Element,
    *,
    align: str | None = None,
    outline_level: int | None = None,
    keep_next: bool | None = None,
    keep_lines: bool | None = None,
    widow_control: bool | None = None,
    snap_to_grid: bool | None = None,
) -> None:
    """Alignment (``both``/``left``/``center``/``right``), outline level, keeps."""
    if keep_next is not None:
        on_off(pPr, "keepNext", keep_next or None)
    if keep_lines is not None:
        on_off(pPr, "keepLines", keep_lines or None)
    if widow_control is not None:
        on_off(pPr, "widowControl", widow_control)
    if snap_to_grid is not None:
        on_off(pPr, "snapToGrid", None if snap_to_grid else False)
    if align is not None:
        set_attrs(_need(child(pPr, "jc")), val=align)
    if outline_level is not None:
        set_attrs(_need(child(pPr, "outlineLvl")), val=outline_level)


def set_doc_grid(sectPr: Element, line_pitch_twips: int, *, grid_type: str = "lines") -> None:
    """``w:docGrid type=lines linePitch=…`` (no charSpace: LibreOffice mishandles it)."""
    grid = _need(child(sectPr, "docGrid"))
    grid.attrib.clear()
    set_attrs(grid, type=grid_type, linePitch=line_pitch_twips)


def _need(el: Element | None) -> Element:
    assert el is not None
    return el


# ---------------------------------------------------------------------------
# Paragraphs and runs
# ---------------------------------------------------------------------------

#: Characters XML 1.0 cannot carry (lxml refuses them); the one definition.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Characters whose font Word picks from w:hint (general punctuation “”—…,
# Latin-1 symbols ·×, circled numbers ①): hint them East-Asian.
_AMBIGUOUS = re.compile("[\u00a1-\u00ff\u2000-\u2bff]")


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (lxml would refuse them)."""
    return XML_ILLEGAL.sub("", text)


def add_paragraph(
    body: Element,
    before: Element | None,
    text: str,
    *,
    style_id: str | None = None,
) -> Element:
    """Append ``<w:p>`` with one text run to ``body`` (before ``before``, e.g. sectPr).

    Line breaks in ``text`` become ``<w:br/>`` and tabs ``<w:tab/>``; a run
    with East-Asian punctuation gets ``w:hint="eastAsia"`` so Word shows
    “”—… full width.
    """
    p = body.makeelement(w("p"), {})
    if before is not None:
        before.addprevious(p)
    else:
        body.append(p)
    if style_id is not None:
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("pStyle")).set(w("val"), style_id)
    text = clean_text(text)
    if text:
        r = etree.SubElement(p, w("r"))
        if _AMBIGUOUS.search(text):
            etree.SubElement(etree.SubElement(r, w("rPr")), w("rFonts")).set(w("hint"), "eastAsia")
        _add_text(r, text)
    return p


def _add_text(r: Element, text: str) -> None:
    if "\n" not in text and "\t" not in text:
        t = etree.SubElement(r, w("t"))
        t.set(f"{{{XML_NS}}}space", "preserve")
        t.text = text
        return
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, w("br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, w("tab"))
            if piece:
                t = etree.SubElement(r, w("t"))
                t.set(f"{{{XML_NS}}}space", "preserve")
                t.text = piece


def replace_runs(p: Element, runs: Iterable[Element]) -> None:
    """Put copies of ``runs`` in place of the paragraph's runs."""
    import copy

    for r in list(p.iterchildren(w("r"))):
        p.remove(r)
    for r in runs:
        p.append(copy.deepcopy(r))


def add_bookmark(p: Element, name: str, bookmark_id: int) -> None:
    """A bookmark collapsed at the start of paragraph ``p`` (after its pPr).

    Collapsed: a ``w:bookmarkEnd`` after the last run makes LibreOffice put
    a blank line after a paragraph whose final 。 hangs past a full line.
    """
    start = p.makeelement(w("bookmarkStart"), {w("id"): str(bookmark_id), w("name"): name})
    end = p.makeelement(w("bookmarkEnd"), {w("id"): str(bookmark_id)})
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    start.addnext(end)


def collapse_comment(p: Element) -> None:
    """Move a comment's range end and reference run of paragraph ``p`` to its range start.

    Like a bookmark end, markup after the last run makes LibreOffice add a
    blank line when the final 。 hangs; the comment then marks a point at
    the start of the paragraph (the highlight shows the paragraph).
    """
    start = p.find(w("commentRangeStart"))
    if start is None:
        return
    at = start
    for el in [
        p.find(w("commentRangeEnd")),
        *(r for r in p.iterchildren(w("r")) if r.find(w("commentReference")) is not None),
    ]:
        if el is not None:
            at.addnext(el)
            at = el


def highlight(p: Element, color: str = "yellow") -> None:
    """Highlight every run of paragraph ``p``."""
    for r in p.iterchildren(w("r")):
        rpr = r.find(w("rPr"))
        if rpr is None:
            rpr = r.makeelement(w("rPr"), {})
            r.insert(0, rpr)
        set_attrs(_need(child(rpr, "highlight")), val=color)


def paragraph_pPr(p: Element) -> Element:
    """The paragraph's ``w:pPr`` (created as its first child if missing)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = p.makeelement(w("pPr"), {})
        p.insert(0, ppr)
    return ppr


def add_page_number_runs(
    p: Element,
    *,
    font: str,
    size_pt: float,
    prefix: str = "\u2014 ",
    suffix: str = " \u2014",
) -> None:
    """Append ``— N —`` to paragraph ``p``: N is a real PAGE field.

    Runs: prefix, ``fldChar begin``, ``instrText PAGE``, ``fldChar separate``,
    the cached result ``1``, ``fldChar end``, suffix.  Each run has ``font`` in
    all four rFonts slots plus ``w:hint="eastAsia"`` (so the U+2014 dashes
    are full width in Word) and the size.
    """

    def run() -> Element:
        r = etree.SubElement(p, w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        set_fonts(rpr, font, None, hint_east_asia=True)
        set_run_format(rpr, size_pt=size_pt)
        return r

    def text_run(text: str) -> None:
        t = etree.SubElement(run(), w("t"))
        t.set(f"{{{XML_NS}}}space", "preserve")
        t.text = text

    def fld_char(kind: str) -> None:
        etree.SubElement(run(), w("fldChar")).set(w("fldCharType"), kind)

    text_run(prefix)
    fld_char("begin")
    instr = etree.SubElement(run(), w("instrText"))
    instr.set(f"{{{XML_NS}}}space", "preserve")
    instr.text = " PAGE "
    fld_char("separate")
    text_run("1")
    fld_char("end")
    text_run(suffix)


# ---------------------------------------------------------------------------
# Styles: resets of python-docx's default template
# ---------------------------------------------------------------------------


def find_style(styles: Element, style_id: str) -> Element | None:
    for st in styles.iterchildren(w("style")):
        if st.get(w("styleId")) == style_id:
            return st
    return None


def ensure_style(
    styles: Element,
    style_id: str,
    name: str,
    *,
    style_type: str = "paragraph",
    based_on: str | None = "Normal",
    next_style: str | None = None,
    custom: bool = False,
    ui_priority: int | None = None,
    qformat: bool = False,
) -> Element:
    """Get or create a style; set its name, basedOn, next and gallery flags."""
    st = find_style(styles, style_id)
    if st is None:
        st = styles.makeelement(w("style"), {})
        styles.append(st)
        set_attrs(st, type=style_type, styleId=style_id)
    if custom:
        st.set(w("customStyle"), "1")
    set_attrs(_need(child(st, "name")), val=name)
    if based_on is None:
        remove_children(st, "basedOn")
    else:
        set_attrs(_need(child(st, "basedOn")), val=based_on)
    if next_style is not None:
        set_attrs(_need(child(st, "next")), val=next_style)
    if ui_priority is not None:
        set_attrs(_need(child(st, "uiPriority")), val=ui_priority)
    if qformat:
        child(st, "qFormat")
    remove_children(st, "semiHidden", "hidden")
    return st


def style_pPr(style: Element) -> Element:
    return _need(child(style, "pPr"))


def style_rPr(style: Element) -> Element:
    return _need(child(style, "rPr"))


def prune_styles(styles: Element, keep: Iterable[str]) -> None:
    """Keep only the styles whose styleId is in ``keep`` and neutralize them.

    python-docx's template carries 160 styles (100 table styles) with theme
    fonts, blue colours, a bordered Title, linked "… Char" styles; Word and
    LibreOffice only need the styles a document uses (the latent style list
    stays, so Word's gallery still offers its built-ins).  Each kept style
    loses theme font attributes, colours, borders, kerning, letter spacing,
    numbering, rsid and its ``w:link``.
    """
    keep = set(keep)
    for st in list(styles.iterchildren(w("style"))):
        if st.get(w("styleId")) not in keep:
            styles.remove(st)
            continue
        remove_children(st, "link", "rsid")
        ppr = st.find(w("pPr"))
        if ppr is not None:
            remove_children(ppr, "pBdr", "numPr", "contextualSpacing", "tabs")
        rpr = st.find(w("rPr"))
        if rpr is not None:
            remove_children(rpr, "color", "kern", "spacing")
            rfonts = rpr.find(w("rFonts"))
            if rfonts is not None:
                for attr in _THEME_FONT_ATTRS:
                    rfonts.attrib.pop(w(attr), None)


def set_doc_defaults(styles: Element, *, east_asia: str, latin: str, size_pt: float, lang: str = "zh-CN") -> None:
    """docDefaults: explicit fonts (no theme), size, ``lang eastAsia``, single spacing."""
    defaults = _need(child(styles, "docDefaults"))
    rpr_default = _need(child(defaults, "rPrDefault"))
    rpr = rpr_default.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, w("rPr"))
    set_fonts(rpr, east_asia, latin)
    set_run_format(rpr, size_pt=size_pt)
    set_lang(rpr, east_asia=lang)
    ppr_default = _need(child(defaults, "pPrDefault"))
    ppr = ppr_default.find(w("pPr"))
    if ppr is None:
        ppr = etree.SubElement(ppr_default, w("pPr"))
    set_spacing(ppr, line_twips=240, exact=False)


# ---------------------------------------------------------------------------
# Settings, font table
# ---------------------------------------------------------------------------


def set_settings(settings: Element, *, even_and_odd_headers: bool, east_asia_lang: str = "zh-CN") -> None:
    """evenAndOddHeaders, ``themeFontLang eastAsia``, no preview picture, 100 % zoom."""
    on_off(settings, "evenAndOddHeaders", True if even_and_odd_headers else None)
    set_attrs(_need(child(settings, "themeFontLang")), val="en-US", eastAsia=east_asia_lang)
    remove_children(settings, "savePreviewPicture", "rsids", "attachedTemplate")
    zoom = _need(child(settings, "zoom"))
    zoom.attrib.clear()
    zoom.set(w("percent"), "100")


# Windows names of the common Chinese faces, written as w:altName.
_ALT_NAMES = {"宋体": "SimSun", "黑体": "SimHei", "仿宋": "FangSong", "楷体": "KaiTi"}
# GB2312 code-page signature (what Word writes for SimSun & co.).
_GB_SIG = {"usb0": "00000003", "usb1": "288F0000", "usb2": "00000006", "usb3": "00000000",
           "csb0": "00040001", "csb1": "00000000"}  # fmt: skip


def font_table_xml(latin: Iterable[str], east_asian: Mapping[str, str]) -> bytes:
    """A ``word/fontTable.xml`` naming the fonts the document uses.

    ``east_asian`` maps a font name to its family (``roman``/``modern``);
    each gets the GB2312 charset (86) and signature, so Word substitutes a
    Chinese face (not a Japanese one) where the font is missing.
    """
    root = etree.Element(w("fonts"), nsmap={"w": W_NS})
    for name in dict.fromkeys(latin):
        font = etree.SubElement(root, w("font"), {w("name"): name})
        set_attrs(etree.SubElement(font, w("panose1")), val="02020603050405020304")
        set_attrs(etree.SubElement(font, w("charset")), val="00")
        set_attrs(etree.SubElement(font, w("family")), val="roman")
        set_attrs(etree.SubElement(font, w("pitch")), val="variable")
    for name, family in east_asian.items():
        font = etree.SubElement(root, w("font"), {w("name"): name})
        alt = _ALT_NAMES.get(name)
        if alt:
            set_attrs(etree.SubElement(font, w("altName")), val=alt)
        set_attrs(etree.SubElement(font, w("charset")), val="86")
        set_attrs(etree.SubElement(font, w("family")), val=family)
        set_attrs(etree.SubElement(font, w("pitch")), val="variable")
        set_attrs(etree.SubElement(font, w("sig")), **_GB_SIG)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
