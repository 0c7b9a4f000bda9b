"""Render a :class:`~drafter.draft.Draft` as a .docx in the GB/T 9704 format.

The layout follows GB/T 9704-2012 (党政机关公文格式): A4 with margins 37/35/28/26
mm, 22 lines of 28 characters (三号 仿宋, exact 28.95 pt lines, condensed by
0.25 pt), a 二号 小标宋 title, 黑体/楷体 headings as the built-in Heading 1/2
styles (so Word's navigation pane shows them), the 落款 placed per §2.5
(after one empty line, kept on a page with the last body paragraph) and
``— N —`` page numbers, odd pages right and even pages left.

Every role has its own paragraph style (:data:`ROLE_STYLES`), so a draft
read back from Word can be mapped to roles again.  Styles carry all the
formatting; paragraphs carry only a style reference (and the sign-off its
computed right indent).

Everything that does not depend on the draft (styles, page, footers, font
table, settings) is built once per :class:`FontSet` into a template kept in
memory (and in the per-user cache) with python-docx; :func:`docx_bytes` adds
the paragraphs to its ``word/document.xml`` with lxml and writes the package
with :func:`drafter.docx.package.write_package`, so a build never imports
python-docx (only a merge that leaves Word comments does, to add them).
"""

from __future__ import annotations

import functools
import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafter.docx import oxml as ooxml
from drafter.docx import package as pkg
from drafter.docx.oxml import w
from drafter.draft import Block, Draft, Role

# -- GB/T 9704 numbers (spec §0) ---------------------------------------------
BODY_PT = 16.0  # 三号
TITLE_PT = 22.0  # 二号
PAGE_NUMBER_PT = 14.0  # 四号
LINE_TWIPS = 579  # exact 28.95 pt: 22 lines fill the 225 mm 版心
TITLE_LINE_TWIPS = 700  # exact 35 pt
CONDENSE_TWIPS = -5  # -0.25 pt: 28 characters per 156 mm line
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
HEADER_MM = 15
FOOTER_MM = 25  # puts the 一字线 of the page number 7 mm below the 版心
APPLICATION = "drafter"
COMMENT_AUTHOR = "drafter"  # author of the comments drafter writes (a merge's marks)
FINGERPRINT_PROPERTY = "drafter.fingerprint"  # custom document property: the build's fingerprint


@dataclass(frozen=True)
class FontSet:
    """Font names written into the document (the reader's Windows supplies them).

    The default is the traditional office set (``仿宋_GB2312``/``楷体_GB2312``,
    Windows XP era, still installed in most offices); :meth:`system` uses
    仿宋/楷体 as bundled with current Windows.  方正小标宋简体 is never bundled;
    Word substitutes it where it is missing.
    """

    fangsong: str = "仿宋_GB2312"
    kaiti: str = "楷体_GB2312"
    heiti: str = "黑体"
    title: str = "方正小标宋简体"
    songti: str = "宋体"
    latin: str = "Times New Roman"

    @classmethod
    def system(cls) -> FontSet:
        """仿宋 and 楷体 as bundled with Windows 7 and later."""
        return cls(fangsong="仿宋", kaiti="楷体")


DEFAULT_FONTS = FontSet()

# Role -> (styleId, style name as python-docx reports it)
_STYLE_IDS: dict[Role, tuple[str, str]] = {
    Role.TITLE: ("Title", "Title"),
    Role.SUBTITLE: ("Subtitle", "Subtitle"),
    Role.SALUTATION: ("Salutation", "Salutation"),
    Role.BODY: ("Normal", "Normal"),
    Role.HEADING1: ("Heading1", "Heading 1"),
    Role.HEADING2: ("Heading2", "Heading 2"),
    Role.SIGNOFF_NAME: ("Signature", "Signature"),
    Role.SIGNOFF_DATE: ("Date", "Date"),
}

#: The paragraph style of each role (names as ``paragraph.style.name`` gives them).
ROLE_STYLES: dict[Role, str] = {role: name for role, (_, name) in _STYLE_IDS.items()}


def role_for_style(style_name: str | None) -> Role | None:
    """The role a paragraph style stands for (None for styles drafter does not use)."""
    for role, name in ROLE_STYLES.items():
        if name == style_name:
            return role
    return None


