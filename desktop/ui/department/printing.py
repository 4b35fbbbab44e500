"""Print and print-preview the documents exactly as they are exported.

The documents are built by the same code as the package (export.documents), then the
xlsx sheet (merged header cells, bold, widths, orientation) and the docx report
(paragraphs in order, centred titles, sizes, page breaks, orientation) are turned into a
QTextDocument that Qt's print support previews and prints on the clerk's printer.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from io import BytesIO

from PySide6.QtCore import QMarginsF, QPoint
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMenu, QWidget

from desktop.core.errors import PlanevalError
from desktop.department.export import document_bytes, signoff_of
from desktop.ui.busy import run_busy
from desktop.ui.department.context import UiContext
from desktop.ui.i18n import tr

MM_PER_INCH = 25.4
FONTS = ["FangSong", "仿宋", "SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC"]


@dataclass(frozen=True)
class Page:
    """How a document asks to be printed: orientation and margins in millimetres."""

    landscape: bool = False
    margins: tuple[float, float, float, float] = (20, 20, 20, 20)  # left, top, right, bottom


def xlsx_html(data: bytes) -> tuple[str, Page]:
    """The first sheet as an HTML table, and its page set-up (orientation, margins)."""
    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(data)).worksheets[0]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in sheet.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1,
                                             rng.max_col - rng.min_col + 1)
        covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                    for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col)}
    from openpyxl.utils import get_column_letter

    widths = [sheet.column_dimensions[get_column_letter(c)].width or 10
              for c in range(1, sheet.max_column + 1)]
    total = sum(widths)
    rows = []
    for r in range(1, sheet.max_row + 1):
        cells = []
        for c in range(1, sheet.max_column + 1):
            if (r, c) in covered:
                continue
            cell = sheet.cell(r, c)
            rowspan, colspan = spans.get((r, c), (1, 1))
            style = "font-weight:bold;" if cell.font and cell.font.bold else ""
            if cell.font and cell.font.sz:
                style += f"font-size:{float(cell.font.sz):g}pt;"
            align = cell.alignment.horizontal if cell.alignment else None
            if align in ("center", "centerContinuous"):
                style += "text-align:center;"
            text = html.escape("" if cell.value is None else str(cell.value))
            width = sum(widths[c - 1:c - 1 + colspan]) / total * 100
            cells.append(f'<td rowspan="{rowspan}" colspan="{colspan}" width="{width:.1f}%"'
                         f' style="{style}">{text.replace(chr(10), "<br>")}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    table = ('<table border="1" cellspacing="0" cellpadding="3" '
             'style="border-collapse:collapse;" width="100%">' + "".join(rows) + "</table>")
    m = sheet.page_margins  # inches
    page = Page(sheet.page_setup.orientation == "landscape",
                tuple(float(v) * MM_PER_INCH for v in (m.left, m.top, m.right, m.bottom)))
    return table, page


def docx_html(data: bytes) -> tuple[str, Page]:
    """The report's paragraphs in order as HTML, and its first section's page set-up."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.text.paragraph import Paragraph

    doc = Document(BytesIO(data))
    parts = []
    for block in doc.element.body.iterchildren():
        if not block.tag.endswith("}p"):
            continue
        p = Paragraph(block, doc)
        own, styled = p.paragraph_format, p.style.paragraph_format if p.style else None
        align = own.alignment if own.alignment is not None else (
            styled.alignment if styled is not None else None)
        style = ""
        if align == WD_ALIGN_PARAGRAPH.CENTER:
            style += "text-align:center;"
        elif align == WD_ALIGN_PARAGRAPH.RIGHT:
            style += "text-align:right;"
        if own.first_line_indent or (styled is not None and styled.first_line_indent):
            style += "text-indent:2em;"
        runs = [r for r in p.runs if r.text]
        style_font = p.style.font if p.style else None
        if runs and all(r.bold or (r.bold is None and style_font is not None
                                   and style_font.bold) for r in runs):
            style += "font-weight:bold;"
        size = next((r.font.size.pt for r in runs if r.font.size), None) or (
            style_font.size.pt if style_font is not None and style_font.size else None)
        if size:
            style += f"font-size:{size:g}pt;"
        if 'w:type="page"' in block.xml:
            style += "page-break-before:always;"
        text = html.escape(p.text).replace("\n", "<br>") or "&nbsp;"
        parts.append(f'<p style="{style}">{text}</p>')
    if not doc.sections:
        return "".join(parts), Page()
    sec = doc.sections[0]
    margins = tuple(v.mm if v is not None else 20.0 for v in (
        sec.left_margin, sec.top_margin, sec.right_margin, sec.bottom_margin))
    return "".join(parts), Page(sec.orientation == WD_ORIENT.LANDSCAPE, margins)


def text_document(name: str, data: bytes) -> tuple[QTextDocument, Page]:
    body, page = (xlsx_html(data) if name.endswith(".xlsx") else docx_html(data))
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(FONTS)
    font.setPointSize(11)
    doc.setDefaultFont(font)
    doc.setHtml(f"<html><body>{body}</body></html>")
    return doc, page


def printer_for(page: Page) -> QPrinter:
    """A4 with the document's own orientation and margins (the commission's rules)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    orientation = (QPageLayout.Orientation.Landscape if page.landscape
                   else QPageLayout.Orientation.Portrait)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                      QMarginsF(*page.margins), QPageLayout.Unit.Millimeter))
    return printer


class PreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of one document; it keeps its printer and document alive (Qt
    does not own the printer it is given)."""

    def __init__(self, name: str, data: bytes, parent: QWidget | None = None) -> None:
        self.document, page = text_document(name, data)
        self.printer = printer_for(page)
        super().__init__(self.printer, parent)
        self.setObjectName("print_preview_dialog")
        self.setWindowTitle(tr("打印预览：%1").replace("%1", name))
        self.paintRequested.connect(self.document.print_)
        screen = self.screen().availableGeometry()
        self.resize(min(1100, screen.width() - 40), min(820, screen.height() - 60))


def preview_dialog(name: str, data: bytes, parent: QWidget | None = None) -> PreviewDialog:
    """A print preview of one exported document (its 打印 button prints it)."""
    return PreviewDialog(name, data, parent)


def build_documents(ctx: UiContext, parent: QWidget) -> dict[str, bytes]:
    """The documents the package would hold now (built on a worker)."""
    ws, form = ctx.ws, ctx.form
    rows, answers, signoff = ws.rows(), ws.answers(), signoff_of(ws)
    return run_busy(parent, tr("正在生成文档……"), lambda: document_bytes(
        form, ws.department, rows, answers, date=dt.date.today(), signoff=signoff))


def preview(ctx: UiContext, anchor: QWidget) -> None:
    """Offer each document in a menu under `anchor`; preview the one picked."""
    try:
        docs = build_documents(ctx, anchor)
    except PlanevalError as exc:
        ctx.save_failed.emit(exc.message)
        return
    menu = QMenu(anchor)
    for name in docs:
        menu.addAction(name, lambda n=name: preview_dialog(n, docs[n], anchor).exec())
    menu.exec(anchor.mapToGlobal(QPoint(0, anchor.height())))
