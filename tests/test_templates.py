"""templates/ is what `drafter learn examples/samples/` writes, and every phrase in it is generic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.learn.corpus.spun import find_spun
from drafter.learn.facts.spot import why_not_generic
from drafter.learn.pipeline import learn

from .conftest import SAMPLES, TEMPLATES

_SET_OPEN = re.compile(r"^\{% set (\S+) \| (choose|lines) %\}$")
_COMMENT = re.compile(r"\{#.*?#\}")
_DIGIT = re.compile(r"[0-9０-９]")


def _phrases(root: Path) -> list[tuple[str, str, str]]:
    """(file, slot, phrase) for every alternative line of every set block."""
    out: list[tuple[str, str, str]] = []
    for path in sorted(root.glob("*/*.j2")):
        slot = None
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _SET_OPEN.match(line)
            if m:
                slot = m.group(1)
                continue
            if line.startswith("{% endset"):
                slot = None
                continue
            if slot is not None:
                phrase = _COMMENT.sub("", line).strip()
                if phrase:
                    out.append((f"{path.parent.name}/{path.name}", slot, phrase))
    return out


def test_learning_again_reproduces_templates_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "templates"
    learn([SAMPLES], out)
    ours = {p.relative_to(TEMPLATES): p.read_bytes() for p in TEMPLATES.rglob("*") if p.is_file()}
    fresh = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(ours) == sorted(fresh)
    changed = [str(k) for k in ours if ours[k] != fresh[k]]
    assert not changed, f"templates/ differs from a fresh `drafter learn examples/samples/`: {changed}"


def test_templates_have_phrases_for_every_part() -> None:
    phrases = _phrases(TEMPLATES)
    slots = {(f, s) for f, s, _ in phrases}
    for kind in ("工作总结", "述职报告"):
        for slot in ("标题", "开头", "过渡", "结尾", "承接"):
            assert (f"{kind}/文档.j2", slot) in slots, (kind, slot)
        for cat in ("民主建设", "队伍建设", "生活保障", "文体活动"):
            assert (f"{kind}/{cat}.j2", "标题") in slots, (kind, cat)


@pytest.mark.parametrize(("file", "slot", "phrase"), _phrases(TEMPLATES))
def test_every_phrase_is_generic(file: str, slot: str, phrase: str) -> None:
    assert not _DIGIT.search(re.sub(r"\{\{[^}]*\}\}", "", phrase)), phrase
    assert why_not_generic(phrase) is None, (file, slot, phrase, why_not_generic(phrase))
    assert not find_spun(phrase), (phrase, find_spun(phrase))
    for placeholder in ("xx", "XX", "**", "〔X〕", "某某"):
        assert placeholder not in phrase


def test_every_learned_phrase_names_its_source() -> None:
    for path in sorted(TEMPLATES.glob("*/*.j2")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "{#" in line and not line.startswith("{#"):
                assert re.search(r"\{# (来源：.+ 第\d+篇 第\d+段|内置) #\}$", line), line


def test_opening_formulas_carry_the_leaders() -> None:
    """The sheet's 党组织 and 上级工会 reach the draft through {{ 领导 }} in every opening."""
    for file, slot, phrase in _phrases(TEMPLATES):
        if slot in ("开头", "领导句"):
            assert "{{ 领导 }}" in phrase, (file, phrase)


def _learned_lines(root: Path) -> list[str]:
    return [
        _TOPIC.sub("", _COMMENT.sub("", line)).strip()
        for path in sorted(root.glob("*/*.j2"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if "{# 来源：" in line
    ]


_TOPIC = re.compile(r"^【话题：[^】]*】")


def test_every_learned_phrase_is_generic_by_evidence() -> None:
    """Each content word is shipped vocabulary or used by two samples; no era, claim, audience or aphorism."""
    from drafter.learn.corpus.load import load_samples
    from drafter.learn.generic import Evidence
    from drafter.learn.generic import why_not_generic as not_generic

    evidence = Evidence(tuple(r.text for r in load_samples([SAMPLES]).reports if not r.duplicate_of))
    learned = _learned_lines(TEMPLATES)
    assert len(learned) >= 4  # what survives of the samples' wording (the rest is refused, with reasons)
    assert [(p, not_generic(p, evidence)) for p in learned if not_generic(p, evidence)] == []


@pytest.mark.parametrize(
    "fault",
    ["认真贯彻落实科学发展观", "使广大居民群众在体育活动中愉悦身心", "开拓创新是一种能力", "不尽人意", "全年来"],
)
def test_the_bundled_templates_carry_none_of_the_faults_once_learned(fault: str) -> None:
    assert all(fault not in p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*/*.j2"))
