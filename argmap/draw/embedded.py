"""Drawing a scene with the in-process Graphviz, which has no HTML-like labels.

Three steps: Graphviz measures every line of text (its own font metrics, with the
``nop`` engine, which lays nothing out); it lays out the map with each box an empty
rounded box of the size its text needs; and we write the text into the boxes of the
SVG it returns. The boxes come out as the HTML-like labels of
:mod:`argmap.draw.dot` draw them: kind in small capitals, text, tags, source.
"""

from __future__ import annotations

import re

import graphviz

from .dot import layout_source
from .quoting import escape_text
from .scene import FONT, Box, Scene, Span, is_wide
from .svg import FONT_STACK, shape_bounds, svg_number
from .wasm import run_wasm

PAD_X = 6.0
"""Space between a box's frame and its text, left and right (points)."""
PAD_Y = 2.0
"""Space above and below each section of a box (points)."""
BORDER = 1.0
LINE_SPACING = 1.2
"""Height of a line as a multiple of its font size, as in Graphviz."""
BASELINE = 0.95
"""Where the baseline sits in a line, as a multiple of the font size."""
BOLD = 1.1
"""Bold text is about this much wider than regular in DejaVu Sans."""
WIDE_EXTRA = 0.1
"""Extra width, in ems, for each wide character."""
SEPARATOR = "\u00a0\u00a0"
"""Between two spans of one line."""


def _key(span: Span) -> tuple[str, float]:
    return (span.text, span.size)


def measure(scene: Scene) -> dict[tuple[str, float], float]:
    """The width in points of every distinct (text, size) in the scene's boxes,
    by Graphviz's own estimate for the font."""
    spans = [span for box in scene.boxes for section in box.sections for line in section.lines for span in line]
    keys = sorted({_key(span) for span in spans if span.text} | {(SEPARATOR, span.size) for span in spans})
    graph = graphviz.Digraph("measure")
    graph.attr("node", shape="plaintext", margin="0", width="0", height="0", fontname=FONT)
    for index, (text, size) in enumerate(keys):
        graph.node(f"m{index}", label=graphviz.nohtml(escape_text(text, "string")), fontsize=f"{size:g}")
    widths: dict[tuple[str, float], float] = {}
    for line in run_wasm(graph.source, "plain", "nop").decode("utf-8", "replace").splitlines():
        if line.startswith("node "):
            _, name, _, _, width, _ = line.split(" ", 6)[:6]
            widths[keys[int(name[1:])]] = float(width) * 72
    return widths


def _span_width(span: Span, widths) -> float:
    if not span.text:
        return 0.0
    width = widths.get(_key(span), len(span.text) * span.size * 0.6) * (BOLD if span.bold else 1.0)
    # Graphviz's estimate for wide (CJK) characters is a little short of the fonts'.
    return width + sum(WIDE_EXTRA * span.size for char in span.text if is_wide(char))


def _line_width(line: tuple[Span, ...], widths) -> float:
    gaps = (len(line) - 1) * widths.get((SEPARATOR, line[-1].size), line[-1].size * 0.64)
    return sum(_span_width(span, widths) for span in line) + gaps


def _line_height(line: tuple[Span, ...]) -> float:
    return max(span.size for span in line) * LINE_SPACING


def box_size(box: Box, widths) -> tuple[float, float]:
    """Width and height in points of *box* with its text."""
    width = max(_line_width(line, widths) for section in box.sections for line in section.lines)
    height = sum(sum(_line_height(line) for line in section.lines) + 2 * PAD_Y for section in box.sections)
    return round(width + 2 * (PAD_X + BORDER), 2), round(height + 2 * BORDER, 2)


def _tspan(span: Span, text: str) -> str:
    attributes = [f'font-size="{svg_number(span.size)}"', f'fill="{span.color}"']
    if span.bold:
        attributes.append('font-weight="bold"')
    if span.italic:
        attributes.append('font-style="italic"')
    if span.strike:
        attributes.append('text-decoration="line-through"')
    return f"<tspan {' '.join(attributes)}>{escape_text(text, 'svg')}</tspan>"


def box_text(box: Box, left: float, top: float, right: float) -> str:
    """SVG ``<text>`` elements for the lines of *box*, whose frame spans from
    *left* to *right* with its top at *top* (SVG coordinates)."""
    out: list[str] = []
    y = top + BORDER
    for section in box.sections:
        y += PAD_Y
        for line in section.lines:
            baseline = y + max(span.size for span in line) * BASELINE
            y += _line_height(line)
            if not any(span.text for span in line):
                continue
            if section.align == "left":
                anchor, x = "start", left + BORDER + PAD_X
            else:
                anchor, x = "middle", (left + right) / 2
            spans = "".join(_tspan(span, (SEPARATOR if index else "") + span.text) for index, span in enumerate(line))
            out.append(
                f'<text xml:space="preserve" text-anchor="{anchor}" x="{svg_number(x)}" y="{svg_number(baseline)}" '
                f'font-family="{FONT_STACK}">{spans}</text>'
            )
        y += PAD_Y
    return "\n".join(out)


_NODE_GROUP = re.compile(r'(<g id="(?P<name>[^"]+)" class="node box[^"]*">)(?P<body>.*?)(?=</g>)', re.DOTALL)


def write_text(svg: str, scene: Scene) -> str:
    """*svg* from the layout with the text of every box written into it."""
    boxes = {box.name: box for box in scene.boxes}

    def fill(match: re.Match) -> str:
        box = boxes.get(match.group("name"))
        frame = shape_bounds(match.group("body"))
        if box is None or frame is None:
            return match.group(0)
        left, top, right, _ = frame
        return match.group(1) + match.group("body") + box_text(box, left, top, right) + "\n"

    return _NODE_GROUP.sub(fill, svg)


def box_sizes(scene: Scene) -> dict[str, tuple[float, float]]:
    """The size of every box of *scene* (by name), in points, as its text needs."""
    widths = measure(scene)
    return {box.name: box_size(box, widths) for box in scene.boxes}


def render_svg(scene: Scene) -> bytes:
    """The scene as SVG, laid out and drawn by the in-process Graphviz."""
    return render_source(layout_source(scene, box_sizes(scene)), scene)


def render_source(source: str, scene: Scene) -> bytes:
    """The DOT *source* of *scene* (boxes as :func:`argmap.draw.dot.layout_source`
    writes them) drawn as SVG by the in-process Graphviz, the text written in."""
    svg = run_wasm(source, "svg", "dot").decode("utf-8")
    return write_text(svg, scene).encode("utf-8")
