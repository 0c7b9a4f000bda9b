"""The body of a .docx as a merge sees it: paragraphs, their styles, bookmarks and runs.

:func:`read_body` walks the top level of the body (and content controls,
tracked insertions) of an opened :class:`~drafter.docx.package.Package`:

* each non-empty paragraph's text (:func:`drafter.docx.text.paragraph_text`,
  the one walker), its style name (as python-docx reports it) and so its
  role (:func:`drafter.docx.writer.role_for_style`);
* the bookmarks with the asked-for name prefixes in (or just before) it;
  a bookmark on an emptied paragraph goes to the next one;
* copies of its runs when they are plain text runs (her character
  formatting, for keeping);
* what a rebuild cannot carry over: tables, pictures, comments by people,
  tracked changes; and the custom XML parts and custom properties.

Everything is read with lxml under the package's limits (no python-docx).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from drafter.docx.package import CustomParts, DocxError, Package
from drafter.docx.schema import W_NS, w
from drafter.docx.text import Styles, paragraph_text, style_id
from drafter.draft import Role

Element = etree._Element


@dataclass
class BodyParagraph:
    """One non-empty top-level paragraph of the body."""

    index: int  # 0-based among the non-empty paragraphs
    text: str
    style: str | None  # style name as python-docx reports it ("Heading 1"), None if unknown
    role: Role | None  # the role of that style, None for styles drafter does not use
    bookmarks: tuple[str, ...] = ()  # bookmark names (with the asked-for prefixes) in or just before it
    runs: list[Element] = field(default_factory=list, repr=False)  # plain runs, for keeping formatting


@dataclass
class Body:
    """Everything a merge needs from one .docx."""

    paragraphs: list[BodyParagraph]
    custom: CustomParts
    properties: dict[str, str]  # custom document properties (docProps/custom.xml)
    bookmarks_found: int = 0
    tables: int = 0
    pictures: int = 0
    comments: int = 0  # Word comments by people (not drafter's own)
    tracked_changes: bool = False


_SIMPLE_RUN_CHILDREN = frozenset(
    {w("rPr"), w("t"), w("tab"), w("br"), w("noBreakHyphen"), w("softHyphen"), w("lastRenderedPageBreak")}
)
_IGNORED_IN_PARAGRAPH = frozenset(
    w(n) for n in ("pPr", "bookmarkStart", "bookmarkEnd", "proofErr", "commentRangeStart", "commentRangeEnd",
                   "permStart", "permEnd", "smartTagPr", "customXmlPr")
)  # fmt: skip
_KEEP_RPR = frozenset(
    w(n) for n in ("rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "color", "spacing",
                   "w", "kern", "position", "sz", "szCs", "highlight", "u", "shd", "vertAlign", "em", "lang")
)  # fmt: skip
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTAINERS = frozenset({w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo")})


def simple_runs(p: Element) -> list[Element]:
    """Copies of the paragraph's runs with their formatting, or [] when it holds more than plain runs."""
    runs: list[Element] = []

    def walk(el: Element) -> bool:
        for c in el:
            tag = c.tag
            if not isinstance(tag, str) or tag in _IGNORED_IN_PARAGRAPH or tag in (w("del"), w("moveFrom")):
                continue
            if tag in (w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("hyperlink")):
                if not walk(c):
                    return False
                continue
            if tag != w("r"):
                return False  # fields, drawings, footnotes, math …: keep nothing
            if any(isinstance(k.tag, str) and k.tag not in _SIMPLE_RUN_CHILDREN for k in c):
                return False
            if any(k.tag == w("br") and k.get(w("type")) not in (None, "textWrapping") for k in c):
                return False
            runs.append(_plain_copy(c))
        return True

    return runs if walk(p) else []


def _plain_copy(run: Element) -> Element:
    r = etree.Element(w("r"), nsmap={"w": W_NS})
    for k in run:
        if k.tag == w("lastRenderedPageBreak"):
            continue
        if k.tag == w("rPr"):
            rpr = etree.SubElement(r, w("rPr"))
            for f in k:
                if f.tag in _KEEP_RPR:
                    rpr.append(copy.deepcopy(f))
            if not len(rpr):
                r.remove(rpr)
            continue
        kk = copy.deepcopy(k)
        for a in list(kk.attrib):
            if a.startswith("{") and not a.startswith(f"{{{W_NS}}}") and "XML/1998" not in a:
                del kk.attrib[a]
        r.append(kk)
    return r


def _optional(pkg: Package, name: str) -> Element | None:
    """A part the merge can do without: None when it is missing or unreadable (never a reason to refuse)."""
    if not pkg.has(name):
        return None
    try:
        return pkg.xml(name)
    except DocxError:
        return None


def _properties(pkg: Package) -> dict[str, str]:
    root = _optional(pkg, "docProps/custom.xml")
    if root is None:
        return {}
    return {str(prop.get("name")): "".join(prop.itertext()).strip() for prop in root if prop.get("name")}


def _people_comments(pkg: Package, author: str) -> int:
    root = _optional(pkg, "word/comments.xml")
    if root is None:
        return 0
    return sum(1 for c in root.iter(w("comment")) if c.get(w("author")) != author)


def read_body(pkg: Package, *, bookmark_prefixes: tuple[str, ...], keep_runs: bool = True) -> Body:
    """The body of ``pkg``.

    :class:`~drafter.docx.package.DocxError` when the body or the styles
    are unreadable; damaged custom properties or comments count as absent.
    """
    from drafter.docx.writer import COMMENT_AUTHOR, role_for_style

    root = pkg.xml("word/document.xml")
    styles = Styles(pkg.xml("word/styles.xml") if pkg.has("word/styles.xml") else None)
    body = Body(paragraphs=[], custom=pkg.custom_parts(), properties=_properties(pkg))
    body.comments = _people_comments(pkg, COMMENT_AUTHOR)
    pending: list[str] = []

    def names(el: Element) -> list[str]:
        return [n for b in el.iter(w("bookmarkStart")) if (n := b.get(w("name")) or "").startswith(bookmark_prefixes)]

    def visit(container: Element) -> None:
        nonlocal pending
        for el in container:
            tag = el.tag
            if tag == w("p"):
                text, tracked = paragraph_text(el)
                body.tracked_changes |= tracked
                marks = pending + names(el)
                body.bookmarks_found += len(marks)
                body.pictures += sum(1 for _ in el.iter(w("drawing"), w("pict"), w("object")))
                if not text.translate(_INVISIBLE).strip():
                    pending = marks  # a bookmark on an emptied paragraph: give it to the next one
                    continue
                pending = []
                name = styles.name(style_id(el))
                body.paragraphs.append(
                    BodyParagraph(
                        index=len(body.paragraphs),
                        text=text,
                        style=name,
                        role=role_for_style(name),
                        bookmarks=tuple(dict.fromkeys(marks)),
                        runs=simple_runs(el) if keep_runs else [],
                    )
                )
            elif tag == w("bookmarkStart"):
                n = el.get(w("name")) or ""
                if n.startswith(bookmark_prefixes):
                    pending.append(n)
            elif tag == w("tbl"):
                body.tables += 1
            elif tag in _CONTAINERS:
                visit(el)

    top = root.find(w("body"))
    if top is not None:
        visit(top)
    return body


__all__ = ["Body", "BodyParagraph", "read_body", "simple_runs"]
