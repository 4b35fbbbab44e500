"""A table laid out as cells and merged ranges, then written as an openpyxl sheet.

The evaluation tables merge cells down (categories, indicator 4 over its sub-rows, task
groups) and across (titles, notes). Two things spreadsheets get wrong unless told:
openpyxl borders only the top-left cell of a merged range, and no reader sizes a row to
the wrapped text of a merged cell, so every cell of a range is styled and row heights are
estimated here from the text and column widths.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell as OpenpyxlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from desktop.forms.export_spec import Font as FontSpec

TITLE, HEADER, BODY, NOTES = "title", "header", "body", "notes"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Widths in Excel's units (one "0" of the default 11 pt font is about 7 px).
WIDE_CHAR = 1.85  # a Chinese character at 11 pt
NARROW_CHAR = 1.0
CELL_PADDING = 0.8
LINE_FACTOR = 1.32  # line height / font size for the CJK fonts readers substitute


@dataclass(slots=True)
class Cell:
    value: str
    kind: str = BODY
    align: str = "center"  # horizontal: "center" or "left"


@dataclass
class Grid:
    """Cells by (row, column), 1-based, with merged ranges (row1, col1, row2, col2)."""

    widths: list[float]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    rows: int = 0

    def put(self, row: int, col: int, value: str, kind: str = BODY, align: str = "center",
            *, down: int = 1, across: int = 1) -> None:
        """Write a cell; `down`/`across` > 1 merges it over that many rows/columns."""
        self.cells[(row, col)] = Cell(value, kind, align)
        if down > 1 or across > 1:
            self.merges.append((row, col, row + down - 1, col + across - 1))
        self.rows = max(self.rows, row + down - 1)


class _Widths(dict[str, float]):
    """Width units per character, looked up once per distinct character."""

    def __missing__(self, ch: str) -> float:
        width = WIDE_CHAR if unicodedata.east_asian_width(ch) in "WF" else NARROW_CHAR
        self[ch] = width
        return width


_WIDTHS = _Widths()


def text_width(text: str) -> float:
    """The width of one line of text in Excel width units at 11 pt."""
    if text.isascii():
        return len(text) * NARROW_CHAR
    return sum(map(_WIDTHS.__getitem__, text))


def line_count(text: str, width: float) -> int:
    usable = max(width - CELL_PADDING, 1.0)
    if "\n" not in text:
        return max(1, math.ceil(text_width(text) / usable))
    return sum(max(1, math.ceil(text_width(line) / usable)) for line in text.split("\n"))


def row_heights(grid: Grid, fonts: dict[str, FontSpec]) -> dict[int, float]:
    """Points per row so wrapped text shows whole, merged cells spread over their rows."""
    span = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in grid.merges}
    heights = {r: 0.0 for r in range(1, grid.rows + 1)}
    tall: list[tuple[int, int, float]] = []
    sizes = {kind: font.size_pt for kind, font in fonts.items()}
    widths: dict[tuple[int, int], float] = {}  # (first, last column) -> width
    for (row, col), cell in grid.cells.items():
        end_row, end_col = span.get((row, col), (row, col))
        width = widths.get((col, end_col))
        if width is None:
            width = widths[col, end_col] = sum(grid.widths[c - 1]
                                                for c in range(col, end_col + 1))
        size = sizes[cell.kind]
        lines = line_count(cell.value, width * 11 / size) if cell.value else 1
        need = lines * size * LINE_FACTOR + 6
        if end_row == row:
            heights[row] = max(heights[row], need)
        else:
            tall.append((row, end_row, need))
    for row in heights:
        heights[row] = heights[row] or fonts[BODY].size_pt * LINE_FACTOR + 6
    for first, last, need in tall:
        have = sum(heights[r] for r in range(first, last + 1))
        if need > have:
            extra = (need - have) / (last - first + 1)
            for r in range(first, last + 1):
                heights[r] += extra
    return {r: round(min(h, 409.0), 1) for r, h in heights.items()}


def _style(fonts: dict[str, FontSpec], cell: Cell) -> tuple[Font, Alignment]:
    spec = fonts[cell.kind]
    font = Font(name=spec.name, size=spec.size_pt, bold=spec.bold)
    horizontal = "left" if cell.kind == NOTES else cell.align
    return font, Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


class _Styles:
    """Style ids (font, alignment, border) per kind of cell, made once on a scratch cell:
    assigning openpyxl style objects cell by cell hashes them each time (seconds at 10k
    rows); cells are made with a copy of the ids instead."""

    def __init__(self, sheet: Worksheet, fonts: dict[str, FontSpec]) -> None:
        self.sheet = sheet
        self.fonts = fonts
        self.made: dict[tuple[str, str, bool], StyleArray] = {}

    def of(self, cell: Cell, boxed: bool) -> StyleArray:
        key = (cell.kind, cell.align, boxed)
        style = self.made.get(key)
        if style is None:
            scratch = OpenpyxlCell(self.sheet)  # never put on the sheet
            scratch.font, scratch.alignment = _style(self.fonts, cell)
            if boxed:
                scratch.border = BOX
            style = self.made[key] = scratch._style
        return style


def _merge(sheet: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    """Merge a range, its top-left cell made if missing. Ranges here never overlap and the
    caller styles every covered cell, so this skips openpyxl's check against every existing
    range (MultiCellRange.add: quadratic in large tables) and its border copying
    (MergedCellRange.format: most of the time of merging)."""
    coord = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
    sheet.merged_cells.ranges.add(MergedCellRange(sheet, coord))


def _cover(sheet: Worksheet, row: int, col: int, end_row: int, end_col: int,
           style: StyleArray) -> None:
    """Make the cells a merged range starting at (row, col) covers, styled like it (its
    borders included), as MergedCells, the way openpyxl's own merging puts them."""
    cells = sheet._cells
    for r in range(row, end_row + 1):
        for c in range(col, end_col + 1):
            if (r, c) != (row, col):
                covered = cells[r, c] = MergedCell(sheet, r, c)
                covered._style = StyleArray(style)


def write_grid(sheet: Worksheet, grid: Grid, fonts: dict[str, FontSpec]) -> None:
    """Put the grid on the sheet: values, fonts, wrapping, borders on every table cell."""
    for i, width in enumerate(grid.widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    ranges = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in grid.merges}
    for r1, c1, r2, c2 in grid.merges:
        _merge(sheet, r1, c1, r2, c2)
    styles = _Styles(sheet, fonts)
    cells = sheet._cells
    # In order, so style ids are numbered as they first occur: the same bytes every time.
    for (row, col), cell in sorted(grid.cells.items()):
        style = styles.of(cell, cell.kind in (HEADER, BODY))
        target = cells.get((row, col))
        if target is None:
            cells[row, col] = OpenpyxlCell(sheet, row, col, cell.value or None, style)
        else:  # a merged range's top-left cell, made by merging
            if cell.value:
                target.value = cell.value
            target._style = StyleArray(style)
        end = ranges.get((row, col))
        if end is not None:
            _cover(sheet, row, col, *end, style)
    sheet._current_row = max(sheet._current_row, grid.rows)  # as if made by sheet.cell
    for row, height in row_heights(grid, fonts).items():
        sheet.row_dimensions[row].height = height
