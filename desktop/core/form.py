"""A commission's format as frozen objects: tables, answer columns, report sections, timing.

desktop/forms loads these from forms/<id>/; the domain rules read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


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


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    attachment: str
    assignment_columns: tuple[Column, ...]
    answer_columns: tuple[Column, ...]
    roles: Mapping[str, str] = field(default_factory=dict)  # domain role -> column id
    lower_is_better: frozenset[str] = frozenset()  # row numbers where lower is better

    def role(self, name: str) -> str | None:
        """The column playing a domain role (conclusion, mid_value, end_value, ...)."""
        return self.roles.get(name)

    def column(self, column_id: str) -> Column:
        for c in self.answer_columns:
            if c.id == column_id:
                return c
        raise KeyError(column_id)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    guidance: str = ""
    required: bool = True


@dataclass(frozen=True)
class ReportSpec:
    per: str
    title: str
    attachment: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Cutoff:
    date: dt.date
    title: str


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    due: dt.date | None
    signoff: bool = False


@dataclass(frozen=True)
class FormMigration:
    """How answers made with version `source` move to version `target` of the same form."""

    source: str
    target: str
    moves: Mapping[tuple[str, str], tuple[str, str]]  # (table, field) -> (table, field)


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

    def table(self, table_id: str) -> TableSpec:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)
