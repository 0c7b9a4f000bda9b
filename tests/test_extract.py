"""drafter extract: round trip through drafter's own .docx, output rules, the YAML writer."""

from __future__ import annotations

import datetime as _dt
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.build.compose import expected_facts, item_facts
from drafter.build.pipeline import make_draft, render_bytes
from drafter.errors import ExtractError
from drafter.extract import command
from drafter.extract.yamlout import scalar
from drafter.sheet.load import load_facts

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
NOW = _dt.datetime(2025, 12, 28, 9, 0)
SCHOOL = Path(__file__).parent / "data" / "extract" / "school.txt"


def built(sheet: Path, folder: Path) -> tuple[Path, str]:
    """The .docx drafter builds from ``sheet``, written into ``folder``, and its text."""
    _facts, draft, _warnings = make_draft(sheet, now=NOW)
    out = folder / f"{sheet.stem}.docx"
    out.write_bytes(render_bytes(draft, "docx"))
    return out, draft.text()


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_round_trip_gives_back_every_fact_of_the_sheet(sheet: Path, tmp_path: Path) -> None:
    original, _ = load_facts(sheet)
    docx_path, text = built(sheet, tmp_path)
    command(docx_path, None, False)
    back, _ = load_facts(docx_path.with_suffix(".yaml"))  # passes check
    missing = [fact for fact in expected_facts(original) if fact not in expected_facts(back)]
    assert missing == []
    for name in ("unit", "unit_type", "year", "kind", "reporter", "position", "parent_union", "party_org"):
        assert getattr(back, name) == getattr(original, name), name
    assert (back.overview, back.assessment) == (original.overview, original.assessment)
    assert (back.shortcomings, back.plans, back.signoff) == (original.shortcomings, original.plans, original.signoff)
    # and the extracted sheet rebuilds the same draft
    _facts, again, _warnings = make_draft(docx_path.with_suffix(".yaml"), now=NOW)
    assert again.text() == text


def _edit_docx(path: Path, old: str, new: str) -> None:
    """Replace text inside the .docx's body, as typing in Word would (bookmarks stay)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            dst.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def test_a_paragraph_rewritten_in_word_is_taken_as_she_left_it(tmp_path: Path) -> None:
    sheet = ROOT / "examples" / "企业工会工作总结.yaml"
    docx_path, _ = built(sheet, tmp_path)
    _edit_docx(docx_path, "开通厂区至城区的通勤班车2条", "开通厂区至城区的通勤班车3条")
    command(docx_path, None, False)
    text = docx_path.with_suffix(".yaml").read_text(encoding="utf-8")
    back, _ = load_facts(docx_path.with_suffix(".yaml"))
    sentences = [i.sentence for i in back.items("生活保障") if i.sentence]
    assert any("通勤班车3条" in s for s in sentences)
    assert "通勤班车2条" not in " ".join(sentences)
    assert "# 请核对：这条事项在 Word 里改过" in text
    # the other 事项 of that joined paragraph come back as recorded, in the sheet's order
    original, _ = load_facts(sheet)
    assert [replace(i, pos=None) for i in back.items("生活保障")[:-1]] == [
        replace(i, pos=None) for i in original.items("生活保障")[:-1]
    ]
    assert back.items("生活保障")[-1].sentence == sentences[-1] and len(sentences) == 2


def test_the_record_lists_the_items_of_a_joined_paragraph_and_older_records_still_read() -> None:
    from drafter.roundtrip.base import base_payload, parse_base

    _facts, draft, _warnings = make_draft(ROOT / "examples" / "企业工会工作总结.yaml", now=NOW)
    base = parse_base(base_payload(draft))
    assert base.format == 3
    joined = [b for b in base.blocks if len(b.items) > 1]
    assert joined and all(b.key.split("/")[-2] == "item" for b in joined)
    assert [b.items for b in base.blocks] == [b.items for b in draft.all_blocks()]
    old = json.loads(base_payload(draft))
    old["format"] = 2
    for block in old["blocks"]:
        block.pop("items", None)
    assert all(b.items == () for b in parse_base(json.dumps(old).encode()).blocks)
    old["blocks"][4]["items"] = [{"people": True}]
    old["format"] = 3
    with pytest.raises(ValueError, match="人数"):
        parse_base(json.dumps(old).encode())


def test_default_output_is_beside_the_report_and_never_overwritten_without_force(tmp_path: Path) -> None:
    report = tmp_path / "去年总结.txt"
    report.write_bytes(SCHOOL.read_bytes())
    command(report, None, False)
    out = tmp_path / "去年总结.yaml"
    first = out.read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=")  # the editor's hint, as every sheet drafter writes
    out.write_text("# 她改过的事实表\n", encoding="utf-8")
    with pytest.raises(ExtractError) as err:
        command(report, None, False)
    assert "--force" in err.value.message and str(out) in err.value.format()
    assert out.read_text(encoding="utf-8") == "# 她改过的事实表\n"
    command(report, None, True)
    assert out.read_text(encoding="utf-8") == first


def test_output_named_with_o(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "明年.yaml"
    command(SCHOOL, out, False)
    assert load_facts(out)[0].unit == "青石县实验小学工会"
    said = capsys.readouterr().out
    assert "已提取" in said and "检查通过" in said and "事项 12 条" in said
    with pytest.raises(ExtractError, match=r"\.yaml"):
        command(SCHOOL, tmp_path / "明年.docx", False)


def test_a_folder_gives_one_sheet_per_report(tmp_path: Path) -> None:
    folder = tmp_path / "去年"
    folder.mkdir()
    for name in ("school.txt", "flat.txt"):
        (folder / name).write_bytes((SCHOOL.parent / name).read_bytes())
    command(folder, tmp_path / "sheets", False)
    assert sorted(p.name for p in (tmp_path / "sheets").iterdir()) == ["flat.yaml", "school.yaml"]
    assert load_facts(tmp_path / "sheets" / "flat.yaml")[0].unit == "锦湖大酒店有限公司工会"


def test_an_existing_sheet_in_a_folder_stops_every_write(tmp_path: Path) -> None:
    folder = tmp_path / "去年"
    folder.mkdir()
    for name in ("school.txt", "flat.txt"):
        (folder / name).write_bytes((SCHOOL.parent / name).read_bytes())
    (folder / "school.yaml").write_text("单位: 旧\n", encoding="utf-8")
    with pytest.raises(ExtractError):
        command(folder, None, False)
    assert not (folder / "flat.yaml").exists()


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_is_written_as_a_scalar_that_reads_back(text: str) -> None:
    line = " ".join(text.split("\n"))
    assert yaml.safe_load(f"键: {scalar(line)}\n") == {"键": line}


def test_build_does_not_import_extract() -> None:
    sheet = ROOT / "examples" / "学校工会工作总结.yaml"
    code = (
        "import sys\nfrom pathlib import Path\n"
        "from drafter.build.pipeline import make_draft, render_bytes\n"
        f"_f, d, _w = make_draft(Path({str(sheet)!r}))\nrender_bytes(d, 'docx')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('drafter.extract', 'drafter.learn', 'jieba'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _without_base(path: Path) -> None:
    """Drop drafter's generation record, as an office suite that discards custom XML would."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if not info.filename.startswith("customXml/"):
                dst.writestr(info, src.read(info.filename))
    path.write_bytes(buffer.getvalue())


