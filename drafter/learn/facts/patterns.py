"""The fact spotter's data and regular expressions: span kinds, placeholders, dates, numbers, counts.

:class:`FactSpan` is what :func:`drafter.learn.facts.spot.spot_facts` returns;
:class:`Spans` collects them without overlap.  Numbers, dates, counts,
placeholders, 《》 titles, “” names and congress references are regular
expressions (jieba cuts 36次 into ``36/m 次/t``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.learn.facts.words import CN_NUM, CN_SMALL, HAN

# ---------------------------------------------------------------------------
# Public data

KINDS: tuple[str, ...] = (
    "number",
    "date",
    "count",
    "title",
    "quoted",
    "person",
    "place",
    "org",
    "placeholder",
    "year_ref",
)

#: Texts up to this length get the lexical pass (weak signals) by default.
LEXICAL_MAX_CHARS = 400


@dataclass(frozen=True)
class FactSpan:
    """A fact found in a text: ``text == source[start:end]``.

    ``strong`` is False for a weak signal (a jieba dictionary tag or an
    unknown word, with no rule behind it): weak spans make a phrase
    non-generic but never reach the leak guard's token list.
    """

    start: int
    end: int
    text: str
    kind: str
    strong: bool = True


# The reason for each kind, in the order why_not_generic prefers them.
REASONS: dict[str, str] = {
    "placeholder": "含占位符",
    "title": "含书名号",
    "quoted": "含引号名称",
    "person": "含人名",
    "org": "含机构名",
    "place": "含地名",
    "year_ref": "含年份/届次",
    "date": "含日期",
    "number": "含数字",
    "count": "含中文数量词",
}
REASON_ORDER = {kind: i for i, kind in enumerate(REASONS)}
NAMED_REASONS = frozenset({"count", "person", "place", "org", "year_ref", "date"})


# ---------------------------------------------------------------------------
# Regular expressions

_TEMPLATE_SYNTAX_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
MASK = "\ue000"  # stands in for template syntax: not hanzi, digit or punctuation


def scan(rx: re.Pattern[str], first: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``rx.finditer(text)``, trying ``rx`` only where ``first`` (a character class) matches.

    Python's ``re`` cannot skip ahead in a pattern that starts with a
    look-behind or an alternation of classes; this is five to ten times faster.
    """
    out: list[re.Match[str]] = []
    pos = 0
    for c in first.finditer(text):
        s = c.start()
        if s < pos:
            continue
        m = rx.match(text, s)
        if m and m.end() > s:
            out.append(m)
            pos = m.end()
    return out


PLACEHOLDER_FIRST = re.compile(r"[xXｘＸ×*＊○〇□△某〔\[【(（\d]")
DATE_FIRST = re.compile(r"[\d〇零一二三四五六七八九十〔]")
CN_FIRST = re.compile(r"[〇零一二两三四五六七八九十百千万亿]")
COUNT_FIRST = re.compile(r"[第〇零一二两三四五六七八九十百千万亿]")
PLACEHOLDER_RE = re.compile(
    r"〔\s*[XxＸｘ×]\s*〕|[\[【(（]\s*[XxＸｘ×]\s*[\]】)）]"
    r"|(?<![A-Za-z0-9])\d{1,3}[xXｘＸ×*＊]+(?![A-Za-z])"  # 20xx 201* 20**
    r"|(?<![A-Za-z])[xXｘＸ×]{2,}(?![A-Za-z])"  # xx xxxx XX ××
    r"|[*＊]{2,}|(?<![〇零一二三四五六七八九])[○〇]{2,}(?![〇零一二三四五六七八九年])|□{2,}|△{2,}"
    r"|某某+|(?<![A-Za-z0-9])[XxＸｘ×](?![A-Za-z0-9])(?=[\u4e00-\u9fff])"  # x中, X月X日: a lone x before hanzi
    r"|(?<=[\u4e00-\u9fff])[XxＸｘ×](?![A-Za-z0-9])"
    r"|某(?=[省市县区州乡镇村单公学中小局厂校院])"
)
TITLE_RE = re.compile(r"《[^《》\n]{1,80}》|〈[^〈〉\n]{1,60}〉")
QUOTED_RE = re.compile(r"“[^“”\n]{1,60}”|「[^「」\n]{1,60}」|『[^『』\n]{1,60}』|‘[^‘’\n]{1,40}’|\"[^\"\n]{1,60}\"")

