"""Reading a draft back from the chair's .docx, and the anchors that make it possible.

Merging needs three things from the file the chair left behind:

* the **base**: what drafter generated last time, stored as the custom XML
  part ``drafter-base`` (block keys, roles, texts, facts; see
  :func:`drafter.build.pipeline.base_payload`).  Word and LibreOffice keep custom XML
  parts on open and save (LibreOffice 7.4 rewrites the XML but the payload
  decodes to the same bytes);
* the **paragraphs** as she left them: text (tracked insertions accepted,
  deletions dropped), the paragraph style name and so the role
  (:func:`drafter.docx.writer.role_for_style`), and the drafter
  bookmarks in them;
* **anchors**: every generated paragraph carries a hidden bookmark named
  from its block key (:func:`anchor_name`).  Bookmarks survive Word and
  LibreOffice (ids are renumbered, names kept), move with cut-and-paste and
  are not duplicated by copy-and-paste, so they identify a paragraph even
  after it has been rewritten beyond recognition.  Text matching is the
  fallback when an office suite or the chair removes them.

The file is read with zipfile + lxml (no python-docx), which is fast and
sees paragraphs inside content controls too.  :func:`annotate` is the
writing side: it adds the anchors to a freshly rendered .docx and marks the
paragraphs a merge wants the chair to look at (yellow highlight and a Word
comment).
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from drafter.draft import Role
from drafter.errors import MergeError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CUSTOM_PART_NS = "urn:drafter:custom-part:1"
CUSTOM_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
BASE_PART = "drafter-base"
FINGERPRINT_PROPERTY = "drafter.fingerprint"
SUPPORTED_FORMATS = (1, 2)

ANCHOR_PREFIX = "_dr_"  # hidden bookmark (leading underscore) on a generated paragraph
PROPOSAL_PREFIX = "_drn_"  # on the new rendering placed after an edited paragraph (a conflict)
COMMENT_AUTHOR = "drafter"

PathOrBytes = str | Path | bytes | BinaryIO


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def anchor_name(key: str) -> str:
    """The bookmark naming the paragraph of block ``key`` (Word allows ≤ 40 ASCII characters)."""
    return ANCHOR_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def proposal_anchor_name(key: str) -> str:
    """The bookmark of a conflict's new rendering of block ``key``."""
    return PROPOSAL_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def norm(text: str) -> str:
    """Text as compared by the merge: what an office suite may change is ignored.

    NFC, no zero-width characters or soft hyphens, no characters XML cannot
    carry, no-break spaces as spaces, line ends as \\n, no outer whitespace
    (including the full-width spaces some people type to indent).
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\u00a0", " ").strip()


# -- the base -------------------------------------------------------------------


@dataclass(frozen=True)
class BaseBlock:
    key: str
    role: Role
    text: str
    facts: tuple[str, ...]


@dataclass
class Base:
    """What drafter generated last time (the merge base)."""

    blocks: list[BaseBlock]
    fingerprint: str = ""
    pending: tuple[str, ...] = ()  # keys whose conflict proposal is in the file
    format: int = 1

    def by_key(self) -> dict[str, BaseBlock]:
        return {b.key: b for b in self.blocks}


def parse_base(payload: bytes) -> Base:
    """Decode the ``drafter-base`` payload; :class:`ValueError` when it is not usable."""
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"生成记录已损坏（{exc.__class__.__name__}）") from None
    if not isinstance(data, dict) or data.get("format") not in SUPPORTED_FORMATS:
        fmt = data.get("format") if isinstance(data, dict) else None
        raise ValueError(f"生成记录的格式（{fmt}）不是这个版本的 drafter 能读的")
    blocks: list[BaseBlock] = []
    seen: set[str] = set()
    try:
        for item in data["blocks"]:
            key = str(item["key"])
            if key in seen:
                raise ValueError(f"生成记录中段落编号重复：{key}")
            seen.add(key)
            blocks.append(BaseBlock(key, Role(item["role"]), str(item["text"]), tuple(map(str, item.get("facts", ())))))
        pending = tuple(str(k) for k in data.get("pending", ()) if str(k) in seen)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ValueError) and str(exc).startswith("生成记录"):
            raise
        raise ValueError(f"生成记录不完整（{exc.__class__.__name__}: {exc}）") from None
    return Base(blocks, str(data.get("fingerprint", "")), pending, int(data["format"]))


# -- the paragraphs -------------------------------------------------------------


@dataclass
class DocParagraph:
    """One non-empty body paragraph of the chair's file."""

    index: int  # 0-based among the non-empty body paragraphs
    text: str
    style: str | None  # style name as python-docx reports it ("Heading 1"), None if unknown
    role: Role | None  # the role of that style, None for styles drafter does not use
    anchors: tuple[str, ...] = ()  # drafter bookmark names found in (or just before) it
    runs: list[etree._Element] = field(default_factory=list, repr=False)  # simple runs, for keeping formatting

    @property
    def norm(self) -> str:
        return norm(self.text)


