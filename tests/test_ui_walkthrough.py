"""The whole app walked on a real X server (Xvfb, CJK fonts) at 1366x768 and 1920x1080:
every page and dialog photographed into tests/artifacts/walkthrough/<size>/, and no
English in any visible text outside the allow-list in walk/latin.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from walk.latin import latin_words

HERE = Path(__file__).parent
SIZES = ["1366x768", "1920x1080"]


def test_the_latin_check_catches_english_and_allows_names() -> None:
    assert latin_words("Look in:") == ["Look", "in"]
    assert latin_words("可从 Excel/WPS 粘贴，Ctrl+D 向下填充；A–D；GDP（%）") == []
    assert latin_words("附件6-主要指标评估表.xlsx /tmp/x/planeval") == []
    assert latin_words("（代码：digest）") == ["digest"]
    assert latin_words("OK") == ["OK"] and latin_words("ESP 电竞文化体验中心") == []


def xvfb(size: str) -> tuple[subprocess.Popen[bytes], str]:
    """A real X server of `size`; its display name."""
    binary = shutil.which("Xvfb")
    if binary is None:
        pytest.fail("Xvfb is missing: bash packaging/bootstrap.sh test installs it")
    read, write = os.pipe()
    server = subprocess.Popen([binary, "-displayfd", str(write), "-screen", "0", f"{size}x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    return server, f":{number}"


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES)
def test_walk_through_every_page_and_dialog(size: str, artifacts: Path, tmp_path: Path) -> None:
    out = artifacts / "walkthrough" / size
    shutil.rmtree(out, ignore_errors=True)
    home = tmp_path / "办公室"  # the clerk's home: a file dialog shows its name
    home.mkdir()
    server, display = xvfb(size)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home), LANG="zh_CN.UTF-8",
                   XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local" / "share"))
        done = subprocess.run([sys.executable, str(HERE / "walk" / "run.py"), str(out), size],
                              env=env, capture_output=True, text=True, timeout=600)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["english"] == [], "\n".join(report["english"])
    assert len(report["shots"]) >= 20
    assert all((out / name).stat().st_size > 5000 for name in report["shots"])
    if size == "1366x768":
        assert report["task_rows_visible"] >= 8
