"""A Putuo final-evaluation workspace created from a filled mid-term one: every earlier
value carried over cell by cell, figures dated, the yearly series filled, shown in
status, export-data and the side panel; the wrong unit's workspace is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli
from desktop.core.errors import InputError
from desktop.core.reading import read_row
from desktop.department import operations
from desktop.department.carry_over import create_from_earlier, history_by_year
from desktop.forms import find_form
from desktop.paths import demo_dir
from desktop.store import Workspace

MIDTERM, FINAL = "putuo-2023-midterm", "putuo-2025-final"


@pytest.fixture
def midterm(tmp_path: Path) -> Path:
    path = tmp_path / "mid"
    operations.create_demo(path, filled=True).close()
    return path


def _final(tmp_path: Path, midterm: Path) -> Workspace:
    return create_from_earlier(tmp_path / "final", earlier_ws=midterm, assignment=demo_dir(),
                               department="", form_id=FINAL)


def test_every_midterm_value_is_carried_cell_by_cell(tmp_path, midterm):
    mid_form = find_form(MIDTERM)
    with Workspace.open(midterm) as old:
        old_answers, old_rows = old.answers(), old.rows()
    assert sum(len(f) for t in old_answers.values() for f in t.values()) > 50
    with _final(tmp_path, midterm) as ws:
        carried = {(e.table, e.number, e.field): e for e in ws.earlier()}
        assert ws.rows() == old_rows
        new_answers = ws.answers()
    cells = [(t, n, f, v) for t, rows in old_answers.items() for n, fs in rows.items()
             for f, v in fs.items()]
    assert len(carried) == len(cells)
    for table, number, field, value in cells:
        e = carried[(table, number, field)]
        assert (e.value, e.form_id, e.round) == (value, MIDTERM, mid_form.round)
    spec = mid_form.table("indicators")
    rows = {r.number: r for r in old_rows if r.table == "indicators"}
    for number, fields in old_answers["indicators"].items():
        reading = read_row(mid_form, spec, rows[number], fields)
        assert reading is not None and reading.cutoff is not None
        assert carried[("indicators", number, "mid_value")].as_of == reading.cutoff.isoformat()
        assert carried[("indicators", number, "conclusion")].title == "评估结论"
        assert carried[("indicators", number, "conclusion")].as_of == ""
    # the yearly series: a figure as of 2022-12-31 fills 2022年完成数, nothing else is typed
    expected = {n: {"value_2022": f["mid_value"]} for n, f in old_answers["indicators"].items()
                if carried[("indicators", n, "mid_value")].as_of == "2022-12-31"}
    assert expected and new_answers == {"indicators": expected}


def test_one_figure_per_year_from_the_earlier_round(tmp_path, midterm):
    with _final(tmp_path, midterm) as ws:
        number = next(e.number for e in ws.earlier() if e.table == "indicators")
        years = history_by_year(ws, "indicators", number)
        mid = next(e for e in ws.earlier() if (e.table, e.number, e.field)
                   == ("indicators", number, "mid_value"))
    assert years == {mid.as_of[:4]: mid.value}


def test_another_units_workspace_is_refused_and_nothing_made(tmp_path, midterm):
    with pytest.raises(InputError, match="上一轮工作区属于"):
        create_from_earlier(tmp_path / "final", earlier_ws=midterm, assignment=demo_dir(),
                            department="区商务委", form_id=FINAL)
    assert not (tmp_path / "final" / "workspace.sqlite").exists()


def test_a_workspace_without_an_earlier_round_has_none(demo):
    with Workspace.open(demo) as ws:
        assert ws.earlier() == ()
        assert "earlier" not in operations.export_data(ws, operations.form_of(ws))


def test_cli_init_from_status_and_export_data(tmp_path, midterm, capsys):
    final = tmp_path / "final"
    assert cli.main(["init", str(final), "--assignment", str(demo_dir()), "--form", FINAL,
                     "--from", str(midterm)]) == 0
    assert "已带入上一轮工作区" in capsys.readouterr().out
    assert cli.main(["status", str(final)]) == 0
    out = capsys.readouterr().out
    assert "上一轮（“十四五”规划中期评估（2023））填报的内容" in out
    assert "主要任务总结评估表 第 1 项：推进情况" in out and "评估结论 B" in out
    assert cli.main(["status", str(final), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["earlier"]["tasks"]["1"][1]["title"] == "评估结论"
    assert cli.main(["export-data", str(final)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["earlier"]["indicators"]["6"][0]["field"] == "mid_value"
    assert data["form"]["id"] == FINAL
    file = tmp_path / "data.json"  # the exported file fills back: earlier is read-only
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["fill", str(final), str(file)]) == 0
    assert "已写入 0 处修改" in capsys.readouterr().out


def test_the_side_panel_shows_the_earlier_answers(qtbot, tmp_path, midterm, artifacts):
    from desktop.ui.app import open_window
    from tests.test_ui_guided import show

    _final(tmp_path, midterm).close()
    window = show(qtbot, open_window(tmp_path / "final"))
    page = window.show_page("tasks")
    page.select("1", "conclusion")
    before = page.side.before
    assert before.isVisible()
    assert "上一轮（“十四五”规划中期评估（2023））填报" in before.text()
    assert "评估结论：B" in before.text() and "推进情况：" in before.text()
    page.select("3", "target_values")  # the final form's column for targets in the task text
    assert page.side.reading.isVisible()
    assert "任务文本中的量化目标：\n1. 累计 2个" in page.side.reading.text()
    window.resize(1280, 800)
    assert window.grab().save(str(artifacts / "final_round_side_panel.png"))
    page.select("1", "conclusion")
    assert not page.side.reading.isVisible()
    window.close()


def _final_package(root: Path, unit: str) -> Path:
    import datetime as dt

    from desktop.commission.issue import issue_assignments
    from desktop.commission.keys import create_keys
    from desktop.commission.round import create_round

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with create_round(root / "cws", assignment=demo_dir(), form_id=FINAL) as cws:
        create_keys(cws, "commission-pass-2026", now=now)
        (root / "out").mkdir()
        (issued,) = issue_assignments(cws, "commission-pass-2026", root / "out", now=now,
                                      units=[unit])
    return issued.path


def test_the_final_round_from_the_commissions_package_carries_too(tmp_path, midterm, capsys):
    with Workspace.open(midterm) as old:
        unit, old_answers = old.department, old.answers()
    package = _final_package(tmp_path / "issued", unit)
    final = tmp_path / "final"
    assert cli.main(["init", str(final), "--package", str(package), "--from", str(midterm)]) == 0
    out = capsys.readouterr().out
    assert "已带入上一轮工作区" in out and "任务包核验通过" in out
    with Workspace.open(final) as ws:
        assert ws.meta["form_id"] == FINAL
        carried = {(e.table, e.number, e.field): e.value for e in ws.earlier()}
    assert carried == {(t, n, f): v for t, rows in old_answers.items()
                       for n, fs in rows.items() for f, v in fs.items()}
    other = _final_package(tmp_path / "other", "区商务委")
    with pytest.raises(InputError, match="上一轮工作区属于"):
        create_from_earlier(tmp_path / "wrong", earlier_ws=midterm, package=other)
    assert not (tmp_path / "wrong" / "workspace.sqlite").exists()


def test_the_chart_draws_the_earlier_figures_year_by_year(qtbot, tmp_path, midterm, artifacts):
    from desktop.core.numbers import parse_figure
    from desktop.ui.app import open_window
    from tests.test_ui_guided import show

    with _final(tmp_path, midterm) as ws:
        mids = [e for e in ws.earlier() if (e.table, e.field) == ("indicators", "mid_value")]
        rows = {r.number: r for r in ws.rows() if r.table == "indicators"}
    window = show(qtbot, open_window(tmp_path / "final"))
    page = window.show_page("indicators")
    drawn = 0
    for e in mids:
        unit = rows[e.number].fields.get("unit", "")
        figure = parse_figure(e.value, unit)
        page.select(e.number, "final_value")
        chart = page.side.chart
        assert figure is not None and figure.unit_ok and chart.isVisible()
        assert (int(e.as_of[:4]), figure.value) in chart.history
        assert chart.height() >= chart.sizeHint().height()
        drawn += 1
    assert drawn == len(mids) >= 3
    number = next(e.number for e in mids if e.as_of.startswith("2023"))
    page.select(number, "final_value")
    window.resize(1366, 768)
    assert window.grab().save(str(artifacts / "final_round_history_chart.png"))
    window.close()
