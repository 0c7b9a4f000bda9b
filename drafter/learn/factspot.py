"""Spot the facts of a report: what a generic template phrase must never carry.

A learned phrase goes into a template that drafts reports for other unions,
so it must not carry a fact of the sample it came from: a name, a number, a
date, a place, an organisation, a 《title》, a “named” campaign, a placeholder
or a congress or plan reference (十八大, 十八届三中全会, 十二五).  This module

* finds those facts in a text (:func:`spot_facts`),
* says in Chinese why a phrase is not generic, or ``None`` when it is
  (:func:`why_not_generic`),
* lists proper-noun-like tokens that only one sample uses
  (:func:`rare_proper_nouns`), and
* lists the fact tokens of the samples for the build-time leak guard
  (:func:`sample_fact_tokens`, written to ``templates/样本事实.txt``).

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

Corpus level: :func:`rare_proper_nouns` and :func:`sample_fact_tokens` run
the rules only (no lexical pass) and count in how many texts a token occurs
with one trie-shaped regex, so 2 M characters take about half a second once
the dictionary is loaded.  A “quoted” name that several samples use is
vocabulary: it is neither rare nor a leak token, so the two lists agree.

jieba is imported lazily (``drafter build`` must not import it).  Its
dictionary is used for cheap look-ups in the rules, and small windows
(about 10 characters) around place and name candidates are cut with
``jieba.lcut(..., HMM=False)``; the first call pays the dictionary load
(about 0.5 s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from drafter.learn.segmenter import tokenizer, word_tags

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
_REASONS: dict[str, str] = {
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
_REASON_ORDER = {kind: i for i, kind in enumerate(_REASONS)}
_NAMED_REASONS = frozenset({"count", "person", "place", "org", "year_ref", "date"})

# ---------------------------------------------------------------------------
# Character classes and word lists (general Chinese, not taken from samples)

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CN_NUM = "〇零一二两三四五六七八九十百千万亿"
_CN_SMALL = "一二三四五六七八九"
_LEVEL = "省市县区州盟旗乡镇村"

#: Common Chinese surnames (single characters), roughly the 400 most frequent.
SURNAMES: frozenset[str] = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔"
    "向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴"
    "盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况"
    "那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由滑"
)
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 夏侯 令狐 宇文 司徒 西门 端木 独孤 南宫 申屠 轩辕 呼延".split()
)
# Surnames that are also everyday function, verb or adjective characters.
_AMBIGUOUS_SURNAMES = frozenset(
    "于和向从由来都那相平全应区位原南海花强计信富国门云成时文安常明万方白金石路连车干但元包管关农司古吉简项"
    "景党宫费冷席师商沙荣甘支巴丰利居斯衣展智幸公高华阳单解查乐南敬初容普战危玉银宾利呼居揭束信展阴智奉植衡富"
)
# Characters that do not occur in given names: function words, titles, units.
_NAME_STOP = frozenset(
    "的了是在和与及等们个位名为对把被从向给让由将就都也还又再并而或之其这那该各每某本我你他她它者所以于到说做有"
    "无不没很最更已会要能可请老师校任书记席员委部局处科股组队班级届次项场年月日时教职党团议获奖县市区省镇乡村"
    "里内外上下中前后左右来去过着得地使且但如若即此共约近达余多少几第副正兼原代"
)
_AFTER_NAME_TITLES = (
    "同志 老师 校长 副校长 主任 副主任 书记 副书记 主席 副主席 院长 副院长 局长 副局长 部长 科长 处长 股长 组长 队长 "
    "经理 总经理 董事长 厂长 所长 站长 县长 市长 镇长 乡长 村长 区长 省长 教授 教练 医生 大夫 护士长 师傅 先生 女士 "
    "会计 园长 馆长 社长 秘书长 主管 班长 委员 记者 律师 工程师 技师 干事 同学"
).split()
_BEFORE_NAME_TITLES = (
    "校长 主任 书记 主席 院长 局长 部长 科长 处长 组长 队长 经理 董事长 厂长 所长 站长 委员 老师 教师 同志 会计 选手 "
    "职工 员工 代表 负责人 联系人 主持人 党员 干部 护士 医生 技师 工程师 班主任 师傅 获得者 获奖者"
).split()

# Common words that start with a surname and that jieba may tag as a name, or
# that a context rule could take for one; and names that are common vocabulary
# (雷锋精神, 马克思主义).
_PERSON_STOP = frozenset(
    "师德 师风 弘扬 荣获 练兵 文明 光荣 慈善 敬畏 杜绝 田园 友谊 高潮 明白 向心力 宣传部 梅花 田野 安危 从政 惠民 "
    "续保 公开栏 常委 全体 全员 各位 广大 优秀 和谐 安全 平安 文体 明确 成绩 成效 成员 方面 干部 党员 党委 师生 "
    "雷锋 焦裕禄 孔繁森 王进喜 毛泽东 邓小平 江泽民 胡锦涛 习近平 马克思 列宁 孙中山 鲁迅 孔子".split()
)

# Organisation suffixes, longest first.
_ORG_SUFFIXES = sorted(
    set(
        "总工会 教育工会 工会 工会委员会 委员会 工委 纪委 党委 党组 党工委 政府 人民政府 人大 政协 宣传部 组织部 统战部 "
        "政法委 教育局 公安局 财政局 人社局 民政局 文广新局 广电局 局 厅 办 办公室 中心 公司 有限公司 集团 学校 中学 小学 "
        "大学 学院 幼儿园 医院 卫生院 支部 党支部 总支 委 法院 检察院 院 妇联 团委 残联 科协 侨联 工商联 协会 学会 "
        "研究会 基金会 红十字会 社 所 站 队 馆 处 科 部 电视台 报社 杂志社 银行 厂 矿".split()
    ),
    key=len,
    reverse=True,
)
# Right after a bare level character only these make an organisation (县委,
# 区纪委, 市总工会, 县政府); the others need a middle part (县教育局).
_ORG_SUFFIX_SET = frozenset(_ORG_SUFFIXES)
_BARE_SUFFIXES = frozenset(
    "委 总工会 教育工会 工会 工委 纪委 党委 政府 人民政府 人大 政协 宣传部 组织部 统战部 政法委 教育局 公安局 财政局 "
    "人社局 民政局 文广新局 广电局 妇联 团委 残联 科协 侨联 工商联 法院 检察院".split()
)
# What may follow an organisation and still belong to it (县委 + 宣传部).
_ORG_CONTINUATION_RE = re.compile(
    r"宣传部|组织部|统战部|政法委|办公室|党组|纪委|机关工委|总工会|工会|直属机关工委|[县市区镇乡]?(?:人民)?政府"
)
_ORG_RE = re.compile(rf"(?P<lvl>[{_LEVEL}])(?P<mid>[{_HAN}]{{0,6}}?)(?P<suf>{'|'.join(map(re.escape, _ORG_SUFFIXES))})")
_NAMED_ORG_RE = re.compile(
    r"股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|中学|小学|大学|学院|幼儿园|医院|卫生院|工厂|厂|矿|酒店|宾馆|银行"
)
_NOUNISH_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "vn", "j", "b", "an", "ng", "l", "nrfg", "s"})

# Places.
_PLACE_SUFFIXES = sorted(
    "省 市 县 区 州 盟 旗 镇 乡 村 屯 寨 街道 街 路 大道 巷 公园 广场 社区 小区 新区 开发区 园区 景区 湖 山 河 江 岛 湾".split(),
    key=len,
    reverse=True,
)
_PLACE_SUFFIX_RE = re.compile("|".join(map(re.escape, _PLACE_SUFFIXES)))
_WEAK_PLACE_SUFFIXES = frozenset("湖 山 河 江 岛 湾".split())  # need a dictionary place name before them
# After these a common noun may be the name (石门村, 人民路); after the others
# (工业区, 文化广场, 贫困县) it is usually a description.
_NOUN_PREFIX_SUFFIXES = frozenset("村 社区 路 大道 巷 镇 乡 屯 寨 公园 广场".split())
_PLACE_NAME_TAGS = frozenset({"n", "nz", "ns", "nr", "nrt", "nrfg", "j", "ng"})
_GENERIC_PLACE_MODIFIERS = frozenset(
    "重点 试点 示范 文明 先进 贫困 困难 移民 帮扶 结对 对口 联系 包保 扶贫 美丽 和谐 平安 幸福 特色 生态 旅游 城中 "
    "城郊 边远 偏远 山区 农业 工业 新型 中心 所在 民族 少数民族 行政 自然 空心 老旧 商品 安置 文化 绿色 智慧 数字 "
    "学习型 服务型 基层 农村 城市 城镇 乡村 周边 附近 全部 所有 部分 各个 每个 整个 一般 普通 社会 居民 群众 职工 "
    "企业 学校 单位 机关 医院 公司 工厂 校园 家庭 老年 儿童 青年 妇女 学生 教师 干部 党员 志愿者 农民 工人 "
    "网格 片区 社区 园区 景区 乡镇 街道 城区 新区 老区 红色 健康 卫生 法治 诚信 书香 森林 湿地 "
    "主题 体育 休闲 文体 市民 地质 遗址 郊野 口袋 街心 音乐 科技 创业 产业 物流 广电".split()
)
# Single-character tokens that end a run of name characters.
_FUNCTION_TAGS = frozenset(
    {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "f", "d", "r", "rr", "rz", "y", "e", "o", "zg"}
)

#: Provinces, large cities, regions and countries a report may name
#: (a trip, a training, a partner); general knowledge.
GAZETTEER: frozenset[str] = frozenset(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 "
    "贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 内蒙古 香港 澳门 台湾 "
    "石家庄 太原 沈阳 长春 哈尔滨 南京 杭州 合肥 福州 南昌 济南 郑州 武汉 长沙 广州 南宁 海口 成都 贵阳 昆明 拉萨 西安 "
    "兰州 西宁 银川 乌鲁木齐 呼和浩特 深圳 厦门 青岛 大连 宁波 苏州 无锡 珠海 汕头 佛山 东莞 温州 洛阳 开封 桂林 三亚 "
    "大理 丽江 延安 井冈山 遵义 韶山 黄山 泰山 华山 峨眉山 九寨沟 张家界 庐山 武夷山 "
    "华东 华北 华南 华中 "
    "新加坡 马来西亚 泰国 越南 柬埔寨 老挝 缅甸 印尼 印度尼西亚 菲律宾 韩国 日本 朝鲜 俄罗斯 印度 美国 英国 法国 "
    "德国 意大利 西班牙 加拿大 澳大利亚 新西兰 巴西 埃及 欧洲 美洲 非洲".split()
)
_DIRECTION_AREAS = frozenset("东区 西区 南区 北区".split())  # 米东区: the name ends in a direction
# Place-tagged words that are ordinary report language.
_PLACE_STOP = frozenset(
    "中国 中华 全国 祖国 国家 国内 国外 海外 境内 境外 省内 省外 本地 当地 各地 外地 城市 城镇 乡镇 乡村 农村 山区 山村 "
    "社区 小区 美丽 海洋 上台 上岗 新建 福利 神圣 平平安安 大门口 东西 南北 东南 西北 西南 东北 平原 高原 江湖 江山 "
    "山河 山水 大海 高山 太平 太阳 英雄 爱国 建国 开国 共和国 王国 大国 回国 上市 治安 长度 深度 新鲜 古典 普及 商城 "
    "青春 云集 日志 中路 西门 长大 上马 阴阳 莫非 庆典 朝廷 北约 中原 江南 天下 人间 世界 全球 国际 中央 地方 基层 "
    "一线 前线 东方 西方 南方 北方 中部 东部 西部 南部 北部 沿海 内地 边疆 前沿 太极 四环 多角度 东区 西区 南区 北区 "
    "新区 老区 灾区 景区 园区 城区 市区 郊区 辖区 片区 校区 厂区 矿区 林区 牧区 库区 特区 开发区 新农村 新城".split()
)

# ---------------------------------------------------------------------------
# The jieba dictionary, loaded lazily


@dataclass(frozen=True)
class _Lexicon:
    freq: dict[str, int]
    tags: dict[str, str]

    def known(self, word: str) -> bool:
        return self.freq.get(word, 0) > 0

    def tag(self, word: str) -> str | None:
        return self.tags.get(word) if self.freq.get(word, 0) > 0 else None

    def common(self, word: str, min_freq: int = 1) -> bool:
        """A dictionary word with an ordinary (not proper-noun) tag."""
        tag = self.tags.get(word)
        return tag is not None and tag not in _PROPER_TAGS and self.freq.get(word, 0) >= min_freq

    def proper(self, word: str) -> bool:
        return self.tags.get(word) in _PROPER_TAGS and self.freq.get(word, 0) > 0


_PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
_LEXICON: _Lexicon | None = None


def _lexicon() -> _Lexicon:
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = _Lexicon(tokenizer().FREQ, word_tags())
    return _LEXICON


@lru_cache(maxsize=65536)
def _cut(window: str) -> tuple[str, ...]:
    """A small window cut by jieba's dictionary only (no HMM)."""
    return tuple(tokenizer().lcut(window, HMM=False))


