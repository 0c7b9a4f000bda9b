"""What the learn side and the build side agree on, and nothing else.

The learner writes ``templates/`` and the build side reads it; neither imports
the other.  Every name both sides use lives here: the kinds of report, the unit
types, the work categories, the template files and their slots, and the
leak-guard file.  Adding a unit type or a 文种 starts here.
"""

from __future__ import annotations

# Formats ``drafter build --format`` writes (the first is the default).
FORMATS: tuple[str, ...] = ("docx", "md", "txt")

# 单位类型, in the order ``drafter init`` and the docs list them.
UNIT_TYPES: tuple[str, ...] = ("学校", "企业", "机关", "医院", "乡镇街道", "其他")

# 文种.
SUMMARY = "工作总结"
PERSONAL = "述职报告"
KINDS: tuple[str, ...] = (SUMMARY, PERSONAL)

# The four work categories a fact sheet lists items under, in report order,
# and the category the learner gives everything else.
CATEGORIES: tuple[str, ...] = ("民主建设", "队伍建设", "生活保障", "文体活动")
OTHER = "其他"

# Template files of one 文种 (``templates/<文种>/<name>.j2``): the document
# frame, the item macro, and one file per category.
DOCUMENT = "文档"
ITEM = "事项"

# The slots of each template file, in the order the template writer emits them.
DOCUMENT_SLOTS: tuple[str, ...] = (
    "标题",
    "副标题",
    "称呼",
    "自我介绍",
    "开头",
    "领导句",
    "过渡",
    "主体标题",
    "不足标题",
    "不足引言",
    "打算标题",
    "打算引言",
    "结尾",
)
SECTION_SLOTS: tuple[str, ...] = ("标题", "引言", "结语")
OTHER_SLOTS: tuple[str, ...] = ("引言", "结语")
CONNECTORS_SLOT = "承接"

# Words of the samples that read as facts (names, places, events), one per
# line, written by the learner beside the templates; the build refuses a draft
# that carries one the sheet does not.
TOKENS_FILE = "样本事实.txt"
