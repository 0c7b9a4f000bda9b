"""Skeletons → ``templates/``: Jinja files a person can read and edit.

The output is deterministic: the same samples give byte-identical files
(phrases in corpus order, no timestamps), so ``templates/`` in the
repository can be checked against ``drafter learn examples/samples/``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from drafter.contract import (
    CATEGORIES,
    CONNECTORS_SLOT,
    DOCUMENT,
    DOCUMENT_SLOTS,
    ITEM,
    OTHER_SLOTS,
    PERSONAL,
    SECTION_SLOTS,
    SUMMARY,
)
from drafter.learn.builtin import CONNECTORS, ITEM_MACRO, document_phrases, section_phrases
from drafter.learn.skeleton import Phrase, Skeleton
from drafter.topics import marker, read_marker
from drafter.vocab import Vocabulary

GUIDE_FILE = "说明.txt"
OTHER = "其他"

GUIDE_TEXT = """\
drafter 模板说明
================

这个文件夹里的模板由 drafter learn 从样本报告学习生成，也可以手工修改。
每个文种一个文件夹（工作总结、述职报告），每个文件夹里：

  文档.j2      全文套语：标题、开头、过渡语、各部分标题、结尾、承接语
  民主建设.j2  队伍建设.j2  生活保障.j2  文体活动.j2
               各类工作的小标题、引言、结语
  其他.j2      事实表「其他工作」各项的引言、结语（标题由事实表给出）
  事项.j2      把一条结构化事项（时间、活动、人数、成果、获奖）连成一句话

