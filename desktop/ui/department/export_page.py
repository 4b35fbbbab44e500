"""The 导出 step: stages and deadlines, open problems, sign-off, key, folder, export, send.

Every rule (what a final needs, how a package is built and signed, where it is logged) is
in desktop.department.export and desktop.department.sending; this page only gathers the
choices and shows results.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PlanevalError, os_reason
from desktop.core.model import Row
from desktop.department.export import (
    Exported,
    ExportRefused,
    check_stage,
    export_package,
    load_identity,
    signoff_of,
)
from desktop.department.operations import validate_workspace
from desktop.department.sending import EMAIL_PREFIX
from desktop.signing.errors import WrongPassphraseError

if TYPE_CHECKING:
    from desktop.signing.keys import SigningIdentity
from desktop.signing.demo import demo_keys_dir
from desktop.ui.busy import run_busy
from desktop.ui.department.context import UiContext
from desktop.ui.department.export_parts import (
    HistoryTable,
    PathRow,
    SignoffBox,
    message_label,
    show_message,
)
from desktop.ui.department.findings import FindingsStore
from desktop.ui.department.problems import counts_text
from desktop.ui.department.send_panel import EMAIL_META, SendPanel, commission_email
from desktop.ui.department.steps import export_text
from desktop.ui.dialogs import Dialogs
from desktop.ui.i18n import tr

KEY_META, FOLDER_META = "ui_signing_key", "ui_export_folder"  # never the passphrase
EXPORTS_FOLDER = "exports"


class ExportPage(QScrollArea):
    """Export a draft or final package, then send it; everything in a scrollable column."""

    check_requested = Signal()  # show the 检查 step
    about_to_export = Signal()  # save pending edits first
    exported = Signal(object)  # Exported

    def __init__(self, ctx: UiContext, findings: FindingsStore, tables: dict[str, int],
                 plans: list[Row], dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.findings, self.dialogs = ctx, findings, dialogs
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        self.text = QLabel(export_text(ctx.form, ctx.ws.department, tables, plans), body)
        self.text.setObjectName("export_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.counts = QLabel(body)
        self.counts.setObjectName("export_counts")
        self.signoff = SignoffBox(ctx.ws, body, stages="、".join(
            s.title for s in ctx.form.stages if s.signoff))
        self.key = PathRow("signing_key", tr("请选择本单位的签名证书（.p12/.pfx 或密钥文件）"),
                           dialogs.pick_key, body)
        self.folder = PathRow("export_folder", "", dialogs.pick_folder, body)
        self.email = QLineEdit(commission_email(ctx), body)
        self.email.setObjectName("commission_email")
        self.email.setPlaceholderText(tr("区发改委接收材料的邮箱，用于邮件草稿的收件人"))
        self.email.editingFinished.connect(
            lambda: self._remember(EMAIL_META, self.email.text().strip()))
        self.preview_button = QPushButton(tr("打印预览…"), body)
        self.preview_button.setObjectName("print_preview")
        self.preview_button.setMinimumHeight(32)
        self.buttons = {s.id: QPushButton(tr("导出%1").replace("%1", s.title), body)
                        for s in ctx.form.stages}
        self.message = message_label(body, "export_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.to_check = QPushButton(tr("去“检查”查看问题"), body)
        self.to_check.setVisible(False)
        self.send = SendPanel(ctx, dialogs, body)
        self.history = HistoryTable({s.id: s.title for s in ctx.form.stages}, body)
        self._lay_out(body)
        self.setWidget(body)
        self._restore_paths()
        self.key.chosen.connect(lambda p: self._remember(KEY_META, p))
        self.folder.chosen.connect(lambda p: self._remember(FOLDER_META, p))
        for stage, button in self.buttons.items():
            button.setObjectName(f"export_{stage}")
            button.clicked.connect(lambda _=False, s=stage: self.export(s))
        self.to_check.clicked.connect(self.check_requested)
        self.send.sent.connect(self.refresh_history)
        findings.changed.connect(self._update_counts)
        self.preview_button.clicked.connect(self.print_preview)
        ctx.saved.connect(self._edited)
        ctx.accepted.connect(self._edited)
        self.signoff.recorded.connect(self._edited)
        self._update_counts()
        self.refresh_history()
        self._show_latest()

    def _lay_out(self, body: QWidget) -> None:
        where = QGroupBox(tr("签名证书、保存位置与收件人"), body)
        form = QFormLayout(where)
        form.addRow(tr("签名证书"), self.key)
        form.addRow(tr("保存到"), self.folder)
        form.addRow(tr("区发改委邮箱"), self.email)
        hint = QLabel(tr("导出时会询问证书口令；口令不会被保存。"), where)
        hint.setStyleSheet("color: #666;")
        form.addRow(hint)
        actions = QHBoxLayout()
        for button in self.buttons.values():
            button.setMinimumHeight(32)
            actions.addWidget(button)
        actions.addWidget(self.preview_button)
        actions.addStretch(1)
        refused = QHBoxLayout()
        refused.addWidget(self.message, 1)
        refused.addWidget(self.to_check, 0, Qt.AlignmentFlag.AlignTop)
        history = QGroupBox(tr("导出与报送记录"), body)
        QVBoxLayout(history).addWidget(self.history)
        layout = QVBoxLayout(body)  # settings first, then the buttons that use them
        layout.addWidget(self.text)
        layout.addWidget(self.counts)
        for w in (self.signoff, where):
            layout.addWidget(w)
        layout.addLayout(actions)
        layout.addLayout(refused)
        layout.addWidget(self.send)
        layout.addWidget(history)
        layout.addStretch(1)

    def _restore_paths(self) -> None:
        meta = self.ctx.ws.meta
        self.key.set_path(meta.get(KEY_META, ""))
        if self.ctx.is_demo:
            self.key.start = str(demo_keys_dir())
        self.folder.set_path(meta.get(FOLDER_META, "")
                             or str(self.ctx.ws.path / EXPORTS_FOLDER))

    def _remember(self, key: str, value: str) -> None:
        try:
            self.ctx.ws.set_meta(key, value)
        except PlanevalError as exc:
            show_message(self.message, exc.message, ok=False)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.send.check_current()  # edits or evidence added since the export
        super().showEvent(event)

    def _edited(self, *_: object) -> None:
        if self.isVisible():
            self.send.check_current()

    def print_preview(self) -> None:
        from desktop.ui.department.printing import preview  # QtPrintSupport: only when asked

        self.about_to_export.emit()
        preview(self.ctx, self)

    def _update_counts(self) -> None:
        self.counts.setText(tr("当前问题：%1").replace("%1", counts_text(self.findings)))

    def refresh_history(self) -> None:
        self.history.show_records(self.ctx.ws.exports())

    def _show_latest(self) -> None:
        """Offer the newest package still on disk, so it can be sent on another day."""
        for record in reversed(self.ctx.ws.exports()):
            folder = record.get("destination", "")
            if folder.startswith(EMAIL_PREFIX) or not folder:
                continue
            package = Path(folder) / record.get("file_name", "")
            if package.is_file() and self.send.show_package(package, latest=True):
                return

    # -- exporting ------------------------------------------------------------------------

    def export(self, stage: str) -> Exported | None:
        """Check the stage, ask for the key's passphrase, write and log the package."""
        self.about_to_export.emit()
        self.message.setVisible(False)
        self.to_check.setVisible(False)
        ws, form = self.ctx.ws, self.ctx.form
        findings = validate_workspace(ws, form)
        try:
            check_stage(form, stage, findings, signoff_of(ws))
        except ExportRefused as exc:
            self._refused(exc.message, errors=any(f.blocking for f in findings))
            return None
        errors = sum(f.blocking for f in findings)
        if errors and not self.dialogs.confirm(self, tr("还有错误"), tr(
                "目前还有 %1 个错误（可在“检查”一步查看）。初稿可以带着问题导出，"
                "问题会一并报送给区发改委。仍要导出吗？").replace("%1", str(errors))):
            return None
        if not self.key.path() or not Path(self.key.path()).is_file():
            self.key.choose()  # none yet, or the remembered one is gone (USB key removed)
        if not self.key.path() or not Path(self.key.path()).is_file():
            show_message(self.message, tr("请先选择本单位的签名证书。"), ok=False)
            return None
        identity = self._unlock(Path(self.key.path()))
        if identity is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            folder = Path(self.folder.path())
            folder.mkdir(parents=True, exist_ok=True)
            done = export_package(
                ws, form, out_dir=folder, stage=stage, identity=identity, findings=findings,
                run=lambda work: run_busy(self, tr("正在生成并签名材料包……"), work))
        except ExportRefused as exc:  # e.g. the certificate of another unit
            show_message(self.message, exc.message, ok=False)
            return None
        except OSError as exc:
            show_message(self.message, tr("无法创建文件夹“%1”：%2")
                         .replace("%1", self.folder.path()).replace("%2", os_reason(exc)),
                         ok=False)
            return None
        except PlanevalError as exc:
            show_message(self.message, exc.message, ok=False)
            return None
        finally:
            QApplication.restoreOverrideCursor()
        show_message(self.message, tr("已导出并签名：%1").replace("%1", done.path.name), ok=True)
        self.send.show_package(done.path)
        self.refresh_history()
        QTimer.singleShot(0, lambda: self.ensureWidgetVisible(self.send))  # after re-layout
        self.exported.emit(done)
        return done

    def _unlock(self, key: Path) -> SigningIdentity | None:
        """Ask for the passphrase until it opens the key or the clerk cancels."""
        error = ""
        while True:
            passphrase = self.dialogs.ask_passphrase(self, key.name, error)
            if passphrase is None:
                return None
            try:
                return load_identity(key, passphrase)
            except WrongPassphraseError as exc:
                error = exc.message
            except PlanevalError as exc:
                show_message(self.message, exc.message, ok=False)
                return None

    def _refused(self, message: str, *, errors: bool) -> None:
        """Say why; offer the 检查 step for errors, else the sign-off the final lacks."""
        show_message(self.message, message, ok=False)
        self.to_check.setVisible(errors)
        if not errors:
            self.ensureWidgetVisible(self.signoff)
            self.signoff.leader.setFocus()
