"""Starting the GUI: open (or create the demo) workspace, show the window, report errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import PlanevalError
from desktop.department import operations
from desktop.store.workspace import DB_NAME
from desktop.ui.department.context import UiContext
from desktop.ui.department.main_window import MainWindow
from desktop.ui.i18n import tr

APP_NAME = "planeval"
ErrorSink = Callable[[str], None]


def error_dialog(message: str, parent: QWidget | None = None) -> None:
    """The standard way to tell the user something went wrong (modal, Chinese)."""
    QMessageBox.critical(parent, tr("planeval — 出错了"), message)


def application(argv: Sequence[str] = ()) -> QApplication:
    """The one QApplication (created on first call), named so per-user paths are ours."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("planeval")
    return app


def demo_path() -> Path:
    """Where the demo workspace lives for this user (created on first use)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        base = os.path.join(Path.home(), ".local", "share", APP_NAME)
    return Path(base) / "demo"


def open_window(path: Path, *, show_error: ErrorSink = error_dialog) -> MainWindow:
    """Open the workspace at `path` in a new main window; raises PlanevalError."""
    ws, form = operations.open_workspace(path)
    try:
        ctx = UiContext(ws, form)
        return MainWindow(ctx, show_error=show_error)
    except BaseException:
        ws.close()
        raise


def open_demo(path: Path | None = None, *, show_error: ErrorSink = error_dialog) -> MainWindow:
    """Open the demo workspace, creating it first if it is not there yet."""
    path = path or demo_path()
    if not (path / DB_NAME).exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        operations.create_demo(path).close()
    return open_window(path, show_error=show_error)


def switch_window(old: MainWindow, path: Path) -> MainWindow | None:
    """Open another workspace in a new window and close the old one; on failure keep it."""
    try:
        new = open_window(path, show_error=old.show_error)
    except PlanevalError as exc:
        old.show_error(exc.message)
        return None
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(new.shutdown)
    new.show()
    old.close()
    return new


def run(argv: Sequence[str], *, show_error: ErrorSink = error_dialog) -> int:
    """`python -m desktop [WORKSPACE]`: the process exit code (1 when it cannot open)."""
    app = application(argv)
    args = [a for a in argv if not a.startswith("-")]
    if args and ("--commission" in argv or is_commission(Path(args[0]))):
        return run_commission(app, Path(args[0]), show_error)
    try:
        window = open_window(Path(args[0]), show_error=show_error) if args else open_demo(
            show_error=show_error)
    except PlanevalError as exc:
        show_error(exc.message)
        return 1
    app.aboutToQuit.connect(window.shutdown)  # quit without a close event saves too
    window.show()
    return app.exec()


def is_commission(path: Path) -> bool:
    """A commission's round folder (commission.sqlite) rather than a department's."""
    from desktop.store.commission import DB_NAME as COMMISSION_DB

    return (path / COMMISSION_DB).is_file()


def run_commission(app: QApplication, path: Path, show_error: ErrorSink) -> int:
    """`python -m desktop --commission CWS`: the commission's window on round `CWS`."""
    from desktop.ui.commission import open_commission_window

    try:
        window = open_commission_window(path)
    except PlanevalError as exc:
        show_error(exc.message)
        return 1
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    return app.exec()
