"""The report (附件5: 自评报告, 中期评估报告, …) of one special plan, as .docx bytes.

Layout (fonts, margins, spacing, wording) comes from the form's export.json; the outline
(any depth: 一、 / （一） / 1.), the tables printed inside it and the annexes from
form.json; the text is the department's, split into paragraphs on line breaks. Nothing is
invented: an empty section keeps its heading and an empty paragraph.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import threading
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast
from weakref import WeakKeyDictionary

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.parts.document import DocumentPart
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from desktop.core.division import Deliverables
from desktop.core.form import Form, Section
from desktop.core.model import Row
from desktop.forms.export_spec import ExportSpec, Font, ReportLayout, TableLayout
from desktop.io.docx_package import docx_bytes, stamp
from desktop.io.docx_xml import (
    add_page_field,
    indent_chars,
    no_indent,
    set_doc_defaults,
    set_fonts,
    strip_theme_fonts,
)
from desktop.io.table_cells import cell_value

BODY = "Normal"
TITLE = "报告标题"
SUBTITLE = "报告副标题"
HEADING = "报告部分标题"
HEADINGS = (HEADING, "报告二级标题", "报告三级标题")  # outline levels 1, 2, 3 and deeper
HEADING_FONTS = ("heading", "heading2", "heading3")
CLOSING = "报告落款"
TABLE_TEXT = "报告表格文字"
Answers = Mapping[str, Mapping[str, Mapping[str, str]]]  # table -> row number -> field -> text


def paragraphs_of(text: str) -> list[str]:
    """A section's text as paragraphs: one per non-blank line, typed indents removed."""
    return [line.strip(" \t\u3000") for line in text.splitlines() if line.strip(" \t\u3000")]


def format_date(pattern: str, when: dt.date) -> str:
    return pattern.format(year=when.year, month=when.month, day=when.day)


def _style_font(style: ParagraphStyle, font: Font) -> None:
    set_fonts(style.element.get_or_add_rPr(), font.name)
    style.font.size = Pt(font.size_pt)
    style.font.bold = font.bold
    style.font.italic = False


