"""How a form's documents look: forms/<id>/export.json read into frozen objects.

The report's fonts, margins and wording and the tables' titles, columns and notes are the
commission's format, so they are data beside form.json, not code. Loading checks every key
the exporters rely on and names the file and key of anything wrong, in Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.errors import InputError
from desktop.core.form import Form
from desktop.forms.definition import _Reader

EXPORT_FILE = "export.json"
EXPORT_FORMAT = "planeval.export/1"
# What a table column shows: a row's place in the outline or one of the answer columns.
SOURCES = ("category", "indicator", "target", "part_target", "number", "group", "content",
           "answer", "row_field")
REPORT_FONTS = ("title", "subtitle", "heading", "body", "page_number")
STYLES = ("indicators", "tasks")
SHEET_FONTS = ("title", "header", "body", "notes")


@dataclass(frozen=True)
class Font:
    name: str
    size_pt: float
    bold: bool = False


# Optional: headings of the outline's second and third levels (（一）, 1.), and tables
# printed inside the report; 公文 habits when absent.
OPTIONAL_REPORT_FONTS = {"heading2": Font("楷体", 16), "heading3": Font("仿宋", 16, True),
                         "table": Font("仿宋", 10.5)}


@dataclass(frozen=True)
class Page:
    width_cm: float
    height_cm: float
    margin_left_cm: float
    margin_right_cm: float
    margin_top_cm: float
    margin_bottom_cm: float


@dataclass(frozen=True)
class ReportLayout:
    """The self-assessment report (附件5): page, fonts, spacing and fixed wording."""

    page: Page
    fonts: Mapping[str, Font]  # REPORT_FONTS -> Font
    line_spacing_pt: float
    first_line_indent_chars: int
    title: str  # "{unit}…", a newline is a line break
    subtitle: str  # "{plan}"; empty for none
    date: str  # "{year}年{month}月{day}日"
    signoff: str  # "{leader} {date}"
    annexes: tuple[str, ...]  # section ids printed after the unit and date, on a new page


@dataclass(frozen=True)
class SheetColumn:
    source: str  # one of SOURCES
    title: str  # neighbouring columns with one title share a merged header cell
    width: float
    field: str = ""  # the answer column ("answer") or the row's own field ("row_field")


@dataclass(frozen=True)
class TableLayout:
    """One evaluation table (附件6, 附件7): title, columns and the commission's notes."""

    id: str
    title: str
    sheet: str
    columns: tuple[SheetColumn, ...]
    notes: tuple[str, ...]
    indicator_name: str = "{number}、{name}（{unit}）"
    part_target: str = "{name} {target}"
    style: str = ""  # "indicators" or "tasks"; "" = by the columns (see `indicator_style`)

    @property
    def indicator_style(self) -> bool:
        """Laid out like 附件6 (indicators with their sub-rows) rather than like 附件7
        (category lines, groups merged down): as `style` says, else when a column shows
        the indicator, its target or a sub-row's target."""
        if self.style:
            return self.style == "indicators"
        return any(c.source in ("indicator", "target", "part_target") for c in self.columns)


@dataclass(frozen=True)
class SheetStyle:
    fonts: Mapping[str, Font]  # SHEET_FONTS -> Font
    paper: str
    orientation: str
    margins_cm: Mapping[str, float]
    footer: str


@dataclass(frozen=True)
class ExportSpec:
    report: ReportLayout
    tables: Mapping[str, TableLayout]
    sheet_style: SheetStyle
    path: Path

    def table(self, table_id: str) -> TableLayout:
        try:
            return self.tables[table_id]
        except KeyError:
            raise InputError(f"键“tables.{table_id}”缺失：没有该表的导出格式",
                             file=str(self.path)) from None

    def has_table(self, table_id: str) -> bool:
        return table_id in self.tables


def _number(r: _Reader, obj: Mapping[str, Any], key: str, where: str) -> float:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise r.fail(f"{where}{key}", "缺失或不是数字")
    return float(value)


def _fonts(r: _Reader, obj: Mapping[str, Any], names: tuple[str, ...],
           where: str, optional: Mapping[str, Font] | None = None) -> Mapping[str, Font]:
    fonts = dict(optional or {})
    for name in (*names, *(n for n in optional or {} if n in obj)):
        f = r.get(obj, name, where, dict)
        w = f"{where}{name}."
        fonts[name] = Font(r.get(f, "name", w), _number(r, f, "size_pt", w),
                           r.get(f, "bold", w, bool, False))
    return MappingProxyType(fonts)


