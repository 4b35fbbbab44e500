"""文件 menu: a clerk makes a workspace from the commission's tables, or opens another one."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.paths import demo_dir
from desktop.store import Workspace
from desktop.ui.app import open_window, switch_window
from desktop.ui.department.workspace_dialog import NewWorkspaceDialog


def tables() -> list[str]:
    return sorted(str(p) for p in demo_dir().glob("*.xlsx"))


def test_new_workspace_from_the_division_tables(qtbot, tmp_path, artifacts):
    dialog = NewWorkspaceDialog(pick=lambda parent: tables())
    qtbot.addWidget(dialog)
    dialog.location.setText(str(tmp_path))
    dialog.set_tables(tables())
    names = [dialog.unit.itemData(i) for i in range(dialog.unit.count())]
    assert "区民政局" in names and "长征镇" in names and "区府办" not in names
    dialog.unit.setCurrentIndex(names.index("区民政局"))
    dialog.show()
    dialog.grab().save(str(artifacts / "new_workspace.png"))
    dialog.create()
    assert dialog.created is not None
    with Workspace.open(dialog.created) as ws:
        assert ws.department == "区民政局"
        assert [r.number for r in ws.rows("plans")] == ["16", "17"]


def test_a_unit_typed_by_its_alias_is_accepted(qtbot, tmp_path):
    dialog = NewWorkspaceDialog()
    qtbot.addWidget(dialog)
    dialog.location.setText(str(tmp_path))
    dialog.set_tables(tables())
    dialog.unit.setEditText("区府办")
    dialog.create()
    with Workspace.open(dialog.created) as ws:
        assert ws.department == "区政府办"


def test_a_broken_table_is_explained_and_nothing_is_created(qtbot, tmp_path):
    bad = tmp_path / "分工表.xlsx"
    bad.write_text("这不是表格", encoding="utf-8")
    dialog = NewWorkspaceDialog()
    qtbot.addWidget(dialog)
    dialog.set_tables([str(bad)])
    assert "不是有效的 Excel 文件" in dialog.error.text()
    assert not dialog.create_button.isEnabled() and dialog.unit.count() == 0


def test_switching_keeps_the_window_when_the_other_workspace_cannot_open(qtbot, demo: Path,
                                                                         tmp_path):
    messages: list[str] = []
    window = open_window(demo, show_error=messages.append)
    qtbot.addWidget(window)
    assert switch_window(window, tmp_path / "nowhere") is None
    assert "找不到工作区" in messages[0] and not window.ctx.closed
    other = tmp_path / "other"
    shutil.copytree(demo, other, ignore=shutil.ignore_patterns("*.lock"))
    new = switch_window(window, other)
    qtbot.addWidget(new)
    assert new is not None and window.ctx.closed and new.ctx.ws.path == other
    new.close()
