"""jieba, initialised in one place: the tokenizer and its dictionary.

Every learn module that segments text or looks a word up goes through
:func:`tokenizer` or :func:`lexicon`.  jieba is imported lazily (``drafter
build`` never loads it); the first call pays the dictionary load (about
0.5 s) and adds drafter's union compounds (:data:`drafter.learn.lexicon.COMPOUNDS`) to the dictionary, once, before anyone
segments — so a module's results never depend on which module called first.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from drafter.learn.lexicon import COMPOUNDS

# Tags of proper nouns in jieba's dictionary (names, places, organisations, other).
PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})


@dataclass(frozen=True)
class Lexicon:
    """jieba's dictionary: each word's frequency and part-of-speech tag."""

    freq: dict[str, int]
    tags: dict[str, str]

    def known(self, word: str) -> bool:
        return self.freq.get(word, 0) > 0

    def tag(self, word: str) -> str | None:
        return self.tags.get(word) if self.freq.get(word, 0) > 0 else None

    def common(self, word: str, min_freq: int = 1) -> bool:
        """A dictionary word with an ordinary (not proper-noun) tag."""
        tag = self.tags.get(word)
        return tag is not None and tag not in PROPER_TAGS and self.freq.get(word, 0) >= min_freq

    def proper(self, word: str) -> bool:
        return self.tags.get(word) in PROPER_TAGS and self.freq.get(word, 0) > 0


@dataclass
class _State:
    tokenizer: Any = None
    lexicon: Lexicon | None = None


_STATE = _State()
_LOCK = threading.Lock()


def _initialise() -> None:
    with _LOCK:
        if _STATE.tokenizer is not None:
            return
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.ERROR)
        jieba.initialize()
        tok = jieba.dt
        for word in COMPOUNDS:
            if not tok.FREQ.get(word):
                tok.add_word(word)
        _STATE.lexicon = Lexicon(tok.FREQ, jieba.posseg.dt.word_tag_tab)
        _STATE.tokenizer = tok


def tokenizer() -> Any:
    """jieba's default tokenizer, initialised once with drafter's union terms."""
    if _STATE.tokenizer is None:
        _initialise()
    return _STATE.tokenizer


def lexicon() -> Lexicon:
    """jieba's dictionary (frequencies and tags), after :func:`tokenizer`'s initialisation."""
    if _STATE.lexicon is None:
        _initialise()
    assert _STATE.lexicon is not None
    return _STATE.lexicon


@lru_cache(maxsize=65536)
def cut(window: str) -> tuple[str, ...]:
    """A small window cut by jieba's dictionary only (no HMM)."""
    return tuple(tokenizer().lcut(window, HMM=False))


@lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's cut (with HMM for unknown words) and dictionary tags; ``""`` for an unknown word.

    This is what jieba.posseg does for dictionary words, at a sixth of its
    cost: posseg's own HMM for unknown words is the slow part, and its tags
    for them are only a guess anyway.
    """
    lex = lexicon()
    return tuple((w, lex.tag(w) or "") for w in tokenizer().lcut(text))
