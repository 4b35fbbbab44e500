"""The navigation entries: one step per part to submit, with completion, then check and export."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.form import Form
from desktop.ui.i18n import tr

DONE = "✓"
CHECK = "check"
EXPORT = "export"


@dataclass(frozen=True)
class NavEntry:
    key: str  # table id, "report:<plan number>", CHECK or EXPORT
    title: str
    done: int
    total: int
    note: str = ""  # shown instead of the completion when set
    problems: int = 0  # open findings in this step
    errors: int = 0  # of which errors: a step with errors is never shown as done

    @property
    def complete(self) -> bool:
        return bool(self.total) and self.done >= self.total and not self.errors

    @property
    def label(self) -> str:
        if self.note:
            return f"{self.title}\n{self.note}"
        if self.complete:
            text = f"{tr('完成')} {DONE}"
        else:
            text = tr("已填 %1/%2").replace("%1", str(self.done)).replace("%2", str(self.total))
        if self.problems:
            text += tr("，问题 %1").replace("%1", str(self.problems))
        return f"{self.title}\n{text}"


def report_key(plan_number: str) -> str:
    return f"report:{plan_number}"


def nav_entries(form: Form, status: object) -> list[NavEntry]:
    """Entries in submission order: the form's tables, then one report per plan.

    `status` is a desktop.department.operations.Status; tables with nothing assigned are left out.
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
                                f"{form.report.document}：{rs.plan_name}",
                                len(rs.complete_sections), len(rs.sections)))
    return entries


def stage_titles(form: Form) -> str:
    """The form's stages as the side panel names them: "初稿、定稿"."""
    return "、".join(s.title for s in form.stages)


def final_entries(errors: int, warnings: int, stages: str = "") -> list[NavEntry]:
    """The check step (with what is still open) and the export step (`stages`: the
    form's stage titles, "初稿、定稿")."""
    if errors or warnings:
        note = tr("错误 %1，警告 %2").replace("%1", str(errors)).replace("%2", str(warnings))
    else:
        note = tr("全部通过") + " " + DONE
    return [NavEntry(CHECK, tr("检查"), 0, 0, note),
            NavEntry(EXPORT, tr("导出"), 0, 0, stages + tr("报送"))]
