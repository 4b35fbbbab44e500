"""The UI's context object: the open workspace and form, passed to every page (no globals).

All writes from widgets go through `UiContext.set_answer(s)` or `accept`, which save
immediately through the core's Editor (so the step can be undone) and announce the change;
undo and redo announce the cells they put back the same way, so every view redraws from
one signal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import PlanevalError
from desktop.core.form import Form
from desktop.department.editing import Acceptance, Batch, Editor, Step
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
        return self._do(lambda: self.editor.set(table, number, field, value))

    def set_answers(self, cells: list[tuple[str, str, str, str]]) -> bool:
        """Write several answers as one undo step (a paste, a clear, a fill-down)."""
        return self._do(lambda: self.editor.set_many(cells))

    def accept(self, key: str, reason: str) -> bool:
        """Accept a warning with the clerk's written reason ("" withdraws); undoable."""
        return self._do(lambda: self.editor.accept(key, reason))

    def undo(self) -> Step | None:
        return self._step(self.editor.undo)

    def redo(self) -> Step | None:
        return self._step(self.editor.redo)

    @property
    def can_undo(self) -> bool:
        return self.editor.can_undo

    @property
    def can_redo(self) -> bool:
        return self.editor.can_redo

    def _do(self, action: Callable[[], Step | None]) -> bool:
        """Run an edit; True when it was saved (or changed nothing), False on failure."""
        self.editor.ws = self.ws  # tests swap the workspace for a failing one
        return self._run(action)[0]

    def _step(self, action: Callable[[], Step | None]) -> Step | None:
        return self._run(action)[1]

    def _run(self, action: Callable[[], Step | None]) -> tuple[bool, Step | None]:
        """(saved, the step): a failure is told through `save_failed`, a step announced."""
        if self._closed:
            return False, None
        try:
            step = action()
        except PlanevalError as exc:
            self.save_failed.emit(exc.message)
            return False, None
        if step is not None:
            self._announce(step)
        return True, step

    def _announce(self, step: Step) -> None:
        self.last_saved = self.clock()
        if isinstance(step, Acceptance):
            self.accepted.emit(step.key, step.new)
        else:
            for e in step.edits if isinstance(step, Batch) else (step,):
                self.saved.emit(e.table, e.number, e.field)
        self.undo_changed.emit()

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
