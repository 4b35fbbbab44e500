"""Errors from keys, key stores and signatures, each with a Chinese message fit to show."""

from __future__ import annotations

from desktop.core.errors import PlanevalError


class SigningError(PlanevalError):
    """A key, certificate or signature cannot be used."""


class WrongPassphraseError(SigningError):
    """The passphrase does not open the key file."""

    def __init__(self, what: str = "密钥文件") -> None:
        super().__init__(f"口令不正确，无法打开{what}。请检查口令（区分大小写）后重试。")


class KeyFileError(SigningError):
    """The file is not a key file we can read (not PKCS#12, damaged key store, ...)."""
