"""The package just written, and getting it out the door: an e-mail draft or a copy.

The panel says when the package is out of date (edited or evidence added since it was
written) and asks before sending it anyway; it opens the folder and the documents.
"""

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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PlanevalError
from desktop.department.freshness import extract_documents, package_is_current
from desktop.department.sending import (
    EMAIL_PREFIX,
    Outgoing,
    copy_package,
    log_delivery,
    outgoing_of,
    write_email_draft,
)
from desktop.ui.busy import run_busy
from desktop.ui.department.context import UiContext
from desktop.ui.department.export_parts import message_label, show_message
from desktop.ui.dialogs import Dialogs
from desktop.ui.i18n import tr

EMAIL_META = "ui_commission_email"  # the commission's address, asked once


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


def commission_email(ctx: UiContext) -> str:
    """The commission's address: remembered in the workspace, else the form's, if any."""
    return ctx.ws.meta.get(EMAIL_META, "") or str(getattr(ctx.form, "commission_email", ""))


class SendPanel(QGroupBox):
    """Hidden until a package is written; then its file, the send and open buttons."""

    sent = Signal()  # a delivery was logged

    def __init__(self, ctx: UiContext, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(tr("本次导出的材料包"), parent)
        self.setObjectName("send_panel")
        self.ctx, self.dialogs = ctx, dialogs
        self.outgoing: Outgoing | None = None
        self.path = _value(self, "export_path")
        self.stale = message_label(self, "export_stale")
        self.email_button = self._button("send_email", tr("用邮件发送"))
        self.copy_button = self._button("send_copy", tr("复制到U盘/共享文件夹"))
        self.folder_button = self._button("open_folder", tr("打开所在文件夹"))
        self.documents_button = self._button("open_documents", tr("用 Word/WPS 打开文档"))
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("send_details_button")
        self.details_button.setCheckable(True)
        self.details_button.setText(tr("详情 ▸"))
        self.details = QLabel(self)
        self.details.setObjectName("send_details")
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: #555;")
        self.details.setVisible(False)
        self.message = message_label(self, "send_message")
        hint = QLabel(tr("“用邮件发送”会生成一封已附上材料包、收件人为区发改委的邮件草稿，"
                         "并用本机的邮件程序打开，核对后发送即可。"), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #666;")
        self._lay_out(hint)
        self.email_button.clicked.connect(self.email)
        self.copy_button.clicked.connect(self.copy)
        self.folder_button.clicked.connect(self.open_folder)
        self.documents_button.clicked.connect(self.open_documents)
        self.details_button.toggled.connect(self._toggle_details)
        self.setVisible(False)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(30)
        return button

    def _lay_out(self, hint: QLabel) -> None:
        send = QHBoxLayout()
        for button in (self.email_button, self.copy_button):
            send.addWidget(button)
        send.addStretch(1)
        opening = QHBoxLayout()
        for button in (self.folder_button, self.documents_button):
            opening.addWidget(button)
        opening.addStretch(1)
        opening.addWidget(self.details_button)
        form = QFormLayout()
        form.addRow(tr("文件"), self.path)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.stale)
        layout.addLayout(send)
        layout.addWidget(hint)
        layout.addLayout(opening)
        layout.addWidget(self.details)
        layout.addWidget(self.message)

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
        self.details.setText(tr("SHA-256 校验值：%1\n提交编号：%2").replace("%1", out.sha256)
                             .replace("%2", out.info.submission_id))
        self.message.setVisible(False)
        self.setVisible(True)
        self.check_current()
        return True

    def check_current(self) -> bool:
        """Say whether the package still holds what the workspace holds; True if it does."""
        out = self.outgoing
        if out is None:
            return True
        current = package_is_current(self.ctx.ws, self.ctx.form, out.path)
        show_message(self.stale, "" if current else tr(
            "导出后又修改了内容（或佐证材料、签字），这个材料包已不是最新的。"
            "请重新导出后再发送。"), ok=False)
        return current

    def _ready_to_send(self) -> Outgoing | None:
        out = self.outgoing
        if out is None:
            return None
        if not self.check_current() and not self.dialogs.confirm(
                self, tr("材料包已过期"),
                tr("这个材料包是修改之前导出的，不含之后的修改。仍要发送这个旧的材料包吗？"
                   "（建议先重新导出。）")):
            return None
        return out

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(tr("详情 ▾") if shown else tr("详情 ▸"))

    def email(self) -> None:
        """Write the .eml draft beside the package, log it, open it in the mail client."""
        out = self._ready_to_send()
        if out is None:
            return
        try:
            path = write_email_draft(out, out.path.parent, to=commission_email(self.ctx))
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
        out = self._ready_to_send()
        if out is None:
            return
        folder = self.dialogs.pick_folder(self, "")
        if not folder:
            return
        try:  # a slow USB stick must not freeze the window
            path = run_busy(self, tr("正在复制到“%1”……").replace("%1", folder),
                            lambda: copy_package(out, Path(folder)))
            log_delivery(self.ctx.ws, out, str(path.parent))
        except PlanevalError as exc:
            show_message(self.message, exc.message, ok=False)
            return
        show_message(self.message, tr("已复制到：%1").replace("%1", str(path)), ok=True)
        self.sent.emit()

    def open_folder(self) -> None:
        if self.outgoing is not None:
            self.dialogs.open_file(self.outgoing.path.parent)

    def open_documents(self) -> list[Path]:
        """Take the documents out of the package beside it and open each one."""
        out = self.outgoing
        if out is None:
            return []
        try:
            docs = extract_documents(out.path, out.path.parent / (out.path.stem + "-文档"))
        except PlanevalError as exc:
            show_message(self.message, exc.message, ok=False)
            return []
        for doc in docs:
            self.dialogs.open_file(doc)
        show_message(self.message, tr("已打开 %1 个文档（放在“%2”中，仅供查看和打印；"
                                      "报送以材料包为准）。").replace("%1", str(len(docs)))
                     .replace("%2", str(docs[0].parent) if docs else ""), ok=True)
        return docs
