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


def test_a_block_and_an_acceptance_are_one_undo_step_each(tmp_path):
    with make(tmp_path) as ws:
        ed = Editor(ws)
        batch = ed.set_many([("tasks", "1", "progress", "甲"), ("tasks", "2", "progress", "乙"),
                             ("tasks", "2", "conclusion", "")])  # unchanged: left out
        assert batch is not None and len(batch.edits) == 2
        ed.accept("conclusion-mismatch:tasks:1:conclusion", "年底集中认定")
        assert ed.undo().key == "conclusion-mismatch:tasks:1:conclusion"
        assert ws.acceptances() == {}
        undone = ed.undo()
        assert [e.new for e in undone.edits] == ["", ""]
        assert ws.answer("tasks", "1", "progress") == ws.answer("tasks", "2", "progress") == ""
        ed.redo()
        assert ws.answer("tasks", "2", "progress") == "乙"
        assert ed.set_many([("tasks", "2", "progress", "乙")]) is None
