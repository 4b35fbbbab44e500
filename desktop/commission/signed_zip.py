"""Files the commission signs: assignment packages, receipts and return notes.

They have the submission package's shape (ETSI ASiC-E: `mimetype` first and stored,
`META-INF/ASiCManifest.xml` with every member's SHA-256, `META-INF/planeval.json`
whose "schema" says what the file is, and a detached CMS `META-INF/signature.p7s` over
the manifest), so the same tools open them. Reading is bounded and in memory: sizes
come from the central directory and are checked before anything is inflated.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography import x509

from desktop.commission import verify_zip as vz
from desktop.commission.verify_cms import Clock, Rejected, Signer, check_signature
from desktop.io.package import _zip, _zip_time
from desktop.io.package_manifest import ManifestFormatError, read_manifest, sha256, write_manifest
from desktop.io.package_names import (
    INFO_NAME,
    MANIFEST_NAME,
    MIMETYPE_NAME,
    SIGNATURE_NAME,
)

MiB = 1024 * 1024
META = (MANIFEST_NAME, SIGNATURE_NAME, INFO_NAME)


@dataclass(frozen=True)
class Opened:
    """A signed file whose structure, digests and signature all checked out."""

    info: dict[str, Any]
    members: dict[str, bytes]  # payload only (no mimetype or META-INF)
    signer: Signer


def build_signed_zip(
    members: Mapping[str, bytes], *, info: Mapping[str, Any], created: dt.datetime,
    sign: Callable[[bytes], bytes],
) -> bytes:
    """The zip of `members` with planeval.json (`info`), the manifest and its signature."""
    content = dict(members)
    content[INFO_NAME] = (json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True)
                          + "\n").encode("utf-8")
    manifest = write_manifest(content)
    content[MANIFEST_NAME] = manifest
    content[SIGNATURE_NAME] = sign(manifest)
    return _zip(content, _zip_time(created))


def open_signed_zip(
    raw: bytes, *, schema: str, allowed: Callable[[str], bool],
    trust: Sequence[x509.Certificate], at: dt.datetime | None = None,
    max_total: int = 64 * MiB,
) -> Opened:
    """Check a signed file of kind `schema`; raises Rejected(code, Chinese reason).

    The zip layer is the package verifier's (`verify_zip`): contiguous entries, bounded
    inflating, planeval's own layout; only the member names differ.
    """
    if len(raw) > max_total or not raw.startswith(b"PK\x03\x04"):
        raise Rejected("not-zip", "所选文件不是 planeval 签名文件（zip），或文件过大。")
    with vz.open_zip(raw) as zf:
        infos = zf.infolist()
        vz.check_names(infos, lambda n: n == MIMETYPE_NAME or n in META or allowed(n))
        vz.check_mimetype(raw, infos[0])
        if sum(i.file_size for i in infos) > max_total:
            raise Rejected("too-large", "文件解压后过大，已拒收。")
        vz.check_contiguous(raw, zf)
        members = vz.read_members(raw, zf, required=(MANIFEST_NAME, SIGNATURE_NAME, INFO_NAME))
        vz.check_layout(zf)
    clock = Clock(now=at or dt.datetime.now(dt.UTC))
    signer = check_signature(members[SIGNATURE_NAME], members[MANIFEST_NAME], trust=trust,
                             clock=clock)
    _check_digests(members)
    try:
        info = json.loads(members[INFO_NAME].decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise Rejected("manifest", "planeval.json 不是有效的 JSON。") from exc
    if not isinstance(info, dict) or info.get("schema") != schema:
        raise Rejected("kind", "文件类型不符：这不是所需的 planeval 文件。")
    payload = {n: b for n, b in members.items() if n not in (MIMETYPE_NAME, *META)}
    return Opened(info=info, members=payload, signer=signer)


def _check_digests(members: Mapping[str, bytes]) -> None:
    try:
        refs = read_manifest(members[MANIFEST_NAME])
    except ManifestFormatError as exc:
        raise Rejected("manifest", f"清单格式不正确：{exc}。") from exc
    payload = set(members) - {MIMETYPE_NAME, MANIFEST_NAME, SIGNATURE_NAME}
    if {r.name for r in refs} != payload:
        raise Rejected("manifest-set", "文件中的内容与签名清单不一致。")
    for ref in refs:
        if not hmac.compare_digest(sha256(members[ref.name]), ref.sha256):
            raise Rejected("digest", f"“{ref.name}”在签名后被改动（SHA-256 摘要不符）。")
