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


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh, empty demo workspace (区科委), closed, ready to open."""
    from desktop.department import operations

    path = tmp_path / "demo"
    operations.create_demo(path).close()
    return path
