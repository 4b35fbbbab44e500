"""CLI verbs for form definitions and a workspace's stored rows: form check/new/upgrade, rows."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.core.model import TASKS, Row
from desktop.core.reading import unparsed_targets
from desktop.core.task_targets import SUB_KIND_TITLES, extract
from desktop.department.operations import DEFAULT_FORM, open_workspace, read_tables
from desktop.forms import find_form, load_form
from desktop.forms.compilation import form_kind
from desktop.forms.scaffold import write_scaffold
from desktop.forms.schema import schema_problems

Command = Callable[[argparse.Namespace], int]
INVALID = 1


def print_unparsed(found: Sequence[tuple[str, str, str]]) -> None:
    """The targets whose figures the target grammar cannot read (their rows go unchecked)."""
    if not found:
        return
    print(f"有 {len(found)} 个目标含数字但无法解析，这些行的完成数与结论将无法自动核对：")
    for table, number, text in found:
        print(f"  {table} 第 {number} 项：“{text}”")


def cmd_form_check(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    problems = schema_problems(folder)
    for problem in problems:
        print(f"[有误] {problem}")
    if form_kind(folder) == "compilation":
        return check_compilation(folder, problems, args.assignment)
    form = load_form(folder)  # a fault it cannot get past: exit 2, the message on stderr
    if problems:
        print(f"共 {len(problems)} 处问题，请对照 docs/forms.md 修改")
        return INVALID
    print(f"格式定义有效：{form.id} 版本 {form.version}（{form.title}）")
    tables = "、".join(t.title for t in form.tables)
    print(f"表格：{tables}；报告部分：{len(form.report.parts)} 个"
          f"（{form.report.document}，{len(form.report.sections)} 个需撰写）")
    print("报送阶段：" + "、".join(f"{s.id}（{s.title}）" for s in form.stages))
    print(f"SHA-256：{form.hash}")
    if args.assignment:
        full, roster = read_tables([Path(p) for p in args.assignment], form)
        print(f"分工表：{len(full.rows)} 行，{len(roster.units)} 个单位")
        print_unparsed(unparsed_targets(form, full.rows))
    return 0


def check_compilation(folder: Path, problems: Sequence[str],
                      assignment: Sequence[str] | None) -> int:
    """`form check` of a compilation round's folder: subjects, deliverables, milestones."""
    from desktop.forms.compilation import load_compilation
    from desktop.io.compilation_xlsx import read_subjects

    form = load_compilation(folder)
    if problems:
        print(f"共 {len(problems)} 处问题，请对照 docs/forms.md 修改")
        return INVALID
    print(f"格式定义有效（编制轮次）：{form.id} 版本 {form.version}（{form.title}）")
    print("编制对象：" + "、".join(s.title for s in form.subjects))
    print("报送材料：" + "、".join(f"{d.id}（{d.title}）" for d in form.deliverables))
    steps = sum(len(p.steps) for p in form.milestones.phases)
    print(f"工作节点：{len(form.milestones.phases)} 个阶段，{steps} 个步骤")
    print(f"SHA-256：{form.hash}")
    if assignment:
        rows = read_subjects([Path(p) for p in assignment], form)
        print(f"分工表：{len(rows)} 项，其中 {sum(bool(r.fields.get('guidance')) for r in rows)}"
              " 项有研究重点")
    return 0


def cmd_form_task_targets(args: argparse.Namespace) -> int:
    full, _ = read_tables([Path(p) for p in args.assignment], find_form(args.form))
    found = {r.number: extract(r.fields.get("content", "")) for r in full.table(args.table)}
    if args.json:
        print(json.dumps({n: [t.as_json() for t in ts] for n, ts in found.items()},
                         ensure_ascii=False, indent=2))
        return 0
    for number, targets in found.items():
        for t in targets:
            high = f"-{t.high:g}" if t.high is not None else ""
            print(f"第 {number} 项  {SUB_KIND_TITLES[t.kind]}  {t.figure:g}{high}{t.unit}"
                  f"  （“{t.phrase}”）")
    count = sum(len(ts) for ts in found.values())
    print(f"共 {len(found)} 项任务，其中 {sum(1 for ts in found.values() if ts)} 项含量化目标，"
          f"共 {count} 个（请核对：有误或遗漏的，请在分工表中修改后再下发）")
    return 0


