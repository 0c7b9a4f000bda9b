"""drafter serve as a chair uses it: the real server in its own process, Debian's Chromium driven by Playwright.

The browser is the system's (``/usr/bin/chromium``, installed by .ci/run from
Debian's packages); no browser build is downloaded.  Without Chromium or the
playwright package the browser test skips, except with ``CI`` set, where it
fails.  The typing → preview round trip is measured and printed (no timing
assert: timings depend on the machine).
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from drafter.sheet.init import example_sheet
from tests.conftest import ROOT

SCHOOL = ROOT / "examples" / "学校工会工作总结.yaml"


def school_title(unit: str) -> str:
    """The title drafter gives the school example under another union's name (titles vary by union)."""
    from drafter.build.pipeline import draft_from_facts
    from drafter.sheet.load import parse_facts

    raw = SCHOOL.read_bytes().replace("单位: 青岚县第二中学工会".encode(), f"单位: {unit}".encode())
    facts, _ = parse_facts(raw, SCHOOL)
    return draft_from_facts(facts, raw).blocks[0].text


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


class Server:
    """A running ``drafter serve`` process and the address it printed first."""

    def __init__(self, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "drafter.serve", str(folder), "--port", "0", "--no-browser"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        lines: queue.Queue[str] = queue.Queue()
        assert self.process.stdout is not None
        threading.Thread(target=lambda: [lines.put(s) for s in self.process.stdout], daemon=True).start()  # type: ignore[union-attr]
        try:
            self.first_line = lines.get(timeout=60).rstrip("\n")
        except queue.Empty:
            self.stop()
            raise AssertionError("drafter serve printed nothing within 60 s") from None
        self.url = self.first_line
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Ctrl+C
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SCHOOL, tmp_path / SCHOOL.name)
    return tmp_path


@pytest.fixture
def server(folder: Path) -> Iterator[Server]:
    running = Server(folder)
    try:
        yield running
    finally:
        running.stop()


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net lists them) of the sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            address, hex_port = cols[1].rsplit(":", 1)
            if int(hex_port, 16) == port and cols[3] == "0A":  # 0A = LISTEN
                found.append(address)
    return found


def test_first_line_is_the_address_and_only_loopback_listens(server: Server) -> None:
    assert server.first_line == f"http://127.0.0.1:{server.port}/"
    assert server.port > 0
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp on this system")
    assert _listening(server.port) == ["0100007F"]  # 127.0.0.1, nothing on 0.0.0.0 or ::
    assert server.stop() == 0  # Ctrl+C ends it cleanly


