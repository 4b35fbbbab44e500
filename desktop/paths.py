"""Where things are: the program's read-only data folders (in a checkout and in a
PyInstaller bundle) and the user's own data, which never lives next to the program.

The installed program may sit in a read-only folder (/opt/planeval, C:\\Program Files);
what the app writes goes to the platform's per-user place (platformdirs):
~/.local/share/planeval on Linux, %APPDATA%\\planeval on Windows.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "planeval"


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


@cache
def demo_settings() -> dict[str, Any]:
    """resources/demo/demo.json: which form, department and district the demo plays.

    Kept as data so that no district or unit is named in the code.
    """
    data: dict[str, Any] = json.loads((demo_dir() / "demo.json").read_text(encoding="utf-8"))
    return data


def user_data_dir() -> Path:
    """The user's planeval folder (the demo workspace lives here); not created here."""
    # roaming: %APPDATA% (the user's profile) rather than %LOCALAPPDATA% on Windows
    return platformdirs.user_data_path(APP_NAME, appauthor=False, roaming=True)
