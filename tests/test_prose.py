"""Drafts read as a 公文 editor reads them (prose rules, issue 11).

Every draft of the examples, of every ``drafter init`` sheet (six unit types ×
both 文种) and of the invented sheets in tests/data/prose is checked for the
faults an editor marked in earlier drafts: head counts, awards, one-sentence
paragraphs, claims and words the sheet does not support, openings and
endings.  Then variety: ``--variant`` and a neighbouring union must change
most framing sentences.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.build.compose import expected_facts
from drafter.build.joiner import award_clause, item_parts
from drafter.build.paragraphs import Entry, join, month, plan
from drafter.build.pipeline import make_draft
from drafter.build.templating import supported_lines
from drafter.contract import KINDS, UNIT_TYPES
from drafter.draft import Draft, Role
from drafter.sheet.facts import Facts
from drafter.sheet.init import example_sheet
from drafter.topics import Support, claims_plural, read_marker
from drafter.vocab import VOCABULARIES, banned_in, say_once, vocabulary

from .conftest import FIXED_NOW, ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
INVENTED = sorted((ROOT / "tests" / "data" / "prose").glob("*.yaml"))
_SENTENCE = re.compile(r"[^。！？：；]+[。！？：；]?")
_STAFF = "(?:职工|教职工|医护职工|干部职工|辖区职工)"


def _init_sheets(tmp: Path) -> list[Path]:
    out = []
    for unit_type in UNIT_TYPES:
        for kind in KINDS:
            path = tmp / f"init-{unit_type}-{kind}.yaml"
            path.write_text(example_sheet(unit_type, kind, 2025), encoding="utf-8")
            out.append(path)
    return out


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Facts, Draft]]:
    tmp = tmp_path_factory.mktemp("sheets")
    out = []
    for sheet in [*EXAMPLES, *INVENTED, *_init_sheets(tmp)]:
        facts, draft, _ = make_draft(sheet, now=FIXED_NOW)
        out.append((sheet.name, facts, draft))
    return out


def _sheet_text(facts: Facts) -> str:
    return "\n".join(expected_facts(facts))


def sentences(text: str) -> list[str]:
    return [s for s in (m.group().strip() for m in _SENTENCE.finditer(text)) if s]


def framing(draft: Draft, facts: Facts) -> list[str]:
    """Sentences of the body that carry no fact of the sheet (the frame a template gave)."""
    known = [f for f in expected_facts(facts) if len(f) >= 2]
    out = []
    for block in draft.blocks:
        if block.role is not Role.BODY:
            continue
        for s in sentences(block.text):
            if not re.search(r"\d", s) and not any(f in s or s.rstrip("。：；") in f for f in known):
                out.append(s)
    return out


# (topic, words of a frame sentence that claim it, words of the section's facts that support it)
_CLAIMS = (
    ("体育", "运动|健身|体魄|体育", "运动|健身|球|拔河|跳绳|健步|登山|长跑|徒步|太极|广播操|棋|游泳|体育"),
    ("文艺", "文艺|风采", "文艺|合唱|书画|晚会|演出|联欢|摄影|朗诵|演讲|舞|汇演|歌|读书|书屋"),
    ("帮扶", "帮扶|困难职工|温暖", "帮扶|困难|慰问|送温暖|救助|资助|助学|互助"),
    ("女职工", "女职工|女教职工", "女|三八|两癌|母婴"),
    ("公开", "公开", "公开|公示"),
    ("培训", "培训|业务本领|业务能力|综合素质", "培训|学习|讲座|轮训|研修|继续教育"),
    ("技能竞赛", "比学赶超|以赛促|竞赛", "竞赛|比赛|比武|大赛|练兵"),
    ("职代会", "职代会|教代会|提案|代表的意见|主人翁", "代表大会|职代会|教代会|提案|职工代表|教职工代表"),
    ("健康", "健康", "体检|健康|疗休养|心理|筛查"),
    ("集体协商", "集体协商", "集体协商|集体合同|工资协商"),
)


def _sections(draft: Draft) -> list[tuple[str, list[str], list[str]]]:
    """(heading, paragraph texts, facts) of each （一）（二） section."""
    out: list[tuple[str, list[str], list[str]]] = []
    for b in draft.blocks:
        if b.role is Role.HEADING2:
            out.append((b.text, [], []))
        elif b.role is Role.HEADING1:
            out.append(("", [], []))
        elif b.role is Role.BODY and out and out[-1][0]:
            out[-1][1].append(b.text)
            out[-1][2].extend(b.facts)
    return [x for x in out if x[0]]


def faults(facts: Facts, draft: Draft) -> list[str]:
    """What an editor of 公文 would mark in a draft (prose rules §1–7)."""
    found: list[str] = []
    sheet = _sheet_text(facts)
    body = [b for b in draft.blocks if b.role is Role.BODY]
    frame = framing(draft, facts)
    text = draft.text()

    def mark(what: str, where: str) -> None:
        found.append(f"{what}: {where[:60]}")

    for b in body:
        for s in sentences(b.text):
            if re.search(r"(代表大会|职代会|教代会)", s) and re.search(rf"共有\d+名{_STAFF}参加", s):
                mark("职代会的人数不是职工代表", s)
            if re.search(rf"(两癌|三八|女职工|女教职工)[^。]*?，(共有)?\d+名{_STAFF}参加", s):
                mark("女职工活动的人数不是女职工", s)
            if re.search(r"(慰问|帮扶|送温暖)", s) and re.search(r"共有\d+名\S*?参加", s):
                mark("慰问对象写成了参加者", s)
            if re.search(r"共计\d+名", s):
                mark("共计N名不是人数", s)
            if re.search(r"共有\d+名\S+参加，\d+支", s):
                mark("代表队和人数分两句", s)
            if re.search(r"举办[^。，]*?(比赛|竞赛|大赛|比武)[^。]*?，(荣获|获得)", s):
                mark("工会赢了自己办的比赛", s)
            for clause in re.findall(r"(?:荣获|获得|获)([^。，；]+)", s):
                names = clause.split("、")
                for i, a in enumerate(names):
                    for other in names[i + 1 :]:
                        n = 0
                        while n < min(len(a), len(other)) and a[n] == other[n]:
                            n += 1
                        if n >= 6:
                            mark("奖项重复比赛名称", s)
        parts = sentences(b.text)
        for x, y in itertools.pairwise(parts):
            if "荣获" in x and "荣获" in y and "荣获" not in sheet:
                mark("荣获连用", x + y)
    # §3: paragraphs — a section of several items is never a list of one-sentence paragraphs.
    section: list[str] = []
    for b in [*draft.blocks, None]:
        if b is None or b.role in (Role.HEADING1, Role.HEADING2):
            if len(section) > 4:
                mark("一节超过四段", section[0])
            if len(section) > 1 and any(len(sentences(p)) == 1 for p in section):
                mark("一句话成段", next(p for p in section if len(sentences(p)) == 1))
            section = []
            if b is not None and b.role is Role.HEADING2:
                section = []
            continue
        if b.role is Role.BODY and not b.key.startswith(("plans/", "problems/", "closing", "opening")):
            section.append(b.text)
    for b in body:
        if b.text.startswith(("此外，", "另外，")):
            mark("轮换的此外/另外", b.text)
    # Every section opens with a framing sentence (其他工作 too).
    known = [f for f in expected_facts(facts) if len(f) >= 2]
    for i, b in enumerate(draft.blocks[:-1]):
        nxt = draft.blocks[i + 1]
        if b.role is not Role.HEADING2 or nxt.role is not Role.BODY:
            continue
        first = sentences(nxt.text)[0].replace(re.sub(r"^（.+?）", "", b.text), "")  # it may name its heading
        if re.search(r"\d", first) or any(f in first for f in known):
            mark("小节没有引言", nxt.text)
    # §4–§7 on the framing sentences only (the chair's own words are hers).
    for s in frame:
        rule = banned_in(s)
        if rule is not None:
            mark(rule.reason, s)
        if facts.unit_type == "乡镇街道" and re.search(r"(镇的|镇民主|政务公开|干部职工)", s):
            mark("乡镇的用词", s)
        if facts.unit_type == "医院" and "医护职工" in s:
            mark("医护职工指全体职工", s)
        if "集体协商" in s and "集体协商" not in sheet:
            mark("无据的集体协商", s)
    # §4 per section: a frame sentence about a topic needs an item of that topic in its own section.
    for heading, texts, section_facts in _sections(draft):
        said = "\n".join(section_facts) + heading
        for paragraph in texts:
            for s in sentences(paragraph):
                if s not in frame:
                    continue
                for topic, claim, evidence in _CLAIMS:
                    if re.search(claim, s) and not re.search(evidence, said):
                        mark(f"无据的{topic}", s)
    if re.search(r"会员\d+人，其中女", text):
        mark("女职工接在会员后", text)
    closing = body[-1].text if body else ""
    if re.search(r"(总之|过去的一年|回顾)", closing):
        mark("结尾往回看", closing)
    if facts.is_personal:
        opening = body[0].text
        if not re.search(r"(本人|我是)[^。]*(现任|担任)", opening):
            mark("述职开头没有本人现任", opening)
        if "述职如下" not in opening:
            mark("述职过渡", opening)
        if not re.search(r"以上[^。]*述职[^。]*(请予审议|批评指正|审议)", closing):
            mark("述职结尾", closing)
        if re.search(r"尽管我|勤勤恳恳|兢兢业业", text):
            mark("为不足开脱", text)
    elif not any(w in closing for w in ("新的一年", str(facts.year + 1), "新的起点", "今后", "下一步")):
        mark("结尾不展望", closing)
    return found


def test_no_draft_has_the_faults_an_editor_marked(drafts: list[tuple[str, Facts, Draft]]) -> None:
    report = {name: faults(facts, draft) for name, facts, draft in drafts}
    assert {k: v for k, v in report.items() if v} == {}
    assert len(report) == len(EXAMPLES) + len(INVENTED) + 12


def test_the_checker_sees_the_old_faults() -> None:
    """The fault list is not vacuous: the sentences the editor marked are marked."""
    from drafter.sheet.load import parse_facts

    sheet = "单位: 某县医院工会\n单位类型: 医院\n年度: 2025\n民主建设: [召开职代会。]\n"
    facts, _ = parse_facts(sheet.encode(), Path("s.yaml"))
    _, draft, _ = make_draft(INVENTED[0], now=FIXED_NOW)
    old = [
        "召开第三届职工代表大会第四次会议，共有86名医护职工参加。",
        "组织女职工“两癌”筛查，共有286名医护职工参加。",
        "走访慰问困难职工，共有23名职工参加。",
        "组队参加全县技能竞赛，共计8名医护职工。",
        "荣获全县“振兴杯”职业技能竞赛焊工组一等奖、全县“振兴杯”职业技能竞赛电工组三等奖。",
        "4月，举办护理技能竞赛，获得一等奖：急诊科。",
    ]
    for sentence in old:
        draft.blocks[4].text = sentence
        assert faults(facts, draft), sentence
    # A closing whose topic the section's facts do not show (the township's 文体 section has no women's event).
    town_facts, township, _ = make_draft(INVENTED[0], now=FIXED_NOW)
    last = [b for b in township.blocks if b.key.startswith("work/文体活动/")][-1]
    assert faults(town_facts, township) == []
    last.text += "女职工的特殊权益得到了较好维护。"
    assert any(f.startswith("无据的女职工") for f in faults(town_facts, township))


# -- the joiner ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit_type", "activity", "people", "result", "want"),
    [
        ("医院", "召开第三届职工代表大会第四次会议", 86, "", "86名职工代表出席"),
        ("学校", "召开第五届教代会第三次会议", 68, "", "68名教职工代表出席"),
        ("医院", "组织女职工“两癌”筛查", 286, "", "286名女职工参加"),
        ("学校", "召开三八妇女节座谈会", 40, "", "40名女教职工参加"),
        ("医院", "走访慰问困难职工", 23, "", "走访慰问困难职工23人"),
        ("企业", "参加全市职工技能大赛", 15, "", "选派15名职工参加全市职工技能大赛"),
        ("企业", "组队参加全县职工篮球赛", 12, "", "组队12人参加全县职工篮球赛"),
        ("医院", "组织职工参加全县职工运动会", 28, "", "选派28名职工参加全县职工运动会"),
        ("医院", "选送医护人员参加全省职业技能竞赛", 10, "", "选送10名医护人员参加全省职业技能竞赛"),
        ("乡镇街道", "为环卫工人免费体检", 86, "", "为86名环卫工人免费体检"),
        ("企业", "为困难职工送温暖", 23, "", "为23名困难职工送温暖"),
        ("机关", "走访慰问困难干部职工和退休老干部", 26, "", "走访慰问困难干部职工和退休老干部26人"),
        ("医院", "为职工办理重大疾病互助保险", 2150, "", "为2150名职工办理重大疾病互助保险"),
        ("机关", "举办干部职工趣味运动会", 160, "12支代表队参赛", "12支代表队、160名干部职工参赛"),
        ("企业", "举办安全生产培训", 120, "", "参训职工120人"),
        ("企业", "举办职工读书活动", "98人次", "", "参与职工98人次"),
        ("企业", "组织新入职职工岗前培训", "230人次", "", "组织新入职职工岗前培训230人次"),
        ("企业", "举办安全培训", "98人次", "", "举办安全培训，参训职工98人次"),
        ("乡镇街道", "举办职工广场舞比赛", 150, "12支队伍参赛", "12支队伍、150名职工参赛"),
        ("乡镇街道", "举办职工广场舞展演", 220, "14支队伍参加", "14支队伍、220名职工参加"),
        ("乡镇街道", "举办农民工技能培训班", 210, "", "举办农民工技能培训班，参训210人"),
        ("医院", "组织职工代表巡视食堂", 24, "", "组织24名职工代表巡视食堂"),
        ("乡镇街道", "指导辖区企业召开职代会", None, "31家企业按时召开职代会", "召开职代会，31家企业按时召开"),
        (
            "乡镇街道",
            "指导辖区企业召开职代会",
            None,
            "25家企业召开职代会，审议通过工资分配等事项",
            "指导辖区25家企业召开职代会，审议通过",
        ),
        ("乡镇街道", "指导辖区非公企业召开职代会", None, "28家企业召开职代会", "指导辖区28家非公企业召开职代会"),
        ("企业", "召开劳模座谈会", 12, "", "12人参加"),
    ],
)
def test_head_count_follows_the_activity(
    unit_type: str, activity: str, people: int | str | None, result: str, want: str
) -> None:
    parts = item_parts(activity, people, result, (), vocabulary(unit_type))
    assert want in "，".join(x for x in (parts.activity, parts.people, parts.result) if x)
    assert "共计" not in parts.people


def test_awards_drop_the_contest_and_count_alike() -> None:
    contest = "组队参加全县“振兴杯”职业技能竞赛"
    clause, honour = award_clause(
        contest,
        ("全县“振兴杯”职业技能竞赛焊工组一等奖", "全县“振兴杯”职业技能竞赛电工组三等奖"),
        after_honour=False,
    )
    # A contest's prizes are won (获), an honour a higher body confers is 荣获 (prose rules §2).
    assert clause == "获焊工组一等奖、电工组三等奖" and not honour
    clause, honour = award_clause("", ("全国五一劳动奖章",), after_honour=False)
    assert clause == "荣获全国五一劳动奖章" and honour
    assert award_clause("参加全县职工运动会", ("拔河比赛第三名",), after_honour=False)[0] == "获得拔河比赛第三名"
    clause, honour = award_clause(contest, ("一等奖", "一等奖", "二等奖", "二等奖", "二等奖"), after_honour=True)
    assert clause == "获一等奖2项、二等奖3项" and not honour
    clause, _ = award_clause(
        "带队参加桐江县职工职业技能竞赛",
        ("桐江县职工职业技能竞赛铸造工第一名", "桐江县职工职业技能竞赛铸造工第三名"),
        after_honour=False,
    )
    assert clause == "获铸造工第一名、第三名"
    clause, _ = award_clause("举办护理技能竞赛", ("一等奖", "一等奖", "一等奖"), after_honour=False)
    assert clause == "评出一等奖3名"  # the union does not win its own contest


def test_honours_are_not_said_twice_in_a_row(drafts: list[tuple[str, Facts, Draft]]) -> None:
    for _, _, draft in drafts:
        for block in draft.blocks:
            pairs = itertools.pairwise(sentences(block.text))
            assert not [a + b for a, b in pairs if "荣获" in a and "荣获" in b], block.text


# -- paragraphs ----------------------------------------------------------------------------


def _entry(when: str, activity: str) -> Entry:
    text = f"{when}，{activity}。" if when else f"{activity}。"
    return Entry(text, (activity,), activity, activity, when, bool(when))


def _paragraphs(entries: list[Entry]) -> list[str]:
    return [join(p) for p in plan(entries)]


def test_an_outside_speech_contest_goes_with_the_contests() -> None:
    entries = [
        _entry("4月", "举办护理技能竞赛"),
        _entry("9月", "组队参加全县职业技能竞赛"),
        _entry("10月", "举办中医适宜技术培训班"),
        _entry("11月", "选派3名职工参加市卫健系统演讲比赛"),
    ]
    # One paragraph in time order: cut in two by time, the speech contest would go with the training.
    assert _paragraphs(entries) == ["".join(e.text for e in entries)]
    # With two training items the section has two themes: the contests, then the training.
    groups = plan([*entries, _entry("12月", "举办读书班培训")])
    assert [[e.ident for e in p] for p in groups] == [
        ["举办护理技能竞赛", "组队参加全县职业技能竞赛", "选派3名职工参加市卫健系统演讲比赛"],
        ["举办中医适宜技术培训班", "举办读书班培训"],
    ]


def test_an_undated_item_of_another_theme_opens_its_paragraph() -> None:
    meeting = _entry("2月", "主持召开职工代表大会，审议通过《年度工资集体协议》")
    bargaining = _entry("", "作为职工方首席代表参加工资集体协商")
    # 同时 after a 2月 sentence would date the bargaining to 2月; it came before the congress.
    assert _paragraphs([meeting, bargaining]) == [bargaining.text + meeting.text]
    # One of the same theme goes on from the dated one.
    follow_up = _entry("", "办理职工代表提案17件")
    assert _paragraphs([meeting, follow_up]) == [meeting.text + "在此基础上，" + follow_up.text]
    # A sentence with its own setting takes no connector ("在此基础上，在技能比武中" reads twice).
    setting = _entry("", "在职工代表大会上，12名职工代表作了发言")
    assert _paragraphs([meeting, setting]) == [meeting.text + setting.text]


_ACTIVITIES = (
    "召开职工代表大会",
    "办理代表提案",
    "坚持厂务公开",
    "开展工资集体协商",
    "组织女职工“两癌”筛查",
    "走访慰问困难职工",
    "举办技能竞赛",
    "选派职工参加演讲比赛",
    "举办安全培训班",
    "举办职工篮球赛",
    "举办迎新春文艺晚会",
    "建成职工书屋",
    "发放防暑用品",
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(("", "1月", "3月", "春节前", "6月", "9月", "12月")), st.sampled_from(_ACTIVITIES)),
        min_size=1,
        max_size=9,
    )
)
def test_paragraphs_keep_every_item_once_in_time_order(items: list[tuple[str, str]]) -> None:
    entries = [_entry(when, activity) for when, activity in items]
    paragraphs = plan(entries)
    assert 1 <= len(paragraphs) <= 4
    assert sorted(id(e) for p in paragraphs for e in p) == sorted(id(e) for e in entries)
    for para in paragraphs:
        months = [month(e.when) for e in para if e.when]
        assert months == sorted(months), [e.text for e in para]
        text = join(para)
        # 同时 never follows a dated sentence: it would date the item it joins.
        for i in range(1, len(para)):
            if join(para[: i + 1]).endswith("同时，" + para[i].text):
                assert not para[i - 1].dated, text
    # No one-item paragraph unless the section has just one item.
    assert len(entries) == 1 or all(len(p) > 1 for p in paragraphs)


def eligible(options: list[str], support: Support) -> list[str]:
    """The texts of the lines ``choose`` may take."""
    return [text for _, text in supported_lines(options, support)]


# -- topics and the bank --------------------------------------------------------------------


def test_topic_markers_gate_a_phrase() -> None:
    lines = ["【话题：体育、文艺】丰富多彩的文体活动凝聚了人心。", "【话题：帮扶】帮扶暖人心。", "一句不带话题的话。"]
    assert read_marker(lines[0]) == (frozenset({"体育", "文艺"}), "丰富多彩的文体活动凝聚了人心。")
    sheet = Support.of(["举办篮球赛"], whole=True)
    assert eligible(lines, sheet) == ["一句不带话题的话。"]
    everything = Support.of(["举办篮球赛", "举办文艺晚会", "慰问困难职工"], whole=True)
    assert eligible(lines, everything) == [read_marker(x)[1] for x in lines]
    assert eligible(["总之，在过去的一年里取得了成绩。"], Support()) == []  # banned wording never chosen


def test_a_section_frame_claims_only_what_most_of_its_items_show() -> None:
    sports = "【话题：体育】职工在运动中强健了体魄。"
    both = "【话题：体育、文艺】职工在活动中展示了风采。"
    women = "【话题：女职工】女职工的特殊权益得到了较好维护。"
    care = "【话题：帮扶】困难职工的实际问题得到缓解。"
    half = Support.of(["举办职工篮球赛", "举办书画摄影展"])
    assert eligible([sports, both], half) == ["职工在活动中展示了风采。"]
    welfare = Support.of(["走访慰问困难职工", "组织女职工“两癌”筛查", "开展金秋助学活动，资助职工子女"])
    both = "【话题：帮扶、女职工】困难职工和女职工的实际需求得到了关注和回应。"
    # Every item that shows a topic shows one of the line's: the screening is not left out.
    assert eligible([women, care, both], welfare) == ["困难职工和女职工的实际需求得到了关注和回应。"]
    # An item of no topic does not count against a line; but the line's items must be most of the section.
    assert eligible([care], Support.of(["走访慰问困难职工", "慰问劳模", "建成户外劳动者服务站"])) == [
        "困难职工的实际问题得到缓解。"
    ]
    assert eligible([care], Support.of(["走访慰问困难职工", "开展夏送清凉活动", "建成户外劳动者服务站"])) == []
    # The same lines in a document-level slot: one item showing the topic is enough.
    assert eligible([women, care], Support(welfare.items, whole=True)) == [read_marker(x)[1] for x in (women, care)]
    # A part's title speaks for every item under it.
    home = Support.of(["建成书屋1个", "开展评选"], common="职工之家建设")
    assert eligible(["【话题：建家】职工之家的阵地作用进一步发挥。"], home) == ["职工之家的阵地作用进一步发挥。"]


def test_variety_is_claimed_over_three_items_or_more() -> None:
    line = "我结合职工的工作特点，组织开展了形式多样的文体活动。"
    assert eligible([line], Support.of(["举办职工篮球赛", "举办迎新春联欢会"])) == []
    assert eligible([line], Support.of(["举办职工篮球赛", "举办迎新春联欢会", "组织登山"])) == [line]


def test_a_slot_does_not_echo_an_earlier_slot_of_its_template(tmp_path: Path) -> None:
    from drafter.build.templating import EARLIER, SEED, TemplateSet, exported

    (tmp_path / "工作总结").mkdir()
    (tmp_path / "工作总结" / "x.j2").write_text(
        "{% set 标题 | choose %}\n以{{ 职工 }}为中心，做实服务保障\n{% endset %}\n"
        "{% set 引言 | choose %}\n{{ 本会 }}坚持以{{ 职工 }}为中心，把服务做在日常。\n"
        "{{ 本会 }}把{{ 职工 }}的冷暖放在心上。\n{% endset %}\n",
        encoding="utf-8",
    )
    templates = TemplateSet(tmp_path, "工作总结")
    leads = set()
    for seed in range(40):
        module = templates.module("x", {"职工": "辖区职工", "本会": "镇总工会", SEED: str(seed)})
        leads.add(exported(module, "引言"))
    # Whatever the seed, the opening never repeats the heading's 以…为中心; the other line is left.
    assert leads == {"镇总工会把辖区职工的冷暖放在心上。"}

    # Nor a line the draft said before this template (two openings built as 「……，是院工会……的一项工作」).
    (tmp_path / "工作总结" / "y.j2").write_text(
        "{% set 引言 | choose %}\n丰富{{ 职工 }}的业余生活，是{{ 本会 }}常抓不懈的一项工作。\n"
        "{{ 本会 }}注重以活动聚人心。\n{% endset %}\n",
        encoding="utf-8",
    )
    before = ["为职工办实事、解难题，是院工会的一项基础工作。"]
    leads = {
        exported(templates.module("y", {"职工": "职工", "本会": "院工会", SEED: str(n), EARLIER: before}), "引言")
        for n in range(40)
    }
    assert leads == {"院工会注重以活动聚人心。"}


def test_every_framing_slot_has_four_phrasings() -> None:
    from drafter.contract import CATEGORIES, DOCUMENT_SLOTS, OTHER, SECTION_SLOTS
    from drafter.learn.builtin import document_phrases, section_phrases

    for kind in KINDS:
        for slot in DOCUMENT_SLOTS:
            phrases = document_phrases(kind, slot)
            if phrases and slot != "副标题":
                assert len(phrases) >= 4, (kind, slot)
        for category in (*CATEGORIES, OTHER):
            for slot in SECTION_SLOTS if category != OTHER else ("引言", "结语"):
                assert len(section_phrases(kind, category, slot)) >= 4, (kind, category, slot)
                for phrase in section_phrases(kind, category, slot):
                    names, text = read_marker(phrase)
                    assert banned_in(text) is None, phrase
                    if slot == "结语":
                        assert names or claims_plural(text), (
                            f"a closing states an effect the facts must show ({phrase})"
                        )
                if slot != "结语":
                    # Lines any section can take: --variant changes every heading and opening.
                    free = [p for p in section_phrases(kind, category, slot) if not read_marker(p)[0]]
                    assert len([p for p in free if not claims_plural(p)]) >= 4, (kind, category, slot)


def test_a_federation_names_its_long_words_in_full_once_a_sentence() -> None:
    town = vocabulary("乡镇街道", "某县某镇总工会")
    text = "企业职代会、企业厂务公开和集体协商制度进一步落实，辖区职工的合法权益得到了维护。为辖区职工办实事。"
    assert say_once(text, town) == (
        "企业职代会、厂务公开和集体协商制度进一步落实，职工的合法权益得到了维护。为辖区职工办实事。"
    )
    assert say_once(text, vocabulary("企业")) == text


def test_vocabulary_is_one_table_per_unit_type() -> None:
    assert set(VOCABULARIES) == set(UNIT_TYPES)
    town = vocabulary("乡镇街道", "某县某镇总工会")
    assert town.本会 == "镇总工会" and town.职工 == "辖区职工" and town.公开 == "企业厂务公开"
    assert vocabulary("乡镇街道", "某区某街道总工会").本会 == "街道总工会"
    assert vocabulary("医院").职工 == "职工" and vocabulary("医院").全体职工 == "全院职工"
    for v in VOCABULARIES.values():
        assert all(getattr(v, f.name) for f in fields(v) if f.type == "str")


# -- variety ------------------------------------------------------------------------------------


def _shared(a: list[str], b: list[str]) -> float:
    return len(set(a) & set(b)) / max(1, len(set(a)))


@pytest.mark.parametrize("sheet", [*EXAMPLES, *INVENTED], ids=lambda p: p.stem)
def test_variants_change_most_framing_sentences(sheet: Path) -> None:
    facts, base, _ = make_draft(sheet, now=FIXED_NOW)
    frame0 = framing(base, facts)
    assert len(frame0) >= 8
    for variant in (1, 2, 3):
        _, other, warnings = make_draft(sheet, variant=variant, now=FIXED_NOW)
        assert _shared(frame0, framing(other, facts)) <= 0.5, variant
        assert not [w for w in warnings if "--variant" in w.message]


def test_variants_of_every_init_sheet_change_most_framing_sentences(tmp_path: Path) -> None:
    for unit_type in UNIT_TYPES:
        for kind in KINDS:
            sheet = tmp_path / f"{unit_type}{kind}.yaml"
            sheet.write_text(example_sheet(unit_type, kind, 2025), encoding="utf-8")
            facts, base, _ = make_draft(sheet, now=FIXED_NOW)
            frame0 = framing(base, facts)
            for variant in (1, 2, 3):
                _, other, _ = make_draft(sheet, variant=variant, now=FIXED_NOW)
                assert _shared(frame0, framing(other, facts)) <= 0.5, (unit_type, kind, variant)


def _neutral(sentences: list[str], unit_type: str) -> list[str]:
    """Framing sentences with the unit's own words replaced by their names (教职工 → {职工})."""
    v = vocabulary(unit_type)
    words = sorted(((w, name) for name, w in v.as_context().items()), key=lambda x: -len(x[0]))
    out = []
    for s in sentences:
        for word, name in words:
            s = s.replace(word, "{" + name + "}")
        out.append(s)
    return out


