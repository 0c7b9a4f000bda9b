"""Bad input never crashes drafter, and no draft is ever lost (issue 4).

A catalog of the mistakes a union chair makes with a fact sheet (often her
first YAML file, written in Notepad or WPS on Windows), of broken or hostile
templates and samples, and of output paths that cannot be written.  Every
case runs the real command line in a subprocess (``python -m drafter``) in a
folder that already holds a good draft at ``out.docx`` and a templates
folder ``tpl/``, and asserts:

* exit code 1;
* a line ``错误：FILE:LINE:COL: message`` on stderr that names the file at fault;
* no traceback anywhere;
* ``out.docx`` and ``tpl/`` are byte-identical afterwards, and no temporary
  file (``.drafter-*.tmp``) is left behind.

The sheet cases also run through ``drafter check`` in-process
(``tests.conftest.run_cli``), so both entry points are covered.  Binary, huge and hostile
inputs are generated in ``tmp_path`` at test time; nothing big is committed.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, TEMPLATES, run_cli

GOOD_SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
GOOD_DRAFT_NAME = "2025年青岚县第二中学工会工作总结.docx"  # default name of GOOD_SHEET's draft
SAMPLE = ROOT / "examples" / "samples" / "工会领导工作总结大全10篇.txt"

ERROR_LINE = re.compile(r"^错误：(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$", re.M)

HEAD = "单位: 某某县第一中学工会\n单位类型: 学校\n年度: 2025\n"
ITEMS = "民主建设:\n  - 召开教代会第三次会议，审议通过绩效工资分配方案。\n"


def env(tmp: Path | None = None) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONIOENCODING"] = "utf-8"
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e["COLUMNS"] = "200"
    if tmp is not None:
        e["DRAFTER_CACHE_DIR"] = str(tmp)
    return e


def drafter(
    args: list[str], cwd: Path, cache: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd,
        env=env(cache),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


# ---------------------------------------------------------------------------
# Generated inputs


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_bytes(*paragraphs: str) -> bytes:
    """A real .docx written by python-docx (as Word would)."""
    import io

    from docx import Document

    d = Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def docx_with_document_xml(transform: Callable[[str], str]) -> bytes:
    """A python-docx .docx whose word/document.xml is rewritten by ``transform``."""
    import io

    src = zipfile.ZipFile(io.BytesIO(docx_bytes("一、民主建设", "召开教代会。")))
    parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts["word/document.xml"] = transform(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    return zip_bytes(parts)


def with_doctype(doctype: str, entity_ref: str) -> Callable[[str], str]:
    def transform(xml: str) -> str:
        k = xml.index("?>") + 2
        return xml[:k] + "\n" + doctype + xml[k:].replace("召开教代会。", entity_ref)

    return transform


def zip_bomb(declared: int = 3 << 30) -> bytes:
    """A valid zip whose word/document.xml inflates to ``declared`` bytes of spaces.

    Built from one deflated 1 MiB block repeated (a full flush makes the
    blocks independent), so it is made in a moment and is ~1000x smaller
    than what it unzips to; the CRC is right, so only a size limit stops it.
    """
    chunk = b" " * (1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    times = declared // len(chunk)
    crc = 0
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    body = piece * times + b"\x03\x00"  # an empty final block
    small = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    small_z = c.compress(small) + c.flush()
    entries = [
        ("[Content_Types].xml", small_z, zlib.crc32(small), len(small)),
        ("word/document.xml", body, crc, times * len(chunk)),
    ]
    out, central = bytearray(), bytearray()
    for name, data, crc_, size in entries:
        n = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc_, len(data), size, len(n), 0) + n + data
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc_,
                len(data),
                size,
                len(n),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + n
        )
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def billion_laughs_yaml() -> str:
    lines = ['a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BILLION_LAUGHS_XML = (
    '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefg", "bcdefgh", strict=True))
    + "]>"
)

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # .doc / .xls / .wps


# ---------------------------------------------------------------------------
# The catalog


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # what sort of mistake (counted in test_catalog_size)
    make: Callable[[Path], list[str]]  # prepares the folder, returns the drafter arguments
    names: str  # the file the 错误 line must name
    words: tuple[str, ...] = ()  # in the message
    line: int | tuple[int, ...] | None = None  # the LINE of the error naming ``names``
    col: int | None = None
    sheet_case: bool = False  # also run through ``drafter check``


def sheet(content: str | bytes | Callable[[], bytes], name: str = "bad.yaml") -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        data = content() if callable(content) else content
        (d / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return ["build", name, "-o", "out.docx"]

    return make


def bad_sheet(
    id: str,
    kind: str,
    content: str | bytes | Callable[[], bytes],
    *words: str,
    at: tuple[int, int] | None = None,
    name: str = "bad.yaml",
) -> Case:
    return Case(
        id,
        kind,
        sheet(content, name),
        name,
        tuple(words),
        at[0] if at else None,
        at[1] if at else None,
        sheet_case=True,
    )


def template(line2: str | None = None, *, edit: Callable[[Path], None] | None = None) -> Callable[[Path], list[str]]:
    """A copy of the bundled templates; ``line2`` goes into a block put at the top of 工作总结/民主建设.j2.

    A person editing a template adds a wording line to a ``{% set … | choose %}``
    block: the block is rendered whole, so a bad line fails whichever line is chosen.
    """

    def make(d: Path) -> list[str]:
        shutil.copytree(TEMPLATES, d / "T")
        if line2 is not None:
            f = d / "T" / "工作总结" / "民主建设.j2"
            block = f"{{% set 新措辞 | choose %}}\n{line2}\n{{% endset %}}\n"
            f.write_text(block + f.read_text(encoding="utf-8"), encoding="utf-8")
        if edit is not None:
            edit(d / "T")
        return ["build", "good.yaml", "--templates", "T", "-o", "out.docx"]

    return make


def bad_template(id: str, line2: str, *words: str, line: int | tuple[int, ...] = 2) -> Case:
    return Case(id, "template", template(line2), "民主建设.j2", tuple(words), line)


def sample(content: bytes | Callable[[], bytes], name: str) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        data = content() if callable(content) else content
        (d / "samples").mkdir()
        (d / "samples" / name).write_bytes(data)
        return ["learn", f"samples/{name}", "-o", "tpl"]

    return make


def bad_sample(id: str, content: bytes | Callable[[], bytes], name: str, *words: str) -> Case:
    return Case(id, "learn", sample(content, name), name, tuple(words))


def output(args: list[str], prepare: Callable[[Path], None] | None = None) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        if prepare is not None:
            prepare(d)
        return ["build", "good.yaml", *args]

    return make


def bad_output(
    id: str, args: list[str], names: str, *words: str, prepare: Callable[[Path], None] | None = None
) -> Case:
    return Case(id, "output", output(args, prepare), names, tuple(words))


def _mkdirs(*names: str) -> Callable[[Path], None]:
    def prepare(d: Path) -> None:
        for n in names:
            (d / n).mkdir(parents=True)

    return prepare


def _read_only_file(d: Path) -> None:
    shutil.copy(d / "out.docx", d / "锁定.docx")
    os.chmod(d / "锁定.docx", 0o444)


def _users_own_docx(d: Path) -> None:
    (d / "我的总结.docx").write_bytes(docx_bytes("这是主席自己写的稿子，不能被覆盖。"))


def _parent_is_a_file(d: Path) -> None:
    (d / "稿子").write_text("一个文件，不是文件夹", encoding="utf-8")


def _tokens(text: bytes) -> Callable[[Path], None]:
    def edit(t: Path) -> None:
        (t / "样本事实.txt").write_bytes(text)

    return edit


def _leaky(t: Path) -> None:
    (t / "样本事实.txt").write_text("# 样本里的事实\n王建国\n", encoding="utf-8")
    f = t / "工作总结" / "民主建设.j2"
    # every wording line of every block names the sample's person: whichever is chosen leaks
    lines = [
        line if line.startswith(("{%", "{#", " ")) or not line.strip() else "王建国同志带头推进民主管理"
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _no_document_template(t: Path) -> None:
    (t / "工作总结" / "文档.j2").unlink()


def _gbk_template(t: Path) -> None:
    f = t / "工作总结" / "民主建设.j2"
    f.write_bytes(f.read_text(encoding="utf-8").encode("gbk"))


def _notepad_txt(d: Path) -> list[str]:
    shutil.copy(d / "good.yaml", d / "事实表.yaml.txt")
    return ["build", "事实表.yaml", "-o", "out.docx"]


def _folder_as_sheet(d: Path) -> list[str]:
    (d / "事实表").mkdir()
    return ["check", "事实表"]


def _empty_folder(d: Path) -> list[str]:
    (d / "空文件夹").mkdir()
    return ["build", "空文件夹", "-o", "out.docx"]


def _batch_into_a_file(d: Path) -> list[str]:
    shutil.copy(d / "good.yaml", d / "二.yaml")
    return ["build", "good.yaml", "二.yaml", "-o", "out.docx"]


def _huge_sparse(d: Path) -> list[str]:
    (d / "samples").mkdir()
    with open(d / "samples" / "大样本.txt", "wb") as f:
        f.truncate(30 * 1024 * 1024)
    return ["learn", "samples/大样本.txt", "-o", "tpl"]


def _no_samples(d: Path) -> list[str]:
    (d / "samples").mkdir()
    (d / "samples" / "说明.yaml").write_text("不是样本\n", encoding="utf-8")
    return ["learn", "samples", "-o", "tpl"]


def _learn_into_a_file(d: Path) -> list[str]:
    (d / "samples").mkdir()
    (d / "samples" / "样本.txt").write_bytes(SAMPLE.read_bytes())
    return ["learn", "samples/样本.txt", "-o", "good.yaml"]


def _deep(n: int) -> str:
    return HEAD + "其他工作: " + "[" * n + "]" * n + "\n"


PWN = "pwned.txt"

# fmt: off
CASES: list[Case] = [
    # -- the file is not a fact sheet at all -------------------------------------------
    bad_sheet("empty-file", "empty", "", "空"),
    bad_sheet("blank-lines-only", "empty", "\n   \n\r\n", "空"),
    bad_sheet("utf8-bom-only", "empty", b"\xef\xbb\xbf", "空"),
    bad_sheet("comments-only", "empty", "# 单位: 某某工会\n# 年度: 2025\n", "注释"),
    bad_sheet("list-at-top", "structure", "- 单位: 某某工会\n- 年度: 2025\n", "列表", at=(1, 1)),
    bad_sheet("scalar-at-top", "structure", "某某县第一中学工会2025年工作总结\n", "键: 值", at=(1, 1)),
    bad_sheet("two-documents", "structure", HEAD + ITEMS + "---\n单位: 另一个工会\n", "第二份"),
    bad_sheet("docx-as-sheet", "wrong-file", lambda: docx_bytes("单位: 某某工会"), "Word", name="事实表.yaml"),
    bad_sheet("xlsx-as-sheet", "wrong-file", lambda: zip_bytes({"xl/workbook.xml": b"<workbook/>"}), "压缩", name="事实表.xlsx"),
    bad_sheet("xls-or-wps-as-sheet", "wrong-file", OLE2, "旧版", name="事实表.wps"),
    bad_sheet("pdf-as-sheet", "wrong-file", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF", name="事实表.pdf"),
    bad_sheet("wordpad-rtf", "wrong-file", b"{\\rtf1\\ansi\\ansicpg936\\deff0\\uc1\\pard\\f0 \\'b5\\'a5\\'ce\\'bb: x\\par\n}\n", "RTF", name="事实表.yaml"),
    bad_sheet("saved-as-web-page", "wrong-file", "<!DOCTYPE html>\n<html><body><p>单位: 某某工会</p></body></html>\n", "网页", name="事实表.yaml"),
    bad_sheet("png-as-sheet", "wrong-file", PNG, "不是文字文件", name="照片.png"),
    bad_sheet("random-binary", "binary", lambda: os.urandom(4096) + b"\x00", "文字文件"),
    bad_sheet("multi-megabyte", "limit", (HEAD + "存在不足:\n" + "  - 职工书屋图书更新不及时，借阅率不高，需要加强管理。\n" * 80_000), "太大", "MB"),
    bad_sheet("value-too-long", "limit", HEAD + "总体评价: " + "很好" * 1500 + "\n" + ITEMS, "上限", at=(4, 7)),
    bad_sheet("nesting-too-deep", "limit", lambda: _deep(40).encode(), "嵌套"),
    bad_sheet("billion-laughs", "limit", billion_laughs_yaml(), "引用"),
    bad_sheet("self-referencing-alias", "limit", HEAD + "其他工作: &x [*x]\n", "引用"),
    # -- encodings ------------------------------------------------------------------------
    bad_sheet("big5-traditional", "encoding", "單位: 某某縣第一中學工會\n單位類型: 學校\n年度: 2025\n".encode("big5"), "UTF-8"),
    bad_sheet("pasted-gbk-line", "encoding", HEAD.encode() + "民主建设:\n  - 召开教代会。\n".encode("gbk"), "UTF-8", at=(4, 1)),
    bad_sheet("control-character", "encoding", HEAD + "民主建设:\n  - 召开教代会\x07。\n", "控制字符", at=(5, 10)),
    # -- YAML syntax -----------------------------------------------------------------------
    bad_sheet("tab-indent", "syntax", HEAD + "民主建设:\n\t- 召开教代会。\n", "Tab", at=(5, 1)),
    bad_sheet("bad-indentation", "syntax", HEAD + "民主建设:\n  - 活动: 召开教代会\n   人数: 60\n", "缩进", at=(6, 4)),
    bad_sheet("unclosed-quote", "syntax", HEAD + '民主建设:\n  - "召开教代会。\n', "引号", at=(5, 5)),
    bad_sheet("unclosed-bracket", "syntax", HEAD + "民主建设: [召开教代会, 开展评议\n", "括号", at=(4, 7)),
    bad_sheet("full-width-colons", "syntax", "单位：某某工会\n单位类型：学校\n年度：2025\n", "全角冒号", at=(1, 1)),
    bad_sheet("full-width-space-indent", "syntax", HEAD + "民主建设:\n\u3000\u3000- 召开教代会。\n", "全角空格"),
    bad_sheet("no-space-after-colon", "syntax", "单位:某某工会\n单位类型: 学校\n年度: 2025\n" + ITEMS, "空格", at=(1, 3)),
    bad_sheet("colon-inside-a-value", "syntax", HEAD + "总体评价: 一年来: 成绩显著: 继续努力\n" + ITEMS, "冒号", at=(4, 10)),
    # -- keys ------------------------------------------------------------------------------
    bad_sheet("missing-required-keys", "keys", "单位: 某某工会\n" + ITEMS, "单位类型", "年度"),
    bad_sheet("unknown-key-suggests", "keys", HEAD + "民主建没:\n  - 召开教代会。\n", "民主建没", "民主建设", at=(4, 1)),
    bad_sheet("english-key", "keys", HEAD + "year: 2025\n" + ITEMS, "年度", at=(4, 1)),
    bad_sheet("duplicate-key", "keys", HEAD + ITEMS + "单位: 另一个工会\n", "重复", "第 1 行", at=(6, 1)),
    bad_sheet("item-key-at-top-level", "keys", HEAD + "活动: 召开教代会\n", "事项", at=(4, 1)),
    bad_sheet("item-without-dash", "keys", HEAD + "民主建设:\n  活动: 召开教代会\n  人数: 60\n", "- ", at=(5, 3)),
    bad_sheet("merge-key", "keys", HEAD + "落款: &x {署名: 某某工会}\n其他: {<<: *x}\n" + ITEMS, "<<"),
    # -- wrong types at every level ---------------------------------------------------------
    bad_sheet("unit-is-a-list", "types", "单位:\n  - 某某工会\n单位类型: 学校\n年度: 2025\n" + ITEMS, "单位", "文字", at=(2, 3)),
    bad_sheet("category-is-a-number", "types", HEAD + "民主建设: 12\n", "事项列表", at=(4, 7)),
    bad_sheet("overview-is-a-list", "types", HEAD + "概况:\n  - 会员人数: 268\n" + ITEMS, "概况", at=(5, 3)),
    bad_sheet("overview-count-is-text", "types", HEAD + "概况:\n  会员人数: 很多\n" + ITEMS, "会员人数", "整数", at=(5, 9)),
    bad_sheet("item-people-is-a-list", "types", HEAD + "民主建设:\n  - 活动: 召开教代会\n    人数: [60, 70]\n", "人数", at=(6, 9)),
    bad_sheet("item-awards-is-a-mapping", "types", HEAD + "民主建设:\n  - 活动: 参加比赛\n    获奖: {一等奖: 2}\n", "获奖", at=(6, 9)),
    bad_sheet("item-time-is-a-boolean", "types", HEAD + "民主建设:\n  - 活动: 召开教代会\n    时间: yes\n", "时间", at=(6, 9)),
    bad_sheet("other-work-is-text", "types", HEAD + ITEMS + "其他工作: 加强自身建设\n", "其他工作", at=(6, 7)),
    bad_sheet("shortcoming-is-a-mapping", "types", HEAD + ITEMS + "存在不足:\n  - 经费: 不足\n", "存在不足", at=(7, 5)),
    bad_sheet("signoff-is-text", "types", HEAD + ITEMS + "落款: 某某工会\n", "落款", at=(6, 5)),
    bad_sheet("item-missing-activity", "types", HEAD + "民主建设:\n  - 时间: 3月\n    人数: 60\n", "活动", at=(5, 5)),
    # -- impossible numbers and dates -------------------------------------------------------
    bad_sheet("year-99999", "values", "单位: 某某工会\n单位类型: 学校\n年度: 99999\n" + ITEMS, "年度", "四位数的年份", at=(3, 5)),
    bad_sheet("year-in-words", "values", "单位: 某某工会\n单位类型: 学校\n年度: 去年\n" + ITEMS, "年度", at=(3, 5)),
    bad_sheet("people-negative", "values", HEAD + "民主建设:\n  - 活动: 召开教代会\n    人数: -5\n", "负数", at=(6, 9)),
    bad_sheet("people-zero", "values", HEAD + "民主建设:\n  - 活动: 召开教代会\n    人数: 0\n", "0", at=(6, 9)),
    bad_sheet("members-negative", "values", HEAD + "概况:\n  会员人数: -5\n" + ITEMS, "负数", at=(5, 9)),
    bad_sheet("rate-over-100", "values", HEAD + "概况:\n  入会率: 150%\n" + ITEMS, "100%", at=(5, 8)),
    bad_sheet("more-women-than-staff", "values", HEAD + "概况:\n  职工人数: 100\n  女职工人数: 120\n" + ITEMS, "不可能", at=(6, 10)),
    bad_sheet("date-2025-13-40", "values", HEAD + "民主建设:\n  - 活动: 召开教代会\n    时间: 2025-13-40\n", "13 月", at=(6, 9)),
    bad_sheet("signoff-february-30", "values", HEAD + ITEMS + "落款:\n  日期: 2025-02-30\n", "28 天", at=(7, 7)),
    bad_sheet("reporter-missing", "values", HEAD + "文种: 述职报告\n职务: 工会主席\n" + ITEMS, "报告人"),
    bad_sheet("unknown-unit-type", "values", "单位: 某某工会\n单位类型: 学堂\n年度: 2025\n" + ITEMS, "学校", at=(2, 7)),
    bad_sheet("unknown-kind", "values", HEAD + "文种: 通知\n" + ITEMS, "工作总结", "述职报告", at=(4, 5)),
    # -- hostile YAML -------------------------------------------------------------------------
    bad_sheet("python-tag-os-system", "hostile", HEAD + f'民主建设:\n  - !!python/object/apply:os.system ["echo x > {PWN}"]\n', "标签", at=(5, 5)),
    bad_sheet("python-tag-at-top", "hostile", f'!!python/object/apply:builtins.open ["{PWN}", "w"]\n', "标签", at=(1, 1)),
    bad_sheet("python-name-tag", "hostile", HEAD + "总体评价: !!python/name:os.system\n" + ITEMS, "标签", at=(4, 7)),
    # -- where the sheet is -------------------------------------------------------------------
    Case("missing-file", "path", lambda d: ["build", "没有这个文件.yaml", "-o", "out.docx"], "没有这个文件.yaml", ("找不到",)),
    Case("notepad-added-txt", "path", _notepad_txt, "事实表.yaml", ("事实表.yaml.txt",)),
    Case("folder-as-sheet", "path", _folder_as_sheet, "事实表", ("文件夹",)),
    Case("empty-folder", "path", _empty_folder, "空文件夹", ("没有事实表",)),
    Case("sheet-name-too-long", "path", lambda d: ["build", "表" * 100 + ".yaml", "-o", "out.docx"], "表表表", ("太长",)),
    # -- where the draft goes -----------------------------------------------------------------
    bad_output("output-in-missing-folder", ["-o", "没有的文件夹/稿.docx"], "稿.docx", "不存在"),
    bad_output("output-parent-is-a-file", ["-o", "稿子/稿.docx"], "稿.docx", "文件夹", prepare=_parent_is_a_file),
    bad_output("output-is-a-folder", ["-o", "草稿"], "草稿", "文件夹", prepare=_mkdirs("草稿", f"草稿/{GOOD_DRAFT_NAME}")),
    bad_output("output-read-only-or-open-in-word", ["-o", "锁定.docx"], "锁定.docx", "只读", prepare=_read_only_file),
    bad_output("output-is-users-own-docx", ["-o", "我的总结.docx"], "我的总结.docx", "不是 drafter 生成的", prepare=_users_own_docx),
    bad_output("output-doc-extension", ["-o", "总结.doc"], "总结.doc", ".docx"),
    bad_output("output-wps-extension", ["-o", "总结.wps"], "总结.wps", ".docx"),
    bad_output("output-pdf-extension", ["-o", "总结.pdf"], "总结.pdf", ".docx"),
    bad_output("output-md-name-docx-format", ["-o", "总结.md"], "总结.md", "--format"),
    bad_output("output-is-the-sheet", ["--format", "md", "-o", "good.yaml"], "good.yaml", "事实表"),
    bad_output("output-name-too-long", ["-o", "稿" * 120 + ".docx"], "稿稿稿", "太长"),
    Case("batch-into-a-file", "output", _batch_into_a_file, "out.docx", ("文件夹",)),
    # -- templates (untrusted: they come from `learn` and from people) --------------------------
    bad_template("template-syntax-error", "{{ 职工 ", "语法", line=(2, 3)),
    bad_template("template-unknown-tag", "{% 循环 %}", "语法"),
    bad_template("template-class-mro", "{{ ''.__class__.__mro__ }}", "沙箱"),
    bad_template("template-cycler-globals", "{{ cycler.__init__.__globals__ }}", "沙箱"),
    bad_template("template-lipsum-os-system", f"{{{{ lipsum.__globals__['os'].system('echo x > {PWN}') }}}}", "沙箱"),
    bad_template("template-undefined-variable", "{{ 没有这个变量 }}", "未定义"),
    bad_template("template-range-bomb", "{% for i in range(10 ** 8) %}x{% endfor %}", "模板"),
    bad_template("template-string-bomb", "{{ '哈' * 1000000000 }}", "模板"),
    bad_template("template-power-bomb", "{{ 99 ** 99999999 }}", "模板"),
    bad_template("template-endless-recursion", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "模板"),
    bad_template("template-include-outside", "{% include '../../../../etc/passwd' %}", "找不到"),
    bad_template("template-division-by-zero", "{{ 1 // 0 }}", "模板"),
    Case("template-gbk-encoded", "template", template(edit=_gbk_template), "民主建设.j2", ("UTF-8",)),
    Case("template-file-missing", "template", template(edit=_no_document_template), "文档.j2", ("缺少",)),
    Case(
        "template-folder-missing",
        "template",
        lambda d: ["build", "good.yaml", "--templates", "没有的模板", "-o", "out.docx"],
        "没有的模板",
        ("模板",),
    ),
    Case(
        "templates-path-too-long",
        "template",
        lambda d: ["build", "good.yaml", "--templates", "模" * 100, "-o", "out.docx"],
        "模模模",
        ("太长",),
    ),
    Case("template-leaks-a-sample-fact", "template", template(edit=_leaky), "样本事实.txt", ("王建国",)),
    Case("sample-facts-list-in-gbk", "template", template(edit=_tokens("王建国\n".encode("gbk"))), "样本事实.txt", ("UTF-8",)),
    # -- learn: samples are untrusted too -------------------------------------------------------
    bad_sample("learn-empty-sample", b"", "空.txt", "空"),
    bad_sample("learn-blank-sample", b"\xef\xbb\xbf \r\n\r\n", "空白.txt", "空"),
    bad_sample("learn-binary-sample", lambda: os.urandom(3000) + b"\x00" * 10, "乱码.txt", "二进制"),
    bad_sample("learn-corrupt-docx", b"PK\x03\x04 this is not really a zip", "坏的.docx", ".docx"),
    bad_sample("learn-truncated-docx", lambda: docx_bytes("一、民主建设")[:2000], "半截.docx", ".docx"),
    bad_sample(
        "learn-docx-external-entity",
        lambda: docx_with_document_xml(with_doctype('<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;")),
        "外部实体.docx",
        "DTD",
    ),
    bad_sample("learn-docx-billion-laughs", lambda: docx_with_document_xml(with_doctype(BILLION_LAUGHS_XML, "&h;")), "实体炸弹.docx", "DTD"),
    bad_sample("learn-docx-zip-bomb", zip_bomb, "压缩炸弹.docx", "压缩炸弹"),
    bad_sample("learn-docx-without-body", lambda: zip_bytes({"[Content_Types].xml": b"<Types/>"}), "空壳.docx", "document.xml"),
    bad_sample("learn-docx-renamed-txt", lambda: docx_bytes("一、民主建设"), "改名.txt", ".docx"),
    bad_sample("learn-yaml-as-sample", (HEAD + ITEMS).encode(), "事实表.yaml", ".txt"),
    Case("learn-missing-sample", "learn", lambda d: ["learn", "没有的样本.txt", "-o", "tpl"], "没有的样本.txt", ("找不到",)),
    Case("learn-huge-sample", "learn", _huge_sparse, "大样本.txt", ("过大",)),
    Case("learn-folder-without-samples", "learn", _no_samples, "samples", ("没有",)),
    Case("learn-output-is-a-file", "learn", _learn_into_a_file, "good.yaml", ("文件夹",)),
    Case("learn-sample-name-too-long", "learn", lambda d: ["learn", "样" * 100 + ".txt", "-o", "tpl"], "样样样", ("太长",)),
]
# fmt: on

LEARN_CASES = [c for c in CASES if c.kind == "learn"]


def _learn_available() -> bool:
    r = subprocess.run([sys.executable, "-m", "drafter", "learn", "--help"], env=env(), capture_output=True, timeout=60)
    return r.returncode == 0


LEARN_OK = _learn_available()


def _marks(case: Case) -> list[pytest.MarkDecorator]:
    marks = []
    if case.kind == "learn":
        marks.append(pytest.mark.skipif(not LEARN_OK, reason="drafter learn is not there yet"))
    return marks


# ---------------------------------------------------------------------------
# Running a case


@pytest.fixture(scope="session")
def good_draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A good draft, made by ``drafter build good.yaml -o out.docx``."""
    d = tmp_path_factory.mktemp("good")
    shutil.copy(GOOD_SHEET, d / "good.yaml")
    r = drafter(["build", "good.yaml", "-o", "out.docx"], d)
    assert r.returncode == 0, r.stderr
    return (d / "out.docx").read_bytes()


