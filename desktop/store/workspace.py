"""The Workspace: one department's answers for one round, in a folder holding workspace.sqlite."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.earlier import Earlier
from desktop.core.errors import WorkspaceError
from desktop.core.model import TABLE_TITLES, Row
from desktop.store.connection import (
    Connection,
    connect,
    remove_database_files,
    sync_folder,
    translated,
)
from desktop.store.creating import CREATING_NAME, build_database, tidy_failed_create
from desktop.store.held import Held
from desktop.store.lock import LOCK_NAME, WorkspaceBusy, WorkspaceLock
from desktop.store.opening import open_checked
from desktop.store.records import (
    ROW_COLUMNS,
    earlier_from_record,
    now_utc,
    os_user,
    refuse_duplicate_rows,
    row_key,
    rows_from_records,
)

DB_NAME = "workspace.sqlite"
ACCEPTANCES = "acceptances"  # history's table name for accepted warnings

_UPSERT_ANSWER = """
    INSERT INTO answers (tbl, number, field, value, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tbl, number, field) DO UPDATE
    SET value = excluded.value, updated_at = excluded.updated_at
"""
_INSERT_HISTORY = """
    INSERT INTO history (at, who, tbl, number, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)
"""


@dataclass(frozen=True)
class Change:
    """One recorded edit: who changed which answer cell when, from what to what."""

    id: int
    at: str  # ISO 8601 UTC, e.g. "2026-11-22T04:43:36.123456+00:00"
    who: str
    table: str
    number: str
    field: str
    old: str | None
    new: str | None


class Workspace(Held):
    """A department's workspace for one round: a folder holding workspace.sqlite.

    Open it for as long as the app uses it; a second Workspace.open on the same folder,
    from this or any other process, raises WorkspaceError with a Chinese message.
    """

    path: Path
    department: str
    meta: dict[str, str]  # department, district, round, form_id, form_version, form_hash, created

    def __init__(self, path: Path, db: Connection, lock: WorkspaceLock) -> None:
        """Wrap an open, checked and migrated database; call create() or open() instead."""
        super().__init__(path, db, lock)
        self.department = self.meta.get("department", "")
        self._rows = rows_from_records(
            db.execute(f"SELECT {ROW_COLUMNS} FROM rows ORDER BY position"))
        self._row_keys = frozenset((r.table, str(r.number)) for r in self._rows)
        self._user = os_user()

    @classmethod
    def create(
        cls, path: Path, *, rows: Sequence[Row], department: str, meta: dict[str, str],
        earlier: Sequence[Earlier] = (),
    ) -> Workspace:
        """Make the folder and its workspace; return it open and locked.

        The database is built under a temporary name and renamed into place only when
        complete, so a crash or a full disk never leaves a half-made workspace.sqlite;
        what it leaves behind (the temporary file) the next create clears. On failure
        the folder is as it was: a folder made here is removed, a lock file made here too.
        """
        path = Path(path)
        file = path / DB_NAME
        if path.exists() and not path.is_dir():
            raise WorkspaceError(f"无法在“{path}”创建工作区：已有一个同名的文件。请换一个位置。")
        if file.exists():
            raise WorkspaceError(
                f"文件夹“{path}”中已经有一个工作区，不能覆盖。请换一个空文件夹，或者直接打开它。"
            )
        refuse_duplicate_rows(rows)
        made_folder = not path.exists()
        made_lock = not (path / LOCK_NAME).exists()
        try:
            with translated(path, saving=False):
                path.mkdir(parents=True, exist_ok=True)
                lock = WorkspaceLock.acquire(path)
        except WorkspaceBusy:
            raise  # another create holds it: its files are not ours to tidy
        except WorkspaceError:
            tidy_failed_create(path, made_folder=made_folder, made_lock=made_lock)
            raise
        db: Connection | None = None
        renamed = False
        try:
            if file.exists():  # another create won the race while we waited for the lock
                raise WorkspaceError(f"文件夹“{path}”中已经有一个工作区，不能覆盖。")
            with translated(path, saving=False):
                build_database(path / CREATING_NAME, rows, department, meta, earlier)
                os.replace(path / CREATING_NAME, file)
                renamed = True
                sync_folder(path)
                db = connect(file)
                return cls(path, db, lock)
        except BaseException:
            if db is not None:
                db.close()
            remove_database_files(path / CREATING_NAME)
            if renamed:
                remove_database_files(file)
            lock.release()
            tidy_failed_create(path, made_folder=made_folder, made_lock=made_lock)
            raise

    @classmethod
    def open(cls, path: Path, *, wait: float = 0.0) -> Workspace:
        """Open, check and migrate an existing workspace, taking its single-instance lock
        (waiting up to `wait` seconds for another holder to let go)."""
        path = Path(path)
        file = path / DB_NAME
        if not path.is_dir():
            raise WorkspaceError(f"找不到工作区：文件夹“{path}”不存在。请检查位置是否正确。")
        if not file.is_file() and (path / CREATING_NAME).exists():
            raise WorkspaceError(
                f"文件夹“{path}”中的工作区没有创建完成（创建时程序被中断或磁盘已满）。"
                "请在这个文件夹重新创建工作区，未完成的部分会被自动清除。"
            )
        if not file.is_file():
            raise WorkspaceError(
                f"找不到工作区：文件夹“{path}”中没有工作区文件 {DB_NAME}。"
                "请选择创建工作区时使用的那个文件夹。"
            )
        db, lock = open_checked(path, file, wait=wait)
        try:
            return cls(path, db, lock)
        except BaseException:
            db.close()
            lock.release()
            raise

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<Workspace {self.department!r} {str(self.path)!r} {state}>"

    def rows(self, table: str | None = None) -> tuple[Row, ...]:
        """The assigned rows in their original order, optionally of one table."""
        if table is None:
            return self._rows
        return tuple(r for r in self._rows if r.table == table)

    def earlier(self) -> tuple[Earlier, ...]:
        """The answers of an earlier round carried into this one (read-only)."""
        with translated(self.path, saving=False):
            return tuple(earlier_from_record(r) for r in self.db.query(
                "SELECT * FROM earlier ORDER BY rowid"))

    def answer(self, table: str, number: str, field: str) -> str:
        """One answer cell; "" when unanswered."""
        found = self._stored(self.db, table, number, field)
        return found or ""

    def answers(self) -> dict[str, dict[str, dict[str, str]]]:
        """Every non-empty answer as {table: {number: {field: value}}}."""
        result: dict[str, dict[str, dict[str, str]]] = {}
        sql = "SELECT tbl, number, field, value FROM answers WHERE value != '' ORDER BY rowid"
        with translated(self.path, saving=False):
            for tbl, number, field, value in self.db.execute(sql):
                result.setdefault(tbl, {}).setdefault(number, {})[field] = value
        return result

    def set_answer(
        self, table: str, number: str, field: str, value: str, *, who: str | None = None
    ) -> bool:
        """Save one answer and its history entry; False (nothing written) when unchanged."""
        return self.set_answers([(table, number, field, value)], who=who) == 1

    def set_answers(
        self, items: Iterable[tuple[str, str, str, str]], *, who: str | None = None
    ) -> int:
        """Save many answers in one transaction; return how many changed."""
        return self.apply(items, {}, who=who)

    def apply(
        self, items: Iterable[tuple[str, str, str, str]], accepted: Mapping[str, str],
        *, who: str | None = None,
    ) -> int:
        """Save answers and accepted warnings (finding key -> reason, "" withdraws) in one
        transaction: all of them land, or none. Returns how many changed."""
        db = self.db
        batch = [self._checked(*item) for item in items]
        reasons = {_text(k): _text(v).strip() for k, v in accepted.items()}
        author = who or self._user
        at = now_utc()
        changed = 0
        with translated(self.path, saving=True), db.atomic():
            for table, number, field, value in batch:
                old = self._stored(db, table, number, field)
                if (old or "") == value:
                    continue
                db.execute(_UPSERT_ANSWER, (table, number, field, value, at))
                db.execute(_INSERT_HISTORY, (at, author, table, number, field, old, value))
                changed += 1
            old_reasons = dict(db.execute("SELECT key, reason FROM acceptances").fetchall())
            for key, reason in reasons.items():
                changed += self._accept_in(db, key, reason, old_reasons.get(key), author, at)
        return changed

    def migrate_form(
        self, moves: Mapping[tuple[str, str], tuple[str, str]], meta: Mapping[str, str],
        *, who: str = "planeval",
    ) -> int:
        """Move answers between (table, field) pairs and update meta, in one transaction.

        Used when the form definition changed: nothing typed is dropped; a move onto a cell
        that already holds text appends rather than overwrites. Returns cells moved.
        """
        db = self.db
        at = now_utc()
        moved = 0
        with translated(self.path, saving=True), db.atomic():
            for (table, field), (new_table, new_field) in moves.items():
                sql = "SELECT number, value FROM answers WHERE tbl = ? AND field = ?"
                for number, value in db.execute(sql, (table, field)).fetchall():
                    target = self._stored(db, new_table, number, new_field) or ""
                    merged = f"{target}\n{value}" if target and value else target or value
                    db.execute(_UPSERT_ANSWER, (new_table, number, new_field, merged, at))
                    db.execute("DELETE FROM answers WHERE tbl = ? AND number = ? AND field = ?",
                               (table, number, field))
                    db.execute(_INSERT_HISTORY, (at, who, table, number, field, value, ""))
                    db.execute(_INSERT_HISTORY,
                               (at, who, new_table, number, new_field, target or None, merged))
                    moved += 1
            for key, value in meta.items():
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        self.meta.update(meta)
        return moved

    def set_meta(self, key: str, value: str, *, who: str | None = None) -> bool:
        """Change one meta value (e.g. the leader's sign-off), recorded in history."""
        db = self.db
        old = self.meta.get(key)
        if old == value:
            return False
        with translated(self.path, saving=True), db.atomic():
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
            db.execute(_INSERT_HISTORY, (now_utc(), who or self._user, "meta", key, "value",
                                         old, value))
        self.meta[key] = value
        return True

    def log_export(self, record: Mapping[str, str], *, who: str | None = None) -> None:
        """Record a package written or sent (stage, file_name, sha256, submission_id, ...)."""
        fields = ("stage", "file_name", "sha256", "submission_id", "destination")
        with translated(self.path, saving=True), self.db.atomic():
            self.db.execute(
                "INSERT INTO exports (at, who, stage, file_name, sha256, submission_id, "
                "destination) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now_utc(), who or self._user, *(str(record.get(f, "")) for f in fields)))

    def exports(self) -> tuple[dict[str, str], ...]:
        """Every logged export, oldest first."""
        with translated(self.path, saving=False):
            return tuple(dict(r) for r in self.db.query("SELECT * FROM exports ORDER BY id"))

    def accept(self, key: str, reason: str, *, who: str | None = None) -> bool:
        """Accept a warning with a written reason ("" withdraws it); recorded in history."""
        return self.apply([], {key: reason}, who=who) == 1

    @staticmethod
    def _accept_in(db: Connection, key: str, reason: str, old: str | None, author: str,
                   at: str) -> int:
        """Inside a transaction: set or withdraw one acceptance; 1 when it changed."""
        if (old or "") == reason:
            return 0
        if reason:
            db.execute("INSERT OR REPLACE INTO acceptances VALUES (?, ?, ?, ?)",
                       (key, reason, author, at))
        else:
            db.execute("DELETE FROM acceptances WHERE key = ?", (key,))
        db.execute(_INSERT_HISTORY, (at, author, ACCEPTANCES, key, "reason", old, reason))
        return 1

    def acceptances(self) -> dict[str, str]:
        """Accepted warnings: finding key -> reason."""
        with translated(self.path, saving=False):
            return dict(self.db.execute("SELECT key, reason FROM acceptances").fetchall())

    def history(self, table: str | None = None, number: str | None = None) -> tuple[Change, ...]:
        """Recorded changes, oldest first, optionally of one table and/or row."""
        where, params = [], []
        if table is not None:
            where.append("tbl = ?")
            params.append(table)
        if number is not None:
            where.append("number = ?")
            params.append(number)
        sql = "SELECT id, at, who, tbl, number, field, old, new FROM history"
        if where:
            sql += " WHERE " + " AND ".join(where)
        with translated(self.path, saving=False):
            cursor = self.db.execute(sql + " ORDER BY id", params)
            return tuple(Change(*rec) for rec in cursor)

    def _checked(self, table: str, number: str, field: str, value: str) -> tuple[str, ...]:
        """The item as plain strings, refused unless its row is in this workspace."""
        for part in (table, number, field, value):
            _text(part)
        if row_key(table, number) not in self._row_keys:
            row_table, _ = row_key(table, number)
            title = TABLE_TITLES.get(row_table, row_table)
            raise WorkspaceError(
                f"无法保存：本工作区的分工中没有“{title}”第 {number} 行，"
                "这一行不属于本部门。请检查导入的数据。"
            )
        return str(table), str(number), str(field), str(value)

    def _stored(self, db: Connection, table: str, number: str, field: str) -> str | None:
        """The stored value of a cell, or None when it was never answered."""
        sql = "SELECT value FROM answers WHERE tbl = ? AND number = ? AND field = ?"
        with translated(self.path, saving=False):
            found = db.execute(sql, (table, number, field)).fetchone()
        return None if found is None else str(found[0])


def _text(part: object) -> str:
    """A str SQLite can store: UTF-8 encodable (no lone surrogate)."""
    if not isinstance(part, str):
        raise TypeError(f"answer parts must be str, got {part!r}")
    try:
        part.encode("utf-8")
    except UnicodeEncodeError:
        raise WorkspaceError("无法保存：内容中含有无法识别的字符（不成对的代理字符），"
                             "请检查后重新输入。") from None
    return part
