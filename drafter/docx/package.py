"""The .docx package: reading any .docx safely, and the parts beside the body.

Reading (:class:`Package`): every .docx drafter opens (an old draft to merge,
the two files of ``drafter diff``, a sample for ``learn``) goes through
:func:`open_docx`, which bounds what a hostile file can cost — the file's
size, the number of members, each member's and the total uncompressed size
and compression ratio — and maps every zip, XML and encoding failure
(encrypted or corrupt members, unknown compression, DTDs and entity bombs,
malformed XML) to a :class:`DocxError` in Chinese.  XML is parsed without
DTDs, entity expansion or network access.

Writing (on python-docx's package): core, extended and custom document
properties, relationships, and custom XML parts (``customXml/itemN.xml``
plus ``itemPropsN.xml``), the standard place for an application's own data
inside a .docx, which Word, LibreOffice and python-docx keep on open and save.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import io
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from drafter.docx.names import (
    CT_CUSTOM_PROPERTIES,
    CT_CUSTOM_XML_PROPS,
    CT_NS,
    CT_XML,
    RELS_NS,
    RT_CUSTOM_PROPERTIES,
    RT_CUSTOM_XML,
    RT_CUSTOM_XML_PROPS,
)
from drafter.docx.oxml import XML_ILLEGAL, clean_text
from drafter.errors import DrafterError, os_reason

if TYPE_CHECKING:
    from docx.opc.package import OpcPackage
    from docx.opc.part import Part

Element = etree._Element

DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
CUSTOM_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
EXT_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

#: Namespace of the custom XML parts written by :func:`write_package`.
CUSTOM_PART_NS = "urn:drafter:custom-part:1"

# -- limits (a real report is well under 1 MB; Word's own documents rarely pass 20 MB) --
MAX_FILE_BYTES = 64 * 1024 * 1024  # the .docx on disk (pictures included)
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 16 * 1024 * 1024  # one XML part, uncompressed (a 300-page report: ~5 MB)
MAX_TOTAL_BYTES = 64 * 1024 * 1024  # what one reader decompresses in all
MAX_RATIO = 100  # uncompressed / compressed, for members over RATIO_FROM bytes
RATIO_FROM = 1024 * 1024

_RESAVE = "请在 Word/WPS 中打开并重新另存为 .docx。"


class DocxError(DrafterError):
    """A .docx cannot be read: not a zip, damaged, encrypted, too large or unsafe XML.

    Raised by :func:`read_docx_file`, :func:`open_docx` and :meth:`Package.read`
    / :meth:`Package.xml`.
    """


def read_docx_file(path: Path) -> bytes:
    """The bytes of the .docx at ``path``, refusing what is not a regular file of sane size.

    Raises :class:`DocxError` for a directory, device, FIFO or a file over
    :data:`MAX_FILE_BYTES`, and for any OS error while reading.  The kind of
    file is checked before it is opened and again on the open descriptor
    (opened without blocking), so a FIFO swapped in meanwhile cannot hang it.
    """
    from drafter.files import FileTooLarge, NotRegularFile, read_bounded

    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except NotRegularFile:
        raise DocxError("这不是一个普通文件（可能是文件夹或设备），无法作为 Word 文档读取。", file=path) from None
    except FileTooLarge as exc:
        raise DocxError(
            f"文件有 {exc.size // (1024 * 1024)} MB，超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 的上限，"
            "不像一份工作总结，已拒绝读取。",
            file=path,
        ) from None
    except OSError as exc:
        raise DocxError(f"无法读取这个文件（{os_reason(exc)}）。请检查路径是否写对。", file=path) from None


_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", "这是旧版 Word（.doc）或设置了打开密码的文档；请去掉密码并另存为 .docx"),
    (b"%PDF", "这是 PDF 文件，不是 Word 文档（.docx）"),
    (b"{\\rtf", "这是 RTF 文件；请在 Word/WPS 中另存为 .docx"),
)


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def parse_xml(data: bytes, what: str, *, file: str | Path | None = None) -> Element:
    """Parse XML safely: no DTD (so no entity bombs or external entities), no network.

    Raises :class:`DocxError` naming ``what`` when the XML is malformed or
    declares a DTD.
    """
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data[:65536] or "<!DOCTYPE".encode("utf-16-le") in head:
        raise DocxError(f"{what} 声明了 DTD 或实体，出于安全考虑拒绝读取。{_RESAVE}", file=file)
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as exc:
        where = f"（第 {exc.lineno} 行）" if exc.lineno else ""
        raise DocxError(f"{what} 不是有效的 XML{where}，文档已损坏。{_RESAVE}", file=file) from None
    except ValueError:
        raise DocxError(f"{what} 不是有效的 XML，文档已损坏。{_RESAVE}", file=file) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise DocxError(f"{what} 声明了 DTD 或实体，出于安全考虑拒绝读取。{_RESAVE}", file=file)
    return root


@dataclass
class Package:
    """An opened .docx whose members are read under the limits; see :func:`open_docx`."""

    zf: zipfile.ZipFile
    label: str | None
    names: frozenset[str]
    _read_total: int = 0

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """One member's bytes.  :class:`DocxError` when it is damaged, encrypted or too large."""
        info = self.zf.getinfo(name)
        if info.flag_bits & 0x1:
            raise DocxError(f"文档中的 {name} 已加密，无法读取。请去掉文档密码后另存为 .docx。", file=self.label)
        if info.file_size > MAX_MEMBER_BYTES:
            raise DocxError(
                f"文档中的 {name} 解压后有 {info.file_size // (1024 * 1024)} MB，超过上限（可能是压缩炸弹），已拒绝读取。",
                file=self.label,
            )
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise DocxError(
                f"文档中的 {name} 压缩比异常（{info.file_size // max(1, info.compress_size)} 倍，可能是压缩炸弹），已拒绝读取。",
                file=self.label,
            )
        if self._read_total + info.file_size > MAX_TOTAL_BYTES:
            raise DocxError("文档解压后的总大小超过上限（可能是压缩炸弹），已拒绝读取。", file=self.label)
        try:
            with self.zf.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except NotImplementedError:
            raise DocxError(f"文档中的 {name} 用了不支持的压缩方式，无法读取。{_RESAVE}", file=self.label) from None
        except RuntimeError:  # encrypted (zipfile asks for a password)
            raise DocxError(
                f"文档中的 {name} 已加密，无法读取。请去掉文档密码后另存为 .docx。", file=self.label
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            raise DocxError(f"文档中的 {name} 已损坏，无法解压。{_RESAVE}", file=self.label) from None
        self._read_total += len(data)
        return data

    def xml(self, name: str) -> Element:
        """One member parsed safely (:func:`parse_xml`)."""
        return parse_xml(self.read(name), f"文档中的 {name}", file=self.label)

    def custom_parts(self) -> CustomParts:
        """Every custom part written by :func:`write_package`, by name.

        Reads the zip directly (no python-docx): any ``customXml/*.xml``
        carrying :data:`CUSTOM_PART_NS` counts, wherever Word renumbered it;
        one that carries it but cannot be decoded is listed as damaged.
        """
        out = CustomParts()
        for name in sorted(self.names):
            lower = name.lower()
            if not lower.startswith("customxml/") or not lower.endswith(".xml") or "/_rels/" in lower:
                continue
            try:
                blob = self.read(name)
            except DocxError as exc:
                out.damaged.append(exc.message)
                continue
            if CUSTOM_PART_NS.encode() not in blob:
                continue
            found = decode_custom_part(blob)
            if isinstance(found, str):
                out.damaged.append(f"{name}：{found}")
            else:
                out.parts[found[0]] = found[1]
        return out


@dataclass
class CustomParts:
    """What :meth:`Package.custom_parts` found: payloads by name, and why damaged ones could not be read."""

    parts: dict[str, bytes] = field(default_factory=dict)
    damaged: list[str] = field(default_factory=list)  # why each undecodable drafter part failed


def open_docx(data: bytes, *, file: str | Path | None = None) -> Package:
    """Open ``data`` as a .docx.  :class:`DocxError` when it is not one, or is unsafe to read."""
    label = str(file) if file is not None else None
    if len(data) > MAX_FILE_BYTES:
        raise DocxError("文件过大，不像一份工作总结，已拒绝读取。", file=label)
    for magic, hint in _SIGNATURES:
        if data.startswith(magic):
            raise DocxError(f"不是 Word 文档（.docx）：{hint}。", file=label)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise DocxError(f"不是有效的 Word 文档（.docx）：压缩包已损坏或不是压缩包。{_RESAVE}", file=label) from None
    if len(infos) > MAX_MEMBERS:
        raise DocxError(f"文档内的部件过多（{len(infos)} 个），已拒绝读取。", file=label)
    names = frozenset(i.filename for i in infos)
    if "word/document.xml" not in names:
        raise DocxError(f"文档中缺少正文（word/document.xml），不是有效的 Word 文档。{_RESAVE}", file=label)
    return Package(zf, label, names)


def decode_custom_part(blob: bytes) -> tuple[str, bytes] | str:
    """(name, payload) of a custom part written by :func:`write_package`, or why it cannot be decoded."""
    try:
        root = parse_xml(blob, "自定义部件")
    except DocxError:
        return "不是有效的 XML"
    if root.tag != f"{{{CUSTOM_PART_NS}}}part" or root.get("name") is None:
        return "不是 drafter 的自定义部件"
    text = root.text or ""
    if root.get("encoding") == "base64":
        try:
            return root.get("name", ""), base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            return "base64 编码已损坏"
    try:
        return root.get("name", ""), text.encode("utf-8")
    except UnicodeEncodeError:
        return "含有无法编码的字符"


# -- writing: parts, relationships, properties ----------------------------------------


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


_CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_DCTERMS_NS = "http://purl.org/dc/terms/"
_XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
_CORE_NSMAP = {"cp": _CP_NS, "dc": _DC_NS, "dcterms": _DCTERMS_NS, "dcmitype": "http://purl.org/dc/dcmitype/",
               "xsi": _XSI_NS}  # fmt: skip


def core_properties_xml(
    *,
    title: str,
    author: str,
    created: _dt.datetime,
    subject: str = "",
    keywords: str = "",
    category: str = "",
    language: str = "zh-CN",
) -> bytes:
    """``docProps/core.xml``, with nothing left from the template.

    python-docx's template says ``creator=python-docx``, ``description=
    generated by python-docx`` and 2013 dates; the part is written anew, in
    the element order python-docx writes.
    """
    when = utc(created).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = etree.Element(f"{{{_CP_NS}}}coreProperties", nsmap=_CORE_NSMAP)
    for ns, tag, text in (
        (_DC_NS, "title", title),
        (_DC_NS, "subject", subject),
        (_DC_NS, "creator", author),
        (_CP_NS, "keywords", keywords),
        (_DC_NS, "description", ""),
        (_CP_NS, "lastModifiedBy", author),
        (_CP_NS, "revision", "1"),
        (_DCTERMS_NS, "created", when),
        (_DCTERMS_NS, "modified", when),
        (_CP_NS, "category", category),
        (_DC_NS, "language", language),
    ):
        el = etree.SubElement(root, f"{{{ns}}}{tag}")
        el.text = clean_text(text)
        if ns == _DCTERMS_NS:
            el.set(f"{{{_XSI_NS}}}type", "dcterms:W3CDTF")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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


_PROPS_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_properties_xml(props: Mapping[str, str | int | bool]) -> bytes:
    """``docProps/custom.xml`` (File > Properties > Custom in Word)."""
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
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- writing: custom XML parts ---------------------------------------------------------


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
    if text is not None and ("\r" in text or XML_ILLEGAL.search(text)):
        text = None
    if text is None:
        root.set("encoding", "base64")
        root.text = base64.b64encode(data).decode("ascii")
    else:
        root.set("encoding", "utf-8")
        root.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def custom_item_props_xml(name: str) -> bytes:
    """``customXml/itemPropsN.xml`` of the custom part ``name``: a stable itemID, a schemaRef to :data:`CUSTOM_PART_NS`."""
    props_root = etree.Element(f"{{{DS_NS}}}datastoreItem", nsmap={"ds": DS_NS})
    props_root.set(f"{{{DS_NS}}}itemID", custom_part_item_id(name))
    refs = etree.SubElement(props_root, f"{{{DS_NS}}}schemaRefs")
    etree.SubElement(refs, f"{{{DS_NS}}}schemaRef").set(f"{{{DS_NS}}}uri", CUSTOM_PART_NS)
    return etree.tostring(props_root, xml_declaration=True, encoding="UTF-8", standalone=True)


# -- writing: the package --------------------------------------------------------------


def _relate(rels: Element, reltype: str, target: str) -> None:
    """Add a relationship with the first free ``rIdN`` (as python-docx numbers them)."""
    used = {r.get("Id") for r in rels}
    n = 1
    while f"rId{n}" in used:
        n += 1
    etree.SubElement(rels, f"{{{RELS_NS}}}Relationship", Id=f"rId{n}", Type=reltype, Target=target)


def _override(types: Element, part: str, content_type: str) -> None:
    etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=part, ContentType=content_type)


