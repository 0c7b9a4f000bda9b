"""Corpus level: the proper nouns only one sample uses, and the leak guard's token list.

:func:`rare_proper_nouns` and :func:`sample_fact_tokens` run the rules only
(no lexical pass) and count in how many texts a token occurs with one
trie-shaped regex.
"""

from __future__ import annotations

import re
from typing import Any

from drafter.learn.facts.patterns import PLACEHOLDER_RE, FactSpan, Spans, mask_template
from drafter.learn.facts.spot import spot_facts, spot_rules
from drafter.learn.facts.words import HAN, LEVEL
from drafter.learn.generic import generic_term
from drafter.learn.segment import lexicon

# ---------------------------------------------------------------------------
# Corpus level: rare proper nouns, and the leak guard's token list

_PROPER_KINDS = frozenset({"person", "place", "org"})


def _proper_tokens(text: str) -> set[str]:
    """Proper-noun-like tokens of one report, by the rules only (fast)."""
    masked = mask_template(text)
    spans = Spans(text)
    spot_rules(masked, spans, proper_only=True)
    out: set[str] = set()
    for span in spans.spans:
        if span.kind in _PROPER_KINDS:
            out.add(span.text)
        elif span.kind in ("title", "quoted"):
            inner = span.text[1:-1].strip()
            if len(inner) >= 2 and not _common_term(inner):
                out.add(inner)
    return out


def rare_proper_nouns(texts: list[str]) -> set[str]:
    """Proper-noun-like tokens that occur in only one of ``texts``.

    Candidates are the rule hits of each report (names, places,
    organisations, the inner text of 《》 and “” names); a candidate is rare
    when no other report contains it, even as plain text.  Placeholders and
    tokens shorter than two characters are left out.
    """
    first_seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        for tok in _proper_tokens(text):
            if len(tok) < 2 or PLACEHOLDER_RE.search(tok):
                continue
            j = first_seen.setdefault(tok, i)
            if j != i:
                first_seen[tok] = -1
    candidates = [t for t, i in first_seen.items() if i >= 0]
    if not candidates:
        return set()
    seen_in = _occurrences(texts, candidates)
    return {t for t in candidates if len(seen_in[t]) <= 1}


def _occurrences(texts: list[str], tokens: list[str]) -> dict[str, set[int]]:
    """For each token, the indices of the texts that contain it.

    One pass of a trie-shaped regex per text finds where tokens start; the
    trie then lists every token that starts there (东湖 as well as 东湖公园).
    A token that starts inside a longer match is not seen there.
    """
    out: dict[str, set[int]] = {t: set() for t in tokens}
    trie = _trie(tokens)
    rx = re.compile(_trie_pattern(trie))
    for i, text in enumerate(texts):
        for m in rx.finditer(text):
            node = trie
            for k in range(m.start(), m.end()):
                node = node[text[k]]
                if "" in node:
                    out[text[m.start() : k + 1]].add(i)
    return out


