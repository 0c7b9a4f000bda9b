"""Stage 1 of the learner: load sample reports, repair and clean them.

``load_samples`` reads .txt files in any common encoding and .docx files,
splits a page holding several reports into reports, repairs paragraphs that a
scrape broke in the middle of a sentence, strips scrape noise, normalises
blanked facts (``xx``, ``20xx``, ``**`` …) to :data:`PLACEHOLDER`, guesses
each report's kind, and marks near-duplicates.

Every paragraph keeps where it came from (file, line or .docx paragraph
number), because later stages cite the sample for each phrase they learn.
Errors meant for the user are :class:`drafter.errors.SampleError`.
"""

from __future__ import annotations

import codecs
import heapq
import io
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import filterfalse, pairwise
from pathlib import Path

from drafter.errors import SampleError

# ---------------------------------------------------------------------------
# Limits and constants

MAX_SAMPLE_BYTES = 20 * 1024 * 1024  # one sample file
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024  # all parts of a .docx, uncompressed
MAX_DOCX_RATIO = 100  # uncompressed / compressed size of one part
MAX_DOCX_PARTS = 5000
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
DOCX_SUFFIXES = frozenset({".docx", ".docm"})
SAMPLE_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES

#: What a blanked fact (xx, xxxx, 20xx, 201*, ** …) becomes.
PLACEHOLDER = "〔X〕"

KINDS: tuple[str, ...] = ("organisational", "personal", "other")
UNIT_TYPES: tuple[str, ...] = ("school", "enterprise", "government", "township", "federation", "other")

#: Two reports whose character 5-gram Jaccard similarity reaches this are near-duplicates.
DUPLICATE_JACCARD = 0.5
#: … and so is a report whose 5-grams lie this much inside an earlier one.
DUPLICATE_CONTAINMENT = 0.8

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")

# ---------------------------------------------------------------------------
# Data


@dataclass
class Paragraph:
    """One paragraph of a report after repair and cleaning.

    ``index`` is 1-based within the report; ``source_line`` is the 1-based line
    of a .txt file (or paragraph of a .docx) where the paragraph starts;
    ``style_level`` is the .docx heading level (1 = Heading 1), else None.
    """

    text: str
    index: int
    source_line: int
    style_level: int | None = None


@dataclass
class Report:
    """One report: a file, or one of several reports on a scraped page."""

    source: Path
    index: int  # 1-based within the whole run, in order
    title: str | None
    paragraphs: list[Paragraph]
    kind: str = "organisational"  # one of KINDS
    duplicate_of: int | None = None  # index of an earlier report this one nearly repeats
    unit_type: str = "other"  # one of UNIT_TYPES (a guess)
    position: int = 1  # 1-based position of the report within its file
    source_line: int = 1  # where the report (its title line, else its first paragraph) starts
    similarity: float | None = None  # 5-gram Jaccard with ``duplicate_of``

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)


NOISE_KINDS: dict[str, str] = {
    "preamble": "页面导语、SEO 标题、推荐语",
    "spam_title": "粘在句中的广告标题",
    "doc_notice": "“文档为doc格式”一类提示",
    "site_chrome": "网站栏目、上下篇链接",
    "box_comma": "代替逗号的“□”",
    "shi_debris": "双栏抓取残留的“N是”",
    "placeholder": "已统一为〔X〕的占位符（xx、20xx、** 等）",
}


@dataclass
class CorpusStats:
    """What loading did; feeds the summary table of ``drafter learn``."""

    files: int = 0
    reports: int = 0
    characters: int = 0  # characters of the cleaned reports
    joins: int = 0  # broken paragraphs joined
    noise: dict[str, int] = field(default_factory=dict)  # removed or normalised, by kind (see NOISE_KINDS)
    duplicates: int = 0
    set_aside: list[str] = field(default_factory=list)  # page preamble lines, SEO titles, blurbs

    def add_noise(self, kind: str, count: int = 1) -> None:
        if count:
            self.noise[kind] = self.noise.get(kind, 0) + count


@dataclass
class Corpus:
    reports: list[Report]
    stats: CorpusStats

    @property
    def unique(self) -> list[Report]:
        """The reports that are not near-duplicates of an earlier one."""
        return [r for r in self.reports if r.duplicate_of is None]


# ---------------------------------------------------------------------------
# Traditional characters

# Traditional forms of the characters the keyword rules below use, folded one for one to
# simplified, so that every rule also matches a report written in traditional characters.
# Folding is for matching only: text is never changed by it, and spans stay aligned.
_T2S = str.maketrans(
    "萬與專業個為鄉瞭於産親僅從們眾會傳體黨關內寫軍農決況準幾齣擊劃彆製辦務動區醫單廠廳壓縣參雙發隻號閤後嚮聽員迴團園圍國圖壞聲處備復頭夾奮學實審傢對導將層屆師帶幫乾並廣開異彈歸錄誌總擴掃報損鬥無舊時機雜權來闆標欄樣檔歡殘畢匯沒點熱愛獻現碼類係約級純組織終經結給絕統綜編縮網職聯緻節範薦營慮視計議記講論識詞試話該語說請讀課謝謹貢責貳費資車轉載輯辭過這進選裏針鏈錦鎮長門間閱隊陸隨麵頁項顧領題彙",
    "万与专业个为乡了于产亲仅从们众会传体党关内写军农决况准几出击划别制办务动区医单厂厅压县参双发只号合后向听员回团园围国图坏声处备复头夹奋学实审家对导将层届师带帮干并广开异弹归录志总扩扫报损斗无旧时机杂权来板标栏样档欢残毕汇没点热爱献现码类系约级纯组织终经结给绝统综编缩网职联致节范荐营虑视计议记讲论识词试话该语说请读课谢谨贡责贰费资车转载辑辞过这进选里针链锦镇长门间阅队陆随面页项顾领题汇",
)