@pytest.mark.parametrize("sheet", EXAMPLES, ids=lambda p: p.stem)
def test_drafter_docx_without_its_record_is_read_as_prose(sheet: Path, tmp_path: Path) -> None:
    original, _ = load_facts(sheet)
    docx_path, _ = built(sheet, tmp_path)
    _without_base(docx_path)
    command(docx_path, None, False)
    text = docx_path.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "按报告正文" in text
    back, _ = load_facts(docx_path.with_suffix(".yaml"))
    for name in ("unit", "unit_type", "year", "kind", "reporter", "parent_union", "party_org", "overview"):
        assert getattr(back, name) == getattr(original, name), name
    assert back.signoff == original.signoff
    assert len(back.shortcomings) == len(original.shortcomings) and len(back.plans) == len(original.plans)
    for item in (i for cat in original.categories.values() for i in cat):
        # every fact as the draft words it (the paragraph's sentences are kept whole)
        assert all(f in text for f in item_facts(item, original)), item


def test_the_writer_knows_every_key_of_the_field_table() -> None:
    from drafter.extract.model import ExtractedSheet
    from drafter.extract.yamlout import sheet_values
    from drafter.sheet.fields import TOP_KEYS

    assert tuple(sheet_values(ExtractedSheet(source="x"))) == TOP_KEYS


def test_a_damaged_record_falls_back_to_the_text_and_says_so(tmp_path: Path) -> None:
    sheet = ROOT / "examples" / "学校工会工作总结.yaml"
    docx_path, _ = built(sheet, tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(docx_path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("customXml/item"):
                data = data.replace(b'"format":3', b'"format":99')  # a record this drafter cannot read
            dst.writestr(info, data)
    docx_path.write_bytes(buffer.getvalue())
    command(docx_path, None, False)
    text = docx_path.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "按报告正文" in text and "改为按正文提取" in text
    assert load_facts(docx_path.with_suffix(".yaml"))[0].unit == "青岚县第二中学工会"


def test_o_naming_a_folder(tmp_path: Path) -> None:
    command(SCHOOL, tmp_path, False)
    assert load_facts(tmp_path / "school.yaml")[0].year == 2024
    with pytest.raises(ExtractError, match="文件夹"):
        command(SCHOOL.parent, tmp_path / "一个.yaml", False)


@pytest.mark.parametrize(
    ("sentence", "party", "union"),
    [
        ("2024年，在公司党委和滨江区总工会的关心指导下，公司工会", "公司党委", "滨江区总工会"),
        ("在公司党委的领导和区总工会的指导下，", "公司党委", "区总工会"),
        ("校工会在学校党支部的正确领导下，", "学校党支部", None),
        ("一年来，工会围绕中心工作开展活动。", None, None),
    ],
)
def test_leadership_sentence(sentence: str, party: str | None, union: str | None) -> None:
    from drafter.extract.figures import leaders

    assert leaders(sentence)[:2] == (party, union)
