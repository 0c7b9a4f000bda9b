"""drafter.sheet: reading a fact sheet into Facts, and every way it can be wrong.

Sheets are written to real files under tmp_path; errors are checked for their
exact line:col and the key words of their (Chinese) message.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import FactSheetError, Problems, Warning_
from drafter.sheet.facts import CATEGORIES, KINDS, UNIT_TYPES, Facts, Item, When
from drafter.sheet.load import MAX_BYTES, MAX_NODES, MAX_TEXT, load_facts, parse_facts

from .conftest import ROOT

TODAY = dt.date(2025, 12, 30)
BASE = "单位: 某某县第一中学工会\n单位类型: 学校\n年度: 2025\n"  # lines 1-3
CJK = re.compile(r"[\u4e00-\u9fff]")
# Words of PyYAML's own (English) messages, which must never reach the user.
ENGLISH = re.compile(r"found|expected|scanning|parsing|mapping values|could not|while ", re.I)


# ---------------------------------------------------------------------------
# helpers


def write(tmp_path: Path, content: str | bytes, name: str = "facts.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def load(tmp_path: Path, content: str | bytes) -> tuple[Facts, list[Warning_]]:
    return load_facts(write(tmp_path, content), today=TODAY)


def problems(tmp_path: Path, content: str | bytes) -> list[FactSheetError]:
    path = write(tmp_path, content)
    with pytest.raises(Problems) as info:
        load_facts(path, today=TODAY)
    found = info.value.problems
    assert found, "Problems without problems"
    for p in found:
        assert isinstance(p, FactSheetError)
        assert p.location.file == str(path)
        assert CJK.search(p.message), p.message
        assert not ENGLISH.search(p.message), p.message
        assert p.format().startswith(f"错误：{path}:{p.location.line}:{p.location.col}: ")
    return found


def one(tmp_path: Path, content: str | bytes) -> FactSheetError:
    found = problems(tmp_path, content)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def at(p: FactSheetError) -> tuple[int, int]:
    return (p.location.line, p.location.col)


def has(message: str, *words: str) -> bool:
    return all(w in message for w in words)


def warn_texts(warnings: list[Warning_]) -> list[str]:
    return [w.message for w in warnings]


# ---------------------------------------------------------------------------
# a complete sheet

FULL = """\
# 事实表
单位: 某某县第一中学工会
单位类型: 学校
年度: 2025
文种: 述职报告
报告人: 张三
职务: 工会主席
上级工会: 县教育工会
党组织: 校党支部
概况: {会员人数: 268, 职工人数: "270人", 女职工人数: 125, 基层工会数: 3, 入会率: "98.5％"}
总体评价: 一年来，校工会紧紧围绕学校中心工作。
民主建设:
  - 时间: 3月
    活动: 召开“三八”妇女节座谈会
    人数: 45
    成果: 了解女教职工的工作和生活情况
    获奖: [县演讲比赛一等奖, 市优秀组织奖]
  - 推进校务公开，全年公开事项26项。
队伍建设:
  - 时间: 2025-05-20
    活动: 举办青年教师基本功比赛
    人数: "98人次"
    获奖: [县一等奖]
生活保障:
  - 时间: 春节前
    活动: 走访慰问困难教职工
文体活动: []
其他工作:
  - 标题: 加强工会自身建设
    事项:
      - 参加工会主席培训班1期。
      - 时间: 9月至10月
        活动: 整理工会档案
存在不足: 活动形式还比较单一。
明年打算:
  - 进一步规范教代会工作。
  - 丰富教职工业余文化生活。
落款:
  署名: 张三
  日期: 2025年12月25日
