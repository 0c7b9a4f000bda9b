"""Tests of the .docx writer, the OOXML layer and the format checklist."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from drafter.docx import oxml as ooxml
from drafter.docx import package, schema
from drafter.docx.writer import (
    ROLE_STYLES,
    FontSet,
    docx_bytes,
    role_for_style,
    signoff_indents,
    text_width,
)
from drafter.draft import Block, Draft, Meta, Role, SignOff

sys.path.insert(0, str(Path(__file__).parent))
from docx_checklist import check_docx

W = ooxml.W_NS
CN = "一二三四五六七八九十"
ITEM = "全年组织职工政治理论学习12次，覆盖职工1260人次，评选表彰先进集体5个、先进个人33名。"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def make_meta(**kw: object) -> Meta:
    base: dict[str, object] = dict(
        title="某某县第一中学工会2025年度工作总结",
        author="某某县第一中学工会",
        unit="某某县第一中学工会",
        year=2025,
        kind="工作总结",
        created=dt.datetime(2025, 12, 25, 9, 30),
        subject="2025年度工会工作总结",
        keywords="工会;工作总结;2025",
        fingerprint="abc123",
    )
    base.update(kw)
    return Meta(**base)  # type: ignore[arg-type]


def summary_draft(sections: int = 3, items: int = 2, reps: int = 1, signoff: bool = True) -> Draft:
    meta = make_meta()
    blocks = [
        Block(Role.TITLE, meta.title, "title"),
        Block(
            Role.BODY, "2025年，学校工会在校党支部的领导下，各项工作取得新进展。现将一年来的工作总结如下：", "opening"
        ),
    ]
    for s in range(sections):
        blocks.append(Block(Role.HEADING1, f"{CN[s]}、不断推进学校民主建设", f"work/{s}"))
        for k in range(items):
            blocks.append(Block(Role.HEADING2, f"（{CN[k]}）强化思想政治引领", f"work/{s}/{k}"))
            blocks.append(Block(Role.BODY, ITEM * reps, f"work/{s}/{k}/item"))
    so = SignOff("某某县第一中学工会", dt.date(2025, 12, 25)) if signoff else None
    return Draft(meta=meta, blocks=blocks, signoff=so)


def report_draft() -> Draft:
    meta = make_meta(title="2025年度工会主席述职报告", author="张三", kind="述职报告")
    blocks = [
        Block(Role.TITLE, meta.title, "title"),
        Block(Role.SUBTITLE, "某某县第一中学工会主席　张三", "subtitle"),
        Block(Role.SALUTATION, "尊敬的各位领导、各位代表：", "salutation"),
        Block(Role.BODY, "2025年，我认真履行工会主席职责。现将履职情况报告如下：", "opening"),
        Block(Role.HEADING1, "一、履职情况", "work"),
        Block(Role.HEADING2, "（一）推进民主管理", "work/1"),
        Block(Role.BODY, "3月召开第五届教代会第二次会议，审议通过《学校绩效工资分配方案》。", "work/1/item"),
        Block(Role.HEADING1, "二、存在的不足", "problems"),
        Block(Role.BODY, "一是服务精准度不够高；二是自身学习不够深入。", "problems/1"),
        Block(Role.BODY, "以上报告，请予审议。", "closing"),
    ]
    return Draft(meta=meta, blocks=blocks, signoff=SignOff("张三", dt.date(2026, 1, 5)))


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


# -- the checklist on drafts ------------------------------------------------------


@pytest.mark.parametrize(
    "draft",
    [
        summary_draft(),
        summary_draft(sections=6, items=5, reps=4),  # long, several pages
        report_draft(),
        Draft(make_meta(), [Block(Role.TITLE, "某某工会2025年工作总结", "t"), Block(Role.BODY, ITEM, "b")]),
        summary_draft(sections=0, signoff=True),  # no sections
        summary_draft(signoff=False),
    ],
    ids=["small", "long", "report", "title-body", "no-sections", "no-signoff"],
)
def test_checklist_passes(draft: Draft) -> None:
    assert check_docx(docx_bytes(draft)) == []


def test_checklist_passes_with_system_fonts() -> None:
    data = docx_bytes(report_draft(), fonts=FontSet.system())
    assert check_docx(data) == []
    styles = part_xml(data, "word/styles.xml")
    fonts = {el.get(w("eastAsia")) for el in styles.iter(w("rFonts"))}
    assert "仿宋" in fonts and "楷体" in fonts
    assert "仿宋_GB2312" not in fonts and "楷体_GB2312" not in fonts


def test_checklist_reads_paths(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(docx_bytes(summary_draft()))
    assert check_docx(path) == []
    assert check_docx(str(path)) == []


def test_checklist_fails_python_docx_default() -> None:
    document = docx.Document()
    document.add_heading("标题", 0)
    document.add_heading("二、不对的编号", 1)
    document.add_paragraph("None")
    buf = io.BytesIO()
    document.save(buf)
    failures = "\n".join(check_docx(buf.getvalue()))
    for expected in (
        "python-docx",
        "thumbnail",
        "not A4",
        "top_margin",
        "themeFontLang",
        "evenAndOddHeaders",
        "expected 一、",
        "'None'",
        "comments",
        "footer: missing",
        "theme",
    ):
        assert expected in failures


def _mutate(data: bytes, part: str, edit: object) -> bytes:
    """Rewrite one XML part of a .docx through ``edit(root)``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == part:
                root = etree.fromstring(blob)
                edit(root)  # type: ignore[operator]
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, blob)
    return out.getvalue()


