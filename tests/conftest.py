"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The user's own settings, recent workspaces, demo and log are never touched by a test:
# QSettings and platformdirs (and every child process started by a test) look here.
_HOME = Path(tempfile.mkdtemp(prefix="planeval-tests-home-"))
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_HOME / _var.lower())

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