@pytest.fixture
def workdir(tmp_path: Path, good_draft: bytes) -> Path:
    d = tmp_path / "work"
    d.mkdir()
    shutil.copy(GOOD_SHEET, d / "good.yaml")
    (d / "out.docx").write_bytes(good_draft)
    shutil.copytree(TEMPLATES, d / "tpl")
    return d


def snapshot(d: Path) -> dict[str, bytes]:
    """Every earlier output: the draft and the templates folder."""
    files = {"out.docx": (d / "out.docx").read_bytes(), "good.yaml": (d / "good.yaml").read_bytes()}
    for p in sorted((d / "tpl").rglob("*")):
        if p.is_file():
            files[str(p.relative_to(d))] = p.read_bytes()
    return files


def assert_clean_failure(stdout: str, stderr: str, code: int, case: Case, d: Path) -> re.Match[str]:
    shown = f"exit {code}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    assert "Traceback" not in stdout + stderr, shown
    assert code == 1, shown
    errors = list(ERROR_LINE.finditer(stderr))
    assert errors, shown
    ours = [m for m in errors if case.names in m.group("file")]
    assert ours, f"no error line names {case.names!r}\n{shown}"
    first = ours[0]
    for word in case.words:
        assert any(word in m.group("msg") for m in ours), f"{word!r} not in the message\n{shown}"
    if case.line is not None:
        lines = case.line if isinstance(case.line, tuple) else (case.line,)
        assert int(first.group("line")) in lines, shown
    if case.col is not None:
        assert int(first.group("col")) == case.col, shown
    # every line of stderr is an error, a warning, or the batch summary; nothing raw
    for line in stderr.splitlines():
        assert not line.startswith(("  File ", "OSError", "ValueError", "TypeError", "KeyError")), shown
    return first


