"""The web app of ``drafter serve`` (Starlette): pages and the JSON endpoints behind them.

Every file it reads or writes is a direct child of FOLDER, named in the URL by
its file name only; the name is resolved (symbolic links followed) and refused
unless the result is still inside FOLDER.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sys
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.errors import DrafterError, Problems
from drafter.serve.guard import BodyTooLarge, Guard
from drafter.serve.pages import editor_page, error_page, home_page, sheet_url
from drafter.serve.preview import make_preview
from drafter.serve.sheetdoc import SheetDoc, apply_model, to_model
from drafter.sheet.decode import NAME_INVISIBLE, NON_PRINTABLE

if TYPE_CHECKING:
    from drafter.sheet.fields import Field

SHEET_SUFFIXES = (".yaml", ".yml")
STATIC = Path(__file__).resolve().parent / "static"


MAX_NAME_BYTES = 180  # a file name, leaving room for drafter's backups (NAME.1.bak) within 255 bytes
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
)


class Refused(HTTPException):
    """Raised by a handler when a request cannot be served; ``detail`` is the Chinese message shown."""


@dataclass
class Site:
    """What the handlers share: the folder, the field table, one lock for writes."""

    folder: Path
    fields: Sequence[Field]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def child(self, name: str, suffixes: tuple[str, ...]) -> Path:
        """The file ``name`` directly inside the folder; refused when it is elsewhere or of another kind."""
        if not name or name != Path(name).name or name.startswith(".") or "\\" in name or "\0" in name:
            raise Refused(404, "文件名不对：只能打开本文件夹里的文件。")
        if NON_PRINTABLE.search(name) or NAME_INVISIBLE.search(name):
            raise Refused(404, "文件名里有换行或看不见的字符（控制字符、文字方向符号），请换一个文件名。")
        if not name.lower().endswith(suffixes):
            raise Refused(404, f"只能打开 {'、'.join(suffixes)} 文件。")
        path = Path(os.path.realpath(self.folder / name))  # never raises, even on a link that loops
        if path.parent != self.folder:
            raise Refused(404, "这个文件不在本文件夹里（可能是指向别处的快捷方式），不能打开。")
        return path

    def sheets(self) -> list[str]:
        names = []
        for p in sorted(self.folder.iterdir(), key=lambda p: p.name):
            if p.name.lower().endswith(SHEET_SUFFIXES) and not p.name.startswith("."):
                try:
                    if Path(os.path.realpath(p)).parent == self.folder and p.is_file():
                        names.append(p.name)
                except OSError:
                    continue
        return names

    def read(self, path: Path) -> bytes:
        """The sheet's bytes; a FIFO, device or folder named like a sheet is refused without blocking."""
        from drafter.sheet.load import read_sheet

        if not path.exists() and not path.is_symlink():
            raise Refused(404, "找不到这个事实表，它可能已被改名或删除。请回到首页重新选择。")
        try:
            return read_sheet(path)
        except Problems as exc:
            raise Refused(403, f"无法读取这个事实表：{exc.problems[0].message}") from None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _example(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return "、".join(map(str, value))
    return str(value)


def field_spec(f: Field) -> dict[str, Any]:
    """One row of the field table as the page's script reads it."""
    return {
        "key": f.key,
        "kind": f.kind,
        "label": f.label,
        "description": f.description,
        "example": _example(f.example),
        "required": f.required,
        "long": f.kind == "text" and not getattr(f, "max_length", 0),  # a sentence, not a name: a growing box
        "choices": list(f.choices),
        "children": [field_spec(c) for c in f.children],
    }


def _doc(site: Site, path: Path, data: bytes) -> SheetDoc:
    try:
        return SheetDoc.parse(data, path.name)
    except DrafterError as exc:
        raise Refused(422, exc.message) from None


async def _json(request: Request) -> dict[str, Any]:
    body = await request.body()
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: JSON nested thousands deep
        raise Refused(400, "页面发来的内容无法读取，请刷新页面后重试。") from None
    if not isinstance(data, dict):
        raise Refused(400, "页面发来的内容无法读取，请刷新页面后重试。")
    return data


def _edited(site: Site, path: Path, payload: dict[str, Any]) -> tuple[SheetDoc, bytes]:
    """The sheet on disk with the page's model applied; refused when the file changed since the page loaded it."""
    data = site.read(path)
    if payload.get("base") != _digest(data):
        raise Refused(409, "这个事实表已在别处被修改（例如用记事本）。为免覆盖，请刷新页面后再改。")
    doc = _doc(site, path, data)
    try:
        apply_model(doc.root, site.fields, payload.get("model"))
    except DrafterError as exc:
        raise Refused(400, exc.message) from None
    return doc, data


def _save(site: Site, path: Path, doc: SheetDoc, old: bytes) -> bytes:
    from drafter.files import atomic_write

    data = doc.to_bytes()
    if data != old:
        try:
            atomic_write(path, data)
        except DrafterError as exc:
            raise Refused(403, exc.message) from None
    return data


def _saved_state(site: Site, data: bytes, path: Path) -> dict[str, Any]:
    return {"base": _digest(data), "model": to_model(_doc(site, path, data).root, site.fields)}


def create_app(folder: Path, port: int, fields: Sequence[Field] | None = None) -> Guard:
    """The app serving ``folder``, reachable only as ``127.0.0.1:port`` or ``localhost:port``."""
    if fields is None:
        from drafter.sheet.fields import FIELDS

        fields = FIELDS
    site = Site(folder.resolve(), fields)

    async def home(request: Request) -> Response:
        today = _dt.date.today()
        year = today.year if today.month >= 7 else today.year - 1
        return HTMLResponse(home_page(str(site.folder), site.sheets(), year))

    async def new_sheet(request: Request) -> Response:
        from drafter.files import atomic_write
        from drafter.sheet.init import KINDS, UNIT_TYPES, example_sheet

        payload = await _json(request)
        name = str(payload.get("name", "")).strip()
        if name and not name.lower().endswith(SHEET_SUFFIXES):
            name += ".yaml"
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise Refused(400, f"文件名太长（最多 {MAX_NAME_BYTES // 3} 个汉字），请换一个短一些的文件名。")
        if name.split(".")[0].strip().upper() in WINDOWS_DEVICES:
            raise Refused(400, "这个文件名是 Windows 的设备名（如 CON、NUL），不能用，请换一个文件名。")
        path = site.child(name, SHEET_SUFFIXES)
        unit_type, kind, year = payload.get("unit_type"), payload.get("kind"), str(payload.get("year", ""))
        if unit_type not in UNIT_TYPES or kind not in KINDS:
            raise Refused(400, f"请从列表里选择单位类型（{'、'.join(UNIT_TYPES)}）和文种（{'、'.join(KINDS)}）。")
        if len(year) != 4 or not year.isdigit() or not 1949 <= int(year) <= 2100:
            raise Refused(400, "年度请写四位数字，例如 2025。")
        with site.lock:
            if path.exists():
                raise Refused(409, f"「{name}」已经存在，为免覆盖您填写的内容，没有新建。请换一个文件名。")
            try:
                atomic_write(path, example_sheet(unit_type, kind, int(year)).encode("utf-8"))
            except DrafterError as exc:
                raise Refused(403, exc.message) from None
        return JSONResponse({"url": sheet_url(path.name)})

    async def editor(request: Request) -> Response:
        path = site.child(request.path_params["name"], SHEET_SUFFIXES)
        data = await run_in_threadpool(site.read, path)
        doc = _doc(site, path, data)
        payload = {
            "name": path.name,
            "base": _digest(data),
            "fields": [field_spec(f) for f in site.fields],
            "model": to_model(doc.root, site.fields),
        }
        return HTMLResponse(editor_page(path.name, payload))

    async def preview(request: Request) -> Response:
        path = site.child(request.path_params["name"], SHEET_SUFFIXES)
        payload = await _json(request)

        def work() -> dict[str, Any]:
            doc, _ = _edited(site, path, payload)
            return make_preview(doc, path, site.fields).as_json()

        return JSONResponse(await run_in_threadpool(work))

    async def save(request: Request) -> Response:
        path = site.child(request.path_params["name"], SHEET_SUFFIXES)
        payload = await _json(request)

        def work() -> dict[str, Any]:
            with site.lock:
                doc, old = _edited(site, path, payload)
                data = _save(site, path, doc, old)
            return {**_saved_state(site, data, path), "message": f"已保存：{path.name}"}

        return JSONResponse(await run_in_threadpool(work))

    async def word(request: Request) -> Response:
        path = site.child(request.path_params["name"], SHEET_SUFFIXES)
        payload = await _json(request)

        def work() -> dict[str, Any]:
            from drafter.build.pipeline import build_one

            with site.lock:
                doc, old = _edited(site, path, payload)
                data = _save(site, path, doc, old)
                state = _saved_state(site, data, path)
                try:
                    outcome = build_one(path)
                except Problems as exc:  # the preview shows every problem at its field
                    raise Refused(422, f"事实表还有问题，没有生成 Word：{exc.problems[0].message}") from None
                except DrafterError as exc:
                    raise Refused(422, exc.message) from None
            out = outcome.output
            if out is None or out.resolve().parent != site.folder:
                raise Refused(403, "生成的 Word 文件不在本文件夹里，不能下载。")
            notes = [w.format() for w in outcome.warnings] + outcome.notes
            return {**state, "download": "/download/" + quote(out.name), "file": out.name, "notes": notes}

        return JSONResponse(await run_in_threadpool(work))

    async def download(request: Request) -> Response:
        path = site.child(request.path_params["name"], (".docx",))
        if not path.is_file():
            raise Refused(404, "找不到这个 Word 文件。请先点「下载 Word」生成。")
        return FileResponse(
            path,
            filename=path.name,
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )

    async def refused(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = exc.detail if isinstance(exc, Refused) else _STATUS_WORDS.get(status, "请求无法处理。")
        if isinstance(exc, BodyTooLarge):
            status, message = 413, "提交的内容太大，没有处理。"
        elif not isinstance(exc, HTTPException):
            traceback.print_exception(exc, file=sys.stderr)  # for the console; never in a response
            message = "drafter 内部出错了，这不是您的错。请把命令行窗口里的信息发给维护者。"
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return HTMLResponse(error_page(message), status_code=status)

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/api/new", new_sheet, methods=["POST"]),
            Route("/edit/{name}", editor),
            Route("/api/preview/{name}", preview, methods=["POST"]),
            Route("/api/save/{name}", save, methods=["POST"]),
            Route("/api/word/{name}", word, methods=["POST"]),
            Route("/download/{name}", download),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        exception_handlers={HTTPException: refused, Exception: refused},
    )
    return Guard(app, port)


_STATUS_WORDS: dict[int, str] = {
    404: "找不到这个页面。请回到首页重新选择。",
    405: "这个地址不接受这种请求。",
    400: "请求无法读取。",
}
