"""工具 → 核验材料包…: check a package against the commission's certificate, in memory.

verify_package reads the zip in memory and extracts nothing; this dialog only shows its
verdict (✓/✗, the Chinese reason and the stable code), what the package says about
itself, and its member list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PlanevalError
from desktop.signing.demo import CA_CERT_FILE, demo_keys_dir
from desktop.ui.busy import run_busy
from desktop.ui.department.context import UiContext
from desktop.ui.department.export_parts import PathRow
from desktop.ui.dialogs import Dialogs
from desktop.ui.i18n import tr

if TYPE_CHECKING:
    from desktop.commission.verify import VerifyResult

CERT_META = "ui_commission_cert"
FIELDS = ("district", "round", "department", "stage", "created", "signer", "signing_time")


class VerifyDialog(QDialog):
    """Pick a package and the commission's certificate; 核验 shows the verdict."""

    def __init__(self, ctx: UiContext, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("核验材料包"))
        self.package = PathRow("verify_package", tr("请选择要核验的材料包（.zip）"),
                               dialogs.pick_package, self)
        self.cert = PathRow("verify_cert", tr("请选择区发改委的根证书"),
                            dialogs.pick_certificate, self)
        self.cert_note = QLabel(self)
        self.cert_note.setStyleSheet("color: #8a5300;")
        self.check = QPushButton(tr("核验"), self)
        self.check.setObjectName("verify_run")
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verify_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.verdict.setFont(font)  # set once: a font change later would not re-lay out
        self.values = {name: QLabel(self) for name in FIELDS}
        for label in self.values.values():
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.members = QListWidget(self)
        self.members.setObjectName("verify_members")
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("verify_details_button")
        self.details_button.setText(tr("详情 ▸"))
        self.details_button.setCheckable(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("verify_details")
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMaximumHeight(150)
        self.details_button.toggled.connect(self._toggle_details)
        self._lay_out()
        self._default_cert()
        self.package.chosen.connect(lambda _: self.run())
        self.cert.chosen.connect(self._cert_chosen)
        self.check.clicked.connect(self.run)
        self.resize(720, 620)

    def _lay_out(self) -> None:
        top = QFormLayout()
        top.addRow(tr("材料包"), self.package)
        top.addRow(tr("信任的证书"), self.cert)
        top.addRow("", self.cert_note)
        info = QFormLayout()
        titles = (tr("区"), tr("评估"), tr("单位"), tr("阶段"), tr("生成时间"), tr("签名者"),
                  tr("签名时间"))
        for title, name in zip(titles, FIELDS, strict=True):
            info.addRow(title, self.values[name])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.verdict)
        layout.addLayout(info)
        layout.addWidget(QLabel(tr("包内材料："), self))
        layout.addWidget(self.members, 1)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        layout.addWidget(close)

    def _default_cert(self) -> None:
        """The last certificate used; in the demo only, the demo commission's certificate."""
        remembered = self.ctx.ws.meta.get(CERT_META, "")
        if remembered:
            self.cert.set_path(remembered)
        elif self.ctx.is_demo:
            self.cert.set_path(str(demo_keys_dir() / CA_CERT_FILE))
            self.cert_note.setText(tr("演示证书，仅用于演示，切勿用于正式材料。"))
        self.cert_note.setVisible(bool(self.cert_note.text()))

    def _cert_chosen(self, path: str) -> None:
        self.cert_note.setVisible(False)
        try:
            self.ctx.ws.set_meta(CERT_META, path)
        except PlanevalError:
            pass  # remembering is a convenience; verifying still works
        if self.package.path():
            self.run()

    def run(self) -> VerifyResult | None:
        # cryptography and the verifier load on first use, not at start-up
        from desktop.commission.verify import verify_package
        from desktop.signing.certs import read_certificates

        if not self.package.path():
            self._show_text(tr("请先选择要核验的材料包。"), ok=False)
            return None
        try:
            trust = read_certificates([self.cert.path()] if self.cert.path() else [])
        except PlanevalError as exc:
            self._show_text(exc.message, ok=False)
            return None
        package = Path(self.package.path())
        result = run_busy(self, tr("正在核验材料包……"),
                          lambda: verify_package(package, trust=trust))
        self.show_result(result)
        return result

    def _toggle_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(tr("详情 ▾") if shown else tr("详情 ▸"))

    def _show_text(self, text: str, *, ok: bool) -> None:
        self.verdict.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.verdict.setText(text)

    def show_result(self, result: VerifyResult) -> None:
        """The verdict in plain Chinese; the code, signer name and package layout under 详情."""
        if result.ok:
            self._show_text("✓ " + result.message_zh, ok=True)
        else:
            self._show_text(tr("✗ 材料包无效：%1").replace("%1", result.message_zh), ok=False)
        m = result.manifest
        stages = {s.id: s.title for s in self.ctx.form.stages}
        values = dict.fromkeys(FIELDS, "")
        if m is not None:
            values.update(district=m.district, round=m.round, department=m.department,
                          stage=stages.get(m.stage, m.stage),
                          created=m.created.astimezone().strftime("%Y-%m-%d %H:%M:%S"))
        values["signer"] = signer_name(result.signer_subject or "")
        if result.signing_time is not None:
            values["signing_time"] = result.signing_time.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        for name, text in values.items():
            self.values[name].setText(text or "—")
        self.members.clear()
        self.members.addItems([n for n in result.members if not technical(n)])
        self.details.setPlainText("\n".join([
            tr("结果代码：%1").replace("%1", result.code),
            tr("签名证书：%1").replace("%1", result.signer_subject or "—"),
            tr("提交编号：%1").replace("%1", m.submission_id if m else "—"),
            tr("包内全部文件："), *(f"  {n}" for n in result.members)]))


def technical(member: str) -> bool:
    """The package's own bookkeeping (mimetype, META-INF/…), not the clerk's material."""
    return member == "mimetype" or member.startswith("META-INF/")


def signer_name(subject: str) -> str:
    """"区科委（普陀区）" for "O=普陀区,CN=区科委"; the text as given if it has no CN."""
    parts = dict(p.split("=", 1) for p in subject.split(",") if "=" in p)
    name = parts.get("CN", "").strip()
    if not name:
        return subject
    return f"{name}（{parts['O'].strip()}）" if parts.get("O", "").strip() else name


def open_verify_dialog(window: QWidget, ctx: UiContext, dialogs: Dialogs) -> VerifyDialog:
    """A fresh dialog, modal to the window, deleted when closed."""
    dialog = VerifyDialog(ctx, dialogs, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
