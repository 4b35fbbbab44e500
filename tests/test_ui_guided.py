"""The guided path driven for real: steps, live problems, jumps, undo, accepting warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from desktop.core.division import REPORTS
from desktop.core.validation import Finding
from desktop.department import operations
from desktop.ui.app import open_window
from desktop.ui.department.main_window import MainWindow
from desktop.ui.department.navigation import CHECK, EXPORT, report_key
from desktop.ui.department.table_page import TablePage


def show(qtbot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def errors(window: MainWindow) -> int:
    return window.findings.counts()[0]


def click_problem(qtbot, window: MainWindow, match) -> Finding:
    view, model = window.problems.view, window.finding_list
    row = next(i for i in range(model.rowCount()) if match(model.finding(i)))
    index = model.index(row)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())
    return model.finding(row)


def type_in_cell(qtbot, page: TablePage, number: str, column: str, text: str) -> None:
    """Open the cell's editor in the view, put the text in, press Enter."""
    index = page.select(number, column)
    page.view.edit(index)
    qtbot.waitUntil(lambda: bool(page.view.viewport().findChildren(QLineEdit)))
    editor = page.view.viewport().findChildren(QLineEdit)[0]
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.view.viewport().findChildren(QLineEdit))


def test_walk_the_whole_path_with_the_next_button(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    plans = [r.number for r in window.ctx.ws.rows("plans")]
    expected = ["indicators", "tasks", *[report_key(p) for p in plans], CHECK, EXPORT]
    seen = [window.current_key()]
    assert not window.prev_button.isEnabled()
    while window.next_button.isEnabled():
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
        seen.append(window.current_key())
        assert window.stack.currentWidget() is window.pages[seen[-1]]
    assert seen == expected
    assert "第 6 步，共 6 步" in window.step_label.text()
    export_text = window.pages[EXPORT].text.text()
    assert "2023年05月15日" in export_text and "2023年07月10日" in export_text
    assert "初稿" in export_text and "定稿" in export_text

    qtbot.mouseClick(window.prev_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == CHECK
    check = window.pages[CHECK]
    before = errors(window)
    assert check.view.model().rowCount() == len(window.findings.all()) == before  # all open
    assert f"错误 {before}" in window.counts.text()

    page = window.show_page("indicators")
    number = "6"
    for column, text in (("mid_value", "80"), ("end_value", "160")):
        type_in_cell(qtbot, page, number, column, text)
    page.model.setData(page.model.index(page.model.row_of(number),
                                        page.model.column_of("conclusion")), "B")
    assert errors(window) == before - 3
    assert f"错误 {before - 3}" in window.counts.text()
    qtbot.waitUntil(lambda: "已填 1/" in window.nav.item(0).text())
    window.show_page(CHECK)
    listed = [check.view.model().finding(i) for i in range(check.view.model().rowCount())]
    assert listed == window.findings.all()
    assert not any(f.location.table == "indicators" and f.location.number == "6"
                   for f in listed)
    assert f"错误 {before - 3}" in check.summary.text()
    window.close()


def test_a_problem_jumps_to_its_cell_and_to_its_report_section(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    window.show_page(EXPORT)
    f = click_problem(qtbot, window, lambda f: f.location.table == "tasks"
                      and f.location.column == "end_status")
    page = window.pages["tasks"]
    assert window.stack.currentWidget() is page
    current = page.view.currentIndex()
    assert page.proxy.mapToSource(current).row() == page.model.row_of(f.location.number)
    assert current.column() == page.model.column_of("end_status")
    qtbot.waitUntil(page.view.hasFocus)

    f = click_problem(qtbot, window, lambda f: f.location.table == REPORTS
                      and f.location.column == "cases")
    report = window.pages[report_key(f.location.number)]
    assert window.stack.currentWidget() is report
    editor = report.editor("cases")
    qtbot.waitUntil(editor.hasFocus)
    assert isinstance(QApplication.focusWidget(), QPlainTextEdit)
    window.close()


def test_a_hidden_row_is_shown_again_when_a_problem_points_at_it(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    page = window.show_page("tasks")
    page.search.setText("不会出现的文字")
    assert page.proxy.rowCount() == 0
    click_problem(qtbot, window, lambda f: f.location.table == "tasks")
    assert page.search.text() == "" and page.proxy.rowCount() == page.model.rowCount()
    assert page.view.currentIndex().isValid()
    window.close()


def test_undo_and_redo_through_the_window_actions(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    ws, page = window.ctx.ws, window.show_page("indicators")
    assert not window.undo_action.isEnabled()
    type_in_cell(qtbot, page, "6", "mid_value", "80")
    type_in_cell(qtbot, page, "6", "mid_value", "90")
    assert ws.answer("indicators", "6", "mid_value") == "90"
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert ws.answer("indicators", "6", "mid_value") == "80"
    cell = page.model.index(page.model.row_of("6"), page.model.column_of("mid_value"))
    assert page.model.data(cell) == "80"
    window.undo_action.trigger()
    assert ws.answer("indicators", "6", "mid_value") == ""
    assert page.model.data(cell) == ""
    assert not window.undo_action.isEnabled() and window.redo_action.isEnabled()
    window.redo_action.trigger()
    assert ws.answer("indicators", "6", "mid_value") == "80"
    assert page.model.data(cell) == "80"
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z
    assert ws.answer("indicators", "6", "mid_value") == ""
    qtbot.keyClick(page.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Y
    assert ws.answer("indicators", "6", "mid_value") == "80"

    plan = ws.rows("plans")[0].number
    report = window.show_page(report_key(plan))
    report.editor("part3").setPlainText("环境趋势分析")
    report.flush()
    errors_before = errors(window)
    window.undo_action.trigger()  # report text is undone the same way
    assert ws.answer(REPORTS, plan, "part3") == ""
    assert report.editor("part3").toPlainText() == ""
    assert errors(window) == errors_before + 1
    window.redo_action.trigger()
    assert report.editor("part3").toPlainText() == "环境趋势分析"
    window.close()


def test_accept_a_warning_with_a_reason(qtbot, demo: Path) -> None:
    asked: list[Finding] = []

    def ask(f: Finding, parent) -> str:
        asked.append(f)
        return "新增企业集中在下半年认定，上半年数据偏低"

    window = show(qtbot, MainWindow(open_ctx(demo), ask_reason=ask))
    page = window.show_page("indicators")
    m = page.model
    row = m.row_of("6")
    m.setData(m.index(row, m.column_of("mid_value")), "20")
    m.setData(m.index(row, m.column_of("conclusion")), "A")
    assert window.findings.counts()[1] == 1
    assert "警告 1" in window.counts.text()
    conclusion = m.index(row, m.column_of("conclusion"))
    assert m.data(conclusion, Qt.ItemDataRole.BackgroundRole).color().name() == "#ffe3a3"
    assert "与所填结论" in m.data(conclusion, Qt.ItemDataRole.ToolTipRole)
    f = click_problem(qtbot, window, lambda f: f.rule == "conclusion-mismatch")
    assert window.problems.accept_button.isEnabled()
    qtbot.mouseClick(window.problems.accept_button, Qt.MouseButton.LeftButton)
    assert [a.key for a in asked] == [f.key]
    assert window.ctx.ws.acceptances() == {f.key: "新增企业集中在下半年认定，上半年数据偏低"}
    shown = window.finding_list.data(window.finding_list.index(
        window.finding_list.row_of_key(f.key)))
    assert shown.startswith("【已说明】") and "上半年数据偏低" in shown
    assert window.findings.counts()[1:] == (0, 1)
    assert "已说明 1" in window.counts.text()
    assert m.data(conclusion, Qt.ItemDataRole.BackgroundRole) is None
    window.close()


def open_ctx(path: Path):
    from desktop.ui.department.context import UiContext

    ws, form = operations.open_workspace(path)
    return UiContext(ws, form)


def test_search_and_filter_reduce_the_visible_rows(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    page = window.show_page("tasks")
    total = page.proxy.rowCount()
    page.search.setText("园区")
    assert 0 < page.proxy.rowCount() < total
    shown = [page.model.rows[page.proxy.mapToSource(page.proxy.index(i, 0)).row()]
             for i in range(page.proxy.rowCount())]
    assert all("园区" in (r.title + r.group) for r in shown)
    page.search.clear()
    assert page.proxy.rowCount() == total
    first = page.model.rows[page.proxy.mapToSource(page.proxy.index(0, 0)).row()].number
    for column, text in (("progress", "已完成"), ("conclusion", "B"), ("end_status", "如期完成")):
        page.model.setData(page.model.index(page.model.row_of(first),
                                            page.model.column_of(column)), text)
    page.open_only.setChecked(True)
    assert page.proxy.rowCount() == total - 1
    assert page.proxy.row_of(first) == -1
    window.close()


def test_the_side_panel_charts_the_selected_indicator(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    page = window.show_page("indicators")
    m = page.model
    m.setData(m.index(m.row_of("6"), m.column_of("mid_value")), "60")
    page.select("6", "conclusion")
    chart = page.side.chart
    assert chart.isVisible()
    assert chart.elapsed == pytest.approx(0.5) and chart.achieved == pytest.approx(0.4)
    text = page.side.reading.text()
    assert "余下每年需完成：36 家" in text and "数据建议结论：C" in text
    assert "评估结论" in page.side.note_title.text()
    assert "B 进展良好、可以如期完成" in page.side.note.text()
    window.close()


def test_a_background_full_check_merges_without_losing_fresh_edits(qtbot, demo: Path) -> None:
    window = show(qtbot, MainWindow(open_ctx(demo), inline_limit=0))
    store = window.findings
    page = window.pages["indicators"]
    page.model.setData(page.model.index(page.model.row_of("6"),
                                        page.model.column_of("mid_value")), "60")
    store.wait()
    qtbot.waitUntil(lambda: not store.running)
    assert store.all() == list(operations.validate_workspace(window.ctx.ws, window.ctx.form))
    window.close()


def test_a_background_check_starts_once_the_window_has_painted(qtbot, demo: Path) -> None:
    window = MainWindow(open_ctx(demo), inline_limit=0)
    qtbot.addWidget(window)
    checking: list[bool] = []
    window.findings.checking.connect(checking.append)
    qtbot.wait(50)
    assert checking == []  # not before the window shows
    window.show()
    qtbot.waitUntil(lambda: checking == [True, False])  # checked, merged
    assert window.findings.all() == list(
        operations.validate_workspace(window.ctx.ws, window.ctx.form))
    window.close()
