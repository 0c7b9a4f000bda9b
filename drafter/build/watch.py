"""``drafter build --watch``: rebuild on every save of the fact sheet.

Editors save in different ways: some write the file in place, others
(Notepad, WPS, vim) write a temporary file and rename it over the sheet, so
the sheet's inode changes and a watch on the file itself would go blind.
We therefore watch the sheet's *folder* (not recursively) and keep only
events whose file name is the sheet's; a custom templates folder is watched
too (its ``.j2`` files).  watchfiles groups the burst of events of one save
(``step`` ms of quiet ends a group), and a rebuild only runs when the
sheet's content (or a template) actually changed since the last successful
build.  Errors meant for the user are printed and watching goes on;
Ctrl-C stops cleanly (exit code 0).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

DEBOUNCE_MS = 1600  # longest a burst of events is grouped
STEP_MS = 150  # quiet time that ends a burst


class StopEvent(Protocol):
    def is_set(self) -> bool: ...


def _stamp() -> str:
    return _dt.datetime.now().strftime("%H:%M:%S")


# Largest file hashed to notice a change: a sheet is read whole by the build
# anyway (drafter.sheet.load.MAX_BYTES); a template bigger than this is not one.
MAX_HASHED = 8 * 1024 * 1024


def _read(path: Path) -> bytes | None:
    """A regular file's bytes (bounded); None for a missing file, a FIFO, a device, a huge file."""
    from drafter.files import read_regular

    try:
        return read_regular(path, MAX_HASHED)
    except OSError:
        return None


def _state(sheet: Path, templates: Path | None) -> str | None:
    """A hash of what a build reads (None while the sheet is missing, e.g. mid-rename, or not a regular file)."""
    h = hashlib.sha256()
    data = _read(sheet)
    if data is None:
        return None
    h.update(data)
    if templates is not None and templates.is_dir():
        for p in sorted(templates.rglob("*.j2")):
            content = _read(p)
            if content is not None:
                h.update(str(p.relative_to(templates)).encode())
                h.update(content)
    return h.hexdigest()


def check_watchable(sheet: Path) -> None:
    """Refuse (FactSheetError) a sheet that exists but is no regular file of a sheet's size, before watching."""
    import os

    from drafter.errors import FactSheetError, os_reason
    from drafter.files import FileTooLarge, NotRegularFile, read_bounded
    from drafter.sheet.load import MAX_BYTES

    try:  # read it once: a file that cannot be read at all (/proc/self/mem) would be watched forever
        read_bounded(sheet, MAX_BYTES)
    except FileNotFoundError:
        if not os.path.islink(sheet):
            return  # not there yet (or mid-rename): the watch waits for it
        raise FactSheetError(
            "这是一个快捷方式（符号链接），它指向的文件不存在，无法监视。请给出事实表文件本身的路径。", file=sheet
        ) from None
    except NotRegularFile:
        raise FactSheetError("这不是一个普通文件，无法监视。请给出事实表文件（.yaml）的路径。", file=sheet) from None
    except FileTooLarge as exc:
        raise FactSheetError(
            f"文件太大（{exc.size // 1024} KB），不像事实表（最多 {MAX_BYTES // 1024} KB）。请检查文件名。",
            file=sheet,
        ) from None
    except OSError as exc:
        raise FactSheetError(
            f"无法读取这个文件：{os_reason(exc)}。请给出事实表文件（.yaml）的路径。", file=sheet
        ) from None


def watch(
    sheet: Path,
    rebuild: Callable[[], str],
    *,
    templates: Path | None = None,
    initial: bool = True,
    stop_event: StopEvent | None = None,
    debounce_ms: int = DEBOUNCE_MS,
    step_ms: int = STEP_MS,
    out: Callable[[str], None] | None = None,
    err: Callable[[str], None] | None = None,
    force_polling: bool | None = None,
) -> int:
    """Run ``rebuild`` now (if ``initial``) and after every change; returns the exit code (0).

    ``rebuild`` returns the line to show (the merge summary); a
    :class:`~drafter.errors.DrafterError` it raises is shown (one line per
    problem) and watching continues.  ``stop_event`` ends the loop (tests);
    Ctrl-C ends it too.
    """
    import watchfiles

    from drafter.errors import DrafterError

    check_watchable(sheet)
    echo = out or (lambda line: print(line, flush=True))
    echo_err = err or (lambda line: print(line, file=sys.stderr, flush=True))
    sheet = Path(sheet).absolute()
    folder = sheet.parent
    name = sheet.name
    tdir = Path(templates).absolute() if templates is not None else None
    last_ok: str | None = None

    def run() -> None:
        nonlocal last_ok
        state = _state(sheet, tdir)
        if state is None:
            return  # the sheet is being replaced; its new version comes with the next event
        if state == last_ok:
            return  # saved without a change (or the second half of a rename)
        try:
            line = rebuild()
        except DrafterError as exc:
            last_ok = None
            lines = exc.lines()
            echo_err(f"[{_stamp()}] {lines[0]}")
            for extra in lines[1:]:
                echo_err(f"           {extra}")
            return
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # a bug in drafter: say so, keep watching
            last_ok = None
            echo_err(f"[{_stamp()}] 错误：drafter 内部错误（{exc.__class__.__name__}: {exc}），请把这行报告给维护者。")
            return
        last_ok = state
        echo(f"[{_stamp()}] {line}")

    def interesting(_change: object, path: str) -> bool:
        p = Path(path)
        if p.parent == folder and p.name == name:
            return True
        return tdir is not None and p.suffix == ".j2" and tdir in p.parents

    # Not recursive: the sheet may sit in a big folder (Documents).  The templates
    # folder is one level deep (templates/<文种>/*.j2): watch it and its subfolders.
    paths = [folder]
    if tdir is not None and tdir.is_dir():
        paths += [d for d in (tdir, *sorted(x for x in tdir.iterdir() if x.is_dir())) if d != folder]
    try:
        echo(f"正在监视 {sheet.name}（保存后自动重新生成；按 Ctrl+C 停止）")
        if initial:
            run()
        for _changes in watchfiles.watch(
            *paths,
            watch_filter=interesting,
            debounce=debounce_ms,
            step=step_ms,
            stop_event=stop_event,
            rust_timeout=500,
            yield_on_timeout=False,
            raise_interrupt=True,
            force_polling=force_polling,
            recursive=False,
        ):
            run()
    except KeyboardInterrupt:
        pass
    echo("已停止监视。")
    return 0


__all__ = ["watch"]
