"""Fixtures of the interop tests.

``needs_node`` marks a test that runs the Argdown CLI (Node.js); it is skipped where the
CLI is not found (see ``argdown_cli.py`` for where it is looked for).
"""

from __future__ import annotations

import pytest

from tests.interop.argdown_cli import find_argdown_cli


def pytest_collection_modifyitems(config, items):
    if find_argdown_cli() is not None:
        return
    skip = pytest.mark.skip(reason="the Argdown CLI (Node.js) was not found; see tests/interop/argdown_cli.py")
    for item in items:
        if "needs_node" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def argdown_cli() -> str:
    """The path of the ``argdown`` program."""
    cli = find_argdown_cli()
    if cli is None:
        pytest.skip("the Argdown CLI (Node.js) was not found")
    return cli
