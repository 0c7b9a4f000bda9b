"""The build pipeline for one sheet: facts → draft → bytes → file.

Kept free of CLI concerns so batch builds, watch mode and tests call the
same function.  Nothing here imports jieba.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.contract import FORMATS
from drafter.draft import Draft
from drafter.errors import DrafterError, OutputError, Warning_
from drafter.sheet.facts import Facts

if TYPE_CHECKING:
    from drafter.roundtrip.merge import MergeResult

UNMERGED_COPY = "（未合并的修改稿）"  # name part of the copy kept when a base cannot be trusted


def bundled_templates() -> Path:
    """The templates shipped with drafter (learned from examples/samples/)."""
    here = Path(__file__).resolve().parents[1]
    installed = here / "templates"
    if installed.is_dir():
        return installed
    return here.parent / "templates"


def default_output(facts: Facts, sheet: Path, fmt: str) -> Path:
    """``<年度>年<单位><文种>.docx`` beside the fact sheet (no control or bidirectional characters)."""
    from drafter.files import safe_name

    unit = safe_name(facts.unit)
    # Most file systems allow 255 bytes in a name: shorten a very long 单位.
    while len(f"{facts.year}年{unit}…{facts.kind}.{fmt}".encode()) > 200 and len(unit) > 1:
        unit = unit[:-1]
    if len(unit) < len(safe_name(facts.unit)):
        unit += "…"
    name = f"{facts.year}年{unit}{facts.kind}.{fmt}"
    for ch in '\\/:*?"<>|':
        name = name.replace(ch, "_")
    return sheet.parent / name


def templates_fingerprint(templates: Path, kind: str) -> str:
    """A hash of a 文种's template files (regular files only: a FIFO named *.j2 is refused, not read)."""
    from drafter.build.sandbox import read_template_file
    from drafter.errors import TemplateError

    h = hashlib.sha256()
    folder = templates / kind
    for path in sorted(folder.glob("*.j2")) if folder.is_dir() else []:
        h.update(path.name.encode())
        try:
            h.update(read_template_file(path))
        except OSError as exc:
            raise TemplateError(f"无法读取模板文件（{exc.strerror or exc}）。", file=path) from None
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class BuildOptions:
    """Every option of a build: the command line's, and the clock (tests fix it).

    One value passes from the command line through the batch and the pool to
    :func:`build_one`; the functions here also take its fields as keywords
    (``build_one(sheet, output=…, now=…)``), which replace the defaults.
    """

    output: Path | None = None  # -o: a file (one sheet) or a folder (a batch); None: beside the sheet
    templates: Path | None = None  # --templates; None: the bundled ones
    fmt: str = "docx"  # --format, one of FORMATS
    variant: int = 0  # --variant
    force: bool = False  # --force: overwrite a .docx drafter did not make (after a backup)
    fresh: bool = False  # --fresh: do not merge the chair's edits
    dry_run: bool = False  # --dry-run: say what would change, write nothing
    pdf: bool = False  # --pdf: also a PDF through LibreOffice
    watch: bool = False  # --watch: rebuild on every save
    jobs: int | None = None  # batch workers; None: one per core
    today: _dt.date | None = None  # the sheet's default dates; None: today
    now: _dt.datetime | None = None  # the draft's default sign-off; None: now


def options_of(options: BuildOptions | None, changes: dict[str, Any]) -> BuildOptions:
    """``options`` (or the defaults) with the given fields replaced."""
    base = options if options is not None else BuildOptions()
    return replace(base, **changes) if changes else base


