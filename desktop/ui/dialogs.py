"""The small questions the export and verify screens ask: files, folders, the passphrase.

They are gathered in one `Dialogs` object handed to the pages, so tests pass plain
functions instead and nothing modal or external (a mail client) is ever started by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import tr
from desktop.ui.support import documents_dir

# (parent, start folder or file) -> chosen path, or None when cancelled
PickPath = Callable[[QWidget, str], "str | None"]
# (parent, key file name, error from the last try or "") -> passphrase, or None
AskPassphrase = Callable[[QWidget, str, str], "str | None"]


class PassphraseDialog(QDialog):
    """Asks for the key's passphrase; shows why the last one did not open the key."""

    def __init__(self, key_name: str, error: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("输入证书口令"))
        prompt = QLabel(tr("请输入证书文件“%1”的口令：").replace("%1", key_name), self)
        prompt.setWordWrap(True)
        self.error = QLabel(error, self)
        self.error.setObjectName("passphrase_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setVisible(bool(error))
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        hint = QLabel(tr("口令区分大小写，不会被保存。"), self)
        hint.setStyleSheet("color: #666;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (prompt, self.error, self.edit, hint, buttons):
            layout.addWidget(w)
        self.setMinimumWidth(420)


def ask_passphrase_dialog(parent: QWidget, key_name: str, error: str) -> str | None:
    dialog = PassphraseDialog(key_name, error, parent)
    try:
        return dialog.edit.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.edit.clear()
        dialog.deleteLater()


def _open(parent: QWidget, title: str, start: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, start or str(documents_dir()), filters)
    return path or None


def pick_key_dialog(parent: QWidget, start: str) -> str | None:
    return _open(parent, tr("选择签名证书"), start,
                 tr("证书或密钥文件 (*.p12 *.pfx *.pvkey);;所有文件 (*)"))


def pick_package_dialog(parent: QWidget, start: str) -> str | None:
    return _open(parent, tr("选择材料包"), start, tr("材料包 (*.zip);;所有文件 (*)"))


def pick_certificate_dialog(parent: QWidget, start: str) -> str | None:
    return _open(parent, tr("选择区发改委的根证书"), start,
                 tr("证书 (*.pem *.crt *.cer *.der);;所有文件 (*)"))


def pick_folder_dialog(parent: QWidget, start: str) -> str | None:
    return QFileDialog.getExistingDirectory(parent, tr("选择文件夹"),
                                            start or str(documents_dir())) or None


def open_with_system(path: Path) -> None:
    """Open a file with the program the system uses for it (an .eml: the mail client)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def confirm_dialog(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question with Chinese buttons; True when the clerk goes ahead."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes = box.addButton(tr("继续"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(tr("取消"), QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is yes


@dataclass
class Dialogs:
    """Every question the pages ask; tests replace them with plain functions."""

    pick_key: PickPath = pick_key_dialog
    pick_package: PickPath = pick_package_dialog
    pick_certificate: PickPath = pick_certificate_dialog
    pick_folder: PickPath = pick_folder_dialog
    ask_passphrase: AskPassphrase = ask_passphrase_dialog
    open_file: Callable[[Path], None] = open_with_system
    # (parent, title, question) -> go ahead?
    confirm: Callable[[QWidget, str, str], bool] = confirm_dialog
