"""The rules every request passes before the app sees it.

* The ``Host`` header must name this server (``127.0.0.1:PORT`` or
  ``localhost:PORT``): a page on another site that points its own domain name at
  127.0.0.1 (DNS rebinding) is refused.
* A request that may change something (anything but GET and HEAD) must come
  from this server's own pages: its ``Origin`` header must be this server's
  origin.  Browsers send ``Origin`` with every such request, so another site's
  form or script cannot save a sheet or write a draft.
* A request body may not exceed :data:`MAX_BODY` bytes.
* Every response carries headers that keep the pages out of other sites'
  frames and scripts out of everywhere but this server.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from drafter.serve.pages import error_page

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 4 * 1024 * 1024  # a sheet is limited to 2 MiB; its model in JSON is at most about twice that
SAFE_METHODS = frozenset({"GET", "HEAD"})
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)


class BodyTooLarge(Exception):
    """Raised inside a request whose body grows past :data:`MAX_BODY` while it is read."""


class Guard:
    """ASGI middleware enforcing the rules above."""

    def __init__(self, app: ASGIApp, port: int) -> None:
        self.app = app
        self.hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
        self.origins = frozenset(f"http://{h}" for h in self.hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return  # no websockets
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope["method"], headers)
        if refusal is not None:
            status, message = refusal
            await _send_page(send, status, message)
            return
        await self.app(scope, _limited(receive), _with_headers(send))

    def _refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str] | None:
        if headers.get("host", "").lower() not in self.hosts:
            return 421, "这个地址不是本机的 drafter 服务。请使用启动时显示的地址（http://127.0.0.1:端口/）。"
        if method not in SAFE_METHODS:
            if headers.get("origin", "").lower() not in self.origins:
                return 403, "拒绝了来自其他网页的请求。请在 drafter 自己的页面上操作。"
            if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
                return 403, "拒绝了来自其他网页的请求。请在 drafter 自己的页面上操作。"
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return 413, f"提交的内容太大（超过 {MAX_BODY // (1024 * 1024)} MB），没有处理。"
        return None


def _limited(receive: Receive) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise BodyTooLarge
        return message

    return wrapped


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
        await send(message)

    return wrapped


async def _send_page(send: Send, status: int, message: str) -> None:
    body = error_page(message).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
