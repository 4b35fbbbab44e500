"""工具 menu: 核验材料包… and 密钥与证书…. Their dialogs, and the signing and verifying code
behind them (cryptography, asn1crypto, argon2), load when one is first opened, not at start."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from desktop.ui.department.context import UiContext
from desktop.ui.dialogs import Dialogs
from desktop.ui.i18n import tr


def open_verify(window: QMainWindow, ctx: UiContext, dialogs: Dialogs) -> None:
    from desktop.ui.verify_dialog import open_verify_dialog

    open_verify_dialog(window, ctx, dialogs)


def open_keys(window: QMainWindow, ctx: UiContext, dialogs: Dialogs) -> None:
    from desktop.ui.keys_dialog import KeysDialog

    KeysDialog(ctx, dialogs, window).open()


def add_tools_menu(window: QMainWindow, ctx: UiContext, dialogs: Dialogs) -> QAction:
    """The 工具 menu with 核验材料包… and 密钥与证书…; returns the verify action."""
    menu = window.menuBar().addMenu(tr("工具"))
    action = menu.addAction(tr("核验材料包…"))
    action.setObjectName("verify_action")
    action.triggered.connect(lambda: open_verify(window, ctx, dialogs))
    keys = menu.addAction(tr("密钥与证书…"))
    keys.triggered.connect(lambda: open_keys(window, ctx, dialogs))
    return action
