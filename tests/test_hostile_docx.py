"""Hostile old drafts and ``diff`` inputs: refused or handled, bounded, nothing lost (issue 15 item 3).

Every .docx drafter opens goes through one safe reader
(:mod:`drafter.docx.package`).  Each case here takes a real draft, damages
it the way an attack (or a broken disk) would, puts it where ``build`` will
merge into it and runs the real command line in a subprocess limited to
1 GB of address space and 20 s:

* a damaged package (corrupt deflate, an encrypted member, an unknown
  compression method, malformed or billion-laughs XML, a zip bomb, a
  truncated zip): exit 1, a clear ``错误`` naming the file, the old draft
  byte-identical;
* a damaged merge base (100,000-deep JSON, bad base64, a lone surrogate, no
  blocks, malformed XML): the base is untrusted — exit 0, a ``警告`` saying
  why, the chair's file kept unchanged as the unmerged copy, a fresh draft
  written; never "不是 drafter 生成的".

``drafter diff`` gets the same files.  Inputs are generated at test time.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.build.pipeline import build_one, make_draft
from drafter.docx.package import DocxError
from drafter.errors import MergeError
from drafter.roundtrip.base import BaseProblem, parse_base
from drafter.roundtrip.document import merge_old, read_old

from .conftest import FIXED_NOW, ROOT
from .test_bad_inputs import zip_bomb

SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"
KEYS = ("format", "blocks", "key", "role", "text", "facts", "pending", "fingerprint")
MEMORY = 1 << 30
TIMEOUT = 20


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def drafter(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
    )


# -- damaging a draft ---------------------------------------------------------------------


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rezip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, blob in parts.items():
            zf.writestr(name, blob)
    return buf.getvalue()


def replace_member(name: str, blob: bytes) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        parts = members(data)
        assert name in parts
        parts[name] = blob
        return rezip(parts)

    return damage


def _base_member(data: bytes) -> str:
    [name] = [n for n, b in members(data).items() if n.startswith("customXml/item") and b"drafter-base" in b]
    return name


def base_part(payload: str, encoding: str = "utf-8") -> Callable[[bytes], bytes]:
    """Replace the base part's payload (text as it stands between the tags)."""

    def damage(data: bytes) -> bytes:
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<dp:part xmlns:dp="urn:drafter:custom-part:1" '
            f'name="drafter-base" encoding="{encoding}">{payload}</dp:part>'
        )
        return replace_member(_base_member(data), xml.encode("utf-8"))(data)

    return damage


def base_blob(blob: bytes) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        return replace_member(_base_member(data), blob)(data)

    return damage


def _headers(data: bytes, name: str) -> tuple[int, int]:
    """Offsets of the local and the central header of member ``name``."""
    n = name.encode()
    local = central = -1
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        size = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30 : at + 30 + size] == n:
            local = at
            break
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        size = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + size] == n:
            central = at
            break
        at += 4
    assert local >= 0 and central >= 0, name
    return local, central


def patch_headers(name: str, *, flag: int = 0, method: int | None = None) -> Callable[[bytes], bytes]:
    """Set flag bits / the compression method of ``name`` in both of its headers."""

    def damage(data: bytes) -> bytes:
        out = bytearray(data)
        local, central = _headers(data, name)
        for offset, flag_at, method_at in ((local, 6, 8), (central, 8, 10)):
            old = struct.unpack_from("<H", out, offset + flag_at)[0]
            struct.pack_into("<H", out, offset + flag_at, old | flag)
            if method is not None:
                struct.pack_into("<H", out, offset + method_at, method)
        return bytes(out)

    return damage


def corrupt_deflate(name: str) -> Callable[[bytes], bytes]:
    """Overwrite the middle of ``name``'s compressed bytes."""

    def damage(data: bytes) -> bytes:
        local, _ = _headers(data, name)
        compressed, _, name_len, extra_len = struct.unpack_from("<IIHH", data, local + 18)
        start = local + 30 + name_len + extra_len
        mid = start + compressed // 3
        return data[:mid] + b"\xff" * 64 + data[mid + 64 :]

    return damage


