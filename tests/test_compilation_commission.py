"""The commission keeps a compilation round like an evaluation's: a round from the
compilation division tables (a stage per deliverable), its intake taking each unit's
packages per topic (one topic's package never supersedes another's), and a dashboard that
says, for a date, who delivered what at which milestone and who is late."""

from __future__ import annotations

import datetime as dt
import json

from cryptography.hazmat.primitives import serialization

from desktop.commission.compilation import create_compile_round, round_track
from desktop.commission.intake import intake
from desktop.commission.keys import create_keys, trust_outside_ca
from desktop.core.compilation_timeline import DONE, DONE_LATE, LATE, UPCOMING
from desktop.department import compilation as work
from desktop.forms.compilation import find_compilation
from desktop.paths import demo_dir
from desktop.store.commission import CommissionWorkspace
from tests.format_kit import run
from tests.test_package_kit import CST, authority, identity

FORM = "jingan-2019-compile"
TABLES = demo_dir() / "compile"
UNIT = "区建设管理委"  # leads 2-7 and 2-8


def _seal(tmp_path, number: str, day: str, who, out, deliverable: str = "workplan"):
    form = find_compilation(FORM)
    folder = tmp_path / f"ws-{number}-{day}"
    with work.create(folder, form, [TABLES], UNIT) as ws:
        work.write(ws, form, deliverable, number, {
            "title": f"工作方案{number}", "authors": "课题组", "summary": "摘要",
            **{p.id: "内容" for p in work.outline(form, form.deliverable(deliverable),
                                                next(r for r in ws.rows() if r.number == number))}})
        return work.seal(ws, form, deliverable, number, identity=who, out_dir=out,
                         created=dt.datetime.fromisoformat(day + "T09:00").replace(tzinfo=CST))


def test_a_compilation_round_takes_packages_per_topic(capsys, tmp_path):
    out = tmp_path / "收到"
    out.mkdir()
    who = identity(UNIT)
    first = _seal(tmp_path, "2-8", "2019-05-20", who, out)
    _seal(tmp_path, "2-7", "2019-06-05", who, out)  # late: due 31 May
    again = _seal(tmp_path, "2-8", "2019-05-25", who, out)  # a newer 2-8 work plan
    cws = create_compile_round(tmp_path / "cws", assignment=[TABLES], form_id=FORM)
    with cws:
        assert [s["id"] for s in cws.stages()] == [
            "workplan", "contribution", "interim", "final", "draft", "submitted", "review",
            "framework"]
        units = {u["name"] for u in cws.units()}
        assert {"区发展改革委", "区统计局", UNIT, "区科委"} <= units
        assert "区各相关部门" not in units and "企业" not in units
        create_keys(cws, "pass", now=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
        ca = authority()[1].public_bytes(serialization.Encoding.PEM)
        trust_outside_ca(cws, ca, "测试")
        outcomes = intake(cws, sorted(out.glob("*.zip")))
        assert [o.status for o in outcomes] == ["received"] * 3, outcomes
        kept = cws.query("SELECT status FROM packages ORDER BY status")
        assert [r["status"] for r in kept] == ["received", "received", "superseded"]
        live = cws.query("SELECT item, sha256 FROM packages WHERE status = 'received' "
                         "ORDER BY item")
        assert [r["item"] for r in live] == ["topics/2-7", "topics/2-8"]
        assert live[1]["sha256"] == again.sha256 and first.sha256 != again.sha256
        states = {(e.unit, e.row.number, e.deliverable.id): e.state
                  for e in round_track(cws, dt.date(2019, 6, 10))}
    assert states[(UNIT, "2-8", "workplan")] == DONE
    assert states[(UNIT, "2-7", "workplan")] == DONE_LATE
    assert states[("区统计局", "1-5", "workplan")] == LATE
    assert states[(UNIT, "2-8", "final")] == UPCOMING
    code, text, _ = run(capsys, "compile", "dashboard", tmp_path / "cws", "--date", "2019-06-10")
    assert code == 1
    assert "逾期未报  区统计局  1-5 开题（截止 2019-05-31）" in text
    assert "工作节点  [组织开展前期研究]" in text
    code, text, _ = run(capsys, "compile", "dashboard", tmp_path / "cws", "--date",
                        "2019-06-10", "--json")
    assert {(e["unit"], e["number"]) for e in json.loads(text)["entries"]
            if e["state"] == "done"} == {(UNIT, "2-8")}


def test_the_round_verb_and_an_evaluation_round_refused(capsys, tmp_path):
    code, text, _ = run(capsys, "compile", "round", tmp_path / "cws", "--assignment", TABLES,
                        "--form", FORM)
    assert code == 0 and "已创建编制轮次：静安区十四五规划编制" in text
    with CommissionWorkspace.open(tmp_path / "cws") as cws:
        assert cws.meta["kind"] == "compilation" and len(cws.rows()) == 18
    code, _, err = run(capsys, "commission", "round", "create", tmp_path / "eval",
                       "--assignment", demo_dir(), "--form", "putuo-2023-midterm")
    assert code == 0
    code, _, err = run(capsys, "compile", "dashboard", tmp_path / "eval")
    assert code == 2 and "不是编制轮次" in err