def _texts(root: etree._Element) -> list[etree._Element]:
    return list(root.iter(w("t")))


def test_checklist_catches_broken_drafts() -> None:
    data = docx_bytes(summary_draft())

    def renumber(root: etree._Element) -> None:
        for t in _texts(root):
            if t.text and t.text.startswith("二、"):
                t.text = "三、" + t.text[2:]

    def leak(root: etree._Element) -> None:
        _texts(root)[-3].text = "活动共{{ 人数 }}人参加。"

    def unstyle_heading(root: etree._Element) -> None:
        for p in root.iter(w("p")):
            ps = p.find(f"{w('pPr')}/{w('pStyle')}")
            if ps is not None and ps.get(w("val")) == "Heading1":
                ps.getparent().remove(ps)

    def spacing(root: etree._Element) -> None:
        for style in root.iter(w("style")):
            if style.get(w("styleId")) == "Normal":
                style.find(f"{w('pPr')}/{w('spacing')}").set(w("line"), "360")
                style.find(f"{w('pPr')}/{w('ind')}").attrib.pop(w("firstLineChars"))

    def drop_field(root: etree._Element) -> None:
        for instr in root.iter(w("instrText")):
            instr.text = " NUMPAGES "

    def shift_date(root: etree._Element) -> None:
        for p in root.iter(w("p")):
            ps = p.find(f"{w('pPr')}/{w('pStyle')}")
            if ps is not None and ps.get(w("val")) == "Date":
                p.find(f"{w('pPr')}/{w('ind')}").set(w("right"), "0")

    def theme_font(root: etree._Element) -> None:
        for style in root.iter(w("style")):
            if style.get(w("styleId")) == "Heading1":
                style.find(f"{w('rPr')}/{w('rFonts')}").set(w("eastAsiaTheme"), "majorEastAsia")

    cases = [
        ("word/document.xml", renumber, "expected 二、"),
        ("word/document.xml", leak, "'{{'"),
        ("word/document.xml", unstyle_heading, "not in style Heading 1"),
        ("word/styles.xml", spacing, "firstLineChars"),
        ("word/styles.xml", spacing, "exact line spacing 18.0"),
        ("word/footer1.xml", drop_field, "no PAGE field"),
        ("word/document.xml", shift_date, "right indent 0.00"),
        ("word/styles.xml", theme_font, "theme"),
    ]
    for part, edit, expected in cases:
        failures = check_docx(_mutate(data, part, edit))
        assert any(expected in f for f in failures), (edit.__name__, failures)


