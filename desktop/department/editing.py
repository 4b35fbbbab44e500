"""Edits with undo and redo, as Qt-free operations that say what changed.

The GUI sends every edit through an Editor; undo and redo are ordinary saved edits, so
they are autosaved and recorded in the workspace history like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.store import Workspace


@dataclass(frozen=True)
class Edit:
    """One answer cell changed from `old` to `new`."""

    table: str
    number: str
    field: str
    old: str
    new: str

    def inverse(self) -> Edit:
        return Edit(self.table, self.number, self.field, self.new, self.old)


class Editor:
    """Saves edits to a workspace and keeps this session's undo and redo stacks."""

    def __init__(self, ws: Workspace, *, limit: int = 1000) -> None:
        self.ws = ws
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._limit = limit

    def set(self, table: str, number: str, field: str, value: str) -> Edit | None:
        """Save an answer; the Edit made, or None when the value was already so."""
        edit = Edit(table, number, field, self.ws.answer(table, number, field), value)
        if not self._apply(edit):
            return None
        self._done.append(edit)
        del self._done[: -self._limit]
        self._undone.clear()
        return edit

    def undo(self) -> Edit | None:
        """Put back the last edit's old value; the Edit applied, or None if nothing to undo."""
        if not self._done:
            return None
        edit = self._done.pop().inverse()
        self._apply(edit)
        self._undone.append(edit)
        return edit

    def redo(self) -> Edit | None:
        if not self._undone:
            return None
        edit = self._undone.pop().inverse()
        self._apply(edit)
        self._done.append(edit)
        return edit

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def _apply(self, edit: Edit) -> bool:
        return self.ws.set_answer(edit.table, edit.number, edit.field, edit.new)
