"""Marks inside cells: a sign in a row's text that stands for a flag of the row.

A commission may mark the tasks that come from the city plan with a `*` at the end of the
task text, explained by a footnote under the table, rather than with a column. The form
declares such a mark (`assignment.marks`); the importer strips it from the text and sets
the flag as a row field, which the tables then show like any other field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from desktop.core.form import Mark
from desktop.core.model import Row


def _strip(text: str, mark: Mark) -> str | None:
    """The text without the mark, or None when the text does not carry it."""
    stripped = text.strip()
    if mark.position == "prefix" and stripped.startswith(mark.text):
        return stripped[len(mark.text):].lstrip()
    if mark.position == "suffix" and stripped.endswith(mark.text):
        return stripped[:-len(mark.text)].rstrip()
    return None


def apply_marks(row: Row, marks: Iterable[Mark]) -> Row:
    """The row with each of its table's marks stripped from the text and set as a flag."""
    fields = dict(row.fields)
    for mark in marks:
        if mark.table != row.table:
            continue
        source = mark.source or ("name" if "name" in fields else "content")
        text = _strip(fields.get(source, ""), mark)
        if text is not None:
            fields[source] = text
            fields[mark.field] = mark.value
        else:
            fields.setdefault(mark.field, "")
    return row if fields == dict(row.fields) else replace(row, fields=fields)
