"""Bytes of a fact sheet -> text.

A chair's sheet comes from Notepad, WPS or a colleague's computer: UTF-8 with
or without a BOM, "ANSI" (GBK/GB18030) or "Unicode" (UTF-16, with or without a
BOM).  All of these are read, with a notice naming the encoding; files that are
not text at all (Word, PDF, images, RTF, web pages) and text in an encoding we
cannot tell are refused with a sentence saying what the file is and how to
save it as a sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import FactSheetError, Problems

MAX_BYTES = 2 * 1024 * 1024  # size of the sheet
_SOME_KEYS = ("单位", "年度", "事项", "活动", "工会")  # one of these shows a sheet decoded right


@dataclass(frozen=True)
class Decoded:
    """The text of a sheet and, when it was not UTF-8, the encoding's name for the notice."""

    text: str
    encoding: str | None = None


def too_big(file: str | Path, size: int) -> FactSheetError:
    """The error for a file over :data:`MAX_BYTES`."""
    return FactSheetError(
        f"文件太大（{size / 1024 / 1024:.1f} MB），事实表最多 {MAX_BYTES // 1024 // 1024} MB。"
        "请确认选的是事实表（.yaml 文字文件），而不是 Word 文档、图片或压缩包。",
        file=file,
    )


_RESAVE = (
    "drafter 读不了这种编码。请用记事本打开它，点「文件 → 另存为」，"
    "在窗口下方的「编码」里选「UTF-8」后保存；用 WPS 时同样在另存为时选择 UTF-8 编码。"
)

_GBK_NAME = "GBK 编码（记事本里叫「ANSI」）"
_UTF16_NAME = "UTF-16 编码（记事本里叫「Unicode」或「UTF-16 LE/BE」）"

# Signatures of files that are not text: (prefix, what the file is).
_NOT_TEXT: tuple[tuple[bytes, str], ...] = (
    (
        b"PK\x03\x04",
        "这是一个 Word 文档（.docx）或压缩文件，不是文字文件。事实表要用记事本编辑，保存为 .yaml 文件；"
        "可以运行 drafter init 生成一份示例。",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "这是一个旧版 Word/WPS/Excel 文档（.doc、.wps、.xls），不是文字文件。事实表要用记事本编辑，保存为 .yaml 文件。",
    ),
    (b"%PDF", "这是一个 PDF 文件，不是文字文件。事实表要用记事本编辑，保存为 .yaml 文件。"),
    (
        b"{\\rtf",
        "这是写字板或 Word 保存的 RTF 格式文件，不是纯文字文件。请用记事本（不是写字板）打开事实表填写，"
        "保存为 .yaml 文件；可以运行 drafter init 生成一份示例。",
    ),
    (
        b"<!doctype html",
        "这是一个网页（HTML）文件，不是事实表。请用记事本打开事实表填写，保存为 .yaml 文件；"
        "可以运行 drafter init 生成一份示例。",
    ),
    (
        b"<html",
        "这是一个网页（HTML）文件，不是事实表。请用记事本打开事实表填写，保存为 .yaml 文件；"
        "可以运行 drafter init 生成一份示例。",
    ),
)

# Byte-order marks: (mark, codec, name for the notice); UTF-32 before UTF-16.
_BOMS: tuple[tuple[bytes, str, str | None], ...] = (
    (b"\xef\xbb\xbf", "utf-8", None),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 编码"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 编码"),
    (b"\xff\xfe", "utf-16-le", _UTF16_NAME),
    (b"\xfe\xff", "utf-16-be", _UTF16_NAME),
)


def byte_pos(data: bytes, index: int) -> tuple[int, int]:
    """Line and column (1-based) of byte ``index`` of UTF-8 ``data``."""
    line_start = data.rfind(b"\n", 0, index) + 1
    line = data.count(b"\n", 0, index) + 1
    col = len(data[line_start:index].decode("utf-8", "replace")) + 1
    return line, col


