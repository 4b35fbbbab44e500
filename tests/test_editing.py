"""Undo and redo belong to the core: they are saved edits with history, on real SQLite."""

from __future__ import annotations

from desktop.core.model import Row
from desktop.department.editing import Editor
from desktop.store import Workspace


def make(tmp_path):
    rows = [Row("tasks", "1"), Row("tasks", "2")]
    return Workspace.create(tmp_path / "ws", rows=rows, department="区科委", meta={})


def test_undo_and_redo_restore_values_and_are_saved(tmp_path):
    with make(tmp_path) as ws:
        ed = Editor(ws)
        ed.set("tasks", "1", "progress", "已完成立项")
        ed.set("tasks", "1", "progress", "已完成立项和招标")
        ed.set("tasks", "2", "conclusion", "B")
        assert ed.undo().number == "2" and ws.answer("tasks", "2", "conclusion") == ""
        assert ed.undo().new == "已完成立项" and ws.answer("tasks", "1", "progress") == "已完成立项"
        assert ed.redo().new == "已完成立项和招标"
        assert ed.can_undo and ed.can_redo
        changes = len(ws.history())
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.answer("tasks", "1", "progress") == "已完成立项和招标"
        assert len(ws.history()) == changes == 6


def test_a_new_edit_clears_redo_and_unchanged_values_are_not_edits(tmp_path):
    with make(tmp_path) as ws:
        ed = Editor(ws)
        ed.set("tasks", "1", "progress", "甲")
        assert ed.set("tasks", "1", "progress", "甲") is None
        ed.undo()
        ed.set("tasks", "1", "progress", "乙")
        assert not ed.can_redo and ed.redo() is None
        assert ed.undo().new == "" and ed.undo() is None
