"""`planeval commission ...`: the commission's jobs, scriptable (same exit codes as planeval)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.cli_package import read_passphrase
from desktop.core.errors import PlanevalError, os_reason

Command = Callable[[argparse.Namespace], int]


@contextmanager
def _opened(args: argparse.Namespace) -> Iterator[Any]:
    from desktop.store.commission import CommissionWorkspace

    cws = CommissionWorkspace.open(Path(args.cws))
    with cws:
        yield cws


def _now(args: argparse.Namespace) -> dt.datetime:
    at = getattr(args, "at", None)
    if at:
        try:
            when = dt.datetime.fromisoformat(at)
        except ValueError:
            raise PlanevalError(f"时间“{at}”格式不正确，"
                                "应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM") from None
        return when if when.tzinfo else when.astimezone()
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _out(args: argparse.Namespace) -> Path:
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PlanevalError(f"无法创建输出文件夹“{out}”：{os_reason(exc)}") from None
    return out


def cmd_round_create(args: argparse.Namespace) -> int:
    from desktop.commission.round import create_round

    sources = [Path(p) for p in args.assignment]
    cws = create_round(Path(args.cws), assignment=sources if len(sources) > 1 else sources[0],
                       form_id=args.form, commission=args.commission or "")
    with cws:
        print(f"已创建轮次：{cws.meta['district']}{cws.meta['round']}（{cws.path.resolve()}）")
        print(f"单位 {len(cws.units())} 个；报送阶段："
              + "、".join(f"{s['title']}（{s['due'] or '未定'}）" for s in cws.stages()))
    return 0


def cmd_roster(args: argparse.Namespace) -> int:
    from desktop.commission.round import find_unit, import_contacts, round_form

    with _opened(args) as cws:
        form = round_form(cws)
        if args.import_xlsx:
            changed, unknown = import_contacts(cws, form, Path(args.import_xlsx))
            print(f"已更新 {changed} 个单位的联系人")
            if unknown:
                print(f"名单中没有这些单位，已跳过：{'、'.join(unknown)}")
        if args.unit:
            unit = find_unit(cws, form, args.unit)
            cws.set_contacts([{"name": unit, "contact": args.contact or "",
                               "phone": args.phone or "", "email": args.email or ""}])
        units = cws.units()
    if args.json:
        print(json.dumps(units, ensure_ascii=False, indent=2))
    else:
        for u in units:
            print("\t".join([u["name"], u["contact"], u["phone"], u["email"]]))
    return 0


def cmd_keys_create(args: argparse.Namespace) -> int:
    from desktop.commission.keys import create_keys
    from desktop.signing.manage import check_new_passphrase

    passphrase = read_passphrase(args.passphrase_file)
    check_new_passphrase(passphrase, passphrase)
    with _opened(args) as cws:
        fp = create_keys(cws, passphrase, now=_now(args))
    print(f"已创建区发改委证书。证书指纹（SHA-256）：{fp}")
    return 0


def cmd_keys_trust(args: argparse.Namespace) -> int:
    from desktop.commission.keys import trust_outside_ca

    try:
        data = Path(args.cert).read_bytes()
    except OSError as exc:
        raise PlanevalError(f"无法读取证书“{args.cert}”：{os_reason(exc)}") from None
    with _opened(args) as cws:
        fp = trust_outside_ca(cws, data, args.name or "")
    print(f"已信任外部证书机构，指纹：{fp}")
    return 0


def cmd_certs_issue(args: argparse.Namespace) -> int:
    from desktop.commission.keys import issue_certificates

    with _opened(args) as cws:
        issued = issue_certificates(cws, read_passphrase(args.passphrase_file), _out(args),
                                    now=_now(args), units=_units(cws, args.unit))
    for c in issued:
        print(f"{c.unit}\t{c.p12_path.name}\t{c.sheet_path.name}")
    print(f"已签发 {len(issued)} 个单位证书：请把证书文件与领取单分开交给各单位。")
    return 0


def cmd_certs_revoke(args: argparse.Namespace) -> int:
    from desktop.commission.keys import revoke

    if not (args.unit or args.serial):
        raise PlanevalError("请用 --unit 指定单位，或用 --serial 指定证书序列号。")
    with _opened(args) as cws:
        unit = _units(cws, [args.unit])[0] if args.unit else ""
        serials = revoke(cws, read_passphrase(args.passphrase_file), unit=unit,
                         serial=args.serial or "", reason=args.reason or "", now=_now(args))
    print(f"已吊销证书：{'、'.join(serials)}。此后下发的任务包都带有新的吊销列表。")
    return 0


def cmd_issue(args: argparse.Namespace) -> int:
    from desktop.commission.issue import issue_assignments

    with _opened(args) as cws:
        issued = issue_assignments(cws, read_passphrase(args.passphrase_file), _out(args),
                                   now=_now(args), units=_units(cws, args.unit))
    for i in issued:
        print(f"{i.unit}\t{i.path.name}")
    print(f"已下发 {len(issued)} 个任务包。")
    return 0


def cmd_intake(args: argparse.Namespace) -> int:
    from desktop.commission.intake import intake, package_files

    with _opened(args) as cws:
        outcomes = intake(cws, package_files([Path(p) for p in args.paths]))
    if args.json:
        print(json.dumps([o.__dict__ for o in outcomes], ensure_ascii=False, indent=2))
    else:
        for o in outcomes:
            who = f"{o.unit} {o.stage}".strip()
            print(f"[{o.title}] {o.file_name} {who} {o.sha256[:12]}\n    {o.message}")
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.title] = counts.get(o.title, 0) + 1
    print("合计：" + "，".join(f"{k} {v} 个" for k, v in counts.items()))
    return 0


def cmd_comment(args: argparse.Namespace) -> int:
    from desktop.commission.review import add_comment, find_package

    with _opened(args) as cws:
        cid = add_comment(cws, find_package(cws, args.package), args.text, table=args.table,
                          number=args.number, field=args.field)
    print(f"已记录意见 {cid}")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from desktop.commission.review import decide, find_package

    kind = {"accept": "receipt", "return": "return"}[args.decision]
    with _opened(args) as cws:
        done = decide(cws, find_package(cws, args.package), kind,
                      read_passphrase(args.passphrase_file), _out(args), now=_now(args),
                      message=args.message or "")
    print(f"已{'确认' if kind == 'receipt' else '退回修改'}，签名文件：{done.path}")
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from desktop.commission.dashboard import dashboard, dashboard_xlsx

    with _opened(args) as cws:
        lines = dashboard(cws, at=_now(args))
        stages = cws.stages()
        if args.xlsx:
            Path(args.xlsx).write_bytes(dashboard_xlsx(cws, lines))
    if args.json:
        print(json.dumps([{"unit": li.unit, **{s: c.__dict__ for s, c in li.cells.items()}}
                          for li in lines], ensure_ascii=False, indent=2))
        return 0
    print("单位\t" + "\t".join(s["title"] for s in stages))
    for li in lines:
        print(li.unit + "\t" + "\t".join(li.cells[s["id"]].title for s in stages))
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    from desktop.commission.dashboard import write_reminders

    with _opened(args) as cws:
        written = write_reminders(cws, _out(args), at=_now(args), stage=args.stage or "")
    for p in written:
        print(p)
    print(f"已生成 {len(written)} 封催报邮件草稿。")
    return 0


def cmd_shared(args: argparse.Namespace) -> int:
    from desktop.commission.round import round_form
    from desktop.commission.shared import shared_rows

    with _opened(args) as cws:
        rows = shared_rows(cws, round_form(cws))
    if args.json:
        print(json.dumps([{**r.__dict__, "missing": r.missing} for r in rows],
                         ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        flag = f"  不一致：{'、'.join(r.conflicts)}" if r.conflicts else ""
        print(f"{r.table} {r.number} {r.title[:30]}{flag}")
        for unit in r.units:
            print(f"    {unit}：{json.dumps(r.answers.get(unit, '未报送'), ensure_ascii=False)}")
    return 0


def _say(done: int, total: int, what: str) -> None:
    print(f"[{done}/{total}] {what}", flush=True)


def _today(args: argparse.Namespace) -> dt.date:
    return _now(args).date()


def cmd_rollup(args: argparse.Namespace) -> int:
    from desktop.commission.district import write_rollup

    out = _out(args)
    with _opened(args) as cws:
        written = write_rollup(cws, out, date=_today(args), progress=_say)
    for p in written:
        print(p)
    print(f"已生成全区汇总 {len(written)} 个文件。")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from desktop.commission.compile import write_compilation

    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        raise PlanevalError(f"汇编文件应以 .docx 结尾：“{out}”。")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PlanevalError(f"无法创建输出文件夹“{out.parent}”：{os_reason(exc)}") from None
    with _opened(args) as cws:
        path = write_compilation(cws, out, date=_today(args), progress=_say)
    print(f"已生成报告汇编：{path}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from desktop.commission.diff import default_pair, diff_packages, diff_xlsx
    from desktop.commission.review import find_package

    if bool(args.from_pkg) != bool(args.to_pkg):
        raise PlanevalError("--from 与 --to 须同时给出（或都不给，比较最近的两个材料包）。")
    with _opened(args) as cws:
        unit = _units(cws, [args.unit])[0]
        if args.from_pkg:
            old, new = find_package(cws, args.from_pkg), find_package(cws, args.to_pkg)
            owners = {r["unit"] for r in cws.query(
                "SELECT unit FROM packages WHERE sha256 IN (?, ?)", (old, new))}
            if owners != {unit}:
                raise PlanevalError(f"两个材料包须都属于“{unit}”。")
        else:
            old, new = default_pair(cws, unit)
        found = diff_packages(cws, old, new)
    title = f"{unit} 修改对照表（{old[:12]} → {new[:12]}）"
    if args.xlsx:
        try:
            Path(args.xlsx).write_bytes(diff_xlsx(found, title=title))
        except OSError as exc:
            raise PlanevalError(f"无法写入“{args.xlsx}”：{os_reason(exc)}") from None
    if args.json:
        print(json.dumps([c.__dict__ for c in found], ensure_ascii=False, indent=2))
        return 0
    print(title)
    for c in found:
        print(f"{c.table_title}\t{c.number}\t{c.field_title}\n    原：{c.old[:80]}\n"
              f"    新：{c.new[:80]}")
    print(f"共 {len(found)} 处修改。")
    return 0


def _units(cws: Any, names: list[str] | None) -> list[str]:
    from desktop.commission.round import find_unit, round_form

    if not names:
        return []
    form = round_form(cws)
    return [find_unit(cws, form, n) for n in names]


def register(sub: Any) -> None:
    """Add `commission` and its verbs to the planeval parser."""
    top = sub.add_parser("commission", help="区发改委：轮次、证书、任务包、接收、审核、看板")
    verbs = top.add_subparsers(dest="commission_command", required=True)

    def verb(name: str, fn: Command, text: str, parent: Any = verbs) -> argparse.ArgumentParser:
        s: argparse.ArgumentParser = parent.add_parser(name, help=text, description=text)
        s.set_defaults(func=fn)
        s.add_argument("cws", metavar="CWS", help="区发改委工作区文件夹")
        return s

    def group(name: str, text: str) -> Any:
        g = verbs.add_parser(name, help=text, description=text)
        return g.add_subparsers(dest=f"{name}_command", required=True)

    def passphrase(s: argparse.ArgumentParser) -> None:
        s.add_argument("--passphrase-file", required=True, metavar="F")

    rounds = group("round", "轮次")
    s = verb("create", cmd_round_create, "从分工表创建一个轮次", rounds)
    s.add_argument("--assignment", required=True, nargs="+", metavar="DIR_OR_FILE")
    s.add_argument("--form", required=True, metavar="ID")
    s.add_argument("--commission", metavar="NAME",
                   help="区发改委名称（默认：<区>发展和改革委员会）")
    s = verb("roster", cmd_roster, "单位名单与联系人：查看、从通讯录 xlsx 导入、修改一个单位")
    s.add_argument("--import", dest="import_xlsx", metavar="XLSX")
    s.add_argument("--unit", metavar="NAME")
    s.add_argument("--contact")
    s.add_argument("--phone")
    s.add_argument("--email")
    s.add_argument("--json", action="store_true")
    keys = group("keys", "区发改委的证书")
    s = verb("create", cmd_keys_create, "创建区发改委的根证书和签名证书", keys)
    passphrase(s)
    s = verb("trust", cmd_keys_trust, "信任外部证书机构签发的单位证书", keys)
    s.add_argument("cert", metavar="CERT")
    s.add_argument("--name")
    certs = group("certs", "单位证书")
    s = verb("issue", cmd_certs_issue, "为名单中的单位签发证书（.p12 与领取单）", certs)
    s.add_argument("--out", required=True, metavar="DIR")
    s.add_argument("--unit", nargs="*", metavar="NAME")
    passphrase(s)
    s = verb("revoke", cmd_certs_revoke, "吊销单位证书", certs)
    s.add_argument("--unit", metavar="NAME")
    s.add_argument("--serial")
    s.add_argument("--reason")
    passphrase(s)
    s = verb("issue", cmd_issue, "为各单位生成签名任务包")
    s.add_argument("--out", required=True, metavar="DIR")
    s.add_argument("--unit", nargs="*", metavar="NAME")
    passphrase(s)
    s = verb("intake", cmd_intake, "接收材料包（文件或文件夹），逐个核验并登记")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--json", action="store_true")
    s = verb("comment", cmd_comment, "对材料包的单元格、行或报告部分填写意见")
    s.add_argument("package", metavar="PKG", help="材料包 SHA-256 的前 6 位以上")
    s.add_argument("--text", required=True)
    s.add_argument("--table", default="")
    s.add_argument("--number", default="")
    s.add_argument("--field", default="")
    s = verb("decide", cmd_decide, "确认（accept）或退回修改（return），生成签名回执或退回意见")
    s.add_argument("package", metavar="PKG")
    s.add_argument("decision", choices=["accept", "return"])
    s.add_argument("--out", required=True, metavar="DIR")
    s.add_argument("--message")
    passphrase(s)
    for name, fn, text in (("dashboard", cmd_dashboard, "各单位各阶段的报送情况"),
                           ("remind", cmd_remind, "为未报送或逾期的单位生成催报邮件草稿")):
        s = verb(name, fn, text)
        s.add_argument("--at", metavar="TIME", help="按此时间计算是否逾期（默认：现在）")
        if name == "dashboard":
            s.add_argument("--json", action="store_true")
            s.add_argument("--xlsx", metavar="FILE")
        else:
            s.add_argument("--out", required=True, metavar="DIR")
            s.add_argument("--stage")
    s = verb("shared", cmd_shared, "多个单位共同负责的行：各单位的答复对照")
    s.add_argument("--json", action="store_true")
    s = verb("rollup", cmd_rollup, "全区汇总：汇总表（附件6、7格式）、指标调整方案草稿、汇总情况")
    s.add_argument("--out", required=True, metavar="DIR")
    s.add_argument("--at", metavar="TIME", help="文件落款日期（默认：今天）")
    s = verb("compile", cmd_compile, "把已确认的自评报告汇编为一个 Word 文件")
    s.add_argument("--out", required=True, metavar="FILE")
    s.add_argument("--at", metavar="TIME", help="封面日期（默认：今天）")
    s = verb("diff", cmd_diff, "比较一个单位的两个材料包：逐字段列出修改（修改对照表）")
    s.add_argument("unit", metavar="UNIT")
    s.add_argument("--from", dest="from_pkg", metavar="PKG")
    s.add_argument("--to", dest="to_pkg", metavar="PKG")
    s.add_argument("--xlsx", metavar="FILE")
    s.add_argument("--json", action="store_true")
