"""Plausible sample answers for the demo, so the whole path can be shown end to end.

Driven by the form: any table, any answer columns; figures near half way for cumulative
targets and at the target for yearly ones; the second choice (B, 符合进度…) for choices.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from desktop.core.division import REPORTS, Deliverables
from desktop.core.form import Column, Form, TableSpec
from desktop.core.model import Row

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _figure(target: str, share: float) -> str:
    numbers = [float(n) for n in _NUMBER.findall(target)]
    if not numbers:
        return "与全市同步推进"
    return f"{numbers[0] * (share if '累计' in target else 1.0):.15g}"


def _value(spec: TableSpec, column: Column, row: Row) -> str | None:
    target = row.fields.get(spec.role("target") or "target", "")
    if column.choices:
        return column.choices[min(1, len(column.choices) - 1)]
    if column.kind == "figure":
        share = 1.0 if column.id == spec.role("end_value") else 0.55
        return _figure(target, share)
    if not column.required:
        return None
    lead = row.title.split("。")[0][:30]
    return f"{lead}：已按计划推进，截至2023年6月完成阶段目标（示例文字）。"


def _row(spec: TableSpec, row: Row) -> dict[str, str]:
    values = {c.id: _value(spec, c, row) for c in spec.answer_columns}
    return {k: v for k, v in values.items() if v is not None}


def _report(plan: Row, form: Form) -> dict[str, str]:
    name = plan.fields.get("name", "")
    return {
        s.id: f"{s.title.split('：')[-1]}。{name}实施以来，各项工作有序推进（示例文字）。"
        for s in form.report.sections
    }


def sample_answers(rows: Sequence[Row], form: Form) -> dict[str, Any]:
    """A data.json document answering every assigned row and report section."""
    work = Deliverables.of(rows)
    data: dict[str, Any] = {
        spec.id: {r.number: _row(spec, r) for r in work.table(spec.id)} for spec in form.tables
    }
    data[REPORTS] = {p.number: _report(p, form) for p in work.plans}
    return data
