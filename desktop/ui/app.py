"""Starting the GUI: translations and the log, then the welcome page, a workspace, or the
demo; opened workspaces are remembered for the welcome page."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import PlanevalError
from desktop.department import operations
from desktop.paths import user_data_dir
from desktop.store.workspace import DB_NAME
from desktop.ui.department.context import UiContext
from desktop.ui.department.main_window import MainWindow
from desktop.ui.i18n import install_translations, tr
from desktop.ui.recent import RecentList
from desktop.ui.support import APP_NAME, catch_unexpected, log, start_logging

ErrorSink = Callable[[str], None]
DEMO_FLAG = "--demo"


def error_dialog(message: str, parent: QWidget | None = None) -> None:
    """The standard way to tell the user something went wrong (modal, Chinese)."""
    QMessageBox.critical(parent, tr("出错了"), message)


def application(argv: Sequence[str] = ()) -> QApplication:
    """The one QApplication (created on first call), named so per-user paths are ours,
    with Qt's and our translations loaded once."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    if not app.property("planeval_translated"):
        install_translations(app)
        app.setProperty("planeval_translated", True)
    app.setApplicationDisplayName(tr("规划评估填报"))
    return app


def demo_path() -> Path:
    """Where the demo workspace lives for this user (created on first use)."""
    return user_data_dir() / "demo"


def remember(window: MainWindow, recent: RecentList | None = None) -> None:
    ws = window.ctx.ws
    try:
        (recent or RecentList()).add(ws.path, ws.department, window.ctx.form.title,
                                     demo=window.ctx.is_demo)
    except Exception:  # noqa: BLE001 - a convenience; never stops the window opening
        log.exception("could not remember the workspace")


def open_window(path: Path, *, show_error: ErrorSink = error_dialog) -> MainWindow:
    """Open the workspace at `path` in a new main window; raises PlanevalError.

    How a changed form definition was followed (answers moved along its migrations) is
    said in the status bar, where the clerk sees it on opening."""
    notices: list[str] = []
    ws, form = operations.open_workspace(path, notices=notices)
    try:
        ctx = UiContext(ws, form)
        window = MainWindow(ctx, show_error=show_error)
        if notices:
            window.statusBar().showMessage(tr("提示：") + "；".join(notices))
        return window
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


def _launch(window: MainWindow, old: QWidget | None = None) -> MainWindow:
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(window.shutdown)  # quit without a close event saves too
    remember(window)
    log.info("opened workspace %s", window.ctx.ws.path)
    window.show()
    if old is not None:
        old.close()
    return window


def switch_window(old: QWidget, path: Path | None, *, demo: bool = False,
                  show_error: ErrorSink | None = None) -> MainWindow | None:
    """Open a workspace (or the demo) in a new window and close `old`; on failure keep it."""
    tell = show_error or getattr(old, "show_error", None) or error_dialog
    try:
        new = open_demo(show_error=tell) if demo or path is None else open_window(
            path, show_error=tell)
    except PlanevalError as exc:
        tell(exc.message)
        return None
    return _launch(new, old)


def welcome(*, show_error: ErrorSink = error_dialog) -> QWidget:
    """The welcome page; choosing a workspace replaces it with that workspace's window."""
    from desktop.ui.department.welcome import WelcomeWindow

    page = WelcomeWindow()
    page.open_requested.connect(lambda p: switch_window(page, p, show_error=show_error))
    page.demo_requested.connect(
        lambda: switch_window(page, None, demo=True, show_error=show_error))
    page.show()
    return page


def start(argv: Sequence[str], *, show_error: ErrorSink = error_dialog) -> QWidget:
    """Show the first window for `argv`: a workspace, the demo (`--demo`) or the welcome
    page; raises PlanevalError when a workspace cannot open."""
    args = [a for a in argv if not a.startswith("-")]
    if args:
        return _launch(open_window(Path(args[0]), show_error=show_error))
    if DEMO_FLAG in argv:
        return _launch(open_demo(show_error=show_error))
    return welcome(show_error=show_error)


def run(argv: Sequence[str], *, show_error: ErrorSink = error_dialog) -> int:
    """`python -m desktop [WORKSPACE | --demo]`: the exit code (1 when it cannot open).

    With no argument the welcome page opens; `--demo` goes straight into the demo.
    """
    app = application(argv)
    start_logging()
    catch_unexpected(show_error)
    args = [a for a in argv if not a.startswith("-")]
    if args and ("--commission" in argv or is_commission(Path(args[0]))):
        return run_commission(app, Path(args[0]), show_error)
    if args and is_compilation(Path(args[0])):
        return run_compilation(app, Path(args[0]), show_error)
    try:
        first = start(argv, show_error=show_error)  # noqa: F841 - alive while the app runs
    except PlanevalError as exc:
        show_error(exc.message)
        return 1
    return event_loop(app)


def event_loop(app: QApplication) -> int:
    """Run the event loop with the garbage collector on: `python -m desktop` starts with it
    off (importing, opening and building allocate much and free little: at 100x a full
    collection cost 64 ms of the start); what is alive now stays out of its full passes."""
    gc.freeze()
    gc.enable()
    return app.exec()


def is_commission(path: Path) -> bool:
    """A commission's round folder (commission.sqlite) rather than a department's."""
    from desktop.store.commission import DB_NAME as COMMISSION_DB

    return (path / COMMISSION_DB).is_file()


def is_compilation(path: Path, db_name: str = DB_NAME) -> bool:
    """A compilation round's folder (编制: a unit's workspace, or with the commission's
    database name a commission round) rather than an evaluation's."""
    import sqlite3

    file = (path / db_name).absolute()  # a file: URI names an absolute path
    if not file.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True)) as db:
            found = db.execute("SELECT value FROM meta WHERE key = 'kind'").fetchone()
    except (sqlite3.Error, ValueError):
        return False  # not readable here: the window's own opening says why
    return bool(found) and found[0] == "compilation"


def run_compilation(app: QApplication, path: Path, show_error: ErrorSink) -> int:
    """`python -m desktop WS` on a compilation workspace: the unit's compilation window."""
    from desktop.ui.compilation import open_compilation_window

    return _run_window(app, lambda: open_compilation_window(path), show_error)


def run_commission(app: QApplication, path: Path, show_error: ErrorSink) -> int:
    """`python -m desktop --commission CWS`: the commission's window on round `CWS` (a
    compilation round's own window for a round of that kind)."""
    from desktop.store.commission import DB_NAME as COMMISSION_DB
    from desktop.ui.commission import open_commission_window
    from desktop.ui.compilation.round_window import open_round_window

    if is_compilation(path, COMMISSION_DB):
        return _run_window(app, lambda: open_round_window(path), show_error)
    return _run_window(app, lambda: open_commission_window(path), show_error)


def _run_window(app: QApplication, opener: Callable[[], Any], show_error: ErrorSink) -> int:
    try:
        window = opener()
    except PlanevalError as exc:
        show_error(exc.message)
        return 1
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    return event_loop(app)
