"""Read a YAML fact sheet into a validated :class:`~drafter.sheet.facts.Facts`.

The sheet is written by a union chair in Notepad or WPS, often for the first
time, so reading is strict about what it accepts and patient in how it says
what is wrong: every problem of the sheet is collected and raised at once as
:class:`~drafter.errors.Problems`, each with ``file:line:col`` and a plain
Chinese sentence saying what is wrong and how to fix it.

Stages: bytes -> text (``decode``), text -> node graph (``yaml.compose``; on a
syntax error ``yamlerrors`` words it and ``recover`` re-reads the rest), node
graph -> facts (``reader``, driven by the field table of ``fields``).

Safety: the YAML is only *composed* into a node graph; the Python values are
built from the nodes, so no YAML tag can construct an object or run code.
Only the standard tags str/int/float/bool/null/timestamp/seq/map are accepted;
the ``<<`` merge key is refused.  Aliases are allowed but their expansion is
counted in nodes and characters (billion laughs), and size, depth and string
length are limited.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import yaml

from drafter.errors import FactSheetError, Problems, Warning_, os_reason
from drafter.sheet.decode import MAX_BYTES, control_chars, decode, too_big
from drafter.sheet.facts import Facts
from drafter.sheet.graph import MAX_NODES
from drafter.sheet.reader import Reader
from drafter.sheet.values import MAX_DEPTH, MAX_TEXT

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "MAX_TEXT", "load_facts", "parse_facts", "read_sheet"]

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def load_facts(path: Path, *, today: _dt.date | None = None) -> tuple[Facts, list[Warning_]]:
    """Read and validate the fact sheet at ``path``.

    Returns the facts and the warnings; raises :class:`Problems` listing every
    problem found (each a :class:`FactSheetError`).
    """
    path = Path(path)
    return parse_facts(read_sheet(path), path, today=today)


def read_sheet(path: Path) -> bytes:
    """The bytes of the sheet at ``path``, if it is a regular file of at most :data:`MAX_BYTES`.

    Raises :class:`Problems` (one :class:`FactSheetError`) when it is missing,
    a folder, a FIFO, device or socket, unreadable or too big.  The file is
    opened without blocking and checked on the open descriptor before a byte
    is read, so a FIFO (or a link to one) cannot hang the reader and a file
    swapped after a check cannot slip through.
    """
    from drafter.files import FileTooLarge, NotRegularFile, read_bounded

    try:
        return read_bounded(path, MAX_BYTES)
    except FileNotFoundError:
        raise Problems([FactSheetError(_not_found(path), file=path)]) from None
    except NotRegularFile as e:
        message = _FOLDER if e.is_dir else "这不是一个普通文件（可能是设备或管道）。请给出事实表文件（.yaml）的路径。"
        raise Problems([FactSheetError(message, file=path)]) from None
    except FileTooLarge as e:
        raise Problems([too_big(path, e.size)]) from None
    except PermissionError:
        raise Problems([FactSheetError(_NO_PERMISSION, file=path)]) from None
    except OSError as e:
        raise Problems([FactSheetError(_unreadable(e), file=path)]) from None


_FOLDER = "这是一个文件夹，不是事实表文件。请写出文件夹里的 .yaml 文件名，例如 事实表.yaml。"
_NO_PERMISSION = "没有权限读取这个文件。如果它正在 WPS 或其他程序里打开，请先关闭；否则请检查文件权限。"


def _unreadable(e: OSError) -> str:
    return f"无法读取这个文件（{os_reason(e)}）。请确认文件存在并且可以用记事本打开。"


def _not_found(path: Path) -> str:
    """Why the sheet is not there; Notepad's hidden ``.txt`` is the usual reason."""
    for extra in (".txt", ".yaml", ".yml"):
        near = path.with_name(path.name + extra)
        try:
            found = near.is_file()
        except OSError:
            found = False
        if not found:
            continue
        if extra == ".txt":
            return (
                f"找不到这个文件，但有「{near.name}」：记事本保存时自动加上了 .txt。"
                f"请把它改名，去掉末尾的 .txt（资源管理器里先勾选「查看 → 文件扩展名」），或在命令里写 {near.name}。"
            )
        return f"找不到这个文件，但有「{near.name}」。请在命令里写完整的文件名 {near.name}。"
    return f"找不到这个文件。请检查文件名和所在文件夹是否写对（当前文件夹是 {Path.cwd()}）。"


def parse_facts(
    data: bytes | str, source: Path | str, *, today: _dt.date | None = None
) -> tuple[Facts, list[Warning_]]:
    """Validate a fact sheet given as bytes or text; ``source`` names it in messages."""
    source = Path(source)
    file = str(source)
    notices: list[Warning_] = []
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise Problems([too_big(source, len(data))])
        decoded = decode(data, file)
        text = decoded.text
        if decoded.encoding:
            notices.append(
                Warning_(
                    f"文件是 {decoded.encoding}，已按这种编码读取；drafter 写出的文件一律是 UTF-8。",
                    file=file,
                    line=1,
                    col=1,
                )
            )
    bad_chars = control_chars(text, file)
    if bad_chars:
        raise Problems(bad_chars, notices)
    if not text.strip():
        raise Problems(
            [
                FactSheetError(
                    "文件是空的。请按示例填写事实表（可以运行 drafter init 生成一份带说明的示例）。", file=file
                )
            ],
            notices,
        )
    reader = Reader(file, text, today or _dt.date.today())
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as e:
        from drafter.sheet.recover import recover
        from drafter.sheet.yamlerrors import syntax_problems

        problems, _line = syntax_problems(e, text, file)
        problems += recover(text, reader, problems, _Loader)
        raise Problems(sorted(problems, key=_order), notices + sorted(reader.warnings, key=_order)) from None
    except RecursionError:
        raise Problems(
            [
                FactSheetError(
                    f"嵌套层数太多（超过 {MAX_DEPTH} 层）。事实表只需要几层缩进，请检查缩进和括号。", file=file
                )
            ],
            notices,
        ) from None
    if root is None:
        raise Problems(
            [
                FactSheetError(
                    "文件里只有注释（以「#」开头的行），没有内容。请去掉要填写的行开头的「#」，或按示例填写。",
                    file=file,
                )
            ],
            notices,
        )
    facts = reader.read(root)
    warnings = notices + sorted(reader.warnings, key=_order)
    if facts is None and not reader.problems:  # pragma: no cover - safety net
        reader.problems.append(FactSheetError("事实表不完整，请对照示例检查必填项。", file=file))
    if reader.problems or facts is None:
        raise Problems(sorted(reader.problems, key=_order), warnings)
    return facts, warnings


def _order(e: FactSheetError) -> tuple[int, int]:
    return (e.location.line, e.location.col)
