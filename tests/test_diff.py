"""``drafter diff OLD NEW``: what changed from OLD to NEW, as a person reads two drafts (issue 16 item 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.build.pipeline import build_one
from drafter.roundtrip.diff import compare

from .conftest import FIXED_NOW, ROOT

SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"
EDIT_1 = ("68名教职工代表出席", "72名教职工代表出席")
EDIT_2 = ("举办教职工趣味运动会", "举办教职工秋季趣味运动会")
ADDED = "11月，工会组织教职工开展了羽毛球友谊赛，参赛教职工42人。"
DELETED = "教职工篮球、气排球联赛"


def run_diff(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "drafter", "diff", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A draft and a copy edited in Word: two paragraphs edited, one added, one deleted."""
    folder = tmp_path_factory.mktemp("diff")
    old = folder / "旧稿.docx"
    build_one(SCHOOL, output=old, now=FIXED_NOW)
    document = docx.Document(str(old))
    deleted_text = added_after = ""
    for p in document.paragraphs:
        for before, after in (EDIT_1, EDIT_2):
            if before in p.text:
                p.runs[0].text = p.text.replace(before, after)
                for r in p.runs[1:]:
                    r._r.getparent().remove(r._r)
        if DELETED in p.text:
            deleted_text = p.text
            p._p.getparent().remove(p._p)
        if "语文组周雅琴老师" in p.text:
            added_after = p.text
            new_p = document.add_paragraph(ADDED)._p
            p._p.addnext(new_p)
    assert deleted_text and added_after
    document.save(str(folder / "新稿.docx"))
    return folder, deleted_text, added_after


def test_diff_names_each_edit_from_old_to_new(pair: tuple[Path, str, str]) -> None:
    folder, deleted, _ = pair
    run = run_diff(folder, "旧稿.docx", "新稿.docx")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith("从 旧稿.docx（") and "到 新稿.docx（" in lines[0]
    edits = [ln for ln in lines if ln.startswith("~ 修改")]
    assert len(edits) == 2
    assert "【68→72】" in edits[0] and "【→秋季】" in edits[1]
    [added] = [ln for ln in lines if ln.startswith("+ 新增")]
    assert "羽毛球友谊赛" in added
    [gone] = [ln for ln in lines if ln.startswith("- 删除")]
    assert deleted[:10] in gone and gone.endswith("…")  # shortened
    assert lines[-1] == "共修改 2 段，新增 1 段，删除 1 段。"


def test_diff_in_the_other_order_names_the_reverse_edits(pair: tuple[Path, str, str]) -> None:
    folder, deleted, _ = pair
    run = run_diff(folder, "新稿.docx", "旧稿.docx")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    edits = [ln for ln in lines if ln.startswith("~ 修改")]
    assert len(edits) == 2 and "【72→68】" in edits[0] and "【秋季→】" in edits[1]
    [added] = [ln for ln in lines if ln.startswith("+ 新增")]
    assert deleted[:10] in added
    [gone] = [ln for ln in lines if ln.startswith("- 删除")]
    assert "羽毛球友谊赛" in gone
    assert lines[-1] == "共修改 2 段，新增 1 段，删除 1 段。"


def test_diff_of_any_docx_and_of_a_file_with_itself(tmp_path: Path) -> None:
    for name, texts in (
        ("a.docx", ["第一段。", "第二段。", "第三段。"]),
        ("b.docx", ["第二段。", "第一段。", "第三段。"]),
    ):
        document = docx.Document()
        for t in texts:
            document.add_paragraph(t)
        document.save(str(tmp_path / name))
    run = run_diff(tmp_path, "a.docx", "b.docx")
    assert run.returncode == 0 and run.stdout.splitlines()[1:] == [
        "> 移动（原第 2 段 → 新第 1 段）：第二段。",
        "共移动 1 段。",
    ]
    run = run_diff(tmp_path, "a.docx", "a.docx")
    assert run.stdout.splitlines()[1:] == ["两份文稿的文字相同，没有段落改动。"]
    run = run_diff(tmp_path, "a.docx", "没有.docx")
    assert run.returncode == 1 and run.stderr.startswith("错误：没有.docx:") and "Traceback" not in run.stderr


paragraphs = st.lists(
    st.sampled_from(["甲。", "乙。", "丙。", "甲乙丙丁。", "甲乙丙戊。", "一二三四五六七八。", ""]), max_size=12
)


@given(paragraphs, paragraphs)
def test_every_paragraph_is_accounted_for(old: list[str], new: list[str]) -> None:
    """Paragraphs of OLD are unchanged, edited, deleted or moved; those of NEW unchanged, edited, added or moved."""
    edits = compare(old, new)
    count = {k: sum(1 for e in edits if e.kind == k) for k in ("edit", "add", "delete", "move")}
    unchanged_old = len(old) - count["edit"] - count["delete"] - count["move"]
    unchanged_new = len(new) - count["edit"] - count["add"] - count["move"]
    assert unchanged_old == unchanged_new >= 0
    assert all(1 <= e.old <= len(old) for e in edits if e.old is not None)
    assert all(1 <= e.new <= len(new) for e in edits if e.new is not None)
    assert (edits == []) == ([*map(str.strip, old)] == [*map(str.strip, new)])
