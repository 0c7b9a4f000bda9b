"""Near-duplicate reports: 5-gram sketches, an inverted index, Jaccard and containment."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from itertools import filterfalse

from drafter.learn.corpus.cleaning import PLACEHOLDER
from drafter.learn.corpus.reports import Report

#: Two reports whose character 5-gram Jaccard similarity reaches this are near-duplicates.
DUPLICATE_JACCARD = 0.5
#: … and so is a report whose 5-grams lie this much inside an earlier one.
DUPLICATE_CONTAINMENT = 0.8

_NON_WORD_RE = re.compile(r"[\W_]+")
_SKETCH = 32


def _shingles(s: str) -> frozenset[int]:
    """A deterministic 1-in-4 sample of the character 5-grams of ``s`` (hashes of code-point tuples).

    Hashes of int tuples do not depend on PYTHONHASHSEED, so the sample, and
    every duplicate decision, is the same in every run.
    """
    codes = list(map(ord, s))
    hashes = map(hash, zip(codes, codes[1:], codes[2:], codes[3:], codes[4:], strict=False))
    return frozenset(filterfalse((3).__and__, hashes))


def mark_duplicates(reports: list[Report]) -> int:
    """Set ``duplicate_of`` on each report that nearly repeats an earlier one; returns how many.

    Candidates come from an inverted index over small bottom-k sketches of
    each kept report's 5-gram sample, so 1,000 reports cost about as much as
    their text; similarity is then measured on the samples themselves.
    """
    kept: dict[int, frozenset[int]] = {}
    index: dict[int, list[int]] = {}
    exact: dict[str, int] = {}  # normalised text -> first report with it
    origin: dict[int, int] = {}  # a near-duplicate's index -> the kept report it repeats
    count = 0
    for report in reports:
        report.duplicate_of = None
        report.similarity = None
        normalised = _NON_WORD_RE.sub("", report.text.replace(PLACEHOLDER, ""))
        first = exact.setdefault(normalised, report.index)
        if first != report.index:
            report.duplicate_of = origin.get(first, first)
            report.similarity = 1.0
            count += 1
            continue
        grams = _shingles(normalised)
        if len(grams) < 8:
            continue
        sketch = heapq.nsmallest(_SKETCH, grams)
        hits: Counter[int] = Counter()
        for value in sketch:
            posting = index.get(value)
            if posting is not None and len(posting) <= 64:
                hits.update(posting)
        best: tuple[float, float, int] | None = None  # (max of the two measures, Jaccard, kept report)
        for other, shared in hits.items():
            if shared < 2:
                continue
            theirs = kept[other]
            common = len(grams & theirs)
            jaccard = common / (len(grams) + len(theirs) - common)
            containment = common / len(grams)
            if jaccard >= DUPLICATE_JACCARD or (containment >= DUPLICATE_CONTAINMENT and len(grams) >= 50):
                score = max(jaccard, containment)
                if best is None or score > best[0] or (score == best[0] and other < best[2]):
                    best = (score, jaccard, other)
        if best is not None:
            report.duplicate_of = origin[report.index] = best[2]
            report.similarity = round(best[1], 3)
            count += 1
            continue
        kept[report.index] = grams
        for value in sketch:
            index.setdefault(value, []).append(report.index)
    return count


def jaccard(a: str, b: str, n: int = 5) -> float:
    """Exact character n-gram Jaccard similarity of two texts (punctuation and spaces ignored)."""
    sa = _NON_WORD_RE.sub("", a)
    sb = _NON_WORD_RE.sub("", b)
    ga = {sa[i : i + n] for i in range(len(sa) - n + 1)}
    gb = {sb[i : i + n] for i in range(len(sb) - n + 1)}
    return len(ga & gb) / len(ga | gb) if ga or gb else 1.0
