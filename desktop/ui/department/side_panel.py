"""Beside the table: the commission's note for the current column, for an indicator its
progress chart with the suggested grade and what each remaining year must add, and what
the department answered for the row in the earlier round (read-only)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.core.earlier import Earlier, of_row
from desktop.core.form import Form, TableSpec
from desktop.core.model import Row
from desktop.core.reading import Reading, history, read_row, read_text_targets
from desktop.core.targets import has_figure
from desktop.core.task_targets import SUB_KIND_TITLES
from desktop.ui.department.guidance import column_note, grade_label
from desktop.ui.department.progress_chart import ProgressChart
from desktop.ui.i18n import tr

GREY = "color: #555;"


def _label(parent: QWidget, style: str = "") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


class SidePanel(QFrame):
    """Shows what belongs to the selected cell; `show_cell` is called on selection."""

    def __init__(self, form: Form, spec: TableSpec, parent: QWidget | None = None, *,
                 earlier: Sequence[Earlier] = ()) -> None:
        super().__init__(parent)
        self.form, self.spec, self.earlier = form, spec, tuple(earlier)
        self.setObjectName("side_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.note_title = QLabel(self)
        self.note_title.setWordWrap(True)
        self.note = _label(self, GREY)
        self.row_title = QLabel(self)
        self.row_title.setWordWrap(True)
        self.chart = ProgressChart(self)
        self.chart.setObjectName("progress_chart")
        self.reading = _label(self)
        self.before = _label(self, GREY)
        self.before.setObjectName("earlier_round")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        for w in (self.note_title, self.note, self.row_title, self.chart, self.reading,
                  self.before):
            layout.addWidget(w)
        layout.addStretch(1)
        self.setMinimumWidth(200)
        self.show_cell(None, "", {})

    def show_cell(self, row: Row | None, column_id: str, answers: dict[str, str]) -> None:
        answer_ids = [c.id for c in self.spec.answer_columns]
        column = self.spec.column(column_id) if column_id in answer_ids else None
        if column is None:
            self.note_title.setText(f"<b>{tr('填写说明')}</b>")
            self.note.setText(tr("选中白色单元格，这里显示该栏的填写要求。"))
        else:
            self.note_title.setText(f"<b>{tr('填写说明')}：{column.title}</b>")
            self.note.setText(column_note(self.form, self.spec, column))
        reading = read_row(self.form, self.spec, row, answers) if row is not None else None
        self.row_title.setVisible(row is not None)
        for w in (self.chart, self.reading):
            w.setVisible(reading is not None)
        if row is not None and reading is None:
            self.row_title.setText(f"<b>{row.number}</b> {row.title}")
            self._show_text_targets(row, answers)
        if reading is not None and row is not None:
            self.row_title.setText(f"<b>{tr('进度')}：{row.number} {row.title}</b>")
            self._show_reading(reading)
            self.chart.set_history(history(self.spec, row, reading, self.earlier),
                                   reading.target.goal)
        self._show_earlier(row)

    def _show_text_targets(self, row: Row, answers: dict[str, str]) -> None:
        found = read_text_targets(self.form, self.spec, row, answers)
        self.reading.setVisible(bool(found))
        lines = [tr("任务文本中的量化目标：")]
        for i, (sub, r) in enumerate(found, 1):
            done = tr("，已填 %1").replace("%1", f"{r.value:g}") if r.value is not None else ""
            lines.append(f"{i}. {tr(SUB_KIND_TITLES[sub.kind])} {sub.expression}{done}")
        self.reading.setText("\n".join(lines))

    def _show_earlier(self, row: Row | None) -> None:
        cells = of_row(self.earlier, self.spec.id, row.number) if row is not None else []
        self.before.setVisible(bool(cells))
        if cells:
            head = tr("上一轮（%1）填报：").replace("%1", cells[0].round)
            self.before.setText("\n".join([head, *(f"{c.title}：{c.value}" for c in cells)]))

    def _show_reading(self, r: Reading) -> None:
        a = r.assessment
        self.chart.set_values(a.elapsed if a else None, a.achieved if a else None,
                              a.suggested if a else None)
        lines = [tr("规划目标：%1").replace("%1", r.target.text)]
        if not r.target.numeric and has_figure(r.target.text):
            lines.append(tr("目标的写法无法识别，本行数据与结论是否相符无法自动核对，请人工核实。"))
        elif not r.target.numeric:
            lines.append(tr("定性目标，按实际进展选择结论。"))
        elif not r.checkable:
            lines.append(tr("格式定义未给出本行数据的截止时点，数据与结论是否相符无法自动核对。"))
        elif r.value is None:
            column = self.spec.role("mid_value")
            title = self.spec.column(column).title if column else tr("完成数")
            lines.append(tr("填写%1后显示完成进度和建议结论。").replace("%1", title))
        elif a is not None:
            if a.achieved is None:
                lines.append(tr("非累计目标，完成进度无法按比例计算。"))
            if a.needed_per_year is not None:
                lines.append(tr("余下每年需完成：%1 %2").replace(
                    "%1", f"{a.needed_per_year:,.4g}").replace("%2", r.unit))
            if a.suggested:
                lines.append(tr("数据建议结论：%1").replace("%1", grade_label(a.suggested)))
            if r.needed_rate:
                lines.append(tr("余下每年需增长：%1").replace("%1", f"{r.needed_rate:.1%}"))
        if r.cutoff is not None:
            lines.append(tr("按 %1 的时间进度核对").replace("%1", f"{r.cutoff:%Y-%m-%d}"))
        self.reading.setText("\n".join(lines))
