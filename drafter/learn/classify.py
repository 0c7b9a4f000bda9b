"""Classify a top-level report section into one of five work categories.

Categories (defined in ``tests/data/seed-labels-README.md``): 民主建设, 队伍建设, 生活保障,
文体活动 and 其他.  The decision is a weighted-term vote:

* The lexicon below is written from general knowledge of Chinese trade-union
  work (duties of a 基层工会 in schools, enterprises, hospitals, offices and
  townships), not from the bundled samples.  Each term carries a weight per
  category: defining terms (职代会, 送温暖, 劳动竞赛, 运动会 ...) about 3,
  ordinary topical terms 1.5-2.5, weak hints about 1, and generic words that
  occur in every kind of section (学习, 民主 alone, 活动) only 0.15-0.6.
* 其他 is modelled explicitly, not as "nothing matched": party building,
  discipline and 廉政, political study, publicity, stability and petitions,
  government duties outside the union (移民, 抗旱, 驻村, 扶贫, 计划生育 ...),
  public charity, and the 存在问题 / 下一步打算 passages all have their own
  terms, and a small prior makes a section without any union signal 其他.
* Terms are found as substrings (leftmost-longest, so 民主生活会 beats 民主
  and 篮球赛 is found where exact jieba tokens would miss 篮球).  Term
  frequency in the body is scaled sublinearly (1 + ln tf); a term in the
  heading counts ``HEADING_WEIGHT`` times.
* jieba is used for what substrings cannot do: rejecting a short term that
  straddles a word boundary (作风 in 工作风险, 师德 in 教师德育, 体检 in
  整体检查).  Segmenting every section with jieba would cost about 1.7 s per
  million characters even with ``HMM=False`` (measured; with HMM it is about
  the same), which does not fit the learn budget of 5 s for 2 M characters.
  So a match of a short term is checked only when a neighbouring character
  can form a dictionary word with the term's edge; those few windows
  (about 8 characters each) are deduplicated and segmented in one
  ``jieba.lcut(..., HMM=False)`` call per ``classify_many`` batch.
  Trade-off: a straddle that jieba's dictionary does not know is not seen,
  and boundary decisions use a small window instead of the sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafter.learn.lexicon import LEXICON
from drafter.learn.outline import OutlinedReport
from drafter.learn.segment import tokenizer

__all__ = ["CATEGORIES", "Decision", "classify", "classify_many", "classify_outlines"]

CATEGORIES: tuple[str, ...] = ("民主建设", "队伍建设", "生活保障", "文体活动", "其他")
OTHER = "其他"

HEADING_WEIGHT = 3.0  # a term in the heading counts this many times its weight
OTHER_PRIOR = 0.8  # score 其他 starts with: no union signal means other work
WINDOW = 4  # characters of context on each side for a jieba boundary check
MAX_REASON_TERMS = 4


@dataclass
class Decision:
    """The category of one section, with the evidence behind it."""

    category: str
    scores: dict[str, float]
    reasons: list[str] = field(default_factory=list)


@dataclass
class _Tally:
    """Matched terms of one section."""

    body: dict[str, int] = field(default_factory=dict)
    heading: dict[str, int] = field(default_factory=dict)


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first at each position.

    The alternation is nested as a character trie (工(?:会代表大会|资集体协商)…),
    which Python's ``re`` runs about twice as fast as a flat alternation of
    500 literals.  Greedy ``?`` after a word end makes the longest term win:
    民主生活会 over 民主, 篮球赛 over 篮球.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        kids = sorted(k for k in node if k)
        if not kids:
            return ""
        alts = [re.escape(k) + build(node[k]) for k in kids]
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return build(trie)


_TERM_RE = re.compile(_trie_pattern(LEXICON))
_WS_RE = re.compile(r"\s")


def _body_of(heading: str, text: str) -> str:
    """The text without a leading copy of the heading."""
    h = heading.strip()
    t = text.lstrip()
    if h and t.startswith(h):
        return t[len(h) :]
    return text


def _suspicious(text: str, start: int, end: int, freq: dict[str, int]) -> bool:
    """Could a dictionary word cross the edge of the match text[start:end]?"""
    if end - start > 2:
        return False
    for k in (1, 2):
        if start - k >= 0 and freq.get(text[start - k : start + 1]):
            return True
        if end + k <= len(text) and freq.get(text[end - 1 : end + k]):
            return True
    return False


def _straddles(tokens: Sequence[str], offset: int, length: int) -> bool:
    """True if the span [offset, offset+length) cuts through a token.

    The match is accepted when it lies inside one token (篮球 in 篮球赛) or
    when both its edges are token boundaries.
    """
    end = offset + length
    pos = 0
    bounds = {0}
    for tok in tokens:
        nxt = pos + len(tok)
        if pos <= offset and end <= nxt:
            return False  # inside one token (or exactly one token)
        bounds.add(nxt)
        pos = nxt
    return not (offset in bounds and end in bounds)


def _scan(texts: Sequence[str]) -> list[dict[str, int]]:
    """Count lexicon terms in each text, with jieba boundary checks."""
    tok = tokenizer()
    freq: dict[str, int] = tok.FREQ
    counts: list[dict[str, int]] = [{} for _ in texts]
    pending: list[tuple[int, str, str, int]] = []  # (text index, term, window, offset)
    for i, text in enumerate(texts):
        c = counts[i]
        for m in _TERM_RE.finditer(text):
            s, e = m.span()
            term = m.group()
            if _suspicious(text, s, e, freq):
                ws = max(0, s - WINDOW)
                window = text[ws : e + WINDOW]
                pending.append((i, term, window, s - ws))
            else:
                c[term] = c.get(term, 0) + 1
    if pending:
        windows = list(dict.fromkeys(w for _, _, w, _ in pending))
        # One segmentation call for every window of the batch, separated by
        # newlines.  Whitespace inside a window becomes a plain space (same
        # length, so offsets hold) and jieba yields each space as its own
        # token, so every "\n" token is a separator.
        joined = "\n".join(_WS_RE.sub(" ", w) for w in windows)
        tokens = tok.lcut(joined, HMM=False)
        seg: dict[str, list[str]] = {}
        current: list[str] = []
        wi = 0
        for t in tokens:
            if t == "\n":
                seg[windows[wi]] = current
                current = []
                wi += 1
            else:
                current.append(t)
        seg[windows[wi]] = current
        for i, term, window, offset in pending:
            if not _straddles(seg[window], offset, len(term)):
                c = counts[i]
                c[term] = c.get(term, 0) + 1
    return counts


def _score(tally: _Tally) -> tuple[dict[str, float], dict[str, list[tuple[str, float, str]]]]:
    scores = {c: 0.0 for c in CATEGORIES}
    scores[OTHER] = OTHER_PRIOR
    evidence: dict[str, list[tuple[str, float, str]]] = {c: [] for c in CATEGORIES}
    for term, n in tally.body.items():
        tf = 1.0 + math.log(n)
        for cat, w in LEXICON[term].items():
            scores[cat] += w * tf
            evidence[cat].append((term, w * tf, f"{term}×{n}"))
    for term in tally.heading:  # a term counts once in the heading
        for cat, w in LEXICON[term].items():
            scores[cat] += w * HEADING_WEIGHT
            evidence[cat].append((term, w * HEADING_WEIGHT, f"{term}(标题)"))
    return scores, evidence


def _decide(tally: _Tally) -> Decision:
    scores, evidence = _score(tally)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    category = max(CATEGORIES, key=lambda c: (scores[c], -order[c]))
    reasons: list[str] = []
    for cat in sorted(CATEGORIES, key=lambda c: (-scores[c], order[c])):
        items = sorted(evidence[cat], key=lambda x: (-x[1], x[0]))[:MAX_REASON_TERMS]
        if items:
            shown = "、".join(label for _, _, label in items)
            reasons.append(f"{cat}（{scores[cat]:.1f}）：{shown}")
    if not any(evidence[c] for c in CATEGORIES):
        reasons.append("未找到工会业务词语，归入其他")
    return Decision(
        category=category,
        scores={c: round(scores[c], 3) for c in CATEGORIES},
        reasons=reasons,
    )


def classify_many(pairs: Iterable[tuple[str, str]]) -> list[Decision]:
    """Classify many (heading, text) sections; one segmentation call in all."""
    items = list(pairs)
    texts: list[str] = []
    for heading, text in items:
        texts.append(heading)
        texts.append(_body_of(heading, text))
    counts = _scan(texts)
    return [_decide(_Tally(body=counts[2 * k + 1], heading=counts[2 * k])) for k in range(len(items))]


def classify_outlines(outlined: Iterable[OutlinedReport]) -> None:
    """Set ``category`` and ``reasons`` on every part of every outline (one segmentation call in all).

    An umbrella part takes the category that covers most of its children's text.
    """
    outlined = list(outlined)
    parts = [part for item in outlined for part in item.parts()]
    for part, decision in zip(parts, classify_many([(p.heading, p.text) for p in parts]), strict=True):
        part.category = decision.category
        part.reasons = decision.reasons
    for item in outlined:
        for section in item.sections:
            if section.umbrella and section.children:
                share: dict[str, int] = {}
                for child in section.children:
                    share[child.category] = share.get(child.category, 0) + child.size
                section.category = max(share, key=lambda c: (share[c], -CATEGORIES.index(c)))
                section.reasons = [f"总括部分：按下属各部分的类别（{'、'.join(share)}）"]


def classify(heading: str, text: str) -> Decision:
    """Classify one section from its heading and its whole text."""
    return classify_many([(heading, text)])[0]
