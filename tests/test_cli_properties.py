"""Properties of the command line (hypothesis), run in-process (``tests.conftest.run_cli``).

1. Any bytes given as a fact sheet end in exit 0 (a draft) or a clean exit 1
   (``错误：FILE:LINE:COL: …`` naming the sheet), never a traceback.
2. Any sheet the schema admits builds a .docx that python-docx reads back and
   whose text holds every fact of the sheet (``drafter.build.compose.expected_facts``).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.build.compose import expected_facts
from drafter.sheet.facts import CATEGORIES, UNIT_TYPES
from drafter.sheet.load import load_facts

from .conftest import ROOT, CliResult, run_cli

ERROR_LINE = re.compile(r"^错误：(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$", re.M)
GOOD = (ROOT / "examples" / "学校工会工作总结.yaml").read_bytes()
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@contextmanager
def folder() -> Iterator[Path]:
    d = Path(tempfile.mkdtemp(prefix="drafter-prop-"))
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def run(args: list[str]) -> CliResult:
    return run_cli(args)


# ---------------------------------------------------------------------------
# 1. any bytes

YAML_BITS = [
    "单位", "单位类型", "年度", "文种", "报告人", "概况", "会员人数", "民主建设", "队伍建设", "其他工作",
    "标题", "事项", "时间", "活动", "人数", "成果", "获奖", "落款", "日期", "存在不足", "明年打算",
    "学校", "企业", "述职报告", "工作总结", "2025", "-5", "3月", "2025-13-40", "99999", "召开教代会",
    ": ", "：", "- ", "\n", "\n  ", "\n    ", "\t", '"', "'", "[", "]", "{", "}", ",", "&a ", "*a",
    "!!python/object/apply:os.system", "!!str ", "<<: ", "#", "|", ">", "---", "...", "%", "@", "`",
    "\u3000", "\xa0", "\r\n", "\x00", "\ufeff", "\x1b", "~", "null", "yes", "1e9", "0x1F", ".inf",
]  # fmt: skip


@st.composite
def mutated_good_sheet(draw: st.DrawFn) -> bytes:
    data = bytearray(GOOD)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "yaml"]))
        if how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=4))
        elif how == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif how == "replace":
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=1))
        else:
            data[at:at] = draw(st.sampled_from(YAML_BITS)).encode("utf-8")
    return bytes(data)


yamlish_text = st.lists(st.sampled_from(YAML_BITS) | st.text(max_size=3), max_size=40).map("".join)
any_sheet_bytes = st.one_of(
    st.binary(max_size=600),
    mutated_good_sheet(),
    yamlish_text.map(lambda s: s.encode("utf-8")),
    st.tuples(yamlish_text, st.sampled_from(["gbk", "utf-16", "utf-16-le", "utf-8-sig", "big5"])).map(
        lambda t: t[0].encode(t[1], errors="replace")
    ),
)


@SETTINGS
@given(data=any_sheet_bytes)
def test_any_bytes_end_in_a_draft_or_a_clean_error(data: bytes) -> None:
    with folder() as d:
        sheet = d / "事实表.yaml"
        sheet.write_bytes(data)
        out = d / "out.docx"
        result = run(["build", str(sheet), "-o", str(out)])
        shown = f"{data!r}\n{result.output}\n{result.exception!r}"
        assert result.exception is None, shown
        assert "Traceback" not in result.output, shown
        assert result.exit_code in (0, 1), shown
        if result.exit_code == 0:
            assert out.is_file(), shown
        else:
            errors = list(ERROR_LINE.finditer(result.stderr))
            assert errors and any(m.group("file") in (str(sheet), str(out)) for m in errors), shown
            assert not out.exists(), shown
        assert not [p for p in d.iterdir() if p.name.endswith(".tmp")], shown


@SETTINGS
@given(data=any_sheet_bytes)
def test_check_of_any_bytes_is_clean(data: bytes) -> None:
    with folder() as d:
        sheet = d / "事实表.yaml"
        sheet.write_bytes(data)
        result = run(["check", str(sheet)])
        shown = f"{data!r}\n{result.output}\n{result.exception!r}"
        assert result.exception is None, shown
        assert "Traceback" not in result.output, shown
        assert result.exit_code in (0, 1), shown
        if result.exit_code == 1:
            assert any(m.group("file") == str(sheet) for m in ERROR_LINE.finditer(result.stderr)), shown


# ---------------------------------------------------------------------------
# 2. any valid sheet

WORDS = "职工教师会员工会组织举办参加召开座谈培训比赛慰问帮扶困难健康体检书法摄影篮球运动读书演讲合唱志愿服务安全技能提升民主管理公开评议提案代表建议关爱女工家庭文化先进集体个人表彰走访"
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = "建国丽华明芳伟静强敏军燕"

text = st.text(alphabet=WORDS, min_size=2, max_size=16)
unit = st.text(alphabet=WORDS, min_size=2, max_size=10).map(lambda s: s + "工会")
person = st.tuples(st.sampled_from(SURNAMES), st.text(alphabet=GIVEN, min_size=1, max_size=2)).map("".join)
when = st.sampled_from(["3月", "3月8日", "上半年", "春节前", "9月至10月", "2025-05-20", "暑假期间", "12月24日"])
people = st.one_of(st.integers(1, 999).map(str), st.sampled_from(['"98人次"', '"120人次"', '"45名"']))


@st.composite
def item_lines(draw: st.DrawFn, indent: str) -> list[str]:
    if draw(st.booleans()):
        return [f"{indent}- {draw(text)}。"]
    lines = []
    fields = [("时间", when), ("活动", text), ("人数", people), ("成果", text)]
    chosen = [(k, s) for k, s in fields if k == "活动" or draw(st.booleans())]
    for i, (key, strategy) in enumerate(chosen):
        lead = f"{indent}- " if i == 0 else f"{indent}  "
        lines.append(f"{lead}{key}: {draw(strategy)}")
    awards = draw(st.lists(text, max_size=2))
    if awards:
        lines.append(f"{indent}  获奖: [{', '.join(awards)}]")
    return lines


@st.composite
def valid_sheets(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["工作总结", "述职报告"]))
    lines = [
        f"单位: {draw(unit)}",
        f"单位类型: {draw(st.sampled_from(UNIT_TYPES))}",
        "年度: 2025",
        f"文种: {kind}",
    ]
    if kind == "述职报告":
        lines += [f"报告人: {draw(person)}", f"职务: {draw(st.sampled_from(['工会主席', '工会副主席']))}"]
    if draw(st.booleans()):
        lines.append(f"上级工会: 县{draw(text)}工会")
    if draw(st.booleans()):
        staff = draw(st.integers(10, 5000))
        lines += ["概况:", f"  职工人数: {staff}", f"  会员人数: {draw(st.integers(1, staff))}"]
    for cat in CATEGORIES:
        entries = draw(st.lists(item_lines("  "), max_size=3))
        if entries:
            lines.append(f"{cat}:")
            for e in entries:
                lines += e
    titles = draw(st.lists(text, max_size=2, unique=True))
    if titles:
        lines.append("其他工作:")
        for t in titles:
            lines += [f"  - 标题: {t}", "    事项:"]
            for e in draw(st.lists(item_lines("      "), min_size=1, max_size=2)):
                lines += e
    # A shortcoming and a plan are different statements (the same words under both
    # keys would be the chair repeating herself, which the draft would repeat too).
    points = draw(st.lists(text, max_size=6, unique=True))
    cut = draw(st.integers(0, len(points)))
    for key, sentences in (("存在不足", points[:cut]), ("明年打算", points[cut:])):
        if sentences:
            lines.append(f"{key}:")
            lines += [f"  - {s}。" for s in sentences]
    if draw(st.booleans()):
        lines += ["落款:", f"  日期: 2025-12-{draw(st.integers(1, 31)):02d}"]
    return "\n".join(lines) + "\n"


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@settings(SETTINGS, max_examples=60)
@given(sheet=valid_sheets())
def test_any_valid_sheet_builds_a_docx_holding_every_fact(sheet: str) -> None:
    with folder() as d:
        path = d / "事实表.yaml"
        path.write_text(sheet, encoding="utf-8")
        out = d / "稿.docx"
        result = run(["build", str(path), "-o", str(out)])
        assert result.exit_code == 0, sheet + result.output
        facts, _ = load_facts(path)
        body = squash(docx_text(out))
        missing = [f for f in expected_facts(facts) if squash(f) not in body]
        assert not missing, f"{missing}\n{sheet}"


@settings(SETTINGS, max_examples=60)
@given(sheet=valid_sheets())
def test_any_valid_sheet_keeps_chinese_typography(sheet: str) -> None:
    """Full-width punctuation, nothing doubled, pairs closed, no sentence repeated
    (a 事项 listed twice is said once; a text the sheet writes in two parts, an item
    and a plan, is the chair's to say twice), no two paragraphs opening alike."""
    from drafter.build.pipeline import make_draft

    from .typography import check_typography

    with folder() as d:
        path = d / "事实表.yaml"
        path.write_text(sheet, encoding="utf-8")
        _, draft, _ = make_draft(path)
        problems = check_typography([(b.role.value, b.text) for b in draft.all_blocks()])
        problems = [
            p
            for p in problems
            if not ("sentence repeated" in p and sheet.count(p.rsplit(": ", 1)[1].rstrip("。")) >= 2)
        ]
        assert not problems, f"{problems}\n{sheet}"
