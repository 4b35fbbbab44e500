"""Verify a department's package in memory: structure, sizes, digests, signature, signer.

Nothing is extracted to disk. Sizes are checked from the zip's central directory before
any member is read, and reads are bounded by those sizes (zipfile stops at the declared
size and checks the CRC). Every failure has a stable code and a Chinese reason:

    not-zip, too-large, too-many, ratio, corrupt, path, duplicate, member-name, mimetype,
    missing, signature, trailing-data, signer-count, chain, expired, not-trusted,
    manifest, manifest-set, digest, department

Validity periods are checked at `at` if given, else at the signing time the signer put
in the signed attributes, else now. (Without a trusted time-stamp the signing time is the
signer's own claim.)
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509

from desktop.commission.verify_cms import Rejected, check_signature
from desktop.core.errors import os_reason
from desktop.io.package import ManifestInfo
from desktop.io.package_manifest import ManifestFormatError, read_info, read_manifest, sha256
from desktop.io.package_names import (
    DATA_NAME,
    INFO_NAME,
    MANIFEST_NAME,
    MIMETYPE,
    MIMETYPE_NAME,
    SIGNATURE_NAME,
    is_allowed_name,
    path_problem,
)

MiB = 1024 * 1024
_LOCAL_HEADER = b"PK\x03\x04"


@dataclass(frozen=True)
class Limits:
    """Caps checked before reading anything (zip bombs, oversized or crowded packages)."""

    max_package: int = 512 * MiB  # the zip file itself (compressed total)
    max_member: int = 256 * MiB  # one member, uncompressed
    max_total: int = 512 * MiB  # all members, uncompressed (all held in memory)
    max_members: int = 2000
    # Deflate tops out near 1032:1 (a run of zeros); real JSON and CSV stay well under
    # 100:1, so 400:1 flags bombs without refusing repetitive but honest files.
    max_ratio: int = 400  # uncompressed / compressed, for members over ratio_floor
    ratio_floor: int = 1 * MiB


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    code: str  # "ok" or one of the failure codes above
    message_zh: str
    manifest: ManifestInfo | None = None
    signer_subject: str | None = None
    signing_time: dt.datetime | None = None
    members: tuple[str, ...] = field(default=())
    signer_certificate: x509.Certificate | None = None


def verify_package(
    data: bytes | str | os.PathLike[str],
    *,
    trust: Sequence[x509.Certificate],
    at: dt.datetime | None = None,
    limits: Limits = Limits(),
) -> VerifyResult:
    """Check a package (bytes or a path); never raises for anything in the package."""
    try:
        raw = _load(data, limits)
        members = _unzip(raw, limits)
        signer = check_signature(
            members[SIGNATURE_NAME], members[MANIFEST_NAME], trust=trust, at=at
        )
        info = _check_manifest(members)
        if signer.common_name != info.department:
            raise Rejected(
                "department",
                f"材料包声称来自“{info.department}”，但签名证书属于“{signer.common_name}”。",
            )
    except Rejected as r:
        return VerifyResult(False, r.code, r.message)
    return VerifyResult(
        True,
        "ok",
        f"材料包有效：由“{signer.common_name}”签名，{len(members) - 4} 个文件完整无误。",
        manifest=info,
        signer_subject=signer.subject,
        signing_time=signer.signing_time,
        members=tuple(sorted(members)),
        signer_certificate=signer.certificate,
    )


def _load(data: bytes | str | os.PathLike[str], limits: Limits) -> bytes:
    if isinstance(data, bytes | bytearray):
        raw = bytes(data)
    else:
        path = Path(data)
        try:
            if path.stat().st_size > limits.max_package:
                raise Rejected("too-large", _too_big("材料包", path.stat().st_size))
            raw = path.read_bytes()
        except OSError as exc:
            raise Rejected("not-zip", f"无法读取文件“{path.name}”：{os_reason(exc)}") from exc
    if len(raw) > limits.max_package:
        raise Rejected("too-large", _too_big("材料包", len(raw)))
    if not raw.startswith(_LOCAL_HEADER):
        raise Rejected("not-zip", "所选文件不是 zip 材料包。")
    return raw


def _unzip(raw: bytes, limits: Limits) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise Rejected("not-zip", "所选文件不是有效的 zip 材料包，或文件已损坏。") from exc
    with zf:
        return _read_members(raw, zf, limits)


def _read_members(raw: bytes, zf: zipfile.ZipFile, limits: Limits) -> dict[str, bytes]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise Rejected(
            "too-many", f"材料包中的文件过多（{len(infos)} 个，上限 {limits.max_members}）。"
        )
    _check_names(infos)
    _check_mimetype(raw, infos[0])
    _check_sizes(infos, limits, len(raw))
    members: dict[str, bytes] = {}
    for info in infos:
        if info.flag_bits & 0x1:
            raise Rejected("corrupt", f"文件“{info.filename}”被加密，无法核验。")
        try:
            with zf.open(info) as f:
                members[info.filename] = f.read()
        except Exception as exc:  # BadZipFile (CRC), zlib.error, NotImplementedError ...
            raise Rejected("corrupt", f"文件“{info.filename}”已损坏，无法读取。") from exc
    for required in (MANIFEST_NAME, SIGNATURE_NAME, INFO_NAME, DATA_NAME):
        if required not in members:
            raise Rejected("missing", f"材料包缺少必需的文件 {required}。")
    return members


def _check_names(infos: list[zipfile.ZipInfo]) -> None:
    if not infos:
        raise Rejected("not-zip", "材料包是空的 zip 文件。")
    seen: dict[str, str] = {}
    for info in infos:
        name = info.filename
        problem = path_problem(name)
        if problem:
            raise Rejected("path", f"材料包中的文件名“{name}”{problem}，可能试图写到别处，已拒收。")
        folded = name.casefold()
        if folded in seen:
            same = seen[folded] == name
            raise Rejected(
                "duplicate",
                f"材料包中有重名文件“{name}”"
                + ("。" if same else f"（与“{seen[folded]}”仅大小写不同）。"),
            )
        seen[folded] = name
        if not is_allowed_name(name):
            raise Rejected("member-name", f"材料包中不应有文件“{name}”。")


def _check_mimetype(raw: bytes, first: zipfile.ZipInfo) -> None:
    # Local header: the name starts at byte 30, the extra field length is at byte 28.
    local_extra = int.from_bytes(raw[28:30], "little")
    if (
        first.filename != MIMETYPE_NAME
        or first.header_offset != 0
        or raw[30:38] != MIMETYPE_NAME.encode()
    ):
        raise Rejected("mimetype", "材料包的第一个文件必须是 mimetype。")
    if first.compress_type != zipfile.ZIP_STORED or first.extra or local_extra:
        raise Rejected("mimetype", "mimetype 文件必须不压缩存储，且不带扩展字段。")
    start = 30 + len(MIMETYPE_NAME)
    if first.file_size != len(MIMETYPE) or raw[start : start + len(MIMETYPE)] != MIMETYPE:
        raise Rejected("mimetype", f"mimetype 的内容必须是 {MIMETYPE.decode()}。")


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits, package_size: int) -> None:
    # Compressed sizes come from the central directory, as the ratio check does: they
    # cannot add up to more than the file, or one of them is lying.
    if sum(info.compress_size for info in infos) > package_size:
        raise Rejected("corrupt", "材料包的目录记录的文件大小与实际不符，文件已损坏或被改动。")
    total = 0
    for info in infos:
        if info.file_size > limits.max_member:
            raise Rejected("too-large", _too_big(f"文件“{info.filename}”", info.file_size))
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise Rejected(
                "ratio",
                f"文件“{info.filename}”的压缩比异常（{info.file_size // max(info.compress_size, 1)}"
                " 倍），疑似“压缩炸弹”，已拒收。",
            )
        total += info.file_size
    if total > limits.max_total:
        raise Rejected("too-large", _too_big("材料包解压后的总大小", total))


def _check_manifest(members: dict[str, bytes]) -> ManifestInfo:
    try:
        refs = read_manifest(members[MANIFEST_NAME])
    except ManifestFormatError as exc:
        raise Rejected("manifest", f"清单格式不正确：{exc}。") from exc
    listed = {r.name for r in refs}
    payload = set(members) - {MIMETYPE_NAME, MANIFEST_NAME, SIGNATURE_NAME}
    if listed != payload:
        extra, missing = sorted(payload - listed), sorted(listed - payload)
        parts = []
        if extra:
            parts.append("清单未列出的文件：" + "、".join(extra))
        if missing:
            parts.append("清单列出但缺少的文件：" + "、".join(missing))
        raise Rejected("manifest-set", "材料包中的文件与清单不一致。" + "；".join(parts) + "。")
    for ref in refs:
        if not hmac.compare_digest(sha256(members[ref.name]), ref.sha256):
            raise Rejected("digest", f"文件“{ref.name}”在签名后被改动（SHA-256 摘要不符）。")
    try:
        return ManifestInfo.from_json(read_info(members[INFO_NAME]))
    except ManifestFormatError as exc:
        raise Rejected("manifest", f"清单格式不正确：{exc}。") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise Rejected("manifest", "planeval.json 的内容不完整或不一致。") from exc


def _too_big(what: str, size: int) -> str:
    return f"{what}过大（{size / MiB:.1f} MB），超出核验上限，已拒收。"
