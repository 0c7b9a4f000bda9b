"""One paragraph → one 事项: structured only where every part is clear, never losing a clause."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafter.extract.items import points, strip_marker, structured

TIMES = ["3月", "5月12日", "4月至10月", "上半年", "春节前", "元旦春节期间"]
ACTIVITIES = ["举办职工趣味运动会", "召开第二届职工代表大会第四次会议", "组织“书香三八”读书分享会"]
RESULTS = ["评出一等奖3名", "审议通过《职工休假办法》", "设拔河、跳绳等8个项目", "78名护士参加了比赛"]
PEOPLE = [("参加职工82人", 82), ("共有120人参加", 120), ("参赛职工420人", 420), ("参训1340人次", "1340人次")]
AWARDS = ["获得团体二等奖", "荣获市职工篮球赛亚军"]


@given(
    st.sampled_from(TIMES),
    st.sampled_from(ACTIVITIES),
    st.lists(st.sampled_from(RESULTS), max_size=2, unique=True),
    st.one_of(st.none(), st.sampled_from(PEOPLE)),
    st.lists(st.sampled_from(AWARDS), max_size=1),
)
def test_every_clause_lands_in_its_part(
    when: str, activity: str, results: list[str], people: tuple[str, int | str] | None, awards: list[str]
) -> None:
    clauses = [activity, *([people[0]] if people else []), *results, *awards]
    parts = structured(f"{when}，{'，'.join(clauses)}。")
    assert parts is not None
    assert (parts["时间"], parts["活动"]) == (when, activity)
    assert parts.get("人数") == (people[1] if people else None)
    assert parts.get("成果", "") == "，".join(results)
    assert parts.get("获奖", []) == [a.removeprefix("获得").removeprefix("荣获") for a in awards]


def test_her_sentence_is_kept_where_the_parts_are_not_clear() -> None:
    assert structured("坚持校务公开，全年公开事项21项。") is None  # no time first
    assert structured("3月，召开教代会。会后组织代表巡视食堂。") is None  # two sentences
    assert structured("5月，获得区先进职工之家称号，组织职工参观学习。") is not None
    assert structured("5月，举办运动会，获得团体第一名，参加职工300人。") is None  # a result after the awards


def test_points_and_markers() -> None:
    assert points("一是形式单一；二是参与面不广。") == ["形式单一。", "参与面不广。"]
    assert points("六、存在问题。") == ["存在问题。"]
    assert strip_marker("（三）关心职工生活") == "关心职工生活"
    assert strip_marker("3月，召开教代会。") == "3月，召开教代会。"
