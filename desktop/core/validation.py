"""The checks the commission would otherwise bounce a submission back for.

Format rules come from the form definition (required columns, choices, conditions, figure
columns); domain rules live here (numbers against the conclusion, an adjustment proposal
when the end-of-period value misses the target). Every finding has a stable rule id, a
severity, a location and a Chinese message; a warning may be accepted with a reason.

A full check builds one `_TableCheck` per table, with the table's columns, roles, grades and
the findings of an unanswered row worked out once, and runs it on every row (14k at 100x
the demo); `validate_row` builds one for the row an edit touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from desktop.core.collector import collector_paused
from desktop.core.division import REPORTS, Deliverables
from desktop.core.form import Column, Condition, Form, TableSpec
from desktop.core.model import PLANS, Row
from desktop.core.numbers import parse_figure
from desktop.core.reading import (
    TEXT_TARGETS,
    Reading,
    RowReader,
    column_value,
    read_text_targets,
    text_target_values,
)

Answers = Mapping[str, str]
GRADE_WORDS = {"A": "进展超前、可以提前完成", "B": "进展良好、可以如期完成",
               "C": "进展较慢、需要加快推进", "D": "情况变化、难以完成"}


class Severity(StrEnum):
    ERROR = "error"  # blocks a final package
    WARNING = "warning"  # may be accepted with a written reason


# Location and Finding set their fields straight into __dict__: a full check at 100x makes
# 21k of each, and a frozen dataclass's own __init__ (one object.__setattr__ per field)
# took a quarter of its time. They stay frozen, compared, hashed and replace()d as before.


@dataclass(frozen=True)
class Location:
    table: str
    number: str
    column: str = ""  # a column id, or a report section id

    def __init__(self, table: str, number: str, column: str = "") -> None:
        fields = self.__dict__
        fields["table"], fields["number"], fields["column"] = table, number, column


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    location: Location
    message: str
    accepted: str = ""  # the clerk's reason for accepting a warning

    def __init__(self, rule: str, severity: Severity, location: Location, message: str,
                 accepted: str = "") -> None:
        fields = self.__dict__
        fields["rule"], fields["severity"], fields["location"] = rule, severity, location
        fields["message"], fields["accepted"] = message, accepted

    @property
    def key(self) -> str:
        """Stable identity of this finding, under which an acceptance is recorded."""
        loc = self.location
        return f"{self.rule}:{loc.table}:{loc.number}:{loc.column}"

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR

    def as_json(self) -> dict[str, str]:
        loc = self.location
        return {"rule": self.rule, "severity": str(self.severity), "table": loc.table,
                "number": loc.number, "column": loc.column, "message": self.message,
                "key": self.key, "accepted_reason": self.accepted}


def _label(kind: str, row: Row) -> str:
    title = row.title.split("。")[0]
    if len(title) > 24:
        title = title[:24] + "…"
    return f"{kind} {row.number}“{title}”"


@dataclass(frozen=True)
class _ColumnCheck:
    """What the format says about one answer column, read off once per table."""

    id: str
    title: str
    required: bool
    choices: frozenset[str]
    choice_words: str  # the choices as the message lists them: A/B/C/D
    figure: bool
    when: Condition | None  # required when another column holds one of some values
    unfilled: str  # the messages for a missing value, after the row's label
    unfilled_when: str

    @classmethod
    def of(cls, col: Column) -> _ColumnCheck:
        why = col.message or f"“{col.title}”为必填项"
        return cls(col.id, col.title, col.required, frozenset(col.choices),
                   "/".join(col.choices), col.kind == "figure", col.required_when,
                   f"“{col.title}”未填写", f"{why}（“{col.title}”未填写）")

    def missing(self, answers: Answers) -> tuple[str, str] | None:
        """The rule and message (after the row's label) when this column may not be empty."""
        if self.required:
            return "required", self.unfilled
        when = self.when
        if when is not None and answers.get(when.column, "").strip() in when.values:
            return "required-when", self.unfilled_when
        return None


class _TableCheck:
    """The checks of one table with its columns, roles and grades looked up once: a full
    check runs them on every row (14k at 100x)."""

    def __init__(self, form: Form, spec: TableSpec) -> None:
        self.form, self.spec = form, spec
        self.kind = spec.row_label
        self.columns = tuple(_ColumnCheck.of(c) for c in spec.answer_columns)
        self.reader = RowReader(form, spec)
        self.grades = spec.grade_map()
        self.unit, self.conclusion = spec.role("unit"), spec.role("conclusion")
        self.end, self.adjustment = spec.role("end_value"), spec.role("adjustment")
        self.mid, self.text_targets = spec.role("mid_value"), spec.role(TEXT_TARGETS)
        self.titles = {c.id: c.title for c in (*spec.assignment_columns, *spec.answer_columns)}
        # what every unanswered row is told: (rule, column, message after the label)
        self.unanswered = tuple((m[0], c.id, m[1]) for c in self.columns
                                if (m := c.missing({})) is not None)

    def row(self, row: Row, answers: Answers) -> list[Finding]:
        """Every finding for one row, in the order of the checks below."""
        # read once, for every check below (and not at all when none of them can use it)
        reading = self.reader.read(row, answers) if self._reads(row, answers) else None
        numeric = reading is not None and reading.target.numeric
        found = self._columns(row, answers, numeric)
        if numeric:
            assert reading is not None
            found.extend(self._domain(row, answers, reading))
        if self.spec.series is not None:
            found.extend(self._series(row, answers, reading))
        if self.text_targets is not None:
            found.extend(self._text_targets(row, answers))
        return found

    def _reads(self, row: Row, answers: Answers) -> bool:
        """Whether a check below can find anything from the row's reading: always with
        answers or a series; an unanswered row otherwise only when the assignment itself
        gives its conclusion or end value (it is else told only what is missing: at 100x
        reading the targets of 1,500 unanswered indicators was a sixth of the check)."""
        if answers or self.spec.series is not None:
            return True
        fields = row.fields
        return self.conclusion in fields or self.end in fields

    def label(self, row: Row) -> str:
        """What the row is called in messages (made only for a row with findings)."""
        return _label(self.kind, row)

    def _columns(self, row: Row, answers: Answers, numeric: bool) -> list[Finding]:
        table, number = self.spec.id, row.number
        if not answers:
            label = self.label(row)
            return [Finding(rule, Severity.ERROR, Location(table, number, column),
                            f"{label}：{message}") for rule, column, message in self.unanswered]
        found = []
        for col in self.columns:
            value = answers.get(col.id, "").strip()
            if not value:
                missing = col.missing(answers)
                if missing is not None:
                    rule, message = missing
                    found.append(Finding(rule, Severity.ERROR, Location(table, number, col.id),
                                         f"{self.label(row)}：{message}"))
                continue
            if col.choices and value not in col.choices:
                found.append(Finding("choice", Severity.ERROR, Location(table, number, col.id),
                                     f"{self.label(row)}：“{col.title}”应为 "
                                     f"{col.choice_words} 之一，现为“{value}”"))
            if col.figure and numeric:
                wrong = self._figure(row, col, value)
                if wrong is not None:
                    found.append(wrong)
        return found

    def _figure(self, row: Row, col: _ColumnCheck, value: str) -> Finding | None:
        """A figure column of a row with a numeric target (a qualitative target takes words)."""
        unit = column_value(self.unit, row, {})
        figure = parse_figure(value, unit)
        if figure is not None and figure.unit_ok:
            return None
        where, label = Location(self.spec.id, row.number, col.id), self.label(row)
        if figure is None:
            return Finding("figure", Severity.ERROR, where,
                           f"{label}：“{col.title}”应填写数字（单位：{unit or '无'}），"
                           f"现为“{value}”")
        return Finding("figure-unit", Severity.ERROR, where,
                       f"{label}：“{col.title}”的单位“{figure.written_unit}”"
                       f"与指标单位“{unit}”不一致")

    def _domain(self, row: Row, answers: Answers, reading: Reading) -> Iterator[Finding]:
        spec, grades = self.spec, self.grades
        conclusion = column_value(self.conclusion, row, answers)
        a = reading.assessment
        if (conclusion in grades and reading.value is not None and a is not None
                and a.contradicts(grades[conclusion])):
            reached = f"已完成目标的 {a.achieved:.0%}，" if a.achieved is not None else ""
            yield Finding(
                "conclusion-mismatch", Severity.WARNING,
                Location(spec.id, row.number, self.conclusion or ""),
                f"{self.label(row)}：时间已过 {a.elapsed:.0%}，{reached}"
                f"数据更接近“{_verdict(grades, a.suggested or '', a.consistent)}”，"
                f"与所填结论“{_verdict(grades, grades[conclusion], '', conclusion)}”不符，"
                f"请核实")
        end = parse_figure(column_value(self.end, row, answers), reading.unit)
        adjustment = self.adjustment
        if (end is not None and end.unit_ok and adjustment
                and not answers.get(adjustment, "").strip()):
            if reading.target.met_by(end.value) is False:
                yield Finding(
                    "adjustment-required", Severity.ERROR,
                    Location(spec.id, row.number, adjustment),
                    f"{self.label(row)}：预计期末完成数 {end.value:g} 达不到目标"
                    f"“{reading.target.text}”，须提出调整意见")

    def _series(self, row: Row, answers: Answers, reading: Reading | None) -> Iterator[Finding]:
        """A cumulative series that falls; a latest figure other than the mid-term value."""
        spec, titles = self.spec, self.titles
        series = spec.series
        assert series is not None
        unit = column_value(self.unit, row, answers)
        points = reading.series if reading else self.reader.series_points(row, answers, unit)
        known = [(p.column, p.value) for p in points if p.value is not None]
        cumulative = series.cumulative
        if cumulative is None:
            cumulative = reading is not None and reading.target.cumulative
        falls = [(a, b) for a, b in zip(known, known[1:], strict=False) if b[1] < a[1]]
        if cumulative and falls:
            (col_a, a), (col_b, b) = falls[0]
            yield Finding("series-falls", Severity.WARNING, Location(spec.id, row.number, col_b),
                          f"{self.label(row)}：累计数不应下降，“{titles.get(col_b, col_b)}”{b:g} "
                          f"低于“{titles.get(col_a, col_a)}”{a:g}，请核实")
        mid = self.mid
        latest = [(c, v) for c, v in known if c in series.columns]
        figure = parse_figure(answers.get(mid, ""), unit) if mid else None
        if not latest or mid is None or figure is None or not figure.unit_ok:
            return
        column, value = latest[-1]
        if column != mid and abs(figure.value - value) > 1e-9 * max(1.0, abs(value)):
            yield Finding("series-mid-mismatch", Severity.WARNING,
                          Location(spec.id, row.number, mid),
                          f"{self.label(row)}：“{titles.get(mid, mid)}”{figure.value:g} 与最新一期"
                          f"“{titles.get(column, column)}”{value:g} 不一致，请核实")

    def _text_targets(self, row: Row, answers: Answers) -> Iterator[Finding]:
        """The values reported for the targets in a task's text: one figure each, in the
        target's unit, and not contradicting the conclusion (like an indicator's figure)."""
        spec, form = self.spec, self.form
        column = self.text_targets or ""
        values = text_target_values(answers.get(column, ""))
        conclusion = column_value(self.conclusion, row, answers)
        if not values and not conclusion:
            return  # nothing reported and nothing concluded: no finding below can arise
        readings = read_text_targets(form, spec, row, answers)
        if not readings:
            return
        where, label = Location(spec.id, row.number, column), self.label(row)
        title = spec.column(column).title
        named = "、".join(f"“{sub.expression}”" for sub, _ in readings)
        if len(values) != len(readings) and (values or conclusion):
            yield Finding("text-target-count", Severity.WARNING, where,
                          f"{label}：任务文本中有 {len(readings)} 个量化目标（{named}），"
                          f"“{title}”中填写了 {len(values)} 个数，请逐项填写，以“；”分隔")
        bad = [f"“{sub.expression}”填写的“{v}”"
               for (sub, r), v in zip(readings, values, strict=False) if v and r.value is None]
        if bad:
            yield Finding("text-target-figure", Severity.ERROR, where,
                          f"{label}：{'、'.join(bad)}不是该目标单位的数字")
        grades = self.grades
        behind = [sub.expression for sub, r in readings if r.assessment is not None
                  and conclusion in grades and r.assessment.contradicts(grades[conclusion])]
        if behind:
            verdict = _verdict(grades, grades[conclusion], "", conclusion)
            yield Finding("text-target-mismatch", Severity.WARNING, where,
                          f"{label}：量化目标{'、'.join(f'“{b}”' for b in behind)}的"
                          f"完成数与所填结论“{verdict}”不符，请核实")


def _verdict(grades: Mapping[str, str], grade: str, consistent: str, word: str = "") -> str:
    """A grade in the form's own words: "B 进展良好、可以如期完成", or "符合进度".

    With the commission's letters the grade's description follows; a form with words of
    its own quotes them (the word given, else those meaning the grade, else those the
    numbers allow).
    """
    if all(w == g for w, g in grades.items()):
        return f"{grade} {GRADE_WORDS.get(grade, '')}".strip()
    words = [word] if word else [w for w, g in grades.items() if g == grade]
    words = words or [w for w, g in grades.items() if g in consistent]
    return "/".join(words) or grade


def validate_row(form: Form, spec: TableSpec, row: Row, answers: Answers) -> list[Finding]:
    """Every finding for one answered row (what the UI re-checks on each edit)."""
    return _TableCheck(form, spec).row(row, answers)


def validate_report(form: Form, plan: Row, answers: Answers) -> list[Finding]:
    name = plan.fields.get("name", plan.number)
    return [
        Finding("report-section", Severity.ERROR, Location(REPORTS, plan.number, s.id),
                f"{form.report.document}“{name}”：“{s.title}”尚未撰写")
        for s in form.report.sections if s.required and not answers.get(s.id, "").strip()
    ]


def validate(form: Form, rows: Sequence[Row],
             answers: Mapping[str, Mapping[str, Answers]],
             accepted: Mapping[str, str] | None = None) -> tuple[Finding, ...]:
    """All findings, in table and row order; accepted warnings carry their reason."""
    by_table: dict[str, list[Row]] = {}  # the rows to answer, in one pass over 14k at 100x
    for row in Deliverables.of(rows).rows:
        by_table.setdefault(row.table, []).append(row)
    findings: list[Finding] = []
    with collector_paused():  # the findings hold no reference cycles
        for spec in form.tables:
            given, check = answers.get(spec.id, {}), _TableCheck(form, spec)
            for row in by_table.get(spec.id, ()):
                findings.extend(check.row(row, given.get(row.number, {})))
        for plan in by_table.get(PLANS, ()):
            findings.extend(validate_report(form, plan,
                                            answers.get(REPORTS, {}).get(plan.number, {})))
    if not accepted:
        return tuple(findings)
    return tuple(
        replace(f, accepted=accepted[f.key])
        if f.severity is Severity.WARNING and accepted.get(f.key, "").strip() else f
        for f in findings
    )
