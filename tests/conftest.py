"""Shared fixtures, and the isolation every test run gets.

The suite never touches the user's home or system settings:

* drafter's caches (compiled templates, the styled empty document) and
  fontconfig's cache go to a temporary folder (``DRAFTER_CACHE_DIR`` and
  ``XDG_CACHE_HOME``), removed at the end of the run;
* LibreOffice and poppler, started by the rendering tests, see the Windows
  font names a draft uses (仿宋_GB2312, 黑体, 方正小标宋简体 …) mapped onto the
  free fonts through ``FONTCONFIG_FILE``: a configuration that includes the
  system's and then ``tests/data/fonts.conf``, so no ``/etc/fonts/local.conf``
  is needed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TEMPLATES = ROOT / "templates"
SAMPLES = ROOT / "examples" / "samples"
FONT_MAPPING = ROOT / "tests" / "data" / "fonts.conf"
FIXED_NOW = dt.datetime(2025, 12, 30, 9, 0, 0)

SYSTEM_FONTCONFIG = Path("/etc/fonts/fonts.conf")


def font_config(folder: Path) -> Path:
    """A fontconfig file: the system's configuration, then the test mapping."""
    system = os.environ.get("FONTCONFIG_FILE") or str(SYSTEM_FONTCONFIG)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{system}</include>\n'
        f"  <include>{FONT_MAPPING}</include>\n"
        f"  <cachedir>{folder / 'fontconfig-cache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="session", autouse=True)
def _isolated_environment() -> Iterator[Path]:
    """Caches and font mapping of this run live in one temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="drafter-tests-"))
    saved = {k: os.environ.get(k) for k in ("DRAFTER_CACHE_DIR", "XDG_CACHE_HOME", "FONTCONFIG_FILE")}
    os.environ["DRAFTER_CACHE_DIR"] = str(folder / "drafter-cache")
    os.environ["XDG_CACHE_HOME"] = str(folder / "xdg-cache")
    os.environ["FONTCONFIG_FILE"] = str(font_config(folder))
    try:
        yield folder
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@dataclass
class CliResult:
    """What one in-process run of the command line did."""

    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None  # an exception that escaped drafter.cli.main (a bug)

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(args: list[str]) -> CliResult:
    """``drafter ARGS`` in this process (fast enough for property tests), output captured."""
    from drafter.cli import main

    out, err = io.StringIO(), io.StringIO()
    code, exc = -1, None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except BaseException as caught:  # reported to the test, never swallowed
            exc = caught
    return CliResult(code, out.getvalue(), err.getvalue(), exc)
