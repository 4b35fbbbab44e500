"""The package a department sends the commission: a signed, deterministic ASiC-E zip.

Layout (ETSI ASiC-E with a CAdES detached signature)::

    mimetype                        first, STORED, no extra field:
                                    application/vnd.etsi.asic-e+zip
    META-INF/ASiCManifest.xml       SHA-256 of every other member but the signature
    META-INF/planeval.json          round, district, department, stage, form id and hash,
                                    app version, created time, submission id
    META-INF/signature.p7s          detached CMS over the exact ASiCManifest.xml bytes
    data.json                       every answer (see below)
    attachments/<name>              evidence, if any
    自评报告-<plan>.docx, 附件6-主要指标评估表.xlsx, 附件7-主要任务评估表.xlsx, ...

Members after `mimetype` are sorted by their UTF-8 names. Every entry has the created time
(clamped to 1980-01-01 or later), create_system 3 (Unix), external attributes 0644, and
is deflated at level 6, except mimetype, the signature and formats that are already
compressed (docx, xlsx, pdf, images, ...), which are stored. The same members and
ManifestInfo therefore give the same bytes, except the signature, which carries the
signing time and a randomised ECDSA value. (The deflate output is zlib's: two machines
with different zlib builds may compress differently; the digests do not depend on it.)

data.json is `desktop.department.operations.export_data`'s output, schema "planeval.data/1":

    {"schema": "planeval.data/1",
     "form": {"id": "<form id>", "version": "<form version>"},
     "department": "<department>",
     "<table id>": {"<commission row number>": {"<field>": <value>, ...}, ...},
     "reports": {"<plan row number>": {"<section id>": "<text>", ...}},
     "accepted": {"<finding key>": "<reason the warning was accepted>"}}

META-INF/planeval.json, schema "planeval.package/1": {"schema", "submission_id",
"district", "round", "department", "stage" (an id the form declares: "draft", "final", ...),
"form": {"id", "hash"}, "app_version", "created" (ISO 8601 with offset), "assignment"
(the SHA-256 of the signed assignment package the workspace was made from, absent when it
was made from division tables), and for a compilation round's document "kind"
("deliverable") and "item" (the subject and row it is about, "topics/1-4")}. The
submission id is a UUID5 of department, round, stage and created time (and item, when
given), so rebuilding the same submission gives the same id.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop import __version__
from desktop.core.errors import PlanevalError
from desktop.io.package_manifest import INFO_SCHEMA, write_info, write_manifest
from desktop.io.package_names import (
    DATA_NAME,
    INFO_NAME,
    MANIFEST_NAME,
    MIMETYPE,
    MIMETYPE_NAME,
    SIGNATURE_NAME,
    is_payload_name,
    path_problem,
    safe_name,
)

STAGES = {"draft": "初稿", "final": "定稿"}  # titles for a file name given a bare id
# A stage is any id the form declares (draft, outline, final, ...): a short lower-case word.
STAGE_ID = re.compile(r"[a-z][a-z0-9_-]{0,31}")
DEFLATE_LEVEL = 6
ALREADY_COMPRESSED = (".docx", ".xlsx", ".pptx", ".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".zip")
ZipTime = tuple[int, int, int, int, int, int]
ZIP_EPOCH: ZipTime = (1980, 1, 1, 0, 0, 0)
SUBMISSION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:planeval:submission")


class PackageError(PlanevalError):
    """The package cannot be built from what was given."""


@dataclass(frozen=True)
class ManifestInfo:
    """What the package says about itself (META-INF/planeval.json)."""

    district: str
    round: str
    department: str
    stage: str  # a stage id the form declares ("draft", "final", ...)
    form_id: str
    form_hash: str
    created: dt.datetime  # timezone-aware
    app_version: str = __version__
    assignment: str = ""  # SHA-256 of the signed assignment package answered, if any
    # A compilation round's document (kind "deliverable") is about one item, e.g.
    # "topics/1-4"; an evaluation package leaves both empty.
    kind: str = ""
    item: str = ""

    @property
    def submission_id(self) -> str:
        parts = [self.department, self.round, self.stage, self.created.isoformat()]
        key = "\n".join([*parts, self.item] if self.item else parts)
        return str(uuid.uuid5(SUBMISSION_NAMESPACE, key))

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": INFO_SCHEMA,
            "submission_id": self.submission_id,
            "district": self.district,
            "round": self.round,
            "department": self.department,
            "stage": self.stage,
            "form": {"id": self.form_id, "hash": self.form_hash},
            "app_version": self.app_version,
            "created": self.created.isoformat(),
        } | ({"assignment": self.assignment} if self.assignment else {}) | (
            {"kind": self.kind, "item": self.item} if self.kind else {})

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ManifestInfo:
        """Raises KeyError, TypeError or ValueError on a malformed document."""
        form = data["form"]
        info = cls(
            district=_text(data["district"]),
            round=_text(data["round"]),
            department=_text(data["department"]),
            stage=_text(data["stage"]),
            form_id=_text(form["id"]),
            form_hash=_text(form["hash"]),
            created=dt.datetime.fromisoformat(_text(data["created"])),
            app_version=_text(data["app_version"]),
            assignment=_text(data.get("assignment", "")),
            kind=_text(data.get("kind", "")),
            item=_text(data.get("item", "")),
        )
        if not STAGE_ID.fullmatch(info.stage) or info.created.tzinfo is None:
            raise ValueError("stage or created time")
        if data.get("submission_id") != info.submission_id:
            raise ValueError("submission id")
        return info


def build_package(
    members: Mapping[str, bytes], *, manifest: ManifestInfo, sign: Callable[[bytes], bytes]
) -> bytes:
    """The package zip: payload `members`, manifest, metadata and the signature by `sign`.

    `sign` takes the manifest bytes and returns a detached DER CMS signature (see
    `desktop.signing.signer_for`).
    """
    _check(members, manifest)
    content = dict(members)
    content[INFO_NAME] = write_info(manifest.to_json())
    manifest_bytes = write_manifest(content)
    content[MANIFEST_NAME] = manifest_bytes
    content[SIGNATURE_NAME] = sign(manifest_bytes)
    return _zip(content, _zip_time(manifest.created))


def package_file_name(district: str, department: str, round: str, stage: str, date: dt.date) -> str:
    """ "普陀区-区科委-十四五中期评估-初稿-20230515.zip", safe as a Windows file name."""
    parts = [district, department, round, STAGES.get(stage, stage), date.strftime("%Y%m%d")]
    name = "-".join(safe_name(p, limit=60, empty="_") for p in parts)  # under 200 in all
    return name + ".zip"


def _check(members: Mapping[str, bytes], manifest: ManifestInfo) -> None:
    if not STAGE_ID.fullmatch(manifest.stage):
        raise PackageError(f"阶段“{manifest.stage}”无效，应为格式定义中声明的阶段标识"
                           "（如 draft、final）。")
    if manifest.created.tzinfo is None:
        raise PackageError("打包时间必须带时区。")
    if DATA_NAME not in members:
        raise PackageError("材料包缺少数据文件 data.json。")
    for name in members:
        problem = path_problem(name)
        if problem or not is_payload_name(name):
            raise PackageError(
                f"文件名“{name}”不能放入材料包{f'（{problem}）' if problem else ''}："
                "文档须为顶层的 .docx/.xlsx，佐证材料须放在 attachments/ 下，"
                '且文件名不得含有 \\ / : * ? " < > | 等字符。'
            )
    folded = [n.casefold() for n in members]
    if len(set(folded)) != len(folded):
        raise PackageError("材料包中有仅大小写不同的重名文件，请重命名后再打包。")


def _zip(content: Mapping[str, bytes], when: ZipTime) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        _write(zf, MIMETYPE_NAME, MIMETYPE, when, stored=True)
        for name in sorted(content, key=lambda n: n.encode("utf-8")):
            _write(zf, name, content[name], when, stored=_store(name))
    return buf.getvalue()


def _write(zf: zipfile.ZipFile, name: str, data: bytes, when: ZipTime, *, stored: bool) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    info.create_system = 3  # Unix, on every OS (ZipInfo says 0 on Windows)
    info.external_attr = 0o100644 << 16
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    zf.writestr(info, data, compresslevel=None if stored else DEFLATE_LEVEL)


def _store(name: str) -> bool:
    """Whether to store a member as is: deflating what is already compressed wastes time."""
    return name == SIGNATURE_NAME or name.lower().endswith(ALREADY_COMPRESSED)


def _zip_time(created: dt.datetime) -> ZipTime:
    t = (created.year, created.month, created.day, created.hour, created.minute, created.second)
    return max(t, ZIP_EPOCH)  # zip cannot say times before 1980


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value
