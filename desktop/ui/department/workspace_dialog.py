"""文件 menu: make a workspace from the commission's division tables, or open another one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCollator, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PlanevalError
from desktop.core.form import Form
from desktop.department import operations
from desktop.forms import available_forms, find_form
from desktop.io.package_names import safe_name
from desktop.ui.busy import run_busy
from desktop.ui.dialogs import pick_folder_dialog as pick_folder
from desktop.ui.i18n import tr
from desktop.ui.support import documents_dir

PickTables = Callable[[QWidget], list[str]]
PickFolder = Callable[[QWidget, str], "str | None"]


def pick_tables(parent: QWidget) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(parent, tr("选择区发改委下发的分工表"),
                                            str(documents_dir()),
                                            tr("Excel 工作簿 (*.xlsx *.xlsm);;所有文件 (*)"))
    return list(files)


def sorted_units(units: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Units in the order a Chinese reader looks for them (pinyin)."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return sorted(units, key=lambda u: collator.sortKey(u[0]))


def workspace_folder_name(form: Form, unit: str) -> str:
    """"区府办-普陀区“十四五”规划实施中期评估": the unit first, then the evaluation."""
    return safe_name(f"{unit}-{form.title}")


class NewWorkspaceDialog(QDialog):
    """Choose the division tables, the unit and where to keep the workspace; then create it."""

    def __init__(self, parent: QWidget | None = None, *, pick: PickTables = pick_tables,
                 folder: PickFolder = pick_folder) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("新建工作区：导入分工表"))
        self._pick, self._folder = pick, folder
        self.tables: list[str] = []
        self.created: Path | None = None
        self.forms = QComboBox(self)
        for form in available_forms():
            self.forms.addItem(form.title, form.id)
        self.files = QLabel(tr("尚未选择"), self)
        self.files.setWordWrap(True)
        choose = QPushButton(tr("选择分工表…"), self)
        choose.clicked.connect(lambda: self.set_tables(self._pick(self)))
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.location = QLineEdit(str(documents_dir() / tr("规划评估工作区")), self)
        browse = QPushButton(tr("浏览…"), self)
        browse.clicked.connect(self._browse)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.unit.editTextChanged.connect(lambda _: self.error.setText(""))
        self.unit.currentIndexChanged.connect(lambda _: self.error.setText(""))
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(tr("创建并打开"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setEnabled(False)
        self.create_button.setDefault(True)
        self.cancel_button = buttons.addButton(tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self.create)
        self.cancel_button.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("评估格式"), self.forms)
        form.addRow(tr("分工表"), _row(self.files, choose))
        form.addRow(tr("本单位"), self.unit)
        form.addRow(tr("保存位置"), _row(self.location, browse))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def set_tables(self, paths: list[str]) -> None:
        """Read the tables and offer every unit that has something assigned."""
        if not paths:
            return
        self.unit.clear()
        self.error.setText("")
        try:
            form_id = self.forms.currentData()
            units = run_busy(self, tr("正在读取分工表……"), lambda: operations.assigned_units(
                [Path(p) for p in paths], form_id))
        except PlanevalError as exc:
            self.error.setText(exc.message)
            self.create_button.setEnabled(False)
            return
        self.tables = paths
        self.files.setText("\n".join(Path(p).name for p in paths))
        for name, count in sorted_units(list(units)):
            self.unit.addItem(tr("%1（%2 项）").replace("%1", name).replace("%2", str(count)),
                              name)
        self.unit.setCurrentIndex(-1)
        self.create_button.setEnabled(True)

    def chosen_unit(self) -> str:
        index = self.unit.findText(self.unit.currentText())
        return str(self.unit.itemData(index)) if index >= 0 else self.unit.currentText().strip()

    def create(self) -> None:
        unit = self.chosen_unit()
        if not unit:
            self.error.setText(tr("请选择或输入本单位名称。"))
            return
        target = Path(self.location.text()) / workspace_folder_name(
            find_form(self.forms.currentData()), unit)
        try:
            tables, form_id = [Path(p) for p in self.tables], self.forms.currentData()
            run_busy(self, tr("正在创建工作区……"), lambda: operations.create_workspace(
                target, assignment=tables, department=unit, form_id=form_id).close())
        except PlanevalError as exc:
            self.error.setText(exc.message)
            return
        self.created = target
        self.accept()

    def _browse(self) -> None:
        chosen = self._folder(self, self.location.text())
        if chosen:
            self.location.setText(chosen)


def _row(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for i, w in enumerate(widgets):
        row.addWidget(w, 1 if i == 0 else 0)
    return holder


def add_file_menu(window: QMainWindow, switch_to: Callable[[Path], None], *,
                  folder: PickFolder = pick_folder) -> QMenu:
    """文件 → 新建工作区…, 打开工作区…; `switch_to` opens one in the window's place."""
    menu = window.menuBar().addMenu(tr("文件"))

    def new() -> None:
        dialog = NewWorkspaceDialog(window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created:
            switch_to(dialog.created)

    def open_other() -> None:
        chosen = folder(window, str(documents_dir()))
        if chosen:
            switch_to(Path(chosen))

    def from_package() -> None:
        from desktop.ui.department.from_package import create_from_package_dialog

        created = create_from_package_dialog(window)
        if created:
            switch_to(created)

    menu.addAction(tr("从任务包新建工作区…"), from_package)
    menu.addAction(tr("新建工作区（导入分工表）…"), new)
    menu.addAction(tr("打开工作区…"), open_other)
    menu.addSeparator()
    menu.addAction(tr("关闭"), window.close)
    return menu
