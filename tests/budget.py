"""How much work the suite does: a quick run by default, a thorough one for CI.

The README's test command must finish in a few minutes on a 2-core machine, so by
default property tests draw a fifth of their examples and long cases are skipped
(marker ``slow``). ``ARGMAP_SLOW_TESTS=1`` (set by ``.ci/run``'s second stage) runs
everything at full strength.
"""

from __future__ import annotations

import os

SLOW_TESTS_VARIABLE = "ARGMAP_SLOW_TESTS"
QUICK_SHARE = 5
"""A quick run draws one example in this many."""
QUICK_MINIMUM = 10


def slow_tests_enabled() -> bool:
    """Whether the environment asks for the thorough run."""
    return os.environ.get(SLOW_TESTS_VARIABLE, "").strip() not in ("", "0")


def examples(thorough: int) -> int:
    """The number of hypothesis examples for a property that draws *thorough* of
    them in the thorough run.

    >>> examples(500) if not slow_tests_enabled() else 100
    100
    """
    if slow_tests_enabled():
        return thorough
    return min(thorough, max(QUICK_MINIMUM, thorough // QUICK_SHARE))


def quick_first(values, quick: int = 1) -> list:
    """Parameters for ``pytest.mark.parametrize``: the first *quick* values run in
    every run, the others only in the thorough one (marker ``slow``)."""
    import pytest

    values = list(values)
    return values[:quick] + [pytest.param(value, marks=pytest.mark.slow) for value in values[quick:]]