_TRADITIONAL_RE = re.compile("[" + "".join(map(chr, _T2S)) + "]")


def fold(text: str) -> str:
    """``text`` with traditional characters folded to simplified (same length), for keyword matching."""
    return text.translate(_T2S) if _TRADITIONAL_RE.search(text) else text


# ---------------------------------------------------------------------------
# Numbering markers (shared with the outline stage)

_CN_NUM = "[一二三四五六七八九十百零〇壹贰貳叁參肆伍陆陸柒捌玖拾]{1,4}"
_DIGITS = "[0-9０-９]{1,2}"
_CN_DIGIT_VALUES = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_UNIT_VALUES = {"十": 10, "拾": 10, "百": 100}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ORDINAL_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": None, "最后": 99}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_number(text: str) -> int | None:
    """The value of a Chinese numeral such as 三, 十二, 二十一, 贰拾; None if it is not one."""
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _CN_DIGIT_VALUES:
            if digit is not None:
                return None
            digit = _CN_DIGIT_VALUES[ch]
        elif ch in _CN_UNIT_VALUES:
            total += (1 if digit is None else digit) * _CN_UNIT_VALUES[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a paragraph.

    ``rank`` orders the styles canonically: 第一部分 (0) > 一、 (1) > （一） (2) >
    1、/1. (3) > (1) (4) > ① (5) > 一是 (6) > 第一，/首先 (7).  Ranks 0–4 are
    section headings; 5–7 are enumerations inside a paragraph block.
    """

    style: str
    rank: int
    number: int | None
    length: int  # characters the marker (with the spaces after it) takes

    @property
    def is_heading_style(self) -> bool:
        return self.rank <= SECTION_RANK_MAX


SECTION_RANK_MAX = 4

_MARKER_PATTERNS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    ("chapter", 0, re.compile(rf"第\s*(?P<n>{_CN_NUM}|{_DIGITS})\s*(?:部分|章)[\s、：:．.，,]*")),
    ("cn_paren", 2, re.compile(rf"[（(]\s*(?P<n>{_CN_NUM})\s*[）)]\s*[、．.，,]?\s*")),
    ("num_paren", 4, re.compile(rf"(?:[（(]\s*(?P<n>{_DIGITS})\s*[）)]|(?P<n2>{_DIGITS})[）)])\s*[、．.，,]?\s*")),
    ("cn_shi", 6, re.compile(rf"其?(?P<n>{_CN_NUM})是(?=\S)")),
    ("cn", 1, re.compile(rf"(?P<n>{_CN_NUM})\s*[、．.，,]\s*")),
    ("num", 3, re.compile(rf"(?P<n>{_DIGITS})\s*[、．.](?![0-9０-９])\s*")),
    ("circled", 5, re.compile(rf"(?P<n>[{_CIRCLED}])\s*[、．.，,]?\s*")),
    ("ordinal", 7, re.compile(rf"(?:第(?P<n>{_CN_NUM})|(?P<w>首先|其次|再次|然后|最后))[，,、：:]\s*")),
)
_MARKER_FIRST_CHARS = frozenset(
    "第（(0123456789０１２３４５６７８９其一二三四五六七八九十百零〇壹贰貳叁參肆伍陆陸柒捌玖拾首然最再" + _CIRCLED
)


def parse_marker(text: str) -> Marker | None:
    """The numbering marker that starts ``text`` (一、 （一） 1、 1. (1) ① 一是 第一，首先，…), if any."""
    if not text or text[0] not in _MARKER_FIRST_CHARS:
        return None
    for style, rank, pattern in _MARKER_PATTERNS:
        m = pattern.match(text)
        if m is None or m.end() >= len(text):
            continue
        groups = m.groupdict()
        raw = groups.get("n") or groups.get("n2")
        number: int | None
        if groups.get("w"):
            number = _ORDINAL_WORDS[groups["w"]]
        elif raw is None:
            number = None
        elif raw[0] in _CIRCLED:
            number = _CIRCLED.index(raw) + 1
        elif raw[0].isdigit():
            number = int(raw.translate(_FULLWIDTH_DIGITS))
        else:
            number = cn_number(raw)
            if number is None:
                continue
        if style == "cn" and number is not None and number > 30:
            continue
        return Marker(style, rank, number, m.end())
    return None


# ---------------------------------------------------------------------------
# Sentence-level helpers

_TERMINALS = "。！？!?；;：:…．"
_CLOSERS = "”’」』）)》〉\"'】"
_SENTENCE_END = "。！？!?"
_BRACKET_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"), ("『", "』"), ("【", "】"))
_PUNCT_RE = re.compile(r"[，。、；：！？,.;:!?“”‘’\"'（）()《》〈〉【】「」『』—…·\s]")


def is_terminated(text: str) -> bool:
    """Whether a line ends a sentence (or a clause that may end a paragraph: ；：), closing quotes aside."""
    stripped = text.rstrip(_CLOSERS)
    if not stripped:
        return False
    last = stripped[-1]
    if last in _TERMINALS:
        return True
    return last == "." and (len(stripped) < 2 or not stripped[-2].isascii() or not stripped[-2].isalnum())


def has_open_bracket(text: str) -> bool:
    """Whether a “ 《 （ … is left open at the end of ``text``."""
    for opener, closer in _BRACKET_PAIRS:
        last_open = text.rfind(opener)
        if last_open >= 0 and last_open > text.rfind(closer):
            return True
    return False


def is_heading_line(text: str) -> bool:
    """A marker followed by at most 40 characters with no full stop inside: never joined."""
    marker = parse_marker(text)
    return marker is not None and _is_heading(text, marker)


def is_title_like(text: str, limit: int = 20) -> bool:
    """A short line without any punctuation: an unnumbered heading or a title."""
    return 0 < len(text) <= limit and not _PUNCT_RE.search(text) and bool(_HAN_RE.search(text))


# ---------------------------------------------------------------------------
# Reading files


@dataclass
class _Line:
    text: str
    lineno: int
    level: int | None = None  # .docx heading level; 0 = title style
    blank_before: bool = False
    soft: bool = False  # continues the same .docx paragraph after a manual line break


_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "这是一个压缩包（可能是 .docx），请把扩展名改为 .docx 后再试"),
    (b"%PDF", "这是 PDF 文件，drafter 只读 .txt 和 .docx；请先另存为 .docx 或纯文本"),
    (b"\xd0\xcf\x11\xe0", "这是旧版 Word（.doc）或其他二进制文件；请在 Word/WPS 中另存为 .docx"),
    (b"{\\rtf", "这是 RTF 文件；请在 Word/WPS 中另存为 .docx"),
    (b"\x89PNG", "这是图片文件，不是样本报告"),
    (b"\xff\xd8\xff", "这是图片文件，不是样本报告"),
    (b"GIF8", "这是图片文件，不是样本报告"),
    (b"\x7fELF", "这是程序文件，不是样本报告"),
    (b"MZ", "这是程序文件，不是样本报告"),
)


def _decode(data: bytes, path: Path) -> str:
    """Text of a .txt sample: BOMs, then UTF-8, then GB18030, then charset-normalizer."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise SampleError(
                    f"文件以 {codec.upper()} 标记开头，但第 {exc.start} 字节处内容无法按该编码解读；请用记事本另存为 UTF-8",
                    file=path,
                ) from None
    for magic, message in _BINARY_MAGIC:
        if data.startswith(magic):
            raise SampleError(message, file=path)
    if b"\x00" in data:
        text = _decode_utf16_without_bom(data)
        if text is None:
            raise SampleError("这是二进制文件，不是文本样本；drafter 只读 .txt（任意编码）和 .docx", file=path)
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _plausible_text(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise SampleError("无法识别文件编码；请用记事本或 WPS 另存为 UTF-8 编码的文本", file=path)
    return str(best)


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM (its newlines and ASCII give NUL bytes): the byte order that reads as text."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible_text(text):
            return text
    return None


def _is_common(ch: str) -> bool:
    return (
        ("\u4e00" <= ch <= "\u9fa5")
        or ("\u3000" <= ch <= "\u303f")
        or ("\uff00" <= ch <= "\uffef")
        or ch in "“”‘’…—·"
        or (ch.isascii() and (ch.isprintable() or ch in "\r\n\t"))
    )


def _plausible_text(text: str) -> bool:
    """Whether a decoding reads like Chinese text: mostly common hanzi, CJK punctuation and ASCII."""
    sample = text[:20000]
    return bool(sample) and sum(map(_is_common, sample)) >= 0.95 * len(sample)


def _check_text(text: str, path: Path) -> None:
    sample = text[:100000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(8, len(sample) // 100):
        raise SampleError("这是二进制文件，不是文本样本；drafter 只读 .txt（任意编码）和 .docx", file=path)


def _text_lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ")
    lines: list[_Line] = []
    blank = False
    for lineno, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip(" \t\u3000\f\v")
        if not stripped:
            blank = True
            continue
        lines.append(_Line(stripped, lineno, None, blank))
        blank = False
    return lines


# --- .docx ---------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


def _docx_lines(data: bytes, path: Path) -> list[_Line]:
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

    def lines(self, document) -> list[_Line]:
        body = document.find(f"{_W}body")
        if body is None:
            return []
        out: list[_Line] = []
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
            text = _paragraph_text(p)
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
                out.append(_Line(content, number, level if first_piece else None, blank, soft=not first_piece))
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
        return _CIRCLED[value - 1]
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


# ---------------------------------------------------------------------------
# Scrape noise

_DOC_NOTICE_RE = re.compile(
    r"^[【\[（(]?(?:本?文档|本文|该文|此文|全文)(?:为|是|格式[为是：:]?)?\s*(?:doc|docx|word|wps|pdf|txt)\s*(?:格式|文档|版)"
    r"|^[【\[（(]?(?:可编辑|可下载|可复制|下载后可编辑)"
    r"|^[【\[（(]?(?:点击|免费)?下载(?:本文|全文|文档|word|doc)",
    re.IGNORECASE,
)
_SITE_CHROME_RE = re.compile(
    r"^(?:上一篇|下一篇|相关推荐|相关文章|相关阅读|推荐阅读|热门推荐|热门文章|猜你喜欢|延伸阅读|精选阅读|返回目录|展开全文|阅读全文|收藏本文|分享到|本文地址|原文链接|版权声明|免责声明)(?:[：:].*)?$"
    r"|小编|扫码|关注(?:微信)?公众号|仅供参考|版权归|转载请注明"
    r"|^(?:您的|当前)?位置[：:]|\S\s*>\s*\S[^>]*>\s*\S|^(?:发布)?时间[：:]\s*\d{4}[-/.年]|^(?:来源|作者|编辑)[：:]"
)
_SEO_RE = re.compile(
    r"大全|精选|合集|汇编|集锦|范文|模板|[0-9０-９一二三四五六七八九十]+篇[)）]?$|[（(][^（()）]*\d+篇[)）]"
)
_BLURB_RE = re.compile(
    r"范文|小编|欢迎阅读|仅供参考|收集整理|为大家(?:整理|带来|收集|准备|分享)|希望(?:对|能).{0,12}(?:帮助|有所)|(?:以下|下面)是.{0,20}(?:范文|文章|资料)"
)

# A title glued into a sentence by a content farm: <year>年…报告/总结/范文, right after a hanzi.
_SPAM_CANDIDATE_RE = re.compile(
    rf"(?<=[{_HAN}])(?<![了是的将把和与及为对在于从向以作做写报交听审过议论即如下上中至到])"
    r"((?:19|20)\d{2}年度?[\u4e00-\u9fff]{1,14}?(?:述职报告|工作报告|报告|总结|范文))"
)
_SPAM_TAIL = r"(?:(?:(?:工作|述职|年终|个人)?(?:报告|总结)|范文)(?=[，。；：！？、,.;:!?”\s]|$))?"

_PLACEHOLDER_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:19|20)(?:[0-9][xX*＊]|[xX]{2}|[*＊]{2})(?![A-Za-z])"
    r"|(?<![A-Za-z])(?:[xX]{2,}|[ｘＸ]{2,})(?![A-Za-z])"
    r"|×{2,}|[*＊]{2,}"
)
_BOX_RE = re.compile(r"□+")
_SHI_RE = re.compile(rf"^其?({_CN_NUM})是")
_SHI_KEEP_BEFORE = frozenset("统唯第同单专划万之合归如")


_PLACEHOLDER_HINT_RE = re.compile(r"[xX*＊×ｘＸ]")


def normalise_placeholders(text: str) -> tuple[str, int]:
    """Replace blanked facts (xx, xxxx, 20xx, 201*, ** …) with PLACEHOLDER; returns the count too."""
    if not _PLACEHOLDER_HINT_RE.search(text):
        return text, 0
    return _PLACEHOLDER_RE.subn(PLACEHOLDER, text)


def _replace_boxes(text: str) -> tuple[str, int]:
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        start, end = m.span()
        inside = 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()
        return "，" if inside and not _PUNCT_RE.match(text[start - 1]) and not _PUNCT_RE.match(text[end]) else ""

    return _BOX_RE.sub(repl, text), count


def _strip_shi_debris(text: str) -> tuple[str, int]:
    """Remove a repeated 'N是' that a two-column scrape dropped into an 'N是' item ('党联一是系')."""
    m = _SHI_RE.match(text)
    if m is None:
        return text, 0
    token = m.group(1) + "是"
    out = [text[: m.end()]]
    pos = m.end()
    count = 0
    while True:
        found = text.find(token, pos)
        if found < 0:
            out.append(text[pos:])
            break
        before = text[found - 1] if found > 0 else ""
        after = text[found + len(token)] if found + len(token) < len(text) else ""
        if before and _HAN_RE.match(before) and before not in _SHI_KEEP_BEFORE and after and _HAN_RE.match(after):
            out.append(text[pos:found])
            count += 1
        else:
            out.append(text[pos : found + len(token)])
        pos = found + len(token)
    return "".join(out), count


class _SpamFilter:
    """Removes content-farm titles glued into sentences; a title counts as spam when it repeats."""

    def __init__(self, lines: Iterable[_Line]) -> None:
        found: Counter[str] = Counter()
        doubled: set[str] = set()
        for line in lines:
            if "年" not in line.text or is_title_like(line.text, 40):
                continue
            folded = fold(line.text)
            for m in _SPAM_CANDIDATE_RE.finditer(folded):
                found[m.group(1)] += 1
                if folded.startswith(m.group(1), m.end()):
                    doubled.add(m.group(1))
        spam = sorted((s for s, n in found.items() if n >= 2 or s in doubled), key=lambda s: (-len(s), s))
        self.pattern = re.compile(rf"(?<=[{_HAN}])(?:{'|'.join(map(re.escape, spam))})+{_SPAM_TAIL}") if spam else None

    def apply(self, text: str) -> tuple[str, int]:
        if self.pattern is None or "年" not in text:
            return text, 0
        spans = [m.span() for m in self.pattern.finditer(fold(text))]
        if not spans:
            return text, 0
        kept = [
            text[end:start] for (_, end), (start, _) in zip([(0, 0), *spans], [*spans, (len(text), 0)], strict=True)
        ]
        return "".join(kept), len(spans)


# ---------------------------------------------------------------------------
# Splitting a page into reports

_SPLIT_NUM = "[一二三四五六七八九十百零〇0-9０-９]{1,3}"
_SPLIT_RE = re.compile(
    r"^[【\[]?\s*(?P<pre>[^，。；！？,;!?【】\[\]]{0,40}?)\s*"
    rf"(?:篇\s*(?P<a>{_SPLIT_NUM})|第\s*(?P<b>{_SPLIT_NUM})\s*篇|(?:范文|例文|样文|模板|文章)\s*(?P<c>{_SPLIT_NUM}))"
    r"\s*[】\]]?\s*[：:、.．]?\s*(?P<post>[^，。；！？,;!?]{0,40})$"
)
_TITLE_WORD_RE = re.compile(r"(?:总结|报告|述职|汇报|小结|讲话|发言|致辞)")
_REPORT_TITLE_RE = re.compile(r"(?:总结|报告|述职|汇报|小结|讲话|发言稿|致辞)(?:[（(][^（()）]{0,12}[）)])?$")


def _split_number(text: str) -> int | None:
    text = text.translate(_FULLWIDTH_DIGITS)
    return int(text) if text.isdigit() else cn_number(text)


def _split_lines(lines: list[_Line]) -> list[tuple[int, str | None]]:
    """Where a page holding several reports starts each report: (line position, title)."""
    numbered: list[tuple[int, int, str | None]] = []
    for pos, line in enumerate(lines):
        if len(line.text) > 60 or parse_marker(line.text) is not None:
            continue
        m = _SPLIT_RE.match(fold(line.text))
        if m is None:
            continue
        number = _split_number(m.group("a") or m.group("b") or m.group("c"))
        if number is None:
            continue
        pre, post = line.text[slice(*m.span("pre"))], line.text[slice(*m.span("post"))]
        title = (pre.strip() + " " + post.strip()).strip(" ：:、-—") or None
        numbered.append((pos, number, title))
    if len(numbered) >= 2 and any(n == 1 for _, n, _ in numbered) and any(n == 2 for _, n, _ in numbered):
        return [(pos, title) for pos, _, title in numbered]
    # Generic: several report-title lines (…工作总结, …述职报告) each followed by a body.
    titles = [
        pos
        for pos, line in enumerate(lines)
        if (pos == 0 or line.blank_before)
        and is_title_like(line.text, 40)
        and _REPORT_TITLE_RE.search(fold(line.text))
        and parse_marker(line.text) is None
    ]
    if len(titles) < 2:
        return []
    points: list[tuple[int, str | None]] = []
    bounds = [*titles, len(lines)]
    for k, pos in enumerate(titles):
        body = sum(len(line.text) for line in lines[pos + 1 : bounds[k + 1]])
        if body >= 150:
            points.append((pos, lines[pos].text))
    return points if len(points) >= 2 else []


# ---------------------------------------------------------------------------
# Repairing paragraphs broken mid-sentence


def _wrap_width(lines: list[_Line]) -> int | None:
    """The width of a hard wrap: ≥3 unterminated lines of one length ≥20 directly followed by a line."""
    lengths: Counter[int] = Counter()
    for line, nxt in pairwise(lines):
        if not nxt.blank_before and len(line.text) >= 20 and not is_terminated(line.text) and line.level is None:
            lengths[len(line.text)] += 1
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda kv: (kv[1], -kv[0]))
    return width if count >= 3 else None


