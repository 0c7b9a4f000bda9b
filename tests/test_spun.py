"""Behaviour of the spun-wording detector (drafter.learn.corpus.spun)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.learn.corpus.spun import REPAIR_AT, SpunHit, find_spun, is_spun_heavy, repair, sentence_ok

from .conftest import ROOT

CORPUS = ROOT / "examples" / "samples" / "工会领导工作总结大全10篇.txt"
NUMBERS = "一二三四五六七八九十"
SPUN = ("三", "六", "七", "八", "十")
CLEAN = ("一", "二", "四", "五", "九")


def _reports() -> dict[str, str]:
    """篇一 … 篇十 by number, line breaks removed (as paragraph repair would)."""
    text = CORPUS.read_text(encoding="utf-8")
    titles = list(re.finditer(r"^.*篇([一二三四五六七八九十]+)\s*$", text, re.M))
    out: dict[str, str] = {}
    for k, m in enumerate(titles):
        end = titles[k + 1].start() if k + 1 < len(titles) else len(text)
        out[m.group(1)] = text[m.end() : end].replace("\n", "")
    assert list(out) == list(NUMBERS)
    return out


REPORTS = _reports()

# What repair() must produce in the spun samples (original wording restored).
EXPECTED_REPAIRS: dict[str, tuple[str, ...]] = {
    "三": (
        "积极广泛听取职工意见和建议",
        "决策提供民意信息支持",
        "通过开展职工生日会",
        "积极响应号召",
        "特别是地震",
        "主要有以下几部分内容",
        "单身职工的生活情况，积极组织",
        "体会到自己职责的重大",
        "感谢财务委员",
        "谢谢大家",
    ),
    "六": (
        "我一直在工作中",
        "今日与大家分享",
        "做好自己的本职工作",
        "始终保持昂扬向上",
        "只有有了对工作的热情",
        "具备沟通能力",
        "做到面对面、心贴心",
        "具备一定的观察分析",
        "创新发展能力",
        "多想想自己的不足",
        "包容不同意见",
    ),
    "七": (
        "积极完成各项重要任务",
        "不顾自己生命安危",
        "我一直坚持到最后",
        "党在特殊时期交给的任务",
        "我在特殊时期",
        "积极加入工会",
        "完成情况很好",
        "取得一定成绩",
    ),
    "八": (
        "马克思主义理想信念",
        "保持高度一致",
        "提供了良好的工会工作保障",
        "建议和意见",
        "谢谢大家",
    ),
    "十": (
        "执政能力建设",
        "以改进机关作风",
        "提供了有力保障",
        "完成情况汇述职下",
        "通过区直机关二级中心组学习平台",
        "文明出行劝导",
        "制度内容、形式和方法",
        "周五下午学习",
        "形成了学先进",
        "保持党员干部的作风纯洁",
        "我们通过考核评价",
        "明确工作内容",
        "文明城市创建",
        "创建服务型机关",
        "工作落实情况",
    ),
}

# Ordinary formal Chinese that uses the spun forms legitimately, or the
# originals: none of these may give a hit.
NORMAL: list[str] = [
    "班子成员认真开展批评与自我批评，民主生活会质量明显提高。",
    "工会注重引导职工自我教育、自我管理、自我服务。",
    "经过全体教职工的共同努力，学校工会荣获市级模范职工之家称号。",
    "经过一年的努力，各项工作任务圆满完成。",
    "广大职工发扬开拓进取、敢为人先的精神，圆满完成全年生产任务。",
    "他锐意进取，勇于创新，被评为县级劳动模范。",
    "工会新建了职工资料室和阅览室，购置图书两千余册。",
    "为每位代表发放了学习资料和会议资料。",
    "及时了解困难职工的家庭情况，建立了帮扶档案。",
    "值班人员发现异常情况立即报告，确保了安全生产。",
    "我们必须坚持全心全意依靠工人阶级的根本方针。",
    "坚持以职工为中心，坚持每学期召开一次教代会。",
    "教职工队伍由专任教师、行政人员和工勤人员构成。",
    "组织青年教师排演了校园安全情景剧。",
    "这项工作对于构建和谐劳动关系十分重要。",
    "学校党支部一向重视工会工作，每年听取工会工作汇报。",
    "老职工们对组织的关怀充满感激之情。",
    "我们要始终保持昂扬向上的精神状态，最终实现全年目标。",
    "深入推进供给侧结构性改革，企业经营效益稳步提升。",
    "窗口服务人员做到礼貌待人、热情服务。",
    "激发职工的进取心和创造力，营造比学赶超的良好氛围。",
    "全县仅有两家企业尚未建立工会组织。",
    "演讲比赛的题目由参赛教师自行拟定。",
    "经工会委员会提议，职代会审议通过了该方案。",
    "他凭着一身真本事，在全市技能比武中夺得第一名。",
    "职工们纷纷表示要立足岗位，为实现中国梦贡献力量。",
    "不断改善职工的工作条件和生活条件，推进资源共享。",
    "2015年，他创立了职工创新工作室。",
    "由于天气异常炎热，工会为一线职工送去防暑降温用品。",
    "最终，公司代表队获得团体第一名。",
]


@pytest.mark.parametrize("number", SPUN)
def test_spun_samples_are_found_and_repaired(number: str) -> None:
    text = REPORTS[number]
    hits = find_spun(text)
    assert len(hits) >= 10
    fixed = repair(text)
    for phrase in EXPECTED_REPAIRS[number]:
        assert phrase in fixed, phrase
    # nothing confident is left, and the repaired text no longer reads as spun
    assert all(h.confidence < REPAIR_AT for h in find_spun(fixed))
    assert is_spun_heavy(text)
    assert not is_spun_heavy(fixed)


@pytest.mark.parametrize("number", CLEAN)
def test_unspun_samples_give_no_hit(number: str) -> None:
    text = REPORTS[number]
    assert find_spun(text) == []
    assert repair(text) == text
    assert not is_spun_heavy(text)


@pytest.mark.parametrize("sentence", NORMAL)
def test_normal_formal_chinese_gives_no_hit(sentence: str) -> None:
    assert find_spun(sentence) == []
    assert repair(sentence) == sentence
    assert sentence_ok(sentence)


def test_enough_normal_sentences() -> None:
    assert len(NORMAL) >= 20


@pytest.mark.parametrize(
    ("legit", "spun", "original"),
    [
        ("开展批评与自我批评", "做好自我的本职工作", "自己"),
        ("经过努力，任务圆满完成", "经过开展职工生日会，增进了交流", "通过"),
        ("发扬开拓进取精神", "进取参加各项活动", "积极"),
        ("发现异常情况及时报告", "异常是困难职工家庭", "特别"),
        ("组织学习资料", "制度资料、形式和方法", "内容"),
        ("队伍由三部分人员构成", "构成了比学赶超的良好氛围", "形成"),
        ("坚持每月召开一次例会", "坚持蓬勃向上的精神状态", "保持"),
        ("最终目标是全员入会", "坚持到最终", "最后"),
        ("心存感激之情", "感激各位领导的支持", "感谢"),
        ("学校一向重视工会工作", "我一向在工作中思考", "一直"),
        ("必须坚持依法治会", "取得必须成绩", "一定"),
        ("练就一身真本事", "提高执政本事", "能力"),
        ("推进供给侧改革", "供给了有力保障", "提供"),
        ("做到文明礼貌、礼貌待人", "开展礼貌城市创建", "文明"),
        ("排演了安全情景剧", "工作完成情景汇报如下", "情况"),
        ("这项工作十分重要", "在十分时期完成任务", "特殊"),
    ],
)
def test_context_rules_separate_legit_from_spun(legit: str, spun: str, original: str) -> None:
    assert find_spun(legit) == []
    hits = find_spun(spun)
    assert len(hits) == 1
    assert hits[0].original == original
    assert hits[0].confidence >= REPAIR_AT
    assert original in repair(spun)


def test_hit_fields_point_into_the_text() -> None:
    text = "我们进取参加，并供给了有力保障。"
    hits = find_spun(text)
    assert [(h.found, h.original) for h in hits] == [("进取", "积极"), ("供给", "提供")]
    for h in hits:
        assert isinstance(h, SpunHit)
        assert text[h.start : h.end] == h.found
        assert 0 < h.confidence <= 1
    assert repair(text) == "我们积极参加，并提供了有力保障。"


def test_low_confidence_hit_is_not_repaired_and_fails_sentence_ok() -> None:
    sentence = "他的进取让人敬佩。"  # 进取 alone: possibly spun for 积极, not sure
    hits = find_spun(sentence)
    assert len(hits) == 1 and hits[0].confidence < REPAIR_AT
    assert repair(sentence) == sentence
    assert not sentence_ok(sentence)


def test_confident_hit_is_repairable_so_sentence_is_ok() -> None:
    sentence = "工会进取组织职工参加活动。"
    assert not sentence_ok("他的进取让人敬佩。")
    assert sentence_ok(sentence)
    assert sentence_ok(repair(sentence))


def test_one_odd_word_is_not_spun_heavy() -> None:
    text = REPORTS["一"] + "工会进取组织职工参加活动。"
    assert len(find_spun(text)) == 1
    assert not is_spun_heavy(text)


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("进取异常本事供给礼貌情景资料构成自我十分时期经过坚持最终感激一向必须的了，。")),
        max_size=60,
    )
)
def test_find_and_repair_handle_any_text(text: str) -> None:
    hits = find_spun(text)
    for a, b in itertools.pairwise(hits):
        assert a.end <= b.start
    for h in hits:
        assert text[h.start : h.end] == h.found
    fixed = repair(text)
    assert isinstance(fixed, str)
    assert all(isinstance(sentence_ok(s), bool) for s in fixed.split("。"))
