"""The demo keys in resources/demo/keys (made by tools/make_demo_keys.py). DEMO ONLY.

The demo commission CA and the demo department's PKCS#12 file let the demo build and verify a signed
package with no real certificates. Their private keys are public in the repository, so a
signature made with them proves nothing; never trust the demo CA outside the demo.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.paths import demo_dir, demo_settings

if TYPE_CHECKING:  # cryptography loads only when a demo key is used: the GUI starts faster
    from cryptography import x509

    from desktop.signing.keys import SigningIdentity

DEMO_PASSPHRASE = "planeval-demo"
DEMO_DEPARTMENT: str = demo_settings()["department"]
DEMO_DISTRICT: str = demo_settings()["district"]
CA_NAME: str = demo_settings()["ca_name"]
CA_CERT_FILE = "commission-ca.pem"
CA_KEY_FILE = "commission-ca-demo-key.pem"
P12_FILE = f"{DEMO_DEPARTMENT}-demo.p12"


def demo_keys_dir() -> Path:
    return demo_dir() / "keys"


def demo_trust() -> list[x509.Certificate]:
    """The demo commission CA certificate, as a trust list for `verify_package`."""
    from cryptography import x509

    return [x509.load_pem_x509_certificate((demo_keys_dir() / CA_CERT_FILE).read_bytes())]


def demo_identity() -> SigningIdentity:
    """The demo department's key and certificate."""
    from desktop.signing.keys import import_pkcs12

    return import_pkcs12((demo_keys_dir() / P12_FILE).read_bytes(), DEMO_PASSPHRASE)
