"""Long work runs on a worker while the window keeps painting; results come back in order."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop.core.errors import PlanevalError
from desktop.ui.busy import run_busy


def test_the_event_loop_keeps_running_while_the_work_runs(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    main = threading.get_ident()

    def work() -> int:
        assert threading.get_ident() != main  # not on the UI thread
        time.sleep(0.5)
        return 42

    assert run_busy(parent, "正在生成……", work) == 42
    timer.stop()
    assert len(ticks) >= 10  # the UI thread kept serving events through the 0.5 s


def test_an_error_in_the_work_reaches_the_caller(qtbot):
    def work() -> None:
        raise PlanevalError("磁盘已满")

    with pytest.raises(PlanevalError, match="磁盘已满"):
        run_busy(None, "正在生成……", work)
