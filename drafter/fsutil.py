"""Safe file output: atomic replace, backups, clear errors.

A failed or killed run never leaves a half-written file at the target and
never destroys the previous draft: data goes to a temporary file in the
target folder, is flushed and fsynced, then renamed over the target.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import OutputError

TMP_PREFIX = ".drafter-"
TMP_SUFFIX = ".tmp"
BACKUP_GENERATIONS = 3

# Tests set this to slow down or interrupt a write between chunks.
_write_hook: Callable[[int], None] | None = None


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
    else:
        msg = f"无法写入文件（{exc.strerror or exc}）。原有文件保持不变。"
    return OutputError(msg, file=path)


def check_writable_target(path: Path) -> None:
    """Fail early, before any work, when the output path cannot be written."""
    if path.is_dir():
        raise OutputError("输出路径是一个文件夹。请在 -o 后面写文件名，例如 -o 总结.docx。", file=path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise OutputError(f"文件夹「{folder}」不存在。请先创建它，或用 -o 指定一个已有的文件夹。", file=path)
    if not folder.is_dir():
        raise OutputError(f"「{folder}」不是文件夹。请检查 -o 后面的路径。", file=path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"没有权限写入「{folder}」。请换一个文件夹，或检查文件夹是否只读。", file=path)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (all or nothing)."""
    check_writable_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX + path.name + ".", suffix=TMP_SUFFIX, dir=folder)
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
