"""The command-line engine: commands and options as data, parsed into values, shown as Chinese help pages.

It knows nothing of drafter's commands: :mod:`drafter.cli` holds the table
(:data:`drafter.cli.COMMANDS`) and what each command does.  Everything the
user reads comes from the table's rows: the usage line, the help page of
each command, and every usage error, which names the option or argument at
fault and what it accepts (with close matches for a typo), never a file
location.  No framework: typer with click and pydantic costs ~200 ms at
start-up, more than a whole ``check``, and both typer and argparse write
English ("Usage", "Options", "error:") into every page.  The rows are
NamedTuples (immutable, and ten times cheaper to define than dataclasses on
a path where every millisecond of start-up counts).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from drafter.errors import UsageError

PROG = "drafter"
HELP_FLAGS = ("-h", "--help")
HELP_TEXT = "显示本页帮助"

# -- the table's rows ------------------------------------------------------------------------


class Option(NamedTuple):
    """One option of a command.  ``kind``: flag (no value), path, int, choice, text."""

    dest: str
    flags: tuple[str, ...]
    help: str
    kind: str = "flag"
    metavar: str = ""
    choices: tuple[str, ...] = ()
    default: object = None
    minimum: int | None = None
    maximum: int | None = None
    advice: str = ""  # added to the error when a value is refused


class Argument(NamedTuple):
    """One positional argument: a path.  ``many`` takes all the rest; ``default`` None means required."""

    dest: str
    metavar: str
    help: str
    many: bool = False
    default: Path | None = None


class Command(NamedTuple):
    """One command: its help and its parameters; ``run`` gets the parsed values and returns the exit code."""

    name: str
    summary: str
    doc: str
    run: Callable[[SimpleNamespace], int | None]
    arguments: tuple[Argument, ...] = ()
    options: tuple[Option, ...] = ()
    quick: bool = False  # short-lived: Python's cycle collector stays off (see __main__)


# -- parsing ---------------------------------------------------------------------------------------


class HelpRequested(Exception):
    """``-h``/``--help`` was given: show the page of ``command`` (None: the list of commands)."""

    def __init__(self, command: Command | None) -> None:
        super().__init__(command.name if command else PROG)
        self.command = command


def parse(command: Command, argv: list[str]) -> SimpleNamespace:
    """The values of ``argv`` (after the command name), defaults filled in; ``_given`` names the options given.

    Raises :class:`UsageError` saying which option or argument is wrong and
    what it accepts, and :class:`HelpRequested` for ``-h``/``--help``.
    """
    values: dict[str, object] = {o.dest: o.default for o in command.options}
    by_flag = {flag: o for o in command.options for flag in o.flags}
    given: set[str] = set()
    positionals: list[str] = []
    i = 0
    only_positional = False
    while i < len(argv):
        token = argv[i]
        i += 1
        if only_positional or token == "-" or not token.startswith("-"):
            positionals.append(token)
            continue
        if token == "--":
            only_positional = True
            continue
        if token in HELP_FLAGS:
            raise HelpRequested(command)
        if token.startswith("--"):
            name, eq, inline = token.partition("=")
            value: str | None = inline if eq else None
        else:  # -o VALUE or -oVALUE
            name, value = token[:2], (token[2:] or None)
        option = by_flag.get(name)
        if option is None:
            raise UsageError(_unknown_option(command, name), command=command.name)
        if option.dest in given:
            raise UsageError(f"选项 {name} 只能给一次。", command=command.name)
        given.add(option.dest)
        if option.kind == "flag":
            if value is not None:
                raise UsageError(f"选项 {name} 后面不跟值，只写 {name} 即可。", command=command.name)
            values[option.dest] = True
            continue
        if value is None:
            if i >= len(argv) or argv[i] in by_flag or argv[i] in HELP_FLAGS:
                raise UsageError(f"选项 {name} 后面缺少{option.metavar}（{option.help}）。", command=command.name)
            value = argv[i]
            i += 1
        values[option.dest] = _convert(command, option, name, value)
    values.update(_assign(command, positionals))
    values["_given"] = frozenset(given)
    return SimpleNamespace(**values)


def _convert(command: Command, option: Option, name: str, value: str) -> object:
    if option.kind == "int":
        text = value.strip()
        body = text[1:] if text[:1] in "+-" else text
        if not (body.isascii() and body.isdigit()):
            raise UsageError(f"选项 {name} 要一个整数，这里是「{value}」。", command=command.name)
        number = int(text)
        low, high = option.minimum, option.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            span = f" {low} 到 {high} " if low is not None and high is not None else f"不小于 {low} "
            raise UsageError(f"选项 {name} 要{span}的整数，这里是 {number}。", command=command.name)
        return number
    if option.kind == "choice":
        if value in option.choices:
            return value
        hint = did_you_mean(value, option.choices)
        raise UsageError(
            f"选项 {name} 不接受「{value}」。可选：{'、'.join(option.choices)}。{hint}{option.advice}",
            command=command.name,
        )
    if not value:
        raise UsageError(f"选项 {name} 后面的{option.metavar}是空的。", command=command.name)
    return Path(value) if option.kind == "path" else value


def _assign(command: Command, positionals: list[str]) -> dict[str, object]:
    """Positional arguments in order; a ``many`` argument takes the rest."""
    out: dict[str, object] = {}
    rest = list(positionals)
    for arg in command.arguments:
        if arg.many:
            taken, rest = _expand_globs(rest), []
            if not taken and arg.default is None:
                raise UsageError(f"缺少{arg.metavar}：{arg.help}。", command=command.name)
            out[arg.dest] = [Path(t) for t in taken] if taken else [arg.default]
        elif rest:
            out[arg.dest] = Path(rest.pop(0))
        elif arg.default is None:
            raise UsageError(f"缺少{arg.metavar}：{arg.help}。", command=command.name)
        else:
            out[arg.dest] = arg.default
    if rest:
        extra = "」「".join(rest)
        raise UsageError(f"多余的参数「{extra}」：drafter {command.name} 不需要它。", command=command.name)
    return out


def _expand_globs(tokens: list[str]) -> list[str]:
    """``*.yaml`` on Windows, whose shell leaves patterns to the program."""
    if os.name != "nt":
        return tokens
    import glob

    out: list[str] = []
    for t in tokens:
        found = sorted(glob.glob(t)) if any(c in t for c in "*?[") else []
        out.extend(found or [t])
    return out


def did_you_mean(word: str, options: tuple[str, ...] | list[str], cutoff: float = 0.5) -> str:
    """``是不是「X」？`` for the options close to ``word`` (a typo, or a part of it), else ''."""
    import difflib

    near = [o for o in options if word and (word in o or o in word)]
    near += [o for o in difflib.get_close_matches(word, list(options), n=3, cutoff=cutoff) if o not in near]
    return f"是不是「{'」或「'.join(near[:3])}」？" if near else ""


def _unknown_option(command: Command, name: str) -> str:
    flags = [f for o in command.options for f in o.flags] + ["--help"]
    hint = did_you_mean(name, [f for f in flags if f.startswith("--")] if name.startswith("--") else flags, 0.75)
    return f"drafter {command.name} 没有选项 {name}。{hint}"


# -- help pages -----------------------------------------------------------------------------------


def _usage(command: Command) -> str:
    parts = [f"用法：{PROG} {command.name}"]
    if command.options:
        parts.append("[选项]")
    for arg in command.arguments:
        shown = f"{arg.metavar}…" if arg.many else arg.metavar
        parts.append(f"[{shown}]" if arg.default is not None else shown)
    return " ".join(parts)


def _width(text: str) -> int:
    """Columns on a terminal (a Chinese character takes two)."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _rows(rows: list[tuple[str, str]]) -> list[str]:
    width = max(_width(left) for left, _ in rows) + 2
    return [f"  {left}{' ' * (width - _width(left))}{right}" for left, right in rows]


