"""``drafter serve``: the fact sheets of a folder as local web pages, with the draft beside the form.

Starlette (the app) on uvicorn (the server), bound to 127.0.0.1 only.  The
first line printed is the address; the browser opens it unless told not to.
"""

from __future__ import annotations

import errno
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path

from drafter.errors import DrafterError

HOST = "127.0.0.1"


class ServeError(DrafterError):
    """Raised when the server cannot start: the folder is missing or the port cannot be used."""


def command(folder: Path, port: int, open_browser: bool) -> None:
    """Serve ``folder`` on ``http://127.0.0.1:PORT/`` until Ctrl+C (``port`` 0 picks a free one)."""
    import uvicorn

    from drafter.serve.app import create_app

    if not folder.is_dir():
        raise ServeError("找不到这个文件夹。请写出放事实表的文件夹，例如 drafter serve 我的总结。", file=folder)
    sock = _bind(port, folder)
    port = sock.getsockname()[1]
    url = f"http://{HOST}:{port}/"
    app = create_app(folder, port)
    print(url, flush=True)
    print("在浏览器中打开上面的地址即可填写事实表；按 Ctrl+C 停止。", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(server, url), daemon=True).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn stops on Ctrl+C, then raises it again: stopping is what was asked
        pass
    finally:
        sock.close()
    print("已停止。", file=sys.stderr)


def _bind(port: int, folder: Path) -> socket.socket:
    if not 0 <= port <= 65535:
        raise ServeError(f"端口 {port} 不对：请写 1 到 65535 之间的数字，或写 0 自动选择。", file=folder)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port))
        sock.listen(64)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServeError(f"端口 {port} 已被占用。请换一个端口，例如 --port 0 自动选择。", file=folder) from None
        raise ServeError(f"无法使用端口 {port}（{exc.strerror or exc}）。请换一个端口。", file=folder) from None
    sock.set_inheritable(True)
    return sock


def _open_when_ready(server: object, url: str) -> None:
    for _ in range(100):
        if getattr(server, "started", False):
            webbrowser.open(url)
            return
        time.sleep(0.05)
