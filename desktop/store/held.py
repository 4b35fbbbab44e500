"""What a department's workspace and a commission's round share: an open SQLite database
and the folder's single-instance lock, held until close()."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Generic, Protocol, Self, TypeVar

from desktop.core.errors import WorkspaceError
from desktop.store.lock import WorkspaceLock


class Opened(Protocol):
    """An open database: the store's Connection, or sqlite-utils' Database over one."""

    def query(self, sql: str) -> Iterable[dict[str, Any]]: ...

    def close(self) -> None: ...


DbT = TypeVar("DbT", bound=Opened)


class Held(Generic[DbT]):
    """An open, checked and migrated database with its folder's lock."""

    def __init__(self, path: Path, db: DbT, lock: WorkspaceLock) -> None:
        self.path = path
        self._db: DbT | None = db
        self._lock = lock
        self.meta: dict[str, str] = {r["key"]: r["value"]
                                     for r in db.query("SELECT key, value FROM meta")}

    @property
    def db(self) -> DbT:
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
