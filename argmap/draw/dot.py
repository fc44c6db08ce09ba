"""A map as Graphviz DOT: pure functions that build source text and run nothing.

:func:`to_dot` writes the picture with HTML-like labels, for the ``dot`` program.
:func:`layout_source` writes the same picture with plain boxes of given sizes and no
text, for the in-process Graphviz, which has no HTML-like labels; the text is then
written into its SVG (:mod:`argmap.draw.embedded`).

Map text reaches the DOT only through :func:`argmap.draw.quoting.escape_text`;
DOT names, attribute names and attribute values are the renderer's own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import graphviz
from graphviz.quoting import quote, quote_edge

from ..collector import without_gc
from ..model import Map
from .quoting import escape_text
from .scene import FONT, LABEL_SIZE, TITLE_SIZE, Box, Cluster, Edge, Junction, Scene, Section, Span, build_scene

GRAPH_NAME = "argmap"
CELL_PADDING = 3
"""Padding of a box, in points, as HTML-like labels have it (layout boxes match)."""


@functools.lru_cache(maxsize=256)
def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def to_dot(
    map: Map,
    *,
    theme: str = "default",
    direction: str = "up",
    wrap: int = 28,
    show_ids: bool = False,
    show_sources: bool = False,
    legend: bool = False,
    verdicts: dict[str, str] | None = None,
) -> str:
    """The map as DOT source with HTML-like labels, ready for Graphviz's ``dot``.

    *theme* is a name from :data:`~argmap.draw.THEMES`; *direction* says where the
    conclusion goes (:data:`~argmap.draw.DIRECTIONS`); text is wrapped to *wrap*
    characters (0: not at all); *show_ids* and *show_sources* add each node's id and
    ``source`` attribute; *legend* adds a key to the kinds and lines; *verdicts*
    (node id to ``in``, ``out`` or ``undecided``) colours the boxes by verdict.
    The same map and options always give the same text.
    """
    scene = build_scene(
        map,
        theme=theme,
        direction=direction,
        wrap=wrap,
        show_ids=show_ids,
        show_sources=show_sources,
        legend=legend,
        verdicts=verdicts,
    )
    return html_source(scene)


# --- HTML-like labels ---------------------------------------------------------


def _html_styled(span: Span, inner: str) -> str:
    """*inner* (already HTML) in the font, weight and colour of *span*."""
    if span.bold:
        inner = f"<b>{inner}</b>"
    if span.italic:
        inner = f"<i>{inner}</i>"
    if span.strike:
        inner = f"<s>{inner}</s>"
    return f'<font point-size="{_number(span.size)}" color="{span.color}">{inner}</font>'


def _html_line(line: tuple[Span, ...]) -> str:
    return "&#160;&#160;".join(_html_styled(span, escape_text(span.text, "label")) for span in line)


def _look(span: Span) -> tuple:
    """Everything about *span* but its text."""
    return (span.size, span.color, span.bold, span.italic, span.strike)


def _html_section(section: Section) -> str:
    align = section.align
    brk = "<br/>" if align == "center" else f'<br align="{align}"/>'
    lines = section.lines
    first = lines[0][0]
    look = _look(first)
    if all(len(line) == 1 and _look(line[0]) == look for line in lines):
        # Lines of one style share one font element.
        joined = _html_styled(first, brk.join([escape_text(line[0].text, "label") for line in lines]))
    else:
        joined = brk.join([_html_line(line) for line in lines])
    if align != "center":
        joined += brk
    return f'<tr><td align="{align}" balign="{align}">{joined}</td></tr>'


def html_label(box: Box, sections: dict[int, str] | None = None) -> str:
    """The HTML-like label of a box: a table, one row per section. *sections*, if
    given, keeps the rows written so far, by the identity of their section (boxes
    often share sections), for the next boxes of the same scene."""
    style = "rounded,dashed" if box.dashed else "rounded"
    if sections is None:
        rows = "".join([_html_section(section) for section in box.sections])
    else:
        done = []
        for section in box.sections:
            row = sections.get(id(section))
            if row is None:
                row = sections[id(section)] = _html_section(section)
            done.append(row)
        rows = "".join(done)
    border = max(1, round(box.penwidth))
    return (
        f'<<table border="{border}" cellborder="0" cellspacing="0" cellpadding="{CELL_PADDING}" '
        f'color="{box.frame}" bgcolor="{box.fill}" style="{style}">{rows}</table>>'
    )


def _small_caps(text: str, color: str) -> str:
    return f'<<font point-size="{_number(LABEL_SIZE)}" color="{color}"><b>{escape_text(text, "label")}</b></font>>'


def html_source(scene: Scene) -> str:
    """DOT for *scene* with HTML-like labels."""
    with without_gc():  # many small strings, no cycles (see argmap.collector)
        return _source(scene, html_drawing(scene))


def html_source_pieces(scene: Scene) -> Iterator[str]:
    """:func:`html_source` in pieces, each some hundreds of whole statements, made
    as they are asked for."""
    return _pieces(scene, html_drawing(scene))


def html_drawing(scene: Scene) -> Drawing:
    """How :func:`html_source` writes the boxes, frames and title of *scene*."""
    sections: dict[int, str] = {}  # the scene keeps every section alive meanwhile

    def box_attributes(box: Box) -> tuple[str, dict[str, str]]:
        return html_label(box, sections), {}

    def cluster_label(cluster: Cluster) -> str:
        return _small_caps(cluster.label, cluster.color)

    title = f'<<b>{escape_text(scene.title, "label")}</b>>' if scene.title else None
    return Drawing(
        box_attributes,
        label_varies=True,
        varying=(),
        look=lambda box: box.kind,
        cluster_label=cluster_label,
        title=title,
        node_shape="plain",
    )


# --- plain boxes for the in-process layout ---------------------------------------


def layout_source(scene: Scene, sizes: dict[str, tuple[float, float]]) -> str:
    """DOT for *scene* with every box an empty rounded box of the given size (in
    points), for a Graphviz without HTML-like labels."""
    return _source(scene, layout_drawing(scene, sizes))


def layout_drawing(scene: Scene, sizes: dict[str, tuple[float, float]]) -> Drawing:
    """How :func:`layout_source` writes the boxes, frames and title of *scene*."""

    def box_attributes(box: Box) -> tuple[str, dict[str, str]]:
        width, height = sizes[box.name]
        styles = ["rounded", "filled"] + (["dashed"] if box.dashed else [])
        return "", {
            "shape": "box",
            "style": ",".join(styles),
            "fixedsize": "true",
            "width": _number(width / 72),
            "height": _number(height / 72),
            "color": box.frame,
            "fillcolor": box.fill,
            "penwidth": _number(box.penwidth),
        }

    def cluster_label(cluster: Cluster) -> str:
        return graphviz.nohtml(cluster.label)

    return Drawing(
        box_attributes,
        label_varies=False,
        varying=("width", "height"),
        look=lambda box: (box.kind, box.dashed, box.frame, box.fill, box.penwidth),
        cluster_label=cluster_label,
        title=graphviz.nohtml(escape_text(scene.title, "string")) if scene.title else None,
        node_shape="box",
    )


# --- the common frame -------------------------------------------------------------
#
# The statements are those of graphviz.Digraph.node, .edge and .attr, with their
# attribute lists written as graphviz.quoting.a_list writes them (the label first,
# then the other attributes sorted by name, every name and value through
# graphviz.quoting.quote), but from a template per look: most attributes are the
# same for every box, junction or line of one kind, and are quoted once per
# picture, not once per statement. tests/draw/reference_dot.py builds the same
# DOT statement by statement with the package's Digraph methods, and the tests
# compare the two.


class Drawing:
    """What differs between the two ways of writing a scene: *box_attributes*
    gives a box's label and its attributes besides ``id`` and ``class``;
    *label_varies* and *varying* say which of them differ between boxes of the
    same *look* (the others are the same for every box with that look);
    *cluster_label* is the label of a frame, *title* that of the picture, and
    *node_shape* the default shape of nodes."""

    def __init__(
        self,
        box_attributes: Callable[[Box], tuple[str, dict[str, str]]],
        *,
        label_varies: bool,
        varying: tuple[str, ...],
        look: Callable[[Box], object],
        cluster_label: Callable[[Cluster], str],
        title: str | None,
        node_shape: str,
    ) -> None:
        self.box_attributes = box_attributes
        self.label_varies = label_varies
        self.varying = varying
        self.look = look
        self.cluster_label = cluster_label
        self.title = title
        self.node_shape = node_shape

    def all_box_attributes(self, box: Box) -> tuple[str, dict[str, str]]:
        """The label and every other attribute of *box*'s node statement."""
        label, attributes = self.box_attributes(box)
        return label, {"id": box.name, "class": f"box {box.kind}", **attributes}


