"""The node graph of a sheet before it is read: tags, cycles, size and depth.

A sheet's YAML may hold aliases (``&a`` … ``*a``) that expand a small file into
a huge tree, tags that ask for Python objects, or nesting deep enough to
exhaust the stack.  :func:`scan` walks the graph once, iteratively, counting
what the aliases expand to, and reports what cannot be read.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.sheet.values import MAX_DEPTH, Report, T, show

MAX_NODES = 100_000  # nodes after expanding aliases
MAX_EXPANDED = 2 * 1024 * 1024  # characters of all values after expanding aliases (a sheet's own size)

_SEQ, _MAP, _MERGE = T + "seq", T + "map", T + "merge"
_SCALAR_TAGS = frozenset(T + t for t in ("str", "int", "float", "bool", "null", "timestamp"))


def scan(report: Report, root: Node) -> bool:
    """Check tags, merge keys, cycles, expanded size and depth.

    Iterative (no recursion), each node visited once; the node count,
    characters and depths are those of the tree the aliases expand to, and
    the walk stops as soon as a limit is passed.  False: stop here.
    """
    size: dict[Node, tuple[int, int]] = {}  # expanded (nodes, characters) of each finished node
    height: dict[Node, int] = {}
    on_path: set[Node] = set()
    nodes = chars = 0  # expanded nodes and characters met so far
    aliased = False
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            kids = _children(node)
            own = len(node.value) if isinstance(node, ScalarNode) else 0
            size[node] = (1 + sum(size[k][0] for k in kids), own + sum(size[k][1] for k in kids))
            height[node] = 1 + max((height[k] for k in kids), default=0)
            on_path.discard(node)
            if height[node] > MAX_DEPTH:
                report.error(
                    node, f"从这里开始嵌套层数太多（超过 {MAX_DEPTH} 层）。事实表只需要几层缩进，请检查缩进和括号。"
                )
                return False
            continue
        if node in on_path:
            report.error(
                node, "这里的引用（「&」和「*」）引用了它自己，会无限展开。请删掉「&」「*」，把内容直接写出来。"
            )
            return False
        seen = node in size
        if seen:
            aliased = True
            nodes += size[node][0]
            chars += size[node][1]
        else:
            kids = _children(node)
            nodes += 1 if len(kids) <= MAX_NODES else len(kids)
            chars += len(node.value) if isinstance(node, ScalarNode) else 0
        if nodes > MAX_NODES or chars > MAX_EXPANDED:
            what = f"超过 {MAX_NODES:,} 项" if nodes > MAX_NODES else f"超过 {MAX_EXPANDED:,} 个字"
            if aliased:
                report.error(
                    node,
                    f"这里的引用（「&」和「*」）展开后{what}，可能是恶意构造的文件。"
                    "事实表不需要引用：请删掉「&」「*」，把内容直接写出来。",
                )
            else:
                report.error(node, f"内容太多（{what}），这不像一份事实表。请只保留这一年的工作事项。")
            return False
        if seen:
            continue
        on_path.add(node)
        _check_tag(report, node)
        stack.append((node, True))
        stack.extend((k, False) for k in reversed(kids))
    return True


def _check_tag(report: Report, node: Node) -> None:
    tag = node.tag
    if isinstance(node, ScalarNode):
        if tag in _SCALAR_TAGS:
            return
        if tag == _MERGE:
            report.bad.add(node)
            report.error(node, "不支持「<<」合并写法。请删掉「<<」这一行，把要用的内容直接写出来。")
            return
    elif isinstance(node, SequenceNode) and tag == _SEQ:
        return
    elif isinstance(node, MappingNode) and tag == _MAP:
        return
    report.bad.add(node)
    shown = "!!" + tag[len(T) :] if tag.startswith(T) else tag
    danger = "（这类标签能让程序执行代码，drafter 出于安全考虑一律拒绝）" if "python" in tag else ""
    report.error(
        node,
        f"不支持 YAML 标签「{show(shown, 40)}」{danger}。事实表里只能写文字、数字、日期和列表：请删掉以「!」开头的这个标签。",
    )


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        out: list[Node] = []
        for k, v in node.value:
            out.append(k)
            out.append(v)
        return out
    return []
