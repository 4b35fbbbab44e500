"""The indicator (附件6) and task (附件7) evaluation tables as .xlsx bytes.

Laid out like the commission's samples: a title across the top, one header row, categories
merged down their rows, indicator 4 over its sub-rows (name and target merged down, each
sub-item on its own line), task groups merged down, and the commission's notes under the
table. Columns, titles and notes come from the form's export.json.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from itertools import groupby

from openpyxl import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from desktop.core.form import Form
from desktop.core.model import INDICATORS, TASKS, Row
from desktop.forms.export_spec import ExportSpec, SheetStyle, TableLayout
from desktop.io.docx_package import DatedZip, stamp
from desktop.io.table_cells import indicator_label
from desktop.io.xlsx_grid import BODY, HEADER, NOTES, TITLE, Grid, write_grid

Answers = Mapping[str, Mapping[str, Mapping[str, str]]]  # table -> row number -> field -> text
FIRST_LINE = 3  # row 1 the title, row 2 the header
CM_PER_INCH = 2.54
# A fixed time for the workbook's properties when no date is given: same inputs, same bytes.
EPOCH = dt.date(2023, 1, 1)


def _frame(layout: TableLayout) -> Grid:
    """The title row merged across and the header row, same-titled neighbours merged."""
    columns = layout.columns
    grid = Grid([c.width for c in columns])
    grid.put(1, 1, layout.title, TITLE, across=len(columns))
    col = 1
    for title, same in groupby(columns, key=lambda c: c.title):
        span = len(list(same))
        grid.put(2, col, title, HEADER, across=span)
        col += span
    return grid


def _notes(grid: Grid, layout: TableLayout) -> None:
    row = grid.rows + 1
    for note in layout.notes:
        grid.put(row, 1, note, NOTES, "left", across=len(layout.columns))
        row += 1


def _merge_down(grid: Grid, col: int, first: int, last: int, value: str,
                align: str = "center") -> None:
    grid.put(first, col, value, BODY, align, down=last - first + 1)


def _categories(grid: Grid, col: int | None, spans: list[tuple[str, int, int]]) -> None:
    if col is None:
        return
    for name, first, last in spans:
        _merge_down(grid, col, first, last, name)


def _col(layout: TableLayout, source: str) -> int | None:
    for i, c in enumerate(layout.columns, start=1):
        if c.source == source:
            return i
    return None


def _answer_cells(grid: Grid, layout: TableLayout, line: int, values: Mapping[str, str],
                  row: Row | None = None) -> None:
    """The answer columns of one line, and the row's own fields shown beside them."""
    for i, c in enumerate(layout.columns, start=1):
        if c.source == "answer":
            value = values.get(c.field, "")
        elif c.source == "row_field" and row is not None:
            value = row.fields.get(c.field, "")
        else:
            continue
        align = "center" if len(value) <= 12 else "left"
        grid.put(line, i, value, BODY, align)


# --- indicators ---------------------------------------------------------------------------


def _indicator_blocks(rows: Sequence[Row]) -> list[tuple[Row, list[Row]]]:
    """Each indicator with the sub-rows it was split into (none for most)."""
    numbers = {r.number for r in rows}
    children: dict[str, list[Row]] = {}
    for r in rows:
        if r.parent and r.parent in numbers:
            children.setdefault(r.parent, []).append(r)
    return [(r, children.get(r.number, [])) for r in rows
            if not (r.parent and r.parent in numbers)]


def _indicator_lines(grid: Grid, layout: TableLayout, rows: Sequence[Row],
                     answers: Mapping[str, Mapping[str, str]]) -> None:
    name_col, target_col = _col(layout, "indicator"), _col(layout, "target")
    part_col, number_col = _col(layout, "part_target"), _col(layout, "number")
    line = FIRST_LINE
    spans: list[tuple[str, int, int]] = []
    for row, parts in _indicator_blocks(rows):
        lines = parts or [row]
        first, last = line, line + len(lines) - 1
        if name_col:
            _merge_down(grid, name_col, first, last, indicator_label(layout, row), "left")
        if number_col:  # the row's own number, whatever the name pattern shows
            _merge_down(grid, number_col, first, last, row.number)
        target = row.fields.get("target", "")
        for sub in lines:
            if parts and part_col:
                grid.put(line, part_col, layout.part_target.format(
                    name=sub.fields.get("name", ""), target=sub.fields.get("target", "")))
            _answer_cells(grid, layout, line, answers.get(sub.number, {}), sub)
            line += 1
        if target_col and part_col == target_col + 1 and not parts:
            grid.put(first, target_col, target, across=2)
        elif target_col:
            _merge_down(grid, target_col, first, last, target)
            if part_col and not parts:
                grid.put(first, part_col, "")
        if spans and spans[-1][0] == row.category:
            spans[-1] = (row.category, spans[-1][1], last)
        else:
            spans.append((row.category, first, last))
    _categories(grid, _col(layout, "category"), spans)


# --- tasks --------------------------------------------------------------------------------


