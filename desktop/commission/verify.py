"""Verify a department's package in memory: structure, sizes, digests, signature, signer.

Nothing is extracted to disk. Sizes are checked from the zip's central directory before
any member is read, the entries must fill the file with nothing hidden between them, and
members are inflated in bounded chunks (see verify_zip). Every failure has a stable code
and a Chinese reason (CODES below; docs/package.md explains each).

Times (see verify_cms.Clock): the signing time is the signer's own claim, so it must not
lie after the trusted time (`received_at`, the commission's receipt, else now), and every
certificate must be valid at the signing time and now (`at` stands in for now). A
certificate expired since counts only with `allow_expired` (the round's policy) and a
`received_at` before the expiry. `revoked` are the commission's revocation lists.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography import x509

from desktop.commission import verify_zip as vz
from desktop.commission.verify_cms import Clock, Rejected, check_signature
from desktop.commission.verify_data import check_data, check_replay
from desktop.io.package import ManifestInfo
from desktop.io.package_manifest import ManifestFormatError, read_info, read_manifest, sha256
from desktop.io.package_names import INFO_NAME, MANIFEST_NAME, MIMETYPE_NAME, SIGNATURE_NAME

__all__ = ["CODES", "Limits", "VerifyResult", "check_replay", "verify_package"]

MiB = vz.MiB
CODES = (
    "not-file", "not-zip", "too-large", "too-many", "ratio", "corrupt", "hidden-data", "path",
    "duplicate", "member-name", "mimetype", "missing", "signature", "trailing-data",
    "signer-count", "chain", "signing-time", "expired", "revoked", "not-trusted", "manifest",
    "manifest-set", "digest", "layout", "department", "data", "final",
)  # fmt: skip


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
    received_at: dt.datetime | None = None,
    allow_expired: bool = False,
    revoked: Sequence[x509.CertificateRevocationList] = (),
    limits: Limits = Limits(),
) -> VerifyResult:
    """Check a package (bytes or a path); never raises for anything in the package.

    `at`: the verifier's clock (default now). `received_at`: when the commission received
    the package (intake passes its receipt time). `allow_expired`: the round accepts a
    certificate that expired after the package arrived. `revoked`: revocation lists.
    """
    clock = Clock(now=_aware(at) or dt.datetime.now(dt.UTC), received_at=_aware(received_at),
                  allow_expired=allow_expired, revoked=tuple(revoked))
    try:
        raw = vz.load(data, limits.max_package)
        with vz.open_zip(raw) as zf:
            members = _unzip(raw, zf, limits)
            signer = check_signature(members[SIGNATURE_NAME], members[MANIFEST_NAME],
                                     trust=trust, clock=clock)
            info = _check_manifest(members)
            vz.check_layout(zf)
        if signer.common_name != info.department:
            raise Rejected(
                "department",
                f"材料包声称来自“{info.department}”，但签名证书属于“{signer.common_name}”。",
            )
        check_data(members, info)
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


def _aware(when: dt.datetime | None) -> dt.datetime | None:
    if when is None or when.tzinfo is not None:
        return when
    return when.replace(tzinfo=dt.UTC)


def _unzip(raw: bytes, zf: zipfile.ZipFile, limits: Limits) -> dict[str, bytes]:
    infos = zf.infolist()
    if len(infos) > limits.max_members:
        raise Rejected(
            "too-many", f"材料包中的文件过多（{len(infos)} 个，上限 {limits.max_members}）。"
        )
    vz.check_names(infos)
    vz.check_mimetype(raw, infos[0])
    _check_sizes(infos, limits, len(raw))
    vz.check_contiguous(raw, zf)
    return vz.read_members(raw, zf)


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits, package_size: int) -> None:
    # Compressed sizes come from the central directory, as the ratio check does: they
    # cannot add up to more than the file, or one of them is lying.
    if sum(info.compress_size for info in infos) > package_size:
        raise Rejected("corrupt", "材料包的目录记录的文件大小与实际不符，文件已损坏或被改动。")
    total = 0
    for info in infos:
        if info.file_size > limits.max_member:
            raise Rejected("too-large", vz.too_big(f"文件“{info.filename}”", info.file_size))
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
        raise Rejected("too-large", vz.too_big("材料包解压后的总大小", total))


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


