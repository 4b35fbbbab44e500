"""Keys, key stores, PKCS#12 import, the demo CA helper and detached CMS signatures."""

from __future__ import annotations

import base64
import json
import subprocess

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from test_package_kit import END, START, authority, identity, trust

from desktop.commission.verify_cms import Rejected, check_signature
from desktop.core.errors import PlanevalError
from desktop.signing import (
    KeyFileError,
    SigningError,
    WrongPassphraseError,
    generate_key,
    import_pkcs12,
    make_csr,
    sign_detached,
)
from desktop.signing.ca import issue_certificate
from desktop.signing.demo import (
    DEMO_DEPARTMENT,
    DEMO_PASSPHRASE,
    P12_FILE,
    demo_identity,
    demo_keys_dir,
    demo_trust,
)
from desktop.signing.keystore import (
    Argon2Params,
    dump_keystore,
    keystore_certificates,
    load_keystore,
    open_keystore,
    save_keystore,
    with_certificates,
)

PASSPHRASE = "区科委-签名口令-2023"


def _secret_forms(key) -> list[bytes]:
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    scalar = key.private_numbers().private_value.to_bytes(32, "big")
    return [
        der,
        pem,
        scalar,
        base64.b64encode(der),
        base64.b64encode(scalar),
        scalar.hex().encode(),
    ]


# -- key store ---------------------------------------------------------------------------


def test_keystore_round_trip_keeps_key_and_chain(tmp_path):
    who = identity()
    data = dump_keystore(who.key, [who.certificate, *who.chain], PASSPHRASE)
    path = tmp_path / "区科委.pvkey"
    save_keystore(path, data)
    store = open_keystore(path, PASSPHRASE)
    assert store.key.private_numbers() == who.key.private_numbers()
    opened = store.identity()
    assert opened.certificate == who.certificate and opened.chain == who.chain
    assert opened.department == "区科委"


def test_keystore_records_argon2id_parameters_and_never_holds_the_key_in_clear():
    who = identity()
    data = dump_keystore(who.key, [who.certificate], PASSPHRASE)
    doc = json.loads(data)
    assert doc["kdf"] == {
        "name": "argon2id",
        "version": 19,
        "time_cost": 3,
        "memory_cost": 65536,
        "parallelism": 1,
        "hash_len": 32,
        "salt": doc["kdf"]["salt"],
    }
    assert len(base64.b64decode(doc["kdf"]["salt"])) == 16
    assert doc["cipher"]["name"] == "aes-256-gcm"
    assert len(base64.b64decode(doc["cipher"]["nonce"])) == 12
    for secret in _secret_forms(who.key):
        assert secret not in data
    # Fresh salt and nonce each time: the same key never gives the same file.
    again = json.loads(dump_keystore(who.key, [who.certificate], PASSPHRASE))
    assert again["kdf"]["salt"] != doc["kdf"]["salt"]
    assert again["private_key"] != doc["private_key"]


def test_wrong_passphrase_is_a_chinese_message_not_a_traceback():
    who = identity()
    data = dump_keystore(who.key, [who.certificate], PASSPHRASE, params=_fast())
    with pytest.raises(WrongPassphraseError) as caught:
        load_keystore(data, PASSPHRASE + "x")
    assert caught.value.message.startswith("口令不正确")
    assert isinstance(caught.value, PlanevalError)


def test_editing_the_stored_parameters_makes_the_file_fail_to_open():
    who = identity()
    doc = json.loads(dump_keystore(who.key, [], PASSPHRASE, params=_fast()))
    doc["cipher"]["name_note"] = "edited"
    with pytest.raises(WrongPassphraseError):
        load_keystore(json.dumps(doc).encode(), PASSPHRASE)


@pytest.mark.parametrize(
    "data", [b"", b"\x00\x01garbage", b'{"format": "other"}', b'{"format": "planeval.keystore/1"}']
)
def test_a_file_that_is_not_a_keystore_is_refused_clearly(data):
    with pytest.raises(KeyFileError) as caught:
        load_keystore(data, PASSPHRASE)
    assert "密钥文件" in caught.value.message


def test_a_key_waiting_for_its_certificate_gets_it_later_without_the_passphrase():
    ca_key, ca_cert = authority()
    key = generate_key()
    pending = dump_keystore(key, [], PASSPHRASE, params=_fast())
    with pytest.raises(SigningError, match="CSR"):
        load_keystore(pending, PASSPHRASE).identity()
    csr = make_csr(key, department="区教育局", district="普陀区")
    cert = issue_certificate(csr, ca_key=ca_key, ca_cert=ca_cert, not_before=START, not_after=END)
    done = with_certificates(pending, [cert, ca_cert])
    assert keystore_certificates(done) == (cert, ca_cert)
    assert load_keystore(done, PASSPHRASE).identity().department == "区教育局"
    other = identity()
    with pytest.raises(KeyFileError, match="不匹配"):
        load_keystore(with_certificates(pending, [other.certificate]), PASSPHRASE)


def test_an_empty_passphrase_is_refused():
    with pytest.raises(SigningError, match="口令"):
        dump_keystore(generate_key(), [], "")


# -- PKCS#12 -----------------------------------------------------------------------------


def _p12(who, password: bytes) -> bytes:
    return pkcs12.serialize_key_and_certificates(
        b"dept",
        who.key,
        who.certificate,
        list(who.chain),
        serialization.BestAvailableEncryption(password),
    )


