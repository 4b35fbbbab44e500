"""The questions the commission's window asks, in one object tests replace with functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop.ui.dialogs import open_with_system, pick_folder_dialog
from desktop.ui.i18n import tr

# (parent, prompt, error from the last try or "") -> text, or None when cancelled
AskText = Callable[[QWidget, str, str], "str | None"]


def pick_packages_dialog(parent: QWidget, start: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, tr("选择材料包"), start,
                                            tr("材料包 (*.zip);;所有文件 (*)"))
    return list(paths)


def pick_xlsx_dialog(parent: QWidget, start: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("选择通讯录"), start,
                                          tr("Excel 文件 (*.xlsx);;所有文件 (*)"))
    return path or None


def ask_passphrase_dialog(parent: QWidget, prompt: str, error: str) -> str | None:
    text = f"{error}\n\n{prompt}" if error else prompt
    value, ok = QInputDialog.getText(parent, tr("区发改委证书口令"), text,
                                     QLineEdit.EchoMode.Password)
    return value if ok else None


def ask_comment_dialog(parent: QWidget, prompt: str, error: str) -> str | None:
    text = f"{error}\n\n{prompt}" if error else prompt
    value, ok = QInputDialog.getMultiLineText(parent, tr("审核意见"), text)
    return value if ok else None


def tell_written_dialog(parent: QWidget, text: str, folder: Path) -> bool:
    """Say what was written where; True when the officer wants the folder opened."""
    box = QMessageBox(QMessageBox.Icon.Information, tr("已完成"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    opener = box.addButton(tr("打开文件夹"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("关闭"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is opener


def error_box(parent: QWidget, message: str) -> None:
    QMessageBox.critical(parent, tr("planeval — 出错了"), message)


@dataclass
class CommissionDialogs:
    """Every question the commission's pages ask; tests replace them with plain functions."""

    pick_packages: Callable[[QWidget, str], list[str]] = pick_packages_dialog
    pick_folder: Callable[[QWidget, str], str | None] = pick_folder_dialog
    pick_xlsx: Callable[[QWidget, str], str | None] = pick_xlsx_dialog
    ask_passphrase: AskText = ask_passphrase_dialog
    ask_comment: AskText = ask_comment_dialog
    tell_written: Callable[[QWidget, str, Path], bool] = tell_written_dialog
    show_error: Callable[[QWidget, str], None] = error_box
    open_file: Callable[[Path], None] = open_with_system
