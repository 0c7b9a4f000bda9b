"""The sandbox templates run in: what they may read, and how much they may compute.

Templates come from outside (``--templates``, a colleague's folder, a
download), so a template is treated as untrusted code:

* :class:`TemplateLoader` reads only regular ``.j2`` files inside the
  template folder, symlinks resolved and checked, of bounded size; a FIFO or a
  device named ``*.j2`` is refused without being opened for a blocking read.
* :class:`GuardedEnvironment` is Jinja's sandbox with every operation that can
  multiply the size of a value checked before it runs: ``*`` and ``**`` on
  sequences and integers, ``+`` and ``~`` on strings and lists, ``%``
  formatting widths, ``str.format`` widths, and the string methods and
  filters that take a width or a count (``center``, ``ljust``, ``zfill``,
  ``expandtabs``, ``indent``, ``replace``, ``join`` …).
* :class:`RenderBudget` bounds the wall time of all renders of one build and
  the size of each rendered text; exceeding it raises :class:`BudgetExceeded`.
"""

from __future__ import annotations

import math
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateNotFound, TemplateSyntaxError, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import FilterArgumentError
from jinja2.filters import FILTERS, make_attrgetter
from jinja2.loaders import split_template_path
from jinja2.nodes import Concat, EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, SecurityError

MAX_TEXT = 1_000_000  # characters (or items) any single value a template computes may have
MAX_PRODUCT_LEN = 100_000  # items or characters of ``"x" * n`` / ``[x] * n``
MAX_POWER_DIGITS = 100  # digits of the result of ``a ** b``
MAX_INT_BITS = 4096  # bits of an integer product
MAX_WIDTH = 1_000  # a field width, padding or indent a template may ask for
MAX_TEMPLATE_BYTES = 1_000_000  # one template file
RENDER_SECONDS = 5.0  # all renders of one build together
MAX_RENDER_MEMORY = 768 * 2**20  # address space a render may add (main thread of a Linux process)
TEMPLATE_SUFFIX = ".j2"


class BudgetExceeded(SecurityError):
    """Raised inside a render when it runs past its time or would make a value too large."""


# -- reading template files --------------------------------------------------------


def read_template_file(path: Path, *, limit: int = MAX_TEMPLATE_BYTES) -> bytes:
    """The bytes of one template file, if it is a regular file of bounded size.

    Raises :class:`OSError` (:class:`~drafter.files.NotRegularFile` for a FIFO,
    device, socket or folder, :class:`~drafter.files.FileTooLarge`): see
    :func:`drafter.files.read_bounded`, so a FIFO named ``*.j2`` cannot hang the build.
    """
    from drafter.files import read_bounded

    return read_bounded(path, limit)


class TemplateLoader(BaseLoader):
    """Templates from one folder: regular ``.j2`` files whose real path stays inside it.

    Jinja's ``FileSystemLoader`` already refuses ``..`` in a name; this one
    also resolves symlinks, so a link inside the folder cannot bring in a file
    from elsewhere, and refuses anything that is not a regular file.
    """

    def __init__(self, root: Path, encoding: str = "utf-8") -> None:
        self.root = root
        self.real_root = Path(os.path.realpath(root))
        self.encoding = encoding

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # raises TemplateNotFound for ".." parts
        if not template.endswith(TEMPLATE_SUFFIX):
            raise TemplateNotFound(template)
        path = self.root.joinpath(*pieces)
        real = Path(os.path.realpath(path))
        if real != self.real_root and self.real_root not in real.parents:
            raise TemplateNotFound(template)
        try:
            data = read_template_file(real)
        except FileNotFoundError:
            raise TemplateNotFound(template) from None
        source = data.decode(self.encoding)  # UnicodeDecodeError is worded by the caller
        mtime = os.stat(real).st_mtime
        return source, str(path), lambda: os.path.exists(real) and os.stat(real).st_mtime == mtime


# -- limits on values ----------------------------------------------------------------


