"""Detect and undo machine "spun" wording (伪原创 synonym spinning).

Text scraped from sample sites has often been run through a synonym spinner
that swaps common words for near-synonyms that read oddly in an official
report: 进取 for 积极 ("进取参加"), 供给 for 提供 ("供给了有力保障"), 本事 for
能力 ("执政本事"), 情景 for 情况 ("完成情景"), 十分时期 for 特殊时期 …
If phrasing is learned from such text, drafts inherit the oddities.

Every spun form is also an ordinary word, so each substitution has context
rules, written as patterns around the word (``@`` stands for it):

* ``exclude``: contexts where the word is used legitimately (自我批评,
  开拓进取, 异常情况, 学习资料, 经过努力, 由…构成 …); such an occurrence is no
  hit at all;
* ``positive``: contexts that show the spin, each with a confidence
  (进取地, 异常是, 供给了, 情景汇报 …);
* ``default``: the confidence of any other occurrence, or ``None`` when the
  word is far more often legitimate (经过, 坚持, 最终, 必须 are hits only in a
  positive context).

Hits with ``confidence >= REPAIR_AT`` are repaired by ``repair``; a sentence
that still holds a weaker hit is doubtful, and ``sentence_ok`` says so, so the
learner can leave that sentence out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "REPAIR_AT",
    "SpunHit",
    "find_spun",
    "is_spun_heavy",
    "repair",
    "sentence_ok",
]

REPAIR_AT = 0.7  # hits at or above this confidence are replaced by repair()
HEAVY_MIN_HITS = 3  # is_spun_heavy: at least this many confident hits,
HEAVY_MIN_FORMS = 2  # of at least this many different spun words,
HEAVY_PER_1000 = 1.0  # and at least this many per 1000 characters

_LEFT = 16  # characters of left context a rule sees
_RIGHT = 48  # characters of right context a rule sees

# Clause-internal filler: anything up to the next sentence-level stop.
_CLAUSE = r"[^。；！？\n]"
_PHRASE = r"[^，。；！？\n]"


@dataclass(frozen=True)
class SpunHit:
    """One spun word in a text: ``text[start:end] == found``."""

    start: int
    end: int
    found: str
    original: str
    confidence: float


@dataclass(frozen=True)
class _Context:
    left: re.Pattern[str] | None
    right: re.Pattern[str] | None

    def matches(self, left: str, right: str) -> bool:
        if self.left is not None and not self.left.search(left):
            return False
        return self.right is None or bool(self.right.match(right))


def _ctx(pattern: str) -> _Context:
    """Compile "A@B": A must end the left context, B must start the right one."""
    a, _, b = pattern.partition("@")
    return _Context(
        left=re.compile(f"(?:{a})$") if a else None,
        right=re.compile(f"(?:{b})") if b else None,
    )


@dataclass(frozen=True)
class _Rule:
    found: str
    original: str
    exclude: tuple[_Context, ...]
    positive: tuple[tuple[_Context, float], ...]
    default: float | None

    def confidence(self, left: str, right: str) -> float | None:
        if any(c.matches(left, right) for c in self.exclude):
            return None
        best: float | None = None
        for c, conf in self.positive:
            if c.matches(left, right) and (best is None or conf > best):
                best = conf
        return best if best is not None else self.default


def _rule(
    found: str,
    original: str,
    *,
    exclude: tuple[str, ...] = (),
    positive: tuple[tuple[str, float], ...] = (),
    default: float | None = None,
) -> _Rule:
    return _Rule(
        found=found,
        original=original,
        exclude=tuple(_ctx(p) for p in exclude),
        positive=tuple((_ctx(p), c) for p, c in positive),
        default=default,
    )


_RULES: tuple[_Rule, ...] = (
    _rule(
        "进取",
        "积极",
        exclude=(
            "(开拓|锐意|积极|奋发|勇于|求实|务实|团结|拼搏|思|努力|勤奋|昂扬|不断|奋勇|敬业|创新|向上|有为|和|与|、)@",
            "@(心|精神|意识|向上|有为|之心|的精神|型|、)",
        ),
        positive=(
            (
                "@(地|参加|参与|响应|组织|开展|工作|支持|配合|完成|推进|提出|主动|加入|捐|投身|落实|争取|探索|"
                "做好|应对|坚持|广泛|发挥|推动|引导|协调|反映|帮助|帮忙|投入|动员|行动|作用|稳妥|向上级|"
                "建言|献策|调整|适应|开拓)",
                0.9,
            ),
            ("@性", 0.75),
        ),
        default=0.45,
    ),
    _rule(
        "异常",
        "特别",
        exclude=(
            "(出现|发现|无|有|没有|情况|数据|指标|检查|处理|报告|监测|排查|是否)@",
            "@(情况|现象|波动|天气|数据|信息|状态|行为|变化|问题|事件|气候|值|指标|的情况|的现象|情形|"
            "艰苦|艰巨|激烈|复杂|困难|严峻|繁重|活跃|热烈|兴奋|火爆|紧张|顺利|高涨|踊跃|反应|处理)",
        ),
        positive=(
            ("@是", 0.95),
            (
                "@(重视|关注|关心|关爱|感谢|感激|注重|强调|要|需要|值得|提醒|注意|突出|优秀|表彰|邀请|致谢|"
                "鸣谢|各位|向|对|在|为|贡献|奖)",
                0.85,
            ),
        ),
        # as an adverb before adjectives (异常艰巨, 异常炎热) it is ordinary
        # written Chinese, so other occurrences are no hit
    ),
    _rule(
        "本事",
        "能力",
        exclude=("(真|硬|一身|看家|过硬|拿手|长)@", "@(高强|大|不小)"),
        default=0.85,  # colloquial; in a formal report almost always spun
    ),
    _rule(
        "供给",
        "提供",
        exclude=(
            "(物资|能源|电力|粮食|水|热|气|医疗|市场|有效|公共|商品|资金|货币|住房|土地|药品|血液)@",
            "@(侧|制|量|结构|体系|需求|与需求|和需求|能力|端|链|不足|短缺|紧张|充足|保障体系)",
        ),
        positive=(
            (
                "@(了|着|过|有力|坚强|坚实|良好|优质|优良|更好|便利|方便|必要|充足的|支持|保障|服务|帮助|平台|"
                "信息|场地|资金|经费|条件|咨询|岗位|机会|渠道|参考|依据|民意|技术|法律|一个|一些|各种|各类|"
                "免费|安全|决策|给)",
                0.9,
            ),
            (f"为{_PHRASE}{{0,20}}@", 0.85),
        ),
        default=0.5,
    ),
    _rule(
        "礼貌",
        "文明",
        exclude=(
            "(讲|懂|懂得|有|不|文明|很|有礼|热情|懂礼|没|讲究)@",
            "@(待人|用语|礼仪|谦让|周到|地|热情|服务|接待|、热情|问候|相待)",
        ),
        positive=(
            (
                "@(城市|创建|创立|出行|单位|家庭|村|校园|社区|建设|新风|风尚|程度|素质|办公|施工|行为|交通|乡风|"
                "守法|实践|标兵|岗|窗口|科室|处室|班组|职工|餐桌|上网|祭祀|旅游|养犬)",
                0.9,
            ),
            ("(精神|物质|政治|生态|社会|两个)@", 0.85),
        ),
        default=0.4,
    ),
    _rule(
        "情景",
        "情况",
        exclude=(
            "@(剧|模拟|教学|再现|交融|喜剧|对话|式|演练|化|体验|短剧|表演|剧场|创设|设置|描写|中|之中|里)",
            "(创设|模拟|设置|再现|此|真实|动人|感人|热烈|欢乐|温馨|壮观|美好|的)@",
            f"(呈现|展现|展示|描绘|再现|回忆|想起|看到|见到|一派|一幅){_PHRASE}{{0,12}}@",
        ),
        positive=(
            (
                "(完成|落实|执行|开展|进展|工作|学习|基本|具体|实际|身体|思想|经营|生产|签到|出勤|财务|收支|使用|"
                "有关|相关|到位|运行|实施|整改|办理|贯彻|发展|健康|家庭|困难|经济|收入|安全|动态)@",
                0.9,
            ),
            ("@(汇报|如下|报告|良好|很好|较好|说明|通报|介绍|和问题|及问题|汇述|述职|进行)", 0.9),
            ("生活@", 0.75),
            ("[”》」]@", 0.75),
        ),
        default=0.5,
    ),
    _rule(
        "资料",
        "内容",
        exclude=(
            "(学习|档案|收集|搜集|整理|查阅|查找|宣传|图书|文字|培训|相关|参考|台账|文件|会议|技术|基础|历史|"
            "影像|音像|图片|视频|发放|提供|报送|申报|有关|书面|原始|备案|存档|建档|归档|复习|教学|辅导|印发|"
            "编印|汇编|阅读|个人|人事|证明|申请|背景|文献|统计|调查|评估|验收|考核|会计|财务|工程|竣工|职工|会员|"
            "人员|学生|教师|基本|身份|户籍|参赛|申报的|借阅|图文|电子|纸质|有关的)@",
            "@(室|库|员|费|袋|夹|柜|盒|汇编|归档|整理|收集|齐全|完整|完备|规范|翔实|详实|详细|准确|真实|"
            "存档|管理|片|卡|上报|报送)",
        ),
        positive=(
            (
                "@(、形式|和形式|与形式|丰富|健康|充实|新颖|涵盖|包括|主要|具体|单一|空洞|多样|生动|贴近|实在|"
                "不断|为|是)",
                0.85,
            ),
            ("(工作|制度|主要|部分|以下|具体|重点|主题|公开|公示|协商|合同|讲话|节目|课程)@", 0.85),
        ),
        default=0.45,
    ),
    _rule(
        "构成",
        "形成",
        exclude=(
            f"由{_PHRASE}{{0,14}}@",
            "(人员|年龄|队伍|结构|学历|职称|性别|收入|成本|人口|资产|股权|费用)@",
            f"@{_PHRASE}{{0,20}}(组成部分|要素|犯罪|威胁|比例|成分|要件|违法|违纪|侵权|主体)",
        ),
        positive=(
            (
                f"@{_CLAUSE}{{0,40}}(氛围|态势|局面|格局|合力|机制|共识|风气|热潮|风尚|习惯|特色|品牌|良性|"
                "长效|常态|声势|链条|传统|共振)",
                0.85,
            ),
        ),
        default=0.45,
    ),
    _rule(
        "自我",
        "自己",
        exclude=(
            "@(批评|教育|管理|服务|约束|提高|完善|发展|保护|价值|介绍|修养|监督|革命|加压|净化|革新|评价|"
            "实现|调节|调适|激励|学习|剖析|反省|反思|检查|要求|提升|意识|认知|成长|防护|感觉|陶醉|封闭|"
            "表现|中心|肯定|否定|欣赏|超越|突破|挑战|牺牲|奉献|展示|认同|更新|进化|驱动|诊断|评估|规范|"
            "治理|调整|提醒|鉴定|总结|成就|定位|认识|控制|心理|暗示|满足|修炼|锤炼|磨练|磨炼|加强|改造|"
            "解剖|鞭策|防范|保健|救护|救助|救援|主义|为中心|、)",
            "(超越|挑战|展示|展现|实现|提升|完善|战胜|突破|认识|表现|迷失|保护|否定|肯定|丰富|充实|修炼|"
            "约束|剖析|解剖|审视|反省|忘|无|本|真|小|大|、)@",
        ),
        positive=(
            (
                "@(的|是|职责|生命|明确|更好|聪明|贡献|家人|本职|工作|一份|身上|手里|心里|做起|出发|能力|本事|"
                "也|就|都|还|已经|要|在|所|和|与|对|把|为|去|能)",
                0.9,
            ),
            ("(我|你|他|她|们|让|使|给|对|为|把|指导|想想|不顾|忘记|不忘|严格要求|要求)@", 0.85),
        ),
        default=0.6,
    ),
    _rule(
        "十分",
        "特殊",
        positive=(("@时期", 0.95), ("@(群体|津贴|人群|教育学校)", 0.85)),
    ),
    _rule(
        "经过",
        "通过",
        exclude=(
            "@(努力|多年|几年|一年|半年|一段|长期|反复|不懈|艰苦|认真|精心|大家|全体|共同|激烈|层层|严格|"
            "慎重|充分|深入|多次|数|近|约|一|两|三|几|这段|此地|此处|的|了|时间|培训|考试|检查|审核|讨论|"
            "研究|协商|批准|同意|选举|比较|测算|论证|调查|实践|治疗|抢救)",
        ),
        positive=(
            (
                "@(开展|举办|组织|召开|搭建|建立|采取|实施|推行|利用|借助|运用|设立|开设|创办|这些|以上|上述|"
                "此次|本次|这次|一系列|各种|多种|举行|深化|推进|加强|宣传|签订|完善|强化|健全|落实|抓好|印发|"
                "下发|张贴|播放|设置|评选|开辟|创新|发挥|区直|各种形式)",
                0.85,
            ),
            (
                f"@{_PHRASE}{{0,20}}(平台|形式|方式|途径|渠道|载体|手段|网络|媒体|微信|板报|宣传栏|公开栏|展板|专栏)",
                0.85,
            ),
        ),
    ),
    _rule(
        "坚持",
        "保持",
        positive=(
            ("@(高度)?一致", 0.85),
            ("@良好", 0.8),
            (
                f"@{_PHRASE}{{0,10}}(旺盛|精神状态|势头|纯洁|清醒|持久|本色|心胸|心态|昂扬|蓬勃|警惕|先进性|韧劲|"
                "定力|稳定增长|稳步增长|平稳)",
                0.8,
            ),
        ),
    ),
    _rule(
        "最终",
        "最后",
        exclude=(
            "@(目标|结果|成绩|实现|形成|取得|获得|达到|完成|确定|成为|产品|用户|解释|决定|审定|都|将|会|也|的|版|稿)",
        ),
        positive=(
            ("(到|直到|坚持到)@", 0.9),
            ("@(一|1)", 0.85),
            ("@(要(特别|异常|感谢|感激|说|向|提)|我|请|再|祝|衷心|感谢|感激|向)", 0.85),
        ),
    ),
    _rule(
        "感激",
        "感谢",
        exclude=(
            "@(之情|不尽|涕零|地|的心|之心|万分|不已|的泪|在心|于心|和|与|、)",
            "(心存|满怀|怀着|充满|心怀|无比|万分|深表|表示|非常|十分|很|由衷|心里|心中|懂得|学会|倍感|深感|"
            "感到|很是|特别|无限)@",
        ),
        default=0.8,  # used transitively ("感激各位领导") it stands for 感谢
    ),
    _rule(
        "一向",
        "一直",
        exclude=(
            "@(重视|关心|注重|认真|严格|支持|关注|以|好|很|是|热心|积极|勤|如此|如|低调|平易|为人|对|主张|认为|"
            "反对|赞成|喜欢|不)",
        ),
        positive=(("@(在|坚持|到|以来|把|从|没有|未|都在|持续|保持|努力|不断|致力|奋战|工作)", 0.8),),
        default=0.5,
    ),
    _rule(
        "必须",
        "一定",
        exclude=("@的[。，；！？”]",),
        positive=(
            ("@的", 0.85),
            (
                "@(成绩|成效|程度|距离|差距|进展|经验|基础|影响|作用|数量|比例|规模|难度|范围|效果|成果|贡献|条件|"
                "水平|困难|压力|知名度|成就|好转|改观)",
                0.85,
            ),
            ("(取得|取得了|在|具备|具有|存在|做出|作出|起到|有了)@", 0.85),
        ),
    ),
    _rule(
        "梦想",
        "理想",
        positive=(("@(信念|和信念|与信念)", 0.95), ("(主义|共产主义)@", 0.85)),
    ),
    _rule(
        "提议",
        "建议",
        positive=(("@(和意见|与意见|、意见|及意见)", 0.9), ("(意见和|意见与|意见、|意见及|合理化)@", 0.9)),
    ),
    _rule(
        "仅有",
        "只有",
        positive=((f"@{_CLAUSE}{{0,25}}[，,]{_PHRASE}{{0,6}}才(能|会|可以|是|有|得以|能够|算)", 0.9),),
    ),
    _rule("一齐", "一起", default=0.75),
    _rule("不一样", "不同", default=0.75),
    _rule(
        "午时",
        "下午",
        positive=(("(周[一二三四五六日天]|星期[一二三四五六日天]|每天|当天|今天|明天|昨天|次日|日)@", 0.9),),
    ),
    _rule("应对面", "面对面", positive=(("@(、|地|交流|沟通|心贴心|，心贴心)", 0.9),)),
    _rule("帮忙", "帮助", exclude=("帮@", "@(的话|不上)"), default=0.75),
    _rule("多谢", "谢谢", positive=(("@(大家|各位|您|你们)", 0.8),)),
    _rule(
        "共享",
        "分享",
        positive=(
            ("(与大家|和大家|同大家|与各位|和各位|同各位|跟大家)@", 0.85),
            ("@(心得|体会|喜悦|快乐|感悟)", 0.8),
        ),
    ),
    _rule(
        "题目",
        "问题",
        exclude=("(考试|论文|演讲|比赛|征文|竞赛|课题|答题|试卷|作文)@",),
        positive=(
            ("(存在的|存在|发现的|发现|解决|实际|突出|主要|重大|热点|难点|这些|一些|此类|反映的|反映)@", 0.85),
            ("@(和不足|与不足|及不足)", 0.85),
        ),
    ),
    _rule(
        "创立",
        "创建",
        positive=(
            ("(城市|礼貌|文明|卫生|双拥|平安|达标|示范|迎检|争创)@", 0.85),
            ("@(服务型|学习型|创新型|节约型|文明|卫生|平安|和谐|全国|省级|市级|国家级|示范|达标)", 0.8),
        ),
    ),
    _rule(
        "改善",
        "改进",
        positive=(("@(机关)?(工作)?作风", 0.85), ("@(工作方法|工作方式|服务方式)", 0.7)),
    ),
)

_FINDER = re.compile("|".join(sorted({re.escape(r.found) for r in _RULES}, key=len, reverse=True)))
_BY_FOUND: dict[str, tuple[_Rule, ...]] = {}
for _r in _RULES:
    _BY_FOUND[_r.found] = (*_BY_FOUND.get(_r.found, ()), _r)


def find_spun(text: str) -> list[SpunHit]:
    """All spun words in ``text`` with their likely original, in text order."""
    hits: list[SpunHit] = []
    pos = 0
    while True:
        m = _FINDER.search(text, pos)
        if m is None:
            break
        s, e = m.span()
        left = text[max(0, s - _LEFT) : s]
        right = text[e : e + _RIGHT]
        best: SpunHit | None = None
        for rule in _BY_FOUND[m.group()]:
            conf = rule.confidence(left, right)
            if conf is not None and (best is None or conf > best.confidence):
                best = SpunHit(s, e, rule.found, rule.original, conf)
        if best is not None:
            hits.append(best)
        pos = s + 1  # overlapping forms (e.g. 自我 inside 我自我) are all tried
    return _drop_overlaps(hits)


def _drop_overlaps(hits: list[SpunHit]) -> list[SpunHit]:
    """Of overlapping hits (sorted by start) keep the more confident one."""
    kept: list[SpunHit] = []
    for h in hits:
        if kept and h.start < kept[-1].end:
            if h.confidence > kept[-1].confidence:
                kept[-1] = h
            continue
        kept.append(h)
    return kept


def repair(text: str) -> str:
    """``text`` with every confident hit replaced by its original word."""
    out: list[str] = []
    pos = 0
    for h in find_spun(text):
        if h.confidence >= REPAIR_AT:
            out.append(text[pos : h.start])
            out.append(h.original)
            pos = h.end
    out.append(text[pos:])
    return "".join(out)


def sentence_ok(sentence: str) -> bool:
    """False if the sentence holds a spun word that ``repair`` would not fix.

    Confident hits are repairable and do not count against the sentence, so
    this may be asked before or after ``repair``.
    """
    return all(h.confidence >= REPAIR_AT for h in find_spun(sentence))


def is_spun_heavy(text: str) -> bool:
    """Does the text look machine-spun as a whole (not just one odd word)?"""
    confident = [h for h in find_spun(text) if h.confidence >= REPAIR_AT]
    if len(confident) < HEAVY_MIN_HITS:
        return False
    if len({h.found for h in confident}) < HEAVY_MIN_FORMS:
        return False
    return len(confident) * 1000 / max(len(text), 1) >= HEAVY_PER_1000
