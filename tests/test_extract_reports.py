"""drafter extract on reports written by hand (tests/data/extract, labelled in expected.yaml).

The reports are our own, in several layouts (一、 with （一） children, flat 一、…七、
with run-on titles, 1. numbering, （一） at top level, Word heading styles, no
headings at all, skipped numbers with 第一，) and encodings (UTF-8, UTF-8 with BOM
and CRLF, GBK, GB18030, UTF-16, .docx).  The two .docx are made here with
python-docx from their ``.docx.txt`` sources.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH

from drafter.contract import CATEGORIES
from drafter.extract import command
from drafter.sheet.facts import Facts, Item
from drafter.sheet.load import load_facts

DATA = Path(__file__).parent / "data" / "extract"
EXPECTED: dict[str, dict] = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))
SHARE = 0.8  # of the labelled paragraphs that must land in the right place


def make_docx(source: Path, out: Path) -> Path:
    """A .docx from a ``.docx.txt`` source: ``title:``/``h1:``/``h2:``/``right:`` lines, else body."""
    document = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        tag, _, text = line.partition(": ")
        if tag == "title":
            document.add_paragraph(text, style="Title")
        elif tag in ("h1", "h2"):
            document.add_heading(text, level=int(tag[1]))
        elif tag == "right":
            document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            document.add_paragraph(line)
    document.save(out)
    return out


def report_copy(name: str, folder: Path) -> Path:
    """The report ``name`` of expected.yaml, copied (or made) in ``folder``."""
    if name.endswith(".docx"):
        return make_docx(DATA / f"{name}.txt", folder / name)
    return Path(shutil.copy(DATA / name, folder / name))


def item_text(item: Item) -> str:
    if item.sentence is not None:
        return item.sentence
    parts = [item.activity, None if item.people is None else str(item.people), item.result, *item.awards]
    return "，".join(p for p in parts if p)


def places(facts: Facts) -> dict[str, list[str]]:
    """The texts the sheet holds in each place (category, 其他工作, 存在不足, 明年打算)."""
    out = {cat: [item_text(i) for i in facts.items(cat)] for cat in CATEGORIES}
    out["其他工作"] = [item_text(i) for w in facts.other_work for i in w.items]
    out["存在不足"] = list(facts.shortcomings)
    out["明年打算"] = list(facts.plans)
    return out


def extracted(name: str, tmp_path: Path) -> Facts:
    report = report_copy(name, tmp_path)
    command(report, None, False)
    facts, _warnings = load_facts(report.with_suffix(".yaml"))  # raises Problems when check would fail
    return facts


def landed(name: str, facts: Facts) -> tuple[int, int]:
    """(paragraphs in the labelled place, labelled paragraphs) of one report."""
    where = places(facts)
    labels = EXPECTED[name]["段落"]
    right = sum(1 for place, snippet in labels if any(snippet in t for t in where[place]))
    return right, len(labels)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sheet_passes_check_with_unit_year_and_kind(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    facts = extracted(name, tmp_path)
    assert facts.unit == expected["单位"]
    assert facts.year == expected["年度"]
    assert facts.kind == expected["文种"]
    assert facts.unit_type == expected["单位类型"]
    if "报告人" in expected:
        assert (facts.reporter, facts.position) == (expected["报告人"], expected["职务"])
    assert facts.signoff is not None and facts.signoff.explicit_date


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_labelled_paragraph_is_somewhere_in_the_sheet(name: str, tmp_path: Path) -> None:
    """Nothing is dropped: each labelled paragraph is an item, a point, or a comment of the sheet."""
    facts = extracted(name, tmp_path)
    text = tmp_path.joinpath(name).with_suffix(".yaml").read_text(encoding="utf-8")
    everything = " ".join(t for texts in places(facts).values() for t in texts)
    missing = [s for _place, s in EXPECTED[name]["段落"] if s not in everything and s not in text]
    assert missing == []


def test_most_paragraphs_land_in_their_labelled_category(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    right = total = 0
    lines = []
    for name in sorted(EXPECTED):
        folder = tmp_path / name
        folder.mkdir()
        r, n = landed(name, extracted(name, folder))
        right, total = right + r, total + n
        lines.append(f"{name}: {r}/{n}")
    with capsys.disabled():
        print("\nextract categories:", "; ".join(lines), f"; all {right}/{total} = {right / total:.1%}")
    assert right / total >= SHARE


def test_leadership_and_figures_of_a_report(tmp_path: Path) -> None:
    facts = extracted("enterprise.utf16.txt", tmp_path)
    assert (facts.party_org, facts.parent_union) == ("公司党委", "滨江区总工会")
    o = facts.overview
    assert (o.members, o.staff, o.women, o.grassroots_unions, o.membership_rate) == (1542, 1580, 296, 11, "97.6%")


def test_clear_items_are_structured_and_others_stay_her_sentence(tmp_path: Path) -> None:
    facts = extracted("hospital.gbk.txt", tmp_path)
    climb = next(i for i in facts.items("文体活动") if i.activity == "组织职工秋季登山比赛")
    assert (climb.when.month if climb.when else None, climb.people) == (10, 156)
    assert "成立太极拳、八段锦健身队，利用午间在住院楼前广场带领职工和患者一起锻炼。" in [
        i.sentence for i in facts.items("文体活动")
    ]


def test_opening_and_closing_words_become_comments_with_their_source(tmp_path: Path) -> None:
    report = report_copy("personal.docx", tmp_path)
    command(report, None, False)
    text = report.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "#   原文（第 " in text
    assert "以上述职，请予评议。" in text  # the closing formula, kept as a comment
    assert "尊敬的各位领导、各位代表" in text


def test_a_section_outside_the_four_categories_becomes_other_work(tmp_path: Path) -> None:
    report = tmp_path / "总结.txt"
    report.write_text(
        "白沙县供水公司工会2024年工作总结\n\n"
        "2024年，公司工会在公司党支部和白沙县总工会的领导下开展工作。公司现有职工212人，会员209人。\n\n"
        "一、加强民主管理\n召开职工代表大会，审议通过了《职工休假管理办法》。\n"
        "二、加强政治理论学习和党风廉政教育\n组织工会委员参加党支部主题党日活动6次，集中学习党的理论和廉洁自律规定。\n"
        "开展廉政警示教育，组织观看警示教育片2场。\n"
        "三、下一步打算\n继续办好职工代表大会。\n\n白沙县供水公司工会\n2024年12月18日\n",
        encoding="utf-8",
    )
    command(report, None, False)
    facts, _ = load_facts(report.with_suffix(".yaml"))
    assert [w.title for w in facts.other_work] == ["加强政治理论学习和党风廉政教育"]
    assert [i.sentence for i in facts.other_work[0].items] == [
        "组织工会委员参加党支部主题党日活动6次，集中学习党的理论和廉洁自律规定。",
        "开展廉政警示教育，组织观看警示教育片2场。",
    ]
    assert len(facts.items("民主建设")) == 1 and facts.plans == ("继续办好职工代表大会。",)


def test_a_basic_facts_section_gives_the_figures(tmp_path: Path) -> None:
    report = tmp_path / "总结.txt"
    report.write_text(
        "临港街道总工会2024年工作总结\n\n"
        "一、基本情况\n街道总工会现有基层工会26个，会员3120人，其中女职工1244人。\n"
        "二、主要工作\n（一）开展技能培训\n联合街道社区学校举办家政服务技能培训班3期，培训新就业形态劳动者150人。\n"
        "（二）关心困难职工\n春节前走访慰问困难职工40户，发放慰问金8万元。\n"
        "三、明年打算\n继续办好户外劳动者服务站。\n\n临港街道总工会\n2024年12月27日\n",
        encoding="utf-8",
    )
    command(report, None, False)
    facts, _ = load_facts(report.with_suffix(".yaml"))
    o = facts.overview
    assert (o.grassroots_unions, o.members, o.women) == (26, 3120, 1244)
    assert facts.unit_type == "乡镇街道" and len(facts.items("队伍建设")) == 1 and len(facts.items("生活保障")) == 1
    assert "「基本情况」这段话" in report.with_suffix(".yaml").read_text(encoding="utf-8")


def test_a_plain_list_under_main_work_is_classified_paragraph_by_paragraph(tmp_path: Path) -> None:
    report = tmp_path / "总结.txt"
    report.write_text(
        "南岭县第三小学工会2024年工作总结\n\n"
        "2024年，校工会在学校党支部和南岭县教育工会的领导下开展工作。\n\n"
        "一、主要工作\n"
        "1．召开第四届教代会第三次会议，审议通过了《教师绩效考核办法》。\n"
        "2．举办青年教师基本功比赛，22名青年教师参赛。\n"
        "3．春节前走访慰问退休教师和困难教职工18人。\n"
        "4．举办教职工趣味运动会，设拔河、跳绳等6个项目。\n"
        "二、存在的不足\n工会活动形式比较单一。\n\n南岭县第三小学工会\n2024年12月20日\n",
        encoding="utf-8",
    )
    command(report, None, False)
    facts, _ = load_facts(report.with_suffix(".yaml"))
    assert [len(facts.items(c)) for c in CATEGORIES] == [1, 1, 1, 1]


@pytest.mark.parametrize("name", ["school.txt", "personal.docx"])
def test_next_years_sheet_from_an_extracted_one(name: str, tmp_path: Path) -> None:
    """Last year's report → extract → init --from: a sheet for the next year that check accepts."""
    from drafter.sheet.load import parse_facts
    from drafter.sheet.nextyear import sheet_from_last

    last = extracted(name, tmp_path)
    text = sheet_from_last(tmp_path.joinpath(name).with_suffix(".yaml"))
    facts, _warnings = parse_facts(text.encode("utf-8"), tmp_path / "next.yaml")
    assert (facts.unit, facts.year) == (last.unit, last.year + 1)


def test_a_paragraph_longer_than_a_sheet_value_is_cut_between_sentences(tmp_path: Path) -> None:
    from drafter.sheet.values import MAX_TEXT

    long = "组织职工开展技能培训，全年培训职工一千二百人次，培训内容覆盖安全生产和岗位技能。" * 60
    report = tmp_path / "总结.txt"
    report.write_text(
        f"远山公司工会2024年工作总结\n\n2024年，公司工会在公司党委的领导下开展工作。\n\n一、技能培训\n{long}\n\n"
        "远山公司工会\n2024年12月20日\n",
        encoding="utf-8",
    )
    command(report, None, False)
    facts, _ = load_facts(report.with_suffix(".yaml"))
    sentences = [i.sentence or "" for i in facts.items("队伍建设")]
    assert len(sentences) > 1 and all(len(s) <= MAX_TEXT for s in sentences)
    assert "".join(sentences) == long
