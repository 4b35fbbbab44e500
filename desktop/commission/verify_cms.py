"""Checks on a package's detached CMS signature and the signer's certificate chain.

asn1crypto parses the SignedData; cryptography verifies signatures. Every failure raises
`Rejected(code, message_zh)`, which `verify.verify_package` turns into its result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from asn1crypto import cms, parser
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

# (asn1crypto certificate, the same parsed by cryptography); asn1crypto has no type hints.
Carried = list[tuple[Any, x509.Certificate]]
_Ext = TypeVar("_Ext", bound=x509.ExtensionType)

MAX_CHAIN = 6
_EC_ALGOS = {"sha256_ecdsa", "ecdsa"}
_RSA_ALGOS = {"sha256_rsa", "rsassa_pkcs1v15", "rsa"}


class Rejected(Exception):
    """A package check failed: a stable code and a Chinese reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Signer:
    subject: str  # RFC 4514, e.g. "O=普陀区,CN=区科委"
    common_name: str
    organization: str
    signing_time: dt.datetime | None
    certificate: x509.Certificate


@dataclass(frozen=True)
class Clock:
    """The times a signature is judged by.

    `now` is the verifier's clock. `received_at` is when the commission received the
    package: its own receipt, the only time it can trust (the signing time is the
    signer's claim). `allow_expired` is the round's policy: whether a certificate that
    has expired since may still count, provided the package arrived before the expiry.
    """

    now: dt.datetime
    received_at: dt.datetime | None = None
    allow_expired: bool = False
    revoked: tuple[x509.CertificateRevocationList, ...] = ()


def check_signature(
    p7s: bytes,
    content: bytes,
    *,
    trust: Sequence[x509.Certificate],
    clock: Clock | None = None,
) -> Signer:
    """Verify a detached DER CMS over `content` and its chain to one of `trust`, judged
    by `clock` (default: now, no receipt time)."""
    clock = clock or Clock(now=dt.datetime.now(dt.UTC))
    try:
        return _check(p7s, content, trust, clock)
    except Rejected:
        raise
    except Exception as exc:
        # A damaged certificate or attribute can fail deep inside either library
        # (cryptography's InvalidVersion is not even a ValueError): never a traceback.
        raise Rejected("signature", "签名文件或其中的证书无法解析，可能已损坏或被改动。") from exc


def _check(
    p7s: bytes,
    content: bytes,
    trust: Sequence[x509.Certificate],
    clock: Clock,
) -> Signer:
    signed_data = _parse(p7s)
    signer_info, certs = _single_signer(signed_data)
    signing_time = _check_attributes(signer_info, content)
    cert = _signer_certificate(signer_info, certs)
    _check_signature_value(signer_info, cert)
    _check_carried(cert, [c for _, c in certs], trust)
    path = _chain(cert, certs, trust)
    check_times(path, signing_time, clock)
    check_revoked(path, clock)
    _check_path(path)
    return Signer(
        subject=cert.subject.rfc4514_string(),
        common_name=_attr(cert.subject, NameOID.COMMON_NAME),
        organization=_attr(cert.subject, NameOID.ORGANIZATION_NAME),
        signing_time=signing_time,
        certificate=cert,
    )


def _parse(p7s: bytes) -> cms.SignedData:
    try:
        _, _, _, header, body, trailer = parser.parse(p7s)
    except Exception as exc:  # asn1crypto raises ValueError and friends on garbage
        raise Rejected("signature", "签名文件无法解析，可能已损坏或被改动。") from exc
    if len(header) + len(body) + len(trailer) != len(p7s):
        raise Rejected("trailing-data", "签名文件在 DER 编码结束后还有多余的数据，可能被改动。")
    try:
        info = cms.ContentInfo.load(p7s, strict=True)
        if info["content_type"].native != "signed_data":
            raise Rejected("signature", "签名文件不是 CMS 签名数据（SignedData）。")
        signed = info["content"]
        encap = signed["encap_content_info"]
        if encap["content_type"].native != "data" or encap["content"].native is not None:
            raise Rejected("signature", "签名文件不是对清单的分离式签名。")
        signed.native  # noqa: B018  parse everything now, so later reads cannot fail
        # Unsigned fields too must be exactly what a planeval signer writes, so that a
        # changed byte anywhere in the file is refused, not silently ignored.
        algos = [a["algorithm"].native for a in signed["digest_algorithms"]]
        if signed["version"].native != "v1" or algos != ["sha256"]:
            raise Rejected("signature", "签名文件的版本或摘要算法列表不正确。")
        for info in signed["signer_infos"]:
            digest = info["digest_algorithm"]
            if info["version"].native != "v1" or digest["parameters"].native is not None:
                raise Rejected("signature", "签名者信息的版本或摘要算法参数不正确。")
    except Rejected:
        raise
    except Exception as exc:
        raise Rejected("signature", "签名文件无法解析，可能已损坏或被改动。") from exc
    return signed


