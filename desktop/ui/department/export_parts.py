"""Parts of the export step: the sign-off box, a path chooser row, the export history table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.core.errors import PlanevalError
from desktop.department.export import record_signoff, signoff_of
from desktop.department.sending import EMAIL_PREFIX
from desktop.store import Workspace
from desktop.ui.i18n import tr

OK_STYLE, ERROR_STYLE = "color: #1b5e20;", "color: #b00020;"


def show_message(label: QLabel, text: str, *, ok: bool) -> None:
    label.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
    label.setText(text)
    label.setVisible(bool(text))


def message_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class SignoffBox(QGroupBox):
    """The district leader's sign-off the final needs: name and date, saved in the workspace."""

    recorded = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None, *,
                 stages: str = "") -> None:
        """`stages`: the titles of the form's stages needing the sign-off ("定稿")."""
        self.stages = stages or tr("定稿")
        super().__init__(tr("%1审核签字（分管区领导）").replace("%1", self.stages), parent)
        self.ws = ws
        self.leader = QLineEdit(self)
        self.leader.setObjectName("signoff_leader")
        self.leader.setPlaceholderText(tr("例如：张三"))
        self.date = QDateEdit(self)
        self.date.setObjectName("signoff_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(tr("yyyy年MM月dd日"))
        self.date.setDate(QDate.currentDate())
        self.save = QPushButton(tr("登记签字"), self)
        self.save.setObjectName("signoff_save")
        self.status = message_label(self, "signoff_status")
        row = QHBoxLayout()
        row.addWidget(self.date)
        row.addWidget(self.save)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(tr("分管区领导姓名"), self.leader)
        form.addRow(tr("签字日期"), row)
        form.addRow(self.status)
        self.save.clicked.connect(self.record)
        current = signoff_of(ws)
        if current is not None:
            self.leader.setText(current.leader)
            self.date.setDate(QDate(current.date.year, current.date.month, current.date.day))
        self._show(current is not None)

    def record(self) -> bool:
        d = self.date.date()
        try:
            record_signoff(self.ws, self.leader.text(), dt.date(d.year(), d.month(), d.day()))
        except PlanevalError as exc:
            show_message(self.status, exc.message, ok=False)
            return False
        self._show(True)
        self.recorded.emit()
        return True

    def _show(self, recorded: bool) -> None:
        current = signoff_of(self.ws) if recorded else None
        if current is None:
            show_message(self.status, tr("尚未登记。%1须经分管区领导审核签字后才能导出。")
                         .replace("%1", self.stages), ok=False)
        else:
            show_message(self.status, tr("已登记：%1，%2 签字").replace("%1", current.leader)
                         .replace("%2", f"{current.date:%Y年%m月%d日}"), ok=True)


class PathRow(QWidget):
    """A read-only path with a 选择… button that asks `pick` for a new one."""

    chosen = Signal(str)

    def __init__(self, name: str, placeholder: str, pick: Callable[[QWidget, str], str | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pick = pick
        self.start = ""  # where the picker opens when no path is set yet
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.edit.setReadOnly(True)
        self.edit.setPlaceholderText(placeholder)
        self.button = QPushButton(tr("选择…"), self)
        self.button.setObjectName(name + "_pick")
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def path(self) -> str:
        return self.edit.text()

    def set_path(self, path: str) -> None:
        self.edit.setText(path)
        self.edit.setToolTip(path)
        self.edit.setCursorPosition(0)

    def choose(self) -> None:
        path = self.pick(self, self.path() or self.start)
        if path:
            self.set_path(path)
            self.chosen.emit(path)


def local_time(utc_text: str) -> str:
    try:
        return dt.datetime.fromisoformat(utc_text).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return utc_text


def destination_text(destination: str) -> str:
    if destination.startswith(EMAIL_PREFIX):
        return tr("邮件草稿：%1").replace("%1", destination[len(EMAIL_PREFIX):])
    return destination


class HistoryTable(QTableWidget):
    """Every logged export and delivery of this workspace, newest first."""

    def __init__(self, stage_titles: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setObjectName("export_history")
        self.stage_titles = stage_titles
        self.setHorizontalHeaderLabels([tr("时间"), tr("阶段"), tr("文件名"), tr("位置/去向")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setMinimumHeight(140)

    def show_records(self, records: Sequence[Mapping[str, str]]) -> None:
        self.setRowCount(len(records))
        for i, r in enumerate(reversed(records)):
            cells = [local_time(r.get("at", "")), self.stage_titles.get(r.get("stage", ""), ""),
                     r.get("file_name", ""), destination_text(r.get("destination", ""))]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if j != 2 else tr("%1\nSHA-256 校验值：%2")
                                .replace("%1", text).replace("%2", r.get("sha256", "")))
                self.setItem(i, j, item)
