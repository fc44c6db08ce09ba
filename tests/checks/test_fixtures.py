"""Fixture files: a map and the findings it must give, side by side.

Each case in ``tests/checks/fixtures/*.txt`` is a title line ``CODES: what it
shows`` (codes or prefixes to select, or ``ALL``), then three blocks closed by a line
holding a single ``.``: the map, then the expected findings as ``CODE line:column``
lines (none: the map must be clean for those codes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap

FIXTURES = Path(__file__).parent / "fixtures"


def read_fixtures(path: Path) -> list[tuple[str, str, str, list[str]]]:
    """``(title, selected codes, map text, expected lines)`` for each case in a file."""
    cases = []
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        title = lines[index].strip()
        if not title:
            index += 1
            continue
        assert lines[index + 1] == ".", f"{path.name}:{index + 2}: expected '.' after the title"
        blocks: list[list[str]] = []
        index += 2
        for _ in range(2):
            block: list[str] = []
            while lines[index] != ".":
                block.append(lines[index])
                index += 1
            blocks.append(block)
            index += 1
        codes, _, _ = title.partition(":")
        cases.append((title, codes.strip(), "\n".join(blocks[0]) + "\n", [line for line in blocks[1] if line.strip()]))
    return cases


CASES = [
    pytest.param(codes, text, expected, id=f"{path.stem}: {title}")
    for path in sorted(FIXTURES.glob("*.txt"))
    for title, codes, text, expected in read_fixtures(path)
]


@pytest.mark.parametrize(("codes", "text", "expected"), CASES)
def test_fixture(codes: str, text: str, expected: list[str]) -> None:
    """The map gives exactly the expected findings, at the expected places."""
    select = None if codes == "ALL" else codes
    found = [f"{d.code} {d.line}:{d.column}" for d in argmap.check(argmap.parse(text), select=select)]
    assert found == expected
