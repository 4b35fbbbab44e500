"""Verification rejects every tampered, foreign or malformed package with a stable code."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs7
from test_package_kit import (
    COMMISSION,
    DEPARTMENT,
    START,
    compressed_span,
    default_identity,
    entries,
    flip,
    identity,
    info,
    members,
    package,
    package_signed_at,
    read,
    resign,
    rezip,
    trust,
)

from desktop.commission.verify import CODES, Limits, VerifyResult, verify_package
from desktop.io.package_manifest import write_info, write_manifest

MANIFEST = "META-INF/ASiCManifest.xml"
SIGNATURE = "META-INF/signature.p7s"
INFO = "META-INF/planeval.json"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def pkg() -> bytes:
    return package()


def rejected(result: VerifyResult, code: str) -> None:
    assert not result.ok
    assert result.code == code, (result.code, result.message_zh)
    assert CJK.search(result.message_zh), result.message_zh


def check(data, code: str, **kwargs) -> VerifyResult:
    result = verify_package(data, trust=kwargs.pop("trust", trust()), **kwargs)
    rejected(result, code)
    return result


def test_a_good_package_verifies_and_says_who_signed_it(pkg, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = verify_package(pkg, trust=trust())
    assert result.ok and result.code == "ok", result.message_zh
    assert result.manifest == info()
    assert result.signer_subject == "O=普陀区,CN=区科委"
    assert result.signing_time is not None
    assert "data.json" in result.members
    path = tmp_path / "package.zip"
    path.write_bytes(pkg)
    assert verify_package(path, trust=trust()).ok
    assert verify_package(str(path), trust=trust()).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package.zip"]  # nothing extracted


# -- a byte changed in each member ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("mimetype", "mimetype"),
        ("data.json", "digest"),
        ("自评报告-科技创新规划.docx", "digest"),
        ("附件6-主要指标评估表.xlsx", "digest"),
        ("附件7-主要任务评估表.xlsx", "digest"),
        ("attachments/典型案例-张江.pdf", "digest"),
        (INFO, "digest"),
        (MANIFEST, "signature"),
        (SIGNATURE, "signature"),
    ],
)
def test_a_byte_flipped_in_any_member_is_caught(pkg, name, code):
    result = check(rezip(pkg, replace={name: flip(read(pkg, name))}), code)
    if code == "digest":
        assert name in result.message_zh


def test_a_byte_flipped_anywhere_in_the_signature_is_refused_and_never_crashes(pkg):
    p7s = read(pkg, SIGNATURE)
    for at in range(len(p7s)):
        result = verify_package(rezip(pkg, replace={SIGNATURE: flip(p7s, at)}), trust=trust())
        assert not result.ok and result.code in CODES, (at, result)
        assert CJK.search(result.message_zh)


def test_a_byte_flipped_in_the_compressed_zip_data_is_corrupt(pkg):
    span = compressed_span(pkg, "data.json")
    raw = bytearray(pkg)
    raw[span[len(span) // 2]] ^= 0xFF
    check(bytes(raw), "corrupt")


# -- the manifest and the member set ----------------------------------------------------


def test_an_edited_manifest_breaks_the_signature(pkg):
    tampered = flip(read(pkg, "data.json"), 10)
    payload = {n: d for n, d in _payload(pkg).items()} | {"data.json": tampered}
    forged = write_manifest(payload)  # the digest updated to match, but not re-signed
    check(rezip(pkg, replace={"data.json": tampered, MANIFEST: forged}), "signature")


def test_a_member_added_or_removed_is_caught(pkg):
    check(rezip(pkg, add=[("attachments/后补.pdf", b"%PDF-1.7")]), "manifest-set")
    check(rezip(pkg, add=[("说明.docx", b"docx")]), "manifest-set")
    check(rezip(pkg, replace={"attachments/典型案例-张江.pdf": None}), "manifest-set")
    check(rezip(pkg, replace={"附件7-主要任务评估表.xlsx": None}), "manifest-set")
    for required in ("data.json", MANIFEST, SIGNATURE, INFO):
        result = check(rezip(pkg, replace={required: None}), "missing")
        assert required in result.message_zh


@pytest.mark.parametrize(
    "name", ["readme.txt", "META-INF/other.xml", "sub/dir/x.docx", "attachments/.hidden", "x.DOCX"]
)
def test_members_outside_the_allow_list_are_refused(pkg, name):
    check(rezip(pkg, add=[(name, b"x")]), "member-name")


def test_a_manifest_that_is_signed_but_malformed_is_caught(pkg):
    check(resign(pkg, b"<not xml"), "manifest")
    doctype = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
    check(resign(pkg, doctype), "manifest")
    listed_extra = write_manifest(_payload(pkg) | {"attachments/未附.pdf": b""})
    check(resign(pkg, listed_extra), "manifest-set")


def test_metadata_naming_another_department_is_caught(pkg):
    other = write_info(info(department="区教育局").to_json())
    payload = _payload(pkg) | {INFO: other}
    signed = resign(rezip(pkg, replace={INFO: other}), write_manifest(payload))
    check(signed, "department")
    meta = info().to_json() | {"submission_id": "00000000-0000-0000-0000-000000000000"}
    bad_id = write_info(meta)
    payload = _payload(pkg) | {INFO: bad_id}
    check(resign(rezip(pkg, replace={INFO: bad_id}), write_manifest(payload)), "manifest")


# -- zip structure ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../x", "/abs", "C:\\x", "a\\..\\b", "attachments/../../x", "C:x.docx", "a//b"]
)
def test_zip_slip_names_are_refused(pkg, name):
    check(rezip(pkg, add=[(name, b"x")]), "path")


@pytest.mark.parametrize("name", ["data.json", "Data.json", "attachments/典型案例-张江.PDF"])
def test_duplicate_and_case_only_duplicate_names_are_refused(pkg, name):
    check(rezip(pkg, add=[(name, b"{}")]), "duplicate")


def test_mimetype_must_be_first_stored_bare_and_exact(pkg):
    items = entries(pkg)
    check(_zip(items[1:] + items[:1]), "mimetype")  # not first
    check(_zip(items[1:]), "mimetype")  # absent
    check(_zip(items, deflate_mimetype=True), "mimetype")  # compressed
    check(_zip(items, mimetype_extra=b"\xfe\xca\x00\x00"), "mimetype")  # extra field
    check(rezip(pkg, replace={"mimetype": b"application/zip"}), "mimetype")


@pytest.mark.parametrize("data", [b"", b"hello", os.urandom(2048), b"PK\x03\x04" + os.urandom(200)])
def test_what_is_not_a_zip_is_refused(data):
    check(data, "not-zip")


def test_a_truncated_package_or_a_missing_file_is_refused(pkg, tmp_path):
    check(pkg[: len(pkg) // 2], "not-zip")
    check(tmp_path / "nowhere.zip", "not-zip")


def test_a_zip_bomb_is_refused_before_it_is_inflated(pkg):
    bomb = _with_zeros(pkg, 200 * 1024 * 1024)
    assert len(bomb) < len(pkg) + 1024 * 1024
    check(bomb, "ratio")


def test_a_bomb_that_lies_about_its_size_stops_at_the_declared_size(pkg):
    bomb = bytearray(_with_zeros(pkg, 20 * 1024 * 1024))
    name = b"attachments/zeros.bin"
    entry = bytes(bomb).rindex(b"PK\x01\x02", 0, bytes(bomb).rindex(name))
    bomb[entry + 24 : entry + 28] = (1000).to_bytes(4, "little")  # uncompressed size
    check(bytes(bomb), "hidden-data")  # the local header still tells the truth
    local = bytes(bomb).rindex(b"PK\x03\x04", 0, entry)
    bomb[local + 22 : local + 26] = (1000).to_bytes(4, "little")  # now both lie alike
    check(bytes(bomb), "corrupt")


def test_compressed_sizes_that_add_up_to_more_than_the_file_are_refused(pkg):
    raw = bytearray(pkg)
    entry = pkg.index(b"PK\x01\x02")  # the first central directory entry
    raw[entry + 20 : entry + 24] = (len(pkg) * 2).to_bytes(4, "little")  # compressed size
    check(bytes(raw), "corrupt")


def test_size_and_count_caps(pkg):
    check(pkg, "too-large", limits=Limits(max_package=len(pkg) - 1))
    check(pkg, "too-large", limits=Limits(max_member=10_000))
    check(pkg, "too-large", limits=Limits(max_total=50_000))
    check(pkg, "too-many", limits=Limits(max_members=5))


# -- the signature and the signer -------------------------------------------------------


def test_trailing_bytes_after_the_signature_are_refused(pkg):
    check(rezip(pkg, replace={SIGNATURE: read(pkg, SIGNATURE) + b"\x00\x00"}), "trailing-data")


def test_a_signature_with_two_signers_is_refused(pkg):
    a, b = default_identity(), identity()
    manifest = read(pkg, MANIFEST)
    p7s = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(manifest)
        .add_signer(a.certificate, a.key, hashes.SHA256())
        .add_signer(b.certificate, b.key, hashes.SHA256())
        .sign(
            pkcs7.serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )
    check(rezip(pkg, replace={SIGNATURE: p7s}), "signer-count")


def test_another_departments_certificate_is_refused(pkg):
    check(package(who=identity("区教育局")), "department")


def test_a_certificate_from_another_ca_is_not_trusted():
    result = check(package(who=identity(ca="外区发展和改革委员会")), "not-trusted")
    assert "CN=区科委" in result.message_zh
    check(package(), "not-trusted", trust=[])


def test_a_certificate_from_a_ca_impersonating_the_commission_is_refused():
    from desktop.signing import generate_key, make_csr
    from desktop.signing.ca import issue_certificate, make_ca
    from desktop.signing.keys import SigningIdentity

    fake_key, fake_ca = make_ca(COMMISSION, not_before=START, not_after=START.replace(year=2040))
    key = generate_key()
    cert = issue_certificate(
        make_csr(key, department=DEPARTMENT, district="普陀区"),
        ca_key=fake_key,
        ca_cert=fake_ca,
        not_before=START,
        not_after=START.replace(year=2040),
    )
    check(package(who=SigningIdentity(key, cert, (fake_ca,))), "chain")


def test_an_expired_or_not_yet_valid_certificate_is_refused():
    utc = dt.UTC
    old = identity(
        not_before=dt.datetime(2023, 1, 1, tzinfo=utc),
        not_after=dt.datetime(2024, 1, 1, tzinfo=utc),
    )
    # Signed while valid, checked on a clock inside the validity: accepted.
    pkg = package_signed_at(dt.datetime(2023, 6, 1, tzinfo=utc), who=old)
    assert verify_package(pkg, trust=trust(), at=dt.datetime(2023, 6, 2, tzinfo=utc)).ok
    # The same package today: the certificate has expired since.
    assert "过期" in check(pkg, "expired").message_zh
    future = identity(
        not_before=dt.datetime(2040, 1, 1, tzinfo=utc),
        not_after=dt.datetime(2041, 1, 1, tzinfo=utc),
    )
    assert "尚未生效" in check(package(who=future), "expired").message_zh


def test_the_signing_key_must_belong_to_the_certificate_the_signature_names(pkg):
    # A signature made with one key but carrying another department cert: value invalid.
    a, b = default_identity(), identity()
    from asn1crypto import cms

    manifest = read(pkg, MANIFEST)
    good = cms.ContentInfo.load(
        pkcs7.PKCS7SignatureBuilder()
        .set_data(manifest)
        .add_signer(b.certificate, b.key, hashes.SHA256())
        .sign(
            pkcs7.serialization.Encoding.DER,
            [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary],
        )
    )
    own = cms.ContentInfo.load(read(pkg, SIGNATURE))
    # Keep a's certificate and identifier, put b's signature value in.
    own["content"]["signer_infos"][0]["signature"] = good["content"]["signer_infos"][0]["signature"]
    assert a.certificate != b.certificate
    check(rezip(pkg, replace={SIGNATURE: own.dump(force=True)}), "signature")


# -- helpers ----------------------------------------------------------------------------


def _payload(pkg: bytes) -> dict[str, bytes]:
    skip = {"mimetype", MANIFEST, SIGNATURE}
    return {zi.filename: data for zi, data in entries(pkg) if zi.filename not in skip}


def _zip(items, *, deflate_mimetype: bool = False, mimetype_extra: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for zi, data in items:
            new = zipfile.ZipInfo(zi.filename, date_time=zi.date_time)
            new.compress_type = zi.compress_type
            if zi.filename == "mimetype":
                if deflate_mimetype:
                    new.compress_type = zipfile.ZIP_DEFLATED
                new.extra = mimetype_extra
            zf.writestr(new, data)
    return out.getvalue()


def _with_zeros(pkg: bytes, size: int) -> bytes:
    """The package with attachments/zeros.bin: `size` zero bytes, written in chunks."""
    buf = io.BytesIO(pkg)
    with zipfile.ZipFile(buf, "a") as zf:
        zi = zipfile.ZipInfo("attachments/zeros.bin", date_time=(2023, 5, 15, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(1024 * 1024)
        with zf.open(zi, "w") as f:
            for _ in range(size // len(chunk)):
                f.write(chunk)
    return buf.getvalue()


def test_package_kit_members_are_all_listed():
    assert set(_payload(package(members()))) == set(members()) | {INFO}


def test_a_byte_flipped_anywhere_in_the_zip_never_crashes():
    small = package(members(size=400))
    seen = set()
    for at in range(0, len(small), 5):
        result = verify_package(flip(small, at), trust=trust())
        assert result.ok or result.code in CODES, (at, result)
        assert CJK.search(result.message_zh)
        seen.add(result.code)
    assert {"mimetype", "corrupt", "not-zip"} <= seen