# -- XML child order ------------------------------------------------------------


def test_output_has_schema_child_order() -> None:
    for draft in (summary_draft(), report_draft()):
        assert schema.check_package_child_order(docx_bytes(draft)) == []


def test_check_child_order_catches_misordered_elements() -> None:
    ppr = f'<w:p xmlns:w="{W}"><w:pPr><w:jc w:val="both"/><w:snapToGrid w:val="0"/></w:pPr></w:p>'
    problems = schema.check_child_order(ppr)
    assert problems and "snapToGrid must come before w:jc" in problems[0]

    rpr = f'<w:r xmlns:w="{W}"><w:rPr><w:sz w:val="32"/><w:rFonts w:eastAsia="黑体"/></w:rPr></w:r>'
    assert schema.check_child_order(rpr.encode())
    sect = f'<w:sectPr xmlns:w="{W}"><w:docGrid w:linePitch="579"/><w:pgSz w:w="11906"/></w:sectPr>'
    assert schema.check_child_order(sect)
    dup = f'<w:pPr xmlns:w="{W}"><w:ind w:left="0"/><w:ind w:left="1"/></w:pPr>'
    assert "more than once" in schema.check_child_order(dup)[0]
    run = f'<w:r xmlns:w="{W}"><w:t>x</w:t><w:rPr/></w:r>'
    assert "first child" in schema.check_child_order(run)[0]
    body = f'<w:body xmlns:w="{W}"><w:sectPr/><w:p/></w:body>'
    assert "last child" in schema.check_child_order(body)[0]
    good = f'<w:pPr xmlns:w="{W}"><w:pStyle w:val="a"/><w:snapToGrid w:val="0"/><w:jc w:val="both"/></w:pPr>'
    assert schema.check_child_order(good) == []


def test_naive_append_is_caught_in_a_whole_package() -> None:
    data = docx_bytes(summary_draft())

    def naive(root: etree._Element) -> None:
        for style in root.iter(w("style")):
            if style.get(w("styleId")) == "Normal":
                etree.SubElement(style.find(w("pPr")), w("snapToGrid")).set(w("val"), "0")

    problems = schema.check_package_child_order(_mutate(data, "word/styles.xml", naive))
    assert any("word/styles.xml" in p and "snapToGrid" in p for p in problems)
    assert any("snapToGrid" in f for f in check_docx(_mutate(data, "word/styles.xml", naive)))


def test_child_inserts_at_schema_position() -> None:
    ppr = etree.fromstring(f'<w:pPr xmlns:w="{W}"><w:pStyle w:val="a"/><w:jc w:val="both"/></w:pPr>')
    ooxml.child(ppr, "snapToGrid")
    ooxml.child(ppr, "outlineLvl")
    ooxml.child(ppr, "keepNext")
    assert [etree.QName(c).localname for c in ppr] == ["pStyle", "keepNext", "snapToGrid", "jc", "outlineLvl"]
    assert ooxml.child(ppr, "ind", create=False) is None
    with pytest.raises(ValueError):
        ooxml.child(ppr, "notAnElement")


def test_fonts_in_every_slot_without_theme() -> None:
    rpr = etree.fromstring(
        f'<w:rPr xmlns:w="{W}"><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/></w:rPr>'
    )
    ooxml.set_fonts(rpr, "仿宋_GB2312")
    rf = rpr.find(w("rFonts"))
    assert rf.get(w("eastAsia")) == "仿宋_GB2312"
    assert rf.get(w("ascii")) == rf.get(w("hAnsi")) == rf.get(w("cs")) == "Times New Roman"
    assert not any("Theme" in k or "theme" in k for k in rf.attrib)
    ooxml.set_fonts(rpr, "宋体", None, hint_east_asia=True)
    assert {rf.get(w(a)) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"宋体"}
    assert rf.get(w("hint")) == "eastAsia"


