"""Guessing a report's kind (organisational, personal, other) and its unit type."""

from __future__ import annotations

import re
from collections import Counter

from drafter.learn.corpus.reports import Paragraph

KINDS: tuple[str, ...] = ("organisational", "personal", "other")
UNIT_TYPES: tuple[str, ...] = ("school", "enterprise", "government", "township", "federation", "other")

_SINGULAR_RE = re.compile(
    r"本人|我(?![们校局县市区省镇乡村国司厂院部委会单处科室所站队党军方公企系中集行社园厅团])|(?:^|(?<=[，。；：]))自己"
)
_PLURAL_RE = re.compile(r"我们|我校|我公司|我单位|我局|我院|我厂|我会|我镇|本单位|本公司|本届|全体")
_PERSONAL_TITLE_RE = re.compile(r"述职|个人(?:工作)?总结|个人小结")
_OTHER_TITLE_RE = re.compile(r"讲话|致辞|发言|主持词|计划|方案|活动总结|活动小结|通知|倡议")
_OTHER_OPENING_RE = re.compile(r"小结|活动(?:的)?(?:开展)?情况(?:总结|汇报|报告)?如下")

_UNIT_WORDS: dict[str, tuple[tuple[str, float], ...]] = {
    "school": (
        ("学校", 2),
        ("我校", 3),
        ("校长", 2),
        ("教师", 1),
        ("教职工", 2),
        ("教工", 2),
        ("教代会", 3),
        ("学生", 1),
        ("教学", 1),
        ("校务", 3),
        ("课堂", 1),
    ),
    "enterprise": (
        ("公司", 1.5),
        ("企业", 1.5),
        ("厂", 1),
        ("员工", 1),
        ("车间", 2),
        ("生产经营", 2),
        ("集团", 1),
        ("厂务", 3),
        ("企务", 3),
        ("职代会", 1),
    ),
    "government": (
        ("机关", 2),
        ("区直", 2),
        ("工委", 1),
        ("党组", 1),
        ("股室", 2),
        ("科室", 1),
        ("局", 0.5),
        ("干部", 0.5),
    ),
    "township": (("镇", 1), ("乡", 1), ("村", 1), ("街道", 2), ("社区", 0.5), ("农民工", 1)),
    "federation": (("总工会", 2.5), ("各级工会", 3), ("基层工会", 1), ("全县", 1), ("全市", 1), ("全区", 0.5)),
}


def guess_kind(title: str | None, paragraphs: list[Paragraph]) -> str:
    """organisational (a unit's own report), personal (述职, first person) or other (an activity 小结, a speech …)."""
    head = "".join(p.text for p in paragraphs[:3])[:300]
    if title and _PERSONAL_TITLE_RE.search(title):
        return "personal"
    if title and _OTHER_TITLE_RE.search(title.split("暨")[0]):  # …工作总结暨2026年工作计划 is a summary
        return "other"
    if _OTHER_OPENING_RE.search(head):
        return "other"
    if _SINGULAR_RE.search(head):
        return "personal"
    body = "\n".join(p.text for p in paragraphs)
    singular = len(_SINGULAR_RE.findall(body))
    plural = len(_PLURAL_RE.findall(body))
    return "personal" if singular >= 5 and singular > plural else "organisational"


_UNIT_WEIGHTS: dict[str, tuple[str, float]] = {
    word: (unit, weight) for unit, words in _UNIT_WORDS.items() for word, weight in words
}
_UNIT_RE = re.compile("|".join(sorted(map(re.escape, _UNIT_WEIGHTS), key=len, reverse=True)))


def guess_unit_type(title: str | None, paragraphs: list[Paragraph]) -> str:
    """school, enterprise, government, township, federation or other, from word counts."""
    text = (title or "") + "\n" + "\n".join(p.text for p in paragraphs)
    scores = dict.fromkeys(_UNIT_WORDS, 0.0)
    for word, n in Counter(_UNIT_RE.findall(text)).items():
        unit, weight = _UNIT_WEIGHTS[word]
        scores[unit] += n * weight
    best = max(scores, key=lambda unit: (scores[unit], -UNIT_TYPES.index(unit)))
    return best if scores[best] >= 3 else "other"
