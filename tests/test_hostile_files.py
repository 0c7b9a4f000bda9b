"""Special files where drafter reads (issue 15, class "special files as input").

A FIFO, a folder, a link to a device, a socket or a link that loops, given
as the fact sheet (check, build, preview, build --dry-run), as the
``--templates`` folder or one of its templates, as a sample for learn and
outline, or as either file of ``diff``: each run ends within the time and
memory limits of :mod:`tests.hostile_run` with exit 1, a ``错误`` line naming
the path and no earlier file changed — nothing blocks on a FIFO and nothing
reads a device until memory runs out.  The served folder of ``drafter serve``
gets the same files.  Inputs are made at test time.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from starlette.testclient import TestClient

from .conftest import ROOT, SAMPLES, TEMPLATES
from .hostile_run import assert_clean, drafter, snapshot

SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
SAMPLE = next(p for p in sorted(SAMPLES.rglob("*")) if p.suffix == ".txt")


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _folder(p: Path) -> None:
    p.mkdir()


def _zero(p: Path) -> None:
    p.symlink_to("/dev/zero")


def _link_to_fifo(p: Path) -> None:
    os.mkfifo(p.with_name("real-" + p.name))
    p.symlink_to(p.with_name("real-" + p.name))


def _loop(p: Path) -> None:
    p.symlink_to(p)


def _socket(p: Path) -> None:
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(p))


KINDS: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "folder": _folder,
    "link-to-dev-zero": _zero,
    "link-to-fifo": _link_to_fifo,
    "link-loop": _loop,
    "socket": _socket,
}

# name -> (where the special file goes, relative to the case folder; the command)
USES: dict[str, tuple[str, list[str]]] = {
    "check": ("x.yaml", ["check", "x.yaml"]),
    "build": ("x.yaml", ["build", "x.yaml", "-o", "old.docx"]),
    "preview": ("x.yaml", ["preview", "x.yaml"]),
    "dry-run": ("x.yaml", ["build", "x.yaml", "--dry-run", "-o", "old.docx"]),
    "templates-folder": ("tpl", ["build", "s.yaml", "-o", "old.docx", "--templates", "tpl"]),
    "template-file": ("tpl/工作总结/文体活动.j2", ["build", "s.yaml", "-o", "old.docx", "--templates", "tpl"]),
    "learn-sample": ("x.docx", ["learn", "x.docx", "-o", "learned"]),
    "outline-sample": ("x.txt", ["outline", "x.txt"]),
    "diff-old": ("x.docx", ["diff", "x.docx", "old.docx"]),
    "diff-new": ("x.docx", ["diff", "old.docx", "x.docx"]),
}


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("draft")
    shutil.copyfile(SHEET, folder / "s.yaml")
    run = drafter(["build", "s.yaml", "-o", "old.docx"], folder)
    assert run.code == 0, run.err
    return (folder / "old.docx").read_bytes()


def _case_folder(tmp_path: Path, draft: bytes, use: str) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copyfile(SHEET, folder / "s.yaml")
    (folder / "old.docx").write_bytes(draft)
    if use == "template-file":
        shutil.copytree(TEMPLATES, folder / "tpl")
        (folder / USES[use][0]).unlink()
    return folder


# Every use meets the FIFO, the link to /dev/zero and the loop; the other kinds meet a few uses each.
MATRIX = [(use, kind) for use in USES for kind in ("fifo", "link-to-dev-zero", "link-loop")] + [
    ("check", "folder"),
    ("templates-folder", "socket"),
    ("template-file", "folder"),
    ("outline-sample", "link-to-fifo"),
    ("diff-old", "socket"),
    ("build", "link-to-fifo"),
]


@pytest.mark.parametrize(("use", "kind"), MATRIX, ids=[f"{u}-{k}" for u, k in MATRIX])
def test_a_special_file_is_refused_where_drafter_reads(use: str, kind: str, tmp_path: Path, draft: bytes) -> None:
    folder = _case_folder(tmp_path, draft, use)
    where, args = USES[use]
    KINDS[kind](folder / where)
    before = snapshot(folder)
    run = drafter(args, folder)
    assert_clean(run, before, snapshot(folder))
    assert run.code == 1, run.out
    assert Path(where).name in run.err or "模板" in run.err, run.err


def test_a_special_file_in_a_sample_folder_is_skipped_or_refused(tmp_path: Path) -> None:
    """learn over a folder holding a FIFO and a link to /dev/zero next to a real sample."""
    folder = tmp_path / "case"
    (folder / "samples").mkdir(parents=True)
    shutil.copyfile(SAMPLE, folder / "samples" / SAMPLE.name)
    os.mkfifo(folder / "samples" / "管道.txt")
    (folder / "samples" / "设备.docx").symlink_to("/dev/zero")
    before = snapshot(folder)
    run = drafter(["outline", "samples"], folder)
    assert_clean(run, before, snapshot(folder))


# -- drafter serve ----------------------------------------------------------------------


def _serve_client(folder: Path) -> TestClient:
    from starlette.testclient import TestClient

    from drafter.serve.app import create_app

    return TestClient(create_app(folder, 8765), base_url="http://127.0.0.1:8765", raise_server_exceptions=False)


def test_serve_refuses_special_files_named_like_sheets(tmp_path: Path) -> None:
    """A FIFO, a folder and a looping link named *.yaml: the home page lists none, opening one is refused at once."""
    shutil.copyfile(SHEET, tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "管道.yaml")
    (tmp_path / "文件夹.yaml").mkdir()
    (tmp_path / "循环.yaml").symlink_to(tmp_path / "循环.yaml")
    os.mkfifo(tmp_path / "管道.docx")
    client = _serve_client(tmp_path)
    home = client.get("/")
    assert home.status_code == 200
    assert "a.yaml" in home.text and "管道.yaml" not in home.text and "循环.yaml" not in home.text
    for name, words in (("管道.yaml", "不是一个普通文件"), ("文件夹.yaml", "文件夹"), ("循环.yaml", "循环")):
        r = client.get(f"/edit/{name}")
        assert r.status_code == 403, (name, r.status_code)
        assert words in r.text and "Traceback" not in r.text
    assert client.get("/download/管道.docx").status_code == 404
    assert client.get("/edit/a.yaml").status_code == 200


# -- writing onto special files, and the watcher (drafter/cli.py, build/watch.py, files.py) --------------


def test_output_on_a_fifo_is_refused(tmp_path: Path) -> None:
    shutil.copyfile(SHEET, tmp_path / "s.yaml")
    os.mkfifo(tmp_path / "o.md")
    before = snapshot(tmp_path)
    run = drafter(["build", "s.yaml", "-o", "o.md", "--format", "md"], tmp_path)
    assert_clean(run, before, snapshot(tmp_path))
    assert run.code == 1


def test_init_onto_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "n.yaml")
    before = snapshot(tmp_path)
    run = drafter(["init", "n.yaml", "--force"], tmp_path)
    assert_clean(run, before, snapshot(tmp_path))
    assert run.code == 1


def test_watch_refuses_a_device_as_the_sheet(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").symlink_to("/dev/zero")
    before = snapshot(tmp_path)
    run = drafter(["build", "x.yaml", "--watch", "-o", "o.docx"], tmp_path, timeout=10)
    assert_clean(run, before, snapshot(tmp_path))
    assert run.code == 1


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("\u202e倒序.yaml", "2025"),
        ("新\n建", "2025"),
        ("零宽\u200b字", "2025"),
        ("长" * 100, "2025"),
        ("CON", "2025"),
        ("正常", "9" * 5000),
    ],
    ids=["bidi-override", "line-break", "zero-width", "300-byte-name", "windows-device", "5000-digit-year"],
)
def test_serve_refuses_a_bad_new_sheet_name(name: str, year: str, tmp_path: Path) -> None:
    client = _serve_client(tmp_path)
    r = client.post(
        "/api/new",
        json={"name": name, "unit_type": "学校", "kind": "工作总结", "year": year},
        headers={"Origin": "http://127.0.0.1:8765"},
    )
    assert r.status_code in (400, 404), (r.status_code, r.text)
    assert "error" in r.json() and "内部出错" not in r.text
    assert list(tmp_path.iterdir()) == []


def test_serve_refuses_json_nested_100000_deep(tmp_path: Path) -> None:
    shutil.copyfile(SHEET, tmp_path / "a.yaml")
    client = _serve_client(tmp_path)
    r = client.post(
        "/api/preview/a.yaml",
        content=("[" * 100_000 + "]" * 100_000).encode(),
        headers={"Origin": "http://127.0.0.1:8765", "Content-Type": "application/json"},
    )
    assert r.status_code == 400 and "无法读取" in r.json()["error"]


def test_a_special_sample_is_named_as_such(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.txt")
    before = snapshot(tmp_path)
    run = drafter(["outline", "x.txt"], tmp_path)
    assert_clean(run, before, snapshot(tmp_path))
    assert "普通文件" in run.err, run.err


@pytest.mark.parametrize("target", ["self", "missing", "/proc/self/mem"])
def test_watch_refuses_a_bad_link_as_the_sheet(tmp_path: Path, target: str) -> None:
    """A looping link, a dangling link and an unreadable file are refused, not watched forever."""
    link = {"self": tmp_path / "x.yaml", "missing": tmp_path / "gone.yaml"}.get(target, Path(target))
    (tmp_path / "x.yaml").symlink_to(link)
    before = snapshot(tmp_path)
    run = drafter(["build", "x.yaml", "--watch", "-o", "o.docx"], tmp_path, timeout=8)
    assert_clean(run, before, snapshot(tmp_path))
    assert run.code == 1


def test_a_special_file_in_a_sample_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "样本"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "工会领导工作总结大全10篇.txt", folder / "a.txt")
    os.mkfifo(folder / "b.txt")
    run = drafter(["outline", "样本"], tmp_path)
    assert run.code == 0, run.err
    assert "b.txt" in run.err and "不是普通文件" in run.err
