"""One structured 事项 → the clauses of one sentence (prose rules §1–2).

The grammar lives here, not in the templates: who took part depends on the
activity (职工代表 at a 职代会, 女职工 at a women's event, the people visited
by a 慰问, the people a union sends to an outside contest), awards drop the
contest's name the activity already gave and are counted when alike, the
union does not win its own contest, and 荣获 is kept for honours conferred by
a higher body.  The 事项 template macro only strings the clauses together.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from drafter.vocab import Vocabulary

_CONGRESS = ("代表大会", "职代会", "教代会")
_WOMEN = ("女职工", "女教职工", "三八", "妇女节", "两癌", "母婴", "女工")
_CARE = ("慰问", "帮扶", "送温暖", "送清凉", "救助", "资助", "看望", "探望", "走访")
_CONTEST = ("比赛", "竞赛", "大赛", "比武", "擂台", "运动会", "联赛", "锦标赛", "评选")
_TRAINING = ("培训", "轮训", "研修", "学习班")
_HIGHER = ("全国", "全省", "省级", "省", "全市", "市级", "市", "全县", "县级", "县", "全区", "区级", "总工会", "上级")
# People an activity may name itself; the head count then uses that noun.
_PEOPLE = (
    "教职工代表",
    "职工代表",
    "女教职工",
    "女职工",
    "工会小组长",
    "基层工会主席",
    "基层工会干部",
    "工会主席",
    "工会干部",
    "工会委员",
    "新入职职工",
    "青年职工",
    "一线职工",
    "困难职工",
    "劳模",
    "农民工",
    "新就业形态劳动者",
    "外卖骑手",
    "快递员",
    "骑手",
    "会员",
    "班组长",
    "骨干",
    "医务人员",
)
_SENDING = re.compile(r"^(组队|带队|选派|选送|组织|带领|动员|推荐)?(.*?)(参加|参与)(.+)$")
# 为职工办理互助保险, 为环卫工人免费体检: the people the union does it for take the count.
_SERVED = ("职工", "工人", "会员", "员工", "教师", "医护人员", "驾驶员", "农民工", "劳动者", "子女")
_TEAMS = re.compile(r"^(\d+(?:支|个)[^，、；。]*?队伍?)(?:参赛|参加)?(?:[，、；]|$)(.*)$")
_COUNTED = re.compile(r"\d+(名|项|个|人|支)$")


@dataclass(frozen=True)
class Parts:
    """The clauses of one item's sentence, each as it reads in the draft."""

    activity: str  # the activity, with the head count worked in where the grammar wants it
    people: str  # the head count as a clause of its own ("" when worked into the activity)
    result: str
    awards: str  # the award clause with its verb ("获…", "荣获…", "评出…")
    honour: bool  # the award clause uses 荣获 (the next one in a paragraph must not)

    def facts(self) -> tuple[str, ...]:
        return tuple(x for x in (self.activity, self.people, self.result, self.awards) if x)


def _named_people(activity: str) -> str:
    return next((p for p in _PEOPLE if p in activity), "")


def _is_outside_contest(activity: str) -> bool:
    return any(w in activity for w in _CONTEST) and ("参加" in activity or "参与" in activity)


def _is_own_contest(activity: str) -> bool:
    return any(w in activity for w in _CONTEST) and not _is_outside_contest(activity)


_RESULT_VERBS = ("召开", "签订", "建立", "开展", "举办", "成立", "组建", "完成")  # _object_once


# Plain string tests, not regular expressions: a pattern with Chinese character classes costs
# about a millisecond to compile, at every start of the command.
_NUMERALS = frozenset("一二三四五六七八九十0123456789")


def _is_place(text: str) -> bool:
    """第一名, 二等奖, 金奖, 优秀奖: a place in a contest and nothing before it."""
    if text.endswith("名") and text.startswith("第"):
        return len(text) > 2 and all(c in _NUMERALS for c in text[1:-1])
    if text.endswith("等奖"):
        return len(text) > 2 and all(c in _NUMERALS for c in text[:-2])
    return text in ("金奖", "银奖", "铜奖", "优秀奖")


def _is_prize(award: str) -> bool:
    """A contest's prize (一等奖, 第一名, 亚军, 金牌): won, not conferred.  奖章 and 奖状 are honours."""
    stem = award.rstrip("0123456789项名个") if award[-1:] in "项名个" else award
    if stem.endswith("奖") or any(w in award for w in ("冠军", "亚军", "季军", "金牌", "银牌", "铜牌")):
        return True
    at = award.find("第")
    return at >= 0 and award.endswith("名") and all(c in _NUMERALS for c in award[at + 1 : -1]) and len(award) > at + 2


