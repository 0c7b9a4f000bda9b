"""Names in a text: organisations, places and persons, by rules, plus the weak lexical pass.

See :mod:`drafter.learn.facts.spot` for how each kind is found.  Every function
adds spans to a :class:`~drafter.learn.factpatterns.Spans`; jieba is reached
through :mod:`drafter.learn.segment` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from drafter.learn.facts.patterns import Spans, is_han
from drafter.learn.facts.words import (
    AFTER_NAME_TITLES,
    AMBIGUOUS_SURNAMES,
    BARE_SUFFIXES,
    BEFORE_NAME_TITLES,
    CN_NUM,
    COMPOUND_SURNAMES,
    DETERMINERS,
    DIRECTION_AREAS,
    FUNCTION_CHARS,
    FUNCTION_TAGS,
    GAZETTEER,
    GENERIC_PLACE_MODIFIERS,
    LEVEL,
    NAME_STOP,
    NAMED_ORG_RE,
    NOUN_PREFIX_SUFFIXES,
    NOUNISH_TAGS,
    ORG_CONTINUATION_RE,
    ORG_RE,
    ORG_SUFFIX_SET,
    PERSON_STOP,
    PLACE_NAME_TAGS,
    PLACE_STOP,
    PLACE_SUFFIX_RE,
    SURNAMES,
    WEAK_PLACE_SUFFIXES,
)
from drafter.learn.segment import Lexicon, cut

# -- organisations ----------------------------------------------------------


def spot_orgs(text: str, spans: Spans, lex: Lexicon) -> None:
    pos = 0
    while True:
        m = ORG_RE.search(text, pos)
        if m is None:
            break
        pos = m.start() + 1
        found = _org_at(text, m, spans, lex)
        if found:
            pos = found
    for m in NAMED_ORG_RE.finditer(text):
        _named_org(text, m.start(), m.end(), spans, lex)


def _org_at(text: str, m: re.Match[str], spans: Spans, lex: Lexicon) -> int:
    """Validate an organisation candidate; returns its end, or 0."""
    i = m.start("lvl")
    mid, suf = m.group("mid"), m.group("suf")
    end = m.end()
    if not spans.free(i, end):
        return 0
    if i > 0 and text[i - 1] in DETERMINERS:
        return 0  # 全县, 我市: the unit's own level, not an organisation's name
    # The word jieba reads around the level character decides what it is.
    lo = _han_run_start(text, i, spans, 6)
    head_start = -1
    pos = lo
    for tok in cut(text[lo:end]):
        a, b = pos, pos + len(tok)
        pos = b
        if not a <= i < b:
            continue
        if a < i:
            # 杭州市, 河北省: a place name that ends in the level character heads the organisation;
            # 社区, 城市, 超市, 全县: the character belongs to a common word.
            if b == i + 1 and _place_name_token(tok, lex):
                head_start = a
                break
            if b == i + 1 and len(tok) == 2 and tok[0] in FUNCTION_CHARS:
                break  # 指导和县广电局: jieba's 和县 is 和 + 县
            if tok in DIRECTION_AREAS:
                run = _name_run(cut(text[lo:a]), lex, limit=2)
                head_start = a - len(run) if run else a  # 米 + 东区
                break
            return 0
        if b > i + 1 and not _ends_org(tok) and not tok.endswith(("直", "属")) and lex.common(tok, 5):
            return 0  # 乡镇, 县城, 市场, 区域, 县级 (but 县委, 区直)
        break
    if not mid:
        if suf not in BARE_SUFFIXES:
            return 0
    elif not _org_middle_ok(mid, lex):
        return 0
    # The suffix must not be the tail of a common word that starts in the middle (机关干部, 举办).
    mid_start = i + 1
    suf_start = end - len(suf)
    for a in range(max(mid_start, suf_start - 3), suf_start):
        for b in range(suf_start + 1, end + 1):
            w = text[a:b]
            if lex.common(w, 20) and w not in ORG_SUFFIX_SET:
                return 0
    # …nor the head of one that goes on after it (部门, 厂区, 所有).
    glued = text[end - 1 : end + 1]
    if (
        end < len(text)
        and is_han(text[end])
        and lex.common(glued, 20)
        and lex.tags.get(glued, "")[:1] in ("n", "s", "f")
    ):
        if not ORG_CONTINUATION_RE.match(text, end - 1):
            return 0
    # Extend over a continuation: 县委 + 宣传部, 区委 + 区政府.
    while True:
        c = ORG_CONTINUATION_RE.match(text, end)
        if not c:
            break
        end = c.end()
    start = head_start if head_start >= 0 else _place_head(text, i, spans, lex)
    if not spans.add(start, end, "org"):
        return 0
    return end


def _place_name_token(tok: str, lex: Lexicon) -> bool:
    """A dictionary place name that may head an organisation (杭州市, 河北) — not 和县 in 指导和县…."""
    if tok in PLACE_STOP or tok[0] in DETERMINERS:
        return False
    if len(tok) == 2 and tok[0] in FUNCTION_CHARS:
        return False
    return lex.tags.get(tok) == "ns" or tok in GAZETTEER or tok[:-1] in GAZETTEER


def _han_run_start(text: str, i: int, spans: Spans, limit: int) -> int:
    """Where the run of free hanzi that ends just before ``i`` starts (at most ``limit`` back)."""
    lo = i
    while lo > 0 and i - lo < limit and is_han(text[lo - 1]) and not spans.taken[lo - 1]:
        lo -= 1
    return lo


def _ends_org(word: str) -> bool:
    return any(
        word.endswith(s)
        for s in ("委", "工会", "政府", "局", "部", "厅", "院", "中心", "公司", "学校", "办", "工委", "委员会")
    )


def _org_middle_ok(mid: str, lex: Lexicon) -> bool:
    """教育, 文广新, 直机关, 政务 — nouns; not a clause (开展, 在全县)."""
    if mid[0] in LEVEL and lex.common(mid[:2], 5):
        return False
    for tok in cut(mid):
        if len(tok) == 1:
            if tok in NAME_STOP and tok not in "教职党团":
                return False
            continue
        tag = lex.tag(tok)
        if tag is None:
            continue
        if tag not in NOUNISH_TAGS and not (tag == "m" and tok.startswith("第")):
            return False
    return True


def _place_head(text: str, i: int, spans: Spans, lex: Lexicon) -> int:
    """Where an organisation that has its level character at ``i`` starts: 河北省…, 米东区…."""
    if i == 0 or not is_han(text[i - 1]):
        return i
    lo = max(0, i - 6)
    for j in range(i - 1, lo - 1, -1):
        if not is_han(text[j]) or spans.taken[j]:
            lo = j + 1
            break
    window = text[lo:i]
    if not window:
        return i
    toks = cut(window)
    last = toks[-1]
    if len(last) >= 2 and _place_name_token(last, lex):
        return i - len(last)
    run = _name_run(toks, lex)
    if len(run) >= 2:
        return i - len(run)
    if len(last) == 2 and _bare_place_name(text, i - 2, last, lex):
        return i - 2  # 与 + 青石 + 镇总工会
    return i


def _bare_place_name(text: str, start: int, word: str, lex: Lexicon) -> bool:
    """A two-character noun that starts a clause (after punctuation or a function character) and names a place."""
    if word in PLACE_STOP or word in GENERIC_PLACE_MODIFIERS or word in PERSON_STOP or word[0] in DETERMINERS:
        return False
    if lex.tags.get(word, "n") not in PLACE_NAME_TAGS or lex.freq.get(word, 0) > 1000:
        return False
    return start == 0 or not is_han(text[start - 1]) or text[start - 1] in FUNCTION_CHARS


def _named_org(text: str, s: int, e: int, spans: Spans, lex: Lexicon) -> None:
    """An organisation named by a proper noun: X有限公司, X中学 (not 实验中学)."""
    if not spans.free(s, e) or s == 0:
        return
    if e < len(text) and is_han(text[e]) and lex.common(text[e - 1 : e + 1], 20):
        return
    lo = max(0, s - 6)
    for j in range(s - 1, lo - 1, -1):
        if not is_han(text[j]) or spans.taken[j]:
            lo = j + 1
            break
    if lo >= s:
        return
    toks = list(cut(text[lo:s]))
    start = s
    # Up to two common nouns may stand between the name and the suffix: 宏达 + 机械 + 有限公司.
    for _ in range(3):
        if not toks:
            return
        last = toks[-1]
        if len(last) >= 2 and lex.proper(last) and last not in PLACE_STOP and last not in PERSON_STOP:
            spans.add(start - len(last), e, "org")
            return
        run = _name_run(tuple(toks), lex)
        if len(run) >= 2 and not lex.common(run, 1):
            spans.add(start - len(run), e, "org")
            return
        if len(last) >= 2 and lex.tags.get(last) in ("n", "vn", "nz", "b", "l") and last not in GENERIC_PLACE_MODIFIERS:
            start -= len(last)
            toks.pop()
            continue
        return


def _name_run(toks: tuple[str, ...], lex: Lexicon, limit: int = 4) -> str:
    """The trailing run of single characters jieba could not make words of (陀烈, 二钢)."""
    run: list[str] = []
    for tok in reversed(toks):
        if len(tok) != 1 or not is_han(tok) or tok in NAME_STOP:
            break
        tag = lex.tags.get(tok)
        if tag in FUNCTION_TAGS or (tag == "v" and lex.freq.get(tok, 0) >= 5000):
            break
        run.append(tok)
        if len(run) >= limit:
            break
    return "".join(reversed(run))


# -- places -----------------------------------------------------------------


def spot_places(text: str, spans: Spans, lex: Lexicon) -> None:
    for m in PLACE_SUFFIX_RE.finditer(text):
        s, e = m.span()
        if s == 0 or not spans.free(s, e) or not is_han(text[s - 1]):
            continue
        suf = m.group()
        # The suffix must end a word: 市场, 区域, 村民, 路线 are not places.
        if e < len(text) and is_han(text[e]) and lex.common(text[e - 1 : e + 1], 20):
            continue
        # A common word ending in the suffix (城市, 全县, 农村, 山区) is not a place either
        # — but 东区 in 米东区 may be the end of one.
        pair = text[s - 1 : e]
        named = lex.tags.get(text[max(0, s - 2) : e]) == "ns" or lex.tags.get(text[max(0, s - 3) : e]) == "ns"
        if (
            not named
            and len(suf) == 1
            and pair not in DIRECTION_AREAS
            and (pair in PLACE_STOP or (lex.common(pair, 5) and lex.tags.get(pair) != "ns"))
        ):
            continue
        _place_at(text, s, e, suf, spans, lex)
    for m in _gazetteer_re().finditer(text):
        s, e = m.span()
        if not spans.free(s, e):
            continue
        if s > 0 and is_han(text[s - 1]) and lex.common(text[s - 1 : s + 1], 20):
            continue
        if e < len(text) and is_han(text[e]) and lex.common(text[e - 1 : e + 1], 20):
            continue
        spans.add(s, e, "place")


def _place_at(text: str, s: int, e: int, suf: str, spans: Spans, lex: Lexicon) -> None:
    lo = max(0, s - 7)
    for j in range(s - 1, lo - 1, -1):
        if not is_han(text[j]) or spans.taken[j]:
            lo = j + 1
            break
    if lo >= s:
        return
    if e < len(text) and is_han(text[e]) and any(len(t) > len(suf) and t.startswith(suf) for t in cut(text[s : e + 2])):
        return  # 广场舞: the suffix begins a longer word
    toks = list(cut(text[lo:e]))
    # Re-split so that the suffix is the last token on its own.
    tail = toks[-1]
    if tail != suf:
        if not tail.endswith(suf):
            return
        head = tail[: -len(suf)]
        generic = tail[0] in DETERMINERS or (tail[-2:] in PLACE_STOP and tail[:-2] in GENERIC_PLACE_MODIFIERS)
        if len(tail) >= 3 and lex.tags.get(tail) == "ns" and tail not in PLACE_STOP and not generic:
            spans.add(e - len(tail), e, "place")  # 河北省, 武汉市
            return
        if generic:
            return
        if tail not in DIRECTION_AREAS and (lex.common(tail, 1) or tail in PLACE_STOP):
            return  # 进社区, 文化广场, 新农村: one common word
        toks = [*toks[:-1], head, suf] if head else [*toks[:-1], suf]
        if len(head) >= 2:
            name = head
            if (lex.tags.get(name) == "ns" or name in GAZETTEER) and name not in PLACE_STOP:
                spans.add(e - len(suf) - len(name), e, "place")
            return
    before = toks[:-1]
    if not before:
        return
    last = before[-1]
    if len(last) >= 2:
        if last in PLACE_STOP or last in PERSON_STOP or last in GENERIC_PLACE_MODIFIERS or last[0] in DETERMINERS:
            return
        if lex.tags.get(last) == "ns" or last in GAZETTEER:
            spans.add(s - len(last), e, "place")  # 东湖公园, 新塘路
        elif suf in NOUN_PREFIX_SUFFIXES and len(last) == 2 and lex.tags.get(last, "n") in PLACE_NAME_TAGS:
            spans.add(s - len(last), e, "place")  # 石门村, 人民路
        return
    if suf in WEAK_PLACE_SUFFIXES:
        return
    run = _name_run(tuple(before), lex, limit=3)
    if len(run) >= 2 and not lex.common(run, 1):
        spans.add(s - len(run), e, "place")  # 陀烈村, 二钢社区


@lru_cache(maxsize=1)
def _gazetteer_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, GAZETTEER), key=len, reverse=True)))


# -- persons ----------------------------------------------------------------

_AFTER_TITLE_RE = re.compile("|".join(sorted(map(re.escape, AFTER_NAME_TITLES), key=len, reverse=True)))
_BEFORE_TITLE_RE = re.compile("|".join(sorted(map(re.escape, BEFORE_NAME_TITLES), key=len, reverse=True)))
_COUNT_CUE = rf"(?:\d+|[{CN_NUM}几]+)(?:位|名)"
_ETC_RE = re.compile(rf"等(?={_COUNT_CUE}|老师|同志|教师|职工|员工|选手|党员|干部|人|[，。、；])")
_NAME_END_RE = re.compile(
    r"[，。、；：！？,.;:!?（(）)\s“”]|同志|等|的|在|主持|作了|做了|担任|带领|讲话|发言|获|荣获|被|和|与|负责|为|同|代表|"
    r"介绍|说|表示|指出|强调|宣读|总结|参加|出席|任|当选|[作做讲致向对是也就到将要带率亲]|$"
)


def _straddled(text: str, i: int, lex: Lexicon) -> bool:
    """Does a common dictionary word start before ``i`` and go on past it (民主 in 民主管理 holds 主管's 主)?"""
    lo = max(0, i - 3)
    pos = lo
    for tok in cut(text[lo : i + 3]):
        end = pos + len(tok)
        if pos < i < end:
            return lex.known(tok) and not lex.tags.get(tok, "").startswith("nr")
        pos = end
    return False


def _name_ok(name: str, lex: Lexicon, *, strong_context: bool) -> bool:
    """Is ``name`` (2–4 characters) a plausible personal name?"""
    n = len(name)
    if not 2 <= n <= 4:
        return False
    if name[:2] in COMPOUND_SURNAMES:
        given = name[2:]
        if not 1 <= len(given) <= 2:
            return False
    else:
        if n == 4 or name[0] not in SURNAMES:
            return False
        given = name[1:]
    if any(not is_han(ch) or ch in NAME_STOP for ch in given):
        return False
    if name in PERSON_STOP or given in PERSON_STOP:
        return False
    tag = lex.tag(name)
    if tag is not None:
        if not tag.startswith("nr"):
            return False  # an ordinary word: 常委, 高效, 全体
        if lex.freq.get(name, 0) > (300 if strong_context else 60):
            return False  # a word jieba mis-tags nr: 弘扬, 荣获, 文明
    if len(given) == 2 and lex.common(given, 1000):
        return False  # 向 + 全体, 和 + 大家
    if n == 3 and lex.common(name[:2], 200) and not strong_context:
        return False  # 高度 + 重
    return True


def spot_persons(text: str, spans: Spans, lex: Lexicon) -> None:
    ends: list[int] = []
    # 1. A name followed by a title or form of address: 某某某同志, 某某校长.
    for m in _AFTER_TITLE_RE.finditer(text):
        if _straddled(text, m.start(), lex):
            continue  # 民主管理 holds 主管, 加强民主 is no name
        _name_before(text, m.start(), m.group(), spans, lex)
        ends.append(m.start())
    for m in _ETC_RE.finditer(text):
        _name_before(text, m.start(), "等", spans, lex)
    for m in _LEADING_RE.finditer(text):
        _name_before(text, m.start(), "的", spans, lex)
    for m in _AWARDED_RE.finditer(text):
        if not _straddled(text, m.start(), lex):
            _name_before(text, m.start(), "获", spans, lex)
    # 2. A title followed by a name: 主席某某某.
    for m in _BEFORE_TITLE_RE.finditer(text):
        _name_after(text, m.end(), spans, lex)
    # 3. Enumerations: 甲某、乙某等7位教师; 甲某、乙某、丙某三位教师.
    ends.extend(m.start() for m in _ETC_ANY_RE.finditer(text))
    for m in _PERSONS_COUNT_RE.finditer(text):
        i = m.start()
        while i > 0 and (text[i - 1].isdigit() or text[i - 1] in CN_NUM or text[i - 1] == "几"):
            i -= 1
        if i < m.start():
            ends.append(i)
    for e in sorted(set(ends)):
        if e >= 3 and "、" in text[max(0, e - 5) : e]:
            _enumeration_before(text, e, spans, lex)


_ETC_ANY_RE = re.compile("等")
# 其中某某获…, 某某荣获…, 某某被评为…: a name before the award (never a surname alone).
_AWARDED_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:荣获|获得|获|被评为|被授予)")
# 在某某的带领下: the name ends before 的.
_LEADING_RE = re.compile(r"(?<=[\u4e00-\u9fff])的(?:带领|率领|领导|关心|指导|帮助|支持|关怀)")
_PERSONS_COUNT_RE = re.compile("[位名]")


