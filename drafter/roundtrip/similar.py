"""How alike two paragraphs are, in bounded time.

:func:`similarity` is difflib's ratio for paragraphs of ordinary length; for
texts whose lengths multiply past :data:`SEQ_BUDGET` (a hostile or pasted-in
paragraph of many thousand characters) SequenceMatcher's quadratic cost is
avoided: :func:`long_similarity` counts the common ends and the bigrams the
differing middles share, in linear time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher

SEQ_BUDGET = 250_000  # len(a) * len(b) up to which two texts are compared by SequenceMatcher (quadratic)


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """Character similarity in [0, 1]; 0 when cheap upper bounds already fall below ``floor``.

    Texts whose lengths multiply past :data:`SEQ_BUDGET` (a paragraph of
    thousands of characters; a real one has a few hundred) are compared by
    :func:`long_similarity`, whose cost grows linearly.
    """
    if not a or not b:
        return 0.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < floor:
        return 0.0
    if len(a) * len(b) > SEQ_BUDGET:
        return long_similarity(a, b)
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:
        return 0.0
    return sm.ratio()


def common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and (of what is left) the common suffix, by halving (compares run in C)."""

    def longest(same: Callable[[int], bool], most: int) -> int:
        lo, hi = 0, most
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if same(mid):
                lo = mid
            else:
                hi = mid - 1
        return lo

    head = longest(lambda n: a[:n] == b[:n], min(len(a), len(b)))
    tail = longest(lambda n: a[len(a) - n :] == b[len(b) - n :], min(len(a), len(b)) - head)
    return head, tail


def long_similarity(a: str, b: str) -> float:
    """Similarity of long texts in linear time: shared ends count fully, the differing middles by shared bigrams."""
    head, tail = common_ends(a, b)
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    shared = head + tail
    if mid_a and mid_b:
        if len(mid_a) * len(mid_b) <= SEQ_BUDGET:
            shared += sum(m.size for m in SequenceMatcher(None, mid_a, mid_b, autojunk=False).get_matching_blocks())
        else:
            pairs = Counter(_bigram_list(mid_a)) & Counter(_bigram_list(mid_b))
            shared += min(sum(pairs.values()), len(mid_a), len(mid_b))
    return 2 * shared / (len(a) + len(b))


def _bigram_list(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]
