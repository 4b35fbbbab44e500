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

from desktop import __version__, cli_package
from desktop.core.errors import PlanevalError, os_reason
from desktop.forms import load_form
from desktop.operations import (
    DEFAULT_FORM,
    IMPORT_NOTES,
    Status,
    create_demo,
    create_workspace,
    export_data,
    fill,
    form_of,
    open_workspace,
    validate_workspace,
    workspace_status,
)

REFUSED = 2
LOCK_WAIT = 2.0  # seconds a verb waits for a workspace another planeval is finishing with
Command = Callable[[argparse.Namespace], int]


def _print_status(status: Status) -> None:
    print(f"单位：{status.department}")
    for table in status.tables.values():
        done = set(table.complete)
        todo = [n for n in table.assigned if n not in done]
        print(f"{table.title}：共 {len(table.assigned)} 项，已完成 {len(done)} 项")
        print(f"  分配：{'、'.join(table.assigned) or '无'}")
        if todo:
            print(f"  待填：{'、'.join(todo)}")
    print(f"自评报告：{len(status.reports)} 份")
    for r in status.reports:
        parts = f"{len(r.complete_sections)}/{len(r.sections)}"
        print(f"  {r.plan_number}. {r.plan_name}（{parts} 部分已填写）")
    kept = sum(len(v) for rows in status.orphans.values() for v in rows.values())
    if kept:
        print(f"另有 {kept} 处内容不属于当前格式的任何栏目（格式已更新），已保留，"
              "可用 export-data 查看后移到新栏目")


def cmd_demo(args: argparse.Namespace) -> int:
    ws = create_demo(Path(args.workspace), filled=args.filled)
    with ws:
        print(f"已创建演示工作区：{ws.path.resolve()}（{ws.department}）")
        _print_status(workspace_status(ws, form_of(ws)))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    sources = [Path(p) for p in args.assignment]
    ws = create_workspace(Path(args.workspace), assignment=sources if len(sources) > 1
                          else sources[0], department=args.department, form_id=args.form)
    with ws:
        print(f"已创建工作区：{ws.path.resolve()}（{ws.department}）")
        for note in filter(None, ws.meta.get(IMPORT_NOTES, "").split("\n")):
            print(f"注意：{note}")
        _print_status(workspace_status(ws, form_of(ws)))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    ws, form = open_workspace(Path(args.workspace), wait=LOCK_WAIT)
    with ws:
        status = workspace_status(ws, form)
    if args.json:
        print(json.dumps(status.as_json(), ensure_ascii=False, indent=2))
    else:
        _print_status(status)
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
    ws, form = open_workspace(Path(args.workspace), wait=LOCK_WAIT)
    with ws:
        changed = fill(ws, form, data)
    print(f"已写入 {changed} 处修改")
    return 0


def cmd_export_data(args: argparse.Namespace) -> int:
    ws, form = open_workspace(Path(args.workspace), wait=LOCK_WAIT)
    with ws:
        data = export_data(ws, form)
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    ws, form = open_workspace(Path(args.workspace), wait=LOCK_WAIT)
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


def cmd_form_check(args: argparse.Namespace) -> int:
    form = load_form(Path(args.folder))
    print(f"格式定义有效：{form.id} 版本 {form.version}（{form.title}）")
    tables = "、".join(t.title for t in form.tables)
    print(f"表格：{tables}；报告部分：{len(form.report.sections)} 个")
    print(f"SHA-256：{form.hash}")
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

    s = verb("demo", cmd_demo, "用内置演示分工表（普陀区 2023 中期评估，区科委）创建工作区")
    s.add_argument("--filled", action="store_true", help="同时填入示例答案")
    s = verb("init", cmd_init, "从分工表（xlsx 文件或文件夹）为一个单位创建工作区")
    s.add_argument("--assignment", required=True, nargs="+", metavar="DIR_OR_FILE")
    s.add_argument("--department", required=True, metavar="NAME")
    s.add_argument("--form", default=DEFAULT_FORM, metavar="ID")
    s = verb("status", cmd_status, "显示分配的指标、任务和需撰写的报告及完成情况")
    s.add_argument("--json", action="store_true")
    s = verb("fill", cmd_fill, "从 JSON 数据文件批量填写答案（与 export-data 输出同一格式）")
    s.add_argument("data", metavar="DATA.json")
    verb("export-data", cmd_export_data, "以 JSON 输出全部答案（按分工表序号）")
    s = verb("validate", cmd_validate, "检查填报内容；有错误时退出码为 1")
    s.add_argument("--json", action="store_true")
    cli_package.register(sub, verb)
    form = sub.add_parser("form", help="格式定义（forms/ 下的文件夹）")
    form_sub = form.add_subparsers(dest="form_command", required=True)
    check = form_sub.add_parser("check", help="检查一个格式定义文件夹",
                                description="检查一个格式定义文件夹")
    check.add_argument("folder", metavar="DIR")
    check.set_defaults(func=cmd_form_check)
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