@lru_cache(maxsize=4096)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's cut (with HMM for unknown words) and dictionary tags; ``""`` for an unknown word.

    This is what jieba.posseg does for dictionary words, at a sixth of its
    cost: posseg's own HMM for unknown words is the slow part, and its tags
    for them are only a guess anyway.
    """
    lex = _lexicon()
    return tuple((w, lex.tag(w) or "") for w in tokenizer().lcut(text))


# ---------------------------------------------------------------------------
# Regular expressions

_TEMPLATE_SYNTAX_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_MASK = "\ue000"  # stands in for template syntax: not hanzi, digit or punctuation


def _scan(rx: re.Pattern[str], first: re.Pattern[str], text: str) -> list[re.Match[str]]:
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


_PLACEHOLDER_FIRST = re.compile(r"[xXｘＸ×*＊○〇□△某〔\[【(（\d]")
_DATE_FIRST = re.compile(r"[\d〇零一二三四五六七八九十〔]")
_CN_FIRST = re.compile(r"[〇零一二两三四五六七八九十百千万亿]")
_COUNT_FIRST = re.compile(r"[第〇零一二两三四五六七八九十百千万亿]")
_PLACEHOLDER_RE = re.compile(
    r"〔\s*[XxＸｘ×]\s*〕|[\[【(（]\s*[XxＸｘ×]\s*[\]】)）]"
    r"|(?<![A-Za-z0-9])\d{1,3}[xXｘＸ×*＊]+(?![A-Za-z])"  # 20xx 201* 20**
    r"|(?<![A-Za-z])[xXｘＸ×]{2,}(?![A-Za-z])"  # xx xxxx XX ××
    r"|[*＊]{2,}|(?<![〇零一二三四五六七八九])[○〇]{2,}(?![〇零一二三四五六七八九年])|□{2,}|△{2,}"
    r"|某某+|(?<![A-Za-z0-9])[XxＸｘ×](?![A-Za-z0-9])(?=[\u4e00-\u9fff])"  # x中, X月X日: a lone x before hanzi
    r"|(?<=[\u4e00-\u9fff])[XxＸｘ×](?![A-Za-z0-9])"
    r"|某(?=[省市县区州乡镇村单公学中小局厂校院])"
)
_TITLE_RE = re.compile(r"《[^《》\n]{1,80}》|〈[^〈〉\n]{1,60}〉")
_QUOTED_RE = re.compile(r"“[^“”\n]{1,60}”|「[^「」\n]{1,60}」|『[^『』\n]{1,60}』|‘[^‘’\n]{1,40}’|\"[^\"\n]{1,60}\"")

_CN_MONTH = r"(?:十[一二]|[一二三四五六七八九十])"
_CN_DAY = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE_RE = re.compile(
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
_YEAR_REF_RE = re.compile(
    rf"(?<![{_CN_NUM}])(?:十[{_CN_SMALL}]|[二三]十[{_CN_SMALL}]?)届(?:[{_CN_SMALL}]中全会|[{_CN_NUM}]+次(?:全体)?会议)?"
    rf"|(?<![{_CN_NUM}])(?:十[{_CN_SMALL}]|[二三]十[{_CN_SMALL}]?)大(?![量型学家众小批多部片概约力声件])"
    rf"|(?<![{_CN_NUM}])[{_CN_SMALL}]中全会"
    rf"|(?<![{_CN_NUM}])十[{_CN_SMALL}]五(?![{_CN_NUM}个位名次项条年届])(?:规划|计划|时期|期间)?"
    rf"|(?<![{_CN_NUM}第])[{_CN_NUM}]+届[{_CN_NUM}]+次(?=[{_HAN}])"
    rf"|(?<![{_CN_NUM}第])[{_CN_NUM}]+届(?:全国人大|人大|政协|党代会|职代会|教代会|工代会|会员代表大会|代表大会)"
)
# A list marker (1、 2. (3)) is not a fact.
_LIST_MARKER_RE = re.compile(r"(?:^|(?<=[\n\s。；：:;！？]))\s*\d{1,2}\s*[、.．)）](?!\d)|[（(]\s*\d{1,2}\s*[）)]")

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
_NUMBER_RE = re.compile(
    r"(?<![A-Za-z\d.．])\d+(?:[,，]\d{3})*(?:[.．]\d+)?"
    r"(?:\s*(?:[%％‰]|℃)|(?:\s*(?:余|多|来)?\s*(?:万余|[万亿千百])?\s*(?:余|多)?\s*(?:"
    + "|".join(map(re.escape, _UNITS))
    + r"))?)"
)
_CN_PERCENT_RE = re.compile(
    rf"[百千万]分之[{_CN_NUM}]+(?:点[{_CN_NUM}]+)?|[{_CN_NUM}]+点[{_CN_NUM}]+(?=倍|个百分点|%|万|亿)"
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
_CN_COUNT_RE = re.compile(rf"(?<![{_CN_NUM}])(第)?([{_CN_NUM}]+)(余|多)?({'|'.join(map(re.escape, _CN_UNITS))})")
_RANK_UNITS = frozenset({"等奖", "等功"})
# 六大行动, 三大任务: a count of major things (十八大 is claimed before as a congress).
_CN_BIG_RE = re.compile(
    rf"(?<![{_CN_NUM}])[二两三四五六七八九十]+大(?![会学家众量型力多约批片概都部小致体])(?=[{_HAN}])"
)
_NOT_COUNTS = frozenset("十分 万分 十足 百般 万般 千万 万万 万一 百倍 千百 两级".split())

# Administrative-level words that tie a phrase to one kind of place (全县, 我市, 县里, 区直, a lone 县).
_LEVEL_WORD_RE = re.compile(r"[全我本该各每外]?[省市县区州乡镇村旗][里内外级直属上]?")

# ---------------------------------------------------------------------------
# Spotting


def _mask_template(text: str) -> str:
    return _TEMPLATE_SYNTAX_RE.sub(lambda m: _MASK * len(m.group()), text)


def _is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


class _Spans:
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
    masked = _mask_template(text)
    spans = _Spans(text)
    _spot_rules(masked, spans, proper_only=False)
    if lexical is None:
        lexical = len(text) <= LEXICAL_MAX_CHARS
    if lexical:
        _spot_lexical(masked, spans)
    return spans.result()


def _spot_rules(text: str, spans: _Spans, *, proper_only: bool) -> None:
    lex = _lexicon()
    for m in _scan(_PLACEHOLDER_RE, _PLACEHOLDER_FIRST, text):
        spans.add(m.start(), m.end(), "placeholder")
    for m in _TITLE_RE.finditer(text):
        spans.add(m.start(), m.end(), "title", container=True)
    for m in _QUOTED_RE.finditer(text):
        spans.add(m.start(), m.end(), "quoted", container=True)
    if not proper_only:
        for m in _scan(_YEAR_REF_RE, _CN_FIRST, text):
            spans.add(m.start(), m.end(), "year_ref")
        for m in _scan(_DATE_RE, _DATE_FIRST, text):
            s, e = m.span()
            while e > s and text[e - 1] in " ，、和至到-":
                e -= 1
            spans.add(s, e, "date")
        markers = bytearray(len(text))
        for m in _LIST_MARKER_RE.finditer(text):
            markers[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        for m in _NUMBER_RE.finditer(text):
            s, e = m.span()
            while e > s and text[e - 1] in " ，,":
                e -= 1
            if not markers[s]:
                spans.add(s, e, "number")
        for m in _CN_PERCENT_RE.finditer(text):
            spans.add(m.start(), m.end(), "number")
        for m in _scan(_CN_COUNT_RE, _COUNT_FIRST, text):
            _cn_count(text, m, spans, lex)
        for m in _scan(_CN_BIG_RE, _CN_FIRST, text):
            spans.add(m.start(), m.end(), "count")
    _spot_orgs(text, spans, lex)
    _spot_places(text, spans, lex)
    _spot_persons(text, spans, lex)


def _cn_count(text: str, m: re.Match[str], spans: _Spans, lex: _Lexicon) -> None:
    ordinal, numeral, unit = m.group(1), m.group(2), m.group(4)
    s, e = m.span()
    if ordinal is None and numeral == "一" and unit not in _RANK_UNITS:
        return  # 一名 一批 一次 一项: ordinary language
    if ordinal and numeral == "一" and unit == "位":
        return  # 放在第一位
    if ordinal is None and numeral in ("万", "亿", "千", "百"):
        return  # 万家灯火, 百家争鸣
    core = text[s:e]
    if core in _NOT_COUNTS or (ordinal is None and text[s : s + 2] in _NOT_COUNTS):
        return
    # Inside a longer dictionary word or idiom: 千家万户, 三个代表, 四面八方.
    for i in range(max(0, s - 4), s + 1):
        for n in range(max(4, e - i), 8):
            word = text[i : i + n]
            if len(word) == n and i + n >= e and (i < s or i + n > e) and lex.known(word):
                return
    spans.add(s, e, "count")


# -- organisations ----------------------------------------------------------


def _spot_orgs(text: str, spans: _Spans, lex: _Lexicon) -> None:
    pos = 0
    while True:
        m = _ORG_RE.search(text, pos)
        if m is None:
            break
        pos = m.start() + 1
        found = _org_at(text, m, spans, lex)
        if found:
            pos = found
    for m in _NAMED_ORG_RE.finditer(text):
        _named_org(text, m.start(), m.end(), spans, lex)


def _org_at(text: str, m: re.Match[str], spans: _Spans, lex: _Lexicon) -> int:
    """Validate an organisation candidate; returns its end, or 0."""
    i = m.start("lvl")
    mid, suf = m.group("mid"), m.group("suf")
    end = m.end()
    if not spans.free(i, end):
        return 0
    if i > 0 and text[i - 1] in _DETERMINERS:
        return 0  # 全县, 我市: the unit's own level, not an organisation's name
    # The word jieba reads around the level character decides what it is.
    lo = _han_run_start(text, i, spans, 6)
    head_start = -1
    pos = lo
    for tok in _cut(text[lo:end]):
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
            if b == i + 1 and len(tok) == 2 and tok[0] in _FUNCTION_CHARS:
                break  # 指导和县广电局: jieba's 和县 is 和 + 县
            if tok in _DIRECTION_AREAS:
                run = _name_run(_cut(text[lo:a]), lex, limit=2)
                head_start = a - len(run) if run else a  # 米 + 东区
                break
            return 0
        if b > i + 1 and not _ends_org(tok) and not tok.endswith(("直", "属")) and lex.common(tok, 5):
            return 0  # 乡镇, 县城, 市场, 区域, 县级 (but 县委, 区直)
        break
    if not mid:
        if suf not in _BARE_SUFFIXES:
            return 0
    elif not _org_middle_ok(mid, lex):
        return 0
    # The suffix must not be the tail of a common word that starts in the middle (机关干部, 举办).
    mid_start = i + 1
    suf_start = end - len(suf)
    for a in range(max(mid_start, suf_start - 3), suf_start):
        for b in range(suf_start + 1, end + 1):
            w = text[a:b]
            if lex.common(w, 20) and w not in _ORG_SUFFIX_SET:
                return 0
    # …nor the head of one that goes on after it (部门, 厂区, 所有).
    glued = text[end - 1 : end + 1]
    if (
        end < len(text)
        and _is_han(text[end])
        and lex.common(glued, 20)
        and lex.tags.get(glued, "")[:1] in ("n", "s", "f")
    ):
        if not _ORG_CONTINUATION_RE.match(text, end - 1):
            return 0
    # Extend over a continuation: 县委 + 宣传部, 区委 + 区政府.
    while True:
        c = _ORG_CONTINUATION_RE.match(text, end)
        if not c:
            break
        end = c.end()
    start = head_start if head_start >= 0 else _place_head(text, i, spans, lex)
    if not spans.add(start, end, "org"):
        return 0
    return end


_DETERMINERS = "全我本该各每外此"
_FUNCTION_CHARS = "和与及同跟在于到从向对为把被给让由将是的了之"


def _place_name_token(tok: str, lex: _Lexicon) -> bool:
    """A dictionary place name that may head an organisation (杭州市, 河北) — not 和县 in 指导和县…."""
    if tok in _PLACE_STOP or tok[0] in _DETERMINERS:
        return False
    if len(tok) == 2 and tok[0] in _FUNCTION_CHARS:
        return False
    return lex.tags.get(tok) == "ns" or tok in GAZETTEER or tok[:-1] in GAZETTEER


def _han_run_start(text: str, i: int, spans: _Spans, limit: int) -> int:
    """Where the run of free hanzi that ends just before ``i`` starts (at most ``limit`` back)."""
    lo = i
    while lo > 0 and i - lo < limit and _is_han(text[lo - 1]) and not spans.taken[lo - 1]:
        lo -= 1
    return lo


def _ends_org(word: str) -> bool:
    return any(
        word.endswith(s)
        for s in ("委", "工会", "政府", "局", "部", "厅", "院", "中心", "公司", "学校", "办", "工委", "委员会")
    )


def _org_middle_ok(mid: str, lex: _Lexicon) -> bool:
    """教育, 文广新, 直机关, 政务 — nouns; not a clause (开展, 在全县)."""
    if mid[0] in _LEVEL and lex.common(mid[:2], 5):
        return False
    for tok in _cut(mid):
        if len(tok) == 1:
            if tok in _NAME_STOP and tok not in "教职党团":
                return False
            continue
        tag = lex.tag(tok)
        if tag is None:
            continue
        if tag not in _NOUNISH_TAGS and not (tag == "m" and tok.startswith("第")):
            return False
    return True


def _place_head(text: str, i: int, spans: _Spans, lex: _Lexicon) -> int:
    """Where an organisation that has its level character at ``i`` starts: 河北省…, 米东区…."""
    if i == 0 or not _is_han(text[i - 1]):
        return i
    lo = max(0, i - 6)
    for j in range(i - 1, lo - 1, -1):
        if not _is_han(text[j]) or spans.taken[j]:
            lo = j + 1
            break
    window = text[lo:i]
    if not window:
        return i
    toks = _cut(window)
    last = toks[-1]
    if len(last) >= 2 and _place_name_token(last, lex):
        return i - len(last)
    run = _name_run(toks, lex)
    if len(run) >= 2:
        return i - len(run)
    return i


def _named_org(text: str, s: int, e: int, spans: _Spans, lex: _Lexicon) -> None:
    """An organisation named by a proper noun: X有限公司, X中学 (not 实验中学)."""
    if not spans.free(s, e) or s == 0:
        return
    if e < len(text) and _is_han(text[e]) and lex.common(text[e - 1 : e + 1], 20):
        return
    lo = max(0, s - 6)
    for j in range(s - 1, lo - 1, -1):
        if not _is_han(text[j]) or spans.taken[j]:
            lo = j + 1
            break
    if lo >= s:
        return
    toks = list(_cut(text[lo:s]))
    start = s
    # Up to two common nouns may stand between the name and the suffix: 宏达 + 机械 + 有限公司.
    for _ in range(3):
        if not toks:
            return
        last = toks[-1]
        if len(last) >= 2 and lex.proper(last) and last not in _PLACE_STOP and last not in _PERSON_STOP:
            spans.add(start - len(last), e, "org")
            return
        run = _name_run(tuple(toks), lex)
        if len(run) >= 2 and not lex.common(run, 1):
            spans.add(start - len(run), e, "org")
            return
        if len(last) >= 2 and lex.tags.get(last) in ("n", "vn", "nz") and last not in _GENERIC_PLACE_MODIFIERS:
            start -= len(last)
            toks.pop()
            continue
        return


def _name_run(toks: tuple[str, ...], lex: _Lexicon, limit: int = 4) -> str:
    """The trailing run of single characters jieba could not make words of (陀烈, 二钢)."""
    run: list[str] = []
    for tok in reversed(toks):
        if len(tok) != 1 or not _is_han(tok) or tok in _NAME_STOP:
            break
        tag = lex.tags.get(tok)
        if tag in _FUNCTION_TAGS or (tag == "v" and lex.freq.get(tok, 0) >= 5000):
            break
        run.append(tok)
        if len(run) >= limit:
            break
    return "".join(reversed(run))


# -- places -----------------------------------------------------------------


def _spot_places(text: str, spans: _Spans, lex: _Lexicon) -> None:
    for m in _PLACE_SUFFIX_RE.finditer(text):
        s, e = m.span()
        if s == 0 or not spans.free(s, e) or not _is_han(text[s - 1]):
            continue
        suf = m.group()
        # The suffix must end a word: 市场, 区域, 村民, 路线 are not places.
        if e < len(text) and _is_han(text[e]) and lex.common(text[e - 1 : e + 1], 20):
            continue
        # A common word ending in the suffix (城市, 全县, 农村, 山区) is not a place either
        # — but 东区 in 米东区 may be the end of one.
        pair = text[s - 1 : e]
        named = lex.tags.get(text[max(0, s - 2) : e]) == "ns" or lex.tags.get(text[max(0, s - 3) : e]) == "ns"
        if (
            not named
            and len(suf) == 1
            and pair not in _DIRECTION_AREAS
            and (pair in _PLACE_STOP or (lex.common(pair, 5) and lex.tags.get(pair) != "ns"))
        ):
            continue
        _place_at(text, s, e, suf, spans, lex)
    for m in _gazetteer_re().finditer(text):
        s, e = m.span()
        if not spans.free(s, e):
            continue
        if s > 0 and _is_han(text[s - 1]) and lex.common(text[s - 1 : s + 1], 20):
            continue
        if e < len(text) and _is_han(text[e]) and lex.common(text[e - 1 : e + 1], 20):
            continue
        spans.add(s, e, "place")


def _place_at(text: str, s: int, e: int, suf: str, spans: _Spans, lex: _Lexicon) -> None:
    lo = max(0, s - 7)
    for j in range(s - 1, lo - 1, -1):
        if not _is_han(text[j]) or spans.taken[j]:
            lo = j + 1
            break
    if lo >= s:
        return
    toks = list(_cut(text[lo:e]))
    # Re-split so that the suffix is the last token on its own.
    tail = toks[-1]
    if tail != suf:
        if not tail.endswith(suf):
            return
        head = tail[: -len(suf)]
        generic = tail[0] in _DETERMINERS or (tail[-2:] in _PLACE_STOP and tail[:-2] in _GENERIC_PLACE_MODIFIERS)
        if len(tail) >= 3 and lex.tags.get(tail) == "ns" and tail not in _PLACE_STOP and not generic:
            spans.add(e - len(tail), e, "place")  # 河北省, 武汉市
            return
        if generic:
            return
        if tail not in _DIRECTION_AREAS and (lex.common(tail, 1) or tail in _PLACE_STOP):
            return  # 进社区, 文化广场, 新农村: one common word
        toks = [*toks[:-1], head, suf] if head else [*toks[:-1], suf]
        if len(head) >= 2:
            name = head
            if (lex.tags.get(name) == "ns" or name in GAZETTEER) and name not in _PLACE_STOP:
                spans.add(e - len(suf) - len(name), e, "place")
            return
    before = toks[:-1]
    if not before:
        return
    last = before[-1]
    if len(last) >= 2:
        if last in _PLACE_STOP or last in _PERSON_STOP or last in _GENERIC_PLACE_MODIFIERS:
            return
        if lex.tags.get(last) == "ns" or last in GAZETTEER:
            spans.add(s - len(last), e, "place")  # 东湖公园, 新塘路
        elif suf in _NOUN_PREFIX_SUFFIXES and len(last) == 2 and lex.tags.get(last, "n") in _PLACE_NAME_TAGS:
            spans.add(s - len(last), e, "place")  # 石门村, 人民路
        return
    if suf in _WEAK_PLACE_SUFFIXES:
        return
    run = _name_run(tuple(before), lex, limit=3)
    if len(run) >= 2 and not lex.common(run, 1):
        spans.add(s - len(run), e, "place")  # 陀烈村, 二钢社区


@lru_cache(maxsize=1)
def _gazetteer_re() -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, GAZETTEER), key=len, reverse=True)))


# -- persons ----------------------------------------------------------------

_AFTER_TITLE_RE = re.compile("|".join(sorted(map(re.escape, _AFTER_NAME_TITLES), key=len, reverse=True)))
_BEFORE_TITLE_RE = re.compile("|".join(sorted(map(re.escape, _BEFORE_NAME_TITLES), key=len, reverse=True)))
_COUNT_CUE = rf"(?:\d+|[{_CN_NUM}几]+)(?:位|名)"
_ETC_RE = re.compile(rf"等(?={_COUNT_CUE}|老师|同志|教师|职工|员工|选手|党员|干部|人|[，。、；])")
_NAME_END_RE = re.compile(
    r"[，。、；：！？,.;:!?（(）)\s“”]|同志|等|的|在|主持|作了|做了|担任|带领|讲话|发言|获|荣获|被|和|与|负责|为|同|代表|"
    r"介绍|说|表示|指出|强调|宣读|总结|参加|出席|任|当选|[作做讲致向对是也就到将要带率亲]|$"
)


def _name_ok(name: str, lex: _Lexicon, *, strong_context: bool) -> bool:
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
    if any(not _is_han(ch) or ch in _NAME_STOP for ch in given):
        return False
    if name in _PERSON_STOP or given in _PERSON_STOP:
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


def _spot_persons(text: str, spans: _Spans, lex: _Lexicon) -> None:
    ends: list[int] = []
    # 1. A name followed by a title or form of address: 某某某同志, 某某校长.
    for m in _AFTER_TITLE_RE.finditer(text):
        _name_before(text, m.start(), m.group(), spans, lex)
        ends.append(m.start())
    for m in _ETC_RE.finditer(text):
        _name_before(text, m.start(), "等", spans, lex)
    for m in _LEADING_RE.finditer(text):
        _name_before(text, m.start(), "的", spans, lex)
    # 2. A title followed by a name: 主席某某某.
    for m in _BEFORE_TITLE_RE.finditer(text):
        _name_after(text, m.end(), spans, lex)
    # 3. Enumerations: 甲某、乙某等7位教师; 甲某、乙某、丙某三位教师.
    ends.extend(m.start() for m in _ETC_ANY_RE.finditer(text))
    for m in _PERSONS_COUNT_RE.finditer(text):
        i = m.start()
        while i > 0 and (text[i - 1].isdigit() or text[i - 1] in _CN_NUM or text[i - 1] == "几"):
            i -= 1
        if i < m.start():
            ends.append(i)
    for e in sorted(set(ends)):
        if e >= 3 and "、" in text[max(0, e - 5) : e]:
            _enumeration_before(text, e, spans, lex)


_ETC_ANY_RE = re.compile("等")
# 在某某的带领下: the name ends before 的.
_LEADING_RE = re.compile(r"(?<=[\u4e00-\u9fff])的(?:带领|率领|领导|关心|指导|帮助|支持|关怀)")
_PERSONS_COUNT_RE = re.compile("[位名]")


def _name_before(text: str, end: int, title: str, spans: _Spans, lex: _Lexicon) -> bool:
    """A name that ends at ``end``, just before a title."""
    for k in (3, 2, 4):
        s = end - k
        if s < 0 or not spans.free(s, end):
            continue
        name = text[s:end]
        if not _name_ok(name, lex, strong_context=True):
            continue
        if k >= 3 and name[0] in _AMBIGUOUS_SURNAMES and _name_ok(name[1:], lex, strong_context=True):
            continue  # 向某某: prefer the shorter reading
        if (
            k == 3
            and s > 0
            and _is_han(text[s - 1])
            and text[s - 1] in SURNAMES
            and lex.common(text[s - 1 : s + 1], 50)
        ):
            continue
        spans.add(s, end, "person")
        return True
    # A surname alone: 刘老师, 王书记.
    s = end - 1
    if title in ("等", "的", "委员", "代表") or s < 0 or not spans.free(s, end):
        return False
    ch = text[s]
    if ch in SURNAMES and ch not in _AMBIGUOUS_SURNAMES:
        before = text[s - 1] if s else ""
        if not _is_han(before) or before in "的了和与及对向给让被由请是为在把将":
            spans.add(s, end + len(title), "person")
            return True
    return False


def _name_after(text: str, start: int, spans: _Spans, lex: _Lexicon) -> bool:
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
        if _NAME_END_RE.match(text, e):
            spans.add(start, e, "person")
            return True
    # No clear boundary: let jieba cut a small window (干部某某募捐 → 某某 / 募捐).
    window = text[start : start + 8]
    toks = _cut(window)
    first = toks[0] if toks else ""
    cand = ""
    if len(first) == 1:
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
        if len(t) != 1 or not _is_han(t) or t in _NAME_STOP or len(out) >= limit:
            break
        out.append(t)
    return out


def _enumeration_before(text: str, end: int, spans: _Spans, lex: _Lexicon) -> None:
    """``甲、乙、丙`` ending at ``end``: every item a 2–3 character name."""
    items: list[tuple[int, int]] = []
    e = end
    while e > 0:
        s = e
        while s > 0 and _is_han(text[s - 1]) and e - s < 5:
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


# -- the lexical pass (short texts) ------------------------------------------


def _spot_lexical(text: str, spans: _Spans) -> None:
    lex = _lexicon()
    pos = 0
    tagged = _tagged(text)
    for n, (word, flag) in enumerate(tagged):
        s, e = pos, pos + len(word)
        pos = e
        if _MASK in word or not spans.free(s, e) or not _is_han(word[0]):
            continue
        if len(word) == 1 and n + 1 < len(tagged) and _surname_and_given(word, *tagged[n + 1], lex):
            given = tagged[n + 1][0]
            if spans.add(s, e + len(given), "person", strong=False):
                continue
        if (flag.startswith("nr") or not flag) and _weak_person(word, lex):
            spans.add(s, e, "person", strong=False)
        elif (flag == "ns" or (not flag and word[-1] in _LEVEL)) and _weak_place(word, lex):
            spans.add(s, e, "place", strong=False)
        elif flag == "nt" and _weak_org(word):
            spans.add(s, e, "org", strong=False)


def _weak_person(word: str, lex: _Lexicon) -> bool:
    if not 2 <= len(word) <= 4 or word in _PERSON_STOP:
        return False
    if not (word[0] in SURNAMES or word[:2] in COMPOUND_SURNAMES):
        return False
    if any(not _is_han(ch) or ch in _NAME_STOP for ch in word[1:]):
        return False
    if lex.known(word):
        return len(word) <= 3 and lex.freq.get(word, 0) <= 20 and word[0] not in _AMBIGUOUS_SURNAMES
    return not (len(word) == 2 and word[0] in _AMBIGUOUS_SURNAMES)  # 应帮(尽帮)


def _surname_and_given(surname: str, given: str, tag: str, lex: _Lexicon) -> bool:
    """jieba's 杨/桂兰, 何/振华, 刘/彩霞: a surname on its own and a given name it knows as a word."""
    if surname not in SURNAMES or surname in _AMBIGUOUS_SURNAMES or not 1 <= len(given) <= 2:
        return False
    if any(not _is_han(ch) or ch in _NAME_STOP for ch in given) or given in _PERSON_STOP:
        return False
    freq = lex.freq.get(given, 0)
    if not tag:
        return len(given) == 2
    if tag in _PROPER_TAGS:
        return freq <= 3000
    if len(given) == 1:
        return tag in ("zg", "ng", "g")
    return tag in ("n", "a", "nz") and freq <= 100


