"""The layering promises: the core imports no Qt, and files stay small."""

from __future__ import annotations

import ast
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from desktop.paths import project_root

CORE = ("core", "store", "io", "signing", "commission", "forms", "department")


def imported(path: Path) -> set[str]:
    """Every module a source file imports, at any level of it."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_core_never_imports_qt():
    offenders = []
    for layer in CORE:
        for path in (project_root() / "desktop" / layer).rglob("*.py"):
            if any(n.startswith(("PySide6", "shiboken6", "desktop.ui")) for n in imported(path)):
                offenders.append(str(path))
    assert offenders == []


def test_the_cli_runs_without_loading_qt():
    code = ("import sys, desktop.cli, desktop.department.operations; "
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=project_root())
    assert out.stdout.strip() == "False"


def test_the_window_starts_without_the_export_and_signing_libraries():
    """cryptography, openpyxl and python-docx load at the first export or check, not at
    start-up (issue 13: they cost a quarter of a second before the first paint)."""
    code = ("import sys; from desktop.ui.app import application; "
            "from desktop.ui.department.main_window import MainWindow; "
            "print(sorted(m for m in ('cryptography', 'asn1crypto', 'argon2', 'openpyxl', "
            "'docx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=project_root(),
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


LOADED_AT_USE = ("cryptography", "asn1crypto", "argon2", "openpyxl", "docx", "sqlite_utils",
                 "desktop.signing", "desktop.department.export", "desktop.io.package",
                 "desktop.ui.department.export_page", "desktop.ui.department.send_panel",
                 "desktop.ui.verify_dialog", "desktop.ui.keys_dialog")


def test_the_window_shows_before_its_export_page_and_dialogs_are_loaded(tmp_path):
    """Opening a workspace and painting its window loads neither the signing, export and
    verify code nor their pages and dialogs: they load at their first use (issue 13)."""
    from desktop.department.operations import create_demo

    create_demo(tmp_path / "ws", filled=True).close()
    code = ("import sys; from pathlib import Path; "
            "from desktop.ui.app import application, open_window; app = application(); "
            "w = open_window(Path(sys.argv[1])); w.show(); app.processEvents(); "
            "print(sorted(m for m in sys.modules for p in sys.argv[2:] "
            "if m == p or m.startswith(p + '.'))); "
            "w.close()")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "ws"), *LOADED_AT_USE],
                         capture_output=True, text=True, check=True, cwd=project_root(),
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "[]"


def test_opening_a_workspace_does_not_load_numpy_yet_the_charts_can(demo) -> None:
    """sqlite_utils would import numpy (installed for the charts) on every start."""
    code = ("import sys\n"
            "from desktop.store import Workspace\n"
            f"Workspace.open({str(demo)!r}).close()\n"
            "assert 'numpy' not in sys.modules, 'numpy loaded with the store'\n"
            "from desktop.io.charts import charts_available\n"
            "import numpy\n"
            "assert charts_available() and numpy.zeros(2).sum() == 0\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=project_root(), check=False)
    assert done.returncode == 0, done.stderr


def test_opening_a_workspace_does_not_import_sqlite_utils(tmp_path) -> None:
    """An up-to-date workspace opens on plain sqlite3; sqlite-utils (with click, pluggy,
    dateutil) is imported only when a migration is pending, as in an older workspace.
    A commission's round opens the same way."""
    from desktop.department.operations import create_demo
    from desktop.store.commission import CommissionWorkspace

    create_demo(tmp_path / "new", filled=True).close()
    create_demo(tmp_path / "old").close()
    CommissionWorkspace.create(tmp_path / "round", meta={"district": "普陀区"}, rows=(),
                               stages=[{"id": "draft", "title": "初稿"}], units=["区科委"]).close()
    conn = sqlite3.connect(tmp_path / "old" / "workspace.sqlite")
    with conn:  # as a planeval from before the `earlier` table left it
        conn.execute("DROP TABLE earlier")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'create_earlier'")
    conn.close()
    code = ("import sys\n"
            "from desktop.department.operations import open_workspace\n"
            "from desktop.store.commission import CommissionWorkspace\n"
            "def loaded():\n"
            "    return sorted(m for m in ('sqlite_utils', 'click', 'pluggy', 'dateutil')\n"
            "                  if m in sys.modules)\n"
            "ws, form = open_workspace(sys.argv[1]); ws.answers(); ws.close()\n"
            "CommissionWorkspace.open(sys.argv[3]).close()\n"
            "print(loaded())\n"
            "open_workspace(sys.argv[2])[0].close()\n"
            "print(loaded())\n")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "new"),
                          str(tmp_path / "old"), str(tmp_path / "round")],
                         capture_output=True, text=True, check=True, cwd=project_root())
    assert out.stdout.split("\n")[:2] == ["[]", "['click', 'dateutil', 'pluggy', 'sqlite_utils']"]


def test_sqlite_utils_is_imported_only_through_its_numpy_free_module():
    """desktop/store/sqlite_utils_lib.py keeps numpy out while sqlite_utils loads."""
    offenders = []
    for path in (project_root() / "desktop").rglob("*.py"):
        names = imported(path)
        if path.name != "sqlite_utils_lib.py" and any(
                n == "sqlite_utils" or n.startswith("sqlite_utils.") for n in names):
            offenders.append(str(path))
    assert offenders == []
