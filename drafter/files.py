"""Safe file input and output: one rule for what may be read and written, atomic replace, backups, locks.

The rule: drafter reads and writes regular files only.  An output path is a
regular file or absent; a directory, a device (``/dev/null``, ``/dev/full``),
a FIFO, a socket, or a symbolic link (to anything) is refused with a clear
``错误`` naming the path before any byte is read or written.  Inputs (the
sheet, templates, .docx files, what the watcher hashes) are read through
:func:`read_bounded`, checked before opening and on the open descriptor (no
FIFO can make it wait, no device can feed it without end).

A failed or killed run never leaves a half-written file at the target and
never destroys the previous draft: data goes to a temporary file in the
target folder (after checking the free space it needs), every write's byte
count is checked, the file is fsynced, then renamed over the target.  Two
builds of one output take turns (:func:`output_lock`).  A name leaves room
for its backups (``NAME.3.bak`` stays within 255 bytes), and no control or
bidirectional-override character reaches a file name drafter makes
(:func:`safe_name`).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.errors import InputError, OutputError

TMP_PREFIX = ".drafter-"
TMP_SUFFIX = ".tmp"
LOCK_SUFFIX = ".lock"
BACKUP_GENERATIONS = 3
NAME_MAX = 255  # bytes in one file name on common file systems (ext4, APFS; NTFS counts UTF-16 units)
BACKUP_ROOM = len(f".{BACKUP_GENERATIONS}.bak")
FREE_SPACE_MARGIN = 64 * 1024  # bytes kept free beyond the file itself (directory entries, metadata)
LOCK_WAIT = 60.0  # seconds a build waits for another build of the same output

# Characters never put into a file name drafter makes: C0/C1 controls, DEL,
# and the invisible marks that reorder text (a right-to-left override makes
# ``稿\u202excod.exe`` show as ``稿exe.docx``).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE_IN_NAME = {ord(c): None for c in _BIDI} | {i: "_" for i in (*range(32), *range(0x7F, 0xA0))}

# Tests set this to slow down or interrupt a write between chunks.
_write_hook: Callable[[int], None] | None = None

# A run killed mid-write (SIGKILL, power cut, closed terminal) leaves its
# temporary file behind: nothing runs at a kill.  The next write to the same
# target removes such leftovers: ``.drafter-NAME.<pid>.*.tmp`` older than this
# run whose process is gone (or older than STALE_AFTER seconds).
_STARTED = time.time()
STALE_AFTER = 3600.0


def safe_name(name: str) -> str:
    """``name`` without control characters (→ ``_``) or bidirectional marks (removed)."""
    return name.translate(_UNSAFE_IN_NAME)


def _name_bytes(name: str) -> int:
    return len(name.encode("utf-8", "surrogateescape"))


def fit_name(stem: str, suffix: str, room: int = BACKUP_ROOM) -> str:
    """``stem + suffix``, the stem cut (ending in …) so the name and ``room`` more bytes fit in NAME_MAX."""
    if _name_bytes(stem + suffix) + room <= NAME_MAX:
        return stem + suffix
    while stem and _name_bytes(stem + "…" + suffix) + room > NAME_MAX:
        stem = stem[:-1]
    return stem + "…" + suffix


def _explain(exc: OSError, path: Path) -> OutputError:
    folder = path.parent if str(path.parent) else Path(".")
    if exc.errno == errno.ENOENT and folder.is_dir():
        msg = "文件在写入时被另一个程序移走或删除了，没有写入。请关闭可能在同时处理这个文件的程序后再试。"
    elif exc.errno == errno.ENOENT:
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


def check_writable_target(path: Path, *, backups: bool = True) -> None:
    """Fail early, before any work, when the output path cannot be written.

    ``backups``: the name must also leave room for ``NAME.3.bak`` beside it.
    """
    try:
        _check_writable_target(path, backups)
    except OSError as exc:  # a name too long, a broken network drive …
        raise _explain(exc, path) from None


def check_regular_or_absent(path: Path) -> None:
    """Refuse (OutputError naming ``path``) anything but a regular file or nothing at ``path``.

    Only ``lstat`` is used: nothing is opened, so a FIFO cannot block and a
    device is never read.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise OutputError("输出路径是一个文件夹。请在 -o 后面写文件名，例如 -o 总结.docx。", file=path)
    if stat.S_ISLNK(mode):
        raise OutputError(
            "这是一个符号链接（快捷方式），为免写到别处，drafter 不写入链接。请在 -o 后面写它指向的文件，或换一个文件名。",
            file=path,
        )
    raise OutputError(
        f"这不是普通文件（{_kind(mode)}），drafter 只写入普通文件，没有读取或改动它。请在 -o 后面换一个文件名。",
        file=path,
    )


