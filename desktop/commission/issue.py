"""Issuing signed assignment packages: one per unit, each recorded and kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from desktop.commission.assignment_package import build_assignment_package, form_files
from desktop.commission.keys import current_crl, open_identities, unit_certificate
from desktop.commission.round import FORM_DIR, round_form, unit_rows
from desktop.io.outbox import write_into
from desktop.io.package_names import safe_name
from desktop.signing.cms import signer_for
from desktop.store.commission import CommissionWorkspace
from desktop.store.records import now_utc


@dataclass(frozen=True)
class Issued:
    unit: str
    path: Path
    sha256: str


def assignment_file_name(cws: CommissionWorkspace, unit: str, when: dt.date) -> str:
    parts = [cws.meta["district"], unit, cws.meta["round"], "任务包", when.strftime("%Y%m%d")]
    return "-".join(safe_name(p, limit=60, empty="_") for p in parts) + ".zip"


def issue_assignments(cws: CommissionWorkspace, passphrase: str, out_dir: Path, *,
                      now: dt.datetime, units: Sequence[str] = ()) -> list[Issued]:
    """Write a signed assignment package for every roster unit (or `units`) into out_dir."""
    form = round_form(cws)
    _, signing = open_identities(cws, passphrase)
    sign = signer_for(signing)
    ca_pem = signing.chain[-1].public_bytes(serialization.Encoding.PEM)
    files = form_files(cws.path / FORM_DIR)
    crl = current_crl(cws)
    info_base = {"district": cws.meta["district"], "round": cws.meta["round"],
                 "commission": cws.meta["commission"],
                 "form": {"id": form.id, "version": form.version, "hash": form.hash}}
    issued: list[Issued] = []
    for unit in [u["name"] for u in cws.units() if not units or u["name"] in units]:
        package = build_assignment_package(
            info={**info_base, "unit": unit}, rows=unit_rows(cws, form, unit), form=files,
            commission_ca=ca_pem, unit_certificate=unit_certificate(cws, unit), crl=crl,
            created=now, sign=sign)
        digest = cws.keep_blob(package)
        name = assignment_file_name(cws, unit, now.date())
        path = write_into(Path(out_dir), name, package)
        with cws.transaction() as db:
            db.execute("INSERT INTO issued (unit, at, sha256, file_name) VALUES (?, ?, ?, ?)",
                       (unit, now_utc(), digest, name))
            cws.log("下发任务包", f"{unit} {digest[:12]}", db=db)
        issued.append(Issued(unit, path, digest))
    return issued


def issued_to(cws: CommissionWorkspace, unit: str) -> set[str]:
    """SHA-256 of every assignment package issued to the unit."""
    return {r["sha256"] for r in cws.query("SELECT sha256 FROM issued WHERE unit = ?", (unit,))}
