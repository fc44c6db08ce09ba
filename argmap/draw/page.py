"""Fitting a map to a page: the direction and wrapping that print its text largest.

:func:`fit_page` lays the map out (with the in-process Graphviz, so that the choice
is the same whichever engine then draws it) in each direction and wrapping worth
trying, each with junction ranks shared or thin as :mod:`argmap.draw.choice` chooses,
the best two again with the conclusion's branches packed by argmap where that prints
larger, and keeps the one that a page of the given size holds at the largest scale.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Map
from .choice import chosen_drawing, print_scale
from .scene import TEXT_SIZE
from .shape import MAX_BOXES

DIRECTIONS_TRIED = ("up", "right")
WRAPS_TRIED = (28, 32, 26, 24, 22, 20, 18)
"""Wraps tried, the default first. Graphviz's layout changes a great deal from one
wrap to the next (the showcase prints at 3.5 pt on A4 landscape upwards at 28,
2.7 at 29, 3.8 to the right at 20), so the steps are small."""
WRAPS_TRIED_LARGE = (28, 22, 18)
"""Wraps tried for a map of more than :data:`FINE_UP_TO` boxes: each trial is a layout,
and no page prints such a map at a size the finer steps would make readable."""
FINE_UP_TO = 120
PACKED_TRIALS = 2
"""How many of the best trials are laid out again with the conclusion's branches packed by argmap."""


class Fit(NamedTuple):
    """The options chosen for a page, and the size body text prints at."""

    direction: str
    wrap: int
    text_pt: float

    def describe(self, page: str) -> str:
        """A sentence saying what was chosen."""
        return (
            f"fitted to {page}: direction {self.direction}, wrap {self.wrap}; body text prints at {self.text_pt:.1f} pt"
        )


def fit_page(map: Map, page: str, *, direction: str | None = None, wrap: int | None = None, **options) -> Fit:
    """The direction and wrap (those given are kept) with which *map* prints
    largest on *page*; *options* are the other options of
    :func:`argmap.draw.scene.build_scene`. A map of more than
    :data:`~argmap.draw.shape.MAX_BOXES` boxes is not laid out to try: it gets
    ``up`` and 28 unless given."""
    directions = (direction,) if direction else DIRECTIONS_TRIED
    wraps = (wrap,) if wrap is not None else WRAPS_TRIED if len(map.nodes) <= FINE_UP_TO else WRAPS_TRIED_LARGE
    if len(map.nodes) > MAX_BOXES:
        directions, wraps = directions[:1], wraps[:1]
    # Packing the conclusion's branches takes a search of its own: every trial is
    # laid out without it, and the best few again with it.
    fits = [
        _trial(map, page, each_direction, each_wrap, False, options)
        for each_direction in directions
        for each_wrap in wraps
    ]
    finalists = sorted(range(len(fits)), key=lambda index: -fits[index].text_pt)[:PACKED_TRIALS]
    for index in sorted(finalists):
        fits[index] = _trial(map, page, fits[index].direction, fits[index].wrap, True, options)
    best = fits[0]
    for fit in fits[1:]:  # a later trial must print clearly larger to be chosen
        if fit.text_pt > best.text_pt + 0.05:
            best = fit
    return best


def _trial(map: Map, page: str, direction: str, wrap: int, pack: bool, options: dict) -> Fit:
    _, svg = chosen_drawing(map, "embedded", direction=direction, wrap=wrap, page=page, pack=pack, **options)
    return Fit(direction, wrap, round(TEXT_SIZE * print_scale(svg, page), 2))
