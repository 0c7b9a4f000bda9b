"""How ``drafter diff`` and paragraph similarity scale: ``python bench/diff_scale.py`` (under a minute).

:func:`drafter.roundtrip.diff.compare` on paragraph lists of growing size
(the largest example's body repeated to 10x its size, then 20,000
paragraphs, every one edited), on thousands of equal or alternating
paragraphs, and :func:`drafter.roundtrip.similar.similarity` on one
paragraph of 300,000 characters edited in its middle.  Issue 15's attack run
had these past 20 s each (difflib's quadratic cost); printed and written to
``bench/diff-scale.md``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.build.pipeline import make_draft  # noqa: E402
from drafter.roundtrip.diff import compare  # noqa: E402
from drafter.roundtrip.similar import similarity  # noqa: E402

NOW = dt.datetime(2025, 12, 30, 9, 0, 0)


def largest_body() -> list[str]:
    drafts = [make_draft(sheet, now=NOW)[1] for sheet in sorted((ROOT / "examples").glob("*.yaml"))]
    return [b.text for b in max(drafts, key=lambda d: len(d.all_blocks())).blocks]


def edited(text: str) -> str:
    mid = len(text) // 2
    return text[:mid] + "改" + text[mid + 1 :]


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> None:
    body = largest_body()
    rows: list[tuple[str, float]] = []
    for n in (10 * len(body), 5000, 20000):
        old = [f"（第{i // len(body)}组）{body[i % len(body)]}" for i in range(n)]
        rows.append(
            (f"{n} paragraphs, every one edited", timed(lambda old=old: compare(old, [edited(t) for t in old])))
        )
    rows.append(
        ("25,000 equal paragraphs, 1,000 changed", timed(lambda: compare(["x"] * 25000, ["x"] * 24000 + ["y"] * 1000)))
    )
    rows.append(
        (
            "25,000 alternating paragraphs, shifted by one",
            timed(lambda: compare(["x", "y"] * 12500, ["y", "x"] * 12500)),
        )
    )
    rnd = random.Random(1)
    long = "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(300_000))
    rows.append(
        ("similarity of a 300,000-character paragraph and its edit", timed(lambda: similarity(long, edited(long))))
    )
    rows.append(("diff of a 300,000-character paragraph and its edit", timed(lambda: compare([long], [edited(long)]))))
    lines = [
        f"# diff at scale ({dt.date.today()}, Python {sys.version.split()[0]})",
        "",
        f"Largest example: {len(body)} paragraphs.",
        "",
        "| case | seconds |",
        "|---|---|",
        *(f"| {name} | {secs:.2f} |" for name, secs in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "diff-scale.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
