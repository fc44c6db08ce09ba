"""The layout of every example map is no worse than the thresholds recorded for it
(``thresholds.json``, written by ``regenerate_thresholds.py``): crossings, lines on
top of each other, box overlaps, lines through boxes, and the size body text prints
at on A4 landscape. The maps are drawn by the embedded engine, so the test runs on
a bare machine; the showcase map, the slowest, is marked slow. Besides the maps of
``maps/``, the maps of ``unseen/`` are measured: written to check that the layout
holds on maps it was not tuned to."""

from __future__ import annotations

import pytest

from tests.draw.layout.measure import (
    GUARDED,
    LARGER_IS_BETTER,
    SLOW_MAPS,
    UNSEEN,
    map_paths,
    measure_map,
    read_thresholds,
)

THRESHOLDS = read_thresholds()
MAPS = map_paths()


def _cases():
    for name in sorted(MAPS):
        marks = (pytest.mark.slow,) if name in SLOW_MAPS else ()
        yield pytest.param(name, marks=marks, id=name)


def test_every_map_has_thresholds():
    """A map added to maps/ needs its line in thresholds.json (run the script)."""
    assert set(THRESHOLDS) == set(MAPS)
    assert all(set(limits) == set(GUARDED) for limits in THRESHOLDS.values())


def test_the_unseen_maps_are_measured():
    """The maps written to test the layout on maps it was not tuned to are among
    those measured, under their own names (none shadows a map of maps/)."""
    unseen = sorted(UNSEEN.glob("*.arg"))
    assert len(unseen) >= 3
    assert all(MAPS[path.stem] == path for path in unseen)


def test_no_map_has_overlapping_boxes_or_lines_through_boxes():
    """The recorded limits themselves meet the hard targets: nothing to get used to."""
    for limits in THRESHOLDS.values():
        assert limits["box_overlaps"] == 0 and limits["edge_through_box"] == 0


MOST_OVERLAP_PT = 150.0
"""Issue 14's target: at most this many points of lines on top of each other, on any map."""
SMALL_MAP_BOXES, SMALL_MAP_TEXT_PT = 25, 5.5
"""Issue 14's target for maps of up to 25 boxes: body text at least 5.5 pt on A4 landscape."""


def test_no_map_has_more_lines_on_top_of_each_other_than_the_target():
    """The recorded limits meet the target for bundled lines, on every map."""
    over = {name: limits["edge_overlap_pt"] for name, limits in THRESHOLDS.items()}
    assert all(value <= MOST_OVERLAP_PT for value in over.values()), over


def test_small_maps_print_their_text_at_the_target_size():
    """Every map of up to 25 boxes has its body text recorded at 5.5 pt or more on A4 landscape."""
    import argmap

    small = {name: path for name, path in MAPS.items() if len(argmap.load(path).nodes) <= SMALL_MAP_BOXES}
    assert small, "the small maps are among those measured"
    sizes = {name: THRESHOLDS[name]["body_text_pt_on_a4"] for name in small}
    assert all(size >= SMALL_MAP_TEXT_PT for size in sizes.values()), sizes


@pytest.mark.parametrize("name", list(_cases()))
def test_layout_is_no_worse_than_recorded(name):
    """Each guarded metric is at most (text size: at least) its recorded limit."""
    measured = measure_map(MAPS[name])
    limits = THRESHOLDS[name]
    worse = []
    for metric in GUARDED:
        if metric in LARGER_IS_BETTER:
            if measured[metric] < limits[metric]:
                worse.append(f"{metric} {measured[metric]} < {limits[metric]}")
        elif measured[metric] > limits[metric]:
            worse.append(f"{metric} {measured[metric]} > {limits[metric]}")
    assert not worse, f"{name}: the layout got worse: {'; '.join(worse)}"
