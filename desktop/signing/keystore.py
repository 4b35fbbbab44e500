"""The key store: a department's private key, encrypted under a passphrase, plus its chain.

The private key is never written in clear. A key store is a UTF-8 JSON file:

    {
      "format": "planeval.keystore/1",
      "kdf": {"name": "argon2id", "version": 19, "time_cost": 3,
              "memory_cost": 65536, "parallelism": 1, "hash_len": 32,
              "salt": "<base64, 16 random bytes>"},
      "cipher": {"name": "aes-256-gcm", "nonce": "<base64, 12 random bytes>"},
      "private_key": "<base64: AES-256-GCM ciphertext + 16-byte tag of the PKCS#8 DER key>",
      "public_key": "<PEM of the public key>",
      "certificates": ["<PEM of the department certificate>", "<PEM of its issuer>", ...]
    }

The AES key is Argon2id(passphrase UTF-8, salt) with the stored parameters (memory_cost in
KiB, so 65536 = 64 MiB). The associated data of the GCM encryption is the canonical JSON
(sorted keys, no spaces) of {"format", "kdf", "cipher"}, so editing any parameter makes
the file fail to open rather than weakening it. A wrong passphrase fails the GCM tag and
gives `WrongPassphraseError`. Certificates are public and kept in clear; they may be
absent (a key waiting for the commission to sign its CSR) and added later with
`with_certificates`, which needs no passphrase: it checks the certificate against the
public key kept in clear beside the sealed one (a file written before that field existed
needs the passphrase instead). On loading, the first certificate must match the key.
The file is written with mode 0600.

We do not use cryptography's BestAvailableEncryption for storage: it stretches the
passphrase with only 2048 PBKDF2 iterations.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography import x509
from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.core.errors import os_reason
from desktop.signing.errors import KeyFileError, SigningError, WrongPassphraseError
from desktop.signing.keys import (
    PublicKey,
    SigningIdentity,
    SigningKey,
    check_key_matches,
    check_public_matches,
)

FORMAT = "planeval.keystore/1"
ARGON2_VERSION = 19  # 0x13, the only version argon2-cffi produces
SUFFIX = ".pvkey"


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost parameters; memory_cost is in KiB."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024
    parallelism: int = 1
    hash_len: int = 32


@dataclass(frozen=True)
class KeyStore:
    """What a key store holds once opened."""

    key: SigningKey
    certificates: tuple[x509.Certificate, ...]

    def identity(self) -> SigningIdentity:
        if not self.certificates:
            raise SigningError("密钥尚无证书：请先把证书申请（CSR）交区发改委签发，再导入证书。")
        return SigningIdentity(self.key, self.certificates[0], self.certificates[1:])


def dump_keystore(
    key: SigningKey,
    certificates: Sequence[x509.Certificate],
    passphrase: str,
    *,
    params: Argon2Params = Argon2Params(),
) -> bytes:
    """The key store bytes for a key and its chain (department certificate first)."""
    if not passphrase:
        raise SigningError("口令不能为空。")
    if certificates:
        check_key_matches(key, certificates[0])
    salt, nonce = os.urandom(16), os.urandom(12)
    header: dict[str, Any] = {
        "format": FORMAT,
        "kdf": {
            "name": "argon2id",
            "version": ARGON2_VERSION,
            "time_cost": params.time_cost,
            "memory_cost": params.memory_cost,
            "parallelism": params.parallelism,
            "hash_len": params.hash_len,
            "salt": _b64(salt),
        },
        "cipher": {"name": "aes-256-gcm", "nonce": _b64(nonce)},
    }
    secret = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    aes_key = _stretch(passphrase, header["kdf"], salt)
    sealed = AESGCM(aes_key).encrypt(nonce, secret, _aad(header))
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")
    document = dict(header, private_key=_b64(sealed), public_key=public,
                    certificates=_pems(certificates))
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def load_keystore(data: bytes, passphrase: str) -> KeyStore:
    """Open key store bytes; a wrong passphrase raises WrongPassphraseError."""
    doc = _parse(data)
    try:
        kdf, cipher = doc["kdf"], doc["cipher"]
        if kdf["name"] != "argon2id" or cipher["name"] != "aes-256-gcm":
            raise KeyFileError("密钥文件使用了不支持的加密方式。")
        salt, nonce = _unb64(kdf["salt"]), _unb64(cipher["nonce"])
        sealed = _unb64(doc["private_key"])
        header = {"format": doc["format"], "kdf": kdf, "cipher": cipher}
        aes_key = _stretch(passphrase, kdf, salt)
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyFileError("密钥文件已损坏或格式不正确。") from exc
    try:
        secret = AESGCM(aes_key).decrypt(nonce, sealed, _aad(header))
    except (InvalidTag, ValueError) as exc:
        raise WrongPassphraseError() from exc
    key = serialization.load_der_private_key(secret, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise KeyFileError("密钥文件中的密钥类型不受支持。")
    certificates = _certificates(doc)
    if certificates:
        check_key_matches(key, certificates[0])
    return KeyStore(key=key, certificates=certificates)


def with_certificates(data: bytes, certificates: Sequence[x509.Certificate],
                      passphrase: str | None = None) -> bytes:
    """The same key store with its certificate chain replaced; the first certificate must
    be the key's (checked against the stored public key, or with the passphrase)."""
    doc = _parse(data)
    if certificates:
        check_public_matches(_public_key(doc, data, passphrase), certificates[0])
    doc["certificates"] = _pems(certificates)
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def keystore_certificates(data: bytes) -> tuple[x509.Certificate, ...]:
    """The certificates in a key store, readable without the passphrase."""
    return _certificates(_parse(data))