def _weak_place(word: str, lex: _Lexicon) -> bool:
    if word in _PLACE_STOP or len(word) < 2 or word[0] in _DETERMINERS:
        return False
    if word[-2:] in _PLACE_STOP and word[:-2] in _GENERIC_PLACE_MODIFIERS:
        return False  # 文明城市, 和谐社区
    if word in GAZETTEER:
        return True
    return len(word) >= 3 and word[-1] in _LEVEL and not lex.common(word[-2:], 5)


_GENERIC_NT = frozenset(
    "党组织 党支部 党委 工会 联合会 党政机关 国家机关 中国共产党 共产党 党中央 中共中央 国务院 全国人大 人民政府 "
    "交友平台 党政工 统一安排 全国工会 中华全国总工会 全国总工会 工会组织 高级中学 商学院 音乐学院 文理学院 理工学院 "
    "卫生院 加工厂 中医药 商业银行 中央银行".split()
)


def _weak_org(word: str) -> bool:
    if word in _GENERIC_NT:
        return False
    return (len(word) >= 3 and word[0] in _LEVEL) or (len(word) >= 4 and word.endswith(_NAMED_ORG_ENDINGS))


_NAMED_ORG_ENDINGS = ("公司", "集团", "大学", "学院", "医院", "银行", "中学", "小学", "工厂", "厂", "研究所", "研究院")


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
    masked = _mask_template(phrase)
    has_digit = _DIGIT_RE.search(phrase) is not None
    spans = spot_facts(phrase)
    if spans:
        first = min(spans, key=lambda s: (_REASON_ORDER[s.kind], s.start))
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
    base = _REASONS[span.kind]
    return f"{base}「{span.text}」" if span.kind in _NAMED_REASONS else base


