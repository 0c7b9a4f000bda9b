"""The example drafts as LibreOffice renders them (spec gbt9704.md §2, §6).

Every example fact sheet is built to .docx, all of them are converted to PDF
in ONE headless LibreOffice run (drafter.build.pdf), and poppler reads the pages
back (``pdftotext -bbox-layout``, ``pdftohtml -xml``):

* full pages hold 22 lines (line pitch 28.95 pt in the 225 mm 版心);
* full lines hold 28 characters, a paragraph's first line 26 (2-char indent);
* the 一、/（一） headings are the PDF outline, nested;
* every page is numbered ``— N —``, odd right / even left, 7 mm below the 版心;
* the 落款 date ends where spec §2.5 puts it (2 characters before the right
  margin for ordinary unit names) and starts 2 characters right of the 署名;
* every fact of the sheet (``expected_facts``) is in the PDF text.

Without LibreOffice/poppler these tests skip with an install hint; with
``CI`` set in the environment they fail instead, so CI never skips them.
The unit tests of drafter.build.pdf at the end need no LibreOffice.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from drafter.build import pdf as pdfmod
from drafter.build.compose import expected_facts
from drafter.build.pipeline import build_one
from drafter.docx.writer import signoff_indents
from drafter.draft import Draft, Role
from drafter.errors import OutputError
from drafter.sheet.facts import Facts
from drafter.sheet.load import load_facts

from .conftest import EXAMPLES, FIXED_NOW, ROOT

PT_PER_MM = 72 / 25.4
PAGE_W = 210 * PT_PER_MM
LEFT = 28 * PT_PER_MM  # 79.4 pt
RIGHT = PAGE_W - 26 * PT_PER_MM  # 521.6 pt
TOP = 37 * PT_PER_MM  # 104.9 pt
BOTTOM = (297 - 35) * PT_PER_MM  # 742.7 pt: bottom edge of the 版心
CHAR = 16.0  # 三号
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
HANGING = set("，。、；：！？）》」』”’")  # LibreOffice lets these hang into the right margin

INSTALL_HINT = (
    "The rendering tests need LibreOffice and poppler. Install them (Debian: apt-get install "
    "libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai fonts-liberation2) or run .ci/run as root. The font mapping is the tests' own (tests/conftest.py)."
)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _require_office() -> str:
    soffice = pdfmod.find_soffice()
    missing = [name for name, ok in (("soffice", soffice), ("pdftotext", shutil.which("pdftotext")),
                                     ("pdftohtml", shutil.which("pdftohtml"))) if not ok]  # fmt: skip
    if missing:
        if _in_ci():
            pytest.fail(f"CI is set and {', '.join(missing)} is missing. {INSTALL_HINT}", pytrace=False)
        pytest.skip(f"{', '.join(missing)} not found: skipped. {INSTALL_HINT}")
    assert soffice is not None
    return soffice


# -- reading the PDF back ---------------------------------------------------------------


@dataclass
class Line:
    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    words: list[str]

    @property
    def text(self) -> str:
        return "".join(self.words)

    @property
    def spaced(self) -> str:
        return " ".join(self.words)


@dataclass
class Rendered:
    name: str
    pdf: Path
    facts: Facts
    draft: Draft
    pages: list[list[Line]] = field(default_factory=list)  # every line of every page, top to bottom

    def body(self, page: int) -> list[Line]:
        """Lines inside the 版心 (no footer)."""
        return [ln for ln in self.pages[page - 1] if ln.y0 < BOTTOM]

    def footer(self, page: int) -> list[Line]:
        return [ln for ln in self.pages[page - 1] if ln.y0 >= BOTTOM]

    def body_lines(self) -> list[Line]:
        return [ln for p in range(1, len(self.pages) + 1) for ln in self.body(p)]


_PARSER = etree.XMLParser(recover=True, huge_tree=True)
XHTML = "{http://www.w3.org/1999/xhtml}"


def read_lines(pdf: Path) -> list[list[Line]]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, _PARSER)
    pages: list[list[Line]] = []
    for number, page in enumerate(root.iter(XHTML + "page"), 1):
        lines = [
            Line(number, float(ln.get("xMin")), float(ln.get("xMax")), float(ln.get("yMin")), float(ln.get("yMax")),
                 [wd.text or "" for wd in ln.iter(XHTML + "word")])
            for ln in page.iter(XHTML + "line")
        ]  # fmt: skip
        lines.sort(key=lambda ln: (round(ln.y0, 1), ln.x0))
        pages.append(lines)
    return pages


def read_outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, text, page) of every PDF bookmark, depth first; level 1 = top."""
    out = subprocess.run(["pdftohtml", "-q", "-i", "-xml", "-stdout", str(pdf)], capture_output=True, check=True).stdout
    root = etree.fromstring(out, _PARSER)
    top = root.find("outline")
    items: list[tuple[int, str, int]] = []

    def walk(node: etree._Element, level: int) -> None:
        for child in node:
            if child.tag == "item":
                items.append((level, "".join(child.itertext()).strip(), int(child.get("page", "0"))))
            elif child.tag == "outline":
                walk(child, level + 1)

    if top is not None:
        walk(top, 1)
    return items


