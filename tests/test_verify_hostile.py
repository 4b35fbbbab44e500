"""Regression tests for what a hostile run found in verification (issue 8, items 1-5)."""

from __future__ import annotations

import datetime as dt
import io
import os
import struct
import threading
import tracemalloc
import zipfile

import pytest
from test_package_kit import (
    authority,
    compressed_span,
    data_json,
    identity,
    info,
    members,
    package,
    package_signed_at,
    read,
    trust,
)
from test_verify import check

from desktop.commission.verify import check_replay, verify_package
from desktop.signing.ca import revocation_list

UTC = dt.UTC


def day(year: int, month: int = 1, d: int = 1) -> dt.datetime:
    return dt.datetime(year, month, d, tzinfo=UTC)


@pytest.fixture(scope="module")
def pkg() -> bytes:
    return package()


# -- 1. bytes outside the central directory -------------------------------------------


def hide_between(pkg: bytes, after: str, name: str, data: bytes) -> bytes:
    """The package with an extra local entry after `after` that the central directory
    does not list (offsets fixed up so zipfile still opens it cleanly)."""
    with zipfile.ZipFile(io.BytesIO(pkg)) as zf:
        infos = zf.infolist()
        at = next(i for i, zi in enumerate(infos) if zi.filename == after)
        cut = infos[at + 1].header_offset if at + 1 < len(infos) else zf.start_dir
    hidden = io.BytesIO()
    with zipfile.ZipFile(hidden, "w") as zf:
        zf.writestr(zipfile.ZipInfo(name, date_time=(2023, 5, 15, 0, 0, 0)), data)
    blob = hidden.getvalue()
    blob = blob[: blob.index(b"PK\x01\x02")]  # the local entry alone
    raw = bytearray(pkg[:cut] + blob + pkg[cut:])
    end = raw.rindex(b"PK\x05\x06")
    start = struct.unpack_from("<L", raw, end + 16)[0] + len(blob)
    struct.pack_into("<L", raw, end + 16, start)
    pos = start
    while raw[pos : pos + 4] == b"PK\x01\x02":  # shift the offsets of later entries
        offset = struct.unpack_from("<L", raw, pos + 42)[0]
        if offset >= cut:
            struct.pack_into("<L", raw, pos + 42, offset + len(blob))
        n, e, c = struct.unpack_from("<3H", raw, pos + 28)
        pos += 46 + n + e + c
    return bytes(raw)


def test_an_unsigned_data_json_hidden_between_entries_is_refused(pkg):
    evil = hide_between(pkg, "META-INF/signature.p7s", "data.json", b'{"evil": true}')
    with zipfile.ZipFile(io.BytesIO(evil)) as zf:  # a directory reader sees nothing odd
        assert zf.read("data.json") == read(pkg, "data.json")
    assert evil.count(b'{"evil": true}') == 1  # ... but a streaming reader would find it
    check(evil, "hidden-data")


@pytest.mark.parametrize("where", ["before", "after", "gap"])
def test_bytes_before_after_or_between_entries_are_refused(pkg, where):
    if where == "after":
        check(pkg + b"\x00" * 40, "hidden-data")
    elif where == "before":
        result = verify_package(b"PK\x03\x04" + b"\x00" * 26 + pkg, trust=trust())
        assert not result.ok and result.code in ("mimetype", "hidden-data", "not-zip")
    else:
        check(hide_between(pkg, "data.json", "attachments/x.pdf", b"junk"), "hidden-data")


