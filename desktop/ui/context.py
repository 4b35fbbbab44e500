"""The UI's context object: the open workspace and form, passed to every page (no globals).

All writes from widgets go through `UiContext.set_answer`, which saves immediately and
announces the change, so the window can update the navigation and the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import PlanevalError
from desktop.forms.definition import Form
from desktop.store.workspace import Workspace

ErrorSink = Callable[[str], None]


class UiContext(QObject):
    """One open workspace as the UI sees it."""

    saved = Signal(str, str, str)  # table, number, field
    save_failed = Signal(str)  # Chinese message

    def __init__(self, ws: Workspace, form: Form, *,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.ws = ws
        self.form = form
        self.clock = clock
        self.last_saved: datetime | None = None
        self._closed = False

    def answer(self, table: str, number: str, field: str) -> str:
        return self.ws.answer(table, number, field)

    def set_answer(self, table: str, number: str, field: str, value: str) -> bool:
        """Write one answer through to the workspace now; False (and a signal) on failure."""
        if self._closed:
            return False
        try:
            self.ws.set_answer(table, number, field, value)
        except PlanevalError as exc:
            self.save_failed.emit(exc.message)
            return False
        self.last_saved = self.clock()
        self.saved.emit(table, number, field)
        return True

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release the workspace (its lock); safe to call twice."""
        if not self._closed:
            self._closed = True
            self.ws.close()
