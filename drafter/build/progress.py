"""What a batch build shows: each result as it comes, a progress bar on a terminal, a summary table.

rich is imported only here, and only when a bar or the table is drawn.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from drafter.build.batch import BatchReport, SheetResult


class Display:
    """Lines as they come (stdout: 已生成; stderr: 错误/警告) and the progress bar."""

    def __init__(self, show_progress: bool) -> None:
        self.bar: Progress | None = None
        self.tasks: dict[str, Any] = {}
        self.stdout_tty = False
        if show_progress and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.stdout_tty = sys.stdout.isatty()
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                redirect_stdout=False,
                redirect_stderr=False,
            )

    def start(self, stages: list[tuple[str, int]]) -> None:
        if self.bar is not None:
            for name, total in stages:
                self.tasks[name] = self.bar.add_task(name, total=total)
            self.bar.start()

    def advance(self, stage: str, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.tasks[stage], n)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None

    def err(self, line: str) -> None:
        if self.bar is not None:
            from rich.text import Text

            self.bar.console.print(Text(line), soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    def out(self, line: str) -> None:
        if self.bar is not None and self.stdout_tty:
            from rich.text import Text

            self.bar.console.print(Text(line), soft_wrap=True)
        else:
            print(line)

    def result(self, r: SheetResult) -> None:
        for line in r.warnings:
            self.err(line)
        for line in r.errors:
            self.err(line)
        if r.ok:
            note = f"（{'；'.join(r.notes)}）" if r.notes else ""
            self.out(f"已生成：{r.output}{note}")


def print_summary(report: BatchReport, console: Console | None = None) -> None:
    """The table at the end: 份数 成功 失败 用时 每秒份数, then the sheets that failed."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = console or Console(soft_wrap=True, highlight=False)
    t = Table(title="批量生成结果", header_style="bold")
    for name in ("份数", "成功", "失败", "用时", "每秒份数"):
        t.add_column(name, justify="right")
    t.add_row(
        str(report.total),
        str(len(report.succeeded)),
        str(len(report.failed)),
        f"{report.seconds:.2f} 秒",
        f"{report.per_second:.1f}",
    )
    console.print(t)
    if report.failed:
        # Plain lines, never wrapped, so a path can be copied; the reasons are the 错误 lines above.
        console.print(Text(f"未生成的事实表（{len(report.failed)} 份，原因见上面的「错误」行）："), soft_wrap=True)
        for r in report.failed:
            console.print(Text(f"  {r.sheet}"), soft_wrap=True)