def _spacing(style: ParagraphStyle, line_pt: float) -> None:
    fmt = style.paragraph_format
    fmt.line_spacing = Pt(line_pt)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _derived(doc: DocxDocument, name: str, font: Font, line_pt: float,
             align: WD_ALIGN_PARAGRAPH) -> ParagraphStyle:
    style = cast(ParagraphStyle, doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = doc.styles[BODY]
    _style_font(style, font)
    _spacing(style, line_pt)
    style.paragraph_format.alignment = align
    no_indent(style.element.get_or_add_pPr())
    return style


def _set_up_styles(doc: DocxDocument, layout: ReportLayout) -> None:
    fonts = layout.fonts
    styles_element = doc.styles.element
    strip_theme_fonts(styles_element)
    set_doc_defaults(styles_element, fonts["body"].name, fonts["body"].size_pt)
    body = doc.styles[BODY]
    _style_font(body, fonts["body"])
    _spacing(body, layout.line_spacing_pt)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.widow_control = True
    indent_chars(body.element.get_or_add_pPr(), layout.first_line_indent_chars,
                 fonts["body"].size_pt)
    # A 22 pt title in exact 29 pt lines would touch the line above; give it room.
    title_line = max(layout.line_spacing_pt, fonts["title"].size_pt * 1.5)
    title = _derived(doc, TITLE, fonts["title"], title_line, WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_after = Pt(layout.line_spacing_pt)
    subtitle = _derived(doc, SUBTITLE, fonts["subtitle"], layout.line_spacing_pt,
                        WD_ALIGN_PARAGRAPH.CENTER)
    subtitle.paragraph_format.space_after = Pt(layout.line_spacing_pt / 2)
    for name, font in zip(HEADINGS, HEADING_FONTS, strict=True):
        heading = _derived(doc, name, fonts.get(font, fonts["heading"]),
                           layout.line_spacing_pt, WD_ALIGN_PARAGRAPH.LEFT)
        heading.paragraph_format.keep_with_next = True
        if name != HEADING:  # （一）and 1. sit indented like the body, as in 公文
            indent_chars(heading.element.get_or_add_pPr(), layout.first_line_indent_chars,
                         fonts["body"].size_pt)
    table_font = fonts.get("table", Font(fonts["body"].name, 10.5))
    table_text = _derived(doc, TABLE_TEXT, table_font, table_font.size_pt * 1.4,
                          WD_ALIGN_PARAGRAPH.CENTER)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    _derived(doc, CLOSING, fonts["body"], layout.line_spacing_pt, WD_ALIGN_PARAGRAPH.RIGHT)


def _set_up_page(doc: DocxDocument, layout: ReportLayout) -> None:
    page = layout.page
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(page.width_cm), Cm(page.height_cm)
    section.left_margin, section.right_margin = Cm(page.margin_left_cm), Cm(page.margin_right_cm)
    section.top_margin, section.bottom_margin = Cm(page.margin_top_cm), Cm(page.margin_bottom_cm)
    section.footer_distance = Cm(1.5)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    no_indent(footer._p.get_or_add_pPr())
    number = layout.fonts["page_number"]
    add_page_field(footer, number.name, number.size_pt)


class _Looks:
    """A document's paragraph styles by name: style id and East Asian font, looked up once
    (python-docx scans every style of the document for each lookup by name)."""

    def __init__(self) -> None:
        self.ids: dict[str, str | None] = {}
        self.fonts: dict[str, str] = {}

    def style_id(self, doc: DocxDocument, name: str) -> str | None:
        """What `paragraph.style = name` writes: None for the default style."""
        if name not in self.ids:
            self.ids[name] = doc.part.get_style_id(  # type: ignore[no-untyped-call]
                name, WD_STYLE_TYPE.PARAGRAPH)
        return self.ids[name]

    def font(self, doc: DocxDocument, name: str) -> str:
        if name not in self.fonts:
            self.fonts[name] = _font_of(doc.styles[name])
        return self.fonts[name]


_LOOKS: WeakKeyDictionary[DocumentPart, _Looks] = WeakKeyDictionary()  # by document


def _looks(doc: DocxDocument) -> _Looks:
    return _LOOKS.setdefault(doc.part, _Looks())


def _styled(doc: DocxDocument, paragraph: Paragraph, style: str) -> None:
    """`paragraph.style = style`, without python-docx's lookup by name."""
    paragraph._p.style = _looks(doc).style_id(doc, style)


def _add(doc: DocxDocument, text: str, style: str) -> Paragraph:
    """A paragraph whose run names its font too, for readers that ignore style fonts."""
    paragraph = doc.add_paragraph()
    _styled(doc, paragraph, style)
    if text:
        run = paragraph.add_run(text)
        set_fonts(run._r.get_or_add_rPr(), _looks(doc).font(doc, style))
    return paragraph


def _font_of(style: ParagraphStyle) -> str:
    fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
    if fonts is None or fonts.get(qn("w:eastAsia")) is None:
        return _font_of(style.base_style)
    return str(fonts.get(qn("w:eastAsia")))


def _section(doc: DocxDocument, section: Section, text: str, *, new_page: bool = False,
             table: tuple[TableLayout, Sequence[Row], Mapping[str, Mapping[str, str]]]
             | None = None) -> None:
    style = HEADINGS[min(section.level, len(HEADINGS)) - 1]
    heading = _add(doc, section.title, style)
    if new_page:
        heading.paragraph_format.page_break_before = True
    if table is not None:
        _table(doc, *table)
    if not section.writable:
        return
    lines = paragraphs_of(text)
    for line in lines or [""]:
        _add(doc, line, BODY)


def _table(doc: DocxDocument, layout: TableLayout, rows: Sequence[Row],
           answers: Mapping[str, Mapping[str, str]]) -> None:
    """An evaluation table inside the report: its export columns, one line per row, the
    columns as wide as the layout's widths say, shared out over the text width."""
    columns = layout.columns
    grid = doc.add_table(rows=1 + len(rows), cols=len(columns))
    grid.style = doc.styles["Table Grid"]
    grid.autofit = False
    section = doc.sections[0]
    text_width = (int(section.page_width or 0) - int(section.left_margin or 0)
                  - int(section.right_margin or 0))
    total = sum(c.width for c in columns) or 1.0
    for i, column in enumerate(columns):
        width = int(text_width * column.width / total)
        grid.columns[i].width = width
        for cell in grid.columns[i].cells:
            cell.width = width
    header = grid.rows[0]
    header.repeat_table_header = True
    for i, column in enumerate(columns):
        _cell_text(doc, header.cells[i], column.title, bold=True)
    for r, row in enumerate(rows, start=1):
        for i, column in enumerate(columns):
            _cell_text(doc, grid.rows[r].cells[i],
                       cell_value(column, layout, row, answers.get(row.number, {})))


def _cell_text(doc: DocxDocument, cell: object, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    _styled(doc, paragraph, TABLE_TEXT)
    no_indent(paragraph._p.get_or_add_pPr())
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        set_fonts(run._r.get_or_add_rPr(), _looks(doc).font(doc, TABLE_TEXT))


def _closing(doc: DocxDocument, layout: ReportLayout, department: str, date: dt.date,
             signoff: Mapping[str, object] | None) -> None:
    lines = [_add(doc, "", BODY), _add(doc, department, CLOSING),
             _add(doc, format_date(layout.date, date), CLOSING)]
    if signoff:
        when = signoff.get("date", "")
        if isinstance(when, str) and when:
            try:
                when = dt.date.fromisoformat(when)
            except ValueError:
                pass  # shown as given
        shown = format_date(layout.date, when) if isinstance(when, dt.date) else str(when or "")
        text = layout.signoff.format(leader=str(signoff.get("leader", "")), date=shown)
        lines.append(_add(doc, text.strip(), CLOSING))
    for line in lines[:-1]:  # the unit, date and sign-off stay on one page
        line.paragraph_format.keep_with_next = True


def _properties(doc: DocxDocument, title: str, department: str, date: dt.date) -> None:
    props = doc.core_properties
    when = stamp(date)
    props.title = title
    props.author = department
    props.last_modified_by = department
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    props.comments = ""
    props.subject = ""
    props.keywords = ""


def _in_annex(form: Form, section: Section, annexes: Sequence[str]) -> str:
    """The annex a section belongs to ("" for the report's body)."""
    return next((s.id for s in form.report.path_of(section) if s.id in annexes), "")


def _set_up(layout: ReportLayout) -> bytes:
    """An empty document with the report's styles, page and page-number footer, saved."""
    doc = Document()
    _set_up_styles(doc, layout)
    _set_up_page(doc, layout)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:  # the template's empty first paragraph
        body._p.getparent().remove(body._p)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class _Template:
    doc: DocxDocument  # opened from its saved bytes: nothing but the package refers into it
    looks: _Looks  # its report styles' ids and fonts


_TEMPLATES: dict[Hashable, _Template] = {}
_TEMPLATES_LOCK = threading.Lock()
STYLES = (BODY, TITLE, SUBTITLE, *HEADINGS, CLOSING, TABLE_TEXT)


def _template(layout: ReportLayout) -> _Template:
    """The empty document for `layout`, set up once: parsing python-docx's template and
    setting up the styles cost more than most reports' text."""
    key = (layout.page, tuple(sorted(layout.fonts.items())), layout.line_spacing_pt,
           layout.first_line_indent_chars)
    with _TEMPLATES_LOCK:
        if key not in _TEMPLATES:
            doc = Document(io.BytesIO(_set_up(layout)))
            looks = _Looks()
            for name in STYLES:
                looks.style_id(doc, name)
                looks.font(doc, name)
            _TEMPLATES[key] = _Template(doc, looks)
        return _TEMPLATES[key]


def new_document(layout: ReportLayout) -> DocxDocument:
    """An empty document with the report's styles, page and page-number footer: a copy
    of the layout's template, free to change."""
    template = _template(layout)
    doc = copy.deepcopy(template.doc)
    _looks(doc).ids.update(template.looks.ids)  # a style's id does not change
    return doc


def _report_document(layout: ReportLayout) -> DocxDocument:
    """Like `new_document`, but its styles are the template's own, not a copy (most of the
    time of copying): only for a document whose styles are read, never changed."""
    template = _template(layout)
    styles = template.doc.part.styles.element
    doc = copy.deepcopy(template.doc, {id(styles): styles})
    looks = _looks(doc)
    looks.ids.update(template.looks.ids)
    looks.fonts.update(template.looks.fonts)
    return doc


def add_text(doc: DocxDocument, text: str, style: str = BODY) -> Paragraph:
    """A paragraph in one of the report's styles (BODY, TITLE, HEADINGS, CLOSING, …)."""
    return _add(doc, text, style)


def add_title(doc: DocxDocument, layout: ReportLayout, title: str) -> Paragraph:
    """The report's title paragraph; a newline in `title` is a line break."""
    heading = doc.add_paragraph()
    _styled(doc, heading, TITLE)
    for i, line in enumerate(title.split("\n")):
        if i:
            heading.runs[-1].add_break()
        set_fonts(heading.add_run(line)._r.get_or_add_rPr(), layout.fonts["title"].name)
    return heading


def _names(form: Form, plan: Row, department: str) -> dict[str, str]:
    return {"unit": department, "plan": plan.fields.get("name", ""), "district": form.district}


def report_title(form: Form, spec: ExportSpec, plan: Row, department: str) -> str:
    """The report's title as printed ("区科委“十四五”规划中期评估\n自评报告")."""
    return spec.report.title.format(**_names(form, plan, department))


def append_report(doc: DocxDocument, form: Form, spec: ExportSpec, plan: Row, department: str,
                  answers_of_plan: Mapping[str, str], *, date: dt.date,
                  signoff: Mapping[str, object] | None = None, rows: Sequence[Row] = (),
                  answers: Answers | None = None) -> Paragraph:
    """Write the report for `plan` at the end of `doc` (see `build_report_docx`); returns
    its title paragraph."""
    layout = spec.report
    names = _names(form, plan, department)
    heading = add_title(doc, layout, layout.title.format(**names))
    if layout.subtitle and names["plan"]:
        _add(doc, layout.subtitle.format(**names), SUBTITLE)
    work = Deliverables.of(rows)

    def put(section: Section, new_page: bool = False) -> None:
        table = None
        if section.table:
            table = (spec.table(section.table), work.table(section.table),
                     (answers or {}).get(section.table, {}))
        _section(doc, section, answers_of_plan.get(section.id, ""), new_page=new_page,
                 table=table)

    annexed = {s.id: _in_annex(form, s, layout.annexes) for s in form.report.parts}
    for section in form.report.parts:
        if not annexed[section.id]:
            put(section)
    _closing(doc, layout, department, date, signoff)
    for section in form.report.parts:
        if annexed[section.id]:
            put(section, new_page=section.id == annexed[section.id])
    return heading


def document_bytes(doc: DocxDocument, title: str, author: str, date: dt.date) -> bytes:
    """The document as reproducible bytes, its properties dated `date`."""
    _properties(doc, title, author, date)
    return docx_bytes(doc, stamp(date))


def build_report_docx(form: Form, spec: ExportSpec, plan: Row, department: str,
                      answers_of_plan: Mapping[str, str], *, date: dt.date,
                      signoff: Mapping[str, object] | None = None,
                      rows: Sequence[Row] = (), answers: Answers | None = None) -> bytes:
    """The report for `plan`: title, the form's outline, unit and date, then the annexes.

    `answers_of_plan` maps section id to the department's text; `signoff` ({leader, date})
    adds the leader's approval line at the stage that needs it. A section with a `table`
    prints that evaluation table for the department's `rows` with their `answers`.
    """
    doc = _report_document(spec.report)  # the report adds paragraphs and tables, no styles
    append_report(doc, form, spec, plan, department, answers_of_plan, date=date,
                  signoff=signoff, rows=rows, answers=answers)
    title = report_title(form, spec, plan, department)
    return document_bytes(doc, title.replace("\n", ""), department, date)
