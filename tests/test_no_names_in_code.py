"""No district and no unit is named in the application's code (comments and tests aside).

Every district's names come from its form folder (form.json, units.json) and the division
tables; the demo's from resources/demo/demo.json. A name written into desktop/ would be a
special case for one district that another district's format cannot change.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

from desktop.core.roster import normalise
from desktop.io.assignment_xlsx import read_assignment
from desktop.paths import demo_dir, demo_settings, project_root

ROOT = project_root()
FORM_ROOTS = (ROOT / "forms", ROOT / "tests" / "data" / "forms")
# The commission every department reports to goes by this title in every district: it
# names the role (the app's other side), not one district's unit.
GENERIC = {"区发改委"}


def _names() -> set[str]:
    names = {demo_settings()["district"], demo_settings()["department"]}
    for root in FORM_ROOTS:
        for form_file in root.glob("*/form.json"):
            form = json.loads(form_file.read_text(encoding="utf-8"))
            names.add(form.get("district", ""))
            units_file = form_file.parent / form.get("units", "units.json")
            if units_file.is_file():
                units = json.loads(units_file.read_text(encoding="utf-8"))
                names.update(units.get("units", []))
                for written, canonical in units.get("aliases", {}).items():
                    names.update((written, canonical))
    for row in read_assignment(demo_dir()).rows:
        names.update(row.units)
    names = {normalise(n) for n in names if n}
    names |= {n.removesuffix("区") for n in names if n.endswith("区") and len(n) == 3}  # 普陀
    return {n for n in names if len(n) >= 2 and not n.startswith("各")} - GENERIC


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module that are not docstrings or bare comments."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in bare]


def named_in_code(names: set[str], root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / "desktop").rglob("*.py")):
        for line, text in _strings(path):
            folded = normalise(text)
            found += [f"{path.relative_to(root).as_posix()}:{line}: {n}" for n in sorted(names)
                      if n in folded]
    return found


def test_the_names_are_gathered():
    names = _names()
    assert {"普陀区", "普陀", "区科委", "长征镇", "临江区", "区经信委"} <= names


def test_no_district_or_unit_name_in_the_code():
    assert named_in_code(_names()) == []


def test_the_check_finds_a_name_written_into_the_code(tmp_path):
    """The check itself can fail: a module naming a unit is caught."""
    fake = tmp_path / "desktop"
    fake.mkdir()
    (fake / "bad.py").write_text('"""Docstrings may name 区科委."""\n'
                                 'HINT = "例如：区科委"  # comments may too: 长征镇\n',
                                 encoding="utf-8")
    assert named_in_code({"区科委", "长征镇"}, tmp_path) == ["desktop/bad.py:2: 区科委"]
