"""The navigation entries: one per section the department must submit, with completion."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.forms.definition import Form
from desktop.ui.i18n import tr

DONE = "✓"


@dataclass(frozen=True)
class NavEntry:
    key: str  # table id, or "report:<plan number>"
    title: str
    done: int
    total: int

    @property
    def label(self) -> str:
        progress = DONE if self.total and self.done >= self.total else f"{self.done}/{self.total}"
        return f"{self.title}\n{tr('完成')} {progress}"


def report_key(plan_number: str) -> str:
    return f"report:{plan_number}"


def nav_entries(form: Form, status: object) -> list[NavEntry]:
    """Entries in submission order: the form's tables, then one report per plan.

    `status` is a desktop.operations.Status; tables with nothing assigned are left out.
    """
    entries = []
    tables = getattr(status, "tables", {})
    for spec in form.tables:
        ts = tables.get(spec.id)
        if ts is None or not ts.assigned:
            continue
        n = len(ts.assigned)
        entries.append(NavEntry(spec.id, tr("%1（%2 项）").replace("%1", spec.title)
                                .replace("%2", str(n)), len(ts.complete), n))
    for rs in getattr(status, "reports", ()):
        entries.append(NavEntry(report_key(rs.plan_number),
                                tr("自评报告：%1").replace("%1", rs.plan_name),
                                len(rs.complete_sections), len(rs.sections)))
    return entries
