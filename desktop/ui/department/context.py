"""The UI's context object: the open workspace and form, passed to every page (no globals).

All writes from widgets go through `UiContext.set_answer`, which saves immediately through
the core's Editor (so the edit can be undone) and announces the change; undo and redo
announce the cells they put back the same way, so every view redraws from one signal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import PlanevalError
from desktop.core.form import Form
from desktop.department.editing import Edit, Editor
from desktop.department.operations import DEMO_FLAG
from desktop.store.workspace import Workspace

ErrorSink = Callable[[str], None]


class UiContext(QObject):
    """One open workspace as the UI sees it."""

    saved = Signal(str, str, str)  # table, number, field
    save_failed = Signal(str)  # Chinese message
    accepted = Signal(str, str)  # finding key, reason ("" = withdrawn)
    undo_changed = Signal()  # can_undo / can_redo may have changed

    def __init__(self, ws: Workspace, form: Form, *,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.ws = ws
        self.form = form
        self.clock = clock
        self.editor = Editor(ws)
        self.last_saved: datetime | None = None
        self._closed = False

    def answer(self, table: str, number: str, field: str) -> str:
        return self.ws.answer(table, number, field)

    def set_answer(self, table: str, number: str, field: str, value: str) -> bool:
        """Write one answer through to the workspace now; False (and a signal) on failure."""
        if self._closed:
            return False
        self.editor.ws = self.ws  # tests swap the workspace for a failing one
        return self._run(lambda: self.editor.set(table, number, field, value),
                         (table, number, field))

    def undo(self) -> Edit | None:
        return self._step(self.editor.undo)

    def redo(self) -> Edit | None:
        return self._step(self.editor.redo)

    @property
    def can_undo(self) -> bool:
        return self.editor.can_undo

    @property
    def can_redo(self) -> bool:
        return self.editor.can_redo

    def accept(self, key: str, reason: str) -> bool:
        """Accept a warning with the clerk's written reason; False (and a signal) on failure."""
        if self._closed:
            return False
        try:
            self.ws.accept(key, reason)
        except PlanevalError as exc:
            self.save_failed.emit(exc.message)
            return False
        self.last_saved = self.clock()
        self.accepted.emit(key, reason.strip())
        return True

    def _step(self, action: Callable[[], Edit | None]) -> Edit | None:
        if self._closed:
            return None
        done: list[Edit] = []

        def run() -> Edit | None:
            edit = action()
            if edit is not None:
                done.append(edit)
            return edit

        if not self._run(run, None) or not done:
            return None
        return done[0]

    def _run(self, action: Callable[[], Edit | None],
             cell: tuple[str, str, str] | None) -> bool:
        try:
            edit = action()
        except PlanevalError as exc:
            self.save_failed.emit(exc.message)
            return False
        if edit is not None:
            cell = (edit.table, edit.number, edit.field)
        if cell is None:
            return False
        self.last_saved = self.clock()
        self.saved.emit(*cell)
        self.undo_changed.emit()
        return True

    @property
    def is_demo(self) -> bool:
        """The embedded demo (create_demo marks it): only then may demo keys be offered."""
        return self.ws.meta.get(DEMO_FLAG) == "1"

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Release the workspace (its lock); safe to call twice."""
        if not self._closed:
            self._closed = True
            self.ws.close()
