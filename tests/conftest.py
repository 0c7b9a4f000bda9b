from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TEMPLATES = ROOT / "templates"
SAMPLES = ROOT / "examples" / "samples"
FIXED_NOW = dt.datetime(2025, 12, 30, 9, 0, 0)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