def _task_lines(grid: Grid, layout: TableLayout, rows: Sequence[Row],
                answers: Mapping[str, Mapping[str, str]]) -> None:
    number_col, group_col = _col(layout, "number") or 1, _col(layout, "group")
    content_col = _col(layout, "content")
    width = len(layout.columns)
    line = FIRST_LINE
    for category, in_category in groupby(rows, key=lambda r: r.category):
        block = list(in_category)
        if category:
            # The category's own line, as in the sample: "一 | 坚持创新驱动…" across.
            grid.put(line, number_col, block[0].fields.get("category_no", ""), HEADER)
            rest = [c for c in range(1, width + 1) if c != number_col]
            grid.put(line, rest[0], category, HEADER, "left", across=width - rest[0] + 1)
            line += 1
        for group, in_group in groupby(block, key=lambda r: r.group):
            tasks = list(in_group)
            if group_col:
                _merge_down(grid, group_col, line, line + len(tasks) - 1, group)
            for task in tasks:
                grid.put(line, number_col, task.number)
                if content_col:
                    grid.put(line, content_col, task.fields.get("content", ""), BODY, "left")
                _answer_cells(grid, layout, line, answers.get(task.number, {}), task)
                line += 1


# --- the workbook -------------------------------------------------------------------------


def _print_setup(sheet: Worksheet, style: SheetStyle) -> None:
    setup = sheet.page_setup
    setup.orientation = style.orientation
    setup.paperSize = sheet.PAPERSIZE_A4 if style.paper == "A4" else sheet.PAPERSIZE_A3
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "2:2"
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left, margins.right = (style.margins_cm[k] / CM_PER_INCH for k in ("left", "right"))
    margins.top, margins.bottom = (style.margins_cm[k] / CM_PER_INCH for k in ("top", "bottom"))
    if style.footer:
        sheet.oddFooter.center.text = style.footer
    sheet.freeze_panes = f"A{FIRST_LINE}"


def put_table_sheet(sheet: Worksheet, grid: Grid, layout: TableLayout,
                    style: SheetStyle) -> None:
    """Write a table's grid on a sheet with the commission's fonts and print set-up."""
    sheet.title = layout.sheet
    write_grid(sheet, grid, dict(style.fonts))
    _print_setup(sheet, style)
    sheet.print_area = f"A1:{sheet.cell(row=grid.rows, column=len(layout.columns)).coordinate}"


def workbook_bytes(book: Workbook, title: str, when: dt.date) -> bytes:
    """The workbook as reproducible bytes, its properties dated `when`."""
    props = book.properties
    props.title = title
    props.creator = props.lastModifiedBy = "planeval"
    props.created = props.modified = stamp(when)
    out = io.BytesIO()
    # ExcelWriter rather than save_workbook, which stamps `modified` with the clock; the
    # zip dates its entries `when` as they are written.
    with DatedZip(out, stamp(when)) as archive:
        ExcelWriter(book, archive).write_data()
    return out.getvalue()


def _workbook_bytes(grid: Grid, layout: TableLayout, style: SheetStyle, title: str,
                    when: dt.date) -> bytes:
    book = Workbook()
    put_table_sheet(book.active, grid, layout, style)
    return workbook_bytes(book, title, when)


def _rows_of(rows: Iterable[Row], table: str) -> list[Row]:
    return [r for r in rows if r.table == table]


def build_table_xlsx(form: Form, spec: ExportSpec, table_id: str, rows: Iterable[Row],
                     answers: Answers, *, date: dt.date = EPOCH) -> bytes:
    """One evaluation table for the rows of `table_id` among `rows`.

    An indicator-style layout (`TableLayout.indicator_style`) is written like 附件6 (sub-rows
    under their indicator, the number column showing the row number); any other like 附件7
    (category lines, groups merged down). `answers` is keyed like
    data.json: table, row number, field.
    """
    layout = spec.table(table_id)
    grid = table_grid(form, layout, table_id, rows, answers)
    return _workbook_bytes(grid, layout, spec.sheet_style, layout.title, date)


def table_grid(form: Form, layout: TableLayout, table_id: str, rows: Iterable[Row],
               answers: Answers) -> Grid:
    """The cells of one evaluation table laid out by `layout` (see `build_table_xlsx`)."""
    form.table(table_id)
    grid = _frame(layout)
    own = _rows_of(rows, table_id)
    if layout.indicator_style:
        _indicator_lines(grid, layout, own, answers.get(table_id, {}))
    else:
        _task_lines(grid, layout, own, answers.get(table_id, {}))
    _notes(grid, layout)
    return grid


def build_indicator_xlsx(form: Form, spec: ExportSpec, rows: Iterable[Row], answers: Answers,
                         *, date: dt.date = EPOCH) -> bytes:
    """The indicator evaluation table (附件6) for the indicator rows among `rows`."""
    return build_table_xlsx(form, spec, INDICATORS, rows, answers, date=date)


def build_task_xlsx(form: Form, spec: ExportSpec, rows: Iterable[Row], answers: Answers,
                    *, date: dt.date = EPOCH) -> bytes:
    """The task evaluation table (附件7) for the task rows among `rows`."""
    return build_table_xlsx(form, spec, TASKS, rows, answers, date=date)
