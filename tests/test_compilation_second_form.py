"""A second district's compilation round (tests/data/forms/xinhe-2019-compile, after seed
004) runs on the same code as Jing'an's: separate lead and cooperating columns, no guidance
column (one 正文), special plans with a stage due at its milestone's end, a ▲ mark."""

from __future__ import annotations

import datetime as dt
import json
import zipfile

from openpyxl import Workbook

from desktop.commission.verify import verify_package
from desktop.core.compilation_timeline import DONE, LATE, UPCOMING
from desktop.department import compilation as work
from desktop.forms import SEARCH_PATH_VARIABLE
from desktop.forms.compilation import find_compilation
from tests.format_kit import FORMS, run
from tests.test_package_kit import CST, identity, trust

FORM = "xinhe-2019-compile"


def _tables(path):
    wb = Workbook()
    studies = wb.active
    studies.title = "重点课题"
    studies.append(["附件1"])
    studies.append(["编号", "课题", "牵头单位", "参与单位"])
    studies.append(["1", "“十四五”产业转型升级研究", "区工信局", "区发改局、新河经济开发园区"])
    studies.append(["2", "“十四五”乡村振兴研究", "区农业农村局", "各乡镇"])
    plans = wb.create_sheet("专项规划")
    plans.append(["序号", "规划名称", "编制部门"])
    plans.append(["1", "新河区“十四五”综合交通规划", "区交通运输局"])
    plans.append(["2", "新河区“十四五”教育发展规划", "区教育局"])
    wb.save(path)
    return path


def test_a_second_format_needs_no_code(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv(SEARCH_PATH_VARIABLE, str(FORMS))
    tables = _tables(tmp_path / "分工.xlsx")
    code, text, _ = run(capsys, "compile", "init", tmp_path / "park", "--assignment", tables,
                        "--department", "新河经济开发园区", "--form", FORM)
    assert code == 0 and "配合：1 项" in text
    code, text, _ = run(capsys, "compile", "init", tmp_path / "town", "--assignment", tables,
                        "--department", "东湖镇", "--form", FORM)
    assert code == 0  # through 各乡镇: sees topic 2, owes nothing
    code, text, _ = run(capsys, "compile", "status", tmp_path / "town", "--json",
                        "--date", "2019-12-01")
    assert json.loads(text) == []

    form = find_compilation(FORM)
    with work.create(tmp_path / "ws", form, [tables], "区交通运输局") as ws:
        assert [(r.table, r.number) for r in ws.rows()] == [("plans", "1")]
        assert [p.id for p in work.outline(form, form.deliverable("draft"), ws.rows()[0])] == [
            "body"]
        work.write(ws, form, "draft", "1", {"title": "综合交通规划（初稿）", "authors": "规划科",
                                            "summary": "摘要", "body": "一、发展基础"})
        sealed = work.seal(ws, form, "draft", "1", identity=identity("区交通运输局"),
                           out_dir=tmp_path, created=dt.datetime(2020, 5, 20, tzinfo=CST))
        states = {e.deliverable.id: e.state for e in work.unit_timeline(ws, form,
                                                                         dt.date(2020, 6, 1))}
        assert states == {"draft": DONE, "consult": UPCOMING, "done": UPCOMING}
        late = {e.deliverable.id: e.state for e in work.unit_timeline(ws, form,
                                                                       dt.date(2020, 10, 1))}
        assert late["done"] == LATE  # no due date: the end of step 2.3, September 2020
        assert late["consult"] == LATE
    result = verify_package(sealed.path, trust=trust())
    assert result.ok and result.manifest.item == "plans/1" and result.manifest.stage == "draft"
    with zipfile.ZipFile(sealed.path) as zf:
        assert "专项规划初稿-新河区“十四五”综合交通规划.docx" in zf.namelist()
    code, text, _ = run(capsys, "compile", "timeline", "--form", FORM, "--date", "2019-10-01")
    assert "▲ 召开区发展规划专家咨询会议" in text and "19Q2 19Q3 19Q4 20Q1" in text