def _served(activity: str) -> tuple[str, str] | None:
    """为环卫工人免费体检 → (环卫工人, 免费体检): the people the union does it for, and what."""
    if not activity.startswith("为"):
        return None
    for end in range(2, min(len(activity), 12)):
        head = activity[1:end]
        if any(c in "，。、" for c in head):
            return None
        if head.endswith(_SERVED) and end < len(activity):
            return head, activity[end:]
    return None


_MODIFIERS = ("非公", "民营", "规上", "重点", "中小", "小微", "骨干", "成员")


def _object_once(activity: str, result: str) -> tuple[str, str]:
    """(activity, result) with the object the result repeats said once (prose rules §1).

    指导辖区企业召开职代会 + 25家企业召开职代会，审议… → 指导辖区25家企业召开职代会 + 审议…;
    when more than a count stands before it: + 31家企业按时召开职代会 → 31家企业按时召开.
    """
    head, sep, rest = result.partition("，")
    n = 0
    while n < min(len(activity), len(head)) and activity[-1 - n] == head[-1 - n]:
        n += 1
    tail = head[len(head) - n :]
    found = [(tail.find(w), w) for w in _RESULT_VERBS if w in tail]
    if n < 4 or not found:
        return activity, result
    before = head[: len(head) - n]
    if before[:-1].isdigit() and before[-1:] in ("家", "个", "所", "名"):
        at = len(activity) - n
        while activity[:at].endswith(_MODIFIERS):
            at -= 2  # 辖区非公企业 → 辖区25家非公企业
        return activity[:at] + before + activity[at:], rest
    at, verb = min(found)
    if re.search(r"\d", before) and at + len(verb) < len(tail):
        return activity, before + tail[: at + len(verb)] + sep + rest
    return activity, result


def _head_count(activity: str, people: int | str | None, result: str, v: Vocabulary) -> tuple[str, str, str]:
    """(activity, people clause, result) with the head count said the way the activity wants."""
    activity, result = _object_once(activity, result)
    if people is None or people == "":
        return activity, "", result
    named = _named_people(activity.replace("职工代表大会", "").replace("教职工代表大会", ""))
    if isinstance(people, str):
        # "98人次" as the chair wrote it: keep 人次.
        count = people if named else (v.人员 + people if people[0].isdigit() else people)
        if any(w in activity for w in _CARE):
            return activity + people if named else activity, "" if named else f"惠及{count}", result
        if any(w in activity for w in _TRAINING):
            # 组织新入职职工岗前培训230人次; 举办安全培训，参训职工98人次.
            return (activity + people, "", result) if named else (activity, f"参训{count}", result)
        return activity, f"参与{count}", result
    n = people
    if any(w in activity for w in _CONGRESS):
        if re.search(r"(召开|举行)", activity) and not named:
            return activity, f"{n}名{v.职工代表}出席", result
        named = named or v.职工代表
    served = _served(activity)
    if served:
        return f"为{n}名{served[0]}{served[1]}", "", result
    if any(w in activity for w in _CARE):
        if named or re.search(r"(职工|户|家庭|子女|老人|会员|干部|劳模|人员|员工|工人|农民工|劳动者)$", activity):
            return f"{activity}{n}人", "", result
        return activity, f"惠及{v.人员}{n}人", result
    teams = _TEAMS.match(result)
    if teams:
        noun = named or (v.女职工 if any(w in activity for w in _WOMEN) else v.人员)
        # Teams compete in a contest (参赛); in a show or a performance they take part (参加).
        verb = "参赛" if any(w in activity for w in (*_CONTEST, "赛")) else "参加"
        return activity, f"{teams.group(1)}、{n}名{noun}{verb}", teams.group(2)
    m = _SENDING.match(activity)
    if m:
        verb, who, join, rest = m.groups()
        who = who.strip()
        if verb == "组队":
            return f"组队{n}人{join}{rest}", "", result
        if verb == "带队":
            return f"带领{n}名{who or v.人员}{join}{rest}", "", result
        if _is_outside_contest(activity) and verb in (None, "组织", "动员"):
            # The union sends people to another's contest (prose rules §1): 选派, not 组织.
            return f"选派{n}名{who or v.人员}{join}{rest}", "", result
        noun = who if who and who[-1] in "工员师手长部表委" else (who + v.人员 if who else v.人员)
        return f"{verb or ''}{n}名{noun}{join}{rest}", "", result
    if named:
        if any(w in activity for w in _TRAINING):
            # A course named after its trainees (农民工技能培训班): 参训210人, the noun said once.
            return activity, f"参训{n}人", result
        lead = re.match(rf"^(组织|带领|安排)({re.escape(named)})(.+)$", activity)
        if lead and not named.startswith("女"):
            # 组织职工代表巡视食堂 → 组织24名职工代表巡视食堂.
            verb, who, rest = lead.groups()
            return f"{verb}{n}名{who}{rest}", "", result
        # The activity names who took part already (劳模座谈会): the count needs no noun.
        plain = named in activity and not named.startswith("女")
        return activity, f"{n}人参加" if plain else f"{n}名{named}参加", result
    if any(w in activity for w in _WOMEN):
        return activity, f"{n}名{v.女职工}参加", result
    if any(w in activity for w in _TRAINING):
        # A number is people, never 人次 (that is the chair's to write: "240人次").
        return activity, f"参训{v.人员}{n}人", result
    if _is_own_contest(activity):
        return activity, f"{n}名{v.人员}参赛", result
    return activity, f"{n}名{v.人员}参加", result


