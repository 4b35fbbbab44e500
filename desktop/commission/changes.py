"""What a resubmitted package changed since the unit's package the officer returned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.commission.diff import Change, diff_packages
from desktop.commission.intake import status_of
from desktop.commission.shared import package_data
from desktop.store.commission import CommissionWorkspace


def returned_before(cws: CommissionWorkspace, package: str) -> str:
    """The same unit's and stage's package last returned before this one ("" if none)."""
    record = status_of(cws, package)
    if not record:
        return ""
    rows = cws.query(
        "SELECT p.sha256 FROM packages p JOIN decisions d ON d.package = p.sha256 "
        "WHERE p.unit = ? AND p.stage = ? AND d.decision = 'return' AND p.created < ? "
        "ORDER BY p.created DESC, d.id DESC LIMIT 1",
        (record["unit"], record["stage"], record["created"]))
    return str(rows[0]["sha256"]) if rows else ""


def changes_since_return(cws: CommissionWorkspace, package: str) -> tuple[str, list[Change]]:
    """(the returned package, what changed since it, field by field as `diff` says);
    ("", []) when none was returned."""
    old = returned_before(cws, package)
    if not old:
        return "", []
    return old, diff_packages(cws, old, package)


@dataclass(frozen=True)
class Answered:
    """A comment of an earlier return note and the unit's answer to it."""

    table: str
    number: str
    field: str
    comment: str
    answer: str


def answered_comments(cws: CommissionWorkspace, package: str) -> list[Answered]:
    """The unit's answers (data.json `responses`) to the comments of the notes they cite."""
    found = []
    for r in package_data(cws, package).get("responses") or []:
        if not isinstance(r, Mapping):
            continue
        rows = cws.query(
            "SELECT c.tbl, c.number, c.field, c.text FROM comments c JOIN decisions d "
            "ON d.package = c.package WHERE d.note_sha256 = ? AND c.id = ?",
            (str(r.get("note", "")), r.get("id")))
        if rows:
            c = rows[0]
            found.append(Answered(c["tbl"], c["number"], c["field"], c["text"],
                                  str(r.get("answer", ""))))
    return found
