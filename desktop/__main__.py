"""`python -m desktop [WORKSPACE | --demo]` (and `planeval-gui`): open the GUI (with no
argument, on the welcome page; with --demo, straight into the demo).

`python -m desktop --commission CWS` (or a folder holding commission.sqlite) opens the
commission's window on that round.

With PLANEVAL_SCREENSHOT=FILE.png set, the GUI saves a picture of its window as soon as
it is shown and quits: the frozen app's smoke test and start-up benchmark use it, since
they cannot run code inside the bundle.

With PLANEVAL_FIRST_PAINT=FILE set, the time of the window's first paint goes into FILE
and the window is closed after it (desktop/ui/first_paint.py): `python -m bench` times
start-up and closing with it.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from typing import NoReturn


def _screenshot_then_quit(target: str) -> None:
    """Once the event loop runs (the window is shown), save the window and quit."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from desktop.ui.app import application

    app = application()

    def shoot() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if w.isWindow() and w.isVisible()]
        # the main window if there is one, else whatever shows (the welcome page)
        windows = sorted(shown, key=lambda w: not isinstance(w, QMainWindow))
        if windows:
            windows[0].grab().save(target)
        app.quit()

    QTimer.singleShot(0, shoot)


def _qt_free_first() -> None:
    """Import the Qt-free modules the window needs before PySide6 loads: PySide6's
    `__feature__` import hook reads the source of every module imported after it
    (inspect.getsource, to see whether the module uses PySide6)."""
    import desktop.department.editing  # noqa: F401
    import desktop.department.notes  # noqa: F401
    import desktop.department.operations  # noqa: F401


def _end(code: int) -> NoReturn:
    """End the process without Python's teardown once the event loop is over.

    By then every window has closed its workspace (closeEvent or aboutToQuit: edits saved,
    database closed, lock released) and the worker threads are joined here; what is left
    is freeing thousands of Qt objects and module dicts one by one, which took most of
    the time from closing the window to the process's exit (issue 13)."""
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone()
    logging.shutdown()  # the log file's last lines
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None in a frozen windowed app
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the GUI; the process ends when its event loop does (see _end)."""
    gc.disable()  # until the event loop runs (desktop.ui.app.event_loop)
    _qt_free_first()
    from desktop.ui.app import run

    target = os.environ.get("PLANEVAL_SCREENSHOT")
    if target:
        _screenshot_then_quit(target)
    painted = os.environ.get("PLANEVAL_FIRST_PAINT")
    if painted:
        from desktop.ui.app import application
        from desktop.ui.first_paint import watch

        application()
        watch(painted)
    _end(run(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
