"""Who answers for what: a department's share of an assignment, and what it must submit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.model import INDICATORS, PLANS, TASKS, Assignment, Row
from desktop.core.roster import Roster

REPORTS = "reports"


def units_of(row: Row, roster: Roster) -> tuple[str, ...]:
    """The roster units answering for a row, aliases resolved and collectives expanded."""
    return roster.resolve_all(row.units)


def department_rows(assignment: Assignment, roster: Roster, department: str) -> tuple[Row, ...]:
    """Every row naming the department, alone or among several units, in table order."""
    return tuple(r for r in assignment.rows if department in units_of(r, roster))


def answerable(rows: Iterable[Row]) -> tuple[Row, ...]:
    """Rows the department fills in: a row split into sub-rows is answered by those."""
    rows = tuple(rows)
    parents = {(r.table, r.parent) for r in rows if r.parent}
    return tuple(r for r in rows if (r.table, r.number) not in parents)


@dataclass(frozen=True)
class Deliverables:
    """What a department must submit: rows to answer in each table, one report per plan."""

    rows: tuple[Row, ...]

    @classmethod
    def of(cls, rows: Iterable[Row]) -> Deliverables:
        return cls(answerable(rows))

    def table(self, name: str) -> tuple[Row, ...]:
        """The rows to answer in a table; for "reports", the plans each needing a report."""
        wanted = PLANS if name == REPORTS else name
        return tuple(r for r in self.rows if r.table == wanted)

    @property
    def indicators(self) -> tuple[Row, ...]:
        return self.table(INDICATORS)

    @property
    def tasks(self) -> tuple[Row, ...]:
        return self.table(TASKS)

    @property
    def plans(self) -> tuple[Row, ...]:
        return self.table(PLANS)

    @property
    def empty(self) -> bool:
        return not self.rows