def _level_word(text: str) -> str | None:
    """全县, 我市, 县里, 区直, a lone 县 …: the phrase assumes the level of its unit."""
    for word, _tag in _tagged(text):
        if _LEVEL_WORD_RE.fullmatch(word):
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


# ---------------------------------------------------------------------------
# Corpus level: rare proper nouns, and the leak guard's token list

_PROPER_KINDS = frozenset({"person", "place", "org"})


def _proper_tokens(text: str) -> set[str]:
    """Proper-noun-like tokens of one report, by the rules only (fast)."""
    masked = _mask_template(text)
    spans = _Spans(text)
    _spot_rules(masked, spans, proper_only=True)
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
            if len(tok) < 2 or _PLACEHOLDER_RE.search(tok):
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
    lex = _lexicon()
    tag = lex.tags.get(term)
    if lex.common(term, 1) or (tag in ("nz", "nt", "i", "l", "j") and lex.freq.get(term, 0) >= 50):
        return True
    parts = [p for p in re.split(r"[、，,\s]+", term) if p]
    return len(parts) > 1 and all(p in _COMMON_TERMS or lex.common(p, 1) for p in parts)


# A level character and a generic body only: 县委, 镇政府, 市总工会.
_LEVEL_ONLY_ORG_RE = re.compile(
    rf"[{_LEVEL}](?:委|政府|人民政府|总工会|工会|纪委|党委|人大|政协|工委|委员会|妇联|团委|残联)"
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
    are only a level and a generic body (县委, 镇政府), and weak signals.
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
                if len(inner) >= _MIN_TITLE_INNER and not _common_term(inner) and not _PLACEHOLDER_RE.search(inner):
                    named.setdefault(inner, set()).add(i)  # the name without its 《》 may reach a draft too
    if named:
        seen_in = _occurrences(texts, list(named))
        out.update(t for t in named if len(seen_in[t]) <= 1)
    return sorted(out)


def _quoted_name(span: FactSpan) -> str | None:
    """The name inside a “quoted” span, unless it is vocabulary, a date or a placeholder."""
    inner = span.text[1:-1].strip()
    if len(inner) < 2 or _common_term(inner) or _PLACEHOLDER_RE.search(inner):
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
    if _PLACEHOLDER_RE.search(text) or "〔X〕" in text:
        return None
    if kind == "number":
        text = re.sub(r"\s+", "", text)
        if re.search(rf"[{_HAN}%％‰℃]", text):
            return text
        digits = re.sub(r"\D", "", text)
        if len(digits) < 3 or re.fullmatch(r"(?:19|20)\d\d", text):
            return None  # a bare 1–2 digit number may be a day of the draft's date; a bare year likewise
        return text
    if kind == "quoted":
        return _quoted_name(span)
    if kind in ("org", "place"):
        return None if _LEVEL_ONLY_ORG_RE.fullmatch(text) else text
    if kind == "count" and _lexicon().freq.get(text, 0) >= _COMMON_COUNT_FREQ:
        return None  # 三个, 两次, 五年: so common that generic wording may hold them (三个代表)
    return text  # person, count, year_ref


_COMMON_COUNT_FREQ = 2000
# A title's inner text is listed too when it is this long: shorter ones are
# often common names of laws and rules (工会章程, 若干规定).
_MIN_TITLE_INNER = 6
