"""What one cell of an evaluation table shows, for a row and a column of the export layout.

Shared by the xlsx tables and the tables printed inside a report (docx).
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.core.model import Row
from desktop.forms.export_spec import SheetColumn, TableLayout


def indicator_label(layout: TableLayout, row: Row) -> str:
    """"1、地区生产总值年均增长率（%）": number, name and unit as the sample writes them."""
    text = layout.indicator_name.format(number=row.number, name=row.fields.get("name", ""),
                                        unit=row.fields.get("unit", ""))
    return text.replace("（）", "").replace("()", "")


def cell_value(column: SheetColumn, layout: TableLayout, row: Row,
               answers: Mapping[str, str]) -> str:
    """The text of `column` for `row` (a sub-row shows its own name and target)."""
    source = column.source
    if source == "answer":
        return answers.get(column.field, "")
    if source == "row_field":
        return row.fields.get(column.field, "")
    if source == "indicator":
        return indicator_label(layout, row)
    if source == "part_target":
        return layout.part_target.format(name=row.fields.get("name", ""),
                                         target=row.fields.get("target", "")) if row.parent else ""
    if source == "number":
        return str(row.number)
    if source == "category":
        return row.category
    if source == "group":
        return row.group
    return row.fields.get(source, "")  # target, content
