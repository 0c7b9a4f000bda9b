"""The skeleton stage: which sample sentences become template phrases, and how."""

from __future__ import annotations

import pytest

from drafter.learn.corpus.load import corpus_from_text
from drafter.learn.outline import outline_corpus
from drafter.learn.pipeline import _skeleton
from drafter.learn.skeleton import abstract_vocabulary, asserted_topics, strip_marker


@pytest.mark.parametrize(
    ("sample", "template"),
    [
        ("不断推进学校民主建设", "不断推进{{ 单位称 }}民主建设"),
        ("高度重视教工队伍建设", "高度重视{{ 职工 }}队伍建设"),
        ("充分发挥教代会和校务公开的作用", "充分发挥{{ 职代会 }}和{{ 公开 }}的作用"),
        ("我们工会的工作得以顺利开展", "{{ 本会 }}的工作得以顺利开展"),
        ("召开教职工代表大会", "召开{{ 职代会全称 }}"),
        ("庆祝教师节", "庆祝教师节"),  # 教师节 is a holiday, not staff
        ("工会主席带头", "工会主席带头"),
    ],
)
def test_vocabulary_becomes_template_variables(sample: str, template: str) -> None:
    assert abstract_vocabulary(sample) == template


@pytest.mark.parametrize(
    ("heading", "bare"),
    [
        ("一、不断推进民主建设", "不断推进民主建设"),
        ("（二）关心职工生活。", "关心职工生活"),
        ("3. 丰富文化生活", "丰富文化生活"),
    ],
)
def test_strip_marker(heading: str, bare: str) -> None:
    assert strip_marker(heading) == bare


REPORT = """\
某某公司工会2024年工作总结

2024年，公司工会在公司党委和市总工会的领导下，围绕生产经营中心工作，认真履行维护职工权益的基本职责。现将一年来的工作总结如下：

一、推进民主管理，维护职工权益

公司工会始终把民主管理作为工会工作的重要内容，切实维护职工的合法权益。

3月，召开职代会，审议通过《薪酬制度》。

职工参与民主管理的积极性不断提高。

二、举办职工运动会

5月，举办第三届职工运动会，320名职工参加。

全年未发生安全事故，较好地完成了各项任务。

三、关心职工生活，温暖职工人心

春节前，走访慰问困难职工12户。

在此，感谢张明同志的辛勤付出。
"""


@pytest.fixture(scope="module")
def result():
    outlined = outline_corpus(corpus_from_text(REPORT, "样本.txt"))
    from drafter.learn.classify import classify_outlines

    classify_outlines(outlined)
    return _skeleton(outlined, [o.report.text for o in outlined])


def _texts(result, template: str, slot: str) -> list[str]:
    return [p.text for p in result.skeletons["工作总结"].get(template, slot)]


def test_generic_phrases_are_kept_with_provenance(result) -> None:
    assert _texts(result, "民主建设", "标题") == ["推进民主管理，维护{{ 职工 }}权益"]
    assert _texts(result, "民主建设", "结语") == ["{{ 职工 }}参与民主管理的积极性不断提高。"]
    phrase = result.skeletons["工作总结"].get("民主建设", "标题")[0]
    assert phrase.provenance is not None and phrase.provenance.source == "样本.txt"
    opening = _texts(result, "文档", "开头")
    assert opening and all("{{ 领导 }}" in t for t in opening)
    assert "公司党委" not in "".join(opening) and "市总工会" not in "".join(opening)
    assert _texts(result, "文档", "过渡") == ["现将一年来的工作总结如下："]


def test_facts_and_activities_are_rejected(result) -> None:
    kept = " ".join(
        p.text for sk in result.skeletons.values() for slots in sk.slots.values() for ps in slots.values() for p in ps
    )
    for fact in ("薪酬制度", "运动会", "320", "张明", "12户", "未发生安全事故"):
        assert fact not in kept
    reasons = {r.reason for r in result.rejected}
    assert "结语里有具体事实" in reasons  # 全年未发生安全事故…
    assert any("具体活动" in r or "类别" in r for r in reasons)  # 举办职工运动会 is one activity, not a topic


