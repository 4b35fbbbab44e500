"""Certificates, keys and CMS signatures (cryptography, asn1crypto); nothing hand-rolled.

- `keys`: import PKCS#12, generate an EC P-256 key and a CSR
- `keystore`: the passphrase-encrypted key file (Argon2id + AES-256-GCM)
- `ca`: the commission's small CA (make the CA certificate, issue from a CSR)
- `cms`: `sign_detached`, the detached CMS signature packages carry
- `manage`: what a clerk does with keys (CLI and the GUI's key dialog)

The names below load their module on first use (PEP 562), so importing the package for
its errors does not load cryptography: the GUI starts faster.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from desktop.signing.errors import KeyFileError, SigningError, WrongPassphraseError

_LAZY = {
    "sign_detached": "cms", "signer_for": "cms", "SigningIdentity": "keys",
    "generate_key": "keys", "import_pkcs12": "keys", "make_csr": "keys",
}

__all__ = ["KeyFileError", "SigningError", "SigningIdentity", "WrongPassphraseError",
           "generate_key", "import_pkcs12", "make_csr", "sign_detached", "signer_for"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"desktop.signing.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
