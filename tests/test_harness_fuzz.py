"""Harness: hypothesis fuzzing of what comes from outside, packages, division tables and
fill's data.json. Whatever the input: no traceback (only PlanevalError is allowed out),
no case past 10 s, no partial write, nothing written outside the workspace.

Fast by default; PLANEVAL_LONG=1 runs 10,000 cases each (see docs/RELIABILITY.md).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from harness import LONG, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from test_package_kit import data_json, entries, info, members, package, trust

from desktop import cli
from desktop.commission.verify import CODES, verify_package
from desktop.core.errors import PlanevalError
from desktop.department import operations
from desktop.paths import demo_dir
from desktop.store import Workspace


def fuzz(fast: int, long: int = 10_000) -> settings:
    """`fast` cases in CI (the same every run), `long` random ones in the long run."""
    return settings(
        max_examples=examples(fast, long),
        deadline=10_000,  # a hang past 10 s is a failure
        suppress_health_check=list(HealthCheck),
        derandomize=not LONG,
        database=None,
    )

# -- packages -----------------------------------------------------------------------------


@functools.cache
def small_package() -> bytes:
    return package(members(size=300))


edit = st.tuples(st.integers(0, 1 << 20), st.integers(0, 255),
                 st.sampled_from(["set", "insert", "delete", "cut"]))


@fuzz(150)
@given(edits=st.lists(edit, min_size=1, max_size=6))
def test_fuzzed_package_bytes_are_refused_with_a_known_code(edits):
    raw = bytearray(small_package())
    for at, value, kind in edits:
        if not raw:
            break
        at %= len(raw)
        if kind == "set":
            raw[at] = value
        elif kind == "insert":
            raw[at:at] = bytes([value]) * (1 + value % 7)
        elif kind == "delete":
            del raw[at : at + 1 + value % 7]
        else:
            del raw[at:]
    result = verify_package(bytes(raw), trust=trust())
    assert result.code in CODES or result.ok, result
    if result.ok:  # only bits no reader uses (a deflate stream's padding) may differ
        changed = {zi.filename: d for zi, d in entries(bytes(raw))}
        assert changed == {zi.filename: d for zi, d in entries(small_package())}


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                         st.text(max_size=30), st.sampled_from(["draft", "final", "区科委"]))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20)
data_changes = st.dictionaries(
    st.sampled_from(["schema", "form", "department", "stage", "round", "district", "signoff",
                     "findings", "tasks", "accepted"]), json_values, max_size=4)


@fuzz(60)
@given(changes=data_changes, stage=st.sampled_from(["draft", "final"]),
       names=st.lists(st.sampled_from(["attachments/证明.pdf", "附件9.xlsx", "x.docx",
                                       "attachments/a b.png"]), max_size=3, unique=True))
def test_signed_packages_with_fuzzed_data_json_never_crash(changes, stage, names):
    about = info(stage=stage)
    payload = {"data.json": data_json(about, **changes)} | {n: b"%PDF" for n in names}
    result = verify_package(package(payload, manifest=about), trust=trust())
    assert result.ok or result.code in ("data", "final"), result


# -- division tables --------------------------------------------------------------------

WORDS = ["序号", "指标名称", "主要内容", "规划名称", "责任部门", "牵头单位", "配合单位",
         "2025年目标", "单位", "类别", "注：以上", "区科委", "区府办、区教育局", "各街镇",
         "1", "2", "2.1", "4", "一、创新", "（一）", "%", "累计 1400", "3-5", ">84"]
cell = st.one_of(st.sampled_from(WORDS), st.text(max_size=15), st.integers(-10**6, 10**6),
                 st.floats(allow_nan=True), st.booleans(), st.none())
grid = st.lists(st.lists(cell, max_size=7), max_size=20)
merge = st.tuples(st.integers(1, 20), st.integers(1, 7), st.integers(0, 4), st.integers(0, 3))
sheet = st.tuples(grid, st.sampled_from(["visible", "visible", "hidden", "veryHidden"]),
                  st.lists(merge, max_size=3))
TABLES = sorted(p.name for p in demo_dir().glob("*.xlsx"))


@functools.cache
def demo_bytes(name: str) -> bytes:
    return (demo_dir() / name).read_bytes()


def workbook(base: str | None, sheets: list, corrupt: tuple[int, int] | None) -> bytes:
    wb = load_workbook(io.BytesIO(demo_bytes(base))) if base else Workbook()
    for rows, state, merges in sheets:
        ws = wb.create_sheet()
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if isinstance(value, str):
                    value = ILLEGAL_CHARACTERS_RE.sub("", value)
                ws.cell(row=r, column=c, value=value)
        for r, c, down, across in merges:
            with contextlib.suppress(ValueError):
                ws.merge_cells(start_row=r, start_column=c, end_row=r + down,
                               end_column=c + across)
        ws.sheet_state = state
    wb.worksheets[0].sheet_state = "visible"
    out = io.BytesIO()
    wb.save(out)
    raw = bytearray(out.getvalue())
    if corrupt:
        raw[corrupt[0] % len(raw)] = corrupt[1]
    return bytes(raw)


@fuzz(15, long=2_000)  # openpyxl: ~0.4 s a case
@given(base=st.sampled_from([None, *TABLES]), sheets=st.lists(sheet, max_size=2),
       corrupt=st.none() | st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)),
       department=st.sampled_from(["区科委", "区教育局", "各街镇", "不存在的单位"]))
def test_fuzzed_division_tables_make_a_workspace_or_a_chinese_refusal(base, sheets, corrupt,
                                                                      department):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "分工表.xlsx"
        source.write_bytes(workbook(base, sheets, corrupt))
        try:
            operations.create_workspace(root / "ws", assignment=source,
                                        department=department).close()
        except PlanevalError as exc:
            assert exc.message and not (root / "ws").exists()
        left = {p.name for p in root.iterdir()}
        assert left <= {"分工表.xlsx", "ws"}, left


# -- fill's data.json -------------------------------------------------------------------


@functools.cache
def fill_template() -> tuple[Path, dict[str, Any]]:
    """A demo workspace made once, and its tables' row numbers and fields."""
    folder = Path(tempfile.mkdtemp(prefix="planeval-fuzz-")) / "ws"
    operations.create_demo(folder).close()
    with Workspace.open(folder) as ws:
        form = operations.form_of(ws)
        shape = {t.id: ([r.number for r in ws.rows(t.id)], [c.id for c in t.answer_columns])
                 for t in form.tables}
    return folder, shape