@dataclass
class DocContent:
    """Everything the merge needs from one .docx."""

    paragraphs: list[DocParagraph]
    base: Base | None  # None: no base part, or it could not be decoded (see base_problem)
    base_problem: str | None = None
    has_base_part: bool = False
    fingerprint: str | None = None  # the drafter.fingerprint document property
    anchors_found: int = 0
    tables: int = 0
    pictures: int = 0
    comments: int = 0  # Word comments by people (not drafter's own)
    tracked_changes: bool = False

    @property
    def made_by_drafter(self) -> bool:
        """The file shows drafter's marks (base part, fingerprint property or anchors)."""
        return self.has_base_part or bool(self.fingerprint) or self.anchors_found > 0


_SKIP_SUBTREES = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("drawing"), w("pict"), w("object"),
                  f"{{{MC_NS}}}AlternateContent", w("instrText"), w("delText"), w("footnoteReference"),
                  w("endnoteReference"), w("commentReference")}  # fmt: skip
_SIMPLE_RUN_CHILDREN = {
    w("rPr"),
    w("t"),
    w("tab"),
    w("br"),
    w("noBreakHyphen"),
    w("softHyphen"),
    w("lastRenderedPageBreak"),
}
_IGNORED_IN_PARAGRAPH = {w(n) for n in ("pPr", "bookmarkStart", "bookmarkEnd", "proofErr", "commentRangeStart",
                                         "commentRangeEnd", "permStart", "permEnd", "smartTagPr", "customXmlPr")}  # fmt: skip
_KEEP_RPR = {w(n) for n in ("rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "color",
                             "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "shd",
                             "vertAlign", "em", "lang")}  # fmt: skip


def _paragraph_text(p: etree._Element) -> tuple[str, bool]:
    """(text, tracked) — tracked insertions count, deletions do not."""
    out: list[str] = []
    tracked = False

    def walk(el: etree._Element) -> None:
        nonlocal tracked
        for c in el:
            tag = c.tag
            if not isinstance(tag, str):
                continue
            if tag in (w("ins"), w("del"), w("moveFrom"), w("moveTo")):
                tracked = True
            if tag in _SKIP_SUBTREES:
                continue
            if tag == w("t"):
                out.append(c.text or "")
            elif tag == w("tab") or tag == w("ptab"):
                out.append("\t")
            elif tag == w("br"):
                if c.get(w("type")) in (None, "textWrapping"):
                    out.append("\n")
            elif tag == w("cr"):
                out.append("\n")
            elif tag == w("noBreakHyphen"):
                out.append("-")
            else:
                walk(c)

    walk(p)
    return "".join(out), tracked


def _simple_runs(p: etree._Element) -> list[etree._Element]:
    """Copies of the paragraph's runs with their formatting, or [] when it holds more than plain runs."""
    runs: list[etree._Element] = []

    def walk(el: etree._Element) -> bool:
        for c in el:
            tag = c.tag
            if not isinstance(tag, str) or tag in _IGNORED_IN_PARAGRAPH:
                continue
            if tag in (w("del"), w("moveFrom")):
                continue
            if tag in (w("ins"), w("moveTo"), w("smartTag"), w("customXml"), w("hyperlink")):
                if not walk(c):
                    return False
                continue
            if tag == w("r"):
                if any(isinstance(k.tag, str) and k.tag not in _SIMPLE_RUN_CHILDREN for k in c):
                    return False
                if any(k.tag == w("br") and k.get(w("type")) not in (None, "textWrapping") for k in c):
                    return False
                r = etree.Element(w("r"), nsmap={"w": W_NS})
                for k in c:
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
                runs.append(r)
                continue
            return False  # fields, drawings, footnotes, math …: keep nothing
        return True

    return runs if walk(p) else []


