"""PDF export through LibreOffice (``drafter build --pdf``).

drafter does not lay out pages itself: Word, WPS or LibreOffice do.  For a
PDF we ask LibreOffice, run headless, to convert the .docx it just wrote.

* :func:`find_soffice` looks for the ``soffice`` program (``PATH``, the
  usual Linux, Windows and macOS install places, or ``$DRAFTER_SOFFICE``).
* :func:`docx_to_pdf` converts one file, :func:`docxs_to_pdfs` several in one
  LibreOffice start (start-up is most of the time).  Each call uses a private,
  temporary LibreOffice profile, so a LibreOffice window the user has open
  (which would otherwise swallow the request silently) does not matter, and
  copies the input to an ASCII name in a temporary folder.  The PDF is
  written atomically: a failed conversion never leaves half a file behind
  and never removes an earlier PDF.

Every failure is an :class:`~drafter.errors.OutputError` saying in Chinese
what to do (install LibreOffice, close a file …).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from drafter.errors import OutputError

#: Environment variable naming the soffice program to use (overrides the search).
ENV_SOFFICE = "DRAFTER_SOFFICE"
#: Seconds one LibreOffice run may take (a cold start with a new profile takes a few seconds).
DEFAULT_TIMEOUT = 180.0

INSTALL_HINT = (
    "Windows 和 macOS：到 https://www.libreoffice.org/download/ 下载 LibreOffice 安装（免费），装好后重新运行；"
    "Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
    f"装在别处时，可以用环境变量 {ENV_SOFFICE} 指定 soffice 程序的位置。"
    "不需要 PDF 时去掉 --pdf，Word 文件照常生成。"
)
MISSING_MESSAGE = "没有找到 LibreOffice，无法生成 PDF。" + INSTALL_HINT

_NAMES = ("soffice", "libreoffice")
_UNIX_PATHS = (
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/usr/lib64/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_WINDOWS_PATHS = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def _candidates() -> list[str]:
    paths: list[str] = []
    if sys.platform == "win32":
        for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            base = os.environ.get(var)
            if base:
                paths.append(os.path.join(base, "LibreOffice", "program", "soffice.exe"))
        paths.extend(_WINDOWS_PATHS)
    else:
        for pattern in _UNIX_PATHS:
            paths.extend(sorted(glob.glob(pattern), reverse=True) if "*" in pattern else [pattern])
    return paths


def _runnable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_soffice() -> str | None:
    """The LibreOffice program to run, or None when LibreOffice is not installed."""
    override = os.environ.get(ENV_SOFFICE)
    if override:
        found = shutil.which(override)
        return found if found else (override if _runnable(override) else None)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    for path in _candidates():
        if _runnable(path):
            return path
    return None


def docx_to_pdf(docx: Path, pdf: Path, *, soffice: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Convert ``docx`` to ``pdf`` with LibreOffice (headless), atomically."""
    docxs_to_pdfs([(docx, pdf)], soffice=soffice, timeout=timeout)


def docxs_to_pdfs(
    pairs: Sequence[tuple[Path, Path]], *, soffice: str | None = None, timeout: float = DEFAULT_TIMEOUT
) -> None:
    """Convert several (docx, pdf) pairs in one LibreOffice run.

    Raises :class:`OutputError` for the first pair that could not be
    converted (the PDFs of the others are written all the same).
    """
    from drafter.files import atomic_write, check_writable_target

    if not pairs:
        return
    for docx, pdf in pairs:
        if not Path(docx).is_file():
            raise OutputError("要转换的 Word 文件不存在。", file=docx)
        check_writable_target(Path(pdf))
    program = soffice or find_soffice()
    if program is None:
        raise OutputError(MISSING_MESSAGE, file=pairs[0][1])

    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        work = Path(tmp)
        indir, outdir, profile = work / "in", work / "out", work / "profile"
        indir.mkdir()
        outdir.mkdir()
        sources: list[Path] = []
        for i, (docx, _) in enumerate(pairs):
            # ASCII names: nothing in the user's file name can confuse soffice's argument parsing.
            src = indir / f"draft{i}.docx"
            shutil.copyfile(docx, src)
            sources.append(src)
        log = _run_soffice(program, profile, outdir, sources, timeout, pairs[0][1])
        first_error: OutputError | None = None
        for src, (_, pdf) in zip(sources, pairs, strict=True):
            made = outdir / (src.stem + ".pdf")
            data = made.read_bytes() if made.is_file() else b""
            if not data.startswith(b"%PDF"):
                detail = f"（LibreOffice 输出：{log}）" if log else ""
                first_error = first_error or OutputError(
                    "LibreOffice 没能把这个 Word 文件转换成 PDF" + detail
                    + "。请用 LibreOffice 或 Word 打开它看看是否正常；Word 文件本身不受影响。",
                    file=pdf,
                )  # fmt: skip
                continue
            atomic_write(Path(pdf), data)
        if first_error is not None:
            raise first_error


def _run_soffice(program: str, profile: Path, outdir: Path, sources: list[Path], timeout: float, label: Path) -> str:
    """Run one headless conversion; returns the tail of its output (for messages)."""
    cmd = [
        program,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *(str(s) for s in sources),
    ]
    popen_kw: dict[str, object] = {}
    if os.name == "posix":
        popen_kw["start_new_session"] = True  # soffice starts soffice.bin: kill the whole group on timeout
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            **popen_kw,  # type: ignore[arg-type]
        )
    except OSError as exc:
        raise OutputError(
            f"无法启动 LibreOffice（{program}：{exc.strerror or exc}）。" + INSTALL_HINT, file=label
        ) from None
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise OutputError(
            f"LibreOffice 转换 PDF 超过 {timeout:.0f} 秒没有完成，已停止。请稍后重试，或先关闭正在运行的 LibreOffice。",
            file=label,
        ) from None
    text = out.decode("utf-8", "replace") if out else ""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and "javaldx" not in ln]
    return " ".join(lines)[-300:]


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except OSError:
        pass
    try:
        proc.communicate(timeout=10)
    except (subprocess.TimeoutExpired, OSError):
        pass


__all__ = ["DEFAULT_TIMEOUT", "ENV_SOFFICE", "MISSING_MESSAGE", "docx_to_pdf", "docxs_to_pdfs", "find_soffice"]
