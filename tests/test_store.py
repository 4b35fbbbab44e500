"""The workspace on a real SQLite file: round trips, history, refusals, lock, damage."""

from __future__ import annotations

import getpass
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import WorkspaceError
from desktop.core.model import Row, RowNumber
from desktop.store import Change, Workspace
from desktop.store.lock import LOCK_NAME
from desktop.store.schema import MIGRATIONS
from desktop.store.sqlite_utils_lib import database
from desktop.store.workspace import DB_NAME

ROOT = Path(__file__).resolve().parents[1]

ROWS = (
    Row(
        "indicators",
        RowNumber("1"),
        "经济发展",
        "",
        {"name": "地区生产总值", "unit": "亿元"},
        ("区发改委", "区统计局"),
    ),
    Row(
        "indicators",
        RowNumber("1.1"),
        "经济发展",
        "",
        {"name": "其中：服务业"},
        ("区发改委",),
        parent=RowNumber("1"),
    ),
    Row("tasks", RowNumber("3"), "科技创新", "一、创新", {"content": "建设科创园区"}, ("区科委",)),
    Row("plans", RowNumber("17"), "", "", {"name": "科技创新专项规划"}, ("区科委",)),
)
META = {
    "district": "普陀区",
    "round": "2023中期",
    "form_id": "putuo-2023",
    "form_version": "1",
    "form_hash": "abc123",
    "sources": "附件2.xlsx",
}


def make(path: Path) -> Workspace:
    """A fresh workspace with the sample rows."""
    return Workspace.create(path, rows=ROWS, department="区科委", meta=META)


