"""``sheet_from_last``: next year's sheet from last year's (issue 14 item 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.build.pipeline import make_draft, render_bytes
from drafter.contract import CATEGORIES, KINDS, UNIT_TYPES
from drafter.sheet.init import example_sheet, sheet_from_last
from drafter.sheet.load import load_facts, parse_facts
from drafter.sheet.schema import MODELINE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
NEW_ITEM = "  - 召开新一届职工代表大会，选举产生新一届工会委员会。\n"


def last_year_events(path: Path) -> list[str]:
    """The activities, sentences, results, awards, shortcomings and plans of a sheet."""
    facts, _ = load_facts(path)
    texts: list[str] = [*facts.shortcomings, *facts.plans]
    items = [i for c in CATEGORIES for i in facts.items(c)] + [i for w in facts.other_work for i in w.items]
    for item in items:
        texts += [t for t in (item.sentence, item.activity, item.result) if t] + list(item.awards)
    texts += [w.title for w in facts.other_work]
    if facts.assessment:
        texts.append(facts.assessment)
    return texts


def with_one_item(text: str) -> str:
    return text.replace("\n民主建设:\n", "\n民主建设:\n" + NEW_ITEM, 1)


def sources() -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in EXAMPLES]
    return out + [(f"init-{t}-{k}", example_sheet(t, k, 2025)) for t in UNIT_TYPES for k in KINDS]


@pytest.mark.parametrize(("name", "text"), sources(), ids=[n for n, _t in sources()])
def test_next_year_checks_and_builds_without_last_years_events(name: str, text: str, tmp_path: Path) -> None:
    last = tmp_path / "去年.yaml"
    last.write_text(text, encoding="utf-8")
    before, _ = load_facts(last)
    made = sheet_from_last(last, None)
    assert made.splitlines()[0] == MODELINE
    facts, _warnings = parse_facts(made, "今年.yaml", today=dt.date(before.year + 1, 12, 30))
    # carried over
    assert facts.year == before.year + 1
    for attr in ("unit", "unit_type", "kind", "reporter", "position", "parent_union", "party_org", "overview"):
        assert getattr(facts, attr) == getattr(before, attr), attr
    assert facts.signoff is not None and before.signoff is not None
    assert facts.signoff.name == before.signoff.name
    if before.signoff.explicit_date:
        assert facts.signoff.date.year == before.signoff.date.year + 1
    assert "请按" in made and "更新" in made  # the figures carry a note
    # cleared, and kept as comments
    assert not any(facts.categories.values()) and facts.other_work == () and facts.plans == ()
    assert facts.shortcomings == () and facts.assessment is None
    for plan in before.plans:
        assert f"# 去年计划：{plan}" in made or f"# - {plan}" in made, plan
    # with one new item it builds, and no event of last year is in the draft
    sheet = tmp_path / "今年.yaml"
    sheet.write_text(with_one_item(made), encoding="utf-8")
    _facts, draft, _ = make_draft(sheet, today=dt.date(before.year + 1, 12, 30))
    body = render_bytes(draft, "md").decode("utf-8")
    assert "召开新一届职工代表大会" in body
    for event in last_year_events(last):
        assert event not in body, event


def test_the_year_can_be_chosen(tmp_path: Path) -> None:
    last = tmp_path / "去年.yaml"
    last.write_text(EXAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    made = sheet_from_last(last, 2030)
    facts, _ = parse_facts(with_one_item(made), "x.yaml", today=dt.date(2030, 12, 1))
    assert facts.year == 2030
    assert facts.signoff is not None and facts.signoff.date.year in (2030, 2031)


def test_the_chairs_comments_are_kept(tmp_path: Path) -> None:
    text = EXAMPLES[0].read_text(encoding="utf-8")
    text = text.replace("单位类型:", "# 我们是镇总工会，不是镇政府\n单位类型:", 1)
    last = tmp_path / "去年.yaml"
    last.write_text(text, encoding="utf-8")
    made = sheet_from_last(last, None)
    assert "# 我们是镇总工会，不是镇政府\n单位类型:" in made
    head = [line for line in text.splitlines() if line.startswith("#")][:3]
    assert all(line in made for line in head)


def test_a_broken_last_sheet_is_refused(tmp_path: Path) -> None:
    from drafter.errors import Problems

    last = tmp_path / "去年.yaml"
    last.write_text("单位: x\n", encoding="utf-8")
    with pytest.raises(Problems):
        sheet_from_last(last, None)


def test_a_last_sheet_saved_as_ansi_gives_a_utf8_sheet(tmp_path: Path) -> None:
    from drafter.sheet.init import write_sheet

    last = tmp_path / "去年.yaml"
    last.write_bytes(EXAMPLES[0].read_text(encoding="utf-8").encode("gbk"))
    made = sheet_from_last(last, None)
    out = tmp_path / "今年.yaml"
    write_sheet(out, made)
    assert out.read_bytes().decode("utf-8") == made
    assert (tmp_path / ".drafter" / "sheet.schema.json").is_file()
    _facts, warnings = load_facts(out)
    assert not any("编码" in w.message for w in warnings)