def _public_key(doc: dict[str, Any], data: bytes, passphrase: str | None) -> PublicKey:
    pem = doc.get("public_key")
    if isinstance(pem, str):
        try:
            return serialization.load_pem_public_key(pem.encode("ascii"))
        except (ValueError, UnicodeEncodeError, UnsupportedAlgorithm) as exc:
            raise KeyFileError("密钥文件已损坏或格式不正确。") from exc
    if passphrase is None:
        raise KeyFileError("这个密钥文件是旧版本生成的，没有记录公钥：加入证书时需要输入密钥口令，"
                           "以核对证书与密钥是否匹配。")
    return load_keystore(data, passphrase).key.public_key()


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read (0600), atomically (temp file, fsync, rename)."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                     0o600)
        with os.fdopen(fd, "wb") as f:
            os.chmod(tmp, 0o600)  # an earlier temp file may have had another mode
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def save_keystore(path: Path, data: bytes) -> None:
    """Write key store bytes atomically, readable by the owner only."""
    try:
        write_private(path, data)
    except OSError as exc:
        raise SigningError(f"无法写入密钥文件“{path}”：{os_reason(exc)}") from exc


def open_keystore(path: Path, passphrase: str) -> KeyStore:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"无法读取密钥文件“{path}”：{os_reason(exc)}") from exc
    return load_keystore(data, passphrase)


def _stretch(passphrase: str, kdf: dict[str, Any], salt: bytes) -> bytes:
    if kdf.get("version") != ARGON2_VERSION or int(kdf["hash_len"]) != 32:
        raise KeyFileError("密钥文件的参数不受支持。")
    # Refuse absurd costs so a crafted file cannot make us allocate gigabytes.
    if not (1 <= kdf["time_cost"] <= 64 and 8 <= kdf["memory_cost"] <= 4 * 1024 * 1024):
        raise KeyFileError("密钥文件的参数不受支持。")
    return hash_secret_raw(
        secret=passphrase.encode("utf-8"),
        salt=salt,
        time_cost=int(kdf["time_cost"]),
        memory_cost=int(kdf["memory_cost"]),
        parallelism=int(kdf["parallelism"]),
        hash_len=32,
        type=Type.ID,
        version=ARGON2_VERSION,
    )


def _parse(data: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise KeyFileError("所选文件不是 planeval 密钥文件，或文件已损坏。") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise KeyFileError("所选文件不是 planeval 密钥文件，或版本不受支持。")
    return doc


def _certificates(doc: dict[str, Any]) -> tuple[x509.Certificate, ...]:
    try:
        return tuple(x509.load_pem_x509_certificate(p.encode("ascii")) for p in doc["certificates"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise KeyFileError("密钥文件中的证书已损坏。") from exc


def _pems(certificates: Sequence[x509.Certificate]) -> list[str]:
    return [c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certificates]


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
