"""YAML syntax errors, in plain words.

PyYAML's messages ("mapping values are not allowed here") mean nothing to a
union chair.  :func:`syntax_problems` finds the line-level mistakes a chair
makes (Tab or full-width indentation, ``单位：xx``, ``单位:xx``) and words the
parser's error from one table of rules (:data:`_RULES`), each matching
PyYAML's problem/context text and saying where and what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from drafter.errors import FactSheetError
from drafter.sheet.fields import ALL_KEYS, BY_KEY, KEY_LIST, suggest
from drafter.sheet.values import FWSPACE_MSG, MAX_DEPTH, fw_colon_msg

TAB_MSG = "这一行开头用了 Tab（制表符）缩进，YAML 只认空格。请删掉 Tab，改用空格对齐（每深一层多两个空格）。"

_FW_COLON_LINE = re.compile(r"^([ \t\u3000\xa0]*(?:-[ \t]+)?)([^\s:：#\-\"'{}\[\]][^:：#\"']{0,11}?)[ \t\u3000]*：")
_NOSPACE_LINE = re.compile(r"^([ \t]*(?:-[ \t]+)?)([^\s:：#\-\"'{}\[\]][^:：#\"' ]{0,11}?):(?=[^\s])")


@dataclass(frozen=True)
class LineMistake:
    """A line-level mistake: where, what to say, and the line as the chair meant it ("" if unknown)."""

    line: int
    col: int
    message: str
    repaired: str = ""


def lint_lines(text: str) -> list[LineMistake]:
    """Line-level mistakes that break YAML: tabs or full-width spaces used
    for indentation, ``单位：xx`` with a full-width colon, ``单位:xx``."""
    found: list[LineMistake] = []
    for n, line in enumerate(text.splitlines(), 1):
        lead = len(line) - len(line.lstrip(" \t\u3000\xa0"))
        indent = line[:lead]
        if not line[lead:] or line[lead:].startswith("#"):
            continue
        if "\t" in indent:  # a Tab key meant one level: two spaces
            fixed = indent.replace("\t", "  ").replace("\u3000", "  ").replace("\xa0", " ") + line[lead:]
            found.append(LineMistake(n, indent.index("\t") + 1, TAB_MSG, fixed))
            continue
        if "\u3000" in indent or "\xa0" in indent:
            fixed = indent.replace("\u3000", "  ").replace("\xa0", " ") + line[lead:]
            found.append(LineMistake(n, 1, FWSPACE_MSG, fixed))
            continue
        m = _FW_COLON_LINE.match(line)
        if m and (m.group(2).strip() in ALL_KEYS or suggest(m.group(2).strip(), KEY_LIST)):
            key = m.group(2).strip()
            fixed = line[: m.end() - 1].rstrip(" \t\u3000") + ": " + line[m.end() :].lstrip()
            found.append(LineMistake(n, m.end(), fw_colon_msg(key), fixed))
            continue
        m = _NOSPACE_LINE.match(line)
        if m and m.group(2) in ALL_KEYS:
            key = m.group(2)
            example = BY_KEY[key].example_line() if key in BY_KEY and BY_KEY[key].example is not None else key + ": …"
            found.append(
                LineMistake(
                    n,
                    m.end(),
                    f"「{key}」后面的冒号要跟一个空格。请写成「{key}: 」再接内容，例如 {example}。",
                    line[: m.end()] + " " + line[m.end() :],
                )
            )
    return found


def syntax_problems(e: yaml.YAMLError, text: str, file: str) -> tuple[list[FactSheetError], int]:
    """The problems behind a YAML error, and the line the parser stopped at."""
    lint = lint_lines(text)
    problems = [FactSheetError(m.message, file=file, line=m.line, col=m.col) for m in lint]
    line, col, msg = translate(e, text)
    # A lint finding on the line of the YAML error or just above it caused
    # it: say only that.  Otherwise the YAML error is a problem of its own.
    if not any(m.line <= line <= m.line + 2 for m in lint):
        problems.append(FactSheetError(msg, file=file, line=line, col=col))
    return problems, line


@dataclass(frozen=True)
class _Spot:
    """Where PyYAML stopped, with the source line."""

    line: int
    col: int
    context_at: tuple[int, int]  # the context mark, or the problem mark when there is none
    src: str

    @property
    def here(self) -> str:
        return self.src[self.col - 1] if 0 < self.col <= len(self.src) else ""

    @property
    def before(self) -> str:
        return self.src[self.col - 2] if 1 < self.col <= len(self.src) + 1 else ""


_Message = Callable[[_Spot], "tuple[int, int, str] | None"]


@dataclass(frozen=True)
class _Rule:
    """Words for PyYAML errors whose problem and context contain the given texts."""

    problem: tuple[str, ...] = ()  # any of these in the problem ("" matches all)
    context: tuple[str, ...] = ()  # any of these in the context
    at_context: bool = False  # point at the context mark (where the construct began)
    message: str | _Message = ""

    def matches(self, problem: str, context: str) -> bool:
        return (not self.problem or any(p in problem for p in self.problem)) and (
            not self.context or any(c in context for c in self.context)
        )


def _escape(s: _Spot) -> tuple[int, int, str]:
    backslash = s.src.rfind("\\", 0, s.col)
    return (
        s.line,
        backslash + 1 if backslash >= 0 else s.col,
        "双引号里的反斜杠「\\」被当成了转义符号。请把这个值改用单引号括起来（如 '…\\…'），或把「\\」写成两个「\\\\」。",
    )


def _no_key(s: _Spot) -> tuple[int, int, str]:
    if s.src.strip().startswith(":"):
        return (
            s.line,
            s.src.index(":") + 1,
            "这一行冒号前面是空的，缺少键名。请在冒号前写上键名（如「活动」），或把这一行并到上一行。",
        )
    if s.before and s.before in "\"'" and s.here.strip():
        return (
            s.line,
            s.col - 1,
            "引号只能把整个值括起来：值以引号开头时，引号后面不能再接文字。"
            "请把整个值再用另一种引号括起来（例如 活动: '\"三八\"妇女节座谈会'），或改用中文引号“”。",
        )
    if s.before and s.before in "]}" and s.here.strip():
        return (
            s.line,
            s.col - 1,
            "值以括号开头时会被当成列表，括号后面不能再接文字。请把整个值用引号括起来，或改用中文括号【】。",
        )
    return (
        s.line,
        s.col,
        "缩进没有对齐：同一层的键左边要对齐（用同样多的空格），下一层比上一层多缩进两个空格。请检查这一行和上面几行的缩进。",
    )


def _bad_start(s: _Spot) -> tuple[int, int, str]:
    ch = f"「{s.here}」" if s.here.strip() else "这个符号"
    return (
        s.line,
        s.col,
        f'{ch}不能放在值的开头。请把整个值用引号括起来，例如 活动: "{s.src[s.col - 1 :].strip() or "…"}"。',
    )


_QUOTE = "请把整个值用引号括起来"

# First match wins.
_RULES: tuple[_Rule, ...] = (
    _Rule(
        ("nesting depth",),
        message=f"嵌套层数太多（括号或缩进超过 {MAX_DEPTH} 层）。事实表只需要几层缩进，请检查缩进和括号。",
    ),
    _Rule(("tab",), message=TAB_MSG),
    _Rule(
        ("end of stream",),
        ("quoted scalar",),
        True,
        "从这里开始的引号没有结束。英文引号（\" 或 '）必须成对：请在这段文字末尾补上同样的引号，"
        "或者去掉开头的引号（中文引号“”不需要成对，可以放心使用）。",
    ),
    _Rule(("escape", "hexdecimal", "hexadecimal"), message=_escape),
    _Rule(
        ("mapping values are not allowed",),
        message="这里多了一个冒号：值里出现「冒号加空格」时会被当成新的键。如果冒号是内容的一部分，"
        "请把整个值用引号括起来，或改用全角冒号「：」；如果是缩进错了，请让这一行和上面同一层的键左对齐。",
    ),
    _Rule(
        ("could not find expected ':'",),
        at_context=True,
        message="这一行缺少半角冒号和空格「: 」。每一行应写成「键: 值」（冒号是英文半角，后面有一个空格）；"
        "如果这一行是上一行内容的延续，请把它并到上一行，或整体用引号括起来。",
    ),
    _Rule(
        ("block sequence entries are not allowed",),
        message="这里不能出现「- 」。列表要另起一行：在键的下一行缩进两个空格，再写「- 」和内容。",
    ),
    _Rule(
        context=("flow sequence",),
        at_context=True,
        message="从这里开始的方括号「[ ]」没有正确关上。请补上右括号并用英文逗号分隔各项；"
        "如果括号是文字的一部分，请把整个值用引号括起来，或改用中文括号【】。",
    ),
    _Rule(
        context=("flow mapping",),
        at_context=True,
        message="从这里开始的花括号「{ }」没有正确关上。请补上右括号并用英文逗号分隔各项；"
        "如果括号是文字的一部分，请把整个值用引号括起来，或改用中文括号【】。",
    ),
    _Rule(("did not find expected key", "expected <block end>"), message=_no_key),
    _Rule(
        ("'-' indicator",),
        message="列表的缩进没有对齐：同一个列表里每一项的「- 」要左边对齐，一个事项里的各行要和它第一行的键对齐。"
        "请检查这一行和上面几行的缩进。",
    ),
    _Rule(
        ("expected",),
        ("block collection",),
        message="列表的缩进没有对齐：同一个列表里每一项的「- 」要左边对齐，一个事项里的各行要和它第一行的键对齐。"
        "请检查这一行和上面几行的缩进。",
    ),
    _Rule(
        ("undefined alias",),
        at_context=True,
        message=f"值以「*」开头会被当成 YAML 的引用，但找不到对应的「&」。如果「*」是内容的一部分，{_QUOTE}。",
    ),
    _Rule(
        context=("alias", "anchor"),
        at_context=True,
        message=f"值以「*」或「&」开头会被当成 YAML 的引用。如果这是内容的一部分，{_QUOTE}。",
    ),
    _Rule(
        context=("while scanning a tag",),
        at_context=True,
        message=f"值以「!」开头会被当成 YAML 的标签。如果这是内容的一部分，{_QUOTE}。",
    ),
    _Rule(
        context=("directive",),
        message=f"以「%」开头的行会被当成 YAML 的指令。如果这是内容的一部分，{_QUOTE}；否则删掉这一行。",
    ),
    _Rule(("cannot start any token",), message=_bad_start),
    _Rule(
        ("another document",),
        message="文件里出现了第二份内容（一行「---」或「...」之后又有内容）。一个事实表只能有一份内容：请删掉多余的「---」或「...」行。",
    ),
    _Rule(
        context=("single document",),
        message="文件里出现了第二份内容（一行「---」或「...」之后又有内容）。一个事实表只能有一份内容：请删掉多余的「---」或「...」行。",
    ),
    _Rule(context=("block scalar",), message="「|」或「>」后面的多行文字缩进不对：每一行都要比键多缩进两个空格。"),
    _Rule(("end of stream",), message="文件在这里意外结束了：请检查最后几行的引号和括号是否成对。"),
    _Rule(
        message="这里的 YAML 格式有误。请检查这一行和上一行：缩进是否对齐、冒号是否是半角并且后面有空格、引号和括号是否成对。"
    ),
)


def translate(e: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """Line, column and Chinese words for a PyYAML error."""
    problem = str(getattr(e, "problem", None) or "")
    context = str(getattr(e, "context", None) or "")
    pm = getattr(e, "problem_mark", None)
    cm = getattr(e, "context_mark", None)
    line = pm.line + 1 if pm is not None else 1
    col = pm.column + 1 if pm is not None else 1
    context_at = (cm.line + 1, cm.column + 1) if cm is not None else (line, col)
    lines = text.splitlines()
    for rule in _RULES:
        if not rule.matches(problem, context):
            continue
        at_line, at_col = context_at if rule.at_context else (line, col)
        src = lines[at_line - 1] if 0 < at_line <= len(lines) else ""
        if isinstance(rule.message, str):
            return at_line, at_col, rule.message
        found = rule.message(_Spot(at_line, at_col, context_at, src))
        if found is not None:
            return found
    raise AssertionError("the last rule matches every error")  # pragma: no cover