def _single_signer(
    signed: cms.SignedData,
) -> tuple[cms.SignerInfo, Carried]:
    infos = signed["signer_infos"]
    if len(infos) != 1:
        raise Rejected("signer-count", f"签名文件应当只有一个签名者，实际有 {len(infos)} 个。")
    certs = []
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        if choice.chosen["signature_value"].contents[:1] != b"\x00":
            # A signature BIT STRING always has 0 unused bits; another value is a change
            # outside the signed part that cryptography would overlook.
            raise Rejected("chain", "签名文件中的证书编码不正确，可能已被改动。")
        try:
            certs.append((choice.chosen, x509.load_der_x509_certificate(choice.chosen.dump())))
        except Exception as exc:  # ValueError, InvalidVersion, ...
            raise Rejected("chain", "签名文件中的证书无法解析。") from exc
    return infos[0], certs


def _check_attributes(signer_info: cms.SignerInfo, content: bytes) -> dt.datetime | None:
    if signer_info["digest_algorithm"]["algorithm"].native != "sha256":
        raise Rejected("signature", "签名使用的摘要算法不是 SHA-256。")
    attrs = signer_info["signed_attrs"]
    if not attrs or not len(attrs):
        raise Rejected("signature", "签名缺少签名属性（内容类型、消息摘要）。")
    found: dict[str, object] = {}
    for attr in attrs:
        kind = attr["type"].native
        if kind in found or len(attr["values"]) != 1:
            raise Rejected("signature", f"签名属性“{kind}”重复出现。")
        found[kind] = attr["values"][0].native
    if found.get("content_type") != "data":
        raise Rejected("signature", "签名属性中的内容类型不是 data。")
    digest = found.get("message_digest")
    expected = hashlib.sha256(content).digest()
    if not isinstance(digest, bytes) or not hmac.compare_digest(digest, expected):
        raise Rejected("signature", "签名与清单不符：清单在签名后被改动，或签名属于另一个材料包。")
    when = found.get("signing_time")
    return when if isinstance(when, dt.datetime) else None


def _signer_certificate(signer_info: cms.SignerInfo, certs: Carried) -> x509.Certificate:
    sid = signer_info["sid"]
    for asn1_cert, cert in certs:
        if sid.name == "issuer_and_serial_number":
            ias = sid.chosen
            serial = ias["serial_number"].native
            if asn1_cert.issuer == ias["issuer"] and asn1_cert.serial_number == serial:
                return cert
        elif asn1_cert.key_identifier == sid.chosen.native:
            return cert
    raise Rejected("chain", "签名文件中没有签名者的证书。")


def _check_signature_value(signer_info: cms.SignerInfo, cert: x509.Certificate) -> None:
    # The signature covers the DER of the signed attributes as a SET OF (tag 0x31), not
    # with the [0] IMPLICIT tag they carry inside SignerInfo (RFC 5652, 5.4).
    tagged = signer_info["signed_attrs"].dump()
    signed_bytes = b"\x31" + tagged[1:]
    signature = signer_info["signature"].native
    algo = signer_info["signature_algorithm"]["algorithm"].native
    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey) and algo in _EC_ALGOS:
            key.verify(signature, signed_bytes, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey) and algo in _RSA_ALGOS:
            key.verify(signature, signed_bytes, padding.PKCS1v15(), hashes.SHA256())
        else:
            raise Rejected("signature", f"不支持的签名算法“{algo}”。")
    except (InvalidSignature, UnsupportedAlgorithm, ValueError) as exc:
        raise Rejected(
            "signature", "签名值无效：签名文件被改动，或不是用该证书的私钥签的。"
        ) from exc


def _check_carried(
    signer: x509.Certificate,
    carried: list[x509.Certificate],
    trust: Sequence[x509.Certificate],
) -> None:
    """Every certificate carried must be the signer's or above it, each signature checked
    up to a valid self-signed root or a trusted certificate, so a damaged or unrelated
    certificate cannot ride along unnoticed."""
    upward = [signer]
    for _ in range(MAX_CHAIN):
        current = upward[-1]
        if current.issuer == current.subject:
            if not _issued_by(current, current):
                raise Rejected("chain", "签名文件中的根证书自签名无效，可能已损坏或被改动。")
            break
        issuer = next(
            (c for c in carried if c not in upward and c.subject == current.issuer
             and _issued_by(current, c)),
            None,
        )  # fmt: skip
        if issuer is None:
            break
        upward.append(issuer)
    top = upward[-1]
    if top.issuer != top.subject and not any(_issued_by(top, t) for t in trust):
        raise Rejected("chain", "签名文件中的证书链不完整或已损坏。")
    if any(c not in upward for c in carried):
        raise Rejected("chain", "签名文件中含有与签名者证书链无关或已损坏的证书。")