MERGED = "合并稿"  # a merged draft: her edited paragraph, her formatting, a conflict marked with a comment


def _merged_draft(folder: Path) -> tuple[Path, Facts, Draft]:
    """The school example built, edited as in Word, its sheet changed, and rebuilt (merged)."""
    import docx as python_docx

    sheet = folder / "合并稿.yaml"
    shutil.copyfile(ROOT / "examples" / "学校工会工作总结.yaml", sheet)
    out = folder / f"{MERGED}.docx"
    build_one(sheet, output=out, now=FIXED_NOW)
    document = python_docx.Document(str(out))
    for p in document.paragraphs:
        if "召开第五届教代会第三次会议" in p.text:
            p.runs[
                0
            ].text = "3月，我校召开第五届教代会第三次会议，68名代表审议通过了绩效工资分配方案和职称推荐评分细则，会议还听取了校务公开工作报告。"
        if "我校工会坚持把提高教职工队伍素质" in p.text:
            for r in p.runs:
                r.bold = True
    document.save(str(out))
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("    人数: 68\n", "    人数: 70\n"), encoding="utf-8")
    outcome = build_one(sheet, output=out, now=FIXED_NOW)
    assert outcome.merge is not None and outcome.merge.stats.conflicts == 1, outcome.summary
    return out, load_facts(sheet)[0], outcome.merge.draft


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    soffice = _require_office()
    folder = tmp_path_factory.mktemp("office")
    drafts: dict[str, Rendered] = {}
    pairs: list[tuple[Path, Path]] = []
    for sheet in EXAMPLES:
        docx = folder / f"{sheet.stem}.docx"
        outcome = build_one(sheet, output=docx, now=FIXED_NOW)
        facts, _ = load_facts(sheet)
        drafts[sheet.stem] = Rendered(sheet.stem, docx.with_suffix(".pdf"), facts, outcome.draft)
        pairs.append((docx, docx.with_suffix(".pdf")))
    docx, facts, merged = _merged_draft(folder)
    drafts[MERGED] = Rendered(MERGED, docx.with_suffix(".pdf"), facts, merged)
    pairs.append((docx, docx.with_suffix(".pdf")))
    start = time.perf_counter()
    pdfmod.docxs_to_pdfs(pairs, soffice=soffice)  # one LibreOffice start for all examples
    print(f"LibreOffice converted {len(pairs)} drafts in {time.perf_counter() - start:.1f} s")
    for r in drafts.values():
        r.pages = read_lines(r.pdf)
    return drafts


NAMES = [p.stem for p in EXAMPLES]


def test_examples_exist() -> None:
    assert len(NAMES) >= 3


def _pitch(lines: list[Line]) -> float:
    """The body line pitch: the mean distance between consecutive body lines (LO rounds each to 0.1 pt)."""
    steps = [b.y0 - a.y0 for a, b in itertools.pairwise(lines) if a.page == b.page and 27 < b.y0 - a.y0 < 31]
    return statistics.mean(steps)


def _slots(lines: list[Line], pitch: float) -> int:
    """Lines a page uses, counting empty lines between its first and last text line."""
    return round((lines[-1].y0 - lines[0].y0) / pitch) + 1


