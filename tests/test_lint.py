"""Lint and types are part of the suite: ruff on everything, mypy (strict on the core)."""

from __future__ import annotations

import subprocess
import sys

from desktop.paths import project_root


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], capture_output=True, text=True,
                          cwd=project_root())


def test_ruff_finds_nothing():
    result = run("ruff", "check", "desktop", "tests", "bench", "tools", "packaging")
    assert result.returncode == 0, result.stdout


def test_mypy_finds_nothing():
    result = run("mypy")
    assert result.returncode == 0, result.stdout
