"""A page showing one assignment table (indicators or tasks) for filling in."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.forms.definition import TableSpec
from desktop.ui.context import UiContext
from desktop.ui.delegates import ChoiceDelegate
from desktop.ui.i18n import tr
from desktop.ui.table_model import NUMBER, AnswerTableModel

# Starting widths in pixels by column id; other columns get DEFAULT_WIDTH.
# Chosen so both Putuo tables fit beside the navigation at 1280x800 without scrolling.
WIDTHS = {NUMBER: 44, "unit": 50, "conclusion": 72, "group": 96, "name": 200,
          "content": 230, "target": 120, "mid_value": 96, "end_value": 150,
          "progress": 180, "end_status": 150, "reason": 130}
DEFAULT_WIDTH = 130
FULL_RESIZE_LIMIT = 400  # above this many rows, size rows lazily (one per edit)


class TablePage(QWidget):
    """Title, hint and the table view of one form table."""

    def __init__(self, ctx: UiContext, spec: TableSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.model = AnswerTableModel(ctx, spec, self)
        self.view = QTableView(self)
        self.view.setObjectName(f"table_{spec.id}")
        self.view.setModel(self.model)
        self._set_up_view()
        title = QLabel(f"<b>{spec.attachment} {spec.title}</b>", self)
        hint = QLabel(tr("灰色列为区发改委下发的内容，白色列由本单位填写；"
                         "双击单元格编辑，按回车确认，修改即自动保存。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        self.model.dataChanged.connect(self._row_changed)

    def _set_up_view(self) -> None:
        v, m = self.view, self.model
        v.setWordWrap(True)
        v.setAlternatingRowColors(False)
        v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        v.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed
                          | QAbstractItemView.EditTrigger.AnyKeyPressed)
        v.verticalHeader().setVisible(False)
        v.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = v.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setStretchLastSection(True)
        for i, c in enumerate(m.columns):
            v.setColumnWidth(i, WIDTHS.get(c.id, DEFAULT_WIDTH))
            if c.choices:
                v.setItemDelegateForColumn(i, ChoiceDelegate(c.choices, v))
        if "group" in (c.id for c in m.columns):
            col = m.column_of("group")
            for start, length in m.runs("group"):
                v.setSpan(start, col, length, 1)
        for row in range(m.rowCount()):
            if m.is_heading(row):
                v.setSpan(row, 1, 1, m.columnCount() - 1)
        if m.rowCount() <= FULL_RESIZE_LIMIT:
            v.resizeRowsToContents()
        else:
            v.verticalHeader().setDefaultSectionSize(48)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(lambda *_: self._resize_rows())

    def flush(self) -> None:
        """Save what is typed in a cell editor still open (e.g. when the window closes)."""
        direct = Qt.FindChildOption.FindDirectChildrenOnly
        for editor in self.view.viewport().findChildren(QWidget, "", direct):
            self.view.commitData(editor)

    def _resize_rows(self) -> None:
        if self.model.rowCount() <= FULL_RESIZE_LIMIT:
            self.view.resizeRowsToContents()

    def _row_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            self.view.resizeRowToContents(row)
