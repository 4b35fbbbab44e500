"""The commission's own Word documents in the report's typography: the indicator
adjustment plan (指标调整方案) draft and the district summary with its charts.

Both take plain blocks (headings, labelled paragraphs, tables, pictures) and lay them out
with the report's styles from `report_docx`, so fonts, margins, spacing and page numbers
are the form's.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from desktop.forms.export_spec import ExportSpec
from desktop.io.assignment_text import chinese_numeral
from desktop.io.docx_xml import no_indent, set_fonts
from desktop.io.report_docx import (
    BODY,
    HEADINGS,
    SUBTITLE,
    TABLE_TEXT,
    add_text,
    add_title,
    document_bytes,
    new_document,
)


@dataclass(frozen=True)
class Item:
    """A titled entry: "（一）title", then "label：value" paragraphs (empty values shown)."""

    title: str
    fields: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Part:
    """A part under a level-1 heading "一、title": text, items, a table, pictures."""

    title: str
    text: Sequence[str] = ()
    items: Sequence[Item] = ()
    table: Sequence[Sequence[str]] = ()  # first row is the header
    pictures: Sequence[bytes] = ()
    notes: Sequence[str] = field(default_factory=tuple)


def _numeral(n: int) -> str:
    return chinese_numeral(n) if n < 100 else str(n)


def _labelled(doc: DocxDocument, label: str, value: str) -> None:
    paragraph = add_text(doc, "", BODY)
    head = paragraph.add_run(f"{label}：")
    head.bold = True
    body = paragraph.add_run(value.strip() or "（未填写）")
    for run in (head, body):
        set_fonts(run._r.get_or_add_rPr(), "仿宋")


def _table(doc: DocxDocument, rows: Sequence[Sequence[str]], width_cm: float) -> None:
    """A boxed table, its columns as wide as their longest text says (within limits)."""
    grid = doc.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = doc.styles["Table Grid"]
    grid.autofit = False
    grid.rows[0].repeat_table_header = True
    need = [min(max(len(str(r[c])) for r in rows), 14) + 2 for c in range(len(rows[0]))]
    for c, share in enumerate(need):
        width = Cm(width_cm * share / sum(need))
        for cell in grid.columns[c].cells:
            cell.width = width
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            paragraph = grid.rows[r].cells[c].paragraphs[0]
            paragraph.style = TABLE_TEXT
            no_indent(paragraph._p.get_or_add_pPr())
            if text:
                run = paragraph.add_run(str(text))
                run.bold = r == 0
                set_fonts(run._r.get_or_add_rPr(), "仿宋")


def _picture(doc: DocxDocument, png: bytes, width_cm: float) -> None:
    paragraph = add_text(doc, "", BODY)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    no_indent(paragraph._p.get_or_add_pPr())
    paragraph.paragraph_format.line_spacing = 1.0  # the style's exact spacing would clip it
    paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))


def build_district_docx(spec: ExportSpec, *, title: str, subtitle: str, intro: Sequence[str],
                        parts: Sequence[Part], author: str, date: dt.date) -> bytes:
    """Title, subtitle, introduction, then each part with its items, table and pictures."""
    layout = spec.report
    doc = new_document(layout)
    add_title(doc, layout, title)
    if subtitle:
        add_text(doc, subtitle, SUBTITLE)
    for line in intro:
        add_text(doc, line, BODY)
    page = layout.page
    width = page.width_cm - page.margin_left_cm - page.margin_right_cm
    for i, part in enumerate(parts, start=1):
        add_text(doc, f"{_numeral(i)}、{part.title}", HEADINGS[0])
        for line in part.text:
            add_text(doc, line, BODY)
        for j, item in enumerate(part.items, start=1):
            add_text(doc, f"（{_numeral(j)}）{item.title}", HEADINGS[1])
            for label, value in item.fields:
                _labelled(doc, label, value)
        if part.table:
            _table(doc, part.table, width)
        for png in part.pictures:
            _picture(doc, png, width)
        for note in part.notes:
            add_text(doc, note, BODY)
    return document_bytes(doc, title.replace("\n", ""), author, date)
