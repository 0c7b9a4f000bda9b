"""``drafter extract``: read a report, write its fact sheet, say what was found.

A .docx that drafter wrote is read from its generation record
(:mod:`drafter.extract.frombase`); any other report goes through the learner's
loader, outline and classifier (:mod:`drafter.extract.fromtext`).  Nothing is
written for a file that is not a report; an existing sheet is never
overwritten without ``--force``.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

from drafter.contract import CATEGORIES
from drafter.errors import DrafterError, ExtractError, Problems, SampleError
from drafter.extract.model import ExtractedSheet
from drafter.extract.yamlout import to_yaml
from drafter.files import atomic_write
from drafter.sheet.fields import OVERVIEW_FIELDS

SHEET_SUFFIXES = (".yaml", ".yml")
MIN_HAN = 60  # fewer Chinese characters than this is no report
_NOTES_SHOWN = 12


@dataclass
class Extracted:
    """One report read: the sheet, its YAML text and what ``check`` says of it."""

    report: Path
    output: Path
    sheet: ExtractedSheet
    text: str
    problems: list[str]


def _han_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _media_count(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as zf:
            return sum(1 for n in zf.namelist() if n.startswith("word/media/"))
    except (zipfile.BadZipFile, OSError):
        return 0


def _as_extract_error(exc: SampleError, path: Path) -> ExtractError:
    message = exc.message.replace("样本文件", "文件").replace("样本", "报告")
    if "没有文字" in message and path.suffix.lower() in (".docx", ".docm") and _media_count(path):
        message = "这份 Word 文档里只有图片、没有文字（可能是扫描件）。请用有文字的原稿，或先用 WPS/Word 的“图片转文字”转成文字再提取"
    return ExtractError(message, file=path)


def _drafter_record(path: Path) -> tuple[ExtractedSheet | None, str | None]:
    """The sheet from drafter's generation record in the .docx, or (None, why it could not be used)."""
    from drafter.extract.frombase import sheet_from_base
    from drafter.roundtrip.document import read_old

    try:
        old = read_old(path)
    except DrafterError as exc:
        raise ExtractError(exc.message, file=path) from None
    if old.base is None:
        return None, old.base_problem
    return sheet_from_base(old.base, [(p.text, p.bookmarks) for p in old.body.paragraphs], path), None


def read_sheet(path: Path) -> ExtractedSheet:
    """The fact sheet of the report at ``path``; :class:`ExtractError` when it is not a readable report."""
    from drafter.learn.corpus.load import load_samples
    from drafter.learn.outline import outline_corpus

    try:
        corpus = load_samples([path])
    except SampleError as exc:
        raise _as_extract_error(exc, path) from None
    problem = None
    if path.suffix.lower() in (".docx", ".docm"):
        recorded, problem = _drafter_record(path)
        if recorded is not None:
            return recorded
    from drafter.extract.fromtext import sheet_from_outline

    report = corpus.reports[0]
    text = "\n".join([report.title or "", report.text])
    if _han_count(text) < MIN_HAN:
        raise ExtractError(f"文字太少（只有 {_han_count(text)} 个汉字），不像一份工作总结或述职报告", file=path)
    if report.kind == "other":
        what = f"「{report.title}」" if report.title else "这份文件"
        raise ExtractError(
            f"{what}像是通知、计划、讲话或某一项活动的小结，不是年度工作总结或述职报告；extract 只读年度报告", file=path
        )
    if "工会" not in text:
        raise ExtractError("这不像一份工会工作总结或述职报告：全文没有出现“工会”二字", file=path)
    sheet = sheet_from_outline(outline_corpus([report])[0], path)
    if not (sheet.item_count or sheet.shortcomings or sheet.plans):
        raise ExtractError("这不像一份工作总结或述职报告：没有找到可以提取的工作事项", file=path)
    if problem:
        sheet.note("", f"这份文档是 drafter 生成的，但{problem}；改为按正文提取，请多核对")
    if len(corpus.reports) > 1:
        sheet.note("", f"这个文件里像是有 {len(corpus.reports)} 份报告，只提取了第一份；其余的请分成单独的文件再提取")
    return sheet


def _header(report: Path, sheet: ExtractedSheet) -> list[str]:
    how = "按 drafter 生成 Word 时存下的记录" if sheet.from_base else "按报告正文"
    return [
        f"由 drafter extract 从「{report.name}」提取的事实表（{how}，{_dt.date.today():%Y-%m-%d}）。",
        "请逐项核对：以「# 请核对」开头的注释说明需要您看一看的地方，「#   原文」是那段原话。",
        "核对后运行 drafter check 本文件，再 drafter build 生成初稿。",
    ]


def _check(text: str, output: Path) -> list[str]:
    from drafter.sheet.load import parse_facts

    try:
        parse_facts(text.encode("utf-8"), output)
    except Problems as exc:
        return exc.lines()
    return []


