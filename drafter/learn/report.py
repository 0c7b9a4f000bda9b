"""Console output of ``drafter learn``: a progress bar and the summary table (rich)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from drafter.learn.pipeline import LearnSummary, Progress


@contextmanager
def learn_progress() -> Iterator[Progress]:
    """A rich progress bar on stderr; a no-op when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield lambda stage, done, total: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield update


def print_summary(s: LearnSummary) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True)
    t = Table(title=f"学习完成：模板已写入 {s.out}", show_header=True, header_style="bold")
    t.add_column("项目")
    t.add_column("数量", justify="right")
    t.add_row("样本文件", str(s.files))
    t.add_row("报告", str(s.reports))
    t.add_row("近似重复（不重复计入）", str(s.duplicates))
    t.add_row("字数", str(s.characters))
    t.add_row("修复断行", str(s.joins))
    from drafter.learn.corpus.load import NOISE_KINDS

    for kind, n in sorted(s.noise.items()):
        t.add_row(f"清除噪声：{NOISE_KINDS.get(kind, kind)}", str(n))
    for cat, n in s.sections.items():
        t.add_row(f"章节：{cat}", str(n))
    t.add_row("学到的措辞", str(s.kept))
    t.add_row("样本未覆盖、用内置措辞的位置", str(s.builtin))
    t.add_row("舍弃的句子", str(sum(s.rejected.values())))
    for reason, n in sorted(s.rejected.items(), key=lambda kv: (-kv[1], kv[0])):
        example = s.rejected_example.get(reason)
        t.add_row(f"  舍弃原因：{reason}" + (f"（如{example}）" if example else ""), str(n))
    console.print(t)
