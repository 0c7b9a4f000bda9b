"""Hostile fact sheets through the command line (issue 15, class "fuzzed sheets").

Structural attacks a fuzzer of values does not reach: YAML tags that would
construct objects, merge keys, recursive and undefined aliases, billion
laughs, 100,000-deep flow nesting, deep block nesting, integers in every
base and length, NUL bytes, invalid UTF-8, a sheet over the size limit,
tens of thousands of errors or anchors, and invisible characters in names.
``drafter build`` runs each in a subprocess under 1 GiB and 20 s, with the
earlier draft as its output: it must exit 1 with ``错误`` lines and leave
that draft as it was (or, for the few sheets that are fine, build).
Inputs are generated here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT
from .hostile_run import assert_clean, drafter, snapshot

SCHOOL = (ROOT / "examples" / "学校工会工作总结.yaml").read_text(encoding="utf-8")
PERSONAL = (ROOT / "examples" / "企业工会主席述职报告.yaml").read_text(encoding="utf-8")


def value(key: str, new: str, text: str = SCHOOL) -> str:
    """``text`` with the first ``key: …`` line given the YAML value ``new``."""
    out, n = re.subn(rf"^(\s*){key}: .*$", lambda m: f"{m.group(1)}{key}: {new}", text, count=1, flags=re.M)
    assert n == 1, key
    return out


def without(key: str, text: str = SCHOOL) -> str:
    """``text`` without the top-level ``key`` and its block."""
    out: list[str] = []
    skipping = False
    for line in text.splitlines():
        if line.startswith(key + ":"):
            skipping = True
            continue
        if skipping and line[:1] not in ("", " ", "#", "-"):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


def laughs(levels: int, width: int) -> str:
    lines = ["l0: &l0 [" + ",".join(['"很很很很很很很很很很"'] * width) + "]"]
    lines += [f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


REFUSED: dict[str, Callable[[], bytes]] = {
    "python-object-tag": lambda: (SCHOOL + "\n恶意: !!python/object/apply:os.system ['touch pwned']\n").encode(),
    "python-name-tag": lambda: value("单位", "!!python/name:os.system").encode(),
    "binary-tag": lambda: value("单位", "!!binary aGVsbG8=").encode(),
    "set-tag": lambda: value("单位", "!!set {a, b}").encode(),
    "custom-tag": lambda: value("单位", "!evil x").encode(),
    "merge-key": lambda: ("base: &b\n  单位: x\n<<: *b\n" + SCHOOL).encode(),
    "recursive-alias": lambda: ("a: &a [*a]\n" + SCHOOL).encode(),
    "undefined-alias": lambda: ("a: *nope\n" + SCHOOL).encode(),
    "billion-laughs": lambda: (laughs(9, 9) + SCHOOL).encode(),
    "billion-laughs-in-a-field": lambda: (without("存在不足") + laughs(9, 9).replace("l8:", "存在不足:")).encode(),
    "99000-aliases": lambda: (
        without("存在不足") + "存在不足:\n  - &a " + "很" * 2000 + "\n" + "  - *a\n" * 99_000
    ).encode(),
    "deep-flow-list": lambda: (SCHOOL + "\n深: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(),
    "deep-flow-map": lambda: (SCHOOL + "\n深: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n").encode(),
    "deep-unclosed": lambda: (SCHOOL + "\n深: " + "[" * 100_000 + "\n").encode(),
    "deep-block": lambda: (SCHOOL + "\n深:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 3000))).encode(),
    "hex-5000-digits": lambda: value("会员人数", "0x" + "f" * 5000).encode(),
    "octal-6000-digits": lambda: value("会员人数", "0o" + "7" * 6000).encode(),
    "binary-20000-digits": lambda: value("会员人数", "0b" + "1" * 20_000).encode(),
    "int-tag-5000-digits": lambda: value("会员人数", "!!int " + "9" * 5000).encode(),
    "100000-digits": lambda: value("会员人数", "1" * 100_000).encode(),
    "digits-with-underscores": lambda: value("会员人数", "_".join("1" * 4400)).encode(),
    "long-float": lambda: value("会员人数", "1." + "1" * 100_000).encode(),
    "sexagesimal": lambda: value("会员人数", "190:20:30:15:30:20:10:10:10").encode(),
    "year-of-5000-digits": lambda: value("年度", "9" * 5000).encode(),
    "nul-bytes": lambda: SCHOOL.encode().replace("单位".encode(), b"\0\0", 1),
    "invalid-utf8": lambda: SCHOOL.encode() + b"\xff\xfe\xfa",
    "over-the-size-limit": lambda: (SCHOOL + "#" + "x" * (3 * 2**20) + "\n").encode(),
    "long-anchor-name": lambda: ("a: &" + "x" * 500_000 + " 1\n" + SCHOOL).encode(),
    "80000-anchors": lambda: (SCHOOL + "".join(f"a{i}: &a{i} {i}\n" for i in range(80_000))).encode(),
    "20000-syntax-errors": lambda: "".join(f"单位{i}: [\n" for i in range(20_000)).encode(),
    "20000-unknown-keys": lambda: (SCHOOL + "".join(f"未知键{i}: 1\n" for i in range(20_000))).encode(),
    "50000-bad-items": lambda: (without("存在不足") + "存在不足:\n" + "  - {a: 1}\n" * 50_000).encode(),
    "multi-document": lambda: (SCHOOL + "\n---\n" + SCHOOL).encode(),
    "escaped-control-in-name": lambda: value("单位", '"某\\x01工会"').encode(),
    "escaped-surrogate-in-name": lambda: value("单位", '"\\ud800工会"').encode(),
    "right-to-left-override-in-name": lambda: value("单位", '"\\u202e某工会"').encode(),
    "zero-width-in-reporter": lambda: value("报告人", '"张\\u200b三"', PERSONAL).encode(),
    "line-break-in-name": lambda: value("单位", '"某某县\\n工会"').encode(),
    "2000-character-name": lambda: value("单位", "某" * 2000).encode(),
}

FINE: dict[str, Callable[[], bytes]] = {
    "utf-16": lambda: SCHOOL.encode("utf-16"),
    "utf-32": lambda: SCHOOL.encode("utf-32"),
    "gb18030": lambda: SCHOOL.encode("gb18030"),
    "carriage-returns-only": lambda: SCHOOL.replace("\n", "\r").encode(),
    "jinja-in-a-value": lambda: value("单位", "'{{ 7*7 }}{% for i in range(10**9) %}{% endfor %}'").encode(),
    "xml-in-a-value": lambda: value("单位", "'</w:t><w:t>x]]>&lt;'").encode(),
    "1600-long-items": lambda: (
        without("存在不足") + "存在不足:\n" + "".join(f"  - {i}" + "很" * 400 + "\n" for i in range(1600))
    ).encode(),
}


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("draft")
    (folder / "s.yaml").write_text(SCHOOL, encoding="utf-8")
    run = drafter(["build", "s.yaml", "-o", "o.docx"], folder)
    assert run.code == 0, run.err
    return (folder / "o.docx").read_bytes()


def _build(sheet: bytes, tmp_path: Path, draft: bytes) -> tuple[int, str]:
    (tmp_path / "x.yaml").write_bytes(sheet)
    (tmp_path / "o.docx").write_bytes(draft)
    before = snapshot(tmp_path)
    run = drafter(["build", "x.yaml", "-o", "o.docx"], tmp_path)
    assert_clean(run, before, snapshot(tmp_path), may_change=("o.docx",))
    assert not (tmp_path / "pwned").exists()
    return run.code, run.err


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_sheet_is_refused(name: str, tmp_path: Path, draft: bytes) -> None:
    code, err = _build(REFUSED[name](), tmp_path, draft)
    assert code == 1, err
    assert "x.yaml:" in err


@pytest.mark.parametrize("name", sorted(FINE))
def test_odd_but_valid_sheet_builds(name: str, tmp_path: Path, draft: bytes) -> None:
    code, err = _build(FINE[name](), tmp_path, draft)
    assert code == 0, err


def test_check_agrees_on_a_refused_sheet(tmp_path: Path) -> None:
    """check gives the same refusal as build (one sample: a bidi override in the name)."""
    (tmp_path / "x.yaml").write_bytes(REFUSED["right-to-left-override-in-name"]())
    before = snapshot(tmp_path)
    run = drafter(["check", "x.yaml"], tmp_path)
    assert_clean(run, before, snapshot(tmp_path))
    assert run.code == 1 and "U+202E" in run.err


def test_sixty_thousand_plans_build_in_time(tmp_path: Path) -> None:
    sheet = without("明年打算") + "明年打算:\n" + "".join(f"  - 明年打算{i}继续努力\n" for i in range(60_000))
    (tmp_path / "x.yaml").write_text(sheet, encoding="utf-8")
    before = snapshot(tmp_path)
    run = drafter(["build", "x.yaml", "-o", "o.docx"], tmp_path)
    assert_clean(run, before, snapshot(tmp_path), may_change=("o.docx",))
