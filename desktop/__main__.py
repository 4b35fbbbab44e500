"""`python -m desktop [WORKSPACE]` (and the `planeval-gui` entry point): open the GUI.

`python -m desktop --commission CWS` (or a folder holding commission.sqlite) opens the
commission's window on that round.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop.ui.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