"""


def test_full_sheet_holds_every_value(tmp_path: Path) -> None:
    facts, warnings = load(tmp_path, FULL)
    assert facts.source == tmp_path / "facts.yaml"
    assert (facts.unit, facts.unit_type, facts.year, facts.kind) == ("某某县第一中学工会", "学校", 2025, "述职报告")
    assert (facts.reporter, facts.position, facts.parent_union, facts.party_org) == (
        "张三",
        "工会主席",
        "县教育工会",
        "校党支部",
    )
    assert facts.is_personal
    o = facts.overview
    assert (o.members, o.staff, o.women, o.grassroots_unions, o.membership_rate) == (268, 270, 125, 3, "98.5%")
    assert facts.assessment == "一年来，校工会紧紧围绕学校中心工作。"
    assert list(facts.categories) == list(CATEGORIES)
    first, second = facts.items("民主建设")
    assert first == Item(
        pos=first.pos,
        when=When(month=3),
        activity="召开“三八”妇女节座谈会",
        people=45,
        result="了解女教职工的工作和生活情况",
        awards=("县演讲比赛一等奖", "市优秀组织奖"),
    )
    assert (first.pos.line, first.pos.col, first.pos.file) == (13, 5, str(tmp_path / "facts.yaml"))
    assert second.sentence == "推进校务公开，全年公开事项26项。" and second.is_sentence
    assert (second.pos.line, second.pos.col) == (18, 5)
    (team,) = facts.items("队伍建设")
    assert team.when == When(year=2025, month=5, day=20)
    assert team.people == "98人次"
    assert team.awards == ("县一等奖",)
    assert facts.items("生活保障")[0].when == When(text="春节前")
    assert facts.items("文体活动") == ()
    (other,) = facts.other_work
    assert other.title == "加强工会自身建设"
    assert (other.pos.line, other.pos.col) == (29, 5)
    assert other.items[0].sentence == "参加工会主席培训班1期。"
    assert other.items[1].when == When(text="9月至10月")
    assert (other.items[1].pos.line, other.items[1].pos.col) == (32, 9)
    assert facts.shortcomings == ("活动形式还比较单一。",)
    assert facts.plans == ("进一步规范教代会工作。", "丰富教职工业余文化生活。")
    assert facts.signoff is not None
    assert (facts.signoff.name, facts.signoff.date, facts.signoff.explicit_date) == (
        "张三",
        dt.date(2025, 12, 25),
        True,
    )
    # the one warning: 文体活动 is empty
    assert [(w.location.line, w.location.col) for w in warnings] == [(27, 7)]
    assert has(warnings[0].message, "文体活动", "没有填写")
    assert warnings[0].format().startswith("警告：")


def test_defaults(tmp_path: Path) -> None:
    facts, warnings = load(tmp_path, BASE + "民主建设:\n  - 召开教代会。\n")
    assert facts.kind == "工作总结" and not facts.is_personal
    assert facts.reporter is None and facts.overview.is_empty()
    assert facts.signoff is not None
    assert (facts.signoff.name, facts.signoff.date, facts.signoff.explicit_date) == ("某某县第一中学工会", TODAY, False)
    assert facts.other_work == () and facts.shortcomings == () and facts.plans == ()
    assert warnings == []


def test_today_defaults_to_the_build_date(tmp_path: Path) -> None:
    this_year = BASE.replace("2025", str(dt.date.today().year))
    facts, _ = parse_facts((this_year + "民主建设: [x]\n").encode(), tmp_path / "f.yaml")
    assert facts.signoff is not None and facts.signoff.date == dt.date.today()


@pytest.mark.parametrize(
    ("today", "signed"),
    [
        (dt.date(2025, 12, 30), dt.date(2025, 12, 30)),  # in the year: the build day
        (dt.date(2026, 1, 12), dt.date(2026, 1, 12)),  # the January after: the build day
        (dt.date(2026, 2, 3), dt.date(2025, 12, 31)),  # later: the report's own December
        (dt.date(2031, 6, 1), dt.date(2025, 12, 31)),
    ],
)
def test_a_past_years_report_is_signed_in_its_own_year(tmp_path: Path, today: dt.date, signed: dt.date) -> None:
    facts, warnings = parse_facts((BASE + "民主建设: [x]\n").encode(), tmp_path / "f.yaml", today=today)
    assert facts.signoff is not None and (facts.signoff.date, facts.signoff.explicit_date) == (signed, False)
    assert warnings == []
    written, _ = parse_facts((BASE + "民主建设: [x]\n落款:\n  日期: 2025-12-20\n").encode(), "f.yaml", today=today)
    assert written.signoff is not None and written.signoff.date == dt.date(2025, 12, 20)


def test_text_is_stripped_but_otherwise_kept(tmp_path: Path) -> None:
    facts, _ = load(tmp_path, '单位: "  某某工会 , (一) "\n单位类型: 其他\n年度: 2025\n民主建设: ["  a，b  "]\n')
    assert facts.unit == "某某工会 , (一)"
    assert facts.items("民主建设")[0].sentence == "a，b"


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    facts, _ = load(tmp_path, b"\xef\xbb\xbf" + (BASE + "民主建设:\n  - x\n").replace("\n", "\r\n").encode())
    assert facts.unit == "某某县第一中学工会"
    assert facts.items("民主建设")[0].pos.line == 5


@pytest.mark.parametrize("sheet", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_bundled_examples_load_cleanly(sheet: Path) -> None:
    facts, warnings = load_facts(sheet, today=TODAY)
    assert facts.unit and warnings == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_init_sheets_load_cleanly(tmp_path: Path, unit_type: str, kind: str) -> None:
    init_sheet = pytest.importorskip("drafter.sheet.init")
    facts, warnings = load(tmp_path, init_sheet.example_sheet(unit_type, kind, 2025))
    assert (facts.unit_type, facts.kind, facts.year) == (unit_type, kind, 2025)
    assert warnings == []


# ---------------------------------------------------------------------------
# top-level keys


@pytest.mark.parametrize("written", ["2025", '"2025"', "2025年", "'2025年度'", "２０２５"])
def test_year_forms(tmp_path: Path, written: str) -> None:
    facts, _ = load(tmp_path, f"单位: x\n单位类型: 学校\n年度: {written}\n民主建设: [a]\n")
    assert facts.year == 2025


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("1900", ("1900", "1949", "2100")),
        ("2101", ("2101",)),
        ("二〇二五", ("年份", "二〇二五")),
        ("2025.5", ("年份", "数字")),
        ("[2025]", ("年份", "列表")),
        ("2025-01-01", ("年份", "日期")),
        ("", ("必填", "不能为空")),
    ],
)
def test_year_errors(tmp_path: Path, written: str, words: tuple[str, ...]) -> None:
    e = one(tmp_path, f"单位: x\n单位类型: 学校\n年度: {written}\n民主建设: [a]\n")
    assert at(e) == (3, 4 if not written else 5)
    assert has(e.message, "「年度」", "例如 年度: 2025", *words)


def test_unit_type_and_kind_suggest_the_closest(tmp_path: Path) -> None:
    found = problems(tmp_path, "单位: x\n单位类型: 公司\n年度: 2025\n文种: 述职\n报告人: 张三\n")
    assert [at(p) for p in found] == [(2, 7), (4, 5)]
    assert has(found[0].message, "「单位类型」", "公司", "是否想写「企业」", "学校、企业、机关、医院、乡镇街道、其他")
    assert has(found[1].message, "「文种」", "是否想写「述职报告」")


def test_personal_report_needs_reporter_and_wants_position(tmp_path: Path) -> None:
    path = write(tmp_path, BASE + "文种: 述职报告\n民主建设: [a]\n")
    with pytest.raises(Problems) as info:
        load_facts(path, today=TODAY)
    (e,) = info.value.problems
    assert at(e) == (4, 5) and has(e.message, "述职报告", "报告人", "报告人: 张三")
    (w,) = info.value.warnings
    assert (w.location.line, w.location.col) == (4, 5) and has(w.message, "职务", "职务: 工会主席")
    facts, warnings = load(tmp_path, BASE + "文种: 述职报告\n报告人: 张三\n民主建设: [a]\n")
    assert facts.reporter == "张三" and has(warn_texts(warnings)[0], "职务")


def test_missing_required_keys_are_all_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, "民主建设:\n  - a\n")
    assert [at(p) for p in found] == [(1, 1)] * 3
    messages = " ".join(p.message for p in found)
    assert has(messages, "缺少必填项「单位」", "缺少必填项「单位类型」", "缺少必填项「年度」")


def test_required_null_is_an_error(tmp_path: Path) -> None:
    found = problems(tmp_path, "单位:\n单位类型: ~\n年度: 2025\n")
    assert [at(p) for p in found] == [(1, 4), (2, 7)]
    assert has(found[0].message, "「单位」", "不能为空", "单位: 某某县第一中学工会")
    assert has(found[1].message, "「单位类型」", "不能为空")


def test_hash_in_a_value_is_a_comment_and_we_say_so(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设:\n  - 活动: #1号文件学习\n")
    assert at(e) == (5, 8)
    assert has(e.message, "「活动」", "不能为空", "「#」", "注释", "引号")


@pytest.mark.parametrize(
    ("line", "col", "words"),
    [
        ("上级工会: [a, b]", 7, ("「上级工会」", "文字", "列表")),
        ("党组织: {a: b}", 6, ("「党组织」", "文字", "键: 值")),
        ("职务: [工会主席]", 5, ("「职务」", "列表", "去掉开头的「- 」")),
        ("民主建设: 5", 7, ("「民主建设」", "事项列表", "数字 5")),
        ("民主建设: 2025-03-08", 7, ("「民主建设」", "日期")),
        ("存在不足: {a: b}", 7, ("「存在不足」", "列表")),
        ("存在不足: 5", 7, ("「存在不足」", "数字")),
        ("概况: [1, 2]", 5, ("「概况」", "键: 值", "列表")),
        ("概况: 268", 5, ("「概况」", "数字")),
        ("落款: 某某工会", 5, ("「落款」", "署名")),
        ("其他工作: 加强自身建设", 7, ("「其他工作」", "标题")),
        ("总体评价: yes", None, ()),
    ],
)
def test_wrong_types_name_the_key_and_what_was_found(
    tmp_path: Path, line: str, col: int | None, words: tuple[str, ...]
) -> None:
    text = BASE + "民主建设: [a]\n" * ("民主建设" not in line) + line + "\n"
    if col is None:  # any scalar is fine as text
        facts, _ = load(tmp_path, text)
        assert facts.assessment == "yes"
        return
    e = one(tmp_path, text)
    assert at(e) == (text.count("\n"), col)
    assert has(e.message, *words)


# ---------------------------------------------------------------------------
# 概况


def test_overview_counts_and_rate(tmp_path: Path) -> None:
    text = BASE + '概况:\n  会员人数: "268人"\n  职工人数: 300\n  女职工人数: "１２５"\n  入会率: 98.5\n民主建设: [a]\n'
    facts, _ = load(tmp_path, text)
    o = facts.overview
    assert (o.members, o.staff, o.women, o.membership_rate) == (268, 300, 125, "98.5%")


@pytest.mark.parametrize(
    ("written", "shown"),
    [("98.5", "98.5%"), ('"98.5%"', "98.5%"), ("98.5％", "98.5%"), ("100", "100%"), ("96.90", "96.90%")],
)
def test_membership_rate_forms(tmp_path: Path, written: str, shown: str) -> None:
    facts, _ = load(tmp_path, BASE + f"概况:\n  入会率: {written}\n民主建设: [a]\n")
    assert facts.overview.membership_rate == shown


def test_membership_rate_as_a_fraction_warns(tmp_path: Path) -> None:
    facts, warnings = load(tmp_path, BASE + "概况:\n  入会率: 0.985\n民主建设: [a]\n")
    assert facts.overview.membership_rate == "0.985%"
    (w,) = warnings
    assert (w.location.line, w.location.col) == (5, 8) and has(w.message, "98.5%")


def test_overview_errors_are_all_reported(tmp_path: Path) -> None:
    text = (
        BASE
        + "概况:\n"
        + "  会员人数: 300\n"  # 5: more than staff
        + "  职工人数: 200\n"
        + "  女职工人数: -1\n"  # 7
        + "  基层工会数: 2.5\n"  # 8
        + "  入会率: 120%\n"  # 9
        + "  会员数量: 3\n"  # 10
        + "民主建设: [a]\n"
    )
    found = problems(tmp_path, text)
    assert [at(p) for p in found] == [(5, 9), (7, 10), (8, 10), (9, 8), (10, 3)]
    assert has(found[0].message, "「会员人数」（300）", "「职工人数」（200）", "核对")
    assert has(found[1].message, "「女职工人数」", "负数")
    assert has(found[2].message, "「基层工会数」", "整数", "2.5")
    assert has(found[3].message, "「入会率」", "0% 到 100%")
    assert has(found[4].message, "会员数量", "是否想写「会员人数」")


def test_more_women_than_staff(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "概况: {职工人数: 100, 女职工人数: 101}\n民主建设: [a]\n")
    assert at(e) == (4, 24) and has(e.message, "「女职工人数」（101）", "「职工人数」（100）")


@pytest.mark.parametrize("written", ["很多", "268.0", "true", "[1]"])
def test_count_must_be_a_number(tmp_path: Path, written: str) -> None:
    e = one(tmp_path, BASE + f"概况:\n  会员人数: {written}\n民主建设: [a]\n")
    assert at(e) == (5, 9) and has(e.message, "「会员人数」", "268")


# ---------------------------------------------------------------------------
# 事项


@pytest.mark.parametrize(
    ("written", "when"),
    [
        ("3月", When(month=3)),
        ("3月份", When(month=3)),
        ("3月8日", When(month=3, day=8)),
        ("3 月 8 号", When(month=3, day=8)),
        ("2025年3月8日", When(year=2025, month=3, day=8)),
        ("2025年3月", When(year=2025, month=3)),
        ("2025-03-08", When(year=2025, month=3, day=8)),
        ('"2025-03-08"', When(year=2025, month=3, day=8)),
        ("2025-3-8", When(year=2025, month=3, day=8)),
        ("2025/3/8", When(year=2025, month=3, day=8)),
        ("2025.3.8", When(year=2025, month=3, day=8)),
        ("2025-03", When(year=2025, month=3)),
        ("2025.3", When(year=2025, month=3)),
        ("２０２５年３月", When(year=2025, month=3)),
        ("2025-03-08 09:30:00", When(year=2025, month=3, day=8)),
        ("上半年", When(text="上半年")),
        ("春节前", When(text="春节前")),
        ("9月至10月", When(text="9月至10月")),
        ("3月8日前后", When(text="3月8日前后")),
        ('"3.8"', When(text="3.8")),
    ],
)
def test_item_time_forms(tmp_path: Path, written: str, when: When) -> None:
    facts, warnings = load(tmp_path, BASE + f"民主建设:\n  - 时间: {written}\n    活动: 召开座谈会\n")
    assert facts.items("民主建设")[0].when == when
    assert warnings == []


@pytest.mark.parametrize(
    ("written", "col", "words"),
    [
        ("2025-13-40", 9, ("2025-13-40", "1 到 12")),
        ('"2025-02-30"', 9, ("2025年2月没有 30 日", "28 天")),
        ("2月30日", 9, ("2025年2月没有 30 日",)),
        ("2月29日", 9, ("2025年2月没有 29 日",)),
        ("13月", 9, ("没有 13 月",)),
        ("4月31日", 9, ("4月没有 31 日",)),
        ("1900年3月", 9, ("1900", "1949")),
        ("3", 9, ("数字 3",)),
        ("3.8", 9, ("数字 3.8",)),
        ("[3月]", 9, ("列表",)),
        ("yes", 9, ("是/否",)),
    ],
)
def test_item_time_errors(tmp_path: Path, written: str, col: int, words: tuple[str, ...]) -> None:
    e = one(tmp_path, BASE + f"民主建设:\n  - 时间: {written}\n    活动: 召开座谈会\n")
    assert at(e) == (5, col)
    assert has(e.message, "「民主建设」第 1 个事项的「时间」", *words)


def test_item_time_in_another_year_warns(tmp_path: Path) -> None:
    facts, warnings = load(tmp_path, BASE + "民主建设:\n  - 时间: 2024年12月\n    活动: x\n")
    assert facts.items("民主建设")[0].when == When(year=2024, month=12)
    (w,) = warnings
    assert (w.location.line, w.location.col) == (5, 9) and has(w.message, "2024", "2025")


@pytest.mark.parametrize(
    ("written", "people"),
    [
        ("45", 45),
        ('"45"', 45),
        ("45人", 45),
        ("120名", 120),
        ('"98人次"', "98人次"),
        ("98 人次", "98人次"),
        ("１２人", 12),
        ("１２０人次", "120人次"),
    ],
)
def test_people_forms(tmp_path: Path, written: str, people: int | str) -> None:
    facts, warnings = load(tmp_path, BASE + f"民主建设:\n  - 活动: x\n    人数: {written}\n")
    assert facts.items("民主建设")[0].people == people
    assert warnings == []


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("-5", ("负数",)),
        ('"-5人"', ("负数",)),
        ("0", ("不能是 0",)),
        ('"0人"', ("不能是 0",)),
        ("很多", ("要有一个数", "很多")),
        ("3.5", ("整数", "3.5")),
        ("[45]", ("列表",)),
        ("2025-03-08", ("日期",)),
        ("一百二十人", ("阿拉伯数字", "人数: 120")),
        ("两千零五人次", ("阿拉伯数字", "人数: 2005")),
        ("约80人", ("确切", "人数: 80")),
        ("200余人", ("确切", "人数: 200")),
        ("近百人", ("确切", "人数: 100")),
        ("80人左右", ("确切", "人数: 80")),
        ("全校3个年级", ("整数或“N人次”", "「活动」")),
    ],
)
def test_people_errors(tmp_path: Path, written: str, words: tuple[str, ...]) -> None:
    e = one(tmp_path, BASE + f"民主建设:\n  - 活动: x\n    人数: {written}\n")
    assert at(e) == (6, 9)
    assert has(e.message, "「人数」", "人数: ", *words)


def test_awards_must_be_a_list(tmp_path: Path) -> None:
    text = BASE + "民主建设:\n  - 活动: y\n    获奖:\n      - 二等奖\n      - 三等奖\n  - 活动: z\n    获奖:\n"
    facts, _ = load(tmp_path, text)
    assert [i.awards for i in facts.items("民主建设")] == [("二等奖", "三等奖"), ()]
    e = one(tmp_path, BASE + "民主建设:\n  - 活动: x\n    获奖: 市技术能手2名\n")
    assert at(e) == (6, 9)
    assert has(e.message, "「获奖」", "应为列表", "获奖: [市技术能手2名]", "- 市技术能手2名")


def test_item_problems_are_all_reported(tmp_path: Path) -> None:
    text = (
        BASE
        + "民主建设:\n"
        + "  - 时间: 3月\n"  # 5: no 活动
        + "    人数: 5\n"
        + "  - 时问: 3月\n"  # 7: misspelt, and no 活动
        + "    活动: x\n"
        + "  - 活到: x\n"  # 9: misspelt 活动: not also "missing"
        + "  - 5\n"  # 10
        + "  - - a\n"  # 11
        + "  - {}\n"  # 12
        + "  - 活动: x\n"  # 13
        + "    获奖: {a: b}\n"
        + "    成果: [a]\n"
    )
    found = problems(tmp_path, text)
    assert [at(p) for p in found] == [(5, 5), (7, 5), (9, 5), (10, 5), (11, 5), (12, 5), (14, 9), (15, 9)]
    assert has(found[0].message, "缺少必填项「民主建设」第 1 个事项的「活动」")
    assert has(found[1].message, "「时问」", "是否想写「时间」？")
    assert has(found[2].message, "「活到」", "是否想写「活动」？")
    assert has(found[3].message, "第 4 个事项", "数字 5")
    assert has(found[4].message, "第 5 个事项", "列表", "多写了一个「- 」")
    assert has(found[5].message, "第 6 个事项", "活动")
    assert has(found[6].message, "「获奖」", "应为列表")
    assert has(found[7].message, "「成果」", "文字", "列表")


def test_a_sentence_with_a_half_width_colon(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设:\n  - 组织全体职工观看电影: 长津湖\n")
    assert at(e) == (5, 5)
    assert has(e.message, "组织全体职工观看电影", "整句用引号括起来", "全角「：」")


def test_empty_entries_are_skipped_with_a_warning(tmp_path: Path) -> None:
    facts, warnings = load(tmp_path, BASE + "民主建设:\n  -\n  - a\n  - ''\n明年打算:\n  - b\n  -\n")
    assert [i.sentence for i in facts.items("民主建设")] == ["a"]
    assert facts.plans == ("b",)
    assert [(w.location.line, w.location.col) for w in warnings] == [(5, 4), (7, 5), (10, 4)]
    assert all("已跳过" in w.message for w in warnings)


def test_empty_sections_warn(tmp_path: Path) -> None:
    facts, warnings = load(
        tmp_path, BASE + "民主建设:\n  - a\n队伍建设:\n生活保障: []\n存在不足:\n明年打算: []\n其他工作:\n"
    )
    assert facts.items("队伍建设") == () and facts.shortcomings == ()
    assert [(w.location.line, w.location.col) for w in warnings] == [(6, 6), (7, 7), (8, 6), (9, 7), (10, 6)]
    assert has(warnings[0].message, "「队伍建设」", "没有填写事项")


def test_no_work_at_all_warns(tmp_path: Path) -> None:
    _, warnings = load(tmp_path, BASE)
    (w,) = warnings
    assert has(w.message, "没有填写任何工作事项")


def test_items_without_dash(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设:\n  时间: 3月\n  活动: 召开座谈会\n")
    assert at(e) == (5, 3)
    assert has(e.message, "「民主建设」", "「- 」", "「时间」")


def test_a_single_sentence_is_one_item(tmp_path: Path) -> None:
    facts, _ = load(tmp_path, BASE + "民主建设: 召开教代会。\n存在不足: 活动偏少。\n")
    (item,) = facts.items("民主建设")
    assert item.sentence == "召开教代会。" and (item.pos.line, item.pos.col) == (4, 7)
    assert facts.shortcomings == ("活动偏少。",)


def test_sentence_list_entries_must_be_text(tmp_path: Path) -> None:
    found = problems(tmp_path, BASE + "民主建设: [a]\n存在不足:\n  - 3\n  - 经费: 少\n")
    assert [at(p) for p in found] == [(6, 5), (7, 5)]
    assert has(found[0].message, "「存在不足」第 1 条", "一句话", "数字 3")
    assert has(found[1].message, "「存在不足」第 2 条", "引号")


# ---------------------------------------------------------------------------
# 其他工作, 落款


def test_other_work_problems(tmp_path: Path) -> None:
    text = (
        BASE
        + "其他工作:\n"
        + "  - 活动: 整理档案\n"  # 5: an item, not a section
        + "  - 标题:\n"  # 6: empty title
        + "    事项: [a]\n"
        + "  - 题目: t\n"  # 8: misspelt title (not also "missing"), no 事项 (warning)
        + "  - 就一句话\n"  # 9
        + "  - 标题: 自身建设\n"  # 10: fine, but no 事项 (warning)
        + "  - 名称: 其他\n"  # 11: an alias of 标题
    )
    path = write(tmp_path, text)
    with pytest.raises(Problems) as info:
        load_facts(path, today=TODAY)
    found = info.value.problems
    assert [at(p) for p in found] == [(5, 5), (6, 8), (8, 5), (9, 5), (11, 5)]
    assert has(found[0].message, "「其他工作」第 1 项", "标题")
    assert has(found[1].message, "「标题」", "不能为空")
    assert has(found[2].message, "「题目」", "是否想写「标题」？")
    assert has(found[3].message, "「其他工作」第 4 项", "「标题」和「事项」")
    assert has(found[4].message, "「名称」", "是否想写「标题」？")
    warnings = info.value.warnings
    assert [(w.location.line, w.location.col) for w in warnings] == [(8, 5), (10, 5), (11, 5)]
    assert all(has(w.message, "没有「事项」") for w in warnings)


def test_other_work_without_dash(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "其他工作:\n  标题: t\n  事项: [a]\n")
    assert at(e) == (5, 3) and has(e.message, "「其他工作」", "「- 」")


@pytest.mark.parametrize("written", ["2025-12-25", "2025年12月25日", '"2025/12/25"', "2025.12.25"])
def test_signoff_date_forms(tmp_path: Path, written: str) -> None:
    facts, _ = load(tmp_path, BASE + f"民主建设: [a]\n落款:\n  日期: {written}\n")
    assert facts.signoff is not None
    assert (facts.signoff.name, facts.signoff.date, facts.signoff.explicit_date) == (
        "某某县第一中学工会",
        dt.date(2025, 12, 25),
        True,
    )


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("12月25日", ("完整",)),
        ("2025-02-30", ("2025年2月没有 30 日",)),
        ("年底", ("完整", "年底")),
        ("20251225", ("日期", "数字")),
    ],
)
def test_signoff_date_errors(tmp_path: Path, written: str, words: tuple[str, ...]) -> None:
    e = one(tmp_path, BASE + f"民主建设: [a]\n落款:\n  署名: x\n  日期: {written}\n")
    assert at(e) == (7, 7) and has(e.message, "「落款」的「日期」", "2025-12-25", *words)


def test_signoff_date_before_the_year_warns(tmp_path: Path) -> None:
    facts, warnings = load(tmp_path, BASE + "民主建设: [a]\n落款: {署名: 某某工会, 日期: 2024-12-25}\n")
    assert facts.signoff is not None and facts.signoff.name == "某某工会"
    (w,) = warnings
    assert (w.location.line, w.location.col) == (5, 20) and has(w.message, "2024-12-25", "早于", "2025")


def test_build_date_before_the_year_warns(tmp_path: Path) -> None:
    facts, warnings = parse_facts(
        ("单位: x\n单位类型: 学校\n年度: 2026\n民主建设: [a]\n").encode(), tmp_path / "f.yaml", today=TODAY
    )
    assert facts.signoff is not None and facts.signoff.date == TODAY
    assert has(warnings[0].message, "今天的日期", "2026")


def test_signoff_unknown_key(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设: [a]\n落款:\n  署名单位: x\n")
    assert at(e) == (6, 3) and has(e.message, "「落款」里不认识「署名单位」", "是否想写「署名」？")


# ---------------------------------------------------------------------------
# unknown and duplicate keys


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("民主建没", "民主建设"),
        ("单位类别", "单位类型"),
        ("year", "年度"),
        ("Danwei", "单位"),
        ("單位類型", "单位类型"),
        ("文体活动们", "文体活动"),
        ("plans", "明年打算"),
    ],
)
def test_unknown_top_level_key_suggests(tmp_path: Path, key: str, suggestion: str) -> None:
    e = one(tmp_path, BASE + f"民主建设: [a]\n{key}: x\n")
    assert at(e) == (5, 1)
    assert has(e.message, f"「{key}」", f"是否想写「{suggestion}」？")


def test_misspelt_required_key_is_not_also_missing(tmp_path: Path) -> None:
    e = one(tmp_path, "单为: 某某工会\n单位类型: 学校\n年度: 2025\n民主建设: [a]\n")
    assert at(e) == (1, 1) and has(e.message, "「单为」", "是否想写「单位」？")


def test_unknown_key_without_a_guess_lists_the_keys(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设: [a]\n备注说明文字: x\n")
    assert has(e.message, "不认识「备注说明文字」", "单位、单位类型、年度", "落款")


@pytest.mark.parametrize(
    ("text", "pos", "words"),
    [
        (BASE + "民主建设: [a]\n会员人数: 5\n", (5, 1), ("「会员人数」应写在「概况」下面",)),
        (BASE + "民主建设: [a]\n活动: x\n", (5, 1), ("「活动」应写在一个事项里",)),
        (BASE + "民主建设: [a]\n概况:\n  文种: 工作总结\n", (6, 3), ("「文种」应该顶格写", "「概况」里面")),
        (BASE + "民主建设:\n  - 活动: x\n    会员人数: 5\n", (6, 5), ("「会员人数」应写在「概况」下面",)),
    ],
)
def test_key_at_the_wrong_level(tmp_path: Path, text: str, pos: tuple[int, int], words: tuple[str, ...]) -> None:
    e = one(tmp_path, text)
    assert at(e) == pos and has(e.message, *words)


def test_duplicate_top_level_key(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设:\n  - a\n队伍建设: [b]\n民主建设:\n  - c\n")
    assert at(e) == (7, 1)
    assert has(e.message, "「民主建设」重复出现", "第一次在第 4 行", "合并")


def test_duplicate_key_in_an_item_and_in_the_overview(tmp_path: Path) -> None:
    found = problems(tmp_path, BASE + "概况: {会员人数: 1, 会员人数: 2}\n民主建设:\n  - 活动: x\n    活动: y\n")
    assert [at(p) for p in found] == [(4, 15), (7, 5)]
    assert has(found[0].message, "「会员人数」重复出现", "第一次在第 4 行")
    assert has(found[1].message, "「活动」重复出现", "第一次在第 6 行")


def test_null_and_non_text_keys(tmp_path: Path) -> None:
    found = problems(tmp_path, BASE + "民主建设: [a]\n?\n: x\n? [a, b]\n: y\n")
    assert [at(p) for p in found] == [(5, 2), (7, 3)]
    assert has(found[0].message, "缺少键名")
    assert has(found[1].message, "键", "列表")
    e = one(tmp_path, BASE + "民主建设: [a]\n: x\n")
    assert at(e) == (5, 1) and has(e.message, "缺少键名")


# ---------------------------------------------------------------------------
# YAML syntax, in plain words


def test_full_width_colons_are_all_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, "单位：某某工会\n单位类型: 学校\n年度：2025\n民主建设:\n  - 时间：3月\n    活动: x\n")
    assert [at(p) for p in found] == [(1, 3), (3, 3), (5, 7)]
    assert all(has(p.message, "全角冒号「：」", "半角冒号「:」", "空格") for p in found)
    assert has(found[0].message, "「单位」") and has(found[2].message, "「时间」")


def test_full_width_colon_in_a_sheet_that_parses(tmp_path: Path) -> None:
    # alone, "单位：某某工会" is valid YAML (one string): still say what is wrong
    e = one(tmp_path, "单位：某某工会\n")
    assert at(e) == (1, 1) and has(e.message, "全角冒号", "单位: ")
    e = one(tmp_path, BASE + "概况:\n  会员人数：268\n")
    assert at(e) == (5, 3) and has(e.message, "「概况」", "全角冒号", "「会员人数」")
    e = one(tmp_path, BASE + "民主建设:\n  - 时间：3月\n")
    assert at(e) == (5, 5) and has(e.message, "全角冒号", "「时间」")


def test_missing_space_after_colon(tmp_path: Path) -> None:
    e = one(tmp_path, "单位:某某工会\n单位类型: 学校\n年度: 2025\n")
    assert at(e) == (1, 3) and has(e.message, "「单位」", "冒号要跟一个空格", "单位: 某某县第一中学工会")
    e = one(tmp_path, BASE + "民主建设:\n  - 时间:3月\n")
    assert at(e) == (5, 5) and has(e.message, "「时间」", "没有跟空格")


def test_tabs_are_all_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, BASE + "民主建设:\n\t- a\n队伍建设:\n  \t- b\n")
    assert [at(p) for p in found] == [(5, 1), (7, 3)]
    assert all(has(p.message, "Tab", "空格") for p in found)


def test_full_width_space_indentation(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "概况:\n\u3000\u3000会员人数: 268\n")
    assert at(e) == (5, 1) and has(e.message, "全角空格", "半角空格")


@pytest.mark.parametrize(
    ("tail", "pos", "words"),
    [
        ('民主建设:\n  - 活动: "三八妇女节座谈会\n', (5, 9), ("引号没有结束", "成对")),
        ('民主建设:\n  - 活动: "三八"妇女节座谈会\n', (5, 12), ("引号只能把整个值括起来", "中文引号")),
        ("民主建设:\n  - 活动: [教代会]换届\n", (5, 13), ("括号", "引号")),
        ("民主建设:\n  - 活动: [教代会, 换届\n", (5, 9), ("方括号", "没有正确关上")),
        ("民主建设:\n  - 活动: x\n   成果: y\n", (6, 4), ("列表的缩进没有对齐",)),
        ("概况:\n  会员人数: 1\n 职工人数: 2\n", (6, 2), ("缩进没有对齐",)),
        ("民主建设:\n  - 活动: 学习: 十九大精神\n", (5, 11), ("多了一个冒号", "引号")),
        ("民主建设:\n  - 活动: @全体职工\n", (5, 9), ("「@」", "引号")),
        ("民主建设:\n  - 活动: *重点工作\n", (5, 9), ("「*」", "引号")),
        ("民主建设:\n  - 活动: !重要\n", (5, 9), ("「!」", "引号")),
        ("总体评价: - 很好\n", (4, 7), ("「- 」", "另起一行")),
        ("民主建设: [a]\n---\n单位: y\n", (5, 1), ("第二份内容", "---")),
        ('总体评价: "C:\\xx"\n', (4, 10), ("反斜杠", "单引号")),
    ],
)
def test_syntax_errors_in_plain_words(tmp_path: Path, tail: str, pos: tuple[int, int], words: tuple[str, ...]) -> None:
    e = one(tmp_path, BASE + tail)
    assert at(e) == pos
    assert has(e.message, *words)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("", ("文件是空的", "drafter init")),
        ("  \n\n", ("文件是空的",)),
        ("# 单位: x\n# 年度: 2025\n", ("只有注释", "「#」")),
        ("- 单位: x\n- 年度: 2025\n", ("最外层是一个列表", "「- 」")),
        ("某某工会\n", ("只有一段文字", "键: 值")),
        ("2025\n", ("只有一段文字",)),
    ],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, content: str, words: tuple[str, ...]) -> None:
    e = one(tmp_path, content)
    assert at(e) == (1, 1) and has(e.message, *words)


# ---------------------------------------------------------------------------
# safety and limits


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("!!python/object/apply:os.system ['touch HACKED']", ("!!python/object/apply:os.system", "执行代码")),
        ("!!python/name:os.system", ("!!python/name:os.system",)),
        ("!foo bar", ("!foo",)),
        ("!!binary aGVsbG8=", ("!!binary",)),
        ("!!set {a, b}", ("!!set",)),
        ("!!omap [{a: 1}]", ("!!omap",)),
    ],
)
def test_non_standard_tags_are_refused(
    tmp_path: Path, value: str, words: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    e = one(tmp_path, BASE + f"民主建设: [a]\n总体评价: {value}\n")
    assert at(e) == (5, 7) and has(e.message, "不支持 YAML 标签", *words)
    assert not (tmp_path / "HACKED").exists()


def test_bad_tags_anywhere_are_reported_once_each(tmp_path: Path) -> None:
    found = problems(tmp_path, BASE + "民主建设:\n  - !x a\n  - 活动: !y b\n未知: !!python/object:os.system {}\n")
    assert [at(p) for p in found] == [(5, 5), (6, 9), (7, 1), (7, 5)]
    assert has(found[2].message, "「未知」")


def test_standard_explicit_tags_are_fine(tmp_path: Path) -> None:
    facts, _ = load(tmp_path, "单位: !!str 2025\n单位类型: 学校\n年度: !!int '2025'\n民主建设: !!seq [!!str a]\n")
    assert facts.unit == "2025" and facts.year == 2025


def test_merge_key_is_refused(tmp_path: Path) -> None:
    e = one(tmp_path, "<<: {职务: 工会主席}\n单位: x\n单位类型: 学校\n年度: 2025\n民主建设: [a]\n")
    assert at(e) == (1, 1) and has(e.message, "「<<」", "直接写出来")


def test_aliases_work_within_the_limit(tmp_path: Path) -> None:
    facts, _ = load(tmp_path, BASE + "民主建设:\n  - &x\n    活动: 学习\n    人数: 5\n  - *x\n")
    a, b = facts.items("民主建设")
    assert a.activity == b.activity == "学习"


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    e = one(tmp_path, BASE + "\n".join(lines) + "\n")
    assert e.location.line > 3
    assert has(e.message, "引用", f"{MAX_NODES:,}", "直接写出来")


def test_self_referencing_alias_is_refused(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设: &a [*a]\n")
    assert at(e) == (4, 7) and has(e.message, "引用了它自己")


def test_depth_limit(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设: " + "[" * 40 + "]" * 40 + "\n")
    assert e.location.line == 4 and has(e.message, "嵌套层数太多")
    e = one(tmp_path, BASE + "民主建设: " + "[" * 2000 + "]" * 2000 + "\n")
    assert e.location.line == 4 and has(e.message, "嵌套层数太多")


def test_size_limit(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "# " + "x" * MAX_BYTES + "\n")
    assert at(e) == (1, 1) and has(e.message, "文件太大", "2 MB")
    with pytest.raises(Problems) as info:
        parse_facts(b"#" * (MAX_BYTES + 1), tmp_path / "f.yaml")
    assert has(info.value.problems[0].message, "文件太大")


def test_text_length_limit(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设:\n  - " + "很" * (MAX_TEXT + 1) + "\n")
    assert at(e) == (5, 5) and has(e.message, f"{MAX_TEXT + 1} 个字", f"{MAX_TEXT} 字", "精简")
    facts, _ = load(tmp_path, BASE + "民主建设:\n  - " + "很" * MAX_TEXT + "\n")
    assert len(facts.items("民主建设")[0].sentence or "") == MAX_TEXT


def test_too_many_nodes_without_aliases(tmp_path: Path) -> None:
    e = one(tmp_path, BASE + "民主建设:\n" + "  - a\n" * (MAX_NODES + 1))
    assert at(e) == (5, 3) and has(e.message, "内容太多")


# ---------------------------------------------------------------------------
# encodings and binary files


@pytest.mark.parametrize(
    ("codec", "bom", "words"),
    [
        ("gbk", b"", ("GBK", "ANSI")),
        ("gb18030", b"", ("GB",)),
        ("utf-16", b"", ("UTF-16", "Unicode")),  # Python writes a BOM
        ("utf-16-le", b"\xff\xfe", ("UTF-16",)),
        ("utf-16-be", b"\xfe\xff", ("UTF-16",)),
        ("utf-16-le", b"", ("UTF-16",)),  # no BOM
        ("utf-16-be", b"", ("UTF-16",)),
        ("utf-32", b"", ("UTF-32",)),
    ],
)
def test_other_encodings_are_read_with_a_notice(tmp_path: Path, codec: str, bom: bytes, words: tuple[str, ...]) -> None:
    text = BASE + "民主建设:\n  - 召开教代会，审议通过《绩效方案》。\n"
    facts, warnings = load(tmp_path, bom + text.encode(codec))
    assert (
        facts.unit == "某某县第一中学工会"
        and facts.items("民主建设")[0].sentence == "召开教代会，审议通过《绩效方案》。"
    )
    notice = warnings[0]
    assert (notice.location.line, notice.location.col) == (1, 1)
    assert has(notice.message, *words, "已按这种编码读取", "UTF-8")


def test_a_gbk_sheet_with_a_mistake_is_located(tmp_path: Path) -> None:
    with pytest.raises(Problems) as info:
        load(tmp_path, BASE.replace("学校", "学堂").encode("gbk"))
    assert [at(p) for p in info.value.problems] == [(2, 7)]
    assert any("GBK" in w.message for w in info.value.warnings)


def test_mostly_utf8_with_a_pasted_gbk_line(tmp_path: Path) -> None:
    e = one(tmp_path, (BASE + "民主建设:\n").encode() + "  - 召开教代会\n".encode("gbk"))
    assert at(e) == (5, 5) and has(e.message, "大部分是 UTF-8", "乱码")


def test_other_encodings_are_refused(tmp_path: Path) -> None:
    e = one(tmp_path, b"\xe9\xe9\xe9: \xff\xfe\n")
    assert at(e) == (1, 1) and has(e.message, "不是 UTF-8", "另存为")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", ("Word 文档",)),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ("旧版 Word",)),
        (b"%PDF-1.7\n", ("PDF",)),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", ("空字节", "不是文字文件")),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, words: tuple[str, ...]) -> None:
    e = one(tmp_path, data)
    assert e.location.col == 1 and has(e.message, *words)


def test_control_characters_are_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, BASE + "总体评价: 很好\x07\n民主建设: [a\x1b]\n")
    assert [at(p) for p in found] == [(4, 9), (5, 9)]
    assert has(found[0].message, "U+0007", "控制字符", "删掉")


# ---------------------------------------------------------------------------
# files


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(Problems) as info:
        load_facts(tmp_path / "没有.yaml")
    assert has(info.value.format(), "错误：", "没有.yaml:1:1:", "找不到这个文件")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(Problems) as info:
        load_facts(tmp_path)
    assert has(info.value.format(), "文件夹")


# ---------------------------------------------------------------------------
# everything at once


def test_every_problem_is_listed_in_order(tmp_path: Path) -> None:
    text = (
        "单位: [a]\n"  # 1
        "单位类型: 工厂\n"  # 2
        "年度: 2025\n"
        "概况: {女职工人数: 很多}\n"  # 4
        "民主建没: [a]\n"  # 5
        "队伍建设:\n"
        "  - 时间: 2月30日\n"  # 7
        "    活动: x\n"
        "    人数: 0\n"  # 9
        "落款:\n"
        "  日期: 明年\n"  # 11
    )
    path = write(tmp_path, text)
    with pytest.raises(Problems) as info:
        load_facts(path, today=TODAY)
    lines = info.value.lines()
    assert [p.location.line for p in info.value.problems] == [1, 2, 4, 5, 7, 9, 11]
    assert all(line.startswith(f"错误：{path}:") for line in lines)
    assert info.value.format() == "\n".join(lines)


# ---------------------------------------------------------------------------
# import cost


def test_import_stays_light() -> None:
    code = "import sys, drafter.sheet.load; print(sorted(m for m in ('jieba', 'pydantic', 'charset_normalizer', 'difflib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------
# properties

FUZZ_ALPHABET = "单位类型年度民主建设活动时间人数：:- \n\t\"'[]{}#&*!|>%@,?0123456789xy\u3000"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_end_in_facts_or_problems(data: bytes) -> None:
    _parse_or_problems(data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=FUZZ_ALPHABET, max_size=200))
def test_any_yamlish_text_ends_in_facts_or_problems(text: str) -> None:
    _parse_or_problems(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutated_full_sheet_ends_in_facts_or_problems(data: st.DataObject) -> None:
    text = FULL
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 8)))
        text = text[:i] + data.draw(st.text(alphabet=FUZZ_ALPHABET, max_size=6)) + text[j:]
    _parse_or_problems(text.encode("utf-8"))


def _parse_or_problems(data: bytes) -> None:
    try:
        facts, warnings = parse_facts(data, Path("fuzz.yaml"), today=TODAY)
    except Problems as e:
        assert e.problems and all(isinstance(p, FactSheetError) for p in e.problems)
        assert all(CJK.search(p.message) for p in e.problems)
        return
    assert isinstance(facts, Facts) and all(isinstance(w, Warning_) for w in warnings)


# -- generated valid sheets

WORDS = "工会职工教师召开会议活动开展慰问帮扶学习培训比赛座谈文体健康医院企业学校一二三四五六七八九十，。、“”（）《》"
texts = st.text(alphabet=WORDS + "abcXYZ0123456789 ", min_size=1, max_size=30).map(str.strip).filter(bool)


@st.composite
def when_values(draw: st.DrawFn, year: int) -> tuple[str, When]:
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    return draw(
        st.sampled_from(
            [
                (f"{m}月", When(month=m)),
                (f"{m}月{d}日", When(month=m, day=d)),
                (f"{year}-{m:02d}-{d:02d}", When(year=year, month=m, day=d)),
                (f'"{year}年{m}月{d}日"', When(year=year, month=m, day=d)),
                (f'"{year}/{m}/{d}"', When(year=year, month=m, day=d)),
                ("上半年", When(text="上半年")),
                ('"9月至10月"', When(text="9月至10月")),
            ]
        )
    )


@st.composite
def people_values(draw: st.DrawFn) -> tuple[str, int | str]:
    n = draw(st.integers(1, 100_000))
    return draw(st.sampled_from([(str(n), n), (f'"{n}人次"', f"{n}人次"), (f"{n}人", n), (f'"{n}名"', n)]))


def q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


@st.composite
def items(draw: st.DrawFn, year: int) -> tuple[list[str], dict[str, object]]:
    """YAML lines of one 事项 (at indent 2) and what it must load as."""
    if draw(st.booleans()):
        s = draw(texts)
        return [f"  - {q(s)}"], {"sentence": s}
    fields: dict[str, object] = {"activity": draw(texts)}
    blocks = [[f"    活动: {q(str(fields['activity']))}"]]
    if draw(st.booleans()):
        written, when = draw(when_values(year))
        blocks.append([f"    时间: {written}"])
        fields["when"] = when
    if draw(st.booleans()):
        written, people = draw(people_values())
        blocks.append([f"    人数: {written}"])
        fields["people"] = people
    if draw(st.booleans()):
        fields["result"] = draw(texts)
        blocks.append([f"    成果: {q(str(fields['result']))}"])
    awards = draw(st.lists(texts, max_size=3))
    if awards:
        blocks.append(["    获奖:", *(f"      - {q(a)}" for a in awards)])
        fields["awards"] = tuple(awards)
    lines = [line for block in draw(st.permutations(blocks)) for line in block]
    lines[0] = "  - " + lines[0][4:]
    return lines, fields


@st.composite
def sheets(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    year = draw(st.integers(1949, 2100))
    expect: dict[str, object] = {
        "unit": draw(texts),
        "unit_type": draw(st.sampled_from(UNIT_TYPES)),
        "year": year,
        "kind": draw(st.sampled_from(KINDS)),
    }
    lines = [f"单位: {q(str(expect['unit']))}", f"单位类型: {expect['unit_type']}"]
    lines.append(draw(st.sampled_from([f"年度: {year}", f'年度: "{year}年"'])))
    lines.append(f"文种: {expect['kind']}")
    for key, attr in (
        ("报告人", "reporter"),
        ("职务", "position"),
        ("上级工会", "parent_union"),
        ("党组织", "party_org"),
        ("总体评价", "assessment"),
    ):
        if (key == "报告人" and expect["kind"] == "述职报告") or draw(st.booleans()):
            expect[attr] = draw(texts)
            lines.append(f"{key}: {q(str(expect[attr]))}")
    staff = draw(st.integers(0, 10_000))
    overview = {"staff": staff, "women": draw(st.integers(0, staff)), "members": draw(st.integers(0, staff))}
    lines += [
        "概况:",
        f"  职工人数: {staff}",
        f'  女职工人数: "{overview["women"]}人"',
        f"  会员人数: {overview['members']}",
    ]
    rate = draw(st.integers(0, 1000)) / 10
    lines.append(f'  入会率: "{rate:g}%"')
    overview["membership_rate"] = f"{rate:g}%"
    expect["overview"] = overview
    categories: dict[str, list[dict[str, object]]] = {}
    for cat in CATEGORIES:
        entries = draw(st.lists(items(year), min_size=1, max_size=4))
        lines.append(f"{cat}:")
        for entry_lines, _ in entries:
            lines.extend(entry_lines)
        categories[cat] = [fields for _, fields in entries]
    expect["categories"] = categories
    others = []
    for title in draw(st.lists(texts, max_size=2)):
        entries = draw(st.lists(items(year), min_size=1, max_size=3))
        if not others:
            lines.append("其他工作:")
        lines += [f"  - 标题: {q(title)}", "    事项:"]
        for entry_lines, _ in entries:
            lines.extend("    " + line for line in entry_lines)
        others.append((title, [fields for _, fields in entries]))
    expect["other_work"] = others
    for key, attr in (("存在不足", "shortcomings"), ("明年打算", "plans")):
        sentences = draw(st.lists(texts, min_size=1, max_size=3))
        lines.append(f"{key}:")
        lines.extend(f"  - {q(s)}" for s in sentences)
        expect[attr] = tuple(sentences)
    signed = draw(st.dates(dt.date(year, 1, 1), dt.date(min(year + 1, 2100), 12, 31)))
    name = draw(texts)
    lines += ["落款:", f"  署名: {q(name)}", f"  日期: {signed.isoformat()}"]
    expect["signoff"] = (name, signed)
    return "\n".join(lines) + "\n", expect


def _check_item(item: Item, fields: dict[str, object], text_lines: list[str]) -> None:
    assert item.sentence == fields.get("sentence")
    assert item.activity == fields.get("activity")
    assert item.when == fields.get("when")
    assert item.people == fields.get("people")
    assert item.result == fields.get("result")
    assert item.awards == fields.get("awards", ())
    # the position points at the item: its "- " is just before it
    line = text_lines[item.pos.line - 1]
    assert line[: item.pos.col - 1].endswith("- ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(sheets())
def test_generated_valid_sheets_hold_every_value(sheet: tuple[str, dict[str, object]]) -> None:
    text, expect = sheet
    try:
        facts, _ = parse_facts(text.encode("utf-8"), Path("gen.yaml"), today=TODAY)
    except Problems as e:  # pragma: no cover - a failure shows the sheet
        raise AssertionError(e.format() + "\n" + text) from None
    for attr in ("unit", "unit_type", "year", "kind"):
        assert getattr(facts, attr) == expect[attr]
    for attr in ("reporter", "position", "parent_union", "party_org", "assessment"):
        assert getattr(facts, attr) == expect.get(attr)
    o = expect["overview"]
    assert isinstance(o, dict)
    assert (facts.overview.staff, facts.overview.women, facts.overview.members) == (
        o["staff"],
        o["women"],
        o["members"],
    )
    assert facts.overview.membership_rate == o["membership_rate"]
    lines = text.splitlines()
    categories = expect["categories"]
    assert isinstance(categories, dict)
    for cat in CATEGORIES:
        assert len(facts.items(cat)) == len(categories[cat])
        for item, fields in zip(facts.items(cat), categories[cat], strict=True):
            _check_item(item, fields, lines)
    others = expect["other_work"]
    assert isinstance(others, list)
    assert [w.title for w in facts.other_work] == [t for t, _ in others]
    for work, (_title, entries) in zip(facts.other_work, others, strict=True):
        assert len(work.items) == len(entries)
        for item, fields in zip(work.items, entries, strict=True):
            _check_item(item, fields, lines)
    assert facts.shortcomings == expect["shortcomings"] and facts.plans == expect["plans"]
    assert facts.signoff is not None
    assert (facts.signoff.name, facts.signoff.date, facts.signoff.explicit_date) == (*expect["signoff"], True)  # type: ignore[misc]


# ---------------------------------------------------------------------------
# more edges


def test_huge_numbers_are_refused_quickly(tmp_path: Path) -> None:
    found = problems(
        tmp_path, BASE + "概况: {会员人数: " + "9" * 5000 + "}\n民主建设:\n  - 活动: x\n    人数: " + "9" * 5000 + "\n"
    )
    assert [at(p) for p in found] == [(4, 12), (7, 9)]
    assert all(has(p.message, "太大") for p in found)


def test_a_sentence_with_a_full_width_colon_does_not_hide_a_real_error(tmp_path: Path) -> None:
    text = BASE + "民主建设:\n  - 主要做法：组织学习\n  - 学习：x\n  - 活动: x\n\n\n   人数: 5\n"
    e = one(tmp_path, text)
    assert at(e) == (10, 4) and has(e.message, "缩进")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs mkfifo")
def test_not_a_regular_file(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(Problems) as info:
        load_facts(fifo)
    assert has(info.value.format(), "不是一个普通文件")


@pytest.mark.parametrize(
    ("tail", "pos", "words"),
    [
        ("单位类型：学校\n", (4, 5), ("全角冒号",)),
        ("概况:\n\t会员人数: 5\n", (5, 1), ("Tab",)),
        ('总体评价: "很好\n', (4, 7), ("引号没有结束",)),
        ("民主建设: [a]\n---\n单位: y\n", (5, 1), ("第二份内容",)),
        ("民主建设: " + "[" * 2000 + "]" * 2000 + "\n", None, ("嵌套层数太多",)),
    ],
)
def test_pure_python_loader_gives_the_same_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tail: str, pos: tuple[int, int] | None, words: tuple[str, ...]
) -> None:
    import yaml

    import drafter.sheet.load

    monkeypatch.setattr(drafter.sheet.load, "_Loader", yaml.SafeLoader)
    e = one(tmp_path, BASE + tail)
    assert pos is None or at(e) == pos
    assert has(e.message, *words)
    facts, _ = load(tmp_path, FULL)
    assert facts.items("民主建设")[0].pos.line == 13
