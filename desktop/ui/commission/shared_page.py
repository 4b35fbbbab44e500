"""共同负责的行: rows several units answer; pick one to see the units' answers side by side.

The list on the left flags rows whose conclusions or figures differ; the matrix on the
right has a column per responsible unit and a line per answer field, differing fields red.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.shared import SharedRow, shared_rows
from desktop.core.form import Form
from desktop.store.commission import CommissionWorkspace
from desktop.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
CONFLICT_BG = QColor("#f7c6c6")
MISSING_FG = QColor("#888888")
CONFLICT_ROLE = Qt.ItemDataRole.UserRole
FEW_UNITS = 4


class SharedRowsModel(QAbstractTableModel):
    """表, 序号, 名称, units answered / responsible, fields that differ."""

    HEAD = ("类别", "序号", "名称或内容", "已报送", "不一致")

    def __init__(self, form: Form, parent: Any = None) -> None:
        super().__init__(parent)
        self.form = form
        self.rows: list[SharedRow] = []

    def set_rows(self, rows: list[SharedRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def field_title(self, table: str, field: str) -> str:
        spec = next((t for t in self.form.tables if t.id == table), None)
        return next((c.title for c in spec.answer_columns if c.id == field), field) \
            if spec else field

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEAD)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEAD[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col, R = self.rows[index.row()], index.column(), Qt.ItemDataRole
        if role == R.DisplayRole:
            spec = next((t for t in self.form.tables if t.id == r.table), None)
            return (spec.row_label if spec else r.table, r.number, r.title,
                    f"{len(r.answers)}/{len(r.units)}",
                    "、".join(self.field_title(r.table, f) for f in r.conflicts))[col]
        if role == R.BackgroundRole and r.conflicts:
            return QBrush(CONFLICT_BG)
        if role == R.ToolTipRole and col == 2:
            return r.title
        if role == CONFLICT_ROLE:
            return bool(r.conflicts)
        return None


class ConflictFilter(QSortFilterProxyModel):
    """All rows, or only those with a conflict."""

    only_conflicts = False

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        if not self.only_conflicts:
            return True
        return bool(self.sourceModel().index(row, 0).data(CONFLICT_ROLE))


class SharedPage(QWidget):
    def __init__(self, cws: CommissionWorkspace, form: Form, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.cws, self.form = cws, form
        self.model = SharedRowsModel(form, self)
        self.proxy = ConflictFilter(self)
        self.proxy.setSourceModel(self.model)
        self.list = QTableView(self)
        self.list.setObjectName("shared_rows")
        self.list.setModel(self.proxy)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((44, 44, 230, 56)):
            self.list.setColumnWidth(col, width)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.matrix = QTableWidget(self)
        self.matrix.setObjectName("matrix")
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setWordWrap(True)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.only = QCheckBox(tr("只看不一致的行"), self)
        self.only.toggled.connect(self._filter)
        refresh = QPushButton(tr("刷新"), self)
        refresh.clicked.connect(self.refresh)
        self.summary = QLabel(self)
        tools = QHBoxLayout()
        tools.addWidget(self.summary, 1)
        tools.addWidget(self.only)
        tools.addWidget(refresh)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.title)
        rl.addWidget(self.matrix, 1)
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([500, 840])
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(split, 1)
        layout.addWidget(QLabel(tr("各单位的答复取自其最新阶段的有效材料包；结论或数值不同的栏目标红，"
                                   "文字说明只列出、不判为不一致。"), self))
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(shared_rows(self.cws, self.form))
        n = sum(1 for r in self.model.rows if r.conflicts)
        self.summary.setText(tr("共同负责的行 %1 行，其中答复不一致 %2 行。")
                             .replace("%1", str(len(self.model.rows))).replace("%2", str(n)))
        if self.proxy.rowCount():
            self.list.selectRow(0)
        self._show_current()

    def _filter(self, on: bool) -> None:
        self.proxy.only_conflicts = on
        self.proxy.invalidate()
        if self.proxy.rowCount():
            self.list.selectRow(0)
        self._show_current()

    def current(self) -> SharedRow | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def select(self, table: str, number: str) -> None:
        for i, r in enumerate(self.model.rows):
            if (r.table, r.number) == (table, number):
                shown = self.proxy.mapFromSource(self.model.index(i, 0))
                self.list.setCurrentIndex(shown)
                return

    def _show_current(self) -> None:
        r = self.current()
        self.matrix.clear()
        if r is None:
            self.title.setText(tr("没有选中的行。"))
            self.matrix.setRowCount(0)
            self.matrix.setColumnCount(0)
            return
        self.title.setText(f"<b>{r.number}</b> {r.title}")
        spec = next(t for t in self.form.tables if t.id == r.table)
        fields = list(spec.answer_columns)
        self.matrix.setColumnCount(len(r.units))
        self.matrix.setRowCount(len(fields))
        self.matrix.setHorizontalHeaderLabels(list(r.units))
        self.matrix.setVerticalHeaderLabels([c.title for c in fields])
        for col, unit in enumerate(r.units):
            answers = r.answers.get(unit)
            for row, c in enumerate(fields):
                text = answers.get(c.id, "") if answers is not None else tr("未报送")
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if answers is None:
                    item.setForeground(QBrush(MISSING_FG))
                elif c.id in r.conflicts:
                    item.setBackground(QBrush(CONFLICT_BG))
                self.matrix.setItem(row, col, item)
            self.matrix.setColumnWidth(col, 200)
        few = len(r.units) <= FEW_UNITS  # side by side across the width; else scroll
        self.matrix.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch if few else QHeaderView.ResizeMode.Interactive)
        self.matrix.resizeRowsToContents()

    def conflict_cells(self) -> list[tuple[str, str]]:
        """(unit, field title) of every highlighted cell in the matrix."""
        found = []
        for row in range(self.matrix.rowCount()):
            for col in range(self.matrix.columnCount()):
                item = self.matrix.item(row, col)
                if item is not None and item.background().color() == CONFLICT_BG:
                    found.append((self.matrix.horizontalHeaderItem(col).text(),
                                  self.matrix.verticalHeaderItem(row).text()))
        return found
