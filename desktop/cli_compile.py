"""`planeval compile ...`: a compilation round (编制), for a unit and for the commission."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop.cli_commission import _now
from desktop.cli_package import _date, read_passphrase
from desktop.core.compilation import ROLE_TITLES, CompilationForm
from desktop.core.compilation_timeline import STATE_TITLES, Entry, quarter_cells, step_state
from desktop.core.compilation_work import role_title
from desktop.core.errors import PlanevalError

Command = Callable[[argparse.Namespace], int]
LATE_EXIT = 1  # `timeline`/`track` exit 1 when something is late, for scripts


def _on(args: argparse.Namespace) -> dt.date:
    return _date(args.date) if args.date else dt.date.today()


def _trust(paths: Sequence[str] | None) -> list[Any]:
    from desktop.signing.certs import read_certificates

    if not paths:
        raise PlanevalError("请用 --trust 指明区发改委的证书（核验材料包的签名）")
    return read_certificates(paths)


def cmd_init(args: argparse.Namespace) -> int:
    from desktop.department.compilation import create
    from desktop.forms.compilation import find_compilation

    form = find_compilation(args.form)
    ws = create(Path(args.workspace), form, [Path(p) for p in args.assignment], args.department)
    with ws:
        rows = ws.rows()
        print(f"已为“{ws.department}”创建编制工作区：{args.workspace}")
        for role, title in ROLE_TITLES.items():
            mine = [r for r in rows if r.fields.get("role") == role]
            print(f"  {title}：{len(mine)} 项")
    return 0


def _entry_json(e: Entry) -> dict[str, Any]:
    return {"unit": e.unit, "subject": e.row.table, "number": e.row.number, "name": e.row.title,
            "deliverable": e.deliverable.id, "title": e.deliverable.title,
            "due": e.deliverable.due.isoformat() if e.deliverable.due else None,
            "state": e.state, "done_on": e.done_on.isoformat() if e.done_on else None}


def _print_entries(entries: Sequence[Entry], *, unit: bool) -> None:
    for e in entries:
        due = e.deliverable.due.isoformat() if e.deliverable.due else "—"
        who = f"{e.unit}  " if unit else ""
        done = f"（{e.done_on.isoformat()}）" if e.done_on else ""
        print(f"  {e.state_title}{done}  {who}{e.row.number} {e.deliverable.title}"
              f"（截止 {due}）  {e.row.title}")


def cmd_status(args: argparse.Namespace) -> int:
    from desktop.core.compilation_work import problems
    from desktop.department.compilation import open_workspace, unit_timeline

    ws, form = open_workspace(Path(args.workspace))
    with ws:
        entries = unit_timeline(ws, form, _on(args))
        answers = ws.answers()
        found = {(e.deliverable.id, e.row.number): problems(
            form, e.deliverable, e.row, answers.get(e.row.table, {}).get(e.row.number, {}))
            for e in entries}
        if args.json:
            print(json.dumps([_entry_json(e) | {"problems": list(found[(e.deliverable.id,
                                                                         e.row.number)])}
                              for e in entries], ensure_ascii=False, indent=2))
            return 0
        print(f"{ws.department}  {form.title}（{_on(args).isoformat()}）")
        for row in ws.rows():
            print(f"{row.number} [{role_title(form, row)}] {row.title}")
            if not row.fields.get("named"):
                print("    （分工表以集合称谓列为配合单位：可报送研究材料，不计逾期）")
            for e in (e for e in entries if e.row == row):
                left = found[(e.deliverable.id, row.number)]
                note = "；".join(left) if left and not e.done_on else "可以打包"
                print(f"    {e.deliverable.id} {e.deliverable.title}：{e.state_title}"
                      f"{'（' + e.done_on.isoformat() + '）' if e.done_on else ''}  {note}")
    return 0


def cmd_outline(args: argparse.Namespace) -> int:
    from desktop.core.compilation_work import document_of, outline
    from desktop.department.compilation import open_workspace, work_item

    ws, form = open_workspace(Path(args.workspace))
    with ws:
        deliverable, row = work_item(ws, form, args.deliverable, args.number)
        doc = document_of(deliverable, ws.answers().get(row.table, {}).get(row.number, {}))
        print(f"{deliverable.document}：{row.title}")
        if deliverable.guidance:
            print(f"  说明：{deliverable.guidance}")
        for key in ("title", "authors", "summary", "file"):
            print(f"  [{key}] {doc.get(key, '（未填）')}")
        for part in outline(form, deliverable, row):
            print(f"  [{part.id}] {part.title}\n      {doc.get(part.id, '（未撰写）')}")
    return 0


def cmd_write(args: argparse.Namespace) -> int:
    from desktop.department.compilation import open_workspace, write

    parts = dict(args.part or [])
    if args.data:
        try:
            loaded = json.loads(Path(args.data).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PlanevalError(f"无法读取“{args.data}”：{exc}") from None
        if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
            raise PlanevalError("数据文件应为 {\"部分\": \"文字\", …}")
        parts |= loaded
    ws, form = open_workspace(Path(args.workspace))
    with ws:
        changed = write(ws, form, args.deliverable, args.number, parts)
    print(f"已保存 {changed} 处内容")
    return 0


def cmd_attach(args: argparse.Namespace) -> int:
    from desktop.department.compilation import attach, open_workspace

    ws, form = open_workspace(Path(args.workspace))
    with ws:
        kept = attach(ws, form, args.deliverable, args.number, Path(args.file))
    print(f"已附上文档：{Path(args.file).name}（保存为 {kept.name}）")
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    from desktop.department.compilation import open_workspace, signoff

    when = _date(args.date)
    ws, form = open_workspace(Path(args.workspace))
    with ws:
        signoff(ws, form, args.deliverable, args.number, args.leader, when)
    print(f"已登记审阅签字：{args.leader}（{args.date}）")
    return 0


def cmd_seal(args: argparse.Namespace) -> int:
    from desktop.department.compilation import open_workspace, seal
    from desktop.department.export import load_identity

    identity = load_identity(Path(args.key), read_passphrase(args.passphrase_file))
    ws, form = open_workspace(Path(args.workspace))
    with ws:
        done = seal(ws, form, args.deliverable, args.number, identity=identity,
                    out_dir=Path(args.out), created=_now(args))
    print(f"已生成签名材料包：{done.path}\nSHA-256：{done.sha256}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.department.compilation import open_workspace
    from desktop.department.compilation_import import import_contribution

    trust = _trust(args.trust)
    ws, form = open_workspace(Path(args.workspace))
    with ws:
        c = import_contribution(ws, form, Path(args.package), trust=trust, at=_now(args))
    print(f"已导入“{c.unit}”的配合研究材料：{c.title}（序号 {c.number}）")
    return 0


def cmd_contributions(args: argparse.Namespace) -> int:
    from desktop.department.compilation import open_workspace
    from desktop.department.compilation_import import contributions

    ws, _ = open_workspace(Path(args.workspace))
    with ws:
        found = contributions(ws)
    for c in found:
        print(f"{c.number}  {c.unit}：{c.title}（{c.authors}）  {c.created}\n    摘要：{c.summary}")
    if not found:
        print("尚未导入配合单位的研究材料")
    return 0


def _grid(form: CompilationForm, on: dt.date) -> None:
    m = form.milestones
    quarters = m.quarters()
    print(f"{m.attachment} {m.title}（{on.isoformat()}）")
    print("    " + " ".join(f"{y % 100:02d}Q{q}" for y, q in quarters))
    for phase in m.phases:
        for step in (phase, *phase.steps):
            cells = " ".join("████" if c else "    " for c in quarter_cells(step, quarters))
            marks = "".join(step.marks)
            print(f"{step.number:>2}  {cells}  {step.title}{marks} "
                  f"{step.start:%Y.%m}-{step.end:%Y.%m} {step_state(step, on)}")
    for mark in m.marks:
        print(f"{mark.text} {mark.title}")


def cmd_timeline(args: argparse.Namespace) -> int:
    from desktop.department.compilation import open_workspace, unit_timeline
    from desktop.forms.compilation import find_compilation

    on = _on(args)
    if args.workspace:
        ws, form = open_workspace(Path(args.workspace))
        with ws:
            entries = unit_timeline(ws, form, on)
    else:
        if not args.form:
            raise PlanevalError("请给出编制工作区（--workspace）或格式定义（--form）")
        form, entries = find_compilation(args.form), ()
    if args.json:
        print(json.dumps([_entry_json(e) for e in entries], ensure_ascii=False, indent=2))
    else:
        _grid(form, on)
        if entries:
            print("本单位的报送事项：")
            _print_entries(entries, unit=False)
    return LATE_EXIT if any(e.state == "late" for e in entries) else 0


def _tracked(form: CompilationForm, entries: Sequence[Entry], on: dt.date,
             as_json: bool, received: list[dict[str, Any]]) -> int:
    """Print the commission's view of a round on a date; exit 1 when something is late."""
    if as_json:
        print(json.dumps({"received": received, "entries": [_entry_json(e) for e in entries]},
                         ensure_ascii=False, indent=2))
    else:
        for r in received:
            print(f"{'已接收' if r['ok'] else '已拒收'}  {r['file']}：{r['message']}")
        counts = "，".join(f"{title} {sum(e.state == state for e in entries)} 项"
                           for state, title in STATE_TITLES.items())
        print(f"{form.title}：截至 {on.isoformat()}，应报 {len(entries)} 项：{counts}")
        for e in entries:
            if e.state == "upcoming":
                continue
            step = form.milestones.step(e.deliverable.milestone)
            at = f"  [{step.title}]" if step else ""
            _print_entries([e], unit=True)
            if at:
                print(f"      工作节点{at}")
    return LATE_EXIT if any(e.state == "late" for e in entries) else 0


