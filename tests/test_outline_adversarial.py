"""The outline of damaged and unusual reports (tests/data/learn/adversarial/, written for these tests).

Each case states the outline it must give: headings, levels, categories, umbrella
parts, the kind of report; and, where the damage is in the text, what the
paragraphs read after repair.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from drafter.learn.classify import classify_outlines
from drafter.learn.corpus.load import load_samples
from drafter.learn.outline import OutlinedReport, _is_umbrella, outline_corpus, to_json

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "learn" / "adversarial"


def outline(path: Path) -> tuple[list[OutlinedReport], dict]:
    outlined = outline_corpus(load_samples([path]))
    classify_outlines(outlined)
    document = to_json(outlined)
    json.dumps(document, ensure_ascii=False)
    return outlined, document


def entries(document: dict) -> list[tuple]:
    """(heading, level, category, umbrella) of every listed section of the one report."""
    (report,) = document["reports"]
    return [(s["heading"], s["level"], s["category"], s.get("umbrella", False)) for s in report["sections"]]


def test_text_flattened_onto_one_line_is_split_again_at_its_markers() -> None:
    outlined, document = outline(DATA / "flat_oneline.txt")
    assert document["reports"][0]["title"] == "红星纺织厂工会2025年度工作总结"
    assert document["reports"][0]["kind"] == "organisational"
    assert entries(document) == [
        ("一、推进厂务公开和民主管理", 1, "民主建设", False),
        ("（一）开好职代会。", 2, "民主建设", False),
        ("（二）推行厂务公开。", 2, "民主建设", False),
        ("二、开展岗位技能练兵", 1, "队伍建设", False),
        ("（一）组织挡车工操作比赛，一百二十名职工参赛。", 2, "队伍建设", False),
        ("（二）推行师带徒，新结成师徒对子三十对。", 2, "队伍建设", False),
        ("三、办好职工身边的实事", 1, "生活保障", False),
        ("四、活跃职工业余生活", 1, "文体活动", False),
    ]
    assert outlined[0].opening[0].text.startswith("过去一年")
    assert [p.text[:5] for p in outlined[0].closing] == ["以上是厂工"]


def test_page_numbers_and_download_notices_never_become_headings() -> None:
    outlined, document = outline(DATA / "paged_download.txt")
    assert entries(document) == [
        ("一、坚持民主管理，推进院务公开", 1, "民主建设", False),
        ("二、加强业务学习，提升服务能力", 1, "队伍建设", False),
        ("三、关心职工生活，解决后顾之忧", 1, "生活保障", False),
        ("四、开展健身活动，增强职工体质", 1, "文体活动", False),
    ]
    report = outlined[0].report
    assert report.title == "新河社区卫生服务中心工会工作总结"
    text = report.text
    for debris in ("本文档", "VIP", "侵权", "文库", "- 1 -", "第 2 页", "2、织"):
        assert debris not in text
    assert "努力塑造工会组织新形象，全体医务人员" in text  # the page break's "2、" is gone and the word whole
    stats = load_samples([DATA / "paged_download.txt"]).stats
    assert stats.noise["download_notice"] == 4 and stats.noise["page_number"] == 2


def test_traditional_script_is_converted_and_glosses_dropped() -> None:
    outlined, document = outline(DATA / "traditional_gloss.txt")
    assert document["reports"][0]["title"] == "红旗中学工会2025年工作总结"
    assert entries(document) == [
        ("一、召开教职工代表大会，保障教师民主权利", 1, "民主建设", False),
        ("二、加强教师队伍建设", 1, "队伍建设", False),
        ("三、关心教职工生活", 1, "生活保障", False),
        ("四、丰富教职工文体生活", 1, "文体活动", False),
    ]
    text = outlined[0].report.text
    assert "领导下" in text and "联欢会，" in text
    assert not any(ch in text for ch in "(（lǐngdǎ")
    assert outlined[0].report.unit_type == "school"


def test_umbrella_parts_are_containers_whose_children_are_classified_on_their_own() -> None:
    outlined, document = outline(DATA / "umbrella_parts.txt")
    assert entries(document) == [
        ("一、基本情况", 1, "队伍建设", False),  # membership and union groups: the union's own organisation
        ("二、主要工作", 1, "民主建设", True),
        ("（一）推进局务公开，落实职工知情权", 1, "民主建设", False),
        ("（二）开展技能培训，提升职工素质", 1, "队伍建设", False),
        ("（三）做好帮扶慰问，温暖职工人心", 1, "生活保障", False),
        ("（四）开展文体活动，凝聚职工力量", 1, "文体活动", False),
        ("三、存在问题", 1, "其他", False),
        ("四、下一步打算", 1, "其他", False),
    ]
    umbrella = outlined[0].sections[1]
    assert umbrella.umbrella and [c.level for c in umbrella.children] == [2, 2, 2, 2]
    assert [p.heading for p in outlined[0].parts()][1:5] == [c.heading for c in umbrella.children]


def test_a_single_top_part_does_not_promote_its_items() -> None:
    outlined, document = outline(DATA / "single_top.txt")
    top = outlined[0].sections
    assert [s.heading for s in top] == ["一、工作开展情况"]
    assert [c.heading for c in top[0].children] == [
        "1、召开教职工大会，推进园务公开",
        "2、开展教师专业培训",
        "3、关爱教职工生活",
        "4、组织教职工文体活动",
    ]
    assert [e[1:3] for e in entries(document)[1:]] == [
        (1, "民主建设"),
        (1, "队伍建设"),
        (1, "生活保障"),
        (1, "文体活动"),
    ]
    assert entries(document)[0][3] is True
    assert [p.text[:3] for p in outlined[0].closing] == ["下学期"]


def _heading_docx(path: Path, blocks: list[tuple[str | None, str]]) -> Path:
    document = docx.Document()
    for style, text in blocks:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


BODY = "组织职工积极参与，全年开展了多次活动，职工反映良好，取得了预期的效果。"


def test_docx_heading_styles_decide_the_levels(tmp_path: Path) -> None:
    path = _heading_docx(
        tmp_path / "styled.docx",
        [
            ("Title", "某某供水公司工会工作总结"),
            (None, "今年，公司工会在公司党委的领导下，认真履行职责，现将主要工作总结如下。"),
            ("Heading 1", "一、工作开展情况"),
            ("Heading 2", "1、召开职代会，推行厂务公开"),
            (None, "公司召开职工代表大会，审议通过了集体合同草案。" + BODY),
            ("Heading 2", "2、开展技能比武"),
            (None, "举办水质检测和管网维修技能比武。" + BODY),
            ("Heading 2", "3、做好困难职工帮扶"),
            (None, "春节期间走访慰问困难职工，发放慰问金。" + BODY),
        ],
    )
    outlined, document = outline(path)
    assert document["reports"][0]["title"] == "某某供水公司工会工作总结"
    assert [(s.heading, s.level) for s in outlined[0].walk()] == [
        ("一、工作开展情况", 1),
        ("1、召开职代会，推行厂务公开", 2),
        ("2、开展技能比武", 2),
        ("3、做好困难职工帮扶", 2),
    ]
    assert entries(document) == [
        ("一、工作开展情况", 1, "民主建设", True),
        ("1、召开职代会，推行厂务公开", 1, "民主建设", False),
        ("2、开展技能比武", 1, "队伍建设", False),
        ("3、做好困难职工帮扶", 1, "生活保障", False),
    ]


def test_docx_styles_beat_numbering_in_the_text(tmp_path: Path) -> None:
    path = _heading_docx(
        tmp_path / "unnumbered.docx",
        [
            (None, "今年，局工会紧紧围绕中心工作，团结干部职工，做了以下几方面工作："),
            ("Heading 1", "关心职工生活"),
            (None, "1、春节前走访慰问困难职工二十户。"),
            (None, "2、组织全体职工健康体检。"),
            ("Heading 1", "丰富文体活动"),
            (None, "1、举办职工乒乓球比赛。"),
            (None, "2、组织职工春季健步走。"),
        ],
    )
    _, document = outline(path)
    assert [(h, level, category) for h, level, category, _ in entries(document)] == [
        ("关心职工生活", 1, "生活保障"),
        ("1、春节前走访慰问困难职工二十户。", 2, "生活保障"),
        ("2、组织全体职工健康体检。", 2, "生活保障"),
        ("丰富文体活动", 1, "文体活动"),
        ("1、举办职工乒乓球比赛。", 2, "文体活动"),
        ("2、组织职工春季健步走。", 2, "文体活动"),
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_every_paragraph_is_placed_once(name: str) -> None:
    outlined, _ = outline(DATA / name)
    item = outlined[0]
    placed = [*item.opening, *(p for s in item.sections for p in s.iter_paragraphs()), *item.closing]
    assert [p.index for p in placed] == [p.index for p in item.report.paragraphs]


def test_docx_styles_leave_short_body_lines_alone(tmp_path: Path) -> None:
    path = _heading_docx(
        tmp_path / "short_lines.docx",
        [
            (None, "今年，厂工会围绕生产经营开展工作，现将主要情况报告如下："),
            ("Heading 1", "一、关心职工生活"),
            (None, "走访困难职工"),
            (None, "组织健康体检"),
            (None, "春节前走访慰问困难职工二十户，组织全体职工健康体检。" + BODY),
            ("Heading 1", "二、活跃文体生活"),
            (None, "举办职工篮球赛"),
            (None, "举办职工篮球赛和迎新年联欢会，组队参加市职工运动会。" + BODY),
        ],
    )
    outlined, _ = outline(path)
    assert [s.heading for s in outlined[0].sections] == ["一、关心职工生活", "二、活跃文体生活"]
    assert [s.category for s in outlined[0].sections] == ["生活保障", "文体活动"]


@pytest.mark.parametrize(
    ("heading", "umbrella"),
    [
        ("一、基本情况", True),
        ("二、主要工作", True),
        ("上半年工作回顾", True),
        ("工作开展情况", True),
        ("一、2025年工作回顾", True),
        ("第一部分  一年来的主要工作", True),
        ("一、今年以来的主要工作", True),
        ("一、主要做法和成效", True),
        ("一、取得的主要成绩", True),
        ("一、履行职责情况", True),
        ("一、加强民主管理", False),
        ("三、存在问题", False),
        ("四、下一步工作打算", False),
        ("二、关心职工生活情况", False),
    ],
)
def test_which_headings_make_an_umbrella(heading: str, umbrella: bool) -> None:
    from drafter.learn.outline import Section

    child = Section(heading="（一）开好职代会", marked=True, level=2)
    section = Section(heading=heading, marked=True, level=1, style="cn", children=[child, child])
    assert _is_umbrella(section) is umbrella
    assert _is_umbrella(Section(heading=heading, marked=True, level=1, style="cn", children=[child])) is False


def test_a_title_with_commas_set_off_by_a_space_is_the_heading() -> None:
    from drafter.learn.markers import parse_marker
    from drafter.learn.outline import marked_heading

    text = "一、坚持民主管理，畅通职工诉求渠道 召开职工大会，通报重点工作，收集建议二十条。"
    marker = parse_marker(text)
    assert marker is not None
    assert marked_heading(text, marker) == ("一、坚持民主管理，畅通职工诉求渠道", True)
    plain = "一、2025 年召开职代会两次，审议通过集体合同。"  # a space inside a sentence is no title break
    plain_marker = parse_marker(plain)
    assert plain_marker is not None
    assert marked_heading(plain, plain_marker) == (plain, False)


def test_a_summary_that_also_plans_next_year_is_organisational(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "某镇总工会2025年工作总结暨2026年工作计划\n\n今年，镇总工会认真履行职责，现总结如下。\n\n"
        "一、扩大组织覆盖\n新建工会三个。\n\n二、2026年工作计划\n继续扩大工会组织覆盖面。\n",
        encoding="utf-8",
    )
    _, document = outline(path)
    assert document["reports"][0]["kind"] == "organisational"
    assert entries(document)[-1][2] == "其他"
