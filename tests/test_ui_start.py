"""Starting the app: Qt's Chinese and ours loaded, the welcome page with recent
workspaces, --demo with its banner, the 帮助 menu and the log, the new-workspace dialog."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit

from desktop.department import operations
from desktop.paths import demo_dir
from desktop.ui import app as app_module
from desktop.ui.department.main_window import MainWindow
from desktop.ui.department.welcome import WelcomeWindow
from desktop.ui.department.workspace_dialog import NewWorkspaceDialog, sorted_units
from desktop.ui.help_menu import GuideDialog, about_text, guide_path
from desktop.ui.i18n import install_translations, tr, translations_dir
from desktop.ui.recent import RecentList
from desktop.ui.support import catch_unexpected, log, start_logging

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def settings(tmp_path, monkeypatch) -> QSettings:
    """The user's settings in a temporary folder (never the real ones)."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setattr(app_module, "demo_path", lambda: tmp_path / "data" / "demo")
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "planeval", "planeval")


def test_qt_speaks_chinese_after_start(qtbot) -> None:
    app_module.application()
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert QCoreApplication.translate("QLineEdit", "&Undo").startswith("撤销")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().startswith("取消")
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts and all("Undo" not in t and "Paste" not in t for t in texts)


def test_a_translation_file_is_loaded_without_code_changes(qtbot, tmp_path) -> None:
    """The .ts collected from the code is there; a 繁體 .qm dropped in is used at once."""
    ts = (translations_dir() / "planeval_zh_CN.ts").read_text(encoding="utf-8")
    assert "<source>检查</source>" in ts and "<source>问题：</source>" in ts
    (tmp_path / "planeval_zh_TW.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" '
        'language="zh_TW"><context><name></name><message><source>检查</source>'
        "<translation>檢查</translation></message></context></TS>", encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(tmp_path / "planeval_zh_TW.ts"), "-qm",
                    str(tmp_path / "planeval_zh_TW.qm")], check=True)
    app = QCoreApplication.instance()
    installed = install_translations(app, "zh_TW", tmp_path)
    try:
        assert tr("检查") == "檢查"
    finally:
        for t in installed:
            app.removeTranslator(t)
        install_translations(app, "zh_CN")
    assert tr("检查") == "检查"


def test_a_plain_start_shows_the_welcome_page_and_remembers_workspaces(qtbot, settings, demo):
    errors: list[str] = []
    page = app_module.start([], show_error=errors.append)
    qtbot.addWidget(page)
    assert isinstance(page, WelcomeWindow) and page.empty.isVisible()
    assert page.demo_button.isVisible() and "演示" in page.demo_button.text()
    page.open_requested.emit(demo)  # as a double-click on a recent workspace does
    window = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, MainWindow) and w.isVisible())
    qtbot.addWidget(window)
    assert not page.isVisible() and errors == []
    recent = RecentList(settings).entries()
    assert [r.path for r in recent] == [demo.resolve()] and recent[0].department == "区科委"
    window.close()
    again = WelcomeWindow(RecentList(settings))
    qtbot.addWidget(again)
    assert again.list.count() == 1 and str(demo.resolve()) in again.list.item(0).text()


def test_demo_flag_opens_the_demo_marked_as_such(qtbot, settings, tmp_path):
    window = app_module.start(["--demo"])
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow) and window.ctx.is_demo
    assert "（演示）" in window.windowTitle() and "planeval" not in window.windowTitle()
    banner = window.findChild(QLabel, "demo_banner")
    assert banner is not None and banner.isVisible() and "演示" in banner.text()
    assert (tmp_path / "data" / "demo" / "workspace.sqlite").is_file()
    window.close()


def test_bootstrap_demo_goes_straight_into_the_demo() -> None:
    script = (ROOT / "packaging" / "bootstrap.sh").read_text(encoding="utf-8")
    assert "-m desktop --demo" in script