@dataclass
class _Para:
    text: str
    lineno: int
    level: int | None
    last_len: int
    marker: Marker | None
    lines: int = 1


def _should_join(para: _Para, line: _Line, next_marker: Marker | None, width: int | None) -> bool:
    prev = para.text
    if para.level is not None or line.level is not None:
        return False
    terminated = is_terminated(prev)
    prev_marker = para.marker
    # A two-column scrape repeats the item's own 'N是' at the start of the wrapped line.
    if (
        next_marker is not None
        and next_marker.style == "cn_shi"
        and prev_marker is not None
        and prev_marker.style == "cn_shi"
        and prev_marker.number == next_marker.number
        and not terminated
    ):
        return True
    if has_open_bracket(prev[-30:]) or (line.soft and not terminated):
        return True
    if width is not None and not line.blank_before and width - 1 <= para.last_len <= width + 2 and next_marker is None:
        # A hard wrap: join even a line that starts with a marker, but never swallow the next heading.
        if not terminated or (para.lines > 1 and not is_title_like(line.text)):
            return True
    if terminated or next_marker is not None:
        return False
    if prev_marker is not None and _is_heading(prev, prev_marker):
        return False
    return not (is_title_like(prev) or is_title_like(line.text))


def _is_heading(text: str, marker: Marker) -> bool:
    rest = text[marker.length :].rstrip(_SENTENCE_END + "；;")
    return len(rest) <= 40 and not any(ch in _SENTENCE_END for ch in rest)


