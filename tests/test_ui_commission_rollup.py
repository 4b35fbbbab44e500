"""The commission window's 全区汇总 and 修改对照 pages (issue 11), driven with pytest-qt on
the round tests/test_commission_rollup.py builds (five units accepted, 区科委 twice, 区财政局
only received); screenshots at 1366x768 in tests/artifacts/commission.

The expected figures are worked out here from the packages' data.json, not taken from the
core: the page must show what the accepted packages say.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from test_commission_rollup import ACCEPTED, _data, _sha, district  # noqa: F401 (fixture)
from test_commission_round import Round
from test_ui_commission import Answers, answers, open_window, shots  # noqa: F401 (fixtures)
from walk.latin import problems

from desktop.commission.round import round_form
from desktop.core.division import REPORTS, answerable
from desktop.core.progress import GRADES
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.diff_page import NEW_BG, OLD_BG
from desktop.ui.commission.summary_page import no_charts_notice
from desktop.ui.commission.window import CommissionWindow

LONG = 120_000  # ms: the roll-up reads every package on a shared, busy machine


@pytest.fixture
def window(qtbot: Any, district: Round, tmp_path: Path, answers: Answers) -> Any:  # noqa: F811
    shutil.copytree(district.cws, tmp_path / "cws")
    w = open_window(qtbot, tmp_path / "cws", answers)
    yield w
    w.shutdown()


def english(window: CommissionWindow) -> list[str]:
    """English in what the officer sees; the title names the program (planeval)."""
    return [p for p in problems(window) if not p.startswith("title:")]


def pictures(xlsx: Path) -> list[str]:
    with zipfile.ZipFile(xlsx) as zf:
        return [n for n in zf.namelist() if n.startswith("xl/media/")]


def wait_idle(qtbot: Any, window: CommissionWindow) -> None:
    qtbot.waitUntil(lambda: window.summary.worker is None, timeout=LONG)


def expected_counts(district: Round) -> dict[tuple[str, str], list[str]]:  # noqa: F811
    """(table title, category) -> A, B, C, D, 未填报 from the accepted packages' data.json.

    A row counts once, under the weakest grade any accepted unit gave it."""
    data = {u: _data(district, u) for u in ACCEPTED}
    with CommissionWorkspace.open(district.cws) as cws:
        form, rows = round_form(cws), answerable(cws.rows())
    found: dict[tuple[str, str], list[int]] = {}
    for spec in form.tables:
        column = spec.role("conclusion")
        if not column:
            continue
        for row in (r for r in rows if r.table == spec.id):
            sent = [d[spec.id][str(row.number)] for d in data.values()
                    if d.get(spec.id, {}).get(str(row.number))]
            given = {spec.grade_map().get(a.get(column, ""), "") for a in sent} - {""}
            counts = found.setdefault((spec.title, row.category or "（未分类）"), [0] * 5)
            counts[GRADES.index(max(given)) if given else 4] += 1
    return {k: [str(n) for n in v] for k, v in found.items()}


def shown_counts(window: CommissionWindow) -> dict[tuple[str, str], list[str]]:
    shown, title = {}, ""
    for row in window.summary.counts.texts():
        title = row[0] or title
        if row[1] != "合计":
            shown[(title, row[1])] = row[2:]
    return shown


def test_summary_page_shows_what_the_accepted_packages_say(
        qtbot: Any, window: CommissionWindow, district: Round,  # noqa: F811
        shots: Path) -> None:  # noqa: F811
    page = window.summary
    window.tabs.setCurrentWidget(page)  # opening the tab reads the round on the worker
    assert page.worker is not None and page.cancel_button.isEnabled()
    wait_idle(qtbot, window)
    assert shown_counts(window) == expected_counts(district)
    with CommissionWorkspace.open(district.cws) as cws:
        roster = [u["name"] for u in cws.units()]
        rows = answerable(cws.rows())
    missing = [r[0] for r in page.missing.texts()]
    assert sorted(missing) == sorted(set(roster) - set(ACCEPTED))
    assert ["区财政局", "已接收"] in page.missing.texts()
    data = [_data(district, u) for u in ACCEPTED]
    nobody = [r for r in rows if r.table in ("indicators", "tasks")
              and not any(d.get(r.table, {}).get(str(r.number)) for d in data)]
    assert sorted((r[1] for r in page.unanswered.texts()), key=str) == sorted(
        (str(r.number) for r in nobody), key=str)
    conflicts = {(r[0], r[1]) for r in page.conflicts.texts()}
    assert ("主要任务评估表", "88") in conflicts  # 区卫生健康委 C, 区民政局 otherwise
    (line,) = [r for r in page.conflicts.texts() if r[1] == "88"]
    assert "区卫生健康委：C" in line[4] and "区民政局：" in line[4]
    assert f"尚未确认的 {len(missing)} 个" in page.status.text()
    assert page.conclusions_chart.has_picture() and page.progress_chart.has_picture()
    assert english(window) == []
    window.grab().save(str(shots / "rollup.png"))
    page.charts.setCurrentWidget(page.progress_chart)
    page.lists.setCurrentWidget(page.unanswered)
    window.grab().save(str(shots / "rollup_progress.png"))

    page.lists.setCurrentWidget(page.conflicts)  # double-click: the row in 共同负责的行
    row = next(i for i, r in enumerate(page.conflicts.texts()) if r[1] == "88")
    page.conflicts.doubleClicked.emit(page.conflicts.model().index(row, 0))
    assert window.tabs.currentWidget() is window.shared
    assert window.shared.current().number == "88"  # type: ignore[union-attr]


def test_rollup_and_compile_buttons_write_files_off_the_ui_thread(
        qtbot: Any, window: CommissionWindow, district: Round, tmp_path: Path,  # noqa: F811
        answers: Answers) -> None:  # noqa: F811
    page = window.summary
    window.tabs.setCurrentWidget(page)
    wait_idle(qtbot, window)
    answers.folder = str(tmp_path / "cancelled")
    Path(answers.folder).mkdir()
    page.rollup_button.click()
    assert not page.rollup_button.isEnabled()  # one job at a time
    page.cancel_button.click()
    wait_idle(qtbot, window)
    assert "已取消" in page.status.text() and not list(Path(answers.folder).iterdir())
    page.refresh_button.click()
    page.cancel_button.click()
    wait_idle(qtbot, window)
    assert page.stale  # read again when the tab is next shown

    answers.folder = str(tmp_path / "gone")  # a share that went away: said in Chinese
    page.rollup_button.click()
    wait_idle(qtbot, window)
    assert len(answers.errors) == 1 and "找不到文件夹" in answers.errors[0]
    assert page.status.text().startswith("未能完成：找不到文件夹")
    answers.errors.clear()

    answers.folder = str(tmp_path / "out")
    Path(answers.folder).mkdir()
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    page.rollup_button.click()
    assert page.worker is not None  # the click returned at once: the work runs on a worker
    wait_idle(qtbot, window)
    timer.stop()
    assert len(ticks) > 3  # the UI thread's event loop kept running meanwhile
    assert answers.errors == [] and len(values) > 2  # progress was shown as it went
    out = Path(answers.folder)
    (xlsx,) = out.glob("*全区汇总表.xlsx")
    docs = sorted(p.name for p in out.glob("*.docx"))
    assert len(docs) == 2 and all(p in answers.told[-1] for p in [xlsx.name, *docs])
    assert len(pictures(xlsx)) == 2  # the two charts
    sheet = load_workbook(xlsx)["评估结论汇总"]
    totals = {(r[0], r[1]): [str(v) for v in r[2:7]]
              for r in sheet.iter_rows(values_only=True) if r[1] == "合计"}
    shown = {(r[0], r[1]): r[2:] for r in page.counts.texts() if r[1] == "合计"}
    assert totals == shown  # the workbook's figures are the page's
    for doc in docs:
        assert Document(str(out / doc)).paragraphs
    assert page.open_button.isEnabled()

    page.compile_button.click()
    wait_idle(qtbot, window)
    (compiled,) = out.glob("*汇编.docx")
    titles = [p.text for p in Document(str(compiled)).paragraphs if p.style.name == "报告标题"]
    reports = sum(len(_data(district, u).get("reports") or {}) for u in ACCEPTED)
    assert len([t for t in titles if "自评报告" in t and "汇编" not in t]) == reports
    assert compiled.name in answers.told[-1]


def test_without_matplotlib_the_charts_give_way_to_a_notice(
        qtbot: Any, window: CommissionWindow, monkeypatch: pytest.MonkeyPatch,
        shots: Path, tmp_path: Path, answers: Answers) -> None:  # noqa: F811
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib: ImportError
    page = window.summary
    window.tabs.setCurrentWidget(page)
    wait_idle(qtbot, window)
    assert answers.errors == []
    assert page.counts.rowCount() > 0
    for chart in (page.conclusions_chart, page.progress_chart):
        assert not chart.has_picture() and chart.notice() == no_charts_notice()
    assert "图表组件" in no_charts_notice()
    window.grab().save(str(shots / "rollup_no_charts.png"))
    answers.folder = str(tmp_path)
    page.rollup_button.click()  # the documents are written, without the charts
    wait_idle(qtbot, window)
    assert answers.errors == []
    (xlsx,) = tmp_path.glob("*全区汇总表.xlsx")
    assert len(list(tmp_path.glob("*.docx"))) == 2
    assert pictures(xlsx) == []


def _package_data(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as zf:
        return dict(json.loads(zf.read("data.json")))


def test_diff_lists_exactly_the_changed_fields_side_by_side(
        qtbot: Any, window: CommissionWindow, district: Round, shots: Path,  # noqa: F811
        tmp_path: Path, answers: Answers) -> None:  # noqa: F811
    first_path, second_path = district.packages["区科委-first"], district.drafts["区科委"]
    first, second = _sha([], first_path), _sha([], second_path)
    window.open_package(first)
    assert not window.review.compare_button.isEnabled()  # nothing before the first
    window.open_package(second)
    window.review.compare_button.click()  # 与上一版比较
    page = window.diff
    assert window.tabs.currentWidget() is page
    assert (page.old.currentData(), page.new.currentData()) == (first, second)

    before, after = _package_data(first_path), _package_data(second_path)
    form = round_form(window.cws)
    titles = {(t.id, c.id): c.title for t in form.tables for c in t.answer_columns}
    titles |= {(REPORTS, s.id): s.title for s in form.report.parts}
    expected = set()
    for table in [t.id for t in form.tables] + [REPORTS]:
        a, b = before.get(table) or {}, after.get(table) or {}
        for number in {*a, *b}:
            old, new = a.get(number) or {}, b.get(number) or {}
            for f in {*old, *new}:
                if str(old.get(f, "")) != str(new.get(f, "")):
                    expected.add((number, titles[(table, f)], old.get(f, ""), new.get(f, "")))
    lines = page.table.texts()
    assert {(r[1], r[3], r[4], r[5]) for r in lines} == expected and len(lines) == 2
    assert f"共 {len(expected)} 处修改" in page.info.text()
    model = page.table.model()
    for r in range(model.rowCount()):
        assert model.index(r, 4).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(OLD_BG)
        assert model.index(r, 5).data(Qt.ItemDataRole.BackgroundRole).color() == QColor(NEW_BG)
    report = next(r for r, c in enumerate(page.found) if c.table == REPORTS)
    page.table.selectRow(report)  # the whole text of the chosen change, side by side
    assert page.old_text.toPlainText() == page.found[report].old
    assert page.new_text.toPlainText() == "修改后的第一部分。"
    assert english(window) == []
    window.grab().save(str(shots / "diff.png"))

    page.new.setCurrentIndex(page.old.currentIndex())  # the same package on both sides
    page.compare()
    assert page.table.row_count() == 0 and not page.save_button.isEnabled()
    page.show_unit("区科委")  # default: the previous and the latest
    assert page.table.row_count() == 2
    answers.folder = str(tmp_path)
    page.save_button.click()
    (saved,) = tmp_path.glob("修改对照表-区科委-*.xlsx")
    sheet = load_workbook(saved).active
    assert {(r[1], r[3], r[4], r[5]) for r in sheet.iter_rows(min_row=3, values_only=True)
            } == expected
    page.show_unit("区民政局")  # one package: nothing to compare, said so
    assert page.table.row_count() == 0 and "只有一个有效材料包" in page.info.text()
