"""A generated assignment 100x the demo's size (2.9k indicators, 11.2k tasks)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.model import Row, RowNumber
from desktop.department import operations
from desktop.department.sample import sample_answers
from desktop.forms import find_form
from desktop.io.assignment_xlsx import read_assignment
from desktop.paths import demo_dir
from desktop.store import Workspace

DEPARTMENT = "区科委"


def _shift(number: str, k: int) -> RowNumber:
    head, _, tail = number.partition(".")
    return RowNumber(f"{int(head) + 1000 * k}" + (f".{tail}" if tail else ""))


def scaled_rows(copies: int) -> list[Row]:
    """`copies` copies of every indicator and task of the seed's tables, all ours; 2 plans."""
    seed = read_assignment(demo_dir())
    rows: list[Row] = []
    for table in ("indicators", "tasks"):
        for k in range(copies):
            for r in seed.table(table):
                rows.append(Row(table, _shift(r.number, k), r.category, r.group, r.fields,
                                (DEPARTMENT,), _shift(r.parent, k) if r.parent else None))
    rows += [Row("plans", RowNumber(p.number), p.category, p.group, p.fields, (DEPARTMENT,))
             for p in seed.table("plans")[:2]]
    return rows


def make_workspace(path: Path, copies: int, *, every: int = 2) -> Workspace:
    form = find_form(operations.DEFAULT_FORM)
    meta = {"form_id": form.id, "form_version": form.version, "form_hash": form.hash}
    ws = Workspace.create(path, rows=scaled_rows(copies), department=DEPARTMENT, meta=meta)
    data = sample_answers(ws.rows(), form)
    for table in ("indicators", "tasks"):  # answer every `every`th row
        data[table] = {n: v for i, (n, v) in enumerate(data[table].items()) if i % every == 0}
    operations.fill(ws, form, data)
    return ws
