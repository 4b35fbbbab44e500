"""单位名单: the roster's units with contact, phone and e-mail, edited in place."""

from __future__ import annotations

from pathlib import Path
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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.commission.round import import_contacts
from desktop.core.errors import PlanevalError
from desktop.core.form import Form
from desktop.store.commission import CommissionWorkspace
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
FIELDS = ("name", "contact", "phone", "email")
TITLES = ("单位", "联系人", "电话", "电子邮箱")
NO_EMAIL_BG = QBrush(QColor("#fdeeee"))


class RosterModel(QAbstractTableModel):
    """The roster; an edited contact, phone or e-mail is saved at once."""

    def __init__(self, cws: CommissionWorkspace, dialogs: CommissionDialogs,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.cws, self.dialogs = cws, dialogs
        self.units: list[dict[str, Any]] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.units = self.cws.units()
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(TITLES[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.units[index.row()][FIELDS[index.column()]] or ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return value
        if role == Qt.ItemDataRole.BackgroundRole and FIELDS[index.column()] == "email" \
                and not value:
            return NO_EMAIL_BG  # reminders cannot reach this unit
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() > 0 else base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
                ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() == 0:
            return False
        unit = dict(self.units[index.row()])
        unit[FIELDS[index.column()]] = str(value or "").strip()
        try:
            self.cws.set_contacts([unit])
        except PlanevalError as exc:
            self.dialogs.show_error(None, exc.message)  # type: ignore[arg-type]
            return False
        self.units[index.row()] = unit
        self.dataChanged.emit(index, index)
        return True


class RosterPage(QWidget):
    def __init__(self, cws: CommissionWorkspace, form: Form, dialogs: CommissionDialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cws, self.form, self.dialogs = cws, form, dialogs
        self.model = RosterModel(cws, dialogs, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.view = QTableView(self)
        self.view.setObjectName("roster")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        for col, width in enumerate((220, 140, 160)):
            self.view.setColumnWidth(col, width)
        search = QLineEdit(self)
        search.setPlaceholderText(tr("搜索单位、联系人、电话或邮箱"))
        search.setClearButtonEnabled(True)
        search.textChanged.connect(self.proxy.setFilterFixedString)
        self.import_button = QPushButton(tr("导入通讯录…"), self)
        self.import_button.clicked.connect(self.import_xlsx)
        tools = QHBoxLayout()
        tools.addWidget(search, 1)
        tools.addWidget(self.import_button)
        self.status = QLabel(self)
        self.status.setObjectName("roster_status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.model.dataChanged.connect(lambda *_: self.count())
        self.count()

    def count(self, before: str = "") -> None:
        """Say how many units still have no e-mail address (reminders need one)."""
        missing = sum(1 for u in self.model.units if not u["email"])
        text = tr("共 %1 个单位，其中 %2 个尚无邮箱（浅红），催报邮件发不到。"
                  "双击联系人、电话或邮箱即可修改，修改后立即保存。")
        self.status.setText(before + text.replace("%1", str(len(self.model.units)))
                            .replace("%2", str(missing)))

    def import_xlsx(self) -> None:
        path = self.dialogs.pick_xlsx(self, str(self.cws.path.parent))
        if not path:
            return
        try:
            changed, unknown = import_contacts(self.cws, self.form, Path(path))
        except PlanevalError as exc:
            self.dialogs.show_error(self, exc.message)
            return
        self.model.reload()
        text = tr("已从通讯录更新 %n 个单位的联系人。", None, changed)
        if unknown:
            text += tr("名单中没有这些单位，已跳过：") + "、".join(unknown) + "。"
        self.count(text + "\n")
