"""Regenerating into a draft the chair edited in Word (issue 5).

Word is simulated with python-docx on a real built draft: a paragraph
retyped in part (its runs change, drafter's bookmark stays, as in Word), a
paragraph added, one deleted, two swapped, runs made bold.  Then the fact
sheet changes and the draft is rebuilt; every test asserts the exact
resulting paragraphs.  A LibreOffice round trip (soffice headless
docx → docx, which rewrites all the XML) checks that the base and the
anchors survive a real office suite.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from drafter.build.pipeline import build_one, make_draft, plan_build
from drafter.draft import Draft
from drafter.errors import OutputError
from drafter.roundtrip.base import BASE_PART, anchor_name
from drafter.roundtrip.diff import diff_lines
from drafter.roundtrip.document import merge_old, read_old

from .conftest import FIXED_NOW, ROOT
from .docx_checklist import check_docx

SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"

# -- fixtures and helpers -----------------------------------------------------------


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    target = tmp_path / "事实表.yaml"
    shutil.copyfile(SCHOOL, target)
    return target


@pytest.fixture
def draft_docx(sheet: Path) -> Path:
    out = sheet.parent / "总结.docx"
    build(sheet, out)
    return out


def build(sheet: Path, out: Path, **kw: object):
    return build_one(sheet, output=out, now=FIXED_NOW, **kw)  # type: ignore[arg-type]


def texts(path: Path) -> list[str]:
    """The non-empty paragraphs of a .docx, as Word shows them."""
    return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def new_rendering(sheet: Path) -> Draft:
    return make_draft(sheet, now=FIXED_NOW)[1]


def block_texts(draft: Draft) -> dict[str, str]:
    return {b.key: b.text for b in draft.all_blocks()}


def key_of(draft: Draft, needle: str) -> str:
    keys = [b.key for b in draft.all_blocks() if needle in b.text]
    assert len(keys) == 1, (needle, keys)
    return keys[0]


def edit_sheet(sheet: Path, old: str, new: str) -> None:
    text = sheet.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    sheet.write_text(text.replace(old, new), encoding="utf-8")


def in_word(path: Path, change: Callable[[docx.document.Document], None]) -> None:
    """Open, change and save the file the way a person in Word would."""
    document = docx.Document(str(path))
    change(document)
    document.save(str(path))


def para(document: docx.document.Document, needle: str) -> Paragraph:
    found = [p for p in document.paragraphs if needle in p.text]
    assert len(found) == 1, (needle, [p.text[:20] for p in found])
    return found[0]


def retype(p: Paragraph, text: str) -> None:
    """Replace the words of a paragraph, keeping its bookmarks (Word keeps them on a partial edit)."""
    runs = p.runs
    runs[0].text = text
    for r in runs[1:]:
        r._r.getparent().remove(r._r)


def add_after(p: Paragraph, text: str, style: str | None = None) -> Paragraph:
    new_p = p._p.makeelement(qn("w:p"), {})
    p._p.addnext(new_p)
    added = Paragraph(new_p, p._parent)
    added.add_run(text)
    if style:
        added.style = style
    return added


def delete(p: Paragraph) -> None:
    p._p.getparent().remove(p._p)


def move_before(p: Paragraph, target: Paragraph) -> None:
    target._p.addprevious(p._p)


def with_keys(draft: Draft, replace: dict[str, str | list[str] | None]) -> list[str]:
    """The new rendering's texts with some blocks replaced by lists (empty list: dropped)."""
    out: list[str] = []
    for b in draft.all_blocks():
        r = replace.get(b.key, b.text)
        if r is None:
            continue
        out.extend([r] if isinstance(r, str) else r)
    return out


def highlighted(path: Path) -> list[str]:
    return [
        p.text
        for p in docx.Document(str(path)).paragraphs
        if p.text.strip() and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in p.runs if r.text)
    ]


def comments(path: Path) -> list[str]:
    return [c.text for c in docx.Document(str(path)).comments]


# -- the base and the anchors -----------------------------------------------------------


