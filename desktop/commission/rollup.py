"""The district roll-up: every row of the round with each unit's accepted answer.

Answers come from each unit's latest ACCEPTED package (确认 by the commission; the last
stage it has one for). A row several units answer keeps every unit's answer; where their
conclusions or figures differ it is flagged by the rule `shared.conflicting` applies. A
row with no accepted answer stays empty and is listed, with what became of each of its
units' packages.

Long work takes `progress(done, total, what)`, so the commission's window can run it on
a worker and show how far it is.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.commission.intake import LIVE, STATUS_TITLES
from desktop.commission.round import roster_of, round_form
from desktop.commission.shared import conflicting, latest_packages, package_data
from desktop.core.division import answerable, units_of
from desktop.core.form import Form, TableSpec
from desktop.core.model import Row
from desktop.store.commission import CommissionWorkspace

Progress = Callable[[int, int, str], object]
ATTACHMENTS = "attachments/"
NOT_SENT = "未报送"


def no_progress(done: int, total: int, what: str) -> None:
    """The default progress callback: say nothing."""


@dataclass(frozen=True)
class Accepted:
    """A unit's latest accepted package: its data.json and evidence file names."""

    unit: str
    sha256: str
    stage: str
    created: str
    data: Mapping[str, Any]
    attachments: tuple[str, ...] = ()

    def answers(self, table: str, number: str) -> dict[str, str]:
        found = (self.data.get(table) or {}).get(number)
        return {k: str(v) for k, v in found.items()} if isinstance(found, dict) else {}


@dataclass(frozen=True)
class Line:
    """One answerable row of the district table."""

    row: Row
    units: tuple[str, ...]  # responsible roster units, in the commission's order
    answers: dict[str, dict[str, str]]  # unit -> field -> value (accepted packages only)
    conflicts: tuple[str, ...]  # fields whose compared values differ between units

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(u for u in self.units if u not in self.answers)


@dataclass(frozen=True)
class Rollup:
    form: Form
    rows: tuple[Row, ...]  # the whole assignment, parents included, in order
    lines: dict[str, list[Line]]  # form table id -> its answerable rows
    accepted: dict[str, Accepted]  # unit -> its latest accepted package
    states: dict[str, str] = field(default_factory=dict)  # unit -> 未报送 / 已接收 / …
    meta: Mapping[str, str] = field(default_factory=dict)

    def table(self, table_id: str) -> TableSpec:
        return self.form.table(table_id)

    def unanswered(self) -> list[Line]:
        """Rows with no accepted answer at all, table by table."""
        return [li for lines in self.lines.values() for li in lines if not li.answers]


def accepted_packages(cws: CommissionWorkspace, *, progress: Progress = no_progress
                      ) -> dict[str, Accepted]:
    """Each unit's latest accepted package, read from the blobs."""
    records = latest_packages(cws, ("accepted",))
    found = {}
    for i, (unit, p) in enumerate(sorted(records.items())):
        progress(i, len(records), f"读取{unit}的材料包")
        with zipfile.ZipFile(io.BytesIO(cws.read_blob(p["sha256"]))) as zf:
            evidence = tuple(n[len(ATTACHMENTS):] for n in zf.namelist()
                             if n.startswith(ATTACHMENTS) and not n.endswith("/"))
        found[unit] = Accepted(unit, p["sha256"], p["stage"], p["created"],
                               package_data(cws, p["sha256"]), evidence)
    return found


def unit_states(cws: CommissionWorkspace) -> dict[str, str]:
    """Every roster unit's state: 已确认, or what its latest live package awaits, or 未报送."""
    live = latest_packages(cws, LIVE)
    accepted = latest_packages(cws, ("accepted",))
    states = {}
    for u in cws.units():
        name = u["name"]
        if name in accepted:
            states[name] = STATUS_TITLES["accepted"]
        elif name in live:
            states[name] = STATUS_TITLES[live[name]["status"]]
        else:
            states[name] = NOT_SENT
    return states


def build_rollup(cws: CommissionWorkspace, *, progress: Progress = no_progress) -> Rollup:
    """Every answerable row of every table of the round's form, with accepted answers."""
    form = round_form(cws)
    rows = cws.rows()
    roster = roster_of(cws, form)
    accepted = accepted_packages(cws, progress=progress)
    leaves = answerable(rows)
    lines: dict[str, list[Line]] = {}
    for spec in form.tables:
        table_lines = []
        for row in (r for r in leaves if r.table == spec.id):
            units = units_of(row, roster)
            answers = {u: a for u in units if u in accepted
                       and (a := accepted[u].answers(spec.id, str(row.number)))}
            table_lines.append(Line(row, units, answers, conflicting(spec, answers)))
        lines[spec.id] = table_lines
    return Rollup(form, rows, lines, accepted, unit_states(cws), dict(cws.meta))