def _repair(lines: list[_Line]) -> tuple[list[_Para], int]:
    width = _wrap_width(lines)
    paras: list[_Para] = []
    joins = 0
    for line in lines:
        marker = parse_marker(line.text)
        if paras and _should_join(paras[-1], line, marker, width):
            last = paras[-1]
            glue = (
                " "
                if last.text[-1:].isascii()
                and last.text[-1:].isalnum()
                and line.text[:1].isascii()
                and line.text[:1].isalnum()
                else ""
            )
            last.text += glue + line.text
            last.last_len = len(line.text)
            last.lines += 1
            joins += 1
        else:
            paras.append(_Para(line.text, line.lineno, line.level, len(line.text), marker))
    return paras, joins


# ---------------------------------------------------------------------------
# Kind and unit type

_SINGULAR_RE = re.compile(
    r"本人|我(?![们校局县市区省镇乡村国司厂院部委会单处科室所站队党军方公企系中集行社园厅团])|(?:^|(?<=[，。；：]))自己"
)
_PLURAL_RE = re.compile(r"我们|我校|我公司|我单位|我局|我院|我厂|我会|我镇|本单位|本公司|本届|全体")
_PERSONAL_TITLE_RE = re.compile(r"述职|个人(?:工作)?总结|个人小结")
_OTHER_TITLE_RE = re.compile(r"讲话|致辞|发言|主持词|计划|方案|活动总结|活动小结|通知|倡议")
_OTHER_OPENING_RE = re.compile(r"小结|活动(?:的)?(?:开展)?情况(?:总结|汇报|报告)?如下")