def assert_nothing_lost(d: Path, before: dict[str, bytes]) -> None:
    after = snapshot(d)
    assert after == before, "an earlier output was changed"
    leftovers = [p for p in d.rglob(".drafter-*") if p.name.endswith(".tmp")]
    assert not leftovers, leftovers
    assert not (d / PWN).exists(), "an input ran code"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id, marks=_marks(c)) for c in CASES])
def test_bad_input(case: Case, workdir: Path, tmp_path: Path) -> None:
    args = case.make(workdir)
    before = snapshot(workdir)
    r = drafter(args, workdir, cache=tmp_path / "cache")
    assert_clean_failure(r.stdout, r.stderr, r.returncode, case, workdir)
    assert_nothing_lost(workdir, before)


SHEET_CASES = [c for c in CASES if c.sheet_case]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in SHEET_CASES])
def test_check_reports_the_same_sheets(case: Case, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``drafter check`` in-process: the same clean failure."""
    args = case.make(workdir)
    monkeypatch.chdir(workdir)
    before = snapshot(workdir)
    result = run_cli(["check", args[1]])
    assert result.exception is None, repr(result.exception)
    assert_clean_failure(result.stdout, result.stderr, result.exit_code, case, workdir)
    assert_nothing_lost(workdir, before)


def test_catalog_size() -> None:
    kinds = Counter(c.kind for c in CASES)
    assert len({c.id for c in CASES}) == len(CASES)
    assert len(CASES) >= 40 and len(kinds) >= 12, kinds


# ---------------------------------------------------------------------------
# What a first-time user on Windows does that must WORK


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("crlf.yaml", (HEAD + ITEMS).replace("\n", "\r\n").encode()),
        ("cr.yaml", (HEAD + ITEMS).replace("\n", "\r").encode()),
        ("bom-crlf.yaml", b"\xef\xbb\xbf" + (HEAD + ITEMS).replace("\n", "\r\n").encode()),
        ("我的 文件夹/2025 年 事实表.yaml", (HEAD + ITEMS).encode()),
        ("事实表.yml", (HEAD + ITEMS).encode()),
        ("事实表.yaml.txt", (HEAD + ITEMS).encode()),
        ("中文引号和全角冒号在句子里.yaml", (HEAD + "民主建设:\n  - 召开“三八”座谈会：了解女职工困难。\n").encode()),
        ("gbk.yaml", (HEAD + ITEMS).encode("gbk")),
        ("gb18030.yaml", (HEAD + ITEMS).encode("gb18030")),
        ("utf16.yaml", (HEAD + ITEMS).encode("utf-16")),
        ("utf16le.yaml", (HEAD + ITEMS).encode("utf-16-le")),
        ("utf16be-bom.yaml", b"\xfe\xff" + (HEAD + ITEMS).encode("utf-16-be")),
    ],
    ids=[
        "crlf",
        "old-mac-cr",
        "bom-crlf",
        "spaces-and-chinese-path",
        "yml",
        "txt-ending",
        "quotes-in-text",
        "notepad-ansi-gbk",
        "gb18030",
        "notepad-unicode-utf16",
        "utf16le-without-bom",
        "utf16be-notepad",
    ],
)
def test_windows_habits_that_work(name: str, data: bytes, tmp_path: Path) -> None:
    sheet_path = tmp_path / name
    sheet_path.parent.mkdir(parents=True, exist_ok=True)
    sheet_path.write_bytes(data)
    out = sheet_path.parent / "输出 稿.docx"
    r = drafter(["build", name, "-o", str(out.relative_to(tmp_path))], tmp_path, cache=tmp_path / "cache")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "召开" in text and "某某县第一中学工会" in text
    if name.startswith(("gb", "utf16")):
        assert "编码" in r.stderr and "UTF-8" in r.stderr  # the one-line notice
        assert out.read_bytes()[:2] == b"PK"
    else:
        assert "编码" not in r.stderr


def test_output_folder_gets_the_draft_or_a_clear_error(workdir: Path, tmp_path: Path) -> None:
    """``-o 草稿`` naming an existing folder: the draft goes inside it, or a clean error; never harm."""
    (workdir / "草稿").mkdir()
    before = snapshot(workdir)
    r = drafter(["build", "good.yaml", "-o", "草稿"], workdir, cache=tmp_path / "cache")
    assert "Traceback" not in r.stdout + r.stderr
    assert (workdir / "草稿").is_dir()
    if r.returncode == 0:
        assert (workdir / "草稿" / GOOD_DRAFT_NAME).is_file()
    else:
        assert r.returncode == 1 and ERROR_LINE.search(r.stderr), r.stderr
    assert_nothing_lost(workdir, before)


def test_read_only_folder(workdir: Path, tmp_path: Path) -> None:
    folder = workdir / "只读"
    folder.mkdir()
    (folder / "out.docx").write_bytes((workdir / "out.docx").read_bytes())
    os.chmod(folder, 0o555)
    try:
        try:
            (folder / "probe").write_bytes(b"")
        except OSError:
            pass
        else:
            (folder / "probe").unlink()
            pytest.skip("running as root (or on a file system without permissions): chmod does not block writes")
        before = (folder / "out.docx").read_bytes()
        r = drafter(["build", "good.yaml", "-o", "只读/out.docx"], workdir, cache=tmp_path / "cache")
        case = Case("read-only-folder", "output", lambda d: [], "out.docx", ("权限",))
        assert_clean_failure(r.stdout, r.stderr, r.returncode, case, workdir)
        assert (folder / "out.docx").read_bytes() == before
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    finally:
        os.chmod(folder, 0o755)


@pytest.mark.skipif(not LEARN_OK, reason="drafter learn is not there yet")
def test_learn_reads_a_gbk_sample(tmp_path: Path) -> None:
    """GBK is what Notepad calls ANSI on Chinese Windows: a supported sample encoding."""
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "样本.txt").write_bytes(SAMPLE.read_text(encoding="utf-8").encode("gbk"))
    r = drafter(["learn", "samples/样本.txt", "-o", "模板"], tmp_path, cache=tmp_path / "cache")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    assert (tmp_path / "模板" / "工作总结" / "民主建设.j2").is_file()


# ---------------------------------------------------------------------------
# `drafter check` reports every problem in one run


MANY_PROBLEMS = """\
单位: 某某县第一中学工会
单位类型: 学堂
年度: 2025
民主建没:
  - 召开教代会。
队伍建设:
  - 活动: 举办青年教师基本功大赛
    人数: -5
生活保障:
  - 活动: 组织教职工体检
    时间: 2025-13-40
概况:
  会员人数: 很多
落款:
  日期: 2025-02-30
"""


def test_check_reports_every_problem_sorted_by_line(tmp_path: Path) -> None:
    (tmp_path / "事实表.yaml").write_text(MANY_PROBLEMS, encoding="utf-8")
    r = drafter(["check", "事实表.yaml"], tmp_path, cache=tmp_path / "cache")
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr, r.stderr
    found = [(int(m.group("line")), int(m.group("col")), m.group("msg")) for m in ERROR_LINE.finditer(r.stderr)]
    assert all(m.group("file") == "事实表.yaml" for m in ERROR_LINE.finditer(r.stderr))
    lines = [line for line, _c, _m in found]
    assert lines == sorted(lines)
    expected = {2: "学校", 4: "民主建设", 8: "负数", 11: "13 月", 13: "整数", 15: "28 天"}
    for line, word in expected.items():
        assert any(n == line and word in msg for n, _c, msg in found), (line, word, r.stderr)
    assert len(found) == len(expected), r.stderr
