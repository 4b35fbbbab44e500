"""What is filled in and what is left: per table the complete rows, per plan the report
sections written, and the answers the current form has no place for.

`status_of` computes it from rows and answers in memory; `LiveStatus` keeps it up to date
one edited row at a time, so the GUI's refresh after an edit costs the same at 100 rows
as at 14,000.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.division import REPORTS, Deliverables
from desktop.core.form import Form, TableSpec
from desktop.core.model import Row

AnswerMap = Mapping[str, Mapping[str, Mapping[str, str]]]  # table -> number -> field -> value
Orphans = dict[str, dict[str, dict[str, str]]]


@dataclass(frozen=True)
class TableStatus:
    title: str
    assigned: tuple[str, ...]
    complete: tuple[str, ...]


@dataclass(frozen=True)
class ReportStatus:
    plan_number: str
    plan_name: str
    sections: tuple[str, ...]
    complete_sections: tuple[str, ...]


@dataclass(frozen=True)
class Status:
    department: str
    tables: dict[str, TableStatus]
    reports: tuple[ReportStatus, ...]
    orphans: Orphans  # answers the current form has no place for

    def as_json(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "tables": {k: {"title": t.title, "assigned": list(t.assigned),
                           "complete": list(t.complete)} for k, t in self.tables.items()},
            "reports": [{"plan": r.plan_number, "name": r.plan_name,
                         "sections": list(r.sections),
                         "complete_sections": list(r.complete_sections)} for r in self.reports],
            "orphans": self.orphans,
        }


def answer_tables(form: Form) -> list[str]:
    """The tables answers are kept for: the form's tables, then the reports."""
    return [*(t.id for t in form.tables), REPORTS]


def answer_fields(form: Form, table: str) -> tuple[str, ...]:
    if table == REPORTS:
        return tuple(s.id for s in form.report.sections)
    return tuple(c.id for c in form.table(table).answer_columns)


def orphans_of(form: Form, answers: AnswerMap) -> Orphans:
    orphans: Orphans = {}
    for table, by_row in answers.items():
        known = set(answer_fields(form, table)) if table in answer_tables(form) else set()
        for number, values in by_row.items():
            extra = {f: v for f, v in values.items() if f not in known}
            if extra:
                orphans.setdefault(table, {})[number] = extra
    return orphans


def required_columns(spec: TableSpec) -> tuple[str, ...]:
    return tuple(c.id for c in spec.answer_columns if c.required)


def row_complete(required: tuple[str, ...], answers: Mapping[str, str]) -> bool:
    """Every required column (required_columns) answered."""
    return all(answers.get(c, "").strip() for c in required)


def status_of(department: str, form: Form, rows: Sequence[Row], answers: AnswerMap) -> Status:
    """The status from rows and answers already in memory."""
    return LiveStatus(department, form, rows, answers).status()


class LiveStatus:
    """The status over `answers`, a mapping the caller keeps current: after changing one
    row's answers, call `update` with that row."""

    def __init__(self, department: str, form: Form, rows: Sequence[Row],
                 answers: AnswerMap) -> None:
        self.department, self.form, self.answers = department, form, answers
        work = Deliverables.of(rows)
        self._plans = work.plans
        self._specs = {spec.id: spec for spec in form.tables}
        self._required = {spec.id: required_columns(spec) for spec in form.tables}
        self._assigned = {t: tuple(r.number for r in work.table(t)) for t in self._specs}
        self._members = {t: frozenset(numbers) for t, numbers in self._assigned.items()}
        self._complete: dict[str, set[str]] = {}
        for t, required in self._required.items():
            given = answers.get(t, {})
            unanswered = row_complete(required, {})  # true only when nothing is required
            self._complete[t] = {n for n in self._assigned[t]
                                 if (row_complete(required, given[n]) if n in given
                                     else unanswered)}
        self._orphans = orphans_of(form, answers)

    def update(self, table: str, number: str) -> None:
        """Re-read one row's answers."""
        given = self.answers.get(table, {}).get(number, {})
        if table in self._specs and number in self._members[table]:
            if row_complete(self._required[table], given):
                self._complete[table].add(number)
            else:
                self._complete[table].discard(number)
        extra = orphans_of(self.form, {table: {number: given}}).get(table, {}).get(number)
        if extra:
            self._orphans.setdefault(table, {})[number] = extra
        elif number in self._orphans.get(table, {}):
            del self._orphans[table][number]
            if not self._orphans[table]:
                del self._orphans[table]

    def status(self) -> Status:
        tables = {}
        for t, spec in self._specs.items():
            done = self._complete[t]
            tables[t] = TableStatus(title=spec.title, assigned=self._assigned[t],
                                    complete=tuple(n for n in self._assigned[t] if n in done))
        ids = tuple(s.id for s in self.form.report.sections)
        reports = []
        for plan in self._plans:
            written = self.answers.get(REPORTS, {}).get(plan.number, {})
            reports.append(ReportStatus(
                plan_number=plan.number, plan_name=plan.fields.get("name", ""), sections=ids,
                complete_sections=tuple(i for i in ids if written.get(i, "").strip()),
            ))
        orphans = {t: {n: dict(v) for n, v in by.items()} for t, by in self._orphans.items()}
        return Status(self.department, tables, tuple(reports), orphans)
