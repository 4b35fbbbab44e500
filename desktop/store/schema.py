"""The workspace schema, as migrations (sqlite-utils Migrations, each in a transaction).

Never edit a migration that has shipped: add a new one at the end. Column names avoid
SQL keywords (tbl, grp); the Python API still says table and group.

`rows` is sealed by triggers in `seal_rows`. Workspace.create inserts the rows after
`create_tables` and before `seal_rows`, inside one transaction. A later migration that
must rewrite rows drops the triggers, does its work and recreates them.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from desktop.core.errors import WorkspaceError
from desktop.store.connection import (
    connect,
    damaged,
    looks_like_sqlite,
    not_a_workspace,
    quick_check,
    read_only,
    translated,
)
from desktop.store.lock import WorkspaceLock

MIGRATIONS = Migrations("planeval.workspace")

SEAL_ROWS = "seal_rows"


@MIGRATIONS(name="create_tables")
def create_tables(db: Database) -> None:
    """meta, rows, answers and history."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE rows (
            tbl TEXT NOT NULL,
            number TEXT NOT NULL,
            position INTEGER NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            grp TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL DEFAULT '{}',
            units TEXT NOT NULL DEFAULT '[]',
            parent TEXT,
            PRIMARY KEY (tbl, number)
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX rows_position ON rows (position)")
    db.execute(
        """
        CREATE TABLE answers (
            tbl TEXT NOT NULL,
            number TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (tbl, number, field)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            tbl TEXT NOT NULL,
            number TEXT NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT
        )
        """
    )
    db.execute("CREATE INDEX history_cell ON history (tbl, number, field)")


@MIGRATIONS(name=SEAL_ROWS)
def seal_rows(db: Database) -> None:
    """Make rows read-only: the department's copy of the assignment never changes."""
    for action in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"""
            CREATE TRIGGER rows_read_only_{action.lower()} BEFORE {action} ON rows
            BEGIN
                SELECT RAISE(ABORT, 'rows are read-only: the assignment cannot be changed');
            END
            """
        )


@MIGRATIONS(name="create_acceptances")
def create_acceptances(db: Database) -> None:
    """Warnings the clerk accepted, keyed by the finding's stable key, with the reason."""
    db.execute(
        """
        CREATE TABLE acceptances (
            key TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            who TEXT NOT NULL,
            at TEXT NOT NULL
        )
        """
    )


@MIGRATIONS(name="create_exports")
def create_exports(db: Database) -> None:
    """Every package exported: when, which stage, its file name, digest and submission id."""
    db.execute(
        """
        CREATE TABLE exports (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            stage TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            submission_id TEXT NOT NULL,
            destination TEXT NOT NULL DEFAULT ''
        )
        """
    )


@MIGRATIONS(name="create_notes")
def create_notes(db: Database) -> None:
    """Receipts and return notes the commission sent, and the comments of a return."""
    db.execute(
        """
        CREATE TABLE notes (
            sha256 TEXT PRIMARY KEY, kind TEXT NOT NULL, decided_at TEXT NOT NULL,
            package TEXT NOT NULL, submission_id TEXT NOT NULL, stage TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE comments (
            note TEXT NOT NULL REFERENCES notes, id INTEGER NOT NULL,
            tbl TEXT NOT NULL, number TEXT NOT NULL, field TEXT NOT NULL, text TEXT NOT NULL,
            answer TEXT NOT NULL DEFAULT '', answered_at TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (note, id)
        )
        """
    )


@MIGRATIONS(name="create_earlier")
def create_earlier(db: Database) -> None:
    """Answers of an earlier round of the same plan, carried into this round: read-only
    history (desktop/core/earlier.py), written once when the workspace is created."""
    db.execute(
        """
        CREATE TABLE earlier (
            round TEXT NOT NULL, form_id TEXT NOT NULL,
            tbl TEXT NOT NULL, number TEXT NOT NULL, field TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '', value TEXT NOT NULL, as_of TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (form_id, tbl, number, field)
        )
        """
    )


def known_names(migrations: Migrations = MIGRATIONS) -> frozenset[str]:
    """Names of every migration this version of planeval knows."""
    return frozenset(m.name for m in migrations.pending(Database(memory=True)))


def check_migrations(db: Database, file: Path, migrations: Migrations = MIGRATIONS) -> None:
    """Refuse a SQLite file planeval did not make, or one made by a newer planeval."""
    applied = {m.name for m in migrations.applied(db)}
    if not applied:
        raise not_a_workspace(file)
    if applied - known_names(migrations):
        raise WorkspaceError(
            f"工作区“{file.parent}”是由更新版本的 planeval 创建的，当前版本无法打开。"
            "请先升级 planeval。"
        )


def open_checked(path: Path, file: Path, migrations: Migrations = MIGRATIONS, *,
                 wait: float = 0.0) -> tuple[Database, WorkspaceLock]:
    """Lock the folder, then open, check and migrate its SQLite file (a department's
    workspace or a commission's round); on any failure nothing stays open or locked."""
    # SQLite needs to create its -wal and -shm files next to the database.
    if not (os.access(path, os.W_OK) and os.access(file, os.W_OK)):
        raise read_only(path, saving=False)
    with translated(path, saving=False):
        lock = WorkspaceLock.acquire(path, wait=wait)
    db: Database | None = None
    try:
        with translated(path, saving=False):
            if not looks_like_sqlite(file):
                raise not_a_workspace(file)
            db = connect(file)
            if not quick_check(db):
                raise damaged(file)
            check_migrations(db, file, migrations)
            migrations.apply(db)
            return db, lock
    except BaseException:
        if db is not None:
            db.close()
        lock.release()
        raise
