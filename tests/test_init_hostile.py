"""Regression tests for init and the disk (issue 8, items 11 and 12)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import cli
from desktop.paths import demo_dir
from desktop.store import Workspace
from desktop.store.workspace import CREATING_NAME, DB_NAME


def init(capsys, folder: Path) -> tuple[int, str]:
    code = cli.main(["init", str(folder), "--assignment", str(demo_dir()),
                     "--department", "区科委"])
    return code, capsys.readouterr().err


def test_an_unfinished_create_is_named_and_cleared_by_the_next(capsys, tmp_path):
    folder = tmp_path / "ws"
    folder.mkdir()
    # What a kill during init leaves: the database half built under its temporary name.
    (folder / CREATING_NAME).write_bytes(b"SQLite format 3\x00" + bytes(100))
    (folder / "workspace.lock").write_bytes(b"")
    assert cli.main(["status", str(folder)]) == cli.REFUSED
    assert "没有创建完成" in capsys.readouterr().err
    code, err = init(capsys, folder)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == sorted([DB_NAME, "workspace.lock"])
    with Workspace.open(folder) as ws:
        assert ws.department == "区科委" and ws.rows()


@contextlib.contextmanager
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KB tmpfs (needs root; skipped where mounting is not allowed)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill_disk(mount: Path, leave: int) -> None:
    filler = mount / "filler"
    filler.unlink(missing_ok=True)
    free = shutil.disk_usage(mount).free
    with open(filler, "wb") as f:
        with contextlib.suppress(OSError):
            f.write(bytes(max(free - leave, 0)))


@pytest.mark.slow
def test_init_on_a_full_disk_says_so_and_leaves_the_folder_as_it_was(capsys, tmp_path):
    with small_disk(tmp_path) as mount:
        existing = mount / "existing"
        existing.mkdir()
        for kb in (0, 16, 24):  # 12-32 KB left gave "disk I/O error" before
            fill_disk(mount, kb * 1024)
            for folder in (existing, mount / "new"):
                code, err = init(capsys, folder)
                assert code == cli.REFUSED, (kb, err)
                assert "磁盘已满" in err and "U 盘" not in err, (kb, err)
            assert list(existing.iterdir()) == [], kb  # no lock file, no temporary file
            assert not (mount / "new").exists(), kb
        (mount / "filler").unlink()
        code, err = init(capsys, existing)
        assert code == 0, err
