"""Settings shared by the hostile-input harness (test_harness_*.py; no tests here).

Each family has a fast variant that CI runs every time and a long one, switched on with
PLANEVAL_LONG=1 (`make hostile`); docs/RELIABILITY.md records what the long run found.
"""

from __future__ import annotations

import os
import random

LONG = os.environ.get("PLANEVAL_LONG") == "1"
SEED = int(os.environ.get("PLANEVAL_SEED", "8"))  # the random moments of the kill tests


def examples(fast: int, long: int = 10_000) -> int:
    """How many generated cases a fuzz test runs."""
    return long if LONG else fast


def rng(name: str) -> random.Random:
    """A reproducible random stream per test."""
    return random.Random(f"{SEED}:{name}")
