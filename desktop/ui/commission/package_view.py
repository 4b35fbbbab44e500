"""A received package shown read-only: one table view per evaluation table, one page per report.

Built from the package's data.json and the round's own rows and form, so it shows what
the unit sent, never what its workspace holds now. The department's table model is bound
to a live workspace (editing, undo, live checks), so this model is its read-only twin,
sharing its column helpers, widths and colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.form import Form, Section, TableSpec
from desktop.core.model import Row
from desktop.ui.department.table_model import (
    ERROR_BG,
    NUMBER,
    READ_ONLY_BG,
    WARNING_BG,
    ModelColumn,
    assignment_value,
)
from desktop.ui.department.table_page import DEFAULT_WIDTH, WIDTHS
from desktop.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
COMMENTED_BG = QBrush(QColor("#cfe2ff"))
MAX_TITLE_WIDTH = 170
Place = tuple[str, str, str]  # table, number, field ("" = the whole row)


class PackageTableModel(QAbstractTableModel):
    """One table of a package: the round's assignment columns, then the unit's answers."""

    def __init__(self, spec: TableSpec, rows: tuple[Row, ...],
                 answers: Mapping[str, Mapping[str, str]], parent: Any = None) -> None:
        super().__init__(parent)
        self.spec, self.rows, self.answers = spec, rows, answers
        self.columns = ((ModelColumn(NUMBER, tr("序号"), False),)
                        + tuple(ModelColumn(c.id, c.title, False)
                                for c in spec.assignment_columns)
                        + tuple(ModelColumn(c.id, c.title, True, c.choices, c.kind)
                                for c in spec.answer_columns))
        self.findings: dict[Place, list[dict[str, str]]] = {}
        self.comments: dict[Place, list[str]] = {}

    def set_marks(self, findings: list[dict[str, str]], comments: list[dict[str, Any]]) -> None:
        """The package's findings and the officer's comments to tint cells with."""
        self.findings, self.comments = {}, {}
        for f in findings:
            if f.get("table") == self.spec.id:
                place = (f["table"], f.get("number", ""), f.get("column", ""))
                self.findings.setdefault(place, []).append(f)
        for c in comments:
            if c["table"] == self.spec.id:
                self.comments.setdefault((c["table"], c["number"], c["field"]),
                                         []).append(c["text"])
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1,
                                                               len(self.columns) - 1))

    def place(self, row: int, col: int) -> Place:
        c = self.columns[col]
        return (self.spec.id, str(self.rows[row].number), c.id if c.answer else "")

    def text(self, row: int, col: int) -> str:
        r, c = self.rows[row], self.columns[col]
        if c.answer:
            return str(self.answers.get(str(r.number), {}).get(c.id, ""))
        return assignment_value(r, c.id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col, R = index.row(), index.column(), Qt.ItemDataRole
        c = self.columns[col]
        table, number, field = self.place(row, col)
        if role == R.DisplayRole:
            return self.text(row, col)
        found = self.findings.get((table, number, field), []) if c.answer else []
        noted = self.comments.get((table, number, field), []) if c.answer else []
        noted = noted + (self.comments.get((table, number, ""), []) if col == 0 else [])
        if role == R.ToolTipRole:
            lines = [self.text(row, col)] + [f["message"] + (
                tr("（已说明：%1）").replace("%1", f["accepted_reason"])
                if f.get("accepted_reason") else "") for f in found]
            lines += [tr("审核意见：") + t for t in noted]
            text = "\n\n".join(x for x in lines if x)
            return text or None
        if role == R.BackgroundRole:
            if noted:
                return COMMENTED_BG
            if any(f.get("severity") == "error" for f in found):
                return ERROR_BG
            if any(not f.get("accepted_reason") for f in found):
                return WARNING_BG
            return None if c.answer else READ_ONLY_BG
        if role == R.TextAlignmentRole and (c.id == NUMBER or c.choices):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def table_view(model: PackageTableModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(f"package_{model.spec.id}")
    view.setModel(model)
    view.setWordWrap(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = header.fontMetrics()
    for i, c in enumerate(model.columns):  # wide enough for the column's title
        need = min(metrics.horizontalAdvance(c.title) + 20, MAX_TITLE_WIDTH)
        view.setColumnWidth(i, max(WIDTHS.get(c.id, DEFAULT_WIDTH), need))
    view.resizeRowsToContents()
    return view


class ReportView(QScrollArea):
    """One report as sent: the outline's headings, each part's text, a comment button each."""

    comment_requested = Signal(str, str, str)  # "reports", plan number, section id

    def __init__(self, form: Form, plan_number: str, plan_name: str,
                 texts: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan_number = plan_number
        self.setWidgetResizable(True)
        # The text wraps to the width; a scroll bar that appeared after the layout would
        # otherwise cut off its right edge.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        heading = QLabel(f"<b>{form.report.attachment} {form.report.document}</b>"
                         f"<br>{tr('专项规划')}：{plan_name}", body)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.texts: dict[str, QLabel] = {}
        for section in form.report.parts:
            layout.addWidget(self._part(section, texts, body))
        layout.addStretch(1)
        self.setWidget(body)

    def _part(self, section: Section, texts: Mapping[str, str], body: QWidget) -> QWidget:
        box = QFrame(body)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 4)
        top = QHBoxLayout()
        title = QLabel(f"<b>{section.title}</b>", box)
        title.setWordWrap(True)
        top.addWidget(title, 1)
        if section.writable:
            button = QPushButton(tr("对此部分提意见…"), box)
            button.setObjectName(f"comment_{section.id}")
            button.clicked.connect(lambda: self.comment_requested.emit(
                "reports", self.plan_number, section.id))
            top.addWidget(button)
        layout.addLayout(top)
        if section.writable:
            text = QLabel(texts.get(section.id, "").strip() or tr("（未填写）"), box)
            text.setObjectName(f"section_{section.id}")
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setStyleSheet("background: #fafafa; border: 1px solid #ddd; padding: 6px;")
            layout.addWidget(text)
            self.texts[section.id] = text
        return box

    def mark(self, commented: set[str]) -> None:
        """Outline the sections that carry a comment."""
        for sid, label in self.texts.items():
            colour = "#cfe2ff" if sid in commented else "#fafafa"
            label.setStyleSheet(f"background: {colour}; border: 1px solid #ddd; padding: 6px;")
