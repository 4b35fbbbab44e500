"""Where the project's data folders are, in a checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def project_root() -> Path:
    """The folder holding resources/ and forms/ (the bundle's root when frozen)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return project_root() / "resources"


def forms_dir() -> Path:
    return project_root() / "forms"


def demo_dir() -> Path:
    return resources_dir() / "demo"