_UNIT_WORDS: dict[str, tuple[tuple[str, float], ...]] = {
    "school": (
        ("学校", 2),
        ("我校", 3),
        ("校长", 2),
        ("教师", 1),
        ("教职工", 2),
        ("教工", 2),
        ("教代会", 3),
        ("学生", 1),
        ("教学", 1),
        ("校务", 3),
        ("课堂", 1),
    ),
    "enterprise": (
        ("公司", 1.5),
        ("企业", 1.5),
        ("厂", 1),
        ("员工", 1),
        ("车间", 2),
        ("生产经营", 2),
        ("集团", 1),
        ("厂务", 3),
        ("企务", 3),
        ("职代会", 1),
    ),
    "government": (
        ("机关", 2),
        ("区直", 2),
        ("工委", 1),
        ("党组", 1),
        ("股室", 2),
        ("科室", 1),
        ("局", 0.5),
        ("干部", 0.5),
    ),
    "township": (("镇", 1), ("乡", 1), ("村", 1), ("街道", 2), ("社区", 0.5), ("农民工", 1)),
    "federation": (("总工会", 2.5), ("各级工会", 3), ("基层工会", 1), ("全县", 1), ("全市", 1), ("全区", 0.5)),
}


def guess_kind(title: str | None, paragraphs: list[Paragraph]) -> str:
    """organisational (a unit's own report), personal (述职, first person) or other (an activity 小结, a speech …)."""
    head = fold("".join(p.text for p in paragraphs[:3])[:300])
    title = fold(title) if title else None
    if title and _PERSONAL_TITLE_RE.search(title):
        return "personal"
    if title and _OTHER_TITLE_RE.search(title):
        return "other"
    if _OTHER_OPENING_RE.search(head):
        return "other"
    if _SINGULAR_RE.search(head):
        return "personal"
    body = fold("\n".join(p.text for p in paragraphs))
    singular = len(_SINGULAR_RE.findall(body))
    plural = len(_PLURAL_RE.findall(body))
    return "personal" if singular >= 5 and singular > plural else "organisational"


