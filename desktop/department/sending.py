"""Getting a written package to the commission: the e-mail draft and the copy to a folder.

Shared by the CLI (`planeval email`, `upload`) and the GUI. The facts about a package
(unit, stage, submission id) are read from its own META-INF/planeval.json, so a package
sends the same whichever program made it; the commission's subject line and letter are
built here, once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import PlanevalError, os_reason
from desktop.forms import find_form
from desktop.io.outbox import DeliveryError, build_eml, write_into
from desktop.io.package import ManifestInfo
from desktop.io.package_manifest import ManifestFormatError, read_info
from desktop.io.package_names import INFO_NAME
from desktop.store import Workspace

COMMISSION = "区发改委"
EMAIL_PREFIX = "email:"


@dataclass(frozen=True)
class Outgoing:
    """A written package and what the commission needs to know about it."""

    path: Path
    data: bytes
    info: ManifestInfo
    title: str  # the evaluation, e.g. 普陀区“十四五”规划实施中期评估
    stage_title: str  # 初稿 / 定稿

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def department(self) -> str:
        return self.info.department


def outgoing_of(package: Path) -> Outgoing:
    """Read a package's own description; a Chinese refusal if it is not a package."""
    package = Path(package)
    try:
        data = package.read_bytes()
    except OSError as exc:
        raise DeliveryError(f"无法读取材料包“{package}”：{os_reason(exc)}") from None
    try:
        with zipfile.ZipFile(package) as zf:
            info = ManifestInfo.from_json(read_info(zf.read(INFO_NAME)))
    except (zipfile.BadZipFile, KeyError, TypeError, ValueError, ManifestFormatError, OSError):
        raise DeliveryError(f"“{package.name}”不是 planeval 材料包，或文件已损坏。") from None
    title, stage_title = f"{info.district}{info.round}", info.stage
    try:
        form = find_form(info.form_id)
    except PlanevalError:
        form = None
    if form is not None:
        title = form.title
        stage_title = next((s.title for s in form.stages if s.id == info.stage), info.stage)
    return Outgoing(package, data, info, title, stage_title)


def email_subject(out: Outgoing) -> str:
    """The subject the commission sorts its mail by."""
    return f"【{out.title}】{out.department} {out.stage_title}报送"


def email_body(out: Outgoing, *, date: dt.date) -> str:
    """A short letter to the commission naming the package so it can be checked on arrival."""
    return (f"{COMMISSION}：\n\n"
            f"现报送{out.department}《{out.title}》{out.stage_title}材料包，请查收。\n\n"
            f"单位：{out.department}\n"
            f"阶段：{out.stage_title}\n"
            f"文件名：{out.path.name}\n"
            f"SHA-256：{out.sha256}\n"
            f"提交编号：{out.info.submission_id}\n\n"
            "材料包已用本单位数字证书签名，可用 planeval 核验其完整性和来源。\n\n"
            f"{out.department}\n"
            f"{date.year}年{date.month}月{date.day}日\n")


def write_email_draft(out: Outgoing, out_dir: Path, *, to: str = "",
                      now: dt.datetime | None = None) -> Path:
    """Write an unsent e-mail (.eml, X-Unsent: 1) with the package attached into `out_dir`."""
    now = now or dt.datetime.now().astimezone().replace(microsecond=0)
    eml = build_eml(to=to, subject=email_subject(out), body=email_body(out, date=now.date()),
                    attachment_name=out.path.name, attachment=out.data, date=now)
    return write_into(Path(out_dir), out.path.stem + ".eml", eml)


def copy_package(out: Outgoing, folder: Path) -> Path:
    """Copy the package into a folder (USB stick, share); refuses read-only or full targets."""
    return write_into(Path(folder), out.path.name, out.data)


def log_delivery(ws: Workspace, out: Outgoing, destination: str) -> None:
    """Record in the workspace where the package went ("email:<eml path>" or a folder)."""
    ws.log_export({"stage": out.info.stage, "file_name": out.path.name, "sha256": out.sha256,
                   "submission_id": out.info.submission_id, "destination": destination})