def test_indent_written_both_ways() -> None:
    ppr = etree.fromstring(f'<w:pPr xmlns:w="{W}"><w:ind w:hanging="200"/></w:pPr>')
    ooxml.set_indent(ppr, first_line_chars=2)
    ind = ppr.find(w("ind"))
    assert (ind.get(w("firstLine")), ind.get(w("firstLineChars")), ind.get(w("hanging"))) == ("640", "200", None)
    ooxml.set_indent(ppr, first_line_chars=0, right_chars=1.5)
    assert (ind.get(w("firstLine")), ind.get(w("firstLineChars"))) == ("0", "0")
    assert (ind.get(w("right")), ind.get(w("rightChars"))) == ("480", "150")


# -- the document ---------------------------------------------------------------


def test_headings_are_word_headings() -> None:
    data = docx_bytes(summary_draft())
    document = open_docx(data)
    by_text = {p.text: p for p in document.paragraphs}
    h1 = by_text["一、不断推进学校民主建设"]
    h2 = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert h1.style.name == "Heading 1" and h2.style.name == "Heading 2"
    styles = part_xml(data, "word/styles.xml")
    for style_id, name, level, face in (("Heading1", "heading 1", "0", "黑体"), ("Heading2", "heading 2", "1", "楷体")):
        st = next(s for s in styles.iter(w("style")) if s.get(w("styleId")) == style_id)
        assert st.find(w("name")).get(w("val")) == name  # the built-in style, not a look-alike
        assert st.get(w("customStyle")) is None
        assert st.find(f"{w('pPr')}/{w('outlineLvl')}").get(w("val")) == level
        assert face in st.find(f"{w('rPr')}/{w('rFonts')}").get(w("eastAsia"))
        assert st.find(f"{w('rPr')}/{w('b')}") is None
        assert st.find(f"{w('rPr')}/{w('color')}") is None
    assert document.styles["Heading 1"].font.bold is None


def test_roles_map_to_styles_and_back() -> None:
    draft = report_draft()
    document = open_docx(docx_bytes(draft))
    got = [(role_for_style(p.style.name), p.text) for p in document.paragraphs if p.text]
    want = [(b.role, b.text) for b in draft.all_blocks()]
    assert got == want
    assert set(ROLE_STYLES) == set(Role)


def test_empty_lines_after_title_and_before_signoff() -> None:
    document = open_docx(docx_bytes(report_draft()))
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == ["2025年度工会主席述职报告", "某某县第一中学工会主席　张三", "", "尊敬的各位领导、各位代表："]
    assert texts[-3:] == ["", "张三", "2026年1月5日"]
    assert texts.count("") == 2


def test_signoff_never_stands_alone_on_a_page() -> None:
    data = docx_bytes(report_draft())
    paras = list(part_xml(data, "word/document.xml").iter(w("p")))
    last_body, spacer = paras[-4:-2]
    for p in (last_body, spacer):
        assert p.find(f"{w('pPr')}/{w('keepNext')}") is not None
    styles = part_xml(data, "word/styles.xml")
    signature = next(s for s in styles.iter(w("style")) if s.get(w("styleId")) == "Signature")
    assert signature.find(f"{w('pPr')}/{w('keepNext')}") is not None


def test_text_with_breaks_tabs_and_control_characters() -> None:
    draft = Draft(
        make_meta(), [Block(Role.TITLE, "某某工会\n2025年工作总结", "t"), Block(Role.BODY, "甲\t乙\x01丙  ", "b")]
    )
    document = open_docx(docx_bytes(draft))
    assert [p.text for p in document.paragraphs] == ["某某工会\n2025年工作总结", "", "甲\t乙丙  "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=5))
def test_any_text_round_trips(texts: list[str]) -> None:
    blocks = [Block(Role.TITLE, "标题", "t")] + [Block(Role.BODY, t, f"b{i}") for i, t in enumerate(texts)]
    document = open_docx(docx_bytes(Draft(make_meta(), blocks)))
    body = [p.text for p in document.paragraphs][2:]
    assert body == [ooxml.clean_text(t) for t in texts]


