"""The commission's certificates: its CA, one key and certificate per unit on the roster
(a PKCS#12 file plus a printed sheet with the passphrase), revocation lists, and the
outside CAs it trusts.

Keys are EC P-256; certificates come from `desktop.signing.ca`, so what is issued here is
exactly what a department's CSR would have got and what `verify_package` accepts. The
commission's own key is stored by the caller in a key store (`desktop.signing.keystore`),
encrypted like a department's.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from desktop.core.errors import os_reason
from desktop.io.certificate_sheet import build_certificate_sheet
from desktop.io.package_names import safe_name
from desktop.signing.ca import issue_certificate, make_ca
from desktop.signing.certs import fingerprint, parse_certificates
from desktop.signing.errors import SigningError
from desktop.signing.keys import (
    SigningIdentity,
    check_key_matches,
    common_name,
    generate_key,
    make_csr,
)

__all__ = ["CertificateError", "IssuedCertificate", "REASONS", "Revocation", "UnitContact",
           "create_commission_ca", "fingerprint", "issue_roster", "issue_unit_identity",
           "make_crl", "new_passphrase", "pkcs12_bytes", "read_crl", "read_trust_anchor"]

_Ext = TypeVar("_Ext", bound=x509.ExtensionType)

# Certificates start a day before they are issued: offline office PCs keep loose time
# (a wrong time zone alone is 8 hours), and a certificate "not yet valid" at signing time
# would make the unit's package fail verification.
CLOCK_SKEW = dt.timedelta(days=1)
MAX_UNIT_NAME = 64  # X.509's upper bound for a common name
# Upper-case letters and digits without the look-alikes 0/O and 1/I (lower case never
# appears, so l cannot be misread either): 32 symbols, 5 bits each.
PASSPHRASE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PASSPHRASE_GROUPS, PASSPHRASE_GROUP = 4, 4  # 16 symbols: 80 bits
P12_KDF_ROUNDS = 2048
SHEET_SUFFIX = "-证书领取单.docx"

# Reasons an officer can pick, as the CRL reason codes they are written with. Any other
# reason text is the officer's note: kept by the caller, not carried in the CRL.
REASONS: dict[str, x509.ReasonFlags] = {
    "密钥泄露或证书遗失": x509.ReasonFlags.key_compromise,
    "单位名称或隶属关系变更": x509.ReasonFlags.affiliation_changed,
    "已换发新证书": x509.ReasonFlags.superseded,
    "单位不再报送": x509.ReasonFlags.cessation_of_operation,
}


class CertificateError(SigningError):
    """A certificate cannot be issued, revoked or trusted; the message says why."""


@dataclass(frozen=True)
class UnitContact:
    unit: str
    contact: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class IssuedCertificate:
    unit: str
    serial: int
    not_before: dt.datetime
    not_after: dt.datetime
    certificate_pem: bytes
    p12_path: Path
    sheet_path: Path
    passphrase: str


@dataclass(frozen=True)
class Revocation:
    serial: int
    revoked_at: dt.datetime
    reason: str = ""


# -- the commission CA and unit identities -------------------------------------------------


def create_commission_ca(*, district: str, name: str, now: dt.datetime,
                         years: int = 10) -> SigningIdentity:
    """A new signing key and self-signed CA certificate (CN=name, O=district)."""
    if not name.strip() or not district.strip():
        raise CertificateError("请填写发证机构名称和所属区。")
    if years < 1:
        raise CertificateError("区发改委证书的有效期至少为 1 年。")
    start = _utc(now)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    try:
        key, cert = make_ca(name.strip(), organization=district.strip(),
                            not_before=start - CLOCK_SKEW, not_after=end)
    except ValueError as exc:  # a name longer than X.509 allows
        raise CertificateError(f"发证机构名称或区名过长（不超过 {MAX_UNIT_NAME} 个字）。") from exc
    return SigningIdentity(key=key, certificate=cert)


def issue_unit_identity(ca: SigningIdentity, unit: str, *, district: str,
                        not_before: dt.datetime, not_after: dt.datetime) -> SigningIdentity:
    """A fresh EC P-256 key for `unit` and its certificate (CN=unit, O=district) from `ca`."""
    name = _unit_name(unit)
    _check_ca(ca)
    start, end = _utc(not_before), _utc(not_after)
    ca_start, ca_end = ca.certificate.not_valid_before_utc, ca.certificate.not_valid_after_utc
    if start < ca_start or end > ca_end:
        raise CertificateError(
            f"单位证书的有效期（{_day(start)} 至 {_day(end)}）须在区发改委证书的有效期"
            f"（{_day(ca_start)} 至 {_day(ca_end)}）之内。")
    key = generate_key()
    cert = issue_certificate(make_csr(key, department=name, district=district),
                             ca_key=ca.key, ca_cert=ca.certificate,
                             not_before=start, not_after=end)
    return SigningIdentity(key=key, certificate=cert, chain=(ca.certificate,))


def pkcs12_bytes(identity: SigningIdentity, passphrase: str) -> bytes:
    """The identity as a passphrase-protected PKCS#12 file, the CA certificate inside.

    Encrypted with PBE-SHA1-3DES and a SHA-1 MAC, not OpenSSL 3's default AES-256-CBC/
    PBKDF2: Windows imports AES only from Windows 10 1709 on, and Windows 7/8.1, older
    macOS and Java, and many Chinese CA and office tools read only the 3DES form, which
    every reader accepts (OpenSSL 3 too, without its legacy provider). Security rests on
    the passphrase: `new_passphrase` gives 80 random bits, beyond brute force whatever
    the key derivation costs.
    """
    if not passphrase:
        raise CertificateError("证书文件的口令不能为空。")
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(P12_KDF_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv1SHA1And3KeyTripleDESCBC)
        .hmac_hash(hashes.SHA1())
        .build(passphrase.encode("utf-8"))
    )
    return pkcs12.serialize_key_and_certificates(
        name=identity.department.encode("utf-8"), key=identity.key,
        cert=identity.certificate, cas=list(identity.chain) or None,
        encryption_algorithm=encryption,
    )


def new_passphrase() -> str:
    """A random passphrase a clerk can type from paper: "7KQM-X2BD-R9TF-HW4C" (80 bits)."""
    groups = ("".join(secrets.choice(PASSPHRASE_ALPHABET) for _ in range(PASSPHRASE_GROUP))
              for _ in range(PASSPHRASE_GROUPS))
    return "-".join(groups)


# -- the whole roster ------------------------------------------------------------------------


def issue_roster(ca: SigningIdentity, units: Sequence[UnitContact], out_dir: Path, *,
                 district: str, commission_name: str, now: dt.datetime,
                 days: int = 3 * 365) -> list[IssuedCertificate]:
    """For every unit a key and certificate, `<unit>.p12` and its printable sheet in `out_dir`.

    All or nothing: the files are written only once every certificate is made, each
    through a temporary file, and a failure removes whatever this call wrote. Existing
    files are never overwritten (they may hold certificates issued before).
    """
    stems = _file_stems(units)
    out_dir = Path(out_dir)
    targets = [out_dir / f"{stem}{suffix}" for stem in stems.values()
               for suffix in (".p12", SHEET_SUFFIX)]
    for target in targets:
        if target.exists():
            raise CertificateError(f"文件夹中已有“{target.name}”。为免覆盖此前签发的证书，"
                                   "请另选一个空文件夹。")
    ca_end = ca.certificate.not_valid_after_utc
    if ca_end <= _utc(now):
        raise CertificateError(f"区发改委证书已于 {_day(ca_end)} 过期，请先换发区发改委证书。")
    start = max(_utc(now) - CLOCK_SKEW, ca.certificate.not_valid_before_utc)
    end = min(_utc(now) + dt.timedelta(days=days), ca_end)
    commission_fingerprint = fingerprint(ca.certificate)
    files: dict[Path, bytes] = {}
    issued = []
    for contact in units:
        unit = contact.unit.strip()
        identity = issue_unit_identity(ca, unit, district=district, not_before=start,
                                       not_after=end)
        record = _issued(identity, out_dir / stems[unit], new_passphrase())
        files[record.p12_path] = pkcs12_bytes(identity, record.passphrase)
        files[record.sheet_path] = build_certificate_sheet(
            district=district, commission_name=commission_name, unit=unit,
            contact=_contact_line(contact), passphrase=record.passphrase,
            serial=record.serial, not_before=record.not_before, not_after=record.not_after,
            commission_fingerprint=commission_fingerprint, issued_on=_utc(now).date())
        issued.append(record)
    _write_all(out_dir, files)
    return issued


def _issued(identity: SigningIdentity, stem: Path, passphrase: str) -> IssuedCertificate:
    cert = identity.certificate
    return IssuedCertificate(
        unit=identity.department, serial=cert.serial_number,
        not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM),
        p12_path=stem.with_name(stem.name + ".p12"),
        sheet_path=stem.with_name(stem.name + SHEET_SUFFIX), passphrase=passphrase)


def _contact_line(contact: UnitContact) -> str:
    return "　".join(p.strip() for p in (contact.contact, contact.phone, contact.email)
                    if p.strip())


def _file_stems(units: Sequence[UnitContact]) -> dict[str, str]:
    """Each unit's file name stem; refuses an empty roster, duplicates and clashing names."""
    if not units:
        raise CertificateError("名单中没有单位，无法签发证书。")
    stems: dict[str, str] = {}
    by_stem: dict[str, str] = {}
    for contact in units:
        unit = _unit_name(contact.unit)
        if unit in stems:
            raise CertificateError(f"名单中“{unit}”出现了不止一次，请删去重复的单位后再签发。")
        stem = safe_name(unit)
        other = by_stem.get(stem.casefold())
        if other is not None:
            raise CertificateError(f"“{other}”和“{unit}”的证书文件名相同（{stem}），"
                                   "请修改其中一个单位名称后再签发。")
        stems[unit], by_stem[stem.casefold()] = stem, unit
    return stems


