"""Where this user's data and the log live, and the log file itself (for support).

platformdirs gives each platform's own folder (desktop.paths.user_data_dir: Linux
~/.local/share/planeval, Windows %APPDATA%\\planeval). The log is a small rotating file;
unexpected errors are written there with their traceback while the clerk sees a plain
Chinese message.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QStandardPaths

from desktop.paths import user_data_dir

APP_NAME = "planeval"
LOG_NAME = "planeval.log"
log = logging.getLogger("planeval")


def data_dir() -> Path:
    """This user's data folder for the app (the demo workspace and the log live here)."""
    return user_data_dir()


def log_dir() -> Path:
    return data_dir() / "logs"


def documents_dir() -> Path:
    """Where the user keeps documents: where file pickers start when nothing is chosen."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_logging(folder: Path | None = None) -> Path | None:
    """Log to `folder`/planeval.log (rotating, 1 MB x 3); None if the folder cannot be made."""
    folder = folder or log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=1_000_000,
                                                       backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in log.handlers if isinstance(h, logging.FileHandler)]:
        log.removeHandler(old)
        old.close()
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return folder / LOG_NAME


def catch_unexpected(tell: Callable[[str], None]) -> None:
    """Log any uncaught exception with its traceback and tell the clerk in Chinese."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("未预料的错误", exc_info=(kind, exc, tb))
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        tell(f"程序遇到未预料的问题，已记入日志（{log_dir() / LOG_NAME}）。"
             "已填写的内容均已保存。如问题反复出现，请把日志文件发给技术支持。")

    sys.excepthook = hook
