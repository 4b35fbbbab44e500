"""Reading certificate files a user picks (PEM, possibly several, or DER), and showing
a certificate's fingerprint the same way on screen and on paper."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from desktop.signing.errors import KeyFileError


def read_certificates(paths: Iterable[str | Path]) -> list[x509.Certificate]:
    """Every certificate in the files; a clear Chinese refusal for anything else."""
    certs: list[x509.Certificate] = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
        except OSError:
            raise KeyFileError(f"无法读取证书文件“{p}”：应为 PEM 或 DER 格式的证书") from None
        certs.extend(parse_certificates(data, f"证书文件“{p}”"))
    return certs


def parse_certificates(data: bytes, what: str = "证书") -> list[x509.Certificate]:
    """The certificates in PEM (one or more) or DER bytes; `what` names them in the refusal."""
    try:
        return (x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data
                else [x509.load_der_x509_certificate(data)])
    except ValueError:
        raise KeyFileError(f"无法读取{what}：应为 PEM 或 DER 格式的证书") from None


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate as upper-case hex in groups of four ("AB12 CD34 ..."):
    16 groups a person can compare on paper, group by group."""
    digest = cert.fingerprint(hashes.SHA256()).hex().upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def read_revocation_lists(paths: Iterable[str | Path]) -> list[x509.CertificateRevocationList]:
    """The certificate revocation lists (CRL, PEM or DER) in the files."""
    crls: list[x509.CertificateRevocationList] = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
            crls.append(x509.load_pem_x509_crl(data) if b"-----BEGIN" in data
                        else x509.load_der_x509_crl(data))
        except (OSError, ValueError):
            raise KeyFileError(f"无法读取吊销列表“{p}”：应为 PEM 或 DER 格式的 CRL") from None
    return crls
