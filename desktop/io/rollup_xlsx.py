"""The district roll-up workbook: each evaluation table for the whole district, then lists.

The tables use the department's layout engine (`tables_xlsx.table_grid`) and the form's
export layout, with two columns added: the responsible units and a roll-up note. The
note says where units disagree (the line shaded red) and where no accepted answer exists
(shaded grey). Further sheets are plain lists (rows with no answer, the summary counts),
optionally with pictures (charts as PNG).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.form import Form
from desktop.core.model import Row
from desktop.forms.export_spec import ExportSpec, SheetColumn, TableLayout
from desktop.io.tables_xlsx import (
    EPOCH,
    FIRST_LINE,
    Answers,
    put_table_sheet,
    table_grid,
    workbook_bytes,
)

UNITS_FIELD, NOTE_FIELD = "_units", "_note"  # the two added columns' answer fields
CONFLICT = "不一致"  # a note starting with this marks units that disagree
NO_ANSWER = "无已确认的填报"  # the note of a row no accepted package answers
CONFLICT_FILL = PatternFill("solid", fgColor="F8D7DA")
EMPTY_FILL = PatternFill("solid", fgColor="E7E6E6")
PICTURE_WIDTH_PX = 760  # charts shown about a screen wide
SUMMARY_NOTE = ("汇总说明：多个单位共同负责的行逐一列出各单位的填报（单位名在前）；红色底纹为各单位"
                "评估结论或数值不一致的行，灰色底纹为尚无已确认材料包填报的行。")


@dataclasses.dataclass(frozen=True)
class ListSheet:
    """A plain sheet: a title, a header, rows, and pictures (PNG bytes) below them."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    pictures: Sequence[bytes] = ()
    widths: Sequence[float] = ()


def district_layout(layout: TableLayout) -> TableLayout:
    """The department's layout with the responsible units and the roll-up note added."""
    extra = (SheetColumn("answer", "责任单位", 16, UNITS_FIELD),
             SheetColumn("answer", "汇总说明", 18, NOTE_FIELD))
    return dataclasses.replace(layout, title=f"{layout.title}（全区汇总）",
                               columns=(*layout.columns, *extra),
                               notes=(*layout.notes, SUMMARY_NOTE))


def _shade(sheet: Worksheet, layout: TableLayout, last: int) -> None:
    """Shade the answer cells of every line whose note flags it."""
    note_col = len(layout.columns)
    answer_cols = [i for i, c in enumerate(layout.columns, start=1) if c.source == "answer"]
    made: dict[tuple[int, tuple[int, ...]], Any] = {}
    for line in range(FIRST_LINE, last + 1):
        note = sheet.cell(row=line, column=note_col).value
        if not isinstance(note, str):
            continue
        fill = CONFLICT_FILL if note.startswith(CONFLICT) else \
            EMPTY_FILL if note.startswith(NO_ANSWER) else None
        if fill is not None:
            for col in answer_cols:
                _fill(sheet.cell(row=line, column=col), fill, made)


def _fill(cell: Any, fill: PatternFill, made: dict[tuple[int, tuple[int, ...]], Any]) -> None:
    """Set a cell's fill, reusing style ids as xlsx_grid does (openpyxl hashes each
    assigned style object, seconds over thousands of cells)."""
    key = (id(fill), tuple(cell._style))
    if key in made:
        cell._style = copy(made[key])
    else:
        cell.fill = fill
        made[key] = copy(cell._style)


def _list_sheet(book: Workbook, sheet_spec: ListSheet) -> None:
    sheet = book.create_sheet(sheet_spec.title[:31])
    sheet.append(list(sheet_spec.header))
    for cell in sheet[1]:
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet_spec.rows:
        sheet.append(list(row))
    for i, width in enumerate(sheet_spec.widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"  # printed one page wide, pictures included
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    anchor_row = len(sheet_spec.rows) + 3
    for picture in sheet_spec.pictures:
        image = Image(io.BytesIO(picture))
        scale = min(1.0, PICTURE_WIDTH_PX / image.width)
        image.width, image.height = int(image.width * scale), int(image.height * scale)
        sheet.add_image(image, f"A{anchor_row}")
        anchor_row += int(image.height / 20) + 2  # default rows are 20 px high


def build_rollup_xlsx(form: Form, spec: ExportSpec, tables: Iterable[str], rows: Sequence[Row],
                      answers: Answers, *, lists: Sequence[ListSheet] = (),
                      title: str = "全区汇总", date: dt.date = EPOCH) -> bytes:
    """One sheet per table in `tables` (district layout), then the `lists` sheets.

    `answers` is keyed like data.json (table, row number, field) and already holds the
    text each cell shows, the `_units` and `_note` fields included.
    """
    book = Workbook()
    first = True
    for table_id in tables:
        layout = district_layout(spec.table(table_id))
        grid = table_grid(form, layout, table_id, rows, answers)
        sheet = book.active if first else book.create_sheet()
        first = False
        put_table_sheet(sheet, grid, layout, spec.sheet_style)
        _shade(sheet, layout, grid.rows)
    for extra in lists:
        _list_sheet(book, extra)
    if first:
        book.remove(book.active)
    return workbook_bytes(book, title, date)

