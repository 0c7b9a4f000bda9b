"""Running drafter's command line on hostile input, the way the hostile-input catalog needs it.

Each run is a subprocess limited to :data:`MEMORY` bytes of address space
and :data:`SECONDS` of wall time; :func:`assert_clean` checks what every
case must show: an exit code of 0 or 1, a Chinese ``错误：`` line when it is 1,
no traceback, and no earlier file changed.
"""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .conftest import ROOT

MEMORY = 1 << 30
SECONDS = 20


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def drafter(args: list[str], cwd: Path, *, timeout: float = SECONDS) -> Run:
    """``python -m drafter ARGS`` in ``cwd``; a run past ``timeout`` fails the test (subprocess.TimeoutExpired)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        preexec_fn=_limits,
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a regular file's digest, or what kind of entry it is (never opened)."""
    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            out[str(p)] = "link:" + os.readlink(p)
        elif p.is_file():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[str(p)] = "dir" if p.is_dir() else "special"
    return out


def assert_clean(run: Run, before: dict[str, str], after: dict[str, str], *, may_change: tuple[str, ...] = ()) -> None:
    """Exit 0 or 1, 错误 on 1, no traceback; nothing earlier changed (``may_change`` names outputs of a success)."""
    assert run.code in (0, 1), (run.code, run.err[-2000:])
    text = run.out + run.err
    assert "Traceback" not in text and "MemoryError" not in text, text[-3000:]
    if run.code == 1:
        assert "错误：" in run.err, run.err
    for name, digest in before.items():
        if run.code == 0 and name.endswith(may_change):
            continue
        assert after.get(name) == digest, f"{name} changed"
