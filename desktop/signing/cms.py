"""Detached CMS (PKCS#7) signatures, made with cryptography's PKCS7 builder."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

from desktop.signing.keys import SigningIdentity, SigningKey, check_key_matches


def sign_detached(
    data: bytes, key: SigningKey, cert: x509.Certificate, chain: Sequence[x509.Certificate] = ()
) -> bytes:
    """A DER detached CMS SignedData over `data`: SHA-256, signer certificate and chain inside.

    The signed attributes are content-type (data), message-digest and signing-time (no
    S/MIME capabilities). The builder stamps signing-time with the current time and
    ECDSA signatures are randomised, so the bytes differ on every call.
    """
    check_key_matches(key, cert)
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(cert, key, hashes.SHA256())
    for extra in chain:
        if extra != cert:
            builder = builder.add_certificate(extra)
    options = [
        pkcs7.PKCS7Options.DetachedSignature,
        pkcs7.PKCS7Options.Binary,
        pkcs7.PKCS7Options.NoCapabilities,
    ]
    return builder.sign(serialization.Encoding.DER, options)


def signer_for(identity: SigningIdentity) -> Callable[[bytes], bytes]:
    """The `sign` callable `build_package` takes, bound to one identity."""

    def sign(data: bytes) -> bytes:
        return sign_detached(data, identity.key, identity.certificate, identity.chain)

    return sign