def check_input_file(path: Path, what: str = "文件") -> None:
    """Refuse (InputError naming ``path``) an input that is missing or not a regular file, before opening it.

    ``stat`` follows a symbolic link: a link to a regular file is read, a link
    to a device, FIFO or folder is refused like the thing itself.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"找不到这个{what}。请检查文件名和所在文件夹是否写对。", file=path) from None
    except OSError as exc:
        raise _explain(exc, path) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"这是一个文件夹，不是{what}。请写出文件夹里的文件名。", file=path)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"这不是普通文件（{_kind(st.st_mode)}），没有读取它。请给出{what}的路径。", file=path)


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "是设备"
    if stat.S_ISFIFO(mode):
        return "是管道"
    if stat.S_ISSOCK(mode):
        return "是套接字"
    return "类型不明"


def check_name(path: Path, backups: bool = True) -> None:
    """Refuse a name with control or bidirectional characters, or (``backups``) too long to keep backups beside it."""
    name = path.name
    if safe_name(name) != name:
        raise OutputError(
            "文件名里有看不见的控制字符或改变文字方向的字符，会让文件名显示得和实际不同。请重新输入文件名。", file=path
        )
    if backups and _name_bytes(name) + BACKUP_ROOM > NAME_MAX:
        raise OutputError(
            f"文件名太长（{_name_bytes(name)} 字节）：旁边的备份文件「{name}.1.bak」会超过文件系统 {NAME_MAX} 字节的限制。"
            "请在 -o 后面写一个短一些的文件名。",
            file=path,
        )


def _check_writable_target(path: Path, backups: bool) -> None:
    check_regular_or_absent(path)
    check_name(path, backups)
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


def _check_free_space(folder: Path, path: Path, size: int) -> None:
    """Refuse before writing when the folder's disk cannot hold ``size`` more bytes."""
    import shutil

    try:
        free = shutil.disk_usage(folder).free
    except (OSError, AttributeError):
        return  # unknown (some network drives): the checked writes still catch a full disk
    if free < size + FREE_SPACE_MARGIN:
        raise OutputError(
            f"磁盘空间不足：要写入 {size // 1024 + 1} KB，这里只剩 {free // 1024} KB。没有写入，原有文件保持不变。",
            file=path,
        )


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd``; a write that makes no progress is a full disk (OSError)."""
    view = memoryview(data)
    chunk = 1 << 16
    start = 0
    while start < len(view):
        if _write_hook is not None:
            _write_hook(start)
        written = os.write(fd, view[start : start + chunk])
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        start += written
    if os.fstat(fd).st_size != len(view):
        raise OSError(errno.EIO, "文件长度与写入的不符")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (all or nothing)."""
    check_writable_target(path, backups=False)  # the output's own name was checked by its caller
    folder = path.parent if str(path.parent) else Path(".")
    _check_free_space(folder, path, len(data))
    clean_stale_temps(path)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{_tmp_head(path)}{os.getpid()}.", suffix=TMP_SUFFIX, dir=folder)
        _write_all(fd, data)
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


class NotRegularFile(OSError):
    """Raised by :func:`read_bounded` when the path is a folder, FIFO, device or socket (``is_dir`` tells which)."""

    def __init__(self, path: Path, is_dir: bool) -> None:
        super().__init__(21 if is_dir else 22, "是文件夹，不是文件" if is_dir else "不是普通文件", str(path))
        self.is_dir = is_dir


class FileTooLarge(OSError):
    """Raised by :func:`read_bounded` when the file holds more than the limit (``size``: what was seen)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(27, f"文件太大（超过 {max(limit // 1000, 1)} KB）", str(path))
        self.size = size


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them: the one way drafter reads an input.

    The kind of file is checked before it is opened (a device is never
    opened) and again on the descriptor, which is opened without blocking,
    so a FIFO swapped in meanwhile cannot hang the read.  Raises
    :class:`NotRegularFile`, :class:`FileTooLarge` (also when the file grows
    while it is read), or the :class:`OSError` of opening or reading it.
    """

    def refuse_special(mode: int) -> None:
        if not stat.S_ISREG(mode):
            raise NotRegularFile(path, stat.S_ISDIR(mode))

    refuse_special(os.stat(path).st_mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        refuse_special(st.st_mode)
        if st.st_size > limit:
            raise FileTooLarge(path, st.st_size, limit)
        parts: list[bytes] = []
        total = 0
        while True:
            part = os.read(fd, min(1 << 20, limit + 1 - total))
            if not part:
                return b"".join(parts)
            parts.append(part)
            total += len(part)
            if total > limit:  # it grew while we read
                raise FileTooLarge(path, total, limit)
    finally:
        os.close(fd)


def read_regular(path: Path, limit: int) -> bytes | None:
    """Like :func:`read_bounded`, but None for a folder, FIFO, device or a file over ``limit``.

    Raises OSError when ``path`` cannot be opened or read at all.
    """
    try:
        return read_bounded(path, limit)
    except (NotRegularFile, FileTooLarge):
        return None


@contextmanager
def output_lock(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the lock of the output ``path``: a second build of it waits its turn.

    The lock is ``.drafter-NAME.lock`` beside the output, held with
    ``flock`` and removed when released (a waiter that finds the file
    replaced locks the new one).  Where ``flock`` does not exist (Windows),
    nothing is locked.  Raises OutputError after ``wait`` seconds.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    folder = path.parent if str(path.parent) else Path(".")
    lock = folder / f"{_tmp_head(path)[:-1]}{LOCK_SUFFIX}"
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as exc:
            raise _explain(exc, path) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            if time.monotonic() > deadline:
                raise OutputError(
                    "另一个 drafter 正在写这个文件，等了很久还没写完，没有写入。请稍后再试。", file=path
                ) from None
            time.sleep(0.05)
            continue
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(lock))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)  # the holder before us removed it: lock the new one
    try:
        yield
    finally:
        try:
            os.unlink(lock)
        except OSError:
            pass
        os.close(fd)


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