def decode(data: bytes, file: str) -> Decoded:
    """The text of ``data``; raises :class:`Problems` when it is not a text file we can read."""

    def fail(message: str, line: int = 1, col: int = 1) -> Problems:
        return Problems([FactSheetError(message, file=file, line=line, col=col)])

    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            try:
                return Decoded(data[len(mark) :].decode(codec), name)
            except UnicodeDecodeError:
                if codec == "utf-8":
                    break  # located below, like a file without a mark
                raise fail(f"文件开头标明是 {name}，但内容不是有效的 {name}（可能已经损坏）。" + _RESAVE) from None
    head = data[:200].lstrip().lower()
    for prefix, what in _NOT_TEXT:
        if data.startswith(prefix) or (prefix[:1] in b"{<" and head.startswith(prefix)):
            raise fail(what)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        codec = _utf16_codec(data)
        if codec:
            try:
                return Decoded(data[: len(data) // 2 * 2].decode(codec), _UTF16_NAME)
            except UnicodeDecodeError:
                pass
        line, col = byte_pos(data, nul)
        raise fail(
            "文件里有空字节（NUL），这不是文字文件（可能是 Word 文档、图片或损坏的文件）。请用记事本新建一个 .yaml 文件填写。",
            line,
            col,
        )
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        line, col = byte_pos(data, e.start)
        if _mostly_utf8(data):
            raise fail(
                "文件大部分是 UTF-8 编码，但从这里开始有不是 UTF-8 的字（可能是从别的文件粘贴来的）。"
                "请删掉这里显示为乱码的字重新输入，或把整个文件另存为 UTF-8 编码。",
                line,
                col,
            ) from None
    # Chinese Windows saves "ANSI" as GBK, a part of GB18030.  Other
    # encodings (Big5 …) often decode as GBK too, into nonsense: a sheet read
    # this way must show at least one of its keys.
    named = ""
    for codec, name in (("gbk", _GBK_NAME), ("gb18030", "GB18030 编码")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(key in text for key in _SOME_KEYS):
            return Decoded(text, name)
        named = named or name
    try:
        if any(key in data.decode("big5") for key in ("單位", "年度", "工會")):
            named = "Big5 编码（繁体）"
    except UnicodeDecodeError:
        pass
    raise fail(f"文件是 {named}。" + _RESAVE if named else _unknown_encoding(data))


def _mostly_utf8(data: bytes) -> bool:
    decoded = data.decode("utf-8", "replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for ch in decoded if ord(ch) > 127 and ch != "\ufffd")
    return good >= 3 and good > bad


def _unknown_encoding(data: bytes) -> str:
    name = ""
    try:
        import charset_normalizer  # only here: it is slow to import

        best = charset_normalizer.from_bytes(data).best()
        if best is not None and not str(best.encoding).startswith(("utf", "ascii")):
            name = _CODEC_NAMES.get(str(best.encoding), str(best.encoding))
    except Exception:  # detection is only a hint
        name = ""
    if name:
        return f"文件不是 UTF-8 编码（看起来是 {name}）。" + _RESAVE
    return "文件不是 UTF-8 编码，也认不出是哪种编码。" + _RESAVE


_CODEC_NAMES = {
    "cp1252": "Windows-1252（西文）",
    "latin_1": "Latin-1（西文）",
    "shift_jis": "Shift-JIS（日文）",
    "cp932": "Shift-JIS（日文）",
    "euc_jp": "EUC-JP（日文）",
    "euc_kr": "EUC-KR（韩文）",
    "cp949": "EUC-KR（韩文）",
    "big5": "Big5（繁体中文）",
    "cp950": "Big5（繁体中文）",
    "cp1250": "Windows-1250（中欧文字）",
    "cp1251": "Windows-1251（俄文）",
}


def _utf16_codec(data: bytes) -> str | None:
    """The codec of UTF-16 without a BOM (text with a NUL in every other byte), or None."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    for codec, zeros, others in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        # Chinese text has a NUL only beside ASCII (": ", digits, line ends),
        # so few NULs are enough when the other half of the bytes has none.
        if zeros.count(0) < len(zeros) * 0.1 or zeros.count(0) <= 2 * others.count(0):
            continue
        try:
            text = sample[: len(sample) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and not NON_PRINTABLE.search(text):
            return codec
    return None


# Characters a sheet may not hold: C0/C1 controls other than tab and line
# ends, surrogates, and U+FFFE/U+FFFF (XML, and so Word, cannot hold them).
NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Not in a name (单位, 报告人, a title …, a file name), which lands in a title and a file name: line
# breaks, and the invisible characters that reorder or hide text (bidi controls, zero widths).
NAME_INVISIBLE = re.compile("[\t\n\r\x85\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def control_chars(text: str, file: str) -> list[FactSheetError]:
    """An error for each control character written literally in the sheet (at most 20)."""
    found: list[FactSheetError] = []
    for m in NON_PRINTABLE.finditer(text):
        before = text[: m.start()]
        line = before.count("\n") + 1
        col = m.start() - (before.rfind("\n") + 1) + 1
        found.append(
            FactSheetError(
                f"这里有一个看不见的控制字符（U+{ord(m.group()):04X}），事实表里不能有。"
                "它通常是从网页或别的文件复制粘贴带来的：请删掉这个位置的字符（可以删掉这一行再重新输入）。",
                file=file,
                line=line,
                col=col,
            )
        )
        if len(found) >= 20:
            break
    return found
