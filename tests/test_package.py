"""Building the package: layout, determinism, names, and the signature openssl accepts."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile

import pytest
from cryptography.hazmat.primitives import serialization
from test_package_kit import CREATED, authority, default_identity, entries, info, members, read

from desktop.commission.verify import verify_package
from desktop.io.package import PackageError, build_package, package_file_name
from desktop.io.package_manifest import read_info, read_manifest, sha256
from desktop.signing import sign_detached, signer_for
from desktop.signing.demo import demo_identity, demo_trust

ASIC_MIMETYPE = b"application/vnd.etsi.asic-e+zip"


def _build(payload=None, manifest=None, sign=None) -> bytes:
    return build_package(
        payload if payload is not None else members(),
        manifest=manifest or info(),
        sign=sign or signer_for(default_identity()),
    )


def test_layout_is_asic_e_with_mimetype_first_and_stored():
    payload = members()
    pkg = _build(payload)
    assert pkg[30:38] == b"mimetype" and pkg[38:69] == ASIC_MIMETYPE  # readable by `file`
    items = entries(pkg)
    first, content = items[0]
    assert first.filename == "mimetype" and content == ASIC_MIMETYPE
    assert first.compress_type == zipfile.ZIP_STORED and first.extra == b""
    names = [i.filename for i, _ in items]
    assert names[1:] == sorted(names[1:], key=lambda n: n.encode())
    assert set(names) == {"mimetype", *payload} | {
        "META-INF/ASiCManifest.xml",
        "META-INF/planeval.json",
        "META-INF/signature.p7s",
    }
    for zi, data in items:
        assert zi.date_time == (2023, 5, 15, 16, 30, 0)
        assert zi.create_system == 3 and zi.external_attr == 0o100644 << 16
        if zi.filename in payload:
            assert data == payload[zi.filename]


def test_manifest_lists_every_member_but_the_signature_with_its_sha256():
    payload = members()
    pkg = _build(payload)
    refs = {r.name: r for r in read_manifest(read(pkg, "META-INF/ASiCManifest.xml"))}
    assert set(refs) == set(payload) | {"META-INF/planeval.json"}
    for name, data in payload.items():
        assert refs[name].sha256 == sha256(data)
    assert refs["附件6-主要指标评估表.xlsx"].mime_type.endswith("spreadsheetml.sheet")
    assert refs["data.json"].mime_type == "application/json"
    assert refs["attachments/典型案例-张江.pdf"].mime_type == "application/pdf"
    meta = read_info(read(pkg, "META-INF/planeval.json"))
    assert meta["department"] == "区科委" and meta["stage"] == "draft"
    assert meta["form"] == {"id": "putuo-2023-midterm", "hash": "sha256:0f1e2d"}
    assert meta["created"] == "2023-05-15T16:30:00+08:00"
    assert meta["submission_id"] == info().submission_id


def test_built_twice_at_the_same_time_only_the_signature_differs():
    payload = members()
    one, two = _build(payload), _build(payload)
    a, b = entries(one), entries(two)
    assert [i.filename for i, _ in a] == [i.filename for i, _ in b]
    for (ia, da), (ib, db) in zip(a, b, strict=True):
        if ia.filename == "META-INF/signature.p7s":
            assert da != db  # signing time and ECDSA randomness
            continue
        assert da == db and ia.CRC == ib.CRC and ia.compress_size == ib.compress_size
    # With the signature fixed, the whole zip is byte for byte the same.
    signature = read(one, "META-INF/signature.p7s")
    assert _build(payload, sign=lambda manifest: signature) == one


def test_submission_id_is_stable_and_names_the_submission():
    assert info().submission_id == info().submission_id
    assert info(stage="final").submission_id != info().submission_id
    later = CREATED + dt.timedelta(minutes=1)
    assert info(created=later).submission_id != info().submission_id


def test_signature_is_over_the_exact_manifest_bytes_and_openssl_accepts_it(tmp_path):
    pkg = _build()
    manifest = read(pkg, "META-INF/ASiCManifest.xml")
    (tmp_path / "ASiCManifest.xml").write_bytes(manifest)
    (tmp_path / "signature.p7s").write_bytes(read(pkg, "META-INF/signature.p7s"))
    (tmp_path / "ca.pem").write_bytes(authority()[1].public_bytes(serialization.Encoding.PEM))
    result = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.p7s",
         "-content", "ASiCManifest.xml", "-CAfile", "ca.pem", "-purpose", "any",
         "-out", "verified.xml"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "verified.xml").read_bytes() == manifest
    # ...and it refuses a manifest changed by one byte.
    (tmp_path / "ASiCManifest.xml").write_bytes(manifest.replace(b"draft", b"final") + b" ")
    bad = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "signature.p7s",
         "-content", "ASiCManifest.xml", "-CAfile", "ca.pem", "-purpose", "any",
         "-out", "/dev/null"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert bad.returncode != 0


def test_a_package_signed_with_the_demo_key_verifies_against_the_demo_ca():
    who = demo_identity()
    pkg = _build(sign=lambda m: sign_detached(m, who.key, who.certificate, who.chain))
    result = verify_package(pkg, trust=demo_trust())
    assert result.ok, result.message_zh
    assert result.signer_subject is not None and "CN=区科委" in result.signer_subject


@pytest.mark.parametrize(
    "name",
    ["../x.docx", "/abs.docx", "C:\\x.docx", "a\\..\\b.xlsx", "evil.exe", "sub/x.docx",
     "attachments/a/b.pdf", "attachments/", "attachments/con.pdf", "attachments/a?.pdf",
     "META-INF/signature.p7s", "mimetype", ".hidden.docx"],
)  # fmt: skip
def test_names_a_package_may_not_hold_are_refused_when_building(name):
    payload = members()
    payload[name] = b"x"
    with pytest.raises(PackageError) as caught:
        _build(payload)
    assert "文件名" in caught.value.message


def test_building_needs_data_json_a_known_stage_a_timezone_and_no_case_twins():
    payload = members()
    del payload["data.json"]
    with pytest.raises(PackageError, match=r"data\.json"):
        _build(payload)
    with pytest.raises(PackageError, match="阶段"):
        _build(manifest=info(stage="中期 稿"))  # a stage is an id the form declares
    assert _build(manifest=info(stage="outline"))  # any declared id, not only draft/final
    with pytest.raises(PackageError, match="时区"):
        _build(manifest=info(created=dt.datetime(2023, 5, 15)))
    twins = members() | {"attachments/A.pdf": b"1", "attachments/a.pdf": b"2"}
    with pytest.raises(PackageError, match="大小写"):
        _build(twins)


def test_entry_times_before_1980_are_clamped():
    old = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    pkg = _build(manifest=info(created=old))
    with zipfile.ZipFile(io.BytesIO(pkg)) as zf:
        assert {zi.date_time for zi in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_package_file_name():
    day = dt.date(2023, 5, 15)
    assert (
        package_file_name("普陀区", "区科委", "十四五中期评估", "draft", day)
        == "普陀区-区科委-十四五中期评估-初稿-20230515.zip"
    )
    assert package_file_name("普陀区", "区科委", "十四五中期评估", "final", day).endswith(
        "-定稿-20230515.zip"
    )
    unsafe = package_file_name("普陀/区", "区:科委*", 'a<b>|"?', "draft", day)
    assert not set('<>:"/\\|?*') & set(unsafe.removesuffix(".zip"))
    assert unsafe == "普陀_区-区_科委_-a_b____-初稿-20230515.zip"
