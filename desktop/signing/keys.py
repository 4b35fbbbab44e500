"""Department keys: import a PKCS#12 file, or generate an EC P-256 key and a CSR.

A department either receives a PKCS#12 file (.p12/.pfx) from a CA or the commission and
imports it, or generates its own key here and sends the commission a certificate signing
request (CSR, subject CN=<department>, O=<district>) to be signed. Either way the key then
lives only in a key store (`desktop.signing.keystore`), encrypted under a passphrase.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from desktop.signing.errors import KeyFileError, SigningError, WrongPassphraseError

# The key types the CMS builder can sign with (it refuses Ed25519).
SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
PublicKey = object  # cryptography's public key types share no base we can name


@dataclass(frozen=True)
class SigningIdentity:
    """A private key with its certificate and the chain up to (and maybe including) the CA."""

    key: SigningKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def department(self) -> str:
        """The subject common name: the department the certificate was issued to."""
        return common_name(self.certificate)


def common_name(cert: x509.Certificate | x509.CertificateSigningRequest) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def generate_key() -> ec.EllipticCurvePrivateKey:
    """A fresh department key: ECDSA on P-256."""
    return ec.generate_private_key(ec.SECP256R1())


def make_csr(key: SigningKey, *, department: str, district: str) -> x509.CertificateSigningRequest:
    """A CSR for the commission to sign: subject CN=<department>, O=<district>."""
    if not department.strip() or not district.strip():
        raise SigningError("证书申请需要填写单位名称和所属区。")
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, department.strip()),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, district.strip()),
        ]
    )
    return x509.CertificateSigningRequestBuilder().subject_name(subject).sign(key, hashes.SHA256())


def csr_pem(csr: x509.CertificateSigningRequest) -> bytes:
    return csr.public_bytes(serialization.Encoding.PEM)


def import_pkcs12(data: bytes, passphrase: str) -> SigningIdentity:
    """Read a PKCS#12 file issued by a CA or the commission."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except ValueError as exc:
        # cryptography says "Invalid password or PKCS12 data": tell the two apart by
        # whether the bytes are a PKCS#12 structure at all.
        if _looks_like_pkcs12(data):
            raise WrongPassphraseError("证书文件（PKCS#12）") from exc
        raise KeyFileError("所选文件不是 PKCS#12 证书文件（.p12/.pfx），或文件已损坏。") from exc
    if key is None or cert is None:
        raise KeyFileError("证书文件中没有私钥或证书，无法用于签名。请向发证机构索取含私钥的文件。")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise KeyFileError("证书文件中的密钥类型不受支持（仅支持 EC 和 RSA 密钥）。")
    check_key_matches(key, cert)
    return SigningIdentity(key=key, certificate=cert, chain=tuple(extra))


def check_key_matches(key: SigningKey, cert: x509.Certificate) -> None:
    check_public_matches(key.public_key(), cert)


def check_public_matches(public: PublicKey, cert: x509.Certificate) -> None:
    if _public_der(public) != _public_der(cert.public_key()):
        raise KeyFileError("证书与私钥不匹配，无法用于签名。"
                           "请确认这是区发改委根据本密钥的证书申请（CSR）签发的证书。")


def _public_der(public_key: object) -> bytes:
    return public_key.public_bytes(  # type: ignore[attr-defined, no-any-return]
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _looks_like_pkcs12(data: bytes) -> bool:
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return bool(pfx["auth_safe"]["content_type"].native == "data")
    except Exception:  # any parser error means "not PKCS#12"
        return False
