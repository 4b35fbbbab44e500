"""A sheet as a grid of texts (merged ranges filled in) and its data lines under a header."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils.cell import range_boundaries
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
MAX_CELLS = 5_000_000  # texts and merged-range copies held at once (100x is ~100k)
MAX_MERGED = 2_000_000  # cells under merged ranges: openpyxl makes an object for each


def read_grid(ws: Worksheet) -> Grid:
    """Read a worksheet's values, spreading each merged range's value over its cells.

    The work is bounded by the cells present, not the sheet's extent: each row is only as
    long as its last text (or the merged range copying a text into it), so one stray cell
    far down and right costs one row, not rows x columns.
    """
    if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
        raise _too_wide(ws, f"{ws.max_row} 行 × {ws.max_column} 列")
    present = _present_texts(ws)
    height = max((r for r, _ in present), default=-1) + 1
    merges = _merges_with_text(ws, present, height)
    widths = [0] * height
    for r, c in present:
        widths[r] = max(widths[r], c + 1)
    for top, _, bottom, right in merges:
        for r in range(top, bottom):
            widths[r] = max(widths[r], right)
    if sum(widths) > MAX_CELLS:
        raise _too_wide(ws, f"约 {sum(widths)} 个单元格")
    cells = [[""] * w for w in widths]
    for (r, c), text in present.items():
        cells[r][c] = text
    origin: dict[Cell, Cell] = {}
    for top, left, bottom, right in merges:
        value = cells[top][left]
        for r in range(top, bottom):
            for c in range(left, min(right, len(cells[r]))):
                cells[r][c] = value
                origin[(r, c)] = (top, left)
    return Grid(cells, origin)


def _present_texts(ws: Worksheet) -> dict[Cell, str]:
    """(row, column) -> text of every non-empty cell, 0-based, without visiting the rest."""
    found: dict[Cell, str] = {}
    for (row, col), cell in ws._cells.items():  # noqa: SLF001 - openpyxl keeps no public map
        text = cell_text(cell.value)
        if text:
            found[(row - 1, col - 1)] = text
    return found


def _merges_with_text(ws: Worksheet, present: dict[Cell, str],
                      height: int) -> list[tuple[int, int, int, int]]:
    """Merged ranges as 0-based (top, left, bottom, right) end-exclusive, cut at the last
    row with text; a range with no text at its top-left only maps its present cells."""
    merges = []
    for merged in ws.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        bottom = min(merged.max_row, height)
        if top >= bottom:
            continue
        right = merged.max_col if (top, left) in present else left + 1
        merges.append((top, left, bottom, right))
    if sum((b - t) * (r - left) for t, left, b, r in merges) > MAX_CELLS:
        raise _too_wide(ws, f"{len(merges)} 个合并区域")
    return merges


_REF = rb"([A-Z]{1,3}[0-9]{1,7})"
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="' + _REF + rb":" + _REF + rb'"\s*/?>')
_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def merged_area(path: Path, infos: list[zipfile.ZipInfo]) -> int:
    """The cells all merged ranges of a workbook cover, read from the sheet XML in chunks
    before openpyxl sees it: openpyxl makes an object for every merged cell on loading,
    so one merge over a whole sheet would take it hours."""
    area = 0
    with zipfile.ZipFile(path) as z:
        for info in infos:
            if not _SHEET_XML.match(info.filename):
                continue
            with z.open(info) as f:
                tail = b""
                while chunk := f.read(1 << 20):
                    text = tail + chunk
                    for found in _MERGE_REF.finditer(text):
                        left, top, right, bottom = range_boundaries(
                            f"{found[1].decode()}:{found[2].decode()}")
                        area += (right - left + 1) * (bottom - top + 1)
                    last = text.rfind(b"<")
                    tail = text[last:] if last >= 0 and text.find(b">", last) < 0 else b""
    return area


def _too_wide(ws: Worksheet, size: str) -> InputError:
    return InputError(f"工作表范围过大（{size}），可能有远处的多余单元格或合并区域。"
                      "请删除多余的行列后另存，再导入。", sheet=ws.title)


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