def extract(report: Path, output: Path) -> Extracted:
    """Read ``report`` and make the sheet's text (nothing is written)."""
    sheet = read_sheet(report)
    text = to_yaml(sheet, _header(report, sheet))
    return Extracted(report, output, sheet, text, _check(text, output))


def _targets(report: Path, output: Path | None) -> list[tuple[Path, Path]]:
    from drafter.learn.corpus.sampleio import sample_files

    if not report.exists():
        raise ExtractError("找不到这个文件或文件夹，请检查路径是否写对", file=report)
    if report.is_dir():
        try:
            files = sample_files([report])
        except SampleError as exc:
            raise _as_extract_error(exc, report) from None
        if output is not None and output.suffix.lower() in SHEET_SUFFIXES:
            raise ExtractError("报告是一个文件夹时，-o 要写一个文件夹（每份报告一个事实表）", file=output)
        return [(f, (output / f"{f.stem}.yaml") if output else f.with_suffix(".yaml")) for f in files]
    if report.suffix.lower() in SHEET_SUFFIXES:
        raise ExtractError(
            "这是一份事实表（.yaml），不是报告；extract 读的是 Word（.docx）或文字（.txt）报告", file=report
        )
    try:
        sample_files([report])
    except SampleError as exc:
        raise _as_extract_error(exc, report) from None
    out = output if output is not None else report.with_suffix(".yaml")
    if out.is_dir():
        out = out / f"{report.stem}.yaml"
    if out.suffix.lower() not in SHEET_SUFFIXES:
        raise ExtractError("事实表的文件名要以 .yaml 结尾，例如 -o 事实表.yaml", file=out)
    return [(report, out)]


def _refuse_existing(pairs: list[tuple[Path, Path]], force: bool) -> None:
    for report, out in pairs:
        if out.resolve() == report.resolve():
            raise ExtractError("输出文件和报告是同一个文件，请用 -o 换一个名字", file=out)
        if out.exists() and not force:
            raise ExtractError("这个文件已经存在，没有覆盖。要覆盖请加 --force，或用 -o 换一个文件名", file=out)


def summary(done: Extracted) -> list[str]:
    """What was found and what needs her eyes, in Chinese."""
    s = done.sheet
    how = "按 drafter 生成记录" if s.from_base else "按报告正文"
    lines = [f"已提取：{done.report} → {done.output}（{how}）"]
    lines.append(
        f"  单位：{s.unit or '（没找到）'}（{s.unit_type or '类型没找到'}），{s.year or '年度没找到'}年{s.kind}"
    )
    if s.reporter or s.position:
        lines.append(f"  报告人：{s.reporter or '（没找到）'}，职务：{s.position or '（没找到）'}")
    leaders = "、".join(x for x in (s.party_org, s.parent_union) if x)
    lines.append(f"  领导：{leaders or '（没找到）'}")
    figures = "、".join(f"{f.key} {s.overview[f.key]}" for f in OVERVIEW_FIELDS if f.key in s.overview)
    lines.append(f"  概况：{figures or '（没找到人数）'}")
    counts = "、".join(f"{c} {len(s.categories[c])}" for c in CATEGORIES)
    lines.append(f"  事项 {s.item_count} 条：{counts}；其他工作 {len(s.other_work)} 部分")
    date = f"{s.signoff_date:%Y-%m-%d}" if s.signoff_date else "日期没找到"
    lines.append(
        f"  存在不足 {len(s.shortcomings)} 条，明年打算 {len(s.plans)} 条；落款 {s.signoff_name or '（没找到）'} {date}"
    )
    if s.notes:
        lines.append(f"  需要您核对 {len(s.notes)} 处（事实表里以「# 请核对」标出）：")
        for note in s.notes[:_NOTES_SHOWN]:
            where = f"{note.key}：" if note.key else ""
            lines.append(f"    · {where}{note.message}")
        if len(s.notes) > _NOTES_SHOWN:
            lines.append(f"    ……另有 {len(s.notes) - _NOTES_SHOWN} 处")
    if done.problems:
        lines.append("  还不能通过检查，请先补上：")
        lines += [f"    {p}" for p in done.problems]
    else:
        lines.append("  检查通过。")
    lines.append(f"下一步：核对后运行  drafter check {done.output}  和  drafter build {done.output}")
    return lines


def command(report: Path, output: Path | None, force: bool) -> None:
    """``drafter extract REPORT [-o SHEET.yaml] [--force]``: one sheet per report, summary on stdout.

    Raises :class:`ExtractError` (nothing written) when a report cannot be read
    or is not a report, or when a sheet exists already and ``force`` is False.
    """
    report = Path(report)
    pairs = _targets(report, Path(output) if output is not None else None)
    _refuse_existing(pairs, force)
    results = [extract(r, out) for r, out in pairs]  # every report read before anything is written
    for done in results:
        done.output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(done.output, done.text.encode("utf-8"))
        print("\n".join(summary(done)))
