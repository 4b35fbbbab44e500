"""Harness: SIGKILL at random moments during init, fill, edits and export.

After every kill: each acknowledged change is there, a fill landed whole or not at all,
PRAGMA integrity_check says ok, and the folder is usable (it opens, or init makes it a
workspace). The moments come from a seeded stream (PLANEVAL_SEED); PLANEVAL_LONG=1 kills
many more times (see docs/RELIABILITY.md).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from harness import LONG, rng

from desktop.commission.verify import verify_package
from desktop.core.errors import WorkspaceError
from desktop.department import operations
from desktop.paths import demo_dir
from desktop.signing.demo import DEMO_PASSPHRASE, P12_FILE, demo_keys_dir, demo_trust
from desktop.store import Workspace

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL")]
ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
KILLS = 60 if LONG else 1  # per family


def cli_argv(*args: object) -> list[str]:
    return [sys.executable, "-m", "desktop.cli", *map(str, args)]


def kill_after(argv: list[str], seconds: float) -> tuple[int, list[str]]:
    """Run argv, SIGKILL it after `seconds` (if still running); its exit code and the
    lines it printed."""
    p = subprocess.Popen(argv, cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    try:
        p.wait(seconds)
    except subprocess.TimeoutExpired:
        os.kill(p.pid, signal.SIGKILL)
    out, _ = p.communicate(timeout=60)
    return p.returncode, out.splitlines()


def intact(folder: Path) -> Workspace:
    ws = Workspace.open(folder)
    assert ws.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    return ws


def timed(argv: list[str]) -> float:
    started = time.monotonic()
    subprocess.run(argv, cwd=ROOT, env=ENV, capture_output=True, check=True, timeout=120)
    return time.monotonic() - started


# -- init -------------------------------------------------------------------------------


def test_kill_during_init_never_leaves_an_unusable_folder(tmp_path):
    init = ["init", "--assignment", demo_dir(), "--department", "区科委"]
    took = timed(cli_argv(init[0], tmp_path / "probe", *init[1:]))
    moments, outcomes = rng("init"), Counter()
    for i in range(KILLS):
        folder = tmp_path / f"ws{i}"
        if i % 2:
            folder.mkdir()  # a folder the user picked, existing before
        code, _ = kill_after(cli_argv(init[0], folder, *init[1:]), moments.uniform(0, took))
        outcome = _after_init(folder, code)
        outcomes[outcome] += 1
    print(f"\ninit: {KILLS} kills: {dict(outcomes)}")


def _after_init(folder: Path, code: int) -> str:
    if code == 0:
        intact(folder).close()
        return "finished"
    try:
        intact(folder).close()
        return "complete"
    except WorkspaceError as exc:
        assert "损坏" not in exc.message, exc.message  # never a damaged file
    # Whatever is there, init makes it a workspace (a folder the kill left unmade is fine).
    operations.create_workspace(folder, assignment=demo_dir(), department="区科委").close()
    intact(folder).close()
    return "redone"


# -- fill ---------------------------------------------------------------------------------

FILL_LOOP = """
import json, sys
from pathlib import Path
from desktop import cli
folder, cells, base = sys.argv[1], json.loads(Path(sys.argv[2]).read_text()), int(sys.argv[3])
data = Path(sys.argv[2]).with_name("data.json")
for i in range(base, base + 100_000):
    tasks = {}
    for number, field in cells:
        tasks.setdefault(number, {})[field] = f"第 {i} 份"
    doc = {"schema": "planeval.data/1", "tasks": tasks, "accepted": {"harness": f"理由 {i}"}}
    data.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    if cli.main(["fill", folder, str(data)]) != 0:
        sys.exit(3)
    print(f"ack {i}", flush=True)
