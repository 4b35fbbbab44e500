"""Drafts survive format changes: a renamed column, a moved section, an added column."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop.department.operations import (
    FormChanged,
    create_demo,
    export_data,
    form_of,
    open_workspace,
    orphan_answers,
    workspace_status,
)
from desktop.forms import SEARCH_PATH_VARIABLE
from desktop.paths import forms_dir

FORM = "putuo-2023-midterm"


@pytest.fixture
def forms(tmp_path, monkeypatch):
    root = tmp_path / "forms"
    shutil.copytree(forms_dir() / FORM, root / FORM)
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(root))
    return root / FORM / "form.json"


def rewrite(path, change):
    form = json.loads(path.read_text(encoding="utf-8"))
    change(form)
    path.write_text(json.dumps(form, ensure_ascii=False, indent=1), encoding="utf-8")


def version_1_1(form):
    """Rename indicators.reason, add a benchmarking column, move the typical-case section."""
    form["version"] = "1.1.0"
    ind = form["tables"][0]
    for col in ind["answer_columns"]:
        if col["id"] == "reason":
            col["id"] = "lag_reason"
    ind["roles"]["reason"] = "lag_reason"
    ind["answer_columns"].insert(2, {"id": "benchmark", "title": "对标情况"})
    sections = form["report"]["sections"]
    cases = next(s for s in sections if s["id"] == "cases")
    sections.remove(cases)
    sections.insert(0, {**cases, "id": "typical_cases"})
    form["migrations"] = [{"from": "1.0.0", "to": "1.1.0", "moves": {
        "indicators.reason": "indicators.lag_reason", "reports.cases": "reports.typical_cases"}}]


def test_answers_follow_renamed_columns_and_moved_sections(tmp_path, forms):
    ws = create_demo(tmp_path / "ws", filled=True)
    ws.set_answer("indicators", "6", "reason", "企业研发投入放缓")
    before = export_data(ws, form_of(ws))
    ws.close()
    rewrite(forms, version_1_1)

    ws, form = open_workspace(tmp_path / "ws")
    with ws:
        after = export_data(ws, form)
        assert ws.meta["form_version"] == "1.1.0" and ws.meta["form_hash"] == form.hash
        assert after["indicators"]["6"]["lag_reason"] == "企业研发投入放缓"
        assert "reason" not in after["indicators"]["6"]
        for plan, sections in before["reports"].items():
            assert after["reports"][plan]["typical_cases"] == sections["cases"]
            assert "cases" not in after["reports"][plan]
        assert orphan_answers(ws, form) == {}
        moves = [c for c in ws.history("indicators", "6") if c.who == "planeval"]
        assert [(c.field, c.old, c.new) for c in moves] == [
            ("reason", "企业研发投入放缓", ""), ("lag_reason", None, "企业研发投入放缓")]
    # every word typed before is still there, under its new name
    typed = sorted(v for t in ("indicators", "tasks", "reports")
                   for row in before[t].values() for v in row.values())
    kept = sorted(v for t in ("indicators", "tasks", "reports")
                  for row in after[t].values() for v in row.values())
    assert kept == typed


def test_opening_again_migrates_nothing_more(tmp_path, forms):
    create_demo(tmp_path / "ws", filled=True).close()
    rewrite(forms, version_1_1)
    open_workspace(tmp_path / "ws")[0].close()
    ws, _ = open_workspace(tmp_path / "ws")
    with ws:
        count = len(ws.history())
    ws, _ = open_workspace(tmp_path / "ws")
    with ws:
        assert len(ws.history()) == count


def test_a_field_dropped_without_a_mapping_is_kept_as_an_orphan(tmp_path, forms):
    ws = create_demo(tmp_path / "ws", filled=True)
    ws.set_answer("tasks", "1", "adjustment", "建议调整为……")
    ws.close()

    def drop_adjustment(form):
        form["version"] = "2.0.0"
        task = form["tables"][1]
        task["answer_columns"] = [c for c in task["answer_columns"] if c["id"] != "adjustment"]
        task["roles"].pop("adjustment")

    rewrite(forms, drop_adjustment)
    with pytest.raises(FormChanged, match="未声明从 1.0.0 到 2.0.0 的迁移"):
        open_workspace(tmp_path / "ws")  # no declared migration: refused, nothing touched
    open_workspace(tmp_path / "ws", upgrade=True)[0].close()  # planeval form upgrade
    ws, form = open_workspace(tmp_path / "ws")
    with ws:
        assert orphan_answers(ws, form) == {"tasks": {"1": {"adjustment": "建议调整为……"}}}
        assert ws.answer("tasks", "1", "adjustment") == "建议调整为……"
        status = workspace_status(ws, form)
    assert status.orphans == {"tasks": {"1": {"adjustment": "建议调整为……"}}}
