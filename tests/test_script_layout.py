"""Script normalisation and layout damage, the first steps every sample line goes through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafter.learn.corpus.layout import drop_page_debris, resplit_flattened
from drafter.learn.corpus.reports import CorpusStats
from drafter.learn.corpus.sampleio import Line
from drafter.learn.corpus.script import drop_glosses, normalise_script


def test_traditional_becomes_simplified_phrase_by_phrase() -> None:
    assert normalise_script("教職工代表大會審議通過") == "教职工代表大会审议通过"
    assert normalise_script("乾淨的職工食堂") == "干净的职工食堂"
    assert normalise_script("乾坤") == "乾坤"  # a word that keeps its character


def test_pinyin_glosses_are_dropped_and_other_brackets_kept() -> None:
    assert normalise_script("醫(yī)院") == "医院"
    assert drop_glosses("工会（huì）组织") == "工会组织"
    assert drop_glosses("职工代表大会(dà huì)制度") == "职工代表大会制度"
    assert drop_glosses("学校(xue2 xiao4)") == "学校"
    for kept in (
        "开通VIP(VIP)通道",
        "另存为(PDF)格式",
        "第(1)项",
        "甲组(a)",
        "慰问(共20户)",
        "比赛（A组）",
        "无线网络(wifi)",
    ):
        assert drop_glosses(kept) == kept


SYLLABLES = st.sampled_from(["yī", "yuàn", "gōng", "huì", "zhí", "dài", "biǎo", "lǚ", "xiao4", "ér"])


@given(st.lists(SYLLABLES, min_size=1, max_size=3), st.sampled_from(["()", "（）"]))
def test_any_gloss_after_a_character_goes(syllables: list[str], brackets: str) -> None:
    text = "召开职" + brackets[0] + " ".join(syllables) + brackets[1] + "代会"
    assert drop_glosses(text) == "召开职代会"


@given(st.text(alphabet=st.characters(blacklist_characters="(（"), max_size=60))
def test_text_without_brackets_keeps_its_glosses_pass(text: str) -> None:
    assert drop_glosses(text) == text


def lines(*texts: str) -> list[Line]:
    return [Line(t, n) for n, t in enumerate(texts, 1)]


def test_page_numbers_go_as_lines_and_inside_lines() -> None:
    stats = CorpusStats()
    kept = drop_page_debris(
        lines("- 3 -", "第 2 页 共 5 页", "2/5", "12", "开展活动 - 4 - 效果良好。", "共3页 第1页"), stats
    )
    assert [line.text for line in kept] == ["开展活动 效果良好。"]
    assert stats.noise == {"page_number": 6}


def test_download_notices_go_but_union_words_stay() -> None:
    stats = CorpusStats()
    kept = drop_page_debris(
        lines(
            "1. 本文档由用户上传，仅供交流。",
            "发展会员三十人，会员档案齐全。",
            "建立职工电子文库，方便职工学习。",
            "全年组织培训六期。开通VIP会员即可免费下载。参训职工三百人。",
        ),
        stats,
    )
    assert [line.text for line in kept] == [
        "发展会员三十人，会员档案齐全。",
        "建立职工电子文库，方便职工学习。",
        "全年组织培训六期。参训职工三百人。",
    ]
    assert stats.noise == {"download_notice": 2}


def test_flattened_line_is_split_only_at_markers_in_sequence() -> None:
    body = "组织职工开展了形式多样的活动，参与面广，效果良好，职工普遍满意。"
    flat = f"某厂工会工作总结 今年工作有序推进。一、民主管理 {body}二、关心职工 {body}（一）送温暖。（二）助学。三、文体活动 {body}"
    out = [line.text for line in resplit_flattened(lines(flat))]
    assert out == [
        "某厂工会工作总结",
        "今年工作有序推进。",
        f"一、民主管理 {body}",
        f"二、关心职工 {body}",
        "（一）送温暖。",
        "（二）助学。",
        f"三、文体活动 {body}",
    ]
    prose = "我们做到了一、二、三条要求，" + body * 8  # 一、 not after a sentence end, no sequence
    assert [line.text for line in resplit_flattened(lines(prose))] == [prose]
    short = "一、民主管理。二、关心职工。三、文体活动。"  # too short to be a flattened report
    assert [line.text for line in resplit_flattened(lines(short))] == [short]


PIECES = st.sampled_from(
    [
        "一、",
        "二、",
        "三、",
        "（一）",
        "（二）",
        "1、",
        "2、",
        "一是",
        "二是",
        "。",
        "，",
        "；",
        " ",
        "工会",
        "职工",
        "活动",
        "总结",
    ]
)


@given(st.lists(PIECES, min_size=40, max_size=120))
def test_resplitting_never_loses_or_reorders_text(pieces: list[str]) -> None:
    text = "".join(pieces).strip()
    if not text:
        return
    out = resplit_flattened(lines(text))
    assert "".join(line.text for line in out).replace(" ", "") == text.replace(" ", "")
    assert all(line.text == line.text.strip() and line.text for line in out)


def test_an_enumeration_inside_a_long_paragraph_stays_one_paragraph() -> None:
    paragraph = (
        "今年工会围绕中心工作做了大量工作，主要有：（1）组织职工参加业务培训和技能竞赛，提高职工素质；"
        "（2）开展送温暖活动，走访慰问困难职工和退休职工；（3）举办职工运动会和迎新年联欢会，丰富职工生活；"
        "（4）推进厂务公开，落实职工的知情权和监督权。"
    )
    assert len(paragraph) >= 120
    assert [line.text for line in resplit_flattened(lines(paragraph))] == [paragraph]
