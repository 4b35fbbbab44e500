"""Evidence added under a report is kept in the workspace and offered for removal."""

from __future__ import annotations

from pathlib import Path

from desktop.department import attachments
from desktop.ui.app import open_window
from desktop.ui.department.report_page import ReportPage


def test_evidence_is_added_listed_refused_and_removed(qtbot, demo: Path, tmp_path, artifacts):
    window = open_window(demo)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    first_key, second_key = [k for k in window.nav_keys() if k.startswith("report:")][:2]
    page = window.show_page(first_key)  # built when its step is first shown
    assert isinstance(page, ReportPage)
    photo = tmp_path / "调研照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    page.evidence.add_files([str(photo), str(tmp_path / "不存在.pdf")])
    assert [page.evidence.files.item(i).text() for i in range(page.evidence.files.count())] \
        == ["调研照片.jpg"]
    assert "无法读取" in page.evidence.message.text()
    assert [p.name for p in attachments.listed(window.ctx.ws)] == ["调研照片.jpg"]
    second = window.show_page(second_key)  # another report's panel reads the list again
    assert isinstance(second, ReportPage)
    assert second.evidence.files.count() == 1
    page.evidence.grab().save(str(artifacts / "evidence_panel.png"))
    page.evidence.files.setCurrentRow(0)
    page.evidence.remove_selected()
    assert page.evidence.files.count() == 0 and attachments.listed(window.ctx.ws) == ()
    window.close()
