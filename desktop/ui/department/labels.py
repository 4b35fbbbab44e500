"""Plain words for places in the workspace (for undo messages) and the demo banner."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.core.division import REPORTS
from desktop.core.form import Form
from desktop.department.editing import Acceptance, Batch, Edit, Step
from desktop.paths import demo_settings
from desktop.ui.i18n import tr

DEMO_STYLE = ("background: #fff3cd; color: #6b4a00; border: 1px solid #e0c060;"
              " padding: 4px 8px; font-weight: bold;")


def cell_text(form: Form, table: str, number: str, field: str) -> str:
    """"主要指标 4.1 “中期完成数”" or "自评报告 3 “一、规划实施总体情况”"."""
    if table == REPORTS:
        titles = {s.id: s.title for s in form.report.sections}
        return f"{form.report.title} {number} “{titles.get(field, field)}”"
    try:
        spec = form.table(table)
    except KeyError:
        return f"{table} {number}"
    titles = {c.id: c.title for c in (*spec.assignment_columns, *spec.answer_columns)}
    return f"{spec.title} {number} “{titles.get(field, field)}”"


def describe_step(form: Form, step: Step) -> str:
    if isinstance(step, Edit):
        return cell_text(form, step.table, step.number, step.field)
    if isinstance(step, Batch):
        first = step.edits[0]
        return tr("%1 等 %2 格").replace("%1", cell_text(form, first.table, first.number,
                                                         first.field)) \
            .replace("%2", str(len(step.edits)))
    assert isinstance(step, Acceptance)
    return tr("接受警告的理由")


def demo_banner(parent: QWidget) -> QLabel:
    """The strip at the top of a demo workspace's window: not for real submissions."""
    unit = demo_settings()["department"]
    banner = QLabel(tr("演示工作区：{unit}的示例任务，仅供熟悉操作，请勿填写正式材料"
                       "（本单位的任务请用“文件 → 新建工作区”）。").format(unit=unit), parent)
    banner.setObjectName("demo_banner")
    banner.setWordWrap(True)
    banner.setStyleSheet(DEMO_STYLE)
    return banner
