"""Regenerate docs/serve.png: the editor of ``drafter serve`` with its preview.

    python docs/render_serve.py

Copies the school example into a temporary folder, starts ``drafter serve``
on it (port 0, no browser), opens the sheet in Debian's Chromium driven by
Playwright (``/usr/bin/chromium``; no browser build is downloaded), adds an
item to 文体活动 and takes a screenshot once the preview shows it.  Fonts: the
tests' mapping (tests/data/fonts.conf) is used, so 仿宋/黑体/楷体 show as on a
chair's Windows machine as far as the free fonts allow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
OUT = ROOT / "docs" / "serve.png"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _fonts(folder: Path) -> None:
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <include>{ROOT / 'tests' / 'data' / 'fonts.conf'}</include>\n"
        f"  <cachedir>{folder / 'fc-cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(conf)
    # Caches and the browser's settings stay in the temporary folder, not in the home.
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "DRAFTER_CACHE_DIR"):
        os.environ[name] = str(folder / name.lower())


def main() -> int:
    from playwright.sync_api import expect, sync_playwright

    work = Path(tempfile.mkdtemp(prefix="drafter-serve-shot-"))
    _fonts(work)
    sheets = work / "我的总结"
    sheets.mkdir()
    shutil.copy(SHEET, sheets / SHEET.name)
    server = subprocess.Popen(
        [sys.executable, "-m", "drafter.serve", str(sheets), "--port", "0", "--no-browser"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS, headless=True)
            page = browser.new_page(viewport={"width": 1360, "height": 860}, device_scale_factor=1)
            page.goto(url)
            page.get_by_role("link", name=SHEET.name, exact=True).click()
            preview = page.get_by_role("region", name="初稿预览")
            expect(preview.locator("h1")).to_contain_text("工作总结", timeout=15_000)
            sports = page.locator('section[data-path="文体活动"]')
            sports.get_by_role("button", name="添加事项", exact=True).click()
            added = sports.locator(":scope > .entries > .entry").last
            added.get_by_label("时间", exact=True).fill("12月")
            added.get_by_label("活动", exact=True).fill("举办教职工乒乓球赛")
            added.get_by_label("人数", exact=True).fill("48")
            shown = preview.get_by_text("举办教职工乒乓球赛")
            expect(shown).to_be_visible(timeout=10_000)
            sports.locator(":scope > .entries > .entry").nth(3).scroll_into_view_if_needed()
            page.evaluate(
                "window.scrollBy(0, document.querySelector('[data-path=\\'文体活动\\']').getBoundingClientRect().top - 70)"
            )
            shown.evaluate("(p) => p.scrollIntoView({block: 'center'})")
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT))
            browser.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
