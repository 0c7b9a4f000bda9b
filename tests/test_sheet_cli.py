"""One ``check`` run reports every problem of a sheet, syntax errors included (issue 16 item 3),
and the sheet's encodings and years as the chair meets them, through the real command line."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.errors import Problems
from drafter.sheet.load import parse_facts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "医院工会工作总结.yaml"
DRAFTER = Path(sys.executable).with_name("drafter")
LOCATED = re.compile(r"^错误：[^\n]*?:(\d+):(\d+): ", re.M)


def drafter(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([str(DRAFTER), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def reported_lines(stderr: str) -> set[int]:
    return {int(m.group(1)) for m in LOCATED.finditer(stderr)}


# Independent mistakes a chair makes, each on a line of the hospital example:
# (name, the line as written in the example, the line as she typed it).
MISTAKES: tuple[tuple[str, str, str], ...] = (
    ("full-width colon", "上级工会: 松川县总工会", "上级工会：松川县总工会"),
    ("no space after colon", "党组织: 医院党委", "党组织:医院党委"),
    ("tab indentation", "  - 时间: 3月", "\t- 时间: 3月"),
    ("bad indentation", "    人数: 96", "     人数: 96"),
    ("unclosed quote", "    成果: 提出改进意见13条，推动食堂延长夜班供餐时间至凌晨一点", '    成果: "提出改进意见13条'),
    ("unknown key", "  职工人数: 812", "  职工数量: 812"),
    ("wrong type", "    人数: 124", "    人数: [124]"),
    ("bad date", "  - 时间: 2025-08-19", "  - 时间: 2025-08-32"),
    ("bad choice", "单位类型: 医院", "单位类型: 卫生所"),
    ("approximate count", "    人数: 85", "    人数: 约85人"),
)


def with_mistakes(names: tuple[str, ...]) -> tuple[str, set[int]]:
    """The example with the named mistakes made, and the lines they are on."""
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    where: set[int] = set()
    for name, good, bad in MISTAKES:
        if name in names:
            n = lines.index(good)
            lines[n] = bad
            where.add(n + 1)
    return "\n".join(lines), where


def test_the_example_has_every_line_the_mistakes_need() -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    for _name, good, _bad in MISTAKES:
        assert lines.count(good) >= 1, good


def test_a_full_width_colon_does_not_hide_the_rest(tmp_path: Path) -> None:
    """The issue's case: a full-width colon, an unknown key, a wrong type and a bad date: one run, all four."""
    text, lines = with_mistakes(("full-width colon", "unknown key", "wrong type", "bad date"))
    (tmp_path / "事实表.yaml").write_text(text, encoding="utf-8")
    run = drafter(["check", "事实表.yaml"], tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert reported_lines(run.stderr) == lines, run.stderr
    assert (
        "全角冒号" in run.stderr
        and "职工人数" in run.stderr
        and "「人数」" in run.stderr
        and "不是有效的日期" in run.stderr
    )


def test_every_mistake_at_once_is_reported_in_one_run(tmp_path: Path) -> None:
    text, lines = with_mistakes(tuple(name for name, _g, _b in MISTAKES))
    (tmp_path / "事实表.yaml").write_text(text, encoding="utf-8")
    run = drafter(["check", "事实表.yaml"], tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert reported_lines(run.stderr) == lines, run.stderr


def test_any_combination_of_mistakes_is_reported_whole() -> None:
    """In process, every subset of up to four mistakes: each mistake's line is reported, and no other line."""
    names = [name for name, _g, _b in MISTAKES]
    combos = [c for k in (1, 2, 4) for c in itertools.combinations(names, k)]
    random.Random(16).shuffle(combos)
    for combo in combos[:150]:
        text, lines = with_mistakes(combo)
        with pytest.raises(Problems) as info:
            parse_facts(text, "事实表.yaml", today=dt.date(2025, 12, 30))
        found = {p.location.line for p in info.value.problems}
        assert found == lines, (combo, [p.format() for p in info.value.problems])


def test_a_sheet_in_notepad_encodings_is_checked_with_a_notice(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for name, data in (("ansi.yaml", text.encode("gbk")), ("unicode.yaml", text.encode("utf-16"))):
        (tmp_path / name).write_bytes(data)
        run = drafter(["check", name], tmp_path)
        assert run.returncode == 0, run.stderr
        assert "检查通过" in run.stdout
        (notice,) = [line for line in run.stderr.splitlines() if "编码" in line]
        assert notice.startswith(f"警告：{name}:1:1: ") and ("GBK" in notice or "UTF-16" in notice)


@pytest.mark.parametrize("year", [2019, 2031])
def test_init_dates_follow_the_year(tmp_path: Path, year: int) -> None:
    run = drafter(["init", "事实表.yaml", "--year", str(year), "--type", "企业", "--kind", "述职报告"], tmp_path)
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "事实表.yaml").read_text(encoding="utf-8")
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)-\d\d-\d\d\b", text)}
    assert years == {year}, years
    assert f"年度: {year}" in text and f"年度：{year}" in text


def test_a_past_years_report_is_signed_in_its_own_december(tmp_path: Path) -> None:
    """Built years later without a 落款 date: signed 31 December of the report's year, not the build day."""
    text = "单位: 某某县第一中学工会\n单位类型: 学校\n年度: 2019\n民主建设:\n  - 召开第三届教代会第二次会议。\n"
    (tmp_path / "事实表.yaml").write_text(text, encoding="utf-8")
    run = drafter(["build", "事实表.yaml", "--format", "md", "-o", "稿.md"], tmp_path)
    assert run.returncode == 0, run.stderr
    draft = (tmp_path / "稿.md").read_text(encoding="utf-8")
    assert "2019年12月31日" in draft
    assert f"{dt.date.today():%Y}年{dt.date.today().month}月{dt.date.today().day}日" not in draft
