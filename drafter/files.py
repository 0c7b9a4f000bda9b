"""Safe file output: atomic replace, backups, clear errors.

A failed or killed run never leaves a half-written file at the target and
never destroys the previous draft: data goes to a temporary file in the
target folder, is flushed and fsynced, then renamed over the target.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from drafter.errors import OutputError

TMP_PREFIX = ".drafter-"
TMP_SUFFIX = ".tmp"
BACKUP_GENERATIONS = 3

# Tests set this to slow down or interrupt a write between chunks.
_write_hook: Callable[[int], None] | None = None

# A run killed mid-write (SIGKILL, power cut, closed terminal) leaves its
# temporary file behind: nothing runs at a kill.  The next write to the same
# target removes such leftovers: ``.drafter-NAME.<pid>.*.tmp`` older than this
# run whose process is gone (or older than STALE_AFTER seconds).
_STARTED = time.time()
STALE_AFTER = 3600.0


def _explain(exc: OSError, path: Path) -> OutputError:
    folder = path.parent
    if exc.errno == errno.ENOENT:
        msg = f"文件夹「{folder}」不存在。请先创建它，或用 -o 指定一个已有的文件夹。"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        msg = f"没有权限写入「{folder}」。请换一个文件夹，或检查文件是否只读、是否正在被 Word/WPS 打开。"
    elif exc.errno == errno.EISDIR:
        msg = "输出路径是一个文件夹。请在 -o 后面写文件名，例如 -o 总结.docx。"
    elif exc.errno == errno.ENOSPC:
        msg = "磁盘空间不足，未写入任何内容，原有文件保持不变。"
    elif exc.errno == errno.ENOTDIR:
        msg = f"路径「{folder}」中有一段不是文件夹。请检查 -o 后面的路径。"
    elif exc.errno == errno.ENAMETOOLONG:
        msg = "文件名或路径太长。请在 -o 后面写一个短一些的文件名。"
    else:
        msg = f"无法写入文件（{exc.strerror or exc}）。原有文件保持不变。"
    return OutputError(msg, file=path)


def check_writable_target(path: Path) -> None:
    """Fail early, before any work, when the output path cannot be written."""
    try:
        _check_writable_target(path)
    except OSError as exc:  # a name too long, a broken network drive …
        raise _explain(exc, path) from None


def _check_writable_target(path: Path) -> None:
    if path.is_dir():
        raise OutputError("输出路径是一个文件夹。请在 -o 后面写文件名，例如 -o 总结.docx。", file=path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise OutputError(f"文件夹「{folder}」不存在。请先创建它，或用 -o 指定一个已有的文件夹。", file=path)
    if not folder.is_dir():
        raise OutputError(f"「{folder}」不是文件夹。请检查 -o 后面的路径。", file=path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"没有权限写入「{folder}」。请换一个文件夹，或检查文件夹是否只读。", file=path)
    if path.is_file():
        try:
            mode = path.stat().st_mode
        except OSError:
            mode = 0o200
        # Mode bits, not only os.access: as root (or on a Windows share) the
        # read-only attribute is what the user set to protect the file.
        if not mode & 0o222 or not os.access(path, os.W_OK):
            raise OutputError(
                "这个文件是只读的（或正被 Word/WPS 打开），为免覆盖，没有写入，原文件保持不变。"
                "请关闭 Word/WPS 或取消文件的只读属性后再试，或用 -o 换一个文件名。",
                file=path,
            )


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (all or nothing)."""
    check_writable_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    clean_stale_temps(path)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{_tmp_head(path)}{os.getpid()}.", suffix=TMP_SUFFIX, dir=folder)
        view = memoryview(data)
        chunk = 1 << 16
        for start in range(0, len(view), chunk):
            if _write_hook is not None:
                _write_hook(start)
            os.write(fd, view[start : start + chunk])
        os.fsync(fd)
        os.close(fd)
        fd = -1
        if path.exists():
            try:
                os.chmod(tmp, path.stat().st_mode & 0o777)
            except OSError:
                pass
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = ""
        _fsync_dir(folder)
    except OSError as exc:
        raise _explain(exc, path) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _tmp_head(path: Path) -> str:
    """``.drafter-NAME.``: the start of the temporary files written for ``path``."""
    name = path.name
    if len(name.encode("utf-8", "surrogateescape")) > 180:  # keep the temp name under 255 bytes
        import hashlib

        name = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return f"{TMP_PREFIX}{name}."


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C; an open file cannot be deleted there anyway
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def clean_stale_temps(path: Path) -> list[Path]:
    """Remove temporary files that a killed run left beside ``path``; return them."""
    folder = path.parent if str(path.parent) else Path(".")
    head = _tmp_head(path)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(head) and name.endswith(TMP_SUFFIX)):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            mtime = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if mtime >= _STARTED:
            continue  # written during this run: maybe another process at work right now
        pid_text = name[len(head) :].split(".", 1)[0]
        if pid_text.isdigit() and _pid_alive(int(pid_text)) and now - mtime < STALE_AFTER:
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue  # in use (Windows) or not ours to delete
        removed.append(Path(entry.path))
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def backup_path(path: Path, generation: int) -> Path:
    return path.with_name(f"{path.name}.{generation}.bak")


def keep_backup(path: Path, generations: int = BACKUP_GENERATIONS) -> Path | None:
    """Keep the current file as ``NAME.1.bak`` (older ones shift to .2, .3 …)."""
    if not path.is_file():
        return None
    try:
        oldest = backup_path(path, generations)
        if oldest.exists():
            oldest.unlink()
        for g in range(generations - 1, 0, -1):
            src = backup_path(path, g)
            if src.exists():
                os.replace(src, backup_path(path, g + 1))
        atomic_write(backup_path(path, 1), path.read_bytes())
    except OSError as exc:
        raise _explain(exc, backup_path(path, 1)) from None
    return backup_path(path, 1)


# -- per-user cache ------------------------------------------------------------
# Compiled templates and the empty GB/T 9704 document are kept here between
# runs (a build is ~30 ms faster with them).  Everything in it can be deleted
# at any time; DRAFTER_NO_CACHE=1 turns it off.


def cache_dir(name: str) -> Path | None:
    """The private folder ``name`` inside drafter's per-user cache, or None.

    ``$DRAFTER_CACHE_DIR``, else ``$XDG_CACHE_HOME/drafter``, else
    ``~/.cache/drafter`` (``%LOCALAPPDATA%\\drafter\\cache`` on Windows).
    None when caching is off or the folder cannot be made private to this user
    (compiled templates are code: nobody else may write there).
    """
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    base = os.environ.get("DRAFTER_CACHE_DIR")
    if not base:
        if os.name == "nt":
            local = os.environ.get("LOCALAPPDATA")
            base = os.path.join(local, "drafter", "cache") if local else ""
        else:
            xdg = os.environ.get("XDG_CACHE_HOME")
            base = os.path.join(xdg if xdg and os.path.isabs(xdg) else os.path.expanduser("~/.cache"), "drafter")
    if not base or base.startswith("~"):
        return None
    folder = Path(base, name)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name != "nt":
            st = folder.stat()
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return None
    except OSError:
        return None
    return folder


def cache_store(path: Path, data: bytes) -> None:
    """Put a cache file in place atomically; a cache that cannot be written is skipped."""
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=TMP_SUFFIX, dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        tmp = ""
    except OSError:
        pass
    finally:
        if tmp:
            try:
                os.unlink(tmp)
            except OSError:
                pass
