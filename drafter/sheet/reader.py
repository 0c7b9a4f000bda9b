"""The node graph of a sheet -> :class:`~drafter.sheet.facts.Facts`, driven by the field table.

:class:`Reader` walks ``yaml.compose``'s nodes level by level.  At each
mapping it takes the keys of :data:`~drafter.sheet.fields.FIELDS` (or a
field's ``children``), reports unknown, duplicate, misplaced and missing keys,
and reads each value with the parser its field names; values become the
dataclasses of ``drafter.sheet.facts`` through the fields' ``attr`` names.
Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.sheet import values
from drafter.sheet.facts import CATEGORIES, Facts, Item, OtherWork, Overview, SignOff
from drafter.sheet.fields import BY_KEY, FIELDS, HOME, ITEM_FIELDS, OTHER_FIELDS, Field, suggest
from drafter.sheet.graph import scan
from drafter.sheet.values import FWSPACE_MSG, NULL, STR, Report, describe, is_null, keylike_hint, show

MAX_LIST = 500  # entries of one list of 获奖 (a paragraph must stay far below Word's limits)


_ITEM_KEYS = tuple(f.key for f in ITEM_FIELDS)

Values = dict[str, object]  # values of one mapping, by key


class Reader(Report):
    """Builds Facts from the node graph, collecting every problem."""

    # -- mappings ----------------------------------------------------------

    def fields(
        self, node: MappingNode, allowed: Sequence[str], where: str
    ) -> tuple[dict[str, tuple[Node, Node]], set[str]]:
        """The known keys of a mapping; reports unknown and duplicate keys.

        Returns the fields and the keys suggested for unknown ones (so that a
        misspelt required key is not also reported as missing).
        """
        out: dict[str, tuple[Node, Node]] = {}
        first: dict[str, Node] = {}
        suggested: set[str] = set()
        for knode, vnode in node.value:
            if knode in self.bad:
                continue
            if not isinstance(knode, ScalarNode):
                self.error(
                    knode,
                    f"{where or '文件'}里的键（冒号前面的部分）应为文字，这里写的是{describe(knode)}。请写成「键: 值」的形式。",
                )
                continue
            if knode.tag == NULL and not str(knode.value).strip():
                self.error(knode, "这一行冒号前面是空的，缺少键名。请在冒号前写上键名（如「活动」），或删掉这个冒号。")
                continue
            raw = str(knode.value)
            key = raw.strip()
            if key in first:
                other = first[key]
                self.error(
                    knode,
                    f"「{show(key)}」重复出现了（第一次在第 {other.start_mark.line + 1} 行）。"
                    f"同一层里一个键只能写一次，否则前面的内容会被丢掉：请把两处的内容合并到第一个「{show(key)}」下面，并删掉这一个。",
                )
                continue
            first[key] = knode
            if key in allowed:
                out[key] = (knode, vnode)
                continue
            if raw[:1] in ("\u3000", "\xa0") and key in HOME:
                self.error(knode, FWSPACE_MSG)
                continue
            hint = keylike_hint(key)
            if hint:
                self.error(knode, hint)
                continue
            message, target = self._unknown_key(key, allowed, where, vnode)
            if target:
                suggested.add(target)
            self.error(knode, message)
        return out, suggested

    def _unknown_key(self, key: str, allowed: Sequence[str], where: str, value: Node) -> tuple[str, str | None]:
        shown = show(key)
        inside = f"{where}里" if where else ""
        target = suggest(key, allowed)
        if target:
            return f"{inside}不认识「{shown}」，是否想写「{target}」？请改正这个键名。", target
        home = HOME.get(key)
        if home == "top":
            return (
                f"「{shown}」应该顶格写（前面不要有空格），现在它被缩进到了{inside}面。请删掉这一行开头的空格。",
                None,
            )
        if home == "概况":
            return f"「{shown}」应写在「概况」下面：先写一行「概况:」，下面每行缩进两个空格写「{shown}: 数字」。", None
        if home == "事项":
            return (
                f"「{shown}」应写在一个事项里：事项写在「民主建设」等分类下面，每个事项以「- 」开头，"
                "其余各行与第一行的键对齐。请检查这一行的缩进。"
            ), None
        if home in ("其他工作", "落款"):
            return f"「{shown}」应写在「{home}」下面（缩进两个空格）。请检查这一行的缩进。", None
        listed = "、".join(allowed)
        message = f"{inside}不认识「{shown}」。这里可以写的有：{listed}。请检查拼写，或删掉这一行。"
        if where.endswith("事项") and len(key) > 4 and isinstance(value, ScalarNode):
            message += "如果这是一整句话，其中的「冒号加空格」被当成了键和值的分隔：请把整句用引号括起来，或把半角冒号改成全角「：」。"
            return message, "活动"  # a sentence: do not also report 活动 missing
        return message, None

    def example_of(self, f: Field) -> str:
        """``键: 示例`` for messages, with example years in the sheet's year."""
        if f.read_as == "year":
            return f"{f.key}: {self.today.year}"
        if f.kind == "date" and f.read_as == "date":
            return f"{f.key}: {self.example_year}-12-28"
        return f.example_line()

    def _comment_hint(self, key: Node) -> str:
        line = self.lines[key.start_mark.line] if key.start_mark.line < len(self.lines) else ""
        rest = line[key.end_mark.column :] if key.end_mark.line == key.start_mark.line else ""
        if re.match(r"\s*:\s+#", rest):
            return "注意：「#」和它后面的内容被当作注释忽略了。如果「#」是内容的一部分，请把整个值用引号括起来。"
        return ""

    def read_fields(
        self, node: MappingNode, table: Sequence[Field], where: str, label_of: Callable[[Field, Values], str]
    ) -> tuple[Values, dict[str, tuple[Node, Node]], set[str]]:
        """The values of ``table``'s keys in mapping ``node`` (None where absent or unusable)."""
        fields, suggested = self.fields(node, [f.key for f in table], where)
        out: Values = {}
        for f in table:
            label = label_of(f, out)
            out[f.key] = None
            if f.key not in fields:
                if f.required and f.key not in suggested:
                    how = f"（可选：{'、'.join(f.choices)}）" if f.choices else "（冒号是半角，后面有一个空格）"
                    self.error(node, f"缺少必填项{label}。请加一行，例如 {self.example_of(f)}{how}。")
                continue
            knode, vnode = fields[f.key]
            value = self.parse(vnode, f, label)
            if f.read_as == "year":
                self.year = value if isinstance(value, int) else None
            out[f.key] = value
            empty = isinstance(vnode, ScalarNode) and (is_null(vnode) or not str(vnode.value).strip())
            if f.required and value is None and empty and vnode not in self.bad and f.read_as != "year":
                hint = self._comment_hint(knode)
                self.error(vnode, f"{label}是必填项，不能为空。请在冒号后面填写，例如 {self.example_of(f)}。{hint}")
        return out, fields, suggested

    def parse(self, node: Node, f: Field, label: str) -> object:
        """The value of ``node`` read as field ``f`` says."""
        return _PARSERS[f.read_as](self, node, f, label)

    def mapping(self, node: Node, f: Field, label: str) -> MappingNode | None:
        if node in self.bad:
            return None
        if isinstance(node, MappingNode):
            return node
        if is_null(node):
            return None
        hint = keylike_hint(str(node.value)) if isinstance(node, ScalarNode) else ""
        lines = "和".join(f"「{self.example_of(c)}」" for c in f.children[:2])
        how = f"请换行并缩进两个空格，逐行写{lines}这样的内容。"
        self.error(node, f"{label}下面应为几行「键: 值」，这里写的是{describe(node)}。{hint or how}")
        return None

    def mapping_values(self, node: Node, f: Field, label: str) -> tuple[Values, dict[str, tuple[Node, Node]]] | None:
        """The values of a mapping field such as 概况 or 落款."""
        m = self.mapping(node, f, label)
        if m is None:
            return None
        joint = "里的" if f.key == "概况" else "的"
        found, fields, _s = self.read_fields(m, f.children, label, lambda c, _v: f"{label}{joint}「{c.key}」")
        return found, fields

    # -- lists ---------------------------------------------------------------

    def sentence(self, node: Node, label: str) -> str | None:
        """One sentence of a list (存在不足, 明年打算)."""
        if node in self.bad:
            return None
        if is_null(node):
            self.warn(node, f"{label}是空的，已跳过。请填写内容，或删掉这一行。")
            return None
        if not isinstance(node, ScalarNode) or node.tag != STR:
            extra = ""
            if isinstance(node, MappingNode):
                extra = "如果这句话里有「冒号加空格」，请把整句用引号括起来，或改用全角冒号「：」。"
            self.error(node, f"{label}应为一句话（文字），这里写的是{describe(node)}。{extra}请写成「- 一句话」。")
            return None
        return values.text(self, node, None, label) or self._empty(node, label)

    def _empty(self, node: Node, label: str) -> None:
        self.warn(node, f"{label}是空的，已跳过。请填写内容，或删掉这一行。")
        return None

    def sentences(self, node: Node, f: Field, label: str) -> tuple[str, ...]:
        """A list of sentences; a single string is a one-element list."""
        if node in self.bad:
            return ()
        if is_null(node) or (isinstance(node, SequenceNode) and not node.value):
            self.warn(node, f"{label}没有填写内容。如果不需要，可以删掉这一行；否则请在下面逐条写「- 一句话」。")
            return ()
        if isinstance(node, ScalarNode) and node.tag == STR:
            one = values.text(self, node, None, label)
            return (one,) if one else ()
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"{label}应为一句话或一个列表（每行以「- 」开头），这里写的是{describe(node)}。请在下一行缩进两个空格，写「- 一句话」。",
            )
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            s = self.sentence(entry, f"{label}第 {i} 条")
            if s is not None:
                out.append(s)
        return tuple(out)

    def awards(self, node: Node, f: Field, label: str) -> tuple[str, ...]:
        if node in self.bad or is_null(node):
            return ()
        if not isinstance(node, SequenceNode):
            one = str(node.value).strip() if isinstance(node, ScalarNode) else "县演讲比赛一等奖"
            self.error(
                node,
                f"{label}应为列表（每个奖项一行，以「- 」开头），这里写的是{describe(node)}。"
                f"请写成 获奖: [{show(one or '县演讲比赛一等奖')}]，或在下一行缩进两个空格写「- {show(one)}」；"
                "几个奖项就写几行。",
            )
            return ()
        if len(node.value) > MAX_LIST:
            self.error(node, f"{label}有 {len(node.value)} 项，最多 {MAX_LIST} 项。请只写主要的奖项。")
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            if is_null(entry):
                continue
            if not isinstance(entry, ScalarNode):
                self.error(entry, f"{label}第 {i} 项应为文字，这里写的是{describe(entry)}。")
                continue
            s = values.text(self, entry, None, f"{label}第 {i} 项")
            if s:
                out.append(s)
        return tuple(out)

    def items(self, node: Node, f: Field, label: str) -> tuple[Item, ...]:
        """A list of 事项."""
        if node in self.bad:
            return ()
        if is_null(node) or (isinstance(node, SequenceNode) and not node.value):
            self.warn(
                node, f"{label}没有填写事项，这一部分不会出现在稿子里。如果有这方面的工作，请在下面逐条写「- 事项」。"
            )
            return ()
        if isinstance(node, ScalarNode) and node.tag == STR:
            one = self.item(node, f"{label}的事项")
            return (one,) if one else ()
        if isinstance(node, MappingNode):
            keys = [str(k.value) for k, _v in node.value if isinstance(k, ScalarNode)]
            if any(k.strip() in _ITEM_KEYS for k in keys):
                self.error(
                    node,
                    f"{label}下面应为事项列表，每个事项以「- 」开头。请在这个事项第一行（「{keys[0].strip()}」）前面加上「- 」（减号和空格），"
                    "其余各行与它对齐。",
                )
            else:
                self.error(
                    node,
                    f"{label}下面应为事项列表（每个事项以「- 」开头），这里写的是{describe(node)}。请改成「- 一句话」或「- 活动: …」。",
                )
            return ()
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                f"{label}下面应为事项列表（每个事项以「- 」开头），这里写的是{describe(node)}。请在下一行缩进两个空格，写「- 一句话」或「- 活动: …」。",
            )
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            item = self.item(entry, f"{label}第 {i} 个事项")
            if item is not None:
                out.append(item)
        return tuple(out)

    def item(self, node: Node, label: str) -> Item | None:
        if node in self.bad:
            return None
        if is_null(node):
            self.warn(node, f"{label}是空的，已跳过。请填写内容，或删掉这一行「- 」。")
            return None
        if isinstance(node, ScalarNode):
            if node.tag != STR:
                self.error(
                    node,
                    f"{label}应为一句话，或「时间」「活动」等几行，这里写的是{describe(node)}。请写成「- 一句话」或「- 活动: …」。",
                )
                return None
            value = values.text(self, node, None, label)
            if value is None:
                return self._empty(node, label)
            hint = keylike_hint(value)
            if hint:
                self.error(node, f"{label}：{hint}")
                return None
            return Item(pos=self.pos(node), sentence=value)
        if isinstance(node, SequenceNode):
            self.error(
                node,
                f"{label}应为一句话，或「时间」「活动」等几行，这里写的是{describe(node)}（可能多写了一个「- 」）。请删掉多余的「- 」。",
            )
            return None
        found, _f, _s = self.read_fields(node, ITEM_FIELDS, label, lambda c, _v: f"{label}的「{c.key}」")
        if found["活动"] is None:
            return None
        return Item(pos=self.pos(node), **_attrs(ITEM_FIELDS, found))

    def sections(self, node: Node, f: Field, label: str) -> tuple[OtherWork, ...]:
        """其他工作: a list of parts, each a 标题 and its 事项."""
        if node in self.bad:
            return ()
        if is_null(node) or (isinstance(node, SequenceNode) and not node.value):
            self.warn(node, f"{label}没有填写内容。如果不需要，可以删掉这一行。")
            return ()
        if not isinstance(node, SequenceNode):
            how = "每一项以「- 标题: …」开头，下面一行对齐写「事项:」，再缩进写事项列表。"
            if isinstance(node, MappingNode):
                self.error(node, f"{label}下面应为列表：{how}请在「标题」前面加上「- 」。")
            else:
                self.error(node, f"{label}下面应为列表，这里写的是{describe(node)}。{how}")
            return ()
        out = []
        for i, entry in enumerate(node.value, 1):
            work = self.section(entry, f"{label}第 {i} 项")
            if work is not None:
                out.append(work)
        return tuple(out)

    def section(self, node: Node, label: str) -> OtherWork | None:
        if node in self.bad:
            return None
        if is_null(node):
            self.warn(node, f"{label}是空的，已跳过。")
            return None
        how = "每一项要写成「- 标题: 加强工会自身建设」，下一行对齐写「事项:」，再缩进写事项列表。"
        if not isinstance(node, MappingNode):
            self.error(node, f"{label}应包含「标题」和「事项」，这里写的是{describe(node)}。{how}")
            return None
        keys = {str(k.value).strip() for k, _v in node.value if isinstance(k, ScalarNode)}
        if "标题" not in keys and keys & {"活动", "时间"}:
            self.error(node, f"{label}看起来是一个事项，但其他工作的每一项要先写标题。{how}")
            return None

        def label_of(c: Field, so_far: Values) -> str:
            if c.key == "标题":
                return f"{label}的「标题」"
            title = so_far.get("标题")
            return f"{label}（{show(title, 12)}）" if isinstance(title, str) else label

        found, fields, suggested = self.read_fields(node, OTHER_FIELDS, label, label_of)
        if "事项" not in fields and "事项" not in suggested:
            self.warn(node, f"{label}没有「事项」，这一部分只有标题。请在下面对齐写「事项:」，再缩进写事项列表。")
        if found["标题"] is None:
            return None
        return OtherWork(pos=self.pos(node), title=str(found["标题"]), items=found["事项"] or ())  # type: ignore[arg-type]

    # -- the sheet -------------------------------------------------------------

    def read(self, root: Node) -> Facts | None:
        if not scan(self, root):
            return None
        if root in self.bad:
            return None
        if not isinstance(root, MappingNode):
            how = "事实表最外层应是一行一个「键: 值」，例如「单位: 某某工会」。"
            if isinstance(root, SequenceNode):
                self.error(root, f"文件最外层是一个列表（以「- 」开头），{how}请删掉最外层各行开头的「- 」。")
            else:
                hint = keylike_hint(str(root.value))
                self.error(root, f"文件里只有一段文字，没有「键: 值」。{hint or how}")
            return None
        found, fields, _s = self.read_fields(root, FIELDS, "", lambda f, _v: f"「{f.key}」")
        kind = found["文种"] or BY_KEY["文种"].choices[0]
        if kind == "述职报告" and "文种" in fields:
            kind_node = fields["文种"][1]
            if found["报告人"] is None:
                at = fields["报告人"][1] if "报告人" in fields else kind_node
                self.error(at, "文种是述职报告时必须写「报告人」。请加一行，例如 报告人: 张三。")
            if found["职务"] is None:
                self.warn(
                    fields["职务"][1] if "职务" in fields else kind_node,
                    "述职报告没有写「职务」，稿子里会少了报告人的职务。建议加一行，例如 职务: 工会主席。",
                )
        overview = self._overview(found["概况"])
        categories = {cat: found[cat] or () for cat in CATEGORIES}
        other = found["其他工作"] or ()
        if not any(categories.values()) and not other and not self.problems:
            self.warn(
                root,
                f"没有填写任何工作事项，稿子的正文会是空的。请在{'、'.join(CATEGORIES)}或「其他工作」下面填写事项。",
            )
        signoff = self._signoff(found["落款"], fields.get("落款", (None, None))[1], found["单位"], root)
        if found["单位"] is None or found["单位类型"] is None or self.year is None or signoff is None:
            return None
        top = {f.attr: found[f.key] for f in FIELDS if f.kind in ("text", "texts") or f.key == "单位类型"}
        return Facts(
            source=Path(self.file),
            **{k: v for k, v in top.items() if v is not None},  # type: ignore[arg-type]
            year=self.year,
            kind=kind,
            overview=overview,
            categories=categories,  # type: ignore[arg-type]
            other_work=other,  # type: ignore[arg-type]
            signoff=signoff,
        )

    def _overview(self, found: object) -> Overview:
        if not isinstance(found, tuple):
            return Overview()
        got, fields = found
        overview = Overview(**_attrs(BY_KEY["概况"].children, got))
        if overview.staff is not None:
            for key, v in (("女职工人数", overview.women), ("会员人数", overview.members)):
                if v is not None and v > overview.staff:
                    self.error(
                        fields[key][1],
                        f"「{key}」（{v}）比「职工人数」（{overview.staff}）还多，这不可能。请核对这两个数。",
                    )
        return overview

    def _signoff(self, found: object, node: Node | None, unit: object, root: Node) -> SignOff | None:
        name: object = None
        date: _dt.date | None = None
        if isinstance(found, tuple):
            got, fields = found
            name = got["署名"]
            date = got["日期"] if isinstance(got["日期"], _dt.date) else None
            if date is not None and self.year is not None:
                if date.year < self.year:
                    self.warn(
                        fields["日期"][1], f"落款日期 {date:%Y-%m-%d} 早于报告的年度（{self.year} 年）。请核对年份。"
                    )
                elif date.year > self.year + 1:
                    self.warn(
                        fields["日期"][1],
                        f"落款日期 {date:%Y-%m-%d} 比报告的年度（{self.year} 年）晚了一年多。请核对年份。",
                    )
        explicit = date is not None
        if date is None:
            date = default_signoff_date(self.year, self.today)
        if not explicit and self.year is not None and date.year < self.year:
            self.warn(
                node if node is not None else root,
                f"没有写落款日期，将使用今天的日期 {date:%Y-%m-%d}，它早于报告的年度（{self.year} 年）。请在「落款」里写上「日期」。",
            )
        name = name if name is not None else unit
        if not isinstance(name, str):
            return None
        return SignOff(name=name, date=date, explicit_date=explicit)


def default_signoff_date(year: int | None, today: _dt.date) -> _dt.date:
    """The 落款 date of a sheet that gives none: the build day, unless the report is for a past
    year and the build day is later than the January after it; then 31 December of that year."""
    if year is not None and year < today.year and not (today.year == year + 1 and today.month == 1):
        return _dt.date(year, 12, 31)
    return today


def _attrs(table: Sequence[Field], found: Values) -> dict:
    """Keyword arguments for a facts dataclass: each present value under its field's attribute."""
    return {f.attr: found[f.key] for f in table if found.get(f.key) is not None}


_Parser = Callable[[Reader, Node, Field, str], object]
_PARSERS: dict[str, _Parser] = {
    "text": values.text,
    "choice": values.choice,
    "year": values.year,
    "integer": values.integer,
    "percent": values.percent,
    "people": values.people,
    "date": values.date,
    "when": values.when,
    "texts": Reader.sentences,
    "awards": Reader.awards,
    "items": Reader.items,
    "sections": Reader.sections,
    "mapping": Reader.mapping_values,
}
