"""Key management a clerk does: keep a CA's .p12 as a key file, make a key and its
certificate request, add the certificate the commission issued, and describe a key file.
Shared by `planeval keys` and the GUI's key dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from cryptography import x509

from desktop.core.errors import os_reason
from desktop.signing.certs import fingerprint, read_certificates
from desktop.signing.errors import KeyFileError, SigningError
from desktop.signing.keys import common_name, csr_pem, generate_key, import_pkcs12, make_csr
from desktop.signing.keystore import (
    dump_keystore,
    keystore_certificates,
    save_keystore,
    with_certificates,
    write_private,
)

MIN_PASSPHRASE = 8


def check_new_passphrase(passphrase: str, again: str) -> None:
    """Refuse a new passphrase that is short or typed differently twice."""
    if passphrase != again:
        raise SigningError("两次输入的口令不一致，请重新输入。")
    if len(passphrase) < MIN_PASSPHRASE:
        raise SigningError(f"口令至少需要 {MIN_PASSPHRASE} 个字符。")


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise KeyFileError(f"无法读取文件“{path}”：{os_reason(exc)}") from None


def keep_pkcs12(p12: Path, p12_passphrase: str, out: Path, passphrase: str) -> str:
    """Store a CA-issued .p12/.pfx as a planeval key file under our own passphrase."""
    check_new_passphrase(passphrase, passphrase)
    ident = import_pkcs12(_read(p12), p12_passphrase)
    save_keystore(Path(out), dump_keystore(ident.key, [ident.certificate, *ident.chain],
                                           passphrase))
    return ident.department


def new_key_with_request(*, department: str, district: str, out: Path, csr: Path,
                         passphrase: str) -> None:
    """A new department key (stored encrypted) and its certificate request for the commission."""
    if not department.strip():
        raise SigningError("请填写本单位名称。")
    check_new_passphrase(passphrase, passphrase)
    key = generate_key()
    request = csr_pem(make_csr(key, department=department.strip(), district=district.strip()))
    save_keystore(Path(out), dump_keystore(key, [], passphrase))
    try:
        write_private(Path(csr), request)
    except OSError as exc:
        raise SigningError(f"无法写入证书申请“{csr}”：{os_reason(exc)}") from None


def add_issued_certificates(keystore: Path, certificates: Sequence[Path],
                            passphrase: str | None = None) -> None:
    """Attach the certificate (and chain) the commission issued, refusing one that is not
    this key's; the passphrase is needed only for key files older than the public key."""
    save_keystore(Path(keystore), with_certificates(_read(keystore),
                                                    read_certificates(certificates), passphrase))


def describe(keystore: Path) -> list[str]:
    """Lines telling whose key file this is and how long its certificate is valid."""
    certs = keystore_certificates(_read(keystore))
    if not certs:
        return ["尚无证书：请把证书申请（CSR）交区发改委签发，再把签发的证书加入本密钥文件。"]
    lines = [_line(c, i) for i, c in enumerate(certs)]
    # The same fingerprint the commission prints on each unit's certificate sheet, so the
    # clerk can check that the key file came from their commission.
    lines += [f"签发机构证书指纹（SHA-256）：{fingerprint(c)}" for c in certs[1:]]
    return lines


def _line(cert: x509.Certificate, index: int) -> str:
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    role = "本单位证书" if index == 0 else "签发机构"
    state = "（已过期）" if end < dt.datetime.now(dt.UTC) else ""
    return f"{role}：{common_name(cert)}，有效期 {start:%Y-%m-%d} 至 {end:%Y-%m-%d}{state}"
