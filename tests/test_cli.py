"""The CLI twin, driven as a script would drive it, on the real demo tables and SQLite."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import cli
from desktop.paths import demo_dir, project_root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One demo workspace made once; tests copy it (a copy is a fresh workspace)."""
    ws = tmp_path_factory.mktemp("template") / "ws"
    assert cli.main(["demo", str(ws)]) == 0
    return ws


@pytest.fixture
def ws(template, tmp_path) -> Path:
    target = tmp_path / "ws"
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


def status(capsys, ws: Path) -> dict:
    code, out, _ = run(capsys, "status", str(ws), "--json")
    assert code == 0
    return json.loads(out)


def test_demo_is_kewei_with_its_rows_and_two_reports(capsys, ws):
    s = status(capsys, ws)
    assert s["department"] == "区科委"
    assert s["tables"]["indicators"]["assigned"] == ["4.1", "4.2", "6"]
    assert s["tables"]["tasks"]["assigned"] == [
        "1", "3", "4", "5", "7", "8", "11", "12", "13", "19", "33", "39", "41"]
    assert s["tables"]["tasks"]["complete"] == []
    assert [r["plan"] for r in s["reports"]] == ["1", "6"]


def test_filled_demo_is_complete(capsys, tmp_path):
    code, out, _ = run(capsys, "demo", str(tmp_path / "w"), "--filled")
    assert code == 0 and "区科委" in out
    s = status(capsys, tmp_path / "w")
    for table in s["tables"].values():
        assert table["complete"] == table["assigned"]
    for report in s["reports"]:
        assert report["complete_sections"] == report["sections"]


def test_init_from_the_division_tables_for_another_department(capsys, tmp_path):
    code, out, err = run(capsys, "init", str(tmp_path / "w"), "--assignment", str(demo_dir()),
                         "--department", "区府办")
    assert code == 0, err
    s = status(capsys, tmp_path / "w")
    assert s["department"] == "区政府办"
    assert s["tables"]["tasks"]["assigned"] == ["23", "30", "34", "107"]
    assert [r["plan"] for r in s["reports"]] == ["21"]


def test_init_refuses_an_unknown_department_in_chinese(capsys, tmp_path):
    code, _, err = run(capsys, "init", str(tmp_path / "w"), "--assignment", str(demo_dir()),
                       "--department", "区不存在局")
    assert code == 2 and "区不存在局" in err and "分工表中没有单位" in err
    assert not (tmp_path / "w" / "workspace.sqlite").exists()


def test_fill_refuses_rows_of_another_department_and_writes_nothing(capsys, ws, tmp_path):
    data = {"tasks": {"1": {"progress": "好"}, "2": {"progress": "不是本单位的"}}}
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "fill", str(ws), str(path))
    assert code == 2 and "第 2 项不属于本单位" in err
    code, out, _ = run(capsys, "export-data", str(ws))
    assert json.loads(out)["tasks"] == {}


def test_fill_refuses_broken_json_clearly(capsys, ws, tmp_path):
    path = tmp_path / "d.json"
    path.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "fill", str(ws), str(path))
    assert code == 2 and "无法读取数据文件" in err


FIELDS = {
    "indicators": (["4.1", "4.2", "6"], ["mid_value", "conclusion", "end_value", "reason"]),
    "tasks": (["1", "13", "41"], ["progress", "conclusion", "end_status", "adjustment"]),
    "reports": (["1", "6"], ["part1", "part3", "cases"]),
}
text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40)
data_documents = st.fixed_dictionaries({
    table: st.dictionaries(st.sampled_from(numbers),
                           st.dictionaries(st.sampled_from(fields), text, min_size=1),
                           max_size=3)
    for table, (numbers, fields) in FIELDS.items()
})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=data_documents)
def test_fill_then_export_data_round_trips(capsys, template, tmp_path_factory, data):
    ws = tmp_path_factory.mktemp("rt") / "ws"
    shutil.copytree(template, ws, ignore=shutil.ignore_patterns("*.lock"))
    path = ws.parent / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "fill", str(ws), str(path))[0] == 0
    code, out, _ = run(capsys, "export-data", str(ws))
    exported = json.loads(out)
    assert {t: exported[t] for t in FIELDS} == data
    # and the export is itself a valid fill document that changes nothing
    path.write_text(out, encoding="utf-8")
    code, out, _ = run(capsys, "fill", str(ws), str(path))
    assert code == 0 and "已写入 0 处修改" in out


def test_every_cli_verb_is_documented_in_the_readme():
    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    for verb in _verbs(parser, "planeval"):
        assert re.search(rf"`{re.escape(verb)}\b", readme), verb


def _verbs(parser, prefix):
    """Every full command line prefix, nested verbs (commission round create) included."""
    if parser._subparsers is None:
        return [prefix]
    found = []
    for name, sub in parser._subparsers._group_actions[0].choices.items():
        found += _verbs(sub, f"{prefix} {name}")
    return found


def test_validate_exits_1_on_errors_and_0_when_clean(capsys, tmp_path):
    ws = tmp_path / "w"
    run(capsys, "demo", str(ws))
    code, out, _ = run(capsys, "validate", str(ws), "--json")
    findings = json.loads(out)
    assert code == 1 and findings
    first = findings[0]
    assert set(first) == {"rule", "severity", "table", "number", "column", "message", "key",
                          "accepted_reason"}
    assert (first["rule"], first["severity"], first["table"]) == ("required", "error",
                                                                  "indicators")
    shutil.rmtree(ws)
    run(capsys, "demo", str(ws), "--filled")
    code, out, _ = run(capsys, "validate", str(ws))
    assert code == 0 and "共 0 个错误" in out


def test_a_warning_accepted_through_fill_travels_in_export_data(capsys, tmp_path):
    ws = tmp_path / "w"
    run(capsys, "demo", str(ws), "--filled")
    data = {"indicators": {"6": {"mid_value": "20", "conclusion": "A"}}}
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run(capsys, "fill", str(ws), str(path))
    code, out, _ = run(capsys, "validate", str(ws), "--json")
    warning = next(f for f in json.loads(out) if f["rule"] == "conclusion-mismatch")
    assert code == 0 and warning["severity"] == "warning" and warning["accepted_reason"] == ""
    data["accepted"] = {warning["key"]: "年底集中认定"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run(capsys, "fill", str(ws), str(path))
    code, out, _ = run(capsys, "export-data", str(ws))
    assert json.loads(out)["accepted"] == {warning["key"]: "年底集中认定"}
    code, out, _ = run(capsys, "validate", str(ws))
    assert "警告（已说明理由）" in out


def test_form_check_names_the_file_and_key_at_fault(capsys, tmp_path):
    putuo = project_root() / "forms" / "putuo-2023-midterm"
    code, out, _ = run(capsys, "form", "check", str(putuo))
    assert code == 0 and "putuo-2023-midterm" in out
    bad = tmp_path / "bad"
    shutil.copytree(project_root() / "forms" / "putuo-2023-midterm", bad)
    form = json.loads((bad / "form.json").read_text(encoding="utf-8"))
    del form["tables"][0]["answer_columns"][1]["title"]
    (bad / "form.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, "form", "check", str(bad))
    assert code == 2 and "form.json" in err and "tables[0].answer_columns[1].title" in err
