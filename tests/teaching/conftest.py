"""Fixtures and markers of the seminar toolkit's tests.

``needs_browser`` marks a test that opens pages in headless Chromium (through
chromedriver): it is skipped where ``/usr/bin/chromium`` is absent. Screenshots go
to the test's temporary folder, and also to ``$ARGMAP_SCREENSHOTS`` when that is
set (to look at them).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import argmap
from tests.teaching import browser as browser_module

CLASS_DIR = Path(__file__).parent / "class"
REFERENCE = CLASS_DIR / "reference.arg"

EXPECTED = {
    "ada": set(),
    "ben": {"missing-reason"},
    "cleo": {"missing-objection"},
    "dan": {"wrong-kind"},
    "eve": {"wrong-attachment"},
    "finn": {"split-reason"},
    "gia": {"merged-reasons"},
    "hal": {"objection-rebuttal-confusion"},
    "ida": {"undercut-confusion"},
    "jon": {"extra-node"},
    "kim": {"missing-evidence"},
    "lou": {"missing-rebuttal", "wrong-verdict"},
    "max": {"split-reason", "missing-rebuttal", "extra-node", "wrong-verdict"},
    "nia": {"wrong-attachment", "objection-rebuttal-confusion", "wrong-kind", "missing-evidence", "wrong-verdict"},
}
"""Each student of the class and the mistakes the file makes on purpose (``lou``
forgets the rebuttal, so the objection stands and the conclusion falls: the
model answer's expected verdicts are missed too). ``oz`` does not parse."""


def pytest_configure(config):
    config.addinivalue_line("markers", "needs_browser: the test opens pages in headless Chromium (skipped without it)")


def pytest_runtest_setup(item):
    if "needs_browser" in item.keywords and not browser_module.available():
        pytest.skip("needs /usr/bin/chromium and chromedriver")


@pytest.fixture(scope="session")
def reference_map():
    return argmap.load(REFERENCE)


@pytest.fixture(scope="session")
def class_maps():
    return {name: argmap.load(CLASS_DIR / f"{name}.arg") for name in EXPECTED}


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium for all browser tests."""
    session = browser_module.Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield session
    session.close()


@pytest.fixture
def keep_screenshot(tmp_path):
    """Save a screenshot under a name; returns its path (copied to
    ``$ARGMAP_SCREENSHOTS`` when set)."""

    def keep(chromium, name: str) -> Path:
        path = chromium.screenshot(tmp_path / name)
        folder = os.environ.get("ARGMAP_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(folder) / name)
        return path

    return keep
