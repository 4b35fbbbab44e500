"""The smoke test's commission round trip, run when the CLI has the commission verbs: a
round, certificates, an assignment package, the department's package, a return note with a
comment, the answer, the receipt, and the commission's overviews. Used by smoke.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

PASSPHRASE = re.compile(r"\b[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}\b")


def sheet_passphrase(sheet: Path) -> str:
    """The .p12's passphrase as the clerk reads it off the printed 证书领取单."""
    from docx import Document  # read from source: the frozen app only writes it

    text = "\n".join(p.text for p in Document(str(sheet)).paragraphs)
    (found,) = set(PASSPHRASE.findall(text))
    return found


def _intake(app: Any, cws: str, folder: str) -> dict[str, str]:
    out = app.run("planeval", "commission", "intake", cws, folder, "--json").stdout
    outcomes = json.loads(out[: out.rindex("]") + 1])
    received = [o for o in outcomes if o["status"] == "received"]
    assert received, outcomes
    return dict(received[-1])


def check_charts(app: Any, said: str) -> None:
    """The commission edition draws the roll-up's charts; the department edition writes the
    summary without them and says, there and on the command line, why."""
    from docx import Document

    from desktop.io.charts import CHARTS_NEED_COMMISSION

    summary = Document(str(next((app.work / "汇总").glob("*全区汇总情况.docx"))))
    text = "\n".join(p.text for p in summary.paragraphs)
    if app.edition == "department":
        assert not summary.inline_shapes, "charts in the department edition"
        assert CHARTS_NEED_COMMISSION in said and CHARTS_NEED_COMMISSION in text, said
    else:
        assert summary.inline_shapes, "no charts in the commission edition"
        assert CHARTS_NEED_COMMISSION not in text


def commission_walk(app: Any, answers: dict[str, Any]) -> None:
    """Both sides through the frozen CLI; `answers` is the demo's export-data."""
    demo = app.bundle / "_internal" / "resources" / "demo"
    form_id = json.loads((demo / "demo.json").read_text(encoding="utf-8"))["form"]
    cws, ws, unit = "区发改委 轮次", "区科委 任务包工作区", answers["department"]
    app.run("planeval", "commission", "round", "create", cws, "--assignment", str(demo),
            "--form", form_id)
    app.run("planeval", "commission", "keys", "create", cws, "--passphrase-file", "pass.txt")
    app.run("planeval", "commission", "keys", "trust", cws,
            str(demo / "keys" / "commission-ca.pem"), "--name", "演示")
    app.run("planeval", "commission", "roster", cws, "--unit", unit, "--contact", "王明",
            "--phone", "021-52560000", "--email", "kw@example.gov.cn")
    app.run("planeval", "commission", "certs", "issue", cws, "--out", "证书", "--unit", unit,
            "--passphrase-file", "pass.txt")
    secret = sheet_passphrase(next((app.work / "证书").glob("*领取单*.docx")))
    (app.work / "p12.txt").write_text(secret, encoding="utf-8")
    p12 = str(next((app.work / "证书").glob("*.p12")))
    app.run("planeval", "commission", "issue", cws, "--out", "任务包", "--unit", unit,
            "--passphrase-file", "pass.txt")
    app.run("planeval", "init", ws, "--package", str(next((app.work / "任务包").glob("*.zip"))))
    app.run("planeval", "fill", ws, "答案.json")
    app.run("planeval", "rows", ws, "--json")
    app.run("planeval", "form", "upgrade", ws)
    app.run("planeval", "export", ws, "--out", "报送1", "--stage", "draft", "--key", p12,
            "--passphrase-file", "p12.txt")
    first = _intake(app, cws, "报送1")
    number, fields = next(iter(answers["indicators"].items()))
    app.run("planeval", "commission", "comment", cws, first["sha256"][:10], "--text",
            "请补充数据来源", "--table", "indicators", "--number", number,
            "--field", next(iter(fields)))
    app.run("planeval", "commission", "decide", cws, first["sha256"][:10], "return",
            "--out", "意见", "--passphrase-file", "pass.txt")
    app.run("planeval", "receipt", ws, str(next((app.work / "意见").glob("*.zip"))))
    listed = app.run("planeval", "comments", ws).stdout
    (cid,) = re.findall(r"意见 (\d+)", listed)
    app.run("planeval", "comments", ws, "--answer", cid, "数据来源：区统计局")
    app.run("planeval", "export", ws, "--out", "报送2", "--stage", "draft", "--key", p12,
            "--passphrase-file", "p12.txt")
    second = _intake(app, cws, "报送2")
    app.run("planeval", "commission", "decide", cws, second["sha256"][:10], "accept",
            "--out", "回执", "--passphrase-file", "pass.txt")
    app.run("planeval", "receipt", ws, str(next((app.work / "回执").glob("*.zip"))))
    app.run("planeval", "commission", "dashboard", cws, "--xlsx", "看板.xlsx")
    app.mkdir("催报")
    app.run("planeval", "commission", "remind", cws, "--out", "催报")
    app.run("planeval", "commission", "shared", cws, "--json")
    # the district's own documents: charts (matplotlib) and docx/xlsx from the frozen app
    rolled = app.run("planeval", "commission", "rollup", cws, "--out", "汇总").stdout
    assert any((app.work / "汇总").glob("*.xlsx")), "no roll-up workbook"
    check_charts(app, rolled)
    app.run("planeval", "commission", "compile", cws, "--out", "汇编/汇编.docx")
    app.run("planeval", "commission", "diff", cws, unit, "--xlsx", "修改对照表.xlsx")
    app.run("planeval", "commission", "certs", "revoke", cws, "--unit", unit,
            "--passphrase-file", "pass.txt")
    app.run("planeval", "form", "new", "新格式", "--id", "smoke-form", "--district", "测试区")
