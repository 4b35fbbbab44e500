"""工具 → 密钥与证书…: keep a .p12 as a key file, make a key and request, add the issued
certificate. The rules live in desktop/signing/manage.py; this is only the form."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import PlanevalError
from desktop.io.package_names import safe_name
from desktop.signing import manage
from desktop.ui.department.context import UiContext
from desktop.ui.dialogs import Dialogs
from desktop.ui.i18n import tr


def _secret(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class KeysDialog(QDialog):
    """Three small forms in tabs, one result line under them."""

    def __init__(self, ctx: UiContext, dialogs: Dialogs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("密钥与证书"))
        self.ctx, self.dialogs = ctx, dialogs
        self.folder = ctx.ws.path.parent / "keys"
        tabs = QTabWidget(self)
        tabs.addTab(self._import_tab(), tr("导入证书文件（.p12/.pfx）"))
        tabs.addTab(self._generate_tab(), tr("生成密钥和证书申请"))
        tabs.addTab(self._add_tab(), tr("加入签发的证书"))
        self.result = QLabel("", self)
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.result)
        self.setMinimumWidth(560)

    # -- tabs ----------------------------------------------------------------------------

    def _import_tab(self) -> QWidget:
        tab = QWidget(self)
        self.p12 = QLineEdit(tab)
        self.p12_pass, self.import_pass, self.import_again = (_secret(tab), _secret(tab),
                                                              _secret(tab))
        button = QPushButton(tr("导入并保存为密钥文件"), tab)
        button.clicked.connect(self.import_p12)
        form = QFormLayout(tab)
        form.addRow(tr("证书文件"), self._with_browse(self.p12, self.dialogs.pick_key))
        form.addRow(tr("证书文件的口令"), self.p12_pass)
        form.addRow(tr("新口令（至少 8 位）"), self.import_pass)
        form.addRow(tr("再次输入新口令"), self.import_again)
        form.addRow(button)
        return tab

    def _generate_tab(self) -> QWidget:
        tab = QWidget(self)
        self.new_pass, self.new_again = _secret(tab), _secret(tab)
        note = QLabel(tr("生成后，把证书申请（.csr）交区发改委签发；收到证书后在“加入签发的证书”"
                         "中加入。"), tab)
        note.setWordWrap(True)
        button = QPushButton(tr("生成密钥和证书申请"), tab)
        button.clicked.connect(self.generate)
        form = QFormLayout(tab)
        form.addRow(tr("单位"), QLabel(self.ctx.ws.department, tab))
        form.addRow(tr("口令（至少 8 位）"), self.new_pass)
        form.addRow(tr("再次输入口令"), self.new_again)
        form.addRow(note)
        form.addRow(button)
        return tab

    def _add_tab(self) -> QWidget:
        tab = QWidget(self)
        self.keyfile, self.certfile = QLineEdit(str(self._keystore_path()), tab), QLineEdit(tab)
        button = QPushButton(tr("加入证书"), tab)
        button.clicked.connect(self.add_certificate)
        form = QFormLayout(tab)
        form.addRow(tr("密钥文件"), self._with_browse(self.keyfile, self.dialogs.pick_key))
        form.addRow(tr("签发的证书"),
                    self._with_browse(self.certfile, self.dialogs.pick_certificate))
        form.addRow(button)
        return tab

    def _with_browse(self, edit: QLineEdit, pick) -> QWidget:  # type: ignore[no-untyped-def]
        holder = QWidget(self)
        row = QVBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit)
        browse = QPushButton(tr("选择…"), holder)
        browse.clicked.connect(lambda: edit.setText(pick(self, edit.text()) or edit.text()))
        row.addWidget(browse)
        return holder

    # -- actions -------------------------------------------------------------------------

    def _keystore_path(self) -> Path:
        return self.folder / f"{safe_name(self.ctx.ws.department)}.pvkey"

    def _done(self, lines: list[str]) -> None:
        self.result.setStyleSheet("color: #1b5e20;")
        self.result.setText("\n".join(lines))

    def _failed(self, exc: PlanevalError) -> None:
        self.result.setStyleSheet("color: #b00020;")
        self.result.setText(exc.message)

    def import_p12(self) -> None:
        target = self._keystore_path()
        try:
            manage.check_new_passphrase(self.import_pass.text(), self.import_again.text())
            self.folder.mkdir(parents=True, exist_ok=True)
            unit = manage.keep_pkcs12(Path(self.p12.text()), self.p12_pass.text(), target,
                                      self.import_pass.text())
        except PlanevalError as exc:
            self._failed(exc)
            return
        finally:
            for edit in (self.p12_pass, self.import_pass, self.import_again):
                edit.clear()
        self._done([tr("已保存“%1”的密钥文件：%2").replace("%1", unit).replace("%2", str(target)),
                    *manage.describe(target)])

    def generate(self) -> None:
        target, csr = self._keystore_path(), self._keystore_path().with_suffix(".csr")
        try:
            manage.check_new_passphrase(self.new_pass.text(), self.new_again.text())
            self.folder.mkdir(parents=True, exist_ok=True)
            manage.new_key_with_request(department=self.ctx.ws.department,
                                        district=self.ctx.form.district, out=target, csr=csr,
                                        passphrase=self.new_pass.text())
        except PlanevalError as exc:
            self._failed(exc)
            return
        finally:
            self.new_pass.clear()
            self.new_again.clear()
        self._done([tr("已生成密钥文件：%1").replace("%1", str(target)),
                    tr("请把证书申请交区发改委签发：%1").replace("%1", str(csr))])

    def add_certificate(self) -> None:
        try:
            manage.add_issued_certificates(Path(self.keyfile.text()),
                                           [Path(self.certfile.text())])
            lines = manage.describe(Path(self.keyfile.text()))
        except PlanevalError as exc:
            self._failed(exc)
            return
        self._done([tr("已加入证书。"), *lines])
