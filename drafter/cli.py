"""Command line: one table of commands (:data:`COMMANDS`), from which parsing, help pages and errors all come.

``drafter init | check | build | preview | diff | learn | outline | schema | extract | serve``.

The rows are :class:`~drafter.cliargs.Command`, :class:`~drafter.cliargs.Option`
and :class:`~drafter.cliargs.Argument`; :mod:`drafter.cliargs` parses them
(drafter's own few dozen lines: no typer, click or pydantic to import).  Each
command imports what it needs inside its body, so ``build`` never loads
jieba, and ``--help`` is instant.

Exit codes (:func:`main`): 0 done; 1 a problem with the user's files
(:class:`~drafter.errors.DrafterError`, one line each ``错误：FILE:LINE:COL: …``);
2 a wrong command line (``错误：`` naming the option and what it accepts);
130 interrupted (Ctrl+C).  A reader that stops reading (``drafter outline … |
head``) is not an error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING

from drafter.cliargs import (
    HELP_FLAGS,
    Argument,
    Command,
    HelpRequested,
    Option,
    did_you_mean,
    help_page,
    main_help,
    parse,
)
from drafter.contract import FORMATS, KINDS, UNIT_TYPES
from drafter.errors import CommandError, DrafterError, UsageError, print_errors

if TYPE_CHECKING:
    from drafter.build.pipeline import BuildOptions

ABOUT = "工会年度工作总结、述职报告起草工具：把事实表（YAML）写成符合公文格式的 Word 初稿。"
DEFAULT_PORT = 8765

# -- running ------------------------------------------------------------------------------------------


def find_command(name: str) -> Command:
    """The command called ``name``; raises :class:`UsageError` naming the close ones."""
    for command in COMMANDS:
        if command.name == name:
            return command
    names = [c.name for c in COMMANDS]
    hint = did_you_mean(name, names)
    raise UsageError(f"没有「{name}」这个命令。{hint}命令有：{'、'.join(names)}。")


def run(argv: list[str]) -> int:
    """Parse and run one command line; every way it can end becomes an exit code (the one error-to-exit wrapper)."""
    try:
        if not argv:
            sys.stdout.write(main_help(ABOUT, COMMANDS))
            return 2
        if argv[0] in HELP_FLAGS:
            raise HelpRequested(None)
        command = find_command(argv[0])
        if not command.quick:
            import gc

            gc.enable()
        args = parse(command, argv[1:])
        return command.run(args) or 0
    except HelpRequested as asked:
        sys.stdout.write(help_page(asked.command) if asked.command else main_help(ABOUT, COMMANDS))
        return 0
    except UsageError as err:
        print_errors([err])
        return 2
    except DrafterError as err:
        print_errors([err])
        return 1
    except BrokenPipeError:  # the reader stopped reading (drafter outline … | head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file-system problem no check foresaw: still one clean line
        from drafter.errors import from_os_error

        print_errors([from_os_error(exc)])
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


def main(argv: list[str] | None = None) -> int:
    """``drafter …``: run the command line, return the exit code."""
    return run(sys.argv[1:] if argv is None else argv)


def _stage(module: str) -> ModuleType:
    """Import a stage module that may not be in this version yet; its absence is one clean error."""
    import importlib

    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and module.startswith(exc.name):
            raise CommandError(f"这个版本的 drafter 还没有这个功能（缺少模块 {module}）。请更新 drafter。") from None
        raise


# -- the commands ---------------------------------------------------------------------------------------


def _init(a: SimpleNamespace) -> None:
    from drafter.errors import OutputError
    from drafter.sheet.init import write_sheet

    path: Path = a.path
    if path.exists() and not a.force:
        raise OutputError("文件已存在，为免覆盖您填写的内容，没有写入。换一个文件名，或加 --force 覆盖。", file=path)
    if a.last is not None:
        from drafter.files import check_input_file

        check_input_file(a.last, "事实表")
        clash = sorted(f"--{d}" for d in ("type", "kind") if d in a._given)
        if clash:
            raise UsageError(
                f"用 --from 时单位类型和文种沿用上一年的事实表，不要同时给 {'、'.join(clash)}。", command="init"
            )
        from drafter.sheet.init import sheet_from_last

        text = sheet_from_last(a.last, a.year)
    else:
        import datetime as dt

        from drafter.sheet.init import example_sheet

        today = dt.date.today()
        year = a.year or (today.year if today.month >= 7 else today.year - 1)
        text = example_sheet(a.type, a.kind, year)
    write_sheet(path, text)
    print(f"已写出事实表：{path}")
    print(f"下一步：用记事本或 WPS 打开填写，然后运行  drafter check {path}  和  drafter build {path}")


def _check(a: SimpleNamespace) -> None:
    from drafter.sheet.load import load_facts

    loaded, warnings = load_facts(a.facts)
    print_errors(list(warnings))
    n_items = sum(len(v) for v in loaded.categories.values()) + sum(len(w.items) for w in loaded.other_work)
    print(f"检查通过：{a.facts}（{loaded.unit}，{loaded.year}年{loaded.kind}，事项 {n_items} 条）")


def build_options(a: SimpleNamespace) -> BuildOptions:
    """The parsed ``build`` options as one value."""
    from drafter.build.pipeline import BuildOptions

    return BuildOptions(
        output=a.output,
        templates=a.templates,
        fmt=a.fmt,
        variant=a.variant,
        force=a.force,
        fresh=a.fresh,
        dry_run=a.dry_run,
        pdf=a.pdf,
        watch=a.watch,
    )


def _build(a: SimpleNamespace) -> int:
    opts = build_options(a)
    if (opts.watch or opts.dry_run) and len(a.facts) != 1:
        raise UsageError("--watch 和 --dry-run 只能用于一份事实表。", command="build")
    if opts.watch and opts.dry_run:
        raise UsageError("--watch 和 --dry-run 不能一起用。", command="build")
    if opts.dry_run:
        from drafter.build.pipeline import plan_build

        for line in plan_build(a.facts[0], opts):
            print(line)
        return 0
    if opts.watch:
        return _watch(a.facts[0], opts)
    from drafter.build.batch import run_build

    return run_build(a.facts, opts)


def _watch(sheet: Path, opts: BuildOptions) -> int:
    from drafter.build.pipeline import build_one, summary_line
    from drafter.build.watch import watch

    def rebuild() -> str:
        outcome = build_one(sheet, opts)
        print_errors(outcome.warnings)
        for note in outcome.notes[:-1]:
            print(note)
        return summary_line(outcome)

    return watch(sheet, rebuild, templates=opts.templates)


def _preview(a: SimpleNamespace) -> None:
    from drafter.build.pipeline import make_draft
    from drafter.text import to_markdown, to_text

    _, draft, warnings = make_draft(a.facts, templates=a.templates, variant=a.variant)
    print_errors(warnings)
    sys.stdout.write(to_markdown(draft) if a.md else to_text(draft))


def _diff(a: SimpleNamespace) -> None:
    from drafter.files import check_input_file
    from drafter.roundtrip.diff import command

    for path in (a.old, a.new):
        check_input_file(path, "文稿（.docx）")
    command(a.old, a.new)


def _learn(a: SimpleNamespace) -> None:
    from drafter.learn.pipeline import learn as run_learn
    from drafter.learn.report import learn_progress, print_summary

    with learn_progress() as progress:
        summary = run_learn(a.samples, a.output, progress)
    print_summary(summary)


def _outline(a: SimpleNamespace) -> None:
    if a.json:
        import json

        from drafter.learn.pipeline import outline_json

        sys.stdout.write(json.dumps(outline_json(a.samples), ensure_ascii=False, indent=2) + "\n")
        return
    from drafter.learn.pipeline import outline_text

    for line in outline_text(a.samples):
        print(line)


def _schema(_a: SimpleNamespace) -> None:
    text = _stage("drafter.sheet.schema").schema_json()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _extract(a: SimpleNamespace) -> None:
    from drafter.files import check_input_file

    check_input_file(a.report, "报告")
    _stage("drafter.extract").command(a.report, a.output, a.force)


def _serve(a: SimpleNamespace) -> None:
    _stage("drafter.serve").command(a.folder, a.port, not a.no_browser)


# -- the table ------------------------------------------------------------------------------------------

_TEMPLATES = Option("templates", ("--templates",), "模板文件夹（默认用自带模板）", "path", "文件夹")
_VARIANT = Option("variant", ("--variant",), "换一种措辞：0、1、2…", "int", "数字", default=0, minimum=0)
_SHEET = Argument("facts", "事实表", "事实表文件（.yaml）")

COMMANDS: tuple[Command, ...] = (
    Command(
        "init",
        "写出一份带中文注释的示例事实表，照着填写即可。",
        "给出 --from 去年的事实表时，沿用去年的单位、单位类型、文种和概况，事项留空待填。",
        _init,
        (Argument("path", "文件", "要写出的事实表文件名", default=Path("事实表.yaml")),),
        (
            Option("type", ("--type", "-t"), "单位类型", "choice", "类型", UNIT_TYPES, UNIT_TYPES[0]),
            Option("kind", ("--kind", "-k"), "文种", "choice", "文种", KINDS, KINDS[0]),
            Option(
                "year", ("--year",), "年度（默认：今年；上半年默认去年）", "int", "年份", minimum=1949, maximum=2100
            ),
            Option("last", ("--from",), "去年的事实表：据此写出今年的事实表", "path", "文件"),
            Option("force", ("--force",), "文件已存在时也覆盖"),
        ),
        quick=True,
    ),
    Command(
        "check",
        "检查事实表：一次列出所有问题（文件:行:列）和提醒。",
        "",
        _check,
        (_SHEET,),
        quick=True,
    ),
    Command(
        "build",
        "生成初稿：默认写到事实表旁边，文件名为「年度+单位+文种.docx」。",
        "再次生成到 drafter 生成过的 Word 文件时，会保留您在 Word 里改过的段落。\n"
        "给出多个事实表或一个文件夹时批量生成，-o 是输出文件夹。",
        _build,
        (Argument("facts", "事实表", "事实表文件（.yaml），可以是多个文件或一个文件夹", many=True),),
        (
            Option("output", ("-o", "--output"), "输出文件；批量生成时是输出文件夹", "path", "文件"),
            _TEMPLATES,
            Option(
                "fmt",
                ("-f", "--format"),
                "输出格式",
                "choice",
                "格式",
                FORMATS,
                FORMATS[0],
                advice="要 PDF 请用 docx 格式并加 --pdf。",
            ),
            _VARIANT,
            Option("force", ("--force",), "覆盖不是 drafter 生成的 Word 文件（原文件先备份）"),
            Option("pdf", ("--pdf",), "同时用 LibreOffice 生成 PDF"),
            Option("watch", ("--watch",), "保存事实表后自动重新生成，按 Ctrl+C 停止"),
            Option("dry_run", ("--dry-run",), "只显示重新生成会改动哪些段落，不写入文件"),
            Option("fresh", ("--fresh",), "重新生成，不合并 Word 中的修改（原文件先备份）"),
        ),
        quick=True,
    ),
    Command(
        "preview",
        "在终端里预览初稿全文。",
        "",
        _preview,
        (_SHEET,),
        (_TEMPLATES, _VARIANT, Option("md", ("--md",), "输出 Markdown")),
        quick=True,
    ),
    Command(
        "diff",
        "比较两份 Word 稿：从旧稿到新稿逐段改了什么（修改、新增、删除）。",
        "要看重新生成会改动什么，请用 drafter build 事实表 --dry-run。",
        _diff,
        (Argument("old", "旧稿", "原来的 Word 稿（.docx）"), Argument("new", "新稿", "新的 Word 稿（.docx）")),
    ),
    Command(
        "learn",
        "从样本报告学习各部分的写法，生成模板。",
        "",
        _learn,
        (Argument("samples", "样本", "样本报告：.txt（任意编码）或 .docx 文件，或文件夹", many=True),),
        (Option("output", ("-o", "--output"), "模板输出文件夹", "path", "文件夹", default=Path("templates")),),
    ),
    Command(
        "outline",
        "显示学习程序看到的结构：每篇报告的章节、层级和分类。",
        "",
        _outline,
        (Argument("samples", "样本", "样本报告：.txt 或 .docx 文件，或文件夹", many=True),),
        (Option("json", ("--json",), "输出 JSON（给程序读）"),),
    ),
    Command(
        "schema",
        "输出事实表的 JSON Schema，供编辑器检查和补全事实表。",
        "",
        _schema,
        quick=True,
    ),
    Command(
        "extract",
        "从一份已有的报告（.docx 或 .txt）整理出事实表，供核对后生成。",
        "",
        _extract,
        (Argument("report", "报告", "已有的报告：.docx 或 .txt 文件，或放报告的文件夹（每份报告一个事实表）"),),
        (
            Option(
                "output",
                ("-o", "--output"),
                "要写出的事实表（默认：报告旁边）；报告是文件夹时写一个文件夹",
                "path",
                "文件",
            ),
            Option("force", ("--force",), "事实表已存在时也覆盖"),
        ),
    ),
    Command(
        "serve",
        "在浏览器里填写事实表、预览和生成初稿（只在本机使用）。",
        "按 Ctrl+C 停止。",
        _serve,
        (Argument("folder", "文件夹", "放事实表和初稿的文件夹（默认：当前文件夹）", default=Path(".")),),
        (
            Option(
                "port",
                ("--port",),
                "端口（0 表示自动选择空闲端口）",
                "int",
                "数字",
                default=DEFAULT_PORT,
                minimum=0,
                maximum=65535,
            ),
            Option("no_browser", ("--no-browser",), "不自动打开浏览器"),
        ),
    ),
)