def test_a_draft_carries_its_base_and_a_bookmark_per_paragraph(draft_docx: Path, sheet: Path) -> None:
    old = read_old(draft_docx)
    content = old.body
    draft = new_rendering(sheet)
    assert old.base is not None
    assert [b.text for b in old.base.blocks] == [b.text for b in draft.all_blocks()]
    assert [p.text for p in content.paragraphs] == [b.text for b in draft.all_blocks()]
    assert [p.bookmarks for p in content.paragraphs] == [(anchor_name(b.key),) for b in draft.all_blocks()]
    assert all(len(a) <= 40 and a.isascii() for p in content.paragraphs for a in p.bookmarks)  # Word's limit
    assert check_docx(draft_docx) == []


def test_rebuilding_an_untouched_draft_with_the_same_sheet_writes_nothing(draft_docx: Path, sheet: Path) -> None:
    before = draft_docx.read_bytes()
    outcome = build(sheet, draft_docx)
    assert not outcome.written
    assert outcome.summary == "已更新 0 段，保留修改 0 段，标出冲突 0 处（内容没有变化，文件未改动）"
    assert draft_docx.read_bytes() == before
    assert not list(sheet.parent.glob("*.bak"))


def test_an_untouched_draft_takes_the_new_rendering(draft_docx: Path, sheet: Path) -> None:
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    outcome = build(sheet, draft_docx)
    assert texts(draft_docx) == [b.text for b in new_rendering(sheet).all_blocks()]
    assert outcome.summary == "已更新 1 段，保留修改 0 段，标出冲突 0 处"
    assert outcome.notes[-1] == outcome.summary
    assert (sheet.parent / "总结.docx.1.bak").exists()
    assert check_docx(draft_docx) == []


# -- Word edits, then a sheet change ----------------------------------------------------------

EDITED = "语文组周雅琴老师被评为市级骨干教师，数学组韩志刚老师执教的示范课入选市级优秀课例，学校教研氛围日益浓厚。"
ADDED = "运动会后，各年级组还自发组织了多次友谊赛。"


def chair_edits(document: docx.document.Document) -> None:
    """One of each: edit, add, delete, swap, formatting only."""
    retype(para(document, "语文组周雅琴老师"), EDITED)
    add_after(para(document, "举办教职工趣味运动会"), ADDED)
    delete(para(document, "教职工篮球、气排球联赛"))
    move_before(para(document, "坚持校务公开制度"), para(document, "召开第五届教代会第三次会议"))
    for r in para(document, "举办青年教师课堂教学基本功大赛").runs:
        r.bold = True


def test_word_edits_survive_a_rebuild_with_the_same_sheet(draft_docx: Path, sheet: Path) -> None:
    in_word(draft_docx, chair_edits)
    mine = texts(draft_docx)
    outcome = build(sheet, draft_docx)
    assert texts(draft_docx) == mine
    assert outcome.summary == "已更新 0 段，保留修改 2 段，标出冲突 0 处（内容没有变化，文件未改动）"


def test_word_edits_survive_a_sheet_change(draft_docx: Path, sheet: Path) -> None:
    old = new_rendering(sheet)
    in_word(draft_docx, chair_edits)
    # The sheet changes: a fact added, a number changed, a section removed.
    edit_sheet(
        sheet,
        "    成果: 评议结果在校务公开栏公示，并作为干部年度考核的重要依据\n",
        "    成果: 评议结果在校务公开栏公示，并作为干部年度考核的重要依据\n"
        "  - 时间: 12月\n    活动: 召开教代会代表座谈会\n    人数: 30\n",
    )
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    text = sheet.read_text(encoding="utf-8")
    start, end = text.index("生活保障:\n"), text.index("文体活动:\n")
    sheet.write_text(text[:start] + text[end:], encoding="utf-8")

    outcome = build(sheet, draft_docx)

    new = new_rendering(sheet)
    k = lambda needle: key_of(old, needle)  # noqa: E731
    nt = block_texts(new)
    expected = with_keys(
        new,
        {
            # her order of the two items she swapped
            k("召开第五届教代会第三次会议"): [nt[k("坚持校务公开制度")], nt[k("召开第五届教代会第三次会议")]],
            k("坚持校务公开制度"): None,
            k("语文组周雅琴老师"): EDITED,
            k("教职工篮球、气排球联赛"): None,  # she deleted it and its facts did not change
            k("举办教职工趣味运动会"): [nt[k("举办教职工趣味运动会")], ADDED],
        },
    )
    assert texts(draft_docx) == expected
    # What changed, checked against the new rendering itself:
    assert "3月，召开第五届教代会第三次会议，70名教职工代表出席" in expected[5]
    assert any("召开教代会代表座谈会" in t for t in expected)
    assert not any("三八国际妇女节" in t for t in expected)  # the removed section
    assert nt["work/文体活动/heading"].startswith("（三）")  # renumbered: was （四）
    # Five: the 3月 paragraph, three renumbered headings, and the 经费 part's opening, which no
    # longer has to avoid echoing the removed section's framing (templating.EARLIER).
    assert outcome.summary == "已更新 5 段，保留修改 2 段，标出冲突 0 处，删去 3 段"
    # Formatting-only: the text is the new rendering's, and her bold stays where the text did not change.
    bold = para(docx.Document(str(draft_docx)), "举办青年教师课堂教学基本功大赛")
    assert all(r.bold for r in bold.runs)
    assert check_docx(draft_docx) == []
    # The new base is the new rendering, so a second build changes nothing.
    assert read_old(draft_docx).base.blocks == read_old(_fresh_docx(sheet)).base.blocks  # type: ignore[union-attr]
    again = build(sheet, draft_docx)
    assert not again.written and texts(draft_docx) == expected


