"""Opening a workspace file: applied migrations read without sqlite-utils, pending ones
applied with it, newer and foreign files refused; the store's own transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.errors import WorkspaceError
from desktop.department.operations import create_demo
from desktop.store import Workspace
from desktop.store.commission_schema import COMMISSION_MIGRATIONS
from desktop.store.connection import connect
from desktop.store.opening import COMMISSION, MIGRATIONS_TABLE, WORKSPACE, Schema, applied
from desktop.store.schema import MIGRATIONS
from desktop.store.sqlite_utils_lib import Database, Migrations
from desktop.store.workspace import DB_NAME


def registered(migrations: Migrations) -> tuple[str, ...]:
    return tuple(m.name for m in migrations.pending(Database(memory=True)))


def test_the_declared_names_are_the_registered_migrations() -> None:
    """A migration registered but not declared to the quick check (or the reverse) fails."""
    assert registered(MIGRATIONS) == WORKSPACE.names
    assert MIGRATIONS.name == WORKSPACE.set_name
    assert registered(COMMISSION_MIGRATIONS) == COMMISSION.names
    assert COMMISSION_MIGRATIONS.name == COMMISSION.set_name
    assert Migrations.migrations_table == MIGRATIONS_TABLE


def test_a_set_that_differs_from_its_declaration_is_not_run() -> None:
    for names in (WORKSPACE.names[:-1], (*WORKSPACE.names, "create_later")):
        with pytest.raises(RuntimeError, match="registers"):
            Schema(WORKSPACE.set_name, names, WORKSPACE.load).migrations()


def test_applied_migrations_are_read_as_sqlite_utils_records_them(tmp_path: Path) -> None:
    create_demo(tmp_path / "ws").close()
    db = connect(tmp_path / "ws" / DB_NAME)
    try:
        assert applied(db, WORKSPACE) == WORKSPACE.names
        assert [m.name for m in MIGRATIONS.applied(Database(db.conn))] == list(WORKSPACE.names)
        assert applied(db, COMMISSION) == ()
    finally:
        db.close()


def _forget_last_migration(file: Path) -> None:
    """Make the file look as an older planeval left it: without `create_earlier`."""
    conn = sqlite3.connect(file)
    with conn:
        conn.execute("DROP TABLE earlier")
        conn.execute(f"DELETE FROM {MIGRATIONS_TABLE} WHERE name = 'create_earlier'")
    conn.close()


def test_an_older_workspace_is_migrated_and_keeps_its_answers(tmp_path: Path) -> None:
    create_demo(tmp_path / "ws", filled=True).close()
    with Workspace.open(tmp_path / "ws") as ws:
        answers = ws.answers()
    _forget_last_migration(tmp_path / "ws" / DB_NAME)
    with Workspace.open(tmp_path / "ws") as ws:
        assert applied(ws.db, WORKSPACE) == WORKSPACE.names
        assert ws.earlier() == ()
        assert ws.answers() == answers


def _record(file: Path, sql: str, *params: str) -> None:
    conn = sqlite3.connect(file)
    with conn:
        conn.execute(sql, params)
    conn.close()


def test_a_workspace_from_a_newer_planeval_is_refused_untouched(tmp_path: Path) -> None:
    create_demo(tmp_path / "ws").close()
    file = tmp_path / "ws" / DB_NAME
    _record(file, f"INSERT INTO {MIGRATIONS_TABLE} (migration_set, name, applied_at) "
                  "VALUES (?, 'create_later', '2030-01-01')", WORKSPACE.set_name)
    before = file.read_bytes()
    with pytest.raises(WorkspaceError, match="更新版本的 planeval 创建的"):
        Workspace.open(tmp_path / "ws")
    assert file.read_bytes() == before


def test_a_file_without_planeval_migrations_is_not_a_workspace(tmp_path: Path) -> None:
    create_demo(tmp_path / "ws").close()
    _record(tmp_path / "ws" / DB_NAME, f"UPDATE {MIGRATIONS_TABLE} SET migration_set = 'x'")
    with pytest.raises(WorkspaceError, match="不是 planeval 工作区文件"):
        Workspace.open(tmp_path / "ws")


def test_atomic_rolls_back_all_of_a_block_and_only_an_inner_one(tmp_path: Path) -> None:
    db = connect(tmp_path / "t.sqlite")
    try:
        db.execute("CREATE TABLE t (x INTEGER)")
        with pytest.raises(ZeroDivisionError), db.atomic():
            db.execute("INSERT INTO t VALUES (1)")
            _ = 1 / 0
        with db.atomic():
            db.execute("INSERT INTO t VALUES (2)")
            with pytest.raises(sqlite3.IntegrityError), db.atomic():
                db.execute("INSERT INTO t VALUES (3)")
                raise sqlite3.IntegrityError("inner")
        db.execute("INSERT INTO t VALUES (5)")  # outside a block: committed at once
        other = sqlite3.connect(tmp_path / "t.sqlite")
        assert [x for (x,) in other.execute("SELECT x FROM t ORDER BY x")] == [2, 5]
        other.close()
        assert list(db.query("SELECT x FROM t ORDER BY x")) == [{"x": 2}, {"x": 5}]
        with pytest.raises(ValueError):
            db.query("DELETE FROM t WHERE 0")
    finally:
        db.close()
