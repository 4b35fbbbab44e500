"""kill -9 mid-stream: every acknowledged edit survives, with its history, in an intact file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.model import Row, RowNumber
from desktop.store import Workspace

ROOT = Path(__file__).resolve().parents[1]
ROW_COUNT = 100

pytestmark = pytest.mark.slow

# One edit per call, each to a new cell, acknowledged only after set_answer returned.
SINGLE = """
import sys
from pathlib import Path
from desktop.store import Workspace
ws = Workspace.open(Path(sys.argv[1]))
rows = int(sys.argv[2])
for i in range(100_000):
    ws.set_answer("tasks", str(i % rows), f"f{i // rows}", f"值 {i}", who="crash")
    print(f"ack {i}", flush=True)
"""

# Batches of 25 edits through set_answers; a batch must land whole or not at all.
BATCHED = """
import sys
from pathlib import Path
from desktop.store import Workspace
ws = Workspace.open(Path(sys.argv[1]))
rows = int(sys.argv[2])
for b in range(100_000):
    span = range(b * 25, b * 25 + 25)
    items = [("tasks", str(i % rows), f"f{i // rows}", f"值 {i}") for i in span]
    ws.set_answers(items, who="crash")
    print(f"ack {b}", flush=True)
"""


def make(path: Path) -> None:
    """A closed workspace with ROW_COUNT task rows."""
    rows = [
        Row("tasks", RowNumber(str(n)), fields={"content": f"任务{n}"}) for n in range(ROW_COUNT)
    ]
    Workspace.create(path, rows=rows, department="区科委", meta={}).close()


def run_and_kill(folder: Path, code: str, kill_after: int) -> list[int]:
    """Start the writer, SIGKILL it once kill_after acks arrived; return every ack it printed."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.Popen(
        [sys.executable, "-c", code, str(folder), str(ROW_COUNT)],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert p.stdout is not None
    acks: list[int] = []
    try:
        for line in p.stdout:
            acks.append(int(line.split()[1]))
            if len(acks) >= kill_after:
                os.kill(p.pid, signal.SIGKILL)  # the child is still writing
                break
    finally:
        p.kill()
        # Read the rest through the same file object: communicate() reads the raw pipe and
        # would skip the lines the iterator above had already buffered.
        rest, err = p.stdout.read(), p.stderr.read() if p.stderr else ""
        p.wait(60)
    acks.extend(int(line.split()[1]) for line in rest.splitlines() if line.startswith("ack"))
    assert p.returncode == -signal.SIGKILL, err
    assert len(acks) >= kill_after, err
    return acks


def check_intact(ws: Workspace) -> None:
    """The file passes integrity_check and every answer is the last history entry's value."""
    assert ws.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    last: dict[tuple[str, str, str], str | None] = {}
    for c in ws.history():
        last[(c.table, c.number, c.field)] = c.new
    stored = {
        (t, n, f): v
        for t, by_n in ws.answers().items()
        for n, fs in by_n.items()
        for f, v in fs.items()
    }
    assert stored == last


def edit(i: int) -> tuple[str, str, str]:
    """The cell and value of edit i."""
    return str(i % ROW_COUNT), f"f{i // ROW_COUNT}", f"值 {i}"


@pytest.mark.parametrize("kill_after", [1, 57, 200, 431])
def test_acknowledged_edits_survive_kill_9(tmp_path: Path, kill_after: int) -> None:
    folder = tmp_path / "ws"
    make(folder)
    acks = run_and_kill(folder, SINGLE, kill_after)
    assert acks == list(range(len(acks)))
    with Workspace.open(folder) as ws:  # the lock died with its holder
        check_intact(ws)
        history = {(c.number, c.field): c for c in ws.history()}
        for i in acks:
            number, field, value = edit(i)
            assert ws.answer("tasks", number, field) == value
            change = history[(number, field)]
            assert (change.who, change.old, change.new) == ("crash", None, value)
        # at most the one edit in flight when the kill landed got in unacknowledged
        assert len(ws.history()) in (len(acks), len(acks) + 1)


@pytest.mark.parametrize("kill_after", [3, 40])
def test_a_batch_lands_whole_or_not_at_all(tmp_path: Path, kill_after: int) -> None:
    folder = tmp_path / "ws"
    make(folder)
    acks = run_and_kill(folder, BATCHED, kill_after)
    with Workspace.open(folder) as ws:
        check_intact(ws)
        count = len(ws.history())
        assert count % 25 == 0
        assert count // 25 in (len(acks), len(acks) + 1)
        for i in range(count):
            number, field, value = edit(i)
            assert ws.answer("tasks", number, field) == value


def test_repeated_crashes_accumulate_without_loss(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    make(folder)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # each round continues where the last ended, overwriting cells two rounds of rows back
    code = SINGLE.replace("range(100_000)", "range(int(sys.argv[3]), 100_000)")
    code = code.replace('f"f{i // rows}"', 'f"f{i // rows % 2}"')
    start = 0
    for kill_after in (150, 120, 60):
        p = subprocess.Popen(
            [sys.executable, "-c", code, str(folder), str(ROW_COUNT), str(start)],
            cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert p.stdout is not None
        seen = 0
        for _line in p.stdout:
            seen += 1
            if seen >= kill_after:
                os.kill(p.pid, signal.SIGKILL)
                break
        p.communicate(timeout=60)
        with Workspace.open(folder) as ws:
            check_intact(ws)
            start = len(ws.history())
            assert start >= seen
            assert all(c.old is not None for c in ws.history()[2 * ROW_COUNT :])
    assert start > 2 * ROW_COUNT  # the last round overwrote earlier answers
