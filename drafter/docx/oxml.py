"""The raw Word XML (OOXML) layer.

Every trick that python-docx has no API for lives here, behind small
functions that take lxml elements or python-docx objects:

* schema-ordered child insertion (:func:`child`) and a validator of
  ECMA-376 sequence order (:func:`check_child_order`);
* East-Asian fonts in every ``w:rFonts`` slot with the theme attributes
  removed, run and paragraph formatting (exact line spacing, first-line
  indent written both as twips and as ``*Chars``), ``w:docGrid``;
* the PAGE field runs of a page-number footer;
* resets of python-docx's default template (theme fonts, ja-JP theme
  language, blue headings, Title border, stylesWithEffects, the bundled
  bibliography item, the thumbnail, "python-docx" in the properties);
* core, extended and custom document properties;
* custom XML parts (``customXml/itemN.xml`` plus ``itemPropsN.xml``), the
  standard place for an application's own data inside a .docx, which Word,
  LibreOffice and python-docx keep on open and save.

Nothing here knows about drafts; ``docx_writer`` decides what to write.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.opc.package import OpcPackage
    from docx.opc.part import Part

Element = etree._Element

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
CUSTOM_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
EXT_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
RT_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
RT_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
RT_EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
RT_FONT_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CT_CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_XML = "application/xml"

#: Namespace of the custom XML parts written by :func:`add_custom_xml_part`.
CUSTOM_PART_NS = "urn:drafter:custom-part:1"

TWIPS_PER_PT = 20


def w(name: str) -> str:
    """Clark name of a WordprocessingML tag or attribute: ``w("ind")``."""
    return _W_CACHE.get(name) or _W_CACHE.setdefault(name, f"{{{W_NS}}}{name}")


_W_CACHE: dict[str, str] = {}


# ---------------------------------------------------------------------------
# Schema sequence order (ECMA-376 Part 1, transitional schema wml.xsd)
# ---------------------------------------------------------------------------

_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
    "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
    "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
    "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
# CT_ParaRPr (paragraph mark) starts with ins/del/moveFrom/moveTo; CT_RPr does not.
_RPR_ORDER = (
    "ins", "del", "moveFrom", "moveTo",
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
    "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
    "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath", "rPrChange",
)  # fmt: skip
_SECTPR_ORDER = (
    "headerReference", "footerReference",  # EG_HdrFtrReferences: a choice, any order
    "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
    "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)  # fmt: skip
_STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
)  # fmt: skip
_SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
    "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)  # fmt: skip
_STYLES_ORDER = ("docDefaults", "latentStyles", "style")
_DOC_DEFAULTS_ORDER = ("rPrDefault", "pPrDefault")
_FONT_ORDER = (
    "altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig",
    "embedRegular", "embedBold", "embedItalic", "embedBoldItalic",
)  # fmt: skip

#: parent local name -> order of its WordprocessingML children.
CHILD_ORDER: dict[str, tuple[str, ...]] = {
    "pPr": _PPR_ORDER,
    "rPr": _RPR_ORDER,
    "sectPr": _SECTPR_ORDER,
    "style": _STYLE_ORDER,
    "settings": _SETTINGS_ORDER,
    "styles": _STYLES_ORDER,
    "docDefaults": _DOC_DEFAULTS_ORDER,
    "font": _FONT_ORDER,
}
# Children that may repeat (everything else in these sequences is 0..1).
_REPEATABLE = frozenset(
    {"headerReference", "footerReference", "style", "tblStylePr", "activeWritingStyle",
     "attachedSchema", "smartTagType"}
)  # fmt: skip
# (parent, child) pairs where the child must come first / last.
_FIRST_CHILD = {"p": "pPr", "r": "rPr", "tbl": "tblPr", "tr": "trPr", "tc": "tcPr"}
_LAST_CHILD = {"body": "sectPr"}

_RANK: dict[str, dict[str, int]] = {
    parent: {name: i for i, name in enumerate(order)} for parent, order in CHILD_ORDER.items()
}
# headerReference and footerReference share one rank (a choice group).
_RANK["sectPr"]["footerReference"] = _RANK["sectPr"]["headerReference"]


def _local(tag: object) -> str | None:
    """Local name of a ``w:`` element, None for other namespaces/comments."""
    if not isinstance(tag, str) or not tag.startswith("{" + W_NS + "}"):
        return None
    return tag[len(W_NS) + 2 :]


def child(parent: Element, name: str, *, create: bool = True) -> Element | None:
    """Return ``parent``'s ``w:name`` child, inserting it where the schema wants it.

    ``parent`` must be one of :data:`CHILD_ORDER`'s elements (pPr, rPr, sectPr,
    style, settings, styles, docDefaults, font).  With ``create=False`` a
    missing child gives None.
    """
    tag = w(name)
    found = parent.find(tag)
    if found is not None or not create:
        return found
    plocal = _local(parent.tag)
    ranks = _RANK.get(plocal or "")
    if ranks is None or name not in ranks:
        raise ValueError(f"no schema order known for w:{name} in {parent.tag}")
    rank = ranks[name]
    new = parent.makeelement(tag, {})
    for i, existing in enumerate(parent):
        other = ranks.get(_local(existing.tag) or "")
        if other is not None and other > rank:
            parent.insert(i, new)
            return new
    parent.append(new)
    return new


def remove_children(parent: Element, *names: str) -> None:
    """Remove every ``w:`` child of ``parent`` with one of these local names."""
    tags = {w(n) for n in names}
    for el in [c for c in parent if c.tag in tags]:
        parent.remove(el)


def set_attrs(el: Element, **attrs: str | int | None) -> Element:
    """Set ``w:`` attributes (None removes one)."""
    for key, value in attrs.items():
        if value is None:
            el.attrib.pop(w(key), None)
        else:
            el.set(w(key), str(value))
    return el


def on_off(parent: Element, name: str, value: bool | None) -> None:
    """Set a ``CT_OnOff`` child: True -> ``<w:x/>``, False -> ``w:val="0"``, None removes."""
    if value is None:
        remove_children(parent, name)
        return
    el = child(parent, name)
    assert el is not None
    el.attrib.pop(w("val"), None)
    if not value:
        el.set(w("val"), "0")


XmlLike = bytes | str | Element


def check_child_order(xml: XmlLike) -> list[str]:
    """Check WordprocessingML sequence order (ECMA-376) in ``xml``.

    ``xml`` is a serialized part (bytes or str) or an element.  Checks the
    order and multiplicity of the children of pPr, rPr, sectPr, style,
    settings, styles, docDefaults and font, that pPr/rPr come first in a
    paragraph/run and that sectPr comes last in the body.  Returns one line
    per problem, empty when the order is right; elements outside the ``w:``
    namespace (w14, mc) are ignored.
    """
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    root = etree.fromstring(xml) if isinstance(xml, bytes) else xml
    problems: list[str] = []
    for parent in root.iter():
        plocal = _local(parent.tag)
        if plocal is None:
            continue
        ranks = _RANK.get(plocal)
        if ranks is not None:
            last_rank = -1
            last_name = ""
            seen: set[str] = set()
            for c in parent:
                name = _local(c.tag)
                if name is None or name not in ranks:
                    continue
                if name in seen and name not in _REPEATABLE:
                    problems.append(f"{_path(parent)}: w:{name} appears more than once")
                seen.add(name)
                rank = ranks[name]
                if rank < last_rank:
                    problems.append(f"{_path(parent)}: w:{name} must come before w:{last_name}")
                else:
                    last_rank, last_name = rank, name
        first = _FIRST_CHILD.get(plocal)
        if first is not None:
            for i, c in enumerate(parent):
                if c.tag == w(first) and i != 0:
                    problems.append(f"{_path(parent)}: w:{first} must be the first child")
        last = _LAST_CHILD.get(plocal)
        if last is not None:
            kids = list(parent)
            for i, c in enumerate(kids):
                if c.tag == w(last) and i != len(kids) - 1:
                    problems.append(f"{_path(parent)}: w:{last} must be the last child")
    return problems


def _path(el: Element) -> str:
    parts: list[str] = []
    node: Element | None = el
    while node is not None:
        name = _local(node.tag) or str(node.tag)
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/".join(reversed(parts))


def check_package_child_order(docx: bytes) -> list[str]:
    """:func:`check_child_order` over every ``word/*.xml`` part of a .docx."""
    problems: list[str] = []
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                problems.extend(f"{name}: {p}" for p in check_child_order(zf.read(name)))
    return problems


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

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Characters whose font Word picks from w:hint (general punctuation “”—…,
# Latin-1 symbols ·×, circled numbers ①): hint them East-Asian.
_AMBIGUOUS = re.compile("[\u00a1-\u00ff\u2000-\u2bff]")


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (lxml would refuse them)."""
    return _XML_ILLEGAL.sub("", text)


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


# ---------------------------------------------------------------------------
# Package: parts, relationships, properties
# ---------------------------------------------------------------------------


def drop_relationships(source: Part | OpcPackage, reltype: str) -> int:
    """Remove ``source``'s relationships of ``reltype``; the targets are then not saved."""
    rels = source.rels
    doomed = [rId for rId, rel in rels.items() if rel.reltype == reltype]
    for rId in doomed:
        del rels[rId]
    return len(doomed)


def set_part_blob(part: Part, blob: bytes) -> None:
    """Replace the bytes of a part python-docx keeps as a blob (not parsed XML)."""
    if hasattr(part, "_element"):
        raise TypeError(f"{part.partname} is an XML part; edit its element instead")
    part._blob = blob


def utc(moment: _dt.datetime) -> _dt.datetime:
    """``moment`` in UTC as a naive datetime (python-docx writes it with a ``Z``).

    A naive datetime is taken as local time.
    """
    return moment.astimezone(_dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def set_core_properties(
    document: DocxDocument,
    *,
    title: str,
    author: str,
    created: _dt.datetime,
    subject: str = "",
    keywords: str = "",
    category: str = "",
    language: str = "zh-CN",
) -> None:
    """Core properties (docProps/core.xml), with nothing left from the template.

    python-docx's template says ``creator=python-docx``, ``description=
    generated by python-docx`` and 2013 dates; all are overwritten here.
    """
    cp = document.core_properties
    when = utc(created)
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.subject = subject
    cp.keywords = keywords
    cp.category = category
    cp.comments = ""
    cp.language = language
    cp.created = when
    cp.modified = when
    cp.revision = 1


def extended_properties_xml(*, application: str, company: str = "") -> bytes:
    """``docProps/app.xml``; the template's claims ("Microsoft Macintosh Word",
    page and word counts of an empty document) would be untrue."""
    root = etree.Element(f"{{{EXT_PROPS_NS}}}Properties", nsmap={None: EXT_PROPS_NS, "vt": VT_NS})
    for tag, text in (
        ("Application", application),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("Company", company),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{EXT_PROPS_NS}}}{tag}").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_extended_properties(package: OpcPackage, *, application: str, company: str = "") -> None:
    part = package.part_related_by(RT_EXTENDED_PROPERTIES)
    set_part_blob(part, extended_properties_xml(application=application, company=company))


_PROPS_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def set_custom_properties(package: OpcPackage, props: Mapping[str, str | int | bool]) -> None:
    """Write ``docProps/custom.xml`` (File > Properties > Custom in Word)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    root = etree.Element(f"{{{CUSTOM_PROPS_NS}}}Properties", nsmap={None: CUSTOM_PROPS_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(props.items(), start=2):
        prop = etree.SubElement(
            root, f"{{{CUSTOM_PROPS_NS}}}property", {"fmtid": _PROPS_FMTID, "pid": str(pid), "name": name}
        )
        if isinstance(value, bool):
            etree.SubElement(prop, f"{{{VT_NS}}}bool").text = "true" if value else "false"
        elif isinstance(value, int):
            etree.SubElement(prop, f"{{{VT_NS}}}i4").text = str(value)
        else:
            etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = clean_text(str(value))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    drop_relationships(package, RT_CUSTOM_PROPERTIES)
    part = Part(PackURI("/docProps/custom.xml"), CT_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT_CUSTOM_PROPERTIES)


# ---------------------------------------------------------------------------
# Custom XML parts
# ---------------------------------------------------------------------------


def custom_part_item_id(name: str) -> str:
    """Stable itemID GUID of the custom part called ``name``.

    ``uuid.uuid5(uuid.NAMESPACE_URL, …)`` computed with hashlib: importing
    uuid (and platform with it) costs more at start-up than a build's writing.
    """
    b = bytearray(hashlib.sha1(_NAMESPACE_URL + (CUSTOM_PART_NS + "#" + name).encode("utf-8")).digest()[:16])
    b[6] = (b[6] & 0x0F) | 0x50  # version 5
    b[8] = (b[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = b.hex().upper()
    return "{" + f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}" + "}"


_NAMESPACE_URL = bytes.fromhex("6ba7b8119dad11d180b400c04fd430c8")  # uuid.NAMESPACE_URL


def _encode_payload(name: str, data: bytes) -> bytes:
    root = etree.Element(f"{{{CUSTOM_PART_NS}}}part", nsmap={"dp": CUSTOM_PART_NS})
    root.set("name", name)
    text: str | None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # XML would normalize \r and cannot hold control characters: base64 then.
    if text is not None and ("\r" in text or _XML_ILLEGAL.search(text)):
        text = None
    if text is None:
        root.set("encoding", "base64")
        root.text = base64.b64encode(data).decode("ascii")
    else:
        root.set("encoding", "utf-8")
        root.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _decode_payload(blob: bytes) -> tuple[str, bytes] | None:
    try:
        root = etree.fromstring(blob)
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{CUSTOM_PART_NS}}}part" or root.get("name") is None:
        return None
    text = root.text or ""
    if root.get("encoding") == "base64":
        return root.get("name", ""), base64.b64decode("".join(text.split()))
    return root.get("name", ""), text.encode("utf-8")


def add_custom_xml_part(document_part: Part, name: str, data: bytes) -> None:
    """Store ``data`` under ``name`` as ``customXml/itemN.xml`` with its itemProps.

    The item is related from the main document part, as Word does, and has
    an ``itemPropsN.xml`` with a stable itemID and a schemaRef to
    :data:`CUSTOM_PART_NS`.  UTF-8 text is stored readable; other bytes in
    base64.  An item with the same name is replaced.
    """
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    for rel in list(document_part.rels.values()):
        if rel.reltype == RT_CUSTOM_XML and not rel.is_external:
            found = _decode_payload(rel.target_part.blob)
            if found is not None and found[0] == name:
                del document_part.rels[rel.rId]
    package = document_part.package
    assert package is not None
    used = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in used or f"/customXml/itemProps{n}.xml" in used:
        n += 1
    item = Part(PackURI(f"/customXml/item{n}.xml"), CT_XML, _encode_payload(name, data), package)
    props_root = etree.Element(f"{{{DS_NS}}}datastoreItem", nsmap={"ds": DS_NS})
    props_root.set(f"{{{DS_NS}}}itemID", custom_part_item_id(name))
    refs = etree.SubElement(props_root, f"{{{DS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{DS_NS}}}schemaRef").set(f"{{{DS_NS}}}uri", CUSTOM_PART_NS)
    props_blob = etree.tostring(props_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    props = Part(PackURI(f"/customXml/itemProps{n}.xml"), CT_CUSTOM_XML_PROPS, props_blob, package)
    item.relate_to(props, RT_CUSTOM_XML_PROPS)
    document_part.relate_to(item, RT_CUSTOM_XML)


def read_custom_xml_parts(docx: zipfile.ZipFile) -> dict[str, bytes]:
    """Every custom part written by :func:`add_custom_xml_part`, by name.

    Reads the zip directly (no python-docx): any ``customXml/*.xml`` whose
    root is a :data:`CUSTOM_PART_NS` part counts, wherever Word renumbered it.
    """
    out: dict[str, bytes] = {}
    for info in docx.infolist():
        lower = info.filename.lower()
        if not lower.startswith("customxml/") or not lower.endswith(".xml") or "/_rels/" in lower:
            continue
        blob = docx.read(info)
        if CUSTOM_PART_NS.encode() not in blob:
            continue
        found = _decode_payload(blob)
        if found is not None:
            out[found[0]] = found[1]
    return out
