"""What the clerk reads: no ✓ beside a table with errors, "约9左右" is a number, plain
names instead of codes, pickers that open where documents are kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from desktop.core.numbers import parse_figure
from desktop.department import operations
from desktop.department.operations import validate_workspace
from desktop.ui import dialogs as dialogs_module
from desktop.ui.app import open_window
from desktop.ui.department.navigation import DONE
from desktop.ui.support import documents_dir
from desktop.ui.verify_dialog import signer_name


def test_approximate_figures_are_numbers() -> None:
    assert parse_figure("约9左右", "%") is not None and parse_figure("约9左右", "%").unit_ok
    assert parse_figure("约9左右", "%").value == 9
    assert parse_figure("300多亿元", "亿元").value == 300
    assert parse_figure("左右", "%") is None


def test_no_tick_beside_a_table_with_errors(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "ws"
    operations.create_demo(path, filled=True).close()
    window = open_window(path)
    qtbot.addWidget(window)
    labels = {window.nav_keys()[i]: window.nav.item(i).text() for i in range(window.nav.count())}
    assert DONE in labels["indicators"]
    number = window.pages["indicators"].model.rows[-1].number
    window.ctx.set_answer("indicators", number, "mid_value", "约9左右")  # a number: fine
    assert not [f for f in validate_workspace(window.ctx.ws, window.ctx.form)
                if f.rule.startswith("figure")]
    window.ctx.set_answer("indicators", number, "mid_value", "尚未统计")  # every cell filled,
    window.refresh_navigation()                                          # but an error
    label = window.nav.item(window.nav_keys().index("indicators")).text()
    assert DONE not in label and "问题" in label
    window.close()


def test_window_titles_and_signer_in_plain_chinese(qtbot, demo: Path) -> None:
    window = open_window(demo)
    qtbot.addWidget(window)
    assert "planeval" not in window.windowTitle()
    assert signer_name("O=普陀区,CN=区科委") == "区科委（普陀区）"
    assert signer_name("CN=区科委") == "区科委"
    window.close()


def test_pickers_start_where_documents_are_kept(qtbot, monkeypatch) -> None:
    asked: list[str] = []

    def remember(parent, title, start, *rest):  # type: ignore[no-untyped-def]
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", remember)  # only see where it opens
    dialogs_module.pick_key_dialog(None, "")  # type: ignore[arg-type]
    dialogs_module.pick_package_dialog(None, "")  # type: ignore[arg-type]
    assert asked == [str(documents_dir())] * 2
