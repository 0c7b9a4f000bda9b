"""Reading sample files: which files, their bytes, their encoding, their lines.

Text is converted to simplified script and stripped of pinyin glosses here,
before any other stage sees it (:mod:`drafter.learn.script`).
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import SampleError
from drafter.learn.corpus.script import normalise_script

MAX_SAMPLE_BYTES = 20 * 1024 * 1024  # one sample file
#: What a folder is searched for; other files in it are skipped (and named).
FOLDER_SUFFIXES = frozenset({".txt", ".docx"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
DOCX_SUFFIXES = frozenset({".docx", ".docm"})
#: What a file named on the command line may be.
SAMPLE_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES


@dataclass
class Line:
    """One non-blank line of a sample file (or one .docx paragraph, or a piece of it after a line break)."""

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


def decode(data: bytes, path: Path) -> str:
    """Text of a .txt sample: BOMs, then UTF-8, then GB18030, then charset-normalizer.

    Raises SampleError for binary data (a PDF, an image, an old .doc …) or bytes no encoding reads.
    """
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


def check_text(text: str, path: Path) -> None:
    """Raises SampleError when decoded text is full of control characters (a binary file)."""
    sample = text[:100000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(8, len(sample) // 100):
        raise SampleError("这是二进制文件，不是文本样本；drafter 只读 .txt（任意编码）和 .docx", file=path)


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of a text, in simplified script without pinyin glosses, with their line numbers."""
    text = normalise_script(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\ufeff", "").replace("\u200b", "").replace("\xa0", " ")
    lines: list[Line] = []
    blank = False
    for lineno, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip(" \t\u3000\f\v")
        if not stripped:
            blank = True
            continue
        lines.append(Line(stripped, lineno, None, blank))
        blank = False
    return lines


def read_lines(path: Path) -> list[Line]:
    """The lines of one sample file; raises SampleError for a file that is missing, too large, empty or binary."""
    from drafter.files import FileTooLarge, NotRegularFile, read_bounded

    try:
        data = read_bounded(path, MAX_SAMPLE_BYTES)
    except FileTooLarge as exc:
        raise SampleError(
            f"样本文件过大（{exc.size // (1024 * 1024)} MB，上限 {MAX_SAMPLE_BYTES // (1024 * 1024)} MB）；请拆成几个文件",
            file=path,
        ) from None
    except NotRegularFile:
        raise SampleError(_why_not_a_sample(path), file=path) from None
    except OSError as exc:
        raise SampleError(f"无法读取样本：{exc.strerror or exc}", file=path) from None
    if not data.strip():
        raise SampleError("样本文件是空的", file=path)
    if path.suffix.lower() in DOCX_SUFFIXES:
        from drafter.learn.corpus.docxlines import docx_lines

        lines = docx_lines(data, path)
    else:
        text = decode(data, path)
        check_text(text, path)
        lines = text_lines(text)
    if not lines:
        raise SampleError("样本文件是空的（没有文字）", file=path)
    return lines


def _why_not_a_sample(path: Path) -> str:
    """Why a path that is neither a file nor a folder cannot be read as a sample."""
    import os

    from drafter.errors import os_reason

    try:
        os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return "这是一个快捷方式（符号链接），它指向的文件不存在"
        return "找不到这个样本文件或文件夹"
    except OSError as exc:
        return f"无法读取这个样本：{os_reason(exc)}"
    return "这不是普通文件（是管道、设备或套接字），不能作为样本读取；请给出 .txt 或 .docx 文件"


def sample_files(paths: Iterable[Path], skipped: list[Path] | None = None) -> list[Path]:
    """The sample files named by ``paths``: files as given, folders recursively, sorted.

    A folder gives its .txt and .docx files; any other visible file in it is
    appended to ``skipped`` (hidden files and Word's ~$ lock files are ignored
    silently).  Raises SampleError for a path that does not exist, a file of a
    type drafter cannot read, or a folder without any sample.
    """
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found: list[Path] = []
            for p in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in p.relative_to(path).parts) or p.name.startswith("~$"):
                    continue
                if not p.is_file():
                    if skipped is not None and not p.is_dir():  # a FIFO, device, socket or broken link
                        skipped.append(p)
                    continue
                if p.suffix.lower() in FOLDER_SUFFIXES:
                    found.append(p)
                elif skipped is not None:
                    skipped.append(p)
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
            raise SampleError(_why_not_a_sample(path), file=path)
    seen: set[Path] = set()
    unique: list[Path] = []
    for file in files:
        key = file.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique
