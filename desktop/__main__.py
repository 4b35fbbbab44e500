"""`python -m desktop [WORKSPACE | --demo]` (and `planeval-gui`): open the GUI (with no
argument, on the welcome page; with --demo, straight into the demo)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from desktop.ui.app import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
