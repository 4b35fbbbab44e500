"""工具 → 密钥与证书…: a clerk keeps the .p12 as a key file, or requests a certificate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from desktop.paths import demo_dir
from desktop.signing.ca import issue_certificate
from desktop.signing.certs import read_certificates
from desktop.signing.keystore import open_keystore
from desktop.ui.app import open_window
from desktop.ui.dialogs import Dialogs
from desktop.ui.keys_dialog import KeysDialog

KEYS = demo_dir() / "keys"


def dialog_for(qtbot, demo: Path) -> KeysDialog:
    window = open_window(demo)
    qtbot.addWidget(window)
    dialog = KeysDialog(window.ctx, Dialogs(), window)
    qtbot.addWidget(dialog)
    return dialog


def test_a_p12_is_kept_under_a_new_passphrase(qtbot, demo: Path, artifacts):
    dialog = dialog_for(qtbot, demo)
    dialog.p12.setText(str(KEYS / "区科委-demo.p12"))
    dialog.p12_pass.setText("wrong")
    dialog.import_pass.setText("新口令12345")
    dialog.import_again.setText("新口令12345")
    dialog.import_p12()
    assert "口令不正确" in dialog.result.text()
    assert dialog.p12_pass.text() == ""  # secrets never linger in the fields
    dialog.p12_pass.setText("planeval-demo")
    dialog.import_pass.setText("新口令12345")
    dialog.import_again.setText("新口令123")
    dialog.import_p12()
    assert "不一致" in dialog.result.text()
    for edit, text in ((dialog.p12_pass, "planeval-demo"), (dialog.import_pass, "新口令12345"),
                       (dialog.import_again, "新口令12345")):
        edit.setText(text)
    dialog.import_p12()
    assert "本单位证书：区科委" in dialog.result.text()
    kept = demo.parent / "keys" / "区科委.pvkey"
    assert open_keystore(kept, "新口令12345").identity().department == "区科委"
    dialog.show()
    dialog.grab().save(str(artifacts / "keys_dialog.png"))


def test_a_new_key_and_request_then_the_issued_certificate(qtbot, demo: Path, tmp_path):
    dialog = dialog_for(qtbot, demo)
    dialog.new_pass.setText("短")
    dialog.new_again.setText("短")
    dialog.generate()
    assert "至少需要 8 个字符" in dialog.result.text()
    dialog.new_pass.setText("区科委的口令2023")
    dialog.new_again.setText("区科委的口令2023")
    dialog.generate()
    csr_path = demo.parent / "keys" / "区科委.csr"
    assert csr_path.is_file() and "请把证书申请交区发改委签发" in dialog.result.text()
    ca_key = serialization.load_pem_private_key(
        (KEYS / "commission-ca-demo-key.pem").read_bytes(), None)
    (ca_cert,) = read_certificates([KEYS / "commission-ca.pem"])
    now = dt.datetime.now(dt.UTC)
    cert = issue_certificate(x509.load_pem_x509_csr(csr_path.read_bytes()), ca_key=ca_key,
                             ca_cert=ca_cert, not_before=now,
                             not_after=now + dt.timedelta(days=30))
    issued = tmp_path / "issued.pem"
    issued.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    dialog.certfile.setText(str(issued))
    dialog.add_certificate()
    assert "已加入证书" in dialog.result.text() and "本单位证书：区科委" in dialog.result.text()
