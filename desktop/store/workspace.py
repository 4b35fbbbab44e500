"""CONTRACT STUB: the store helper replaces the bodies; keep the signatures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.model import Row

DB_NAME = "workspace.sqlite"


@dataclass(frozen=True)
class Change:
    """One recorded edit: who changed which answer cell when, from what to what."""

    id: int
    at: str  # ISO 8601 UTC, e.g. "2026-11-22T04:43:36.123456+00:00"
    who: str
    table: str
    number: str
    field: str
    old: str | None
    new: str | None


class Workspace:
    """A department's workspace for one round: a folder holding workspace.sqlite.

    Open it for as long as the app uses it; a second Workspace.open on the same folder,
    from this or any other process, raises WorkspaceError with a Chinese message.
    """

    path: Path
    department: str
    meta: dict[str, str]  # department, district, round, form_id, form_version, form_hash, created

    @classmethod
    def create(
        cls, path: Path, *, rows: Sequence[Row], department: str, meta: dict[str, str]
    ) -> Workspace:
        raise NotImplementedError

    @classmethod
    def open(cls, path: Path) -> Workspace:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rows(self, table: str | None = None) -> tuple[Row, ...]:
        raise NotImplementedError

    def answer(self, table: str, number: str, field: str) -> str:
        raise NotImplementedError

    def answers(self) -> dict[str, dict[str, dict[str, str]]]:
        raise NotImplementedError

    def set_answer(
        self, table: str, number: str, field: str, value: str, *, who: str | None = None
    ) -> bool:
        raise NotImplementedError

    def set_answers(
        self, items: Iterable[tuple[str, str, str, str]], *, who: str | None = None
    ) -> int:
        raise NotImplementedError

    def history(
        self, table: str | None = None, number: str | None = None
    ) -> tuple[Change, ...]:
        raise NotImplementedError
