"""Certificates, keys and CMS signatures (cryptography, asn1crypto); nothing hand-rolled.

- `keys`: import PKCS#12, generate an EC P-256 key and a CSR
- `keystore`: the passphrase-encrypted key file (Argon2id + AES-256-GCM)
- `ca`: the commission's small CA (make the CA certificate, issue from a CSR)
- `cms`: `sign_detached`, the detached CMS signature packages carry
"""

from desktop.signing.cms import sign_detached, signer_for
from desktop.signing.errors import KeyFileError, SigningError, WrongPassphraseError
from desktop.signing.keys import SigningIdentity, generate_key, import_pkcs12, make_csr

__all__ = [
    "KeyFileError",
    "SigningError",
    "SigningIdentity",
    "WrongPassphraseError",
    "generate_key",
    "import_pkcs12",
    "make_csr",
    "sign_detached",
    "signer_for",
]
