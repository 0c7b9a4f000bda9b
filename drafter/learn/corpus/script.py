"""Script normalisation, the first thing done to every line of a sample.

Traditional characters are converted to simplified with OpenCC's ``t2s``
configuration (phrase-aware: 乾淨 → 干净 but 乾坤 stays), so every later rule
(markers, noise, kinds, the classifier's lexicon) sees one script.  Pinyin
glosses that some pages put after a character (醫(yī)院, 會（huì）) are dropped.

OpenCC is imported on first use: only the learner needs it, never ``build``.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import Any

from drafter.learn.markers import HAN

_converter: dict[str, Any] = {}
_lock = threading.Lock()

# One pinyin syllable without its tone mark (ü may be written v), optionally with a tone digit.
_SYLLABLE = (
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|van|üan|ai|ei|ui|ao|ou|iu|ie|üe|ve|ue|er|an|en|in|un|ün|vn"
    r"|ia|ua|uo|a|o|e|i|u|ü|v)[1-5]?"
)
_SYLLABLES_RE = re.compile(rf"(?:{_SYLLABLE})(?:[ '’-]?{_SYLLABLE}){{0,3}}")
# A parenthesised run of Latin letters (tone marks allowed) right after a hanzi.
_GLOSS_RE = re.compile(rf"(?<=[{HAN}])\s?[(（]\s*([A-Za-zÀ-ɏ1-5'’ -]{{1,30}}?)\s*[)）]")


def _t2s() -> Any:
    converter = _converter.get("t2s")
    if converter is None:
        with _lock:
            converter = _converter.get("t2s")
            if converter is None:
                import opencc

                converter = _converter["t2s"] = opencc.OpenCC("t2s")
    return converter


def _is_pinyin(latin: str) -> bool:
    """Whether ``latin`` reads as one to four lower-case pinyin syllables with tone marks or tone digits."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", latin) if unicodedata.category(ch) != "Mn")
    toned = plain != latin or any(ch in "12345" for ch in latin)
    if not toned or plain != plain.lower():
        return False  # VIP, PDF, wifi, a lone (a): no tone, not a gloss
    return _SYLLABLES_RE.fullmatch(plain.strip()) is not None


def drop_glosses(text: str) -> str:
    """``text`` without pinyin glosses after characters: 医(yī)院 → 医院; (wifi), (PDF) or (a) stay."""
    if "(" not in text and "（" not in text:
        return text
    return _GLOSS_RE.sub(lambda m: "" if _is_pinyin(m.group(1)) else m.group(0), text)


def normalise_script(text: str) -> str:
    """Simplified script without pinyin glosses: 醫(yī)院工會 → 医院工会."""
    return drop_glosses(_t2s().convert(text))