def test_pkcs12_import_with_the_right_password():
    who = identity()
    imported = import_pkcs12(_p12(who, b"s3cret"), "s3cret")
    assert imported.certificate == who.certificate
    assert imported.chain == who.chain
    assert imported.key.private_numbers() == who.key.private_numbers()


def test_pkcs12_with_the_wrong_password_says_so():
    with pytest.raises(WrongPassphraseError) as caught:
        import_pkcs12(_p12(identity(), b"s3cret"), "S3cret")
    assert caught.value.message.startswith("口令不正确")


@pytest.mark.parametrize("data", [b"", b"not a pkcs12 file", b"\x30\x03\x02\x01\x03"])
def test_a_file_that_is_not_pkcs12_is_refused_clearly(data):
    with pytest.raises(KeyFileError) as caught:
        import_pkcs12(data, "whatever")
    assert "PKCS#12" in caught.value.message


def test_pkcs12_without_a_key_or_with_an_ed25519_key_is_refused():
    who = identity()
    certs_only = pkcs12.serialize_key_and_certificates(
        b"x", None, None, [who.certificate], serialization.BestAvailableEncryption(b"pw")
    )
    with pytest.raises(KeyFileError, match="没有私钥"):
        import_pkcs12(certs_only, "pw")
    ed = ed25519.Ed25519PrivateKey.generate()
    ed_p12 = pkcs12.serialize_key_and_certificates(
        b"x", ed, None, None, serialization.BestAvailableEncryption(b"pw")
    )
    with pytest.raises(KeyFileError):
        import_pkcs12(ed_p12, "pw")


def test_the_demo_pkcs12_opens_with_the_documented_passphrase():
    who = demo_identity()
    assert who.department == DEMO_DEPARTMENT
    assert who.chain == tuple(demo_trust())
    p12 = (demo_keys_dir() / P12_FILE).read_bytes()
    with pytest.raises(WrongPassphraseError):
        import_pkcs12(p12, DEMO_PASSPHRASE + "!")


# -- CSR, issuing, signing ---------------------------------------------------------------


def test_csr_names_department_and_district_and_the_issued_certificate_signs(tmp_path):
    ca_key, ca_cert = authority()
    key = generate_key()
    csr = make_csr(key, department="区科委", district="普陀区")
    assert csr.is_signature_valid
    assert csr.subject.rfc4514_string() == "O=普陀区,CN=区科委"
    cert = issue_certificate(csr, ca_key=ca_key, ca_cert=ca_cert, not_before=START, not_after=END)
    assert cert.issuer == ca_cert.subject
    cert.verify_directly_issued_by(ca_cert)
    assert cert.not_valid_before_utc == START and cert.not_valid_after_utc == END

    content = "<清单/>".encode()
    p7s = sign_detached(content, key, cert, [ca_cert])
    signer = check_signature(p7s, content, trust=[ca_cert])
    assert signer.common_name == "区科委" and signer.organization == "普陀区"
    assert signer.signing_time is not None
    with pytest.raises(Rejected) as caught:
        check_signature(p7s, content + b" ", trust=[ca_cert])
    assert caught.value.code == "signature"
    _openssl_verify(tmp_path, p7s, content, ca_cert)


def test_issuing_refuses_backwards_validity_and_keys_that_do_not_match():
    ca_key, ca_cert = authority()
    csr = make_csr(generate_key(), department="区科委", district="普陀区")
    with pytest.raises(SigningError, match="有效期"):
        issue_certificate(csr, ca_key=ca_key, ca_cert=ca_cert, not_before=END, not_after=START)
    who = identity()
    with pytest.raises(KeyFileError, match="不匹配"):
        sign_detached(b"x", generate_key(), who.certificate)
    with pytest.raises(SigningError):
        make_csr(generate_key(), department=" ", district="普陀区")


def test_signature_has_only_the_three_signed_attributes_and_the_chain():
    from asn1crypto import cms

    who = identity()
    p7s = sign_detached(b"manifest", who.key, who.certificate, who.chain)
    signed = cms.ContentInfo.load(p7s)["content"]
    (signer,) = signed["signer_infos"]
    kinds = sorted(a["type"].native for a in signer["signed_attrs"])
    assert kinds == ["content_type", "message_digest", "signing_time"]
    assert signer["signature_algorithm"]["algorithm"].native == "sha256_ecdsa"
    assert signed["encap_content_info"]["content"].native is None
    assert len(signed["certificates"]) == 2
    digest = hashes.Hash(hashes.SHA256())
    digest.update(b"manifest")
    values = {a["type"].native: a["values"][0].native for a in signer["signed_attrs"]}
    assert values["message_digest"] == digest.finalize()


def _openssl_verify(tmp_path, p7s: bytes, content: bytes, ca_cert) -> None:
    (tmp_path / "signature.p7s").write_bytes(p7s)
    (tmp_path / "content").write_bytes(content)
    (tmp_path / "ca.pem").write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    result = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.p7s",
         "-content", "content", "-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Verification successful" in result.stderr


def _fast() -> Argon2Params:
    """Cheaper Argon2 for tests that are not about the parameters."""
    return Argon2Params(time_cost=1, memory_cost=8 * 1024)


def test_trust_helper_is_the_ca_certificate():
    assert trust()[0] == authority()[1]
