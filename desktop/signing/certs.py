"""Reading certificate files a user picks (PEM, possibly several, or DER)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cryptography import x509

from desktop.signing.errors import KeyFileError


def read_certificates(paths: Iterable[str | Path]) -> list[x509.Certificate]:
    """Every certificate in the files; a clear Chinese refusal for anything else."""
    certs: list[x509.Certificate] = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
            certs.extend(x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data
                         else [x509.load_der_x509_certificate(data)])
        except (OSError, ValueError):
            raise KeyFileError(f"无法读取证书文件“{p}”：应为 PEM 或 DER 格式的证书") from None
    return certs


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
