"""The 导出 step driven for real: key, passphrase, draft, final, e-mail draft, copy, verify.

Every dialog is a plain function here (no modal windows, no mail client is started); the
packages are real files, checked with the commission's verify_package.
"""

from __future__ import annotations

import email
import zipfile
from email import policy
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit

from desktop.commission.verify import verify_package
from desktop.department import operations
from desktop.department.export import signoff_of
from desktop.paths import demo_dir
from desktop.signing import WrongPassphraseError
from desktop.signing.demo import DEMO_PASSPHRASE, P12_FILE, demo_keys_dir, demo_trust
from desktop.ui.app import open_window
from desktop.ui.department.export_page import ExportPage
from desktop.ui.department.main_window import MainWindow
from desktop.ui.department.navigation import CHECK, EXPORT
from desktop.ui.dialogs import Dialogs, PassphraseDialog
from desktop.ui.verify_dialog import VerifyDialog

DEMO_KEY = demo_keys_dir() / P12_FILE


class Fake:
    """Answers for the dialogs, and a record of what they were asked."""

    def __init__(self, passphrases: list[str], folder: Path | None = None) -> None:
        self.passphrases = passphrases
        self.errors: list[str] = []
        self.opened: list[Path] = []
        self.folder = folder
        self.package: Path | None = None
        self.questions: list[str] = []
        self.answer = True  # to every confirmation question

    def dialogs(self) -> Dialogs:
        def ask(parent, key_name: str, error: str) -> str | None:
            self.errors.append(error)
            return self.passphrases.pop(0) if self.passphrases else None

        return Dialogs(pick_key=lambda parent, start: str(DEMO_KEY),
                       pick_package=lambda parent, start: str(self.package),
                       pick_certificate=lambda parent, start: None,
                       pick_folder=lambda parent, start: str(self.folder) if self.folder else None,
                       ask_passphrase=ask, open_file=self.opened.append,
                       confirm=self.confirm)

    def confirm(self, parent, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "ws"
    operations.create_demo(path, filled=True).close()
    return path


def open_at_export(qtbot, path: Path, fake: Fake) -> tuple[MainWindow, ExportPage]:
    ws, form = operations.open_workspace(path)
    from desktop.ui.department.context import UiContext

    window = MainWindow(UiContext(ws, form), dialogs=fake.dialogs())
    qtbot.addWidget(window)
    window.resize(1024, 740)  # an old office PC's screen, less the taskbar
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.findings.wait()
    while window.next_button.isEnabled():  # walk the steps the way a clerk does
        qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.current_key() == EXPORT
    page = window.pages[EXPORT]
    assert isinstance(page, ExportPage)
    return window, page


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_export_a_draft_after_a_wrong_passphrase(qtbot, filled: Path, artifacts: Path) -> None:
    fake = Fake(["wrong-passphrase", DEMO_PASSPHRASE])
    window, page = open_at_export(qtbot, filled, fake)
    text = page.text.text()
    assert "2023年05月15日" in text and "2023年07月10日" in text
    assert "错误 0" in page.counts.text()
    assert page.folder.path() == str(filled / "exports")
    window.grab().save(str(artifacts / "export-step-before.png"))

    click(qtbot, page.key.button)
    assert page.key.path() == str(DEMO_KEY)
    click(qtbot, page.buttons["draft"])
    assert fake.errors == ["", WrongPassphraseError("证书文件（PKCS#12）").message]
    assert page.message.isVisible() and "已导出" in page.message.text()

    ws = window.ctx.ws
    (record,) = ws.exports()
    package = filled / "exports" / record["file_name"]
    assert package.is_file() and record["stage"] == "draft"
    result = verify_package(package, trust=demo_trust())
    assert result.ok and result.manifest.department == "区科委"
    assert page.send.isVisible()
    assert page.send.path.text() == str(package)
    assert record["sha256"] in page.send.details.text() and not page.send.details.isVisible()
    assert record["submission_id"] == result.manifest.submission_id
    assert record["submission_id"] in page.send.details.text()
    assert page.history.rowCount() == 1 and page.history.item(0, 1).text() == "初稿"
    assert ws.meta["ui_signing_key"] == str(DEMO_KEY)
    assert not any(DEMO_PASSPHRASE in v for v in ws.meta.values())
    qtbot.wait(50)  # let the layout take in the panel just shown, as the event loop would
    window.grab().save(str(artifacts / "export-step-after.png"))


def test_final_needs_the_signoff(qtbot, filled: Path) -> None:
    fake = Fake([DEMO_PASSPHRASE])
    window, page = open_at_export(qtbot, filled, fake)
    page.key.set_path(str(DEMO_KEY))
    click(qtbot, page.buttons["final"])
    assert page.message.isVisible() and "分管区领导审核签字" in page.message.text()
    assert fake.errors == [] and window.ctx.ws.exports() == ()  # refused before the passphrase
    assert not page.to_check.isVisible()  # no errors: the sign-off is what is missing
    assert page.signoff.leader.hasFocus()
    click(qtbot, page.signoff.save)  # no name yet
    assert "姓名" in page.signoff.status.text() and signoff_of(window.ctx.ws) is None
    page.signoff.leader.setText("王明")  # QTest cannot type CJK keys
    page.signoff.date.setDate(QDate(2023, 7, 5))
    click(qtbot, page.signoff.save)
    signoff = signoff_of(window.ctx.ws)
    assert signoff is not None and signoff.leader == "王明" and str(signoff.date) == "2023-07-05"
    assert "已登记：王明" in page.signoff.status.text()

    click(qtbot, page.buttons["final"])
    assert "已导出" in page.message.text() and not page.to_check.isVisible()
    (record,) = window.ctx.ws.exports()
    assert record["stage"] == "final"
    assert verify_package(filled / "exports" / record["file_name"], trust=demo_trust()).ok


def test_final_with_errors_points_to_the_check_step(qtbot, filled: Path,
                                                    artifacts: Path) -> None:
    with operations.open_workspace(filled)[0] as ws:
        number = ws.rows("indicators")[-1].number
        ws.set_answer("indicators", number, "conclusion", "")
    fake = Fake([DEMO_PASSPHRASE])
    window, page = open_at_export(qtbot, filled, fake)
    page.key.set_path(str(DEMO_KEY))
    click(qtbot, page.buttons["final"])
    assert "须无错误才能导出" in page.message.text() and page.message.isVisible()
    assert page.to_check.isVisible() and fake.errors == []
    qtbot.wait(50)
    window.grab().save(str(artifacts / "export-step-final-refused.png"))
    click(qtbot, page.to_check)
    assert window.current_key() == CHECK
    window.show_page(EXPORT)
    fake.answer = False  # asked first: "1 个错误 … 仍要导出吗？"; the clerk says no
    click(qtbot, page.buttons["draft"])
    assert "1 个错误" in fake.questions[-1] and not page.send.isVisible()
    assert not list((filled / "exports").glob("*.zip"))
    fake.answer = True
    click(qtbot, page.buttons["draft"])  # a draft may carry open problems
    assert "已导出" in page.message.text() and not page.to_check.isVisible()


def test_signoff_recorded_before_is_shown(qtbot, filled: Path) -> None:
    import datetime as dt

    from desktop.department.export import record_signoff

    with operations.open_workspace(filled)[0] as ws:
        record_signoff(ws, "李华", dt.date(2023, 7, 1))
    _, page = open_at_export(qtbot, filled, Fake([]))
    assert page.signoff.leader.text() == "李华"
    assert page.signoff.date.date() == QDate(2023, 7, 1)
    assert "已登记：李华" in page.signoff.status.text()


def test_email_draft_and_copy(qtbot, filled: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    fake = Fake([DEMO_PASSPHRASE], folder=share)
    window, page = open_at_export(qtbot, filled, fake)
    page.key.set_path(str(DEMO_KEY))
    done = page.export("draft")
    assert done is not None

    click(qtbot, page.send.email_button)
    eml = done.path.with_suffix(".eml")
    assert fake.opened == [eml] and eml.parent == filled / "exports"
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1"
    assert msg["Subject"] == "【普陀区“十四五”规划实施中期评估】区科委 初稿报送"
    body = msg.get_body(("plain",)).get_content()
    assert body.startswith("区发改委：") and done.sha256 in body and done.submission_id in body
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == done.path.name and att.get_content() == done.path.read_bytes()
    assert window.ctx.ws.exports()[-1]["destination"] == f"email:{eml}"

    click(qtbot, page.send.copy_button)
    assert (share / done.path.name).read_bytes() == done.path.read_bytes()
    assert window.ctx.ws.exports()[-1]["destination"] == str(share)
    assert "已复制到" in page.send.message.text()

    fake.folder = tmp_path / "no-usb-stick"
    logged = len(window.ctx.ws.exports())
    click(qtbot, page.send.copy_button)
    assert "找不到文件夹" in page.send.message.text() and page.send.message.isVisible()
    assert len(window.ctx.ws.exports()) == logged
    assert not fake.folder.exists()
    assert page.history.rowCount() == logged == 3

    window.close()  # another day: the package written before is offered again
    window, page = open_at_export(qtbot, filled, Fake([]))
    assert page.send.isVisible() and done.sha256 in page.send.details.text()


def tampered(package: Path, target: Path) -> Path:
    """A copy of the package with one byte of data.json flipped (same names and sizes)."""
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "data.json":
                data = bytes([data[0] ^ 0x01]) + data[1:]
            dst.writestr(info, data)
    return target


def test_verify_dialog_good_and_tampered(qtbot, filled: Path, tmp_path: Path,
                                         artifacts: Path) -> None:
    fake = Fake([DEMO_PASSPHRASE])
    window, page = open_at_export(qtbot, filled, fake)
    page.key.set_path(str(DEMO_KEY))
    done = page.export("draft")
    assert done is not None

    window.verify_action.trigger()
    dialog = window.findChild(VerifyDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.cert.path() == str(demo_keys_dir() / "commission-ca.pem")  # demo only
    assert dialog.cert_note.isVisible()
    fake.package = done.path
    click(qtbot, dialog.package.button)
    assert dialog.verdict.text().startswith("✓")
    assert dialog.values["department"].text() == "区科委"
    assert dialog.values["stage"].text() == "初稿"
    assert dialog.values["signer"].text() == "区科委（普陀区）"  # not "O=普陀区,CN=区科委"
    listed = [dialog.members.item(i).text() for i in range(dialog.members.count())]
    assert "data.json" in listed and not [n for n in listed if "META-INF" in n]
    assert f"{len(listed)} 个文件完整无误" in dialog.verdict.text()  # the count matches the list
    assert not dialog.details.isVisible() and done.submission_id in dialog.details.toPlainText()
    click(qtbot, dialog.details_button)
    assert dialog.details.isVisible() and "META-INF/" in dialog.details.toPlainText()
    qtbot.wait(50)
    dialog.grab().save(str(artifacts / "verify-valid.png"))

    fake.package = tampered(done.path, tmp_path / "tampered.zip")
    click(qtbot, dialog.package.button)
    assert dialog.verdict.text().startswith("✗") and "代码" not in dialog.verdict.text()
    assert "digest" not in dialog.verdict.text()
    assert "结果代码：digest" in dialog.details.toPlainText()
    qtbot.wait(50)
    dialog.grab().save(str(artifacts / "verify-invalid.png"))
    before = set(tmp_path.iterdir())
    dialog.run()
    assert set(tmp_path.iterdir()) == before  # nothing extracted
    dialog.close()


def test_verify_offers_no_demo_certificate_outside_the_demo(qtbot, tmp_path: Path) -> None:
    """Even 区科委 made from the same tables is not the demo unless create_demo made it."""
    path = tmp_path / "ws"
    operations.create_workspace(path, assignment=demo_dir(), department="区科委").close()
    window = open_window(path)
    qtbot.addWidget(window)
    dialog = VerifyDialog(window.ctx, Dialogs(), window)
    assert dialog.cert.path() == "" and not dialog.cert_note.isVisible()


def test_passphrase_dialog_hides_the_text_and_shows_the_error(qtbot, artifacts: Path) -> None:
    message = WrongPassphraseError("证书文件（PKCS#12）").message
    dialog = PassphraseDialog("区科委-demo.p12", message)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.error.isVisible() and dialog.error.text() == message
    dialog.edit.setText("secret")
    assert dialog.edit.displayText() != "secret"
    dialog.grab().save(str(artifacts / "passphrase-wrong.png"))


def test_a_remembered_key_that_is_gone_is_asked_for_again(qtbot, filled: Path) -> None:
    with operations.open_workspace(filled)[0] as ws:
        ws.set_meta("ui_signing_key", str(filled / "removed-usb" / "key.p12"))
    fake = Fake([DEMO_PASSPHRASE])
    _, page = open_at_export(qtbot, filled, fake)
    assert page.export("draft") is not None
    assert page.key.path() == str(DEMO_KEY)