def test_page_setup() -> None:
    data = docx_bytes(summary_draft())
    section = open_docx(data).sections[0]
    mm = 36000
    assert (round(section.page_width / mm), round(section.page_height / mm)) == (210, 297)
    pg_sz = part_xml(data, "word/document.xml").find(f".//{w('pgSz')}")
    assert (pg_sz.get(w("w")), pg_sz.get(w("h"))) == ("11906", "16838")
    assert [round(m / mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [
        37, 35, 28, 26]  # fmt: skip
    assert round(section.footer_distance / mm) == 25
    grid = part_xml(data, "word/document.xml").find(f".//{w('docGrid')}")
    assert grid.get(w("type")) == "lines" and grid.get(w("linePitch")) == "579"


def test_page_number_footers() -> None:
    data = docx_bytes(summary_draft())
    for part, align, side in (("word/footer1.xml", "right", "right"), ("word/footer2.xml", "left", "left")):
        root = part_xml(data, part)
        p = root.find(w("p"))
        assert p.find(f"{w('pPr')}/{w('jc')}").get(w("val")) == align
        assert p.find(f"{w('pPr')}/{w('ind')}").get(w(side)) == "280"
        kinds = [el.get(w("fldCharType")) or el.text for el in p.iter(w("fldChar"), w("instrText"))]
        assert kinds == ["begin", " PAGE ", "separate", "end"]
        assert "".join(t.text for t in p.iter(w("t"))) == "\u2014 1 \u2014"
    settings_xml = part_xml(data, "word/settings.xml")
    assert settings_xml.find(w("evenAndOddHeaders")) is not None


def test_properties_are_truthful() -> None:
    tz = dt.timezone(dt.timedelta(hours=8))
    draft = summary_draft()
    draft.meta.created = dt.datetime(2025, 12, 25, 9, 30, tzinfo=tz)
    data = docx_bytes(draft)
    cp = open_docx(data).core_properties
    assert cp.title == draft.meta.title
    assert cp.author == cp.last_modified_by == draft.meta.author
    assert cp.subject == draft.meta.subject and cp.keywords == draft.meta.keywords
    assert cp.comments == ""
    assert cp.category == "工作总结"
    assert cp.language == "zh-CN"
    assert cp.created == cp.modified == dt.datetime(2025, 12, 25, 1, 30, tzinfo=dt.timezone.utc)
    assert cp.revision == 1
    app = part_xml(data, "docProps/app.xml")
    ns = {"e": package.EXT_PROPS_NS}
    assert app.findtext("e:Application", namespaces=ns) == "drafter"
    assert app.findtext("e:Company", namespaces=ns) == draft.meta.unit
    custom = part_xml(data, "docProps/custom.xml")
    values = {p.get("name"): p[0].text for p in custom}
    assert values == {"单位": draft.meta.unit, "年度": "2025", "文种": "工作总结", "drafter.fingerprint": "abc123"}


def test_no_tool_name_or_thumbnail_in_package() -> None:
    data = docx_bytes(summary_draft())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert not any("thumbnail" in n for n in names)
        assert "word/stylesWithEffects.xml" not in names
        for name in names:
            assert b"python-docx" not in zf.read(name), name
        assert b"thumbnail" not in zf.read("_rels/.rels")
        assert b"ja-JP" not in zf.read("word/settings.xml")


def test_settings_and_defaults_are_chinese() -> None:
    data = docx_bytes(summary_draft())
    assert part_xml(data, "word/settings.xml").find(w("themeFontLang")).get(w("eastAsia")) == "zh-CN"
    styles = part_xml(data, "word/styles.xml")
    lang = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    assert lang.get(w("eastAsia")) == "zh-CN"
    by_id = {s.get(w("styleId")): s for s in styles.iter(w("style"))}
    assert by_id["Normal"].find(f"{w('pPr')}/{w('widowControl')}").get(w("val")) == "0"
    assert by_id["Normal"].find(f"{w('rPr')}/{w('spacing')}").get(w("val")) == "-5"
    for style_id in ("Title", "Footer"):  # not condensed like the body
        assert by_id[style_id].find(f"{w('rPr')}/{w('spacing')}").get(w("val")) == "0"
    assert {"Heading1Char", "TitleChar", "LightShading"}.isdisjoint(by_id)  # template leftovers pruned
    fonts = part_xml(data, "word/fontTable.xml")
    names = {f.get(w("name")): f for f in fonts.iter(w("font"))}
    assert names["仿宋_GB2312"].find(w("charset")).get(w("val")) == "86"


# -- sign-off (spec §2.5) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "date", "expected"),
    [
        # widths include ~3 pt autospace at each digit/Latin ↔ Chinese boundary
        ("XX公司工会", "2025年12月28日", (6.75, 2.0)),  # the spec's example: date 2 chars from the margin
        ("某某县第一中学工会", "2025年12月25日", (2.9375, 2.0)),
        ("张三", "2026年1月5日", (8.9375, 2.0)),
        ("某某市某某区某某街道总工会", "2025年12月25日", (2.0, 5.0625)),  # long 署名: date moves in
    ],
)
def test_signoff_indents(name: str, date: str, expected: tuple[float, float]) -> None:
    rn, rd = signoff_indents(name, date)
    assert (rn, rd) == expected
    # the date's first character is 2 characters right of the 署名's first one
    assert (rn + text_width(name)) - (rd + text_width(date)) == pytest.approx(2.0)
    assert rd >= 2.0

    draft = Draft(
        make_meta(), [Block(Role.TITLE, "标题", "t"), Block(Role.BODY, ITEM, "b")], SignOff(name, dt.date(2025, 1, 1))
    )
    draft.signoff = None
    draft.blocks += [Block(Role.SIGNOFF_NAME, name, "signoff/name"), Block(Role.SIGNOFF_DATE, date, "signoff/date")]
    document = open_docx(docx_bytes(draft))
    inds = [p._p.pPr.find(w("ind")) for p in document.paragraphs[-2:]]
    assert [(int(i.get(w("right"))), int(i.get(w("rightChars")))) for i in inds] == [
        (round(rn * 320), round(rn * 100)), (round(rd * 320), round(rd * 100))]  # fmt: skip
    assert [p.alignment for p in document.paragraphs[-2:]] == [None, None]  # right via the styles
    assert [p.style.name for p in document.paragraphs[-2:]] == ["Signature", "Date"]
    assert check_docx(docx_bytes(draft)) == []


def test_text_width() -> None:
    assert text_width("2025年12月28日") == 7.0 + 5 * 3 / 16  # five digit/Chinese boundaries
    assert text_width("XX公司工会") == 5.0 + 3 / 16
    assert text_width("某某公司工会") == 6.0


# -- custom XML parts ---------------------------------------------------------------


def read_custom_part(source: bytes | Path, name: str) -> bytes | None:
    data = package.read_docx_file(source) if isinstance(source, Path) else source
    return package.open_docx(data, file=source if isinstance(source, Path) else None).custom_parts().parts.get(name)


def test_custom_part_round_trip(tmp_path: Path) -> None:
    base = json.dumps({"work/民主建设/item/3": "召开职代会。\n第二行  "}, ensure_ascii=False).encode()
    raw = bytes(range(256)) + b"\r\n"
    data = docx_bytes(summary_draft(), custom_parts={"drafter-base": base, "raw": raw, "empty": b""})
    assert read_custom_part(data, "drafter-base") == base
    assert read_custom_part(data, "raw") == raw
    assert read_custom_part(data, "empty") == b""
    assert read_custom_part(data, "missing") is None
    assert check_docx(data) == []

    # a normal python-docx open + edit + save keeps it
    document = open_docx(data)
    document.add_paragraph("主席在Word里加的一段。")
    path = tmp_path / "edited.docx"
    document.save(str(path))
    assert read_custom_part(path, "drafter-base") == base
    assert read_custom_part(path, "raw") == raw

    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        props = [n for n in names if re.fullmatch(r"customXml/itemProps\d+\.xml", n)]
        assert len(props) == 3
        assert b"urn:drafter:custom-part" in zf.read(props[0])
        assert b"customXmlProperties+xml" in zf.read("[Content_Types].xml")
        assert b"relationships/customXml" in zf.read("word/_rels/document.xml.rels")


def test_custom_part_item_id_is_stable() -> None:
    a = docx_bytes(summary_draft(), custom_parts={"drafter-base": b"x"})
    b = docx_bytes(summary_draft(), custom_parts={"drafter-base": b"y"})
    assert part_xml(a, "customXml/itemProps1.xml").attrib == part_xml(b, "customXml/itemProps1.xml").attrib


def test_read_custom_part_of_a_non_docx(tmp_path: Path) -> None:
    bad = tmp_path / "not.docx"
    bad.write_text("这不是 Word 文档", encoding="utf-8")
    with pytest.raises(package.DocxError) as err:
        read_custom_part(bad, "drafter-base")
    assert "not.docx" in err.value.format()
    assert read_custom_part(docx_bytes(summary_draft()), "drafter-base") is None


# -- speed and imports ----------------------------------------------------------------


def test_writer_imports_stay_light() -> None:
    code = (
        "import sys; import drafter.docx.writer; "
        "bad = [m for m in ('jieba', 'typer', 'jinja2', 'yaml') if m in sys.modules]; print(bad)"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.strip() == "[]"


# -- rendering through LibreOffice (optional) ------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="soffice/pdftotext not installed: LibreOffice layout check skipped")  # fmt: skip
def test_libreoffice_layout(tmp_path: Path) -> None:
    meta = make_meta(title="某某公司工会年度工作总结", unit="XX公司工会", author="XX公司工会")
    blocks = [Block(Role.TITLE, meta.title, "t")]
    blocks += [Block(Role.BODY, "工会组织开展各项活动，丰富职工文化生活。" * 7, f"b{i}") for i in range(12)]
    draft = Draft(meta, blocks, SignOff("XX公司工会", dt.date(2025, 12, 28)))
    src = tmp_path / "grid.docx"
    src.write_bytes(docx_bytes(draft))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    pdf = tmp_path / "grid.pdf"
    assert pdf.exists(), "LibreOffice did not convert the draft"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) == 3
    full = [ln for ln in pages[1].splitlines() if ln.strip() and "\u2014" not in ln]
    assert len(full) == 22
    counts = [len(re.findall(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]", ln)) for ln in full]
    # 28 characters a line; 26 on a paragraph's first line; a hanging full stop may make 29
    assert all(26 <= c <= 29 for c in counts), counts
    assert counts.count(28) >= len(counts) // 2, counts
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox)
    right_margin = (210 - 26) / 25.4 * 72
    day = [float(x1) for _, x1, t in words if t == "日"][-1]
    assert abs(right_margin - day - 32) < 1.5  # the date ends 2 characters before the margin


def test_names_are_python_docx_own() -> None:
    """drafter.docx.names holds python-docx's strings (so a build need not import python-docx for them)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import nsmap

    from drafter.docx import names

    assert (names.W_NS, names.XML_NS) == (nsmap["w"], nsmap["xml"])
    for rt in ("FONT_TABLE", "THUMBNAIL", "CUSTOM_XML", "CUSTOM_XML_PROPS", "CUSTOM_PROPERTIES",
               "EXTENDED_PROPERTIES", "CORE_PROPERTIES"):  # fmt: skip
        assert getattr(names, f"RT_{rt}") == getattr(RT, rt), rt
    assert names.CT_CUSTOM_XML_PROPS == CT.OFC_CUSTOM_XML_PROPERTIES
    assert names.CT_CUSTOM_PROPERTIES == CT.OFC_CUSTOM_PROPERTIES
    assert names.CT_XML == CT.XML
