"""Hostile templates (``--templates``): every attack ends in a clean refusal, in bounded time and memory.

Each case is generated here (no large files in git): a copy of the bundled
templates with one attack written into a section template, then
``drafter build --templates`` in a subprocess limited to 1 GiB of address
space and 20 s.  Each must exit 1 with an ``错误：`` line and no traceback,
and leave the earlier draft byte for byte as it was.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, TEMPLATES

SHEET = ROOT / "examples" / "学校工会工作总结.yaml"
TARGET = "工作总结/文体活动.j2"  # the template the attack is written into
LIMIT_BYTES = 2**30
LIMIT_SECONDS = 20

# name -> Jinja code placed at the top of the target template
ATTACKS: dict[str, str] = {
    "nested-ranges": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "integer-squaring": (
        "{% set ns = namespace(x=3) %}{% for i in range(64) %}{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}"
    ),
    "quadratic-concat": (
        "{% set ns = namespace(s='x') %}{% for i in range(100000) %}{% set ns.s = ns.s ~ ('y' * 1000) %}{% endfor %}"
    ),
    "plus-doubling": (
        "{% set ns = namespace(s='xxxxxxxxxx') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"
    ),
    "percent-width": "{{ '%2000000000s' % 'x' }}",
    "percent-star": "{{ '%*s' % (2000000000, 'x') }}",
    "format-width": "{{ '{:>2000000000}'.format('x') }}",
    "format-filter": "{{ '%2000000000d' | format(1) }}",
    "center-filter": "{{ 'x' | center(2000000000) }}",
    "ljust": "{{ 'x'.ljust(2000000000) }}",
    "rjust": "{{ 'x'.rjust(2000000000) }}",
    "zfill": "{{ '1'.zfill(2000000000) }}",
    "expandtabs": "{{ ('\t' * 1000).expandtabs(2000000) }}",
    "indent-filter": "{{ ('x\\n' * 1000) | indent(2000000) }}",
    "replace-method": "{{ ('x' * 100000).replace('x', 'y' * 100000) }}",
    "replace-filter": "{{ ('x' * 100000) | replace('x', 'y' * 100000) }}",
    "join-filter": "{{ (['x' * 100000] * 100000) | join }}",
    "join-method": "{{ ''.join(['x' * 100000] * 100000) }}",
    "output-flood": "{% for i in range(100000) %}{{ 'x' * 100000 }}{% endfor %}",
    "literal-flood": "{% for i in range(100000) %}{% for j in range(100000) %}"
    + "字" * 2000
    + "{% endfor %}{% endfor %}",
    "macro-recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "nested-parentheses": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "nested-ifs": "{% if true %}" * 3000 + "x" + "{% endif %}" * 3000,
    "power": "{{ 7 ** 100000 }}",
}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def _build(sheet: Path, out: Path, templates: Path | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "drafter", "build", str(sheet), "-o", str(out)]
    if templates is not None:
        cmd += ["--templates", str(templates)]
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=LIMIT_SECONDS, preexec_fn=_limits, env={**os.environ}
    )


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A sheet and the draft built from it with the bundled templates."""
    folder = tmp_path_factory.mktemp("earlier")
    sheet = folder / "事实表.yaml"
    shutil.copyfile(SHEET, sheet)
    out = folder / "总结.docx"
    done = _build(sheet, out)
    assert done.returncode == 0, done.stderr
    return sheet, out.read_bytes()


def _templates_with(tmp_path: Path, attack: str) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    target = folder / TARGET
    target.write_text(attack + "\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _assert_refused(done: subprocess.CompletedProcess[str], out: Path, before: bytes) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    assert "错误：" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert out.read_bytes() == before, "the earlier draft changed"


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_hostile_template_is_refused(name: str, tmp_path: Path, earlier: tuple[Path, bytes]) -> None:
    sheet, before = earlier
    out = tmp_path / "总结.docx"
    out.write_bytes(before)
    done = _build(sheet, out, _templates_with(tmp_path, ATTACKS[name]))
    _assert_refused(done, out, before)
    assert "模板" in done.stderr


def test_symlink_include_does_not_copy_a_file_from_outside(tmp_path: Path, earlier: tuple[Path, bytes]) -> None:
    sheet, before = earlier
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容ZX9", encoding="utf-8")
    templates = _templates_with(tmp_path, "{% include '工作总结/偷看.j2' %}")
    (templates / "工作总结" / "偷看.j2").symlink_to(secret)
    out = tmp_path / "总结.docx"
    out.write_bytes(before)
    done = _build(sheet, out, templates)
    _assert_refused(done, out, before)
    assert "机密内容" not in done.stderr + done.stdout


def test_symlinked_template_folder_inside_is_fine(tmp_path: Path, earlier: tuple[Path, bytes]) -> None:
    """A link that stays inside the folder is an ordinary template."""
    sheet, _ = earlier
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    real = templates / "工作总结" / "文体活动.j2"
    moved = templates / "文体活动-原件.j2"
    real.rename(moved)
    real.symlink_to(moved)
    out = tmp_path / "总结.docx"
    done = _build(sheet, out, templates)
    assert done.returncode == 0, done.stderr


def test_fifo_named_like_a_template_is_refused_without_hanging(tmp_path: Path, earlier: tuple[Path, bytes]) -> None:
    sheet, before = earlier
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    target = templates / TARGET
    target.unlink()
    os.mkfifo(target)
    out = tmp_path / "总结.docx"
    out.write_bytes(before)
    done = _build(sheet, out, templates)
    _assert_refused(done, out, before)


def test_templates_option_naming_a_file_says_it_needs_a_folder(tmp_path: Path, earlier: tuple[Path, bytes]) -> None:
    sheet, before = earlier
    out = tmp_path / "总结.docx"
    out.write_bytes(before)
    done = _build(sheet, out, sheet)
    _assert_refused(done, out, before)
    assert "文件夹" in done.stderr
