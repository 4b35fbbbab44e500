"""The GUI driven for real with pytest-qt: edit, close, reopen, and the value is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
)

from desktop.core.division import REPORTS
from desktop.core.errors import WorkspaceError
from desktop.department import operations
from desktop.store import Workspace
from desktop.ui.app import open_demo, open_window, run
from desktop.ui.department.main_window import MainWindow
from desktop.ui.department.navigation import report_key


def show(qtbot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def first_assigned(window: MainWindow, table: str) -> str:
    return operations.workspace_status(window.ctx.ws, window.ctx.form).tables[table].assigned[0]


def open_editor(qtbot, view: QTableView, row: int, col: int, kind: type):
    index = view.model().index(row, col)
    view.scrollTo(index)
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.waitUntil(lambda: bool(view.viewport().findChildren(kind)))
    return index, view.viewport().findChildren(kind)[0]


def test_indicator_answer_typed_in_the_view_survives_reopen(qtbot, demo: Path) -> None:
    errors: list[str] = []
    window = show(qtbot, open_window(demo, show_error=errors.append))
    window.show_page("indicators")
    view = window.findChild(QTableView, "table_indicators")
    assert view is not None and view.isVisible()
    model = view.model()
    number = first_assigned(window, "indicators")
    row = model.row_of(number)

    index, editor = open_editor(qtbot, view, row, model.column_of("mid_value"), QLineEdit)
    editor.setText("高新技术企业 826 家")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: model.data(index) == "高新技术企业 826 家")
    qtbot.waitUntil(lambda: not view.viewport().findChildren(QLineEdit))  # editor closed
    assert window.ctx.ws.answer("indicators", number, "mid_value") == "高新技术企业 826 家"
    assert "已自动保存" in window.statusBar().currentMessage()

    index, combo = open_editor(qtbot, view, row, model.column_of("conclusion"), QComboBox)
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "A", "B", "C", "D"]
    assert combo.itemText(3).startswith("C 进展较慢、需要加快推进")  # the words, not just a letter
    assert "D 情况变化、难以完成" in combo.itemData(4, Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(combo.findData("C"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: model.data(index) == "C")

    window.close()
    assert window.ctx.closed
    again = show(qtbot, open_window(demo, show_error=errors.append))
    model = again.pages["indicators"].model
    assert model.text(row, model.column_of("mid_value")) == "高新技术企业 826 家"
    assert model.text(row, model.column_of("conclusion")) == "C"
    again.close()
    with Workspace.open(demo) as ws:
        assert ws.answer("indicators", number, "mid_value") == "高新技术企业 826 家"
        assert ws.answer("indicators", number, "conclusion") == "C"
    assert errors == []


def test_a_cell_still_being_edited_is_saved_when_the_window_closes(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    page = window.show_page("tasks")
    model = page.model
    number = first_assigned(window, "tasks")
    _, editor = open_editor(qtbot, page.view, model.row_of(number),
                            model.column_of("progress"), QPlainTextEdit)
    editor.setPlainText("已完成园区一期建设")
    window.close()  # no Enter pressed
    with Workspace.open(demo) as ws:
        assert ws.answer("tasks", number, "progress") == "已完成园区一期建设"


def type_text(widget, text: str) -> None:
    """Type Chinese as key events carrying the text (keyClicks would abort on CJK)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def test_report_text_survives_close_and_reopen(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    plan = window.ctx.ws.rows("plans")[0].number
    page = window.show_page(report_key(plan))
    editor = page.editor("part2")
    editor.setFocus()
    type_text(editor, "科创载体建设")
    qtbot.waitUntil(lambda: window.ctx.ws.answer(REPORTS, plan, "part2") == "科创载体建设",
                    timeout=2000)  # the debounce saved it without any further action
    type_text(editor, "稳步推进。")  # closed before the debounce fires: the close saves it
    window.close()
    with Workspace.open(demo) as ws:
        assert ws.answer(REPORTS, plan, "part2") == "科创载体建设稳步推进。"
    again = show(qtbot, open_window(demo))
    assert again.show_page(report_key(plan)).editor("part2").toPlainText() == (
        "科创载体建设稳步推进。")
    again.close()


def test_navigation_lists_the_sections_and_switches_pages(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    plans = [r.number for r in window.ctx.ws.rows("plans")]
    assert plans == ["1", "6"]  # the demo department (区科委) leads special plans 1 and 6
    assert window.nav_keys() == ["indicators", "tasks", *[report_key(p) for p in plans],
                                 "check", "export"]
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    n = len(first_assigned_all(window, "indicators"))
    assert labels[0].startswith(f"主要指标评估表（{n} 项）") and f"0/{n}" in labels[0]
    assert labels[1].startswith("主要任务评估表（")
    assert all(label.startswith("自评报告：") for label in labels[2:4])
    assert labels[4].startswith("检查") and labels[5].startswith("导出")
    for i, key in enumerate(window.nav_keys()):
        item = window.nav.item(i)
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                         pos=window.nav.visualItemRect(item).center())
        assert window.stack.currentWidget() is window.pages[key]

    model = window.pages["indicators"].model
    row = model.row_of(first_assigned(window, "indicators"))
    for field in ("mid_value", "conclusion", "end_value"):
        assert model.setData(model.index(row, model.column_of(field)), "B")
    qtbot.waitUntil(lambda: f"1/{n}" in window.nav.item(0).text())
    window.close()


def first_assigned_all(window: MainWindow, table: str) -> tuple[str, ...]:
    return operations.workspace_status(window.ctx.ws, window.ctx.form).tables[table].assigned


def test_a_second_window_on_the_same_workspace_is_refused(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    with pytest.raises(WorkspaceError) as raised:
        open_window(demo)
    assert "工作区" in raised.value.message
    shown: list[str] = []
    assert run([str(demo)], show_error=shown.append) == 1
    assert shown == [raised.value.message]
    window.close()
    open_window(demo).close()  # closing the first window released the lock


def test_the_demo_is_created_on_first_start(qtbot, tmp_path: Path) -> None:
    window = show(qtbot, open_demo(tmp_path / "user" / "demo"))
    assert window.windowTitle().startswith("区科委（演示） — ")
    assert "planeval" not in window.windowTitle()
    banner = window.findChild(QLabel, "demo_banner")
    assert banner is not None and banner.isVisible() and "演示" in banner.text()
    window.close()
    window = show(qtbot, open_demo(tmp_path / "user" / "demo"))  # opened, not re-created
    window.close()


def test_screenshots(qtbot, demo: Path, artifacts: Path) -> None:
    """Each step as the clerk sees it at 1280x800, written to tests/artifacts to look at."""
    window = show(qtbot, open_window(demo))
    window.resize(1280, 800)
    model = window.pages["indicators"].model
    for i, number in enumerate(first_assigned_all(window, "indicators")[:3]):
        row = model.row_of(number)
        model.setData(model.index(row, model.column_of("mid_value")), str(8 + i * 13))
        model.setData(model.index(row, model.column_of("conclusion")), "BAC"[i])
        model.setData(model.index(row, model.column_of("end_value")), "完成规划目标")
    model.setData(model.index(model.row_of(number), model.column_of("reason")),
                  "受外部环境影响，部分企业研发投入放缓，需加大政策扶持力度。")
    row6 = model.row_of("6")
    model.setData(model.index(row6, model.column_of("mid_value")), "20")
    model.setData(model.index(row6, model.column_of("conclusion")), "A")
    page = window.show_page("indicators")
    page.select("6", "mid_value")
    window.refresh_navigation()
    qtbot.wait(50)
    assert window.grab().save(str(artifacts / "main_window.png"))
    assert window.grab().save(str(artifacts / "step_indicators.png"))
    index = page.select("6", "conclusion")
    page.view.edit(index)
    qtbot.waitUntil(lambda: bool(page.view.viewport().findChildren(QComboBox)))
    combo = page.view.viewport().findChildren(QComboBox)[0]
    combo.showPopup()
    qtbot.wait(50)
    assert combo.view().window().grab().save(str(artifacts / "conclusion_picker.png"))
    combo.hidePopup()
    page.view.closePersistentEditor(index)
    tasks = window.show_page("tasks")
    tasks.select(first_assigned(window, "tasks"), "progress")
    qtbot.wait(50)
    assert window.grab().save(str(artifacts / "tasks_page.png"))
    assert window.grab().save(str(artifacts / "step_tasks.png"))
    plan = window.ctx.ws.rows("plans")[0].number
    page = window.show_page(report_key(plan))
    page.editor("part1").setPlainText(
        "一、主要指标完成情况\n截至2023年6月，全区高新技术企业累计达到826家，"
        "完成规划目标的59%，进展良好，可以如期完成。")
    page.flush()
    window.refresh_navigation()
    qtbot.wait(50)
    assert window.grab().save(str(artifacts / "report_page.png"))
    assert window.grab().save(str(artifacts / "step_report.png"))
    window.show_page("check")
    qtbot.wait(50)
    assert window.grab().save(str(artifacts / "step_check.png"))
    window.show_page("export")
    qtbot.wait(50)
    assert window.grab().save(str(artifacts / "step_export.png"))
    window.resize(1024, 700)  # an old PC's screen
    window.show_page("indicators")
    qtbot.wait(50)
    assert window.grab().save(str(artifacts / "step_indicators_1024.png"))
    window.close()


def test_long_answers_take_several_lines_and_enter_saves(qtbot, demo: Path) -> None:
    """推进情况 is written as paragraphs: Alt+Enter starts a line, Enter saves the cell."""
    window = show(qtbot, open_window(demo))
    page = window.show_page("tasks")
    number = first_assigned(window, "tasks")
    _, editor = open_editor(qtbot, page.view, page.model.row_of(number),
                            page.model.column_of("progress"), QPlainTextEdit)
    assert editor.height() >= 96
    editor.setPlainText("一、园区一期已建成")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    editor.insertPlainText("二、二期完成立项")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.view.viewport().findChildren(QPlainTextEdit))
    saved = window.ctx.ws.answer("tasks", number, "progress")
    assert saved == "一、园区一期已建成\n二、二期完成立项"
    window.close()
