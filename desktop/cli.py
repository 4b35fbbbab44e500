"""The headless twin of the app: every job the GUI does, scriptable.

Exit codes: 0 done; 1 `validate` found errors; 2 the input or workspace was refused (the
message on stderr, in Chinese).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop import __version__, cli_commission, cli_compile, cli_form, cli_package
from desktop.cli_package import LOCK_WAIT, opened  # noqa: F401  (LOCK_WAIT: cli.LOCK_WAIT)
from desktop.core.earlier import by_row
from desktop.core.errors import PlanevalError, os_reason
from desktop.core.form import Form
from desktop.core.reading import unparsed_targets
from desktop.department.carry_over import create_from_earlier, earlier_lines
from desktop.department.operations import (
    DEFAULT_FORM,
    IMPORT_NOTES,
    create_demo,
    create_workspace,
    export_data,
    fill,
    form_of,
    validate_workspace,
    workspace_status,
)
from desktop.department.status import Status
from desktop.paths import demo_settings

REFUSED = 2
Command = Callable[[argparse.Namespace], int]


def _print_status(status: Status, form: Form) -> None:
    print(f"单位：{status.department}")
    for table in status.tables.values():
        done = set(table.complete)
        todo = [n for n in table.assigned if n not in done]
        print(f"{table.title}：共 {len(table.assigned)} 项，已完成 {len(done)} 项")
        print(f"  分配：{'、'.join(table.assigned) or '无'}")
        if todo:
            print(f"  待填：{'、'.join(todo)}")
    print(f"{form.report.document}：{len(status.reports)} 份")
    for r in status.reports:
        parts = f"{len(r.complete_sections)}/{len(r.sections)}"
        print(f"  {r.plan_number}. {r.plan_name}（{parts} 部分已填写）")
    kept = sum(len(v) for rows in status.orphans.values() for v in rows.values())
    if kept:
        print(f"另有 {kept} 处内容不属于当前格式的任何栏目（格式已更新），已保留，"
              "可用 export-data 查看后移到新栏目")
    print("报送阶段：" + "；".join(
        f"{s.id}（{s.title}" + (f"，{s.due:%Y-%m-%d} 前" if s.due else "")
        + ("，须分管区领导签字" if s.signoff else "") + ("，须无错误" if s.no_errors else "")
        + "）" for s in form.stages))


def cmd_demo(args: argparse.Namespace) -> int:
    ws = create_demo(Path(args.workspace), filled=args.filled)
    with ws:
        print(f"已创建演示工作区：{ws.path.resolve()}（{ws.department}）")
        _print_status(workspace_status(ws, form_of(ws)), form_of(ws))
    return 0


def _sources(args: argparse.Namespace) -> list[Path] | Path:
    sources = [Path(p) for p in args.assignment]
    return sources if len(sources) > 1 else sources[0]


def cmd_init(args: argparse.Namespace) -> int:
    trust = []
    if args.package and args.trust:
        from desktop.signing.certs import read_certificates

        trust = read_certificates(args.trust)
    if args.earlier and (args.package or args.assignment):
        ws = create_from_earlier(Path(args.workspace), earlier_ws=Path(args.earlier),
                                 department=args.department or "", form_id=args.form,
                                 assignment=None if args.package else _sources(args),
                                 package=Path(args.package) if args.package else None,
                                 trust=trust)
        print(f"已带入上一轮工作区“{args.earlier}”的 {len(ws.earlier())} 处填报内容"
              "（只读，供对照）")
    elif args.package:
        from desktop.department.assignment import create_from_package

        ws = create_from_package(Path(args.workspace), Path(args.package), trust)
    elif args.assignment and args.department:
        ws = create_workspace(Path(args.workspace), assignment=_sources(args),
                              department=args.department, form_id=args.form)
    else:
        raise PlanevalError("请用 --package 指定区发改委的任务包，"
                            "或用 --assignment 和 --department 指定分工表和单位。")
    if args.package:
        from desktop.department.assignment import commission_fingerprint

        print(f"任务包核验通过，区发改委证书指纹：{commission_fingerprint(ws)}"
              "（请与证书领取单上的指纹核对）")
    with ws:
        form = form_of(ws)
        print(f"已创建工作区：{ws.path.resolve()}（{ws.department}）")
        for note in filter(None, ws.meta.get(IMPORT_NOTES, "").split("\n")):
            print(f"注意：{note}")
        _print_status(workspace_status(ws, form), form)
        cli_form.print_unparsed(unparsed_targets(form, ws.rows()))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    ws, form = opened(args.workspace)
    with ws:
        status = workspace_status(ws, form)
        earlier = ws.earlier()
        lines = earlier_lines(ws, form)
    if args.json:
        print(json.dumps({**status.as_json(), **({"earlier": by_row(earlier)} if earlier else {})},
                         ensure_ascii=False, indent=2))
    else:
        _print_status(status, form)
        for line in lines:
            print(line)
    return 0


def cmd_fill(args: argparse.Namespace) -> int:
    try:
        data = json.loads(Path(args.data).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise PlanevalError(f"无法读取数据文件“{args.data}”：{os_reason(exc)}") from None
    except UnicodeDecodeError:
        raise PlanevalError(f"无法读取数据文件“{args.data}”：不是 UTF-8 编码的文本") from None
    except json.JSONDecodeError as exc:
        raise PlanevalError(f"无法读取数据文件“{args.data}”：不是有效的 JSON"
                            f"（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    except (ValueError, RecursionError):  # a number of over 4,300 digits; deep nesting
        raise PlanevalError(f"无法读取数据文件“{args.data}”：其中有过长的数字或嵌套过深的结构，"
                            "不像是 planeval 的数据文件") from None
    ws, form = opened(args.workspace)
    with ws:
        changed = fill(ws, form, data)
    print(f"已写入 {changed} 处修改")
    return 0


def cmd_export_data(args: argparse.Namespace) -> int:
    ws, form = opened(args.workspace)
    with ws:
        data = export_data(ws, form)
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    ws, form = opened(args.workspace)
    with ws:
        findings = validate_workspace(ws, form)
    errors = [f for f in findings if f.blocking]
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            tag = "错误" if f.blocking else ("警告（已说明理由）" if f.accepted else "警告")
            print(f"[{tag}] {f.message}  ({f.rule})")
        warnings = len(findings) - len(errors)
        print(f"共 {len(errors)} 个错误，{warnings} 个警告")
    return 1 if errors else 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from desktop.department.notes import comments, import_note, receipt_status
    from desktop.signing.certs import read_certificates

    trust = read_certificates(args.trust) if args.trust else []
    ws, _ = opened(args.workspace)
    with ws:
        note = import_note(ws, Path(args.file), trust)
        print(f"已导入区发改委的{'回执' if note['kind'] == 'receipt' else '退回意见'}："
              f"{receipt_status(ws)}")
        for c in comments(ws):
            print(f"  意见 {c.id}（{c.table} {c.number} {c.field}）：{c.text}")
    return 0


def cmd_comments(args: argparse.Namespace) -> int:
    from desktop.department.notes import answer_comment, comments

    ws, _ = opened(args.workspace)
    with ws:
        if args.answer:
            try:
                answer_comment(ws, int(args.answer[0]), args.answer[1])
            except ValueError:
                raise PlanevalError("意见编号应为数字") from None
        found = comments(ws)
    for c in found:
        state = f"已答复：{c.answer}" if c.answer else "待答复"
        print(f"意见 {c.id}（{c.table} {c.number} {c.field}）：{c.text}\n    {state}")
    if not found:
        print("没有待处理的区发改委意见")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planeval", description="“十四五”规划评估填报（命令行）")
    p.add_argument("--version", action="version", version=f"planeval {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def verb(name: str, fn: Command, text: str) -> argparse.ArgumentParser:
        s = sub.add_parser(name, help=text, description=text)
        s.set_defaults(func=fn)
        s.add_argument("workspace", metavar="WS", help="工作区文件夹")
        return s

    s = verb("demo", cmd_demo, "用" + demo_settings()["description"] + "创建工作区")
    s.add_argument("--filled", action="store_true", help="同时填入示例答案")
    s = verb("init", cmd_init, "从区发改委的签名任务包，或从分工表（xlsx 文件或文件夹）"
                               "为一个单位创建工作区")
    s.add_argument("--package", metavar="FILE", help="区发改委下发的签名任务包")
    s.add_argument("--trust", nargs="*", metavar="CERT", help="核对任务包所用的区发改委证书")
    s.add_argument("--assignment", nargs="+", metavar="DIR_OR_FILE")
    s.add_argument("--department", metavar="NAME")
    s.add_argument("--from", dest="earlier", metavar="OLD_WS",
                   help="同一规划上一轮（如中期评估）已填好的工作区：其数据、结论和原因带入新工作区供对照")
    s.add_argument("--form", default=DEFAULT_FORM, metavar="ID",
                   help=f"格式定义 id（默认 {DEFAULT_FORM}）")
    s = verb("status", cmd_status, "显示分配的指标、任务和需撰写的报告及完成情况")
    s.add_argument("--json", action="store_true")
    s = verb("fill", cmd_fill, "从 JSON 数据文件批量填写答案（与 export-data 输出同一格式）")
    s.add_argument("data", metavar="DATA.json")
    verb("export-data", cmd_export_data, "以 JSON 输出全部答案（按分工表序号）")
    s = verb("validate", cmd_validate, "检查填报内容；有错误时退出码为 1")
    s.add_argument("--json", action="store_true")
    s = verb("receipt", cmd_receipt, "导入区发改委的回执或退回意见（签名文件）")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--trust", nargs="*", metavar="CERT")
    s = verb("comments", cmd_comments, "查看区发改委的退回意见，或答复其中一条")
    s.add_argument("--answer", nargs=2, metavar=("ID", "TEXT"))
    cli_package.register(sub, verb)
    cli_commission.register(sub)
    cli_form.register(sub, verb)
    cli_compile.register(sub)
    return p


def _safe_streams() -> None:
    """UTF-8 into pipes and files (export-data JSON is data); a console that cannot show a
    character (a GBK Windows console) gets a replacement instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        # A character no encoding can write (a lone surrogate echoed from a refused
        # file) is escaped, never allowed to swallow the message it is part of.
        if stream.isatty():
            reconfigure(errors="replace")
        else:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _safe_streams()
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except PlanevalError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return REFUSED


if __name__ == "__main__":
    sys.exit(main())
