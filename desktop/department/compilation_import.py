"""The lead unit takes in a cooperating unit's contribution: a signed deliverable package,
verified like any package, checked to be about a row this unit leads and to come from a
unit the division tables name as cooperating there, then kept in the workspace
(`contributions/`, listed in meta "contribution:<sha256>")."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from desktop.core.compilation import LEAD, SUPPORT, CompilationForm
from desktop.core.compilation_work import role_of, roster_of
from desktop.core.errors import InputError, os_reason
from desktop.department.compilation import DELIVERABLE
from desktop.io.outbox import write_into
from desktop.io.package_names import DATA_NAME, MIMETYPE_NAME
from desktop.store import Workspace

FOLDER = "contributions"
PREFIX = "contribution:"


@dataclass(frozen=True)
class Contribution:
    sha256: str
    unit: str
    deliverable: str
    number: str
    title: str
    authors: str
    summary: str
    created: str
    members: tuple[str, ...]


def _read(source: Path) -> bytes:
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取材料包（{os_reason(exc)}）。", file=str(source)) from None


def import_contribution(ws: Workspace, form: CompilationForm, source: Path, *,
                        trust: Sequence[x509.Certificate],
                        at: dt.datetime | None = None) -> Contribution:
    """Verify and keep a cooperating unit's package; refused with the reason otherwise."""
    from desktop.commission.verify import verify_package

    raw = _read(source)
    result = verify_package(raw, trust=trust, at=at)
    if not result.ok or result.manifest is None:
        raise InputError(f"材料包未通过核验：{result.message_zh}", file=str(source))
    info = result.manifest
    data = _data(raw)
    if info.kind != DELIVERABLE or info.form_id != form.id:
        raise InputError("这不是本编制轮次的课题材料包。", file=str(source))
    deliverable = form.deliverable(info.stage)
    if deliverable is None or deliverable.by != SUPPORT:
        raise InputError("这个材料包不是配合单位报送的研究材料。", file=str(source))
    number = str(data.get("number", ""))
    row = next((r for r in ws.rows(deliverable.subject) if r.number == number), None)
    if row is None or row.fields.get("role") != LEAD:
        raise InputError(f"材料包所属的序号“{number}”不是本单位牵头的项目。", file=str(source))
    if role_of(row, roster_of(form, ws.rows()), info.department) != SUPPORT:
        raise InputError(f"分工表中“{info.department}”不是“{row.title}”的配合单位。",
                         file=str(source))
    digest = hashlib.sha256(raw).hexdigest()
    if ws.meta.get(PREFIX + digest):
        raise InputError("这个材料包已经导入过了。", file=str(source))
    folder = ws.path / FOLDER
    folder.mkdir(exist_ok=True)
    write_into(folder, f"{digest[:16]}.zip", raw)
    document = data.get("document")
    document = document if isinstance(document, dict) else {}
    found = Contribution(digest, info.department, deliverable.id, number,
                         str(document.get("title", "")), str(document.get("authors", "")),
                         str(document.get("summary", "")), info.created.isoformat(),
                         tuple(m for m in result.members if not m.startswith("META-INF/")
                               and m not in (DATA_NAME, MIMETYPE_NAME)))
    ws.set_meta(PREFIX + digest, json.dumps(found.__dict__, ensure_ascii=False))
    return found


def _data(raw: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:  # verified above: bounded and complete
        data = json.loads(zf.read(DATA_NAME).decode("utf-8"))
    return data if isinstance(data, dict) else {}


def contributions(ws: Workspace) -> tuple[Contribution, ...]:
    """Every contribution taken in, oldest first."""
    found = [Contribution(**{**json.loads(v), "members": tuple(json.loads(v)["members"])})
             for k, v in ws.meta.items() if k.startswith(PREFIX) and v]
    return tuple(sorted(found, key=lambda c: c.created))


def unpack(ws: Workspace, contribution: Contribution) -> Path:
    """The contribution's files in a folder of their own beside the kept package, checked
    against the digest taken at import (a kept package changed since is refused)."""
    kept = ws.path / FOLDER / f"{contribution.sha256[:16]}.zip"
    raw = _read(kept)
    if hashlib.sha256(raw).hexdigest() != contribution.sha256:
        raise InputError("保存的材料包在导入后被改动过，请重新导入配合单位的原始材料包。",
                         file=str(kept))
    folder = ws.path / FOLDER / contribution.sha256[:16]
    folder.mkdir(exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        for member in contribution.members:
            name = Path(member).name
            if name:
                write_into(folder, name, zf.read(member))
    return folder
