"""CONTRACT STUB: the import helper replaces the body; keep the signature."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.core.model import Assignment


def read_assignment(paths: Path | Sequence[Path]) -> Assignment:
    """Read division tables (xlsx files, or a folder of them) into one Assignment.

    All or nothing: any malformed file raises InputError naming file, sheet, row.
    """
    raise NotImplementedError
