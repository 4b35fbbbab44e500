"""Plausible sample answers for the demo, so the whole path can be shown end to end."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from desktop.core.division import REPORTS, Deliverables
from desktop.core.model import INDICATORS, TASKS, Row
from desktop.forms import Form

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _mid_value(target: str) -> str:
    """About half way for a cumulative target, the target itself for a yearly one."""
    numbers = [float(n) for n in _NUMBER.findall(target)]
    if not numbers:
        return "与全市同步推进"
    value = numbers[-1] * (0.55 if "累计" in target else 1.0)
    return f"{value:g}"


def _indicator(row: Row) -> dict[str, str]:
    target = row.fields.get("target", "")
    return {
        "mid_value": _mid_value(target),
        "conclusion": "B",
        "end_value": target.replace("累计", "").strip() or "完成目标",
    }


def _task(row: Row) -> dict[str, str]:
    lead = row.title.split("。")[0][:40]
    return {
        "progress": f"{lead}：已按计划推进，截至2023年6月完成阶段目标的55%左右。",
        "conclusion": "B",
        "end_status": "预计规划期末可如期完成。",
    }


def _report(plan: Row, form: Form) -> dict[str, str]:
    name = plan.fields.get("name", "")
    return {
        s.id: f"{s.title.split('：')[-1]}。{name}实施以来，各项工作有序推进（示例文字）。"
        for s in form.report.sections
    }


def sample_answers(rows: Sequence[Row], form: Form) -> dict[str, Any]:
    """A data.json document answering every assigned row and report section."""
    work = Deliverables.of(rows)
    return {
        INDICATORS: {r.number: _indicator(r) for r in work.indicators},
        TASKS: {r.number: _task(r) for r in work.tasks},
        REPORTS: {p.number: _report(p, form) for p in work.plans},
    }
