"""Every finding of the full check, word for word, on varied answers: a change in any rule,
location or message shows here as a changed line.

The demo's indicators and tasks, three of its plans and a few tasks with targets in their
text, under both Putuo forms (and the final one with its last figure outside the series),
are answered with values chosen by a seeded generator: figures near and far from the
target, in the row's unit, another unit, words, bad choices, gaps, falling series; a third
of the warnings are accepted. The findings are compared with
tests/data/validation_findings.txt, written by the check as it was before it was made
faster. After an intended change to a rule or a message, rewrite the file with
PLANEVAL_REWRITE_FINDINGS=1 and review its diff.
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.core.division import REPORTS, Deliverables
from desktop.core.form import Column, Form, TableSpec
from desktop.core.model import Row, RowNumber
from desktop.core.task_targets import extract
from desktop.core.validation import Finding, Severity, validate
from desktop.forms import find_form
from desktop.io.assignment_xlsx import read_assignment
from desktop.paths import demo_dir

EXPECTED = Path(__file__).parent / "data" / "validation_findings.txt"
FORMS = ("putuo-2023-midterm", "putuo-2025-final")
WORDS = ["", "12.5", "3.2万", "300亿元", "约9左右", "300多亿元", "abc", "5公里", "0", "-3",
         "85上下", "1,400", "与全市同步推进", "2；372.5", "x；5", "A", "B", "X", "符合进度"]
TEXTS = ["累计新增1000家企业，研发投入强度达到4.5%", "新增绿地50公顷以上", "培育2-3个产业集群",
         "PM2.5浓度控制在30微克/立方米以内，建成20个社区"]


def _rows() -> list[Row]:
    seed = read_assignment(demo_dir())
    extra = [Row("tasks", RowNumber(f"90{i:02d}"), "", "", {"content": TEXTS[i % len(TEXTS)]},
                 ("区科委",)) for i in range(16)]
    plans = seed.table("plans")[:3]
    return [*seed.table("indicators"), *seed.table("tasks"), *plans, *extra]


def _value(spec: TableSpec, col: Column, row: Row, rnd: random.Random) -> str | None:
    """A value for one cell: most often plausible, often not."""
    k = rnd.random()
    if col.id == spec.role("text_targets") and k < 0.8:
        subs = extract(row.title)
        count = max(len(subs) + rnd.choice([0, 0, 0, 1, -1]), 0)
        return "；".join(rnd.choice([f"{s.figure * rnd.choice([0.2, 0.6, 1.1]):g}", "abc", "",
                                    f"{s.figure:g}{s.unit}"]) for s in (subs * 2)[:count])
    if spec.series and col.id in spec.series.columns and k < 0.8:
        return f"{10 + rnd.randint(-3, 3) + 2 * spec.series.columns.index(col.id)}"
    if col.choices and k < 0.5:
        return rnd.choice([*col.choices, "X"])
    if k < 0.6:
        return None
    if col.kind == "figure" and k < 0.85:
        digits = "".join(c for c in row.fields.get("target", "") if c.isdigit())[:2] or "10"
        unit = row.fields.get("unit", "")
        return (f"{float(digits) * rnd.choice([0.1, 0.3, 0.55, 0.9, 1.0, 1.5]):g}"
                + rnd.choice(["", unit, "万" + unit, "公里"]))
    return rnd.choice(WORDS)


def _answers(rows: Sequence[Row], form: Form) -> dict[str, dict[str, dict[str, str]]]:
    work = Deliverables.of(rows)
    data: dict[str, dict[str, dict[str, str]]] = {}
    for spec in form.tables:
        data[spec.id] = {}
        for row in work.table(spec.id):
            rnd = random.Random(f"{spec.id}:{row.number}")
            values = {c.id: _value(spec, c, row, rnd) for c in spec.answer_columns}
            data[spec.id][row.number] = {k: v for k, v in values.items() if v is not None}
    rnd = random.Random(REPORTS)
    data[REPORTS] = {p.number: {s.id: rnd.choice(["", "已撰写"]) for s in form.report.sections}
                     for p in work.plans}
    return data


def _line(form: Form, f: Finding) -> str:
    loc = f.location
    return "\t".join((form.id, f.rule, str(f.severity), loc.table, loc.number, loc.column,
                      f.accepted, f.message))


def _mid_apart(form: Form) -> Form:
    """The form with its last yearly figure taken out of the series: the series then ends
    elsewhere than the figure judged (series-mid-mismatch)."""
    spec = form.table("indicators")
    assert spec.series is not None
    apart = replace(spec, series=replace(spec.series, columns=spec.series.columns[:-1]))
    tables = tuple(apart if t.id == spec.id else t for t in form.tables)
    return replace(form, id=f"{form.id}+apart", tables=tables)


def findings_text() -> str:
    rows, lines = _rows(), []
    forms = [*map(find_form, FORMS), _mid_apart(find_form("putuo-2025-final"))]
    for form in forms:
        answers = _answers(rows, form)
        first = validate(form, rows, answers)
        accepted = {f.key: "已核实" for i, f in enumerate(first)
                    if f.severity is Severity.WARNING and i % 3 == 0}
        lines += [_line(form, f) for f in validate(form, rows, answers, accepted)]
    return "\n".join(lines) + "\n"


def test_the_findings_are_those_recorded():
    got = findings_text()
    if os.environ.get("PLANEVAL_REWRITE_FINDINGS"):
        EXPECTED.write_text(got, encoding="utf-8")
        pytest.skip("rewrote " + EXPECTED.name)
    expected = EXPECTED.read_text(encoding="utf-8")
    assert got.splitlines() == expected.splitlines()


def test_the_record_covers_every_rule():
    rules = {line.split("\t")[1] for line in EXPECTED.read_text(encoding="utf-8").splitlines()}
    assert rules >= {"required", "required-when", "choice", "figure", "figure-unit",
                     "conclusion-mismatch", "adjustment-required", "series-falls",
                     "series-mid-mismatch",
                     "text-target-count", "text-target-figure", "text-target-mismatch",
                     "report-section"}
    accepted = [line for line in EXPECTED.read_text(encoding="utf-8").splitlines()
                if line.split("\t")[6]]
    assert accepted  # and some carry the clerk's reason
