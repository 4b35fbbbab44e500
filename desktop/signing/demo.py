"""The demo keys in resources/demo/keys (made by tools/make_demo_keys.py). DEMO ONLY.

The demo commission CA and the demo department's PKCS#12 file let the demo build and verify a signed
package with no real certificates. Their private keys are public in the repository, so a
signature made with them proves nothing; never trust the demo CA outside the demo.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509

from desktop.paths import demo_dir, demo_settings
from desktop.signing.keys import SigningIdentity, import_pkcs12

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
    return [x509.load_pem_x509_certificate((demo_keys_dir() / CA_CERT_FILE).read_bytes())]


def demo_identity() -> SigningIdentity:
    """The demo 区科委 key and certificate."""
    return import_pkcs12((demo_keys_dir() / P12_FILE).read_bytes(), DEMO_PASSPHRASE)