def _name_before(text: str, end: int, title: str, spans: Spans, lex: Lexicon) -> bool:
    """A name that ends at ``end``, just before a title."""
    for k in (3, 2, 4):
        s = end - k
        if s < 0 or not spans.free(s, end):
            continue
        name = text[s:end]
        if not _name_ok(name, lex, strong_context=True):
            continue
        if k >= 3 and name[0] in AMBIGUOUS_SURNAMES and _name_ok(name[1:], lex, strong_context=True):
            continue  # 向某某: prefer the shorter reading
        if k == 3 and s > 0 and is_han(text[s - 1]) and text[s - 1] in SURNAMES and lex.common(text[s - 1 : s + 1], 50):
            continue
        if (
            k == 3
            and s > 0
            and is_han(text[s - 1])
            and lex.common(text[s - 1 : s + 1], 50)
            and _name_ok(name[1:], lex, strong_context=True)
        ):
            continue  # 感谢 + 张明: the first character ends a word
        spans.add(s, end, "person")
        return True
    # A surname alone: 刘老师, 王书记.
    s = end - 1
    if title in ("等", "的", "获", "委员", "代表") or s < 0 or not spans.free(s, end):
        return False
    ch = text[s]
    if ch in SURNAMES and ch not in AMBIGUOUS_SURNAMES:
        before = text[s - 1] if s else ""
        if not is_han(before) or before in "的了和与及对向给让被由请是为在把将":
            spans.add(s, end + len(title), "person")
            return True
    return False