def _rels_xml(*relationships: tuple[str, str, str]) -> bytes:
    root = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
    for rid, reltype, target in relationships:
        etree.SubElement(root, f"{{{RELS_NS}}}Relationship", Id=rid, Type=reltype, Target=target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _tostring(root: Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_package(
    template: bytes,
    parts: Mapping[str, bytes],
    *,
    custom_properties: bytes,
    custom_parts: Mapping[str, bytes],
) -> bytes:
    """A .docx: the package ``template`` (no custom parts or custom properties) with ``parts`` replaced.

    ``parts`` maps member names (``word/document.xml``, ``docProps/core.xml``,
    …) to their new bytes; ``custom_properties`` becomes ``docProps/custom.xml``
    and each of ``custom_parts`` (name → payload) a ``customXml/itemN.xml``
    with its itemProps, related from the main document part as Word does.
    UTF-8 text is stored readable; other bytes in base64.  Parts, relationships
    and content types are written directly with zipfile and lxml: no python-docx.
    """
    src = zipfile.ZipFile(io.BytesIO(template))
    members = {info.filename: src.read(info) for info in src.infolist()}
    members.update(parts)
    types = etree.fromstring(members["[Content_Types].xml"])
    package_rels = etree.fromstring(members["_rels/.rels"])
    document_rels = etree.fromstring(members["word/_rels/document.xml.rels"])
    members["docProps/custom.xml"] = custom_properties
    _override(types, "/docProps/custom.xml", CT_CUSTOM_PROPERTIES)
    _relate(package_rels, RT_CUSTOM_PROPERTIES, "docProps/custom.xml")
    xml_default = any(d.get("Extension") == "xml" and d.get("ContentType") == CT_XML for d in types)
    for n, (name, data) in enumerate(custom_parts.items(), start=1):
        members[f"customXml/item{n}.xml"] = _encode_payload(name, data)
        members[f"customXml/itemProps{n}.xml"] = custom_item_props_xml(name)
        members[f"customXml/_rels/item{n}.xml.rels"] = _rels_xml(("rId1", RT_CUSTOM_XML_PROPS, f"itemProps{n}.xml"))
        if not xml_default:
            _override(types, f"/customXml/item{n}.xml", CT_XML)
        _override(types, f"/customXml/itemProps{n}.xml", CT_CUSTOM_XML_PROPS)
        _relate(document_rels, RT_CUSTOM_XML, f"../customXml/item{n}.xml")
    members["[Content_Types].xml"] = _tostring(types)
    members["_rels/.rels"] = _tostring(package_rels)
    members["word/_rels/document.xml.rels"] = _tostring(document_rels)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", members.pop("[Content_Types].xml"))
        for name, data in members.items():
            out.writestr(name, data)
    return buf.getvalue()
