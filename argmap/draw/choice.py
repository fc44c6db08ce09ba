"""Junction ranks shared with boxes, or thin: the drawing that prints larger.

Graphviz makes each rank as high as its highest node. A junction sits on a rank of
its own between its premises and its target, and other branches usually have boxes
on that rank, so a linked reason costs the height of two boxes. With
``thin_junction_ranks`` (see :func:`argmap.draw.shape.ranks_spanned`) every box goes
on an even rank and every junction on an odd one: the junction ranks hold no box and
are drawn thin, and a junction sits just above the frame of its reason. But a line
from one box straight to another then spans two ranks, so chains of single reasons
grow longer, and lines passing a band take room in twice as many ranks. Maps of
linked reasons print much larger that way (``paley-watchmaker`` and ``smoking-ban``
by 14% and 27%), most others smaller.

So argmap lays out both, with the engine that draws the map, and keeps the thin one
only when a page holds it clearly larger and it has no more crossings. That costs a
second layout (40–60 ms on the showcase), for maps with a junction, no more boxes
than are staggered (:data:`~argmap.draw.shape.MAX_BOXES`) and too large to print
at full size on the page.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Map
from .arrivals import count_crossings
from .engines import laid_out_svg
from .errors import RenderError
from .scene import Scene, build_scene
from .shape import DEFAULT_PAGE, MAX_BOXES, page_area

CLEARLY_LARGER = 1.03
"""How much larger the thin drawing must print to be taken."""
_VIEWBOX = re.compile(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def print_scale(svg: bytes, page: str) -> float:
    """The scale at which *page* holds the drawing *svg*, at most 1."""
    match = _VIEWBOX.search(svg)
    if match is None:
        return 1.0
    width, height = (max(float(value), 1.0) for value in match.groups())
    area_width, area_height = page_area(page)
    return min(1.0, area_width / width, area_height / height)


def chosen_drawing(map: Map, engine: str = "auto", **options: Any) -> tuple[Scene, bytes]:
    """The scene of *map* with the given options of
    :func:`~argmap.draw.scene.build_scene`, and its SVG as *engine* lays it out
    (before its line ends are spread): with junction ranks shared or thin, whichever
    prints larger (see the module's docs)."""
    _, scene, svg = _choose(map, engine, options)
    return scene, svg


def uses_thin_junction_ranks(map: Map, engine: str = "auto", **options: Any) -> bool:
    """Whether :func:`chosen_drawing` draws *map* with thin junction ranks."""
    thin, _, _ = _choose(map, engine, options)
    return thin


def _choose(map: Map, engine: str, options: dict[str, Any]) -> tuple[bool, Scene, bytes]:
    scene = build_scene(map, **options)
    svg = laid_out_svg(scene, engine)
    page = options.get("page", DEFAULT_PAGE)
    scale = print_scale(svg, page)
    if not scene.junctions or len(scene.boxes) > MAX_BOXES or scale >= 1.0:  # nothing to gain
        return False, scene, svg
    thin_scene = build_scene(map, thin_junction_ranks=True, **options)
    try:
        thin_svg = laid_out_svg(thin_scene, engine)
    except RenderError:  # the drawing with shared ranks is made: a failed second try must not lose it
        return False, scene, svg
    larger = print_scale(thin_svg, page) > scale * CLEARLY_LARGER
    if larger and count_crossings(thin_svg) <= count_crossings(svg):
        return True, thin_scene, thin_svg
    return False, scene, svg
