"""``drafter extract``: last year's report → this year's fact sheet.

Kept out of the build path: ``drafter build`` never imports this package (it
pulls in the learner and jieba).
"""

from __future__ import annotations

from pathlib import Path


def command(report: Path, output: Path | None, force: bool) -> None:
    """Read ``report`` (.docx/.txt or a folder of them) and write its fact sheet; see :mod:`drafter.extract.run`."""
    from drafter.extract.run import command as run

    run(report, output, force)
