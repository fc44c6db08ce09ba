"""Fixtures of the embedding tests: the worked examples of ``docs/embedding.md``,
read from the page itself, and the browser of the seminar toolkit's tests.

Each example in the page follows a comment ``<!-- example HOST: NAME -->``; the tests
build every one of them, so the page cannot drift from what works.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.teaching.conftest import browser, keep_screenshot, pytest_runtest_setup  # noqa: F401 - fixtures, hook

ROOT = Path(__file__).parent.parent.parent
EMBEDDING_DOC = ROOT / "docs" / "embedding.md"
MAPS = ROOT / "maps"

_EXAMPLE = re.compile(
    r"^<!-- example (\w+): (\S+) -->\n(?P<fence>`{3,})[^\n]*\n(?P<body>.*?)^(?P=fence)\n", re.MULTILINE | re.DOTALL
)

SMALL_MAP = """\
title: Should the city ban cars from the old town?

conclusion ban: The city should ban cars from the old town.
  premise traffic: Traffic in the old town harms the health of residents. {source: city survey 2023, note: see p. 4}
  objection shops: Shops will lose customers who come by car. #economic
    rebuttal: Pedestrian zones in other towns increased footfall for shops.
"""

HOSTILE_MAP = """\
title: </title><script>window.pwned=1</script>

conclusion: <img src=x onerror="window.pwned=2"> & </script><script>window.pwned=3</script>
  premise: ]]> {{ }} `backticks` \\N "quotes" 'single' <!-- comment -->
"""


def embedding_examples() -> dict[tuple[str, str], str]:
    """``(host, name)`` to the text of every worked example in docs/embedding.md."""
    text = EMBEDDING_DOC.read_text(encoding="utf-8")
    return {(match.group(1), match.group(2)): match.group("body") for match in _EXAMPLE.finditer(text)}


@pytest.fixture(scope="session")
def examples() -> dict[tuple[str, str], str]:
    return embedding_examples()