@dataclass
class Outcome:
    """What one build did."""

    sheet: Path
    output: Path | None
    draft: Draft
    warnings: list[DrafterError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # backup made, conflicts, the summary line (last)
    summary: str | None = None  # the merge summary (已更新 N 段，…) when an existing draft was merged
    written: bool = True  # False when the existing draft already said everything (nothing written)
    merge: MergeResult | None = None


def render_bytes(draft: Draft, fmt: str) -> bytes:
    """The draft as a file's bytes; a .docx carries its base and a bookmark per paragraph."""
    if fmt == "docx":
        from drafter.roundtrip.document import render_docx

        return render_docx(draft)
    from drafter.text import to_markdown, to_text

    return (to_markdown(draft) if fmt == "md" else to_text(draft)).encode("utf-8")


def make_draft(
    sheet: Path, options: BuildOptions | None = None, **changes: Any
) -> tuple[Facts, Draft, list[DrafterError]]:
    """Load, validate and compose: everything but writing.  The sheet is read once."""
    from drafter.sheet.load import parse_facts, read_sheet

    opts = options_of(options, changes)
    raw = read_sheet(sheet)
    facts, warnings = parse_facts(raw, sheet, today=opts.today)
    draft = draft_from_facts(facts, raw, templates=opts.templates, variant=opts.variant, now=opts.now)
    return facts, draft, list(warnings)


def draft_from_facts(
    facts: Facts,
    raw: bytes,
    *,
    templates: Path | None = None,
    variant: int = 0,
    now: _dt.datetime | None = None,
) -> Draft:
    """Compose the draft of facts read from the sheet bytes ``raw`` and guard it against leaks.

    Also the path of ``drafter serve``'s preview, which reads an unsaved sheet
    with :func:`drafter.sheet.load.parse_facts`.
    """
    from drafter.build.compose import compose
    from drafter.build.leakguard import check_leaks
    from drafter.build.templating import TemplateSet

    root = templates or bundled_templates()
    tset = TemplateSet(root, facts.kind)
    draft = compose(facts, tset, variant=variant, now=now)
    check_leaks(draft, facts, root, raw)
    draft.meta.fingerprint = hashlib.sha256(
        raw + templates_fingerprint(root, facts.kind).encode() + str(variant).encode()
    ).hexdigest()[:16]
    return draft


# File endings a user may give to -o that drafter cannot write.
_OTHER_SUFFIXES: dict[str, str] = {
    ".doc": "旧版 Word 格式（.doc）",
    ".dot": "Word 模板（.dot）",
    ".dotx": "Word 模板（.dotx）",
    ".docm": "带宏的 Word 文档（.docm）",
    ".wps": "WPS 文字格式（.wps）",
    ".wpt": "WPS 模板（.wpt）",
    ".rtf": "RTF 格式",
    ".odt": "OpenDocument 格式（.odt）",
    ".pdf": "PDF",
    ".xls": "Excel 表格",
    ".xlsx": "Excel 表格",
    ".et": "WPS 表格",
    ".csv": "表格（.csv）",
    ".htm": "网页",
    ".html": "网页",
    ".markdown": "Markdown",
    ".yaml": "事实表（.yaml）",
    ".yml": "事实表（.yml）",
}


def check_output_name(out: Path, fmt: str, sheet: Path) -> None:
    """Refuse an output name whose ending does not match what is written.

    A .docx written as ``总结.doc`` or ``总结.pdf`` opens with an error or not
    at all, and ``-o 事实表.yaml`` would replace the chair's own sheet.
    """
    try:
        same = out.resolve() == sheet.resolve()
    except (OSError, RuntimeError):
        same = False
    if same:
        raise OutputError(
            "输出文件和事实表是同一个文件，写入会覆盖您填写的事实表，没有写入。"
            "请在 -o 后面换一个文件名，例如 -o 总结.docx。",
            file=out,
        )
    suffix = out.suffix.lower()
    wanted = f".{fmt}"
    if suffix == wanted:
        return
    if suffix in tuple(f".{f}" for f in FORMATS):
        raise OutputError(
            f"文件名以 {out.suffix} 结尾，但输出格式是 {fmt}。请把文件名改成以 {wanted} 结尾，"
            f"或加 --format {suffix[1:]} 生成 {suffix[1:]} 格式。",
            file=out,
        )
    if suffix in _OTHER_SUFFIXES:
        extra = "要 PDF 请加 --pdf 选项。" if suffix == ".pdf" else ""
        raise OutputError(
            f"drafter 不能生成「{_OTHER_SUFFIXES[suffix]}」文件。请把 -o 后面的文件名改成以 {wanted} 结尾"
            f"（Word 和 WPS 都能打开 .docx）。{extra}",
            file=out,
        )


def build_one(sheet: Path, options: BuildOptions | None = None, **changes: Any) -> Outcome:
    """Build one sheet and write the result to ``options.output`` (a file) or beside the sheet.

    Never damages an earlier draft; see :func:`write_draft`.
    """
    from drafter.files import check_writable_target

    opts = options_of(options, changes)
    if opts.output is not None:
        check_output_name(opts.output, opts.fmt, sheet)
        check_writable_target(opts.output)
    facts, draft, warnings = make_draft(sheet, opts)
    return write_draft(sheet, draft, warnings, opts.output or default_output(facts, sheet, opts.fmt), opts)


def write_draft(sheet: Path, draft: Draft, warnings: list[DrafterError], out: Path, opts: BuildOptions) -> Outcome:
    """Write a composed draft to ``out``, never damaging an earlier draft.

    Into an existing drafter .docx the new rendering is merged with what the
    chair changed in Word (:mod:`drafter.roundtrip.merge`) unless ``fresh``; the old
    file is kept as ``NAME.docx.1.bak`` first.  A .docx drafter did not
    make is only overwritten with ``force``.
    """
    from drafter.files import atomic_write, check_writable_target, output_lock

    check_output_name(out, opts.fmt, sheet)
    check_writable_target(out)
    outcome = Outcome(sheet, out, draft, list(warnings))
    with output_lock(out):  # another build of the same file waits for this one
        check_writable_target(out)
        if opts.fmt == "docx" and out.exists():
            _write_over_docx(out, draft, outcome, force=opts.force, fresh=opts.fresh)
            return outcome
        data = render_bytes(draft, opts.fmt)
        _backup(out, outcome)
        atomic_write(out, data)
    return outcome


def _backup(out: Path, outcome: Outcome) -> None:
    from drafter.files import keep_backup

    if out.exists():
        backup = keep_backup(out)
        if backup is not None:
            outcome.notes.append(f"原文件已备份为 {backup.name}")


def _keep_unmerged_copy(out: Path, data: bytes) -> Path:
    """A copy of the chair's file (its bytes ``data``) that no later build rotates away."""
    from drafter.files import atomic_write, fit_name

    n = 1
    while True:
        copy = out.with_name(fit_name(f"{out.stem}{UNMERGED_COPY[:-1]}{n if n > 1 else ''}）", out.suffix))
        if not copy.exists():
            break
        n += 1
    atomic_write(copy, data)
    return copy


def _write_over_docx(out: Path, draft: Draft, outcome: Outcome, *, force: bool, fresh: bool) -> None:
    from drafter.docx.package import DocxError
    from drafter.files import atomic_write
    from drafter.roundtrip.document import read_old

    try:
        old = read_old(out)  # the one read of the chair's file
    except DocxError as exc:
        if not force:
            raise OutputError(
                f"{exc.message}为免覆盖您的文件，没有写入。请用 -o 换一个文件名；"
                "确实要覆盖时加 --force（原文件会备份为 .1.bak）。",
                file=out,
            ) from None
        old = None
    if old is None or not old.made_by_drafter:
        if not force:
            raise OutputError(
                "这个 Word 文件不是 drafter 生成的，为免覆盖您的文件，没有写入。"
                "请用 -o 换一个文件名；确实要覆盖时加 --force（原文件会备份为 .1.bak）。",
                file=out,
            )
        data = render_bytes(draft, "docx")
        _backup(out, outcome)
        atomic_write(out, data)
        return
    if fresh:
        data = render_bytes(draft, "docx")
        _backup(out, outcome)
        atomic_write(out, data)
        outcome.notes.append("已按事实表重新生成，没有保留 Word 中的修改（修改在备份里）")
        return

    from drafter.roundtrip.document import merge_old, render_merged
    from drafter.roundtrip.merge import BaseUntrusted, conflict_notes

    try:
        result = merge_old(old, draft, file=out)
    except BaseUntrusted as exc:  # no usable base, or one that does not fit the text
        data = render_bytes(draft, "docx")
        copy = _keep_unmerged_copy(out, old.data)
        _backup(out, outcome)
        atomic_write(out, data)
        outcome.warnings.append(
            Warning_(
                f"无法合并您在 Word 中的修改：{exc.message}。为免猜错，没有合并；"
                f"原文件已另存为「{copy.name}」（不会被自动删除），本文件已按事实表重新生成，"
                "请从那份文件中把修改复制过来。",
                file=out,
            )
        )
        outcome.summary = "未合并：已备份原文件并重新生成"
        outcome.notes.append(outcome.summary)
        return
    outcome.merge = result
    outcome.summary = result.stats.summary()
    if result.unchanged:
        outcome.written = False
        outcome.summary += "（内容没有变化，文件未改动）"
        outcome.notes.append(outcome.summary)
        return
    for w in result.warnings:
        outcome.warnings.append(Warning_(w, file=out))
    data = render_merged(result)
    _backup(out, outcome)
    atomic_write(out, data)
    outcome.notes.extend(conflict_notes(result))
    outcome.notes.append(outcome.summary)


def summary_line(outcome: Outcome) -> str:
    """One line for the console (watch mode): the merge summary, or what was written."""
    if outcome.summary:
        return outcome.summary
    return f"已生成：{outcome.output}"


def plan_build(sheet: Path, options: BuildOptions | None = None, **changes: Any) -> list[str]:
    """What ``build`` would do (``--dry-run``), one line each; writes nothing."""
    from drafter.files import check_writable_target

    opts = options_of(options, changes)
    if opts.output is not None:
        check_output_name(opts.output, opts.fmt, sheet)
        check_writable_target(opts.output)
    facts, draft, _ = make_draft(sheet, opts)
    out = opts.output or default_output(facts, sheet, opts.fmt)
    check_writable_target(out)
    if not out.exists():
        return [f"将新建：{out}（{len(draft.all_blocks())} 段）"]
    if opts.fmt != "docx":
        return [f"将覆盖：{out}（原文件先备份为 {out.name}.1.bak）"]
    from drafter.docx.package import DocxError
    from drafter.roundtrip.diff import rebuild_preview
    from drafter.roundtrip.document import read_old

    try:
        old = read_old(out)
    except DocxError as exc:
        return [f"不会写入：{exc.message}（加 --force 才会覆盖，原文件先备份）"]
    if not old.made_by_drafter:
        return [f"不会写入：{out} 不是 drafter 生成的 Word 文件（加 --force 才会覆盖，原文件先备份）"]
    return [f"将合并到：{out}", *rebuild_preview(old, draft, file=out)]
