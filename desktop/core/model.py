"""The domain objects: what a commission assigns and what a department answers.

Every assigned row is a `Row` of one table ("indicators", "tasks", "plans", or another
table a form definition names). A row is identified by the commission's own row number
("3", "4.2", "17"), which is also how answers are keyed in data.json.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NewType

RowNumber = NewType("RowNumber", str)

INDICATORS = "indicators"
TASKS = "tasks"
PLANS = "plans"
TABLES = (INDICATORS, TASKS, PLANS)

TABLE_TITLES = {
    INDICATORS: "主要指标",
    TASKS: "主要任务",
    PLANS: "专项规划",
}


def _frozen(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Row:
    """One row of a division table, as the commission wrote it.

    `fields` holds the assignment's own columns by field id (for indicators: name, unit,
    target, attribute; tasks: content; plans: name). `units` are the responsible units
    exactly as written, in order; `Roster.resolve` turns them into roster names.
    """

    table: str
    number: RowNumber
    category: str = ""
    group: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)
    units: tuple[str, ...] = ()
    parent: RowNumber | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "fields", _frozen(self.fields))
        object.__setattr__(self, "units", tuple(self.units))

    @classmethod
    def restored(cls, table: str, number: str, category: str, group: str,
                 fields: dict[str, str], units: tuple[str, ...], parent: str | None) -> Row:
        """The same Row as Row(...), from values already of their final types (a workspace
        reading back its 14k rows): set at once instead of one frozen-dataclass setattr
        per field. `fields` is taken over, not copied."""
        row = object.__new__(cls)
        row.__dict__.update(table=table, number=RowNumber(number), category=category,
                            group=group, fields=MappingProxyType(fields), units=units,
                            parent=None if parent is None else RowNumber(parent))
        return row

    @property
    def title(self) -> str:
        """The short text a person recognises the row by."""
        return self.fields.get("name") or self.fields.get("content", "")


@dataclass(frozen=True)
class Assignment:
    """Everything a commission assigned in one round, all departments together."""

    rows: tuple[Row, ...]
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the reader skipped and the user should hear of

    def table(self, name: str) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.table == name)

    def row(self, table: str, number: str) -> Row:
        for r in self.rows:
            if r.table == table and r.number == number:
                return r
        raise KeyError((table, number))

    def children(self, row: Row) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.table == row.table and r.parent == row.number)

    def all_units(self) -> tuple[str, ...]:
        """Every unit named anywhere, as written, in first-seen order."""
        seen: dict[str, None] = {}
        for r in self.rows:
            for u in r.units:
                seen.setdefault(u, None)
        return tuple(seen)

    @staticmethod
    def merged(parts: Iterable[Assignment]) -> Assignment:
        rows: list[Row] = []
        sources: list[str] = []
        for p in parts:
            rows.extend(p.rows)
            sources.extend(p.sources)
        return Assignment(tuple(rows), tuple(sources))
