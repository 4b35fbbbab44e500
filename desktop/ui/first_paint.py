"""For the start-up benchmark: note when the first window has painted, then close it.

With PLANEVAL_FIRST_PAINT=FILE set, `python -m desktop` (and the bare baseline in
bench/bench_startup.py) calls `watch(FILE)` before its event loop runs. At the first
paint of a visible top-level window, once that paint is done, FILE gets a JSON line
{"paint": wall time, "cpu_s": CPU seconds used so far, "rss_mib": peak RSS so far};
after PLANEVAL_CLOSE_AFTER_MS (default 0) the window is closed, just after a line
{"close": wall time}. The process then ends the way it does when the clerk closes the
window, so the parent that waits for it times closing to exit. Wall time (time.time) is
shared with the parent that started the child.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def peak_rss_mib() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


class _FirstPaint(QObject):
    def __init__(self, target: Path, close_after_ms: int) -> None:
        super().__init__()
        self.target, self.close_after_ms = target, close_after_ms
        self.window: QWidget | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (self.window is None and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget) and watched.isWindow()):
            self.window = watched
            # the window's children paint in the same pass: note the time once it is over
            QTimer.singleShot(0, self._painted)
        return False

    def _write(self, **values: float) -> None:
        with self.target.open("a", encoding="utf-8") as out:
            out.write(json.dumps(values) + "\n")

    def _painted(self) -> None:
        self._write(paint=time.time(), cpu_s=time.process_time(), rss_mib=peak_rss_mib())
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        QTimer.singleShot(self.close_after_ms, self._close)

    def _close(self) -> None:
        self._write(close=time.time())
        if self.window is not None:
            self.window.close()


def watch(target: str | Path) -> None:
    """Note the first paint into `target` and close the window afterwards (see above)."""
    app = QApplication.instance()
    assert app is not None, "create the QApplication first"
    spy = _FirstPaint(Path(target), int(os.environ.get("PLANEVAL_CLOSE_AFTER_MS", "0")))
    app.installEventFilter(spy)
    _watching.append(spy)  # alive as long as the process


_watching: list[_FirstPaint] = []