def _trie(words: list[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_pattern(node: dict[str, Any]) -> str:
    """A regex for the words of a trie, longest first (fast for many words)."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


# Quoted terms that are common vocabulary of union and party work, not a sample's own name.
_COMMON_TERMS = frozenset(
    "三八 五一 五四 六一 七一 八一 十一 国庆 元旦 春节 元宵 端午 中秋 重阳 三八节 五一节 七一节 重阳节 元宵节 两节 "
    "三会一课 两学一做 四风 八项规定 三严三实 三重一大 三个代表 四个意识 四个自信 两个维护 两个确立 四个全面 五位一体 "
    "不忘初心、牢记使命 一岗双责 中国梦 党员 先进 优秀 创先争优 先进性教育 平安 法治 廉政 三公 八荣八耻 "
    "职工之家 教职工之家 教工之家 模范职工之家 女职工之家 职工小家 职工书屋 爱心驿站 户外劳动者驿站 爱心妈咪小屋 妈咪小屋 "
    "工人先锋号 五一劳动奖章 五一巾帼奖 三八红旗手 三八红旗集体 巾帼建功 巾帼文明岗 安康杯 金秋助学 送温暖 送清凉 "
    "春送岗位 夏送清凉 秋送助学 冬送温暖 书香校园 平安校园 和谐校园 文明校园 文明单位 文明家庭 先进工作者 劳动模范 "
    "劳模创新工作室 职工创新工作室 师德标兵 最美教师 优秀教师 优秀工会干部 优秀工会积极分子 先进职工之家 "
    "学习型 服务型 创新型 节约型 学习型组织 学习型机关 服务型机关 创新型企业 双亮 双联 双百 导师带徒 师带徒 传帮带 "
    "安全第一，预防为主，综合治理 安全第一、预防为主、综合治理 节假日 纪念日".split()
)


def _common_term(term: str) -> bool:
    """A quoted term that is common vocabulary (三八, 四风, 职工之家, 三个代表)."""
    if term in _COMMON_TERMS:
        return True
    lex = lexicon()
    tag = lex.tags.get(term)
    if lex.common(term, 1) or (tag in ("nz", "nt", "i", "l", "j") and lex.freq.get(term, 0) >= 50):
        return True
    parts = [p for p in re.split(r"[、，,\s]+", term) if p]
    return len(parts) > 1 and all(p in _COMMON_TERMS or lex.common(p, 1) for p in parts)


# A level character and a generic body only: 县委, 镇政府, 市总工会.
_LEVEL_ONLY_ORG_RE = re.compile(
    rf"[{LEVEL}](?:委|政府|人民政府|总工会|工会|纪委|党委|人大|政协|工委|委员会|妇联|团委|残联)"
)


def sample_fact_tokens(texts: list[str]) -> list[str]:
    """The fact tokens of the samples, sorted and de-duplicated.

    Names, places, organisations, numbers with units, Chinese counts,
    《titles》, congress references, and the names in “” (and inside long
    《》) that only one of ``texts`` uses.  Left out: placeholders, dates (a
    draft writes the sheet's own dates in its own format), bare numbers of
    fewer than three digits and bare years, common vocabulary (三八, 八项规定,
    职工之家), quoted names that several samples use (they are vocabulary,
    and :func:`rare_proper_nouns` lets phrases keep them), organisations that
    are only a level and a generic body (县委, 镇政府), union and 公文 vocabulary
    (厂务公开, 建家: :func:`drafter.learn.generic.generic_term`), and weak signals.
    """
    out: set[str] = set()
    named: dict[str, set[int]] = {}  # quoted names and title texts -> texts that quote them
    for i, text in enumerate(texts):
        for span in spot_facts(text, lexical=False):
            if span.kind == "quoted":
                inner = _quoted_name(span)
                if inner:
                    named.setdefault(inner, set()).add(i)
                continue
            tok = _fact_token(span)
            if tok:
                out.add(tok)
            if span.kind == "title":
                inner = span.text[1:-1].strip()
                if len(inner) >= _MIN_TITLE_INNER and not _common_term(inner) and not PLACEHOLDER_RE.search(inner):
                    named.setdefault(inner, set()).add(i)  # the name without its 《》 may reach a draft too
    if named:
        seen_in = _occurrences(texts, list(named))
        out.update(t for t in named if len(seen_in[t]) <= 1)
    return sorted(t for t in out if not generic_term(t))


def _quoted_name(span: FactSpan) -> str | None:
    """The name inside a “quoted” span, unless it is vocabulary, a date or a placeholder."""
    inner = span.text[1:-1].strip()
    if len(inner) < 2 or _common_term(inner) or PLACEHOLDER_RE.search(inner):
        return None
    inside = spot_facts(inner, lexical=False)
    if inside and all(s.kind == "date" for s in inside) and sum(s.end - s.start for s in inside) >= len(inner) - 1:
        return None  # “三八”, “5.12”: a date
    return inner


def _fact_token(span: FactSpan) -> str | None:
    text = span.text.strip()
    kind = span.kind
    if not span.strong or len(text) < 2 or kind in ("placeholder", "date"):
        return None
    if kind == "title":
        return text
    if PLACEHOLDER_RE.search(text) or "〔X〕" in text:
        return None
    if kind == "number":
        text = re.sub(r"\s+", "", text)
        if re.search(rf"[{HAN}%％‰℃]", text):
            return text
        digits = re.sub(r"\D", "", text)
        if len(digits) < 3 or re.fullmatch(r"(?:19|20)\d\d", text):
            return None  # a bare 1–2 digit number may be a day of the draft's date; a bare year likewise
        return text
    if kind == "quoted":
        return _quoted_name(span)
    if kind in ("org", "place"):
        return None if _LEVEL_ONLY_ORG_RE.fullmatch(text) else text
    if kind == "count" and lexicon().freq.get(text, 0) >= _COMMON_COUNT_FREQ:
        return None  # 三个, 两次, 五年: so common that generic wording may hold them (三个代表)
    return text  # person, count, year_ref


_COMMON_COUNT_FREQ = 2000
# A title's inner text is listed too when it is this long: shorter ones are
# often common names of laws and rules (工会章程, 若干规定).
_MIN_TITLE_INNER = 6
