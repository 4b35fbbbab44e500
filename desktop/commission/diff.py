"""What changed between two packages of a unit: field by field, reports by section.

By default the two latest valid packages (any stage, superseded ones included, rejected
ones never), older first. The 修改对照表 (xlsx) lists table, row, field, old and new.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.commission.round import round_form
from desktop.commission.shared import package_data
from desktop.core.division import REPORTS
from desktop.core.errors import InputError
from desktop.forms import Form
from desktop.store.commission import CommissionWorkspace


@dataclass(frozen=True)
class Change:
    table: str  # table id, or "reports"
    table_title: str
    number: str
    row_title: str
    field: str
    field_title: str
    old: str
    new: str


def unit_packages(cws: CommissionWorkspace, unit: str) -> list[dict[str, Any]]:
    """The unit's valid packages, oldest first."""
    return cws.query("SELECT sha256, stage, created, received_at, status, file_name FROM "
                     "packages WHERE unit = ? AND status != 'rejected' ORDER BY created, "
                     "received_at", (unit,))


def default_pair(cws: CommissionWorkspace, unit: str) -> tuple[str, str]:
    found = unit_packages(cws, unit)
    if len(found) < 2:
        raise InputError(f"“{unit}”只有 {len(found)} 个有效材料包，至少需要两个才能比较。")
    return found[-2]["sha256"], found[-1]["sha256"]


def _titles(cws: CommissionWorkspace) -> dict[tuple[str, str], str]:
    return {(r.table, str(r.number)): r.title for r in cws.rows()}


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def changes(form: Form, old: Mapping[str, Any], new: Mapping[str, Any],
            row_titles: Mapping[tuple[str, str], str]) -> list[Change]:
    """Every field whose text differs, tables in the form's order, then the reports."""
    found: list[Change] = []
    sources = [(t.id, t.id, t.title, {c.id: c.title for c in t.answer_columns})
               for t in form.tables]
    sections = {s.id: s.title for s in form.report.parts}
    sources.append((REPORTS, "plans", form.report.document, sections))
    for table, row_table, title, fields in sources:
        before, after = old.get(table) or {}, new.get(table) or {}
        numbers = list(dict.fromkeys([*before, *after]))
        for number in numbers:
            a, b = before.get(number) or {}, after.get(number) or {}
            for f in dict.fromkeys([*fields, *a, *b]):
                if _text(a.get(f)) != _text(b.get(f)):
                    found.append(Change(table, title, number,
                                        row_titles.get((row_table, number), ""), f,
                                        fields.get(f, f), _text(a.get(f)), _text(b.get(f))))
    return found


def diff_packages(cws: CommissionWorkspace, old_sha: str, new_sha: str) -> list[Change]:
    form = round_form(cws)
    return changes(form, package_data(cws, old_sha), package_data(cws, new_sha),
                   _titles(cws))


def diff_xlsx(found: list[Change], *, title: str) -> bytes:
    """The 修改对照表: one line per changed field."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "修改对照表"
    ws.append([title])
    ws.append(["表", "编号", "指标、任务或规划", "字段", "修改前", "修改后"])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for c in found:
        ws.append([c.table_title, c.number, c.row_title, c.field_title, c.old, c.new])
        for cell in ws[ws.max_row]:
            cell.alignment = wrap
    for col, width in zip("ABCDEF", (14, 8, 36, 18, 50, 50), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
