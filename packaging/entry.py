"""The frozen app's one entry point: started as `planeval-gui` it opens the GUI, as
`planeval` it is the CLI (one executable and a link on Linux, two on Windows)."""

import sys
from pathlib import Path


def main() -> int:
    if Path(sys.argv[0]).stem.lower().endswith("-gui"):
        from desktop.__main__ import main as gui

        return gui()
    from desktop.cli import main as cli

    return cli()


if __name__ == "__main__":
    sys.exit(main())
