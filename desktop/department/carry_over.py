"""A new round for the same plan, started from the previous round's workspace.

`earlier_answers` reads every answer of a filled workspace as `Earlier` cells (with the
date each figure stands at); `create_from_earlier` makes the new round's workspace from the
division tables and carries them in, read-only, and fills the new form's yearly series
columns from the earlier figures of the same date, so nothing is retyped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.division import REPORTS
from desktop.core.earlier import Earlier, by_row, of_row, yearly
from desktop.core.errors import InputError
from desktop.core.form import Form
from desktop.core.model import Row
from desktop.core.reading import read_row
from desktop.department.operations import DEFAULT_FORM, create_workspace, form_of, open_workspace
from desktop.forms import find_form
from desktop.store import Workspace

if TYPE_CHECKING:
    from cryptography import x509

EARLIER_ROUND = "earlier_round"  # meta key: the round carried into this workspace
CARRIED_BY = "planeval"  # history's author of the series figures filled from earlier


def _title_and_date(form: Form, table: str, field: str, row: Row | None,
                    answers: Mapping[str, str]) -> tuple[str, str]:
    """The earlier column's heading and, for a figure, the ISO date it stands at."""
    if table == REPORTS:
        section = next((s for s in form.report.sections if s.id == field), None)
        return (section.title if section else field), ""
    spec = next((t for t in form.tables if t.id == table), None)
    column = next((c for c in spec.answer_columns if c.id == field), None) if spec else None
    if spec is None or column is None:
        return field, ""
    if column.kind != "figure":
        return column.title, ""
    date = form.cutoff_date(column.as_of) if column.as_of else None
    if date is None and row is not None and field == spec.role("mid_value"):
        reading = read_row(form, spec, row, answers)
        date = reading.cutoff if reading is not None else None
    return column.title, date.isoformat() if date else ""


def earlier_answers(ws: Workspace, form: Form) -> list[Earlier]:
    """Every answer of a workspace, as the earlier round's cells."""
    rows: dict[tuple[str, str], Row] = {(r.table, str(r.number)): r for r in ws.rows()}
    round_title = ws.meta.get("round", form.round)
    carried = []
    for table, by_number in ws.answers().items():
        for number, fields in by_number.items():
            for field, value in fields.items():
                title, as_of = _title_and_date(form, table, field, rows.get((table, number)),
                                               fields)
                carried.append(Earlier(round_title, form.id, table, number, field, title,
                                       value, as_of))
    return carried


def series_from_earlier(form: Form, rows: Sequence[Row], earlier: Sequence[Earlier]
                        ) -> list[tuple[str, str, str, str]]:
    """The new form's dated figure columns that an earlier figure of the same date fills."""
    items: list[tuple[str, str, str, str]] = []
    for spec in form.tables:
        dated: dict[str, str] = {}
        for c in spec.answer_columns:
            date = form.cutoff_date(c.as_of) if c.kind == "figure" and c.as_of else None
            if date is not None:
                dated[date.isoformat()] = c.id
        for row in (r for r in rows if r.table == spec.id):
            for day, value in _by_date(of_row(earlier, spec.id, row.number)).items():
                if day in dated:
                    items.append((spec.id, str(row.number), dated[day], value))
    return items


def _by_date(cells: Sequence[Earlier]) -> dict[str, str]:
    return {e.as_of: e.value for e in sorted(cells, key=lambda e: e.as_of) if e.as_of}


def create_from_earlier(path: Path, *, earlier_ws: Path, department: str = "",
                        form_id: str = DEFAULT_FORM,
                        assignment: Sequence[Path] | Path | None = None,
                        package: Path | None = None,
                        trust: Sequence[x509.Certificate] = ()) -> Workspace:
    """The new round's workspace, from the division tables (with `form_id`) or the
    commission's assignment package, carrying the earlier workspace's answers."""
    old, old_form = open_workspace(earlier_ws)
    with old:
        carried = earlier_answers(old, old_form)
        old_unit = old.department
    extra = {EARLIER_ROUND: old_form.round}
    if package is not None:
        from desktop.department.assignment import create_from_package  # cryptography: lazily

        ws = create_from_package(path, package, trust, earlier=carried,
                                 earlier_of=(old_form.district, old_unit), extra_meta=extra)
    elif assignment is not None:
        if (district := find_form(form_id).district) != old_form.district:
            raise InputError(f"上一轮工作区属于“{old_form.district}”，而新格式属于“{district}”，"
                             "不能带入。请选择同一区的上一轮工作区。")
        ws = create_workspace(path, assignment=assignment, department=department or old_unit,
                              form_id=form_id, earlier=carried, earlier_unit=old_unit,
                              extra_meta=extra)
    else:
        raise InputError("请用 --assignment 指定分工表，或用 --package 指定任务包。")
    ws.set_answers(series_from_earlier(form_of(ws), ws.rows(), carried), who=CARRIED_BY)
    return ws


def earlier_lines(ws: Workspace, form: Form) -> list[str]:
    """The earlier round's answers per row, as `planeval status` prints them."""
    earlier = ws.earlier()
    if not earlier:
        return []
    titles = {t.id: t.title for t in form.tables} | {REPORTS: form.report.document}
    round_title = ws.meta.get(EARLIER_ROUND, earlier[0].round)
    lines = [f"上一轮（{round_title}）填报的内容（只读，供对照）："]
    for table, by_number in by_row(earlier).items():
        for number, cells in by_number.items():
            shown = "；".join(f"{c['title']} {_short(c['value'])}" for c in cells)
            lines.append(f"  {titles.get(table, table)} 第 {number} 项：{shown}")
    return lines


def _short(text: str, width: int = 30) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width] + "…"


def history_by_year(ws: Workspace, table: str, number: str) -> dict[str, str]:
    """One earlier figure per year for a row."""
    return yearly(of_row(ws.earlier(), table, number))
