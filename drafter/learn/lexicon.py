"""The union-work lexicon: terms and their weight for each work category.

Written from general knowledge of Chinese trade-union work (duties of a 基层工会
in schools, enterprises, hospitals, offices and townships), not from the
bundled samples.  The classifier votes with it (:mod:`drafter.learn.classify`)
and :mod:`drafter.learn.segment` adds its compounds to jieba.
"""

from __future__ import annotations

# The lexicon, written from general knowledge of union work.  One line per
# weight: "weight  term term …"; a term may appear under several categories.
_TABLES: dict[str, str] = {
    # democratic management, rights, staff voice
    "民主建设": """
4.0  职代会 教代会 职工代表大会 教职工代表大会 职工大会 教职工大会 工资集体协商
3.5  厂务公开 校务公开 院务公开 企务公开 局务公开 集体合同 集体协商 平等协商
3.0  民主管理 民主监督 工资协商 专项集体合同 职工董事 职工监事
2.5  政务公开 村务公开 事务公开 民主参与 民主决策 民主投票 民主选举 提案 职工代表 教职工代表
     代表提案 维权 和谐劳动关系 劳动争议 知情权 参与权 监督权 财务公开 参政议政 代表巡视
     劳动法律监督
2.0  员工代表 合法权益 劳动关系 劳动合同 公开栏 民主恳谈 主人翁 职工诉求
1.5  民主评议 公示 透明度 征求意见 听取意见 合理化建议 重大决策 民意 法律援助 劳动保护 职工意见
1.0  决策 诉求 权益
0.6  民主 意见 建议
""",
    # training, skills, competitions, ethics, discipline, the union's own build-up
    "队伍建设": """
3.5  劳动竞赛 技能比武 技能竞赛 组建工会 作风整顿
3.0  岗位练兵 技术比武 师德 业务学习 业务培训 技能培训 岗位培训 劳模 劳动模范 发展会员 入会率
     建会 工会代表大会 会员代表大会 作风建设 工会组织建设 师德师风 建家 职工之家建设 教工之家 会员评家
     会员实名制
2.5  大练兵 比武 师风 工匠 技术能手 岗位能手 导师带徒 工人先锋号 巾帼建功 入会 自身建设 换届
     创新工作室 教学基本功 队伍建设 工作作风 加入工会 职业技能
2.0  培训 练兵 技术创新 师徒 传帮带 创先争优 安康杯 职业道德 业务素质 业务水平 专业水平 业务能力
     继续教育 教研 公开课 观课 基本功 工会干部 改选 会员大会 干部队伍 职工队伍 教师队伍 人才培养 优质课
     汇报课 示范课 赛课 青蓝工程 教学比赛 专业成长
     知识型职工 作风 考勤 请销假 行风 模范职工之家 读书笔记 技术革新 医德医风 医德 岗位技能
     技术攻关 经费管理
1.5  技能 课改 工会委员 工会小组 组织建设 签到 责任心 责任感 敬业 服务意识 学习型组织 规范化建设
     经费审查 带徒 先进典型 职工素质 工会经费 会费 财务管理
1.2  素质 会员 选举 工会委员会 纪律 人才 先进个人 先进事迹 评先 评优
1.0  本领 值班 安全生产 规章制度 模范 职工之家 职工书屋 后备干部
0.8  职责 调研
0.6  能力 表彰 学习型
0.4  创新
0.25 学习
""",
    # welfare, care, women staff
    "生活保障": """
3.5  送温暖 金秋助学 困难帮扶 医疗互助 两癌筛查 疗休养 爱心妈咪小屋 母婴室
3.0  困难职工 困难教职工 困难员工 困难教师 体检 健康体检 大病救助 送清凉 生日会 帮扶救助 互助保障
     职工互助 托管班
2.5  慰问 慰问金 走访慰问 节日慰问 疗养 互助金 助学 福利 防暑降温 婚恋 生日 哺乳 妇科 职工食堂
     工作餐 帮困 特困 普惠
2.0  帮扶 看望 探望 保险 互助 救助 补助 女职工 女教工 女教职工 女员工 女工委 交友 食堂 托管
     职工生活 生活困难 慰问品 女职工委员会 住院 生育 会员服务 会员卡
1.5  女工 三八 妇女节 单身 补贴 关爱 离退休 心理咨询 心理疏导 减压 子女 午餐 蛋糕 暖心 再就业
     生病 病故 去世 家属
1.0  温暖 实事 退休 身心健康 困难 生活保障 健康
0.5  生活 爱心 春节 中秋
""",
    # culture, sports, trips, contests
    "文体活动": """
3.0  运动会 趣味运动会 文体活动 联欢 联欢会 篮球赛 春游 秋游 演讲比赛 文艺汇演 猜灯谜 拔河比赛
     运动队
2.5  篮球 足球 排球 乒乓球 羽毛球 拔河 健美操 棋牌 球赛 文体 文化体育 汇演 歌咏 合唱 书画 摄影
     演讲 朗诵 旅游 踏青 郊游 观影 文化生活 文化广场 游园 灯展 灯谜 游艺 兴趣小组 健步走 广场舞
     文艺演出 红歌 联谊会
2.0  跳绳 踢毽 广播操 太极 登山 徒步 长跑 游泳 象棋 围棋 门球 台球 健身 体育 文艺 演出 晚会
     团拜会 联谊 唱歌 舞蹈 书法 征文 知识竞赛 游览 电影 读书活动 业余文化 校园文化 彩灯 篝火
     画展 书画展 比赛 展演 文化活动 俱乐部 诗歌
1.5  企业文化 业余生活 趣味 元宵 文化 协会 参观 职工书屋 展览 丰富多彩 大赛
1.0  职工之家 身心健康 三八
0.8  竞赛
0.5  中秋 春节 凝聚力
0.15 活动
""",
    # party building, discipline, political study, publicity, stability, duties
    # outside the union, public charity, problems and plans
    "其他": """
3.5  三会一课 党风廉政 八项规定 维稳 主题党日 民主生活会 发展党员 预备党员
3.0  党建 党课 纪委 纪检 廉政 廉洁自律 反腐 四风 政治学习 中心组 政治建设 信访 上访 综治 移民
     抗旱 防汛 抗洪 驻村 脱贫 计划生育 计生 结扎 危房 征地 拆迁 招商 创卫 扫黑 精准扶贫 存在问题
     存在的问题 存在不足 问题和不足 下一步 工作打算 工作设想 临时性工作 领导交办 入党 党内 党员发展 工作计划
2.5  党组织 党支部 共产党员 党务 组织生活 党风 廉洁 理论学习 政治理论 会议精神 全会 讲话精神
     路线方针 科学发展观 马克思主义 先进性 意识形态 宣传部 宣传报道 社会稳定 矛盾纠纷 治安 扶贫
     乡村振兴 新农村 文明城市 文明创建 募捐 献血 慈善 救灾 灾区 疫情防控 防疫 不足之处 新的一年
     打算 努力方向 差距 工作思路 党风建设
2.0  党员 党员干部 宣传 采访 标语 横幅 禁令 服务大局 政治素质 思想建设 大会精神 十八大 十九大
     二十大 世界观 人生观 明察暗访 志愿服务 捐款 捐赠 捐物 抗震 项目建设 环境卫生 办公室工作 明年
     来年 更高的要求 有待加强 有待提高 招商引资 防火 森林防火 禁毒 创城 党性 党的 道德讲堂
     精神文明 文明单位 共青团 团委
1.5  报道 新闻 媒体 专栏 通讯员 信息报送 督查 督办 志愿者 安全稳定 思想政治 交办 欠缺 薄弱 有待
     新要求 工作重点 档案 公文 会务 其他工作 监督举报 通报批评 诫勉 价值观 不够 缺乏 疫情
1.2  不足
1.0  稳定 后勤 党委 爱心 改进
0.8  今后
0.6  问题
0.5  机关 中心工作 作风
0.15 学习
""",
}


def _parse_lexicon(tables: dict[str, str]) -> dict[str, dict[str, float]]:
    """term → {category: weight}; raises ValueError when a term is listed twice under one category."""
    lexicon: dict[str, dict[str, float]] = {}
    for category, table in tables.items():
        weight = 0.0
        for line in table.splitlines():
            fields = line.split()
            if not fields:
                continue
            if not line[0].isspace():  # a new weight row; indented lines continue it
                weight = float(fields.pop(0))
            for term in fields:
                if category in lexicon.get(term, {}):
                    raise ValueError(f"lexicon: {term} listed twice under {category}")  # a bug in the table above
                lexicon.setdefault(term, {})[category] = weight
    return lexicon


LEXICON: dict[str, dict[str, float]] = _parse_lexicon(_TABLES)

#: Terms added to jieba's dictionary so they segment as units (and so the
#: classifier's boundary check sees them whole).  Only compounds of 3+ characters.
COMPOUNDS: tuple[str, ...] = tuple(sorted(t for t in LEXICON if len(t) >= 3))
