"""Windows code paths exercised here behind a platform switch: the msvcrt workspace lock,
per-user data under %APPDATA%, Chinese folder names, and the names Windows reserves for
devices (checked against CPython's PureWindowsPath). What only a real Windows machine can
show is listed in packaging/README.md."""

from __future__ import annotations

import fcntl
import importlib.util
import os
import struct
import sys
import types
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop import paths
from desktop.core.errors import WorkspaceError
from desktop.io.package_names import safe_file_name, safe_name
from desktop.store import connection

needs_ofd_locks = pytest.mark.skipif(not hasattr(fcntl, "F_OFD_SETLK"),
                                     reason="the msvcrt stand-in needs Linux open-file locks")


def fake_msvcrt(locked: list[tuple[int, int]]) -> types.ModuleType:
    """msvcrt.locking as Windows does it: lock `n` bytes at the file's current position,
    per open handle (so a second open in the same process conflicts), non-blocking mode
    raising OSError. Linux open-file-description locks behave the same way."""
    module = types.ModuleType("msvcrt")
    module.LK_NBLCK, module.LK_UNLCK = 2, 0  # type: ignore[attr-defined]

    def locking(fd: int, mode: int, n: int) -> None:
        at = os.lseek(fd, 0, os.SEEK_CUR)
        kind = fcntl.F_WRLCK if mode == module.LK_NBLCK else fcntl.F_UNLCK  # type: ignore[attr-defined]
        try:
            fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi4x", kind, 0, at, n, 0))
        except BlockingIOError as exc:
            raise PermissionError(13, "Permission denied") from exc  # as msvcrt says it
        if kind == fcntl.F_WRLCK:
            locked.append((at, n))

    module.locking = locking  # type: ignore[attr-defined]
    return module


@pytest.fixture
def windows_lock(monkeypatch: pytest.MonkeyPatch) -> tuple[types.ModuleType, list]:
    """A private copy of desktop/store/lock.py loaded as on Windows."""
    locked: list[tuple[int, int]] = []
    monkeypatch.setitem(sys.modules, "msvcrt", fake_msvcrt(locked))
    monkeypatch.setattr(sys, "platform", "win32")
    source = Path(sys.modules["desktop.store.lock"].__file__ or "")
    spec = importlib.util.spec_from_file_location("lock_on_windows", source)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.undo()  # only the loading needed the switch
    assert module._try_lock.__code__.co_names.count("msvcrt")  # the Windows branch
    return module, locked


@needs_ofd_locks
def test_msvcrt_lock_refuses_a_second_opener_in_a_chinese_folder(
        windows_lock: tuple[types.ModuleType, list], tmp_path: Path) -> None:
    lock_module, locked = windows_lock
    folder = tmp_path / "普陀区 区科委 工作区"
    folder.mkdir()
    first = lock_module.WorkspaceLock.acquire(folder)
    with pytest.raises(WorkspaceError) as refused:
        lock_module.WorkspaceLock.acquire(folder)
    # The clerk is told plainly; the process id stays in the file for support.
    assert "已在另一个窗口中打开" in refused.value.message
    assert str(os.getpid()) not in refused.value.message
    # The locked byte lies past the holder's text, which Windows keeps readable.
    text = (folder / lock_module.LOCK_NAME).read_bytes()
    assert str(os.getpid()).encode() in text
    assert locked and all(at >= len(text) for at, _ in locked)
    first.release()
    first.release()  # twice is fine
    again = lock_module.WorkspaceLock.acquire(folder)
    assert again.held
    again.release()


def test_sync_folder_is_skipped_on_windows(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    """Windows cannot open a folder to fsync it; the call must not try."""
    monkeypatch.setattr(sys, "platform", "win32")
    connection.sync_folder(tmp_path / "不存在")  # would raise on the POSIX path


def test_user_data_goes_under_appdata_never_next_to_the_program(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    appdata = tmp_path / "Users" / "王明" / "AppData" / "Roaming"
    monkeypatch.setenv("APPDATA", str(appdata))
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    # Off Windows there is no shell API; platformdirs' own fallback reads the variables.
    monkeypatch.setattr(platformdirs.windows, "_RESOLVE_WIN_FOLDER",
                        platformdirs.windows.get_win_folder_from_env_vars)
    program = tmp_path / "Program Files" / "planeval"
    monkeypatch.setattr(sys, "_MEIPASS", str(program / "_internal"), raising=False)
    assert paths.user_data_dir() == appdata / "planeval"
    assert paths.resources_dir() == program / "_internal" / "resources"
    assert not paths.user_data_dir().is_relative_to(program)


def test_demo_workspace_lives_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    from desktop.ui import app

    monkeypatch.setattr(paths.platformdirs, "user_data_path",
                        lambda *a, **k: tmp_path / "数据" / "planeval")
    assert app.demo_path() == tmp_path / "数据" / "planeval" / "demo"


DEVICES = ["CON", "nul.docx", "Aux.tar.gz", "COM1", "lpt9.xlsx", "CONIN$", "conout$.txt",
           "COM\u00b9", "LPT\u00b3.docx", "CON .txt", "PRN  .zip"]


@pytest.mark.parametrize("name", DEVICES)
def test_windows_device_names_are_never_made_or_accepted(name: str) -> None:
    """CPython's PureWindowsPath knows which names Windows opens as devices."""
    assert PureWindowsPath(name).is_reserved()
    assert not safe_file_name(name)
    assert not PureWindowsPath(safe_name(name)).is_reserved()


@given(st.text(alphabet=st.sampled_from([*"CONPRAUXLTIcomprauxlti$0123 ._-", "\u00b9", "区"]),
               max_size=12))
def test_no_made_name_is_a_windows_device(text: str) -> None:
    name = safe_name(text)
    assert not PureWindowsPath(name).is_reserved(), name
    assert safe_file_name(name), name
