"""Genericity by evidence: may a learned phrase go into a template that drafts for every union?

:mod:`drafter.learn.facts.spot` rejects what looks like a fact (a name, a
number, a place).  This module asks the other way round: a phrase is kept
only when every content word is known to be generic —

* in the union and 公文 vocabulary that ships with drafter
  (``generic_words.txt`` beside this module; its header says where the words
  come from), or
* seen in at least two independent reports of the corpus (the caller passes
  the texts of the reports that are not near-duplicates, so a duplicate
  counts once);

and it says nothing that only one report could say: no claim about the
year (今年是…, 是今年的重点, 去年…以来, 近年来, 首次, 荣获…), no formula of an era
(科学发展观, 三个代表, 创先争优 …) or event of one year (世博, 奥运, 迎…大会召开),
no unit's own campaign (…创建年, 开展…活动以来), no audience foreign to a
union (居民群众, 村民, 学生), no essay aphorism (…是一种能力，只有…才能…),
no excuse for shortcomings (尽管我勤勤恳恳…) and no misused word (不尽人意, 全年来).  :func:`why_not_generic` returns the
reason in Chinese for the learn summary, or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

from drafter.learn.segment import tagged

WORDS_FILE = "generic_words.txt"

# A rule of one kind: (reason, pattern); the first match decides.
_MISUSES: tuple[tuple[str, str], ...] = (
    ("不尽人意", "用词不当「不尽人意→不尽如人意」"),
    ("全年来", "用词不当「全年来→一年来」"),
)
# Formulas of an era and events of one year (prose rules §5).
_ERA_RE = re.compile(
    r"科学发展观|科学发展|三个代表|和谐社会|八荣八耻|先进性教育|创先争优|群众路线|三严三实|两学一做|不忘初心|牢记使命"
    r"|党史学习教育|主题教育|中国梦|新时代|四个全面|五位一体|世博|奥运|亚运|全运|抗震救灾|抗洪|抗疫|疫情|非典"
    r"|迎[^，。；]{0,12}(?:大会|十[六七八九]大|二十大)(?:胜利)?召开|[十二三]+[大届]|周年"
)
# Claims about the year (prose rules §4) and a unit's own campaign.
_CLAIM_RE = re.compile(
    r"今年是|是今年|今年的|今年以来|本年度是|年度年[是为]|去年|上年度|前年|近年来|近几年|多年来|历年来"
    r"|首次|首届|第一次|荣获|被评为|被授予|获评|喜获"
    r"|(?:创建|建设|主题|活动|攻坚|提升|落实|效能|作风)年(?![度底初末终])|开展[^，。；]{1,20}活动以来"
)
# An audience that is not a union's (prose rules §6).
_AUDIENCE_RE = re.compile(r"居民|村民|学生|家长|患者|病人|市民|游客|顾客|消费者|农户|(?<!职工)(?<!干部)(?<!员工)群众")
# Shortcomings excused rather than stated (prose rules §7: “尽管我勤勤恳恳…”).
_EXCUSE_RE = re.compile(r"尽管[^。；]{0,16}(?:勤勤恳恳|兢兢业业|任劳任怨|尽心尽力)|难免")
# The administrative level of one unit (市直机关, 县直, 区属).
_LEVEL_RE = re.compile(r"[省市县区州旗盟][直属]")
# An essay's maxim, not a report's statement.
_APHORISM_RE = re.compile(
    r"是一种[^，。；]{0,8}(?:能力|境界|态度|精神|品质|责任|智慧|美德|修养|财富)|只有[^。；]{1,24}才能"
)

# jieba tags of words that carry no content of their own (function words, numerals, pronouns, adverbs).
_FUNCTION_TAGS = frozenset(
    {
        "p",
        "c",
        "u",
        "uj",
        "ul",
        "uz",
        "ug",
        "uv",
        "ud",
        "r",
        "rr",
        "rz",
        "d",
        "m",
        "q",
        "f",
        "y",
        "e",
        "o",
        "x",
        "zg",
        "k",
    }
)
_VARIABLE_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_NAMED_VARIABLE_RE = re.compile(r"\{\{\s*([^}\s]*)\s*\}\}")
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_MIN_REPORTS = 2
# Characters that join two vocabulary words inside one jieba word (问题和不足, 职工之家).
_JOINERS = frozenset("和与及之的")


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """The shipped vocabulary of union and 公文 words (``generic_words.txt``)."""
    text = files("drafter.learn").joinpath(WORDS_FILE).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@dataclass
class Evidence:
    """The reports of one corpus (near-duplicates left out), asked how many use a word."""

    texts: tuple[str, ...]
    _seen: dict[str, int] = field(default_factory=dict, repr=False)

    def reports_with(self, word: str) -> int:
        n = self._seen.get(word)
        if n is None:
            n = self._seen[word] = sum(1 for t in self.texts if word in t)
        return n


def content_words(phrase: str) -> list[str]:
    """The words of ``phrase`` that carry content: template variables, function words and one-character verbs left out."""
    masked = _VARIABLE_RE.sub("，", phrase)
    return [
        w
        for w, tag in tagged(masked)
        if _HAN_RE.search(w) and tag not in _FUNCTION_TAGS and (len(w) > 1 or tag[:1] in ("n", "j", ""))
    ]


def _composed(word: str, vocabulary: frozenset[str]) -> bool:
    """``word`` is a vocabulary word, or a run of vocabulary words of two or more characters (民主 + 权利)."""
    if word in vocabulary:
        return True
    n = len(word)
    ok = [True] + [False] * n
    for end in range(2, n + 1):
        ok[end] = any(ok[start] and word[start:end] in vocabulary for start in range(0, end - 1)) or (
            ok[end - 1] and word[end - 1] in _JOINERS
        )
    return ok[n]


def generic_term(word: str) -> bool:
    """Is ``word`` union or 公文 vocabulary (厂务公开, 建家, 问题和不足), not a fact of one report?"""
    return _composed(word, generic_words())


def why_not_generic(phrase: str, evidence: Evidence) -> str | None:
    """None when every content word of ``phrase`` is generic and it claims nothing; else the reason in Chinese."""
    plain = _NAMED_VARIABLE_RE.sub(lambda m: m.group(1), phrase)  # {{ 职工 }} reads as 职工
    for wrong, reason in _MISUSES:
        if wrong in plain:
            return reason
    for rx, what in (
        (_ERA_RE, "含时代口号或某一年的事件"),
        (_CLAIM_RE, "断言某一年或本单位的情况"),
        (_AUDIENCE_RE, "对象不是职工"),
        (_LEVEL_RE, "含行政层级"),
        (_APHORISM_RE, "说理警句，不是报告的陈述"),
        (_EXCUSE_RE, "为不足开脱"),
    ):
        m = rx.search(plain)
        if m:
            return f"{what}「{m.group()}」"
    vocabulary = generic_words()
    for word in content_words(phrase):
        if _composed(word, vocabulary):
            continue
        # A single character occurs inside other words of any report (局 in 大局): only the vocabulary counts.
        if len(word) == 1 or evidence.reports_with(word) < _MIN_REPORTS:
            return f"含只在一份样本中出现的词「{word}」"
    return None
