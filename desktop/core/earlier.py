"""Answers of an earlier round of the same plan, carried into a new round's workspace.

A final evaluation starts from the mid-term workspace (a mid-term from the annual ones):
the department's earlier figures become history, one value per year, and its earlier
conclusions and reasons are shown beside the new fields. Nothing is retyped, and nothing
carried over can be edited: it is what the department sent then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Earlier:
    """One answer cell of an earlier round."""

    round: str  # the earlier round's title: "“十四五”规划中期评估（2023）"
    form_id: str
    table: str
    number: str
    field: str
    title: str  # the earlier column's heading: "中期完成数", "评估结论"
    value: str
    as_of: str = ""  # ISO date a figure stands at; "" for words and undated figures

    @property
    def year(self) -> str:
        return self.as_of[:4]

    def as_json(self) -> dict[str, str]:
        return {"round": self.round, "form": self.form_id, "field": self.field,
                "title": self.title, "value": self.value, "as_of": self.as_of}


def of_row(earlier: Iterable[Earlier], table: str, number: str) -> list[Earlier]:
    """The earlier answers of one row, in the order carried."""
    return [e for e in earlier if e.table == table and e.number == number]


def yearly(earlier: Iterable[Earlier]) -> dict[str, str]:
    """One value per year from dated figures (the latest date of a year wins)."""
    dated = sorted((e for e in earlier if e.as_of), key=lambda e: e.as_of)
    return {e.year: e.value for e in dated}


def by_row(earlier: Iterable[Earlier]) -> Mapping[str, Mapping[str, list[dict[str, str]]]]:
    """{table: {number: [answer as JSON, ...]}}: how status and export-data show them."""
    out: dict[str, dict[str, list[dict[str, str]]]] = {}
    for e in earlier:
        out.setdefault(e.table, {}).setdefault(e.number, []).append(e.as_json())
    return out