def child(code: str, *args: str, **kw: object) -> subprocess.Popen[str]:
    """A Python child process that can import desktop."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,  # type: ignore[call-overload]
    )


# --- create, open, close ------------------------------------------------------------------


def test_create_open_close_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "区科委-2023"
    with make(folder) as ws:
        assert ws.department == "区科委"
        assert ws.path == folder
    assert (folder / DB_NAME).is_file()
    with Workspace.open(folder) as ws:
        assert ws.rows() == ROWS
        assert ws.rows("indicators") == ROWS[:2]
        assert ws.rows("indicators")[1].parent == "1"
        assert ws.rows("indicators")[0].units == ("区发改委", "区统计局")
        assert ws.rows("nothing") == ()
        read = ws.rows()[0]  # read back without Row's own init: still the same frozen row
        assert repr(read) == repr(ROWS[0])
        with pytest.raises(FrozenInstanceError):
            read.group = "改"  # type: ignore[misc]
        with pytest.raises(TypeError):
            read.fields["name"] = "改"  # type: ignore[index]
        assert ws.department == "区科委"
        for key, value in META.items():
            assert ws.meta[key] == value
        assert ws.meta["department"] == "区科委"
        created = datetime.fromisoformat(ws.meta["created"])
        assert created.tzinfo is not None
    assert ws.closed


def test_connection_settings(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        pragma = {
            p: ws.db.execute(f"PRAGMA {p}").fetchone()[0]
            for p in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_create_refuses_a_folder_holding_a_workspace(tmp_path: Path) -> None:
    make(tmp_path / "ws").close()
    with pytest.raises(WorkspaceError, match="已经有一个工作区"):
        make(tmp_path / "ws")
    with Workspace.open(tmp_path / "ws") as ws:  # the existing one is untouched
        assert ws.rows() == ROWS


def test_create_into_an_existing_empty_folder(tmp_path: Path) -> None:
    make(tmp_path).close()
    assert (tmp_path / DB_NAME).is_file()


def test_create_refuses_duplicate_rows_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="不止一次"):
        Workspace.create(tmp_path / "ws", rows=ROWS + ROWS[:1], department="区科委", meta={})
    assert not (tmp_path / "ws").exists()


def test_open_refuses_missing_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="^找不到工作区"):
        Workspace.open(tmp_path / "nowhere")
    with pytest.raises(WorkspaceError, match="^找不到工作区.*workspace.sqlite"):
        Workspace.open(tmp_path)


def test_closed_workspace_refuses_use(tmp_path: Path) -> None:
    ws = make(tmp_path / "ws")
    ws.close()
    ws.close()  # twice is fine
    with pytest.raises(WorkspaceError, match="已经关闭"):
        ws.set_answer("tasks", "3", "progress", "x")


# --- answers and history ------------------------------------------------------------------


def test_answers_persist_across_reopen(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        assert ws.answer("tasks", "3", "progress") == ""
        assert ws.set_answer("tasks", "3", "progress", "已完成园区一期")
        assert ws.set_answer("reports", "17", "summary", "总体进展顺利")
        assert ws.set_answer("indicators", "1", "actual", "") is False
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.answer("tasks", "3", "progress") == "已完成园区一期"
        assert ws.answers() == {
            "tasks": {"3": {"progress": "已完成园区一期"}},
            "reports": {"17": {"summary": "总体进展顺利"}},
        }


def test_history_records_who_when_old_and_new(tmp_path: Path) -> None:
    before = datetime.now(UTC)
    with make(tmp_path / "ws") as ws:
        ws.set_answer("tasks", "3", "progress", "一", who="张三")
        ws.set_answer("tasks", "3", "progress", "二", who="李四")
        ws.set_answer("tasks", "3", "progress", "")
        ws.set_answer("indicators", "1", "actual", "5.2", who="张三")
        changes = ws.history()
        assert ws.history("tasks") == changes[:3]
        assert ws.history("tasks", "3") == changes[:3]
        assert ws.history("indicators", "1") == changes[3:]
        assert ws.answer("tasks", "3", "progress") == ""
        assert ws.answers() == {"indicators": {"1": {"actual": "5.2"}}}
    assert [(c.who, c.table, c.number, c.field, c.old, c.new) for c in changes] == [
        ("张三", "tasks", "3", "progress", None, "一"),
        ("李四", "tasks", "3", "progress", "一", "二"),
        (getpass.getuser(), "tasks", "3", "progress", "二", ""),
        ("张三", "indicators", "1", "actual", None, "5.2"),
    ]
    assert all(isinstance(c, Change) for c in changes)
    assert [c.id for c in changes] == sorted(c.id for c in changes)
    for c in changes:
        assert len(c.at) == len("2026-11-22T04:43:36.123456+00:00")
        at = datetime.fromisoformat(c.at)
        assert at.utcoffset() is not None and at.utcoffset().total_seconds() == 0
        assert before <= at <= datetime.now(UTC)
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.history() == changes


def test_unchanged_value_writes_no_history(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        assert ws.set_answer("tasks", "3", "progress", "") is False
        assert ws.set_answer("tasks", "3", "progress", "x") is True
        assert ws.set_answer("tasks", "3", "progress", "x") is False
        assert ws.set_answers([("tasks", "3", "progress", "x")] * 3) == 0
        assert len(ws.history()) == 1
        updated = ws.db.execute("SELECT updated_at FROM answers").fetchall()
        assert updated == [(ws.history()[0].at,)]


def test_set_answers_counts_changes_in_one_transaction(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        ws.set_answer("tasks", "3", "progress", "a")
        items = [
            ("tasks", "3", "progress", "a"),
            ("tasks", "3", "progress", "b"),
            ("indicators", "1.1", "actual", "7"),
            ("reports", "17", "summary", "ok"),
        ]
        assert ws.set_answers(items, who="批量") == 3
        assert [c.who for c in ws.history()] == [getpass.getuser()] + ["批量"] * 3
        assert len({c.at for c in ws.history()[1:]}) == 1


def test_unknown_row_is_refused_and_nothing_written(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        with pytest.raises(WorkspaceError, match="没有“主要任务”第 99 行"):
            ws.set_answer("tasks", "99", "progress", "x")
        with pytest.raises(WorkspaceError, match="专项规划"):
            ws.set_answer("reports", "3", "summary", "x")  # 3 is a task, not a plan
        with pytest.raises(WorkspaceError):
            ws.set_answer("plans", "1", "name", "x")
        good = ("tasks", "3", "progress", "x")
        with pytest.raises(WorkspaceError):
            ws.set_answers([good, ("nosuch", "1", "f", "x")])
        assert ws.answers() == {} and ws.history() == ()


def test_rows_are_read_only_in_sql(tmp_path: Path) -> None:
    make(tmp_path / "ws").close()
    conn = sqlite3.connect(tmp_path / "ws" / DB_NAME)
    try:
        for sql in (
            "UPDATE rows SET fields = '{}'",
            "DELETE FROM rows",
            "INSERT INTO rows (tbl, number, position) VALUES ('tasks', '9', 99)",
        ):
            with pytest.raises(sqlite3.DatabaseError, match="read-only"):
                conn.execute(sql)
            conn.rollback()
    finally:
        conn.close()
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.rows() == ROWS


CELLS = st.tuples(
    st.sampled_from([("tasks", "3"), ("indicators", "1"), ("reports", "17")]),
    st.sampled_from(["progress", "actual"]),
    st.sampled_from(["", "甲", "乙", "a\nb", "  "]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(CELLS, max_size=15))
def test_answers_and_history_follow_a_model(
    tmp_path_factory: pytest.TempPathFactory, edits: list
) -> None:
    model: dict[tuple[str, str, str], str] = {}
    changes = 0
    with make(tmp_path_factory.mktemp("ws") / "ws") as ws:
        for (table, number), field, value in edits:
            changed = ws.set_answer(table, number, field, value)
            assert changed == (model.get((table, number, field), "") != value)
            changes += changed
            model[(table, number, field)] = value
        assert len(ws.history()) == changes
        expected: dict = {}
        for (table, number, field), value in model.items():
            assert ws.answer(table, number, field) == value
            if value:
                expected.setdefault(table, {}).setdefault(number, {})[field] = value
        assert ws.answers() == expected


# --- migrations ----------------------------------------------------------------------------


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    make(tmp_path / "ws").close()

    def applied() -> list[tuple[str, str]]:
        with Workspace.open(tmp_path / "ws") as ws:
            return [(m.name, m.applied_at) for m in MIGRATIONS.applied(database(ws.db))]

    first = applied()
    assert [name for name, _ in first] == [
        "create_tables", "seal_rows", "create_acceptances", "create_exports", "create_notes",
        "create_earlier"]
    assert applied() == first
    assert applied() == first


# --- single instance -------------------------------------------------------------------------

HOLD = """
import sys, time
from pathlib import Path
from desktop.store import Workspace
ws = Workspace.open(Path(sys.argv[1]))
print("holding", flush=True)
time.sleep(60)
"""

TRY_OPEN = """
import sys
from pathlib import Path
from desktop.core.errors import WorkspaceError
from desktop.store import Workspace
try:
    Workspace.open(Path(sys.argv[1])).close()
    print("opened")
