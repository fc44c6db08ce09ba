"""Junction ranks shared with boxes, or thin, and the conclusion's branches placed by
Graphviz or packed by argmap: the drawing that prints larger.

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

A map whose single conclusion has a wide fan is then also drawn with the branches
of that fan packed by argmap (:mod:`argmap.draw.packing`), and that drawing is kept
on the same terms: clearly larger, no more crossings. That costs a layout of each
branch and a search, 0.25–1.5 s of CPU on the maps in ``maps/`` (a process keeps
the last few, see :func:`argmap.draw.engines.packed_layout`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from ..model import Map
from .arrivals import count_crossings
from .dot import html_drawing, pinned_source, to_dot_pieces
from .engines import laid_out_svg, packed_layout
from .errors import RenderError
from .packing import Pins, fan_root
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


class Choice(NamedTuple):
    """The drawing chosen: its scene, its SVG (before its line ends are spread), and
    how it was laid out: *thin* junction ranks or shared, and the positions argmap
    gave the branches of the conclusion's fan (*pins*, see
    :mod:`argmap.draw.packing`) or None where Graphviz placed everything."""

    scene: Scene
    svg: bytes
    thin: bool
    pins: Pins | None


def chosen_drawing(map: Map, engine: str = "auto", *, pack: bool = True, **options: Any) -> tuple[Scene, bytes]:
    """The scene of *map* with the given options of
    :func:`~argmap.draw.scene.build_scene`, and its SVG as *engine* lays it out
    (before its line ends are spread): with junction ranks shared or thin, and
    (with *pack*) the branches of the conclusion placed by Graphviz or packed by
    argmap, whichever prints larger (see the module's docs)."""
    choice = choose(map, engine, pack=pack, **options)
    return choice.scene, choice.svg


def uses_thin_junction_ranks(map: Map, engine: str = "auto", **options: Any) -> bool:
    """Whether :func:`chosen_drawing` draws *map* with thin junction ranks."""
    return choose(map, engine, **options).thin


def chosen_dot(map: Map, engine: str = "auto", **options: Any) -> Iterable[str]:
    """The DOT of the drawing :func:`chosen_drawing` makes, with HTML-like labels:
    where argmap packed the conclusion's branches, with every position given and
    Graphviz's ``nop2`` layout named in it, so that ``dot`` draws it as it is."""
    choice = choose(map, engine, **options)
    if choice.pins is not None:
        return [pinned_source(choice.scene, html_drawing(choice.scene), choice.pins)]
    return to_dot_pieces(map, thin_junction_ranks=choice.thin, **options)


def choose(map: Map, engine: str = "auto", *, pack: bool = True, **options: Any) -> Choice:
    """The drawing of :func:`chosen_drawing`, with how it was laid out."""
    scene = build_scene(map, **options)
    chosen = Choice(scene, laid_out_svg(scene, engine), False, None)
    page = options.get("page", DEFAULT_PAGE)
    if len(scene.boxes) > MAX_BOXES or print_scale(chosen.svg, page) >= 1.0:  # nothing to gain
        return chosen
    thin_scene = build_scene(map, thin_junction_ranks=True, **options) if scene.junctions else None
    if thin_scene is not None:
        chosen = _larger(chosen, lambda: Choice(thin_scene, laid_out_svg(thin_scene, engine), True, None), page)
    if pack and fan_root(scene) is not None:
        chosen = _larger(chosen, lambda: _packed(scene, page, engine), page)
    return chosen


def _packed(scene: Scene, page: str, engine: str) -> Choice | None:
    laid_out = packed_layout(scene, page, engine)
    if laid_out is None:
        return None
    pins, svg = laid_out
    return Choice(scene, svg, False, pins)


def _larger(chosen: Choice, other: Callable[[], Choice | None], page: str) -> Choice:
    """*other* where the page holds it clearly larger with no more crossings, else *chosen*."""
    try:
        trial = other()
    except RenderError:  # the first drawing is made: a failed try must not lose it
        return chosen
    if trial is None or print_scale(trial.svg, page) <= print_scale(chosen.svg, page) * CLEARLY_LARGER:
        return chosen
    return trial if count_crossings(trial.svg) <= count_crossings(chosen.svg) else chosen