def _write_all(out_dir: Path, files: dict[Path, bytes]) -> None:
    """Write every file readable by its owner only; on failure remove what was written."""
    temps: dict[Path, Path] = {}
    done: list[Path] = []
    current = out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for target, data in files.items():
            current = target
            # mkstemp: a fresh name (a stale temp from a crash is no obstacle), mode 0600.
            fd, name = tempfile.mkstemp(dir=out_dir, prefix=f".{target.name}.", suffix=".tmp")
            temps[target] = Path(name)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        for target, temp_path in temps.items():
            current = target
            os.replace(temp_path, target)
            done.append(target)
    except OSError as exc:
        for path in [*temps.values(), *done]:
            path.unlink(missing_ok=True)
        raise CertificateError(f"无法写入“{current}”：{os_reason(exc)}。"
                               "本次签发的证书文件均未保留，请检查文件夹后重试。") from exc


# -- revocation --------------------------------------------------------------------------------


def make_crl(ca: SigningIdentity, revoked: Sequence[Revocation], *,
             this_update: dt.datetime, next_update: dt.datetime) -> bytes:
    """The CA's certificate revocation list (DER) naming every revoked serial.

    The CRL number is `this_update` in seconds since 1970, so a later list always has a
    higher number. A reason from `REASONS` is written as its reason code.
    """
    _check_ca(ca)
    start, end = _utc(this_update), _utc(next_update)
    if end <= start:
        raise CertificateError("吊销列表的下次更新时间必须晚于本次更新时间。")
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate.subject)
        .last_update(start)
        .next_update(end)
        .add_extension(x509.CRLNumber(int(start.timestamp())), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
                       critical=False)
    )
    earliest: dict[int, Revocation] = {}
    for r in sorted(revoked, key=lambda r: _utc(r.revoked_at)):
        if r.serial <= 0:
            raise CertificateError(f"证书序列号“{r.serial}”无效。")
        earliest.setdefault(r.serial, r)
    for r in earliest.values():
        entry = x509.RevokedCertificateBuilder().serial_number(r.serial).revocation_date(
            _utc(r.revoked_at))
        code = REASONS.get(r.reason.strip())
        if code is not None:
            entry = entry.add_extension(x509.CRLReason(code), critical=False)
        builder = builder.add_revoked_certificate(entry.build())
    crl = builder.sign(ca.key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.DER)


