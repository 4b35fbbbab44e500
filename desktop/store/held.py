"""What a department's workspace and a commission's round share: an open SQLite database
and the folder's single-instance lock, held until close()."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from desktop.core.errors import WorkspaceError
from desktop.store.connection import Connection
from desktop.store.lock import WorkspaceLock


class Held:
    """An open, checked and migrated database with its folder's lock."""

    def __init__(self, path: Path, db: Connection, lock: WorkspaceLock) -> None:
        self.path = path
        self._db: Connection | None = db
        self._lock = lock
        self.meta: dict[str, str] = {r["key"]: r["value"]
                                     for r in db.query("SELECT key, value FROM meta")}

    @property
    def db(self) -> Connection:
        """The open database."""
        if self._db is None:
            raise WorkspaceError("工作区已经关闭，请重新打开。")
        return self._db

    @property
    def closed(self) -> bool:
        """True after close()."""
        return self._db is None

    def close(self) -> None:
        """Close the database and release the lock; safe to call twice."""
        db, self._db = self._db, None
        try:
            if db is not None:
                db.close()  # the last connection to close checkpoints and removes the WAL
        finally:
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
