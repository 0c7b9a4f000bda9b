"""Child order of every w:pPr, w:rPr and w:sectPr in the example drafts (ECMA-376).

Word refuses a document ("unreadable content") when the children of a
paragraph's or section's properties come out of schema order; LibreOffice
and python-docx accept it silently, so nothing else would notice.  The
sequences below are transcribed from the WordprocessingML schema (wml.xsd)
independently of ``drafter.docx.oxml``, which has its own copy to insert
children in place; the tests check the drafts against both and check that
the two copies agree.

* CT_PPrBase and EG_SectPrContents are sequences in every edition.
* Run properties (EG_RPrBase) are written by Word in one fixed order, the
  sequence of ECMA-376's first edition; later transitional schemas let them
  come in any order.  The strict order is the safe side, so it is checked.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from drafter.build.pipeline import build_one
from drafter.docx import schema

from .conftest import EXAMPLES, FIXED_NOW

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"

# CT_PPrBase (ECMA-376 Part 1, 17.3.1.26).
PPR_BASE = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
)  # fmt: skip
PPR = (*PPR_BASE, "rPr", "sectPr", "pPrChange")  # CT_PPr: a paragraph's own properties
PPR_GENERAL = (*PPR_BASE, "pPrChange")  # CT_PPrGeneral: in styles and pPrDefault
# EG_RPrBase (17.3.2), in Word's order.
RPR_BASE = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)  # fmt: skip
RPR = (*RPR_BASE, "rPrChange")  # CT_RPr: runs, styles, rPrDefault
PARA_RPR = ("ins", "del", "moveFrom", "moveTo", *RPR_BASE, "rPrChange")  # CT_ParaRPr: the paragraph mark
# CT_SectPr (17.6.17): up to 6 header/footer references in any order, then EG_SectPrContents.
HDR_FTR_REFS = ("headerReference", "footerReference")
SECTPR = (
    *HDR_FTR_REFS, "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders",
    "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
)  # fmt: skip
MAX_HDR_FTR_REFS = 6


def _local(el: etree._Element) -> str | None:
    tag = el.tag
    if isinstance(tag, str) and tag.startswith(W):
        return tag[len(W) :]
    return None


def sequence_for(el: etree._Element) -> tuple[str, ...]:
    """The schema sequence of a pPr/rPr/sectPr, which depends on where it is."""
    name = _local(el)
    parent = el.getparent()
    pname = _local(parent) if parent is not None else None
    if name == "pPr":
        return PPR if pname == "p" else PPR_GENERAL
    if name == "rPr":
        return PARA_RPR if pname == "pPr" else RPR
    if name == "sectPr":
        return SECTPR
    raise ValueError(name)


def order_problems(el: etree._Element) -> list[str]:
    """Children of ``el`` out of schema order, repeated, or unknown (w: namespace only)."""
    seq = sequence_for(el)
    rank = {n: i for i, n in enumerate(seq)}
    if seq is SECTPR:
        for ref in HDR_FTR_REFS:  # a choice group: one rank
            rank[ref] = 0
    where = f"w:{_local(el)} in w:{_local(el.getparent()) if el.getparent() is not None else '?'}"
    problems: list[str] = []
    last, last_name, seen, refs = -1, "", set(), 0
    for child in el:
        name = _local(child)
        if name is None:
            continue  # w14:, mc: … extensions
        if name not in rank:
            problems.append(f"{where}: w:{name} is not allowed here")
            continue
        if name in HDR_FTR_REFS and seq is SECTPR:
            refs += 1
        elif name in seen:
            problems.append(f"{where}: w:{name} appears twice")
        seen.add(name)
        if rank[name] < last:
            problems.append(f"{where}: w:{name} must come before w:{last_name}")
        else:
            last, last_name = rank[name], name
    if refs > MAX_HDR_FTR_REFS:
        problems.append(f"{where}: {refs} header/footer references (at most {MAX_HDR_FTR_REFS})")
    return problems


def properties(root: etree._Element) -> Iterator[etree._Element]:
    for name in ("pPr", "rPr", "sectPr"):
        yield from root.iter(W + name)


# -- the example drafts ----------------------------------------------------------------


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """word/*.xml parts of every example draft, built as `drafter build` builds them."""
    folder = tmp_path_factory.mktemp("xml-order")
    out: dict[str, dict[str, bytes]] = {}
    for sheet in EXAMPLES:
        target = folder / f"{sheet.stem}.docx"
        build_one(sheet, output=target, now=FIXED_NOW)
        with zipfile.ZipFile(target) as zf:
            out[sheet.stem] = {n: zf.read(n) for n in zf.namelist() if n.startswith("word/") and n.endswith(".xml")}
    return out


NAMES = [p.stem for p in EXAMPLES]


@pytest.mark.parametrize("name", NAMES)
def test_document_and_styles_follow_the_schema_order(drafts: dict[str, dict[str, bytes]], name: str) -> None:
    parts = drafts[name]
    counts: dict[str, dict[str, int]] = {}
    problems: list[str] = []
    for part in ("word/document.xml", "word/styles.xml"):
        root = etree.fromstring(parts[part])
        counts[part] = {n: sum(1 for _ in root.iter(W + n)) for n in ("pPr", "rPr", "sectPr")}
        for el in properties(root):
            problems.extend(f"{part}: {p}" for p in order_problems(el))
        problems.extend(f"{part}: {p}" for p in schema.check_child_order(parts[part]))
    assert not problems, "\n".join(problems)
    # The check is not vacuous: the parts have what it checks.
    assert counts["word/document.xml"]["pPr"] >= 10 and counts["word/document.xml"]["sectPr"] == 1, counts
    assert counts["word/styles.xml"]["pPr"] >= 5 and counts["word/styles.xml"]["rPr"] >= 5, counts


@pytest.mark.parametrize("name", NAMES)
def test_headers_footers_and_settings_follow_the_schema_order(drafts: dict[str, dict[str, bytes]], name: str) -> None:
    problems: list[str] = []
    for part, data in drafts[name].items():
        root = etree.fromstring(data)
        for el in properties(root):
            problems.extend(f"{part}: {p}" for p in order_problems(el))
        problems.extend(f"{part}: {p}" for p in schema.check_child_order(data))
    assert not problems, "\n".join(problems)
    assert any(n.startswith("word/footer") for n in drafts[name])


def test_ooxml_tables_agree_with_the_schema() -> None:
    """drafter.docx.oxml inserts children by its own copy of the sequences."""
    assert schema.CHILD_ORDER["pPr"] == PPR
    assert schema.CHILD_ORDER["rPr"] == PARA_RPR
    assert schema.CHILD_ORDER["sectPr"] == SECTPR


# -- negative tests: both checkers catch what Word rejects ----------------------------------


def _el(xml: str) -> etree._Element:
    return etree.fromstring(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>')[0]


BAD = {
    "pPr: jc before spacing": "<w:p><w:pPr><w:jc w:val='both'/><w:spacing w:line='579'/></w:pPr></w:p>",
    "pPr: snapToGrid after ind": "<w:p><w:pPr><w:ind w:firstLine='640'/><w:snapToGrid w:val='0'/></w:pPr></w:p>",
    "pPr: outlineLvl before keepNext": "<w:p><w:pPr><w:outlineLvl w:val='0'/><w:keepNext/></w:pPr></w:p>",
    "pPr: rPr before jc": "<w:p><w:pPr><w:rPr><w:b/></w:rPr><w:jc w:val='left'/></w:pPr></w:p>",
    "rPr: sz before rFonts": "<w:r><w:rPr><w:sz w:val='32'/><w:rFonts w:eastAsia='仿宋_GB2312'/></w:rPr></w:r>",
    "rPr: lang before spacing": "<w:r><w:rPr><w:lang w:eastAsia='zh-CN'/><w:spacing w:val='-5'/></w:rPr></w:r>",
    "rPr: b after color": "<w:r><w:rPr><w:color w:val='000000'/><w:b/></w:rPr></w:r>",
    "sectPr: pgMar before pgSz": "<w:sectPr><w:pgMar w:top='2098'/><w:pgSz w:w='11906'/></w:sectPr>",
    "sectPr: docGrid before cols": "<w:sectPr><w:pgSz w:w='11906'/><w:docGrid w:linePitch='579'/><w:cols/></w:sectPr>",
    "sectPr: footerReference after pgSz": "<w:sectPr><w:pgSz w:w='11906'/><w:footerReference/></w:sectPr>",
    "pPr: jc twice": "<w:p><w:pPr><w:jc w:val='left'/><w:jc w:val='right'/></w:pPr></w:p>",
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_misordered_children_are_caught(case: str) -> None:
    holder = _el(BAD[case])
    el = holder if _local(holder) == "sectPr" else holder[0]
    assert order_problems(el), case
    assert schema.check_child_order(holder), case


def test_unknown_child_and_too_many_references_are_caught() -> None:
    assert "not allowed" in order_problems(_el("<w:p><w:pPr><w:spacing/><w:bogus/></w:pPr></w:p>")[0])[0]
    # rPr/ins only belongs to a paragraph mark's rPr, not to a run's.
    assert order_problems(_el("<w:r><w:rPr><w:ins/><w:b/></w:rPr></w:r>")[0])
    assert not order_problems(_el("<w:p><w:pPr><w:rPr><w:ins/><w:b/></w:rPr></w:pPr></w:p>")[0][0])
    refs = "".join("<w:footerReference/>" for _ in range(7))
    assert "at most 6" in order_problems(_el(f"<w:sectPr>{refs}<w:pgSz/></w:sectPr>"))[0]
    # References may come in any order among themselves.
    ok = "<w:sectPr><w:footerReference/><w:headerReference/><w:footerReference/><w:pgSz/><w:docGrid/></w:sectPr>"
    assert order_problems(_el(ok)) == []


@pytest.mark.parametrize("kind", ["pPr", "rPr", "sectPr"])
def test_a_swapped_pair_in_a_real_draft_is_caught(drafts: dict[str, dict[str, bytes]], kind: str) -> None:
    """Swap the last two children of the first pPr/rPr/sectPr that has several: both checkers object."""
    data = next(iter(drafts.values()))
    part = "word/document.xml" if kind == "sectPr" else "word/styles.xml"
    root = etree.fromstring(data[part])
    target = next(el for el in root.iter(W + kind) if len([c for c in el if _local(c)]) >= 2)
    assert order_problems(target) == []
    first, second = [c for c in target if _local(c)][-2:]
    target.replace(first, copy.deepcopy(second))
    target.replace(second, first)
    assert order_problems(target)
    broken = etree.tostring(root)
    assert schema.check_child_order(broken)
    # … and the whole-package check used by tests/docx_checklist.py sees it too.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, d in data.items():
            zf.writestr(n, broken if n == part else d)
    assert any(p.startswith(part) for p in schema.check_package_child_order(buf.getvalue()))


def test_examples_exist(root: Path) -> None:
    assert len(EXAMPLES) >= 3 and all(p.is_relative_to(root) for p in EXAMPLES)
