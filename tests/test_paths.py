"""What may be read and written (issue 15, items 1 and 6), through the real command line.

Every case runs ``python -m drafter`` in a subprocess under a time limit and
a memory limit (RLIMIT_AS), on inputs generated here: special files as
output (a device, a FIFO, a symbolic link), short writes and a full disk,
names at the 255-byte limit, two builds of one output at once, bidirectional
and control characters, and a batch whose parent is killed.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter import files

from .conftest import ROOT, run_cli

SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"
ERROR_LINE = re.compile(r"^错误：(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+)$", re.M)
MEMORY = 1 << 30  # 1 GB of address space
FILE_SIZE = 64 << 20  # no file of more than 64 MB is written (a runaway write fails instead of filling the disk)

posix_only = pytest.mark.skipif(os.name != "posix", reason="special files and resource limits of POSIX")


def _limits(file_size: int = FILE_SIZE) -> Callable[[], None]:
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing

    return apply


def drafter(*args: str, cwd: Path, timeout: float = 20, file_size: int = FILE_SIZE) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        preexec_fn=_limits(file_size) if os.name == "posix" else None,
    )


def refused(r: subprocess.CompletedProcess[str], path: str, *words: str) -> None:
    shown = f"exit {r.returncode}\n{r.stdout}\n{r.stderr}"
    assert r.returncode == 1, shown
    assert "Traceback" not in r.stderr, shown
    lines = [m for m in ERROR_LINE.finditer(r.stderr) if m["file"] == path]
    assert lines, shown
    for word in words:
        assert any(word in m["msg"] for m in lines), (word, shown)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copy(SCHOOL, tmp_path / "表.yaml")
    return tmp_path


# -- special files as output --------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("extra", [["--format", "md"], ["--format", "md", "--dry-run"]], ids=["build", "dry-run"])
def test_dev_null_is_never_replaced(work: Path, extra: list[str]) -> None:
    before = os.stat("/dev/null")
    # FSIZE 0: even a regression could not put a temporary file with data where /dev/null is.
    r = drafter("build", "表.yaml", "-o", "/dev/null", *extra, cwd=work, file_size=0)
    refused(r, "/dev/null", "不是普通文件", "设备")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_dev_full_is_not_read(work: Path) -> None:
    r = drafter("build", "表.yaml", "-o", "/dev/full", cwd=work)
    refused(r, "/dev/full", "设备")


@posix_only
@pytest.mark.parametrize("extra", [[], ["--dry-run"], ["--format", "md"]], ids=["docx", "dry-run", "md"])
def test_a_fifo_as_output_does_not_hang(work: Path, extra: list[str]) -> None:
    fifo = work / "管道.docx" if "md" not in extra else work / "管道.md"
    os.mkfifo(fifo)
    r = drafter("build", "表.yaml", "-o", fifo.name, *extra, cwd=work)
    refused(r, fifo.name, "管道")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@posix_only
def test_a_symlink_as_output_is_refused_and_its_target_kept(work: Path) -> None:
    target = work / "别处.docx"
    target.write_bytes(b"not mine")
    (work / "链接.docx").symlink_to(target)
    r = drafter("build", "表.yaml", "-o", "链接.docx", "--force", cwd=work)
    refused(r, "链接.docx", "链接")
    assert (work / "链接.docx").is_symlink() and target.read_bytes() == b"not mine"


@posix_only
def test_a_fifo_sheet_is_refused_also_when_watching(work: Path) -> None:
    os.mkfifo(work / "管道.yaml")
    for extra in ([], ["--watch"]):
        r = drafter("build", "管道.yaml", "-o", "稿.docx", *extra, cwd=work)
        refused(r, "管道.yaml", "普通文件")
    assert not (work / "稿.docx").exists()


# -- short writes and a full disk ---------------------------------------------------------------------------


def _built(work: Path) -> tuple[Path, bytes]:
    out = work / "稿.docx"
    assert run_cli(["build", str(work / "表.yaml"), "-o", str(out)]).exit_code == 0
    (work / "表.yaml").write_text(
        (work / "表.yaml").read_text(encoding="utf-8").replace("青岚县第二中学", "青岚县第三中学"), encoding="utf-8"
    )
    return out, out.read_bytes()


def _no_temps(folder: Path) -> None:
    assert not [p for p in folder.iterdir() if p.name.endswith((".tmp", ".lock"))]


def test_short_writes_are_completed(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, _ = _built(work)
    real = os.write

    def short(fd: int, data: memoryview | bytes) -> int:
        return real(fd, bytes(data)[: max(1, len(data) // 3)])  # a third at a time, as a busy pipe or disk may

    monkeypatch.setattr(files.os, "write", short)
    result = run_cli(["build", str(work / "表.yaml"), "-o", str(out), "--fresh"])
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    from docx import Document

    assert "青岚县第三中学" in "\n".join(p.text for p in Document(str(out)).paragraphs)
    _no_temps(work)


def test_a_write_that_stops_short_keeps_the_old_draft(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, earlier = _built(work)
    real = os.write
    budget = [20_000]

    def filling(fd: int, data: memoryview | bytes) -> int:
        n = min(len(data), budget[0])
        budget[0] -= n
        return real(fd, bytes(data)[:n]) if n else 0  # the disk fills: writes make no progress

    monkeypatch.setattr(files.os, "write", filling)
    result = run_cli(["build", str(work / "表.yaml"), "-o", str(out), "--fresh"])
    monkeypatch.undo()
    assert result.exit_code == 1 and result.exception is None, result.output
    assert "磁盘空间不足" in result.stderr
    assert out.read_bytes() == earlier
    _no_temps(work)


def test_too_little_free_space_is_refused_before_writing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, earlier = _built(work)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 4096, 4096))  # type: ignore[attr-defined]
    result = run_cli(["build", str(work / "表.yaml"), "-o", str(out), "--fresh"])
    assert result.exit_code == 1, result.output
    assert re.search(r"磁盘空间不足：要写入 \d+ KB，这里只剩 4 KB", result.stderr), result.stderr
    assert out.read_bytes() == earlier
    assert not list(work.glob("*.bak"))  # not even the backup was started
    _no_temps(work)


def test_os_write_error_is_explained(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, earlier = _built(work)

    def full(_fd: int, _data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", full)
    result = run_cli(["build", str(work / "表.yaml"), "-o", str(out), "--fresh"])
    monkeypatch.undo()
    assert result.exit_code == 1 and "磁盘空间不足" in result.stderr
    assert out.read_bytes() == earlier


# -- names ---------------------------------------------------------------------------------------------------


def _name_of_bytes(n: int) -> str:
    """A ``.docx`` name of exactly ``n`` bytes (Chinese characters are 3 bytes each)."""
    body = n - len(".docx")
    return "稿" * (body // 3) + "a" * (body % 3) + ".docx"


@posix_only
@pytest.mark.parametrize("size", [250, 255])
def test_a_name_too_long_for_its_backups_is_refused(work: Path, size: int) -> None:
    name = _name_of_bytes(size)
    assert len(name.encode()) == size
    r = drafter("build", "表.yaml", "-o", name, cwd=work)
    refused(r, name, "文件名太长", ".1.bak")
    assert not (work / name).exists()


@posix_only
def test_the_longest_name_allowed_builds_again_and_again(work: Path) -> None:
    name = _name_of_bytes(files.NAME_MAX - files.BACKUP_ROOM)
    for _ in range(4):  # .1.bak … .3.bak are made and rotated
        r = drafter("build", "表.yaml", "-o", name, "--fresh", cwd=work)
        assert r.returncode == 0, r.stderr
    assert (work / f"{name}.3.bak").is_file()


@posix_only
def test_a_long_unit_gives_a_default_name_that_builds_again(work: Path) -> None:
    text = (work / "表.yaml").read_text(encoding="utf-8")
    unit = re.search(r"^单位: *(.+)$", text, re.M)
    assert unit
    (work / "长.yaml").write_text(text.replace(unit[1], "某" * 93 + "工会", 1), encoding="utf-8")
    for _ in range(2):
        r = drafter("build", "长.yaml", "--fresh", cwd=work)
        assert r.returncode == 0, r.stderr
    drafts = list(work.glob("*.docx"))
    assert len(drafts) == 1 and len(drafts[0].name.encode()) + files.BACKUP_ROOM <= files.NAME_MAX
    assert (work / f"{drafts[0].name}.1.bak").is_file()


BIDI_AND_CONTROL = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200f", "\x85", "\x1b"]


@pytest.mark.parametrize("mark", BIDI_AND_CONTROL, ids=lambda m: f"U+{ord(m):04X}")
def test_bidi_and_control_characters_never_reach_a_file_name(work: Path, mark: str) -> None:
    text = (work / "表.yaml").read_text(encoding="utf-8")
    sheet = work / f"表{mark}副本.yaml"
    escaped = f"\\u{ord(mark):04x}"
    unit = re.compile(r"^单位: *(.+)$", re.M)
    sheet.write_text(unit.sub(lambda m: f'单位: "{m[1]}{escaped}xcod.exe"', text, count=1), encoding="utf-8")
    twin = Path(shutil.copy(work / "表.yaml", work / f"表{mark}二.yaml"))  # same 单位: its file name is added
    result = run_cli(["build", str(sheet), str(work / "表.yaml"), str(twin), "-o", str(work / "出")])
    assert result.exception is None and "Traceback" not in result.output
    made = [p.name for p in (work / "出").iterdir()] if (work / "出").exists() else []
    assert len(made) >= 2 and any("（" in name for name in made), result.output
    assert all(files.safe_name(name) == name for name in made), made
    given = run_cli(["build", str(work / "表.yaml"), "-o", str(work / f"稿{mark}xcod.docx")])
    assert given.exit_code == 1 and "看不见的控制字符" in given.stderr
    assert not [p for p in work.iterdir() if mark in p.name and p.suffix == ".docx"]


def test_clashing_sheets_with_long_names_get_names_that_fit(work: Path) -> None:
    folder = work / "表们"
    folder.mkdir()
    for i in range(3):
        shutil.copy(SCHOOL, folder / f"{'很长的文件名' * 12}{i}.yaml")
    result = run_cli(["build", str(folder), "-o", str(work / "出")])
    assert result.exit_code == 0, result.output
    names = [p.name for p in (work / "出").iterdir()]
    assert len(names) == 3 and all(len(n.encode()) + files.BACKUP_ROOM <= files.NAME_MAX for n in names)


# -- two builds of one output ---------------------------------------------------------------------------------


@posix_only
def test_two_builds_of_one_output_take_turns(work: Path) -> None:
    assert drafter("build", "表.yaml", "-o", "稿.docx", cwd=work).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    for round_ in range(4):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "drafter", "build", "表.yaml", "-o", "稿.docx", "--fresh"],
                cwd=work,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                preexec_fn=_limits(),
            )
            for _ in range(3)
        ]
        for p in procs:
            out, err = p.communicate(timeout=60)
            assert p.returncode == 0, f"round {round_}: {out}\n{err}"
            assert "不存在" not in err and "Traceback" not in err
    from docx import Document

    assert Document(str(work / "稿.docx")).paragraphs
    _no_temps(work)


def test_the_lock_is_released_and_removed(tmp_path: Path) -> None:
    out = tmp_path / "稿.docx"
    with files.output_lock(out):
        assert [p.name for p in tmp_path.iterdir()] == [".drafter-稿.docx.lock"]
        with pytest.raises(files.OutputError, match="另一个 drafter"):
            with files.output_lock(out, wait=0.2):
                pass
    assert list(tmp_path.iterdir()) == []


# -- batch workers end with their parent ---------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(") ", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.add(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1][:1]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="Linux, 2 cores")
def test_batch_workers_end_when_the_parent_is_killed(work: Path) -> None:
    folder = work / "表们"
    folder.mkdir()
    for i in range(200):
        shutil.copy(SCHOOL, folder / f"{i:03d}.yaml")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    parent = subprocess.Popen(
        [sys.executable, "-m", "drafter", "build", str(folder), "-o", str(work / "出")],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_limits(),
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(workers) < 2 and parent.poll() is None:
        workers |= _children(parent.pid)
        time.sleep(0.02)
    if parent.poll() is not None or not workers:
        pytest.skip("the batch ended before its workers could be seen")
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "workers outlived the batch"


# -- inputs of diff, extract, init --from ----------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize(
    "args",
    [["diff", "管道.docx", "管道.docx"], ["extract", "管道.docx"], ["init", "--from", "管道.docx", "新.yaml"]],
    ids=["diff", "extract", "init-from"],
)
def test_a_fifo_given_as_an_input_is_refused_unread(work: Path, args: list[str]) -> None:
    os.mkfifo(work / "管道.docx")
    r = drafter(*args, cwd=work)
    refused(r, "管道.docx", "不是普通文件", "管道")
    assert not (work / "新.yaml").exists()
