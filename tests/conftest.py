"""Markers shared by the whole suite.

``slow`` marks long fuzz, benchmark-like and deep-limit cases. The README's test command
leaves them out so that it finishes in minutes on a 2-core machine; each slow family keeps
at least one fast case unmarked. ``ARGMAP_SLOW_TESTS=1`` runs them (``.ci/run`` does);
see :mod:`tests.budget`.
"""

from __future__ import annotations

import pytest

from tests.budget import SLOW_TESTS_VARIABLE, slow_tests_enabled


def pytest_collection_modifyitems(config, items):
    if slow_tests_enabled():
        return
    skip = pytest.mark.skip(reason=f"slow: set {SLOW_TESTS_VARIABLE}=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
