"""The table model and context on a small hand-made workspace (no importer involved)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.errors import WorkspaceError
from desktop.core.model import Row
from desktop.department import operations
from desktop.forms import find_form
from desktop.store import Workspace
from desktop.ui.department.context import UiContext
from desktop.ui.department.navigation import nav_entries
from desktop.ui.department.table_model import INDENT, AnswerTableModel

FORM = find_form("putuo-2023-midterm")
ROWS = [
    Row("indicators", "7", "创新驱动", "", {"name": "高新技术企业数", "unit": "家",
                                          "target": "累计 1400"}, ("区科委",)),
    Row("indicators", "8", "创新驱动", "", {"name": "科技小巨人企业"}, ("区科委",)),
    Row("indicators", "8.1", "创新驱动", "", {"name": "市级科技小巨人", "unit": "家",
                                            "target": "累计 50"}, ("区科委",), "8"),
    Row("indicators", "8.2", "创新驱动", "", {"name": "区级科技小巨人", "unit": "家",
                                            "target": "累计 80"}, ("区科委",), "8"),
    Row("tasks", "12", "", "（一）建设科创之城", {"content": "推进中以创新园建设。"}, ("区科委",)),
    Row("tasks", "13", "", "（一）建设科创之城", {"content": "实施高企培育计划。"}, ("区科委",)),
    Row("tasks", "40", "", "（三）数字化转型", {"content": "建设城市数字底座。"}, ("区科委",)),
    Row("plans", "1", "", "", {"name": "普陀区科技创新“十四五”规划"}, ("区科委",)),
]


@pytest.fixture
def ctx(tmp_path: Path, qapp):
    meta = {"form_id": FORM.id, "form_version": FORM.version, "form_hash": FORM.hash}
    ws = Workspace.create(tmp_path / "ws", rows=ROWS, department="区科委", meta=meta)
    context = UiContext(ws, FORM)
    yield context
    context.close()


def test_columns_are_the_forms_assignment_then_answer_columns(ctx) -> None:
    model = AnswerTableModel(ctx, FORM.table("indicators"))
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert titles == ["序号", "指标", "单位", "“十四五”规划目标", "中期完成数", "评估结论",
                      "预计到规划期末完成数", "未达预期进度的原因", "调整意见"]
    assert model.rowCount() == 4


def test_split_rows_are_read_only_headings_with_indented_sub_rows(ctx) -> None:
    model = AnswerTableModel(ctx, FORM.table("indicators"))
    name, mid = model.column_of("name"), model.column_of("mid_value")
    assert model.is_heading(model.row_of("8"))
    assert not model.flags(model.index(model.row_of("8"), mid)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(model.row_of("8.1"), mid)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, name)) & Qt.ItemFlag.ItemIsEditable
    assert model.data(model.index(model.row_of("8.1"), name)) == INDENT + "市级科技小巨人"
    assert model.data(model.index(0, name), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(0, mid), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(0, mid)) == ""  # unanswered cells show empty text


def test_set_data_writes_through_and_refuses_read_only_cells(ctx) -> None:
    model = AnswerTableModel(ctx, FORM.table("indicators"))
    saved: list[tuple[str, str, str]] = []
    ctx.saved.connect(lambda *args: saved.append(args))
    assert model.setData(model.index(0, model.column_of("mid_value")), " 826 ")
    assert ctx.ws.answer("indicators", "7", "mid_value") == "826"
    assert saved == [("indicators", "7", "mid_value")]
    assert not model.setData(model.index(0, model.column_of("name")), "改名")
    assert not model.setData(model.index(model.row_of("8"), model.column_of("mid_value")), "1")
    assert ctx.ws.answer("indicators", "8", "mid_value") == ""


def test_task_groups_are_merged_runs(ctx) -> None:
    model = AnswerTableModel(ctx, FORM.table("tasks"))
    assert model.runs("group") == [(0, 2)]
    assert model.data(model.index(2, model.column_of("group"))) == "（三）数字化转型"


def test_a_failed_save_is_reported_not_raised(ctx) -> None:
    class Refusing:
        def answer(self, *args: str) -> str:
            return ""

        def set_answer(self, *args: str) -> bool:
            raise WorkspaceError("磁盘已满，无法保存。")

    failed: list[str] = []
    ctx.save_failed.connect(failed.append)
    real, ctx.ws = ctx.ws, Refusing()
    try:
        assert not ctx.set_answer("indicators", "7", "mid_value", "1")
    finally:
        ctx.ws = real
    assert failed == ["磁盘已满，无法保存。"]


def test_navigation_entries_follow_the_status(ctx) -> None:
    entries = nav_entries(FORM, operations.workspace_status(ctx.ws, FORM))
    assert [e.title for e in entries] == ["主要指标评估表（3 项）", "主要任务评估表（3 项）",
                                          "自评报告：普陀区科技创新“十四五”规划"]
    assert entries[0].label.endswith("0/3")
    for s in FORM.report.sections:
        ctx.set_answer("reports", "1", s.id, "已填写")
    entries = nav_entries(FORM, operations.workspace_status(ctx.ws, FORM))
    assert entries[2].label.endswith("✓")
