"""The leak guard: no fact of a sample report may reach a draft.

``drafter learn`` writes the fact tokens it saw in the samples (names,
numbers with units, 《titles》, places, organisations) to
``templates/样本事实.txt``, one per line.  Templates are generic, but a
person may edit them; before a draft is written, every token found in the
draft must also be in the fact sheet, or the build is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.contract import TOKENS_FILE
from drafter.draft import Draft
from drafter.errors import LeakError
from drafter.sheet.facts import Facts

MIN_TOKEN_CHARS = 2


@dataclass(frozen=True)
class Token:
    """One fact of the samples, and the line of 样本事实.txt it is on (1-based)."""

    text: str
    line: int


def load_tokens(templates: Path) -> list[Token]:
    """The tokens of ``templates/样本事实.txt`` (none when there is no such file).

    Raises LeakError when the file is not UTF-8 or cannot be read.
    """
    path = templates / TOKENS_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LeakError(
            "样本事实清单不是 UTF-8 编码（可能被记事本存成了「ANSI」），无法核对草稿。"
            "请用记事本打开它，「另存为」时在「编码」里选「UTF-8」，或重新运行 drafter learn。",
            file=path,
            line=exc.object[: exc.start].count(b"\n") + 1,
        ) from None
    except OSError as exc:
        raise LeakError(f"无法读取样本事实清单（{exc.strerror or exc}），无法核对草稿。", file=path) from None
    tokens: list[Token] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if line and not line.startswith("#") and len(line) >= MIN_TOKEN_CHARS:
            tokens.append(Token(line, number))
    return tokens


def sheet_text(facts: Facts, raw: bytes | None = None) -> str:
    """All text of the sheet, as read from its file (what the chair wrote)."""
    if raw is None:
        try:
            raw = facts.source.read_bytes()
        except OSError:
            return ""
    return raw.decode("utf-8-sig", errors="replace")


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _standalone(token: str, text: str, *, whole_number: bool = False) -> bool:
    """``token`` occurs in ``text`` not continuing a number (no digit or ``.`` before it);
    with ``whole_number`` also no digit after it.  A scan with str.find: compiling a
    regular expression per token cost more than the whole check."""
    at = text.find(token)
    while at != -1:
        before = text[at - 1] if at else ""
        if not (before.isdecimal() or before == "."):
            end = at + len(token)
            if not whole_number or end == len(text) or not text[end].isdecimal():
                return True
        at = text.find(token, at + 1)
    return False


def _occurs(token: str, text: str) -> bool:
    """``token`` in ``text``; a token that starts with a digit must not continue a number."""
    if token not in text:
        return False
    if not token[0].isdigit():
        return True
    return _standalone(token, text)


def _allowed(token: str, sheet: str) -> bool:
    if _occurs(token, sheet):
        return True
    # A number with its unit (45名) is the sheet's when the sheet has that number (人数: 45).
    m = _NUMBER.match(token)
    return m is not None and _standalone(m.group(), sheet, whole_number=True)


def find_leaks(text: str, tokens: list[str], sheet: str) -> list[str]:
    """Sample tokens found in ``text`` that the fact sheet does not have."""
    return [t for t in tokens if _occurs(t, text) and not _allowed(t, sheet)]


def _leaked(text: str, tokens: list[Token], sheet: str) -> list[Token]:
    return [t for t in tokens if _occurs(t.text, text) and not _allowed(t.text, sheet)]


def check_leaks(draft: Draft, facts: Facts, templates: Path, raw: bytes | None = None) -> None:
    """Refuse a draft carrying a sample's fact token the sheet lacks (``raw``: the sheet's bytes, if read).

    Raises LeakError naming the line of 样本事实.txt of the first token found.
    """
    tokens = load_tokens(templates)
    if not tokens:
        return
    from drafter.build.compose import expected_facts

    # What the sheet says, and what drafter derives from it (dates it formats, the next year).
    allowed = "\n".join([sheet_text(facts, raw), *expected_facts(facts), str(facts.year + 1)])
    leaks = _leaked(draft.text(), tokens, allowed)
    if leaks:
        shown = "、".join(f"「{t.text}」" for t in leaks[:5])
        raise LeakError(
            f"草稿里出现了样本报告中的事实 {shown}，而事实表里没有。"
            f"请检查模板目录 {templates} 中的措辞，删去这些具体内容后再生成；"
            "若清单里的某一项其实是通用词语，可以从这个清单里删去那一行。",
            file=templates / TOKENS_FILE,
            line=leaks[0].line,
        )