def test_help_menu_guide_about_and_log(qtbot, demo, tmp_path):
    window = app_module.open_window(demo)
    qtbot.addWidget(window)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-1] == "帮助"
    guide = GuideDialog(window)
    qtbot.addWidget(guide)
    text = guide.browser.toPlainText()
    assert "快速上手" in text and guide_path().is_file()
    images = [line for line in guide_path().read_text(encoding="utf-8").splitlines()
              if line.startswith("![")]
    assert images and all((guide_path().parent / line.split("(")[1].rstrip(")")).is_file()
                          for line in images)
    about = about_text()
    assert "版本" in about and "日志文件" in about and "数据文件夹" in about
    logged = start_logging(tmp_path / "logs")
    assert logged is not None
    told: list[str] = []
    catch_unexpected(told.append)
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = sys.__excepthook__
    for h in log.handlers:
        h.flush()
    assert "boom" in logged.read_text(encoding="utf-8") and "日志" in told[0]
    assert "Traceback" not in told[0]
    for h in [h for h in log.handlers if isinstance(h, logging.FileHandler)]:
        log.removeHandler(h)
        h.close()
    window.close()


def test_new_workspace_dialog_cancel_sorted_units_and_fresh_errors(qtbot, tmp_path):
    tables = sorted(str(p) for p in demo_dir().glob("*.xlsx"))
    dialog = NewWorkspaceDialog(pick=lambda parent: tables)
    qtbot.addWidget(dialog)
    assert dialog.cancel_button.text() == "取消"
    dialog.set_tables(tables)
    names = [dialog.unit.itemData(i) for i in range(dialog.unit.count())]
    assert names == [n for n, _ in sorted_units([(n, 0) for n in names])]
    assert names.index("区民政局") < names.index("长征镇")  # min before zhang (pinyin)
    dialog.create()  # no unit chosen yet
    assert dialog.error.text()
    dialog.unit.setEditText("区民政局")
    assert dialog.error.text() == ""  # gone once the name is fixed
    dialog.location.setText(str(tmp_path))
    dialog.create()
    assert dialog.created is not None and dialog.created.name.startswith("区民政局-")
    assert "putuo" not in dialog.created.name
    dialog.cancel_button.click()


def test_a_changed_form_definition_is_said_on_opening(qtbot, settings, demo):
    """The definition's files changed (same version, every answer still placed): the
    window opens on the new definition and says so."""
    with operations.open_workspace(demo)[0] as ws:
        ws.set_meta("form_hash", "0" * 64)  # as if made with an earlier copy of the files
    window = app_module.open_window(demo)
    qtbot.addWidget(window)
    assert "已改用新的定义" in window.statusBar().currentMessage()
    window.close()


def test_closing_the_window_ends_the_program_with_the_workspace_closed(tmp_path):
    """`python -m desktop WS` ends right after its window closes (issue 13: no teardown of
    every Qt object), but only once the workspace is closed: its write-ahead log is
    folded back and removed, which a process killed with the database open leaves behind."""
    ws = tmp_path / "ws"
    operations.create_demo(ws, filled=True).close()
    note = tmp_path / "paint.jsonl"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANEVAL_FIRST_PAINT": str(note),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    done = subprocess.run([sys.executable, "-m", "desktop", str(ws)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in note.read_text(encoding="utf-8").splitlines()]
    assert [sorted(line) for line in lines] == [["cpu_s", "paint", "rss_mib"], ["close"]]
    assert sorted(p.name for p in ws.iterdir()) == ["workspace.lock", "workspace.sqlite"]
    log_file = next((tmp_path / "data").rglob("planeval.log"))
    assert "opened workspace" in log_file.read_text(encoding="utf-8")


def test_the_event_loop_runs_with_the_garbage_collector_on(qapp) -> None:
    """`python -m desktop` starts with the collector off; the event loop turns it on."""
    import gc

    from PySide6.QtCore import QTimer

    from desktop.ui.app import event_loop

    seen: list[bool] = []

    def look() -> None:
        seen.append(gc.isenabled())
        qapp.quit()

    gc.disable()
    try:
        QTimer.singleShot(0, look)
        assert event_loop(qapp) == 0
    finally:
        gc.enable()
        gc.unfreeze()
    assert seen == [True]
