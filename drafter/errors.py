"""User-facing errors.

Every problem meant for the user (a wrong fact sheet, a broken sample, a bad
template, an output path that cannot be written) is a :class:`DrafterError`.
The CLI prints each one as a single line::

    错误：FILE:LINE:COL: what is wrong and how to fix it

and exits with code 1, without a traceback.  Anything else escaping the
program is a bug in drafter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


def _file_name(file: str | Path | None) -> str:
    return str(file) if file is not None else "<输入>"


class DrafterError(Exception):
    """An error meant for the user, shown without a traceback."""

    label = "错误"

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int = 1,
        col: int = 1,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = Location(_file_name(file), max(1, line), max(1, col))

    def format(self) -> str:
        return f"{self.label}：{self.location}: {self.message}"

    def lines(self) -> list[str]:
        """The lines the CLI prints for this error."""
        return [self.format()]

    def __str__(self) -> str:
        return self.format()


class FactSheetError(DrafterError):
    """The fact sheet (YAML) is wrong."""


class SampleError(DrafterError):
    """A sample report given to ``learn`` cannot be read."""


class TemplateError(DrafterError):
    """A template in ``templates/`` is broken or unsafe."""


class InputError(DrafterError):
    """A file named on the command line cannot be read: missing, a folder, or not a regular file (a device, a FIFO)."""


class OutputError(DrafterError):
    """The output cannot be written where it was asked for."""


class LeakError(DrafterError):
    """A draft would carry a fact that came from a sample, not from the sheet."""


class ExtractError(DrafterError):
    """A report given to ``extract`` cannot be read, is not a report, or its sheet cannot be written."""


class MergeError(DrafterError):
    """An existing draft cannot be merged safely."""


class Problems(DrafterError):
    """Several problems found at once (``check`` reports all of them)."""

    def __init__(self, problems: list[DrafterError], warnings: list[DrafterError] | None = None) -> None:
        if not problems:
            raise ValueError("Problems needs at least one problem")
        first = problems[0]
        super().__init__(first.message, file=first.location.file, line=first.location.line, col=first.location.col)
        self.problems = sorted(problems, key=lambda p: (p.location.file, p.location.line, p.location.col))
        self.warnings = list(warnings or [])

    def lines(self) -> list[str]:
        return [p.format() for p in self.problems]

    def format(self) -> str:
        return "\n".join(self.lines())


class CommandError(DrafterError):
    """A problem with the command, not with a file (a feature this version lacks): ``错误：MESSAGE``, no location.

    Raised by the CLI when a command's stage module is missing; exit code 1.
    """

    def format(self) -> str:
        return f"{self.label}：{self.message}"


class UsageError(CommandError):
    """The command line is wrong (an unknown option, a value an option does not accept, a missing argument).

    Raised by the CLI's parser and by commands checking options against each
    other; printed as ``错误：MESSAGE`` (no file:line: the command line is not
    a file), followed by where to read the usage; exit code 2.
    """

    def __init__(self, message: str, *, command: str | None = None) -> None:
        super().__init__(message)
        self.command = command

    def lines(self) -> list[str]:
        where = f"drafter {self.command} --help" if self.command else "drafter --help"
        return [self.format(), f"（查看用法：{where}）"]


class Warning_(DrafterError):
    """Not an error: something the user should look at.  Printed as 警告：…"""

    label = "警告"


def os_reason(exc: OSError) -> str:
    """Why a file could not be read, in Chinese (the system's own words for the rare cases)."""
    import errno

    reasons = {
        errno.ELOOP: "快捷方式（符号链接）循环指向自己",
        errno.ENAMETOOLONG: "文件名或路径太长",
        errno.ENOTDIR: "路径中有一段不是文件夹",
        errno.EIO: "读取时出现输入输出错误，磁盘或设备可能有问题",
        errno.ENXIO: "这是一个设备或套接字，不是普通文件",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.ENOENT: "找不到这个文件",
    }
    return reasons.get(exc.errno or 0) or str(exc.strerror or exc)


def from_os_error(exc: OSError) -> DrafterError:
    """A clean message for an OSError that escaped the checks (the CLI's safety net)."""
    import errno

    file = exc.filename if exc.filename is not None else None
    if exc.errno == errno.ENAMETOOLONG:
        msg = "文件名或路径太长。请换一个短一些的文件名或文件夹。"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        msg = "没有权限访问这个文件或文件夹。如果它正在 Word/WPS 里打开，请先关闭；否则请检查权限。"
    elif exc.errno == errno.ENOENT:
        msg = "找不到这个文件或文件夹。请检查路径是否写对。"
    elif exc.errno == errno.ENOSPC:
        msg = "磁盘空间不足，没有写入。"
    else:
        msg = f"无法访问这个文件或文件夹（{exc.strerror or exc}）。请检查路径是否写对。"
    return DrafterError(msg, file=file)


def print_errors(errors: list[DrafterError]) -> None:
    """Show errors and warnings the way every command does: one line each, on stderr."""
    import sys

    for err in errors:
        for line in err.lines():
            print(line, file=sys.stderr)
