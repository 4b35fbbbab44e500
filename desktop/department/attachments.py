"""Evidence for typical cases (典型案例的佐证材料): files kept in the workspace folder.

They live in `<workspace>/attachments/`, are copied in atomically, and travel in the
package as `attachments/<name>`. Names are made safe for every system and unique; adding
and removing are recorded in the workspace history.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.errors import InputError, os_reason
from desktop.io.outbox import DeliveryError, write_into
from desktop.io.package_names import MAX_SEGMENT, safe_file_name, safe_name
from desktop.store import Workspace

FOLDER = "attachments"
MAX_SIZE = 50 * 1024 * 1024  # one file; the package stays mailable


def folder(ws: Workspace) -> Path:
    return ws.path / FOLDER


def listed(ws: Workspace) -> tuple[Path, ...]:
    """The evidence files, by name."""
    where = folder(ws)
    if not where.is_dir():
        return ()
    return tuple(sorted(p for p in where.iterdir() if p.is_file() and safe_file_name(p.name)))


def _safe_name(name: str, taken: set[str]) -> str:
    """A file name every system accepts, unlike the ones already `taken`."""
    stem, dot, suffix = safe_name(name, limit=MAX_SEGMENT, empty="附件").rpartition(".")
    if not dot or len(suffix) > 10:
        stem, suffix = f"{stem}{dot}{suffix}", ""
    stem = safe_name(stem[: MAX_SEGMENT - 30], empty="附件")
    candidate = f"{stem}.{suffix}" if suffix else stem
    n = 2
    while candidate in taken:
        candidate = f"{stem}（{n}）.{suffix}" if suffix else f"{stem}（{n}）"
        n += 1
    return candidate


def read_source(source: Path) -> bytes:
    """A file's bytes, refused when too large; touches no workspace (safe on a worker)."""
    source = Path(source)
    try:
        size = source.stat().st_size
        if size > MAX_SIZE:
            raise InputError(f"文件过大（{size / 1024 / 1024:.0f} MB），单个佐证材料不能超过 "
                             f"{MAX_SIZE // 1024 // 1024} MB。请压缩或拆分后再添加。",
                             file=source.name)
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取该文件（{os_reason(exc)}）。", file=source.name) from None
    return data


def add(ws: Workspace, source: Path, data: bytes | None = None) -> Path:
    """Copy a file (or its bytes, already read) into the workspace's evidence; returns
    where it was kept."""
    source = Path(source)
    if data is None:
        data = read_source(source)
    where = folder(ws)
    try:
        where.mkdir(exist_ok=True)
    except OSError as exc:
        raise DeliveryError(f"无法在工作区中保存佐证材料：{os_reason(exc)}") from None
    name = _safe_name(source.name, {p.name for p in listed(ws)})
    kept = write_into(where, name, data)
    ws.set_meta(f"attachment:{name}", str(len(data)))
    return kept


def remove(ws: Workspace, name: str) -> None:
    """Take one evidence file out (the file is deleted from the workspace folder)."""
    path = folder(ws) / name
    if path not in listed(ws):
        raise InputError(f"工作区中没有名为“{name}”的佐证材料。")
    path.unlink()
    ws.set_meta(f"attachment:{name}", "")


def members(ws: Workspace) -> dict[str, bytes]:
    """The evidence as package members, `attachments/<name>`."""
    return {f"{FOLDER}/{p.name}": p.read_bytes() for p in listed(ws)}
