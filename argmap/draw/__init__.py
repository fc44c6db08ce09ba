"""Drawing argument maps: DOT, SVG, PDF and PNG.

::

    from argmap.draw import render, to_dot
    svg = render(map)                                  # bytes of SVG
    pdf = render(map, "pdf", theme="greyscale", direction="right")
    dot = to_dot(map, legend=True)                     # DOT source text

The picture: the conclusion on top (``direction="up"``), every box labelled with its
kind in small capitals and coloured by kind, supports ending in arrowheads and
attacks in bars, every inference passing through a junction point (from which an
undercut is aimed at it), and the co-premises of a linked reason framed together.
See ``docs/rendering.md``.
"""

from __future__ import annotations

from typing import Any

from ..model import Map
from . import fonts
from .accessible import make_accessible
from .choice import chosen_drawing
from .dot import to_dot
from .engines import (
    ENGINES,
    FORMATS,
    convert_svg,
    finish_drawing,
    refuse_too_many_for_embedded,
    resolve_engine,
    system_dot,
)
from .errors import RenderError, RenderOptionError
from .scene import DIRECTIONS
from .themes import THEMES, VERDICTS

__all__ = [
    "DIRECTIONS",
    "ENGINES",
    "FORMATS",
    "THEMES",
    "VERDICTS",
    "fonts",
    "RenderError",
    "RenderOptionError",
    "fonts",
    "render",
    "resolve_engine",
    "svg_for_notebook",
    "system_dot",
    "to_dot",
]


def render(
    map: Map,
    format: str = "svg",
    *,
    engine: str = "auto",
    focus: str | None = None,
    depth: int = 1,
    dpi: float | None = None,
    **options: Any,
) -> bytes:
    """The map drawn as *format* (``svg``, ``pdf`` or ``png``) by *engine*
    (``auto``, ``system`` or ``embedded``, see :mod:`argmap.draw.engines`).

    A PNG has *dpi* pixels per inch of the drawing; by default 144, lowered for a
    large map to at most as many pixels as an A3 page at 150 dpi (about 4.3 million,
    :func:`argmap.draw.raster.png_scale`).

    *options* are those of :func:`to_dot`: ``theme``, ``direction``, ``wrap``,
    ``show_ids``, ``show_sources``, ``legend``, ``verdicts``, ``page``, ``repeats`` and ``color_by``. Raises
    :class:`RenderOptionError` for an unknown option value and :class:`RenderError`
    when the picture cannot be made, with a message that says why.

    With *focus* (a node id), only what lies within *depth* steps of that node is
    drawn, where it stands in the picture of the whole map (see
    :mod:`argmap.draw.focus`).
    """
    known = {
        "theme",
        "direction",
        "wrap",
        "show_ids",
        "show_sources",
        "legend",
        "verdicts",
        "page",
        "repeats",
        "color_by",
    }
    extra = sorted(set(options) - known)
    if extra:
        raise RenderOptionError(f"unknown option {extra[0]!r} (must be one of {', '.join(sorted(known))})")
    if format not in FORMATS:
        raise RenderOptionError(f"unknown format {format!r} (must be one of {', '.join(FORMATS)})")
    if resolve_engine(engine) == "embedded":  # reject an unknown engine, or a map too large for it, before any work
        refuse_too_many_for_embedded(len(map.nodes))
    if focus is None:
        scene, laid_out = chosen_drawing(map, engine, **options)
        drawn = finish_drawing(laid_out, len(scene.boxes), format, dpi=dpi)
        return make_accessible(drawn, map) if format == "svg" else drawn
    from .focus import crop_svg, focus_boxes, focus_parts
    from .svg import check_svg

    _, relations = focus_parts(map, focus, depth)
    scene, laid_out = chosen_drawing(map, engine, **options)
    focus_name = f"n{[node.id for node in map.nodes].index(focus)}"
    whole = finish_drawing(laid_out, len(scene.boxes))
    svg = crop_svg(whole, focus_boxes(scene, focus_name, relations), relations)
    check_svg(svg)
    return make_accessible(svg, map) if format == "svg" else convert_svg(svg, format, dpi=dpi)


def svg_for_notebook(map: Map, **options: Any) -> str:
    """The map as an SVG string to show inline (``Map._repr_svg_``): no XML
    declaration, so that it can be put straight into HTML."""
    svg = render(map, "svg", **options).decode("utf-8")
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1].lstrip()
    return svg
