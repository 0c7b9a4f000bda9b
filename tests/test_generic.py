"""Genericity by evidence (drafter.learn.generic): a learned phrase must be generic word by word and claim nothing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.learn.generic import Evidence, content_words, generic_words, why_not_generic

NO_EVIDENCE = Evidence(())


@pytest.mark.parametrize(
    "phrase",
    [
        "{{ 本会 }}在{{ 领导 }}的领导下，围绕{{ 单位称 }}中心工作，认真履行基本职能，服务广大{{ 职工 }}。",
        "{{ 职工 }}参与民主管理的积极性不断提高。",
        "推进民主管理，维护{{ 职工 }}权益",
        "现将一年来的工作总结如下：",
        "丰富多彩的活动增强了{{ 职工 }}队伍的凝聚力和向心力。",
        "在肯定成绩的同时，我们也清醒地看到，工作中还存在一些问题和不足：",
    ],
)
def test_generic_phrases_pass_on_the_shipped_vocabulary_alone(phrase: str) -> None:
    assert why_not_generic(phrase, NO_EVIDENCE) is None


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("一年来，我在{{ 领导 }}的正确领导下，认真贯彻落实科学发展观，积极完成各项重要任务。", "「科学发展观」"),
        ("我们要体现科学发展的新要求、发挥新作用。", "「科学发展」"),
        ("深入开展党的群众路线教育实践活动，转变作风。", "「群众路线」"),
        ("扎实开展“两学一做”学习教育。", "「两学一做」"),
        ("以迎接党的代表大会胜利召开为契机，开展系列活动。", "「迎接党的代表大会胜利召开」"),
        ("组织{{ 职工 }}为抗震救灾捐款捐物。", "「抗震救灾」"),
        ("工资集体协商工作是今年的重点工作之一。", "「是今年的重点」"),
        ("今年是作风建设的创建年，{{ 本会 }}始终将其作为重点工作。", "「今年是」"),
        ("去年开展建设{{ 职工 }}之家活动以来，{{ 本会 }}干部积极参与。", "「去年」"),
        ("近年来，{{ 本会 }}不断加强自身建设。", "「近年来」"),
        ("使广大居民群众在体育活动中愉悦身心，享受和谐美好的生活。", "「居民群众」"),
        ("引导学生养成良好习惯。", "「学生」"),
        ("开拓创新是一种能力，只有不断创新，才能不断提高，不断发展。", "「是一种能力」"),
        ("尽管我勤勤恳恳、兢兢业业开展工作，但还是难免存在一些问题和不足：", "「勤勤恳恳」"),
        ("自己还有许多地方不尽人意。", "「不尽人意」"),
        ("现将全年来的具体工作情况汇报如下：", "「全年来」"),
        ("{{ 本会 }}深入推进智慧港口建设。", "「港口」"),
        ("举办市直机关{{ 职工 }}运动会。", "「市直」"),
    ],
)
def test_specific_phrases_are_rejected_with_their_reason(phrase: str, reason: str) -> None:
    """The reason names the offending words (its wording may come from drafter.vocab.BANNED)."""
    why = why_not_generic(phrase, NO_EVIDENCE)
    assert why is not None and reason in why


def test_a_word_two_independent_reports_use_is_generic() -> None:
    phrase = "{{ 本会 }}深入推进智慧港口建设。"
    one = Evidence(("甲工会推进智慧港口建设。",))
    two = Evidence(("甲工会推进智慧港口建设。", "乙工会也在做智慧港口的事。"))
    assert why_not_generic(phrase, one) is not None
    assert why_not_generic(phrase, two) is None


def test_template_variables_and_function_words_are_not_content() -> None:
    words = content_words("在{{ 领导 }}的领导下，{{ 本会 }}积极开展工作。")
    assert "领导" in words and "工作" in words
    assert not {"在", "的", "{{", "本会"} & set(words)


def test_the_vocabulary_carries_no_formula_of_an_era_or_foreign_audience() -> None:
    words = generic_words()
    assert len(words) > 800
    for bad in ("科学发展观", "科学发展", "创先争优", "两学一做", "居民", "村民", "学生", "疫情", "世博"):
        assert bad not in words


def test_a_single_character_needs_the_vocabulary() -> None:
    evidence = Evidence(("全局工作", "顾全大局"))  # 局 inside other words of two reports
    assert why_not_generic("局工会坚持服务{{ 职工 }}。", evidence) is not None


_GENERIC_CLAUSES = st.sampled_from(
    [
        "{{ 本会 }}认真履行职责",
        "团结带领广大{{ 职工 }}",
        "各项工作取得了新的进展",
        "进一步增强了{{ 职工 }}的凝聚力",
        "积极开展形式多样的文体活动",
        "切实维护{{ 职工 }}合法权益",
    ]
)
_SPECIFIC = st.sampled_from(
    [
        ("深入贯彻落实科学发展观", "「科学发展观」"),
        ("积极投身创先争优活动", "「创先争优」"),
        ("扎实开展党史学习教育", "「党史学习教育」"),
        ("迎接党的代表大会胜利召开", "「迎接党的代表大会胜利召开」"),
        ("今年是{{ 本会 }}的作风建设年", "「今年是」"),
        ("这是今年的重点工作", "「是今年的重点」"),
        ("近年来工作不断加强", "「近年来」"),
        ("服务广大居民群众", "「居民群众」"),
        ("关心村民生活", "「村民」"),
        ("还有许多不尽人意之处", "「不尽人意」"),
    ]
)


@settings(max_examples=60, deadline=None)
@given(before=st.lists(_GENERIC_CLAUSES, max_size=3), specific=_SPECIFIC, after=st.lists(_GENERIC_CLAUSES, max_size=3))
def test_generic_context_never_hides_a_specific_clause(
    before: list[str], specific: tuple[str, str], after: list[str]
) -> None:
    phrase = "，".join([*before, specific[0], *after]) + "。"
    why = why_not_generic(phrase, NO_EVIDENCE)
    assert why is not None and specific[1] in why, (phrase, why)


@settings(max_examples=40, deadline=None)
@given(clauses=st.lists(_GENERIC_CLAUSES, min_size=1, max_size=4))
def test_generic_clauses_pass_in_any_order(clauses: list[str]) -> None:
    assert why_not_generic("，".join(clauses) + "。", NO_EVIDENCE) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "{{ 年度 }}年是{{ 本会 }}的规范建设年。",
        "与去年相比，{{ 职工 }}参与的热情更高。",
        "{{ 本会 }}首次组织{{ 职工 }}参加技能比武。",
        "{{ 本会 }}荣获先进职工之家称号。",
    ],
)
def test_claims_about_the_year_or_the_unit_are_refused(phrase: str) -> None:
    assert why_not_generic(phrase, NO_EVIDENCE) is not None
