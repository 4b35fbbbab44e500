"""The clerk's walk through the whole app on a real X server, one screenshot per page and
dialog, with every visible text checked for English (see latin.py).

    Xvfb :9 -screen 0 1366x768x24 &  DISPLAY=:9 QT_QPA_PLATFORM=xcb \\
        .venv/bin/python tests/walk/run.py OUT_DIR 1366x768

Prints a JSON report: shots written, English found, task rows visible. Run by
tests/test_ui_walkthrough.py at 1366x768 and 1920x1080.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from latin import problems  # noqa: E402
from PySide6.QtCore import (  # noqa: E402
    QPoint,
    QSettings,  # noqa: E402
    QTimer,
)
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialog,
    QMessageBox,  # noqa: E402
    QWidget,
)

from desktop.department import operations  # noqa: E402
from desktop.paths import demo_dir  # noqa: E402
from desktop.signing.demo import DEMO_PASSPHRASE, P12_FILE, demo_keys_dir  # noqa: E402
from desktop.ui.app import application, error_dialog  # noqa: E402
from desktop.ui.department.context import UiContext  # noqa: E402
from desktop.ui.department.export_page import ExportPage  # noqa: E402
from desktop.ui.department.main_window import MainWindow  # noqa: E402
from desktop.ui.department.printing import build_documents, preview_dialog  # noqa: E402
from desktop.ui.department.problems import ask_reason_dialog  # noqa: E402
from desktop.ui.department.welcome import WelcomeWindow  # noqa: E402
from desktop.ui.department.workspace_dialog import (
    NewWorkspaceDialog,  # noqa: E402
    pick_tables,  # noqa: E402
)
from desktop.ui.dialogs import (
    Dialogs,  # noqa: E402
    ask_passphrase_dialog,  # noqa: E402
)
from desktop.ui.help_menu import GuideDialog, about_text  # noqa: E402
from desktop.ui.keys_dialog import KeysDialog  # noqa: E402
from desktop.ui.recent import RecentList  # noqa: E402
from desktop.ui.verify_dialog import VerifyDialog  # noqa: E402

TASKBAR_AND_TITLE = 70  # what a desktop takes from the screen's height around a window


class Walk:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.shots: list[str] = []
        self.english: list[str] = []
        self.app = QApplication.instance()
        self.n = 0

    def settle(self, ms: int = 120) -> None:
        end = QTimer()
        end.setSingleShot(True)
        end.start(ms)
        while end.isActive():
            self.app.processEvents()

    def shot(self, widget: QWidget, name: str) -> None:
        self.settle()
        self.n += 1
        file = self.out / f"{self.n:02d}-{name}.png"
        widget.grab().save(str(file))
        self.shots.append(file.name)
        self.english += [f"{file.name}: {p}" for p in problems(widget)]

    def modal(self, name: str, trigger: Callable[[], object],
              inside: Callable[[QWidget], None] | None = None) -> None:
        """Open a modal dialog with `trigger`, photograph it, then close it."""
        def grab() -> None:
            top = QApplication.activeModalWidget() or QApplication.activePopupWidget()
            if top is None:
                QTimer.singleShot(100, grab)
                return
            if inside is not None:
                inside(top)
            self.shot(top, name)
            if isinstance(top, QDialog):
                top.reject()
            else:
                top.close()
        QTimer.singleShot(300, grab)
        trigger()


def window_size(screen: str) -> tuple[int, int]:
    w, h = (int(x) for x in screen.split("x"))
    return w, h - TASKBAR_AND_TITLE


def visible_rows(view) -> int:  # type: ignore[no-untyped-def]
    height, rows = view.viewport().height(), 0
    for row in range(view.model().rowCount()):
        y = view.rowViewportPosition(row)
        if 0 <= y and y + view.rowHeight(row) <= height:
            rows += 1
    return rows


def main(out: Path, screen: str) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    application()
    walk = Walk(out)
    size = window_size(screen)
    tmp = Path(tempfile.mkdtemp(prefix="walk-"))
    tables = sorted(str(p) for p in demo_dir().glob("*.xlsx"))

    # 1. the welcome page, a new workspace from the division tables, a file picker

    recent = RecentList(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    ws_path = tmp / "demo"
    operations.create_demo(ws_path).close()  # empty, as a clerk meets it
    recent.add(ws_path, "区科委", "普陀区“十四五”规划实施中期评估", demo=True)
    welcome = WelcomeWindow(recent)
    welcome.show()
    walk.shot(welcome, "welcome")
    dialog = NewWorkspaceDialog(welcome, pick=lambda parent: tables)
    dialog.location.setText(str(tmp))
    dialog.show()
    dialog.set_tables(tables)
    walk.shot(dialog, "new-workspace")
    walk.modal("file-picker", lambda: pick_tables(dialog))
    dialog.close()
    walk.modal("message-box", lambda: error_dialog("示例：无法打开文件“演示.xlsx”。", welcome))
    welcome.close()

    # 2. the demo workspace, every step
    ws, form = operations.open_workspace(ws_path)
    key = str(demo_keys_dir() / P12_FILE)
    dialogs = Dialogs(pick_key=lambda p, s: key, pick_folder=lambda p, s: str(tmp / "usb"),
                      ask_passphrase=lambda p, k, e: DEMO_PASSPHRASE,
                      open_file=lambda path: None, confirm=lambda p, t, q: True)
    window = MainWindow(UiContext(ws, form), dialogs=dialogs)
    window.resize(*size)
    window.show()
    window.findings.wait()
    report: dict[str, object] = {}
    for i, key_name in enumerate(window.nav_keys()):
        window.nav.setCurrentRow(i)
        page = window.pages[key_name]
        if key_name == "tasks":
            report["task_rows_visible"] = visible_rows(page.view)  # type: ignore[attr-defined]
        walk.shot(window, "step-" + key_name.replace(":", "-"))
    page = window.pages["indicators"]
    numbers = [r.number for i, r in enumerate(page.model.rows) if not page.model.is_heading(i)]
    window.ctx.set_answers([("indicators", numbers[-1], "mid_value", "10"),
                            ("indicators", numbers[-1], "conclusion", "A")])
    window.problems.set_expanded(True)
    walk.shot(window, "problems-open")
    window.problems.set_expanded(False)

    # 3. editing: the conclusion picker, a text box's context menu
    page = window.show_page("indicators")
    number = page.model.rows[[i for i in range(len(page.model.rows))
                              if not page.model.is_heading(i)][0]].number
    index = page.select(number, "conclusion")
    page.view.edit(index)
    walk.shot(window, "conclusion-picker")
    page.view.setFocus()
    search = page.search
    walk.modal("context-menu", lambda: search.createStandardContextMenu().exec(
        search.mapToGlobal(QPoint(10, 10))))

    # 4. export, the passphrase, sending; verify; keys; help
    export = window.show_page("export")
    assert isinstance(export, ExportPage)
    export.export("draft")
    walk.shot(window, "exported")
    window.ctx.set_answer("tasks", window.pages["tasks"].model.rows[-1].number, "progress",
                          "导出后又改了一处")  # type: ignore[attr-defined]
    window.show_page("tasks")
    window.show_page("export")
    walk.shot(window, "export-stale")
    docs = build_documents(window.ctx, window)
    for i, (name, data) in enumerate(sorted(docs.items(), key=lambda d: d[0][::-1])[:2]):
        dialog = preview_dialog(name, data, window)
        dialog.show()
        walk.shot(dialog, f"print-preview-{i + 1}")
        dialog.close()
    walk.modal("passphrase", lambda: ask_passphrase_dialog(window, P12_FILE, ""))
    verify = VerifyDialog(window.ctx, dialogs, window)
    packages = sorted((ws_path / "exports").glob("*.zip"))
    if packages:
        verify.package.set_path(str(packages[-1]))
    verify.show()
    verify.run()
    verify.details_button.setChecked(True)
    walk.shot(verify, "verify")
    verify.close()
    keys = KeysDialog(window.ctx, dialogs, window)
    keys.show()
    walk.shot(keys, "keys")
    keys.close()
    guide = GuideDialog(window)
    guide.show()
    walk.shot(guide, "guide")
    guide.close()
    walk.modal("about", lambda: QMessageBox.about(window, "关于", about_text()))
    warning = next((f for f in window.findings.all() if not f.blocking), None)
    if warning is not None:
        walk.modal("accept-warning", lambda: ask_reason_dialog(warning, window))
    window.shutdown()
    window.close()
    shutil.rmtree(tmp, ignore_errors=True)
    report.update(shots=walk.shots, english=walk.english)
    return report


if __name__ == "__main__":
    result = main(Path(sys.argv[1]), sys.argv[2])
    print(json.dumps(result, ensure_ascii=False))
