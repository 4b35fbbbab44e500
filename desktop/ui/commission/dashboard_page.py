"""看板: units x stages, as dashboard.dashboard() gives it, filtered and sorted by Qt.

Per stage: the state (colour; late in red), when the live package arrived, its errors,
open warnings and accepted warnings. Double-clicking a stage's cells opens its package.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.dashboard import (
    SHANGHAI,
    STATE_TITLES,
    Cell,
    Line,
    dashboard,
    dashboard_xlsx,
    write_reminders,
)
from desktop.core.errors import PlanevalError
from desktop.io.outbox import write_into
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole
SHA_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_BG = {"missing": QColor("#ffffff"), "received": QColor("#dbe9fb"),
            "returned": QColor("#ffe3a3"), "accepted": QColor("#d4edda")}
LATE_FG = QColor("#c00000")  # late: the state in red
LATE = "late"  # the state filter's key for 逾期
PER_STAGE = ("state", "received_at", "errors", "warnings", "accepted")
PER_STAGE_TITLES = {"state": "状态", "received_at": "最近收到", "errors": "错误",
                    "warnings": "警告", "accepted": "已说明"}


def local_time(iso: str) -> str:
    """A stored UTC time as Beijing time to the minute ("" stays "")."""
    if not iso:
        return ""
    return f"{dt.datetime.fromisoformat(iso).astimezone(SHANGHAI):%Y-%m-%d %H:%M}"


class DashboardModel(QAbstractTableModel):
    """One row per roster unit: unit, contact, then five columns per stage."""

    def __init__(self, stages: list[dict[str, Any]], parent: Any = None) -> None:
        super().__init__(parent)
        self.stages = stages
        self.lines: list[Line] = []

    def set_lines(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def stage_of(self, col: int) -> tuple[str, str]:
        """(stage id, per-stage field) of a column past the first two."""
        stage = self.stages[(col - 2) // len(PER_STAGE)]
        return stage["id"], PER_STAGE[(col - 2) % len(PER_STAGE)]

    def cell(self, row: int, col: int) -> Cell | None:
        if col < 2:
            return None
        return self.lines[row].cells[self.stage_of(col)[0]]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(PER_STAGE) * len(self.stages)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < 2:
            return (tr("单位"), tr("联系人"))[section]
        sid, field = self.stage_of(section)
        title = next(s["title"] for s in self.stages if s["id"] == sid)
        return f"{title}\n{tr(PER_STAGE_TITLES[field])}"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line, col, R = self.lines[index.row()], index.column(), Qt.ItemDataRole
        c = self.cell(index.row(), col)
        if c is None:
            text = line.unit if col == 0 else line.contact
            return text if role in (R.DisplayRole, SORT_ROLE) else None
        field = self.stage_of(col)[1]
        if role == R.DisplayRole:
            return self._text(c, field)
        if role == SORT_ROLE:
            return self._sort_key(c, field)
        if role == SHA_ROLE:
            return c.sha256
        if role == R.BackgroundRole and field == "state":
            return QBrush(STATE_BG[c.state])
        if role == R.ForegroundRole and field == "state" and c.late:
            return QBrush(LATE_FG)
        if role == R.ForegroundRole and field in ("errors", "warnings") and getattr(c, field):
            return QBrush(QColor("#b00020" if field == "errors" else "#8a5a00"))
        if role == R.TextAlignmentRole and field != "state":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == R.ToolTipRole and field == "state":
            more = tr("，共收到 %n 个有效版本", None, c.versions) if c.versions > 1 else ""
            return tr("双击打开该材料包审核") + more if c.sha256 else None
        return None

    @staticmethod
    def _text(c: Cell, field: str) -> str:
        if field == "state":
            return tr(c.title)
        if field == "received_at":
            return local_time(c.received_at)
        return str(getattr(c, field)) if c.sha256 else ""

    @staticmethod
    def _sort_key(c: Cell, field: str) -> Any:
        if field == "state":  # late first, then by how far along
            return (0 if c.late else 1, list(STATE_TITLES).index(c.state))
        if field == "received_at":
            return c.received_at
        return getattr(c, field) if c.sha256 else -1


class DashboardFilter(QSortFilterProxyModel):
    """Rows matching the typed text (unit or contact) and the chosen state in any stage."""

    def __init__(self, source: DashboardModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.text, self.state = "", ""

    def set_filter(self, text: str, state: str) -> None:
        self.text, self.state = text.strip(), state
        self.invalidate()

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, DashboardModel)
        line = model.lines[row]
        if self.text and self.text not in line.unit and self.text not in line.contact:
            return False
        cells = line.cells.values()
        if self.state == LATE:
            return any(c.late for c in cells)
        return not self.state or any(c.state == self.state for c in cells)


class DashboardPage(QWidget):
    """The dashboard with its filter, a summary, 刷新, 催报 and 导出看板."""

    open_package = Signal(str)  # SHA-256

    def __init__(self, cws: CommissionWorkspace, dialogs: CommissionDialogs,
                 clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cws, self.dialogs, self.clock = cws, dialogs, clock
        self.model = DashboardModel(cws.stages(), self)
        self.proxy = DashboardFilter(self.model, self)
        self.view = QTableView(self)
        self.view.setObjectName("dashboard")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # roster order first
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.doubleClicked.connect(self._double_clicked)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(tr("搜索单位或联系人"))
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox(self)
        self.state.setObjectName("state_filter")
        self.state.addItem(tr("全部状态"), "")
        for key, title in STATE_TITLES.items():
            self.state.addItem(tr(title), key)
        self.state.addItem(tr("逾期"), LATE)
        self.search.textChanged.connect(self._filter)
        self.state.currentIndexChanged.connect(self._filter)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.remind_button = QPushButton(tr("催报…"), self)
        self.remind_button.setToolTip(tr("为未报送或逾期的单位生成催报邮件草稿（.eml）"))
        self.export_button = QPushButton(tr("导出看板…"), self)
        refresh = QPushButton(tr("刷新"), self)
        self.remind_button.clicked.connect(self.remind)
        self.export_button.clicked.connect(self.export)
        refresh.clicked.connect(self.refresh)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.state)
        for b in (refresh, self.remind_button, self.export_button):
            tools.addWidget(b)
        hint = QLabel(tr("颜色：蓝＝已接收待审核，黄＝已退回修改，绿＝已确认，红字＝逾期。"
                         "双击某一阶段的单元格打开该材料包。"), self)
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_lines(dashboard(self.cws, at=self.clock()))
        self._size_columns()
        self.summary.setText(self._summary())

    def _size_columns(self) -> None:
        v = self.view
        v.setColumnWidth(1, 80)
        for col in range(2, self.model.columnCount()):
            field = self.model.stage_of(col)[1]
            v.setColumnWidth(col, {"state": 118, "received_at": 124}.get(field, 54))
        v.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _summary(self) -> str:
        parts = []
        total = len(self.model.lines)
        for s in self.model.stages:
            cells = [li.cells[s["id"]] for li in self.model.lines]
            got = sum(1 for c in cells if c.state != "missing")
            late = sum(1 for c in cells if c.late)
            done = sum(1 for c in cells if c.state == "accepted")
            due = s["due"] or tr("未定")
            parts.append(tr("%1（截止 %2）：已收到 %3/%4，已确认 %5，逾期 %6")
                         .replace("%1", s["title"]).replace("%2", due)
                         .replace("%3", str(got)).replace("%4", str(total))
                         .replace("%5", str(done)).replace("%6", str(late)))
        return "；".join(parts)

    def _filter(self) -> None:
        self.proxy.set_filter(self.search.text(), self.state.currentData() or "")

    def _double_clicked(self, index: QModelIndex) -> None:
        sha = index.data(SHA_ROLE)
        if sha:
            self.open_package.emit(sha)

    def remind(self) -> None:
        folder = self.dialogs.pick_folder(self, str(self.cws.path.parent))
        if not folder:
            return
        try:
            written = write_reminders(self.cws, Path(folder), at=self.clock())
        except PlanevalError as exc:
            self.dialogs.show_error(self, exc.message)
            return
        if not written:
            text = tr("没有需要催报的单位：到期的阶段都已收到材料包。")
        else:
            text = (tr("已为 %n 个未报送或逾期的单位生成催报邮件草稿（.eml），"
                       "可用邮件程序打开后发送。", None, len(written))
                    + "\n" + tr("保存位置：") + folder)
        if self.dialogs.tell_written(self, text, Path(folder)):
            self.dialogs.open_file(Path(folder))

    def export(self) -> None:
        folder = self.dialogs.pick_folder(self, str(self.cws.path.parent))
        if not folder:
            return
        at = self.clock()
        name = f"报送看板-{at.astimezone(SHANGHAI):%Y%m%d-%H%M}.xlsx"
        try:
            target = write_into(Path(folder), name, dashboard_xlsx(self.cws, self.model.lines))
        except PlanevalError as exc:
            self.dialogs.show_error(self, exc.message)
            return
        if self.dialogs.tell_written(self, tr("看板已导出：") + str(target), Path(folder)):
            self.dialogs.open_file(Path(folder))
