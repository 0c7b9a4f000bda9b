"""``drafter build``: one sheet, or many in parallel.

``drafter build a.yaml b.yaml … -o OUTDIR`` and ``drafter build FOLDER -o OUTDIR``
build one draft per fact sheet across all cores (a process pool), with a
progress bar on stderr when it is a terminal.  One bad sheet does not stop
the others: each problem is printed as the usual one line
``错误：FILE:LINE:COL: …`` as soon as it is found, a summary table follows at
the end, and the exit code is 1 when any sheet failed.

Choices (documented in the README):

* A folder means the ``*.yaml``/``*.yml`` files directly in it, sorted by
  name; subfolders are not searched (an output folder or an archive of last
  year's sheets often sits inside), nor are hidden files (``._x.yaml`` that
  macOS leaves on USB sticks).
* The output of a sheet is ``OUTDIR/<年度>年<单位><文种>.docx`` (beside the
  sheet without ``-o``).  When several sheets of one run would get the same
  file (two 中心小学工会 of different townships, or a sheet copied without
  changing 单位), none overwrites another: each of them gets the sheet's own
  file name added, ``2025年中心小学工会工作总结（城关镇）.docx``, and a 警告
  line says so.  This is decided before anything is written, so a run always
  names the same sheets the same way.

Every sheet goes through :func:`drafter.build.pipeline.build_one`, the same function
as a single build, so backups and the refusal to overwrite a Word file
drafter did not make hold for batches too.

Each sheet is read and composed once: the first pass (in the workers)
composes every draft and sends it back with its default name; the second
writes each draft under its settled name.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import print_errors

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    from drafter.build.pipeline import BuildOptions
    from drafter.draft import Draft
    from drafter.errors import DrafterError


SHEET_SUFFIXES = (".yaml", ".yml")
MAX_CHUNK = 8  # sheets per task sent to a worker
POOL_MIN_SHEETS = 4  # fewer sheets are built in this process (forking costs more)
SPAWN_MIN_SHEETS = 16  # without fork, each worker imports drafter afresh (~0.2 s)


# -- inputs ---------------------------------------------------------------------


def expand_sheets(paths: list[Path]) -> list[Path]:
    """The fact sheets named by ``paths``: files as given, folders as their sheets.

    A path given twice (or a file also inside a given folder) is built once.
    """
    out: list[Path] = []
    seen: set[str] = set()
    for p in paths:
        if p.is_dir():
            found = sorted(
                (x for x in p.iterdir() if x.suffix.lower() in SHEET_SUFFIXES and not x.name.startswith((".", "~$"))),
                key=lambda x: x.name,
            )
            items = [x for x in found if x.is_file()]
        else:
            items = [p]
        for x in items:
            key = os.path.normcase(os.path.abspath(x))
            if key not in seen:
                seen.add(key)
                out.append(x)
    return out


def is_batch(paths: list[Path], sheets: list[Path]) -> bool:
    return len(sheets) > 1 or any(p.is_dir() for p in paths)


# -- results --------------------------------------------------------------------


class SheetResult:
    """What happened to one sheet (plain data: it crosses process boundaries)."""

    __slots__ = ("errors", "notes", "output", "sheet", "warnings")

    def __init__(
        self,
        sheet: Path,
        output: Path | None = None,
        errors: list[str] | None = None,
        warnings: list[str] | None = None,
        notes: list[str] | None = None,
    ) -> None:
        self.sheet = sheet
        self.output = output
        self.errors = errors or []  # 错误：… lines
        self.warnings = warnings or []  # 警告：… lines
        self.notes = notes or []

    @property
    def ok(self) -> bool:
        return not self.errors and self.output is not None

    def __repr__(self) -> str:
        return f"SheetResult({self.sheet!r}, output={self.output!r}, errors={self.errors!r})"


class BatchReport:
    """The outcome of :func:`build_many`, sheets in the order given.

    (Plain classes, not dataclasses: this module is imported by every
    ``drafter build`` and a dataclass costs ~0.4 ms to define.)
    """

    __slots__ = ("results", "seconds")

    def __init__(self, results: list[SheetResult], seconds: float) -> None:
        self.results = results
        self.seconds = seconds

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def succeeded(self) -> list[SheetResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[SheetResult]:
        return [r for r in self.results if not r.ok]

    @property
    def per_second(self) -> float:
        return self.total / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failed or not self.results else 0


# -- work done in the workers -----------------------------------------------------


def _error_lines(err: BaseException, sheet: Path) -> list[str]:
    from drafter.errors import DrafterError

    if isinstance(err, DrafterError):
        return err.lines()
    # A bug in drafter must not take the other sheets down with it.
    return [
        DrafterError(
            f"内部错误（{type(err).__name__}: {err}）。这是 drafter 的问题，请把这份事实表和这行信息报告给开发者。",
            file=sheet,
        ).format()
    ]


class Planned:
    """A sheet composed in the first pass: its draft, warnings and default output."""

    __slots__ = ("default", "draft", "sheet", "warnings")

    def __init__(self, sheet: Path, default: Path, draft: Draft, warnings: list[DrafterError]) -> None:
        self.sheet = sheet
        self.default = default
        self.draft = draft
        self.warnings = warnings


def _plan_one(sheet: Path, opts: BuildOptions) -> Planned | list[str]:
    """The sheet composed (read once, here), or the lines saying why it cannot be."""
    from drafter.build.pipeline import default_output, make_draft

    try:
        facts, draft, warnings = make_draft(sheet, opts)
        return Planned(sheet, default_output(facts, sheet, opts.fmt), draft, warnings)
    except Exception as err:  # reported per sheet
        return _error_lines(err, sheet)


def _plan_chunk(sheets: list[Path], opts: BuildOptions) -> list[Planned | list[str]]:
    return [_plan_one(s, opts) for s in sheets]


def _write_one(planned: Planned, target: Path, opts: BuildOptions) -> SheetResult:
    from drafter.build.pipeline import write_draft

    result = SheetResult(planned.sheet)
    try:
        outcome = write_draft(planned.sheet, planned.draft, planned.warnings, target, opts)
    except Exception as err:  # reported per sheet
        result.errors = _error_lines(err, planned.sheet)
        return result
    result.output = outcome.output
    result.warnings = [line for w in outcome.warnings for line in w.lines()]
    result.notes = list(outcome.notes)
    return result


def _write_chunk(tasks: list[tuple[Planned, Path]], opts: BuildOptions) -> list[SheetResult]:
    return [_write_one(planned, target, opts) for planned, target in tasks]


def _warm() -> None:
    """Load what every build needs, once per process (before forking, or in each spawned worker)."""
    from drafter.build import compose, leakguard, pipeline, templating  # noqa: F401
    from drafter.docx import writer as docx_writer
    from drafter.sheet import load  # noqa: F401

    templating._bytecode_cache()
    docx_writer._template(docx_writer.DEFAULT_FONTS)


def _worker_init(warm: bool, parent: int) -> None:
    # Ctrl+C reaches the whole process group: the parent stops the batch
    # (finished drafts are complete files); workers print no tracebacks.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)
    if warm:
        _warm()


def _end_with_parent(parent: int) -> None:
    """Make this worker end when the batch's process ends, even by ``kill -9``.

    Linux: the kernel sends SIGKILL at the parent's death (PR_SET_PDEATHSIG).
    Elsewhere, a daemon thread checks once a second that the parent is alive.
    """
    import signal

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            if libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    import threading

    def watchdog() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watchdog, name="drafter-parent-watchdog", daemon=True).start()


# -- output names -------------------------------------------------------------------


def _name_key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path)).casefold()


def assign_outputs(planned: list[tuple[Path, Path]], outdir: Path | None) -> tuple[dict[Path, Path], list[str]]:
    """Final output of each sheet: ``(sheet, default output)`` → target, and the 警告 lines.

    Sheets whose targets clash all get their own file name added (see the module doc).
    """
    from drafter.errors import Warning_
    from drafter.files import safe_name

    wanted = [(sheet, (outdir / default.name) if outdir is not None else default) for sheet, default in planned]
    groups: dict[str, list[int]] = {}
    for i, (_, target) in enumerate(wanted):
        groups.setdefault(_name_key(target), []).append(i)
    clashing = {i for members in groups.values() if len(members) > 1 for i in members}
    taken = {key for key, members in groups.items() if len(members) == 1}
    out: dict[Path, Path] = {}
    warnings: list[str] = []
    for i, (sheet, target) in enumerate(wanted):
        if i not in clashing:
            out[sheet] = target
            continue
        n = 1
        while True:
            new = _tagged(target, safe_name(sheet.stem), n)
            if _name_key(new) not in taken:
                break
            n += 1
        taken.add(_name_key(new))
        out[sheet] = new
        others = "、".join(str(wanted[j][0]) for j in groups[_name_key(target)] if j != i)
        warnings.append(
            Warning_(
                f"与 {others} 要生成同一个文件「{target.name}」，为免互相覆盖，这份改名为「{new.name}」。"
                "如果不是两个单位，请检查「单位」「年度」「文种」是否写错。",
                file=sheet,
            ).format()
        )
    return out, warnings


def _tagged(target: Path, tag: str, n: int) -> Path:
    """``NAME（tag）.docx`` (``（tag-n）`` from the second), the tag cut so the name leaves room for backups."""
    from drafter.files import BACKUP_ROOM, NAME_MAX

    number = "" if n == 1 else f"-{n}"
    cut = tag
    while cut and len(f"{target.stem}（{cut}…{number}）{target.suffix}".encode()) + BACKUP_ROOM > NAME_MAX:
        cut = cut[:-1]
    if cut != tag:
        cut += "…"
    return target.with_name(f"{target.stem}（{cut}{number}）{target.suffix}")


# -- the pool -----------------------------------------------------------------------


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start_method() -> str:
    import multiprocessing as mp

    # fork: workers start in milliseconds with everything already imported.
    # macOS lists fork but its system libraries are not fork-safe.
    if sys.platform != "darwin" and "fork" in mp.get_all_start_methods():
        return "fork"
    return "spawn"


def _chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class _Runner:
    """Runs chunks of work in a process pool, or here when that is not worth it."""

    def __init__(self, n_sheets: int, jobs: int | None) -> None:
        jobs = _default_jobs() if jobs is None else max(1, jobs)
        self.jobs = min(jobs, n_sheets) or 1
        self.method = _start_method()
        minimum = POOL_MIN_SHEETS if self.method == "fork" else SPAWN_MIN_SHEETS
        self.executor: Executor | None = None
        if self.jobs > 1 and n_sheets >= minimum:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            fork = self.method == "fork"
            if fork:
                import gc

                _warm()
                gc.freeze()  # what the workers inherit stays shared (the collector would touch every page)
            self.executor = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=mp.get_context(self.method),
                initializer=_worker_init,
                initargs=(not fork, os.getpid()),
            )
            if fork:
                # Fork the workers now, before the progress bar starts its thread.
                self.executor.submit(int).result()
        self.chunk = max(1, min(MAX_CHUNK, n_sheets // (self.jobs * 4)))

    def map_chunks(self, fn: Any, items: list[Any], *args: Any) -> Any:
        """Yield ``(chunk, results or exception)`` as chunks finish."""
        chunks = _chunks(items, self.chunk)
        if self.executor is None:
            for chunk in chunks:
                yield chunk, fn(chunk, *args)
            return
        from concurrent.futures import as_completed

        futures: dict[Future[Any], list[Any]] = {self.executor.submit(fn, c, *args): c for c in chunks}
        for fut in as_completed(futures):
            try:
                yield futures[fut], fut.result()
            except Exception as exc:  # a worker died (killed, out of memory)
                yield futures[fut], exc

    def close(self, cancel: bool = False) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=cancel)
            self.executor = None


# -- the batch ---------------------------------------------------------------------------


def build_many(sheets: list[Path], opts: BuildOptions, *, progress: bool = True, summary: bool = True) -> BatchReport:
    """Build every sheet, in parallel; print each result as it comes and a summary table.

    ``opts.output`` is the output folder (None puts each draft beside its
    sheet).  ``progress`` allows the progress bar; it is drawn only when
    stderr is a terminal.  Raises :class:`~drafter.errors.OutputError` only
    when the output folder cannot be used at all; everything that concerns
    one sheet is in the report.
    """
    from drafter.errors import OutputError

    started = time.perf_counter()
    sheets = list(dict.fromkeys(sheets))  # each sheet once
    outdir = opts.output
    if outdir is not None:
        if outdir.exists() and not outdir.is_dir():
            raise OutputError("批量生成时 -o 后面要写一个文件夹，这里是一个已有的文件。", file=outdir)
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"无法创建输出文件夹（{exc.strerror or exc}）。", file=outdir) from None

    results: dict[Path, SheetResult] = {s: SheetResult(s) for s in sheets}
    from drafter.build.progress import Display, print_summary

    runner = _Runner(len(sheets), opts.jobs)
    display = Display(progress)
    try:
        display.start([("读取事实表", len(sheets)), ("生成初稿", len(sheets))])
        # 1. Read and compose every sheet; the broken ones stop here.
        planned: list[Planned] = []
        for chunk, got in runner.map_chunks(_plan_chunk, sheets, opts):
            for sheet, done in zip(chunk, _or_crashed(got, chunk, _plan_crash), strict=True):
                if isinstance(done, Planned):
                    planned.append(done)
                else:
                    results[sheet].errors = done
                    display.result(results[sheet])
            display.advance("读取事实表", len(chunk))
        order = {s: i for i, s in enumerate(sheets)}
        planned.sort(key=lambda p: order[p.sheet])
        targets, warnings = assign_outputs([(p.sheet, p.default) for p in planned], outdir)
        for line in warnings:
            display.err(line)
        display.advance("生成初稿", len(sheets) - len(planned))
        # 2. Write each draft under its settled name.
        tasks = [(p, targets[p.sheet]) for p in planned]
        for chunk, got in runner.map_chunks(_write_chunk, tasks, opts):
            for r in _or_crashed(got, [p.sheet for p, _ in chunk], _build_crash):
                results[r.sheet] = r
                display.result(r)
            display.advance("生成初稿", len(chunk))
    except BaseException:
        display.stop()
        runner.close(cancel=True)
        raise
    display.stop()
    runner.close()
    report = BatchReport([results[s] for s in sheets], time.perf_counter() - started)
    if summary:
        print_summary(report)
    return report


def _crash_line(sheet: Path, exc: BaseException) -> str:
    from drafter.errors import DrafterError

    return DrafterError(
        f"生成这份初稿的进程意外退出（{type(exc).__name__}），没有生成。请单独运行 drafter build 这份事实表查看原因。",
        file=sheet,
    ).format()


def _plan_crash(sheet: Path, exc: BaseException) -> list[str]:
    return [_crash_line(sheet, exc)]


def _build_crash(sheet: Path, exc: BaseException) -> SheetResult:
    return SheetResult(sheet, errors=[_crash_line(sheet, exc)])


def _or_crashed(got: Any, sheets: list[Path], crashed: Any) -> list[Any]:
    if isinstance(got, BaseException):
        return [crashed(s, got) for s in sheets]
    return list(got)


# -- the command ---------------------------------------------------------------------------


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, an unreachable drive: build_one says what is wrong
        return False


def run_build(facts: list[Path], opts: BuildOptions) -> int:
    """The whole ``drafter build`` command (one sheet or many, not watch/dry-run); returns the exit code.

    Raises :class:`~drafter.errors.DrafterError` for a problem that stops the
    command (the CLI prints it); a batch reports each sheet's problems itself.
    """
    from dataclasses import replace

    from drafter.errors import FactSheetError, UsageError

    if opts.pdf and opts.fmt != "docx":
        raise UsageError("--pdf 只能和 docx 格式一起用（去掉 --format，或去掉 --pdf）。")
    sheets = expand_sheets(facts)
    if is_batch(facts, sheets):
        import gc

        gc.enable()  # ``python -m drafter`` turns it off for a single build; a batch runs long
        if not sheets:
            folders = "、".join(str(p) for p in facts if p.is_dir())
            raise FactSheetError(f"文件夹「{folders}」里没有事实表（.yaml 或 .yml 文件）。", file=facts[0])
        report = build_many(sheets, opts)
        if opts.pdf and report.succeeded:
            from drafter.build.pdf import docxs_to_pdfs

            pairs = [(r.output, r.output.with_suffix(".pdf")) for r in report.succeeded if r.output is not None]
            docxs_to_pdfs(pairs)
            print(f"已生成 PDF {len(pairs)} 份。")
        return report.exit_code
    from drafter.build.pipeline import build_one, default_output, make_draft, write_draft

    sheet = sheets[0]
    if opts.output is not None and _is_folder(opts.output):
        # One sheet and an existing folder: the draft goes into the folder.
        facts_, draft, warnings = make_draft(sheet, opts)
        target = opts.output / default_output(facts_, sheet, opts.fmt).name
        outcome = write_draft(sheet, draft, warnings, target, replace(opts, output=target))
    else:
        outcome = build_one(sheet, opts)
    print_errors(outcome.warnings)
    for note in outcome.notes:
        print(note)
    print(f"{'已生成' if outcome.written else '未改动'}：{outcome.output}")
    if opts.pdf and outcome.output is not None:
        from drafter.build.pdf import docx_to_pdf

        target = outcome.output.with_suffix(".pdf")
        docx_to_pdf(outcome.output, target)
        print(f"已生成：{target}")
    return 0