def read_crl(data: bytes, ca_cert: x509.Certificate) -> frozenset[int]:
    """The serials a CRL revokes, once its issuer and signature are checked against `ca_cert`."""
    try:
        crl = (x509.load_pem_x509_crl(data) if data.lstrip().startswith(b"-----BEGIN")
               else x509.load_der_x509_crl(data))
        serials = frozenset(entry.serial_number for entry in crl)
    except ValueError as exc:
        raise CertificateError("吊销列表文件已损坏，无法读取。") from exc
    if crl.issuer != ca_cert.subject:
        raise CertificateError(f"吊销列表不是由“{common_name(ca_cert)}”签发的，不能使用。")
    try:
        valid = crl.is_signature_valid(ca_cert.public_key())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        valid = False
    if not valid:
        raise CertificateError("吊销列表的签名无效：文件已损坏或被改动，或不是由区发改委签发的。")
    return serials


# -- outside CAs -----------------------------------------------------------------------------


def read_trust_anchor(data: bytes, *, now: dt.datetime | None = None) -> x509.Certificate:
    """An outside CA's certificate (PEM or DER) the commission trusts for departments."""
    certs = parse_certificates(data, "CA 证书文件")
    if len(certs) != 1:
        raise CertificateError(f"文件中有 {len(certs)} 个证书，请选择只含一个 CA 证书的文件。")
    cert = certs[0]
    name = common_name(cert) or cert.subject.rfc4514_string()
    constraints = _extension(cert, x509.BasicConstraints)
    usage = _extension(cert, x509.KeyUsage)
    if constraints is None or not constraints.ca or (usage is not None and not usage.key_cert_sign):
        raise CertificateError(
            f"“{name}”不是 CA 证书（不能签发其他证书），不能作为可信的发证机构。")
    when = _utc(now or dt.datetime.now(dt.UTC))
    if cert.not_valid_after_utc < when:
        raise CertificateError(f"CA 证书“{name}”已于 {_day(cert.not_valid_after_utc)} 过期。")
    if cert.issuer == cert.subject and not _self_signed(cert):
        raise CertificateError(f"CA 证书“{name}”的自签名无效，文件可能已损坏或被改动。")
    return cert