def cmd_track(args: argparse.Namespace) -> int:
    from desktop.commission.compilation import receive, track
    from desktop.forms.compilation import find_compilation
    from desktop.io.compilation_xlsx import read_subjects

    form = find_compilation(args.form)
    rows = read_subjects([Path(p) for p in args.assignment], form)
    packages = sorted(p for p in Path(args.packages).glob("*.zip")) if args.packages else []
    received = receive(packages, form, trust=_trust(args.trust), at=_now(args))
    entries = track(form, rows, received, _on(args))
    return _tracked(form, entries, _on(args), args.json, [
        {"file": r.file, "ok": r.ok, "message": r.message, "unit": r.unit,
         "deliverable": r.deliverable, "number": r.number} for r in received])


def cmd_round(args: argparse.Namespace) -> int:
    from desktop.commission.compilation import create_compile_round

    cws = create_compile_round(Path(args.cws), assignment=[Path(p) for p in args.assignment],
                               form_id=args.form, commission=args.commission or "")
    with cws:
        print(f"已创建编制轮次：{cws.meta['district']}{cws.meta['round']}，"
              f"{len(cws.units())} 个单位，{len(cws.rows())} 个编制对象。"
              "下一步：planeval commission keys create，再用 planeval commission intake 接收材料包")
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from desktop.commission.compilation import round_compilation, round_track
    from desktop.store.commission import CommissionWorkspace

    with CommissionWorkspace.open(Path(args.cws)) as cws:
        form = round_compilation(cws)
        entries = round_track(cws, _on(args))
    return _tracked(form, entries, _on(args), args.json, [])