def _style_names(styles_xml: bytes | None) -> tuple[dict[str, str], str | None]:
    """styleId -> name (as python-docx shows it), and the default paragraph style id."""
    if not styles_xml:
        return {}, None
    try:
        from docx.styles import BabelFish
    except ImportError:  # pragma: no cover - python-docx is a dependency

        class BabelFish:  # type: ignore[no-redef]
            @staticmethod
            def internal2ui(name: str) -> str:
                return name

    root = etree.fromstring(styles_xml)
    names: dict[str, str] = {}
    default: str | None = None
    for st in root.iter(w("style")):
        if st.get(w("type")) not in (None, "paragraph"):
            continue
        sid = st.get(w("styleId"))
        if sid is None:
            continue
        name_el = st.find(w("name"))
        name = name_el.get(w("val")) if name_el is not None else sid
        names[sid] = BabelFish.internal2ui(name or sid)
        if st.get(w("default")) in ("1", "true", "on"):
            default = sid
    return names, default


def _fingerprint_property(custom_xml: bytes | None) -> str | None:
    if not custom_xml:
        return None
    try:
        root = etree.fromstring(custom_xml)
    except etree.XMLSyntaxError:
        return None
    for prop in root:
        if prop.get("name") == FINGERPRINT_PROPERTY:
            return "".join(prop.itertext()).strip() or None
    return None


def _people_comments(comments_xml: bytes | None) -> int:
    if not comments_xml:
        return 0
    try:
        root = etree.fromstring(comments_xml)
    except etree.XMLSyntaxError:
        return 0
    return sum(1 for c in root.iter(w("comment")) if c.get(w("author")) != COMMENT_AUTHOR)


def _read_base_part(zf: zipfile.ZipFile) -> bytes | None:
    from drafter.docx.package import Package

    return Package(zf, None, frozenset(zf.namelist())).custom_parts().parts.get(BASE_PART)


