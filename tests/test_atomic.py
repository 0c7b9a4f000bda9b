"""Writes are atomic: a killed or failing build never damages the earlier draft.

``drafter.files.atomic_write`` writes to ``.drafter-NAME.<pid>.*.tmp`` in the
target folder, fsyncs, and renames it over the target.  Nothing runs at a
SIGKILL, so the temporary file of a killed run stays behind; the next write
to the same target removes it (``clean_stale_temps``).  These tests kill a
real ``python -m drafter build`` in the middle of writing and check the
earlier draft, then the next build and the folder.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter import files as fsutil
from drafter.errors import OutputError

from .conftest import ROOT

GOOD_SHEET = ROOT / "examples" / "学校工会工作总结.yaml"

# Runs `python -m drafter ARGS…` with a write hook that stops before the second
# 64 KiB chunk of any file: the temporary file then holds a partial draft.
DRIVER = """
import os, sys, time
import drafter.files as fsutil

def hook(start):
    if start > 0:
        time.sleep(600)

fsutil._write_hook = hook
sys.argv = ["drafter", *sys.argv[1:]]
from drafter.__main__ import main
main()
"""

MAIN_TEMP = re.compile(r"^\.drafter-out\.docx\.\d+\.[^.]+\.tmp$")
_HAN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000))


def env(cache: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONIOENCODING"] = "utf-8"
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e["DRAFTER_CACHE_DIR"] = str(cache)
    return e


def big_sheet(seed: int = 1) -> str:
    """A valid sheet whose .docx is several 64 KiB chunks (random text compresses badly)."""
    rnd = random.Random(seed)

    def sentence() -> str:
        return "".join(rnd.choice(_HAN) for _ in range(40)) + "。"

    lines = ["单位: 某某县第一中学工会", "单位类型: 学校", "年度: 2025", "民主建设:"]
    lines += [f"  - {sentence()}" for _ in range(1500)]
    return "\n".join(lines) + "\n"


def temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(".drafter-") and p.name.endswith(".tmp"))


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd,
        env=env(cwd / ".cache"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_mid_write_keeps_the_earlier_draft(tmp_path: Path) -> None:
    shutil.copy(GOOD_SHEET, tmp_path / "good.yaml")
    (tmp_path / "big.yaml").write_text(big_sheet(), encoding="utf-8")
    first = run(["build", "good.yaml", "-o", "out.docx"], tmp_path)
    assert first.returncode == 0, first.stderr
    earlier = (tmp_path / "out.docx").read_bytes()
    assert len(earlier) < 1 << 16  # one chunk: its backup copy is written without a pause

    (tmp_path / "driver.py").write_text(DRIVER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "driver.py", "build", "big.yaml", "-o", "out.docx"],
        cwd=tmp_path,
        env=env(tmp_path / ".cache"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        partial: list[Path] = []
        while time.monotonic() < deadline and proc.poll() is None:
            # the temporary file of out.docx itself (not of its backup), one chunk written
            partial = [p for p in temps(tmp_path) if MAIN_TEMP.match(p.name) and p.stat().st_size >= 1 << 16]
            if partial:
                break
            time.sleep(0.01)
        assert partial, f"the build never started writing: {proc.poll()} {proc.stderr.read() if proc.stderr else ''}"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # Killed mid-write: the draft is the earlier one, byte for byte; the partial
    # temporary file is still there (nothing runs at a kill).
    assert (tmp_path / "out.docx").read_bytes() == earlier
    assert set(partial) <= set(temps(tmp_path))

    # The next build succeeds, writes the new draft, and clears the leftover.
    again = run(["build", "big.yaml", "-o", "out.docx"], tmp_path)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stdout + again.stderr
    assert temps(tmp_path) == []
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "out.docx")).paragraphs)
    assert "某某县第一中学工会" in text
    # the earlier draft is kept as the backup
    assert (tmp_path / "out.docx.1.bak").read_bytes() == earlier


def _build(sheet: Path, out: Path) -> None:
    from drafter.build.pipeline import build_one

    build_one(sheet, output=out)


@pytest.fixture
def drafted(tmp_path: Path) -> tuple[Path, Path, bytes]:
    sheet = tmp_path / "big.yaml"
    sheet.write_text(big_sheet(2), encoding="utf-8")
    out = tmp_path / "out.docx"
    _build(sheet, out)
    sheet.write_text(big_sheet(3), encoding="utf-8")  # new facts: the next build writes
    return sheet, out, out.read_bytes()


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
        (OSError(errno.EIO, "Input/output error"), "无法写入"),
        (PermissionError(errno.EACCES, "Permission denied"), "权限"),
    ],
    ids=["disk-full", "io-error", "permission"],
)
def test_a_failing_writer_leaves_the_target_and_no_temp(
    drafted: tuple[Path, Path, bytes], monkeypatch: pytest.MonkeyPatch, exc: OSError, words: str
) -> None:
    sheet, out, earlier = drafted

    def hook(start: int) -> None:
        if start > 0:
            raise exc

    monkeypatch.setattr(fsutil, "_write_hook", hook)
    with pytest.raises(OutputError) as info:
        _build(sheet, out)
    assert words in info.value.message
    # the backup of the earlier draft is written first: the error may name it
    assert info.value.location.file in (str(out), f"{out}.1.bak")
    assert out.read_bytes() == earlier
    assert temps(out.parent) == []


@pytest.mark.parametrize("exc", [RuntimeError("bug"), KeyboardInterrupt()], ids=["exception", "ctrl-c"])
def test_an_interrupted_writer_leaves_the_target_and_no_temp(
    drafted: tuple[Path, Path, bytes], monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    sheet, out, earlier = drafted

    def hook(start: int) -> None:
        if start > 0:
            raise exc

    monkeypatch.setattr(fsutil, "_write_hook", hook)
    with pytest.raises(type(exc)):
        _build(sheet, out)
    assert out.read_bytes() == earlier
    assert temps(out.parent) == []


def test_a_disk_full_build_through_the_cli_is_a_clean_error(
    drafted: tuple[Path, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import run_cli

    sheet, out, earlier = drafted

    def hook(start: int) -> None:
        if start > 0:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil, "_write_hook", hook)
    result = run_cli(["build", str(sheet), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.exception is None
    assert result.stderr.startswith((f"错误：{out}:1:1: 磁盘空间不足", f"错误：{out}.1.bak:1:1: 磁盘空间不足"))
    assert out.read_bytes() == earlier
    assert temps(out.parent) == []


def test_stale_temps_are_cleared_but_live_ones_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "稿.docx"
    old = time.time() - 60

    def make(name: str, mtime: float) -> Path:
        p = tmp_path / name
        p.write_bytes(b"partial")
        os.utime(p, (mtime, mtime))
        return p

    dead = make(f".drafter-稿.docx.{_dead_pid()}.abc123.tmp", old)  # a killed run
    ancient = make(".drafter-稿.docx.1.bak.zz.tmp", time.time() - 2 * fsutil.STALE_AFTER)
    live = make(f".drafter-稿.docx.{os.getpid()}.def456.tmp", old)  # a run still writing
    fresh = make(".drafter-稿.docx.99999999.new.tmp", time.time() + 5)  # started after this run
    other = make(".drafter-别的.docx.1.x.tmp", old)  # another target
    mine = make("稿.docx.tmp", old)  # not drafter's

    fsutil.atomic_write(out, b"new")
    assert out.read_bytes() == b"new"
    assert not dead.exists() and not ancient.exists()
    assert live.exists() and fresh.exists() and other.exists() and mine.exists()


def _dead_pid() -> int:
    """The pid of a process that has exited and been reaped (and not yet reused by another)."""
    while True:
        p = subprocess.Popen([sys.executable, "-c", "pass"])
        p.wait()
        try:
            os.kill(p.pid, 0)
        except ProcessLookupError:
            return p.pid


def test_read_only_target_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "稿.docx"
    out.write_bytes(b"earlier")
    os.chmod(out, 0o444)
    try:
        with pytest.raises(OutputError) as info:
            fsutil.atomic_write(out, b"new")
        assert "只读" in info.value.message
        assert out.read_bytes() == b"earlier"
        assert temps(tmp_path) == []
    finally:
        os.chmod(out, 0o644)


def test_a_very_long_name_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        fsutil.atomic_write(tmp_path / ("稿" * 120 + ".docx"), b"x")
    assert "太长" in info.value.message
    assert temps(tmp_path) == []


def test_a_long_but_valid_name_gets_a_short_temp(tmp_path: Path) -> None:
    out = tmp_path / ("稿" * 75 + ".docx")  # 230 bytes: fine, but NAME plus the temp decorations is not
    fsutil.atomic_write(out, b"x")
    assert out.read_bytes() == b"x"
    assert temps(tmp_path) == []