def _name_after(text: str, start: int, spans: Spans, lex: Lexicon) -> bool:
    """A name right after a title: 主席某某某同志."""
    if start >= len(text) or (text[start] not in SURNAMES and text[start : start + 2] not in COMPOUND_SURNAMES):
        return False
    for k in (3, 2, 4):
        e = start + k
        if e > len(text) or not spans.free(start, e):
            continue
        name = text[start:e]
        if not _name_ok(name, lex, strong_context=False):
            continue
        end = _NAME_END_RE.match(text, e)
        if end and name[0] in AMBIGUOUS_SURNAMES and len(end.group()) == 1 and is_han(end.group()):
            continue  # 职工 + 和新 + 就业: a function character and a word, not a name
        if end:
            spans.add(start, e, "person")
            return True
    # No clear boundary: let jieba cut a small window (干部某某募捐 → 某某 / 募捐).
    window = text[start : start + 8]
    toks = cut(window)
    first = toks[0] if toks else ""
    cand = ""
    if len(first) == 1 and first not in AMBIGUOUS_SURNAMES:
        cand = first + "".join(t for t in _leading_singles(toks[1:], 2))
    elif 2 <= len(first) <= 3 and (not lex.known(first) or lex.tags.get(first, "").startswith("nr")):
        cand = first
    if 2 <= len(cand) <= 3 and _name_ok(cand, lex, strong_context=False) and spans.free(start, start + len(cand)):
        spans.add(start, start + len(cand), "person")
        return True
    return False