@pytest.mark.parametrize(
    ("phrase", "topics"),
    [
        ("丰富多彩的体育活动增强了{{ 职工 }}的凝聚力。", ("体育",)),
        ("充分发挥{{ 职代会 }}的作用，推进{{ 公开 }}。", ("职代会", "公开")),
        ("{{ 本会 }}的工作得以顺利开展。", ()),
    ],
)
def test_a_phrase_records_the_topics_it_asserts(phrase: str, topics: tuple[str, ...]) -> None:
    assert asserted_topics(phrase) == topics


def test_a_topic_bound_phrase_is_marked_and_followed_by_the_built_in_lines() -> None:
    from drafter.learn.skeleton import Phrase, Provenance, Skeleton
    from drafter.learn.tplwriter import render_files

    sk = Skeleton("工作总结")
    text = "丰富多彩的体育活动增强了{{ 职工 }}的凝聚力。"
    sk.add("文体活动", "结语", Phrase(text, Provenance("a.txt", 1, 3), asserted_topics(text)))
    block = render_files({"工作总结": sk})["工作总结/文体活动.j2"].split("{% set 结语 | choose %}")[1]
    lines = block.split("{% endset %}")[0].strip().splitlines()
    assert lines[0].startswith("【话题：体育】丰富多彩的体育活动")
    assert len(lines) > 1 and all("来源" not in line for line in lines[1:])  # the built-in lines follow


@pytest.mark.parametrize(
    ("sample", "template"),
    [
        ("局工会坚持把关心职工生活作为出发点", "{{ 本会 }}坚持把关心{{ 职工 }}生活作为出发点"),
        ("在县总工会的领导下", "在县总工会的领导下"),  # the superior union stays (and the checker refuses it)
        ("联合局工会开展活动", "联合局工会开展活动"),  # inside a clause it may be another union
        ("以上是厂工会一年来的主要工作", "以上是{{ 本会 }}一年来的主要工作"),
    ],
)
def test_the_union_naming_itself_becomes_a_variable(sample: str, template: str) -> None:
    assert abstract_vocabulary(sample) == template


ACTIVITY_REPORT = """\
某某公司工会2024年工作总结

2024年，公司工会在公司党委的领导下开展工作。现将一年来的工作总结如下：

一、丰富职工文化生活

举办职工篮球赛、拔河比赛和元旦文艺汇演。

丰富多彩的活动增强了职工队伍的凝聚力。
"""


def test_a_lead_that_lists_activities_is_a_fact_not_a_frame() -> None:
    outlined = outline_corpus(corpus_from_text(ACTIVITY_REPORT, "样本.txt"))
    from drafter.learn.classify import classify_outlines

    classify_outlines(outlined)
    result = _skeleton(outlined, [o.report.text for o in outlined])
    assert _texts(result, "文体活动", "引言") == []
    assert any(r.reason == "引言写的是具体活动" and r.text.startswith("举办") for r in result.rejected)


@pytest.mark.parametrize("heading", ["高度重视职工生活保障工作", "认真做好职工生活保障"])
def test_a_heading_that_states_an_attitude_is_not_learned(heading: str) -> None:
    report = REPORT.replace("三、关心职工生活，温暖职工人心", f"三、{heading}")
    outlined = outline_corpus(corpus_from_text(report, "样本.txt"))
    from drafter.learn.classify import classify_outlines

    classify_outlines(outlined)
    result = _skeleton(outlined, [o.report.text for o in outlined])
    assert _texts(result, "生活保障", "标题") == []
    assert any(r.reason == "标题写的是态度，不是所做的工作" for r in result.rejected)


def test_a_transition_that_carries_the_ending_formula_is_not_learned() -> None:
    report = REPORT.replace("现将一年来的工作总结如下：", "现将一年来的工作总结如下，不妥之处，请批评指正：")
    outlined = outline_corpus(corpus_from_text(report, "样本.txt"))
    from drafter.learn.classify import classify_outlines

    classify_outlines(outlined)
    result = _skeleton(outlined, [o.report.text for o in outlined])
    assert _texts(result, "文档", "过渡") == []
    assert any(r.reason == "过渡里夹着结尾的客套话" for r in result.rejected)
