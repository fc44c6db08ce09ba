"""Markers shared by the whole suite.

``slow`` marks long fuzz, benchmark-like and deep-limit cases. The README's test command
leaves them out so that it finishes in minutes on a 2-core machine; each slow family keeps
at least one fast case unmarked. ``ARGMAP_SLOW_TESTS=1`` runs them (``.ci/run`` does).
"""

from __future__ import annotations

import os

import pytest

SLOW_TESTS_VARIABLE = "ARGMAP_SLOW_TESTS"


def slow_tests_enabled() -> bool:
    """Whether the environment asks for the slow tests too."""
    return os.environ.get(SLOW_TESTS_VARIABLE, "").strip() not in ("", "0")


def pytest_collection_modifyitems(config, items):
    if slow_tests_enabled():
        return
    skip = pytest.mark.skip(reason=f"slow: set {SLOW_TESTS_VARIABLE}=1 to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
