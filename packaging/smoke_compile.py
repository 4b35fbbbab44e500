"""The smoke test's compilation round (issue 14): every `planeval compile` verb through the
frozen CLI, on Jing'an's compilation tables with the demo's 区科委 key. Used by smoke.py."""

from __future__ import annotations

import json
from typing import Any

FORM = "jingan-2019-compile"


def compile_walk(app: Any) -> None:
    """init, outline, write, attach, signoff, seal, import, contributions, status,
    timeline, track, and a commission round with its intake and dashboard; `pass.txt`
    holds the demo key's passphrase."""
    demo = app.bundle / "_internal" / "resources" / "demo"
    tables, keys = str(demo / "compile"), demo / "keys"
    ws = "区科委 编制工作区"
    app.run("planeval", "compile", "init", ws, "--assignment", tables, "--department", "区科委",
            "--form", FORM)
    app.run("planeval", "compile", "outline", ws, "workplan", "2-4")
    app.run("planeval", "compile", "write", ws, "workplan", "2-4", "--part", "title", "工作方案",
            "--part", "authors", "课题组", "--part", "summary", "摘要", "--part", "s1", "一",
            "--part", "s2", "二", "--part", "s3", "三")
    (app.work / "中期.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    app.run("planeval", "compile", "attach", ws, "interim", "2-4", "中期.pdf")
    app.run("planeval", "compile", "signoff", ws, "final", "2-4", "--leader", "王明",
            "--date", "2019-09-10")
    app.mkdir("编制包")
    app.run("planeval", "compile", "seal", ws, "workplan", "2-4", "--out", "编制包",
            "--key", str(keys / "区科委-demo.p12"), "--passphrase-file", "pass.txt",
            "--at", "2019-05-30T09:00")
    (package,) = sorted((app.work / "编制包").glob("*.zip"))
    ca = str(keys / "commission-ca.pem")
    app.run("planeval", "verify", str(package), "--trust", ca)
    # the lead's own stage is not a contribution: refused with a message (exit 2)
    app.run("planeval", "compile", "import", ws, str(package), "--trust", ca, expect=(2,))
    app.run("planeval", "compile", "contributions", ws)
    status = json.loads(app.run("planeval", "compile", "status", ws, "--json",
                                "--date", "2019-06-10").stdout)
    assert any(e["state"] == "done" for e in status), status
    app.run("planeval", "compile", "timeline", "--workspace", ws, "--date", "2019-06-10")
    app.run("planeval", "compile", "track", "--form", FORM, "--assignment", tables,
            "--packages", "编制包", "--trust", ca, "--date", "2019-06-10", expect=(0, 1))
    cws = "区发改委 编制轮次"
    app.run("planeval", "compile", "round", cws, "--assignment", tables, "--form", FORM)
    app.run("planeval", "commission", "keys", "create", cws, "--passphrase-file", "pass.txt")
    app.run("planeval", "commission", "keys", "trust", cws, ca, "--name", "演示")
    app.run("planeval", "commission", "intake", cws, "编制包")
    app.run("planeval", "compile", "dashboard", cws, "--date", "2019-06-10", expect=(0, 1))
