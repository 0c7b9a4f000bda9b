"""Behaviour of the fact spotter (drafter.learn.facts.spot).

Three kinds of evidence:

* the bundled samples: the names, 《titles》 and numbers with units that a
  reader finds in them are spotted in context;
* generic formal sentences (written for this test, not copied from the
  samples) pass ``why_not_generic``, and fact-carrying phrases (also written
  for this test, with other names, places and organisations than the
  samples) are rejected with the right reason;
* properties: ``why_not_generic`` never raises, and a phrase with a digit is
  never generic.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.learn.facts import patterns as factpatterns
from drafter.learn.facts import spot as factspot
from drafter.learn.facts.patterns import FactSpan
from drafter.learn.facts.spot import spot_facts, why_not_generic
from drafter.learn.facts.tokens import rare_proper_nouns, sample_fact_tokens

from .conftest import ROOT

SAMPLES = sorted((ROOT / "examples" / "samples").glob("*.txt"))
CORPUS = ROOT / "examples" / "samples" / "工会领导工作总结大全10篇.txt"

# The personal names a reader finds in the samples (full names only).
SAMPLE_NAMES = ("吴甦", "刘永胜", "李青山", "于丽娜", "郭丽霞", "赵红云", "刘彩霞", "申运虹", "米继萍", "肖明阳")


@pytest.fixture(scope="module")
def corpus() -> str:
    return CORPUS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reports(corpus: str) -> list[str]:
    parts = re.split(r"\n工会领导工作总结篇[一二三四五六七八九十]+\n", corpus)
    return [p for p in parts[1:] if p.strip()]


@pytest.fixture(scope="module")
def corpus_spans(corpus: str) -> list[FactSpan]:
    return spot_facts(corpus)


# ---------------------------------------------------------------------------
# The samples


def test_sample_file_is_there() -> None:
    assert SAMPLES, "examples/samples/*.txt is missing"


def test_names_in_the_samples_are_spotted(corpus: str, corpus_spans: list[FactSpan]) -> None:
    persons = [s for s in corpus_spans if s.kind == "person"]
    mentions = found = 0
    missed: list[str] = []
    for name in SAMPLE_NAMES:
        for m in re.finditer(re.escape(name), corpus):
            mentions += 1
            if any(s.start <= m.start() and m.end() <= s.end for s in persons):
                found += 1
            else:
                missed.append(name)
    assert mentions >= 14
    assert found / mentions >= 0.8, f"recall {found}/{mentions}, missed {missed}"


def test_person_spans_in_the_samples_are_names(corpus_spans: list[FactSpan]) -> None:
    persons = {s.text for s in corpus_spans if s.kind == "person"}
    others = {"李景涛", "刘春霞", "樊攀", "滑明杰", "郭玉明", "王强", "刘老师"}  # names beyond the ten above
    wrong = persons - set(SAMPLE_NAMES) - others
    assert not wrong, f"not names: {sorted(wrong)}"


def test_every_title_is_found(corpus: str, corpus_spans: list[FactSpan]) -> None:
    titles = [s for s in corpus_spans if s.kind == "title"]
    assert len(titles) == corpus.count("《")
    assert {"《工会法》", "《吴甦访谈录》", "《教师业绩考核办法》"} <= {s.text for s in titles}


def test_numbers_with_units_are_found(corpus_spans: list[FactSpan]) -> None:
    numbers = {s.text for s in corpus_spans if s.kind == "number"}
    assert {"36次", "98人次", "1960人次", "585963元", "300余万元", "400多名", "98%", "150吨"} <= numbers


def test_chinese_counts_dates_and_congresses_are_found(corpus_spans: list[FactSpan]) -> None:
    by_kind: dict[str, set[str]] = {}
    for s in corpus_spans:
        by_kind.setdefault(s.kind, set()).add(s.text)
    assert {"十讲", "五讲", "五项", "三位", "第五届"} <= by_kind["count"]
    assert {"12月23日", "五月份", "2013-2014学年", "3月21日"} <= by_kind["date"]
    assert {"十八大", "十八届三中全会", "十五届三中全会"} <= by_kind["year_ref"]
    assert {"201*", "**", "xxxx", "20xx"} <= by_kind["placeholder"]


def test_organisations_and_places_in_the_samples(corpus_spans: list[FactSpan]) -> None:
    orgs = {s.text for s in corpus_spans if s.kind == "org"}
    places = {s.text for s in corpus_spans if s.kind == "place"}
    assert {"县教育工会", "区纪委", "市总工会", "县委宣传部", "县总工会", "县教育局", "区直机关工委"} <= orgs
    assert {"河北省", "东湖公园", "陀烈村", "米东区", "二钢社区", "新加坡"} <= places
    # Common words that contain a level or place character are not places or organisations.
    assert not {"社区", "城市", "全县", "农村", "山区", "乡镇", "区机关干部"} & (orgs | places)


def test_spans_point_into_the_text(corpus: str, corpus_spans: list[FactSpan]) -> None:
    assert corpus_spans == sorted(corpus_spans, key=lambda s: (s.start, -s.end, s.kind))
    for s in corpus_spans:
        assert s.kind in factpatterns.KINDS
        assert corpus[s.start : s.end] == s.text
    flat = [s for s in corpus_spans if s.kind not in ("title", "quoted")]
    for a, b in itertools.pairwise(flat):
        assert a.end <= b.start, (a, b)


def test_list_markers_are_not_numbers() -> None:
    spans = spot_facts("1、加强组织建设。\n(2) 完善制度。", lexical=False)
    assert not [s for s in spans if s.kind == "number"]


# ---------------------------------------------------------------------------
# Generic or not

GENERIC = [
    "坚持开展丰富多彩的文体活动，是工会常抓的重要工作之一。",
    "现将一年来的工作总结如下：",
    "切实维护{{ 职工 }}的合法权益",
    "一年来，在上级工会和党组织的正确领导下，我们认真履行工会各项职能。",
    "一是加强组织建设，二是完善规章制度，三是强化服务意识。",
    "进一步健全{{ 职代会 }}制度，推进民主管理。",
    "开展了一系列形式多样、内容丰富的活动。",
    "深入一线走访慰问困难职工，把党和政府的温暖送到职工心坎上。",
    "统一思想，提高认识，切实增强做好工会工作的责任感和使命感。",
    "取得了一定的成绩，但也存在一些不足。",
    "全体会员积极参与，各项工作有序推进。",
    "多次召开工会委员会会议，研究部署年度重点工作。",
    "今年，我们继续加强{{ 公开 }}工作，增强了管理的透明度。",
    "全年工作总体平稳，职工满意度不断提升。",
    "组织{{ 职工 }}参加年度健康体检，关心职工身心健康。",
    "在新的一年里，我们将继续努力，开拓创新，把工会工作推向新的台阶。",
    "积极开展困难职工帮扶工作，做到底数清、情况明。",
    "发挥工会组织的桥梁和纽带作用，凝聚人心，汇聚力量。",
    "坚持以人为本，全心全意为职工群众服务。",
    "加强工会干部队伍建设，不断提高服务能力和工作水平。",
    "认真落实女职工特殊劳动保护规定，维护女职工合法权益。",
    "发展了一批新会员，工会组织不断壮大。",
    "以上是我一年来的工作情况，不妥之处，请大家批评指正。",
    "存在的主要问题是：工作创新不够，服务手段比较单一。",
    "下一步，我们将着力抓好以下几项工作。",
    "广泛开展劳动竞赛和技术比武活动，激发职工的工作热情。",
    "充分发挥{{ 职代会 }}在民主管理中的重要作用。",
    "关心离退休职工的生活，定期走访慰问。",
    "全面贯彻落实上级工会的各项工作部署。",
    "以身作则，率先垂范，廉洁自律。",
    "与兄弟单位开展友谊比赛，增进了交流与合作。",
    "千方百计为职工办实事、办好事、解难事。",
    "始终把职工的利益放在第一位。",
    "每学期召开一次{{ 职代会 }}，审议{{ 单位称 }}的重大事项。",
    "十分重视工会工作，多次听取工会工作汇报。",
    "送温暖活动覆盖千家万户。",
    "在{{ 领导 }}的正确领导下，{{ 本会 }}各项工作取得了新进展。",
    "弘扬劳模精神、劳动精神和工匠精神。",
    "荣获上级工会授予的先进集体称号。",
    "安全生产责任制得到有效落实，全年未发生重大安全事故。",
    "发扬雷锋精神，积极参加志愿服务活动。",
    "定期召开民主生活会，开展批评与自我批评。",
    "组织职工开展拔河、跳绳、象棋等趣味比赛。",
    "在春节、中秋等传统节日期间，开展送温暖活动。",
    "明年，工会将围绕中心、服务大局，努力开创工作新局面。",
]

# (phrase, the reason expected; a reason ending in 「 is a prefix)
FACTS = [
    ("一年来共组织集体业务学习36次", "含数字"),
    ("上课教师达98人次", "含数字"),
    ("投入资金2.5万元用于职工之家建设", "含数字"),
    ("收看专家讲座十讲", "含中文数量词「十讲」"),
    ("先后进行了五项竞赛", "含中文数量词「五项」"),
    ("三位教师参加了演讲比赛", "含中文数量词「三位」"),
    ("先后两次到困难职工家中慰问", "含中文数量词「两次」"),
    ("承办了第五届职工文化艺术节", "含中文数量词「第五届」"),
    ("投入资金二十万元改善职工之家", "含中文数量词「二十万元」"),
    ("会员入会率达到百分之百", "含数字"),
    ("张建国同志任活动领导小组组长", "含人名「张建国」"),
    ("王丽、李红梅等老师作了专题讲座", "含人名「王丽」"),
    ("陈老师喜获一等奖", "含人名「陈老师」"),
    ("工会主席孙志刚主持会议", "含人名「孙志刚」"),
    ("刘伟、张敏两位同志被评为优秀工会积极分子", "含人名「刘伟」"),
    ("在县教育工会的领导下，认真履行职能", "含机构名「县教育工会」"),
    ("配合区纪委开展明察暗访", "含机构名「区纪委」"),
    ("完成了市总工会交给的任务", "含机构名「市总工会」"),
    ("县委宣传部、县总工会联合下发文件", "含机构名「县委宣传部」"),
    ("按照县委县政府的统一部署", "含机构名「县委县政府」"),
    ("在宏达机械有限公司举办联谊活动", "含机构名「宏达机械有限公司」"),
    ("组织教师参加湖南省骨干教师培训", "含地名「湖南省」"),
    ("组织职工赴桂林旅游", "含地名「桂林」"),
    ("在石门村开展结对帮扶工作", "含地名「石门村」"),
    ("全县共悬挂横幅标语", "含地名「全县」"),
    ("认真学习《工会法》等法律法规", "含书名号"),
    ("制定了《职工代表大会实施细则》", "含书名号"),
    ("开展“书香校园”读书活动", "含引号名称"),
    ("xx年3月，我被任命为工会主席", "含占位符"),
    ("在**县教育局的指导下开展工作", "含占位符"),
    ("〔X〕公司工会认真履行职责", "含占位符"),
    ("在某某同志的带领下", "含占位符"),
    ("认真学习党的十八大精神", "含年份/届次「十八大」"),
    ("深入学习十九届四中全会精神", "含年份/届次「十九届四中全会」"),
    ("围绕十三五规划目标，扎实推进各项工作", "含年份/届次「"),
    ("五月份组织职工春游", "含日期「五月份」"),
    ("为x校的发展贡献力量", "含占位符"),
    ("围绕六大重点任务开展工作", "含中文数量词「六大」"),
    ("在朝阳社区开展义诊活动", "含地名「朝阳社区」"),
    ("副主席何振华作总结发言", "含人名「何振华」"),
    ("今年三月被评为先进单位", "含日期「三月」"),
]


@pytest.mark.parametrize("phrase", GENERIC)
def test_generic_sentences_are_generic(phrase: str) -> None:
    assert why_not_generic(phrase) is None


@pytest.mark.parametrize(("phrase", "reason"), FACTS)
def test_fact_phrases_are_rejected_with_the_reason(phrase: str, reason: str) -> None:
    got = why_not_generic(phrase)
    assert got is not None
    if reason.endswith("「"):
        assert got.startswith(reason), got
    else:
        assert got == reason


def test_enough_cases() -> None:
    assert len(GENERIC) >= 30 and len(FACTS) >= 30


def test_template_variables_are_ignored() -> None:
    assert why_not_generic("组织{{ 职工 }}参加{{ 单位称 }}的文体活动") is None
    assert why_not_generic("{{ 本会 }}在县总工会的指导下开展工作") == "含机构名「县总工会」"


def test_level_words_assume_a_place() -> None:
    for phrase, word in (
        ("我县各级工会积极参与", "我县"),
        ("区直各单位认真落实", "区直"),
        ("组织省内踏青活动", "省内"),
    ):
        assert why_not_generic(phrase) == f"含地名「{word}」"


def test_rare_proper_nouns_reject_a_phrase() -> None:
    rare = {"星火", "万家乐园"}
    assert why_not_generic("组织职工参加万家乐园联谊活动") is None
    assert (
        why_not_generic("组织职工参加万家乐园联谊活动", rare_proper_nouns=rare)
        == "含只在一份样本中出现的专名「万家乐园」"
    )


# ---------------------------------------------------------------------------
# Corpus-level lists


def test_rare_proper_nouns_of_the_samples(reports: list[str]) -> None:
    rare = rare_proper_nouns(reports)
    assert {"于丽娜", "米继萍", "肖明阳", "四环三步", "陀烈村"} <= rare
    # 篇十 repeats 篇二: what both carry is in two reports, so not rare.
    assert "王强" not in rare
    assert not [t for t in rare if len(t) < 2 or "xx" in t or "*" in t]


def test_rare_means_one_report_only() -> None:
    a = "会上，张明辉同志作了讲话。"
    b = "张明辉的事迹感动了大家。"
    c = "会上，周晓梅同志作了讲话。"
    rare = rare_proper_nouns([a, b, c])
    assert "张明辉" not in rare
    assert "周晓梅" in rare


def test_sample_fact_tokens_of_the_samples(reports: list[str]) -> None:
    tokens = sample_fact_tokens(reports)
    assert tokens == sorted(set(tokens))
    expected = {
        "刘永胜", "米继萍", "赵红云", "36次", "98人次", "300余万元", "《工会法》", "《吴甦访谈录》",
        "四环三步", "大爱无声铸师魂", "县教育工会", "县委宣传部", "河北省", "陀烈村", "十讲", "十八大",
    }  # fmt: skip
    assert expected <= set(tokens), expected - set(tokens)
    # Precision: no common words, placeholders, single digits, dates or bare years.
    forbidden = {"工会", "职工", "学校", "三八", "五一", "七一", "八项规定", "三会一课", "县委", "市委", "2022", "2021"}
    assert not forbidden & set(tokens)
    for t in tokens:
        assert len(t) >= 2, t
        assert not re.fullmatch(r"\d", t)
        assert not re.search(r"xx|\*\*|〔X〕|某某", t) or t.startswith("《"), t
        assert not re.fullmatch(r"\d{1,2}月(\d{1,2}日)?|\d{4}年", t), t


def test_quoted_names_several_samples_use_are_vocabulary() -> None:
    a = "开展“书香飘万家”读书活动，举办“金点子”征集。"
    b = "继续开展“书香飘万家”读书活动。"
    tokens = sample_fact_tokens([a, b])
    assert "金点子" in tokens
    assert "书香飘万家" not in tokens  # two samples: vocabulary, and phrases may keep it
    assert "书香飘万家" not in rare_proper_nouns([a, b])


def test_sample_fact_tokens_catch_a_leak(reports: list[str]) -> None:
    """Every sentence that carries a strong fact has a token in the list, or a digit."""
    tokens = set(sample_fact_tokens(reports))
    for report in reports:
        for span in spot_facts(report, lexical=False):
            if span.kind in ("person", "title") or (span.kind == "place" and len(span.text) >= 3):
                assert span.text in tokens, span


# ---------------------------------------------------------------------------
# Properties

_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.sampled_from(list("县市区村路省镇乡等同志老师校长、，。“”《》{}0123456789xX*〔〕某十一二三五位名次届")),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_why_not_generic_never_raises(text: str) -> None:
    result = factspot._why_not_generic(text, frozenset({"某某社区"}))  # the unguarded function
    assert result is None or isinstance(result, str)
    for s in spot_facts(text):
        assert text[s.start : s.end] == s.text


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.integers(min_value=0, max_value=9), st.integers(min_value=0, max_value=60))
def test_a_digit_is_never_generic(text: str, digit: int, where: int) -> None:
    where = min(where, len(text))
    phrase = text[:where] + str(digit) + text[where:]
    assert why_not_generic(phrase) is not None
