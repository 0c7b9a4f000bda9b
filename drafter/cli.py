"""Command line: ``drafter init | check | build | preview | diff | learn | outline``.

Only typer is imported at start-up; each command imports what it needs, so
``build`` never loads jieba and ``--help`` is instant.  Errors meant for the
user (:class:`drafter.errors.DrafterError`) become one line each on stderr
and exit code 1; usage errors are typer's own (exit code 2).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from drafter.errors import print_errors

T = TypeVar("T")

app = typer.Typer(
    name="drafter",
    help="工会年度工作总结、述职报告起草工具：把事实表（YAML）写成符合公文格式的 Word 初稿。",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _run(action: Callable[[], T]) -> T:
    """Run a command body; user errors become one line each and exit code 1."""
    from drafter.errors import DrafterError, from_os_error

    try:
        return action()
    except DrafterError as err:
        print_errors([err])
        raise typer.Exit(1) from None
    except BrokenPipeError:  # the reader stopped reading (drafter outline … | head): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:  # a file-system problem no check foresaw: still one clean line
        print_errors([from_os_error(exc)])
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        raise typer.Exit(130) from None


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="要写出的事实表文件名")] = Path("事实表.yaml"),
    unit_type: Annotated[
        str, typer.Option("--type", "-t", help="单位类型：学校/企业/机关/医院/乡镇街道/其他")
    ] = "学校",
    kind: Annotated[str, typer.Option("--kind", "-k", help="文种：工作总结/述职报告")] = "工作总结",
    year: Annotated[int | None, typer.Option("--year", help="年度（默认：今年；上半年默认去年）")] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时也覆盖")] = False,
) -> None:
    """写出一份带中文注释的示例事实表，照着填写即可。"""

    def body() -> None:
        import datetime as dt

        from drafter.errors import OutputError
        from drafter.sheet.facts import KINDS, UNIT_TYPES
        from drafter.sheet.init import example_sheet, write_sheet

        if unit_type not in UNIT_TYPES:
            raise OutputError(f"不认识的单位类型「{unit_type}」。可选：{'、'.join(UNIT_TYPES)}。", file=path)
        if kind not in KINDS:
            raise OutputError(f"不认识的文种「{kind}」。可选：{'、'.join(KINDS)}。", file=path)
        if path.exists() and not force:
            raise OutputError(
                "文件已存在，为免覆盖您填写的内容，没有写入。换一个文件名，或加 --force 覆盖。", file=path
            )
        today = dt.date.today()
        y = year or (today.year if today.month >= 7 else today.year - 1)
        write_sheet(path, example_sheet(unit_type, kind, y))
        print(f"已写出事实表：{path}")
        print(f"下一步：用记事本或 WPS 打开填写，然后运行  drafter check {path}  和  drafter build {path}")

    _run(body)


@app.command()
def check(
    facts: Annotated[Path, typer.Argument(help="事实表（YAML）")],
) -> None:
    """检查事实表：一次列出所有问题（文件:行:列）和提醒。"""

    def body() -> None:
        from drafter.sheet.load import load_facts

        loaded, warnings = load_facts(facts)
        print_errors(list(warnings))
        n_items = sum(len(v) for v in loaded.categories.values()) + sum(len(w.items) for w in loaded.other_work)
        print(f"检查通过：{facts}（{loaded.unit}，{loaded.year}年{loaded.kind}，事项 {n_items} 条）")

    _run(body)


@app.command()
def build(
    facts: Annotated[list[Path], typer.Argument(help="事实表（YAML），可以是多个文件或一个文件夹")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件；批量生成时是输出文件夹")] = None,
    templates: Annotated[Path | None, typer.Option("--templates", help="模板目录（默认用自带模板）")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="输出格式：docx/md/txt")] = "docx",
    variant: Annotated[int, typer.Option("--variant", min=0, help="换一种措辞（0、1、2…）")] = 0,
    force: Annotated[bool, typer.Option("--force", help="覆盖不是 drafter 生成的 Word 文件（原文件先备份）")] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成 PDF")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="保存事实表后自动重新生成，按 Ctrl+C 停止")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示重新生成会改动哪些段落，不写入文件")] = False,
    fresh: Annotated[bool, typer.Option("--fresh", help="重新生成，不合并 Word 中的修改（原文件先备份）")] = False,
) -> None:
    """生成初稿：默认写到事实表旁边，文件名为「年度+单位+文种.docx」。

    再次生成到 drafter 生成过的 Word 文件时，会保留您在 Word 里改过的段落。
    """
    from drafter.build.batch import run_build

    if (watch or dry_run) and len(facts) != 1:
        print("错误：--watch 和 --dry-run 只能用于一份事实表。", file=sys.stderr)
        raise typer.Exit(2)
    if dry_run:

        def plan() -> None:
            from drafter.build.pipeline import plan_build

            for line in plan_build(facts[0], output=output, templates=templates, fmt=fmt, variant=variant):
                print(line)

        _run(plan)
        return
    if watch:
        from drafter.build.pipeline import build_one, summary_line
        from drafter.build.watch import watch as watch_sheet

        def rebuild() -> str:
            outcome = build_one(
                facts[0], output=output, templates=templates, fmt=fmt, variant=variant, force=force, fresh=fresh
            )
            print_errors(outcome.warnings)
            for note in outcome.notes[:-1]:
                print(note)
            return summary_line(outcome)

        raise typer.Exit(watch_sheet(facts[0], rebuild, templates=templates))
    code = run_build(facts, output, templates, fmt, variant, force, fresh=fresh, pdf=pdf)
    if code:
        raise typer.Exit(code)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="原来的 Word 稿")],
    new: Annotated[Path, typer.Argument(help="新的 Word 稿")],
) -> None:
    """比较两份 Word 稿：从原稿到新稿逐段改了什么（修改、新增、删除）。"""

    def body() -> None:
        from drafter.roundtrip.diff import command

        command(old, new)

    _run(body)


@app.command()
def preview(
    facts: Annotated[Path, typer.Argument(help="事实表（YAML）")],
    templates: Annotated[Path | None, typer.Option("--templates", help="模板目录（默认用自带模板）")] = None,
    variant: Annotated[int, typer.Option("--variant", min=0, help="换一种措辞（0、1、2…）")] = 0,
    markdown: Annotated[bool, typer.Option("--md", help="输出 Markdown")] = False,
) -> None:
    """在终端里预览初稿全文。"""

    def body() -> None:
        from drafter.build.pipeline import make_draft
        from drafter.text import to_markdown, to_text

        _, draft, warnings = make_draft(facts, templates=templates, variant=variant)
        print_errors(warnings)
        sys.stdout.write(to_markdown(draft) if markdown else to_text(draft))

    _run(body)


@app.command()
def learn(
    samples: Annotated[list[Path], typer.Argument(help="样本报告：.txt（任意编码）或 .docx 文件，或文件夹")],
    output: Annotated[Path, typer.Option("-o", "--output", help="模板输出目录")] = Path("templates"),
) -> None:
    """从样本报告学习各部分的写法，生成模板（templates/）。"""

    def body() -> None:
        from drafter.learn.pipeline import learn as run_learn
        from drafter.learn.report import learn_progress, print_summary

        with learn_progress() as progress:
            summary = run_learn(samples, output, progress)
        print_summary(summary)

    _run(body)


@app.command()
def outline(
    samples: Annotated[list[Path], typer.Argument(help="样本报告：.txt 或 .docx 文件，或文件夹")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（给程序读）")] = False,
) -> None:
    """显示学习程序看到的结构：每篇报告的章节、层级和分类。"""

    def body() -> None:
        import json

        if as_json:
            from drafter.learn.pipeline import outline_json

            sys.stdout.write(json.dumps(outline_json(samples), ensure_ascii=False, indent=2) + "\n")
            return
        from drafter.learn.pipeline import outline_text

        for line in outline_text(samples):
            print(line)

    _run(body)


def main() -> None:
    app()
