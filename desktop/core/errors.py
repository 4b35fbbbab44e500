"""Errors a user can cause, each carrying a Chinese message fit to show as is."""

from __future__ import annotations


class PlanevalError(Exception):
    """Base for every error the UI or CLI shows to the user verbatim."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(PlanevalError):
    """A file the user gave us is unusable; names the file, sheet and row where known."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
    ) -> None:
        where = []
        if file:
            where.append(f"文件“{file}”")
        if sheet:
            where.append(f"工作表“{sheet}”")
        if row is not None:
            where.append(f"第 {row} 行")
        prefix = "，".join(where)
        super().__init__(f"{prefix}：{problem}" if prefix else problem)
        self.problem = problem
        self.file = file
        self.sheet = sheet
        self.row = row


class WorkspaceError(PlanevalError):
    """The workspace cannot be opened or written (locked, damaged, read-only, full)."""
