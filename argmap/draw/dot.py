"""A map as Graphviz DOT: pure functions that build source text and run nothing.

:func:`to_dot` writes the picture with HTML-like labels, for the ``dot`` program.
:func:`layout_source` writes the same picture with plain boxes of given sizes and no
text, for the in-process Graphviz, which has no HTML-like labels; the text is then
written into its SVG (:mod:`argmap.draw.embedded`).

Map text reaches the DOT only through :func:`argmap.draw.quoting.escape_text`;
DOT names, attribute names and attribute values are the renderer's own.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import graphviz

from ..model import Map
from .quoting import escape_text
from .scene import FONT, LABEL_SIZE, TITLE_SIZE, Box, Cluster, Edge, Scene, Section, Span, build_scene

GRAPH_NAME = "argmap"
CELL_PADDING = 3
"""Padding of a box, in points, as HTML-like labels have it (layout boxes match)."""


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


def _html_section(section: Section) -> str:
    align = section.align
    brk = "<br/>" if align == "center" else f'<br align="{align}"/>'
    style = attrs.evolve(section.lines[0][0], text="")
    if all(len(line) == 1 and attrs.evolve(line[0], text="") == style for line in section.lines):
        # Lines of one style share one font element.
        joined = _html_styled(style, brk.join(escape_text(line[0].text, "label") for line in section.lines))
    else:
        joined = brk.join(_html_line(line) for line in section.lines)
    if align != "center":
        joined += brk
    return f'<tr><td align="{align}" balign="{align}">{joined}</td></tr>'


def html_label(box: Box) -> str:
    """The HTML-like label of a box: a table, one row per section."""
    style = "rounded,dashed" if box.dashed else "rounded"
    rows = "".join(_html_section(section) for section in box.sections)
    border = max(1, round(box.penwidth))
    return (
        f'<<table border="{border}" cellborder="0" cellspacing="0" cellpadding="{CELL_PADDING}" '
        f'color="{box.frame}" bgcolor="{box.fill}" style="{style}">{rows}</table>>'
    )


def _small_caps(text: str, color: str) -> str:
    return f'<<font point-size="{_number(LABEL_SIZE)}" color="{color}"><b>{escape_text(text, "label")}</b></font>>'


def html_source(scene: Scene) -> str:
    """DOT for *scene* with HTML-like labels."""

    def box_attributes(box: Box) -> dict[str, str]:
        return {"label": html_label(box)}

    def cluster_label(cluster: Cluster) -> str:
        return _small_caps(cluster.label, cluster.color)

    title = None
    if scene.title:
        title = f'<<b>{escape_text(scene.title, "label")}</b>>'
    return _source(scene, box_attributes, cluster_label, title, node_shape="plain")


# --- plain boxes for the in-process layout ---------------------------------------


def layout_source(scene: Scene, sizes: dict[str, tuple[float, float]]) -> str:
    """DOT for *scene* with every box an empty rounded box of the given size (in
    points), for a Graphviz without HTML-like labels."""

    def box_attributes(box: Box) -> dict[str, str]:
        width, height = sizes[box.name]
        styles = ["rounded", "filled"] + (["dashed"] if box.dashed else [])
        return {
            "label": "",
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

    title = graphviz.nohtml(escape_text(scene.title, "string")) if scene.title else None
    return _source(scene, box_attributes, cluster_label, title, node_shape="box")


# --- the common frame -------------------------------------------------------------


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


def _source(
    scene: Scene,
    box_attributes: Callable[[Box], dict[str, str]],
    cluster_label: Callable[[Cluster], str],
    title: str | None,
    *,
    node_shape: str,
) -> str:
    theme = scene.theme
    graph = graphviz.Digraph(GRAPH_NAME)
    graph.attr(
        "graph",
        rankdir=scene.rankdir,
        bgcolor=theme.background,
        fontname=FONT,
        fontsize=_number(TITLE_SIZE),
        fontcolor=theme.text,
        nodesep="0.22",
        ranksep="0.28",
        outputorder="edgesfirst",
        pad="0.15",
    )
    if title:
        graph.attr("graph", label=title, labelloc="t", labeljust="c")
    graph.attr("node", shape=node_shape, fontname=FONT, fontsize="11", fontcolor=theme.text)
    graph.attr("edge", arrowsize="0.75", fontname=FONT)

    clustered = {member: cluster for cluster in scene.clusters for member in cluster.members}
    boxes = {box.name: box for box in scene.boxes}

    def add_box(target: graphviz.Digraph, box: Box) -> None:
        target.node(box.name, id=box.name, **{"class": f"box {box.kind}"}, **box_attributes(box))

    for box in scene.boxes:
        if box.name not in clustered:
            add_box(graph, box)
    for cluster in scene.clusters:
        with graph.subgraph(name=cluster.name) as frame:
            frame.attr(
                label=cluster_label(cluster),
                fontname=FONT,
                fontsize=_number(LABEL_SIZE),
                fontcolor=cluster.color,
                color=cluster.color,
                style="rounded",
                penwidth="1.2",
                labeljust="l",
                labelloc="b",
                margin="6",
            )
            for member in cluster.members:
                add_box(frame, boxes[member])
    for junction in scene.junctions:
        graph.node(
            junction.name,
            id=junction.name,
            **{"class": "junction"},
            label="",
            shape="point",
            width="0.07",
            height="0.07",
            color=junction.color,
            fillcolor=junction.color,
        )
    for edge in scene.edges:
        graph.edge(edge.tail, edge.head, **_edge_attributes(edge))
    return graph.source
