"""The commission's window over a real round (issue 7): dashboard, intake, review, shared
rows and roster, driven with pytest-qt; screenshots at 1366x768 in tests/artifacts/commission.

The round is made as tests/test_commission_round.py makes it, through the CLI: the demo
division tables, the commission's keys, certificates and assignment packages for four
units, their workspaces filled and their drafts exported (区卫生健康委 answering the task
it shares with 区民政局 differently).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

import tests.test_commission_round as rt
from desktop.commission.dashboard import dashboard
from desktop.commission.intake import intake, package_files
from desktop.commission.round import round_form
from desktop.commission.shared import package_data
from desktop.department.operations import open_workspace
from desktop.department.sample import sample_answers
from desktop.paths import demo_dir
from desktop.store.commission import CommissionWorkspace
from desktop.store.lock import WorkspaceBusy
from desktop.ui.commission.dashboard_page import LATE, SHA_ROLE
from desktop.ui.commission.dialogs import CommissionDialogs
from desktop.ui.commission.window import CommissionWindow

UNITS = ["区民政局", "区卫生健康委", "区科委", "长寿路街道"]
AT = dt.datetime(2023, 5, 20, 10, 0, tzinfo=rt.TZ)  # after the draft's deadline


TWEAKS = {"区卫生健康委": {"tasks": {"88": {"conclusion": "C"}}},
          "区科委": {"indicators": {"6": {"mid_value": ""},  # an error left open
                                  "4.1": {"conclusion": "D", "reason": "外部环境变化"}}}}
ACCEPTED = {"conclusion-mismatch:indicators:4.1:conclusion": "已与统计局核对，年底集中认定"}


def fill(ws_path: Path, tweak: dict[str, Any], accepted: dict[str, str]) -> None:
    """The sample answers with some changed and warnings accepted, through `planeval fill`."""
    ws, form = open_workspace(ws_path)
    with ws:
        data = sample_answers(ws.rows(), form)
        for table, rows in tweak.items():
            for number, values in rows.items():
                data[table][number].update(values)
        data["department"] = ws.department
    data["accepted"] = accepted
    path = ws_path.parent / f"{ws_path.name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rt.ok("fill", ws_path, path)


@dataclass
class Built:
    root: Path
    blank: Path  # the round before any intake
    cws: Path  # the round with every draft taken in
    drafts: Path
    tampered: Path
    workspaces: dict[str, Path] = field(default_factory=dict)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("commission-ui")
    r = rt.Round(root, root / "blank")
    pw = root / "pass.txt"
    pw.write_text(rt.PASS, encoding="utf-8")
    rt.ok("commission", "round", "create", r.cws, "--assignment", demo_dir(), "--form",
          rt.FORM)
    rt.ok("commission", "keys", "create", r.cws, "--passphrase-file", pw)
    book = Workbook()
    book.active.append(["单位名称", "联系人", "联系电话", "电子邮箱"])
    for i, unit in enumerate(UNITS + ["区发改委", "区财政局", "曹杨新村街道"]):
        book.active.append([unit, f"联络员{i}", f"021-5256{i:04d}", f"u{i}@example.gov.cn"])
    book.save(root / "通讯录.xlsx")
    rt.ok("commission", "roster", r.cws, "--import", root / "通讯录.xlsx")
    rt.ok("commission", "certs", "issue", r.cws, "--out", root / "certs", "--unit", *UNITS,
          "--passphrase-file", pw)
    for unit in UNITS:
        r.certs[unit] = (root / "certs" / f"{unit}.p12",
                         rt.sheet_passphrase(root / "certs" / f"{unit}-证书领取单.docx"))
    rt.ok("commission", "issue", r.cws, "--out", root / "assignments", "--unit", *UNITS,
          "--passphrase-file", pw)
    drafts = root / "drafts"
    b = Built(root, r.cws, root / "cws", drafts, root / "tampered.zip")
    for unit in UNITS:
        (package,) = (root / "assignments").glob(f"*-{unit}-*.zip")
        ws = root / f"ws-{unit}"
        rt.ok("init", ws, "--package", package)
        fill(ws, TWEAKS.get(unit, {}), ACCEPTED if unit == "区科委" else {})
        made = rt.export(r, unit, ws, "draft", root / "out" / unit)
        drafts.mkdir(exist_ok=True)
        shutil.copy(made, drafts / made.name)
        b.workspaces[unit] = ws
    b.tampered.write_bytes(rt._tamper(next(drafts.glob("*.zip")).read_bytes()))
    shutil.copytree(b.blank, b.cws)
    with CommissionWorkspace.open(b.cws) as cws:
        outcomes = intake(cws, package_files([drafts]))
    assert {o.status for o in outcomes} == {"received"}
    return b


@dataclass
class Answers:
    """Stand-ins for the modal questions: each call takes the next answer."""

    passphrases: list[str | None] = field(default_factory=list)
    comments: list[str | None] = field(default_factory=list)
    folder: str | None = None
    xlsx: str | None = None
    errors: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)

    def dialogs(self) -> CommissionDialogs:
        def ask(name: str) -> Any:
            def answer(_parent: Any, prompt: str, error: str) -> str | None:
                self.prompts.append(f"{prompt}|{error}")
                queue = getattr(self, name)
                return queue.pop(0) if queue else None
            return answer

        return CommissionDialogs(
            pick_packages=lambda *_: [], pick_folder=lambda *_: self.folder,
            pick_xlsx=lambda *_: self.xlsx, ask_passphrase=ask("passphrases"),
            ask_comment=ask("comments"),
            tell_written=lambda _p, text, _f: bool(self.told.append(text)),
            show_error=lambda _p, message: self.errors.append(message),
            open_file=lambda _p: None)


def open_window(qtbot: Any, path: Path, answers: Answers) -> CommissionWindow:
    cws = CommissionWorkspace.open(path)
    window = CommissionWindow(cws, round_form(cws), dialogs=answers.dialogs(), clock=lambda: AT)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.fixture
def answers() -> Answers:
    return Answers()


@pytest.fixture
def window(qtbot: Any, built: Built, answers: Answers) -> Any:
    w = open_window(qtbot, built.cws, answers)
    yield w
    w.shutdown()


@pytest.fixture(scope="module")
def shots(artifacts: Path) -> Path:
    folder = artifacts / "commission"
    folder.mkdir(exist_ok=True)
    return folder


def shown(page: Any) -> list[list[str]]:
    """The dashboard as displayed (after filter and sort)."""
    p = page.proxy
    return [[p.index(r, c).data() or "" for c in range(p.columnCount())]
            for r in range(p.rowCount())]


def test_dashboard_shows_the_cores_figures_filters_and_sorts(window: CommissionWindow,
                                                             built: Built, shots: Path,
                                                             answers: Answers) -> None:
    page = window.dashboard
    core = dashboard(window.cws, at=AT)
    rows = {r[0]: r for r in shown(page)}
    assert len(rows) == len(core) == 49
    for line in core:
        draft = line.cells["draft"]
        assert rows[line.unit][2] == draft.title  # 状态
        if draft.sha256:
            assert rows[line.unit][4:7] == [str(draft.errors), str(draft.warnings),
                                            str(draft.accepted)]
            assert rows[line.unit][3]  # time of the last package
    assert rows["区科委"][2] == "已接收（逾期）"  # taken in today, after the 2023 deadline
    assert rows["区发改委"][2] == "未收到（逾期）"
    assert rows["区科委"][7] == "未收到"  # 定稿 is not due yet
    assert "初稿（截止 2023-05-15）：已收到 4/49" in page.summary.text()
    window.grab().save(str(shots / "dashboard.png"))

    page.search.setText("区科")
    assert [r[0] for r in shown(page)] == ["区科委"]
    page.search.setText("联络员2")  # by contact
    assert [r[0] for r in shown(page)] == ["区科委"]
    page.search.clear()
    page.state.setCurrentIndex(page.state.findData("received"))
    assert sorted(r[0] for r in shown(page)) == sorted(UNITS)
    page.state.setCurrentIndex(page.state.findData("missing"))
    assert len(shown(page)) == 49  # every unit misses 定稿
    page.state.setCurrentIndex(page.state.findData(LATE))
    assert len(shown(page)) == 49
    page.state.setCurrentIndex(0)
    page.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # 初稿 errors, most first
    errors = [int(r[4]) for r in shown(page) if r[4]]
    assert errors == sorted(errors, reverse=True) and len(errors) == 4
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    units = [r[0] for r in shown(page)]
    assert units == sorted(units)

    answers.folder = str(built.root / "reminders")
    Path(answers.folder).mkdir(exist_ok=True)
    page.remind_button.click()
    emls = sorted(p.name for p in Path(answers.folder).glob("*.eml"))
    assert len(emls) == 45 and "催报-区发改委-初稿.eml" in emls
    assert "催报-区科委-初稿.eml" not in emls
    page.export_button.click()
    (xlsx,) = Path(answers.folder).glob("报送看板-*.xlsx")
    sheet = load_workbook(xlsx).active
    got = {r[0]: r[3] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert got["区科委"] == "已接收（逾期）"


def test_intake_runs_on_a_worker_with_progress_and_cancel(qtbot: Any, built: Built,
                                                          tmp_path: Path, answers: Answers,
                                                          shots: Path) -> None:
    fresh = tmp_path / "cws"
    shutil.copytree(built.blank, fresh)
    incoming = tmp_path / "incoming"
    shutil.copytree(built.drafts, incoming)
    shutil.copy(built.tampered, incoming / "zz-被改动过.zip")
    window = open_window(qtbot, fresh, answers)
    page = window.intake
    seen: list[int] = []
    page.progress.valueChanged.connect(seen.append)
    page.take_in([incoming])
    page.cancel_button.click()  # before the first package is done: stops after it
    qtbot.waitUntil(lambda: page.worker is None, timeout=60_000)
    assert page.outcomes()[0][:2] == ("zz-被改动过.zip", "不予受理")  # first by name
    assert page.outcomes()[0][2]  # with its reason
    assert len(page.outcomes()) == 1
    assert "已取消，尚有 4 个未接收" in page.status.text()
    assert len(window.cws.query("SELECT sha256 FROM packages")) == 1

    with qtbot.waitSignal(page.taken_in, timeout=60_000):
        page.take_in([incoming])
    assert len(page.outcomes()) == 6  # the cancelled intake's result stays listed
    got = {name: (title, reason) for name, title, reason in page.outcomes()[1:]}
    assert len(got) == 5 and page.progress.value() == 5 and 5 in seen
    assert got["zz-被改动过.zip"][0] == "重复报送"  # the rejected file is known
    assert sorted(t for t, _ in got.values()) == ["已接收"] * 4 + ["重复报送"]
    line = next(r for r in shown(window.dashboard) if r[0] == "区科委")
    assert line[2] == "已接收（逾期）"  # the dashboard followed
    window.tabs.setCurrentWidget(page)
    window.grab().save(str(shots / "intake.png"))
    page.results.doubleClicked.emit(page.model.index(2, 0))  # a received one: review it
    assert window.tabs.currentWidget() is window.review and window.review.sha
    window.tabs.setCurrentWidget(page)

    dropped = QMimeData()
    dropped.setUrls([QUrl.fromLocalFile(str(incoming / "zz-被改动过.zip"))])
    drop = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, dropped,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(page.taken_in, timeout=60_000):
        window.dropEvent(drop)
    assert page.outcomes()[-1][1] == "重复报送"
    page.take_in([incoming])
    window.close()  # while an intake runs: it stops after the package in hand
    assert page.worker is None
    qtbot.wait(50)  # nothing queued from the worker touches the closed round
    with CommissionWorkspace.open(fresh) as cws:  # the lock was released
        assert len(cws.query("SELECT sha256 FROM packages")) == 5


def test_intake_that_breaks_off_says_so(qtbot: Any, built: Built, tmp_path: Path,
                                       answers: Answers) -> None:
    """A failure storing a package (here: the blobs folder replaced by a file) is told in
    Chinese; nothing is half-taken-in and the window goes on."""
    fresh = tmp_path / "cws"
    shutil.copytree(built.blank, fresh)
    shutil.move(fresh / "blobs", tmp_path / "blobs-aside")
    (fresh / "blobs").write_text("not a folder", encoding="utf-8")
    window = open_window(qtbot, fresh, answers)
    page = window.intake
    with qtbot.waitSignal(page.taken_in, timeout=60_000):
        page.take_in([built.drafts])
    assert answers.errors and "工作区" in answers.errors[0]
    assert "接收中断，尚有 4 个未接收" in page.status.text()
    assert window.cws.query("SELECT sha256 FROM packages") == []
    window.shutdown()


def test_watched_folder_takes_new_packages(qtbot: Any, built: Built, tmp_path: Path,
                                           answers: Answers) -> None:
    fresh = tmp_path / "cws"
    shutil.copytree(built.blank, fresh)
    watched = tmp_path / "inbox"
    watched.mkdir()
    window = open_window(qtbot, fresh, answers)
    page = window.intake
    answers.folder = str(watched)
    page.watch_button.click()
    assert "正在监视" in page.watch_label.text()
    first = next(built.drafts.glob("*.zip"))
    shutil.copy(first, watched / first.name)
    page.poll()  # first look: size noted
    assert page.outcomes() == []
    with qtbot.waitSignal(page.taken_in, timeout=60_000):
        page.poll()  # size held: taken in
    assert [t for _, t, _ in page.outcomes()] == ["已接收"]
    window.shutdown()
    with CommissionWorkspace.open(fresh) as cws:
        assert cws.meta["watch_folder"] == str(watched)  # watched again next time


def test_review_shows_answers_and_findings_comment_and_return(
        qtbot: Any, built: Built, answers: Answers, shots: Path, tmp_path: Path) -> None:
    shutil.copytree(built.cws, tmp_path / "cws")
    window = open_window(qtbot, tmp_path / "cws", answers)
    page = window.dashboard
    col = 2  # 初稿 状态
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.index(r, 0).data() == "区科委")
    index = page.proxy.index(row, col)
    sha = index.data(SHA_ROLE)
    page.view.doubleClicked.emit(index)
    review = window.review
    assert window.tabs.currentWidget() is review and review.sha == sha
    data = package_data(window.cws, sha)
    model = review.models["indicators"]
    mid = next(i for i, c in enumerate(model.columns) if c.id == "mid_value")
    for r, row_ in enumerate(model.rows):
        sent = data["indicators"].get(str(row_.number), {})
        assert model.index(r, mid).data() == sent.get("mid_value", "")
    assert review.findings.rowCount() == len(data["findings"]) > 0
    listed = {r[2]: r[3] for r in review.findings.texts()}
    assert {f["message"] for f in data["findings"]} == set(listed)
    assert "已与统计局核对，年底集中认定" in listed.values()  # the accepted warning's reason
    assert any("中期完成数" in m for m in listed)  # the open error
    plan = next(iter(review.reports))
    part = next(iter(review.reports[plan].texts))
    assert review.reports[plan].texts[part].text() == data["reports"][plan][part].strip()

    # a comment on a cell (the selected one) and on a report section
    r3 = next(i for i, r in enumerate(model.rows) if str(r.number) == "6")
    view = review.views["indicators"]
    review.tabs.setCurrentWidget(view)
    view.setCurrentIndex(model.index(r3, mid))
    answers.comments = ["请补充中期值的数据来源"]
    review.comment_button.click()
    answers.comments = ["第一部分过于简略"]
    review.reports[plan].findChild(type(review.accept_button), f"comment_{part}").click()
    assert review.comments.rowCount() == 2
    answers.comments = ["", "请统一计量单位"]  # an empty one is refused, then asked again
    review.comment("indicators", "4.1", "")  # a row, as the context menu does
    assert "意见内容不能为空" in answers.prompts[-1]
    answers.comments = ["整体较好"]
    review.package_comment.click()
    assert [r[0] for r in review.comments.texts()][2:] == ["指标 4.1", "整个材料包"]
    assert model.index(r3, mid).data(Qt.ItemDataRole.BackgroundRole) is not None
    view.clearSelection()
    window.grab().save(str(shots / "review.png"))
    review.tabs.setCurrentWidget(review.reports[plan])
    window.grab().save(str(shots / "review_report.png"))

    answers.passphrases = ["wrong-passphrase", rt.PASS]
    review.return_button.click()
    assert "口令" in answers.prompts[-1].split("|")[1]  # the wrong one was said so
    assert answers.told and "退回意见" in answers.told[-1]
    (note,) = (tmp_path / "cws" / "发出的回执和退回意见").glob("退回意见-*.zip")
    assert str(note) in answers.told[-1]
    assert next(r for r in shown(page) if r[0] == "区科委")[2] == "已退回（逾期）"

    from desktop.department.notes import comments, import_note
    from desktop.department.operations import validate_workspace

    window.shutdown()
    shutil.copytree(built.workspaces["区科委"], tmp_path / "ws")
    ws, form = open_workspace(tmp_path / "ws")
    with ws:
        import_note(ws, note)
        got = {(c.table, c.number, c.field, c.text) for c in comments(ws)}
        problems = [f for f in validate_workspace(ws, form) if f.rule == "commission-comment"]
    assert len(problems) == 4  # open in the clerk's problems panel until answered
    assert got == {("indicators", "6", "mid_value", "请补充中期值的数据来源"),
                   ("indicators", "4.1", "", "请统一计量单位"), ("", "", "", "整体较好"),
                   ("reports", plan, part, "第一部分过于简略")}


def test_review_shows_changes_since_the_returned_package(qtbot: Any, built: Built,
                                                         tmp_path: Path, answers: Answers,
                                                         shots: Path) -> None:
    """After a return, the resubmitted package's view lists what changed."""
    from desktop.commission.review import add_comment, decide

    fresh = tmp_path / "cws"
    shutil.copytree(built.cws, fresh)
    unit = "区民政局"
    with CommissionWorkspace.open(fresh) as cws:
        old = next(p["sha256"] for p in cws.query("SELECT sha256, unit FROM packages")
                   if p["unit"] == unit)
        cid = add_comment(cws, old, "请核实", table="tasks", number="88", field="conclusion")
        decide(cws, old, "return", rt.PASS, tmp_path, now=dt.datetime.now(rt.TZ))
    ws = tmp_path / "ws"
    shutil.copytree(built.workspaces[unit], ws)
    (note,) = tmp_path.glob("退回意见-*.zip")
    rt.ok("receipt", ws, note)
    rt.ok("comments", ws, "--answer", cid, "已改为 D，原因见推进情况")
    rt.fill_sample(ws, {"tasks": {"88": {"conclusion": "D"}}})
    r = rt.Round(tmp_path, fresh, certs={unit: rt_cert(built, unit)})
    again = rt.export(r, unit, ws, "draft", tmp_path / "again")
    with CommissionWorkspace.open(fresh) as cws:
        (outcome,) = intake(cws, [again])
    window = open_window(qtbot, fresh, answers)
    window.open_package(outcome.sha256)
    tabs = window.review.tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert any(t.startswith("与退回版本相比的修改") for t in titles)
    answered = next(tabs.widget(i) for i in range(tabs.count())
                    if tabs.tabText(i).startswith("对退回意见的答复"))
    assert answered.texts() == [["任务 88 · 评估结论", "请核实", "已改为 D，原因见推进情况"]]
    changes = tabs.widget(tabs.count() - 1)
    tabs.setCurrentWidget(changes)
    window.grab().save(str(shots / "review_changes.png"))
    answers.passphrases = [rt.PASS]
    window.review.accept_button.click()
    (receipt,) = (fresh / "发出的回执和退回意见").glob("回执-*.zip")
    assert str(receipt) in answers.told[-1]
    assert next(r for r in shown(window.dashboard) if r[0] == unit)[2] == "已确认（逾期）"
    rows = changes.texts()
    (changed,) = [r for r in rows if r[0] == "任务 88"]
    assert changed[3] == "D" and changed[2] not in ("", "D")
    assert len(rows) == 1  # nothing else was touched
    window.shutdown()


