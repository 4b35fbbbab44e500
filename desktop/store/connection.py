"""Connecting to workspace.sqlite safely, and turning SQLite and OS errors into Chinese."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any

from desktop.core.errors import WorkspaceError, os_reason

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000

# Primary SQLite result codes (extended codes carry them in the low byte).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26,
)  # fmt: skip

_NOT_SAVED = "刚才的修改没有保存。"


def disk_full(folder: Path, *, saving: bool) -> WorkspaceError:
    """No space left on the disk that holds the workspace."""
    lost = _NOT_SAVED if saving else ""
    return WorkspaceError(
        f"磁盘已满，无法写入工作区“{folder}”。{lost}请清理出一些磁盘空间后再试，"
        "已保存的内容不受影响。"
    )


def read_only(folder: Path, *, saving: bool) -> WorkspaceError:
    """The folder or file cannot be written (read-only medium, permissions)."""
    lost = _NOT_SAVED if saving else ""
    return WorkspaceError(
        f"无法写入工作区“{folder}”：该文件夹或其中的文件是只读的，或者您没有写入权限。{lost}"
        "请把整个工作区文件夹复制到可以写入的位置（例如“文档”文件夹）后再打开。"
    )


def damaged(file: Path) -> WorkspaceError:
    """The SQLite file exists but its content is corrupt."""
    return WorkspaceError(
        f"工作区文件已损坏，无法继续使用：{file}。请从备份中恢复该文件，或联系管理员。"
    )


def not_a_workspace(file: Path) -> WorkspaceError:
    """The file is not a SQLite database, or not one planeval made."""
    return WorkspaceError(
        f"“{file}”不是 planeval 工作区文件（文件格式无法识别），可能已损坏，"
        "或被其他文件替换。请选择正确的工作区文件夹，或从备份中恢复。"
    )


def translate(exc: sqlite3.Error | OSError, folder: Path, *, saving: bool) -> WorkspaceError:
    """The WorkspaceError a user should see for a SQLite or OS failure."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return disk_full(folder, saving=saving)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return read_only(folder, saving=saving)
        return WorkspaceError(f"读写工作区“{folder}”时出错：{os_reason(exc)}。")
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == _FULL:
        return disk_full(folder, saving=saving)
    if primary in (_READONLY, _PERM, _CANTOPEN):
        return read_only(folder, saving=saving)
    if primary == _CORRUPT:
        return damaged(folder)
    if primary == _NOTADB:
        return not_a_workspace(folder)
    if primary in (_BUSY, _LOCKED):
        return WorkspaceError(f"工作区“{folder}”正被其他程序占用，暂时无法写入，请稍后再试。")
    lost = _NOT_SAVED if saving else ""
    if primary == _IOERR and nearly_full(folder):
        # SQLite reports a full disk as "disk I/O error" when the WAL or its index is
        # what could not grow; the free space tells the two apart.
        return disk_full(folder, saving=saving)
    if primary == _IOERR:
        return WorkspaceError(
            f"读写工作区“{folder}”时出错（{exc}）。{lost}请检查磁盘或 U 盘是否仍然连接，然后再试。"
        )
    return WorkspaceError(f"工作区“{folder}”操作失败：{exc}。{lost}")


NEARLY_FULL = 1024 * 1024  # free bytes below which an I/O error means a full disk


def nearly_full(folder: Path) -> bool:
    """True when the disk holding `folder` (or its nearest existing parent) has almost no
    free space left."""
    for place in (folder, *folder.parents):
        if place.exists():
            try:
                return shutil.disk_usage(place).free < NEARLY_FULL
            except OSError:
                return False
    return False


@contextmanager
def translated(folder: Path, *, saving: bool) -> Iterator[None]:
    """Re-raise SQLite and OS errors inside the block as Chinese WorkspaceErrors."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        raise translate(exc, folder, saving=saving) from exc


def looks_like_sqlite(file: Path) -> bool:
    """True when the file starts with the SQLite header (an empty file does not)."""
    with open(file, "rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


class Connection:
    """An open workspace or round, with the few calls the store makes of sqlite-utils'
    Database (execute, query, insert, atomic, close) on plain sqlite3: opening one does
    not import sqlite-utils, which brings click, pluggy and dateutil. Migrations and
    creating wrap `conn` in a Database (desktop/store/sqlite_utils_lib.py).

    The sqlite3 connection is in autocommit mode (isolation_level None): a statement
    outside `atomic()` is committed at once, as sqlite-utils' `execute` does.
    """

    _savepoints = count()

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of a SELECT as dicts, column name to value."""
        cursor = self.conn.execute(sql, parameters)
        if cursor.description is None:
            raise ValueError("query() is for statements that return rows; use execute()")
        keys = [column[0] for column in cursor.description]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def insert(self, table: str, record: Mapping[str, Any]) -> None:
        """Insert one row, the record's keys naming its columns (as sqlite-utils'
        `table(...).insert` does for values SQLite stores as they are)."""
        columns = ", ".join(f'"{name}"' for name in record)
        marks = ", ".join("?" * len(record))
        self.conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})',
                          tuple(record.values()))

    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A transaction (a savepoint inside another): all of the block lands, or none."""
        conn = self.conn
        if conn.in_transaction:
            name = f"planeval_{next(self._savepoints)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # RAISE(ROLLBACK) may have ended it already
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        conn.execute("BEGIN")
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()


def connect(file: Path) -> Connection:
    """Open (or create) the file: WAL, synchronous=FULL, foreign keys, busy timeout."""
    conn = sqlite3.connect(str(file), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL in WAL mode fsyncs the log on every commit: an acknowledged edit
        # survives kill -9 and power loss. The setting is per connection.
        conn.execute("PRAGMA synchronous = FULL")
        # macOS fsync does not reach the platter; F_FULLFSYNC does (ignored elsewhere).
        conn.execute("PRAGMA fullfsync = ON")
        conn.execute("PRAGMA checkpoint_fullfsync = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils' Database sets it
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        conn.close()
        raise
    return Connection(conn)


def quick_check(db: Connection) -> bool:
    """True when PRAGMA quick_check finds nothing wrong."""
    result = db.execute("PRAGMA quick_check").fetchall()
    return result == [("ok",)]


def remove_database_files(file: Path) -> None:
    """Delete a SQLite file with its -wal, -shm and -journal companions, if present."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(file) + suffix).unlink()


def sync_folder(path: Path) -> None:
    """Flush the folder's entries so a new file survives power loss (POSIX only)."""
    if sys.platform == "win32":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
