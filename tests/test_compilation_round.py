"""A Jing'an compilation round from its division tables (attachments 1-1, 1-2): a topic's
lead unit seals its work plan, interim and final report (the final only with the leader's
sign-off), a cooperating unit sends its contribution that the lead imports, and the
timeline and the commission's tracking say what is done, due or late on a given date.
Every package is read back with verify, every docx with python-docx."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.commission.compilation import receive, track
from desktop.commission.verify import verify_package
from desktop.core.compilation_timeline import DONE, DONE_LATE, DUE, LATE, UPCOMING
from desktop.core.errors import InputError
from desktop.department import compilation as work
from desktop.department.compilation_import import contributions, import_contribution, unpack
from desktop.forms.compilation import load_compilation
from desktop.io.compilation_xlsx import read_subjects
from desktop.paths import demo_dir, forms_dir
from desktop.store import Workspace
from tests.test_package_kit import CST, damaged, identity, trust

FORM = "jingan-2019-compile"
TABLES = demo_dir() / "compile"
LEAD_UNIT, HELPER, TOPIC = "区建设管理委", "区科委", "2-8"  # 精细化管理: 区科委 cooperates


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day + "T10:00").replace(tzinfo=CST)


@pytest.fixture(scope="module")
def form():
    return load_compilation(forms_dir() / FORM)


@pytest.fixture(scope="module")
def keys():
    return {LEAD_UNIT: identity(LEAD_UNIT), HELPER: identity(HELPER)}


def _members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _write_all(ws, form, deliverable: str, number: str, title: str) -> None:
    d = form.deliverable(deliverable)
    row = next(r for r in ws.rows() if r.number == number)
    parts = {p.id: f"{title}：第{i}部分的研究内容。"
             for i, p in enumerate(work.outline(form, d, row), 1)}
    work.write(ws, form, deliverable, number, parts | {
        "title": title, "authors": "张三、李四", "summary": f"{title}的摘要。"})


def test_a_unit_sees_the_topics_it_leads_and_supports(tmp_path, form):
    with work.create(tmp_path / "ws", form, [TABLES], LEAD_UNIT) as ws:
        roles = {r.number: r.fields["role"] for r in ws.rows()}
        assert roles == {"2-7": "lead", "2-8": "lead", "2-6": "support", "1-2": "support",
                         "1-5": "support", "2-1": "support", "2-3": "support", "2-4": "support",
                         "1": "lead"}  # the 思路框架 contribution every department owes
        named = {r.number for r in ws.rows() if r.fields["named"]}
        # the others name it only as 区各相关部门; the 思路框架 is owed by every department
        assert named == {"2-6", "2-7", "2-8", "1"}
        owed = {(r.number, d.id) for _, r, d in work.owed(ws, form)}
        assert owed == {(n, d) for n in ("2-7", "2-8") for d in ("workplan", "interim", "final")
                        } | {("2-6", "contribution"), ("1", "framework")}
    with pytest.raises(InputError, match="分工表中没有单位“区不存在局”"):
        work.create(tmp_path / "none", form, [TABLES], "区不存在局")


def test_lead_unit_seals_work_plan_interim_and_final(tmp_path, form, keys):
    out = tmp_path / "out"
    out.mkdir()
    with work.create(tmp_path / "ws", form, [TABLES], LEAD_UNIT) as ws:
        # 开题: written in the app against the outline (研究重点 items as sections)
        _write_all(ws, form, "workplan", TOPIC, "精细化管理课题研究工作方案")
        plan = work.seal(ws, form, "workplan", TOPIC, identity=keys[LEAD_UNIT], out_dir=out,
                         created=at("2019-05-28"))
        result = verify_package(plan.path, trust=trust())
        assert result.ok, result.message_zh
        assert result.manifest.kind == "deliverable" and result.manifest.item == "topics/2-8"
        assert result.manifest.stage == "workplan"
        members = _members(plan.path)
        name = "课题研究工作方案-“十四五”加强城区精细化管理的目标思路和重大举措研究.docx"
        texts = _texts(members[name])
        assert texts[0] == "精细化管理课题研究工作方案" and "承担单位：区建设管理委" in texts
        assert any(t.startswith("（1）围绕建成最有序、最安全、最干净的中心城区") for t in texts)
        assert "精细化管理课题研究工作方案：第2部分的研究内容。" in texts
        data = json.loads(members["data.json"])
        assert data["kind"] == "deliverable" and data["number"] == TOPIC
        assert data["role"] == "lead" and data["document"]["authors"] == "张三、李四"

        # 中期汇报: a report written in Word, attached
        written = docx.Document()
        written.add_paragraph("中期研究成果：精细化管理")
        report = tmp_path / "中期报告.docx"
        written.save(report)
        work.write(ws, form, "interim", TOPIC, {"title": "中期研究成果", "authors": "张三",
                                                "summary": "已完成现状调研。"})
        work.attach(ws, form, "interim", TOPIC, report)
        interim = work.seal(ws, form, "interim", TOPIC, identity=keys[LEAD_UNIT],
                            out_dir=out, created=at("2019-08-30"))
        assert verify_package(interim.path, trust=trust()).ok
        attached = [n for n in _members(interim.path) if n.startswith("课题中期研究成果")]
        assert len(attached) == 1
        assert _texts(_members(interim.path)[attached[0]]) == ["中期研究成果：精细化管理"]

        # 成果报送: refused until the district leader's sign-off is recorded
        _write_all(ws, form, "final", TOPIC, "精细化管理课题研究成果报告")
        with pytest.raises(work.SealRefused, match="须经分管区领导审阅同意"):
            work.seal(ws, form, "final", TOPIC, identity=keys[LEAD_UNIT], out_dir=out,
                      created=at("2019-09-12"))
        work.signoff(ws, form, "final", TOPIC, "王五", dt.date(2019, 9, 11))
        final = work.seal(ws, form, "final", TOPIC, identity=keys[LEAD_UNIT], out_dir=out,
                          created=at("2019-09-12"))
    result = verify_package(final.path, trust=trust())
    assert result.ok and result.manifest.stage == "final"
    members = _members(final.path)
    assert json.loads(members["data.json"])["signoff"] == {"leader": "王五", "date": "2019-09-11"}
    texts = _texts(next(v for k, v in members.items() if k.endswith(".docx")))
    assert "经分管区领导审阅同意：王五  2019年9月11日" in texts
    assert len({plan.submission_id, interim.submission_id, final.submission_id}) == 3


def test_a_stage_is_sealed_only_by_its_unit_and_role(tmp_path, form, keys):
    with work.create(tmp_path / "ws", form, [TABLES], HELPER) as ws:
        _write_all(ws, form, "contribution", TOPIC, "配合材料")
        with pytest.raises(work.SealRefused, match="签名证书属于“区建设管理委”"):
            work.seal(ws, form, "contribution", TOPIC, identity=keys[LEAD_UNIT],
                      out_dir=tmp_path, created=at("2019-07-01"))
        with pytest.raises(InputError, match="不是牵头单位"):
            work.write(ws, form, "workplan", TOPIC, {"title": "越权"})
        with pytest.raises(InputError, match="只能附上"):
            work.attach(ws, form, "contribution", TOPIC, Path(__file__))


def test_cooperating_unit_sends_a_contribution_the_lead_imports(tmp_path, form, keys):
    out = tmp_path / "out"
    out.mkdir()
    with work.create(tmp_path / "helper", form, [TABLES], HELPER) as ws:
        _write_all(ws, form, "contribution", TOPIC, "智慧城管技术支撑材料")
        sent = work.seal(ws, form, "contribution", TOPIC, identity=keys[HELPER], out_dir=out,
                         created=at("2019-07-20"))
    with work.create(tmp_path / "lead", form, [TABLES], LEAD_UNIT) as ws:
        taken = import_contribution(ws, form, sent.path, trust=trust())
        assert (taken.unit, taken.number, taken.title) == (HELPER, TOPIC, "智慧城管技术支撑材料")
        with pytest.raises(InputError, match="已经导入过"):
            import_contribution(ws, form, sent.path, trust=trust())
        broken = tmp_path / "broken.zip"
        broken.write_bytes(damaged(sent.path.read_bytes()))
        with pytest.raises(InputError, match="未通过核验"):
            import_contribution(ws, form, broken, trust=trust())
        _write_all(ws, form, "workplan", TOPIC, "工作方案")
        own = work.seal(ws, form, "workplan", TOPIC, identity=keys[LEAD_UNIT], out_dir=out,
                        created=at("2019-05-20"))
        with pytest.raises(InputError, match="不是配合单位报送"):
            import_contribution(ws, form, own.path, trust=trust())
    with Workspace.open(tmp_path / "lead") as ws:
        shown = contributions(ws)
        assert [(c.unit, c.title, c.summary) for c in shown] == [
            (HELPER, "智慧城管技术支撑材料", "智慧城管技术支撑材料的摘要。")]
        assert (ws.path / "contributions" / f"{shown[0].sha256[:16]}.zip").read_bytes() == \
            sent.path.read_bytes()
        folder = unpack(ws, shown[0])  # the lead opens what it received
        assert sorted(f.name for f in folder.iterdir()) == sorted(
            Path(m).name for m in shown[0].members)
        kept = ws.path / "contributions" / f"{shown[0].sha256[:16]}.zip"
        kept.write_bytes(kept.read_bytes()[:-1] + b"!")  # changed on disk after the import
        with pytest.raises(InputError, match="导入后被改动过"):
            unpack(ws, shown[0])


def test_the_timeline_shows_late_items_against_a_date(tmp_path, form, keys):
    out = tmp_path / "out"
    out.mkdir()
    with work.create(tmp_path / "ws", form, [TABLES], LEAD_UNIT) as ws:
        _write_all(ws, form, "workplan", TOPIC, "工作方案")
        work.seal(ws, form, "workplan", TOPIC, identity=keys[LEAD_UNIT], out_dir=out,
                  created=at("2019-05-30"))
        _write_all(ws, form, "interim", TOPIC, "中期成果")
        work.seal(ws, form, "interim", TOPIC, identity=keys[LEAD_UNIT], out_dir=out,
                  created=at("2019-09-03"))  # due 31 August
        states = {(e.row.number, e.deliverable.id): e.state
                  for e in work.unit_timeline(ws, form, dt.date(2019, 9, 20))}
        assert states == {("2-8", "workplan"): DONE, ("2-8", "interim"): DONE_LATE,
                          ("2-8", "final"): LATE, ("2-7", "workplan"): LATE,
                          ("2-7", "interim"): LATE, ("2-7", "final"): LATE,
                          ("2-6", "contribution"): LATE, ("1", "framework"): UPCOMING}
        may = work.unit_timeline(ws, form, dt.date(2019, 5, 10))
        early = {e.deliverable.id: e.state for e in may if e.row.number == "2-7"}
        assert early == {"workplan": DUE, "interim": UPCOMING, "final": UPCOMING}

    # The commission: every unit the tables name, from the packages it received
    rows = read_subjects([TABLES], form)
    (out / "junk.zip").write_bytes(b"not a package")
    received = receive(sorted(out.glob("*.zip")), form, trust=trust())
    assert [r.ok for r in received if r.file == "junk.zip"] == [False]
    assert sum(r.ok for r in received) == 2
    entries = track(form, rows, received, dt.date(2019, 9, 20))
    by = {(e.unit, e.row.number, e.deliverable.id): e.state for e in entries}
    assert by[(LEAD_UNIT, "2-8", "workplan")] == DONE
    assert by[(LEAD_UNIT, "2-8", "interim")] == DONE_LATE
    assert by[("区统计局", "1-5", "final")] == LATE
    assert by[(HELPER, "2-8", "contribution")] == LATE  # named as cooperating, not sent
    assert (HELPER, "2-3", "contribution") not in by  # only as one of 区各相关部门
    # 17 topics' leads owe 3 documents each; 2-8 names seven cooperating units
    assert sum(e.deliverable.by == "lead" and e.row.table == "topics" for e in entries) == 17 * 3
    assert sum(e.row.number == "2-8" and e.deliverable.by == "support" for e in entries) == 7


def test_an_attached_pdf_travels_as_an_attachment(tmp_path, form, keys):
    pdf = tmp_path / "配合材料.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n")
    with work.create(tmp_path / "ws", form, [TABLES], HELPER) as ws:
        work.write(ws, form, "contribution", TOPIC, {"title": "材料", "authors": "甲",
                                                     "summary": "见附件。"})
        work.attach(ws, form, "contribution", TOPIC, pdf)
        sent = work.seal(ws, form, "contribution", TOPIC, identity=keys[HELPER],
                         out_dir=tmp_path, created=at("2019-07-01"))
    members = _members(sent.path)
    (name,) = [n for n in members if n.endswith(".pdf")]
    assert name.startswith("attachments/课题配合研究材料-") and members[name] == pdf.read_bytes()
    assert not [n for n in members if n.endswith(".docx")]
    assert json.loads(members["data.json"])["document"]["file"] == "配合材料.pdf"
    assert verify_package(sent.path, trust=trust()).ok


def test_every_department_and_street_owes_its_part_of_the_framework(tmp_path, form):
    """003: 全区各部门、各街道（镇）… 起草形成建议纳入本区《思路框架》的相关内容，于12月底前
    报送区发展改革委 — declared in the form, not in the division tables."""
    from desktop.commission.compilation import owed
    from desktop.core.compilation_work import roster_of

    rows = read_subjects([TABLES], form)
    roster = roster_of(form, rows)
    framework = {unit for unit, row, d in owed(form, rows) if d.id == "framework"}
    everyone = {u for u in roster.units if u != "区发展改革委"}
    assert framework == everyone and "彭浦镇" in framework and "静安寺街道" in framework
    with work.create(tmp_path / "street", form, [TABLES], "静安寺街道") as ws:
        assert ("framework", "1") in [(r.table, r.number) for r in ws.rows()]
        entries = work.unit_timeline(ws, form, dt.date(2020, 1, 5))
        assert ("framework", LATE) in [(e.deliverable.id, e.state) for e in entries]
