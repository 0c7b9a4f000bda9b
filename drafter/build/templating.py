"""The Jinja side of the build: a sandboxed, strict environment over ``templates/``.

Templates are plain Jinja files a person can read and edit.  A template says
its wording as *blocks of alternatives*::

    {% set 结语 | choose %}
    【话题：体育】{{ 职工 }}在运动中强健了体魄            {# 内置 #}
    民主管理制度执行有力，{{ 职工 }}的知情权得到保障
    {% endset %}

Each non-empty line of the block is one way of saying it.  ``choose`` keeps
the lines the facts support — a line opening with ``【话题：…】`` only when
the facts it frames show its topics (``drafter.topics.Support``: every item
of the section that shows a topic, and most of its items, or any item of the
sheet for document-level slots), a line
claiming variety (形式多样) only over three items or more, never a line that
echoes an earlier choice of the template or of the draft while another is
left, and never a line with
wording of ``drafter.vocab.BANNED`` — and picks one by a stable hash of the
union, the year and the block's place in the template, moved on by the
``--variant`` number, so the same sheet always gives the same wording,
another union gets another one and each variant changes every slot that has
an alternative.  ``lines`` keeps all of them.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import (
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_context,
)
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from drafter.build.sandbox import BudgetExceeded, GuardedEnvironment, RenderBudget, TemplateLoader
from drafter.errors import TemplateError
from drafter.topics import Support, read_marker

T = TypeVar("T")

SEED = "_seed"  # context variable holding the wording seed (union and year)
VARIANT = "_variant"  # context variable holding the --variant number
SPECIFIC = "_specific"  # context variable: True where lines bound to the facts' topics come first
EARLIER = "_earlier"  # context variable: framing lines the draft said before this template (echo check)
TOPICS = "_topics"  # context variable: the Support (topics of the facts) a template frames
_COUNTER = "_picks"  # context variable holding the lines chosen so far in a render


def stable_hash(*parts: object) -> int:
    h = hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8"), digest_size=8)
    return int.from_bytes(h.digest(), "big")


def _alternatives(text: str) -> list[str]:
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def supported_lines(options: list[str], support: Support) -> list[tuple[frozenset[str], str]]:
    """(topics, text) of the lines the facts support (prose rules §4), banned wording dropped."""
    from drafter.vocab import banned_in

    out: list[tuple[frozenset[str], str]] = []
    for line in options:
        needs, text = read_marker(line)
        if text and support.allows(needs, text) and banned_in(text) is None:
            out.append((needs, text))
    return out


def _said(ctx: Context) -> list[str]:
    """The lines chosen so far in this render (their count numbers the next slot)."""
    said = ctx.get(_COUNTER)
    return said if isinstance(said, list) else []


_HOLE = "□"  # a template variable's value, when lines are compared for echoes


def _masks(ctx: Context) -> tuple[str, ...]:
    """The names the build passed in (ctx.parent, not the template's own {% set %} results), longest first."""
    values = (v for v in ctx.parent.values() if isinstance(v, str) and len(v) >= 2)
    return tuple(sorted(values, key=len, reverse=True))


@functools.lru_cache(maxsize=8192)
def _shape(text: str, masks: tuple[str, ...]) -> str:
    """A line with the values of the template's variables masked (领导, 职工 … say nothing of the wording)."""
    for value in masks:
        text = text.replace(value, _HOLE)
    return text


def _cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _opener(shaped: str) -> str:
    """How a line opens: 一系列, 我注重; □把 (院工会把…) where a name comes first."""
    return shaped[:2] if _HOLE in shaped[:3] else shaped[:3]


@functools.lru_cache(maxsize=8192)
def _runs(shaped: str) -> frozenset[str]:
    """Every run of five characters of a shaped line."""
    return frozenset(shaped[i : i + 5] for i in range(len(shaped) - 4))


@functools.lru_cache(maxsize=8192)
def _wording(shaped: str) -> frozenset[str]:
    """The runs of a line that would echo: five characters with three of its own (以□为中心);
    never the 在…的领导下 of every opening and ending."""
    out: set[str] = set()
    for gram in _runs(shaped):
        own = sum(_cjk(c) for c in gram)
        if own >= 3 and all(c == _HOLE or _cjk(c) for c in gram) and "领导" not in gram:
            out.add(gram)
    return frozenset(out)


def _echoes(shaped: str, earlier: frozenset[str]) -> bool:
    """Whether a line repeats wording of the earlier lines (``earlier``: their runs)."""
    return not _wording(shaped).isdisjoint(earlier)


def _all_runs(lines: list[str]) -> frozenset[str]:
    return frozenset().union(*(_runs(x) for x in lines))


def _index(ctx: Context, n: int, *salt: object) -> int:
    """Which of ``n`` lines: a stable hash of the union and year, moved on by ``--variant``.

    Each variant 1 … n-1 gives another line than variant 0 for every slot with
    an alternative (prose rules §8).
    """
    variant = ctx.get(VARIANT, 0)
    base = stable_hash(ctx.get(SEED, ""), ctx.name, *salt, n)
    return (base + (variant if isinstance(variant, int) else 0)) % n


def _support(ctx: Context) -> Support:
    value = ctx.get(TOPICS)
    return value if isinstance(value, Support) else Support()


@pass_context
def choose(ctx: Context, text: str) -> str:
    """One line of a block of alternatives that the facts support, chosen by a stable hash.

    A line that echoes an earlier choice of the same template (a section's
    opening repeating its heading's 以职工为中心), or a framing line
    the draft said before (``EARLIER``), is passed over while another line is
    left.  With ``SPECIFIC`` (a part the chair titled), lines bound to the
    facts' topics come first.
    """
    supported = supported_lines(_alternatives(text), _support(ctx))
    said = _said(ctx)
    slot = len(said) + 1
    before = ctx.get(EARLIER)
    draft = [x for x in (before if isinstance(before, list) else []) if isinstance(x, str) and x]
    masks = _masks(ctx) if (said or draft) and supported else ()
    here = [_shape(x, masks) for x in said if x]
    there = [_shape(x, masks) for x in draft]
    openers = {_opener(x) for x in here + there}
    # Five running characters (three of them its own words) said earlier in the template or the
    # draft.  Four (业余生活 of the heading in its opening) narrowed the lines so much that
    # --variant ran out of alternatives; the phrase bank keeps headings and openings apart instead.
    runs_earlier = _all_runs(here + there)

    def opens_anew(line: str) -> bool:
        return _opener(_shape(line, masks)) not in openers  # not 一系列举措… after 一系列活动…

    def fresh(line: str) -> bool:
        shaped = _shape(line, masks)
        return opens_anew(line) and not _echoes(shaped, runs_earlier)

    options = [text for _, text in supported]
    if ctx.get(SPECIFIC) is True:
        # A part the chair titled is opened by what its items are about, when such a line is left.
        bound = [text for needs, text in supported if needs and fresh(text) and text not in draft]
        options = bound or options
    chosen = ""
    if options:
        # The hashed place in the whole list, moved on by --variant, then on to the first line that
        # does not echo: a variant starts elsewhere whatever the earlier slots of its draft chose.
        start = _index(ctx, len(options), slot)
        ring = options[start:] + options[:start]
        usable = [text for text in ring if fresh(text)] or [text for text in ring if opens_anew(text)] or ring
        chosen = usable[0]
        variant = ctx.get(VARIANT, 0)
        if isinstance(variant, int) and variant % len(options) and len(usable) > 1:
            # Not the line variant 0 takes from its own start (a skipped echo would lead both there).
            home = (start - variant) % len(options)
            first = next((t for t in options[home:] + options[:home] if t in usable), usable[0])
            chosen = next(t for t in usable if t != first)
    said.append(chosen)
    return chosen


@pass_context
def pick(ctx: Context, options: list[str]) -> str:
    """Like ``choose``, for an inline list: ``{{ ["荣获", "获得"] | pick }}``."""
    opts = [str(o) for o in options if str(o).strip()]
    said = _said(ctx)
    slot = len(said) + 1
    chosen = opts[_index(ctx, len(opts), "pick", slot)] if opts else ""
    said.append(chosen)
    return chosen


def lines(text: str) -> list[str]:
    """All lines of a block, e.g. the list of connectors (topic markers removed)."""
    return [read_marker(line)[1] for line in _alternatives(text)]


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Compiled templates on disk; a cache that cannot be read or written is skipped."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.lru_cache(maxsize=1)
def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Per-user cache of compiled templates (compiling them is most of a build's own time).

    Jinja keys each entry by template path and checks the source, so an edited
    template is compiled again; the folder is keyed by the versions and by
    this file, which holds the environment's settings.
    """
    import jinja2

    from drafter import __version__
    from drafter.build import sandbox
    from drafter.files import cache_dir

    try:
        code = Path(__file__).read_bytes() + Path(sandbox.__file__).read_bytes()
    except OSError:
        return None
    key = hashlib.sha256(b"\0".join([__version__.encode(), jinja2.__version__.encode(), code])).hexdigest()[:16]
    folder = cache_dir(f"jinja-{key}")
    return _QuietBytecodeCache(str(folder)) if folder is not None else None


def make_environment(directory: Path, budget: RenderBudget) -> SandboxedEnvironment:
    env = GuardedEnvironment(
        budget,
        bytecode_cache=_bytecode_cache(),
        loader=TemplateLoader(directory),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=False,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=64,
    )
    env.filters["choose"] = choose
    env.filters["pick"] = pick
    env.filters["lines"] = lines
    return env


def _template_error(directory: Path, name: str, exc: Exception) -> TemplateError:
    file = directory / name
    line = getattr(exc, "lineno", None) or 1
    if isinstance(exc, TemplateSyntaxError):
        if exc.filename:
            file = Path(exc.filename)
        return TemplateError(f"模板语法错误：{exc.message}。请对照 Jinja 写法修改这一行。", file=file, line=line)
    if isinstance(exc, BudgetExceeded):
        return TemplateError(
            f"模板计算量过大（{exc}），已停止。请检查模板里的循环、宏和字符串运算。", file=file, line=line
        )
    if isinstance(exc, SecurityError):
        return TemplateError(
            f"模板试图访问不允许的内容（{exc}），已被安全沙箱拒绝。模板只能使用事实表中的数据。", file=file, line=line
        )
    if isinstance(exc, UndefinedError):
        return TemplateError(
            f"模板用到了未定义的变量（{exc.message}）。可用的变量见 templates/说明.txt。", file=file, line=line
        )
    if isinstance(exc, TemplateNotFound):
        return TemplateError(
            f"模板引用的文件「{exc.name}」找不到（只能引用模板目录里的文件）。请改正或删掉这个 include/import。",
            file=file,
            line=line,
        )
    return TemplateError(f"模板出错：{exc}", file=file, line=line)


def _traceback_line(exc: BaseException, directory: Path) -> tuple[Path | None, int]:
    """The template file and line where a render error happened."""
    tb = exc.__traceback__
    found: tuple[Path | None, int] = (None, 1)
    root = str(directory.resolve())
    while tb is not None:
        fname = tb.tb_frame.f_code.co_filename
        if fname.startswith(root) or fname.endswith(".j2"):
            # The frame runs the compiled template: map its line to the .j2 line.
            template = tb.tb_frame.f_globals.get("__jinja_template__")
            line = template.get_corresponding_lineno(tb.tb_lineno) if template is not None else tb.tb_lineno
            found = (Path(fname), line)
        tb = tb.tb_next
    return found


@dataclass
class TemplateSet:
    """The templates of one 文种 (one folder of ``templates/``)."""

    root: Path  # the templates/ folder
    kind: str  # 工作总结 / 述职报告
    env: SandboxedEnvironment = field(init=False)
    budget: RenderBudget = field(default_factory=RenderBudget)

    def __post_init__(self) -> None:
        folder = self.root / self.kind
        if self.root.exists() and not self.root.is_dir():
            raise TemplateError(
                "--templates 要给出一个模板文件夹（drafter learn 生成的那种，里面有「工作总结」「述职报告」文件夹），这里给的不是文件夹。",
                file=self.root,
            )
        if not folder.is_dir():
            raise TemplateError(
                f"模板目录里没有「{self.kind}」文件夹。请用 drafter learn 生成模板，或用 --templates 指向正确的目录。",
                file=folder,
            )
        self.env = make_environment(self.root, self.budget)

    def module(self, name: str, context: dict[str, Any]) -> Any:
        """Render template ``<kind>/<name>.j2`` and return its exported names."""
        rel = f"{self.kind}/{name}.j2"
        try:
            template = self.env.get_template(rel)
        except TemplateNotFound:
            raise TemplateError(
                f"缺少模板文件 {rel}。请重新运行 drafter learn，或从 drafter 自带的 templates/ 复制一份。",
                file=self.root / rel,
            ) from None
        except JinjaTemplateError as exc:
            raise _template_error(self.root, rel, exc) from None
        except UnicodeDecodeError as exc:
            raise TemplateError(
                "模板文件不是 UTF-8 编码（可能被记事本存成了「ANSI」）。请用记事本打开它，"
                "「另存为」时在「编码」里选「UTF-8」。",
                file=self.root / rel,
                line=exc.object[: exc.start].count(b"\n") + 1,
            ) from None
        except OSError as exc:
            raise TemplateError(f"无法读取模板文件（{exc.strerror or exc}）。", file=self.root / rel) from None
        except (RecursionError, MemoryError):
            raise TemplateError(
                "模板嵌套太深（括号、if 或 for 层数过多），无法读取。请简化这个模板。", file=self.root / rel
            ) from None
        ctx = dict(context)
        ctx[_COUNTER] = []
        return self._guarded(rel, lambda: template.make_module(ctx))

    def call(self, module: Any, name: str, *args: Any, **kwargs: Any) -> str:
        """Call a macro of a rendered module, turning errors into TemplateError."""
        rel = getattr(module, "__name__", None) or f"{self.kind}/{name}"
        macro = getattr(module, name, None)
        if macro is None:
            raise TemplateError(f"模板里没有定义宏「{name}」。", file=self.root / rel)
        return self._guarded(rel, lambda: str(macro(*args, **kwargs)))

    def _guarded(self, rel: str, render: Callable[[], T]) -> T:
        """Run a render step; any failure becomes a TemplateError at the template's own line."""
        try:
            with self.budget.running():
                result = render()
            if isinstance(result, str):
                self.budget.check_size(result)
            return result
        except (JinjaTemplateError, SecurityError) as exc:
            file, line = _traceback_line(exc, self.root)
            err = _template_error(self.root, rel, exc)
            if file is not None:
                err.location = type(err.location)(str(file), line, 1)
            raise err from None
        except (TypeError, ValueError, AttributeError, ArithmeticError, LookupError) as exc:
            file, line = _traceback_line(exc, self.root)
            raise TemplateError(f"模板计算出错：{exc}", file=file or self.root / rel, line=line) from None
        except (RecursionError, MemoryError) as exc:
            file, line = _traceback_line(exc, self.root)
            raise TemplateError(
                "模板计算量过大（递归太深或占用内存太多），已停止。请检查模板里的循环和宏。",
                file=file or self.root / rel,
                line=line,
            ) from None
        except Exception as exc:  # a template is untrusted code: whatever it raises is the template's error
            file, line = _traceback_line(exc, self.root)
            raise TemplateError(f"模板出错：{exc}", file=file or self.root / rel, line=line) from None


def exported(module: Any, name: str, default: str = "") -> str:
    """A ``{% set %}`` value exported by a template, as clean text."""
    value = getattr(module, name, default)
    return str(value).strip()