def _too_big(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise BudgetExceeded(f"{what}会得到 {size} 个字符（上限 {MAX_TEXT}）")


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise BudgetExceeded(f"{what}的宽度 {width} 太大（上限 {MAX_WIDTH}）")


_PERCENT_WIDTH = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_WIDTH = re.compile(r"\{[^{}]*?:[^{}]*?(\d+)(?:\.(\d+))?[^{}]*\}")


def _check_format(fmt: str, what: str) -> None:
    """Widths and precisions in a ``%`` or ``{}`` format string stay small; ``*`` widths are refused."""
    for match in _PERCENT_WIDTH.finditer(fmt):
        for part in match.groups():
            if part == "*":
                raise BudgetExceeded(f"{what}不允许用 * 指定宽度")
            if part and int(part) > MAX_WIDTH:
                raise BudgetExceeded(f"{what}的宽度 {part} 太大（上限 {MAX_WIDTH}）")
    for match in _BRACE_WIDTH.finditer(fmt):
        for part in match.groups():
            if part and int(part) > MAX_WIDTH:
                raise BudgetExceeded(f"{what}的宽度 {part} 太大（上限 {MAX_WIDTH}）")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else len(str(value)) if value is not None else 0


def _check_str_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Size checks for the bound ``str`` methods that can multiply a string."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _check_width(args[0], f"字符串方法 {name}")
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        _check_width(tab, "字符串方法 expandtabs")
        if isinstance(tab, int):
            _too_big(len(owner) + owner.count("\t") * max(tab, 0), "expandtabs")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        hits = owner.count(args[0]) if args[0] else len(owner) + 1
        _too_big(len(owner) + hits * len(args[1]), "replace")
    elif name == "join" and args:
        parts = args[0]
        if isinstance(parts, (list, tuple)):
            _too_big(sum(_size(p) for p in parts) + len(owner) * len(parts), "join")
    elif name in ("format", "format_map"):
        _check_format(owner, "format")


def _guard_filter(name: str, check: Callable[..., None]) -> Callable[..., Any]:
    original = FILTERS[name]

    def guarded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return original(*args, **kwargs)

    guarded.__name__ = original.__name__
    guarded.__doc__ = original.__doc__
    for attr in ("jinja_pass_arg",):
        if hasattr(original, attr):
            setattr(guarded, attr, getattr(original, attr))
    return guarded


def _value_args(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Filter arguments without the leading context or environment that pass_* filters get."""
    return args[1:] if args and isinstance(args[0], (Context, EvalContext, Environment)) else args


def _check_center(*args: Any, **kwargs: Any) -> None:
    a = _value_args(args)
    _check_width(a[1] if len(a) > 1 else kwargs.get("width", 80), "center 过滤器")


def _check_indent(*args: Any, **kwargs: Any) -> None:
    a = _value_args(args)
    width = a[1] if len(a) > 1 else kwargs.get("width", 4)
    if isinstance(width, str):
        _too_big(len(width), "indent 过滤器")
        width = len(width)
    _check_width(width, "indent 过滤器")
    if a and isinstance(a[0], str) and isinstance(width, int):
        _too_big(len(a[0]) + (a[0].count("\n") + 1) * width, "indent 过滤器")


def _check_format_filter(*args: Any, **kwargs: Any) -> None:
    a = _value_args(args)
    if a and isinstance(a[0], str):
        _check_format(a[0], "format 过滤器")


def _check_replace(*args: Any, **kwargs: Any) -> None:
    a = _value_args(args)
    if len(a) >= 3 and isinstance(a[0], str) and isinstance(a[1], str):
        hits = a[0].count(a[1]) if a[1] else len(a[0]) + 1
        _too_big(len(a[0]) + hits * _size(a[2]), "replace 过滤器")


def _check_join(*args: Any, **kwargs: Any) -> None:
    a = _value_args(args)
    if a and isinstance(a[0], (list, tuple)):
        sep = a[1] if len(a) > 1 else kwargs.get("d", "")
        _too_big(sum(_size(p) for p in a[0]) + _size(sep) * len(a[0]), "join 过滤器")


@pass_context
def _guarded_sum(context: Context, iterable: Any, attribute: str | int | None = None, start: Any = 0) -> Any:
    """Jinja's ``sum`` one addition at a time, each checked like ``+``.

    Python's ``sum`` of lists or tuples runs in C, out of reach of the time
    budget, and copies its growing total at every step.
    """
    environment = context.environment
    if attribute is not None:
        iterable = map(make_attrgetter(environment, attribute), iterable)
    total = start
    for item in iterable:
        total = environment.call_binop(context, "+", total, item)
    return total


def _check_truncate(*args: Any, **kwargs: Any) -> None:
    a = _value_args(args)
    length = a[1] if len(a) > 1 else kwargs.get("length", 255)
    end = a[3] if len(a) > 3 else kwargs.get("end", "...")
    leeway = a[4] if len(a) > 4 else kwargs.get("leeway")
    if isinstance(length, int) and isinstance(end, str) and length < len(end):
        raise FilterArgumentError(f"truncate 过滤器的长度 {length} 比结尾「{end}」还短")
    if isinstance(leeway, int) and leeway < 0:
        raise FilterArgumentError(f"truncate 过滤器的 leeway 不能是负数（{leeway}）")


GUARDED_FILTERS: dict[str, Callable[..., None]] = {
    "center": _check_center,
    "indent": _check_indent,
    "format": _check_format_filter,
    "replace": _check_replace,
    "join": _check_join,
    "truncate": _check_truncate,
}


def _literal(value: Any) -> str:
    """Python source for a constant; ``repr`` would write an infinite float as the unbound name ``inf``."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if isinstance(value, tuple):
        return "(" + "".join(_literal(v) + ", " for v in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    return str(value) if isinstance(value, float) else repr(value)


class _GuardedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a call the environment can check (Jinja offers no hook for it)."""

    def visit_Const(self, node: nodes.Const, frame: Frame) -> None:
        self.write(_literal(node.as_const(frame.eval_ctx)))

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.guarded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class GuardedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with every size-multiplying operation checked before it runs.

    Everything a template prints with ``{{ … }}`` is counted against its
    :class:`RenderBudget` as it is printed.
    """

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset(("*", "**", "+", "%"))

    def __init__(self, budget: RenderBudget, **options: Any) -> None:
        super().__init__(finalize=budget.count_output, **options)
        self.budget = budget
        for name, check in GUARDED_FILTERS.items():
            self.filters[name] = _guard_filter(name, check)
        self.filters["sum"] = _guarded_sum

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse, with Python's own refusals (an integer literal of 4,300+ digits) as syntax errors."""
        try:
            return super()._parse(source, name, filename)
        except ValueError as exc:
            what = "数字位数太多" if "integer string conversion" in str(exc) else f"写法无法读取（{exc}）"
            raise TemplateSyntaxError(f"模板里的{what}", 1, name, filename) from None

    def guarded_concat(self, parts: tuple[Any, ...]) -> str:
        texts = [str(p) for p in parts]
        _too_big(sum(map(len, texts)), "~ 连接")
        return "".join(texts)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_PRODUCT_LEN:
                    raise BudgetExceeded(f"序列乘以 {n} 会超过 {MAX_PRODUCT_LEN} 项")
            if (
                isinstance(left, int)
                and isinstance(right, int)
                and left.bit_length() + right.bit_length() > MAX_INT_BITS
            ):
                raise BudgetExceeded("整数乘积太大")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right * len(str(abs(left))) > MAX_POWER_DIGITS:
                raise BudgetExceeded(f"{left} ** {right} 太大")
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _too_big(len(left) + len(right), "+ 连接")
        elif operator == "%" and isinstance(left, str):
            _check_format(left, "% 格式化")
            values = right if isinstance(right, tuple) else (right,)
            _too_big(len(left) + sum(_size(v) for v in values), "% 格式化")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        target = getattr(__obj, "__wrapped__", __obj)  # str.format arrives wrapped by the sandbox
        _check_str_method(target, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)


# -- time ------------------------------------------------------------------------------


@dataclass
class RenderBudget:
    """Wall time for all renders of one build, and the size of each rendered text."""

    seconds: float = RENDER_SECONDS
    max_text: int = MAX_TEXT
    memory: int = MAX_RENDER_MEMORY
    spent: float = field(default=0.0, init=False)
    printed: int = field(default=0, init=False)  # characters printed by the current render

    def check_size(self, text: str) -> str:
        if len(text) > self.max_text:
            raise BudgetExceeded(f"模板输出了 {len(text)} 个字符（上限 {self.max_text}）")
        return text

    def count_output(self, value: Any) -> Any:
        """Jinja's ``finalize``: every printed value passes here."""
        self.printed += len(value) if isinstance(value, str) else 16
        if self.printed > self.max_text:
            raise BudgetExceeded(f"模板输出超过 {self.max_text} 个字符")
        return value

    @contextmanager
    def running(self) -> Iterator[None]:
        """Run a render under what is left of the budget; raises BudgetExceeded past it."""
        left = self.seconds - self.spent
        if left <= 0:
            raise BudgetExceeded(f"模板渲染超过 {self.seconds:g} 秒")
        start = time.monotonic()
        self.printed = 0
        try:
            with _deadline(left, self.seconds), _memory_cap(self.memory):
                yield
        finally:
            self.spent += time.monotonic() - start


@contextmanager
def _deadline(left: float, total: float) -> Iterator[None]:
    """Interrupt the code inside after ``left`` seconds.

    In the main thread a timer signal interrupts it at no cost while it runs
    in time; elsewhere (a server's worker thread) a trace function checks the
    clock on the template's own lines.
    """
    message = f"模板渲染超过 {total:g} 秒"
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        armed = [True]

        def on_alarm(signum: int, frame: FrameType | None) -> None:
            if armed[0]:
                raise BudgetExceeded(message)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            yield
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    deadline = time.monotonic() + left
    ticks = [0]

    def on_line(frame: FrameType, event: str, arg: Any) -> Any:
        ticks[0] += 1
        if ticks[0] % 256 == 0 and time.monotonic() > deadline:
            raise BudgetExceeded(message)
        return on_line

    def on_call(frame: FrameType, event: str, arg: Any) -> Any:
        return on_line if "__jinja_template__" in frame.f_globals else None

    previous_trace = sys.gettrace()
    sys.settrace(on_call)
    try:
        yield
    finally:
        sys.settrace(previous_trace)


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where unknown."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def _memory_cap(extra: int) -> Iterator[None]:
    """Let the code inside grow the process by at most ``extra`` bytes (else MemoryError).

    Only in the main thread of a Linux process (a limit is process-wide; a
    server's other threads must not feel it), and never above a limit the
    process already has.
    """
    try:
        import resource
    except ImportError:
        yield
        return
    used = _address_space() if threading.current_thread() is threading.main_thread() else None
    if used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + extra
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