# -- sign-off (spec §2.5) ---------------------------------------------------------


# Word, WPS and LibreOffice put about 3 pt of automatic space (autoSpaceDN/DE)
# between a digit or Latin letter and a Chinese character: 3/16 of a 三号 character.
_AUTOSPACE = 3 / 16


def text_width(text: str) -> float:
    """Width in 三号 characters: CJK (and anything full width) 1, ASCII 0.5, plus autospace."""
    width = sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)
    for a, b in itertools.pairwise(text):
        if (a.isascii() and a.isalnum()) != (b.isascii() and b.isalnum()) and not (a.isspace() or b.isspace()):
            width += _AUTOSPACE
    return width


def signoff_indents(name: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the 署名 and the date, not sealed.

    GB/T 9704 7.3.5.2: the 署名 is right-indented 2 characters and the date
    starts 2 characters to the right of the 署名's first character; when the
    date would then come closer than 2 characters to the margin it is
    right-indented 2 characters and the 署名 moves so the rule still holds.
    """
    n, d = text_width(name), text_width(date)
    rn = 2.0
    rd = rn + n - d - 2.0
    if rd < 2.0:
        rd = 2.0
        rn = d + 4.0 - n
    return rn, rd


# -- template ---------------------------------------------------------------------

_KEEP_STYLES = (
    "Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Title", "Subtitle",
    "Heading1", "Heading2", "Heading3", "Header", "Footer",
)  # fmt: skip


def _style_fonts(style: ooxml.Element, east_asia: str, fonts: FontSet) -> ooxml.Element:
    rpr = ooxml.style_rPr(style)
    ooxml.set_fonts(rpr, east_asia, fonts.latin)
    return rpr


def _build_styles(styles: ooxml.Element, fonts: FontSet) -> None:
    ooxml.prune_styles(styles, _KEEP_STYLES)
    ooxml.set_doc_defaults(styles, east_asia=fonts.fangsong, latin=fonts.latin, size_pt=BODY_PT)

    # Normal = 正文: 三号 仿宋, exact 28.95 pt, justified, 2-character first line.
    normal = ooxml.ensure_style(styles, "Normal", "Normal", based_on=None, qformat=True)
    ppr = ooxml.style_pPr(normal)
    ooxml.set_paragraph_format(ppr, align="both", widow_control=False)
    ooxml.set_spacing(ppr, line_twips=LINE_TWIPS)
    ooxml.set_indent(ppr, first_line_chars=2)
    rpr = _style_fonts(normal, fonts.fangsong, fonts)
    ooxml.set_run_format(rpr, size_pt=BODY_PT, spacing_twips=CONDENSE_TWIPS)

    title = ooxml.ensure_style(styles, "Title", "Title", next_style="Normal", ui_priority=10, qformat=True)
    ppr = ooxml.style_pPr(title)
    ooxml.set_paragraph_format(ppr, align="center")
    ooxml.set_spacing(ppr, line_twips=TITLE_LINE_TWIPS)
    ooxml.set_indent(ppr, first_line_chars=0, left_chars=0, right_chars=0)
    rpr = _style_fonts(title, fonts.title, fonts)
    ooxml.set_run_format(rpr, size_pt=TITLE_PT, bold=False, italic=False, spacing_twips=0)

    sub = ooxml.ensure_style(styles, "Subtitle", "Subtitle", next_style="Normal", ui_priority=11, qformat=True)
    ppr = ooxml.style_pPr(sub)
    ooxml.set_paragraph_format(ppr, align="center")
    ooxml.set_spacing(ppr, line_twips=LINE_TWIPS)
    ooxml.set_indent(ppr, first_line_chars=0, left_chars=0, right_chars=0)
    rpr = _style_fonts(sub, fonts.kaiti, fonts)
    ooxml.set_run_format(rpr, size_pt=BODY_PT, bold=False, italic=False, spacing_twips=CONDENSE_TWIPS)

    for style_id, name, face, level, bold in (
        ("Heading1", "heading 1", fonts.heiti, 0, False),
        ("Heading2", "heading 2", fonts.kaiti, 1, False),
        ("Heading3", "heading 3", fonts.fangsong, 2, True),
    ):
        st = ooxml.ensure_style(styles, style_id, name, next_style="Normal", ui_priority=9, qformat=True)
        ppr = ooxml.style_pPr(st)
        ooxml.set_paragraph_format(ppr, keep_next=True, keep_lines=False, outline_level=level)
        ooxml.set_spacing(ppr, line_twips=LINE_TWIPS)
        rpr = _style_fonts(st, face, fonts)
        ooxml.set_run_format(rpr, size_pt=BODY_PT, bold=bold, italic=False, spacing_twips=CONDENSE_TWIPS)

    # 称呼 (述职报告): flush left, no indent.
    sal = ooxml.ensure_style(styles, "Salutation", "Salutation", next_style="Normal", qformat=True)
    ppr = ooxml.style_pPr(sal)
    ooxml.set_paragraph_format(ppr, align="left")
    ooxml.set_indent(ppr, first_line_chars=0, left_chars=0)

    # 落款: right aligned; each paragraph gets its computed right indent.
    for style_id, keep_next in (("Signature", True), ("Date", False)):
        st = ooxml.ensure_style(styles, style_id, style_id, next_style="Normal")
        ppr = ooxml.style_pPr(st)
        ooxml.set_paragraph_format(ppr, align="right", keep_next=keep_next)
        ooxml.set_indent(ppr, first_line_chars=0, left_chars=0, right_chars=2)

    # Header/footer: 四号 宋体 in all four slots, single spacing, off the line grid.
    for style_id, name in (("Header", "header"), ("Footer", "footer")):
        st = ooxml.ensure_style(styles, style_id, name)
        ppr = ooxml.style_pPr(st)
        ooxml.set_paragraph_format(ppr, snap_to_grid=False)
        ooxml.set_spacing(ppr, line_twips=240, exact=False)
        ooxml.set_indent(ppr, first_line_chars=0, char_pt=PAGE_NUMBER_PT)
        rpr = ooxml.style_rPr(st)
        ooxml.set_fonts(rpr, fonts.songti, None, hint_east_asia=True)
        ooxml.set_run_format(rpr, size_pt=PAGE_NUMBER_PT, spacing_twips=0)


def _page_number_footer(footer_el: ooxml.Element, fonts: FontSet, *, odd: bool) -> None:
    """One paragraph ``— N —``: odd pages right + 1 character, even pages left + 1."""
    for p in list(footer_el.iterchildren(w("p"))):
        footer_el.remove(p)
    p = ooxml.add_paragraph(footer_el, None, "", style_id="Footer")
    ppr = ooxml.paragraph_pPr(p)
    ooxml.set_paragraph_format(ppr, align="right" if odd else "left")
    if odd:
        ooxml.set_indent(ppr, right_chars=1, char_pt=PAGE_NUMBER_PT)
    else:
        ooxml.set_indent(ppr, left_chars=1, char_pt=PAGE_NUMBER_PT)
    ooxml.add_page_number_runs(p, font=fonts.songti, size_pt=PAGE_NUMBER_PT)


@functools.lru_cache(maxsize=8)
def _template(fonts: FontSet) -> bytes:
    """The empty document in the format, from the per-user cache when it is there.

    The key covers the fonts, python-docx's version (its default document: the
    bytes of its ``__init__.py``, which carry the version, read without importing
    it) and the code that builds the template (this module and ``ooxml``).
    """
    import hashlib
    import importlib.util

    from drafter import __version__
    from drafter.files import cache_dir, cache_store

    folder = cache_dir("docx")
    if folder is None:
        return _build_template(fonts)
    try:
        spec = importlib.util.find_spec("docx")
        h = hashlib.sha256(f"{__version__}|{fonts!r}".encode())
        for source in (spec.origin if spec else None, __file__, ooxml.__file__):
            h.update(Path(source).read_bytes())
    except (OSError, TypeError):
        return _build_template(fonts)
    path = folder / f"template-{h.hexdigest()[:24]}.docx"
    try:
        data = path.read_bytes()
        if data[:2] == b"PK" and data[-22:-18] == b"PK\x05\x06":  # whole zip, as written
            return data
    except OSError:
        pass
    data = _build_template(fonts)
    cache_store(path, data)
    return data


def _build_template(fonts: FontSet) -> bytes:
    """python-docx's default document, reset to the format (no content, no custom parts or properties)."""
    import docx
    from docx.shared import Mm

    from drafter.docx.names import RT_CUSTOM_PROPERTIES, RT_FONT_TABLE, RT_THUMBNAIL

    document = docx.Document()
    package = document.part.package
    assert package is not None
    # Leftovers of python-docx's template: its thumbnail, a Word 2010 copy of
    # the unreset styles, an empty bibliography store, a Japanese font table.
    pkg.drop_relationships(package, RT_THUMBNAIL)
    pkg.drop_relationships(document.part, ooxml.RT_STYLES_WITH_EFFECTS)
    pkg.drop_relationships(document.part, pkg.RT_CUSTOM_XML)
    pkg.drop_relationships(package, RT_CUSTOM_PROPERTIES)
    font_table = document.part.part_related_by(RT_FONT_TABLE)
    pkg.set_part_blob(
        font_table,
        ooxml.font_table_xml(
            [fonts.latin],
            {fonts.songti: "auto", fonts.fangsong: "modern", fonts.kaiti: "modern",
             fonts.heiti: "modern", fonts.title: "auto"},
        ),
    )  # fmt: skip

    ooxml.set_settings(document.settings.element, even_and_odd_headers=True)
    _build_styles(document.styles.element, fonts)

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(HEADER_MM)
    section.footer_distance = Mm(FOOTER_MM)
    section.gutter = Mm(0)
    sect_pr = section._sectPr
    for attr in list(sect_pr.attrib):
        del sect_pr.attrib[attr]  # rsids of the template
    ooxml.set_doc_grid(sect_pr, LINE_TWIPS)
    _page_number_footer(section.footer._element, fonts, odd=True)
    _page_number_footer(section.even_page_footer._element, fonts, odd=False)

    buf = io.BytesIO()
    document.save(buf)
    return _fixed_times(buf.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The same zip with every member dated 1980-01-01: a template built twice is the same bytes
    (python-docx stamps the clock, so two builds a second apart differed)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


# -- rendering --------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphNote:
    """What goes into one block's paragraph besides its text, placed as it is written.

    ``bookmark``: a hidden bookmark of this name, collapsed at the start of
    the paragraph (a bookmark end after the last run makes LibreOffice add a
    blank line when the final 。 hangs past a full line); ``comment``: the
    paragraph is highlighted yellow and carries this Word comment;
    ``runs``: the chair's runs (her character formatting) to write instead
    of one plain run; the caller passes them only when their text is the
    block's text.
    """

    bookmark: str | None = None
    comment: str | None = None
    runs: tuple[ooxml.Element, ...] = ()


def docx_bytes(
    draft: Draft,
    *,
    fonts: FontSet | None = None,
    custom_parts: dict[str, bytes] | None = None,
    notes: Sequence[ParagraphNote | None] = (),
) -> bytes:
    """The draft as a .docx (bytes; the caller writes the file atomically).

    ``custom_parts`` are stored as custom XML parts by name (read them back
    with :func:`drafter.docx.package.Package.custom_parts`); they survive
    opening and saving in Word, LibreOffice and python-docx.  ``notes[i]``
    goes with block ``i`` of ``draft.all_blocks()``.
    """
    fonts = fonts or DEFAULT_FONTS
    template = _template(fonts)
    root = etree.fromstring(_template_document(template))
    body = root.find(w("body"))
    assert body is not None
    sect_pr = body.find(w("sectPr"))
    commented: list[tuple[ooxml.Element, str]] = []
    bookmark_id = 0

    def annotate(p: ooxml.Element, i: int) -> None:
        nonlocal bookmark_id
        note = notes[i] if i < len(notes) else None
        if note is None:
            return
        if note.runs:
            ooxml.replace_runs(p, note.runs)
        if note.bookmark:
            bookmark_id += 1
            ooxml.add_bookmark(p, note.bookmark, bookmark_id)
        if note.comment:
            ooxml.highlight(p)
            commented.append((p, note.comment))

    blocks = draft.all_blocks()
    last_text: str | None = None  # text of the previous paragraph (None: none yet)
    last_p: ooxml.Element | None = None

    def add(text: str, style_id: str | None) -> ooxml.Element:
        nonlocal last_text, last_p
        last_text = text
        last_p = ooxml.add_paragraph(body, sect_pr, text, style_id=style_id)
        return last_p

    for i, block in enumerate(blocks):
        role = block.role
        style_id = None if role is Role.BODY else _STYLE_IDS[role][0]
        if role in (Role.SIGNOFF_NAME, Role.SIGNOFF_DATE):
            prev_role = blocks[i - 1].role if i else None
            if prev_role not in (Role.SIGNOFF_NAME, Role.SIGNOFF_DATE):
                # The 落款 never stands alone on a page: the paragraph before it
                # and the empty line between keep with it.
                if last_p is not None:
                    ooxml.set_paragraph_format(ooxml.paragraph_pPr(last_p), keep_next=True)
                if last_text not in (None, ""):
                    spacer = add("", None)  # one empty line before the 落款
                    ooxml.set_paragraph_format(ooxml.paragraph_pPr(spacer), keep_next=True)
            p = add(block.text, style_id)
            _place_signoff(p, blocks, i)
            annotate(p, i)
            continue
        annotate(add(block.text, style_id), i)
        if role in (Role.TITLE, Role.SUBTITLE):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.role not in (Role.TITLE, Role.SUBTITLE) and nxt.text != "":
                add("", None)  # one empty line after the title

    meta = draft.meta
    props: dict[str, str | int | bool] = {"单位": meta.unit, "年度": meta.year, "文种": meta.kind}
    if meta.fingerprint:
        props[FINGERPRINT_PROPERTY] = meta.fingerprint
    parts = {
        "word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
        "docProps/core.xml": pkg.core_properties_xml(
            title=meta.title,
            author=meta.author,
            created=meta.created,
            subject=meta.subject,
            keywords=meta.keywords,
            category=meta.kind,
        ),
        "docProps/app.xml": pkg.extended_properties_xml(application=APPLICATION, company=meta.unit),
    }
    data = pkg.write_package(
        template, parts, custom_properties=pkg.custom_properties_xml(props), custom_parts=custom_parts or {}
    )
    if not commented:
        return data
    paragraphs = list(body.iterchildren(w("p")))
    return _add_comments(data, [(paragraphs.index(p), text) for p, text in commented])


@functools.lru_cache(maxsize=8)
def _template_document(template: bytes) -> bytes:
    """``word/document.xml`` of a template (read once per process)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(template)) as zf:
        return zf.read("word/document.xml")


def _add_comments(data: bytes, comments: list[tuple[int, str]]) -> bytes:
    """``data`` with a Word comment on body paragraph ``i`` for each ``(i, text)`` (python-docx writes the part)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    for i, text in comments:
        paragraph = paragraphs[i]
        runs = paragraph.runs
        if runs:
            document.add_comment(runs, text=text, author=COMMENT_AUTHOR, initials="D")
            ooxml.collapse_comment(paragraph._p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _place_signoff(p: ooxml.Element, blocks: list[Block], i: int) -> None:
    """Right indent of a 署名 or date paragraph per spec §2.5."""
    block = blocks[i]
    if block.role is Role.SIGNOFF_NAME:
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        date = nxt.text if nxt is not None and nxt.role is Role.SIGNOFF_DATE else None
        right = signoff_indents(block.text, date)[0] if date is not None else 2.0
    else:
        prev = blocks[i - 1] if i else None
        name = prev.text if prev is not None and prev.role is Role.SIGNOFF_NAME else None
        right = signoff_indents(name, block.text)[1] if name is not None else 2.0
    ooxml.set_indent(ooxml.paragraph_pPr(p), right_chars=right)


__all__ = [
    "DEFAULT_FONTS",
    "ROLE_STYLES",
    "FontSet",
    "ParagraphNote",
    "docx_bytes",
    "role_for_style",
    "signoff_indents",
    "text_width",
]