def test_a_port_in_use_is_a_chinese_error(server: Server, folder: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "drafter.serve", str(folder), "--port", str(server.port), "--no-browser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 1
    assert f"端口 {server.port} 已被占用" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def page(server: Server) -> Iterator[Any]:
    """A page of Debian's Chromium (a fresh profile) on the server's home page; no page error allowed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        missing = "the playwright package" if sync_playwright is None else str(CHROMIUM)
        message = f"{missing} missing: pip install -e '.[test]'; apt-get install chromium (or run .ci/run as root)"
        if _in_ci():
            pytest.fail(f"CI is set and {message}", pytrace=False)
        pytest.skip(message)
    profile = tempfile.mkdtemp(prefix="drafter-chromium-")
    errors: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
            headless=True,
            accept_downloads=True,
            viewport={"width": 1400, "height": 900},
            env={**os.environ, "HOME": profile, "XDG_CONFIG_HOME": profile},  # nothing written into the home
        )
        try:
            opened = context.new_page()
            opened.on("pageerror", lambda e: errors.append(str(e)))
            opened.goto(server.url)
            yield opened
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)
    assert errors == []


def test_a_new_sheet_from_the_home_page(page: Any, folder: Path) -> None:
    from playwright.sync_api import expect

    page.get_by_label("文件名", exact=True).fill("医院述职")
    page.get_by_label("单位类型", exact=True).select_option("医院")
    page.get_by_label("文种", exact=True).select_option("述职报告")
    page.get_by_label("年度", exact=True).fill("2025")
    page.get_by_role("button", name="新建事实表").click()
    expect(page.get_by_role("heading", name="医院述职.yaml")).to_be_visible(timeout=15_000)
    preview = page.get_by_role("region", name="初稿预览")
    expect(preview.locator("h1")).to_contain_text("述职报告", timeout=15_000)
    assert page.get_by_label("报告人", exact=True).input_value() == "张某某"
    assert (folder / "医院述职.yaml").read_text(encoding="utf-8") == example_sheet("医院", "述职报告", 2025)


def test_a_chair_edits_previews_saves_and_downloads(page: Any, folder: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page.get_by_role("link", name=SCHOOL.name, exact=True).click()
    preview = page.get_by_role("region", name="初稿预览")
    expect(preview.locator("h1")).to_have_text(school_title("青岚县第二中学工会"), timeout=15_000)

    # Type a new 单位: the preview follows; measure the round trip (last change → preview shown).
    unit = page.get_by_label("单位", exact=True)
    timings = []
    for name in ("青岚县第四中学工会", "青岚县第五中学工会", "青岚县第三中学工会"):
        start = time.perf_counter()
        unit.fill(name)
        expect(preview.locator("h1")).to_have_text(school_title(name), timeout=10_000)
        seen_ms = (time.perf_counter() - start) * 1000
        timings.append(f"{page.evaluate('window.drafterPreview.lastMs'):.0f} ms in the page ({seen_ms:.0f} seen)")
    print("\n[serve] typing → preview:", "; ".join(timings))

    # Add an item to 文体活动.
    sports = page.locator('section[data-path="文体活动"]')
    sports.get_by_role("button", name="添加事项", exact=True).click()
    added = sports.locator(":scope > .entries > .entry").last
    added.get_by_label("时间", exact=True).fill("6月")
    added.get_by_label("活动", exact=True).fill("举办教职工乒乓球赛")
    added.get_by_label("人数", exact=True).fill("48")
    expect(preview).to_contain_text("举办教职工乒乓球赛", timeout=10_000)
    expect(preview).to_contain_text(school_title("青岚县第三中学工会"))

    # Move and remove items; the preview follows.
    care = page.locator('section[data-path="生活保障"]')
    care.locator(":scope > .entries > .entry").nth(1).get_by_role("button", name="删除").click()
    expect(preview).not_to_contain_text("女教职工座谈会", timeout=10_000)
    first = sports.locator(":scope > .entries > .entry").first
    first.get_by_role("button", name="下移").click()
    expect(sports.locator(":scope > .entries > .entry").nth(1).get_by_label("活动", exact=True)).to_have_value(
        "组织教职工春季健步走活动"
    )

    # check's problem shown at its field, in check's words; fixed again.
    year = page.get_by_label("年度", exact=True)
    year.fill("明年")
    problem = page.locator('[data-path="年度"] .problem')
    expect(problem).to_contain_text("年度", timeout=10_000)
    expect(year).to_have_attribute("aria-invalid", "true")
    year.fill("2025")
    expect(problem).to_have_count(0, timeout=10_000)

    # Save.
    page.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator("#status")).to_have_text(f"已保存：{SCHOOL.name}", timeout=10_000)
    saved = (folder / SCHOOL.name).read_text(encoding="utf-8")
    assert "单位: 青岚县第三中学工会\n" in saved
    assert "活动: 举办教职工乒乓球赛" in saved
    assert "女教职工座谈会" not in saved
    original = SCHOOL.read_text(encoding="utf-8")
    assert [s for s in saved.splitlines() if "#" in s] == [s for s in original.splitlines() if "#" in s]

    # Download the Word draft and read it back.
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="下载 Word", exact=True).click()
    target = tmp_path / "下载.docx"
    download.value.save_as(target)
    assert download.value.suggested_filename == "2025年青岚县第三中学工会工作总结.docx"
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert school_title("青岚县第三中学工会") in text
    assert "举办教职工乒乓球赛" in text
    assert "女教职工座谈会" not in text
    assert (folder / "2025年青岚县第三中学工会工作总结.docx").read_bytes() == target.read_bytes()
