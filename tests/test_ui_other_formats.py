"""The window on a format made for the tests: the mark's flag in the task table, a row
whose target cannot be read says its figures cannot be checked, the report page and the
side panel use the form's own outline, document name and stages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.forms import SEARCH_PATH_VARIABLE
from desktop.ui.app import open_window
from desktop.ui.department.navigation import EXPORT
from tests.format_kit import FORMS, ok, workbook
from tests.test_ui_guided import show

FORM_ID = "linjiang-2023-midterm"


@pytest.fixture
def workspace(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(FORMS))
    tables = workbook(tmp_path / "t" / "分工.xlsx", {
        "指标": [["编号", "指标名称", "计量单位", "2020年基数", "2025年目标", "责任部门"],
                 [1, "绿色出行比例", "%", 60, "比2020年提高5个百分点", "区交通委"],
                 [2, "公交站点覆盖率", "%", 90, "≥95", "区交通委"]],
        "任务": [["序号", "任务内容", "牵头单位"], [1, "建设轨道交通新线。*", "区交通委"]],
        "规划": [["序号", "专项规划名称", "牵头部门"], [1, "综合交通规划", "区交通委"]]})
    ok(capsys, "init", tmp_path / "ws", "--assignment", tables, "--department", "区交通委",
       "--form", FORM_ID)
    return tmp_path / "ws"


def test_flags_unreadable_targets_outline_and_stages(qtbot, workspace: Path) -> None:
    window = show(qtbot, open_window(workspace))
    tasks = window.show_page("tasks")
    m = tasks.model
    flag = m.index(m.row_of("1"), m.column_of("city_plan"))
    assert m.data(flag, Qt.ItemDataRole.DisplayRole) == "是"
    content = m.index(m.row_of("1"), m.column_of("content"))
    assert m.data(content, Qt.ItemDataRole.DisplayRole) == "建设轨道交通新线。"
    page = window.show_page("indicators")
    page.select("1", "conclusion")
    assert "无法自动核对" in page.side.reading.text()
    page.select("2", "conclusion")
    assert "无法自动核对" not in page.side.reading.text()
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert any("中期评估报告：综合交通规划" in label for label in labels)
    export = next(window.nav.item(i) for i in range(window.nav.count())
                  if window.nav.item(i).data(Qt.ItemDataRole.UserRole) == EXPORT)
    assert "提纲、初稿、正式稿、定稿报送" in export.text() + str(export.toolTip())
    page = window.show_page(EXPORT)
    assert list(page.buttons) == ["outline", "first", "formal", "final"]
    assert [b.text() for b in page.buttons.values()] == [
        "导出提纲", "导出初稿", "导出正式稿", "导出定稿"]
    assert page.signoff.title().startswith("定稿审核签字")
    assert "含附件" not in page.text.text()  # this format's report has no annex
    window.close()
