"""The welcome page makes a workspace from the commission's signed assignment package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.commission.issue import issue_assignments
from desktop.commission.keys import create_keys
from desktop.commission.round import create_round
from desktop.paths import demo_dir, demo_settings
from desktop.store import Workspace
from desktop.ui.department.from_package import create_from_package_dialog
from desktop.ui.department.welcome import WelcomeWindow
from tests.test_package_kit import damaged

PASS = "commission-pass-2023"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("issued")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    unit = demo_settings()["department"]
    with create_round(root / "cws", assignment=demo_dir(), form_id=demo_settings()["form"]) as cws:
        create_keys(cws, PASS, now=now)
        (root / "out").mkdir()
        (issued,) = issue_assignments(cws, PASS, root / "out", now=now, units=[unit])
    return issued.path


def _welcome(qtbot, package: Path, where: Path, told: list[tuple[str, bool]]) -> WelcomeWindow:
    def from_package(parent):
        return create_from_package_dialog(parent, package=lambda *_: str(package),
                                          folder=lambda *_: str(where),
                                          tell=lambda _p, text, ok: told.append((text, ok)))

    window = WelcomeWindow(from_package=from_package)
    qtbot.addWidget(window)
    return window


def test_a_package_becomes_the_units_workspace_and_the_fingerprint_is_shown(
        qtbot, package, tmp_path):
    told: list[tuple[str, bool]] = []
    window = _welcome(qtbot, package, tmp_path, told)
    with qtbot.waitSignal(window.open_requested) as opened:
        window.package_button.click()
    (created,) = opened.args
    with Workspace.open(created) as ws:
        assert ws.department == demo_settings()["department"]
        assert ws.meta["assignment"]
    (text, ok), = told
    assert ok and "证书指纹" in text and "请与证书领取单" in text


def test_a_tampered_package_is_refused_in_chinese_and_nothing_is_made(qtbot, package, tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(damaged(package.read_bytes()))
    told: list[tuple[str, bool]] = []
    where = tmp_path / "here"
    where.mkdir()
    window = _welcome(qtbot, bad, where, told)
    window.package_button.click()
    (text, ok), = told
    assert not ok and "未通过核验" in text
    assert list(where.iterdir()) == []
