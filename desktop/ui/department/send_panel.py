"""The package just written, and getting it out the door: an e-mail draft or a copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PlanevalError
from desktop.department.sending import (
    EMAIL_PREFIX,
    Outgoing,
    copy_package,
    log_delivery,
    outgoing_of,
    write_email_draft,
)
from desktop.ui.department.context import UiContext
from desktop.ui.department.export_parts import message_label, show_message
from desktop.ui.dialogs import Dialogs
from desktop.ui.i18n import tr


def _value(parent: QWidget, name: str) -> QLineEdit:
    """A read-only field: long paths scroll inside it, and it can be selected and copied."""
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setReadOnly(True)
    return edit


def _set(edit: QLineEdit, text: str) -> None:
    edit.setText(text)
    edit.setToolTip(text)
    edit.setCursorPosition(0)


class SendPanel(QGroupBox):
    """Hidden until a package is written; then its path, SHA-256, id and the send buttons."""

    sent = Signal()  # a delivery was logged

    def __init__(self, ctx: UiContext, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(tr("本次导出的材料包"), parent)
        self.setObjectName("send_panel")
        self.ctx, self.dialogs = ctx, dialogs
        self.outgoing: Outgoing | None = None
        self.path = _value(self, "export_path")
        self.sha256 = _value(self, "export_sha256")
        self.submission = _value(self, "export_submission")
        self.email_button = QPushButton(tr("用邮件发送"), self)
        self.email_button.setObjectName("send_email")
        self.copy_button = QPushButton(tr("复制到U盘/共享文件夹"), self)
        self.copy_button.setObjectName("send_copy")
        self.message = message_label(self, "send_message")
        hint = QLabel(tr("“用邮件发送”会生成一封已附上材料包的邮件草稿，并用本机的邮件程序打开，"
                         "核对收件人后发送即可。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        buttons = QHBoxLayout()
        for button in (self.email_button, self.copy_button):
            button.setMinimumHeight(30)
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(tr("文件"), self.path)
        form.addRow("SHA-256", self.sha256)
        form.addRow(tr("提交编号"), self.submission)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        self.email_button.clicked.connect(self.email)
        self.copy_button.clicked.connect(self.copy)
        self.setVisible(False)

    def show_package(self, package: Path, *, latest: bool = False) -> bool:
        """Show a written package, ready to send; False if it cannot be read any more."""
        try:
            out = outgoing_of(package)
        except PlanevalError as exc:  # moved or deleted since it was written
            if not latest:
                show_message(self.message, exc.message, ok=False)
            return False
        self.outgoing = out
        self.setTitle(tr("最近导出的材料包") if latest else tr("本次导出的材料包"))
        _set(self.path, str(out.path))
        _set(self.sha256, out.sha256)
        _set(self.submission, out.info.submission_id)
        self.message.setVisible(False)
        self.setVisible(True)
        return True

    def email(self) -> None:
        """Write the .eml draft beside the package, log it, open it in the mail client."""
        out = self.outgoing
        if out is None:
            return
        try:
            path = write_email_draft(out, out.path.parent)
            log_delivery(self.ctx.ws, out, EMAIL_PREFIX + str(path))
        except PlanevalError as exc:
            show_message(self.message, exc.message, ok=False)
            return
        show_message(self.message, tr("已生成邮件草稿：%1。如邮件程序没有自动打开，"
                                      "请双击该文件。").replace("%1", str(path)), ok=True)
        self.sent.emit()
        self.dialogs.open_file(path)

    def copy(self) -> None:
        """Copy the package into a folder the clerk picks; a refusal changes nothing."""
        out = self.outgoing
        if out is None:
            return
        folder = self.dialogs.pick_folder(self, "")
        if not folder:
            return
        try:
            path = copy_package(out, Path(folder))
            log_delivery(self.ctx.ws, out, str(path.parent))
        except PlanevalError as exc:
            show_message(self.message, exc.message, ok=False)
            return
        show_message(self.message, tr("已复制到：%1").replace("%1", str(path)), ok=True)
        self.sent.emit()
