"""The leak guard names the line of 样本事实.txt that holds the leaked fact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.build.pipeline import make_draft
from drafter.contract import TOKENS_FILE
from drafter.errors import LeakError

from .conftest import FIXED_NOW, ROOT


def test_the_error_names_the_true_line_of_the_token(tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates", tpl)
    lines = [
        "# 样本里的事实",
        "# 第二行注释",
        "赵某某",
        "",
        "钱某某",
        "# 又一行注释",
        "孙某某",
        "李某某",
        "周某某",
        "王建国",
    ]
    (tpl / TOKENS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = tpl / "工作总结" / "民主建设.j2"
    # every wording line of every block names the person: whichever is chosen leaks
    f.write_text(
        "\n".join(
            line if line.startswith(("{%", "{#", " ")) or not line.strip() else "王建国同志带头推进民主管理"
            for line in f.read_text(encoding="utf-8").splitlines()
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(LeakError) as info:
        make_draft(ROOT / "examples" / "学校工会工作总结.yaml", templates=tpl, now=FIXED_NOW)
    assert info.value.location.line == 10
    assert f"{TOKENS_FILE}:10:1:" in info.value.format()
    assert "王建国" in info.value.format()


@given(
    st.text(alphabet="12.名年５x", max_size=6).filter(bool),
    st.text(alphabet="012.名年５x ", max_size=30),
    st.booleans(),
)
def test_standalone_matches_the_regular_expression_it_replaces(token: str, text: str, whole: bool) -> None:
    from drafter.build.leakguard import _standalone

    pattern = r"(?<![\d.])" + re.escape(token) + (r"(?![\d])" if whole else "")
    assert _standalone(token, text, whole_number=whole) == (re.search(pattern, text) is not None)
