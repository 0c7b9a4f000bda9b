"""A stand-in field table for the serve tests, written to the documented interface of
``drafter.sheet.fields`` (FIELDS, Field) until that module lands; only the tests use it."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.contract import CATEGORIES, KINDS, UNIT_TYPES


@dataclass(frozen=True)
class Field:
    key: str
    kind: str
    description: str = ""
    example: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    children: tuple[Field, ...] = ()

    @property
    def label(self) -> str:
        return self.key


ITEM_FIELDS: tuple[Field, ...] = (
    Field("时间", "date", "什么时候", "3月"),
    Field("活动", "text", "做了什么", "召开教代会", required=True),
    Field("人数", "integer", "多少人参加", "45"),
    Field("成果", "text", "结果如何"),
    Field("获奖", "texts", "获得的奖项"),
)

FIELDS: tuple[Field, ...] = (
    Field("单位", "text", "工会的全称", "某某工会", required=True),
    Field("单位类型", "choice", "单位的类型", required=True, choices=UNIT_TYPES),
    Field("年度", "integer", "总结哪一年", "2025", required=True),
    Field("文种", "choice", "工作总结或述职报告", choices=KINDS),
    Field("报告人", "text", "述职人的姓名"),
    Field("职务", "text", "述职人的职务"),
    Field("上级工会", "text"),
    Field("党组织", "text"),
    Field(
        "概况",
        "mapping",
        children=(
            Field("会员人数", "integer"),
            Field("职工人数", "integer"),
            Field("女职工人数", "integer"),
            Field("基层工会数", "integer"),
            Field("入会率", "percent"),
        ),
    ),
    Field("总体评价", "text"),
    *(Field(cat, "items", children=ITEM_FIELDS) for cat in CATEGORIES),
    Field("其他工作", "sections", children=(Field("标题", "text"), Field("事项", "items", children=ITEM_FIELDS))),
    Field("存在不足", "texts"),
    Field("明年打算", "texts"),
    Field("落款", "mapping", children=(Field("署名", "text"), Field("日期", "date"))),
)
