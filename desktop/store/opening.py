"""Opening a workspace file: lock it, check it, and migrate it only when it needs it.

Which migrations a file has is read from sqlite-utils' own bookkeeping table
(`_sqlite_migrations`) with plain sqlite3. sqlite-utils and the migrations themselves
(desktop/store/schema.py, commission_schema.py) are imported only when one is pending:
when a workspace is created, or one made by an older planeval is opened. Opening an
up-to-date workspace imports neither (tests/test_architecture.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import WorkspaceError
from desktop.store.connection import (
    Connection,
    connect,
    damaged,
    looks_like_sqlite,
    not_a_workspace,
    quick_check,
    read_only,
    translated,
)
from desktop.store.lock import WorkspaceLock

if TYPE_CHECKING:
    from desktop.store.sqlite_utils_lib import Migrations

MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' Migrations.migrations_table


@dataclass(frozen=True)
class Schema:
    """A set of sqlite-utils migrations: its name in `_sqlite_migrations`, every
    migration's name in the order they apply, and how to import its Migrations."""

    set_name: str
    names: tuple[str, ...]
    load: Callable[[], Migrations]

    def migrations(self) -> Migrations:
        """The sqlite-utils Migrations (imports sqlite-utils); refuses to run a set whose
        registered migrations are not exactly `names`."""
        from desktop.store.sqlite_utils_lib import Database

        migrations = self.load()
        registered = tuple(m.name for m in migrations.pending(Database(memory=True)))
        if registered != self.names or migrations.name != self.set_name:
            raise RuntimeError(f"{migrations.name!r} registers {registered}; "
                               f"{self.set_name!r} declares {self.names}")
        return migrations


def _workspace_migrations() -> Migrations:
    from desktop.store.schema import MIGRATIONS

    return MIGRATIONS


def _commission_migrations() -> Migrations:
    from desktop.store.commission_schema import COMMISSION_MIGRATIONS

    return COMMISSION_MIGRATIONS


WORKSPACE = Schema("planeval.workspace", (
    "create_tables", "seal_rows", "create_acceptances", "create_exports", "create_notes",
    "create_earlier",
), _workspace_migrations)

COMMISSION = Schema("planeval.commission", (
    "create_round", "create_certificates", "create_traffic", "add_package_item",
), _commission_migrations)


def applied(db: Connection, schema: Schema) -> tuple[str, ...]:
    """The migrations of the set recorded in the file, in the order they were applied."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (MIGRATIONS_TABLE,)).fetchone()
    if found is None:
        return ()
    sql = f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid"
    return tuple(name for (name,) in db.execute(sql, (schema.set_name,)))


def migrate(db: Connection, schema: Schema) -> None:
    """Apply whatever migrations of the set the file lacks (sqlite-utils only if any)."""
    if set(schema.names) - set(applied(db, schema)):
        from desktop.store.sqlite_utils_lib import database

        schema.migrations().apply(database(db))


def check_migrations(db: Connection, file: Path, schema: Schema) -> None:
    """Refuse a SQLite file planeval did not make, or one made by a newer planeval."""
    done = set(applied(db, schema))
    if not done:
        raise not_a_workspace(file)
    if done - set(schema.names):
        raise WorkspaceError(
            f"工作区“{file.parent}”是由更新版本的 planeval 创建的，当前版本无法打开。"
            "请先升级 planeval。"
        )


def open_checked(path: Path, file: Path, schema: Schema = WORKSPACE, *,
                 wait: float = 0.0) -> tuple[Connection, WorkspaceLock]:
    """Lock the folder, then open, check and migrate its SQLite file (a department's
    workspace or a commission's round); on any failure nothing stays open or locked."""
    # SQLite needs to create its -wal and -shm files next to the database.
    if not (os.access(path, os.W_OK) and os.access(file, os.W_OK)):
        raise read_only(path, saving=False)
    with translated(path, saving=False):
        lock = WorkspaceLock.acquire(path, wait=wait)
    db: Connection | None = None
    try:
        with translated(path, saving=False):
            if not looks_like_sqlite(file):
                raise not_a_workspace(file)
            db = connect(file)
            if not quick_check(db):
                raise damaged(file)
            check_migrations(db, file, schema)
            migrate(db, schema)
            return db, lock
    except BaseException:
        if db is not None:
            db.close()
        lock.release()
        raise