写法：
  {% set 标题 | choose %} … {% endset %}
      块里每一行是一种说法，drafter 按单位和年度固定选其中一行；
      drafter build --variant 1（2、3…）换一种。空块表示不用这一句。
  {# … #} 是注释，写明这句话学自哪份样本的哪一段（「内置」表示样本里没有，
      用的是 drafter 自带的说法），不会出现在初稿里。
  【话题：体育、文艺】 写在一行开头，表示这句话说到了这些方面的工作：只有这一部分
      的事项里确实有这些方面的内容时，drafter 才会选这一行；不带标记的行随时可选。
      标记本身不会出现在初稿里。
  模板里不能写具体的人名、数字、日期、地名、《文件名》：事实只来自事实表。
  样本事实.txt 列出样本里出现过的具体事实；初稿里若出现其中一项而事实表里没有，
      drafter build 会拒绝生成。

可用的变量：
  单位 单位类型 工会名称 本会 年度 明年 文种 领导 上级工会 党组织 概况 总体评价
  报告人 职务 任职
  {vocabulary}
  （随单位类型变化，例如 学校：校工会、教职工、全校教职工、教代会、校务公开；
    医院：院工会、职工、全院职工、职代会、院务公开；
    乡镇街道：镇总工会、辖区职工、企业职代会、企业厂务公开）
"""
# The vocabulary's names, from its one table (drafter.vocab.Vocabulary).
GUIDE = GUIDE_TEXT.replace("{vocabulary}", " ".join(f.name for f in fields(Vocabulary) if f.type == "str"))

_HEADERS = {
    DOCUMENT: "全文套语：标题、开头、过渡语、各部分标题、结尾。",
    OTHER: "其他工作（事实表「其他工作」里的每一项）：标题由事实表给出，这里是引言和结语，可以留空；"
    "{{ 本节 }} 是这一项的标题。",
    ITEM: "事项：把事实表里一条结构化的事项（时间、活动、人数、成果、获奖）连成一句话。\n    活动、人数、成果、获奖都已写成分句：人数如「86名职工代表出席」（已并入活动时为空），\n    获奖如「获一等奖2项」。",
}
_SLOT_NOTES = {
    "开头": "开头：必须含 {{ 领导 }}（党组织、上级工会）",
    "领导句": "领导句：事实表写了「总体评价」时，用它代替开头",
    "过渡": "过渡：开头段的最后一句",
    CONNECTORS_SLOT: "承接语：两段开头撞字时，drafter 在后一段前加一个",
}


@dataclass
class WriteStats:
    files: int
    learned: int
    builtin: int


def _comment(phrase: Phrase) -> str:
    return f"来源：{phrase.provenance}" if phrase.provenance is not None else "内置"


def _block(slot: str, phrases: list[Phrase], *, filt: str = "choose") -> list[str]:
    out: list[str] = []
    if slot in _SLOT_NOTES:
        out.append("{#- " + _SLOT_NOTES[slot] + " -#}")
    out.append(f"{{% set {slot} | {filt} %}}")
    for p in phrases:
        out.append(f"{marker(p.topics)}{p.text}  {{# {_comment(p)} #}}")
    out.append("{% endset %}")
    return out


def _phrases(learned: list[Phrase], builtin: tuple[str, ...]) -> list[Phrase]:
    """The learned phrases of a slot, then the built-in ones: every slot keeps several phrasings.

    Prose rules §8: two unions of one county must not get the same frame, and
    ``--variant`` needs somewhere to go.  The bank also holds topic-free lines,
    so a ``choose`` block always has a line to fall back on when the facts do
    not show a topic-bound line's topics.
    """
    known = {p.text for p in learned}
    return list(learned) + [Phrase(t, None) for t in builtin if read_marker(t)[1] not in known]


def _header(kind: str, name: str) -> list[str]:
    what = _HEADERS.get(name, f"{name}：小标题、引言、结语。")
    return [
        "{#- " + f"{kind}·{what}",
        "    每个 set 块里一行是一种说法，drafter 按单位和年度固定选其中一行（drafter build --variant N 换一种）。",
        "    由 drafter learn 生成；可用的变量见 ../说明.txt。 -#}",
    ]


def render_files(skeletons: dict[str, Skeleton]) -> dict[str, str]:
    """Relative path → file text, for every template file."""
    files: dict[str, str] = {GUIDE_FILE: GUIDE}
    for kind in (SUMMARY, PERSONAL):
        sk = skeletons.get(kind, Skeleton(kind))
        lines = _header(kind, DOCUMENT)
        for slot in DOCUMENT_SLOTS:
            lines += _block(slot, _phrases(sk.get(DOCUMENT, slot), document_phrases(kind, slot)))
        connectors = sk.get(DOCUMENT, CONNECTORS_SLOT)
        known = {p.text for p in connectors}
        connectors = connectors + [Phrase(t, None) for t in CONNECTORS if t not in known]
        lines += _block(CONNECTORS_SLOT, connectors, filt="lines")
        files[f"{kind}/{DOCUMENT}.j2"] = "\n".join(lines) + "\n"
        for category in CATEGORIES:
            lines = _header(kind, category)
            for slot in SECTION_SLOTS:
                lines += _block(slot, _phrases(sk.get(category, slot), section_phrases(kind, category, slot)))
            files[f"{kind}/{category}.j2"] = "\n".join(lines) + "\n"
        lines = _header(kind, OTHER)
        for slot in OTHER_SLOTS:
            lines += _block(slot, _phrases([], section_phrases(kind, OTHER, slot)))
        files[f"{kind}/{OTHER}.j2"] = "\n".join(lines) + "\n"
        files[f"{kind}/{ITEM}.j2"] = "\n".join(_header(kind, ITEM)) + "\n" + ITEM_MACRO
    return files


def render_tokens(tokens: list[str]) -> str:
    head = [
        "# 样本报告中出现的具体事实（人名、地名、机构、数字、《文件名》、“活动名”）。",
        "# drafter build 生成初稿时检查：初稿里出现其中一项而事实表里没有，就拒绝生成。",
    ]
    return "\n".join(head + sorted(set(tokens))) + "\n"


def write_templates(out: Path, files: dict[str, str]) -> WriteStats:
    """Write every file atomically; files drafter did not generate are left alone."""
    from drafter.files import atomic_write

    for rel, text in sorted(files.items()):
        path = out / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from drafter.errors import OutputError

            not_a_folder = isinstance(exc, (FileExistsError, NotADirectoryError))
            what = "不是文件夹" if not_a_folder else f"无法创建（{exc.strerror or exc}）"
            raise OutputError(
                f"模板输出目录「{out}」{what}。请在 -o 后面写一个文件夹（不存在时会自动创建）。", file=out
            ) from None
        atomic_write(path, text.encode("utf-8"))
    learned = sum(t.count("来源：") for t in files.values())
    builtin = sum(t.count("{# 内置 #}") for t in files.values())
    return WriteStats(len(files), learned, builtin)


__all__ = ["GUIDE_FILE", "WriteStats", "render_files", "render_tokens", "write_templates"]
