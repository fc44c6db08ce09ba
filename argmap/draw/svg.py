"""Finishing and checking SVG: the font stack, and nothing external.

Every SVG the renderer returns passes :func:`finish_svg`: the DOCTYPE (which names an
external DTD) is dropped, the font gets fallbacks, and :func:`check_svg` makes sure
that the document loads nothing from outside and runs nothing: no scripts, images,
links, foreign objects, style sheets or ``url()`` other than a local ``#id``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from .errors import RenderError
from .scene import FONT

FONT_STACK = f"{FONT},Verdana,Geneva,sans-serif"
"""The fonts a viewer may use, in order; Verdana has widths close to DejaVu Sans'."""

ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle",
        "rect", "line", "text", "tspan", "defs", "linearGradient", "radialGradient", "stop",
    }
)  # fmt: skip

_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[[^\]]*\])?\s*>\s*", re.IGNORECASE)
_RAW_FORBIDDEN = re.compile(rb"<!ENTITY|<!DOCTYPE|<\?xml-stylesheet", re.IGNORECASE)
_URL = re.compile(r"url\s*\(\s*(?!['\"]?#)", re.IGNORECASE)


def finish_svg(svg: bytes) -> bytes:
    """*svg* from Graphviz, without its DOCTYPE, with a font stack, and checked."""
    svg = _DOCTYPE.sub(b"", svg, count=1)
    svg = svg.replace(f'font-family="{FONT}"'.encode(), f'font-family="{FONT_STACK}"'.encode())
    check_svg(svg)
    return svg


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def check_svg(svg: bytes) -> None:
    """Raise :class:`RenderError` unless *svg* is well-formed and refers to nothing
    outside itself (see the module docs)."""
    if _RAW_FORBIDDEN.search(svg):
        raise RenderError("unsafe SVG: it declares a DTD, entities or a style sheet")
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise RenderError(f"the SVG is not well-formed XML: {error}") from error
    for element in root.iter():
        tag = _local(element.tag)
        if tag not in ALLOWED_ELEMENTS:
            raise RenderError(f"unsafe SVG: it contains a <{tag}> element")
        for name, value in element.attrib.items():
            attribute = _local(name).lower()
            if attribute == "href" or attribute.startswith("on"):
                raise RenderError(f"unsafe SVG: <{tag}> has a {attribute} attribute")
            if _URL.search(value) or "@import" in value.lower():
                raise RenderError(f"unsafe SVG: <{tag}> refers to something outside the picture")
