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
sys.path.insert(0, str(ROOT))

from tests.conftest import font_config  # noqa: E402  (the tests' own font mapping)
from tests.test_serve_browser import CHROMIUM_FLAGS  # noqa: E402

SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
OUT = ROOT / "docs" / "serve.png"


def _fonts(folder: Path) -> None:
    os.environ["FONTCONFIG_FILE"] = str(font_config(folder))
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
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS, headless=True)
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
