"""The commented example fact sheet that ``drafter init`` writes.

One skeleton (a :class:`string.Template`) holds the layout, the comments and
the example items; :data:`VOCABULARY` gives each unit type its own words
(教职工/职工/医护职工, 教代会/职代会, 校务公开/厂务公开 …) and example
figures, and :data:`PERSONAL` the few phrasings that differ in a 述职报告.
The comments are in Chinese because the reader is the union chair; they must
not use any unit type's own vocabulary, so that a sheet for a hospital never
mentions 教职工.
"""

from __future__ import annotations

from string import Template

# Same order as drafter.sheet.facts.UNIT_TYPES / KINDS (kept local to stay import-light;
# a test checks they agree).
UNIT_TYPES: tuple[str, ...] = ("学校", "企业", "机关", "医院", "乡镇街道", "其他")
KINDS: tuple[str, ...] = ("工作总结", "述职报告")

# Per unit type: names, words and example figures.  Every value is plain text
# that goes straight into the sheet.
VOCABULARY: dict[str, dict[str, str]] = {
    "学校": {
        "unit": "某某县第一中学工会",
        "parent": "某某县教育工会",
        "party": "某某县第一中学党支部",
        "position": "校工会主席",
        "staff": "教职工",
        "congress": "教代会",
        "congress_meeting": "召开第三届教代会第二次会议",
        "congress_people": "56",
        "congress_result": "审议通过《教职工绩效工资分配方案》和《教职工请休假管理办法》",
        "openness": "校务公开",
        "open_items": "评优评先、职称推荐、绩效考核",
        "skill_activity": "举办青年教师课堂教学基本功比赛",
        "skill_people": "28",
        "skill_result": "比赛分说课和课堂展示两个环节，评出一等奖3名、二等奖6名",
        "ethics": "开展师德师风主题教育活动，组织全体教职工签订师德承诺书",
        "contest_host": "某某县教育系统",
        "members": "186",
        "staff_count": "192",
        "women": "97",
        "unions": "",
        "rate": "96.9%",
    },
    "企业": {
        "unit": "某某机械制造有限公司工会",
        "parent": "某某经济开发区总工会",
        "party": "公司党委",
        "position": "公司工会主席",
        "staff": "职工",
        "congress": "职代会",
        "congress_meeting": "召开第二届职工代表大会第三次会议",
        "congress_people": "85",
        "congress_result": "审议通过《职工带薪年休假实施办法》和年度工资集体协商方案",
        "openness": "厂务公开",
        "open_items": "绩效考核、评先评优、劳保用品发放",
        "skill_activity": "举办职工岗位技能比武",
        "skill_people": "126",
        "skill_result": "设焊工、电工、钳工3个工种，评出技术能手5名",
        "ethics": "深入开展安康杯竞赛，组织安全知识答题和应急演练各2次，全年未发生重伤及以上事故",
        "contest_host": "某某市",
        "members": "815",
        "staff_count": "842",
        "women": "236",
        "unions": "6",
        "rate": "96.8%",
    },
    "机关": {
        "unit": "某某县农业农村局机关工会",
        "parent": "某某县直机关工会工作委员会",
        "party": "局机关党委",
        "position": "机关工会主席",
        "staff": "干部职工",
        "congress": "职工大会",
        "congress_meeting": "召开机关职工大会",
        "congress_people": "74",
        "congress_result": "审议通过《机关干部职工考勤和休假管理办法》",
        "openness": "政务公开",
        "open_items": "评先评优、干部选任、经费使用",
        "skill_activity": "举办干部职工业务知识竞赛",
        "skill_people": "62",
        "skill_result": "以科室为单位组队，评出一等奖1个、二等奖2个",
        "ethics": "开展作风建设学习教育，组织干部职工集中学习12次",
        "contest_host": "某某县直机关",
        "members": "78",
        "staff_count": "80",
        "women": "31",
        "unions": "",
        "rate": "97.5%",
    },
    "医院": {
        "unit": "某某县人民医院工会",
        "parent": "某某县总工会",
        "party": "医院党委",
        "position": "院工会主席",
        "staff": "医护职工",
        "congress": "职代会",
        "congress_meeting": "召开第四届职工代表大会第二次会议",
        "congress_people": "92",
        "congress_result": "审议通过《医护职工绩效考核分配方案》",
        "openness": "院务公开",
        "open_items": "设备采购、职称评聘、绩效分配",
        "skill_activity": "举办护理技能操作比赛",
        "skill_people": "118",
        "skill_result": "比赛设心肺复苏、静脉输液等3个项目，评出护理技能标兵8名",
        "ethics": "开展医德医风教育月活动，全院医护职工签订医德医风承诺书",
        "contest_host": "某某县卫生健康系统",
        "members": "736",
        "staff_count": "760",
        "women": "528",
        "unions": "",
        "rate": "96.8%",
    },
    "乡镇街道": {
        "unit": "某某县某某镇总工会",
        "parent": "某某县总工会",
        "party": "镇党委",
        "position": "镇总工会主席",
        "staff": "干部职工",
        "congress": "职代会",
        "congress_meeting": "召开镇机关事业单位职代会",
        "congress_people": "68",
        "congress_result": "审议通过《镇机关干部职工考勤管理办法》",
        "openness": "政务公开",
        "open_items": "惠民资金发放、评先评优、经费使用",
        "skill_activity": "联合镇人社所举办农民工技能培训班",
        "skill_people": "150",
        "skill_result": "开设电工、家政服务两个班次，126人取得职业技能等级证书",
        "ethics": "开展农民工入会集中行动，新建企业工会3家，发展农民工会员260人",
        "contest_host": "某某县",
        "members": "2460",
        "staff_count": "2630",
        "women": "980",
        "unions": "28",
        "rate": "93.5%",
    },
    "其他": {
        "unit": "某某市某某协会工会",
        "parent": "某某市总工会",
        "party": "协会党支部",
        "position": "工会主席",
        "staff": "职工",
        "congress": "职代会",
        "congress_meeting": "召开职工代表大会",
        "congress_people": "45",
        "congress_result": "审议通过《职工绩效考核办法》",
        "openness": "事务公开",
        "open_items": "评先评优、绩效考核、经费使用",
        "skill_activity": "举办职工岗位技能比赛",
        "skill_people": "60",
        "skill_result": "评出岗位能手4名",
        "ethics": "开展职业道德教育，评选服务标兵10名",
        "contest_host": "某某市",
        "members": "118",
        "staff_count": "121",
        "women": "64",
        "unions": "",
        "rate": "97.5%",
    },
}

