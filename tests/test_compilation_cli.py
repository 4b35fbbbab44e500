"""`planeval compile …` end to end through the CLI: a unit's workspace from the division
tables, an outline written part by part, the sign-off gate, a signed package verified,
the contribution import refusing a lead's own stage, the timeline and the commission's
tracking with exit 1 when something is late."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.commission.verify import verify_package
from desktop.paths import demo_dir
from desktop.signing.certs import read_certificates
from tests.format_kit import run

TABLES = demo_dir() / "compile"
KEYS = demo_dir() / "keys"
FORM = "jingan-2019-compile"


def test_a_topic_from_init_to_a_verified_package(capsys, tmp_path: Path):
    ws, out = tmp_path / "区科委", tmp_path / "包"
    out.mkdir()
    (tmp_path / "pass.txt").write_text("planeval-demo\n", encoding="utf-8")
    code, text, _ = run(capsys, "compile", "init", ws, "--assignment", TABLES,
                        "--department", "区科委", "--form", FORM)
    assert code == 0 and "牵头：2 项" in text
    code, text, _ = run(capsys, "compile", "outline", ws, "workplan", "2-4")
    assert code == 0 and "[s3] （3）提出静安打造成为科技创新策源的新高地" in text
    parts = tmp_path / "parts.json"
    parts.write_text(json.dumps({f"s{i}": f"第{i}项研究安排。" for i in (1, 2, 3)},
                                ensure_ascii=False), encoding="utf-8")
    code, text, _ = run(capsys, "compile", "write", ws, "workplan", "2-4", "--data", parts,
                        "--part", "title", "“上海制造”课题工作方案", "--part", "authors", "课题组",
                        "--part", "summary", "分三阶段开展研究。")
    assert code == 0 and "已保存 6 处内容" in text
    code, _, err = run(capsys, "compile", "write", ws, "workplan", "2-4", "--part", "s9", "x")
    assert code == 2 and "没有名为“s9”的部分" in err
    seal = ("--out", out, "--key", KEYS / "区科委-demo.p12", "--passphrase-file",
            tmp_path / "pass.txt")
    code, _, err = run(capsys, "compile", "seal", ws, "final", "2-4", *seal)
    assert code == 2 and "须经分管区领导审阅同意" in err and "请填写标题" in err
    code, text, _ = run(capsys, "compile", "seal", ws, "workplan", "2-4", *seal,
                        "--at", "2019-05-30T09:00")
    assert code == 0, text
    package = next(out.glob("*.zip"))
    assert package.name == "静安区-区科委-十四五规划编制-课题2-4-开题-20190530.zip"
    trust = read_certificates([KEYS / "commission-ca.pem"])
    assert verify_package(package, trust=trust).ok
    code, _, err = run(capsys, "compile", "import", ws, package, "--trust",
                       KEYS / "commission-ca.pem")
    assert code == 2 and "不是配合单位报送的研究材料" in err
    code, text, _ = run(capsys, "compile", "contributions", ws)
    assert "尚未导入" in text
    code, text, _ = run(capsys, "compile", "signoff", ws, "final", "2-4", "--leader", "王五",
                        "--date", "2019-09-10")
    assert code == 0
    code, text, _ = run(capsys, "compile", "status", ws, "--date", "2019-09-20", "--json")
    states = {(e["number"], e["deliverable"]): e["state"] for e in json.loads(text)}
    assert states[("2-4", "workplan")] == "done" and states[("2-4", "final")] == "late"
    assert states[("2-8", "contribution")] == "late"
    code, text, _ = run(capsys, "compile", "timeline", "--workspace", ws, "--date", "2019-06-10")
    assert code == 0 and "19Q2 19Q3" in text and "起草形成《思路框架》★" in text
    assert "逾期" not in text  # 2-8's contribution is due 31 July
    code, text, _ = run(capsys, "compile", "timeline", "--workspace", ws, "--date", "2019-08-05")
    assert code == 1 and "逾期未报  2-8 配合研究（截止 2019-07-31）" in text
    code, text, _ = run(capsys, "compile", "timeline", "--form", FORM, "--date", "2019-05-01")
    assert code == 0 and "● 报区发展规划工作领导小组会议" in text
    code, text, _ = run(capsys, "compile", "track", "--form", FORM, "--assignment", TABLES,
                        "--packages", out, "--trust", KEYS / "commission-ca.pem",
                        "--date", "2019-06-10", "--json")
    assert code == 1
    tracked = json.loads(text)
    assert [r["ok"] for r in tracked["received"]] == [True]
    by = {(e["unit"], e["number"], e["deliverable"]): e["state"] for e in tracked["entries"]}
    assert by[("区科委", "2-4", "workplan")] == "done"
    assert by[("区统计局", "1-5", "workplan")] == "late"
