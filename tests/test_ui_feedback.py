"""Feedback after an edit stays local: one row's findings, one row's completion.

Each edit re-checks its own row; the problems list replaces only that row's span, and the
navigation counts and the completion follow without a pass over every row. What they show
must be exactly what a full recheck of the saved workspace gives.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.division import REPORTS
from desktop.department import operations
from desktop.ui.app import open_window
from desktop.ui.department.main_window import KEY_ROLE, MainWindow
from desktop.ui.department.navigation import nav_entries, report_key
from desktop.ui.department.table_page import SEARCH_PAUSE_MS

EDITS = [  # (table, number, field, value): fill, contradict, clear, write a report part
    ("indicators", "6", "mid_value", "60"),
    ("indicators", "6", "conclusion", "A"),
    ("indicators", "6", "mid_value", "abc"),
    ("tasks", "3", "progress", "已完成"),
    ("tasks", "3", "conclusion", "B"),
    ("tasks", "3", "end_status", "如期完成"),
    ("indicators", "6", "mid_value", ""),
    ("tasks", "3", "progress", ""),
    ("tasks", "3", "progress", "推进中"),  # the row ends complete
]


def show(qtbot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def listed(window: MainWindow) -> list:
    model = window.finding_list
    return [model.finding(i) for i in range(model.rowCount())]


def expected_labels(window: MainWindow) -> dict[str, str]:
    """The navigation labels computed the slow way: full status, every finding counted."""
    ctx = window.ctx
    problems: dict[str, list[int]] = {}
    for f in operations.validate_workspace(ctx.ws, ctx.form):
        if not f.accepted:
            key = report_key(f.location.number) if f.location.table == REPORTS else f.location.table
            counts = problems.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += f.blocking
    out = {}
    for e in nav_entries(ctx.form, operations.workspace_status(ctx.ws, ctx.form)):
        n, errors = problems.get(e.key, [0, 0])
        out[e.key] = type(e)(e.key, e.title, e.done, e.total, e.note, n, errors).label
    return out


def test_an_edit_replaces_only_its_rows_findings_and_all_agree_with_a_full_recheck(
        qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    ctx, store, model = window.ctx, window.findings, window.finding_list
    signals: list[tuple[str, int, int]] = []
    model.modelReset.connect(lambda: signals.append(("reset", 0, 0)))
    for name in ("rowsInserted", "rowsRemoved"):
        getattr(model, name).connect(
            lambda _p, first, last, name=name: signals.append((name, first, last)))
    model.dataChanged.connect(lambda a, b, *_: signals.append(("changed", a.row(), b.row())))
    plan = ctx.ws.rows("plans")[0].number
    for table, number, field, value in [*EDITS, (REPORTS, plan, "part3", "环境趋势分析")]:
        before = listed(window)
        signals.clear()
        assert ctx.set_answer(table, number, field, value)
        after = listed(window)
        assert after == store.all()
        assert after == list(operations.validate_workspace(ctx.ws, ctx.form))
        # every announced change lies inside the edited row's span of the list
        at = store.position(table, number)
        lo = sum(store.position(f.location.table, f.location.number) < at for f in before)
        width = max(sum((f.location.table, f.location.number) == (table, number) for f in x)
                    for x in (before, after))
        assert signals or before == after
        for kind, first, last in signals:
            assert kind != "reset" and lo <= first <= last < lo + width
    window.refresh_navigation()
    shown = {window.nav.item(i).data(KEY_ROLE): window.nav.item(i).text()
             for i in range(window.nav.count())}
    for key, label in expected_labels(window).items():
        assert shown[key] == label
    assert window.progress.status() == operations.workspace_status(ctx.ws, ctx.form)
    window.close()


def test_undo_and_accepting_a_warning_keep_the_list_and_counts_exact(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    ctx = window.ctx
    ctx.set_answer("indicators", "6", "mid_value", "20")
    ctx.set_answer("indicators", "6", "conclusion", "A")
    warning = next(f for f in window.findings.all() if f.rule == "conclusion-mismatch")
    ctx.accept(warning.key, "上半年数据偏低")
    assert listed(window) == list(operations.validate_workspace(ctx.ws, ctx.form))
    for _ in range(3):
        ctx.undo()
        assert listed(window) == list(operations.validate_workspace(ctx.ws, ctx.form))
        assert window.progress.status() == operations.workspace_status(ctx.ws, ctx.form)
    window.refresh_navigation()
    shown = {window.nav.item(i).data(KEY_ROLE): window.nav.item(i).text()
             for i in range(window.nav.count())}
    assert all(shown[k] == v for k, v in expected_labels(window).items())
    window.close()


def test_typing_in_the_search_box_filters_once_after_the_pause(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    page = window.show_page("tasks")
    total = page.proxy.rowCount()
    calls: list[str] = []
    set_filter = page.proxy.set_filter
    page.proxy.set_filter = lambda text, open_only: (calls.append(text),  # type: ignore
                                                     set_filter(text, open_only))
    text = page.model.rows[-1].number  # e.g. "17": typed key by key, no pause between them
    assert len(text) > 1
    qtbot.keyClicks(page.search, text)
    assert calls == [] and page.proxy.rowCount() == total  # nothing filtered while typing
    qtbot.waitUntil(lambda: calls == [text])
    qtbot.wait(2 * SEARCH_PAUSE_MS)
    assert calls == [text]  # once, with the whole text
    shown = [page.model.rows[r] for r in page.proxy.shown_rows()]
    assert 0 < len(shown) < total
    assert all(any(text in page.model.text(page.model.row_of(r.number), c)
                   for c in range(page.model.columnCount()))
               or page.model.is_heading(page.model.row_of(r.number)) for r in shown)
    page.open_only.setChecked(True)  # the check box and a text set by the program: at once
    assert calls == [text, text]
    page.search.clear()
    assert calls[-1] == "" and page.proxy.rowCount() <= total
    window.close()


def test_a_search_finds_an_answer_typed_after_the_first_search(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    page = window.show_page("tasks")
    page.search.setText("独一无二的进展")
    assert page.proxy.rowCount() == 0
    page.search.clear()
    number = page.model.rows[-1].number
    window.ctx.set_answer("tasks", number, "progress", "独一无二的进展")
    page.search.setText("独一无二的进展")
    assert [page.model.rows[r].number for r in page.proxy.shown_rows()] == [number]
    window.close()


def test_the_text_a_search_looks_through_is_every_cell_of_the_row(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    window.ctx.set_answer("tasks", window.ctx.ws.rows("tasks")[0].number, "progress", "进展")
    assert any(r.parent for r in window.pages["indicators"].model.rows)  # shown indented
    for table in ("indicators", "tasks"):
        m = window.pages[table].model
        for row in range(m.rowCount()):
            cells = [m.text(row, c) for c in range(m.columnCount())]
            assert m.search_text(row) == "\n".join(cells)
        assert m.search_texts() == [m.search_text(row) for row in range(m.rowCount())]
    window.close()


def test_only_open_rows_are_those_with_an_open_finding(qtbot, demo: Path) -> None:
    window = show(qtbot, open_window(demo))
    ctx, page = window.ctx, window.show_page("indicators")
    m = page.model

    def shown() -> set[str]:
        return {m.rows[r].number for r in page.proxy.shown_rows() if not m.is_heading(r)}

    def expected() -> set[str]:
        return {f.location.number for f in operations.validate_workspace(ctx.ws, ctx.form)
                if f.location.table == "indicators" and not f.accepted}

    for column, value in (("mid_value", "20"), ("conclusion", "A"), ("reason", "有"),
                          ("end_value", "20"), ("measures", "加快")):
        ctx.set_answer("indicators", "6", column, value)
    warnings = [f for f in window.findings.of_row("indicators", "6") if not f.blocking]
    page.open_only.setChecked(True)
    assert shown() == expected() and "6" in shown()
    for f in warnings:
        ctx.accept(f.key, "核实无误")
    page.open_only.setChecked(False)
    page.open_only.setChecked(True)
    assert shown() == expected()
    window.close()


def test_search_keeps_exactly_the_rows_whose_cells_hold_the_text(qtbot, demo: Path) -> None:
    """The joined text a search runs over gives what reading every cell gives: a heading
    that matches keeps its sub-rows, a sub-row keeps its heading, the open-only filter
    narrows a search, case does not matter, and no match runs from one row into the next."""
    window = show(qtbot, open_window(demo))
    page = window.show_page("indicators")
    m = page.model
    i = next(i for i, r in enumerate(m.rows) if r.parent)  # a sub-row, the next one after it
    window.ctx.set_answer("indicators", m.rows[i].number, m.columns[-1].id, "Ｘ跨行ABC")
    across = "BC" + str(m.rows[i + 1].number)[:1]  # the end of one row, the start of the next

    def expected(text: str, open_only: bool) -> set[int]:
        text = text.casefold()
        opened = m.open_rows()
        kept: set[int] = set()
        for i, r in enumerate(m.rows):
            hit = any(text in m.text(i, c).casefold() for c in range(m.columnCount()))
            if m.is_heading(i):
                if hit and not open_only:
                    kept.add(i)
                    kept.update(j for j, s in enumerate(m.rows) if s.parent == r.number)
            elif hit and (not open_only or r.number in opened):
                kept.add(i)
                if r.parent:
                    kept.add(m.row_of(r.parent))
        return kept

    words = ["abc", "跨行", "%", "4", "发展", across, "无此文字"]
    for open_only in (False, True):
        page.open_only.setChecked(open_only)
        for text in words:
            page.search.setText(text)
            assert set(page.proxy.shown_rows()) == expected(text, open_only), (text, open_only)
    page.open_only.setChecked(False)
    for text in (across, "无此文字"):
        page.search.setText(text)
        assert page.proxy.shown_rows() == [], text
    page.search.setText("ｘ跨行abc")
    assert page.proxy.shown_rows() == sorted({i, m.row_of(m.rows[i].parent)})
    window.close()