def huge_body(data: bytes, paragraphs: int) -> bytes:
    """The draft with ``paragraphs`` distinct paragraphs added (20+ MB of body, compressing ~30x)."""
    parts = members(data)
    doc = parts["word/document.xml"].decode("utf-8")
    at = doc.index("<w:body>") + len("<w:body>")
    extra = "".join(
        f"<w:p><w:r><w:t>{k}年，工会组织职工开展各类活动，参加职工{k * 3}人次，取得良好效果。</w:t></w:r></w:p>"
        for k in range(paragraphs)
    )
    parts["word/document.xml"] = (doc[:at] + extra + doc[at:]).encode("utf-8")
    return rezip(parts)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
    )
    + b']>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:styles>'
)


XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)
BROKEN_BASE = b"<dp:part xmlns:dp='urn:drafter:custom-part:1' name="


@dataclass(frozen=True)
class Case:
    id: str
    damage: Callable[[bytes], bytes]
    words: tuple[str, ...]  # in the error (package cases) or the warning (base cases)
    untrusted: bool = False  # a damaged base: merged as untrusted, not refused


CASES = [
    Case("corrupt-deflate", corrupt_deflate("word/document.xml"), ("word/document.xml", "已损坏")),
    Case("encrypted-member", patch_headers("word/document.xml", flag=0x1), ("已加密",)),
    Case("unknown-compression", patch_headers("word/styles.xml", method=99), ("不支持的压缩方式",)),
    Case(
        "malformed-styles", replace_member("word/styles.xml", b"<w:styles><w:style"), ("styles.xml", "不是有效的 XML")
    ),
    Case("billion-laughs-styles", replace_member("word/styles.xml", BILLION_LAUGHS), ("DTD",)),
    Case("zip-bomb", lambda _: zip_bomb(), ("压缩炸弹",)),
    Case(
        "too-many-members", lambda data: rezip({**members(data), **{f"x/{i}": b"" for i in range(5001)}}), ("部件过多",)
    ),
    Case("xxe-document", replace_member("word/document.xml", XXE), ("DTD",)),
    Case("huge-body", lambda data: huge_body(data, 130_000), ("word/document.xml", "超过上限")),
    Case(
        "no-body",
        lambda data: rezip({n: b for n, b in members(data).items() if n != "word/document.xml"}),
        ("缺少正文",),
    ),
    Case("truncated-zip", lambda data: data[: len(data) // 2], ("压缩包已损坏",)),
    Case("deep-json-base", base_part("[" * 100_000 + "]" * 100_000), ("嵌套过深",), untrusted=True),
    Case("bad-base64-base", base_part("!!!这不是base64!!!", encoding="base64"), ("base64",), untrusted=True),
    Case(
        "lone-surrogate-base",
        base_part('{"format":2,"blocks":[{"key":"\\ud800","role":"body","text":"x","facts":[]}]}'),
        ("无效字符",),
        untrusted=True,
    ),
    Case("no-blocks-base", base_part('{"format":2,"fingerprint":"","blocks":[]}'), ("没有段落",), untrusted=True),
    Case("malformed-base-xml", base_blob(BROKEN_BASE), ("生成记录已损坏", "不是有效的 XML"), untrusted=True),
    Case("surrogate-bytes-base", base_part("7aCA", encoding="base64"), ("不是 UTF-8",), untrusted=True),  # ED A0 80
]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("good")
    sheet = folder / "事实表.yaml"
    shutil.copyfile(SCHOOL, sheet)
    out = folder / "总结.docx"
    build_one(sheet, output=out, now=FIXED_NOW)
    return sheet, out.read_bytes()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_build_over_a_hostile_old_draft(case: Case, good: tuple[Path, bytes], tmp_path: Path) -> None:
    sheet, data = good
    shutil.copyfile(sheet, tmp_path / "事实表.yaml")
    out = tmp_path / "总结.docx"
    hostile = case.damage(data)
    out.write_bytes(hostile)
    run = drafter(["build", "事实表.yaml", "-o", "总结.docx"], tmp_path)
    both = run.stdout + run.stderr
    assert "Traceback" not in both and "MemoryError" not in both, both
    if case.untrusted:
        assert run.returncode == 0, both
        assert "警告：" in run.stderr and "无法合并" in run.stderr and "不是 drafter 生成的" not in both
        assert all(w in run.stderr for w in case.words), run.stderr
        assert (tmp_path / "总结（未合并的修改稿）.docx").read_bytes() == hostile
        assert (tmp_path / "总结.docx.1.bak").read_bytes() == hostile
        assert out.read_bytes()[:2] == b"PK" and out.read_bytes() != hostile
    else:
        assert run.returncode == 1, both
        assert run.stderr.startswith("错误：总结.docx:"), run.stderr
        assert all(w in run.stderr for w in case.words), run.stderr
        assert out.read_bytes() == hostile
        assert sorted(p.name for p in tmp_path.iterdir()) == ["事实表.yaml", "总结.docx"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_diff_of_a_hostile_draft(case: Case, good: tuple[Path, bytes], tmp_path: Path) -> None:
    _, data = good
    (tmp_path / "好.docx").write_bytes(data)
    (tmp_path / "坏.docx").write_bytes(case.damage(data))
    for args in (["坏.docx", "好.docx"], ["好.docx", "坏.docx"]):
        run = drafter(["diff", *args], tmp_path)
        both = run.stdout + run.stderr
        assert "Traceback" not in both, both
        if case.untrusted:  # diff reads the text, not the base: nothing changed
            assert run.returncode == 0 and "两份文稿的文字相同" in run.stdout, both
        else:
            assert run.returncode == 1 and run.stderr.startswith("错误：坏.docx:"), both
            assert all(w in run.stderr for w in case.words), run.stderr


def test_damaged_optional_parts_do_not_stop_a_merge(good: tuple[Path, bytes], tmp_path: Path) -> None:
    """Broken document properties and a billion-laughs comments part: the merge goes on without them."""
    sheet, data = good
    shutil.copyfile(sheet, tmp_path / "事实表.yaml")
    parts = members(replace_member("docProps/custom.xml", b"<Properties")(data))
    parts["word/comments.xml"] = BILLION_LAUGHS
    (tmp_path / "总结.docx").write_bytes(rezip(parts))
    run = drafter(["build", "事实表.yaml", "-o", "总结.docx"], tmp_path)
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert "内容没有变化" in run.stdout


def test_force_replaces_an_unreadable_old_draft_keeping_a_backup(good: tuple[Path, bytes], tmp_path: Path) -> None:
    sheet, data = good
    shutil.copyfile(sheet, tmp_path / "事实表.yaml")
    hostile = data[: len(data) // 2]
    (tmp_path / "总结.docx").write_bytes(hostile)
    run = drafter(["build", "事实表.yaml", "-o", "总结.docx", "--dry-run"], tmp_path)
    assert run.returncode == 0 and "不会写入" in run.stdout and "压缩包已损坏" in run.stdout, run.stdout + run.stderr
    run = drafter(["build", "事实表.yaml", "-o", "总结.docx", "--force"], tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert (tmp_path / "总结.docx.1.bak").read_bytes() == hostile
    assert zipfile.is_zipfile(tmp_path / "总结.docx")


# -- in-process fuzzing: only the documented errors come out ------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=20,
)


near_bases = st.fixed_dictionaries(
    {
        "format": st.sampled_from([1, 2, 3, "2", True, 2.0]),
        "blocks": st.lists(
            st.fixed_dictionaries(
                {
                    "key": json_values,
                    "role": st.sampled_from(["body", "title", "heading1", "x", None]),
                    "text": json_values,
                },
                optional={"facts": json_values},
            ),
            max_size=3,
        ),
    },
    optional={"pending": json_values, "fingerprint": json_values},
)


@given(
    st.one_of(
        st.binary(max_size=200), json_values.map(json.dumps).map(str.encode), near_bases.map(json.dumps).map(str.encode)
    )
)
def test_any_base_payload_parses_or_is_a_base_problem(payload: bytes) -> None:
    try:
        base = parse_base(payload)
    except BaseProblem as exc:
        assert str(exc).startswith("生成记录")
    else:
        assert base.blocks and all(isinstance(b.text, str) for b in base.blocks)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_damaged_draft_reads_or_fails_with_a_docx_error(good: tuple[Path, bytes], data: st.DataObject) -> None:
    """Bytes overwritten anywhere in a real draft: read_old and the merge raise only drafter's errors."""
    sheet, blob = good
    out = bytearray(blob)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(out) - 1))
        chunk = data.draw(st.binary(min_size=1, max_size=16))
        out[at : at + len(chunk)] = chunk
    try:
        old = read_old(bytes(out))
    except DocxError as exc:
        assert exc.message
        return
    try:
        merge_old(old, make_draft(sheet, now=FIXED_NOW)[1])
    except MergeError as exc:
        assert exc.message