# -- lines per page ----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_full_pages_hold_22_lines(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    n = len(r.pages)
    assert n >= 3, f"{name}: expected a draft of several pages, got {n}"
    pitch = _pitch(r.body_lines())
    # The grid: 22 lines fit the 225 mm 版心, a 23rd does not.
    assert LINES_PER_PAGE * pitch <= BOTTOM - TOP + 0.5 < (LINES_PER_PAGE + 1) * pitch, pitch
    slots = {}
    for page in range(1, n + 1):
        body = r.body(page)
        assert body, f"{name}: page {page} is empty"
        assert body[0].y0 >= TOP - 1 and body[-1].y1 <= BOTTOM + 1, f"{name}: page {page} leaves the 版心"
        if page > 1:  # no title: the first line sits at the top of the 版心
            assert body[0].y0 - TOP < pitch - 15, f"{name}: page {page} starts {body[0].y0 - TOP:.1f} pt low"
        slots[page] = _slots(body, pitch)
        assert slots[page] <= LINES_PER_PAGE, f"{name}: page {page} has {slots[page]} lines"
    # Full pages: not the title page, not the last page, and not a page whose bottom
    # lines moved on because the next page starts with something kept with them
    # (a heading goes with its paragraph; the last paragraph with the 落款).
    full = [p for p in range(2, n) if not _starts_kept_block(r, p + 1)]
    assert full, f"{name}: no full page to measure"
    short = {p: slots[p] for p in full if slots[p] != LINES_PER_PAGE}
    assert not short, f"{name}: full pages with other than {LINES_PER_PAGE} lines: {short}"
    print(f"{name}: pitch {pitch:.2f} pt, lines per page {[slots[p] for p in range(1, n + 1)]}, full pages {full}")


PITCH = 0.05 * 579  # exact 28.95 pt lines (writer.LINE_TWIPS)


@pytest.mark.parametrize("name", [*NAMES, MERGED])
def test_body_lines_keep_the_grid(rendered: dict[str, Rendered], name: str) -> None:
    """28.95 pt between consecutive body lines on every page; one empty line only before the 落款.

    A bookmark or comment end after a paragraph's last run made LibreOffice
    add a blank line (57.9 pt) after a paragraph whose final 。 hangs past a
    full line.  Page 1 is measured from the first line after the title.
    """
    r = rendered[name]
    blocks = r.draft.all_blocks()
    first = _squash(next(b for b in blocks if b.role not in (Role.TITLE, Role.SUBTITLE)).text)[:8]
    signoff = _squash(next(b for b in blocks if b.role is Role.SIGNOFF_NAME).text)
    off_grid = []
    for page in range(1, len(r.pages) + 1):
        lines = r.body(page)
        if page == 1:
            lines = lines[next(i for i, ln in enumerate(lines) if _squash(ln.text).startswith(first)) :]
        for a, b in itertools.pairwise(lines):
            want = (2 if _squash(b.text) == signoff else 1) * PITCH
            if abs(b.y0 - a.y0 - want) > 0.5:
                off_grid.append(f"page {page}: {b.y0 - a.y0:.2f} pt before {b.text[:12]}")
    assert not off_grid, f"{name}: {off_grid}"


def _starts_kept_block(r: Rendered, page: int) -> bool:
    """Does ``page`` start with a heading, or with the paragraph kept with the 落款?"""
    first = _squash(r.body(page)[0].text)
    blocks = r.draft.all_blocks()
    headings = [_squash(b.text) for b in blocks if b.role in (Role.HEADING1, Role.HEADING2)]
    if any(h.startswith(first) or first.startswith(h) for h in headings):
        return True
    body = [b for b in blocks if b.role is Role.BODY and b.text.strip()]
    return page == len(r.pages) and bool(body) and _squash(body[-1].text).startswith(first)


# -- characters per line -----------------------------------------------------------------


