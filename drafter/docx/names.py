"""The OOXML names drafter writes: namespaces, relationship types, content types.

The same strings python-docx declares (``docx.oxml.ns.nsmap``,
``docx.opc.constants``; a test keeps them equal), held here so that a build
writes a .docx without importing python-docx, whose package import loads its
whole API (~25 ms of a ~100 ms build).
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_NS = "http://www.w3.org/XML/1998/namespace"

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_FONT_TABLE = _RT + "fontTable"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_CUSTOM_XML = _RT + "customXml"
RT_CUSTOM_XML_PROPS = _RT + "customXmlProps"
RT_CUSTOM_PROPERTIES = _RT + "custom-properties"
RT_EXTENDED_PROPERTIES = _RT + "extended-properties"
RT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

CT_CUSTOM_XML_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CT_CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_XML = "application/xml"

# Parts of a package (not from python-docx: OPC's own names).
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
