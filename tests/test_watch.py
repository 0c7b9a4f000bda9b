"""``drafter build --watch`` (drafter.build.watch) with a fake rebuild and real file changes.

The watcher runs in a thread and is stopped with ``stop_event``; every wait
polls with a deadline, so the tests are quick and do not depend on timing
luck (a burst is repeated until the watcher, which starts asynchronously,
has seen one).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from drafter.build.watch import watch
from drafter.errors import FactSheetError


def wait_for(cond: Callable[[], bool], timeout: float = 2.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.01)
    return cond()


class Harness:
    def __init__(self, sheet: Path, templates: Path | None = None) -> None:
        self.sheet = sheet
        self.calls: list[str] = []
        self.out: list[str] = []
        self.err: list[str] = []
        self.stop = threading.Event()
        self.code: int | None = None
        self.thread = threading.Thread(target=self._run, args=(templates,), daemon=True)

    def rebuild(self) -> str:
        text = self.sheet.read_text(encoding="utf-8")
        self.calls.append(text)
        if "bad" in text:
            raise FactSheetError("年度要写成数字，例如 2025。", file=self.sheet, line=3, col=5)
        (self.sheet.parent / "总结.docx").write_text(text)  # output beside the sheet: must not loop
        return f"已更新 {len(self.calls)} 段，保留修改 0 段，标出冲突 0 处"

    def _run(self, templates: Path | None) -> None:
        self.code = watch(
            self.sheet,
            self.rebuild,
            templates=templates,
            stop_event=self.stop,
            debounce_ms=400,
            step_ms=60,
            out=self.out.append,
            err=self.err.append,
        )

    def __enter__(self) -> Harness:
        self.thread.start()
        assert wait_for(lambda: len(self.calls) == 1)  # the initial build
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(3)
        assert not self.thread.is_alive()

    def save(self, text: str, *, by_rename: bool = False) -> None:
        if by_rename:  # Notepad/WPS/vim: write elsewhere, rename over the sheet
            tmp = self.sheet.with_name(self.sheet.name + ".tmp~")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, self.sheet)
        else:
            self.sheet.write_text(text, encoding="utf-8")

    def save_until_seen(self, texts: list[str], *, by_rename: bool = False) -> int:
        """Save ``texts`` in one quick burst, repeated until a rebuild follows; the calls it caused."""
        before = len(self.calls)
        for _ in range(10):
            for t in texts:
                self.save(t, by_rename=by_rename)
            if wait_for(lambda: len(self.calls) > before, 0.4):
                break
        time.sleep(0.25)  # longer than a step: a second rebuild of the same burst would show now
        return len(self.calls) - before


def test_a_burst_of_saves_is_one_rebuild_and_errors_do_not_stop_watching(tmp_path: Path) -> None:
    sheet = tmp_path / "事实表.yaml"
    sheet.write_text("单位: 一中工会\n年度: 2025\n", encoding="utf-8")
    with Harness(sheet) as h:
        assert h.save_until_seen(["年度: 1\n", "年度: 2\n", "年度: 3\n"]) == 1
        assert h.calls[-1] == "年度: 3\n"
        # An editor that saves by rename.
        assert h.save_until_seen(["年度: 4\n"], by_rename=True) == 1
        # A wrong sheet: the error is shown, watching goes on.
        assert h.save_until_seen(["年度: bad\n"]) == 1
        assert len(h.err) == 1 and h.err[0].endswith(f"错误：{sheet}:3:5: 年度要写成数字，例如 2025。")
        # Fixed again: rebuilt, even though it equals an earlier version.
        assert h.save_until_seen(["年度: 4\n"]) == 1
        # Saved without a change: nothing to do.
        h.save("年度: 4\n")
        time.sleep(0.3)
        assert h.calls[-2:] == ["年度: bad\n", "年度: 4\n"]
    assert h.code == 0
    assert h.out[0] == "正在监视 事实表.yaml（保存后自动重新生成；按 Ctrl+C 停止）"
    assert h.out[-1] == "已停止监视。"
    summaries = h.out[1:-1]
    assert len(summaries) == len(h.calls) - 1  # every successful build printed once
    assert all(line[0] == "[" and line[9:11] == "] " and "已更新" in line for line in summaries)


def test_template_changes_rebuild_too(tmp_path: Path) -> None:
    sheet = tmp_path / "事实表.yaml"
    sheet.write_text("年度: 2025\n", encoding="utf-8")
    tdir = tmp_path / "模板" / "工作总结"
    tdir.mkdir(parents=True)
    (tdir / "文档.j2").write_text("{% set 标题 = '一' %}", encoding="utf-8")
    with Harness(sheet, templates=tmp_path / "模板") as h:
        before = len(h.calls)
        for n in range(10):
            (tdir / "文档.j2").write_text(f"{{% set 标题 = '{n}' %}}", encoding="utf-8")
            if wait_for(lambda: len(h.calls) > before, 0.4):
                break
        assert len(h.calls) > before


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    sheet = tmp_path / "事实表.yaml"
    sheet.write_text("年度: 2025\n", encoding="utf-8")
    out: list[str] = []

    def interrupted() -> str:
        raise KeyboardInterrupt

    assert watch(sheet, interrupted, out=out.append, err=out.append) == 0
    assert out[-1] == "已停止监视。"
