"""One paragraph of a hand-written report → one 事项, or a list of points.

A paragraph becomes a structured item only where its parts are clear: one
sentence that opens with a time (3月，… / 4月至10月，… / 春节前，…), then the
activity, then clauses that are plainly a head count (参加职工82人), awards
(获得…一等奖) or results.  Everything else stays the sentence she wrote.
"""

from __future__ import annotations

import re

from drafter.learn.markers import parse_marker

_MONTH = r"\d{1,2}月(?:\d{1,2}[日号])?(?:份)?"
_WHEN_RE = re.compile(
    rf"^((?:{_MONTH}(?:(?:至|到|—|-|～)(?:{_MONTH}|\d{{1,2}}[日号]))?)"
    r"|上半年|下半年|年初|年中|年底|年末|春节前|春节期间|春节前夕|元旦前夕|元旦春节期间|国庆前夕|国庆期间|暑假期间|寒假期间"
    r"|[一二三四]季度|第[一二三四]季度)[，,]"
)
_PEOPLE_RE = re.compile(
    r"^(?:共有|共计|共|计)?(\d+)(名|人次|人)(?:[\u4e00-\u9fff]{0,4})?(?:参加|参赛|参与|参训)$"
    r"|^(?:参加|参赛|参与|参训)(?:的)?(?:人数|职工|教职工|员工|干部职工|医护人员)?(?:达到?|共|为)?(\d+)(名|人次|人)$"
)
_AWARD_RE = re.compile(r"^(?:获得|荣获|获)(.{3,60})$")
_AWARD_WORD_RE = re.compile(r"奖|第[一二三四五六七八九十\d]+名|冠军|亚军|季军|称号")
_SENTENCE_END = "。！？!?"
_POINT_SPLIT_RE = re.compile(r"(?:^|(?<=[。；;！!：:]))\s*其?[一二三四五六七八九十]+是")
_FIRST_SENTENCE_RE = re.compile(r"^[^。！？!?]*[。！？!?]")


def strip_marker(text: str) -> str:
    """The text without its numbering (一、 （一） 1. 一是 第一，…)."""
    marker = parse_marker(text)
    return text[marker.length :].strip() if marker is not None else text.strip()


def without_heading(text: str, heading: str) -> str:
    """A paragraph minus the section heading it starts with (a run-on title)."""
    text = text.strip()
    if heading and text.startswith(heading):
        return text[len(heading) :].lstrip("：:。， \u3000")
    return text


def sentences(text: str) -> list[str]:
    """``text`` cut after each 。！？ (closing quotes stay with their sentence)."""
    out: list[str] = []
    rest = text.strip()
    while rest:
        m = _FIRST_SENTENCE_RE.match(rest)
        if m is None:
            out.append(rest)
            break
        end = m.end()
        while end < len(rest) and rest[end] in "”’」』）)":
            end += 1
        out.append(rest[:end].strip())
        rest = rest[end:].strip()
    return [s for s in out if s]


def points(text: str) -> list[str]:
    """The points of a 不足/打算 paragraph: 「一是…；二是…。」 split, else the paragraph itself."""
    text = strip_marker(text)
    parts = [p.strip() for p in _POINT_SPLIT_RE.split(text) if p.strip()]
    out = []
    if len(parts) > 1 and is_lead_in(parts[0]):
        parts = parts[1:]  # 「主要表现在：一是…」: the lead-in is not a point
    for part in parts:
        part = part.rstrip("；;，, ")
        if part and part[-1] not in _SENTENCE_END:
            part += "。"
        out.append(part)
    return out


def is_lead_in(text: str) -> bool:
    """A sentence that only announces what follows (…如下： / …以下工作：)."""
    return text.rstrip().endswith(("：", ":"))


def structured(text: str) -> dict[str, object] | None:
    """时间/活动/人数/成果/获奖 of a one-sentence paragraph whose parts are clear, else None."""
    body = text.strip()
    if not body or body[-1] not in _SENTENCE_END or any(c in body[:-1] for c in _SENTENCE_END + "；;"):
        return None
    m = _WHEN_RE.match(body)
    if m is None:
        return None
    clauses = [c.strip() for c in body[m.end() : -1].split("，") if c.strip()]
    if not clauses or len(clauses[0]) < 4:
        return None
    out: dict[str, object] = {"时间": m.group(1), "活动": clauses[0]}
    results: list[str] = []
    awards: list[str] = []
    for clause in clauses[1:]:
        pm = _PEOPLE_RE.match(clause)
        am = _AWARD_RE.match(clause)
        if pm is not None and "人数" not in out and not results and not awards:
            number, unit = (pm.group(1), pm.group(2)) if pm.group(1) else (pm.group(3), pm.group(4))
            out["人数"] = int(number) if unit in ("人", "名") else f"{number}{unit}"
        elif am is not None and _AWARD_WORD_RE.search(am.group(1)):
            awards.append(am.group(1))
        elif awards:
            return None  # a result after the awards: the order would change; keep her sentence
        else:
            results.append(clause)
    if results:
        out["成果"] = "，".join(results)
    if awards:
        out["获奖"] = awards
    if any(c in str(v) for v in out.values() for c in "“”") and not _balanced(out):
        return None
    return out


def _balanced(parts: dict[str, object]) -> bool:
    """Every value has its quotes closed (a split inside 「…，…」 would break a title)."""
    for value in parts.values():
        texts = value if isinstance(value, list) else [value]
        for t in texts:
            if str(t).count("“") != str(t).count("”"):
                return False
    return True
