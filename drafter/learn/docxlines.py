"""The .docx walker of the learner: paragraph text, heading levels and automatic numbering."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from drafter.errors import SampleError
from drafter.learn.markers import CIRCLED
from drafter.learn.sampleio import Line
from drafter.learn.script import normalise_script

MAX_DOCX_XML_BYTES = 50 * 1024 * 1024  # all parts of a .docx, uncompressed
MAX_DOCX_RATIO = 100  # uncompressed / compressed size of one part
MAX_DOCX_PARTS = 5000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


def docx_lines(data: bytes, path: Path) -> list[Line]:
    """The paragraphs of a .docx as lines, with heading levels and automatic numbering written out.

    Raises SampleError for a damaged archive, a zip bomb, a missing body or XML that declares a DTD.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise SampleError(
            "不是有效的 .docx 文件（压缩包已损坏）；请在 Word/WPS 中重新另存为 .docx", file=path
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_DOCX_PARTS:
            raise SampleError(f".docx 内的部件过多（{len(infos)} 个），已拒绝读取", file=path)
        total = sum(info.file_size for info in infos)
        if total > MAX_DOCX_XML_BYTES:
            raise SampleError(
                f".docx 解压后约 {total // (1024 * 1024)} MB，超过 {MAX_DOCX_XML_BYTES // (1024 * 1024)} MB 的上限（可能是压缩炸弹），已拒绝读取",
                file=path,
            )
        for info in infos:
            if info.file_size > 1024 * 1024 and info.file_size > MAX_DOCX_RATIO * max(1, info.compress_size):
                raise SampleError(
                    f".docx 中的 {info.filename} 压缩比异常（{info.file_size // max(1, info.compress_size)} 倍，可能是压缩炸弹），已拒绝读取",
                    file=path,
                )
        names = {info.filename for info in infos}
        if "word/document.xml" not in names:
            raise SampleError(".docx 中缺少正文（word/document.xml）；请在 Word/WPS 中重新另存为 .docx", file=path)
        document = _docx_xml(archive, "word/document.xml", path)
        styles = _docx_xml(archive, "word/styles.xml", path) if "word/styles.xml" in names else None
        numbering = _docx_xml(archive, "word/numbering.xml", path) if "word/numbering.xml" in names else None
    return _DocxReader(styles, numbering).lines(document)


def _docx_xml(archive: zipfile.ZipFile, name: str, path: Path):  # -> lxml element
    from lxml import etree

    try:
        with archive.open(name) as fh:
            data = fh.read(MAX_DOCX_XML_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise SampleError(f".docx 已损坏（无法解压 {name}）；请在 Word/WPS 中重新另存为 .docx", file=path) from None
    if len(data) > MAX_DOCX_XML_BYTES:
        raise SampleError(f".docx 中的 {name} 解压后过大，已拒绝读取", file=path)
    if any(mark in data for mark in _DTD_MARKS):
        raise SampleError(f".docx 中的 {name} 声明了 DTD 或外部实体，出于安全考虑拒绝读取", file=path)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise SampleError(
            f".docx 已损坏（{name} 不是有效的 XML）；请在 Word/WPS 中重新另存为 .docx", file=path
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise SampleError(f".docx 中的 {name} 声明了 DTD 或外部实体，出于安全考虑拒绝读取", file=path)
    return root


_HEADING_NAME_RE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = frozenset({"title", "标题"})


class _DocxReader:
    """Paragraph text, heading levels and automatic numbering of a WordprocessingML body."""

    def __init__(self, styles, numbering) -> None:  # lxml elements or None
        self.style_level: dict[str, int | None] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self._styles: dict[str, tuple[str, str | None, int | None, tuple[str, int] | None]] = {}
        if styles is not None:
            for st in styles.iter(f"{_W}style"):
                sid = st.get(f"{_W}styleId")
                if not sid:
                    continue
                name_el = st.find(f"{_W}name")
                name = (name_el.get(f"{_W}val") if name_el is not None else sid) or sid
                based = st.find(f"{_W}basedOn")
                outline = st.find(f"{_W}pPr/{_W}outlineLvl")
                num = self._num_pr(st.find(f"{_W}pPr"))
                self._styles[sid] = (
                    name.strip().lower(),
                    based.get(f"{_W}val") if based is not None else None,
                    _int(outline.get(f"{_W}val")) if outline is not None else None,
                    num,
                )
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        if numbering is not None:
            for ab in numbering.iter(f"{_W}abstractNum"):
                levels: dict[int, tuple[int, str, str]] = {}
                for lvl in ab.iter(f"{_W}lvl"):
                    ilvl = _int(lvl.get(f"{_W}ilvl")) or 0
                    start = lvl.find(f"{_W}start")
                    fmt = lvl.find(f"{_W}numFmt")
                    text = lvl.find(f"{_W}lvlText")
                    levels[ilvl] = (
                        _int(start.get(f"{_W}val")) if start is not None else 1,
                        fmt.get(f"{_W}val") if fmt is not None else "decimal",
                        text.get(f"{_W}val") if text is not None else "",
                    )
                self.abstract[ab.get(f"{_W}abstractNumId") or ""] = levels
            for num in numbering.iter(f"{_W}num"):
                ab_id = num.find(f"{_W}abstractNumId")
                overrides: dict[int, int] = {}
                for ov in num.iter(f"{_W}lvlOverride"):
                    so = ov.find(f"{_W}startOverride")
                    if so is not None:
                        overrides[_int(ov.get(f"{_W}ilvl")) or 0] = _int(so.get(f"{_W}val")) or 1
                self.nums[num.get(f"{_W}numId") or ""] = (ab_id.get(f"{_W}val") if ab_id is not None else "", overrides)
        self.counters: dict[str, list[int | None]] = {}

    @staticmethod
    def _num_pr(ppr) -> tuple[str, int] | None:
        if ppr is None:
            return None
        num_pr = ppr.find(f"{_W}numPr")
        if num_pr is None:
            return None
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        if num_id is None:
            return None
        return (num_id.get(f"{_W}val") or "", (_int(ilvl.get(f"{_W}val")) or 0) if ilvl is not None else 0)

    def _style_info(self, sid: str | None) -> tuple[int | None, tuple[str, int] | None]:
        """Heading level (0 = title) and numbering of a paragraph style, following basedOn."""
        level: int | None = None
        num: tuple[str, int] | None = None
        seen: set[str] = set()
        first = True
        while sid and sid in self._styles and sid not in seen:
            seen.add(sid)
            name, based, outline, snum = self._styles[sid]
            if level is None:
                m = _HEADING_NAME_RE.match(name)
                if m:
                    level = int(m.group(1))
                elif first and name in _TITLE_NAMES:
                    level = 0
                elif outline is not None and outline < 9:
                    level = outline + 1
            if num is None and snum is not None:
                num = snum
            first = False
            sid = based
        return level, num

    def lines(self, document) -> list[Line]:
        body = document.find(f"{_W}body")
        if body is None:
            return []
        out: list[Line] = []
        blank = False
        for number, p in enumerate(body.iter(f"{_W}p"), 1):
            if _inside_textbox_or_nested(p):
                continue
            ppr = p.find(f"{_W}pPr")
            sid = None
            if ppr is not None:
                ps = ppr.find(f"{_W}pStyle")
                sid = ps.get(f"{_W}val") if ps is not None else None
            level, num = self._style_info(sid)
            if ppr is not None:
                outline = ppr.find(f"{_W}outlineLvl")
                if outline is not None:
                    value = _int(outline.get(f"{_W}val"))
                    level = value + 1 if value is not None and value < 9 else level
                own_num = self._num_pr(ppr)
                if own_num is not None:
                    num = own_num
            text = normalise_script(_paragraph_text(p))
            if not text.strip():
                blank = True
                continue
            marker = self._marker(num) if num is not None else ""
            pieces = [piece.strip(" \t\u3000") for piece in text.split("\n")]
            first_piece = True
            for piece in pieces:
                if not piece:
                    continue
                content = (marker + piece) if first_piece else piece
                out.append(Line(content, number, level if first_piece else None, blank, soft=not first_piece))
                blank = False
                first_piece = False
        return out

    def _marker(self, num: tuple[str, int]) -> str:
        num_id, ilvl = num
        if num_id in ("", "0") or num_id not in self.nums:
            return ""
        ab_id, overrides = self.nums[num_id]
        levels = self.abstract.get(ab_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        start = overrides.get(ilvl, levels[ilvl][0])
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        fmt_text = levels[ilvl][2]
        if levels[ilvl][1] in ("bullet", "none") or not fmt_text:
            return ""

        def repl(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            value = counters[lvl] if 0 <= lvl < 9 else None
            if value is None:
                value = levels.get(lvl, (1, "decimal", ""))[0]
            return _format_number(value, levels.get(lvl, (1, "decimal", ""))[1])

        return re.sub(r"%([1-9])", repl, fmt_text)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _inside_textbox_or_nested(p) -> bool:
    parent = p.getparent()
    while parent is not None:
        if parent.tag in (f"{_W}txbxContent", f"{_W}p"):
            return True
        if parent.tag == f"{_W}body":
            return False
        parent = parent.getparent()
    return False


def _paragraph_text(p) -> str:
    parts: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}tab":
                parts.append(" ")
            elif tag in (f"{_W}p", f"{_W}txbxContent", f"{_W}del", f"{_W}instrText", f"{_W}pPr", f"{_W}rPr"):
                continue
            else:
                walk(child)

    walk(p)
    return "".join(parts)


_CN_FORMAT_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _cn_numeral(value: int, digits: str = _CN_FORMAT_DIGITS, ten: str = "十") -> str:
    if value <= 0:
        return digits[0]
    if value < 10:
        return digits[value]
    if value < 20:
        return ten + (digits[value % 10] if value % 10 else "")
    if value < 100:
        return digits[value // 10] + ten + (digits[value % 10] if value % 10 else "")
    return str(value)


def _format_number(value: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "taiwaneseCounting",
        "japaneseCounting",
    ):
        return _cn_numeral(value)
    if fmt == "chineseLegalSimplified":
        return _cn_numeral(value, _CN_LEGAL_DIGITS, "拾")
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return CIRCLED[value - 1]
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out += letters
            value -= number
    return out
