"""The core loop on real files: fact sheet → draft → .docx, and the rules every draft keeps."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from drafter.build.compose import expected_facts
from drafter.build.leakguard import find_leaks
from drafter.build.pipeline import build_one, make_draft
from drafter.sheet.load import load_facts

from .conftest import EXAMPLES, FIXED_NOW, ROOT
from .docx_checklist import check_docx
from .typography import check_typography

SAMPLE_TOKENS = [
    t
    for t in (ROOT / "tests" / "data" / "sample-facts.txt").read_text(encoding="utf-8").splitlines()
    if t and not t.startswith("#")
]
PLACEHOLDERS = re.compile(r"(?i)(?<![a-z])x{2,}(?![a-z])|20xx|\*\*|〔X〕|undefined|None|\{\{|\{%")


def _draft(sheet: Path):
    facts, draft, _ = make_draft(sheet, now=FIXED_NOW)
    return facts, draft


def test_examples_exist() -> None:
    names = {p.name for p in EXAMPLES}
    assert {"学校工会工作总结.yaml", "企业工会工作总结.yaml", "企业工会主席述职报告.yaml"} <= names


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_every_fact_of_the_sheet_is_in_the_draft(sheet: Path) -> None:
    facts, draft = _draft(sheet)
    text = draft.text()
    missing = [f for f in expected_facts(facts) if f not in text]
    assert not missing, missing


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_no_sample_fact_or_placeholder_in_the_draft(sheet: Path) -> None:
    _, draft = _draft(sheet)
    text = draft.text()
    leaks = find_leaks(text, SAMPLE_TOKENS, sheet.read_text(encoding="utf-8"))
    assert not leaks, leaks
    assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text)


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_chinese_typography(sheet: Path) -> None:
    _, draft = _draft(sheet)
    problems = check_typography([(b.role.value, b.text) for b in draft.all_blocks()])
    assert not problems, problems


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_docx_passes_the_checklist(sheet: Path, tmp_path: Path) -> None:
    out = tmp_path / "draft.docx"
    outcome = build_one(sheet, output=out, now=FIXED_NOW)
    assert outcome.output == out
    assert check_docx(out) == []
    doc = Document(str(out))
    assert doc.core_properties.title == outcome.draft.title


def test_sections_are_dropped_and_renumbered(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        "单位: 测试公司工会\n单位类型: 企业\n年度: 2025\n"
        "文体活动: [组织职工参加登山活动。]\n明年打算: [办好职工书屋。]\n",
        encoding="utf-8",
    )
    _, draft = _draft(sheet)
    h1 = [b.text for b in draft.blocks if b.role.value == "heading1"]
    h2 = [b.text for b in draft.blocks if b.role.value == "heading2"]
    assert [h[:2] for h in h1] == ["一、", "二、"]
    assert len(h2) == 1 and h2[0].startswith("（一）")
    assert "存在" not in "".join(h1)


def test_structured_item_becomes_a_natural_sentence(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        "单位: 测试中学工会\n单位类型: 学校\n年度: 2025\n"
        '生活保障:\n  - 时间: 2025-03-08\n    活动: 召开"三八"妇女节座谈会\n    人数: 45\n'
        "    成果: 了解女教职工的工作和生活情况\n    获奖: [县演讲比赛一等奖]\n",
        encoding="utf-8",
    )
    _, draft = _draft(sheet)
    item = next(b.text for b in draft.blocks if "座谈会" in b.text)
    assert "3月8日，召开“三八”妇女节座谈会，45名女教职工参加，" in item
    assert "了解女教职工的工作和生活情况" in item and "县演讲比赛一等奖" in item
    assert item.endswith("。")


def test_personal_report_is_in_the_first_person(tmp_path: Path) -> None:
    sheet = ROOT / "examples" / "企业工会主席述职报告.yaml"
    facts, draft = _draft(sheet)
    text = draft.text()
    assert facts.reporter and facts.reporter in text
    assert "我" in text
    assert any(b.role.value == "salutation" for b in draft.blocks)


@pytest.mark.parametrize(
    ("unit_type", "unit", "wanted", "unwanted"),
    [
        ("医院", "测试县人民医院工会", ["院工会", "职工"], ["医护职工", "教职工", "教代会"]),
        ("乡镇街道", "测试镇总工会", ["镇总工会", "辖区职工"], ["干部职工", "镇民主", "镇管理", "教职工"]),
        ("学校", "测试县第一中学工会", ["校工会", "教职工"], ["职代会", "医护"]),
        ("企业", "测试机械有限公司工会", ["公司工会", "职工"], ["教职工", "教代会"]),
    ],
)
def test_unit_vocabulary(tmp_path: Path, unit_type: str, unit: str, wanted: list[str], unwanted: list[str]) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        f"单位: {unit}\n单位类型: {unit_type}\n年度: 2025\n"
        "民主建设: [按季度公开重要事项。]\n队伍建设: [举办岗位练兵活动。]\n"
        "生活保障: [走访慰问困难家庭。]\n文体活动: [举办健步走活动。]\n",
        encoding="utf-8",
    )
    _, draft = _draft(sheet)
    text = draft.text()
    for word in wanted:
        assert word in text, word
    for word in unwanted:
        assert word not in text, word


def test_check_of_a_loaded_example_has_no_problems() -> None:
    for sheet in EXAMPLES:
        facts, _warnings = load_facts(sheet)
        assert facts.unit


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_no_spun_wording_in_the_draft(sheet: Path) -> None:
    """Machine-spun synonyms of the samples (进取 for 积极, 供给 for 提供 …) never reach a draft."""
    from drafter.learn.corpus.spun import find_spun

    _, draft = _draft(sheet)
    hits = [(h.found, h.original) for h in find_spun(draft.text())]
    assert hits == []


@pytest.mark.parametrize(
    ("unit", "position", "office"),
    [
        ("某某县人民医院工会", "院工会主席", "某某县人民医院工会主席"),
        ("某公司工会", "工会主席", "某公司工会主席"),
        ("某公司", "工会主席", "某公司工会主席"),
        ("某公司工会", "党委副书记、工会主席", "某公司工会党委副书记、工会主席"),
    ],
)
def test_office_does_not_say_union_twice(unit: str, position: str, office: str) -> None:
    from drafter.build.compose import _office

    assert _office(unit, position) == office
    assert position in office or position.split("工会", 1)[1] in office


def test_a_phrase_shared_by_two_parts_is_said_once(tmp_path: Path) -> None:
    import shutil

    tpl = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates", tpl)
    closing = "这方面的工作取得了新的进展。"
    for cat in ("民主建设", "队伍建设"):
        path = tpl / "工作总结" / f"{cat}.j2"
        text = path.read_text(encoding="utf-8")
        start = text.index("{% set 结语 | choose %}")
        end = text.index("{% endset %}", start)
        path.write_text(text[:start] + "{% set 结语 | choose %}\n" + closing + "\n" + text[end:], encoding="utf-8")
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        "单位: 测试公司工会\n单位类型: 企业\n年度: 2025\n民主建设: [按季度公开重要事项。]\n队伍建设: [举办岗位练兵活动。]\n",
        encoding="utf-8",
    )
    _, draft, _ = make_draft(sheet, templates=tpl, now=FIXED_NOW)
    assert draft.text().count(closing) == 1
    assert not check_typography([(b.role.value, b.text) for b in draft.all_blocks()])
