"""Python's cyclic garbage collector paused around work that allocates much and makes no
reference cycles: a full check (21k findings at 100x) and reading the answers it checks.
Each allocation run otherwise set off collections that walked every object of the process
(a sixth to a quarter of a full check at 100x)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block; on again after, unless it was off before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
