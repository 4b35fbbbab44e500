"""Making a workspace database safely: built whole under a temporary name, then renamed."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from desktop.core.earlier import Earlier
from desktop.core.errors import WorkspaceError
from desktop.core.model import Row
from desktop.store.connection import connect, remove_database_files
from desktop.store.lock import LOCK_NAME
from desktop.store.opening import WORKSPACE
from desktop.store.records import earlier_records, meta_record, row_records

CREATING_NAME = ".workspace-creating.sqlite"  # a workspace being built, renamed when done


def build_database(file: Path, rows: Sequence[Row], department: str, meta: dict[str, str],
                   earlier: Sequence[Earlier] = ()) -> None:
    """Write a complete, closed workspace database at `file` (replacing a leftover)."""
    from desktop.store.schema import SEAL_ROWS  # sqlite-utils: only to create
    from desktop.store.sqlite_utils_lib import database

    remove_database_files(file)  # an earlier create cut off by a crash
    migrations = WORKSPACE.migrations()
    db = database(connect(file))
    try:
        with db.atomic():
            migrations.apply(db, stop_before=SEAL_ROWS)
            meta_rows = meta_record(department, meta).items()
            db.table("meta").insert_all({"key": k, "value": v} for k, v in meta_rows)
            db.table("rows").insert_all(row_records(rows), batch_size=500)
            migrations.apply(db)
            db.table("earlier").insert_all(earlier_records(earlier), batch_size=500)
    finally:
        db.close()  # the last connection checkpoints the WAL into the file and removes it
    if Path(f"{file}-wal").exists():
        raise WorkspaceError(f"无法完成工作区文件“{file}”的写入，请检查磁盘后再试。")


def tidy_failed_create(path: Path, *, made_folder: bool, made_lock: bool) -> None:
    """After a failed create: remove the lock file and the folder if they were made here."""
    with contextlib.suppress(OSError):
        if made_lock or made_folder:
            (path / LOCK_NAME).unlink()
        if made_folder:
            path.rmdir()

