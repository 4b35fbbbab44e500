"""Converting between domain objects and the workspace's SQL rows."""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.core.earlier import Earlier
from desktop.core.errors import WorkspaceError
from desktop.core.model import PLANS, TABLE_TITLES, Row, RowNumber

# Answers for table "reports" (a plan's self-evaluation report) are keyed by the plan's
# row number, so they must refer to a row of "plans".
ROW_TABLE_OF_ANSWER_TABLE = {"reports": PLANS}

META_KEYS = ("department", "district", "round", "form_id", "form_version", "form_hash", "created")

UNKNOWN_USER = "未知用户"


def now_utc() -> str:
    """The current time as ISO 8601 UTC with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def os_user() -> str:
    """The OS login name, or a placeholder when the system cannot tell."""
    try:
        name = getpass.getuser()
    except Exception:  # getpass raises OSError, KeyError or ImportError by platform
        name = os.environ.get("USERNAME") or os.environ.get("USER") or ""
    return name.strip() or UNKNOWN_USER


def row_key(table: str, number: str) -> tuple[str, str]:
    """The (table, number) of the row an answer cell belongs to."""
    return ROW_TABLE_OF_ANSWER_TABLE.get(table, table), number


def meta_record(department: str, meta: Mapping[str, str]) -> dict[str, str]:
    """The full meta dict for a new workspace: the standard keys always present."""
    record = {key: "" for key in META_KEYS}
    record["created"] = now_utc()
    record.update({str(k): str(v) for k, v in meta.items()})
    record["department"] = department
    return record


def row_records(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """SQL records for rows, keeping their order in `position`."""
    return [
        {
            "tbl": r.table,
            "number": str(r.number),
            "position": i,
            "category": r.category,
            "grp": r.group,
            "fields": json.dumps(dict(r.fields), ensure_ascii=False),
            "units": json.dumps(list(r.units), ensure_ascii=False),
            "parent": None if r.parent is None else str(r.parent),
        }
        for i, r in enumerate(rows)
    ]


def row_from_record(rec: Mapping[str, Any]) -> Row:
    """A Row from its SQL record."""
    parent = rec["parent"]
    return Row(
        table=rec["tbl"],
        number=RowNumber(rec["number"]),
        category=rec["category"],
        group=rec["grp"],
        fields=json.loads(rec["fields"]),
        units=tuple(json.loads(rec["units"])),
        parent=None if parent is None else RowNumber(parent),
    )


ROW_COLUMNS = "tbl, number, category, grp, fields, units, parent"  # rows_from_records' order


# json.loads without its per-call wrapper (whitespace and trailing-text checks): half the
# time on the 14k `fields` texts a 100x workspace opens with, all written by json.dumps.
_decode = json.JSONDecoder().raw_decode


def rows_from_records(records: Iterable[Sequence[Any]]) -> tuple[Row, ...]:
    """Rows from `SELECT ROW_COLUMNS FROM rows` records (tuples: no dict per record); the
    units lists, few and repeated, are decoded once each."""
    units: dict[str, tuple[str, ...]] = {}
    restored = Row.restored
    rows: list[Row] = []
    for table, number, category, group, fields, written_units, parent in records:
        unit_names = units.get(written_units)
        if unit_names is None:
            unit_names = units[written_units] = tuple(json.loads(written_units))
        rows.append(restored(table, number, category, group, _decode(fields)[0], unit_names,
                             parent))
    return tuple(rows)


def refuse_duplicate_rows(rows: Sequence[Row]) -> None:
    """Refuse two rows with the same table and number before anything is written."""
    seen: set[tuple[str, str]] = set()
    for r in rows:
        key = (r.table, str(r.number))
        if key in seen:
            title = TABLE_TITLES.get(r.table, r.table)
            raise WorkspaceError(f"无法创建工作区：“{title}”中第 {r.number} 行出现了不止一次。")
        seen.add(key)


def earlier_records(earlier: Iterable[Earlier]) -> Iterator[dict[str, str]]:
    """The `earlier` table's records of an earlier round's answers."""
    for e in earlier:
        yield {"round": e.round, "form_id": e.form_id, "tbl": e.table, "number": e.number,
               "field": e.field, "title": e.title, "value": e.value, "as_of": e.as_of}


def earlier_from_record(r: Mapping[str, str]) -> Earlier:
    return Earlier(r["round"], r["form_id"], r["tbl"], r["number"], r["field"], r["title"],
                   r["value"], r["as_of"])
