"""The first page when the app starts with no workspace: recent workspaces, create, open,
or the clearly marked demo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.paths import demo_settings
from desktop.ui.department.from_package import create_from_package_dialog
from desktop.ui.department.workspace_dialog import NewWorkspaceDialog, pick_folder
from desktop.ui.help_menu import add_help_menu
from desktop.ui.i18n import tr
from desktop.ui.recent import Recent, RecentList
from desktop.ui.support import documents_dir

PATH_ROLE = Qt.ItemDataRole.UserRole
PickFolder = Callable[[QWidget, str], "str | None"]


class WelcomeWindow(QMainWindow):
    """Emits `open_requested` with a workspace folder, or `demo_requested`."""

    open_requested = Signal(object)  # Path
    demo_requested = Signal()

    def __init__(self, recent: RecentList | None = None, *, folder: PickFolder = pick_folder,
                 new_dialog: Callable[[QWidget], NewWorkspaceDialog] = NewWorkspaceDialog,
                 from_package: Callable[[QWidget], Path | None] = create_from_package_dialog,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setWindowTitle(tr("欢迎使用"))
        self.recent = recent or RecentList()
        self._folder, self._new_dialog = folder, new_dialog
        self._from_package = from_package
        body = QWidget(self)
        title = QLabel(f"<h2>{tr('规划评估填报')}</h2>", body)
        intro = QLabel(tr("区发改委布置的规划评估任务在这里填写、检查、签名后报送。"
                          "第一次使用，请用区发改委下发的任务包（或分工表）新建本单位的工作区。"),
                       body)
        intro.setWordWrap(True)
        self.list = QListWidget(body)
        self.list.setObjectName("recent_list")
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.empty = QLabel(tr("还没有打开过工作区。"), body)
        self.empty.setStyleSheet("color: #666;")
        self.new_button = QPushButton(tr("新建工作区（导入分工表）…"), body)
        self.new_button.setObjectName("welcome_new")
        self.package_button = QPushButton(tr("从任务包新建工作区…"), body)
        self.package_button.setObjectName("welcome_package")
        self.package_button.setToolTip(tr("区发改委下发了签名任务包（.zip）时用它"))
        self.open_button = QPushButton(tr("打开已有工作区…"), body)
        self.open_button.setObjectName("welcome_open")
        self.recent_button = QPushButton(tr("打开所选"), body)
        self.recent_button.setObjectName("welcome_open_recent")
        self.demo_button = QPushButton(tr("打开演示（{unit}示例，仅供熟悉操作）").format(
            unit=demo_settings()["department"]), body)
        self.demo_button.setObjectName("welcome_demo")
        demo_note = QLabel(tr("演示中的任务和数据都是示例，不能作为本单位的正式材料报送。"), body)
        demo_note.setWordWrap(True)
        demo_note.setStyleSheet("color: #8a5300;")
        self.new_button.clicked.connect(self.create)
        self.package_button.clicked.connect(self.create_from_package)
        self.open_button.clicked.connect(self.open_other)
        self.recent_button.clicked.connect(lambda: self._activated(self.list.currentItem()))
        self.demo_button.clicked.connect(self.demo_requested)
        actions = QHBoxLayout()
        for b in (self.package_button, self.new_button, self.open_button):
            b.setMinimumHeight(34)
            actions.addWidget(b)
        actions.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addLayout(actions)
        layout.addSpacing(12)
        layout.addWidget(QLabel(f"<b>{tr('最近打开的工作区')}</b>", body))
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.recent_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(12)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(demo_note)
        self.setCentralWidget(body)
        menu = self.menuBar().addMenu(tr("文件"))
        menu.addAction(tr("从任务包新建工作区…"), self.create_from_package)
        menu.addAction(tr("新建工作区（导入分工表）…"), self.create)
        menu.addAction(tr("打开工作区…"), self.open_other)
        menu.addAction(tr("打开演示"), self.demo_requested.emit)
        menu.addSeparator()
        menu.addAction(tr("退出"), self.close)
        add_help_menu(self)
        self.refresh()
        screen = self.screen().availableGeometry()
        self.resize(min(820, screen.width()), min(620, screen.height()))

    def refresh(self) -> None:
        self.list.clear()
        line = self.list.fontMetrics().lineSpacing()
        for r in self.recent.entries():
            item = self._item(r)
            lines = item.text().count("\n") + 1  # the list would show the first line only
            item.setSizeHint(QSize(self.list.fontMetrics().horizontalAdvance(item.text()),
                                   lines * line + 10))
            self.list.addItem(item)
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.recent_button.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.list.setCurrentRow(0)

    @staticmethod
    def _item(r: Recent) -> QListWidgetItem:
        name = r.department + (tr("（演示）") if r.demo else "")
        text = f"{name} · {r.title}\n{r.path}"
        if not r.present:
            text += "\n" + tr("（找不到该工作区，可能已移动或删除）")
        item = QListWidgetItem(text)
        item.setData(PATH_ROLE, str(r.path))
        item.setToolTip(str(r.path))
        if not r.present:
            item.setForeground(Qt.GlobalColor.gray)
        return item

    def _activated(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_requested.emit(Path(item.data(PATH_ROLE)))

    def create(self) -> None:
        dialog = self._new_dialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created:
            self.open_requested.emit(dialog.created)

    def create_from_package(self) -> None:
        created = self._from_package(self)
        if created:
            self.open_requested.emit(created)

    def open_other(self) -> None:
        chosen = self._folder(self, str(documents_dir()))
        if chosen:
            self.open_requested.emit(Path(chosen))
