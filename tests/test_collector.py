"""The garbage collector paused around a full check, and on again after it."""

from __future__ import annotations

import gc

import pytest

from desktop.core.collector import collector_paused


def test_paused_inside_on_again_after_and_nesting_keeps_it_off() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves the outer one's pause alone
    assert gc.isenabled()


def test_on_again_after_an_error_and_left_off_when_it_was_off() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
