"""Batch builds (``drafter build a.yaml b.yaml … / FOLDER -o OUTDIR``), the path a build
takes through the command line, and the caches that make a build fast.  No timing here: bench/run.py measures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.build import batch
from drafter.build.batch import build_many, expand_sheets
from drafter.build.pipeline import BuildOptions
from drafter.cli import main as cli

from .conftest import EXAMPLES, ROOT, TEMPLATES

ERROR_LINE = re.compile(r"^错误：(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): \S")
SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"


def _broken(folder: Path, name: str = "坏.yaml") -> Path:
    p = folder / name
    p.write_text("单位: 某某工会\n单位类型: 学校\n年度: 二〇二五\n民主建设: [没关上\n", encoding="utf-8")
    return p


def _copy_examples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(p, folder / p.name)) for p in EXAMPLES]


@pytest.mark.parametrize("jobs", [1, 2], ids=["here", "pool"])
def test_one_bad_sheet_does_not_stop_the_others(tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: int) -> None:
    good = _copy_examples(tmp_path / "in")
    bad = _broken(tmp_path / "in")
    out = tmp_path / "out"
    report = build_many([*good, bad], BuildOptions(output=out, jobs=jobs), progress=False)
    captured = capsys.readouterr()

    assert report.exit_code == 1
    assert report.total == len(good) + 1
    assert [r.sheet for r in report.failed] == [bad]
    assert len(report.succeeded) == len(good)
    written = sorted(out.glob("*.docx"))
    assert len(written) == len(good)
    for r in report.succeeded:
        assert r.output is not None and r.output.parent == out and r.output.is_file()
        assert f"已生成：{r.output}" in captured.out

    errors = [line for line in captured.err.splitlines() if line.startswith("错误：")]
    assert errors, captured.err
    for line in errors:
        m = ERROR_LINE.match(line)
        assert m, line
        assert Path(m["file"]) == bad
    assert "份数" in captured.out and "失败" in captured.out
    assert str(bad) in captured.out  # the failed sheets are listed under the summary


def test_results_keep_the_order_given(tmp_path: Path) -> None:
    good = _copy_examples(tmp_path / "in")
    report = build_many(
        list(reversed(good)), BuildOptions(output=tmp_path / "out", jobs=2), progress=False, summary=False
    )
    assert [r.sheet for r in report.results] == list(reversed(good))
    assert report.exit_code == 0 and report.per_second > 0


def test_folder_holds_its_yaml_files_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "sheets"
    _copy_examples(folder)
    shutil.copy(SCHOOL, folder / "另一份.yml")
    (folder / "说明.txt").write_text("不是事实表", encoding="utf-8")
    (folder / "._学校.yaml").write_bytes(b"\x00\x05\x16\x07 macOS resource fork")
    sub = folder / "去年"
    sub.mkdir()
    _broken(sub)  # subfolders are not searched: this broken sheet must not count

    sheets = expand_sheets([folder])
    assert [p.name for p in sheets] == sorted([p.name for p in EXAMPLES] + ["另一份.yml"])

    out = tmp_path / "新建文件夹" / "初稿"  # created, parents too
    code = cli(["build", str(folder), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert len(list(out.glob("*.docx"))) == len(EXAMPLES) + 1
    assert "错误" not in captured.err


def test_empty_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "空"
    empty.mkdir()
    assert cli(["build", str(empty), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and ERROR_LINE.match(err[0]) and "没有事实表" in err[0]


def test_outdir_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _copy_examples(tmp_path / "in")
    target = tmp_path / "out.docx"
    target.write_bytes(b"mine")
    assert cli(["build", *map(str, good), "-o", str(target)]) == 1
    assert ERROR_LINE.match(capsys.readouterr().err.strip())
    assert target.read_bytes() == b"mine"


def test_same_output_name_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    a = Path(shutil.copy(SCHOOL, folder / "城关镇.yaml"))
    b = Path(shutil.copy(SCHOOL, folder / "柳溪镇.yaml"))
    other = Path(shutil.copy(EXAMPLES[0], folder / EXAMPLES[0].name))
    out = tmp_path / "out"
    report = build_many([a, b, other], BuildOptions(output=out), progress=False, summary=False)
    captured = capsys.readouterr()

    assert report.exit_code == 0
    outputs = {r.sheet: r.output for r in report.results}
    assert len(set(outputs.values())) == 3
    assert all(p is not None and p.is_file() for p in outputs.values())
    assert outputs[a] is not None and outputs[a].name.endswith("（城关镇）.docx")
    assert outputs[b] is not None and outputs[b].name.endswith("（柳溪镇）.docx")
    assert "（" not in str(outputs[other].name if outputs[other] else "")  # no clash, no suffix
    warnings = [line for line in captured.err.splitlines() if line.startswith("警告：")]
    assert len(warnings) == 2 and all("同一个文件" in w for w in warnings)

    # The same run again names the same sheets the same way (and replaces its own drafts).
    again = build_many([a, b, other], BuildOptions(output=out), progress=False, summary=False)
    assert {r.sheet: r.output for r in again.results} == outputs
    assert again.exit_code == 0


def test_clash_beside_the_sheets_without_outdir(tmp_path: Path) -> None:
    one = tmp_path / "甲"
    two = tmp_path / "乙"
    one.mkdir()
    two.mkdir()
    a = Path(shutil.copy(SCHOOL, one / "学校.yaml"))
    b = Path(shutil.copy(SCHOOL, one / "学校副本.yaml"))
    c = Path(shutil.copy(SCHOOL, two / "学校.yaml"))  # another folder: no clash
    report = build_many([a, b, c], BuildOptions(), progress=False, summary=False)
    assert report.exit_code == 0
    by_sheet = {r.sheet: r.output for r in report.results}
    assert by_sheet[a] is not None and by_sheet[a].parent == one and by_sheet[a].name.endswith("（学校）.docx")
    assert by_sheet[b] is not None and by_sheet[b].name.endswith("（学校副本）.docx")
    assert by_sheet[c] is not None and by_sheet[c].parent == two and "（" not in by_sheet[c].name


def test_clashing_sheets_with_the_same_file_name(tmp_path: Path) -> None:
    sheets = []
    for d in ("a", "b", "c"):
        (tmp_path / d).mkdir()
        sheets.append(Path(shutil.copy(SCHOOL, tmp_path / d / "学校.yaml")))
    report = build_many(sheets, BuildOptions(output=tmp_path / "out"), progress=False, summary=False)
    names = sorted(r.output.name for r in report.results if r.output is not None)
    assert len(set(names)) == 3
    assert report.exit_code == 0


def test_a_path_given_twice_is_built_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good = _copy_examples(folder)
    assert expand_sheets([folder, good[0], good[0]]) == sorted(good, key=lambda p: p.name)


def test_single_sheet_and_existing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "初稿"
    out.mkdir()
    assert cli(["build", str(SCHOOL), "-o", str(out)]) == 0
    made = list(out.glob("*.docx"))
    assert len(made) == 1 and made[0].name.startswith("2025年")
    assert f"已生成：{made[0]}" in capsys.readouterr().out


# -- the command line ---------------------------------------------------------------------


def test_build_through_the_command_line_writes_the_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "初稿.docx"
    assert cli(["build", str(SCHOOL), "-o", str(target)]) == 0
    assert target.is_file()
    assert capsys.readouterr().out.strip().endswith(f"已生成：{target}")


def test_a_bad_sheet_is_reported_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _broken(tmp_path)
    assert cli(["build", str(bad), "-o", str(tmp_path / "x.docx")]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line]
    assert err and all(ERROR_LINE.match(line) for line in err)
    assert not (tmp_path / "x.docx").exists()


def test_build_path_loads_neither_jieba_nor_a_cli_framework_nor_python_docx(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-X", "importtime", "-m", "drafter", "build", str(SCHOOL), "-o", str(target)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert first.returncode == 0, first.stderr
    # A first build may make the cached empty document with python-docx; later ones write without it.
    target.unlink()
    p = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert p.returncode == 0, p.stderr
    modules = {m[1] for m in re.finditer(r"^import time:.*\| +(\S+)$", p.stderr, re.M)}
    assert "drafter.build.pipeline" in modules and "lxml.etree" in modules
    heavy = ("jieba", "typer", "pydantic", "rich", "docx")
    loaded = sorted(m for m in modules if m.split(".")[0] in heavy or m == "drafter.sheet.yamlerrors")
    assert loaded == [], f"loaded on the build path: {loaded}"
    assert target.is_file()
    assert f"已生成：{target}" in p.stdout


# -- caches ---------------------------------------------------------------------------------


def test_edited_template_is_compiled_again(tmp_path: Path) -> None:
    from drafter.build.pipeline import make_draft

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    _, first, _ = make_draft(SCHOOL, templates=templates)
    doc = templates / "工作总结" / "文档.j2"
    text = doc.read_text(encoding="utf-8")
    marker = "（模板已修改）"
    edited = re.sub(r"(\{% set 结尾 \| choose %\}\n)", r"\1" + marker + "\n", text, count=1)
    if edited == text:
        pytest.skip("the template has no 结尾 block in the expected form")
    # Keep only our line in that block, so the choice cannot miss it.
    edited = re.sub(
        r"(\{% set 结尾 \| choose %\}\n" + re.escape(marker) + r"\n)(.*?)(\{% endset %\})",
        r"\1\3",
        edited,
        count=1,
        flags=re.S,
    )
    doc.write_text(edited, encoding="utf-8")
    _, second, _ = make_draft(SCHOOL, templates=templates)
    assert marker not in first.text()
    assert marker in second.text()


def test_cache_folder_must_be_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.files import cache_dir

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "c"))
    folder = cache_dir("x")
    assert folder is not None and folder.is_dir()
    if os.name != "nt":
        assert folder.stat().st_mode & 0o077 == 0
        folder.chmod(0o777)
        assert cache_dir("x") is None
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    assert cache_dir("y") is None


def test_broken_template_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.docx import writer as docx_writer

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    docx_writer._template.cache_clear()
    try:
        first = docx_writer._template(docx_writer.DEFAULT_FONTS)
        cached = list((tmp_path / "cache" / "docx").glob("*.docx"))
        assert len(cached) == 1 and cached[0].read_bytes() == first
        cached[0].write_bytes(first[: len(first) // 2])  # truncated
        docx_writer._template.cache_clear()
        assert docx_writer._template(docx_writer.DEFAULT_FONTS) == first
        assert cached[0].read_bytes() == first
    finally:
        docx_writer._template.cache_clear()


def test_worker_crash_is_reported_per_sheet(tmp_path: Path) -> None:
    sheets = _copy_examples(tmp_path / "in")
    got = batch._or_crashed(RuntimeError("boom"), sheets[:2], batch._build_crash)
    assert [r.sheet for r in got] == sheets[:2]
    assert all(not r.ok and ERROR_LINE.match(r.errors[0]) for r in got)