def _report(r: _Reader, form: Form) -> ReportLayout:
    rep = r.get(r.data, "report", "", dict)
    page = r.get(rep, "page", "report.", dict)
    w = "report.page."
    layout = ReportLayout(
        page=Page(*(_number(r, page, k, w) for k in (
            "width_cm", "height_cm", "margin_left_cm", "margin_right_cm", "margin_top_cm",
            "margin_bottom_cm"))),
        fonts=_fonts(r, r.get(rep, "fonts", "report.", dict), REPORT_FONTS, "report.fonts.",
                     OPTIONAL_REPORT_FONTS),
        line_spacing_pt=_number(r, rep, "line_spacing_pt", "report."),
        first_line_indent_chars=int(_number(r, rep, "first_line_indent_chars", "report.")),
        title=r.get(rep, "title", "report."), subtitle=r.get(rep, "subtitle", "report.", str, ""),
        date=r.get(rep, "date", "report."), signoff=r.get(rep, "signoff", "report."),
        annexes=tuple(dict.fromkeys([*r.get(rep, "annexes", "report.", list, []),
                                     *(s.id for s in form.report.annexes)])),
    )
    known = {s.id for s in form.report.sections}
    for i, annex in enumerate(layout.annexes):
        if annex not in known:
            raise r.fail(f"report.annexes[{i}]", f"指向 form.json 中不存在的报告部分“{annex}”")
    return layout


def _columns(r: _Reader, form: Form, table_id: str, items: list[Any],
             where: str) -> tuple[SheetColumn, ...]:
    answer_ids = {c.id for c in form.table(table_id).answer_columns}
    columns = []
    for i, c in enumerate(items):
        w = f"{where}[{i}]."
        if not isinstance(c, dict):
            raise r.fail(w.rstrip("."), "应为对象")
        source = r.get(c, "source", w)
        if source not in SOURCES:
            raise r.fail(f"{w}source", f"应为 {'、'.join(SOURCES)} 之一")
        field = r.get(c, "field", w, str, "")
        if source == "answer" and field not in answer_ids:
            raise r.fail(f"{w}field", f"应为 form.json 中该表的填报栏目之一，而不是“{field}”")
        if source == "row_field" and not field:
            raise r.fail(f"{w}field", "缺失：row_field 列须指明分工表中的栏目")
        columns.append(SheetColumn(source, r.get(c, "title", w), _number(r, c, "width", w),
                                   field))
    if not columns:
        raise r.fail(where, "不能为空")
    return tuple(columns)


def _tables(r: _Reader, form: Form) -> Mapping[str, TableLayout]:
    known = {t.id for t in form.tables}
    tables = {}
    for table_id, t in r.get(r.data, "tables", "", dict).items():
        w = f"tables.{table_id}."
        if table_id not in known:
            raise r.fail(f"tables.{table_id}", "不是 form.json 中的表")
        if not isinstance(t, dict):
            raise r.fail(f"tables.{table_id}", "应为对象")
        tables[table_id] = TableLayout(
            id=table_id, title=r.get(t, "title", w), sheet=r.get(t, "sheet", w)[:31],
            columns=_columns(r, form, table_id, r.get(t, "columns", w, list), f"{w}columns"),
            notes=tuple(str(n) for n in r.get(t, "notes", w, list, [])),
            indicator_name=r.get(t, "indicator_name", w, str, "{number}、{name}（{unit}）"),
            part_target=r.get(t, "part_target", w, str, "{name} {target}"),
            style=_style(r, t, w),
        )
    return MappingProxyType(tables)


def _style(r: _Reader, t: Mapping[str, Any], w: str) -> str:
    style = r.get(t, "style", w, str, "")
    if style and style not in STYLES:
        raise r.fail(f"{w}style", f"应为 {'、'.join(STYLES)} 之一（或不写，按列推断）")
    return str(style)


def _sheet_style(r: _Reader) -> SheetStyle:
    s = r.get(r.data, "sheet_style", "", dict)
    w = "sheet_style."
    orientation = r.get(s, "orientation", w, str, "landscape")
    if orientation not in ("landscape", "portrait"):
        raise r.fail(f"{w}orientation", "应为 landscape 或 portrait")
    margins = r.get(s, "margins_cm", w, dict)
    return SheetStyle(
        fonts=_fonts(r, r.get(s, "fonts", w, dict), SHEET_FONTS, f"{w}fonts."),
        paper=r.get(s, "paper", w, str, "A4"), orientation=orientation,
        margins_cm=MappingProxyType({k: _number(r, margins, k, f"{w}margins_cm.")
                                     for k in ("left", "right", "top", "bottom")}),
        footer=r.get(s, "footer", w, str, ""),
    )


def load_export_spec(form: Form) -> ExportSpec:
    """Read forms/<id>/export.json, filling what it leaves out from form.json.

    A folder without export.json gets the default layouts of export_defaults; a table the
    file does not list gets its default layout. Faults in the file raise InputError naming
    the file and key.
    """
    from desktop.forms import export_defaults as default

    path = form.folder / EXPORT_FILE
    if not path.is_file():
        tables = {t.id: default.default_table(form, t) for t in form.tables}
        return ExportSpec(report=default.default_report(form),
                          tables=MappingProxyType(tables),
                          sheet_style=default.default_sheet_style(), path=path)
    r = _Reader(path)
    if r.get(r.data, "format", "") != EXPORT_FORMAT:
        raise r.fail("format", f"应为 “{EXPORT_FORMAT}”")
    report = _report(r, form)  # checked in the file's order: report, tables, sheet style
    tables = dict(_tables(r, form))
    for t in form.tables:
        tables.setdefault(t.id, default.default_table(form, t))
    return ExportSpec(report=report, tables=MappingProxyType(tables),
                      sheet_style=_sheet_style(r), path=r.path)
