"""The sheet's JSON Schema (``drafter.sheet.schema``): made from the field table, used by editors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from drafter.contract import KINDS, UNIT_TYPES
from drafter.sheet.fields import FIELDS, Field
from drafter.sheet.init import example_sheet
from drafter.sheet.schema import SCHEMA_NAME, reference_markdown, schema, schema_json

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BASE = "单位: 某某县第一中学工会\n单位类型: 学校\n年度: 2025\n"


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's language server does: dates stay text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema_json()))


def errors(text: str) -> list[str]:
    """Every message of the validation, those inside ``anyOf`` alternatives too."""
    data = yaml.load(text, Loader=EditorLoader)  # a SafeLoader subclass
    found: list[str] = []
    stack = list(validator().iter_errors(data))
    while stack:
        e = stack.pop()
        found.append(e.message)
        stack += e.context or []
    return found


def test_the_schema_is_draft_2020_12() -> None:
    s = json.loads(schema_json())
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(s)
    assert s == schema()


def _described(f: Field, node: dict) -> None:
    assert any("\u4e00" <= ch <= "\u9fff" for ch in node["description"]), f.key
    assert node["examples"], f.key
    assert node["title"] == f.label


def test_every_key_has_a_chinese_description_and_an_example() -> None:
    s = schema()
    assert list(s["properties"]) == [f.key for f in FIELDS]
    for f in FIELDS:
        _described(f, s["properties"][f.key])
        for child in f.children:
            props = _object_of(s["properties"][f.key])["properties"]
            _described(child, props[child.key])


def _object_of(node: dict) -> dict:
    """The object schema inside a field's schema (mapping, list of objects, list of items)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.get("type") in ("object", ["object", "null"]):
            return n
        stack += n.get("anyOf", []) + ([n["items"]] if isinstance(n.get("items"), dict) else [])
    raise AssertionError(node)


def test_each_example_value_fits_its_own_field() -> None:
    """The examples the schema shows are values the schema accepts."""
    s = schema()
    for f in FIELDS:
        node = s["properties"][f.key]
        for example in node["examples"]:
            assert not list(jsonschema.Draft202012Validator(node).iter_errors(example)), (f.key, example)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_sheet_validates(path: Path) -> None:
    assert errors(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("unit_type", UNIT_TYPES)
def test_every_init_sheet_validates_and_points_to_the_schema(unit_type: str, kind: str) -> None:
    text = example_sheet(unit_type, kind, 2026)
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_NAME}"
    assert errors(text) == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (BASE + "单位名称: 某某工会\n", ("单位名称",)),  # a typo at the top
        (BASE + "概况:\n  会员数: 12\n", ("会员数",)),  # a typo in a mapping
        (BASE + "民主建设:\n  - 活动: 座谈会\n    人头: 5\n", ("人头",)),  # a typo in an item
        (BASE + "落款:\n  日子: 2025-12-28\n", ("日子",)),
        (BASE + "其他工作:\n  - 标题: 自身建设\n    内容: [a]\n", ("内容",)),
    ],
)
def test_typos_are_rejected(text: str, words: tuple[str, ...]) -> None:
    found = " ".join(errors(text))
    assert found and all(w in found for w in words), found


@pytest.mark.parametrize(
    "text",
    [
        BASE.replace("2025", "很多"),
        BASE.replace("2025", "1800"),
        BASE.replace("学校", "学堂"),
        BASE + "文种: 请示\n",
        BASE + "概况: 很好\n",
        BASE + "概况:\n  会员人数: 很多\n",
        BASE + "概况:\n  入会率: 百分之九十\n",
        BASE + "民主建设: {活动: 座谈会}\n",
        BASE + "民主建设:\n  - 活动: [a, b]\n",
        BASE + "民主建设:\n  - 活动: 座谈会\n    人数: 约80人\n",
        BASE + "民主建设:\n  - 活动: 座谈会\n    获奖: 县一等奖\n",
        BASE + "其他工作: 自身建设\n",
        BASE + "落款:\n  日期: 年底\n",
        BASE + "存在不足: {a: b}\n",
        BASE.replace("某某县第一中学工会", "某" * 101),
    ],
)
def test_wrong_types_are_rejected(text: str) -> None:
    assert errors(text)


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("单位类型: 学校\n年度: 2025\n", "单位"),
        ("单位: 某某工会\n年度: 2025\n", "单位类型"),
        ("单位: 某某工会\n单位类型: 学校\n", "年度"),
        (BASE + "民主建设:\n  - 时间: 3月\n", "活动"),
        (BASE + "其他工作:\n  - 事项: [a]\n", "标题"),
        (BASE + "文种: 述职报告\n", "报告人"),
    ],
)
def test_missing_required_keys_are_rejected(text: str, missing: str) -> None:
    found = " ".join(errors(text))
    assert f"'{missing}' is a required property" in found, found


def test_init_writes_the_schema_where_the_modeline_points(tmp_path: Path) -> None:
    """Through the real CLI: the sheet's first line names a file beside it that holds the schema;
    moving the folder keeps the pair together."""
    folder = tmp_path / "工会" / "2026"
    folder.mkdir(parents=True)
    exe = Path(sys.executable).with_name("drafter")
    run = subprocess.run(
        [str(exe), "init", "事实表.yaml", "--type", "医院", "--year", "2026"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    sheet = folder / "事实表.yaml"
    first = sheet.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    moved = tmp_path / "搬走了"
    folder.rename(moved)
    target = moved / first.split("$schema=", 1)[1]
    assert json.loads(target.read_text(encoding="utf-8")) == schema()
    assert errors((moved / "事实表.yaml").read_text(encoding="utf-8")) == []


def test_the_docs_reference_is_made_from_the_field_table() -> None:
    """docs/sheet-fields.md is regenerated, not edited: run
    python -c "from drafter.sheet.schema import reference_markdown as r; open('docs/sheet-fields.md','w',encoding='utf-8').write(r())"
    """
    written = (ROOT / "docs" / "sheet-fields.md").read_text(encoding="utf-8")
    assert written == reference_markdown()
    for f in FIELDS:
        assert f"| {f.key} |" in written
