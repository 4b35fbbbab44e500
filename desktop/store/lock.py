"""The single-instance lock: an OS lock on a file in the workspace folder, held while open.

The OS drops the lock when the holder closes it or dies, so a crash never leaves a stale
lock behind. The file itself stays; only its lock matters. Its text (pid, host, since)
is there to name the holder in the message a second opener sees.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import WorkspaceError

LOCK_NAME = "workspace.lock"

# Windows locks byte ranges and a locked range cannot be read, so lock one byte far
# past the holder's text and leave the text readable.
_WINDOWS_LOCK_OFFSET = 1 << 20

if sys.platform == "win32":
    import msvcrt

    def _try_lock(f: BinaryIO) -> bool:
        """Take the lock without waiting; False when someone else holds it."""
        f.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(f: BinaryIO) -> None:
        """Release the lock taken by _try_lock."""
        f.seek(_WINDOWS_LOCK_OFFSET)
        msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(f: BinaryIO) -> bool:
        """Take the lock without waiting; False when someone else holds it."""
        # flock locks belong to the open file description, so a second open in this
        # same process conflicts too (POSIX fcntl locks would not).
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(f: BinaryIO) -> None:
        """Release the lock taken by _try_lock."""
        fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _holder_text() -> bytes:
    """What the lock file says about us while we hold it."""
    return json.dumps(
        {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        ensure_ascii=False,
    ).encode("utf-8")


def _describe_holder(lock_file: Path) -> str:
    """A short Chinese note naming the holder's computer when it is another one, else "".

    The process id stays in the file for support; a clerk is not shown it."""
    try:
        info = json.loads(lock_file.read_bytes()[:4096].decode("utf-8"))
        host = str(info["host"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""
    if host == socket.gethostname():
        return ""  # this computer: the other window is on the clerk's own screen
    return f"（在计算机“{host}”上）"


class WorkspaceBusy(WorkspaceError):
    """Another planeval holds the workspace."""


def already_open_error(folder: Path, holder: str = "") -> WorkspaceBusy:
    """The error a second opener sees."""
    return WorkspaceBusy(
        f"该工作区已在另一个窗口中打开{holder}，不能同时打开两次：{folder}。"
        "请切换到已打开的那个窗口继续填写；如果要在这里打开，请先关闭那个窗口。"
    )


class WorkspaceLock:
    """An exclusive OS lock on `workspace.lock` in a workspace folder."""

    def __init__(self, folder: Path, file: BinaryIO) -> None:
        self.folder = folder
        self._file: BinaryIO | None = file

    @classmethod
    def acquire(cls, folder: Path, *, wait: float = 0.0) -> WorkspaceLock:
        """Lock the folder or raise WorkspaceError naming the current holder; `wait`
        seconds are given to a holder that is about to finish (a script's previous step)."""
        lock_file = folder / LOCK_NAME
        # "a+b" creates the file without truncating a holder's text; buffering=0 so
        # the text reaches the file before anyone reads it. The descriptor is not
        # inherited by child processes (PEP 446), so they never keep the lock alive.
        f = open(lock_file, "a+b", buffering=0)  # noqa: SIM115 - held until release()
        try:
            deadline = time.monotonic() + wait
            while not _try_lock(f):
                if time.monotonic() >= deadline:
                    raise already_open_error(folder, _describe_holder(lock_file))
                time.sleep(0.05)
            f.truncate(0)
            f.write(_holder_text())
        except BaseException:
            f.close()
            raise
        return cls(folder, f)

    @property
    def held(self) -> bool:
        """True until release()."""
        return self._file is not None

    def release(self) -> None:
        """Drop the lock; safe to call twice."""
        f, self._file = self._file, None
        if f is None:
            return
        try:
            f.truncate(0)
            _unlock(f)
        except OSError:
            pass  # closing the file releases the lock anyway
        finally:
            f.close()
