"""The example sheet that ``drafter init`` writes, and the sheets in examples/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from drafter.sheet import facts
from drafter.sheet.fields import FIELDS, ITEM_FIELDS, OTHER_FIELDS, OVERVIEW_FIELDS, SIGNOFF_FIELDS
from drafter.sheet.init import KINDS, UNIT_TYPES, example_sheet

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# The sheet's keys, from its one field table.
TOP_KEYS = {f.key for f in FIELDS}
REQUIRED = {f.key for f in FIELDS if f.required}
ITEM_KEYS = {f.key for f in ITEM_FIELDS}
OTHER_KEYS = {f.key for f in OTHER_FIELDS}
SIGNOFF_KEYS = {f.key for f in SIGNOFF_FIELDS}
OVERVIEW_KEYS = {f.key for f in OVERVIEW_FIELDS}

# Words that belong to one unit type only: present in its sheet, absent from the others'.
OWN_WORDS = {
    "学校": {"教职工", "教代会", "校务公开"},
    "企业": {"职代会", "厂务公开"},
    "机关": {"干部职工", "政务公开"},
    "医院": {"医护职工", "职代会", "院务公开"},
    "乡镇街道": {
        "辖区职工",
        "干部职工",
        "职代会",
        "企业厂务公开",
        "厂务公开",
    },  # a federation guides the enterprises' 厂务公开
    "其他": {"职工", "职代会"},
}
DISTINCT = {"教职工", "教代会", "校务公开", "厂务公开", "院务公开", "政务公开", "医护职工", "干部职工"}

# Names, places and titles of the bundled sample reports, and placeholder marks:
# none may appear in an example (every fact in an example is invented).
SAMPLE_TOKENS = [
    "马中", "吴甦", "刘永胜", "李青山", "于丽娜", "郭丽霞", "赵红云", "刘彩霞", "米继萍", "肖明阳",
    "陀烈", "槟榔", "米东", "二钢", "李伯勋", "金色", "王强", "东湖", "xx", "20xx", "**",
]  # fmt: skip


class UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping."""


def _construct_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_unique(text: str):
    return yaml.load(text, Loader=UniqueKeyLoader)  # a SafeLoader subclass


def check_item(item: object) -> None:
    if isinstance(item, str):
        assert item.strip(), "empty sentence item"
        return
    assert isinstance(item, dict), item
    assert set(item) <= ITEM_KEYS, set(item) - ITEM_KEYS
    assert item.get("活动") or item.get("成果"), item
    for key in ("活动", "成果"):
        if key in item:
            assert isinstance(item[key], str) and not item[key].endswith("。"), item[key]
    if "人数" in item:
        assert isinstance(item["人数"], (int, str)) and not isinstance(item["人数"], bool)
    if "时间" in item:
        assert isinstance(item["时间"], (str, dt.date)), item["时间"]
    if "获奖" in item:
        assert isinstance(item["获奖"], list) and all(isinstance(a, str) for a in item["获奖"])


def check_sheet(sheet: object, min_items: int) -> dict:
    assert isinstance(sheet, dict)
    assert set(sheet) <= TOP_KEYS, set(sheet) - TOP_KEYS
    assert REQUIRED <= set(sheet)
    assert sheet["单位类型"] in facts.UNIT_TYPES
    assert sheet.get("文种", "工作总结") in facts.KINDS
    assert isinstance(sheet["年度"], int)
    if sheet.get("文种") == "述职报告":
        assert sheet.get("报告人")
    overview = sheet.get("概况") or {}
    assert set(overview) <= OVERVIEW_KEYS
    if "女职工人数" in overview and "职工人数" in overview:
        assert overview["女职工人数"] <= overview["职工人数"]
    for category in facts.CATEGORIES:
        items = sheet.get(category)
        assert isinstance(items, list) and len(items) >= min_items, category
        for item in items:
            check_item(item)
    for entry in sheet.get("其他工作") or []:
        assert set(entry) <= OTHER_KEYS and entry.get("标题")
        for item in entry.get("事项") or []:
            check_item(item)
    for key in ("存在不足", "明年打算"):
        assert all(isinstance(s, str) and s.strip() for s in sheet.get(key) or [])
    assert set(sheet.get("落款") or {}) <= SIGNOFF_KEYS
    return sheet


def test_module_lists_agree_with_facts() -> None:
    assert UNIT_TYPES == facts.UNIT_TYPES
    assert KINDS == facts.KINDS


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_init_sheet(unit_type: str, kind: str) -> None:
    text = example_sheet(unit_type, kind, 2026)
    assert "\t" not in text
    assert yaml.safe_load(text) == load_unique(text)
    sheet = check_sheet(load_unique(text), min_items=2)
    assert sheet["单位类型"] == unit_type
    assert sheet["文种"] == kind
    assert sheet["年度"] == 2026
    if kind == "述职报告":
        assert sheet["报告人"] and sheet["职务"]
    else:
        assert "报告人" not in sheet
    # 落款 日期 is left for the chair, shown in a comment with the right year.
    assert "日期" not in sheet["落款"]
    assert "# 日期: 2026-12-" in text
    # The unit type's own vocabulary, and no other type's.
    for word in OWN_WORDS[unit_type]:
        assert word in text, word
    for word in DISTINCT - OWN_WORDS[unit_type]:
        assert word not in text, word
    for mark in ("xx", "**", "20xx"):
        assert mark not in text.lower()
    # The comments tell her how to check and build.
    assert "drafter check" in text and "drafter build" in text


def test_init_sheet_rejects_unknown() -> None:
    with pytest.raises(ValueError):
        example_sheet("商店", "工作总结", 2025)
    with pytest.raises(ValueError):
        example_sheet("学校", "请示", 2025)


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def test_examples_exist() -> None:
    assert len(example_files()) >= 5


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_example_sheet(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "\t" not in text
    assert isinstance(yaml.safe_load(text), dict)
    sheet = check_sheet(load_unique(text), min_items=4)
    assert 1 <= len(sheet["其他工作"]) <= 2
    assert len(sheet["存在不足"]) == 3
    assert 3 <= len(sheet["明年打算"]) <= 5
    for key in ("概况", "上级工会", "党组织"):
        assert sheet.get(key), key
    date = sheet["落款"]["日期"]
    assert isinstance(date, dt.date) and date.year == sheet["年度"] and date.month == 12 and date.day >= 20
    lowered = text.lower()
    for token in SAMPLE_TOKENS:
        assert token.lower() not in lowered, token


def test_unique_key_loader_rejects_duplicates() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        load_unique("单位: 甲\n单位: 乙\n")
