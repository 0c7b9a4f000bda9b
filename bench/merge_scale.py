"""How the merge scales: ``python bench/merge_scale.py`` (a minute or two).

A draft of N paragraphs is made by repeating the blocks of the largest
example (each copy with its own key and a number in its text), written as
drafter writes it, and then edited as a chair would in Word: every paragraph
gets a few characters inserted in its middle.  Two kinds of edited file:

* *bookmarks kept* (Word keeps them on an edit inside a paragraph);
* *bookmarks lost* (an office suite or copy-and-paste dropped them): every
  paragraph must be found again by similar text, the worst case of
  :func:`drafter.roundtrip.merge.match_paragraphs`.

For N = 10x the largest example, 1,500 and 3,000 paragraphs the table gives
the seconds to write the draft, to read the edited file once
(:func:`drafter.roundtrip.document.read_old`) and to merge a new rendering
into it (:func:`drafter.roundtrip.document.merge_old`), and how many of the
N edited paragraphs were matched to their block.  Printed and written to
``bench/merge-scale.md``.  (Issue 15 measured the earlier all-pairs matcher:
1,500 edited paragraphs 78 s, 3,000 over 120 s.)
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.build.pipeline import make_draft  # noqa: E402
from drafter.draft import Block, Draft, Role  # noqa: E402
from drafter.roundtrip.document import merge_old, read_old, render_docx  # noqa: E402

NOW = dt.datetime(2025, 12, 30, 9, 0, 0)
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def largest_example() -> Draft:
    drafts = [make_draft(sheet, now=NOW)[1] for sheet in EXAMPLES]
    return max(drafts, key=lambda d: len(d.all_blocks()))


def scaled(draft: Draft, n: int) -> Draft:
    """``draft`` with its body repeated to ``n`` paragraphs (title and sign-off once)."""
    body = [b for b in draft.blocks if b.role not in (Role.TITLE, Role.SUBTITLE)]
    head = [b for b in draft.blocks if b.role in (Role.TITLE, Role.SUBTITLE)]
    blocks = list(head)
    copy_no = 0
    while len(blocks) < n:
        copy_no += 1
        for b in body:
            if len(blocks) >= n:
                break
            text = b.text if b.is_heading else f"（第{copy_no}组）{b.text}"
            blocks.append(Block(b.role, text, f"{b.key}/{copy_no}", b.facts))
    return Draft(meta=copy.copy(draft.meta), blocks=blocks, signoff=draft.signoff)


def edited(data: bytes, *, keep_bookmarks: bool) -> bytes:
    """Every non-empty paragraph with 4 characters inserted in its middle, as python-docx saves it."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    for p in document.paragraphs:
        runs = p.runs
        if not runs or not p.text.strip():
            continue
        text = runs[0].text
        runs[0].text = text[: len(text) // 2] + "（已改）" + text[len(text) // 2 :]
        if not keep_bookmarks:
            for el in p._p.findall(qn("w:bookmarkStart")) + p._p.findall(qn("w:bookmarkEnd")):
                p._p.remove(el)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def measure(base: Draft, n: int, keep_bookmarks: bool) -> dict[str, str]:
    draft = scaled(base, n)
    start = time.perf_counter()
    data = render_docx(draft)
    write_s = time.perf_counter() - start
    mine = edited(data, keep_bookmarks=keep_bookmarks)
    start = time.perf_counter()
    old = read_old(mine)
    read_s = time.perf_counter() - start
    start = time.perf_counter()
    result = merge_old(old, draft)
    merge_s = time.perf_counter() - start
    blocks = len(draft.all_blocks())
    kept = result.stats.kept  # every paragraph was edited: each one matched is kept as she wrote it
    return {
        "paragraphs": str(blocks),
        "bookmarks": "kept" if keep_bookmarks else "lost",
        "write s": f"{write_s:.2f}",
        "read s": f"{read_s:.2f}",
        "merge s": f"{merge_s:.2f}",
        "edited paragraphs matched": f"{kept} of {blocks}",
    }


def main() -> int:
    base = largest_example()
    sizes = [10 * len(base.all_blocks()), 1500, 3000]
    rows = [measure(base, n, keep) for n in sizes for keep in (True, False)]
    cols = list(rows[0])
    lines = [
        f"# Merge at scale ({dt.date.today().isoformat()}, Python {sys.version.split()[0]})",
        "",
        f"Largest example: {len(base.all_blocks())} paragraphs. Every paragraph edited in the chair's file.",
        "",
        "| " + " | ".join(cols) + " |",
        "|" + "---|" * len(cols),
        *("| " + " | ".join(r[c] for c in cols) + " |" for r in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "merge-scale.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