_CN_MONTH = r"(?:十[一二]|[一二三四五六七八九十])"
_CN_DAY = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
DATE_RE = re.compile(
    r"(?<![\d.])\d{4}\s*[-—–~～至到/]\s*\d{2,4}\s*(?:学年度|学年|年度|年)?"
    r"|(?<![\d.])\d{4}[-./]\d{1,2}[-./]\d{1,2}(?!\d)"
    r"|(?<![\d.])(?:\d{4}|\d{2}〔X〕|〔X〕)\s*年(?:度|初|底|末)?(?:\s*\d{1,2}\s*月份?(?:\s*\d{1,2}\s*[日号])?)?"
    r"|(?<![\d.])\d{2}\s*年\s*\d{1,2}\s*月份?(?:\s*\d{1,2}\s*[日号])?"
    r"|(?<![\d.])\d{1,2}\s*月份?(?:\s*\d{1,2}\s*[日号](?:\s*[-—至到]\s*\d{1,2}\s*[日号])?)?(?:\s*[、，和至到-]\s*\d{1,2}\s*月份?)*"
    r"|(?<![\d.])\d{1,2}\s*[日号](?:\s*[-—至到]\s*\d{1,2}\s*[日号])?(?=\s*[，、上下午晚凌早至到-]|$)"
    r"|(?<![〇零一二三四五六七八九十百千万])[〇零一二三四五六七八九]{4}年(?:" + _CN_MONTH + "月)?"
    r"|(?<![〇零一二三四五六七八九十百千万第])"
    + _CN_MONTH
    + "月份?(?:"
    + _CN_DAY
    + r"[日号])?(?![〇零一二三四五六七八九十])"
    r"|(?<![〇零一二三四五六七八九十百千万])(?:三八|五一|五四|六一|七一|八一)(?![〇零一二三四五六七八九十个位名次项条年级届])"
    r"|(?<![〇零一二三四五六七八九十百千万])十一(?=国庆|长假|黄金周|假期|期间|前夕)"
    r"|(?<![\d.])\d{1,2}[.．]\d{1,2}(?=\s*(?:”|」|节|日|国际|世界|全国|贫困|母亲|护士|助残|植树|防灾|消费者))"
)
YEAR_REF_RE = re.compile(
    rf"(?<![{CN_NUM}])(?:十[{CN_SMALL}]|[二三]十[{CN_SMALL}]?)届(?:[{CN_SMALL}]中全会|[{CN_NUM}]+次(?:全体)?会议)?"
    rf"|(?<![{CN_NUM}])(?:十[{CN_SMALL}]|[二三]十[{CN_SMALL}]?)大(?![量型学家众小批多部片概约力声件])"
    rf"|(?<![{CN_NUM}])[{CN_SMALL}]中全会"
    rf"|(?<![{CN_NUM}])十[{CN_SMALL}]五(?![{CN_NUM}个位名次项条年届])(?:规划|计划|时期|期间)?"
    rf"|(?<![{CN_NUM}第])[{CN_NUM}]+届[{CN_NUM}]+次(?=[{HAN}])"
    rf"|(?<![{CN_NUM}第])[{CN_NUM}]+届(?:全国人大|人大|政协|党代会|职代会|教代会|工代会|会员代表大会|代表大会)"
)
# A list marker (1、 2. (3)) is not a fact.
LIST_MARKER_RE = re.compile(r"(?:^|(?<=[\n\s。；：:;！？]))\s*\d{1,2}\s*[、.．)）](?!\d)|[（(]\s*\d{1,2}\s*[）)]")

