"""Rows answered by several units, side by side, so the officer settles them before roll-up.

Each unit's answers come from its latest live package (the last stage it has one for).
A row conflicts where the units' conclusions or figures differ; free text is shown but
never called a conflict.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.commission.intake import LIVE
from desktop.commission.round import roster_of
from desktop.core.division import Deliverables, units_of
from desktop.core.form import TableSpec
from desktop.core.model import Assignment
from desktop.forms import Form
from desktop.store.commission import CommissionWorkspace

COMPARED_KINDS = ("choice", "figure")


@dataclass(frozen=True)
class SharedRow:
    table: str
    number: str
    title: str
    units: tuple[str, ...]
    answers: dict[str, dict[str, str]]  # unit -> field -> value (units that answered)
    conflicts: tuple[str, ...]  # fields whose compared values differ

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(u for u in self.units if u not in self.answers)


def latest_packages(cws: CommissionWorkspace, statuses: Sequence[str] = LIVE
                    ) -> dict[str, dict[str, Any]]:
    """Each unit's package record (of those with `statuses`) of the latest stage it has one
    for, the newest by its created time within that stage."""
    order = {s["id"]: s["position"] for s in cws.query("SELECT id, position FROM stages")}
    best: dict[str, tuple[tuple[int, str, str], dict[str, Any]]] = {}
    marks = ",".join("?" * len(statuses))
    for p in cws.query(f"SELECT unit, stage, created, sha256, status FROM packages "
                       f"WHERE status IN ({marks})", tuple(statuses)):
        key = (order.get(p["stage"], -1), p["created"], p["sha256"])
        if p["unit"] not in best or key > best[p["unit"]][0]:
            best[p["unit"]] = (key, p)
    return {unit: record for unit, (_, record) in best.items()}


def latest_data(cws: CommissionWorkspace, statuses: Sequence[str] = LIVE
                ) -> dict[str, dict[str, Any]]:
    """Each unit's data.json from its latest package with `statuses` (see latest_packages)."""
    return {unit: package_data(cws, p["sha256"])
            for unit, p in latest_packages(cws, statuses).items()}


def conflicting(spec: TableSpec, answers: Mapping[str, Mapping[str, str]]) -> tuple[str, ...]:
    """The compared fields (choices, figures) whose non-empty values differ between units."""
    compared = [c.id for c in spec.answer_columns if c.kind in COMPARED_KINDS]
    return tuple(f for f in compared
                 if len({a.get(f, "").strip() for a in answers.values()
                         if a.get(f, "").strip()}) > 1)


def package_data(cws: CommissionWorkspace, sha256: str) -> dict[str, Any]:
    """data.json of a stored package (checked at intake, so read as is)."""
    with zipfile.ZipFile(io.BytesIO(cws.read_blob(sha256))) as zf:
        return dict(json.loads(zf.read("data.json").decode("utf-8")))


def shared_rows(cws: CommissionWorkspace, form: Form) -> list[SharedRow]:
    """Every answerable row with more than one responsible unit, in the commission's order."""
    full = Assignment(cws.rows())
    roster = roster_of(cws, form)
    data = latest_data(cws)
    specs = {t.id: t for t in form.tables}
    result = []
    for row in Deliverables.of(full.rows).rows:
        units = units_of(row, roster)
        spec = specs.get(row.table)
        if len(units) < 2 or spec is None:
            continue
        answers = {u: dict(data[u].get(row.table, {}).get(str(row.number), {}))
                   for u in units if u in data and str(row.number) in data[u].get(row.table, {})}
        result.append(SharedRow(row.table, str(row.number), row.title, units, answers,
                                conflicting(spec, answers)))
    return result
