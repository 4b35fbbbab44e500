"""The unit's compilation window (issue 14) over a real Jing'an workspace, driven with
pytest-qt: typing a document's parts saves them, the final stage waits for the sign-off,
签名打包… writes a package verify accepts, a cooperating unit's material shows under the
lead's topic, and the milestones grid tints the date's quarter. Screenshots at 1366x768 in
tests/artifacts/compilation (looked at)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QScrollArea

from desktop.commission.verify import verify_package
from desktop.core.compilation_timeline import LATE
from desktop.department import compilation as work
from desktop.department.compilation_import import import_contribution
from desktop.forms.compilation import find_compilation
from desktop.paths import demo_dir
from desktop.ui.compilation.deliverables import DocumentPanel
from desktop.ui.compilation.dialogs import CompilationDialogs
from desktop.ui.compilation.timeline import FIXED, RUNS_NOW
from desktop.ui.compilation.window import CompilationWindow
from tests.test_package_kit import CST, identity, trust

FORM = "jingan-2019-compile"
TABLES = demo_dir() / "compile"
LEAD, HELPER, TOPIC = "区建设管理委", "区科委", "2-8"
ON = dt.date(2019, 9, 12)


def _p12(path: Path, who) -> Path:
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"unit", who.key, who.certificate, list(who.chain),
        serialization.BestAvailableEncryption(b"secret")))
    return path


def _workspace(tmp_path: Path):
    form = find_compilation(FORM)
    with work.create(tmp_path / "helper", form, [TABLES], HELPER) as ws:
        row = next(r for r in ws.rows() if r.number == TOPIC)
        d = form.deliverable("contribution")
        work.write(ws, form, "contribution", TOPIC, {
            "title": "智慧城管技术支撑材料", "authors": "信息化科",
            "summary": "城运平台数据接入方案。",
            **{p.id: "内容" for p in work.outline(form, d, row)}})
        sent = work.seal(ws, form, "contribution", TOPIC, identity=identity(HELPER),
                         out_dir=tmp_path, created=dt.datetime(2019, 7, 20, 9, tzinfo=CST))
    ws = work.create(tmp_path / "lead", form, [TABLES], LEAD)
    import_contribution(ws, form, sent.path, trust=trust())
    return ws, form


def test_the_topic_page_writes_signs_and_seals(qtbot, tmp_path, artifacts):
    shots = artifacts / "compilation"
    shots.mkdir(exist_ok=True)
    told: list[str] = []
    opened: list[Path] = []
    key = _p12(tmp_path / "lead.p12", identity(LEAD))
    out = tmp_path / "out"
    out.mkdir()
    dialogs = CompilationDialogs(pick_key=lambda p: str(key),
                                 ask_passphrase=lambda p, prompt, e: "secret",
                                 pick_out=lambda p: str(out), tell=lambda p, t: told.append(t),
                                 error=lambda p, m: told.append("错误：" + m),
                                 open_folder=opened.append)
    ws, form = _workspace(tmp_path)
    window = CompilationWindow(ws, form, on=ON, dialogs=dialogs)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.deliverables
    numbers = [r.number for r in ws.rows()]
    page.topics.setCurrentRow(numbers.index(TOPIC))
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "开题", "中期汇报", "成果报送", "配合单位材料"]

    page.tabs.setCurrentIndex(2)
    final: DocumentPanel = page.panels[2]
    final.editors["title"].setFocus()
    qtbot.keyClicks(final.editors["title"], "2019 ")  # QTest types ASCII only
    final.editors["title"].insert("城区精细化管理课题研究成果报告")
    final.editors["authors"].insert("张三、李四")
    for key_name, editor in final.editors.items():
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(f"{key_name}：研究结论和建议。")
    qtbot.waitUntil(lambda: ws.answer("topics", TOPIC, "final.title") != "", timeout=3000)
    qtbot.waitUntil(lambda: "须经分管区领导审阅同意" in final.problems.text(), timeout=3000)
    assert "color: #b00020" in final.problems.styleSheet()
    assert ws.answer("topics", TOPIC, "final.s2").startswith("s2：")
    assert not final.seal_button.isEnabled()
    final.leader.setText("王五")
    final.signed_on.setDate(dt.date(2019, 9, 10))
    qtbot.mouseClick(final.findChildren(type(final.seal_button))[1], Qt.MouseButton.LeftButton)
    assert final.seal_button.isEnabled(), final.problems.text()
    final.parentWidget().parentWidget().ensureWidgetVisible(final.problems)
    assert isinstance(page.tabs.widget(2), QScrollArea)
    window.grab().save(str(shots / "topic_final.png"))
    final.seal()
    assert told and told[-1].startswith("已生成签名材料包："), told
    (package,) = out.glob("*.zip")
    assert verify_package(package, trust=trust()).manifest.stage == "final"

    page.tabs.setCurrentIndex(3)
    window.grab().save(str(shots / "topic_contributions.png"))
    material = page.tabs.widget(3)
    text = "".join(label.text() for label in material.findChildren(QLabel))
    assert "区科委" in text and "智慧城管技术支撑材料" in text
    assert "data.json" not in text and "课题配合研究材料-" in text
    (button,) = material.findChildren(QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the lead opens what it received
    (folder,) = opened
    (document,) = folder.glob("课题配合研究材料-*.docx")
    body = "\n".join(p.text for p in docx.Document(document).paragraphs)
    assert "智慧城管技术支撑材料" in body and "内容" in body

    window.tabs.setCurrentIndex(1)
    view = window.timeline
    grid = view.grid.model()
    assert grid.rowCount() == 19 and grid.columnCount() == FIXED + 9
    q3 = FIXED + 1  # 2019 三季度 holds 12 September
    assert grid.headerData(q3, Qt.Orientation.Horizontal) == "2019年\n三季度"
    first = grid.index(1, q3)  # 组织开展前期研究: 2019.5-2019.9
    assert grid.data(first, Qt.ItemDataRole.BackgroundRole).color() == RUNS_NOW
    assert grid.data(grid.index(3, 0)) == "3  起草形成《思路框架》★"
    entries = view.entries.model()
    states = {(e.row.number, e.deliverable.id): e.state for e in entries.entries}
    assert states[("2-7", "workplan")] == LATE and states[(TOPIC, "final")] != LATE
    window.grab().save(str(shots / "timeline.png"))
    window.close()
    assert ws.closed


def test_the_app_opens_a_compilation_workspace_in_its_window(qtbot, tmp_path, demo,
                                                            monkeypatch):
    from desktop.ui.app import is_compilation
    from desktop.ui.compilation import open_compilation_window

    form = find_compilation(FORM)
    work.create(tmp_path / "ws", form, [TABLES], HELPER).close()
    assert is_compilation(tmp_path / "ws") and not is_compilation(demo)
    assert not is_compilation(tmp_path / "nothing")
    monkeypatch.chdir(tmp_path)  # as `planeval-gui ws` gives it: a relative path
    assert is_compilation(Path("ws")) and not is_compilation(Path(demo.name))
    window = open_compilation_window(tmp_path / "ws", on=ON)
    qtbot.addWidget(window)
    assert window.windowTitle() == "区科委 — 静安区“十四五”规划研究和编制"
    assert window.deliverables.topics.count() == 8  # with the 思路框架
    window.close()


def test_the_commissions_compilation_round_window(qtbot, tmp_path, artifacts):
    from desktop.commission.compilation import create_compile_round
    from desktop.commission.keys import create_keys, trust_outside_ca
    from desktop.ui.app import is_compilation
    from desktop.ui.commission.dialogs import CommissionDialogs
    from desktop.ui.compilation.round_window import open_round_window
    from tests.test_package_kit import authority

    out = tmp_path / "收到"
    out.mkdir()
    form = find_compilation(FORM)
    with work.create(tmp_path / "lead", form, [TABLES], LEAD) as ws:
        row = next(r for r in ws.rows() if r.number == TOPIC)
        work.write(ws, form, "workplan", TOPIC, {
            "title": "工作方案", "authors": "课题组", "summary": "摘要",
            **{p.id: "内容" for p in work.outline(form, form.deliverable("workplan"), row)}})
        work.seal(ws, form, "workplan", TOPIC, identity=identity(LEAD), out_dir=out,
                  created=dt.datetime(2019, 5, 28, 9, tzinfo=CST))
    with create_compile_round(tmp_path / "cws", assignment=[TABLES], form_id=FORM) as cws:
        create_keys(cws, "pass", now=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
        trust_outside_ca(cws, authority()[1].public_bytes(serialization.Encoding.PEM), "测试")
    assert is_compilation(tmp_path / "cws", "commission.sqlite")
    window = open_round_window(tmp_path / "cws", dialogs=CommissionDialogs(),
                               clock=lambda: dt.date(2019, 6, 10))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.intake.take_in([out])
    qtbot.waitUntil(lambda: any(e.state == "done"
                                for e in window.track.proxy.sourceModel().entries),
                    timeout=20000)  # the intake runs on a worker; the page reads again after
    track = window.track
    entries = track.proxy.sourceModel().entries
    assert {(e.unit, e.row.number) for e in entries if e.state == "done"} == {(LEAD, TOPIC)}
    track.filter.setCurrentIndex(3)  # 逾期未报
    assert 0 < track.proxy.rowCount() < len(entries)
    assert {track.proxy.index(i, 0).data() for i in range(track.proxy.rowCount())} == {"逾期未报"}
    assert "已报送 1" in track.summary.text()
    (artifacts / "compilation").mkdir(exist_ok=True)
    window.grab().save(str(artifacts / "compilation" / "commission_track.png"))
    window.close()


def test_the_framework_row_names_who_sends_it_not_thirty_leads(qtbot, tmp_path, artifacts):
    from desktop.ui.compilation import open_compilation_window

    work.create(tmp_path / "ws", find_compilation(FORM), [TABLES], HELPER).close()
    window = open_compilation_window(tmp_path / "ws", on=ON)
    qtbot.addWidget(window)
    page = window.deliverables
    tables = [r.table for r in window.ws.rows()]
    page.topics.setCurrentRow(tables.index("framework"))
    header = page.header.text()
    assert "报送单位：区各相关部门、各街镇" in header and "牵头单位" not in header
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["思路框架"]
    window.resize(1366, 768)
    assert window.grab().save(str(artifacts / "compilation" / "framework.png"))
    window.close()
