"""Shared makings for the package, signing and verification tests (no tests here).

Real keys and certificates throughout: each test CA is made fresh (and cached per run).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import os
import struct
import warnings
import zipfile
from collections.abc import Iterable

from cryptography import x509

from desktop.io.package import ManifestInfo, build_package
from desktop.signing import SigningIdentity, generate_key, make_csr, sign_detached, signer_for
from desktop.signing.ca import issue_certificate, make_ca
from desktop.signing.keys import SigningKey

UTC = dt.UTC
CST = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2023, 1, 1, tzinfo=UTC)
END = dt.datetime(2043, 1, 1, tzinfo=UTC)
CREATED = dt.datetime(2023, 5, 15, 16, 30, tzinfo=CST)
DEPARTMENT = "区科委"
DISTRICT = "普陀区"
COMMISSION = "测试区发展和改革委员会"


def authority(name: str = COMMISSION) -> tuple[SigningKey, x509.Certificate]:
    """A test commission CA (one per name and test run)."""
    return _authority(name)  # one cache key per name, however it is passed


@functools.cache
def _authority(name: str) -> tuple[SigningKey, x509.Certificate]:
    return make_ca(name, not_before=START, not_after=START.replace(year=2053))


def identity(
    department: str = DEPARTMENT,
    *,
    ca: str = COMMISSION,
    not_before: dt.datetime = START,
    not_after: dt.datetime = END,
) -> SigningIdentity:
    """A department key with a certificate issued from its CSR by the CA named `ca`."""
    ca_key, ca_cert = authority(ca)
    key = generate_key()
    csr = make_csr(key, department=department, district=DISTRICT)
    cert = issue_certificate(
        csr, ca_key=ca_key, ca_cert=ca_cert, not_before=not_before, not_after=not_after
    )
    return SigningIdentity(key, cert, (ca_cert,))


@functools.cache
def default_identity() -> SigningIdentity:
    return identity()


def trust(ca: str = COMMISSION) -> list[x509.Certificate]:
    return [authority(ca)[1]]


def data_json(about: ManifestInfo | None = None, **changes: object) -> bytes:
    """data.json agreeing with the manifest `about` (default `info()`), with `changes`."""
    about = about or info()
    data = {
        "schema": "planeval.data/1",
        "form": {"id": about.form_id, "version": "1"},
        "district": about.district,
        "round": about.round,
        "department": about.department,
        "stage": about.stage,
        "indicators": {"3": {"completion": "已完成", "value_2022": "4.2"}},
        "reports": {"P1": {"progress": "稳步推进。" * 50}},
        "accepted": {},
        "signoff": {"leader": "王某某", "date": "2023-07-08"} if about.stage == "final" else None,
        "findings": [],
    } | changes
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def members(size: int = 40_000, about: ManifestInfo | None = None) -> dict[str, bytes]:
    """Demo-sized payload; documents are random bytes (already compressed, like docx)."""
    return {
        "data.json": data_json(about),
        "自评报告-科技创新规划.docx": os.urandom(size),
        "附件6-主要指标评估表.xlsx": os.urandom(size // 2),
        "附件7-主要任务评估表.xlsx": os.urandom(size // 2),
        "attachments/典型案例-张江.pdf": os.urandom(size // 4),
    }


def info(department: str = DEPARTMENT, stage: str = "draft", created=CREATED) -> ManifestInfo:
    return ManifestInfo(
        district=DISTRICT,
        round="十四五中期评估",
        department=department,
        stage=stage,
        form_id="putuo-2023-midterm",
        form_hash="sha256:0f1e2d",
        created=created,
    )


def package(
    payload: dict[str, bytes] | None = None,
    *,
    who: SigningIdentity | None = None,
    manifest: ManifestInfo | None = None,
) -> bytes:
    return build_package(
        payload if payload is not None else members(about=manifest),
        manifest=manifest or info(),
        sign=signer_for(who or default_identity()),
    )


def entries(pkg: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(pkg)) as zf:
        return [(i, zf.read(i)) for i in zf.infolist()]


def rezip(
    pkg: bytes,
    *,
    replace: dict[str, bytes | None] | None = None,
    add: Iterable[tuple[str, bytes]] = (),
) -> bytes:
    """The package's entries rewritten (stored/deflated as before), some replaced or
    dropped (None), extra entries appended, names kept exactly as given."""
    replace = replace or {}
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(out, "w") as zf:
            for old, data in entries(pkg):
                if old.filename in replace:
                    new = replace[old.filename]
                    if new is None:
                        continue
                    data = new
                zf.writestr(_info(old.filename, old.compress_type), data)
            for name, data in add:
                zf.writestr(_info(name, zipfile.ZIP_DEFLATED), data)
    return out.getvalue()


def _info(name: str, compress_type: int) -> zipfile.ZipInfo:
    """An entry with the attributes planeval writes, so that only what a test changes
    differs from a built package."""
    zi = zipfile.ZipInfo(name, date_time=(2023, 5, 15, 16, 30, 0))
    zi.compress_type = compress_type
    zi.create_system = 3
    zi.external_attr = 0o100644 << 16
    return zi


def read(pkg: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(pkg)) as zf:
        return zf.read(name)


def resign(pkg: bytes, manifest_bytes: bytes, who: SigningIdentity | None = None) -> bytes:
    """The package with its manifest replaced and signed again (by a legitimate key)."""
    who = who or default_identity()
    signature = sign_detached(manifest_bytes, who.key, who.certificate, who.chain)
    return rezip(
        pkg,
        replace={"META-INF/ASiCManifest.xml": manifest_bytes, "META-INF/signature.p7s": signature},
    )


def flip(data: bytes, at: int = -1) -> bytes:
    buf = bytearray(data)
    buf[at] ^= 0x01
    return bytes(buf)


def compressed_span(package: bytes, name: str = "") -> range:
    """Where a member's compressed data lies in the zip (the largest member's if no name):
    after its local header, whose name and extra field lengths are read from the header."""
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        member = zf.getinfo(name) if name else max(zf.infolist(), key=lambda i: i.compress_size)
    name_len, extra_len = struct.unpack_from("<2H", package, member.header_offset + 26)
    start = member.header_offset + 30 + name_len + extra_len
    return range(start, start + member.compress_size)


def damaged(package: bytes) -> bytes:
    """The package with a byte flipped in the middle of its largest member's compressed
    data, where a flip always changes what is read (unlike a zip time field)."""
    span = compressed_span(package)
    return flip(package, span[len(span) // 2])


def sign_at(content: bytes, who: SigningIdentity, when: dt.datetime) -> bytes:
    """A detached CMS as planeval writes it, but with a signing time of the signer's
    choosing (what a forger back- or forward-dating a package would make)."""
    from asn1crypto import cms
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding

    certs = [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER))
             for c in (who.certificate, *who.chain)]
    attrs = cms.CMSAttributes([
        cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
        cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": when})]}),
        cms.CMSAttribute({"type": "message_digest",
                          "values": [hashlib.sha256(content).digest()]}),
    ])
    signature = who.key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))  # type: ignore[call-arg]
    sid = cms.IssuerAndSerialNumber({"issuer": certs[0].issuer,
                                     "serial_number": certs[0].serial_number})
    signer = cms.SignerInfo({
        "version": "v1", "sid": cms.SignerIdentifier({"issuer_and_serial_number": sid}),
        "digest_algorithm": {"algorithm": "sha256"}, "signed_attrs": attrs,
        "signature_algorithm": {"algorithm": "sha256_ecdsa"}, "signature": signature,
    })
    signed = cms.SignedData({
        "version": "v1", "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": "data"},
        "certificates": certs, "signer_infos": [signer],
    })
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def package_signed_at(when: dt.datetime, who: SigningIdentity | None = None) -> bytes:
    """A package whose signature claims the signing time `when`."""
    who = who or default_identity()
    return build_package(members(), manifest=info(), sign=lambda m: sign_at(m, who, when))