except WorkspaceError as e:
    print("refused:", e.message)
"""


def test_second_open_in_the_same_process_is_refused(tmp_path: Path) -> None:
    ws = make(tmp_path / "ws")
    with pytest.raises(WorkspaceError, match="^该工作区已在另一个窗口中打开"):
        Workspace.open(tmp_path / "ws")
    with pytest.raises(WorkspaceError, match="已经有一个工作区"):
        make(tmp_path / "ws")
    ws.set_answer("tasks", "3", "progress", "still works")
    ws.close()
    with Workspace.open(tmp_path / "ws") as again:
        assert again.answer("tasks", "3", "progress") == "still works"


def test_open_from_another_process_is_refused_while_held(tmp_path: Path) -> None:
    with make(tmp_path / "ws"):
        p = child(TRY_OPEN, str(tmp_path / "ws"))
        out, err = p.communicate(timeout=60)
        assert out.startswith("refused: 该工作区已在另一个窗口中打开"), err
        assert str(os.getpid()) not in out and "planeval" not in out  # no process ids
    p = child(TRY_OPEN, str(tmp_path / "ws"))
    out, err = p.communicate(timeout=60)
    assert out.strip() == "opened", err


def test_lock_held_by_another_process_is_freed_when_it_is_killed(tmp_path: Path) -> None:
    make(tmp_path / "ws").close()
    p = child(HOLD, str(tmp_path / "ws"))
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "holding"
        with pytest.raises(WorkspaceError, match="另一个窗口中打开") as refused:
            Workspace.open(tmp_path / "ws")
        assert str(p.pid) not in refused.value.message
    finally:
        p.kill()
        p.communicate(timeout=60)
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.rows() == ROWS
    assert (tmp_path / "ws" / LOCK_NAME).read_bytes() == b""


# --- damaged, foreign and read-only files ------------------------------------------------


def test_damaged_file_is_refused(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        ws.set_answers([("tasks", "3", f"f{i}", "内容" * 200) for i in range(50)])
    file = tmp_path / "ws" / DB_NAME
    data = bytearray(file.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[page : len(data) - page] = os.urandom(len(data) - 2 * page)
    file.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match="^工作区文件已损坏"):
        Workspace.open(tmp_path / "ws")
    # refusing released the lock: a repaired copy opens
    make(tmp_path / "fresh").close()
    shutil.copy(tmp_path / "fresh" / DB_NAME, file)
    Workspace.open(tmp_path / "ws").close()


@pytest.mark.parametrize(
    "content",
    [os.urandom(8192), "这不是数据库".encode() * 100, b"", b"PK\x03\x04" + bytes(500)],
    ids=["garbage", "text", "empty", "zip"],
)
def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path, content: bytes) -> None:
    (tmp_path / DB_NAME).write_bytes(content)
    with pytest.raises(WorkspaceError, match="不是 planeval 工作区文件"):
        Workspace.open(tmp_path)
    assert (tmp_path / DB_NAME).read_bytes() == content  # left as it was


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceError, match="不是 planeval 工作区文件"):
        Workspace.open(tmp_path)


def test_read_only_folder_is_refused_clearly(tmp_path: Path) -> None:
    make(tmp_path / "ws").close()
    folder = tmp_path / "ws"
    os.chmod(folder / DB_NAME, 0o444)
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):
            out = _open_as_unprivileged_user(folder)  # root ignores the mode bits
        else:
            out = _run_python(TRY_OPEN, folder)
    finally:
        os.chmod(folder, 0o755)
        os.chmod(folder / DB_NAME, 0o644)
    assert out.startswith("refused: 无法写入工作区"), out
    assert "只读" in out


def _open_as_unprivileged_user(folder: Path) -> str:
    """Run TRY_OPEN as `nobody` on a copy of the folder that nobody may traverse to."""
    try:
        import pwd

        pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        pytest.skip("running as root and there is no unprivileged user to test with")
    base = Path(tempfile.mkdtemp(prefix="planeval-ro-"))
    try:
        base.chmod(0o755)
        copy = base / "ws"
        shutil.copytree(folder, copy)
        copy.chmod(0o555)
        (copy / DB_NAME).chmod(0o444)
        # The interpreter may live where nobody cannot reach (/root/.pyenv), so the child
        # starts as root, imports everything, then drops to nobody before opening.
        drop = (
            "import os, pwd; u = pwd.getpwnam('nobody'); os.setgid(u.pw_gid); os.setuid(u.pw_uid)"
        )
        code = TRY_OPEN.replace("try:", drop + "\ntry:", 1)
        return _run_python(code, copy)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _run_python(code: str, folder: Path) -> str:
    """What a child interpreter prints running `code` with the folder as its argument."""
    return subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout


# --- write failures leave the workspace intact ----------------------------------------------


def test_disk_full_at_write_time_is_reported_and_rolled_back(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        ws.set_answer("tasks", "3", "progress", "保存过的内容")
        # SQLite reports SQLITE_FULL exactly as for a full disk once the file may not grow.
        pages = ws.db.execute("PRAGMA page_count").fetchone()[0]
        ws.db.execute(f"PRAGMA max_page_count = {pages}")
        big = [("tasks", "3", f"f{i}", "长" * 5000) for i in range(40)]
        with pytest.raises(WorkspaceError, match="^磁盘已满.*刚才的修改没有保存"):
            ws.set_answers(big)
        with pytest.raises(WorkspaceError, match="^磁盘已满"):
            ws.set_answer("indicators", "1", "long", "长" * 50000)
        assert len(ws.history()) == 1
        ws.db.execute("PRAGMA max_page_count = 1073741823")
        assert ws.set_answer("tasks", "3", "progress", "空间腾出来以后")
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert ws.answers() == {"tasks": {"3": {"progress": "空间腾出来以后"}}}
        assert [c.new for c in ws.history()] == ["保存过的内容", "空间腾出来以后"]


def test_read_only_at_write_time_is_reported_and_rolled_back(tmp_path: Path) -> None:
    with make(tmp_path / "ws") as ws:
        ws.set_answer("tasks", "3", "progress", "a")
        ws.db.execute("PRAGMA query_only = ON")  # writes now fail as on a read-only medium
        with pytest.raises(WorkspaceError, match="^无法写入工作区.*刚才的修改没有保存"):
            ws.set_answers([("tasks", "3", "progress", "b"), ("indicators", "1", "x", "c")])
        ws.db.execute("PRAGMA query_only = OFF")
        assert ws.answers() == {"tasks": {"3": {"progress": "a"}}}
        assert len(ws.history()) == 1


def test_accepted_warnings_are_kept_with_their_reason_and_history(tmp_path):
    from desktop.store.workspace import ACCEPTANCES

    key = "conclusion-mismatch:indicators:3:conclusion"
    with Workspace.create(tmp_path / "ws", rows=[Row("indicators", "3")], department="区发改委",
                          meta={}) as ws:
        assert ws.accept(key, "  下半年重大项目集中开工 ", who="张三")
        assert not ws.accept(key, "下半年重大项目集中开工")
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.acceptances() == {key: "下半年重大项目集中开工"}
        assert ws.accept(key, "")
        assert ws.acceptances() == {}
        changes = ws.history(ACCEPTANCES)
        assert [(c.who, c.old, c.new) for c in changes] == [
            ("张三", None, "下半年重大项目集中开工"),
            (changes[1].who, "下半年重大项目集中开工", ""),
        ]


def test_meta_changes_and_exports_are_logged(tmp_path):
    with Workspace.create(tmp_path / "ws", rows=[Row("tasks", "1")], department="区科委",
                          meta={}) as ws:
        assert ws.set_meta("signoff_leader", "王某某", who="李四")
        assert not ws.set_meta("signoff_leader", "王某某")
        ws.log_export({"stage": "draft", "file_name": "a.zip", "sha256": "ab" * 32,
                       "submission_id": "u-1"})
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.meta["signoff_leader"] == "王某某"
        change = ws.history("meta")[0]
        assert (change.who, change.number, change.old, change.new) == (
            "李四", "signoff_leader", None, "王某某")
        (log,) = ws.exports()
        assert (log["stage"], log["file_name"], log["submission_id"]) == ("draft", "a.zip", "u-1")
        assert log["at"] and log["who"]