def _fullwidth(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or o >= 0x20000


def chars_per_line(r: Rendered) -> tuple[list[int], list[int]]:
    """Characters inside the 版心 of every full line: (continuation lines, first lines).

    A full line is all CJK (no Latin/digits, whose widths vary), spans the
    版心 from the margin (or the 2-character indent) to the right margin, and
    is not followed by a line starting with a Latin word (such a line ends
    early and is stretched).  Closing punctuation hanging past the right margin
    is not counted.
    """
    lines = r.body_lines()
    cont: list[int] = []
    first: list[int] = []
    for i, ln in enumerate(lines):
        text = ln.text
        if not text or not all(_fullwidth(ch) for ch in text) or ln.y1 - ln.y0 > 24:
            continue
        if ln.x1 < RIGHT - 3:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and nxt.text and ord(nxt.text[0]) < 128:
            continue
        count = len(text) - (1 if ln.x1 > RIGHT + 2 and text[-1] in HANGING else 0)
        if abs(ln.x0 - LEFT) < 2:
            cont.append(count)
        elif abs(ln.x0 - (LEFT + 2 * CHAR)) < 2:
            first.append(count)
    return cont, first


@pytest.mark.parametrize("name", NAMES)
def test_lines_hold_28_characters(rendered: dict[str, Rendered], name: str) -> None:
    cont, first = chars_per_line(rendered[name])
    assert len(cont) >= 5 and len(first) >= 5, f"{name}: too few full lines to measure ({cont}, {first})"
    assert Counter(cont).most_common(1)[0][0] == CHARS_PER_LINE, f"{name}: chars per line {Counter(cont)}"
    assert all(abs(c - CHARS_PER_LINE) <= 1 for c in cont), f"{name}: chars per line {Counter(cont)}"
    assert Counter(first).most_common(1)[0][0] == CHARS_PER_LINE - 2, f"{name}: first lines {Counter(first)}"
    assert all(abs(c - CHARS_PER_LINE + 2) <= 1 for c in first), f"{name}: first lines {Counter(first)}"
    print(f"{name}: chars per line {dict(Counter(cont))}, first lines {dict(Counter(first))}")


# -- outline, page numbers, sign-off, facts --------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_headings_are_the_pdf_outline(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    outline = read_outline(r.pdf)
    expected = [
        (1 if b.role is Role.HEADING1 else 2, b.text.strip())
        for b in r.draft.all_blocks()
        if b.role in (Role.HEADING1, Role.HEADING2)
    ]
    assert expected, f"{name}: the draft has no headings"
    assert [(lvl, re.sub(r"\s+", "", t)) for lvl, t, _ in outline] == [
        (lvl, re.sub(r"\s+", "", t)) for lvl, t in expected
    ]
    for lvl, text, _ in outline:
        pattern = r"^[一二三四五六七八九十]+、" if lvl == 1 else r"^（[一二三四五六七八九十]+）"
        assert re.match(pattern, text), f"{name}: outline level {lvl}: {text}"
    pages = [p for _, _, p in outline]
    assert pages == sorted(pages) and pages[0] >= 1 and pages[-1] <= len(r.pages)


@pytest.mark.parametrize("name", NAMES)
def test_page_numbers(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    for page in range(1, len(r.pages) + 1):
        foot = r.footer(page)
        assert [ln.spaced for ln in foot] == [f"— {page} —"], f"{name}: page {page} footer {foot}"
        ln = foot[0]
        if page % 2:  # odd: right, 1 character (四号, 14 pt) in
            assert abs(ln.x1 - (RIGHT - 14)) < 3, f"{name}: page {page} number ends at {ln.x1:.1f}"
        else:  # even: left, 1 character in
            assert abs(ln.x0 - (LEFT + 14)) < 3, f"{name}: page {page} number starts at {ln.x0:.1f}"
        below = ((ln.y0 + ln.y1) / 2 - BOTTOM) / PT_PER_MM  # the 一字线 sits mid-height
        assert 5.5 < below < 8.5, f"{name}: page {page} number {below:.1f} mm below the 版心"


def _signoff_lines(r: Rendered) -> tuple[Line, Line]:
    signoff = r.draft.signoff
    assert signoff is not None
    last = r.body(len(r.pages))
    name_line, date_line = last[-2], last[-1]
    assert name_line.text == signoff.name
    assert date_line.text == signoff.date_text
    assert round(date_line.y0 - name_line.y0) in (28, 29)  # on the next line
    return name_line, date_line


@pytest.mark.parametrize("name", NAMES)
def test_signoff_date_ends_two_characters_before_the_margin(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    assert r.draft.signoff is not None
    name_line, date_line = _signoff_lines(r)
    rn, rd = signoff_indents(r.draft.signoff.name, r.draft.signoff.date_text)
    # Spec §2.5: the date is right-indented rd characters: 2 (32 pt) for ordinary unit
    # names; more when the 署名 is long (the date then starts 2 characters right of it).
    assert abs((RIGHT - date_line.x1) - rd * CHAR) <= 3, f"{name}: date ends {RIGHT - date_line.x1:.1f} pt in"
    assert abs((RIGHT - name_line.x1) - rn * CHAR) <= 3, f"{name}: 署名 ends {RIGHT - name_line.x1:.1f} pt in"
    print(f"{name}: date ends {RIGHT - date_line.x1:.1f} pt before the right margin (rd={rd:g})")


@pytest.mark.parametrize("name", NAMES)
def test_signoff_date_starts_two_characters_right_of_the_name(rendered: dict[str, Rendered], name: str) -> None:
    name_line, date_line = _signoff_lines(rendered[name])
    offset = date_line.x0 - name_line.x0
    assert abs(offset - 2 * CHAR) <= 3, f"{name}: the date starts {offset:.1f} pt right of the 署名"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(r: Rendered) -> str:
    # Body lines only: page footers would split a paragraph running over a page break.
    return _squash("".join(ln.text for ln in r.body_lines()))


def _lost_characters(r: Rendered) -> list[tuple[str, str]]:
    """Characters of the draft missing from the PDF: (character, text before it)."""
    source = _squash("".join(b.text for b in r.draft.all_blocks()))
    pdf = _pdf_text(r)
    lost: list[tuple[str, str]] = []
    i = j = 0
    while i < len(source):
        if j < len(pdf) and source[i] == pdf[j]:
            i += 1
            j += 1
        else:
            lost.append((source[i], source[max(0, i - 12) : i]))
            i += 1
    assert j == len(pdf), f"{r.name}: the PDF has text the draft has not: {pdf[j : j + 40]!r}"
    return lost


@pytest.mark.parametrize("name", NAMES)
def test_pdf_text_is_the_draft_text(rendered: dict[str, Rendered], name: str) -> None:
    """Nothing is lost but closing punctuation LibreOffice fails to draw at a full line's end.

    LibreOffice 7.4 lets a 29th character that is closing punctuation hang into
    the right margin (it ignores w:overflowPunct), and on continuation lines
    it does not draw it at all.  Word and WPS show it.  Anything else missing
    is a bug.
    """
    r = rendered[name]
    lost = _lost_characters(r)
    line_ends = {_squash(ln.text)[-12:] for ln in r.body_lines() if ln.x1 >= RIGHT - 3}
    unexpected = [(ch, before) for ch, before in lost if ch not in HANGING or not any(
        before.endswith(end) or end.endswith(before) for end in line_ends)]  # fmt: skip
    assert not unexpected, f"{name}: characters missing from the PDF: {unexpected}"
    if lost:
        print(f"{name}: LibreOffice dropped {len(lost)} hanging punctuation mark(s): {lost}")


@pytest.mark.parametrize("name", NAMES)
def test_every_fact_is_in_the_pdf(rendered: dict[str, Rendered], name: str) -> None:
    r = rendered[name]
    # Closing punctuation may be missing at a line end (see test_pdf_text_is_the_draft_text).
    text = "".join(ch for ch in _pdf_text(r) if ch not in HANGING)
    facts = expected_facts(r.facts)
    assert facts
    missing = [f for f in facts if "".join(ch for ch in _squash(f) if ch not in HANGING) not in text]
    assert not missing, f"{name}: facts missing from the PDF: {missing}"


@pytest.mark.parametrize("name", NAMES)
def test_pdf_uses_the_chinese_fonts(rendered: dict[str, Rendered], name: str) -> None:
    out = subprocess.run(["pdffonts", str(rendered[name].pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [ln.split()[0] for ln in out.splitlines()[2:] if ln.strip()]
    assert any("CJK" in f or "UKai" in f for f in fonts), fonts
    assert not any("DejaVu" in f for f in fonts), f"{name}: CJK text fell back to DejaVu: {fonts}"


def test_docx_to_pdf_replaces_a_file_atomically(rendered: dict[str, Rendered], tmp_path: Path) -> None:
    src = next(iter(rendered.values())).pdf.with_suffix(".docx")
    docx = tmp_path / "年度 总结.docx"
    shutil.copyfile(src, docx)
    target = tmp_path / "年度 总结.pdf"
    target.write_bytes(b"old")
    pdfmod.docx_to_pdf(docx, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([docx.name, target.name])


# -- drafter.build.pdf without LibreOffice ---------------------------------------------------


def test_find_soffice_honours_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / ("soffice.exe" if sys.platform == "win32" else "soffice")
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv(pdfmod.ENV_SOFFICE, str(fake))
    assert pdfmod.find_soffice() == str(fake)
    monkeypatch.setenv(pdfmod.ENV_SOFFICE, str(tmp_path / "nowhere"))
    assert pdfmod.find_soffice() is None


def test_find_soffice_searches_path_then_install_places(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(pdfmod.ENV_SOFFICE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pdfmod, "_candidates", lambda: [str(tmp_path / "missing"), str(tmp_path / "app" / "soffice")])
    assert pdfmod.find_soffice() is None
    (tmp_path / "app").mkdir()
    installed = tmp_path / "app" / "soffice"
    installed.write_text("#!/bin/sh\nexit 0\n")
    installed.chmod(0o755)
    assert pdfmod.find_soffice() == str(installed)
    if sys.platform != "win32":
        on_path = tmp_path / "soffice"
        on_path.write_text("#!/bin/sh\nexit 0\n")
        on_path.chmod(0o755)
        assert pdfmod.find_soffice() == str(on_path)


def test_install_places_cover_windows_and_macos() -> None:
    places = " ".join(pdfmod._WINDOWS_PATHS + pdfmod._UNIX_PATHS)
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in places
    assert "/Applications/LibreOffice.app/Contents/MacOS/soffice" in places
    assert "/usr/lib/libreoffice/program/soffice" in places


def test_missing_libreoffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: None)
    docx = tmp_path / "总结.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(OutputError) as info:
        pdfmod.docx_to_pdf(docx, tmp_path / "总结.pdf")
    message = info.value.format()
    assert message.startswith("错误：")
    assert "没有找到 LibreOffice" in message
    assert "下载 LibreOffice 安装" in message  # Windows/macOS
    assert "apt-get install libreoffice-writer-nogui" in message  # Debian
    assert not (tmp_path / "总结.pdf").exists()


def test_missing_input_is_reported(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="不存在"):
        pdfmod.docx_to_pdf(tmp_path / "无.docx", tmp_path / "无.pdf", soffice="/bin/true")


def _fake_soffice(tmp_path: Path, body: str) -> str:
    fake = tmp_path / "fake-soffice"
    fake.write_text("#!/bin/sh\n" + body + "\n")
    fake.chmod(0o755)
    return str(fake)


@pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")
def test_failed_conversion_keeps_the_old_pdf(tmp_path: Path) -> None:
    soffice = _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded'; exit 1")
    docx = tmp_path / "总结.docx"
    docx.write_bytes(b"PK")
    pdf = tmp_path / "总结.pdf"
    pdf.write_bytes(b"%PDF-old")
    with pytest.raises(OutputError) as info:
        pdfmod.docx_to_pdf(docx, pdf, soffice=soffice)
    assert "没能把这个 Word 文件转换成 PDF" in info.value.message
    assert "source file could not be loaded" in info.value.message
    assert pdf.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["fake-soffice", docx.name, pdf.name])


@pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")
def test_conversion_timeout_stops_libreoffice(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    soffice = _fake_soffice(tmp_path, f"sleep 30 & echo $! > '{pid_file}'; wait")  # a child, like soffice.bin
    docx = tmp_path / "总结.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(OutputError, match="超过 1 秒"):
        pdfmod.docx_to_pdf(docx, tmp_path / "总结.pdf", soffice=soffice, timeout=1)
    child = int(pid_file.read_text())
    for _ in range(50):  # the whole process group was killed: the child ends too
        if not _running(child):
            break
        time.sleep(0.1)
    assert not _running(child)
    assert not (tmp_path / "总结.pdf").exists()


def _running(pid: int) -> bool:
    """Is ``pid`` alive (a zombie waiting to be reaped is not)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().rsplit(") ", 1)[1][:1] != "Z"


@pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")
def test_soffice_gets_a_private_profile_and_headless_flags(tmp_path: Path) -> None:
    log = tmp_path / "args.txt"
    soffice = _fake_soffice(tmp_path, f'for a in "$@"; do echo "$a"; done > "{log}"')
    docx = tmp_path / "总结.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(OutputError):  # the fake makes no PDF
        pdfmod.docx_to_pdf(docx, tmp_path / "总结.pdf", soffice=soffice)
    args = log.read_text().splitlines()
    assert args[0].startswith("-env:UserInstallation=file://")
    assert "--headless" in args and "--convert-to" in args
    assert args[-1].endswith("draft0.docx")  # an ASCII copy, not the user's file name