"""


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "ws"
    operations.create_demo(folder, filled=True).close()
    return folder


def test_kill_during_fill_lands_each_document_whole_or_not_at_all(demo_ws, tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(demo_ws, folder)
    with Workspace.open(folder) as ws:
        form = operations.form_of(ws)
        cells = [(r.number, c.id) for r in ws.rows("tasks")
                 for c in form.table("tasks").answer_columns]
    (tmp_path / "cells.json").write_text(json.dumps(cells), encoding="utf-8")
    moments = rng("fill")
    for k in range(KILLS):
        base = k * 100_000
        code, lines = kill_after([sys.executable, "-c", FILL_LOOP, str(folder),
                                  str(tmp_path / "cells.json"), str(base)],
                                 moments.uniform(1.0, 4.0))
        assert code == -signal.SIGKILL, lines
        acks = [int(line.split()[1]) for line in lines if line.startswith("ack")]
        with intact(folder) as ws:
            answers, accepted = ws.answers(), ws.acceptances()
        marks = {answers.get("tasks", {}).get(number, {}).get(field) for number, field in cells}
        if k == 0 and not any(str(m).startswith("第 ") for m in marks):
            assert not acks, acks  # killed (a slow start under load) before any document
            continue
        assert len(marks) == 1, marks  # never a mix of two documents
        landed = int(marks.pop().split()[1])
        assert accepted["harness"] == f"理由 {landed}"  # its acceptance with it
        last = acks[-1] if acks else None
        assert landed in ((last, last + 1) if last is not None else (base, base - 1)) or \
            (last is None and landed < base), (landed, last)


# -- edits --------------------------------------------------------------------------------

EDIT_LOOP = """
import sys
from pathlib import Path
from desktop.department.editing import Editor
from desktop.store import Workspace
ws, prefix = Workspace.open(Path(sys.argv[1])), sys.argv[2]
rows = [r.number for r in ws.rows("tasks")]
editor = Editor(ws)
for i in range(100_000):
    editor.set("tasks", rows[i % len(rows)], f"{prefix}{i // len(rows)}", f"值 {i}")
    print(f"set {i}", flush=True)
    if i % 7 == 6:
        editor.undo()
        print(f"undo {i}", flush=True)
"""


def test_kill_during_edits_keeps_every_acknowledged_edit_and_undo(demo_ws, tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(demo_ws, folder)
    with Workspace.open(folder) as ws:
        rows = [r.number for r in ws.rows("tasks")]
    moments = rng("edits")
    for k in range(KILLS):
        code, lines = kill_after([sys.executable, "-c", EDIT_LOOP, str(folder), f"k{k}f"],
                                 moments.uniform(1.0, 3.0))
        assert code == -signal.SIGKILL, lines
        expected: dict[tuple[str, str], str] = {}
        for line in lines:
            verb, i = line.split()[0], int(line.split()[1])
            cell = (rows[i % len(rows)], f"k{k}f{i // len(rows)}")
            expected[cell] = f"值 {i}" if verb == "set" else ""
        # An undo may be in flight after its edit's acknowledgement: that cell may be empty.
        undoing = cell if lines and lines[-1].startswith("set") and i % 7 == 6 else None
        with intact(folder) as ws:
            for (number, field), value in expected.items():
                got = ws.answer("tasks", number, field)
                assert got == value or ((number, field) == undoing and got == ""), got


# -- export -------------------------------------------------------------------------------


def test_kill_during_export_leaves_the_workspace_and_no_broken_package(demo_ws, tmp_path):
    folder = tmp_path / "ws"
    shutil.copytree(demo_ws, folder)
    (tmp_path / "pass.txt").write_text(DEMO_PASSPHRASE, encoding="utf-8")
    out = tmp_path / "out"
    argv = cli_argv("export", folder, "--out", out, "--stage", "draft", "--key",
                    demo_keys_dir() / P12_FILE, "--passphrase-file", tmp_path / "pass.txt")
    with Workspace.open(folder) as ws:
        before = ws.answers()
    took = timed(argv)
    moments, leftovers = rng("export"), 0
    for _ in range(KILLS):
        kill_after(argv, moments.uniform(0, took))
        with intact(folder) as ws:
            assert ws.answers() == before
        for made in out.iterdir():
            if made.suffix == ".zip":
                assert verify_package(made, trust=demo_trust()).ok, made
            else:
                leftovers += 1  # a .part file: never taken for a package
    print(f"\nexport: {KILLS} kills, {leftovers} temporary files left behind")
