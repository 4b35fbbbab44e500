"""A small commission-side CA: make the commission certificate, sign departments' CSRs.

Enough for the demo, for tests and for a commission that has no CA of its own; a real CA's
PKCS#12 files work the same way through `keys.import_pkcs12`.
"""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from desktop.signing.errors import SigningError
from desktop.signing.keys import SigningKey, generate_key


def make_ca(
    common_name: str,
    *,
    not_before: dt.datetime,
    not_after: dt.datetime,
    organization: str | None = None,
    key: SigningKey | None = None,
) -> tuple[SigningKey, x509.Certificate]:
    """A self-signed commission CA certificate (and its key, made here unless given)."""
    key = key or generate_key()
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    name = x509.Name(attrs)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issue_certificate(
    csr: x509.CertificateSigningRequest,
    *,
    ca_key: SigningKey,
    ca_cert: x509.Certificate,
    not_before: dt.datetime,
    not_after: dt.datetime,
) -> x509.Certificate:
    """A department certificate for the CSR's subject, signed by the commission CA."""
    if not csr.is_signature_valid:
        raise SigningError("证书申请（CSR）的签名无效，文件可能已损坏或被改动。")
    if not_after <= not_before:
        raise SigningError("证书有效期的结束时间必须晚于开始时间。")
    public_key = csr.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(csr.subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(ca=False), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(public_key),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )


def revocation_list(
    revoked: dict[int, dt.datetime],
    *,
    ca_key: SigningKey,
    ca_cert: x509.Certificate,
    issued: dt.datetime,
    next_update: dt.datetime,
) -> x509.CertificateRevocationList:
    """The commission's CRL: serial number of each revoked certificate -> when revoked."""
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(issued)
        .next_update(next_update)
    )
    for serial, when in sorted(revoked.items()):
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
        )
    return builder.sign(ca_key, hashes.SHA256())


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )
