"""sqlite-utils, for what needs more than desktop/store/connection.py's Connection: the
migrations and the first records of a new workspace or round, and upgrading one an older
planeval made. Opening an up-to-date workspace or round never imports it.

sqlite_utils.db imports numpy and pandas when they are installed, only to map their value
types to column types; we never store such values. numpy comes with the commission
edition's charts, and importing it was about 40% of importing sqlite-utils. While
sqlite_utils loads, a None in sys.modules makes those imports fail as if not installed;
the entries are removed at once, so the charts import numpy normally later. Every module
of planeval that uses sqlite-utils imports it from here (tests/test_architecture.py).
"""

import sys

from desktop.store.connection import Connection

if "sqlite_utils" not in sys.modules:
    _kept_out = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for _name in _kept_out:
        sys.modules[_name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for _name in _kept_out:
            del sys.modules[_name]

from sqlite_utils import Database  # noqa: E402
from sqlite_utils.migrations import Migrations  # noqa: E402

__all__ = ["Database", "Migrations", "database"]


def database(db: Connection) -> Database:
    """sqlite-utils' Database over the same open connection."""
    return Database(db.conn, execute_plugins=False)
