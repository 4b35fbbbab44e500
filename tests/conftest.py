"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """A folder for screenshots and documents the tests write, to be looked at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
