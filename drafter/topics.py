"""Topics a sentence can assert, and the words that show them.

A framing sentence (a section's opening or closing, learned or built in) may
only claim what the section's facts support (prose rules §4): a closing about
体育 needs a sports event, one about 集体协商 needs collective bargaining in the
sheet.  Both sides use this one table: the learner records the topics each
phrase asserts, the composer keeps a phrase only when the facts it frames show
every one of them.  A new topic is one row.
"""

from __future__ import annotations

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
    Topic("技能竞赛", ("技能竞赛", "劳动竞赛", "技能比武", "岗位练兵", "比武", "技术能手", "职业技能")),
    Topic("职代会", ("职代会", "教代会", "职工代表大会", "教职工代表大会", "提案", "职工代表")),
    Topic("公开", ("务公开", "公开栏", "公示")),
    Topic("培训", ("培训", "轮训", "讲座", "学习班", "研修")),
    Topic("健康", ("体检", "健康", "疗休养", "疗养", "义诊", "心理")),
    Topic("建家", ("职工之家", "教工之家", "建家", "小家", "阵地")),
    Topic("入会", ("入会", "会员发展", "农民工", "新就业形态", "建会")),
    Topic("维权", ("维权", "权益", "劳动争议", "调解", "法律援助", "劳动保护")),
)

_BY_NAME = {t.name: t for t in TOPICS}


def topics_in(text: str) -> frozenset[str]:
    """The topics a text shows (by any of their words)."""
    return frozenset(t.name for t in TOPICS if any(w in text for w in t.words))


def topic(name: str) -> Topic:
    """One topic by name (KeyError for an unknown name: a typo in a phrase table)."""
    return _BY_NAME[name]
