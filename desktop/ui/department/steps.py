"""The 检查 step (every remaining finding) and what the 导出 step will submit."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.form import Form
from desktop.core.model import Row
from desktop.ui.department.problems import FindingListModel, counts_text, finding_view
from desktop.ui.i18n import tr


class CheckPage(QWidget):
    """The findings still open, to click through; a summary of what blocks submission."""

    jump = Signal(object)  # Finding

    def __init__(self, model: FindingListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        title = QLabel(f"<b>{tr('检查')}</b>", self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        hint = QLabel(tr("红色“错误”必须改正后才能定稿报送；黄色“警告”请核实，确认无误的可在下方"
                         "“问题”栏中说明理由后接受。点击一条问题即可跳到对应位置。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        self.view = finding_view(model, self, "check_list")
        self.view.clicked.connect(lambda i: self.jump.emit(model.finding(i.row())))
        layout = QVBoxLayout(self)
        for w in (title, self.summary, hint):
            layout.addWidget(w)
        layout.addWidget(self.view, 1)
        model.updated.connect(self._update)
        self._update()

    def _update(self) -> None:
        errors, warnings, _ = self.model.store.counts()
        if not errors and not warnings:
            verdict = tr("全部检查通过，可以进入导出。")
        elif not errors:
            verdict = tr("没有错误；还有警告需要核实或说明理由。")
        else:
            verdict = tr("还有错误需要改正。")
        self.summary.setText(f"{counts_text(self.model.store)}。{verdict}")


def export_text(form: Form, department: str, tables: dict[str, int], plans: list[Row]) -> str:
    """What the package will hold, and the stage deadlines, as simple HTML."""
    items = [f"<li>{form.table(t).attachment} {form.table(t).title}：{n} {tr('项')}</li>"
             for t, n in tables.items() if n]
    annexes = "、".join(s.title for s in form.report.annexes)
    with_annexes = f"（{tr('含附件：')}{annexes}）" if annexes else ""
    items += [f"<li>{form.report.attachment} {form.report.title}："
              f"{p.fields.get('name', p.number)}{with_annexes}</li>"
              for p in plans]
    items.append(f"<li>{tr('已说明理由的警告及其理由')}</li>")
    stages = "".join(
        f"<li>{s.title}：{s.due:%Y年%m月%d日}"
        + (f"（{tr('须分管区领导审核签字')}）" if s.signoff else "")
        + (f"（{tr('须无错误')}）" if s.no_errors and not s.signoff else "") + "</li>"
        for s in form.stages if s.due)
    return (f"<p><b>{tr('导出')}</b></p>"
            f"<p>{tr('将为“%1”导出以下内容，报送区发改委：').replace('%1', department)}</p>"
            f"<ul>{''.join(items)}</ul>"
            f"<p><b>{tr('报送时间')}</b></p><ul>{stages}</ul>")