def _chain(
    cert: x509.Certificate,
    certs: Carried,
    trust: Sequence[x509.Certificate],
) -> list[x509.Certificate]:
    if not trust:
        raise Rejected("not-trusted", "没有配置区发改委的可信证书，无法核验签名者。")
    if cert in trust:
        return [cert]
    pool = [c for _, c in certs]
    path = [cert]
    forged = False
    for _ in range(MAX_CHAIN):
        current = path[-1]
        for anchor in trust:
            if current.issuer == anchor.subject:
                if _issued_by(current, anchor):
                    return path + [anchor]
                forged = True
        candidates = [c for c in pool if c.subject == current.issuer and c not in path]
        issuer = next((c for c in candidates if _issued_by(current, c)), None)
        if issuer is None:
            forged = forged or bool(candidates)
            break
        path.append(issuer)
    if forged:
        raise Rejected("chain", "签名者证书链中的签名无效：证书可能是伪造的。")
    raise Rejected(
        "not-trusted",
        f"签名者证书（{cert.subject.rfc4514_string()}）不是由可信的区发改委证书签发的。",
    )


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm):
        return False
    return True


def _check_path(path: list[x509.Certificate]) -> None:
    for issuer in path[1:]:
        constraints = _extension(issuer, x509.BasicConstraints)
        if constraints is None or not constraints.ca:
            raise Rejected("chain", "签名者证书链中有不是 CA 的证书充当了签发者。")
        usage = _extension(issuer, x509.KeyUsage)
        if usage is not None and not usage.key_cert_sign:
            raise Rejected("chain", "签名者证书链中的签发证书不允许签发证书。")
    usage = _extension(path[0], x509.KeyUsage)
    if usage is None or not usage.digital_signature:
        raise Rejected("chain", "签名者证书不允许用于数字签名（密钥用法缺少 digitalSignature）。")


SKEW = dt.timedelta(minutes=10)  # clocks of department PCs drift; this much is forgiven


def check_times(path: list[x509.Certificate], signing_time: dt.datetime | None,
                clock: Clock) -> None:
    """The signing time is the signer's claim: it must not lie after the trusted time (the
    receipt, else now), and every certificate must be valid both at the signing time and
    now; one expired since counts only when the round allows it and the package arrived
    before the expiry."""
    if signing_time is None:
        raise Rejected("signing-time", "签名中没有签名时间，无法核验证书有效期。")
    trusted = clock.received_at or clock.now
    if signing_time - SKEW > trusted:  # (not trusted + SKEW: it overflows near 9999)
        when = "收到材料包的时间" if clock.received_at else "当前时间"
        raise Rejected("signing-time", f"签名时间（{_day(signing_time)}）晚于{when}"
                                       f"（{_day(trusted)}），签名时间不可信，已拒收。")
    for cert in path:
        name = _attr(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string()
        start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
        if signing_time < start or clock.now < start:
            raise Rejected("expired", f"证书“{name}”在签名时（{_day(signing_time)}）尚未生效"
                                      f"（{_day(start)} 起有效）。")
        if signing_time > end:
            raise Rejected("expired", f"证书“{name}”已于 {_day(end)} 过期，"
                                      f"签名时间为 {_day(signing_time)}。")
        if clock.now > end:
            _expired_since(name, end, clock)


def _expired_since(name: str, end: dt.datetime, clock: Clock) -> None:
    expired = f"证书“{name}”已于 {_day(end)} 过期"
    if not clock.allow_expired:
        raise Rejected("expired", f"{expired}，本轮评估不接受过期证书签名的材料包。")
    if clock.received_at is None:
        raise Rejected("expired", f"{expired}，且没有区发改委的收件时间，"
                                  "无法确认是在过期前收到的。")
    if clock.received_at > end:
        raise Rejected("expired", f"{expired}，材料包是在过期后（{_day(clock.received_at)}）"
                                  "才收到的。")


def check_revoked(path: list[x509.Certificate], clock: Clock) -> None:
    """Refuse a certificate on a revocation list its issuer signed, revoked before the
    package arrived (or, without a receipt time, before now)."""
    trusted = clock.received_at or clock.now
    for cert, issuer in zip(path, path[1:], strict=False):
        for crl in clock.revoked:
            if crl.issuer != issuer.subject or not _crl_signed_by(crl, issuer):
                continue
            entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
            if entry is not None and entry.revocation_date_utc <= trusted:
                name = _attr(cert.subject, NameOID.COMMON_NAME)
                raise Rejected("revoked", f"证书“{name}”已于 {_day(entry.revocation_date_utc)}"
                                          " 被区发改委吊销，不能再用于签名。")


def _crl_signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    try:
        return crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
    except (TypeError, ValueError, UnsupportedAlgorithm):
        return False


def _extension(cert: x509.Certificate, kind: type[_Ext]) -> _Ext | None:
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    value = values[0].value if values else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def _day(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d")
