"""The department's window with the commission's answers: a return note dropped on it puts
each comment at its place as a problem, answered from the problems list; a receipt shows
已确认 in the status bar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.commission.intake import intake
from desktop.commission.issue import issue_assignments
from desktop.commission.keys import create_keys, issue_certificates
from desktop.commission.review import add_comment, decide
from desktop.commission.round import create_round
from desktop.department import operations
from desktop.department.assignment import create_from_package
from desktop.department.export import export_package
from desktop.department.sample import sample_answers
from desktop.paths import demo_dir, demo_settings
from desktop.signing.keys import import_pkcs12
from desktop.store.commission import CommissionWorkspace
from desktop.ui.department.context import UiContext
from desktop.ui.department.main_window import MainWindow

PASS = "commission-pass-2023"


@pytest.fixture(scope="module")
def returned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A unit's workspace from its package, a draft sent, and the commission's answers."""
    root = tmp_path_factory.mktemp("notes")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    unit = demo_settings()["department"]
    for d in ("certs", "issued", "out", "notes"):
        (root / d).mkdir()
    cws = create_round(root / "cws", assignment=demo_dir(), form_id=demo_settings()["form"])
    with cws:
        create_keys(cws, PASS, now=now)
        (cert,) = issue_certificates(cws, PASS, root / "certs", now=now, units=[unit])
        (issued,) = issue_assignments(cws, PASS, root / "issued", now=now, units=[unit])
        with create_from_package(root / "ws", issued.path) as ws:
            form = operations.form_of(ws)
            operations.fill(ws, form, sample_answers(ws.rows(), form))
            identity = import_pkcs12(cert.p12_path.read_bytes(), cert.passphrase)
            done = export_package(ws, form, out_dir=root / "out", stage="draft",
                                  identity=identity)
            number = ws.rows("indicators")[0].number
            plan = ws.rows("plans")[0].number
        (outcome,) = intake(cws, [done.path])
        add_comment(cws, outcome.sha256, "请注明中期值的数据来源", table="indicators",
                    number=number, field="mid_value")
        add_comment(cws, outcome.sha256, "第一部分请补充具体数据", table="reports",
                    number=plan, field="part1")
        note = decide(cws, outcome.sha256, "return", PASS, root / "notes", now=now)
    return {"ws": root / "ws", "note": note.path, "cws": root / "cws", "sha": outcome.sha256}


def window_on(qtbot, path: Path, **kwargs) -> MainWindow:
    ws, form = operations.open_workspace(path)
    window = MainWindow(UiContext(ws, form), **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_a_dropped_return_note_lists_its_comments_until_answered(qtbot, returned, artifacts):
    told: list[tuple[str, bool]] = []
    window = window_on(qtbot, returned["ws"], tell=lambda t, ok: told.append((t, ok)),
                       ask_answer=lambda _w, comment, _a: f"已修改：{comment[:4]}")
    errors_before = window.findings.counts()[0]
    drop(window, returned["note"])
    assert told and told[-1][1] and "2 条意见" in told[-1][0]
    comments = [f for f in window.findings.all() if f.rule == "commission-comment"]
    assert {(f.location.table, f.location.column) for f in comments} == {
        ("indicators", "mid_value"), ("reports", "part1")}
    assert window.findings.counts()[0] == errors_before + 2
    assert window.notes.status.text().startswith("已退回修改")
    window.resize(1366, 700)
    window.problems.set_expanded(True)
    qtbot.wait(100)
    assert "问题 2" in window.nav.item(0).text() + window.nav.item(2).text() or \
        "✓" not in window.nav.item(0).text()
    shot = artifacts / "notes"
    shot.mkdir(exist_ok=True)
    window.grab().save(str(shot / "return-note-problems.png"))
    for f in comments:
        row = window.finding_list.row_of_key(f.key)
        window.problems.view.setCurrentIndex(window.finding_list.index(row))
        assert window.problems.accept_button.text() == "答复区发改委的意见…"
        window.problems.accept_button.click()
    assert not [f for f in window.findings.all() if f.rule == "commission-comment"]
    assert window.findings.counts()[0] == errors_before
    window.close()
    ws, form = operations.open_workspace(returned["ws"])
    with ws:
        from desktop.department.notes import responses

        answers = sorted(r["answer"] for r in responses(ws))
    assert answers == ["已修改：第一部分", "已修改：请注明中"]


def test_a_foreign_file_dropped_is_refused_in_chinese(qtbot, returned, tmp_path):
    told: list[tuple[str, bool]] = []
    window = window_on(qtbot, returned["ws"], tell=lambda t, ok: told.append((t, ok)))
    junk = tmp_path / "不是回执.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    drop(window, junk)
    assert told == [(told[0][0], False)] and "未通过核验" in told[0][0]
    window.close()


def test_a_receipt_shows_confirmed_with_its_time(qtbot, returned, tmp_path):
    with CommissionWorkspace.open(returned["cws"]) as cws:
        receipt = decide(cws, returned["sha"], "receipt", PASS, tmp_path,
                         now=dt.datetime.now(dt.UTC).replace(microsecond=0))
    told: list[tuple[str, bool]] = []
    window = window_on(qtbot, returned["ws"], tell=lambda t, ok: told.append((t, ok)))
    assert window.notes.import_file(receipt.path)
    assert window.notes.status.text().startswith("已确认")
    assert not [f for f in window.findings.all() if f.rule == "commission-comment"]
    window.close()
