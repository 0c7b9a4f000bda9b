"""Stage 2 of the learner: headings, levels and sections (drafter.learn.outline)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import SampleError
from drafter.learn.classify import classify_outlines
from drafter.learn.corpus.load import corpus_from_text, load_samples
from drafter.learn.markers import parse_marker
from drafter.learn.outline import (
    OutlinedReport,
    block_heading,
    cut_heading,
    outline_corpus,
    outline_report,
    run_on_title,
    to_json,
)

from .conftest import ROOT

DATA = ROOT / "tests" / "data" / "learn"
SAMPLES = ROOT / "examples" / "samples"


def outline(text: str) -> OutlinedReport:
    return outline_report(corpus_from_text(text).reports[0])


def headings(item: OutlinedReport) -> list[str]:
    return [s.heading for s in item.sections]


def tree(item: OutlinedReport) -> list[tuple[int, str]]:
    return [(s.level, s.heading) for s in item.walk()]


def check_partition(item: OutlinedReport) -> None:
    """Opening, sections (children included) and closing hold every paragraph once, in reading order."""
    seen = [*item.opening, *(p for s in item.sections for p in s.iter_paragraphs()), *item.closing]
    assert [p.index for p in seen] == [p.index for p in item.report.paragraphs]


# --- markers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, style, rank, number",
    [
        ("一、加强民主管理", "cn", 1, 1),
        ("十二、其他工作", "cn", 1, 12),
        ("三．丰富文体活动", "cn", 1, 3),
        ("壹、加強民主管理", "cn", 1, 1),
        ("（一）开好职代会", "cn_paren", 2, 1),
        ("(二)深化厂务公开", "cn_paren", 2, 2),
        ("1、召开职代会", "num", 3, 1),
        ("2.开展慰问", "num", 3, 2),
        ("３．开展慰问", "num", 3, 3),
        ("10、其他", "num", 3, 10),
        ("（1）严格签到制度", "num_paren", 4, 1),
        ("(2) 坚持值班制度", "num_paren", 4, 2),
        ("3）后勤保障", "num_paren", 4, 3),
        ("①建立台账", "circled", 5, 1),
        ("一是成立了领导小组。", "cn_shi", 6, 1),
        ("其三是加强宣传。", "cn_shi", 6, 3),
        ("第一，提高认识。", "ordinal", 7, 1),
        ("首先，加强学习。", "ordinal", 7, 1),
        ("第二部分 主要工作", "chapter", 0, 2),
    ],
)
def test_marker_styles(text: str, style: str, rank: int, number: int) -> None:
    marker = parse_marker(text)
    assert marker is not None
    assert (marker.style, marker.rank, marker.number) == (style, rank, number)


@pytest.mark.parametrize(
    "text",
    [
        "1.5万元用于慰问",
        "2021年，公司工会",
        "10月、11月份组织活动",
        "这是一项工作",
        "5.12活动",
        "一起努力",
        "一、",
        "统一思想",
    ],
)
def test_not_markers(text: str) -> None:
    assert parse_marker(text) is None


# --- levels -------------------------------------------------------------------------


def test_standard_report_tree() -> None:
    item = outline_report(load_samples([DATA / "school_standard.txt"]).reports[0])
    check_partition(item)
    assert tree(item) == [
        (1, "一、坚持民主管理，推进校务公开"),
        (2, "（一）开好教职工代表大会"),
        (2, "（二）深化校务公开"),
        (3, "1.每月在公开栏公示学校财务收支情况。"),
        (3, "2.评优评先、职称评审结果全部公示，接受教职工监督。"),
        (1, "二、加强师德建设，提升队伍素质"),
        (1, "三、关心教职工生活，做好服务保障"),
        (1, "四、丰富文体活动，营造和谐氛围"),
        (1, "五、存在的不足"),
        (2, "一是工会干部业务能力有待提高；二是活动形式还不够丰富。"),
        (1, "六、明年工作打算"),
    ]
    assert [p.text[:4] for p in item.opening] == ["2024"]
    assert [p.text for p in item.closing] == ["某某中学工会", "2024年12月20日"]
    assert all(s.marked for s in item.walk())


def test_top_level_is_the_highest_style_present() -> None:
    item = outline_report(load_samples([DATA / "paren_top.txt"]).reports[0])
    assert headings(item) == ["（一）强化组织建设。", "（二）开展送温暖活动。", "（三）丰富文化生活。"]
    assert item.closing[0].text.startswith("下一步")
    text = "工作总结\n\n今年工作如下：\n\n(1)开展培训，提高素质，全年培训职工二百人次。\n\n①岗位练兵。\n\n②技能比武。\n\n(2)开展慰问活动。\n"
    assert tree(outline(text)) == [
        (1, "(1)开展培训，提高素质，全年培训职工二百人次。"),
        (2, "①岗位练兵。"),
        (2, "②技能比武。"),
        (1, "(2)开展慰问活动。"),
    ]


def test_unnumbered_heading_lines_form_a_layer() -> None:
    item = outline_report(load_samples([DATA / "unnumbered_titles.txt"]).reports[0])
    check_partition(item)
    assert [(s.heading, s.marked, len(s.children)) for s in item.sections] == [
        ("民主管理", False, 2),
        ("劳动竞赛", False, 2),
        ("帮扶慰问", False, 2),
    ]
    assert item.closing[0].text.startswith("总之")


def test_numbering_restart_is_flagged() -> None:
    text = (
        "述职报告\n\n一年来本人认真履行职责，现汇报如下：\n\n"
        "1、加强政治学习。认真学习会议精神。\n\n2、加强业务学习。参加业务培训三次。\n\n"
        "1、工会工作。召开职代会一次。\n\n2、办公室工作。完善规章制度。\n\n3、其他工作。完成临时任务。\n"
    )
    item = outline(text)
    assert headings(item) == [
        "1、加强政治学习。",
        "2、加强业务学习。",
        "1、工会工作。",
        "2、办公室工作。",
        "3、其他工作。",
    ]
    assert [s.restart for s in item.sections] == [False, False, True, False, False]


# --- headings ---------------------------------------------------------------------------


def test_run_on_titles() -> None:
    assert run_on_title("领导重视，组织有力领导重视，县委对活动非常重视，专题作了部署。") == "领导重视，组织有力"
    assert run_on_title("广泛宣传、层层动员在县委的指导下，组织媒体集中采访报道。") == "广泛宣传、层层动员"
    assert run_on_title("工会工作在常规工作基础上，今年着力开展构建和谐劳动关系活动。") is None
    text = (
        "宣传月活动小结\n\n现将活动开展情况小结如下。\n\n"
        "一、领导重视，组织有力领导重视，县委宣传部、县总工会领导对宣传月活动非常重视，专题作了研究部署，成立了领导小组。\n\n"
        "二、措施得力，成效显著在广泛宣传发动的基础上，全县各级基层工会都制定了详细的活动方案，取得了一定的成效和经验。\n"
    )
    item = outline(text)
    assert headings(item) == ["一、领导重视，组织有力", "二、措施得力，成效显著"]
    assert all(s.run_on for s in item.sections)
    assert item.sections[0].text.startswith("一、领导重视，组织有力领导重视")


def test_run_in_heading_and_heading_cut() -> None:
    assert cut_heading(
        "多为职工办实事、办好事，工会班子成员都能努力学习热心助人，积极广泛听取职工意见和建议，为企业决策提供信息。"
    ) == ("多为职工办实事、办好事，工会班子成员都能努力学习热心助人")
    assert block_heading("任职就要负责，就要承担使命和任务。职责十分重要。") == "任职就要负责，就要承担使命和任务。"
    assert len(block_heading("字" * 60)) == 40
    text = "工作总结\n\n现将工作汇报如下：\n\n(1) 公司每年召开一次职工代表大会。职代会充分发挥民主管理作用。\n\n(2) 逐步建立工资集体协商制度。签订了集体合同。\n"
    assert headings(outline(text)) == ["(1) 公司每年召开一次职工代表大会。", "(2) 逐步建立工资集体协商制度。"]


def test_one_sentence_items_stay_whole() -> None:
    item_text = "三、进一步完善了职工之家，在项目部新建职工之家两个，职工书屋三个，还配备了室外健身器材，丰富了一线职工的业余文化生活。"
    text = (
        f"述职报告\n\n现将一年来的工作述职如下：\n\n一、组织了元宵节灯展。\n\n二、组织参加篮球赛五次。\n\n{item_text}\n"
    )
    item = outline(text)
    assert headings(item)[-1] == item_text
    assert all(s.is_item for s in item.sections)


# --- unmarked blocks, opening, closing -----------------------------------------------------


def test_report_without_numbering_becomes_blocks() -> None:
    text = (
        "工会干部心得体会\n\n〔X〕年3月，我被任命为工会主席。\n\n如何做一名合格的工会干部，是我一直思考的课题，今天与大家分享，请大家指正。\n\n"
        "任职就要负责，就要承担使命和任务。职责无论对一个组织还是对一个干部来说都十分重要，有了职责才能忘我工作。\n\n"
        "热情是干好工作的动力，有了热情，才会全身心投入，才能始终保持旺盛的工作斗志和昂扬的精神状态。\n\n"
        "在今后的工作中，我将一如既往地扎实工作。\n"
    )
    item = outline(text)
    check_partition(item)
    assert headings(item) == ["任职就要负责，就要承担使命和任务。", "热情是干好工作的动力，有了热情，才会全身心投入"]
    assert not any(s.marked for s in item.sections)
    assert len(item.opening) == 2 and len(item.closing) == 1


def test_item_lists_under_unheaded_blocks() -> None:
    text = (
        "上半年工作总结\n\n现将上半年工作完成情况汇报如下：\n\n始终把学习型机关建设作为一项战略任务，不断提高干部素质。\n\n"
        "一是组织支部书记专题培训。\n\n二是抓好中心组学习。\n\n着眼于夯实基层基础，推进工作创新。\n\n"
        "一是创新三会一课制度。\n\n二是发展一批新党员。\n"
    )
    item = outline(text)
    check_partition(item)
    assert [(s.heading, s.marked, [c.heading for c in s.children]) for s in item.sections] == [
        (
            "始终把学习型机关建设作为一项战略任务，不断提高干部素质。",
            False,
            ["一是组织支部书记专题培训。", "二是抓好中心组学习。"],
        ),
        ("着眼于夯实基层基础，推进工作创新。", False, ["一是创新三会一课制度。", "二是发展一批新党员。"]),
    ]


def test_salutation_lead_and_signoff() -> None:
    item = outline_report(load_samples([DATA / "personal_speech.txt"]).reports[0])
    check_partition(item)
    assert [p.text for p in item.opening][:2] == ["各位领导、同志们：", "大家好！"]
    assert headings(item) == ["一、加强学习，提高素质。", "二、履职尽责，服务职工。", "三、廉洁自律，树立形象。"]
    assert [p.text[:5] for p in item.closing] == ["以上是我的", "谢谢大家！"]
    assert item.report.kind == "personal"


def test_blocks_after_the_numbered_layer() -> None:
    body = "组织职工参加活动，" * 6 + "效果良好。"
    text = (
        "述职报告\n\n现将工作述职如下：\n\n"
        f"一、负责组织元宵节灯展。{body}\n\n二、组织参加篮球赛。{body}\n\n三、组织摄影比赛。{body}\n\n"
        "我能够自觉遵守廉洁自律的各项规定，加强学习，以身作则，率先垂范，把心思和精力集中到工会工作上来，做到敬业勤政、廉洁奉公。\n\n"
        "尽管我勤勤恳恳开展工作，但还存在一些问题和不足，主要有学习的力度还不够，对工作的深入研究还不够，工作方式比较保守。\n\n"
        "多谢大家！\n"
    )
    item = outline(text)
    check_partition(item)
    assert [(s.marked, s.heading[:6]) for s in item.sections] == [
        (True, "一、负责组织"),
        (True, "二、组织参加"),
        (True, "三、组织摄影"),
        (False, "我能够自觉遵"),
        (False, "尽管我勤勤恳"),
    ]
    assert [p.text for p in item.closing] == ["多谢大家！"]


# --- docx --------------------------------------------------------------------------------


def test_docx_heading_styles_give_the_levels(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("某某医院工会2024年工作总结", 0)
    document.add_paragraph("今年医院工会认真履行职责，现将主要工作总结如下：")
    document.add_heading("加强民主管理", 1)
    document.add_heading("开好职代会", 2)
    document.add_paragraph("召开职工代表大会，审议通过了院务公开办法。")
    document.add_heading("关心职工生活", 1)
    document.add_paragraph("慰问困难职工二十户，组织职工体检。")
    path = tmp_path / "医院.docx"
    document.save(str(path))
    item = outline_report(load_samples([path]).reports[0])
    check_partition(item)
    assert tree(item) == [(1, "加强民主管理"), (2, "开好职代会"), (1, "关心职工生活")]
    assert item.sections[0].style == "heading1"


# --- JSON contract ---------------------------------------------------------------------------


def test_to_json_follows_the_contract() -> None:
    corpus = load_samples([SAMPLES])
    outlined = outline_corpus(corpus)
    document = to_json(outlined)
    json.dumps(document, ensure_ascii=False)
    assert set(document) == {"reports"}
    assert len(document["reports"]) == 10
    first = document["reports"][0]
    assert set(first) == {"source", "index", "title", "kind", "duplicate_of", "sections"}
    assert first["source"].endswith("工会领导工作总结大全10篇.txt")
    assert first["sections"][0] == {
        "heading": "一、不断推进学校民主建设",
        "marked": True,
        "category": "其他",
        "level": 1,
    }
    assert document["reports"][9]["duplicate_of"] == 2
    for report in document["reports"]:
        for section in report["sections"]:
            assert set(section) <= {"heading", "marked", "category", "level", "umbrella"}
            assert section["level"] >= 1
    classify_outlines(outlined[:1])
    categorized = to_json(outlined[:1])
    assert [s["category"] for s in categorized["reports"][0]["sections"] if s["level"] == 1] == [
        "民主建设",
        "队伍建设",
        "生活保障",
        "文体活动",
    ]
    for top in outlined[0].sections:
        for child in top.children:
            assert child.category == "其他"  # only parts are classified; the JSON gives children their part's
    children = [s for s in categorized["reports"][0]["sections"] if s["level"] == 2]
    assert children and all(c["category"] == "民主建设" for c in children[:1])


def test_sample_outline_partitions_every_report() -> None:
    for item in outline_corpus(load_samples([SAMPLES])):
        check_partition(item)
        assert item.sections, item.report.index


# --- robustness -----------------------------------------------------------------------------

NOISY = st.text(
    alphabet=st.sampled_from(
        list("一二三四十是、，。；：（）()“”《》1234567890.工会职作总结我们开展活动学习第首先①②□xX* \n")
    ),
    max_size=400,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOISY)
def test_outline_never_crashes(text: str) -> None:
    try:
        corpus = corpus_from_text(text)
    except SampleError:
        return
    outlined = outline_corpus(corpus)
    for item in outlined:
        check_partition(item)
        for top in item.sections:
            assert top.level == 1
            for section in top.walk():
                assert section.heading or not section.paragraphs[0].text
                for child in section.children:
                    assert child.level == section.level + 1
    json.dumps(to_json(outlined), ensure_ascii=False)


def test_colon_and_spaced_titles() -> None:
    text = (
        "工会工作总结\n\n现将一年来的工作总结如下：\n\n"
        "（一）加强自身建设，提高工作能力\n\n"
        "1、思想建设：一年来，坚持组织职工学习工会法和相关政策，职工的法律意识明显增强，队伍更加团结。\n\n"
        "2、队伍建设。选派工会干部参加培训，提高了工会干部的业务水平。\n\n"
        "（二）关心职工生活 春节前后工会走访慰问了生病住院和家庭困难的职工，为他们送去慰问金和生活用品，职工很受感动。\n"
    )
    assert tree(outline(text)) == [
        (1, "（一）加强自身建设，提高工作能力"),
        (2, "1、思想建设"),
        (2, "2、队伍建设。"),
        (1, "（二）关心职工生活"),
    ]


def test_traditional_characters() -> None:
    text = (
        "學校工會年度工作總結\n\n"
        "尊敬的各位領導：\n\n"
        "今年以來，學校工會在黨支部的領導下認真履行職責，現將全年工作匯報如下：\n\n"
        "壹、推進民主管理\n\n召開教職工代表大會，審議通過了績效考核辦法。\n\n"
        "貳、關心教職工生活\n\n走訪慰問困難教職工，組織全體教職工參加健康體檢。\n\n"
        "總之，一年來我們做了一些工作，感謝各位領導的支持！\n"
    )
    item = outline(text)
    check_partition(item)
    assert item.report.title == "学校工会年度工作总结"  # converted to simplified script first
    assert headings(item) == ["壹、推进民主管理", "贰、关心教职工生活"]
    assert len(item.opening) == 2 and item.closing[0].text.startswith("总之")
    assert item.report.unit_type == "school"


@pytest.mark.parametrize(
    ("text", "number"),
    [("6、2025年工作思路", 6), ("3、2026年打算", 3), ("2. 加强自身建设", 2)],
)
def test_a_numbered_heading_may_start_with_a_year(text: str, number: int) -> None:
    from drafter.learn.markers import parse_marker

    marker = parse_marker(text)
    assert marker is not None and marker.style == "num" and marker.number == number


@pytest.mark.parametrize("text", ["1.5万元用于慰问", "2.3%的增长"])
def test_a_decimal_is_not_a_heading_marker(text: str) -> None:
    from drafter.learn.markers import parse_marker

    marker = parse_marker(text)
    assert marker is None or marker.style != "num"