_UNITS = sorted(
    set(
        "人次 余人 多人 万人 万元 亿元 千元 百元 万余元 余元 公里 千米 平方米 平米 平方公里 公顷 公斤 千克 小时 分钟 "
        "个月 学时 课时 学分 周年 岁 人 名 位 个 户 家 所 项 次 场 届 期 批 篇 件 条 本 册 套 台 辆 份 元 块 角 种 类 "
        "季 轮 座 间 处 栋 幢 米 吨 斤 天 日 周 月 年 节 课 讲 堂 组 支 队 班 级 等 星 道 门 张 幅 首 面 瓶 箱 袋 包 把 "
        "棵 株 头 只 匹 层 部 集 点 页 字 亩 倍 成 分 秒 度 例 起 宗 笔 单 双 对 排 枚 颗 盒 桶 架 艘 列 部门 "
        "期次 批次 人年 万字 千字".split()
    ),
    key=len,
    reverse=True,
)
NUMBER_RE = re.compile(
    r"(?<![A-Za-z\d.．])\d+(?:[,，]\d{3})*(?:[.．]\d+)?"
    r"(?:\s*(?:[%％‰]|℃)|(?:\s*(?:余|多|来)?\s*(?:万余|[万亿千百])?\s*(?:余|多)?\s*(?:"
    + "|".join(map(re.escape, _UNITS))
    + r"))?)"
)
CN_PERCENT_RE = re.compile(
    rf"[百千万]分之[{CN_NUM}]+(?:点[{CN_NUM}]+)?|[{CN_NUM}]+点[{CN_NUM}]+(?=倍|个百分点|%|万|亿)"
)
_CN_UNITS = sorted(
    set(
        "人次 个月 周年 学年 等奖 等功 公里 小时 万元 亿元 批次 人年 "
        "位 名 个 项 次 场 届 期 批 篇 件 条 本 册 套 台 辆 份 元 块 种 类 季 轮 座 间 处 栋 幢 米 吨 斤 天 周 年 节 "
        "讲 堂 课 组 支 队 班 级 星 道 门 张 幅 首 面 户 家 所 人 章 部 集 点 亩 倍 笔 起 例 枚 成 部门".split()
    ),
    key=len,
    reverse=True,
)
CN_COUNT_RE = re.compile(rf"(?<![{CN_NUM}])(第)?([{CN_NUM}]+)(余|多)?({'|'.join(map(re.escape, _CN_UNITS))})")
RANK_UNITS = frozenset({"等奖", "等功"})
# 六大行动, 三大任务: a count of major things (十八大 is claimed before as a congress).
CN_BIG_RE = re.compile(rf"(?<![{CN_NUM}])[二两三四五六七八九十]+大(?![会学家众量型力多约批片概都部小致体])(?=[{HAN}])")
NOT_COUNTS = frozenset("十分 万分 十足 百般 万般 千万 万万 万一 百倍 千百 两级".split())

# Administrative-level words that tie a phrase to one kind of place (全县, 我市, 县里, 区直, a lone 县).
LEVEL_WORD_RE = re.compile(r"[全我本该各每外]?[省市县区州乡镇村旗][里内外级直属上]?")

# ---------------------------------------------------------------------------
# Spotting


def mask_template(text: str) -> str:
    return _TEMPLATE_SYNTAX_RE.sub(lambda m: MASK * len(m.group()), text)


def is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


class Spans:
    """Collects spans; non-container spans never overlap one another."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken = bytearray(len(text))
        self.spans: list[FactSpan] = []

    def free(self, start: int, end: int) -> bool:
        return 0 <= start < end <= len(self.text) and not any(self.taken[start:end])

    def add(self, start: int, end: int, kind: str, *, strong: bool = True, container: bool = False) -> bool:
        if not container:
            if not self.free(start, end):
                return False
            self.taken[start:end] = b"\x01" * (end - start)
        elif start >= end:
            return False
        self.spans.append(FactSpan(start, end, self.text[start:end], kind, strong))
        return True

    def result(self) -> list[FactSpan]:
        return sorted(self.spans, key=lambda s: (s.start, -s.end, s.kind))
