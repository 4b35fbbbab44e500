"""The district roll-up, the adjustment plan, the compiled reports and the diff (issue 11).

A round built through the CLI as in test_commission_round: five units' drafts taken in and
accepted (区科委 twice, the second fill changing a figure and a report part), one unit's
draft only received; then `commission rollup`, `compile` and `diff`, read back.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from test_commission_round import PASS, Round, export, fill_sample, intake, ok, sheet_passphrase

from desktop.commission.adjustment import LAGGING
from desktop.io.tables_xlsx import FIRST_LINE
from desktop.paths import demo_dir
from desktop.store.commission import CommissionWorkspace

UNITS = ["区科委", "区民政局", "区卫生健康委", "长寿路街道", "区发改委", "区财政局"]
ACCEPTED = UNITS[:5]  # 区财政局 only received
TWEAKS = {
    "区科委": {"indicators": {"6": {"conclusion": "C", "reason": "受疫情影响"}}},
    "区卫生健康委": {"indicators": {"16": {"conclusion": "D", "reason": "口径调整",
                                         "adjustment": "建议调整为累计 900"}},
                  "tasks": {"88": {"conclusion": "C"}}},
    "区民政局": {"indicators": {"15": {"conclusion": "B", "adjustment": "建议提高目标"}}},
}
SECOND = {"indicators": {"6": {"mid_value": "99"}}}


def _sha(outcomes: list[dict[str, str]], path: Path) -> str:
    """The package taken in from `path` (a later file of the same name wins: 区科委's second
    draft has its first's name)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Round:
    root = tmp_path_factory.mktemp("district")
    r = Round(root, root / "cws")
    pw = root / "pass.txt"
    pw.write_text(PASS, encoding="utf-8")
    ok("commission", "round", "create", r.cws, "--assignment", demo_dir(), "--form",
       "putuo-2023-midterm")
    ok("commission", "keys", "create", r.cws, "--passphrase-file", pw)
    ok("commission", "certs", "issue", r.cws, "--out", root / "certs", "--unit", *UNITS,
       "--passphrase-file", pw)
    for unit in UNITS:
        r.certs[unit] = (root / "certs" / f"{unit}.p12",
                         sheet_passphrase(root / "certs" / f"{unit}-证书领取单.docx"))
    ok("commission", "issue", r.cws, "--out", root / "assignments", "--unit", *UNITS,
       "--passphrase-file", pw)
    for p in (root / "assignments").glob("*.zip"):
        r.packages[next(u for u in UNITS if f"-{u}-" in p.name)] = p
    evidence = root / "典型案例-养老服务.pdf"
    evidence.write_bytes(b"%PDF-1.4 evidence")
    for unit in UNITS:
        ws = root / f"ws-{unit}"
        ok("init", ws, "--package", r.packages[unit])
        fill_sample(ws, TWEAKS.get(unit))
        if unit == "区民政局":
            ok("attach", ws, evidence)
        r.drafts[unit] = export(r, unit, ws, "draft", root / "out" / unit)
    r.outcomes = intake(r, *r.drafts.values())
    # 区科委 sends a corrected draft: the first is superseded, the second accepted.
    first = r.drafts["区科委"]
    ws = root / "ws-区科委"
    texts = root / "second.json"
    texts.write_text(json.dumps({**SECOND, "reports": {"1": {"part1": "修改后的第一部分。"}}},
                                ensure_ascii=False), encoding="utf-8")
    ok("fill", ws, texts)
    import time

    time.sleep(1.1)
    r.drafts["区科委"] = export(r, "区科委", ws, "draft", root / "out" / "区科委-2")
    r.outcomes += intake(r, r.drafts["区科委"])
    r.packages["区科委-first"] = first
    for unit in ACCEPTED:
        ok("commission", "decide", r.cws, _sha(r.outcomes, r.drafts[unit])[:10], "accept",
           "--out", root / "notes", "--passphrase-file", pw)
    ok("commission", "rollup", r.cws, "--out", root / "rollup", "--at", "2023-07-20")
    ok("commission", "compile", r.cws, "--out", root / "汇编.docx", "--at", "2023-07-20")
    return r


def _data(r: Round, unit: str) -> dict:
    with zipfile.ZipFile(r.drafts[unit]) as zf:
        return dict(json.loads(zf.read("data.json")))


def _workbook(r: Round):  # type: ignore[no-untyped-def]
    (path,) = (r.root / "rollup").glob("*全区汇总表.xlsx")
    return load_workbook(path)


def _expected(r: Round, table: str) -> dict[str, dict[str, str]]:
    """Row number -> field -> the text the district table must show."""
    from desktop.commission.rollup import build_rollup

    with CommissionWorkspace.open(r.cws) as cws:
        rollup = build_rollup(cws)
    data = {u: _data(r, u) for u in ACCEPTED}
    fields = [c.id for c in rollup.form.table(table).answer_columns]
    expected = {}
    for line in rollup.lines[table]:
        number = str(line.row.number)
        answered = [u for u in line.units if u in data and number in data[u].get(table, {})]
        cells = {}
        for f in fields:
            values = [(u, data[u][table][number].get(f, "")) for u in answered]
            if len(line.units) <= 1:
                cells[f] = values[0][1] if values else ""
            else:
                cells[f] = "\n".join(f"{u}：{v}" for u, v in values if v.strip())
        expected[number] = cells
    return expected


def test_every_district_cell_equals_the_accepted_data(district: Round) -> None:
    from desktop.commission.round import round_form
    from desktop.forms.export_spec import load_export_spec

    book = _workbook(district)
    with CommissionWorkspace.open(district.cws) as cws:
        form = round_form(cws)
        rows = cws.rows()
    spec = load_export_spec(form)
    checked = 0
    for table in ("indicators", "tasks"):
        layout = spec.table(table)
        sheet = book[layout.sheet]
        expected = _expected(district, table)
        answer_cols = {c.field: i for i, c in enumerate(layout.columns, start=1)
                       if c.source == "answer"}
        note_col = len(layout.columns) + 2
        lines = _sheet_lines(sheet, table, layout, rows)
        assert list(lines) == list(expected)  # every answerable row, in order
        for number, line in lines.items():
            for field, col in answer_cols.items():
                value = sheet.cell(row=line, column=col).value or ""
                assert value == expected[number][field], (table, number, field)
                checked += 1
            note = sheet.cell(row=line, column=note_col).value or ""
            if not any(expected[number].values()):
                assert note.startswith("无已确认的填报")
                assert sheet.cell(row=line, column=answer_cols["conclusion"]).fill.fgColor.rgb \
                    .endswith("E7E6E6")
        assert checked
    tasks = book[spec.table("tasks").sheet]
    line88 = _sheet_lines(tasks, "tasks", spec.table("tasks"), rows)["88"]
    note = tasks.cell(row=line88, column=len(spec.table("tasks").columns) + 2).value
    assert note.startswith("不一致：评估结论")
    conclusion = next(i for i, c in enumerate(spec.table("tasks").columns, start=1)
                      if c.field == "conclusion")
    assert set(tasks.cell(row=line88, column=conclusion).value.split("\n")) == {
        "区卫生健康委：C", "区民政局：" + _data(district, "区民政局")["tasks"]["88"]["conclusion"]}
    assert tasks.cell(row=line88, column=conclusion).fill.fgColor.rgb.endswith("F8D7DA")
    # rows nobody answered are listed on their own sheet, 区财政局's state named
    listed = {(r[0], r[1]): r for r in book["未填报的行"].iter_rows(min_row=2, values_only=True)}
    assert listed[("主要指标评估表", "2")][3] == "区财政局（已接收）"
    assert ("主要指标评估表", "6") not in listed
    missing = [r[0] for r in book["未确认的单位"].iter_rows(min_row=2, values_only=True)]
    assert "区财政局" in missing and "区科委" not in missing
    assert book["评估结论汇总"]._images  # the charts


def _sheet_lines(sheet, table: str, layout, rows) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Row number -> sheet line, read from the sheet: task numbers from the number column,
    indicators from their labels ("4、…") and their sub-rows in order."""
    from desktop.core.division import answerable

    found: dict[str, int] = {}
    if table == "tasks":
        col = next(i for i, c in enumerate(layout.columns, start=1) if c.source == "number")
        numbers = {str(r.number) for r in answerable(rows) if r.table == "tasks"}
        for line in range(FIRST_LINE, sheet.max_row + 1):
            value = str(sheet.cell(row=line, column=col).value or "")
            if value in numbers:
                found[value] = line
        return found
    col = next(i for i, c in enumerate(layout.columns, start=1) if c.source == "indicator")
    children: dict[str, list[str]] = {}
    for r in rows:
        if r.table == "indicators" and r.parent:
            children.setdefault(str(r.parent), []).append(str(r.number))
    line = FIRST_LINE
    while line <= sheet.max_row:
        label = str(sheet.cell(row=line, column=col).value or "")
        number = label.split("、")[0]
        if not label or not number.replace(".", "").isdigit():
            break
        for n in children.get(number, [number]):
            found[n] = line
            line += 1
    return found


def test_adjustment_plan_lists_exactly_the_lagging_and_proposed(district: Round) -> None:
    (path,) = (district.root / "rollup").glob("*调整方案*.docx")
    doc = Document(str(path))
    entries = [p.text for p in doc.paragraphs if p.style.name == "报告二级标题"]
    expected = []
    for unit in ACCEPTED:
        for number, a in _data(district, unit).get("indicators", {}).items():
            if a.get("conclusion") in LAGGING or a.get("adjustment", "").strip():
                expected.append((number, unit))
    got = [(e.split("）", 1)[1].split("、")[0], e.rsplit("（", 1)[1].rstrip("）"))
           for e in entries]
    assert sorted(got) == sorted(expected)
    assert ("16", "区卫生健康委") in got and ("15", "区民政局") in got and ("6", "区科委") in got
    groups = [p.text for p in doc.paragraphs if p.style.name == "报告部分标题"]
    assert groups and all(g.endswith("预期性指标") or g.endswith("约束性指标") for g in groups)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "建议调整为累计 900" in text and "口径调整" in text


def _body_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def test_compiled_reports_order_sections_toc_and_page_numbers(district: Round) -> None:
    path = district.root / "汇编.docx"
    doc = Document(str(path))
    titles = [p.text for p in doc.paragraphs if p.style.name == "报告标题"]
    reports = [t for t in titles if "自评报告" in t and "汇编" not in t]
    # the commission's order: plans 1, 6 (区科委), 13 (区卫生健康委), 16, 17 (区民政局),
    # 26 (区发改委), 31 (长寿路街道)
    units = [t.split("“")[0] for t in reports]
    assert units == ["区科委", "区科委", "区卫生健康委", "区民政局", "区民政局", "区发改委",
                     "长寿路街道"]
    # cover and contents, one section per report, then the reports still missing
    assert len(doc.sections) == 1 + len(reports) + 1
    xml = _body_xml(path)
    assert 'TOC \\o "1-3" \\h' in xml
    toc = [p.text for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert any(t.startswith("区民政局：") for t in toc)
    with zipfile.ZipFile(path) as zf:
        footers = [zf.read(n).decode() for n in zf.namelist() if n.startswith("word/footer")]
    assert any(" PAGE " in f for f in footers)
    assert "修改后的第一部分。" in xml  # the accepted (second) draft of 区科委
    assert "典型案例-养老服务.pdf" in xml  # its evidence listed
    assert "区财政局" in "\n".join(p.text for p in doc.paragraphs[-40:])  # still missing


@pytest.mark.slow
def test_compiled_reports_open_in_libreoffice(district: Round, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        pytest.fail("LibreOffice and poppler are needed (bootstrap.sh test installs them)")
    for source in [district.root / "汇编.docx", *(district.root / "rollup").glob("*.docx")]:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                        str(source)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "汇编.pdf"
    assert pdf.is_file()
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "4", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)
    assert len(list(tmp_path.glob("page-*.png"))) == 4
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "目" in text and "区民政局：" in text
    pages = text.split("\f")
    assert str(1) not in pages[0].split()  # the cover has no number
    for number in range(2, len(pages)):  # every other page ends with its own number
        assert pages[number - 1].split()[-1] == str(number), number


def test_diff_lists_exactly_the_changed_fields(district: Round, tmp_path: Path) -> None:
    import contextlib
    import io

    xlsx = tmp_path / "修改对照表.xlsx"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ok("commission", "diff", district.cws, "区科委", "--xlsx", xlsx, "--json")
    got = {(c["table"], c["number"], c["field"]): (c["old"], c["new"])
           for c in json.loads(buf.getvalue())}
    with zipfile.ZipFile(district.packages["区科委-first"]) as zf:
        before = json.loads(zf.read("data.json"))
    after = _data(district, "区科委")
    assert got == {
        ("indicators", "6", "mid_value"): (before["indicators"]["6"]["mid_value"], "99"),
        ("reports", "1", "part1"): (before["reports"]["1"]["part1"], "修改后的第一部分。")}
    assert after["indicators"]["6"]["mid_value"] == "99"
    sheet = load_workbook(xlsx).active
    lines = list(sheet.iter_rows(min_row=3, values_only=True))
    assert {(r[1], r[3]) for r in lines} == {
        ("6", "中期完成数"), ("1", "第一部分：“十四五”规划主要指标完成情况评估")}
    first = _sha(district.outcomes, district.packages["区科委-first"])
    second = _sha(district.outcomes, district.drafts["区科委"])
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        ok("commission", "diff", district.cws, "区科委", "--from", second[:8], "--to", first[:8])
    assert "共 2 处修改" in buf.getvalue()


def test_long_work_reports_progress(district: Round, tmp_path: Path) -> None:
    import datetime as dt

    from desktop.commission.compile import write_compilation
    from desktop.commission.district import write_rollup

    seen: list[tuple[int, int, str]] = []
    with CommissionWorkspace.open(district.cws) as cws:
        written = write_rollup(cws, tmp_path, date=dt.date(2023, 7, 20),
                               progress=lambda *a: seen.append(a))
        assert len(written) == 3 and seen[-1][0] == seen[-1][1]
        assert any("区民政局" in what for _, _, what in seen)
        seen.clear()
        write_compilation(cws, tmp_path / "汇编.docx", date=dt.date(2023, 7, 20),
                          progress=lambda *a: seen.append(a))
    assert [what for _, total, what in seen if total == 7] == [
        "区科委", "区科委", "区卫生健康委", "区民政局", "区民政局", "区发改委", "长寿路街道"]


def test_summary_counts_every_row_once_under_its_weakest_grade(district: Round) -> None:
    from desktop.commission.rollup import build_rollup
    from desktop.commission.summary import COLUMNS, line_grade, summarize

    with CommissionWorkspace.open(district.cws) as cws:
        rollup = build_rollup(cws)
    summary = summarize(rollup)
    for counts in summary.counts:
        lines = rollup.lines[counts.table]
        assert sum(counts.total(c) for c in COLUMNS) == len(lines)
        assert counts.total("未填报") == sum(1 for li in lines if not li.answers)
    (task88,) = [li for li in rollup.lines["tasks"] if li.row.number == "88"]
    assert line_grade(rollup, "tasks", task88) == "C"  # C from one unit, better from the other
    assert ("区财政局", "已接收") in summary.missing_units
    assert "区科委" not in dict(summary.missing_units)
    assert {p.number for p in summary.progress} >= {"6", "15", "16"}  # cumulative targets
    assert all(0 < p.elapsed <= 1 for p in summary.progress)