_UNIT_WEIGHTS: dict[str, tuple[str, float]] = {
    word: (unit, weight) for unit, words in _UNIT_WORDS.items() for word, weight in words
}
_UNIT_RE = re.compile("|".join(sorted(map(re.escape, _UNIT_WEIGHTS), key=len, reverse=True)))


def guess_unit_type(title: str | None, paragraphs: list[Paragraph]) -> str:
    """school, enterprise, government, township, federation or other, from word counts."""
    text = fold((title or "") + "\n" + "\n".join(p.text for p in paragraphs))
    scores = dict.fromkeys(_UNIT_WORDS, 0.0)
    for word, n in Counter(_UNIT_RE.findall(text)).items():
        unit, weight = _UNIT_WEIGHTS[word]
        scores[unit] += n * weight
    best = max(scores, key=lambda unit: (scores[unit], -UNIT_TYPES.index(unit)))
    return best if scores[best] >= 3 else "other"


# ---------------------------------------------------------------------------
# Near-duplicates

_NON_WORD_RE = re.compile(r"[\W_]+")
_SKETCH = 32


def _shingles(s: str) -> frozenset[int]:
    """A deterministic 1-in-4 sample of the character 5-grams of ``s`` (hashes of code-point tuples).

    Hashes of int tuples do not depend on PYTHONHASHSEED, so the sample, and
    every duplicate decision, is the same in every run.
    """
    codes = list(map(ord, s))
    hashes = map(hash, zip(codes, codes[1:], codes[2:], codes[3:], codes[4:], strict=False))
    return frozenset(filterfalse((3).__and__, hashes))