def test_a_school_and_a_hospital_share_at_most_half_their_frame(tmp_path: Path) -> None:
    pairs = [(ROOT / "examples" / "学校工会工作总结.yaml", ROOT / "examples" / "医院工会工作总结.yaml")]
    for kind in KINDS:
        school, hospital = tmp_path / f"学校{kind}.yaml", tmp_path / f"医院{kind}.yaml"
        school.write_text(example_sheet("学校", kind, 2025), encoding="utf-8")
        hospital.write_text(example_sheet("医院", kind, 2025), encoding="utf-8")
        pairs.append((school, hospital))
    for school, hospital in pairs:
        fs, ds, _ = make_draft(school, now=FIXED_NOW)
        fh, dh, _ = make_draft(hospital, now=FIXED_NOW)
        a, b = _neutral(framing(ds, fs), "学校"), _neutral(framing(dh, fh), "医院")
        assert _shared(a, b) <= 0.5 and _shared(b, a) <= 0.5, (school.name, set(a) & set(b))


def test_a_variant_without_alternatives_says_so(tmp_path: Path) -> None:
    import shutil

    tpl = tmp_path / "tpl"
    shutil.copytree(ROOT / "templates", tpl)
    for path in (tpl / "工作总结").glob("*.j2"):
        # Keep only the first line of every block: no slot has an alternative.
        kept: list[str] = []
        first = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("{% set ") and "| choose" in line:
                first = True
            elif line.startswith("{% endset"):
                first = False
            elif first:
                first = None  # type: ignore[assignment]
            elif first is None:
                continue
            kept.append(line)
        path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        "单位: 测试公司工会\n单位类型: 企业\n年度: 2025\n民主建设: [按季度公开重要事项。]\n", encoding="utf-8"
    )
    _, _, warnings = make_draft(sheet, templates=tpl, variant=2, now=FIXED_NOW)
    assert [w for w in warnings if "--variant 2" in w.message]
    _, _, warnings = make_draft(sheet, variant=2, now=FIXED_NOW)
    assert not [w for w in warnings if "--variant" in w.message]