def _option_help(option: Option) -> str:
    text = option.help
    if option.choices:
        text += f"。可选：{'、'.join(option.choices)}"
    if option.default is not None and option.kind != "flag":
        text += f"（默认：{option.default}）"
    return text


def help_page(command: Command) -> str:
    """The ``drafter COMMAND --help`` page."""
    lines = [_usage(command), "", command.summary]
    if command.doc:
        lines += ["", command.doc]
    if command.arguments:
        lines += ["", "参数："]
        lines += _rows([(a.metavar + ("…" if a.many else ""), a.help) for a in command.arguments])
    rows = [
        (", ".join(o.flags) + (f" {o.metavar}" if o.kind != "flag" else ""), _option_help(o)) for o in command.options
    ]
    rows.append((", ".join(HELP_FLAGS), HELP_TEXT))
    lines += ["", "选项：", *_rows(rows)]
    return "\n".join(lines) + "\n"


def main_help(about: str, commands: tuple[Command, ...]) -> str:
    """The ``drafter --help`` page: every command in one line."""
    lines = [f"{PROG}：{about}", "", f"用法：{PROG} 命令 [参数和选项]", "", "命令："]
    lines += _rows([(c.name, c.summary) for c in commands])
    lines += ["", f"每个命令的用法：{PROG} 命令 --help，例如 {PROG} build --help。"]
    return "\n".join(lines) + "\n"
