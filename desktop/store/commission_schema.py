"""The commission workspace schema, as migrations (sqlite-utils Migrations).

Never edit a migration that has shipped: add a new one at the end, and its name at the
end of `COMMISSION.names` in desktop/store/opening.py. Packages, issued assignment
packages and signed notes are files kept content-addressed beside the database
(`blobs/`); these tables say what they are and what became of them.
"""

from __future__ import annotations

from desktop.store.opening import COMMISSION
from desktop.store.sqlite_utils_lib import Database, Migrations

COMMISSION_MIGRATIONS = Migrations(COMMISSION.set_name)


@COMMISSION_MIGRATIONS(name="create_round")
def create_round(db: Database) -> None:
    """The round (meta, stages), its roster and the full assignment."""
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE stages (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, due TEXT NOT NULL DEFAULT '',
            signoff INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE units (
            name TEXT PRIMARY KEY, contact TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE rows (
            tbl TEXT NOT NULL, number TEXT NOT NULL, position INTEGER NOT NULL,
            category TEXT NOT NULL DEFAULT '', grp TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL DEFAULT '{}', units TEXT NOT NULL DEFAULT '[]', parent TEXT,
            PRIMARY KEY (tbl, number)
        )
        """
    )


@COMMISSION_MIGRATIONS(name="create_certificates")
def create_certificates(db: Database) -> None:
    """Certificates issued to units (and revoked), and outside CAs the commission trusts."""
    db.execute(
        """
        CREATE TABLE certificates (
            serial TEXT PRIMARY KEY, unit TEXT NOT NULL, not_before TEXT NOT NULL,
            not_after TEXT NOT NULL, pem TEXT NOT NULL, issued_at TEXT NOT NULL,
            revoked_at TEXT, reason TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE trust (
            fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, pem TEXT NOT NULL,
            added_at TEXT NOT NULL
        )
        """
    )


@COMMISSION_MIGRATIONS(name="create_traffic")
def create_traffic(db: Database) -> None:
    """What was issued, every package received, decisions, comments and the audit log."""
    db.execute(
        """
        CREATE TABLE issued (
            id INTEGER PRIMARY KEY AUTOINCREMENT, unit TEXT NOT NULL, at TEXT NOT NULL,
            sha256 TEXT NOT NULL, file_name TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE packages (
            sha256 TEXT PRIMARY KEY, received_at TEXT NOT NULL, file_name TEXT NOT NULL,
            size INTEGER NOT NULL, status TEXT NOT NULL, code TEXT NOT NULL,
            message TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL DEFAULT '', submission_id TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL DEFAULT '', signing_time TEXT NOT NULL DEFAULT '',
            errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
            accepted INTEGER NOT NULL DEFAULT 0, superseded_by TEXT
        )
        """
    )
    db.execute("CREATE INDEX packages_unit_stage ON packages (unit, stage)")
    db.execute(
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT, package TEXT NOT NULL REFERENCES packages,
            decision TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL,
            note_sha256 TEXT NOT NULL, note_file TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE comments (
            id INTEGER PRIMARY KEY AUTOINCREMENT, package TEXT NOT NULL REFERENCES packages,
            tbl TEXT NOT NULL DEFAULT '', number TEXT NOT NULL DEFAULT '',
            field TEXT NOT NULL DEFAULT '', text TEXT NOT NULL, at TEXT NOT NULL,
            who TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL,
            action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT ''
        )
        """
    )


@COMMISSION_MIGRATIONS(name="add_package_item")
def add_package_item(db: Database) -> None:
    """A compilation round's package is about one item (a topic, a plan: "topics/2-8"): a
    unit sends one per item and stage, so the live package is kept per item too."""
    db.execute("ALTER TABLE packages ADD COLUMN item TEXT NOT NULL DEFAULT ''")
