"""jieba, set up once for the whole learner.

Every learn stage that segments text gets its tokenizer here: a private
``jieba.Tokenizer`` (jieba's global one is left alone) with the union
compounds of :mod:`drafter.learn.lexicon` added, so 教代会, 送温暖 or 职工之家
come out as one word.  jieba is imported on first use, never at import time:
``drafter build`` must not load it.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from drafter.learn.lexicon import COMPOUNDS

_lock = threading.Lock()
_state: dict[str, Any] = {}


def tokenizer() -> Any:
    """The learner's jieba tokenizer (a ``jieba.Tokenizer``), dictionary loaded and union compounds added."""
    tok = _state.get("tok")
    if tok is None:
        with _lock:
            tok = _state.get("tok")
            if tok is None:
                import jieba

                jieba.setLogLevel(logging.ERROR)
                tok = jieba.Tokenizer()
                tok.initialize()
                for word in COMPOUNDS:
                    if not tok.FREQ.get(word):
                        tok.add_word(word)
                _state["tok"] = tok
    return tok


def word_tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word (``nr`` person, ``ns`` place …)."""
    tags = _state.get("tags")
    if tags is None:
        tok = tokenizer()
        with _lock:
            tags = _state.get("tags")
            if tags is None:
                import jieba.posseg

                tags = _state["tags"] = jieba.posseg.POSTokenizer(tok).word_tag_tab
    return tags
