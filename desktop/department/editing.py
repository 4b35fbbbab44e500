"""Edits with undo and redo, as Qt-free operations that say what changed.

The GUI sends every edit through an Editor; undo and redo are ordinary saved edits, so
they are autosaved and recorded in the workspace history like any other. One undo step
is one cell, one block of cells (a paste, a clear, a fill-down: saved in one
transaction), or one accepted warning's reason.
"""

from __future__ import annotations

from collections.abc import Iterable
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


@dataclass(frozen=True)
class Batch:
    """Several cells changed together; undone together."""

    edits: tuple[Edit, ...]

    def inverse(self) -> Batch:
        return Batch(tuple(e.inverse() for e in self.edits))  # distinct cells: order is free


@dataclass(frozen=True)
class Acceptance:
    """A warning's accepted reason changed ("" = not accepted)."""

    key: str
    old: str
    new: str

    def inverse(self) -> Acceptance:
        return Acceptance(self.key, self.new, self.old)


Step = Edit | Batch | Acceptance


class Editor:
    """Saves edits to a workspace and keeps this session's undo and redo stacks."""

    def __init__(self, ws: Workspace, *, limit: int = 1000) -> None:
        self.ws = ws
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._limit = limit

    def set(self, table: str, number: str, field: str, value: str) -> Edit | None:
        """Save an answer; the Edit made, or None when the value was already so."""
        edit = Edit(table, number, field, self.ws.answer(table, number, field), value)
        return edit if self._do(edit) else None

    def set_many(self, cells: Iterable[tuple[str, str, str, str]]) -> Batch | None:
        """Save several answers as one undo step; None when none of them changed."""
        edits = tuple(Edit(t, n, f, old, v) for t, n, f, v in cells
                      if (old := self.ws.answer(t, n, f)) != v)
        if not edits:
            return None
        batch = Batch(edits)
        return batch if self._do(batch) else None

    def accept(self, key: str, reason: str) -> Acceptance | None:
        """Record (or, with "", withdraw) a warning's accepted reason as an undo step."""
        step = Acceptance(key, self.ws.acceptances().get(key, ""), reason.strip())
        return step if self._do(step) else None

    def undo(self) -> Step | None:
        """Put back the last step's old values; the step applied, or None if nothing to undo."""
        if not self._done:
            return None
        step = self._done.pop().inverse()
        self._apply(step)
        self._undone.append(step)
        return step

    def redo(self) -> Step | None:
        if not self._undone:
            return None
        step = self._undone.pop().inverse()
        self._apply(step)
        self._done.append(step)
        return step

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def _do(self, step: Step) -> bool:
        if not self._apply(step):
            return False
        self._done.append(step)
        del self._done[: -self._limit]
        self._undone.clear()
        return True

    def _apply(self, step: Step) -> bool:
        if isinstance(step, Edit):
            return self.ws.set_answer(step.table, step.number, step.field, step.new)
        if isinstance(step, Batch):
            return self.ws.set_answers(
                (e.table, e.number, e.field, e.new) for e in step.edits) > 0
        return self.ws.accept(step.key, step.new)
