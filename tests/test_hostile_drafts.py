"""Drafts that make paragraph comparison expensive (issue 15, classes "resource exhaustion" and "diff inputs").

``drafter diff`` and the merge of ``build`` compare paragraphs with difflib,
whose cost is quadratic in a paragraph's length and, over a document, in
the number of equal paragraphs.  Each case here is a real draft with its
body changed — one paragraph of 300,000 characters (random, or one sentence
repeated, or from a 20-character alphabet) edited in the middle; 25,000
equal paragraphs; 20,000 paragraphs all edited; 100,000 all replaced — kept under the safe
reader's size and ratio limits so that they reach the comparison.  ``diff``,
``build`` (merge) and ``build --dry-run`` run in a subprocess under 1 GiB
and 20 s; each must finish cleanly with exit 0 or 1.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT
from .hostile_run import assert_clean, drafter, snapshot
from .test_hostile_docx import members, rezip

SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
SENTENCE = "工会组织开展了丰富多彩的文体活动，职工参与热情高涨，取得了良好效果。"


def _text(n: int, alphabet: int, seed: int) -> str:
    rnd = random.Random(seed)
    return "".join(chr(0x4E00 + rnd.randrange(alphabet)) for _ in range(n))


def _edited(text: str) -> str:
    mid = len(text) // 2
    return text[:mid] + "改" + text[mid + 1 :]


def _with_body(draft: bytes, change: Callable[[str], str]) -> bytes:
    parts = members(draft)
    parts["word/document.xml"] = change(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    return rezip(parts)


def _first_text(text: str) -> Callable[[str], str]:
    """The first run of the body given ``text``."""

    def change(doc: str) -> str:
        start = doc.index("<w:t", doc.index("<w:body>"))
        start = doc.index(">", start) + 1
        return doc[:start] + text + doc[doc.index("</w:t>", start) :]

    return change


def _paragraphs(texts: list[str]) -> Callable[[str], str]:
    """``texts`` as paragraphs at the start of the body."""

    def change(doc: str) -> str:
        at = doc.index("<w:body>") + len("<w:body>")
        return doc[:at] + "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in texts) + doc[at:]

    return change


# name -> (old body change, new body change)
PAIRS: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "long-random-paragraph": (
        _first_text(_text(300_000, 3000, 1)),
        _first_text(_edited(_text(300_000, 3000, 1))),
    ),
    "long-repeated-paragraph": (_first_text(SENTENCE * 8000), _first_text(_edited(SENTENCE * 8000))),
    "long-paragraph-of-20-characters": (
        _first_text(_text(300_000, 20, 2)),
        _first_text(_edited(_text(300_000, 20, 2))),
    ),
    "25000-equal-paragraphs": (_paragraphs(["x"] * 25_000), _paragraphs(["x"] * 24_000 + ["y"] * 1000)),
    "25000-alternating-paragraphs": (_paragraphs(["x", "y"] * 12_500), _paragraphs(["y", "x"] * 12_500)),
    "100000-paragraphs-all-replaced": (
        _paragraphs([_text(8, 20000, i) for i in range(100_000)]),
        _paragraphs([_text(8, 20000, -i - 1) for i in range(100_000)]),
    ),
    "20000-edited-paragraphs": (
        _paragraphs([f"第{i}段文字内容" for i in range(20_000)]),
        _paragraphs([f"第{i}段文字内容改" for i in range(20_000)]),
    ),
}


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("draft")
    shutil.copyfile(SHEET, folder / "s.yaml")
    run = drafter(["build", "s.yaml", "-o", "o.docx"], folder)
    assert run.code == 0, run.err
    return (folder / "o.docx").read_bytes()


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_diff_of_expensive_drafts_is_bounded(name: str, tmp_path: Path, draft: bytes) -> None:
    old, new = PAIRS[name]
    (tmp_path / "a.docx").write_bytes(_with_body(draft, old))
    (tmp_path / "b.docx").write_bytes(_with_body(draft, new))
    before = snapshot(tmp_path)
    run = drafter(["diff", "a.docx", "b.docx"], tmp_path)
    assert_clean(run, before, snapshot(tmp_path))
    assert run.code == 0, run.err
    assert run.out.strip().splitlines()[-1].startswith("共"), run.out[-500:]


@pytest.mark.parametrize("name", ["long-random-paragraph", "long-repeated-paragraph", "20000-edited-paragraphs"])
@pytest.mark.parametrize("dry", [False, True], ids=["build", "dry-run"])
def test_merge_into_an_expensive_draft_is_bounded(name: str, dry: bool, tmp_path: Path, draft: bytes) -> None:
    shutil.copyfile(SHEET, tmp_path / "s.yaml")
    (tmp_path / "o.docx").write_bytes(_with_body(draft, PAIRS[name][1]))
    before = snapshot(tmp_path)
    run = drafter(["build", "s.yaml", "-o", "o.docx", *(["--dry-run"] if dry else [])], tmp_path)
    assert_clean(run, before, snapshot(tmp_path), may_change=() if dry else ("o.docx", ".bak"))
