"""The HTML of the pages: the list of sheets, the editor, an error page.

Pages carry no inline script (the Content-Security-Policy forbids it); the
editor's data travels as JSON in a ``<script type="application/json">`` block
that static/editor.js reads.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import quote

from drafter.contract import KINDS, UNIT_TYPES


def _page(title: str, body: str, *, script: str = "", wide: bool = False) -> str:
    tag = f'<script src="/static/{script}" defer></script>' if script else ""
    return (
        "<!doctype html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} - drafter</title>\n"
        '<link rel="icon" href="data:,">\n<link rel="stylesheet" href="/static/style.css">\n'
        f"{tag}\n</head>\n"
        f'<body class="{"wide" if wide else "narrow"}">\n{body}\n</body>\n</html>\n'
    )


def error_page(message: str) -> str:
    """A page that says what went wrong, in Chinese, and links home."""
    return _page(
        "出错了",
        f'<main><h1>出错了</h1><p class="error-message">{escape(message)}</p><p><a href="/">返回首页</a></p></main>',
    )


def sheet_url(name: str) -> str:
    return "/edit/" + quote(name)


def home_page(folder: str, sheets: list[str], year: int) -> str:
    """The sheets in the folder (link text = file name) and the form for a new one."""
    if sheets:
        items = "\n".join(f'<li><a href="{escape(sheet_url(n))}">{escape(n)}</a></li>' for n in sheets)
        listing = f'<ul class="sheets">\n{items}\n</ul>'
    else:
        listing = '<p class="empty">这个文件夹里还没有事实表（.yaml 文件）。可以在下面新建一份。</p>'
    units = "".join(f"<option>{escape(u)}</option>" for u in UNIT_TYPES)
    kinds = "".join(f"<option>{escape(k)}</option>" for k in KINDS)
    body = f"""<main>
<h1>drafter 事实表</h1>
<p class="folder">文件夹：{escape(folder)}</p>
<section aria-labelledby="list-title">
<h2 id="list-title">事实表</h2>
{listing}
</section>
<section aria-labelledby="new-title">
<h2 id="new-title">新建事实表</h2>
<form id="new-sheet" class="new-sheet">
<p><label for="new-name">文件名</label> <input id="new-name" name="name" value="事实表.yaml" required></p>
<p><label for="new-type">单位类型</label> <select id="new-type" name="unit_type">{units}</select></p>
<p><label for="new-kind">文种</label> <select id="new-kind" name="kind">{kinds}</select></p>
<p><label for="new-year">年度</label> <input id="new-year" name="year" value="{year}" inputmode="numeric"></p>
<p><button type="submit">新建事实表</button></p>
<p id="new-status" class="status" role="status" aria-live="polite"></p>
</form>
</section>
</main>"""
    return _page("事实表", body, script="home.js")


def editor_page(name: str, data: dict[str, Any]) -> str:
    """The editor of one sheet: the form (built by editor.js from ``data``) and the preview."""
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace("&", "\\u0026")
    body = f"""<header class="bar">
<a href="/" class="home">← 全部事实表</a>
<h1>{escape(name)}</h1>
<div class="actions">
<button type="button" id="save">保存</button>
<button type="button" id="word">下载 Word</button>
<span id="status" class="status" role="status" aria-live="polite"></span>
</div>
</header>
<div class="editor">
<form id="sheet-form" class="sheet-form" aria-label="事实表" novalidate>
<div id="general-problems" class="general-problems"></div>
</form>
<section class="preview" aria-label="初稿预览">
<div id="preview-note" class="preview-note" aria-live="polite"></div>
<article id="preview-page" class="page"></article>
</section>
</div>
<script type="application/json" id="sheet-data">{payload}</script>"""
    return _page(name, body, script="editor.js", wide=True)
