"""The lexical pass of the fact spotter: weak signals from jieba's dictionary tags, for short texts only.

Weak persons: ``nr`` words that start with a surname and are rare in the
dictionary, unknown words of two or three characters that start with one, and
a surname cut off from a given name jieba knows as a word (杨/桂兰); weak
places: ``ns`` words with a level suffix or in the gazetteer; weak
organisations: ``nt`` words with a level prefix or an institution suffix.
Weak spans make a phrase non-generic but never reach the leak guard's list.
"""

from __future__ import annotations

from drafter.learn.facts.patterns import MASK, Spans, is_han
from drafter.learn.facts.words import (
    AMBIGUOUS_SURNAMES,
    COMPOUND_SURNAMES,
    DETERMINERS,
    GAZETTEER,
    GENERIC_NT,
    GENERIC_PLACE_MODIFIERS,
    LEVEL,
    NAME_STOP,
    NAMED_ORG_ENDINGS,
    PERSON_STOP,
    PLACE_STOP,
    SURNAMES,
)
from drafter.learn.segment import PROPER_TAGS, Lexicon, lexicon, tagged

# -- the lexical pass (short texts) ------------------------------------------


def spot_lexical(text: str, spans: Spans) -> None:
    lex = lexicon()
    pos = 0
    words = tagged(text)
    for n, (word, flag) in enumerate(words):
        s, e = pos, pos + len(word)
        pos = e
        if MASK in word or not spans.free(s, e) or not is_han(word[0]):
            continue
        if len(word) == 1 and n + 1 < len(words) and _surname_and_given(word, *words[n + 1], lex):
            given = words[n + 1][0]
            if spans.add(s, e + len(given), "person", strong=False):
                continue
        if (flag.startswith("nr") or not flag) and _weak_person(word, lex):
            spans.add(s, e, "person", strong=False)
        elif (flag == "ns" or (not flag and word[-1] in LEVEL)) and _weak_place(word, lex):
            spans.add(s, e, "place", strong=False)
        elif flag == "nt" and _weak_org(word):
            spans.add(s, e, "org", strong=False)


def _weak_person(word: str, lex: Lexicon) -> bool:
    if not 2 <= len(word) <= 4 or word in PERSON_STOP:
        return False
    if not (word[0] in SURNAMES or word[:2] in COMPOUND_SURNAMES):
        return False
    if any(not is_han(ch) or ch in NAME_STOP for ch in word[1:]):
        return False
    if lex.known(word):
        return len(word) <= 3 and lex.freq.get(word, 0) <= 20 and word[0] not in AMBIGUOUS_SURNAMES
    return not (len(word) == 2 and word[0] in AMBIGUOUS_SURNAMES)  # 应帮(尽帮)


def _surname_and_given(surname: str, given: str, tag: str, lex: Lexicon) -> bool:
    """jieba's 杨/桂兰, 何/振华, 刘/彩霞: a surname on its own and a given name it knows as a word."""
    if surname not in SURNAMES or surname in AMBIGUOUS_SURNAMES or not 1 <= len(given) <= 2:
        return False
    if any(not is_han(ch) or ch in NAME_STOP for ch in given) or given in PERSON_STOP:
        return False
    freq = lex.freq.get(given, 0)
    if not tag:
        return len(given) == 2
    if tag in PROPER_TAGS:
        return freq <= 3000
    if len(given) == 1:
        return tag in ("zg", "ng", "g")
    return tag in ("n", "a", "nz") and freq <= 100


def _weak_place(word: str, lex: Lexicon) -> bool:
    if word in PLACE_STOP or len(word) < 2 or word[0] in DETERMINERS:
        return False
    if word[-2:] in PLACE_STOP and word[:-2] in GENERIC_PLACE_MODIFIERS:
        return False  # 文明城市, 和谐社区
    if word in GAZETTEER:
        return True
    return len(word) >= 3 and word[-1] in LEVEL and not lex.common(word[-2:], 5)


def _weak_org(word: str) -> bool:
    if word in GENERIC_NT:
        return False
    return (len(word) >= 3 and word[0] in LEVEL) or (len(word) >= 4 and word.endswith(NAMED_ORG_ENDINGS))
