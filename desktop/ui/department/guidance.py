"""The commission's notes for a table step, put together from the form definition."""

from __future__ import annotations

from desktop.core.form import Column, Form, TableSpec
from desktop.core.validation import GRADE_WORDS
from desktop.ui.i18n import tr


def grade_label(grade: str) -> str:
    """"B 进展良好、可以如期完成" for "B"; the letter alone for any other choice."""
    words = GRADE_WORDS.get(grade)
    return f"{grade} {tr(words)}" if words else grade


def column_note(form: Form, spec: TableSpec, column: Column) -> str:
    """What to write in one answer column: required or not, choices, cut-off, why."""
    parts = [tr("必填。") if column.required else ""]
    if column.required_when is not None:
        values = "、".join(column.required_when.values)
        parts.append(tr("评估结论为 %1 时必填。").replace("%1", values))
    if column.message:
        parts.append(column.message + "。")
    if column.choices:
        parts.append(tr("从以下选项中选择：") + "；".join(grade_label(c) for c in column.choices)
                     + "。")
    if column.kind == "figure":
        parts.append(tr("填写数字，单位与本行“单位”一致。"))
        for key in ("annual", "cumulative"):
            if key in form.cutoffs:
                parts.append(form.cutoffs[key].title + "。")
    if column.id == spec.role("conclusion") and spec.role("target"):
        parts.append(tr("可参考右侧按“时间过半、任务过半”测算的建议结论。"))
    first = spec.answer_columns[0].id if spec.answer_columns else ""
    if not spec.role("target") and column.id in (first, spec.role("conclusion")) \
            and "tasks" in form.cutoffs:
        parts.append(form.cutoffs["tasks"].title + "。")
    return "".join(parts)


def table_notes(form: Form, spec: TableSpec) -> list[tuple[str, str]]:
    """(column title, note) for every answer column, in the form's order."""
    return [(c.title, column_note(form, spec, c)) for c in spec.answer_columns]