def test_entries_in_another_order_are_refused(pkg):
    with zipfile.ZipFile(io.BytesIO(pkg)) as zf:
        entries = [(zi, zf.read(zi)) for zi in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for zi, data in [entries[0], *reversed(entries[1:])]:
            zf.writestr(zi, data)
    check(out.getvalue(), "layout")


def test_nothing_in_the_zip_records_is_left_free_to_change(pkg):
    """A long run flipping every bit found header fields and the ends of deflate streams
    that could change while the package still verified."""
    end = pkg.rindex(b"PK\x05\x06")
    first_central = pkg.index(b"PK\x01\x02")
    executable = bytearray(pkg)  # mode 0755 instead of 0644 on the first entry
    struct.pack_into("<L", executable, first_central + 38, 0o100755 << 16)
    check(bytes(executable), "layout")
    later = bytearray(pkg)  # the local time of the first entry, one step on
    later[10] ^= 0x01
    check(bytes(later), "hidden-data")
    longer_name = bytearray(pkg)  # the last entry's name length, reaching into the end
    last = pkg.rindex(b"PK\x01\x02", 0, end)
    longer_name[last + 29] ^= 0x01
    check(bytes(longer_name), "hidden-data")
    unfinished = bytearray(pkg)  # the deflate stream's final-block flag cleared
    unfinished[compressed_span(pkg, "data.json").start] ^= 0x01
    check(bytes(unfinished), "corrupt")


# -- 2. the signing time is the signer's claim ----------------------------------------


def test_an_expired_certificate_with_a_back_dated_signing_time_is_refused():
    old = identity(not_before=day(2023), not_after=day(2024))
    check(package_signed_at(day(2023, 6), who=old), "expired")


def test_a_future_certificate_with_a_forward_dated_signing_time_is_refused():
    future = identity(not_before=day(2031), not_after=day(2033))
    result = check(package_signed_at(day(2031, 6), who=future), "signing-time")
    assert "签名时间" in result.message_zh


def test_a_signing_time_after_the_receipt_is_refused():
    pkg = package_signed_at(day(2025, 3, 2))
    check(pkg, "signing-time", received_at=day(2025, 3, 1))
    assert verify_package(pkg, trust=trust(), received_at=day(2025, 3, 3)).ok


def test_an_expired_certificate_counts_only_if_the_round_allows_and_it_arrived_in_time():
    old = identity(not_before=day(2023), not_after=day(2024))
    pkg = package_signed_at(day(2023, 6), who=old)
    in_time, late = day(2023, 6, 2), day(2024, 2)
    assert verify_package(pkg, trust=trust(), received_at=in_time, allow_expired=True).ok
    check(pkg, "expired", received_at=in_time)  # the round does not allow it
    check(pkg, "expired", allow_expired=True)  # no receipt: arrival unknown
    assert "过期后" in check(pkg, "expired", received_at=late, allow_expired=True).message_zh


def test_a_revoked_certificate_is_refused_unless_the_package_arrived_before():
    who = identity()
    pkg = package_signed_at(day(2025, 1, 1), who=who)
    ca_key, ca_cert = authority()
    crl = revocation_list({who.certificate.serial_number: day(2025, 2)}, ca_key=ca_key,
                          ca_cert=ca_cert, issued=day(2025, 2), next_update=day(2026, 2))
    check(pkg, "revoked", revoked=[crl])
    assert verify_package(pkg, trust=trust(), revoked=[crl], received_at=day(2025, 1, 5)).ok
    forged_key, forged_ca = authority("外区发展和改革委员会")
    foreign = revocation_list({who.certificate.serial_number: day(2025, 2)}, ca_key=forged_key,
                              ca_cert=forged_ca, issued=day(2025, 2), next_update=day(2026, 2))
    assert verify_package(pkg, trust=trust(), revoked=[foreign]).ok  # not the issuer's list


# -- 3. a member that lies about its size costs a chunk, not gigabytes ----------------


def test_a_member_lying_in_both_headers_is_inflated_only_to_its_declared_size(pkg):
    zeros = 200 * 1024 * 1024
    buf = io.BytesIO(pkg)
    with zipfile.ZipFile(buf, "a") as zf:
        zi = zipfile.ZipInfo("attachments/zeros.bin", date_time=(2023, 5, 15, 0, 0, 0))
        zi.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(zi, "w") as f:
            for _ in range(zeros // (1 << 20)):
                f.write(bytes(1 << 20))
    raw = bytearray(buf.getvalue())
    name = b"attachments/zeros.bin"
    central = bytes(raw).rindex(b"PK\x01\x02", 0, bytes(raw).rindex(name))
    local = bytes(raw).rindex(b"PK\x03\x04", 0, bytes(raw).index(name))
    struct.pack_into("<L", raw, central + 24, 1000)
    struct.pack_into("<L", raw, local + 22, 1000)
    tracemalloc.start()
    try:
        result = verify_package(bytes(raw), trust=trust())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.code == "corrupt", result
    assert peak < len(raw) * 4 + 32 * 1024 * 1024, peak  # never the 200 MB it hides


# -- 4. only regular files, read before anything blocks -------------------------------


@pytest.mark.skipif(os.name != "posix", reason="devices and FIFOs as POSIX has them")
def test_a_device_a_folder_or_a_fifo_is_refused_before_reading(tmp_path):
    check("/dev/zero", "not-file")
    check(tmp_path, "not-file")
    fifo = tmp_path / "pipe.zip"
    os.mkfifo(fifo)
    done: list[str] = []
    worker = threading.Thread(target=lambda: done.append(
        verify_package(fifo, trust=trust()).code), daemon=True)
    worker.start()
    worker.join(10)
    assert done == ["not-file"]


# -- 5. a valid signature over contradicting contents ---------------------------------


def signed_with_data(data: bytes, stage: str = "draft") -> bytes:
    about = info(stage=stage)
    return package(members(about=about) | {"data.json": data}, manifest=about)


@pytest.mark.parametrize("change", [
    {"department": "区教育局"}, {"stage": "final"}, {"round": "十三五中期评估"},
    {"district": "静安区"}, {"form": {"id": "other-form", "version": "1"}},
    {"schema": "planeval.data/9"},
])
def test_data_json_must_agree_with_the_metadata(change):
    check(signed_with_data(data_json(info(), **change)), "data")


def test_data_json_that_is_not_json_is_refused():
    check(signed_with_data(b"[" * 100_000), "data")
    check(signed_with_data(b"\xff\xfe"), "data")


def test_a_final_needs_the_signoff_and_no_open_errors():
    final = info(stage="final")
    assert verify_package(signed_with_data(data_json(final), "final"), trust=trust()).ok
    check(signed_with_data(data_json(final, signoff=None), "final"), "final")
    error = {"rule": "required", "severity": "error", "message": "任务 1：未填写"}
    warning = {"rule": "x", "severity": "warning", "message": "说明"}
    result = check(signed_with_data(data_json(final, findings=[warning, error]), "final"),
                   "final")
    assert "任务 1" in result.message_zh
    assert verify_package(signed_with_data(data_json(final, findings=[warning]), "final"),
                          trust=trust()).ok


def test_a_second_submission_of_the_same_id_is_reported_as_a_replay(pkg):
    result = verify_package(pkg, trust=trust())
    sid = result.manifest.submission_id
    assert check_replay(result, set()) is result
    assert check_replay(result, {"another"}) is result
    replay = check_replay(result, {sid})
    assert (replay.ok, replay.code) == (False, "replay")
    assert sid in replay.message_zh and replay.manifest == result.manifest
    bad = verify_package(b"junk", trust=trust())
    assert check_replay(bad, {sid}) is bad
