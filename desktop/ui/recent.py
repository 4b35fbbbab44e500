"""The workspaces this user opened lately, kept in QSettings (newest first)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recent_workspaces"
LIMIT = 8


@dataclass(frozen=True)
class Recent:
    path: Path
    department: str
    title: str
    demo: bool = False

    @property
    def present(self) -> bool:
        return (self.path / "workspace.sqlite").is_file()


def user_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "planeval",
                     "planeval")


class RecentList:
    """Read and update the list; a broken entry in the settings is skipped, never fatal."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or user_settings()

    def entries(self) -> list[Recent]:
        raw = self.settings.value(KEY, [])
        out = []
        for item in raw if isinstance(raw, list) else []:
            if isinstance(item, dict) and item.get("path"):
                out.append(Recent(Path(str(item["path"])), str(item.get("department", "")),
                                  str(item.get("title", "")),
                                  str(item.get("demo", "")) in ("1", "true", "True")))
        return out

    def add(self, path: Path, department: str, title: str, *, demo: bool = False) -> None:
        path = Path(path).resolve()
        kept = [r for r in self.entries() if r.path != path]
        items = [Recent(path, department, title, demo), *kept][:LIMIT]
        self._write(items)

    def remove(self, path: Path) -> None:
        self._write([r for r in self.entries() if r.path != Path(path).resolve()])

    def _write(self, items: list[Recent]) -> None:
        self.settings.setValue(KEY, [{"path": str(r.path), "department": r.department,
                                      "title": r.title, "demo": "1" if r.demo else "0"}
                                     for r in items])
        self.settings.sync()
