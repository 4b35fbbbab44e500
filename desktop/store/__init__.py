"""The SQLite workspace: one file per department and round (WAL, sqlite-utils migrations).

Opening an up-to-date workspace (or a commission's round) uses plain sqlite3
(desktop/store/connection.py, opening.py); sqlite-utils is imported only to create or
migrate one (desktop/store/sqlite_utils_lib.py)."""

from desktop.store.workspace import Change, Workspace

__all__ = ["Change", "Workspace"]