def mark_duplicates(reports: list[Report]) -> int:
    """Set ``duplicate_of`` on each report that nearly repeats an earlier one; returns how many.

    Candidates come from an inverted index over small bottom-k sketches of
    each kept report's 5-gram sample, so 1,000 reports cost about as much as
    their text; similarity is then measured on the samples themselves.
    """
    kept: dict[int, frozenset[int]] = {}
    index: dict[int, list[int]] = {}
    exact: dict[str, int] = {}  # normalised text -> first report with it
    origin: dict[int, int] = {}  # a near-duplicate's index -> the kept report it repeats
    count = 0
    for report in reports:
        report.duplicate_of = None
        report.similarity = None
        normalised = _NON_WORD_RE.sub("", report.text.replace(PLACEHOLDER, ""))
        first = exact.setdefault(normalised, report.index)
        if first != report.index:
            report.duplicate_of = origin.get(first, first)
            report.similarity = 1.0
            count += 1
            continue
        grams = _shingles(normalised)
        if len(grams) < 8:
            continue
        sketch = heapq.nsmallest(_SKETCH, grams)
        hits: Counter[int] = Counter()
        for value in sketch:
            posting = index.get(value)
            if posting is not None and len(posting) <= 64:
                hits.update(posting)
        best: tuple[float, float, int] | None = None  # (max of the two measures, Jaccard, kept report)
        for other, shared in hits.items():
            if shared < 2:
                continue
            theirs = kept[other]
            common = len(grams & theirs)
            jaccard = common / (len(grams) + len(theirs) - common)
            containment = common / len(grams)
            if jaccard >= DUPLICATE_JACCARD or (containment >= DUPLICATE_CONTAINMENT and len(grams) >= 50):
                score = max(jaccard, containment)
                if best is None or score > best[0] or (score == best[0] and other < best[2]):
                    best = (score, jaccard, other)
        if best is not None:
            report.duplicate_of = origin[report.index] = best[2]
            report.similarity = round(best[1], 3)
            count += 1
            continue
        kept[report.index] = grams
        for value in sketch:
            index.setdefault(value, []).append(report.index)
    return count


def jaccard(a: str, b: str, n: int = 5) -> float:
    """Exact character n-gram Jaccard similarity of two texts (punctuation and spaces ignored)."""
    sa = _NON_WORD_RE.sub("", a)
    sb = _NON_WORD_RE.sub("", b)
    ga = {sa[i : i + n] for i in range(len(sa) - n + 1)}
    gb = {sb[i : i + n] for i in range(len(sb) - n + 1)}
    return len(ga & gb) / len(ga | gb) if ga or gb else 1.0


# ---------------------------------------------------------------------------
# Building reports


def _drop_noise_lines(lines: list[_Line], stats: CorpusStats) -> list[_Line]:
    kept: list[_Line] = []
    carry_blank = False
    for line in lines:
        text = line.text
        kind = None
        if len(text) <= 80:
            text = fold(text)
        if len(text) <= 60 and _DOC_NOTICE_RE.search(text):
            kind = "doc_notice"
        elif len(text) <= 80 and _SITE_CHROME_RE.search(text):
            kind = "site_chrome"
        if kind is not None:
            stats.add_noise(kind)
            stats.set_aside.append(line.text)
            carry_blank = True
            continue
        if carry_blank:
            line.blank_before = True
            carry_blank = False
        kept.append(line)
    return kept


def _drop_page_head(lines: list[_Line], stats: CorpusStats) -> list[_Line]:
    """SEO titles and blurbs at the top of a page or of a report."""
    start = 0
    for line in lines[:3]:
        text = fold(line.text)
        if (len(text) <= 60 and _SEO_RE.search(text) and not is_terminated(text)) or (
            len(text) <= 200 and _BLURB_RE.search(text)
        ):
            stats.add_noise("preamble")
            stats.set_aside.append(line.text)
            start += 1
        else:
            break
    return lines[start:]


def _clean_paragraph(text: str, stats: CorpusStats) -> str:
    text, n = _replace_boxes(text) if "□" in text else (text, 0)
    stats.add_noise("box_comma", n)
    text, n = _strip_shi_debris(text)
    stats.add_noise("shi_debris", n)
    text, n = normalise_placeholders(text)
    stats.add_noise("placeholder", n)
    return text.strip()


def clean_text(text: str) -> str:
    """The cleaning a paragraph gets (□ → ，, N是 debris, placeholders), for comparing with labels."""
    text, _ = _replace_boxes(text) if "□" in text else (text, 0)
    text, _ = _strip_shi_debris(text)
    text, _ = normalise_placeholders(text)
    return text.strip()


