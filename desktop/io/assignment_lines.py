"""A sheet as a grid of texts (merged ranges filled in) and its data lines under a header."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.errors import InputError
from desktop.core.model import INDICATORS, PLANS, TASKS
from desktop.io.assignment_layout import (
    CATEGORY,
    CONTENT,
    LEAD,
    MEASURE,
    NAME,
    NUMBER,
    PLAN,
    SUB_ITEM,
    TARGET,
    Layout,
    column_role,
    layout_of_row,
)
from desktop.io.assignment_text import (
    category_cell,
    cell_text,
    clean_text,
    looks_like_sub_item,
    number_text,
)

_NOTE = re.compile(r"^(注|备注|说明|填表说明)\s*[:：0-9１-９、.]")

Cell = tuple[int, int]


@dataclass(frozen=True)
class Grid:
    """Cell texts by (0-based) row and column, each merged range's value in all its cells."""

    cells: list[list[str]]
    origin: dict[Cell, Cell]

    def origin_of(self, row: int, col: int) -> Cell:
        """The top-left cell of the merged range holding (row, col), or the cell itself."""
        return self.origin.get((row, col), (row, col))

    def is_empty(self) -> bool:
        """True when no cell holds any text."""
        return not any(any(row) for row in self.cells)


MAX_ROWS, MAX_COLUMNS = 200_000, 300  # far beyond any division table, even at 100x


def read_grid(ws: Worksheet) -> Grid:
    """Read a worksheet's values, spreading each merged range's value over its cells."""
    if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
        raise InputError(f"工作表范围过大（{ws.max_row} 行 × {ws.max_column} 列），"
                         "可能有远处的多余单元格。请删除多余的行列后另存，再导入。", sheet=ws.title)
    cells = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    while cells and not any(cells[-1]):
        cells.pop()
    origin: dict[Cell, Cell] = {}
    for merged in ws.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(cells):
            continue
        value = cells[top][left] if left < len(cells[top]) else ""
        for r in range(top, min(merged.max_row, len(cells))):
            for c in range(left, min(merged.max_col, len(cells[r]))):
                cells[r][c] = value
                origin[(r, c)] = (top, left)
    return Grid(cells, origin)


@dataclass
class Line:
    """One data row of a table: its 序号, the text of each role, and its sub-item label."""

    row: int
    number: str
    number_cell: Cell
    values: dict[str, str] = field(default_factory=dict)
    sub_item: str = ""
    texts: tuple[str, ...] = ()

    def get(self, role: str) -> str:
        """The raw text of a role ("" when the table has no such column)."""
        return self.values.get(role, "")

    @property
    def heading(self) -> str | None:
        """The text of a row holding one heading text (no 序号 of its own), else None.

        A heading is merged across cells, stands alone in the category column, or starts
        with a Chinese numeral ("一、…"); a lone text elsewhere is a row missing its 序号.
        """
        if len(set(self.texts)) != 1:
            return None
        text = self.texts[0]
        numbered = category_cell(text)
        if len(self.texts) > 1 or (numbered and numbered[1]):
            return text
        alone_in_category = clean_text(self.get(CATEGORY)) == clean_text(text)
        return text if alone_in_category and not self.number else None


def _main_and_extra(role: str, values: list[str]) -> tuple[str, str]:
    """Pick a role's value among several columns sharing its header; the rest is a sub-item."""
    distinct = list(dict.fromkeys(v for v in values if v))
    if len(distinct) <= 1:
        return (distinct[0] if distinct else ""), ""
    labels = [v for v in distinct if looks_like_sub_item(v)]
    others = [v for v in distinct if v not in labels]
    if labels and others:
        main = others[-1] if role == LEAD else others[0]
        return main, labels[0]
    main = distinct[-1] if role == LEAD else distinct[0]
    return main, next(v for v in distinct if v != main)


def _at(row: list[str], col: int) -> str:
    """A cell's text, "" beyond the row's last cell."""
    return row[col] if col < len(row) else ""


# Without a 序号 column the number leads the text: "1、地区生产总值…", "12. 智能软件…".
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[、.．:：]\s*(?=\S)")
# Without a 单位 column an indicator carries its unit at the end: "…年均增长率（%）".
_TRAILING_UNIT = re.compile(r"\s*[（(]([^（）()]{1,12})[）)]\s*$")
_MAIN_TEXT = {INDICATORS: NAME, TASKS: CONTENT, PLANS: PLAN}


def _line(grid: Grid, layout: Layout, r: int) -> Line:
    """Read one sheet row through the layout."""
    row = grid.cells[r]
    if layout.has(NUMBER):
        number_col = layout.columns[NUMBER][0]
        line = Line(r + 1, number_text(_at(row, number_col)), grid.origin_of(r, number_col))
    else:
        line = Line(r + 1, "", (r, -1))
    line.texts = tuple(t.strip() for t in row if t.strip())
    for role, cols in layout.columns.items():
        values = [_at(row, c) for c in cols]
        if role == SUB_ITEM:
            line.sub_item = next((v for v in values if v), "")
            continue
        if role == LEAD and layout.joined:
            line.values[role] = "、".join(dict.fromkeys(v for v in values if v))
            continue
        main, extra = _main_and_extra(role, values)
        line.values[role] = main
        if extra and not line.sub_item and role in (LEAD, TARGET):
            line.sub_item = extra
    if not layout.has(NUMBER):
        _number_from_text(line, layout)
    return line


def _number_from_text(line: Line, layout: Layout) -> None:
    """Take the row number (and an indicator's unit) out of the main text."""
    role = _MAIN_TEXT.get(layout.kind)
    text = line.values.get(role, "") if role else ""
    found = _LEADING_NUMBER.match(text)
    if found is None or role is None:
        return
    line.number = number_text(found[1])
    text = text[found.end():]
    if layout.kind == INDICATORS and not layout.has(MEASURE):
        unit = _TRAILING_UNIT.search(text)
        if unit:
            line.values[MEASURE] = unit[1].strip()
            text = text[: unit.start()]
    line.values[role] = text


def _is_header_again(row: list[str], layout: Layout) -> bool:
    """True for a repeated header (page-break repeat) or the second row of a merged header."""
    if layout.has(NUMBER):
        number_col = layout.columns[NUMBER][0]
        if number_col < len(row) and column_role(row[number_col]) == NUMBER:
            return True
    again = layout_of_row(row, 0)
    return again is not None and again.kind == layout.kind


def read_lines(grid: Grid, layout: Layout) -> list[Line]:
    """The data lines under the header, up to the end of the table or a note below it."""
    lines: list[Line] = []
    for r in range(layout.header_row + 1, len(grid.cells)):
        row = grid.cells[r]
        if not any(t.strip() for t in row):
            continue
        first = clean_text(next(t for t in row if t.strip()))
        if _NOTE.match(first):
            break
        if _is_header_again(row, layout):
            continue
        lines.append(_line(grid, layout, r))
    return lines
