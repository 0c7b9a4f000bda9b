"""Spot the facts of a report: what a generic template phrase must never carry.

A learned phrase goes into a template that drafts reports for other unions,
so it must not carry a fact of the sample it came from: a name, a number, a
date, a place, an organisation, a 《title》, a “named” campaign, a placeholder
or a congress or plan reference (十八大, 十八届三中全会, 十二五).  This module

* finds those facts in a text (:func:`spot_facts`), and
* says in Chinese why a phrase is not generic, or ``None`` when it is
  (:func:`why_not_generic`).

The fact spotter is split by concern:

* :mod:`drafter.learn.factwords` — word lists (surnames, titles, suffixes, gazetteer);
* :mod:`drafter.learn.factpatterns` — :class:`FactSpan`, the span collector, the regular expressions;
* :mod:`drafter.learn.factnames` — organisations, places and persons by rules;
* :mod:`drafter.learn.factlexical` — the weak lexical pass for short texts;
* :mod:`drafter.learn.facttokens` — corpus level: the proper nouns only one
  sample uses (:func:`~drafter.learn.facttokens.rare_proper_nouns`) and the
  leak guard's list (:func:`~drafter.learn.facttokens.sample_fact_tokens`,
  written to ``templates/样本事实.txt``);
* :mod:`drafter.learn.generic` — the other side: genericity by evidence.

How facts are found
-------------------
Rules come first; jieba's part-of-speech tags are only a weak signal.

* Numbers, dates, counts, placeholders, 《》 titles, “” names and congress
  references are regular expressions: jieba cuts 36次 into ``36/m 次/t`` and
  tags units inconsistently.  A Chinese count (三位, 十讲, 第五届) is a
  numeral and a measure word; a lone 一 (一名, 一批, 一次) is ordinary
  language, and so is a numeral inside a longer dictionary word or idiom
  (千家万户, 三个代表, 四面八方) and the adverbs 十分/万分.
* Organisations: an administrative-level character (省 市 县 区 乡 镇 …,
  optionally after a place name or a placeholder), an optional noun-like
  middle, and an organisation suffix (委 局 总工会 宣传部 政府 中心 公司 …):
  县教育工会, 区纪委, 县委宣传部.  The level character must not belong to
  a common word (社区, 城市, 全县), the middle must not hold a verb (县开展工会),
  and the suffix must not be the tail of a common word (机关干部, 部门).
* Places: a geographic suffix (省 市 县 区 镇 乡 村 路 街 公园 社区 …) after
  a dictionary place name, a run of characters jieba cannot make words of
  (陀烈村, 二钢社区) or, before 村/路/社区/公园 …, a noun (石门村, 人民路);
  a common word ending in the suffix (城市, 全县, 进社区) or a generic
  modifier before it (文化广场, 贫困村) is not a place.  A gazetteer of
  provinces, large cities and countries adds names with no suffix.
* Persons: context rules.  A name is a surname (:data:`SURNAMES`) and one or
  two given-name characters, followed by a title or form of address (同志 老师
  校长 主任 书记 等 …), preceded by one (主席某某某), followed by 的带领
  (在某某的带领下), or an item of an
  、-enumeration of such names that ends in 等, 三位老师 …; a surname alone
  before a title (刘老师) counts too.  Dictionary words with a non-name tag
  (常委, 全体) and frequent words jieba mis-tags as names (弘扬, 荣获) are not
  names.
* Short texts only (phrases; :data:`LEXICAL_MAX_CHARS`): a lexical pass adds
  weak signals.  The text is cut by jieba (with its HMM for unknown words)
  and tagged from jieba's dictionary, which is what jieba.posseg does for
  dictionary words at a sixth of its cost (posseg's own HMM for unknown words
  is the slow part: about 10 µs per character).  Weak persons: ``nr`` words
  that start with a surname and are rare in the dictionary, unknown words of
  two or three characters that start with one, and a surname cut off from a
  given name jieba knows as a word (杨/桂兰); weak places: ``ns`` words with a
  level suffix or in the gazetteer; weak organisations: ``nt`` words with a
  level prefix or an institution suffix (…大学, …公司).  The lexical pass never
  runs over whole reports.

Corpus level: ``rare_proper_nouns`` and ``sample_fact_tokens`` run
the rules only (no lexical pass) and count in how many texts a token occurs
with one trie-shaped regex, so 2 M characters take about half a second once
the dictionary is loaded.  A “quoted” name that several samples use is
vocabulary: it is neither rare nor a leak token, so the two lists agree.

jieba is reached only through :mod:`drafter.learn.segment` (imported
lazily: ``drafter build`` must not import it).  Its dictionary is used for
cheap look-ups in the rules, and small windows (about 10 characters) around
place and name candidates are cut without HMM; the first call pays the
dictionary load (about 0.5 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.learn.facts.lexical import spot_lexical
from drafter.learn.facts.names import spot_orgs, spot_persons, spot_places
from drafter.learn.facts.patterns import (
    CN_BIG_RE,
    CN_COUNT_RE,
    CN_FIRST,
    CN_PERCENT_RE,
    COUNT_FIRST,
    DATE_FIRST,
    DATE_RE,
    LEVEL_WORD_RE,
    LEXICAL_MAX_CHARS,
    LIST_MARKER_RE,
    NAMED_REASONS,
    NOT_COUNTS,
    NUMBER_RE,
    PLACEHOLDER_FIRST,
    PLACEHOLDER_RE,
    QUOTED_RE,
    RANK_UNITS,
    REASON_ORDER,
    REASONS,
    TITLE_RE,
    YEAR_REF_RE,
    FactSpan,
    Spans,
    mask_template,
    scan,
)
from drafter.learn.segment import Lexicon, lexicon, tagged


def spot_facts(text: str, *, lexical: bool | None = None) -> list[FactSpan]:
    """The facts in ``text``, sorted by position.

    ``title`` and ``quoted`` spans are containers: the facts inside them (a
    name in a 《title》, a placeholder in “…”) are reported too; all other
    spans are disjoint.  ``lexical`` adds the weak signals of the lexical
    pass (``strong=False``); by default only texts of at most
    :data:`LEXICAL_MAX_CHARS` characters get them.  Template syntax
    (``{{ 职工 }}``) is skipped.
    """
    if not text:
        return []
    masked = mask_template(text)
    spans = Spans(text)
    spot_rules(masked, spans, proper_only=False)
    if lexical is None:
        lexical = len(text) <= LEXICAL_MAX_CHARS
    if lexical:
        spot_lexical(masked, spans)
    return spans.result()


def spot_rules(text: str, spans: Spans, *, proper_only: bool) -> None:
    lex = lexicon()
    for m in scan(PLACEHOLDER_RE, PLACEHOLDER_FIRST, text):
        spans.add(m.start(), m.end(), "placeholder")
    for m in TITLE_RE.finditer(text):
        spans.add(m.start(), m.end(), "title", container=True)
    for m in QUOTED_RE.finditer(text):
        spans.add(m.start(), m.end(), "quoted", container=True)
    if not proper_only:
        for m in scan(YEAR_REF_RE, CN_FIRST, text):
            spans.add(m.start(), m.end(), "year_ref")
        for m in scan(DATE_RE, DATE_FIRST, text):
            s, e = m.span()
            while e > s and text[e - 1] in " ，、和至到-":
                e -= 1
            spans.add(s, e, "date")
        markers = bytearray(len(text))
        for m in LIST_MARKER_RE.finditer(text):
            markers[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for m in NUMBER_RE.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in " ，,":
                e -= 1
            if not markers[s]:
                spans.add(s, e, "number")
        for m in CN_PERCENT_RE.finditer(text):
            spans.add(m.start(), m.end(), "number")
        for m in scan(CN_COUNT_RE, COUNT_FIRST, text):
            _cn_count(text, m, spans, lex)
        for m in scan(CN_BIG_RE, CN_FIRST, text):
            spans.add(m.start(), m.end(), "count")
    spot_orgs(text, spans, lex)
    spot_places(text, spans, lex)
    spot_persons(text, spans, lex)


def _cn_count(text: str, m: re.Match[str], spans: Spans, lex: Lexicon) -> None:
    ordinal, numeral, unit = m.group(1), m.group(2), m.group(4)
    s, e = m.span()
    if ordinal is None and numeral == "一" and unit not in RANK_UNITS:
        return  # 一名 一批 一次 一项: ordinary language
    if ordinal and numeral == "一" and unit == "位":
        return  # 放在第一位
    if ordinal is None and numeral in ("万", "亿", "千", "百"):
        return  # 万家灯火, 百家争鸣
    core = text[s:e]
    if core in NOT_COUNTS or (ordinal is None and text[s : s + 2] in NOT_COUNTS):
        return
    # Inside a longer dictionary word or idiom: 千家万户, 三个代表, 四面八方.
    for i in range(max(0, s - 4), s + 1):
        for n in range(max(4, e - i), 8):
            word = text[i : i + n]
            if len(word) == n and i + n >= e and (i < s or i + n > e) and lex.known(word):
                return
    spans.add(s, e, "count")


# ---------------------------------------------------------------------------
# Generic or not


def why_not_generic(phrase: str, *, rare_proper_nouns: Iterable[str] = frozenset()) -> str | None:
    """None when ``phrase`` may go into a template; else a short reason in Chinese.

    Template variables (``{{ 职工 }}``) are ignored.  Reasons: 含占位符,
    含书名号, 含引号名称, 含人名「…」, 含机构名「…」, 含地名「…」,
    含年份/届次「…」, 含日期「…」, 含数字, 含中文数量词「…」,
    含只在一份样本中出现的专名「…」.  Any ASCII or full-width digit rejects.
    """
    try:
        return _why_not_generic(phrase, rare_proper_nouns)
    except Exception:  # pragma: no cover - a checker must never crash the learner
        return "无法判断"


def _why_not_generic(phrase: str, rare: Iterable[str]) -> str | None:
    if not phrase or not phrase.strip():
        return None
    masked = mask_template(phrase)
    has_digit = _DIGIT_RE.search(phrase) is not None
    spans = spot_facts(phrase)
    if spans:
        first = min(spans, key=lambda s: (REASON_ORDER[s.kind], s.start))
        if has_digit and first.kind not in ("placeholder", "date", "year_ref"):
            return "含数字"
        return _reason(first)
    if has_digit:
        return "含数字"
    level = _level_word(masked)
    if level:
        return f"含地名「{level}」"
    rare_set = rare if isinstance(rare, (set, frozenset)) else frozenset(rare)
    hit = _rare_hit(masked, rare_set)
    if hit:
        return f"含只在一份样本中出现的专名「{hit}」"
    return None


_DIGIT_RE = re.compile(r"\d")


def _reason(span: FactSpan) -> str:
    base = REASONS[span.kind]
    return f"{base}「{span.text}」" if span.kind in NAMED_REASONS else base


def _level_word(text: str) -> str | None:
    """全县, 我市, 县里, 区直, a lone 县 …: the phrase assumes the level of its unit."""
    for word, _tag in tagged(text):
        if LEVEL_WORD_RE.fullmatch(word):
            return word
    return None


def _rare_hit(text: str, rare: set[str] | frozenset[str]) -> str | None:
    if not rare:
        return None
    longest = min(max(len(t) for t in rare), 40)
    n = len(text)
    for i in range(n):
        for k in range(min(longest, n - i), 1, -1):
            if text[i : i + k] in rare:
                return text[i : i + k]
    return None