def cmd_form_new(args: argparse.Namespace) -> int:
    folder = write_scaffold(Path(args.folder), form_id=args.id, district=args.district)
    print(f"已创建格式定义：{folder}（form.json、units.json；文档版式按默认，可另加 export.json）")
    print(f"请按 docs/forms.md 修改后运行：planeval form check {folder}")
    return 0


def cmd_form_upgrade(args: argparse.Namespace) -> int:
    notices: list[str] = []
    ws, _ = open_workspace(Path(args.workspace), notices=notices, upgrade=True)
    ws.close()
    print("\n".join(notices) or "工作区已是当前格式定义，无需更新")
    return 0


def _row_json(row: Row) -> dict[str, object]:
    return {"table": row.table, "number": row.number, "parent": row.parent,
            "category": row.category, "group": row.group, "fields": dict(row.fields),
            "units": list(row.units)}


def cmd_rows(args: argparse.Namespace) -> int:
    ws, form = open_workspace(Path(args.workspace))
    with ws:
        rows = [r for r in ws.rows() if not args.table or r.table == args.table]
    if args.json:
        print(json.dumps([_row_json(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        fields = "；".join(f"{k}={v}" for k, v in r.fields.items() if v)
        where = "／".join(x for x in (r.category, r.group) if x)
        print(f"{r.table} {r.number}" + (f"（属 {r.parent}）" if r.parent else "")
              + (f" [{where}]" if where else "") + f" {fields}  单位：{'、'.join(r.units)}")
    print(f"共 {len(rows)} 行（{form.title}）")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             verb: Callable[[str, Command, str], argparse.ArgumentParser]) -> None:
    """Add `rows` and the `form` verbs to the CLI's sub-command parser."""
    s = verb("rows", cmd_rows, "显示工作区保存的分工表行（只读副本：序号、栏目、责任单位）")
    s.add_argument("--table", metavar="ID", help="只显示一个表，如 indicators、tasks、plans")
    s.add_argument("--json", action="store_true")
    form = sub.add_parser("form", help="格式定义（forms/ 下的文件夹）")
    form_sub = form.add_subparsers(dest="form_command", required=True)
    check = form_sub.add_parser("check", help="检查一个格式定义文件夹（JSON Schema 与内容）",
                                description="检查一个格式定义文件夹；给出分工表时列出无法解析的目标")
    check.add_argument("folder", metavar="DIR")
    check.add_argument("--assignment", nargs="+", metavar="DIR_OR_FILE")
    check.set_defaults(func=cmd_form_check)
    text = "列出任务文本中的量化目标（累计、达到、上限、下限），供下发前核对"
    tt = form_sub.add_parser("task-targets", help=text, description=text)
    tt.add_argument("--assignment", nargs="+", required=True, metavar="DIR_OR_FILE")
    tt.add_argument("--form", default=DEFAULT_FORM, metavar="ID", help="格式 id")
    tt.add_argument("--table", default=TASKS, metavar="ID", help="任务表的 id（默认 tasks）")
    tt.add_argument("--json", action="store_true")
    tt.set_defaults(func=cmd_form_task_targets)
    new = form_sub.add_parser("new", help="新建一个格式定义文件夹（示例内容，按需修改）",
                              description="新建一个格式定义文件夹（示例内容，按需修改）")
    new.add_argument("folder", metavar="DIR")
    new.add_argument("--id", default="", help="格式 id（默认：文件夹名）")
    new.add_argument("--district", default="某区", help="区名")
    new.set_defaults(func=cmd_form_new)
    up = form_sub.add_parser("upgrade", help="按新的格式定义打开工作区（无处安放的内容保留并列出）",
                             description="按新的格式定义打开工作区（无处安放的内容保留并列出）")
    up.add_argument("workspace", metavar="WS")
    up.set_defaults(func=cmd_form_upgrade)
