"""A commission's format as frozen objects: tables, answer columns, report sections, timing.

desktop/forms loads these from forms/<id>/; the domain rules read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.progress import GRADES


@dataclass(frozen=True)
class Condition:
    """Required only when another column of the row holds one of some values."""

    column: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    required: bool = False
    choices: tuple[str, ...] = ()
    kind: str = "text"  # "text", "figure" (a number in the row's unit) or "choice"
    required_when: Condition | None = None
    message: str = ""  # the commission's words for a missing value, if it has them
    grades: Mapping[str, str] = field(default_factory=dict)  # choice -> commission grade A-D
    as_of: str = ""  # the date the figure stands at: ISO date or a cutoff name ("" = none)


@dataclass(frozen=True)
class Series:
    """Columns holding one figure at successive dates (2021, 2022, mid-2023), in order.

    `base` is the row field or column with the base-year value (2020); `cumulative` says
    whether the figures add up over the period (None: as the target says).
    """

    columns: tuple[str, ...]
    base: str = ""
    cumulative: bool | None = None


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    attachment: str
    assignment_columns: tuple[Column, ...]
    answer_columns: tuple[Column, ...]
    roles: Mapping[str, str] = field(default_factory=dict)  # domain role -> column id
    lower_is_better: frozenset[str] = frozenset()  # row numbers where lower is better
    label: str = ""  # what a row is called in messages (指标, 任务, 项目); "" = by roles
    grades: Mapping[str, str] = field(default_factory=dict)  # the table's own vocabulary
    series: Series | None = None

    def role(self, name: str) -> str | None:
        """The column playing a domain role (conclusion, mid_value, end_value, ...)."""
        return self.roles.get(name)

    @property
    def row_label(self) -> str:
        return self.label or ("指标" if self.role("target") else "任务")

    def grade_map(self) -> Mapping[str, str]:
        """How the conclusion column's words map to the commission's grades A-D.

        The column's own `grades`, else the table's; with neither, the words are the
        grades themselves (A, B, C, D).
        """
        return self._grade_map

    @cached_property
    def _grade_map(self) -> Mapping[str, str]:  # a full check asks once per row
        column = self.role("conclusion")
        own = next((c.grades for c in self.answer_columns if c.id == column), {})
        return MappingProxyType(dict(own or self.grades or {g: g for g in GRADES}))

    def column(self, column_id: str) -> Column:
        for c in self.answer_columns:
            if c.id == column_id:
                return c
        raise KeyError(column_id)


@dataclass(frozen=True)
class SectionItem:
    """A numbered sub-item of a report part (e.g. "1、中期完成数") and what it asks for."""

    title: str
    guidance: str = ""


@dataclass(frozen=True)
class Section:
    """A part of the report outline; `guidance` is the commission's whole text, items included.

    `level` is its depth (1 for 一、, 2 for （一）, 3 for 1.), `parent` the id of the part
    it sits in. `writable` parts take the department's text; a heading-only part does not.
    `table` names an evaluation table printed inside the report under this heading;
    `annex` parts come after the unit and date, each on a new page.
    """

    id: str
    title: str
    guidance: str = ""
    required: bool = True
    items: tuple[SectionItem, ...] = ()
    level: int = 1
    parent: str = ""
    writable: bool = True
    table: str = ""
    annex: bool = False


DEFAULT_DOCUMENT = "自评报告"


@dataclass(frozen=True)
class ReportSpec:
    per: str
    title: str
    attachment: str
    sections: tuple[Section, ...]  # the parts that take text, in outline order
    outline: tuple[Section, ...] = ()  # every part, headings included, in outline order
    document: str = DEFAULT_DOCUMENT  # what the document is called: 自评报告, 中期评估报告

    @property
    def parts(self) -> tuple[Section, ...]:
        """The whole outline (the writable sections when no outline was given)."""
        return self.outline or self.sections

    @property
    def annexes(self) -> tuple[Section, ...]:
        return tuple(s for s in self.parts if s.annex)

    def path_of(self, section: Section) -> tuple[Section, ...]:
        """The section with the parts it sits in, outermost first."""
        by_id = {s.id: s for s in self.parts}
        path = [section]
        while path[-1].parent in by_id and len(path) <= len(by_id):
            path.append(by_id[path[-1].parent])
        return tuple(reversed(path))


@dataclass(frozen=True)
class Cutoff:
    date: dt.date
    title: str


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    due: dt.date | None
    signoff: bool = False  # needs the leader's sign-off recorded
    no_errors: bool = False  # needs zero errors (open errors travel with other stages)


@dataclass(frozen=True)
class FormMigration:
    """How answers made with version `source` move to version `target` of the same form."""

    source: str
    target: str
    moves: Mapping[tuple[str, str], tuple[str, str]]  # (table, field) -> (table, field)


@dataclass(frozen=True)
class ExtraTable:
    """A division table the built-in importer does not know (e.g. 重大项目), as data.

    `fields` maps a row field id to the header titles naming its column; a header row is
    this table when it has a column for every field in `identify`. `number` and `lead`
    are header titles of the row-number and responsible-unit columns ("" = the usual).
    """

    id: str
    title: str
    fields: Mapping[str, tuple[str, ...]]
    identify: tuple[str, ...]
    number: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mark:
    """A sign written inside a cell's text ("…建设。*") that stands for a flag of the row.

    The importer strips `text` from the end (`suffix`) or start (`prefix`) of the row's
    `source` field and sets field `field` to `value`; `note` is the footnote explaining it.
    """

    table: str
    text: str
    field: str
    position: str = "suffix"  # or "prefix"
    source: str = ""  # the field carrying the mark; "" = name or content
    value: str = "是"
    note: str = ""


@dataclass(frozen=True)
class AssignmentSpec:
    """What a form adds to the division-table importer: extra tables and extra columns."""

    tables: tuple[ExtraTable, ...] = ()
    # table id (indicators, tasks, plans) -> field id -> header titles
    columns: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    marks: tuple[Mark, ...] = ()

    def table(self, table_id: str) -> ExtraTable | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def fields_of(self, table_id: str) -> tuple[str, ...]:
        """The row fields the form adds to (or declares for) a table."""
        extra = self.table(table_id)
        own = tuple(extra.fields) if extra else ()
        marked = tuple(m.field for m in self.marks if m.table == table_id)
        return (*own, *self.columns.get(table_id, {}), *marked)


@dataclass(frozen=True)
class Form:
    id: str
    version: str
    title: str
    district: str
    round: str
    tables: tuple[TableSpec, ...]
    report: ReportSpec
    units: Mapping[str, Any]
    period: tuple[dt.date, dt.date]
    cutoffs: Mapping[str, Cutoff]
    stages: tuple[Stage, ...]
    migrations: tuple[FormMigration, ...]
    hash: str
    folder: Path
    assignment: AssignmentSpec = field(default_factory=AssignmentSpec)
    notes: tuple[str, ...] = ()  # the commission's standing remarks, shown with the steps

    def migration_path(self, version: str) -> tuple[FormMigration, ...] | None:
        """The migrations leading from `version` to this one; None if there is no path."""
        path: list[FormMigration] = []
        while version != self.version:
            step = next((m for m in self.migrations if m.source == version), None)
            if step is None or len(path) > len(self.migrations):
                return None
            path.append(step)
            version = step.target
        return tuple(path)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def cutoff_date(self, as_of: str) -> dt.date | None:
        """A column's `as_of`: an ISO date, or the name of one of the form's cutoffs."""
        if as_of in self.cutoffs:
            return self.cutoffs[as_of].date
        try:
            return dt.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            return None

    def table(self, table_id: str) -> TableSpec:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)
