"""ECMA-376 sequence order of WordprocessingML children, and a checker.

Word refuses a document whose ``w:pPr``/``w:rPr``/``w:sectPr``/… children
come in another order than the transitional schema (wml.xsd) says; python-docx
inserts its own children in order but not the ones drafter adds by hand.
:func:`child` inserts a child where the schema wants it and
:func:`check_child_order` checks a whole part.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from drafter.docx.names import W_NS

Element = etree._Element


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
