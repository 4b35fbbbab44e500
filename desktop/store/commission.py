"""The commission's workspace: one round of one district, in a folder holding commission.sqlite.

Beside the database, `blobs/` keeps every file the commission receives or writes
(packages, assignment packages, receipts and return notes) under its SHA-256, never
deleted. A blob is written (and synced) before the row naming it is committed, so a crash
leaves at worst an unnamed blob, never a row without its file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.core.errors import WorkspaceError
from desktop.core.model import Row
from desktop.store.connection import (
    Connection,
    connect,
    remove_database_files,
    sync_folder,
    translated,
)
from desktop.store.held import Held
from desktop.store.lock import LOCK_NAME, WorkspaceLock
from desktop.store.opening import COMMISSION, open_checked
from desktop.store.records import now_utc, os_user, row_from_record, row_records

DB_NAME = "commission.sqlite"
BLOBS = "blobs"


def _build_round(conn: Connection, record: Mapping[str, Any],
                 stages: Sequence[Mapping[str, Any]], units: Sequence[str],
                 rows: Sequence[Row]) -> None:
    """The round's tables and first records, in one transaction (sqlite-utils: imported
    to create a round, not to open one)."""
    from desktop.store.sqlite_utils_lib import database

    db = database(conn)
    with db.atomic():
        COMMISSION.migrations().apply(db)
        db.table("meta").insert_all({"key": k, "value": str(v)} for k, v in record.items())
        db.table("stages").insert_all({**dict(s), "position": i} for i, s in enumerate(stages))
        db.table("units").insert_all({"name": u, "position": i} for i, u in enumerate(units))
        db.table("rows").insert_all(row_records(rows), batch_size=500)


class CommissionWorkspace(Held):
    """A commission's round: roster, assignment, certificates, packages, decisions, audit."""

    def __init__(self, path: Path, db: Connection, lock: WorkspaceLock) -> None:
        super().__init__(path, db, lock)
        self.user = os_user()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: Path, *, meta: Mapping[str, str], stages: Sequence[Mapping[str, Any]],
        units: Sequence[str], rows: Sequence[Row],
    ) -> CommissionWorkspace:
        """Make the folder and the round in one transaction; return it open and locked."""
        path = Path(path)
        file = path / DB_NAME
        if path.exists() and not path.is_dir():
            raise WorkspaceError(f"无法在“{path}”创建工作区：已有一个同名的文件。请换一个位置。")
        if file.exists() or (path.is_dir() and any(path.iterdir())):
            raise WorkspaceError(f"文件夹“{path}”不是空的，不能在其中新建轮次。"
                                 "请选择一个空文件夹。")
        made = not path.exists()
        with translated(path, saving=False):
            path.mkdir(parents=True, exist_ok=True)
            lock = WorkspaceLock.acquire(path)
        db: Connection | None = None
        record = {"created": now_utc(), "role": "commission", **meta}
        try:
            with translated(path, saving=False):
                db = connect(file)
                _build_round(db, record, stages, units, rows)
                sync_folder(path)
            ws = cls(path, db, lock)
            ws.log("创建轮次", f"{record.get('district', '')} {record.get('round', '')}")
            return ws
        except BaseException:
            if db is not None:
                db.close()
            remove_database_files(file)
            lock.release()
            if made:
                with contextlib.suppress(OSError):
                    (path / LOCK_NAME).unlink()
                    path.rmdir()
            raise

    @classmethod
    def open(cls, path: Path) -> CommissionWorkspace:
        """Open an existing round, taking its single-instance lock."""
        path = Path(path)
        file = path / DB_NAME
        if not file.is_file():
            raise WorkspaceError(f"找不到发改委工作区：文件夹“{path}”中没有 {DB_NAME}。"
                                 "请选择创建轮次时使用的那个文件夹。")
        conn, lock = open_checked(path, file, COMMISSION)
        try:
            return cls(path, conn, lock)
        except BaseException:
            conn.close()
            lock.release()
            raise

    @contextmanager
    def on_this_thread(self) -> Iterator[CommissionWorkspace]:
        """The open round on a connection of the calling thread's own (for a worker).

        A SQLite connection stays in the thread that made it; this one is opened and
        closed here, in the caller's thread. It shares the round's lock, which this process
        already holds, and leaves it held on leaving.
        """
        with translated(self.path, saving=False):
            db = connect(self.path / DB_NAME)
        other = CommissionWorkspace(self.path, db, self._lock)
        try:
            yield other
        finally:
            other._db = None
            db.close()

    # -- reading ---------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read-only query as dicts."""
        with translated(self.path, saving=False):
            return [dict(r) for r in self.db.query(sql, params)]

    def rows(self) -> tuple[Row, ...]:
        """The full assignment, in the commission's order."""
        return tuple(row_from_record(r) for r in self.query("SELECT * FROM rows ORDER BY position"))

    def units(self) -> list[dict[str, Any]]:
        """The roster with contacts, in roster order."""
        return self.query("SELECT name, contact, phone, email FROM units ORDER BY position")

    def stages(self) -> list[dict[str, Any]]:
        return self.query("SELECT id, title, due, signoff FROM stages ORDER BY position")

    # -- writing ---------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One committed transaction, SQLite and OS errors told in Chinese."""
        with translated(self.path, saving=True), self.db.atomic():
            yield self.db

    def log(self, action: str, detail: str = "", *, db: Connection | None = None) -> None:
        """An audit entry: who did what when (inside the caller's transaction if given)."""
        sql = "INSERT INTO audit (at, who, action, detail) VALUES (?, ?, ?, ?)"
        if db is not None:
            db.execute(sql, (now_utc(), self.user, action, detail))
            return
        with self.transaction() as tx:
            tx.execute(sql, (now_utc(), self.user, action, detail))

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
            self.log("设置", f"{key}", db=db)
        self.meta[key] = value

    def set_contacts(self, contacts: Iterable[Mapping[str, str]]) -> int:
        """Update contact, phone and e-mail of roster units; returns how many changed."""
        changed = 0
        with self.transaction() as db:
            for c in contacts:
                cur = db.execute(
                    "UPDATE units SET contact = ?, phone = ?, email = ? WHERE name = ? AND "
                    "(contact, phone, email) != (?, ?, ?)",
                    (c.get("contact", ""), c.get("phone", ""), c.get("email", ""), c["name"],
                     c.get("contact", ""), c.get("phone", ""), c.get("email", "")))
                changed += cur.rowcount
            self.log("修改联系人", f"{changed} 个单位", db=db)
        return changed

    # -- blobs -----------------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        return self.path / BLOBS / sha256[:2] / sha256

    def keep_blob(self, data: bytes) -> str:
        """Store bytes under their SHA-256 (synced); an existing blob is left as it is."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.blob_path(digest)
        if target.exists():
            return digest
        with translated(self.path, saving=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            sync_folder(target.parent)
        return digest

    def read_blob(self, sha256: str) -> bytes:
        with translated(self.path, saving=False):
            return self.blob_path(sha256).read_bytes()


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