def register(sub: Any) -> None:
    """Add `compile` and its verbs to the planeval parser."""
    top = sub.add_parser("compile", help="规划编制：课题、专项规划的分阶段报送与工作节点")
    verbs = top.add_subparsers(dest="compile_command", required=True)

    def verb(name: str, fn: Command, text: str, *, item: bool = False) -> argparse.ArgumentParser:
        s: argparse.ArgumentParser = verbs.add_parser(name, help=text, description=text)
        s.set_defaults(func=fn)
        s.add_argument("workspace", metavar="WS", help="编制工作区文件夹")
        if item:
            s.add_argument("deliverable", metavar="STAGE", help="报送材料（如 workplan、final）")
            s.add_argument("number", metavar="NUMBER", help="课题或规划的序号（如 2-4）")
        return s

    s = verb("init", cmd_init, "从编制分工表为一个单位创建编制工作区（牵头和配合的课题）")
    s.add_argument("--assignment", nargs="+", required=True, metavar="DIR_OR_FILE")
    s.add_argument("--department", required=True, metavar="NAME")
    s.add_argument("--form", required=True, metavar="ID", help="编制轮次的格式定义 id")
    s = verb("status", cmd_status, "本单位的课题、各阶段材料及其状态")
    s.add_argument("--date", metavar="YYYY-MM-DD", help="按哪一天判断到期和逾期（默认今天）")
    s.add_argument("--json", action="store_true")
    verb("outline", cmd_outline, "显示一份材料的提纲（研究重点）和已写内容", item=True)
    s = verb("write", cmd_write, "撰写材料的标题、作者、摘要或提纲各部分", item=True)
    s.add_argument("--part", nargs=2, action="append", metavar=("PART", "TEXT"),
                   help="部分（title、authors、summary、s1、s2…）和文字")
    s.add_argument("--data", metavar="FILE.json", help="{\"部分\": \"文字\"} 的 JSON 文件")
    s = verb("attach", cmd_attach, "附上用 Word/WPS 写好的文档（docx、pdf）作为材料正文", item=True)
    s.add_argument("file", metavar="FILE")
    s = verb("signoff", cmd_signoff, "登记领导审阅签字（格式定义要求的阶段）", item=True)
    s.add_argument("--leader", required=True)
    s.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    s = verb("seal", cmd_seal, "生成并签名一份材料的材料包", item=True)
    s.add_argument("--out", required=True, metavar="DIR")
    s.add_argument("--key", required=True, metavar="P12")
    s.add_argument("--passphrase-file", required=True, metavar="FILE")
    s.add_argument("--at", metavar="TIME", help="打包时间（默认现在）")
    s = verb("import", cmd_import, "（牵头单位）导入配合单位报送的研究材料包")
    s.add_argument("package", metavar="PACKAGE")
    s.add_argument("--trust", nargs="+", metavar="CERT")
    s.add_argument("--at", metavar="TIME", help="核验时所用的时间（默认现在）")
    verb("contributions", cmd_contributions, "（牵头单位）列出已导入的配合研究材料")
    t = verbs.add_parser("timeline", help="工作节点（按季度）和报送事项的到期、逾期情况",
                         description="工作节点（按季度）和报送事项的到期、逾期情况")
    t.set_defaults(func=cmd_timeline)
    t.add_argument("--workspace", metavar="WS")
    t.add_argument("--form", metavar="ID")
    t.add_argument("--date", metavar="YYYY-MM-DD")
    t.add_argument("--json", action="store_true")
    r = verbs.add_parser("round", help="（区发改委）从编制分工表创建编制轮次（之后用 commission "
                                        "keys、intake 接收材料包）",
                         description="（区发改委）从编制分工表创建编制轮次")
    r.set_defaults(func=cmd_round)
    r.add_argument("cws", metavar="CWS", help="区发改委工作区文件夹（新建）")
    r.add_argument("--assignment", nargs="+", required=True, metavar="DIR_OR_FILE")
    r.add_argument("--form", required=True, metavar="ID")
    r.add_argument("--commission", metavar="NAME")
    d = verbs.add_parser("dashboard",
                         help="（区发改委）编制轮次的报送情况：谁在哪个工作节点报了什么、谁逾期",
                         description="（区发改委）编制轮次的报送情况")
    d.set_defaults(func=cmd_dashboard)
    d.add_argument("cws", metavar="CWS", help="区发改委工作区文件夹")
    d.add_argument("--date", metavar="YYYY-MM-DD")
    d.add_argument("--json", action="store_true")
    k = verbs.add_parser("track", help="（区发改委）各单位各阶段材料的报送情况：已报、到期、逾期",
                         description="（区发改委）各单位各阶段材料的报送情况：已报、到期、逾期")
    k.set_defaults(func=cmd_track)
    k.add_argument("--form", required=True, metavar="ID")
    k.add_argument("--assignment", nargs="+", required=True, metavar="DIR_OR_FILE")
    k.add_argument("--packages", metavar="DIR", help="收到的材料包所在文件夹")
    k.add_argument("--trust", nargs="+", metavar="CERT")
    k.add_argument("--date", metavar="YYYY-MM-DD")
    k.add_argument("--at", metavar="TIME")
    k.add_argument("--json", action="store_true")
