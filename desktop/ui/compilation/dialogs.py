"""The questions the compilation window asks, in one object tests replace with functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from desktop.ui.dialogs import open_with_system, pick_folder_dialog
from desktop.ui.i18n import tr


def pick_document_dialog(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("选择用 Word/WPS 写好的文档"), "",
                                          tr("文档 (*.docx *.pdf)"))
    return path or None


def pick_key_dialog(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, tr("选择本单位的证书"), "",
                                          tr("证书或密钥文件 (*.p12 *.pfx *.key);;所有文件 (*)"))
    return path or None


def ask_passphrase_dialog(parent: QWidget, prompt: str, error: str) -> str | None:
    text = f"{error}\n\n{prompt}" if error else prompt
    value, ok = QInputDialog.getText(parent, tr("证书口令"), text, QLineEdit.EchoMode.Password)
    return value if ok else None


def pick_out_dialog(parent: QWidget) -> str | None:
    return pick_folder_dialog(parent, "")


def tell_dialog(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, tr("已完成"), text)


def error_box(parent: QWidget, message: str) -> None:
    QMessageBox.critical(parent, tr("planeval — 出错了"), message)


@dataclass
class CompilationDialogs:
    """Every question the compilation pages ask; tests replace them with plain functions."""

    pick_document: Callable[[QWidget], str | None] = pick_document_dialog
    pick_key: Callable[[QWidget], str | None] = pick_key_dialog
    ask_passphrase: Callable[[QWidget, str, str], str | None] = ask_passphrase_dialog
    pick_out: Callable[[QWidget], str | None] = pick_out_dialog
    tell: Callable[[QWidget, str], None] = tell_dialog
    error: Callable[[QWidget, str], None] = error_box
    open_folder: Callable[[Path], None] = open_with_system
