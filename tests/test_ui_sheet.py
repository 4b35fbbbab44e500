"""The tables behave like Excel/WPS: paste blocks, copy, Delete, Enter, A–D keys, fill
down, Chinese from an input method, steady row heights; undo says what it undid."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from desktop.department import operations
from desktop.ui.app import open_window
from desktop.ui.department.clipboard import format_block, parse_block
from desktop.ui.department.main_window import MainWindow
from desktop.ui.department.table_page import TablePage


def show(qtbot, path: Path) -> MainWindow:
    window = open_window(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.findings.wait()
    return window


def answerable(page: TablePage) -> list[str]:
    m = page.model
    return [r.number for i, r in enumerate(m.rows) if not m.is_heading(i)]


def test_spreadsheet_blocks_round_trip() -> None:
    rows = [["已完成", 'He said "ok"'], ["第一行\n第二行", ""]]
    assert parse_block(format_block(rows)) == rows
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]  # Excel on Windows


def test_paste_a_block_from_excel_refuses_bad_cells_and_undoes_in_one_step(qtbot, demo):
    window = show(qtbot, demo)
    page = window.show_page("tasks")
    assert isinstance(page, TablePage)
    first, second, third = answerable(page)[:3]
    page.select(first, "progress")
    block = '已立项\tb\t"按期完成\n预计2025年"\n推进中\tX\t\n开工\tc\t竣工\n'
    assert page.view.paste_text(block) == 8  # 9 cells, "X" is no grade
    ws = window.ctx.ws
    assert ws.answer("tasks", first, "conclusion") == "B"  # "b" is taken as B
    assert ws.answer("tasks", first, "end_status") == "按期完成\n预计2025年"
    assert ws.answer("tasks", third, "conclusion") == "C"
    assert ws.answer("tasks", second, "conclusion") == ""
    notice = page.notice.text()
    assert "已粘贴 8 格" in notice and f"{second} “评估结论”：应为 A、B、C、D 之一" in notice
    window.undo()  # the whole paste, in one step
    assert [ws.answer("tasks", n, "progress") for n in (first, second, third)] == ["", "", ""]
    message = window.statusBar().currentMessage()  # 7 cells changed: one was empty already
    assert message.startswith(f"已撤销：主要任务评估表 {first} “推进情况” 等 7 格"), message
    window.redo()
    assert ws.answer("tasks", third, "progress") == "开工"


def test_copy_delete_enter_letters_and_fill_down(qtbot, demo):
    window = show(qtbot, demo)
    page = window.show_page("tasks")
    view, ws = page.view, window.ctx.ws
    first, second, third = answerable(page)[:3]
    index = page.select(first, "conclusion")
    qtbot.keyClicks(view, "a")  # a letter sets the grade, no drop-down
    assert ws.answer("tasks", first, "conclusion") == "A"
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter moves down
    assert view.currentIndex().row() == index.row() + 1
    qtbot.keyClick(view, Qt.Key.Key_D)  # "d" on the next row
    assert ws.answer("tasks", second, "conclusion") == "D"
    view.setCurrentIndex(index)
    bottom = page.proxy.index(page.proxy.row_of(third), index.column())
    view.selectionModel().select(
        page.proxy.index(index.row(), index.column()),
        view.selectionModel().SelectionFlag.ClearAndSelect)
    for n in (second, third):
        view.selectionModel().select(page.proxy.index(page.proxy.row_of(n), index.column()),
                                     view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # fill down
    assert [ws.answer("tasks", n, "conclusion") for n in (first, second, third)] == ["A"] * 3
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "A\nA\nA\n"
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [ws.answer("tasks", n, "conclusion") for n in (first, second, third)] == [""] * 3
    window.undo()  # Delete is undone in one step
    assert ws.answer("tasks", third, "conclusion") == "A"
    assert bottom.isValid()


def test_typing_then_enter_saves_and_moves_down(qtbot, demo):
    window = show(qtbot, demo)
    page = window.show_page("indicators")
    number = answerable(page)[0]
    index = page.select(number, "mid_value")
    qtbot.keyClicks(page.view, "1")  # any key opens the editor, as in a spreadsheet
    editor = page.view.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "2")
    assert editor.text() == "12"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.ws.answer("indicators", number, "mid_value") == "12")
    qtbot.waitUntil(lambda: page.view.currentIndex().row() == index.row() + 1)


def commit(widget, text: str, preedit: str = "") -> None:
    event = QInputMethodEvent(preedit, [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def test_chinese_from_an_input_method_arrives_whole(qtbot, demo):
    """As fcitx and Sogou send it: a bare commit, or pre-edit text then the commit."""
    window = show(qtbot, demo)
    page = window.show_page("indicators")
    number = answerable(page)[0]
    page.select(number, "mid_value")
    commit(page.view, "约９左右")  # a cell not yet in edit mode
    editor = page.view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "约９左右"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.ws.answer("indicators", number, "mid_value") == "约９左右")

    page = window.show_page("tasks")
    task = answerable(page)[0]
    page.select(task, "progress")
    QCoreApplication.sendEvent(page.view, QInputMethodEvent("tui jin", []))  # composing
    box = page.view.viewport().findChild(QPlainTextEdit)
    assert box is not None
    commit(QGuiApplication.focusObject(), "推进顺利")
    assert box.toPlainText() == "推进顺利"


def test_saving_a_long_reason_does_not_move_the_rows_below(qtbot, demo):
    window = show(qtbot, demo)
    page = window.show_page("tasks")
    numbers = answerable(page)
    rows = [page.proxy.row_of(n) for n in numbers[:4]]
    before = [page.view.rowViewportPosition(r) for r in rows]
    page.model.setData(page.model.index(page.model.row_of(numbers[0]),
                                        page.model.column_of("reason")), "很长的原因。" * 80)
    qtbot.wait(50)
    assert [page.view.rowViewportPosition(r) for r in rows] == before


def test_eight_task_rows_at_1366x768_with_the_problems_list_folded(qtbot, demo):
    window = show(qtbot, demo)
    window.resize(1366, 768 - 70)  # less the taskbar and the title bar
    window.problems.set_expanded(False)
    page = window.show_page("tasks")
    qtbot.wait(100)
    view = page.view
    full = [r for r in range(view.model().rowCount())
            if 0 <= view.rowViewportPosition(r)
            and view.rowViewportPosition(r) + view.rowHeight(r) <= view.viewport().height()]
    assert len(full) >= 8
    assert window.problems.height() < 60 and window.problems.summary.isVisible()


def test_undo_jumps_to_the_cell_and_both_redo_keys_work(qtbot, demo):
    window = show(qtbot, demo)
    page = window.show_page("tasks")
    number = answerable(page)[1]
    page.model.setData(page.model.index(page.model.row_of(number),
                                        page.model.column_of("progress")), "已开工")
    window.show_page("indicators")
    window.undo()
    assert window.current_key() == "tasks"
    current = page.proxy.mapToSource(page.view.currentIndex())
    assert (current.row(), current.column()) == (page.model.row_of(number),
                                                 page.model.column_of("progress"))
    assert f"已撤销：主要任务评估表 {number} “推进情况”" in window.statusBar().currentMessage()
    keys = window.redo_action.shortcuts()
    assert keys[0] == QKeySequence("Ctrl+Y")  # shown in the menu: what works
    assert QKeySequence("Ctrl+Shift+Z") in keys
    with qtbot.waitActive(window):
        window.activateWindow()  # window shortcuts need the active window
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.ws.answer("tasks", number, "progress") == "已开工"
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.ctx.ws.answer("tasks", number, "progress") == "已开工"


def test_accepting_a_warning_can_be_undone(qtbot, tmp_path):
    path = tmp_path / "ws"
    operations.create_demo(path, filled=True).close()
    window = show(qtbot, path)
    page = window.show_page("indicators")
    number = answerable(page)[-1]
    window.ctx.set_answers([("indicators", number, "mid_value", "10"),
                            ("indicators", number, "conclusion", "A")])  # figures say D
    warning = next(f for f in window.findings.all() if not f.blocking and not f.accepted)
    window.ctx.accept(warning.key, "年底集中认定")
    assert window.ctx.ws.acceptances()[warning.key] == "年底集中认定"
    assert window.findings.counts()[2] == 1
    window.undo()
    assert warning.key not in window.ctx.ws.acceptances()
    assert window.findings.counts()[2] == 0
    assert "接受警告的理由" in window.statusBar().currentMessage()
    window.redo()
    assert window.ctx.ws.acceptances()[warning.key] == "年底集中认定"
