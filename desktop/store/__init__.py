"""The SQLite workspace: one file per department and round (sqlite-utils, WAL, migrations)."""

from desktop.store.workspace import Change, Workspace

__all__ = ["Change", "Workspace"]