def _fresh_docx(sheet: Path) -> bytes:
    from drafter.build.pipeline import render_bytes

    return render_bytes(new_rendering(sheet), "docx")


def test_an_edit_whose_facts_changed_is_a_conflict(draft_docx: Path, sheet: Path) -> None:
    old = new_rendering(sheet)
    mine = "3月，我校召开第五届教代会第三次会议，68名代表审议通过了绩效工资分配方案和职称推荐评分细则。"
    in_word(draft_docx, lambda d: retype(para(d, "召开第五届教代会第三次会议"), mine))
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    key = key_of(old, "召开第五届教代会第三次会议")
    proposal = block_texts(new)[key]
    assert texts(draft_docx) == with_keys(new, {key: [mine, proposal]})
    assert highlighted(draft_docx) == [proposal]
    assert len(comments(draft_docx)) == 1 and "请保留其中一段" in comments(draft_docx)[0]
    assert outcome.summary == "已更新 0 段，保留修改 0 段，标出冲突 1 处"
    assert any(n.startswith("! 冲突（第 5 段）") and "您改过" in n for n in outcome.notes)

    # Not resolved yet, another change elsewhere: the conflict stays marked, nothing doubles.
    edit_sheet(sheet, "    人数: 143\n", "    人数: 145\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    assert texts(draft_docx) == with_keys(new, {key: [mine, proposal]})
    assert highlighted(draft_docx) == [proposal]
    assert outcome.summary == "已更新 1 段，保留修改 0 段，标出冲突 1 处"

    # She chooses the new rendering (deletes her version): the proposal is the paragraph again.
    in_word(draft_docx, lambda d: delete(para(d, "68名代表审议通过")))
    edit_sheet(sheet, "    人数: 70\n", "    人数: 71\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    assert texts(draft_docx) == [b.text for b in new.all_blocks()]
    assert highlighted(draft_docx) == [] and comments(draft_docx) == []
    assert outcome.summary == "已更新 1 段，保留修改 0 段，标出冲突 0 处"


def test_choosing_her_version_ends_the_conflict(draft_docx: Path, sheet: Path) -> None:
    mine = "3月，召开第五届教代会第三次会议，审议通过两项制度。"
    in_word(draft_docx, lambda d: retype(para(d, "召开第五届教代会第三次会议"), mine))
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    build(sheet, draft_docx)
    in_word(draft_docx, lambda d: delete(para(d, "70名教职工代表出席")))
    edit_sheet(sheet, "    人数: 143\n", "    人数: 145\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    key = key_of(new, "145名教职工参加")
    assert texts(draft_docx) == with_keys(new, {key_of(new, "召开第五届教代会第三次会议"): mine})
    assert key and highlighted(draft_docx) == []
    assert outcome.summary == "已更新 1 段，保留修改 1 段，标出冲突 0 处"


def test_a_deleted_paragraph_comes_back_when_its_facts_change(draft_docx: Path, sheet: Path) -> None:
    in_word(draft_docx, lambda d: delete(para(d, "组织教职工春季健步走活动")))
    edit_sheet(sheet, "    人数: 156\n", "    人数: 160\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    back = block_texts(new)[key_of(new, "春季健步走")]
    assert texts(draft_docx) == [b.text for b in new.all_blocks()]
    assert highlighted(draft_docx) == [back]
    assert outcome.summary == "已更新 0 段，保留修改 0 段，标出冲突 1 处"


def test_an_edited_paragraph_whose_fact_left_the_sheet_is_kept_and_marked(draft_docx: Path, sheet: Path) -> None:
    old = new_rendering(sheet)
    mine = "秋季，工会举办了教职工篮球、气排球联赛，并组队参加县里的气排球比赛。"
    in_word(draft_docx, lambda d: retype(para(d, "教职工篮球、气排球联赛"), mine))
    text = sheet.read_text(encoding="utf-8")
    start, end = text.index("  - 时间: 9月至10月\n"), text.index("  - 时间: 12月24日\n")
    sheet.write_text(text[:start] + text[end:], encoding="utf-8")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    after = key_of(new, "举办教职工趣味运动会")
    assert texts(draft_docx) == with_keys(new, {after: [block_texts(new)[after], mine]})
    assert highlighted(draft_docx) == [mine]
    assert outcome.summary == "已更新 1 段，保留修改 0 段，标出冲突 1 处"  # the 书画展 joins the other paragraph
    assert key_of(old, "教职工篮球、气排球联赛")


def test_her_edited_heading_follows_the_new_numbering(draft_docx: Path, sheet: Path) -> None:
    heading = block_texts(new_rendering(sheet))["work/文体活动/heading"]
    assert heading.startswith("（四）")
    in_word(draft_docx, lambda d: retype(para(d, heading), heading + "，丰富教职工精神生活"))
    text = sheet.read_text(encoding="utf-8")
    start, end = text.index("生活保障:\n"), text.index("文体活动:\n")
    sheet.write_text(text[:start] + text[end:], encoding="utf-8")
    build(sheet, draft_docx)
    new = new_rendering(sheet)
    assert texts(draft_docx) == with_keys(
        new, {"work/文体活动/heading": "（三）" + heading[3:] + "，丰富教职工精神生活"}
    )


def test_a_reordered_sheet_reorders_the_draft_where_she_did_not(draft_docx: Path, sheet: Path) -> None:
    in_word(draft_docx, lambda d: retype(para(d, "语文组周雅琴老师"), EDITED))
    text = sheet.read_text(encoding="utf-8")
    a = "  - 坚持教职工生日送祝福制度，全年为183名教职工送上生日贺卡和蛋糕券。\n"
    b = "  - 为全体会员办理职工互助保障，全年为3名住院教职工申领互助金1.46万元。\n"
    sheet.write_text(text.replace(a + b, b + a), encoding="utf-8")
    build(sheet, draft_docx)
    new = new_rendering(sheet)
    assert texts(draft_docx) == with_keys(new, {key_of(new, "语文组周雅琴老师"): EDITED})


def test_a_paragraph_she_added_in_a_heading_style_keeps_that_role(draft_docx: Path, sheet: Path) -> None:
    in_word(draft_docx, lambda d: add_after(para(d, "（六）规范工会经费管理"), "（七）做好工会宣传工作", "Heading 2"))
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    build(sheet, draft_docx)
    document = docx.Document(str(draft_docx))
    assert para(document, "（七）做好工会宣传工作").style.name == "Heading 2"
    new = new_rendering(sheet)
    heading = key_of(new, "（六）规范工会经费管理")
    assert texts(draft_docx) == with_keys(new, {heading: [block_texts(new)[heading], "（七）做好工会宣传工作"]})


def test_a_rewritten_paragraph_without_its_bookmark_is_still_matched(draft_docx: Path, sheet: Path) -> None:
    before = block_texts(new_rendering(sheet))[key_of(new_rendering(sheet), "暑期全员培训")]
    mine = before.replace("组织178名教职工参加暑期全员培训和读书分享活动", "工会组织178名教职工参加全员培训和读书分享")
    assert mine != before

    def rewrite(d: docx.document.Document) -> None:
        para(d, "暑期全员培训").text = mine  # python-docx drops the bookmark with the runs

    in_word(draft_docx, rewrite)
    assert [p.bookmarks for p in read_old(draft_docx).body.paragraphs if p.text == mine] == [()]
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    assert texts(draft_docx) == with_keys(new, {key_of(new, "全员培训"): mine})
    assert outcome.summary == "已更新 1 段，保留修改 1 段，标出冲突 0 处"


# -- when the base cannot be trusted --------------------------------------------------------


def _strip_base(path: Path) -> None:
    """What an office suite that drops custom XML parts would leave."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename.startswith("customXml/"):
                continue
            data = src.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = b"".join(
                    part + b"/>" for part in data.split(b"/>") if b"customXml" not in part and part.strip()
                ).replace(b"</Relationships>/>", b"</Relationships>")
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


def test_a_lost_base_is_said_and_the_edited_file_kept(draft_docx: Path, sheet: Path) -> None:
    in_word(draft_docx, lambda d: retype(para(d, "语文组周雅琴老师"), EDITED))
    _strip_base(draft_docx)
    assert read_old(draft_docx).base is None and read_old(draft_docx).made_by_drafter
    mine = draft_docx.read_bytes()
    outcome = build(sheet, draft_docx)
    [warning] = [w for w in outcome.warnings if "无法合并" in w.message]
    assert "删除了 drafter 记在文档里的生成记录" in warning.message
    copy = sheet.parent / "总结（未合并的修改稿）.docx"
    assert copy.read_bytes() == mine and (sheet.parent / "总结.docx.1.bak").read_bytes() == mine
    assert texts(draft_docx) == [b.text for b in new_rendering(sheet).all_blocks()]
    # Later builds rotate the .bak files but never the copy.
    for n in (70, 71, 72, 73):
        edit_sheet(sheet, f"    人数: {n - 2 if n == 70 else n - 1}\n", f"    人数: {n}\n")
        build(sheet, draft_docx)
    assert copy.read_bytes() == mine
    assert sorted(p.name for p in sheet.parent.glob("*.bak")) == [f"总结.docx.{i}.bak" for i in (1, 2, 3)]


def test_a_base_that_does_not_fit_the_text_is_not_trusted(draft_docx: Path, sheet: Path) -> None:
    def replace_all(d: docx.document.Document) -> None:
        for i, p in enumerate(d.paragraphs):
            if p.text.strip():
                p.text = f"另一份文件的第{i}段内容。"

    in_word(draft_docx, replace_all)
    outcome = build(sheet, draft_docx)
    assert any("生成记录与文档内容不符" in w.message for w in outcome.warnings)
    assert (sheet.parent / "总结（未合并的修改稿）.docx").exists()
    assert texts(draft_docx) == [b.text for b in new_rendering(sheet).all_blocks()]


def test_a_docx_drafter_did_not_make_is_not_overwritten_without_force(sheet: Path) -> None:
    out = sheet.parent / "别人的.docx"
    document = docx.Document()
    document.add_paragraph("这是别人写的文件。")
    document.save(str(out))
    before = out.read_bytes()
    with pytest.raises(OutputError, match="不是 drafter 生成的"):
        build(sheet, out)
    assert out.read_bytes() == before
    outcome = build(sheet, out, force=True)
    assert (sheet.parent / "别人的.docx.1.bak").read_bytes() == before
    assert any("备份" in n for n in outcome.notes)


def test_backups_keep_a_few_generations(draft_docx: Path, sheet: Path) -> None:
    versions = []
    for n in (69, 70, 71, 72):
        versions.append(draft_docx.read_bytes())
        edit_sheet(sheet, f"    人数: {n - 1}\n", f"    人数: {n}\n")
        build(sheet, draft_docx)
    assert [(sheet.parent / f"总结.docx.{g}.bak").read_bytes() for g in (1, 2, 3)] == versions[::-1][:3]
    assert not (sheet.parent / "总结.docx.4.bak").exists()


def test_fresh_rebuild_drops_her_edits_but_keeps_a_backup(draft_docx: Path, sheet: Path) -> None:
    in_word(draft_docx, lambda d: retype(para(d, "语文组周雅琴老师"), EDITED))
    mine = draft_docx.read_bytes()
    build(sheet, draft_docx, fresh=True)
    assert texts(draft_docx) == [b.text for b in new_rendering(sheet).all_blocks()]
    assert (sheet.parent / "总结.docx.1.bak").read_bytes() == mine


# -- dry run and diff ------------------------------------------------------------------------


def test_dry_run_shows_the_changes_and_writes_nothing(draft_docx: Path, sheet: Path) -> None:
    in_word(draft_docx, chair_edits)
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    edit_sheet(sheet, "    人数: 12\n", "    人数: 13\n")
    before = sorted((p.name, p.read_bytes()) for p in sheet.parent.iterdir())
    lines = plan_build(sheet, output=draft_docx, now=FIXED_NOW)
    assert sorted((p.name, p.read_bytes()) for p in sheet.parent.iterdir()) == before
    assert lines[0] == f"将合并到：{draft_docx}"
    assert "~ 更新（第 6 段）：…第三次会议，【68→70】名教职工代表…" in lines
    assert any(line.startswith("! 恢复（第 ") and "气排球" in line for line in lines)
    assert any(line.startswith("= 保留您的修改（第 ") and "语文组周雅琴" in line for line in lines)
    assert any(line.startswith("= 保留您加的段落（第 ") and "友谊赛" in line for line in lines)
    assert lines[-1] == "已更新 1 段，保留修改 2 段，标出冲突 1 处"


def test_diff_of_two_built_files(draft_docx: Path, sheet: Path) -> None:
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    newer = sheet.parent / "新.docx"
    build(sheet, newer)
    lines = diff_lines(draft_docx, newer)
    assert lines[1:] == ["~ 修改（原第 5 段 → 新第 5 段）：…第三次会议，【68→70】名教职工代表…", "共修改 1 段。"]
    assert diff_lines(draft_docx, draft_docx)[1:] == ["两份文稿的文字相同，没有段落改动。"]


def test_plan_for_a_new_file(sheet: Path) -> None:
    lines = plan_build(sheet, output=sheet.parent / "新.docx", now=FIXED_NOW)
    assert lines == [f"将新建：{sheet.parent / '新.docx'}（{len(new_rendering(sheet).all_blocks())} 段）"]
    assert not (sheet.parent / "新.docx").exists()


# -- LibreOffice ---------------------------------------------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) 未安装：跳过 LibreOffice 往返测试（安装 libreoffice-writer 后可运行）")
    return found


def libreoffice_round_trip(path: Path, tmp_path: Path) -> None:
    """Open and save ``path`` in LibreOffice (headless docx → docx), in place."""
    soffice = _soffice()
    outdir = tmp_path / "lo-out"
    outdir.mkdir(exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'lo_profile_merge'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = outdir / path.name
    assert converted.exists()
    assert converted.read_bytes() != path.read_bytes()
    shutil.move(str(converted), str(path))


def test_the_base_survives_libreoffice(draft_docx: Path, sheet: Path, tmp_path: Path) -> None:
    old = new_rendering(sheet)
    in_word(draft_docx, chair_edits)
    libreoffice_round_trip(draft_docx, tmp_path)
    content = read_old(draft_docx)
    assert content.base is not None and content.base.blocks == read_old(_fresh_docx(sheet)).base.blocks  # type: ignore[union-attr]
    assert content.body.bookmarks_found >= len(old.all_blocks()) - 1  # one paragraph deleted
    assert all(p.role is not None for p in content.body.paragraphs)  # style names survive

    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    k = lambda needle: key_of(old, needle)  # noqa: E731
    nt = block_texts(new)
    assert texts(draft_docx) == with_keys(
        new,
        {
            k("召开第五届教代会第三次会议"): [nt[k("坚持校务公开制度")], nt[k("召开第五届教代会第三次会议")]],
            k("坚持校务公开制度"): None,
            k("语文组周雅琴老师"): EDITED,
            k("教职工篮球、气排球联赛"): None,
            k("举办教职工趣味运动会"): [nt[k("举办教职工趣味运动会")], ADDED],
        },
    )
    assert outcome.summary == "已更新 1 段，保留修改 2 段，标出冲突 0 处"
    assert check_docx(draft_docx) == []


def _open_conflict_survives(draft_docx: Path, sheet: Path, disturb: Callable[[], None]) -> None:
    """A marked conflict, then ``disturb`` (an office suite's rewrite …), then another rebuild:
    the conflict is still recognised, her version and the new rendering stay side by side."""
    # She rewords the opening sentence of the 教代会 paragraph and keeps the rest.
    before = block_texts(new_rendering(sheet))[key_of(new_rendering(sheet), "召开第五届教代会第三次会议")]
    mine = before.replace(
        "3月，召开第五届教代会第三次会议，68名教职工代表出席", "3月，我校召开第五届教代会第三次会议，68名代表到会"
    )
    assert mine != before
    in_word(draft_docx, lambda d: retype(para(d, "召开第五届教代会第三次会议"), mine))
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    build(sheet, draft_docx)
    disturb()
    edit_sheet(sheet, "    人数: 143\n", "    人数: 145\n")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    key = key_of(new, "召开第五届教代会第三次会议")
    assert texts(draft_docx) == with_keys(new, {key: [mine, block_texts(new)[key]]})
    assert outcome.summary == "已更新 1 段，保留修改 0 段，标出冲突 1 处"


def test_a_conflict_survives_libreoffice(draft_docx: Path, sheet: Path, tmp_path: Path) -> None:
    _open_conflict_survives(draft_docx, sheet, lambda: libreoffice_round_trip(draft_docx, tmp_path))


def test_merge_reads_bytes_too(draft_docx: Path, sheet: Path) -> None:
    old = read_old(draft_docx.read_bytes())
    assert merge_old(old, new_rendering(sheet)).unchanged and old.base is not None
    assert BASE_PART in old.body.custom.parts


def test_what_a_merge_cannot_carry_over_is_said(draft_docx: Path, sheet: Path) -> None:
    def add_table_and_split(d: docx.document.Document) -> None:
        anchor = para(d, "举办教职工趣味运动会")
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "项目"
        anchor._p.addnext(table._tbl)
        # She presses Enter in the middle of a paragraph: two paragraphs.
        p = para(d, "语文组周雅琴老师")
        retype(p, "语文组周雅琴老师被评为市级骨干教师，")
        add_after(p, "数学组韩志刚老师执教的示范课入选市级优秀课例。")

    in_word(draft_docx, add_table_and_split)
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    outcome = build(sheet, draft_docx)
    assert [w.message for w in outcome.warnings] == ["文档中的1 个表格不会带到新稿中，请从备份（.1.bak）中复制过来。"]
    new = new_rendering(sheet)
    assert texts(draft_docx) == with_keys(
        new,
        {
            key_of(new, "语文组周雅琴老师"): [
                "语文组周雅琴老师被评为市级骨干教师，",
                "数学组韩志刚老师执教的示范课入选市级优秀课例。",
            ]
        },
    )
    assert outcome.summary == "已更新 1 段，保留修改 2 段，标出冲突 0 处"


def test_she_adds_a_paragraph_before_everything_and_after_the_signoff(draft_docx: Path, sheet: Path) -> None:
    def add(d: docx.document.Document) -> None:
        first = d.paragraphs[0]
        new_p = first._p.makeelement(qn("w:p"), {})
        first._p.addprevious(new_p)
        Paragraph(new_p, first._parent).add_run("（内部讨论稿）")
        add_after(para(d, "2025年12月29日"), "附件：工会经费收支明细表")

    in_word(draft_docx, add)
    edit_sheet(sheet, "    人数: 68\n", "    人数: 70\n")
    build(sheet, draft_docx)
    new = new_rendering(sheet)
    assert texts(draft_docx) == ["（内部讨论稿）", *[b.text for b in new.all_blocks()], "附件：工会经费收支明细表"]


def _drop_bookmarks(d: docx.document.Document) -> None:
    body = d.element.body
    for el in list(body.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd"))):
        el.getparent().remove(el)


def test_an_open_conflict_is_recognized_without_bookmarks(draft_docx: Path, sheet: Path) -> None:
    def drop() -> None:
        in_word(draft_docx, _drop_bookmarks)
        assert read_old(draft_docx).body.bookmarks_found == 0

    _open_conflict_survives(draft_docx, sheet, drop)


def test_her_edited_plan_follows_the_new_ordinal(draft_docx: Path, sheet: Path) -> None:
    mine = "三是完善困难教职工档案，做好送温暖和金秋助学工作。"
    in_word(draft_docx, lambda d: retype(para(d, "三是完善困难教职工档案"), mine))
    edit_sheet(sheet, "  - 进一步规范教代会提案办理和校务公开工作，提高教职工参与学校民主管理的质量。\n", "")
    outcome = build(sheet, draft_docx)
    new = new_rendering(sheet)
    assert texts(draft_docx) == with_keys(new, {key_of(new, "完善困难教职工档案"): "二是" + mine[2:]})
    assert outcome.summary == "已更新 2 段，保留修改 1 段，标出冲突 0 处，删去 1 段"  # 二是→一是, 四是→三是
