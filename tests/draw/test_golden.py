"""The DOT of every example map, byte for byte (``regenerate_golden.py`` writes it)."""

from __future__ import annotations

import pytest

from argmap.draw import to_dot
from tests.draw.regenerate_golden import GOLDEN_DIR
from tests.draw.samples import golden_cases, map_files

CASES = golden_cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_dot_matches_golden(name):
    """The DOT for a map is exactly the golden file's text."""
    map, options = CASES[name]
    path = GOLDEN_DIR / f"{name}.dot"
    assert path.exists(), f"no golden file {path.name}: run tests/draw/regenerate_golden.py"
    assert to_dot(map, **options) == path.read_text(encoding="utf-8"), (
        f"{path.name} differs: if the change is meant, run tests/draw/regenerate_golden.py and review the diff"
    )


def test_every_golden_file_has_a_case():
    """No golden file is left over from a map that is gone."""
    assert {path.stem for path in GOLDEN_DIR.glob("*.dot")} == set(CASES)


def test_every_example_map_is_covered():
    """Each map in maps/ has a golden file."""
    assert map_files(), "maps/ has no .arg files"
    assert {path.stem for path in map_files()} <= set(CASES)