def _leading_singles(toks: Iterable[str], limit: int) -> list[str]:
    out: list[str] = []
    for t in toks:
        if len(t) != 1 or not is_han(t) or t in NAME_STOP or len(out) >= limit:
            break
        out.append(t)
    return out


def _enumeration_before(text: str, end: int, spans: Spans, lex: Lexicon) -> None:
    """``甲、乙、丙`` ending at ``end``: every item a 2–3 character name."""
    items: list[tuple[int, int]] = []
    e = end
    while e > 0:
        s = e
        while s > 0 and is_han(text[s - 1]) and e - s < 5:
            s -= 1
        if s > 0 and text[s - 1] == "、" and 2 <= e - s <= 4:
            items.append((s, e))
            e = s - 1
            continue
        # The first item: the tail of a longer run.
        for k in (3, 2):
            if e - k >= s and _name_ok(text[e - k : e], lex, strong_context=True):
                items.append((e - k, e))
                break
        break
    if len(items) < 2:
        return
    names = [text[a:b] for a, b in items]
    good = [_name_ok(n, lex, strong_context=True) for n in names]
    # One item with a rare surname may pass when the others are clearly names.
    if sum(good) < max(2, len(names) - 1):
        return
    for (a, b), ok in zip(items, good, strict=True):
        if not ok and (lex.known(text[a:b]) or not 2 <= b - a <= 3):
            return
    for a, b in items:
        spans.add(a, b, "person")