def rt_cert(built: Built, unit: str) -> tuple[Path, str]:
    certs = built.root / "certs"
    return certs / f"{unit}.p12", rt.sheet_passphrase(certs / f"{unit}-证书领取单.docx")


def test_shared_rows_highlight_a_conflict(window: CommissionWindow, shots: Path) -> None:
    page = window.shared
    window.tabs.setCurrentWidget(page)
    page.select("tasks", "88")
    assert page.current() is not None and page.current().number == "88"  # type: ignore[union-attr]
    cells = page.conflict_cells()
    units = {u for u, _ in cells}
    assert units == {"区卫生健康委", "区民政局"} and len({f for _, f in cells}) == 1
    page.only.setChecked(True)
    listed = [page.proxy.index(r, 1).data() for r in range(page.proxy.rowCount())]
    assert "88" in listed and "18" not in listed
    page.select("tasks", "88")
    window.grab().save(str(shots / "shared_rows.png"))
    page.only.setChecked(False)
    page.select("tasks", "18")
    assert page.conflict_cells() == []


def test_roster_edits_persist(qtbot: Any, built: Built, tmp_path: Path, answers: Answers,
                              shots: Path) -> None:
    fresh = tmp_path / "cws"
    shutil.copytree(built.blank, fresh)
    window = open_window(qtbot, fresh, answers)
    page = window.roster
    window.tabs.setCurrentWidget(page)
    model = page.model
    row = next(i for i, u in enumerate(model.units) if u["name"] == "区科委")
    assert model.setData(model.index(row, 1), "王五")
    assert model.setData(model.index(row, 3), "kw@example.gov.cn")
    book = Workbook()
    book.active.append(["单位名称", "联系人", "联系电话", "电子邮箱"])
    book.active.append(["区府办", "赵六", "021-1234", "zf@example.gov.cn"])
    book.active.append(["区不存在局", "某某", "", ""])
    book.save(tmp_path / "通讯录.xlsx")
    answers.xlsx = str(tmp_path / "通讯录.xlsx")
    page.import_button.click()
    assert "区不存在局" in page.status.text() and "更新 1 个单位" in page.status.text()
    assert "其中 41 个尚无邮箱" in page.status.text()  # 7 from the fixture, 区政府办 here
    qtbot.wait(50)  # the longer status text is laid out on the next turn of the loop
    window.grab().save(str(shots / "roster.png"))
    window.shutdown()
    with CommissionWorkspace.open(fresh) as cws:
        units = {u["name"]: u for u in cws.units()}
    assert (units["区科委"]["contact"], units["区科委"]["email"]) == ("王五",
                                                                    "kw@example.gov.cn")
    assert units["区政府办"]["contact"] == "赵六"


