"""The DOT of a scene written the plain way: every statement through the graphviz
package's ``Digraph.node``, ``.edge``, ``.attr`` and ``.subgraph``.

:mod:`argmap.draw.dot` writes the same statements from templates, quoting the
attributes that boxes, junctions and lines of one kind share once per picture
(it is several times faster); the tests check that the two give the same text.
Both take the attributes from the same functions of :mod:`argmap.draw.dot`, so
this checks how the statements are put together, not what they say.
"""

from __future__ import annotations

import graphviz

from argmap.draw.dot import (
    GRAPH_NAME,
    Drawing,
    _cluster_attributes,
    _edge_attributes,
    _graph_attributes,
    _junction_attributes,
    edge_ends,
    html_drawing,
    layout_drawing,
)
from argmap.draw.scene import FONT, Box, Scene


def reference_source(scene: Scene, drawing: Drawing) -> str:
    graph = graphviz.Digraph(GRAPH_NAME)
    graph.attr("graph", **_graph_attributes(scene))
    if drawing.title:
        graph.attr("graph", label=drawing.title, labelloc="t", labeljust="c")
    graph.attr("node", shape=drawing.node_shape, fontname=FONT, fontsize="11", fontcolor=scene.theme.text)
    graph.attr("edge", arrowsize="0.75", fontname=FONT)

    clustered = {member for cluster in scene.clusters for member in cluster.members}
    by_name = {box.name: box for box in scene.boxes}

    def add_box(target: graphviz.Digraph, box: Box) -> None:
        label, attributes = drawing.all_box_attributes(box)
        target.node(box.name, label=label, **attributes)

    for box in scene.boxes:
        if box.name not in clustered:
            add_box(graph, box)
    for cluster in scene.clusters:
        with graph.subgraph(name=cluster.name) as frame:
            frame.attr(**_cluster_attributes(cluster, drawing.cluster_label(cluster)))
            for member in cluster.members:
                add_box(frame, by_name[member])
    for junction in scene.junctions:
        label, attributes = _junction_attributes(junction)
        graph.node(junction.name, label=label, **attributes)
    for edge in scene.edges:
        graph.edge(*edge_ends(edge), **_edge_attributes(edge))
    return graph.source


def reference_html_source(scene: Scene) -> str:
    return reference_source(scene, html_drawing(scene))


def reference_layout_source(scene: Scene, sizes: dict[str, tuple[float, float]]) -> str:
    return reference_source(scene, layout_drawing(scene, sizes))