def read_docx(source: PathOrBytes, *, keep_runs: bool = True) -> DocContent:
    """The chair's file as the merge sees it.  :class:`MergeError` when it is not a .docx."""
    from drafter.docx.writer import role_for_style

    label = str(source) if isinstance(source, (str, Path)) else None
    src: str | Path | BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(src) as zf:
            names = set(zf.namelist())
            document_xml = zf.read("word/document.xml")
            styles_xml = zf.read("word/styles.xml") if "word/styles.xml" in names else None
            custom_xml = zf.read("docProps/custom.xml") if "docProps/custom.xml" in names else None
            payload = _read_base_part(zf)
            comments_xml = zf.read("word/comments.xml") if "word/comments.xml" in names else None
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise MergeError(f"无法读取这个 Word 文档（.docx）：{exc}", file=label) from exc
    try:
        root = etree.fromstring(document_xml, parser=etree.XMLParser(huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise MergeError(f"Word 文档的正文已损坏，无法读取：{exc}", file=label) from exc

    style_names, default_style = _style_names(styles_xml)
    content = DocContent(paragraphs=[], base=None, has_base_part=payload is not None)
    content.fingerprint = _fingerprint_property(custom_xml)
    content.comments = _people_comments(comments_xml)
    if payload is not None:
        try:
            content.base = parse_base(payload)
        except ValueError as exc:
            content.base_problem = str(exc)

    body = root.find(w("body"))
    pending_anchors: list[str] = []

    def bookmark_names(el: etree._Element) -> list[str]:
        return [
            n
            for b in el.iter(w("bookmarkStart"))
            if (n := b.get(w("name")) or "").startswith((ANCHOR_PREFIX, PROPOSAL_PREFIX))
        ]

    def visit(container: etree._Element) -> None:
        nonlocal pending_anchors
        for el in container:
            tag = el.tag
            if tag == w("p"):
                text, tracked = _paragraph_text(el)
                content.tracked_changes |= tracked
                anchors = pending_anchors + bookmark_names(el)
                content.anchors_found += len(anchors)
                content.pictures += sum(1 for _ in el.iter(w("drawing"), w("pict"), w("object")))
                if not norm(text):
                    pending_anchors = anchors  # a bookmark on an emptied paragraph: give it to the next one
                    continue
                pending_anchors = []
                ppr = el.find(w("pPr"))
                ps = ppr.find(w("pStyle")) if ppr is not None else None
                sid = ps.get(w("val")) if ps is not None else default_style
                name = style_names.get(sid or "", sid) if sid else None
                content.paragraphs.append(
                    DocParagraph(
                        index=len(content.paragraphs),
                        text=text,
                        style=name,
                        role=role_for_style(name),
                        anchors=tuple(dict.fromkeys(anchors)),
                        runs=_simple_runs(el) if keep_runs else [],
                    )
                )
            elif tag == w("bookmarkStart"):
                n = el.get(w("name")) or ""
                if n.startswith((ANCHOR_PREFIX, PROPOSAL_PREFIX)):
                    pending_anchors.append(n)
            elif tag == w("tbl"):
                content.tables += 1
            elif tag in (w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("moveTo")):
                visit(el)

    if body is not None:
        visit(body)
    return content


# -- the writing side: anchors and marks ----------------------------------------


def _body_paragraphs_for(body: etree._Element, texts: Sequence[str]) -> list[etree._Element | None]:
    """The body ``w:p`` of each block, skipping the empty lines the writer adds."""
    paras = list(body.iterchildren(w("p")))
    out: list[etree._Element | None] = []
    j = 0
    for text in texts:
        want = norm(text)
        found = None
        k = j
        while k < len(paras):
            got = norm(_paragraph_text(paras[k])[0])
            if got == want:
                found = paras[k]
                j = k + 1
                break
            if got:  # a non-empty paragraph that is not this block: give up on this one
                break
            k += 1
        out.append(found)
    return out


def _add_bookmark(p: etree._Element, name: str, bid: int) -> None:
    start = p.makeelement(w("bookmarkStart"), {w("id"): str(bid), w("name"): name})
    end = p.makeelement(w("bookmarkEnd"), {w("id"): str(bid)})
    ppr = p.find(w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def _replace_runs(p: etree._Element, runs: Sequence[etree._Element]) -> None:
    for r in list(p.iterchildren(w("r"))):
        p.remove(r)
    for r in runs:
        p.append(copy.deepcopy(r))


def _apply_anchors(
    paras: Sequence[etree._Element | None],
    texts: Sequence[str],
    anchors: Sequence[str | None],
    runs: Mapping[int, Sequence[etree._Element]] | None,
) -> None:
    bid = 9000
    for i, p in enumerate(paras):
        if p is None:
            continue
        mine = (runs or {}).get(i)
        if mine and norm(_paragraph_text(_wrap(mine))[0]) == norm(texts[i]):
            _replace_runs(p, mine)
        name = anchors[i] if i < len(anchors) else None
        if name:
            bid += 1
            _add_bookmark(p, name, bid)


def annotate(
    data: bytes,
    texts: Sequence[str],
    *,
    anchors: Sequence[str | None],
    marks: Mapping[int, str] | None = None,
    runs: Mapping[int, Sequence[etree._Element]] | None = None,
) -> bytes:
    """Add the anchors (and marks) to a .docx rendered from blocks with ``texts``.

    ``anchors[i]`` is the bookmark name of block ``i`` (None: none);
    ``marks[i]`` is a comment for block ``i``, whose runs are also
    highlighted yellow; ``runs[i]`` are the chair's runs to put back into
    block ``i`` (her character formatting; only when their text is the
    block's text).  Without marks only ``word/document.xml`` is rewritten
    (a few milliseconds); comments go through python-docx.
    """
    if not marks:
        return _annotate_xml(data, texts, anchors, runs)
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    paras = _body_paragraphs_for(document.element.body, texts)
    _apply_anchors(paras, texts, anchors, runs)
    for i, note in marks.items():
        p = paras[i] if i < len(paras) else None
        if p is None:
            continue
        rs = Paragraph(p, document._body).runs  # type: ignore[attr-defined]
        if not rs:
            continue
        for r in rs:
            r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        document.add_comment(rs, text=note, author=COMMENT_AUTHOR, initials="D")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _annotate_xml(
    data: bytes,
    texts: Sequence[str],
    anchors: Sequence[str | None],
    runs: Mapping[int, Sequence[etree._Element]] | None,
) -> bytes:
    part = "word/document.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        root = etree.fromstring(zin.read(part))
        body = root.find(w("body"))
        if body is None:
            return data
        _apply_anchors(_body_paragraphs_for(body, texts), texts, anchors, runs)
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                zout.writestr(info, xml if info.filename == part else zin.read(info))
    return buf.getvalue()


def _wrap(runs: Sequence[etree._Element]) -> etree._Element:
    p = etree.Element(w("p"), nsmap={"w": W_NS})
    for r in runs:
        p.append(copy.deepcopy(r))
    return p


__all__ = [
    "BASE_PART",
    "Base",
    "BaseBlock",
    "DocContent",
    "DocParagraph",
    "anchor_name",
    "annotate",
    "norm",
    "parse_base",
    "proposal_anchor_name",
    "read_docx",
]