def _doc(draw: st.DrawFn) -> dict[str, Any]:
    _, shape = fill_template()
    doc: dict[str, Any] = {}
    for _ in range(draw(st.integers(0, 4))):
        table = draw(st.sampled_from([*shape, "reports", "未知表"]))
        numbers, fields = shape.get(table, (["1", "99"], ["part1", "x"]))
        row = draw(st.sampled_from([*numbers, "0", "不存在"]))
        field = draw(st.sampled_from([*fields, "未知栏目"]))
        value = draw(st.one_of(st.text(max_size=40), st.integers(), st.floats(),
                               st.booleans(), st.none(), st.just(HUGE),
                               st.lists(st.integers(), max_size=2)))
        doc.setdefault(table, {}).setdefault(row, {})[field] = value
    if draw(st.booleans()):
        doc["accepted"] = draw(st.dictionaries(st.text(max_size=20), st.text(max_size=20) |
                                               st.integers(), max_size=3))
    for key in ("department", "round", "schema"):
        if draw(st.integers(0, 4)) == 0:
            doc[key] = draw(json_scalars)
    return doc


HUGE = "<an integer of 5,000 digits>"  # json.dumps cannot write one: put in by text


def _text(draw: st.DrawFn, doc: dict[str, Any]) -> str:
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))  # ascii: surrogates as \\udxxx
    text = text.replace(json.dumps(HUGE), "9" * 5000)
    kind = draw(st.sampled_from(["as is", "as is", "nest", "cut", "junk"]))
    if kind == "nest":
        depth = draw(st.integers(1, 3000))
        return "[" * depth + text + "]" * depth
    if kind == "cut":
        return text[: draw(st.integers(0, len(text)))]
    if kind == "junk":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(max_size=5)) + text[at:]
    return text


@st.composite
def fill_input(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    doc = _doc(draw)
    return doc, _text(draw, doc)


def snapshot(folder: Path) -> tuple:
    with Workspace.open(folder) as ws:
        return ws.answers(), ws.acceptances(), len(ws.history())


@fuzz(40)
@given(case=fill_input())
def test_fuzzed_fill_documents_land_whole_or_not_at_all(case):
    doc, text = case
    folder, _ = fill_template()
    data = folder.parent / "data.json"
    data.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = snapshot(folder)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["fill", str(folder), str(data)])
    after = snapshot(folder)
    if code != 0:
        assert code == cli.REFUSED and err.getvalue().startswith("错误："), err.getvalue()
        assert after == before
    else:
        answers = after[0]
        for table, rows in doc.items():
            if table in ("accepted", "department", "round", "schema", "form"):
                continue
            for number, values in rows.items():
                for field, value in values.items():
                    assert answers.get(table, {}).get(number, {}).get(field, "") == str(value)
    assert {p.name for p in folder.iterdir()} <= {"workspace.sqlite", "workspace.lock"}
    assert {p.name for p in folder.parent.iterdir()} == {"ws", "data.json"}


def teardown_module() -> None:
    if fill_template.cache_info().currsize:
        shutil.rmtree(fill_template()[0].parent, ignore_errors=True)
