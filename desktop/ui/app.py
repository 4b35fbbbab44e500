"""Starting the GUI: open (or create the demo) workspace, show the window, report errors."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import PlanevalError
from desktop.department import operations
from desktop.paths import user_data_dir
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
    return user_data_dir() / "demo"


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
    try:
        window = open_window(Path(args[0]), show_error=show_error) if args else open_demo(
            show_error=show_error)
    except PlanevalError as exc:
        show_error(exc.message)
        return 1
    app.aboutToQuit.connect(window.shutdown)  # quit without a close event saves too
    window.show()
    return app.exec()
