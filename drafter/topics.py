"""Topics a sentence can assert, and the words that show them.

A framing sentence (a section's opening or closing, learned or built in) may
only claim what the section's facts support (prose rules §4): a closing about
体育 needs a sports event, one about 集体协商 needs collective bargaining in the
sheet.  Both sides use this one table: the learner records the topics each
phrase asserts, the composer keeps a phrase only when the facts it frames
support them (``Support``).  A new topic is one row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    words: tuple[str, ...]  # any of these in a text shows the topic


TOPICS: tuple[Topic, ...] = (
    Topic(
        "体育",
        (
            "体育",
            "运动会",
            "球赛",
            "篮球",
            "排球",
            "足球",
            "乒乓",
            "羽毛球",
            "拔河",
            "跳绳",
            "健步",
            "登山",
            "长跑",
            "徒步",
            "太极",
            "广播操",
            "健身",
            "趣味运动",
            "棋",
            "游泳",
            "赛跑",
        ),
    ),
    Topic(
        "文艺",
        (
            "文艺",
            "联欢",
            "联谊",
            "游园",
            "晚会",
            "歌咏",
            "合唱",
            "演出",
            "汇演",
            "书画",
            "摄影",
            "朗诵",
            "演讲",
            "读书",
            "文化",
            "舞蹈",
            "广场舞",
            "戏曲",
            "诗",
            "征文",
            "观影",
            "电影",
        ),
    ),
    Topic("帮扶", ("帮扶", "困难", "慰问", "送温暖", "救助", "资助", "大病", "互助", "金秋助学", "探望", "走访")),
    Topic("集体协商", ("集体协商", "集体合同", "工资协商", "工资专项")),
    Topic("女职工", ("女职工", "女教职工", "三八", "妇女", "两癌", "母婴", "女工")),
    Topic(
        "技能竞赛",
        (
            "技能竞赛",
            "劳动竞赛",
            "技能比武",
            "岗位练兵",
            "比武",
            "技术能手",
            "技能大赛",
            "技能比赛",
            "技术竞赛",
        ),
    ),
    Topic("职代会", ("职代会", "教代会", "职工代表大会", "教职工代表大会", "提案", "职工代表")),
    Topic("公开", ("务公开", "公开栏", "公示")),
    Topic("培训", ("培训", "轮训", "讲座", "学习班", "研修")),
    Topic("健康", ("体检", "健康", "疗休养", "疗养", "义诊", "心理")),
    Topic("建家", ("职工之家", "教工之家", "建家", "小家", "阵地")),
    Topic("入会", ("入会", "会员发展", "建会")),
    Topic("维权", ("维权", "权益", "劳动争议", "调解", "法律援助", "劳动保护")),
    Topic(
        "自身建设",
        ("自身建设", "经费", "审计", "换届", "工会干部", "工会主席", "工会委员", "工会小组", "规范化建设"),
    ),
)

_BY_NAME = {t.name: t for t in TOPICS}
_MARKER = "【话题："


def marker(names: Iterable[str]) -> str:
    """``【话题：体育、文艺】`` before a template line that asserts topics; ``""`` for a topic-free one."""
    names = tuple(names)
    return f"{_MARKER}{'、'.join(names)}】" if names else ""


def read_marker(line: str) -> tuple[frozenset[str], str]:
    """``【话题：体育、文艺】句子`` → ({体育, 文艺}, 句子); a line without a marker has no topics."""
    if not line.startswith(_MARKER) or "】" not in line:
        return frozenset(), line
    head, _, rest = line[len(_MARKER) :].partition("】")
    names = frozenset(n.strip() for n in head.replace("，", "、").replace(",", "、").split("、") if n.strip())
    return names, rest.strip()


@functools.lru_cache(maxsize=8192)
def topics_in(text: str) -> frozenset[str]:
    """The topics a text shows (by any of their words)."""
    return frozenset(t.name for t in TOPICS if any(w in text for w in t.words))


def topic(name: str) -> Topic:
    """One topic by name (KeyError for an unknown name: a typo in a phrase table)."""
    return _BY_NAME[name]


# Words by which a framing sentence claims many activities (形式多样的文体活动, 一件件实事):
# such a sentence needs at least PLURAL_MIN items under it (two events are not 丰富多彩).
PLURAL_MIN = 3
PLURAL_CLAIMS: tuple[str, ...] = (
    "多样",
    "丰富多彩",
    "多彩",
    "一系列",
    "系列活动",
    "多种",
    "各类",
    "各项",
    "一件件",
    "一项项",
    "一批",
    "常抓不懈",
)


def claims_plural(text: str) -> bool:
    return any(w in text for w in PLURAL_CLAIMS)


@dataclass(frozen=True)
class Support:
    """What the facts under a framing sentence show: the topics of each item.

    A section's heading, opening and closing speak for the whole section, so
    the topics they name must be the section's own: every item that shows a
    topic at all shows one of the line's, and those items are more than half of
    the section (a sports closing does not follow a sports event and a choir
    contest; a 女职工 closing does not follow two 帮扶 items and a screening;
    a 帮扶 closing does not follow one visit and two unrelated items).  A
    document-level slot (``whole``) speaks for the year, where one item
    showing the topic is enough.
    """

    items: tuple[frozenset[str], ...] = ()
    whole: bool = False

    @classmethod
    def of(cls, texts: Iterable[str], *, common: str = "", whole: bool = False) -> Support:
        """The support of items given as texts; ``common`` (a part's title) counts for every item."""
        shared = topics_in(common) if common else frozenset()
        return cls(tuple(topics_in(t) | shared for t in texts), whole)

    @property
    def topics(self) -> frozenset[str]:
        return frozenset().union(*self.items)

    def allows(self, needs: frozenset[str], text: str) -> bool:
        """Whether a line asserting ``needs`` (its text ``text``) stands on these facts."""
        if not needs <= self.topics:
            return False
        if needs and not self.whole:
            covered = sum(1 for t in self.items if t & needs)
            if 2 * covered <= len(self.items) or covered < sum(1 for t in self.items if t):
                return False
        return not (claims_plural(text) and len(self.items) < PLURAL_MIN)
