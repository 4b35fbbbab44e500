"""Errors a user can cause, each carrying a Chinese message fit to show as is."""

from __future__ import annotations

import errno


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


_OS_REASONS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有访问权限",
    errno.ENOSPC: "磁盘空间已满",
    errno.EROFS: "位置是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EBUSY: "文件正被其他程序占用",
    errno.ENAMETOOLONG: "文件名或路径过长",
}


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, in Chinese (the system's words only as a fallback)."""
    known = _OS_REASONS.get(exc.errno or -1)
    if known:
        return known
    return f"系统错误：{exc.strerror or exc}"
