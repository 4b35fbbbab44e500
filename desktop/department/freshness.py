"""Is a written package still what the workspace holds? And its documents, to open.

A package goes stale when answers, accepted reasons, the sign-off or the evidence change
after it was written; sending it then would send old material. The comparison reads the
package's own data.json and evidence list, so it holds whichever session wrote it.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from desktop.core.errors import os_reason
from desktop.core.form import Form
from desktop.department import attachments
from desktop.department.export import signoff_of
from desktop.department.operations import export_data
from desktop.io.outbox import DeliveryError
from desktop.store import Workspace

DOCUMENT_SUFFIXES = (".docx", ".xlsx")


def _read(package: Path) -> tuple[dict[str, Any], dict[str, int]]:
    with zipfile.ZipFile(package) as zf:
        data = json.loads(zf.read("data.json").decode("utf-8"))
        evidence = {i.filename: i.file_size for i in zf.infolist()
                    if i.filename.startswith(attachments.FOLDER + "/")}
    return data, evidence


def package_is_current(ws: Workspace, form: Form, package: Path) -> bool:
    """True when the package holds exactly the workspace's answers, reasons, sign-off and
    evidence; False when anything changed since (or the package cannot be read)."""
    try:
        data, evidence = _read(package)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False
    current = export_data(ws, form)
    if any(data.get(key) != value for key, value in current.items()):
        return False
    signoff = signoff_of(ws)
    if data.get("signoff") != (signoff.as_json() if signoff else None):
        return False
    kept = {f"{attachments.FOLDER}/{p.name}": p.stat().st_size for p in attachments.listed(ws)}
    return kept == evidence


def extract_documents(package: Path, folder: Path) -> list[Path]:
    """Copy the package's documents (reports, tables) into `folder` to open them in Word,
    WPS or LibreOffice; the package itself stays as signed."""
    out = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(package) as zf:
            for name in zf.namelist():
                if "/" in name or not name.endswith(DOCUMENT_SUFFIXES):
                    continue
                target = folder / name
                target.write_bytes(zf.read(name))
                out.append(target)
    except (OSError, zipfile.BadZipFile) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else "文件已损坏"
        raise DeliveryError(f"无法取出材料包中的文档：{reason}") from None
    return out
