"""The signed assignment package: what the commission sends one unit to start its round.

Members (besides the ASiC-E `mimetype` and META-INF, see `signed_zip`):

    assignment.json               the unit's rows (as the division tables give them)
    form/<file>                   the form definition folder (form.json, units.json, ...)
    certificates/commission.pem   the commission's CA certificate (the unit's trust anchor)
    certificates/unit.pem         the certificate issued to the unit (if any)
    certificates/revoked.crl      the commission's certificate revocation list (if any)

META-INF/planeval.json says {"schema": "planeval.assignment/1", "district", "round",
"unit", "commission", "form": {"id", "version", "hash"}, "created"}. The package is
signed with the commission's signing certificate, issued by its CA.

A unit that received its certificate from the commission checks the package against that
CA; a unit opening its first package trusts the CA inside it, and the app shows the CA's
fingerprint to compare with the one printed on the unit's certificate sheet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509

from desktop.commission.signed_zip import build_signed_zip, open_signed_zip
from desktop.commission.verify_cms import Rejected
from desktop.core.model import Row
from desktop.io.package_names import safe_file_name
from desktop.store.records import row_from_record, row_records

SCHEMA = "planeval.assignment/1"
ROWS_NAME = "assignment.json"
FORM_DIR = "form/"
CA_NAME = "certificates/commission.pem"
UNIT_CERT_NAME = "certificates/unit.pem"
CRL_NAME = "certificates/revoked.crl"
MAX_FORM_FILE = 4 * 1024 * 1024


@dataclass(frozen=True)
class AssignmentPackage:
    """A checked assignment package."""

    sha256: str
    info: dict[str, Any]
    rows: tuple[Row, ...]
    form_files: dict[str, bytes]  # file name in the form folder -> bytes
    commission_ca: x509.Certificate
    unit_certificate: x509.Certificate | None
    crl: bytes | None

    @property
    def unit(self) -> str:
        return str(self.info["unit"])


def form_files(folder: Path) -> dict[str, bytes]:
    """Every file of a form definition folder, by its relative path ("form.json")."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def build_assignment_package(
    *, info: Mapping[str, Any], rows: Sequence[Row], form: Mapping[str, bytes],
    commission_ca: bytes, unit_certificate: bytes | None, crl: bytes | None,
    created: dt.datetime, sign: Callable[[bytes], bytes],
) -> bytes:
    """The package bytes; `info` gives district, round, unit, commission and form."""
    members = {ROWS_NAME: json.dumps({"rows": row_records(rows)}, ensure_ascii=False,
                                     indent=1, sort_keys=True).encode("utf-8"),
               CA_NAME: commission_ca}
    members.update({FORM_DIR + name: data for name, data in form.items()})
    if unit_certificate:
        members[UNIT_CERT_NAME] = unit_certificate
    if crl:
        members[CRL_NAME] = crl
    full = {"schema": SCHEMA, **info, "created": created.isoformat()}
    return build_signed_zip(members, info=full, created=created, sign=sign)


def _allowed(name: str) -> bool:
    if name in (ROWS_NAME, CA_NAME, UNIT_CERT_NAME, CRL_NAME):
        return True
    parts = name.split("/")
    return parts[0] + "/" == FORM_DIR and len(parts) <= 4 and all(map(safe_file_name, parts[1:]))


def read_assignment_package(
    raw: bytes, *, trust: Sequence[x509.Certificate] = (), at: dt.datetime | None = None
) -> AssignmentPackage:
    """Check and read a package; raises Rejected(code, Chinese reason).

    With no `trust`, the commission CA carried inside is the anchor (first use); with
    `trust`, the package must chain to one of those certificates.
    """
    ca = _carried_ca(raw)
    opened = open_signed_zip(raw, schema=SCHEMA, allowed=_allowed,
                             trust=list(trust) or [ca], at=at)
    info, members = opened.info, opened.members
    if trust and ca not in trust:
        raise Rejected("not-trusted", "任务包中的区发改委证书与本单位信任的证书不一致。")
    for key in ("district", "round", "unit", "commission", "form"):
        if key not in info:
            raise Rejected("manifest", f"任务包的说明缺少“{key}”。")
    if opened.signer.common_name != info["commission"]:
        raise Rejected("signer", f"任务包不是由“{info['commission']}”签发的。")
    try:
        doc = json.loads(members[ROWS_NAME].decode("utf-8"))
        rows = tuple(row_from_record(r) for r in doc["rows"])
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as exc:
        raise Rejected("manifest", "任务包中的分工数据格式不正确。") from exc
    unit_cert = _certificate(members.get(UNIT_CERT_NAME))
    if unit_cert is not None:
        _check_unit_certificate(unit_cert, ca, str(info["unit"]))
    files = {n[len(FORM_DIR):]: b for n, b in members.items() if n.startswith(FORM_DIR)}
    if "form.json" not in files:
        raise Rejected("missing", "任务包中缺少填报格式定义（form/form.json）。")
    return AssignmentPackage(
        sha256=hashlib.sha256(raw).hexdigest(), info=info, rows=rows, form_files=files,
        commission_ca=ca, unit_certificate=unit_cert, crl=members.get(CRL_NAME))


def _carried_ca(raw: bytes) -> x509.Certificate:
    """The CA certificate inside, read (bounded) before the signature can be checked."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            info = zf.getinfo(CA_NAME)
            if info.file_size > 64 * 1024:
                raise Rejected("too-large", "任务包中的证书过大。")
            data = zf.read(info)
    except KeyError as exc:
        raise Rejected("missing", "任务包中缺少区发改委证书。") from exc
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError,
            NotImplementedError) as exc:
        raise Rejected("not-zip", "所选文件不是有效的任务包（zip），或文件已损坏。") from exc
    cert = _certificate(data)
    if cert is None:
        raise Rejected("missing", "任务包中缺少区发改委证书。")
    return cert


def _certificate(data: bytes | None) -> x509.Certificate | None:
    if not data:
        return None
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise Rejected("signature", "任务包中的证书无法读取，可能已损坏。") from exc


def _check_unit_certificate(cert: x509.Certificate, ca: x509.Certificate, unit: str) -> None:
    try:
        cert.verify_directly_issued_by(ca)
    except Exception as exc:  # InvalidSignature, ValueError, TypeError
        raise Rejected("chain", "任务包中的单位证书不是由区发改委签发的。") from exc
    names = cert.subject.get_attributes_for_oid(x509.oid.NameOID.COMMON_NAME)
    if not names or names[0].value != unit:
        raise Rejected("signer", f"任务包中的单位证书不属于“{unit}”。")