# -- helpers ------------------------------------------------------------------------------------


def _unit_name(unit: str) -> str:
    name = unit.strip()
    if not name:
        raise CertificateError("单位名称不能为空。")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise CertificateError(f"单位名称“{name}”含有不可见的控制字符，请在名单中改正。")
    if len(name) > MAX_UNIT_NAME:
        raise CertificateError(f"单位名称“{name}”过长（证书中不超过 {MAX_UNIT_NAME} 个字）。")
    return name


def _check_ca(ca: SigningIdentity) -> None:
    constraints = _extension(ca.certificate, x509.BasicConstraints)
    if constraints is None or not constraints.ca:
        raise CertificateError("所给的证书不是区发改委的 CA 证书，不能用来签发或吊销证书。")
    check_key_matches(ca.key, ca.certificate)


def _extension(cert: x509.Certificate, kind: type[_Ext]) -> _Ext | None:
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _self_signed(cert: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(cert)
    except Exception:  # InvalidSignature, ValueError, TypeError, UnsupportedAlgorithm
        return False
    return True


def _utc(when: dt.datetime) -> dt.datetime:
    """An aware time in UTC; a naive one is taken as UTC, as cryptography does."""
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def _day(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone(dt.timedelta(hours=8))).strftime("%Y-%m-%d")