# Per kind: the header note and the phrasings that change in a personal report.
PERSONAL: dict[str, dict[str, str]] = {
    "工作总结": {
        "kind_note": "# 这是“工作总结”：以工会组织的名义总结一年的工作。",
        "open_lead": "坚持",
        "ethics_lead": "",
        "club_lead": "",
        "other_title": "加强工会自身建设",
        "other_item": "健全工会委员会议事制度，全年召开工会委员会会议8次，集体研究工会重要事项。",
    },
    "述职报告": {
        "kind_note": (
            "# 这是“述职报告”：工会主席个人向会员或上级述职。必须填写“报告人”。\n"
            "# 事项可以用第一人称写（如“我牵头……”），也可以用中性的写法，两种可以混用。"
        ),
        "open_lead": "我坚持推动",
        "ethics_lead": "我牵头",
        "club_lead": "我推动",
        "other_title": "加强自身学习和廉洁自律",
        "other_item": "我参加上级工会举办的工会主席培训班1期，认真学习工会业务知识和劳动法律法规，严格遵守廉洁自律各项规定。",
    },
}

_SKELETON = Template("""\
# 工会${kind}事实清单（单位类型：${unit_type}，年度：${year}）
#
${kind_note}
# 把下面的示例内容改成本单位的实际情况，drafter 会据此生成 Word 初稿。
#
# 填写规则：
# - 每行“项目名: 内容”中的冒号必须是半角的“:”（英文输入法下的冒号），冒号后面要空一格。
# - 缩进只能用空格，不能用 Tab 键；同一层的内容要上下对齐。
# - 以“#”开头的是说明文字，生成时会被忽略，可以保留也可以删掉。
# - 标“必填”的项目一定要填；其他项目不需要时可以空着（冒号后什么也不写），
#   也可以连同它下面的内容整段删掉。
# - 内容以特殊符号（如 * & ! % @ [ { 等）开头、或者含有半角冒号时，请用英文双引号括起来，
#   如 入会率: "96.5%"。
#
# 填好后检查：drafter check 文件名
# 生成初稿：  drafter build 文件名

单位: ${unit}    # 必填：工会组织的全称
单位类型: ${unit_type}    # 必填：学校、企业、机关、医院、乡镇街道、其他 之一，决定报告中的用词
年度: ${year}    # 必填：总结哪一年的工作
文种: ${kind}    # 工作总结（不填时默认）或 述职报告
${reporter_block}
上级工会: ${parent}    # 可不填：写在开头“在……的领导下”
党组织: ${party}    # 可不填：同级党组织，同样写在开头

# 概况：开头一段用到的基本数字，都可不填；有哪项填哪项。
概况:
  会员人数: ${members}
  职工人数: ${staff_count}
  女职工人数: ${women}
${unions_line}
  入会率: "${rate}"    # 百分数建议加英文双引号

# 总体评价：可不填。填了就用这句话代替程序生成的开头概括句，例如：
# 总体评价: 一年来，工会紧紧围绕中心工作，……取得了新的成效。

# ---------------------------------------------------------------
# 下面四类工作各列若干“事项”，每个事项以“- ”开头（减号后空一格）。
# 事项有两种写法，可以混用：
# ① 分项写：时间、活动、人数、成果、获奖，程序会把它们连成一句话。
#    活动、成果写成不带句号的短句；不需要的分项可以不写。
#      时间：可写 3月、3月8日、上半年、下半年、春节前、9月至10月，
#            也可写日期 ${year}-05-20（年-月-日）。
#      活动：做了什么，如“召开……会议”“举办……比赛”。
#      人数：参加人数，写数字；也可写“120人次”这样的文字（建议加英文双引号）。
#      成果：取得的结果，如“审议通过《……》”“评出一等奖3名”。
#      获奖：获得的奖项，每项一行，以“- ”开头。
# ② 整句写：直接写一句完整的话，句末带句号，程序原样使用。
# ---------------------------------------------------------------

# 民主建设：${congress}、${openness}、集体协商、合理化建议等
民主建设:
  - 时间: 3月
    活动: ${congress_meeting}
    人数: ${congress_people}
    成果: ${congress_result}
  - 时间: 上半年
    活动: 开展合理化建议征集活动
    人数: "135人次"
    成果: 征集建议32条，采纳并落实9条
  - ${open_lead}${openness}，全年公开${open_items}等事项26项，接受${staff}监督。

# 队伍建设：学习培训、技能竞赛、职业道德、评先树优等
队伍建设:
  - 时间: ${year}-05-20
    活动: ${skill_activity}
    人数: ${skill_people}
    成果: ${skill_result}
  - ${ethics_lead}${ethics}。

# 生活保障：慰问帮扶、健康体检、女职工关爱、互助保障等
生活保障:
  - 时间: 春节前
    活动: 走访慰问困难${staff}
    成果: 送去慰问金和慰问品共计2.6万元
  - 时间: 3月8日
    活动: 召开三八国际妇女节女${staff}座谈会
    人数: 40
    成果: 收集意见建议8条
  - 组织全体${staff}进行健康体检，为每人建立健康档案。

# 文体活动：运动会、文艺演出、比赛、兴趣小组等
文体活动:
  - 时间: 9月至10月
    活动: 举办${staff}趣味运动会
    人数: "210人次"
    成果: 设拔河、跳长绳等6个项目
  - 时间: 11月
    活动: 组队参加${contest_host}${staff}气排球比赛
    人数: 12
    获奖:
      - ${contest_host}${staff}气排球比赛二等奖
  - ${club_lead}组建${staff}合唱队和书画兴趣小组，全年开展活动30余次。

# 其他工作：不属于上面四类的工作，可分几个部分，每部分一个“标题”和若干“事项”。
其他工作:
  - 标题: ${other_title}
    事项:
      - ${other_item}

# 存在不足：每条一句话，句末带句号。
存在不足:
  - 开展活动的形式还比较单一，对青年${staff}的需求了解不够。
  - 工会干部多为兼职，业务水平有待提高。

# 明年打算：每条一句话，句末带句号。
明年打算:
  - 进一步规范${congress}和${openness}工作，提高${staff}参与民主管理的质量。
  - 做好困难${staff}帮扶和送温暖工作，丰富${staff}业余文化生活。

# 落款：署名不填时用“单位”；日期不填时用生成当天的日期。
落款:
  署名: ${signer}
  # 日期: ${year}-12-28    # 要写日期时，去掉本行开头的“# ”，改成实际日期（年-月-日）
""")


def example_sheet(unit_type: str, kind: str, year: int) -> str:
    """The text of a commented example fact sheet for ``drafter init``."""
    if unit_type not in VOCABULARY:
        raise ValueError(f"unknown unit type {unit_type!r}; expected one of {', '.join(UNIT_TYPES)}")
    if kind not in PERSONAL:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    vocab = VOCABULARY[unit_type]
    personal = kind == "述职报告"
    if personal:
        reporter_block = (
            f"报告人: 张某某    # 述职报告必填：述职人的姓名\n职务: {vocab['position']}    # 可不填：述职人的职务"
        )
    else:
        reporter_block = "# 报告人、职务：写述职报告时才需要，工作总结不用填。"
    if vocab["unions"]:
        unions_line = f"  基层工会数: {vocab['unions']}    # 下设的分工会或基层工会个数"
    else:
        unions_line = "  # 基层工会数: 3    # 下设分工会或基层工会时填写（去掉行首的“# ”）"
    return _SKELETON.substitute(
        vocab,
        **PERSONAL[kind],
        unit_type=unit_type,
        kind=kind,
        year=year,
        reporter_block=reporter_block,
        unions_line=unions_line,
        signer="张某某" if personal else vocab["unit"],
    )
