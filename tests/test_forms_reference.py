"""The form reference: JSON Schemas for every file, `form check` using them, `form new`,
and docs/forms.md naming every key the schemas know."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from desktop.forms.schema import FILES, KIND_SCHEMAS, schema, schema_problems
from desktop.paths import forms_dir, project_root
from tests.format_kit import FORMS, run

FOLDERS = [*sorted(p for p in forms_dir().iterdir() if (p / "form.json").is_file()),
           *sorted(p for p in FORMS.iterdir() if p.is_dir())]


def _keys(node: object) -> set[str]:
    """Every property name a schema declares, at any depth."""
    found: set[str] = set()
    if isinstance(node, dict):
        found |= {k for k in node.get("properties", {}) if not k.startswith("$")}
        for value in node.values():
            found |= _keys(value)
    elif isinstance(node, list):
        for value in node:
            found |= _keys(value)
    return found


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_shipped_and_test_format_meets_the_schemas(folder: Path):
    assert schema_problems(folder) == []


def test_the_reference_names_every_key_of_every_schema():
    text = (project_root() / "docs" / "forms.md").read_text(encoding="utf-8")
    for name in [*FILES.values(), *KIND_SCHEMAS.values()]:
        for key in sorted(_keys(schema(name))):
            assert re.search(rf"`{re.escape(key)}`", text), f"{name}: {key}"


def test_form_check_lists_schema_faults_in_chinese(capsys, tmp_path):
    folder = tmp_path / "f"
    shutil.copytree(forms_dir() / "putuo-2023-midterm", folder)
    form = json.loads((folder / "form.json").read_text(encoding="utf-8"))
    form["stages"][0]["signof"] = True  # a typo the loader would not notice
    (folder / "form.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "form", "check", folder)
    assert code == 1 and "键“stages[0]”不认识的键“signof”" in out
    form["tables"][0]["answer_columns"][0]["kind"] = "number"  # and one it stops at
    (folder / "form.json").write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "form", "check", folder)
    assert code == 2 and "键“tables[0].answer_columns[0].kind”应为 text、figure、choice 之一" in out
    assert "signof" in out and "answer_columns[0].kind" in err


def test_form_new_scaffolds_a_folder_form_check_accepts(capsys, tmp_path):
    code, out, err = run(capsys, "form", "new", tmp_path / "xinhe", "--district", "新河区")
    assert code == 0, err
    code, out, err = run(capsys, "form", "check", tmp_path / "xinhe")
    assert code == 0, err + out
    assert "xinhe" in out and "中期评估报告" in out
    code, _, err = run(capsys, "form", "new", tmp_path / "xinhe")
    assert code == 2 and "已存在且不为空" in err
