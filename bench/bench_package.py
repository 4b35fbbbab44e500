"""Package build and verify timings, demo-sized and ~20 MB. Prints figures; asserts nothing.

Usage: python bench/bench_package.py [REPEATS]   (default 5; the best run is shown)
Signs with the demo 区科委 key and verifies against the demo commission CA.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.commission.verify import verify_package  # noqa: E402
from desktop.io.package import ManifestInfo, build_package  # noqa: E402
from desktop.signing import signer_for  # noqa: E402
from desktop.signing.demo import demo_identity, demo_trust  # noqa: E402

MB = 1024 * 1024


def data_json(rows: int) -> bytes:
    table = {
        str(i): {"completion": "已完成", "note": f"第 {i} 项进展顺利，完成率 {i % 97}%。" * 3}
        for i in range(rows)
    }
    data = {"schema": "planeval.data/1", "department": "区科委", "indicators": table}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def demo_members() -> dict[str, bytes]:
    """About what the demo writes: one report, two tables, a few hundred answers."""
    return {
        "data.json": data_json(300),
        "自评报告-科技创新规划.docx": os.urandom(60_000),
        "附件6-主要指标评估表.xlsx": os.urandom(25_000),
        "附件7-主要任务评估表.xlsx": os.urandom(30_000),
    }


def large_members() -> dict[str, bytes]:
    """~20 MB: the documents, a big data.json and scanned evidence."""
    members = demo_members() | {"data.json": data_json(6_000)}
    for i in range(6):
        members[f"attachments/佐证材料-{i + 1}.pdf"] = os.urandom(3 * MB)
    return members


def best(fn, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(repeats: int = 5) -> None:
    sign = signer_for(demo_identity())
    trust = demo_trust()
    info = ManifestInfo(
        district="普陀区",
        round="十四五中期评估",
        department="区科委",
        stage="draft",
        form_id="putuo-2023-midterm",
        form_hash="sha256:bench",
        created=dt.datetime(2023, 5, 15, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    )
    for label, members in (("demo", demo_members()), ("large", large_members())):
        size = sum(len(v) for v in members.values())
        build_s, pkg = best(lambda m=members: build_package(m, manifest=info, sign=sign), repeats)
        verify_s, result = best(lambda p=pkg: verify_package(p, trust=trust), repeats)
        assert isinstance(pkg, bytes)
        print(
            f"{label:6} members {len(members):2}  payload {size / MB:6.2f} MB  "
            f"zip {len(pkg) / MB:6.2f} MB  build {build_s * 1000:7.1f} ms  "
            f"verify {verify_s * 1000:7.1f} ms  ({getattr(result, 'code', '?')})"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
