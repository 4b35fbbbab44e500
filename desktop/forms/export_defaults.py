"""Document layouts derived from form.json, for a form whose folder has no export.json
(or whose export.json leaves a table out): the national 公文 habits Putuo also follows
(A4; titles 黑体 二号, body 仿宋 三号, margins 2.8/2.54 cm, exact 29 pt lines) and, for
each table, its assignment columns followed by its answer columns, with the form's own
wording of the conditional rules as the notes under it.
"""

from __future__ import annotations

from types import MappingProxyType

from desktop.core.form import Form, TableSpec
from desktop.forms.export_spec import (
    OPTIONAL_REPORT_FONTS,
    Font,
    Page,
    ReportLayout,
    SheetColumn,
    SheetStyle,
    TableLayout,
)

A4 = Page(21.0, 29.7, 2.8, 2.8, 2.54, 2.54)
TEXT_WIDTH, SHORT_WIDTH, CHOICE_WIDTH = 30.0, 12.0, 9.0
# Row fields shown as indicator-style columns when the table has a target.
_INDICATOR_FIELDS = {"name", "unit", "target"}


def default_report(form: Form) -> ReportLayout:
    annexes = tuple(s.id for s in form.report.parts if s.annex or (
        s.level == 1 and s.title.startswith("附件")))
    return official_layout("{unit}" + form.report.title.replace("\n", ""), annexes)


def official_layout(title: str, annexes: tuple[str, ...] = ()) -> ReportLayout:
    """公文 habits for a document: A4, 黑体 titles, 仿宋 三号 body, 29 pt lines."""
    return ReportLayout(
        page=A4,
        fonts=MappingProxyType({
            "title": Font("黑体", 22), "subtitle": Font("楷体", 16), "heading": Font("黑体", 16),
            "body": Font("仿宋", 16), "page_number": Font("宋体", 14),
            **OPTIONAL_REPORT_FONTS}),
        line_spacing_pt=29, first_line_indent_chars=2,
        title=title, subtitle="（{plan}）",
        date="{year}年{month}月{day}日", signoff="分管领导审核：{leader}  {date}",
        annexes=annexes,
    )


def default_sheet_style() -> SheetStyle:
    return SheetStyle(
        fonts=MappingProxyType({"title": Font("黑体", 16, True), "header": Font("黑体", 11, True),
                                "body": Font("仿宋", 11), "notes": Font("仿宋", 11)}),
        paper="A4", orientation="landscape",
        margins_cm=MappingProxyType({"left": 1.5, "right": 1.5, "top": 1.8, "bottom": 1.8}),
        footer="第 &P 页，共 &N 页",
    )


def _answer_columns(table: TableSpec) -> list[SheetColumn]:
    return [SheetColumn("answer", c.title, CHOICE_WIDTH if c.choices else
                        (SHORT_WIDTH if c.kind == "figure" else TEXT_WIDTH * 0.7), c.id)
            for c in table.answer_columns]


def _notes(form: Form, table: TableSpec) -> tuple[str, ...]:
    said = [m.note.removeprefix("注：") for m in form.assignment.marks
            if m.table == table.id and m.note]
    said += [c.message for c in table.answer_columns if c.message]
    return tuple(("注：" if i == 0 else "") + f"{i + 1}、{m}" for i, m in enumerate(said))


def default_table(form: Form, table: TableSpec) -> TableLayout:
    """Category and indicator columns for a table with targets; otherwise 序号, the row's
    own columns as the form lists them, then the answer columns."""
    shown = table.assignment_columns
    if table.role("target"):
        columns = [SheetColumn("category", "类别", CHOICE_WIDTH),
                   SheetColumn("indicator", "指标", TEXT_WIDTH),
                   SheetColumn("target", _title(table, "target", "目标"), SHORT_WIDTH)]
        columns += [SheetColumn("row_field", c.title, SHORT_WIDTH, c.id) for c in shown
                    if c.id not in _INDICATOR_FIELDS]
    else:
        columns = [SheetColumn("number", "序号", 6.0)]
        for c in shown:
            if c.id == "group":
                columns.append(SheetColumn("group", c.title, 14.0))
            elif c.id == "content":
                columns.append(SheetColumn("content", c.title, TEXT_WIDTH + 10))
            else:
                columns.append(SheetColumn("row_field", c.title, TEXT_WIDTH, c.id))
    title = f"{form.district}{table.title}" if form.district else table.title
    return TableLayout(id=table.id, title=title, sheet=table.title[:31],
                       columns=tuple(columns + _answer_columns(table)), notes=_notes(form, table))


def _title(table: TableSpec, field_id: str, fallback: str) -> str:
    return next((c.title for c in table.assignment_columns if c.id == field_id), fallback)