def test_opening_a_commission_folder(qtbot: Any, built: Built, tmp_path: Path) -> None:
    from desktop.ui.app import is_commission
    from desktop.ui.commission import open_commission_window

    assert is_commission(built.blank) and not is_commission(built.workspaces["区科委"])
    window = open_commission_window(built.blank)
    qtbot.addWidget(window)
    assert window.tabs.count() == 7
    assert window.review.info.text() == "尚未收到任何材料包。"
    assert not window.review.accept_button.isEnabled()
    assert window.windowTitle().startswith("planeval — 普陀区发展和改革委员会")
    window.close()
    CommissionWorkspace.open(built.blank).close()  # the lock was released


def test_worker_connection_is_its_own(built: Built, tmp_path: Path) -> None:
    """on_this_thread gives another thread a usable connection and keeps the lock."""
    import threading

    fresh = tmp_path / "cws"
    shutil.copytree(built.cws, fresh)
    with CommissionWorkspace.open(fresh) as cws:
        seen: list[int] = []

        def work() -> None:
            with cws.on_this_thread() as mine:
                seen.append(len(mine.units()))

        t = threading.Thread(target=work)
        t.start()
        t.join()
        assert seen == [49] and len(cws.units()) == 49  # both connections work
        with pytest.raises(WorkspaceBusy):
            CommissionWorkspace.open(fresh)  # still locked