def _segment_report(
    lines: list[_Line],
    title: str | None,
    source: Path,
    position: int,
    title_line: int | None,
    spam: _SpamFilter,
    stats: CorpusStats,
) -> Report | None:
    lines = _drop_page_head(lines, stats)
    if title is None and lines and lines[0].level == 0:
        title, title_line, lines = lines[0].text, lines[0].lineno, lines[1:]
    elif (
        title is None
        and len(lines) > 1
        and is_title_like(lines[0].text, 40)
        and (_TITLE_WORD_RE.search(fold(lines[0].text)) or lines[1].blank_before)
        and parse_marker(lines[0].text) is None
    ):
        title, title_line, lines = lines[0].text, lines[0].lineno, lines[1:]
    for line in lines:
        line.text, n = spam.apply(line.text)
        stats.add_noise("spam_title", n)
    lines = [line for line in lines if line.text.strip()]
    paras, joins = _repair(lines)
    stats.joins += joins
    paragraphs: list[Paragraph] = []
    for para in paras:
        text = _clean_paragraph(para.text, stats)
        if text:
            paragraphs.append(Paragraph(text, len(paragraphs) + 1, para.lineno, para.level or None))
    if not paragraphs:
        return None
    if title is not None:
        title, _ = normalise_placeholders(title)
    report = Report(
        source=source,
        index=0,
        title=title,
        paragraphs=paragraphs,
        position=position,
        source_line=title_line if title_line is not None else paragraphs[0].source_line,
    )
    report.kind = guess_kind(title, paragraphs)
    report.unit_type = guess_unit_type(title, paragraphs)
    return report


def _reports_from_lines(lines: list[_Line], source: Path, stats: CorpusStats) -> list[Report]:
    lines = _drop_noise_lines(lines, stats)
    spam = _SpamFilter(lines)
    points = _split_lines(lines)
    reports: list[Report] = []
    if not points:
        report = _segment_report(lines, None, source, 1, None, spam, stats)
        return [report] if report else []
    for line in lines[: points[0][0]]:
        stats.add_noise("preamble")
        stats.set_aside.append(line.text)
    bounds = [pos for pos, _ in points] + [len(lines)]
    for k, (pos, title) in enumerate(points):
        segment = lines[pos + 1 : bounds[k + 1]]
        report = _segment_report(segment, title, source, len(reports) + 1, lines[pos].lineno, spam, stats)
        if report is not None:
            reports.append(report)
    return reports


def _read_lines(path: Path) -> list[_Line]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SampleError(f"无法读取样本：{exc.strerror or exc}", file=path) from None
    if size > MAX_SAMPLE_BYTES:
        raise SampleError(
            f"样本文件过大（{size // (1024 * 1024)} MB，上限 {MAX_SAMPLE_BYTES // (1024 * 1024)} MB）；请拆成几个文件",
            file=path,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SampleError(f"无法读取样本：{exc.strerror or exc}", file=path) from None
    if not data.strip():
        raise SampleError("样本文件是空的", file=path)
    if path.suffix.lower() in DOCX_SUFFIXES:
        lines = _docx_lines(data, path)
    else:
        text = _decode(data, path)
        _check_text(text, path)
        lines = _text_lines(text)
    if not lines:
        raise SampleError("样本文件是空的（没有文字）", file=path)
    return lines


def sample_files(paths: Iterable[Path]) -> list[Path]:
    """The sample files named by ``paths``: files as given, folders recursively, sorted."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SAMPLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not p.name.startswith("~$")
            )
            if not found:
                raise SampleError("文件夹里没有 .txt 或 .docx 样本", file=path)
            files.extend(found)
        elif path.is_file():
            suffix = path.suffix.lower()
            if suffix == ".doc":
                raise SampleError("不支持旧版 .doc 文件；请在 Word/WPS 中另存为 .docx", file=path)
            if suffix and suffix not in SAMPLE_SUFFIXES:
                raise SampleError(f"不支持的样本类型“{path.suffix}”；只读 .txt（任意编码）和 .docx", file=path)
            files.append(path)
        else:
            raise SampleError("找不到这个样本文件或文件夹", file=path)
    seen: set[Path] = set()
    unique: list[Path] = []
    for file in files:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


def _finish(reports: list[Report], stats: CorpusStats) -> Corpus:
    for number, report in enumerate(reports, 1):
        report.index = number
    stats.reports = len(reports)
    stats.characters = sum(r.chars for r in reports)
    stats.duplicates = mark_duplicates(reports)
    return Corpus(reports, stats)


def load_samples(paths: list[Path], progress: Callable[[int, int], None] | None = None) -> Corpus:
    """Load, repair, clean, split and dedupe the sample reports in ``paths`` (files or folders).

    ``progress(done, total)`` is called after each file.  Raises SampleError
    for a sample that cannot be read (empty, binary, corrupt or unsafe .docx,
    too large) or when no report text is found at all.
    """
    files = sample_files(paths)
    if not files:
        raise SampleError("没有给出样本文件")
    stats = CorpusStats(files=len(files))
    reports: list[Report] = []
    for done, file in enumerate(files, 1):
        found = _reports_from_lines(_read_lines(file), file, stats)
        if not found:
            raise SampleError("样本中没有可用的报告正文（只有页面导语或网站杂项）", file=file)
        reports.extend(found)
        if progress is not None:
            progress(done, len(files))
    return _finish(reports, stats)


def corpus_from_text(text: str, source: Path | str = "<内存>") -> Corpus:
    """Like :func:`load_samples` for text already in memory (tests, benchmarks)."""
    stats = CorpusStats(files=1)
    source = Path(source)
    reports = _reports_from_lines(_text_lines(text), source, stats)
    if not reports:
        raise SampleError("样本中没有可用的报告正文", file=source)
    return _finish(reports, stats)
