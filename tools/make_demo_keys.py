"""Write the DEMO keys into resources/demo/keys. Every private key here is public: demo only.

Writes:
  commission-ca.pem             demo commission CA certificate (普陀区发展和改革委员会（演示）)
  commission-ca-demo-key.pem    its private key, unencrypted, so tests and the demo can
                                issue certificates; it is in the repository, so it is NOT secret
  区科委-demo.p12               区科委's key and certificate (issued by the demo CA) with the
                                CA certificate, PKCS#12 protected by the passphrase
                                "planeval-demo" (PBES2 AES-256-CBC, SHA-256 MAC)
  README.md                     says the above

Run: python tools/make_demo_keys.py [OUT_DIR]   (default: resources/demo/keys)
Re-running makes new keys: commit them together, or the certificate and p12 disagree.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.signing.ca import issue_certificate, make_ca  # noqa: E402
from desktop.signing.demo import (  # noqa: E402
    CA_CERT_FILE,
    CA_KEY_FILE,
    CA_NAME,
    DEMO_DEPARTMENT,
    DEMO_DISTRICT,
    DEMO_PASSPHRASE,
    P12_FILE,
)
from desktop.signing.keys import generate_key, make_csr  # noqa: E402

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo" / "keys"
UTC = dt.UTC

README = f"""# Demo keys (NOT SECRET, DEMO ONLY)

Made by `tools/make_demo_keys.py`. Every private key in this folder is published in the
repository, so a signature made with them proves nothing. Never add the demo CA to a real
commission's trust list.

- `{CA_CERT_FILE}`: demo commission CA certificate, CN "{CA_NAME}",
  valid 2023-01-01 to 2053-01-01.
- `{CA_KEY_FILE}`: the demo CA's private key, unencrypted (demo only: it
  lets the demo issue certificates).
- `{P12_FILE}`: {DEMO_DEPARTMENT}'s key and certificate (CN={DEMO_DEPARTMENT},
  O={DEMO_DISTRICT}, valid 2023-01-01 to 2033-01-01) plus the CA certificate.

Passphrase of `{P12_FILE}`: **`{DEMO_PASSPHRASE}`**

Tests make their own CAs; only the demo uses these files.
"""


def main(out_dir: Path = OUT_DIR) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    start = dt.datetime(2023, 1, 1, tzinfo=UTC)
    ca_key, ca_cert = make_ca(
        CA_NAME,
        organization=DEMO_DISTRICT,
        not_before=start,
        not_after=dt.datetime(2053, 1, 1, tzinfo=UTC),
    )
    key = generate_key()
    csr = make_csr(key, department=DEMO_DEPARTMENT, district=DEMO_DISTRICT)
    cert = issue_certificate(
        csr,
        ca_key=ca_key,
        ca_cert=ca_cert,
        not_before=start,
        not_after=dt.datetime(2033, 1, 1, tzinfo=UTC),
    )
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(200_000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(DEMO_PASSPHRASE.encode())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        DEMO_DEPARTMENT.encode("utf-8"), key, cert, [ca_cert], encryption
    )
    (out_dir / CA_CERT_FILE).write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    (out_dir / CA_KEY_FILE).write_bytes(
        ca_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (out_dir / P12_FILE).write_bytes(p12)
    (out_dir / "README.md").write_text(README, encoding="utf-8")
    print(f"wrote demo keys to {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR)
