"""A department workspace made from the commission's signed assignment package.

The package's form definition is kept in the workspace (`form/`), so the department
answers exactly the format it was sent even if another version is installed; the
commission's CA certificate is kept in meta as the trust anchor for its receipts and
return notes, and the package's SHA-256 travels in every submission.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from desktop.commission.assignment_package import AssignmentPackage, read_assignment_package
from desktop.commission.certificates import fingerprint
from desktop.commission.verify_cms import Rejected
from desktop.core.earlier import Earlier
from desktop.core.errors import InputError, WorkspaceError, os_reason
from desktop.forms.definition import folder_hash
from desktop.store import Workspace

FORM_DIR = "form"
MAX_ASSIGNMENT = 64 * 1024 * 1024
# meta keys
ASSIGNMENT = "assignment"
COMMISSION = "commission"
COMMISSION_CA = "commission_ca"


def read_package_file(path: Path, trust: Sequence[x509.Certificate] = ()) -> AssignmentPackage:
    """Read and check an assignment package file; a Chinese refusal for anything wrong."""
    try:
        if not Path(path).is_file():
            raise InputError(f"找不到任务包文件“{path}”。")
        if Path(path).stat().st_size > MAX_ASSIGNMENT:
            raise InputError(f"“{Path(path).name}”过大，不是区发改委下发的任务包。")
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取任务包“{path}”：{os_reason(exc)}") from exc
    try:
        return read_assignment_package(raw, trust=trust)
    except Rejected as r:
        raise InputError(f"任务包“{Path(path).name}”未通过核验：{r.message}") from r


def create_from_package(path: Path, package: Path,
                        trust: Sequence[x509.Certificate] = (), *,
                        earlier: Sequence[Earlier] = (), earlier_of: tuple[str, str] = ("", ""),
                        extra_meta: Mapping[str, str] | None = None) -> Workspace:
    """Make the unit's workspace from a checked assignment package (with an earlier round's
    answers, which must be the same district's and unit's, `earlier_of`: carry_over.py)."""
    pkg = read_package_file(package, trust)
    district, unit = earlier_of
    if unit and (pkg.info["district"], pkg.unit) != (district, unit):
        raise InputError(f"上一轮工作区属于“{district}{unit}”，而任务包发给“{pkg.info['district']}"
                         f"{pkg.unit}”。请选择本单位上一轮的工作区。")
    path = Path(path)
    if (path / "workspace.sqlite").exists():
        raise WorkspaceError(f"文件夹“{path}”中已经有一个工作区，不能覆盖。请换一个空文件夹。")
    made = not path.exists()
    form_dir = path / FORM_DIR
    try:
        if form_dir.exists():
            shutil.rmtree(form_dir)
        for name, data in pkg.form_files.items():
            target = form_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    except OSError as exc:
        raise WorkspaceError(f"无法在“{path}”中写入填报格式：{os_reason(exc)}") from exc
    form = pkg.info["form"]
    try:
        if folder_hash(form_dir) != form.get("hash"):
            raise InputError("任务包中的填报格式与其说明的哈希不一致，任务包可能被改动。")
        ca_pem = pkg.commission_ca.public_bytes(serialization.Encoding.PEM).decode("ascii")
        meta = {
            "district": pkg.info["district"], "round": pkg.info["round"],
            "form_id": form.get("id", ""), "form_version": form.get("version", ""),
            "form_hash": form.get("hash", ""),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sources": Path(package).name, ASSIGNMENT: pkg.sha256,
            COMMISSION: pkg.info["commission"], COMMISSION_CA: ca_pem, **(extra_meta or {}),
        }
        return Workspace.create(path, rows=pkg.rows, department=pkg.unit, meta=meta,
                                earlier=earlier)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(form_dir)
            if made:
                path.rmdir()
        raise


def commission_ca_of(ws: Workspace) -> x509.Certificate | None:
    pem = ws.meta.get(COMMISSION_CA)
    return x509.load_pem_x509_certificate(pem.encode("ascii")) if pem else None


def commission_fingerprint(ws: Workspace) -> str:
    """The commission CA's fingerprint, to compare with the unit's certificate sheet."""
    ca = commission_ca_of(ws)
    return fingerprint(ca) if ca is not None else ""
