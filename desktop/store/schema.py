"""The workspace schema, as migrations (sqlite-utils Migrations, each in a transaction).

Never edit a migration that has shipped: add a new one at the end, and its name at the
end of `WORKSPACE.names` in desktop/store/opening.py, which opens a workspace without
importing this module unless a migration is pending. Column names avoid SQL keywords
(tbl, grp); the Python API still says table and group.

`rows` is sealed by triggers in `seal_rows`. Workspace.create inserts the rows after
`create_tables` and before `seal_rows`, inside one transaction. A later migration that
must rewrite rows drops the triggers, does its work and recreates them.
"""

from __future__ import annotations

from desktop.store.opening import WORKSPACE
from desktop.store.sqlite_utils_lib import Database, Migrations

MIGRATIONS = Migrations(WORKSPACE.set_name)

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