_VARIES = object()
"""A label that differs from statement to statement (see :func:`_template`)."""


def _template(label: object, attributes: dict[str, str], varying: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """A %-format of the attribute list that ``graphviz.quoting.a_list(label,
    kwargs=attributes)`` writes, with a ``%s`` for the quoted label (when *label*
    is :data:`_VARIES`) and for the quoted value of each name in *varying*; and
    those names in the order of their ``%s``."""
    parts = []
    slots = []
    if label is _VARIES:
        parts.append("label=%s")
    elif label is not None:
        parts.append(f"label={quote(label)}".replace("%", "%%"))
    for name, value in sorted(attributes.items()):
        if name in varying:
            parts.append(quote(name).replace("%", "%%") + "=%s")
            slots.append(name)
        elif value is not None:
            parts.append(f"{quote(name)}={quote(value)}".replace("%", "%%"))
    return " ".join(parts), tuple(slots)


def _edge_attributes(edge: Edge) -> dict[str, str]:
    attributes = {
        "id": edge.name,
        "class": f"{edge.role} {edge.kind}",
        "color": edge.color,
        "arrowhead": edge.arrowhead,
        "penwidth": _number(edge.penwidth),
    }
    if edge.dashed:
        attributes["style"] = "dashed"
    if edge.role == "inference":
        attributes["weight"] = "3"
    return attributes


def _edge_look(edge: Edge) -> tuple:
    """What :func:`_edge_attributes` depends on, but for the edge's name."""
    return (edge.role, edge.kind, edge.color, edge.arrowhead, edge.dashed, edge.penwidth)


def _junction_attributes(junction: Junction) -> tuple[str, dict[str, str]]:
    attributes = {
        "id": junction.name,
        "class": "junction",
        "shape": "point",
        "width": "0.07",
        "height": "0.07",
        "color": junction.color,
        "fillcolor": junction.color,
    }
    return "", attributes


def _graph_attributes(scene: Scene) -> dict[str, str]:
    theme = scene.theme
    return {
        "rankdir": scene.rankdir,
        "bgcolor": theme.background,
        "fontname": FONT,
        "fontsize": _number(TITLE_SIZE),
        "fontcolor": theme.text,
        "nodesep": "0.22",
        "ranksep": "0.28",
        "outputorder": "edgesfirst",
        "pad": "0.15",
    }


def _cluster_attributes(cluster: Cluster, label: str) -> dict[str, str]:
    return {
        "label": label,
        "fontname": FONT,
        "fontsize": _number(LABEL_SIZE),
        "fontcolor": cluster.color,
        "color": cluster.color,
        "style": "rounded",
        "penwidth": "1.2",
        "labeljust": "l",
        "labelloc": "b",
        "margin": "6",
    }


class _Quoted(dict):
    """*quote(text)* for each text looked up, each quoted once (the names of boxes
    and junctions come back in the lines that join them)."""

    def __init__(self, quote: Callable[[str], str]) -> None:
        super().__init__()
        self.quote = quote

    def __missing__(self, text: str) -> str:
        quoted = self[text] = self.quote(text)
        return quoted


_PIECE = 512
"""Statements per piece of DOT handed out by :func:`_pieces`."""


def _source(scene: Scene, drawing: Drawing) -> str:
    return "".join(_pieces(scene, drawing))


def _pieces(scene: Scene, drawing: Drawing) -> Iterator[str]:
    """The DOT of *scene*, a few hundred statements at a time: dot can read the
    first while the next are written."""
    theme = scene.theme
    graph = graphviz.Digraph(GRAPH_NAME)
    graph.attr("graph", **_graph_attributes(scene))
    if drawing.title:
        graph.attr("graph", label=drawing.title, labelloc="t", labeljust="c")
    graph.attr("node", shape=drawing.node_shape, fontname=FONT, fontsize="11", fontcolor=theme.text)
    graph.attr("edge", arrowsize="0.75", fontname=FONT)
    # The graph's statements so far, then those below, then its closing line.
    *lines, closing = graph

    clustered = {member: cluster for cluster in scene.clusters for member in cluster.members}
    by_name = {box.name: box for box in scene.boxes}

    names = _Quoted(quote)  # node names, also their ids
    ends = _Quoted(quote_edge)  # node names as ends of edges
    box_templates: dict[object, tuple[str, tuple[str, ...]]] = {}
    box_label = _VARIES if drawing.label_varies else None
    box_varying = ("id", *drawing.varying)

    def box_line(box: Box) -> str:
        label, attributes = drawing.all_box_attributes(box)
        look = drawing.look(box)
        template = box_templates.get(look)
        if template is None:
            template = box_templates[look] = _template(box_label or label, attributes, box_varying)
        form, slots = template
        values = [names[attributes[name]] if name == "id" else quote(attributes[name]) for name in slots]
        if box_label is _VARIES:
            values.insert(0, quote(label))
        return f"\t{names[box.name]} [{form % tuple(values)}]\n"

    for box in scene.boxes:
        if box.name not in clustered:
            lines.append(box_line(box))
            if len(lines) >= _PIECE:
                yield "".join(lines)
                lines = []

    frames = graphviz.Digraph()  # a graph to hold one frame at a time
    cluster_lines: dict[tuple[str, str], str] = {}
    for cluster in scene.clusters:
        look = (cluster.label, cluster.color)
        line = cluster_lines.get(look)
        if line is None:
            form, _ = _template(None, _cluster_attributes(cluster, drawing.cluster_label(cluster)), ())
            line = cluster_lines[look] = f"\t{form % ()}\n"
        frame = graphviz.Digraph(cluster.name, body=[line, *(box_line(by_name[member]) for member in cluster.members)])
        frames.subgraph(frame)
        lines.extend(frames.body)
        frames.body.clear()
        if len(lines) >= _PIECE:
            yield "".join(lines)
            lines = []

    junction_templates: dict[str, tuple[str, tuple[str, ...]]] = {}
    for junction in scene.junctions:
        template = junction_templates.get(junction.color)
        if template is None:
            label, attributes = _junction_attributes(junction)
            template = junction_templates[junction.color] = _template(label, attributes, ("id",))
        name = names[junction.name]
        lines.append(f"\t{name} [{template[0] % name}]\n")
        if len(lines) >= _PIECE:
            yield "".join(lines)
            lines = []

    edge_templates: dict[tuple, tuple[str, tuple[str, ...]]] = {}
    for edge in scene.edges:
        look = _edge_look(edge)
        template = edge_templates.get(look)
        if template is None:
            template = edge_templates[look] = _template(None, _edge_attributes(edge), ("id",))
        attributes = template[0] % quote(edge.name)
        lines.append(f"\t{ends[edge.tail]} -> {ends[edge.head]} [{attributes}]\n")
        if len(lines) >= _PIECE:
            yield "".join(lines)
            lines = []
    lines.append(closing)
    yield "".join(lines)
