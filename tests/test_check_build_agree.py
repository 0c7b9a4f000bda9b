"""Every sheet ``check`` accepts builds (issue 15 item 2).

Sheets are the bundled examples and ``drafter init`` sheets with one to three
values replaced by hostile ones (control characters written as escapes,
non-characters, long names, long digit strings with ``_``, YAML's special
words, multi-line text, aliases that expand to a lot of text).  For each:
reading either gives facts or a :class:`Problems` (no other exception), and
facts always turn into a draft and the bytes of a .docx.

CI runs ``FUZZ_SHEETS`` sheets (default 120); set the variable to run more.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.build.pipeline import make_draft, render_bytes
from drafter.contract import KINDS, UNIT_TYPES
from drafter.errors import Problems
from drafter.sheet.init import example_sheet
from drafter.sheet.load import parse_facts

ROOT = Path(__file__).resolve().parent.parent
BASES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.yaml"))] + [
    example_sheet(t, k, 2025) for t in UNIT_TYPES for k in KINDS
]
TODAY = dt.date(2025, 12, 30)
VALUE_LINE = re.compile(r"^(\s*(?:- )?(?:[^\s:#][^:#]*: )?)(\S.*?)\s*(#.*)?$")

ESCAPES = ["\\x01", "\\x7f", "\\x85", "\\u2028", "\\uFFFF", "\\uFFFE", "\\ud800", "\\u202e", "\\u200f", "\\0", "\\e"]
SPECIAL = ["~", "null", "true", "no", "0x1F", "0o17", "1e3", ".inf", "-.nan", "2025-02-29", "12:30", "[]", "{}", '""']


@st.composite
def hostile(draw: st.DrawFn) -> str:
    """A value as YAML text."""
    kind = draw(st.sampled_from(["escape", "long", "digits", "special", "multiline", "unicode", "number", "edge"]))
    if kind == "edge":  # values check accepts that are hard on a .docx
        return draw(
            st.sampled_from(
                [
                    '"某\\u2028工会"',
                    '"\\u202e倒序"',
                    '"\\U0001F600笑"',
                    '"\\x85下一行"',
                    '"𠀀𪚥工会"',
                    '"  前后空格  "',
                    "'<w:t>&amp;</w:t>'",
                    "'{{ 单位 }}{% if 1 %}'",
                    "某" * 100,
                    "某" * 2000,
                    "999999999",
                    '"999999999人次"',
                    '"１２３"',
                ]
            )
        )
    if kind == "escape":
        head = draw(st.sampled_from(["某", "某某县工会", ""]))
        return json.dumps(head)[:-1] + draw(st.sampled_from(ESCAPES)) + '工会"'
    if kind == "long":
        n = draw(st.sampled_from([99, 100, 101, 244, 245, 256, 300, 1999, 2000, 2001]))
        return "某" * n
    if kind == "digits":
        n = draw(st.sampled_from([9, 10, 20, 4300, 5000]))
        sep = draw(st.sampled_from(["", "_"]))
        return (
            draw(st.sampled_from(["", "-", "+"])) + sep.join("1" * n) + draw(st.sampled_from(["", "人", "人次", "%"]))
        )
    if kind == "special":
        return draw(st.sampled_from(SPECIAL))
    if kind == "multiline":
        return "|\n" + "\n".join(["      第一行", "      第二行"])
    if kind == "number":
        return str(draw(st.one_of(st.integers(-(10**12), 10**12), st.floats(allow_nan=True, allow_infinity=True))))
    text = draw(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30))
    return json.dumps(text, ensure_ascii=draw(st.booleans()))


def aliased(base: str, n: int, size: int) -> str:
    """``base`` with its 存在不足 replaced by a list of ``n`` aliases of one ``size``-character text."""
    lines, skipping = [], False
    for line in base.splitlines():
        if line.startswith("存在不足"):
            skipping = True
            continue
        if skipping and line[:1] not in ("", " ", "#"):
            skipping = False
        if not skipping:
            lines.append(line)
    return "\n".join(lines) + f"\n存在不足:\n  - &a {'很' * size}\n" + "  - *a\n" * n


@st.composite
def sheets(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(BASES))
    if draw(st.integers(0, 9)) == 0:
        return aliased(base, draw(st.sampled_from([10, 1_000, 1_700, 5_000])), draw(st.sampled_from([10, 2000])))
    lines = base.split("\n")
    candidates = [i for i, line in enumerate(lines) if VALUE_LINE.match(line) and not line.lstrip().startswith("#")]
    for i in draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True)):
        m = VALUE_LINE.match(lines[i])
        assert m is not None
        lines[i] = m.group(1) + draw(hostile())
    return "\n".join(lines)


def check_then_build(text: str, tmp: Path) -> str:
    """ "" when check accepts the sheet (and then it must build), else check's messages."""
    try:
        parse_facts(text.encode("utf-8", "surrogatepass"), tmp / "事实表.yaml", today=TODAY)
    except Problems as problems:
        return "\n".join(p.format() for p in problems.problems).encode("utf-8").decode()  # printable
    sheet = tmp / "事实表.yaml"
    sheet.write_text(text, encoding="utf-8")
    _facts, draft, _warnings = make_draft(sheet, today=TODAY)
    assert render_bytes(draft, "docx")[:2] == b"PK"
    render_bytes(draft, "md").decode("utf-8")
    return ""


FUZZ = int(os.environ.get("FUZZ_SHEETS", "120"))


@settings(
    max_examples=FUZZ,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(text=sheets())
def test_what_check_accepts_builds(text: str, tmp_path: Path) -> None:
    check_then_build(text, tmp_path)


def with_value(text: str, key: str, value: str) -> str:
    """``text`` with the first line ``key: …`` (at any indent) given ``value``."""
    changed, n = re.subn(rf"^(\s*){key}: .*$", lambda m: f"{m.group(1)}{key}: {value}", text, count=1, flags=re.M)
    assert n == 1, key
    return changed


def test_known_crashes_are_check_errors(tmp_path: Path) -> None:
    """The cases the attack run found: each is now a check error, not a build crash."""
    personal = next(b for b in BASES if "报告人: " in b)
    cases = {
        "control character": (with_value(BASES[0], "单位", '"某\\x01工会"'), "U+0001"),
        "non-character": (with_value(personal, "报告人", '"\\uFFFF"'), "U+FFFF"),
        "long unit": (with_value(BASES[0], "单位", "某" * 245), "上限"),
        "long reporter": (with_value(personal, "报告人", "张" * 256), "上限"),
        "long digits": (with_value(BASES[0], "会员人数", "_".join("1" * 4400)), "太大"),
        "long digits in an item": (with_value(BASES[0], "人数", "_".join("1" * 4400)), "太大"),
        "1,700 aliases": (aliased(BASES[0], 1_700, 2000), "引用"),
        "99,000 aliases": (aliased(BASES[0], 99_000, 2000), "引用"),
    }
    for name, (text, words) in cases.items():
        found = check_then_build(text, tmp_path)
        assert words in found, (name, found)
    assert check_then_build(aliased(BASES[0], 50, 20), tmp_path) == ""  # a few short aliases are fine
