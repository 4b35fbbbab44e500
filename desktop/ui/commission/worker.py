"""Long work on the open round, off the UI thread: intake, the roll-up, the compilation.

Threads and SQLite: a Python sqlite3 connection may only be used by the thread that made
it, and the round's lock is held by the open window, so the worker cannot open the round a
second time. It works through `CommissionWorkspace.on_this_thread()`: its own connection
to the same database, made and closed in the worker, under the lock this process already
holds. The UI thread keeps its own connection and may go on reading (WAL lets readers and
the one writer pass).

Cancelling sets a flag. Work whose core asks "go on?" (intake) reads it from `step`; work
whose core only reports (the roll-up, the compilation) gets `report`, which raises
`Cancelled` at its next report, before anything is written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from desktop.core.errors import PlanevalError
from desktop.store.commission import CommissionWorkspace


class Cancelled(Exception):
    """Raised by `RoundWorker.report` once the officer pressed 取消."""


class RoundWorker(QThread):
    """Runs `work(own_connection, worker)` off the UI thread and keeps its result.

    `failure` is the Chinese sentence said when the work breaks off on a fault of ours.
    """

    progressed = Signal(int, int, object)  # done, total, what (text or an intake Outcome)
    failed = Signal(str)

    def __init__(self, cws: CommissionWorkspace,
                 work: Callable[[CommissionWorkspace, RoundWorker], Any], *, failure: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cws, self.work, self.failure = cws, work, failure
        self.cancelled = threading.Event()
        self.result: Any = None
        self.error = ""  # why the work broke off, if it did

    def cancel(self) -> None:
        self.cancelled.set()

    def step(self, done: int, total: int, what: object) -> bool:
        """Say how far the work is; False once cancelled (the work stops there)."""
        self.progressed.emit(done, total, what)
        return not self.cancelled.is_set()

    def report(self, done: int, total: int, what: object) -> None:
        """Say how far the work is; raise Cancelled once cancelled, unless it is done."""
        if not self.step(done, total, what) and done < total:
            raise Cancelled

    def run(self) -> None:  # worker thread: no widgets, no UI-thread connection
        try:
            with self.cws.on_this_thread() as mine:
                self.result = self.work(mine, self)
        except Cancelled:
            pass
        except PlanevalError as exc:
            self.error = exc.message
        except Exception as exc:  # a fault of ours: said in Chinese, the window goes on
            self.error = f"{self.failure}（{exc!r}）"
        if self.error:
            self.failed.emit(self.error)
