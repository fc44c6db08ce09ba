"""Fixtures and markers of the renderer's tests.

``needs_dot`` marks a test that runs Graphviz's ``dot`` program: it is skipped where
``dot`` is not on PATH (CI installs Graphviz, so there it runs).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_dot: the test runs Graphviz's dot program (skipped without it)")


def pytest_collection_modifyitems(config, items):
    if shutil.which("dot"):
        return
    skip = pytest.mark.skip(reason="Graphviz's dot is not on PATH")
    for item in items:
        if "needs_dot" in item.keywords:
            item.add_marker(skip)


def font_for(language: str) -> bool:
    """Whether fontconfig knows a font for *language* (``zh``, ``sr``, ``el``)."""
    program = shutil.which("fc-list")
    if program is None:
        return False
    done = subprocess.run([program, f":lang={language}"], capture_output=True, text=True, check=False)
    return bool(done.stdout.strip())
