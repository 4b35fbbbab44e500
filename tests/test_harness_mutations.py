"""Harness: every member of a package x every mutation, each refused with a stable code.

Byte-level mutations (flip, truncate, extend), zip-level ones (reorder, duplicate, hide
a changed copy between entries, rename) and signature-level ones (re-signed with a
foreign, expired, revoked or other department's certificate, back- and forward-dated
signing times). The expected code of each is fixed here: a change of code is a change of
behaviour to notice, not noise.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from harness import LONG
from test_package_kit import (
    authority,
    default_identity,
    entries,
    flip,
    identity,
    package,
    package_signed_at,
    rezip,
    trust,
)
from test_verify_hostile import hide_between

from desktop.commission.verify import CODES, verify_package
from desktop.signing.ca import revocation_list

MIMETYPE, MANIFEST, SIGNATURE, INFO = (
    "mimetype", "META-INF/ASiCManifest.xml", "META-INF/signature.p7s", "META-INF/planeval.json",
)  # fmt: skip
UTC = dt.UTC


@pytest.fixture(scope="module")
def pkg() -> bytes:
    return package()


def names(pkg: bytes) -> list[str]:
    return [zi.filename for zi, _ in entries(pkg)]


def _content_code(member: str, mutation: str) -> str:
    """What a changed content of `member` must be refused as."""
    if member == MIMETYPE:
        return "mimetype"
    if member == MANIFEST:
        return "signature"  # the signature no longer covers it
    if member == SIGNATURE:
        return "trailing-data" if mutation == "extend" else "signature"
    return "digest"


def mutate(pkg: bytes, member: str, mutation: str) -> tuple[bytes, str]:
    """The mutated package and the code it must be refused with."""
    data = dict((zi.filename, d) for zi, d in entries(pkg))[member]
    if mutation == "flip":  # in the signature: its last byte, the signature value's
        at = -1 if member == SIGNATURE else len(data) // 2
        return rezip(pkg, replace={member: flip(data, at)}), _content_code(member, mutation)
    if mutation == "truncate":
        return rezip(pkg, replace={member: data[: len(data) // 2]}), \
            _content_code(member, mutation)
    if mutation == "extend":
        return rezip(pkg, replace={member: data + b"\x00planeval"}), \
            _content_code(member, mutation)
    if mutation == "reorder":
        return _swap_with_neighbour(pkg, member), "mimetype" if member == MIMETYPE else "layout"
    if mutation == "duplicate":
        return rezip(pkg, add=[(member, data)]), "duplicate"
    if mutation == "hide":
        return hide_between(pkg, member, member, flip(data or b"x")), "hidden-data"
    if mutation == "rename":
        return _renamed(pkg, member)
    raise AssertionError(mutation)


def _swap_with_neighbour(pkg: bytes, member: str) -> bytes:
    items = entries(pkg)
    i = next(k for k, (zi, _) in enumerate(items) if zi.filename == member)
    j = i + 1 if i + 1 < len(items) else i - 1
    items[i], items[j] = items[j], items[i]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for zi, d in items:
            zf.writestr(zi, d)
    return out.getvalue()


def _renamed(pkg: bytes, member: str) -> tuple[bytes, str]:
    if member == MIMETYPE:
        new, code = "mimetype.txt", "member-name"
    elif member in (MANIFEST, SIGNATURE, INFO, "data.json"):
        new, code = f"attachments/{member.rsplit('/', 1)[-1]}", "missing"
    elif member.startswith("attachments/"):
        new, code = "attachments/改名-" + member.split("/", 1)[1], "manifest-set"
    else:
        new, code = "改名-" + member, "manifest-set"
    items = [(zipfile.ZipInfo(new if zi.filename == member else zi.filename, zi.date_time), d)
             for zi, d in entries(pkg)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for zi, d in items:
            zf.writestr(zi, d)
    return out.getvalue(), code


MUTATIONS = ("flip", "truncate", "extend", "reorder", "duplicate", "hide", "rename")


def test_every_member_times_every_mutation_is_refused_with_its_code(pkg):
    table: dict[tuple[str, str], str] = {}
    wrong = []
    for member in names(pkg):
        for mutation in MUTATIONS:
            bad, expected = mutate(pkg, member, mutation)
            result = verify_package(bad, trust=trust())
            again = verify_package(bad, trust=trust())
            assert not result.ok and result.code in CODES, (member, mutation, result)
            assert again.code == result.code  # the same bytes, the same answer
            table[(member, mutation)] = result.code
            if result.code != expected:
                wrong.append((member, mutation, expected, result.code, result.message_zh))
    assert not wrong, wrong
    assert len(table) == len(names(pkg)) * len(MUTATIONS)


def _resigned() -> dict[str, tuple[bytes, str, dict]]:
    utc = UTC
    revoked_one = identity()
    ca_key, ca_cert = authority()
    crl = revocation_list({revoked_one.certificate.serial_number: dt.datetime(2024, 1, 1,
                                                                              tzinfo=utc)},
                          ca_key=ca_key, ca_cert=ca_cert,
                          issued=dt.datetime(2024, 1, 1, tzinfo=utc),
                          next_update=dt.datetime(2030, 1, 1, tzinfo=utc))
    old = identity(not_before=dt.datetime(2023, 1, 1, tzinfo=utc),
                   not_after=dt.datetime(2024, 1, 1, tzinfo=utc))
    return {
        "foreign CA": (package(who=identity(ca="外区发展和改革委员会")), "not-trusted", {}),
        "expired": (package_signed_at(dt.datetime(2023, 6, 1, tzinfo=utc), who=old),
                    "expired", {}),
        "revoked": (package(who=revoked_one), "revoked", {"revoked": [crl]}),
        "other department": (package(who=identity("区教育局")), "department", {}),
        "back-dated": (package_signed_at(dt.datetime(2022, 6, 1, tzinfo=utc)), "expired", {}),
        "forward-dated": (package_signed_at(dt.datetime.now(utc) + dt.timedelta(days=2)),
                          "signing-time", {}),
        "own key, honest": (package(who=default_identity()), "ok", {}),
    }


def test_re_signed_packages_are_refused_with_their_code():
    for label, (bad, expected, extra) in _resigned().items():
        result = verify_package(bad, trust=trust(), **extra)
        assert result.code == expected, (label, result)


@pytest.mark.skipif(not LONG, reason="long variant: PLANEVAL_LONG=1")
def test_long_every_bit_of_a_small_package_flipped(pkg):
    """Every bit flipped, one at a time: refused with a known code, or (the padding bits
    after a deflate stream's end, which no inflater reads) accepted with every member's
    content unchanged."""
    small = package({"data.json": dict((zi.filename, d) for zi, d in entries(pkg))["data.json"]})
    original = {zi.filename: d for zi, d in entries(small)}
    codes: dict[str, int] = {}
    for at in range(len(small)):
        for bit in range(8):
            raw = bytearray(small)
            raw[at] ^= 1 << bit
            result = verify_package(bytes(raw), trust=trust())
            assert result.code in CODES or result.ok, (at, bit, result)
            if result.ok:
                assert {zi.filename: d for zi, d in entries(bytes(raw))} == original, (at, bit)
            codes[result.code] = codes.get(result.code, 0) + 1
    print(f"\nflips of {len(small)} bytes x 8 bits:", dict(sorted(codes.items())))
