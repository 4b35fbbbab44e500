"""Commission intake of 100, 300 and 1,000 packages from distinct units: seconds, peak RSS.

Each count runs in its own child process (so peak RSS is that run's own), first the
baseline (verify_package alone over the same files), then the intake (verify, the round's
checks, storing the file, one transaction per package). Prints; asserts nothing.

Usage: python bench/bench_intake.py [COUNT ...]
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COUNTS = (100, 300, 1000)
TZ = dt.timezone(dt.timedelta(hours=8))


def make_round(root: Path, count: int) -> Path:
    """A commission workspace for `count` units and a signed draft from each."""
    from desktop.commission.certificates import create_commission_ca, issue_unit_identity
    from desktop.core.model import Row, RowNumber
    from desktop.io.package import ManifestInfo, build_package
    from desktop.signing.cms import signer_for
    from desktop.store.commission import CommissionWorkspace
    from desktop.store.records import now_utc

    now = dt.datetime.now(TZ).replace(microsecond=0)
    units = [f"测试单位{i:04d}" for i in range(count)]
    rows = [Row("tasks", RowNumber(str(i + 1)), "类", "组", {"content": "推进重点工作"}, (u,))
            for i, u in enumerate(units)]
    meta = {"district": "测试区", "round": "测试轮次", "form_id": "f", "form_version": "1",
            "form_hash": "h" * 64, "commission": "测试区发展和改革委员会"}
    ca = create_commission_ca(district="测试区", name="测试区发改委（根证书）", now=now)
    from cryptography.hazmat.primitives import serialization

    with CommissionWorkspace.create(root / "cws", meta=meta, units=units, rows=rows,
                                    stages=[{"id": "draft", "title": "初稿", "due": ""}]) as cws:
        cws.set_meta("ca_pem", ca.certificate.public_bytes(serialization.Encoding.PEM).decode())
        with cws.transaction() as db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'created'", (now_utc(),))
    packages = root / "in"
    packages.mkdir()
    for i, unit in enumerate(units):
        ident = issue_unit_identity(ca, unit, district="测试区", not_before=now,
                                    not_after=now + dt.timedelta(days=30))
        data = {"schema": "planeval.data/1", "department": unit, "stage": "draft",
                "form": {"id": "f", "version": "1"},
                "tasks": {str(i + 1): {"progress": "按计划推进" * 40, "conclusion": "B"}},
                "findings": [], "accepted": {}}
        info = ManifestInfo(district="测试区", round="测试轮次", department=unit, stage="draft",
                            form_id="f", form_hash="h" * 64, created=now)
        body = json.dumps(data, ensure_ascii=False).encode()
        (packages / f"{i:04d}.zip").write_bytes(
            build_package({"data.json": body}, manifest=info, sign=signer_for(ident)))
    return root


def child(mode: str, root: Path) -> None:
    """Run one measurement and print seconds and peak RSS as JSON."""
    files = sorted((root / "in").glob("*.zip"))
    start = time.perf_counter()
    if mode == "baseline":
        from desktop.commission.keys import commission_ca
        from desktop.commission.verify import verify_package
        from desktop.store.commission import CommissionWorkspace

        with CommissionWorkspace.open(root / "cws") as cws:
            trust = [commission_ca(cws)]
        ok = sum(verify_package(f.read_bytes(), trust=trust).ok for f in files)
    else:
        from desktop.commission.intake import intake
        from desktop.store.commission import CommissionWorkspace

        with CommissionWorkspace.open(root / "cws") as cws:
            ok = sum(o.status == "received" for o in intake(cws, files))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mib": rss, "ok": ok}))


def measure(mode: str, root: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(root)],
                         capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run(count: int) -> dict[str, dict[str, float]]:
    """Verify alone and intake of `count` fresh packages, each in its own child process."""
    with tempfile.TemporaryDirectory() as tmp:
        root = make_round(Path(tmp), count)
        return {"baseline": measure("baseline", root), "intake": measure("intake", root)}


def main(counts: tuple[int, ...]) -> None:
    print(f"{'packages':>8} {'verify s':>9} {'intake s':>9} {'ratio':>6} "
          f"{'verify MiB':>10} {'intake MiB':>10} {'taken in':>9}")
    for count in counts:
        figures = run(count)
        base, got = figures["baseline"], figures["intake"]
        print(f"{count:>8} {base['seconds']:>9.2f} {got['seconds']:>9.2f} "
              f"{got['seconds'] / base['seconds']:>6.2f} {base['rss_mib']:>10.0f} "
              f"{got['rss_mib']:>10.0f} {int(got['ok']):>9}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]))
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or COUNTS)
