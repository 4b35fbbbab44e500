"""The commission's keys in its workspace: its CA, its signing certificate, what it issued.

`keys/ca.key` holds the CA (it signs unit certificates and the revocation list) and
`keys/signing.key` the commission's signing certificate, issued by that CA (it signs
assignment packages, receipts and return notes). Both are key stores encrypted under
the officer's passphrase (Argon2id + AES-256-GCM), like a department's key file. The
CA certificate and the latest revocation list are kept in the round's meta, so checking
needs no passphrase.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from desktop.commission.certificates import (
    IssuedCertificate,
    Revocation,
    UnitContact,
    create_commission_ca,
    fingerprint,
    issue_roster,
    issue_unit_identity,
    make_crl,
    read_trust_anchor,
)
from desktop.core.errors import InputError
from desktop.signing.keys import SigningIdentity
from desktop.signing.keystore import dump_keystore, open_keystore, save_keystore
from desktop.store.commission import CommissionWorkspace
from desktop.store.records import now_utc

KEYS_DIR = "keys"
CA_FILE = "ca.key"
SIGNING_FILE = "signing.key"
CA_PEM = "ca_pem"  # meta keys
CRL_DER = "crl"  # base64 of the latest CRL


def has_keys(cws: CommissionWorkspace) -> bool:
    return CA_PEM in cws.meta


def create_keys(cws: CommissionWorkspace, passphrase: str, *, now: dt.datetime) -> str:
    """Make the commission's CA and signing certificate; returns the CA's fingerprint."""
    if has_keys(cws):
        raise InputError("本轮次已经有区发改委证书，不能重复创建。")
    district, name = cws.meta["district"], cws.meta["commission"]
    ca = create_commission_ca(district=district, name=f"{name}（根证书）", now=now)
    signing = issue_unit_identity(ca, name, district=district, not_before=now,
                                  not_after=ca.certificate.not_valid_after_utc)
    folder = cws.path / KEYS_DIR
    folder.mkdir(exist_ok=True)
    save_keystore(folder / CA_FILE, dump_keystore(ca.key, [ca.certificate], passphrase))
    save_keystore(folder / SIGNING_FILE,
                  dump_keystore(signing.key, [signing.certificate, ca.certificate], passphrase))
    pem = ca.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    cws.set_meta(CA_PEM, pem)
    cws.log("创建区发改委证书", fingerprint(ca.certificate))
    return fingerprint(ca.certificate)


def commission_ca(cws: CommissionWorkspace) -> x509.Certificate:
    if not has_keys(cws):
        raise InputError("本轮次还没有区发改委证书：请先创建（planeval commission keys create）。")
    return x509.load_pem_x509_certificate(cws.meta[CA_PEM].encode("ascii"))


def open_identities(cws: CommissionWorkspace, passphrase: str
                    ) -> tuple[SigningIdentity, SigningIdentity]:
    """(CA, signing) identities; a wrong passphrase raises WrongPassphraseError."""
    commission_ca(cws)
    folder = cws.path / KEYS_DIR
    return (open_keystore(folder / CA_FILE, passphrase).identity(),
            open_keystore(folder / SIGNING_FILE, passphrase).identity())


def issue_certificates(cws: CommissionWorkspace, passphrase: str, out_dir: Path, *,
                       now: dt.datetime, units: Sequence[str] = ()) -> list[IssuedCertificate]:
    """A certificate (.p12 and its printable sheet) for every roster unit, or for `units`."""
    ca, _ = open_identities(cws, passphrase)
    roster = cws.units()
    wanted = [u for u in roster if not units or u["name"] in units]
    contacts = [UnitContact(u["name"], u["contact"], u["phone"], u["email"]) for u in wanted]
    issued = issue_roster(ca, contacts, Path(out_dir), district=cws.meta["district"],
                          commission_name=cws.meta["commission"], now=now)
    with cws.transaction() as db:
        for c in issued:
            db.execute("INSERT INTO certificates (serial, unit, not_before, not_after, pem, "
                       "issued_at) VALUES (?, ?, ?, ?, ?, ?)",
                       (str(c.serial), c.unit, c.not_before.isoformat(), c.not_after.isoformat(),
                        c.certificate_pem.decode("ascii"), now_utc()))
        cws.log("签发单位证书", f"{len(issued)} 个单位", db=db)
    return issued


def unit_certificate(cws: CommissionWorkspace, unit: str) -> bytes | None:
    """The newest unrevoked certificate issued to `unit` (PEM), if any."""
    found = cws.query("SELECT pem FROM certificates WHERE unit = ? AND revoked_at IS NULL "
                      "ORDER BY issued_at DESC, rowid DESC LIMIT 1", (unit,))
    return found[0]["pem"].encode("ascii") if found else None


def revoke(cws: CommissionWorkspace, passphrase: str, *, unit: str = "", serial: str = "",
           reason: str = "", now: dt.datetime) -> list[str]:
    """Revoke a unit's certificates (or one by serial) and sign a new revocation list."""
    ca, _ = open_identities(cws, passphrase)
    where, arg = ("unit = ?", unit) if unit else ("serial = ?", serial)
    found = cws.query(f"SELECT serial FROM certificates WHERE {where} AND revoked_at IS NULL",
                      (arg,))
    if not found:
        raise InputError(f"没有找到可吊销的证书：{unit or serial}。")
    serials = [r["serial"] for r in found]
    with cws.transaction() as db:
        for s in serials:
            db.execute("UPDATE certificates SET revoked_at = ?, reason = ? WHERE serial = ?",
                       (now.isoformat(), reason, s))
        revoked = [Revocation(int(r["serial"]), dt.datetime.fromisoformat(r["revoked_at"]),
                              r["reason"])
                   for r in db.query("SELECT serial, revoked_at, reason FROM certificates "
                                     "WHERE revoked_at IS NOT NULL")]
        crl = make_crl(ca, revoked, this_update=now, next_update=now + dt.timedelta(days=365))
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                   (CRL_DER, base64.b64encode(crl).decode("ascii")))
        cws.log("吊销证书", f"{unit or serial}：{'、'.join(serials)} {reason}", db=db)
    cws.meta[CRL_DER] = base64.b64encode(crl).decode("ascii")
    return serials


def current_crl(cws: CommissionWorkspace) -> bytes | None:
    value = cws.meta.get(CRL_DER)
    return base64.b64decode(value) if value else None


def revoked_serials(cws: CommissionWorkspace) -> set[int]:
    rows = cws.query("SELECT serial FROM certificates WHERE revoked_at IS NOT NULL")
    return {int(r["serial"]) for r in rows}


def trust_outside_ca(cws: CommissionWorkspace, data: bytes, name: str = "") -> str:
    """Trust units whose certificates come from an outside CA; returns its fingerprint."""
    cert = read_trust_anchor(data)
    fp = fingerprint(cert)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    label = name or cert.subject.rfc4514_string()
    with cws.transaction() as db:
        db.execute("INSERT OR REPLACE INTO trust (fingerprint, name, pem, added_at) "
                   "VALUES (?, ?, ?, ?)", (fp, label, pem, now_utc()))
        cws.log("信任外部证书机构", f"{label} {fp}", db=db)
    return fp


def trust_anchors(cws: CommissionWorkspace) -> list[x509.Certificate]:
    """The commission's CA and every outside CA it trusts."""
    outside = [x509.load_pem_x509_certificate(r["pem"].encode("ascii"))
               for r in cws.query("SELECT pem FROM trust ORDER BY added_at")]
    return [commission_ca(cws), *outside]
