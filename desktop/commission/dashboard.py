"""Who has sent what: units x stages, late against the deadlines, reminders, the xlsx.

A unit's package for a stage is its live one (received, returned or accepted; never a
rejected or superseded one). A stage is late for a unit when its deadline has passed and
nothing was received by then.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.commission.intake import LIVE
from desktop.io.outbox import build_eml, write_into
from desktop.io.package_names import safe_name
from desktop.store.commission import CommissionWorkspace

STATE_TITLES = {"missing": "未收到", "received": "已接收", "returned": "已退回",
                "accepted": "已确认"}
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Cell:
    state: str  # missing | received | returned | accepted
    late: bool
    received_at: str = ""
    sha256: str = ""
    errors: int = 0
    warnings: int = 0
    accepted: int = 0
    versions: int = 0  # valid packages received for this stage, superseded ones included

    @property
    def title(self) -> str:
        text = STATE_TITLES[self.state]
        return f"{text}（逾期）" if self.late else text


@dataclass(frozen=True)
class Line:
    unit: str
    contact: str
    email: str
    cells: dict[str, Cell] = field(default_factory=dict)  # stage id -> cell


def dashboard(cws: CommissionWorkspace, *, at: dt.datetime) -> list[Line]:
    """One line per roster unit, one cell per stage, as of `at`."""
    stages = cws.stages()
    packages: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in cws.query("SELECT * FROM packages WHERE status != 'rejected' ORDER BY created"):
        packages.setdefault((p["unit"], p["stage"]), []).append(p)
    lines = []
    for u in cws.units():
        cells = {}
        for s in stages:
            found = packages.get((u["name"], s["id"]), [])
            cells[s["id"]] = _cell(found, _deadline(s["due"]), at)
        lines.append(Line(u["name"], u["contact"], u["email"], cells))
    return lines


def _deadline(due: str) -> dt.datetime | None:
    """The end of the due day, Beijing time."""
    if not due:
        return None
    day = dt.date.fromisoformat(due)
    return dt.datetime.combine(day, dt.time(23, 59, 59), SHANGHAI)


def _cell(found: Sequence[dict[str, Any]], deadline: dt.datetime | None, at: dt.datetime
          ) -> Cell:
    live = [p for p in found if p["status"] in LIVE]
    first = min((dt.datetime.fromisoformat(p["received_at"]) for p in found), default=None)
    if deadline is None:
        late = False
    elif first is None:
        late = at > deadline
    else:
        late = first > deadline
    if not live:
        return Cell("missing", late, versions=len(found))
    p = live[-1]
    return Cell(p["status"], late, p["received_at"], p["sha256"], p["errors"], p["warnings"],
                p["accepted"], versions=len(found))


def overdue(cws: CommissionWorkspace, *, at: dt.datetime, stage: str = ""
            ) -> list[tuple[Line, str]]:
    """(unit line, stage id) for every unit missing a stage that is due or late.

    Without `stage`: the stages whose deadline has passed, or failing that the next one.
    """
    stages = cws.stages()
    if stage:
        wanted = [stage]
    else:
        past = [s["id"] for s in stages if (d := _deadline(s["due"])) and d < at]
        coming = [s["id"] for s in stages if s["id"] not in past]
        wanted = past or coming[:1]
    return [(line, s) for line in dashboard(cws, at=at) for s in wanted
            if line.cells[s].state == "missing"]


def dashboard_xlsx(cws: CommissionWorkspace, lines: Sequence[Line]) -> bytes:
    """The dashboard as a workbook: a row per unit, a column group per stage."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    stages = cws.stages()
    wb = Workbook()
    ws = wb.active
    ws.title = "报送情况"
    head = ["单位", "联系人", "邮箱"]
    for s in stages:
        t = s["title"]
        head += [f"{t}状态", f"{t}最近收到", f"{t}错误", f"{t}警告", f"{t}已说明警告"]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    late = PatternFill("solid", fgColor="F8D7DA")
    for line in lines:
        row: list[Any] = [line.unit, line.contact, line.email]
        for s in stages:
            c = line.cells[s["id"]]
            row += [c.title, c.received_at[:16].replace("T", " "), c.errors, c.warnings,
                    c.accepted]
        ws.append(row)
        for i, s in enumerate(stages):
            if line.cells[s["id"]].late:
                ws.cell(ws.max_row, 4 + i * 5).fill = late
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 24
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_reminders(cws: CommissionWorkspace, out_dir: Path, *, at: dt.datetime,
                    stage: str = "") -> list[Path]:
    """An unsent e-mail draft (.eml) to every unit missing a due or late stage."""
    titles = {s["id"]: (s["title"], s["due"]) for s in cws.stages()}
    written = []
    for line, sid in overdue(cws, at=at, stage=stage):
        title, due = titles[sid]
        state = "已逾期" if line.cells[sid].late else f"截止日期为 {due}"
        body = (f"{line.contact or line.unit}：\n\n"
                f"{cws.meta['district']}{cws.meta['round']}的{title}材料包尚未收到（{state}）。"
                "请尽快用 planeval 导出签名材料包并报送。如已报送，请忽略本邮件。\n\n"
                f"{cws.meta['commission']}\n{at.astimezone(SHANGHAI):%Y年%m月%d日}\n")
        eml = build_eml(to=line.email, subject=f"【催报】{cws.meta['round']}{title}：{line.unit}",
                        body=body, date=at)
        name = "-".join(safe_name(p, limit=60) for p in ("催报", line.unit, title)) + ".eml"
        written.append(write_into(out_dir, name, eml))
    if written:
        cws.log("催报", f"{len(written)} 封邮件草稿")
    return written
