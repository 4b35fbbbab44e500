"""The export step for a clerk: settings first, a warning before a stale package is sent,
the commission's address, open the folder and the documents, print preview, and files
a shared folder can read."""

from __future__ import annotations

import email
import os
import stat
from email import policy
from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from test_ui_export import DEMO_KEY, Fake, click, open_at_export

from desktop.department import operations
from desktop.department.freshness import package_is_current
from desktop.ui.busy import run_with_progress
from desktop.ui.department.printing import (
    preview_dialog,
    printer_for,
    text_document,
    xlsx_html,
)

DEMO_PASSPHRASE = "planeval-demo"


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "ws"
    operations.create_demo(path, filled=True).close()
    return path


def exported(qtbot, filled: Path, fake: Fake):  # type: ignore[no-untyped-def]
    window, page = open_at_export(qtbot, filled, fake)
    page.key.set_path(str(DEMO_KEY))
    page.email.setText("fgw@putuo.example.cn")
    page.email.editingFinished.emit()
    done = page.export("draft")
    assert done is not None
    return window, page, done


def test_settings_come_before_the_export_buttons(qtbot, filled: Path) -> None:
    _, page = open_at_export(qtbot, filled, Fake([]))
    y = {name: w.mapTo(page.widget(), w.rect().topLeft()).y() for name, w in (
        ("signoff", page.signoff), ("key", page.key), ("email", page.email),
        ("button", page.buttons["draft"]))}
    assert y["signoff"] < y["button"] and y["key"] < y["button"] and y["email"] < y["button"]


def test_a_stale_package_is_flagged_and_asked_about(qtbot, filled: Path) -> None:
    fake = Fake([DEMO_PASSPHRASE])
    window, page, done = exported(qtbot, filled, fake)
    ws, form = window.ctx.ws, window.ctx.form
    assert package_is_current(ws, form, done.path) and not page.send.stale.isVisible()
    number = ws.rows("tasks")[-1].number
    window.ctx.set_answer("tasks", number, "progress", "导出后又补充的进展")
    assert not package_is_current(ws, form, done.path)
    assert page.send.stale.isVisible() and "不是最新" in page.send.stale.text()
    fake.answer = False  # "仍要发送这个旧的材料包吗？" -> no
    click(qtbot, page.send.email_button)
    assert "旧的材料包" in fake.questions[-1] and not done.path.with_suffix(".eml").exists()
    window.undo()  # back to what was exported: the package is current again
    assert package_is_current(ws, form, done.path)
    (filled / "evidence.jpg").write_bytes(b"\xff\xd8 photo")
    from desktop.department import attachments

    attachments.add(ws, filled / "evidence.jpg")  # evidence added after the export
    assert not package_is_current(ws, form, done.path)


def test_email_goes_to_the_commission_and_documents_open(qtbot, filled: Path) -> None:
    fake = Fake([DEMO_PASSPHRASE])
    window, page, done = exported(qtbot, filled, fake)
    click(qtbot, page.send.email_button)
    eml = done.path.with_suffix(".eml")
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "fgw@putuo.example.cn"
    assert window.ctx.ws.meta["ui_commission_email"] == "fgw@putuo.example.cn"
    click(qtbot, page.send.folder_button)
    assert fake.opened[-1] == done.path.parent
    docs = page.send.open_documents()
    assert sorted(p.suffix for p in docs) == [".docx", ".docx", ".xlsx", ".xlsx"]
    assert all(p.is_file() and p in fake.opened for p in docs)
    assert not page.send.details.isVisible() and done.sha256 in page.send.details.text()


def test_exported_files_are_readable_in_a_shared_folder(qtbot, filled: Path) -> None:
    old = os.umask(0o022)
    try:
        _, _, done = exported(qtbot, filled, Fake([DEMO_PASSPHRASE]))
    finally:
        os.umask(old)
    mode = stat.S_IMODE(done.path.stat().st_mode)
    assert mode == 0o644, oct(mode)


def test_print_preview_renders_the_exported_documents(qtbot, filled: Path, tmp_path) -> None:
    import datetime as dt

    from desktop.department.export import documents

    ws, form = operations.open_workspace(filled)
    with ws:
        docs = documents(ws, form, date=dt.date(2023, 5, 10), signoff=None)
    table = next(name for name in docs if name.startswith("附件6"))
    body, page = xlsx_html(docs[table])
    assert page.landscape and "colspan=" in body and "中期完成数" in body
    report = next(name for name in docs if name.endswith(".docx"))
    doc, report_page = text_document(report, docs[report])
    assert not report_page.landscape and "自评报告" in doc.toPlainText()
    # printed with the report's own margins, as the commission's rules set them
    from io import BytesIO

    from docx import Document

    section = Document(BytesIO(docs[report])).sections[0]
    wanted = (section.left_margin.mm, section.top_margin.mm, section.right_margin.mm,
              section.bottom_margin.mm)
    margins = printer_for(report_page).pageLayout().margins(QPageLayout.Unit.Millimeter)
    got = (margins.left(), margins.top(), margins.right(), margins.bottom())
    assert got == pytest.approx(wanted, abs=0.1) and got != (20, 20, 20, 20)
    dialog = preview_dialog(table, docs[table])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"打印预览：{table}"
    printer = dialog.printer
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.document.print_(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_slow_work_reports_progress_off_the_ui_thread(qtbot) -> None:
    import threading
    import time

    from PySide6.QtWidgets import QProgressDialog, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    main = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work(report):  # type: ignore[no-untyped-def]
        assert threading.get_ident() != main
        for i in range(5):
            report(i, 5)
            time.sleep(0.12)
        return "done"

    def watch() -> None:
        dialog = parent.findChild(QProgressDialog, "busy")
        if dialog is not None:
            seen.append((dialog.value(), dialog.maximum()))

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(watch)
    timer.start(50)
    assert run_with_progress(parent, "正在复制……", work) == "done"
    timer.stop()
    assert any(maximum == 5 and value > 0 for value, maximum in seen)
