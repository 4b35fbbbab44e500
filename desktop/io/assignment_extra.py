"""Rows of the tables and columns a form declares (重大项目, 2020年基数, 市级任务 flags)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop.core.form import ExtraTable
from desktop.core.model import Row, RowNumber
from desktop.io.assignment_layout import ErrorFactory, field_role
from desktop.io.assignment_tables import Block, Located
from desktop.io.assignment_text import clean_text


def build_declared(blocks: list[Block], error: ErrorFactory, table: ExtraTable) -> list[Located]:
    """Rows of a form's own table: its declared fields, category and responsible units."""
    out: list[Located] = []
    for b in blocks:
        units = b.units()
        if not units:
            title = table.lead[0] if table.lead else "牵头单位"
            raise error(f"序号“{b.number}”没有填写{title}。", b.lines[0].row)
        fields = {name: b.text(field_role(name)) for name in table.fields}
        out.append((Row(table.id, RowNumber(b.number), b.category, "", fields, units),
                    b.lines[0].row))
    return out


def with_extra_fields(located: list[Located], blocks: list[Block],
                      names: Sequence[str]) -> list[Located]:
    """Add the form's extra columns to built-in rows (an indicator's 2020 base, say).

    A row alone in its block takes the block's text; a parent and its sub-rows each take
    their own line's, and a sub-row written on its parent's line takes nothing.
    """
    if not names:
        return located
    by_line = {line.row: (block, line) for block in blocks for line in block.lines}
    per_block: dict[int, int] = {}
    for _, line_no in located:
        key = id(by_line[line_no][0])
        per_block[key] = per_block.get(key, 0) + 1
    lines_of = {(row.table, row.number): line_no for row, line_no in located}
    out: list[Located] = []
    for row, line_no in located:
        block, line = by_line[line_no]
        shares_parent_line = row.parent is not None and lines_of.get(
            (row.table, row.parent)) == line_no
        values = {}
        for name in names:
            role = field_role(name)
            if shares_parent_line:
                values[name] = ""
            elif per_block[id(block)] == 1:
                values[name] = block.text(role)
            else:
                values[name] = clean_text(line.get(role))
        out.append((replace(row, fields={**row.fields, **values}), line_no))
    return out
