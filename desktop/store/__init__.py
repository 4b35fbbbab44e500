"""The SQLite workspace: one file per department and round (sqlite-utils, WAL, migrations)."""

import sys

# sqlite_utils.db imports numpy and pandas when they are installed, only to map their value
# types to column types; we never store such values. numpy comes with the commission
# edition's charts, and importing it was about 40% of opening a workspace. While
# sqlite_utils loads, a None in sys.modules makes those imports fail as if not installed;
# the entries are removed at once, so the charts import numpy normally later.
if "sqlite_utils" not in sys.modules:
    _kept_out = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for _name in _kept_out:
        sys.modules[_name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for _name in _kept_out:
            del sys.modules[_name]

from desktop.store.workspace import Change, Workspace  # noqa: E402

__all__ = ["Change", "Workspace"]
