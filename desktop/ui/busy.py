"""Long work off the UI thread: a worker runs it while a modal busy dialog keeps painting.

The caller still gets the result (or the exception) back in order, as with a plain call.
The work must not touch Qt objects or the workspace's database connection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
SHOW_AFTER_MS = 300  # quick work finishes before the dialog would flash


Report = Callable[[int, int], None]  # (done, total): called by the work from its thread


class _Relay(QObject):
    done = Signal()
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:  # worker thread
        try:
            self.result = self.work()
        except BaseException as exc:  # handed back to the UI thread as is
            self.error = exc
        finally:
            self.relay.done.emit()


def run_busy(parent: QWidget | None, text: str, work: Callable[[], T]) -> T:
    """Run `work` on a worker thread, showing `text` in a busy dialog; return its result."""
    return run_with_progress(parent, text, lambda report: work())


def run_with_progress(parent: QWidget | None, text: str, work: Callable[[Report], T]) -> T:
    """Like run_busy, and `work` may call report(done, total) to fill the progress bar."""
    relay = _Relay()
    task = _Task(lambda: work(relay.progress.emit), relay)
    task.setAutoDelete(False)
    loop = QEventLoop()
    relay.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setObjectName("busy")
    dialog.setWindowTitle(text)
    dialog.setCancelButton(None)  # type: ignore[arg-type]
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    relay.progress.connect(progress, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(task)
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    if task.error is not None:
        raise task.error
    return task.result  # type: ignore[no-any-return]
