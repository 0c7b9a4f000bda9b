"""Learning from reports full of one report's facts (tests/data/learn/adv_*.txt, written for drafter).

Each adversarial report carries what must never reach another union's draft: a
one-year event, another unit's name, a unit's own campaign, a claim about the
year, a formula of an era, an audience foreign to a union.  Each test states what
is learned from it and what is refused, and why; then every corpus of the suite
is learned and every ``drafter init`` sheet built with the result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.build.pipeline import make_draft
from drafter.contract import KINDS, TOKENS_FILE, UNIT_TYPES
from drafter.learn.pipeline import analyse, learn
from drafter.sheet.init import example_sheet

from .conftest import FIXED_NOW, ROOT

DATA = ROOT / "tests" / "data" / "learn"
ADVERSARIAL = sorted(DATA.glob("adv_*.txt"))

# What each report must not teach (a word of it in any template is a leak) …
SPECIFIC: dict[str, tuple[str, ...]] = {
    "adv_one_year_event.txt": ("世博", "奥运", "抗震救灾", "党代会", "临江", "自来水", "供水"),
    "adv_other_unit.txt": ("宁川", "交通运输", "公路养护", "青石镇", "韩立新", "周晓梅", "局工会", "交通杯"),
    "adv_campaign.txt": ("三比三创", "东岭", "刘彩云", "白衣天使", "去年", "建设职工之家活动", "全院"),
    "adv_year_claim.txt": ("今年", "质量提升年", "近年来", "北溪", "工资集体协商工作是"),
    "adv_era.txt": ("科学发展观", "创先争优", "先进性", "群众路线", "两学一做", "和谐社会", "孙建华", "南坪"),
    "adv_audience.txt": ("居民", "村民", "学生", "群众生活", "广场舞", "成校", "青石镇"),
}
# … the reason it gives for a sentence it refuses …
REFUSED: dict[str, tuple[tuple[str, str], ...]] = {
    "adv_one_year_event.txt": (
        ("加强世博宣传", "「世博」"),
        ("迎奥运健身长跑", "「奥运」"),
        ("以迎接市第十一次党代会", "第十一次"),
    ),
    "adv_other_unit.txt": (
        ("宁川县交通运输局工会始终把", "机构名「宁川县交通运输局工会」"),
        ("联合宁川县公路养护中心工会", "地名「宁川县」"),
        ("与青石镇总工会联合举办", "机构名「青石镇总工会」"),
    ),
    "adv_campaign.txt": (
        ("去年开展建设", "「去年」"),
        ("以“三比三创”活动为载体", "引号名称"),
    ),
    "adv_year_claim.txt": (
        ("工资集体协商工作是今年的重点工作之一", "「是今年的重点」"),
        ("质量提升年", "「今年是」"),
        ("近年来，", "「近年来」"),
    ),
    "adv_era.txt": (
        ("深入学习实践科学发展观", "「科学发展观」"),
        ("先进性教育活动为动力", "「先进性教育」"),
    ),
    "adv_audience.txt": (("提高广大居民的就业能力", "只适用于某类单位"),),
}
# … and generic wording it may teach (its provenance is that report).
TAUGHT: dict[str, tuple[tuple[str, str], ...]] = {
    "adv_one_year_event.txt": (("民主建设", "{{ 职工 }}参与民主管理的积极性不断提高。"),),
    "adv_other_unit.txt": (
        ("队伍建设", "{{ 职工 }}的业务能力和综合素质得到了有效提升。"),
        # 局工会 opening a clause is the union itself: it becomes {{ 本会 }}, not a refusal.
        ("生活保障", "{{ 本会 }}坚持把关心{{ 职工 }}生活作为工作的出发点和落脚点。"),
    ),
    "adv_campaign.txt": (("生活保障", "{{ 职工 }}的获得感和幸福感不断增强。"),),
    "adv_year_claim.txt": (("民主建设", "{{ 职工 }}的合法权益得到了有效维护。"),),
    "adv_era.txt": (("民主建设", "{{ 职工 }}的主人翁意识进一步增强。"),),
    "adv_audience.txt": (("生活保障", "关心{{ 职工 }}生活，做好帮扶救助"),),
}
# Persons and places of the reports: the leak guard lists them.
GUARDED: dict[str, tuple[str, ...]] = {
    "adv_one_year_event.txt": ("临江市自来水公司工会", "临江市总工会"),
    "adv_other_unit.txt": ("韩立新", "周晓梅", "宁川县交通运输局工会", "青石镇总工会"),
    "adv_campaign.txt": ("三比三创", "刘彩云", "东岭区人民医院工会"),
    "adv_year_claim.txt": ("北溪机械制造有限公司", "北溪市总工会"),
    "adv_era.txt": ("孙建华", "南坪镇"),
    "adv_audience.txt": ("青石镇总工会",),
}


def test_every_adversarial_report_has_expectations() -> None:
    names = {p.name for p in ADVERSARIAL}
    assert names == set(SPECIFIC) == set(REFUSED) == set(TAUGHT) == set(GUARDED)


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for path in ADVERSARIAL:
        out[path.name] = tmp_path_factory.mktemp("adv") / "tpl"
        learn([path], out[path.name])
    return out


def _wording(templates: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(templates.glob("*/*.j2")))


@pytest.mark.parametrize("name", sorted(SPECIFIC))
def test_nothing_specific_is_learned(learned: dict[str, Path], name: str) -> None:
    wording = _wording(learned[name])
    assert [w for w in SPECIFIC[name] if w in wording] == []


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_specific_sentence_is_refused_with_its_reason(name: str) -> None:
    result = analyse([DATA / name]).skeleton
    assert result is not None
    for sentence, reason in REFUSED[name]:
        found = [r.reason for r in result.rejected if sentence in r.text]
        assert found and reason in found[0], (sentence, found)


@pytest.mark.parametrize("name", sorted(TAUGHT))
def test_generic_wording_is_still_learned(learned: dict[str, Path], name: str) -> None:
    for category, phrase in TAUGHT[name]:
        text = (learned[name] / ("述职报告" if name == "adv_era.txt" else "工作总结") / f"{category}.j2").read_text(
            encoding="utf-8"
        )
        line = next((line for line in text.splitlines() if phrase in line), "")
        assert line and f"来源：{name}" in line


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_the_guard_lists_the_reports_persons_and_names(learned: dict[str, Path], name: str) -> None:
    tokens = (learned[name] / TOKENS_FILE).read_text(encoding="utf-8").splitlines()
    assert [t for t in GUARDED[name] if t not in tokens] == []


# -- every corpus of the suite, every init sheet -------------------------------------------------

CORPORA: dict[str, list[Path]] = {
    **{p.stem: [p] for p in sorted(DATA.glob("*.txt"))},
    "all_test_corpora": [DATA],
    "outline_adversarial": [DATA / "adversarial"],
    "holdout": [DATA / "holdout"],
    "bundled_samples": [ROOT / "examples" / "samples"],
}
# Segmentation fragments and generic terms the guard once listed.
FRAGMENTS = ("公开民", "强民", "位民", "利用民", "和新", "全镇广场", "厂务公开", "建家", "班主任")


@pytest.fixture(scope="module")
def init_sheets(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("init")
    sheets = []
    for unit_type in UNIT_TYPES:
        for kind in KINDS:
            path = folder / f"{unit_type}{kind}.yaml"
            path.write_text(example_sheet(unit_type, kind, 2025), encoding="utf-8")
            sheets.append(path)
    return sheets


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_learned_templates_build_every_init_sheet_without_a_sample_token(
    corpus: str, init_sheets: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "tpl"
    learn(CORPORA[corpus], out)
    tokens = [
        line
        for line in (out / TOKENS_FILE).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert [t for t in FRAGMENTS if t in tokens] == []
    # By construction: no listed token is in the templates' own wording (comments aside) …
    wording = re.sub(r"\{#.*?#\}", "", _wording(out), flags=re.S)
    assert [t for t in tokens if t in wording] == []
    # … so every init sheet builds (make_draft runs the guard) and no marker reaches a draft.
    assert len(init_sheets) == 12
    for sheet in init_sheets:
        _facts, draft, _warnings = make_draft(sheet, templates=out, now=FIXED_NOW)
        assert "【话题" not in draft.text()


def test_the_summary_counts_refusals_by_reason_with_an_example(tmp_path: Path) -> None:
    summary = learn([DATA / "adv_era.txt"], tmp_path / "tpl")
    era = next(reason for reason, example in summary.rejected_example.items() if example == "「科学发展观」")
    assert summary.rejected[era] >= 2  # 科学发展观 and 先进性教育 count under one reason
    assert all("「" not in reason for reason in summary.rejected)  # details never split a reason's count
