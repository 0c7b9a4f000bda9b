"""Word lists of the fact spotter: surnames, titles, organisation and place suffixes, a gazetteer.

General Chinese, written for drafter, not taken from any sample; the
patterns built from them (organisation and place suffixes) live here too.
Used by :mod:`drafter.learn.factnames` and :mod:`drafter.learn.facttokens`.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# Character classes and word lists (general Chinese, not taken from samples)

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CN_NUM = "〇零一二两三四五六七八九十百千万亿"
CN_SMALL = "一二三四五六七八九"
LEVEL = "省市县区州盟旗乡镇村"

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
AMBIGUOUS_SURNAMES = frozenset(
    "于和向从由来都那相平全应区位原南海花强计信富国门云成时文安常明万方白金石路连车干但元包管关农司古吉简项"
    "景党宫费冷席师商沙荣甘支巴丰利居斯衣展智幸公高华阳单解查乐南敬初容普战危玉银宾利呼居揭束信展阴智奉植衡富"
)
# Characters that do not occur in given names: function words, titles, units.
NAME_STOP = frozenset(
    "的了是在和与及等们个位名为对把被从向给让由将就都也还又再并而或之其这那该各每某本我你他她它者所以于到说做有"
    "无不没很最更已会要能可请老师校任书记席员委部局处科股组队班级届次项场年月日时教职党团议获奖县市区省镇乡村"
    "里内外上下中前后左右来去过着得地使且但如若即此共约近达余多少几第副正兼原代"
)
AFTER_NAME_TITLES = (
    "同志 老师 校长 副校长 主任 副主任 书记 副书记 主席 副主席 院长 副院长 局长 副局长 部长 科长 处长 股长 组长 队长 "
    "经理 总经理 董事长 厂长 所长 站长 县长 市长 镇长 乡长 村长 区长 省长 教授 教练 医生 大夫 护士长 师傅 先生 女士 "
    "会计 园长 馆长 社长 秘书长 主管 班长 委员 记者 律师 工程师 技师 干事 同学"
).split()
BEFORE_NAME_TITLES = (
    "校长 主任 书记 主席 院长 局长 部长 科长 处长 组长 队长 经理 董事长 厂长 所长 站长 委员 老师 教师 同志 会计 选手 "
    "本人 我叫 述职人 报告人 职工 员工 代表 负责人 联系人 主持人 党员 干部 护士 医生 技师 工程师 班主任 师傅 获得者 获奖者"
).split()

# Common words that start with a surname and that jieba may tag as a name, or
# that a context rule could take for one; and names that are common vocabulary
# (雷锋精神, 马克思主义).
PERSON_STOP = frozenset(
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
ORG_SUFFIX_SET = frozenset(_ORG_SUFFIXES)
BARE_SUFFIXES = frozenset(
    "委 总工会 教育工会 工会 工委 纪委 党委 政府 人民政府 人大 政协 宣传部 组织部 统战部 政法委 教育局 公安局 财政局 "
    "人社局 民政局 文广新局 广电局 妇联 团委 残联 科协 侨联 工商联 法院 检察院".split()
)
# What may follow an organisation and still belong to it (县委 + 宣传部).
ORG_CONTINUATION_RE = re.compile(
    r"宣传部|组织部|统战部|政法委|办公室|党组|纪委|机关工委|总工会|工会|直属机关工委|[县市区镇乡]?(?:人民)?政府"
)
ORG_RE = re.compile(rf"(?P<lvl>[{LEVEL}])(?P<mid>[{HAN}]{{0,6}}?)(?P<suf>{'|'.join(map(re.escape, _ORG_SUFFIXES))})")
NAMED_ORG_RE = re.compile(
    r"股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|中学|小学|大学|学院|幼儿园|医院|卫生院|工厂|厂|矿|酒店|宾馆|银行"
)
NOUNISH_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "nrt", "vn", "j", "b", "an", "ng", "l", "nrfg", "s"})

# Places.
_PLACE_SUFFIXES = sorted(
    "省 市 县 区 州 盟 旗 镇 乡 村 屯 寨 街道 街 路 大道 巷 公园 广场 社区 小区 新区 开发区 园区 景区 湖 山 河 江 岛 湾".split(),
    key=len,
    reverse=True,
)
PLACE_SUFFIX_RE = re.compile("|".join(map(re.escape, _PLACE_SUFFIXES)))
WEAK_PLACE_SUFFIXES = frozenset("湖 山 河 江 岛 湾".split())  # need a dictionary place name before them
# After these a common noun may be the name (石门村, 人民路); after the others
# (工业区, 文化广场, 贫困县) it is usually a description.
NOUN_PREFIX_SUFFIXES = frozenset("村 社区 路 大道 巷 镇 乡 屯 寨 公园 广场".split())
PLACE_NAME_TAGS = frozenset({"n", "nz", "ns", "nr", "nrt", "nrfg", "j", "ng"})
GENERIC_PLACE_MODIFIERS = frozenset(
    "重点 试点 示范 文明 先进 贫困 困难 移民 帮扶 结对 对口 联系 包保 扶贫 美丽 和谐 平安 幸福 特色 生态 旅游 城中 "
    "城郊 边远 偏远 山区 农业 工业 新型 中心 所在 民族 少数民族 行政 自然 空心 老旧 商品 安置 文化 绿色 智慧 数字 "
    "学习型 服务型 基层 农村 城市 城镇 乡村 周边 附近 全部 所有 部分 各个 每个 整个 一般 普通 社会 居民 群众 职工 "
    "企业 学校 单位 机关 医院 公司 工厂 校园 家庭 老年 儿童 青年 妇女 学生 教师 干部 党员 志愿者 农民 工人 "
    "网格 片区 社区 园区 景区 乡镇 街道 城区 新区 老区 红色 健康 卫生 法治 诚信 书香 森林 湿地 "
    "主题 体育 休闲 文体 市民 地质 遗址 郊野 口袋 街心 音乐 科技 创业 产业 物流 广电".split()
)
# Single-character tokens that end a run of name characters.
FUNCTION_TAGS = frozenset(
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
DIRECTION_AREAS = frozenset("东区 西区 南区 北区".split())  # 米东区: the name ends in a direction
# Place-tagged words that are ordinary report language.
PLACE_STOP = frozenset(
    "中国 中华 全国 祖国 国家 国内 国外 海外 境内 境外 省内 省外 本地 当地 各地 外地 城市 城镇 乡镇 乡村 农村 山区 山村 "
    "社区 小区 美丽 海洋 上台 上岗 新建 福利 神圣 平平安安 大门口 东西 南北 东南 西北 西南 东北 平原 高原 江湖 江山 "
    "山河 山水 大海 高山 太平 太阳 英雄 爱国 建国 开国 共和国 王国 大国 回国 上市 治安 长度 深度 新鲜 古典 普及 商城 "
    "青春 云集 日志 中路 西门 长大 上马 阴阳 莫非 庆典 朝廷 北约 中原 江南 天下 人间 世界 全球 国际 中央 地方 基层 "
    "一线 前线 东方 西方 南方 北方 中部 东部 西部 南部 北部 沿海 内地 边疆 前沿 太极 四环 多角度 东区 西区 南区 北区 "
    "新区 老区 灾区 景区 园区 城区 市区 郊区 辖区 片区 校区 厂区 矿区 林区 牧区 库区 特区 开发区 新农村 新城".split()
)

DETERMINERS = "全我本该各每外此"
FUNCTION_CHARS = "和与及同跟在于到从向对为把被给让由将是的了之"

GENERIC_NT = frozenset(
    "党组织 党支部 党委 工会 联合会 党政机关 国家机关 中国共产党 共产党 党中央 中共中央 国务院 全国人大 人民政府 "
    "交友平台 党政工 统一安排 全国工会 中华全国总工会 全国总工会 工会组织 高级中学 商学院 音乐学院 文理学院 理工学院 "
    "卫生院 加工厂 中医药 商业银行 中央银行".split()
)


NAMED_ORG_ENDINGS = ("公司", "集团", "大学", "学院", "医院", "银行", "中学", "小学", "工厂", "厂", "研究所", "研究院")
