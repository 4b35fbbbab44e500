"""The commission's window (区发改委): dashboard, intake, review, shared rows, roster."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.commission.window import CommissionWindow


def open_commission_window(path: Path) -> CommissionWindow:
    """Open the commission's round in folder `path` (taking its lock); raises PlanevalError."""
    from desktop.commission.round import round_form
    from desktop.store.commission import CommissionWorkspace
    from desktop.ui.commission.window import CommissionWindow

    cws = CommissionWorkspace.open(Path(path))
    try:
        return CommissionWindow(cws, round_form(cws))
    except BaseException:
        cws.close()
        raise
