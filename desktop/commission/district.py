"""`planeval commission rollup`: the district's documents written into a folder.

- the roll-up workbook: each evaluation table for the whole district (附件6 / 附件7
  layout), the rows with no accepted answer, and the summary counts with the charts;
- the indicator adjustment plan draft (docx);
- the district summary (docx): units accepted and missing, conclusions per category and
  each indicator's progress against time elapsed, with the charts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop.commission.adjustment import adjustment_docx
from desktop.commission.rollup import Progress, Rollup, build_rollup, no_progress
from desktop.commission.rollup_tables import district_answers, unanswered_sheet
from desktop.commission.summary import COLUMNS, Summary, summarize
from desktop.forms.export_spec import ExportSpec, load_export_spec
from desktop.io.outbox import write_into
from desktop.io.package_names import safe_name
from desktop.store.commission import CommissionWorkspace

MAX_BARS = 40  # indicators in the progress chart


@dataclass(frozen=True)
class Charts:
    conclusions: bytes | None  # PNG: conclusions per category, stacked
    progress: bytes | None  # PNG: indicators' progress against time (None: nothing to show)
    missing: str = ""  # why there are no charts (the department edition has no matplotlib)


def make_charts(summary: Summary) -> Charts:
    from desktop.io import charts

    if not charts.charts_available():
        return Charts(None, None, charts.CHARTS_NEED_COMMISSION)
    panels = [(c.title, c.by_category) for c in summary.counts]
    shown = list(summary.progress)
    title = ""
    if len(shown) > MAX_BARS:  # a picture read at a glance: the ones furthest behind
        shown = sorted(shown, key=lambda p: p.achieved - p.elapsed)[:MAX_BARS]
        title = f"（进度最慢的 {MAX_BARS} 项，共 {len(summary.progress)} 项）"
    points = [(f"{p.number} {p.name}", p.achieved, p.grade) for p in shown]
    elapsed = summary.progress[0].elapsed if summary.progress else 0.0
    return Charts(charts.stacked_bars(panels, COLUMNS),
                  charts.progress_chart(points, elapsed, subtitle=title) if points else None)


def count_rows(summary: Summary) -> list[list[object]]:
    """The counts as table rows: table, category, A, B, C, D, 未填报, then a total line."""
    rows: list[list[object]] = []
    for c in summary.counts:
        for category, counts in c.by_category.items():
            rows.append([c.title, category, *(counts[k] for k in COLUMNS)])
        rows.append([c.title, "合计", *(c.total(k) for k in COLUMNS)])
    return rows


def summary_docx(rollup: Rollup, spec: ExportSpec, summary: Summary, charts: Charts, *,
                 date: dt.date) -> bytes:
    from desktop.io.district_docx import Part, build_district_docx

    meta = rollup.meta
    total = len(rollup.states)
    accepted = total - len(summary.missing_units)
    missing = [["单位", "材料包状态"], *([u, s] for u, s in summary.missing_units)]
    missing_charts = [charts.missing] if charts.missing else []  # where the charts would be
    parts = [
        Part("报送与确认情况",
             text=[f"本轮次共 {total} 个单位，已确认材料包的单位 {accepted} 个，"
                   f"尚未确认的单位 {len(summary.missing_units)} 个。"],
             table=missing if summary.missing_units else ()),
        Part("评估结论分布",
             text=["各类别的评估结论数量如下（多个单位共同负责的行按各单位结论中最低的一档计；"
                   "尚无已确认填报的行计为“未填报”）。"],
             table=[["表", "类别", *COLUMNS], *([str(v) for v in r] for r in count_rows(summary))],
             pictures=[charts.conclusions] if charts.conclusions else [], notes=missing_charts),
        Part("主要指标完成进度与时间进度",
             text=[f"可按时间进度比较的指标 {len(summary.progress)} 项（累计型目标）；"
                   f"其余 {summary.not_comparable} 项的目标或数值不能与时间进度直接比较。"],
             pictures=[charts.progress] if charts.progress else [],
             notes=missing_charts if summary.progress else []),
    ]
    return build_district_docx(spec, title=f"{meta.get('district', '')}规划评估全区汇总情况",
                               subtitle=f"（{meta.get('round', '')}）", intro=[], parts=parts,
                               author=meta.get("commission", ""), date=date)


def rollup_xlsx(rollup: Rollup, spec: ExportSpec, summary: Summary, charts: Charts, *,
                date: dt.date) -> bytes:
    from desktop.io.rollup_xlsx import ListSheet, build_rollup_xlsx

    tables = [t for t in rollup.lines if spec.has_table(t)]
    counts = ListSheet("评估结论汇总", ["表", "类别", *COLUMNS], count_rows(summary),
                       pictures=[p for p in (charts.conclusions, charts.progress) if p],
                       widths=(20, 36, 8, 8, 8, 8, 10))
    missing = ListSheet("未确认的单位", ["单位", "材料包状态"],
                        [list(m) for m in summary.missing_units], widths=(24, 20))
    return build_rollup_xlsx(rollup.form, spec, tables, rollup.rows, district_answers(rollup),
                             lists=[unanswered_sheet(rollup), missing, counts],
                             title=f"{rollup.meta.get('district', '')}全区汇总", date=date)


def write_rollup(cws: CommissionWorkspace, out_dir: Path, *, date: dt.date,
                 progress: Progress = no_progress) -> list[Path]:
    """Write the roll-up workbook, the adjustment plan and the summary into `out_dir`."""
    rollup = build_rollup(cws, progress=progress)
    spec = load_export_spec(rollup.form)
    steps = 4
    progress(0, steps, "统计评估结论")
    summary = summarize(rollup)
    progress(1, steps, "绘制图表")
    charts = make_charts(summary)
    if charts.missing:
        progress(1, steps, charts.missing)  # the CLI prints it; the files say it too
    district = rollup.meta.get("district", "")
    progress(2, steps, "生成全区汇总表")
    files = {f"{district}-全区汇总表.xlsx": rollup_xlsx(rollup, spec, summary, charts, date=date)}
    progress(3, steps, "生成指标调整方案和汇总情况")
    files[f"{district}-主要指标调整方案（草稿）.docx"] = adjustment_docx(rollup, spec, date=date)
    files[f"{district}-全区汇总情况.docx"] = summary_docx(rollup, spec, summary, charts,
                                                       date=date)
    written = [write_into(out_dir, safe_name(name), data) for name, data in files.items()]
    progress(steps, steps, "完成")
    note = "（未含图表：部门版）" if charts.missing else ""
    cws.log("生成全区汇总", f"{len(written)} 个文件{note}")
    return written