def _contest_name(activity: str) -> str:
    m = _SENDING.match(activity)
    name = m.group(4) if m else re.sub(r"^(举办|开展|组织|承办|召开)", "", activity)
    return name.strip('“”"')


def _strip_contest(award: str, contest: str) -> str:
    """全县“振兴杯”职业技能竞赛焊工组一等奖 → 焊工组一等奖 when the activity named the contest."""
    for k in range(len(contest), 3, -1):
        tail = contest[-k:]
        if award.startswith(tail) and len(award) > k:
            return award[k:].lstrip("：:，、 ")
    return award


def _common_prefix(awards: list[str]) -> str:
    """The contest name several awards share (up to its last 赛/杯/会/”)."""
    if len(awards) < 2:
        return ""
    first = awards[0]
    n = 0
    while n < len(first) and all(len(a) > n and a[n] == first[n] for a in awards[1:]):
        n += 1
    prefix = first[:n]
    cut = max(prefix.rfind(c) for c in "赛杯会”")
    if cut >= 3:
        return prefix[: cut + 1]
    # 铸造工第一名、铸造工第三名: the event they share, when what differs is only the place.
    for k in range(n, 1, -1):
        if all(_is_place(a[k:]) for a in awards):
            return prefix[:k]
    return ""


def _count_alike(awards: list[str], unit: str, *, always: bool = False) -> list[str]:
    """一等奖, 一等奖 → 一等奖2项 (``always``: 二等奖 → 二等奖1名 too, as an internal contest's list reads)."""
    counts = Counter(awards)
    out: list[str] = []
    for a in dict.fromkeys(awards):
        n = counts[a]
        if _COUNTED.search(a) or (n == 1 and not always):
            out.append(a)
        else:
            out.append(f"{a}{n}{unit if a.endswith('奖') else '名'}")
    return out


def award_clause(activity: str, awards: tuple[str, ...], *, after_honour: bool) -> tuple[str, bool]:
    """The award clause and whether it used 荣获 (prose rules §2)."""
    if not awards:
        return "", False
    contest = _contest_name(activity) if activity else ""
    names = [_strip_contest(a, contest) if contest else a for a in awards]
    shared = _common_prefix(names)
    if shared:
        names = [names[0]] + [a[len(shared) :] or a for a in names[1:]]
    if _is_own_contest(activity):
        return "评出" + "、".join(_count_alike(names, "名", always=True)), False
    names = _count_alike(names, "项")
    higher = any(w in activity or w in "".join(awards) for w in _HIGHER)
    # 荣获 is for an honour a higher body confers (先进集体, 五一劳动奖章), not a contest's prize.
    honour = higher and not all(_is_prize(a) for a in awards)
    verb = "荣获" if honour and not after_honour else ("获得" if len(names) == 1 and len(names[0]) > 6 else "获")
    return verb + "、".join(names), verb == "荣获"


def item_parts(
    activity: str,
    people: int | str | None,
    result: str,
    awards: tuple[str, ...],
    vocab: Vocabulary,
    *,
    after_honour: bool = False,
) -> Parts:
    act, count, res = _head_count(activity, people, result, vocab)
    clause, honour = award_clause(activity, awards, after_honour=after_honour)
    return Parts(act, count, res, clause, honour)
