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
import itertools
import operator
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import graphviz
from graphviz.quoting import KEYWORDS, quote, quote_edge

from ..collector import without_gc
from ..model import Map
from .quoting import escape_text, escape_texts
from .scene import (
    FONT,
    LABEL_SIZE,
    TITLE_SIZE,
    Box,
    Cluster,
    Edge,
    Junction,
    Scene,
    Section,
    Span,
    TextLines,
    build_scene,
)
from .shape import DEFAULT_PAGE, NODE_GAP, RANK_GAP

GRAPH_NAME = "argmap"
FRAME_MARGIN = 4
"""Points between the frame of a linked reason and its boxes: 4 rather than 6 makes
every map measured by ``bench/bench_layout.py`` print larger, with no more crossings
or lines on top of each other (3 makes some print smaller)."""
CELL_PADDING = 2
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
    page: str = DEFAULT_PAGE,
    repeats: bool = True,
    color_by: str | None = None,
    thin_junction_ranks: bool = False,
) -> str:
    """The map as DOT source with HTML-like labels, ready for Graphviz's ``dot``.

    *theme* is a name from :data:`~argmap.draw.THEMES`; *direction* says where the
    conclusion goes (:data:`~argmap.draw.DIRECTIONS`); text is wrapped to *wrap*
    characters (0: not at all); *show_ids* and *show_sources* add each node's id and
    ``source`` attribute; *legend* adds a key to the kinds and lines; *verdicts*
    (node id to ``in``, ``out`` or ``undecided``) colours the boxes by verdict;
    wide fans are staggered to fit *page* (``a4-landscape``, ``a3``, ``letter``...,
    see :mod:`argmap.draw.shape`); with *repeats*, a box used in two branches of
    the map is drawn again, marked REPEATED, where a line would cross the map;
    ``color_by="tag"`` fills each box by its first tag, with a key to the tags;
    *thin_junction_ranks* keeps boxes off the junctions' ranks (:func:`argmap.draw.render`
    chooses it where it prints the map larger, see :mod:`argmap.draw.choice`).
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
        page=page,
        repeats=repeats,
        color_by=color_by,
        thin_junction_ranks=thin_junction_ranks,
    )
    return html_source(scene)


def to_dot_pieces(map: Map, **options: Any) -> Iterator[str]:
    """:func:`to_dot` in pieces of some hundreds of whole statements, made as they are
    written, so that a large map's DOT is never held whole; the options are
    :func:`to_dot`'s and are checked at once, before the first piece."""
    return html_source_pieces(build_scene(map, **options))


# --- HTML-like labels ---------------------------------------------------------


_LOOK = operator.itemgetter(slice(1, None))
"""Everything about a span but its text: size, colour, bold, italic, strike (the
fields of a :class:`Span` after its text)."""
_FIRST = operator.itemgetter(0)
_TEXT = operator.attrgetter("text")


@functools.lru_cache(maxsize=256)
def _font_tags(look: tuple) -> tuple[str, str]:
    """The opening and closing tags that give text the *look* of a span."""
    size, color, bold, italic, strike = look
    opening, closing = f'<font point-size="{_number(size)}" color="{color}">', "</font>"
    for tag, wanted in (("s", strike), ("i", italic), ("b", bold)):
        if wanted:
            opening, closing = f"{opening}<{tag}>", f"</{tag}>{closing}"
    return opening, closing


def _html_styled(span: Span, inner: str) -> str:
    """*inner* (already HTML) in the font, weight and colour of *span*."""
    opening, closing = _font_tags(_LOOK(span))
    return f"{opening}{inner}{closing}"


def _html_line(line: tuple[Span, ...]) -> str:
    return "&#160;&#160;".join([_html_styled(span, escape_text(span.text, "label")) for span in line])


def _one_look(lines: tuple[tuple[Span, ...], ...]) -> tuple | None:
    """The look of the spans of *lines* if each line is one span and all look
    alike, else None."""
    if set(map(len, lines)) != {1}:
        return None
    looks = set(map(_LOOK, map(_FIRST, lines)))
    return looks.pop() if len(looks) == 1 else None


def _html_section(section: Section) -> str:
    align = section.align
    brk = "<br/>" if align == "center" else f'<br align="{align}"/>'
    lines = section.lines
    look: tuple | None
    if isinstance(lines, TextLines):  # of one look, as made
        look, texts = lines.look, list(lines.texts)
    else:
        look = _one_look(lines)
        texts = list(map(_TEXT, map(_FIRST, lines))) if look is not None else []
    if look is not None:
        # Lines of one style share one font element.
        opening, closing = _font_tags(look)
        joined = f"{opening}{brk.join(escape_texts(texts, 'label'))}{closing}"
    else:
        joined = brk.join([_html_line(line) for line in lines])
    if align != "center":
        joined += brk
    return f'<tr><td align="{align}" balign="{align}">{joined}</td></tr>'


@functools.lru_cache(maxsize=256)
def _table_tag(frame: str, fill: str, dashed: bool, penwidth: float) -> str:
    """The start of the label of a box with this frame and fill, to the opening
    tag of its table."""
    style = "rounded,dashed" if dashed else "rounded"
    border = max(1, round(penwidth))
    return (
        f'<<table border="{border}" cellborder="0" cellspacing="0" cellpadding="{CELL_PADDING}" '
        f'color="{frame}" bgcolor="{fill}" style="{style}">'
    )


def html_label(box: Box, sections: dict[int, str] | None = None) -> str:
    """The HTML-like label of a box: a table, one row per section. *sections*, if
    given, keeps the rows written so far, by the identity of their section (boxes
    often share sections), for the next boxes of the same scene."""
    return "".join(html_label_parts(box, {} if sections is None else sections))


def html_label_parts(box: Box, sections: dict[int, str]) -> list[str]:
    """:func:`html_label` in parts, to be joined (*sections* as there): the DOT
    takes them as they are, without copying the whole label first."""
    parts = [_table_tag(box.frame, box.fill, box.dashed, box.penwidth)]
    for section in box.sections:
        row = sections.get(id(section))
        if row is None:
            row = sections[id(section)] = _html_section(section)
        parts.append(row)
    parts.append("</table>>")
    return parts


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

    label_parts = functools.partial(html_label_parts, sections=sections)

    def box_attributes(box: Box) -> tuple[str, dict[str, str]]:
        return "".join(label_parts(box)), {}

    def cluster_label(cluster: Cluster) -> str:
        return _small_caps(cluster.label, cluster.color)

    title = f"<<b>{escape_text(scene.title, 'label')}</b>>" if scene.title else None
    return Drawing(
        box_attributes,
        label_parts=label_parts,
        varying=(),
        look=operator.attrgetter("kind"),
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
        label_parts=None,
        varying=("width", "height"),
        look=operator.attrgetter("kind", "dashed", "frame", "fill", "penwidth"),
        cluster_label=cluster_label,
        title=graphviz.nohtml(escape_text(scene.title, "string")) if scene.title else None,
        node_shape="box",
    )


# --- the common frame -------------------------------------------------------------
#
# The statements are those of graphviz.Digraph.node, .edge, .attr and .subgraph,
# with their attribute lists written as graphviz.quoting.a_list writes them (the
# label first, then the other attributes sorted by name, every name and value
# through graphviz.quoting.quote), but from a template per look: most attributes are
# the same for every box, junction or line of one kind, and are quoted once per
# picture, not once per statement. Statements are written as fragments joined only
# once, into the whole source or a piece of it: a large map's DOT runs to tens of
# megabytes, and each copy of it costs. tests/draw/reference_dot.py builds the same
# DOT statement by statement with the package's Digraph methods, and the tests
# compare the two.


class Drawing:
    """What differs between the two ways of writing a scene: *box_attributes*
    gives a box's label and its attributes besides ``id`` and ``class``;
    *label_parts*, for a label that differs between boxes of the same *look*,
    gives that label in parts to be joined (an HTML-like label, which DOT takes as
    it is); *varying* names the other attributes that differ between boxes of the
    same look (the rest are the same for every box with that look);
    *cluster_label* is the label of a frame, *title* that of the picture, and
    *node_shape* the default shape of nodes."""

    def __init__(
        self,
        box_attributes: Callable[[Box], tuple[str, dict[str, str]]],
        *,
        label_parts: Callable[[Box], list[str]] | None,
        varying: tuple[str, ...],
        look: Callable[[Box], object],
        cluster_label: Callable[[Cluster], str],
        title: str | None,
        node_shape: str,
    ) -> None:
        self.box_attributes = box_attributes
        self.label_parts = label_parts
        self.varying = varying
        self.look = look
        self.cluster_label = cluster_label
        self.title = title
        self.node_shape = node_shape

    def all_box_attributes(self, box: Box) -> tuple[str, dict[str, str]]:
        """The label and every other attribute of *box*'s node statement."""
        label, attributes = self.box_attributes(box)
        return label, {"id": box.name, "class": f"box {box.kind}", **attributes}


_Template = tuple[str, tuple[tuple[str, str], ...]]
"""An attribute list with gaps: the text before the first gap, then for each gap
the name of the attribute whose quoted value fills it and the text after it."""

_LABEL = "label"


def _template(
    label: str | None, attributes: dict[str, str], varying: tuple[str, ...], opening: str = " [", closing: str = "]\n"
) -> _Template:
    """The attribute list that ``graphviz.quoting.a_list(label, kwargs=attributes)``
    writes, between *opening* and *closing*, with a gap for the value of each name
    in *varying* (:data:`_LABEL` for the label)."""
    listed: list[tuple[str, str | None]] = sorted(attributes.items())
    if label is not None or _LABEL in varying:
        listed.insert(0, (_LABEL, label))
    texts, gaps = [], []
    text, separator = opening, ""
    for name, value in listed:
        if name in varying:
            texts.append(f"{text}{separator}{quote(name)}=")
            gaps.append(name)
            text = ""
        elif value is not None:
            text += f"{separator}{quote(name)}={quote(value)}"
        else:
            continue
        separator = " "
    texts.append(text + closing)
    return texts[0], tuple(zip(gaps, texts[1:], strict=True))


def _around_one_gap(template: _Template) -> tuple[str, str]:
    """The texts before and after the one gap of *template*."""
    before, ((_, after),) = template
    return before, after


def _edge_attributes(edge: Edge) -> dict[str, str]:
    attributes = {
        "id": edge.name,
        "class": f"{edge.role} {edge.kind}",
        "color": edge.color,
        "arrowhead": edge.arrowhead,
        "penwidth": _number(edge.penwidth),
    }
    if edge.backward:  # written head -> tail (see edge_ends): the arrow is drawn at the tail
        attributes.update(dir="back", arrowhead="none", arrowtail=edge.arrowhead)
    if edge.dashed:
        attributes["style"] = "dashed"
    if edge.weight != 1:
        attributes["weight"] = str(edge.weight)
    if edge.minlen != 1:
        attributes["minlen"] = str(edge.minlen)
    return attributes


def edge_ends(edge: Edge) -> tuple[str, str]:
    """The names an edge statement joins, in the order written: a backward edge
    is written from its head, so that Graphviz ranks its tail above the head."""
    return (edge.head, edge.tail) if edge.backward else (edge.tail, edge.head)


_edge_look = operator.itemgetter(slice(3, None))
"""What :func:`_edge_attributes` depends on, but for the edge's name: the fields
of an :class:`Edge` after its name and ends."""


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
        "nodesep": _number(NODE_GAP / 72),
        "ranksep": _number(RANK_GAP / 72),
        "ordering": "in",
        "splines": "polyline",
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
        "margin": str(FRAME_MARGIN),
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


_NAME = operator.attrgetter("name")


def _quoted_names(scene: Scene) -> tuple[_Quoted, _Quoted]:
    """``quote`` and ``quote_edge`` of the names in *scene*, as lookups. The names
    :func:`build_scene` gives are plain DOT names, which both leave as they are:
    a look over all of them at once shows it, and then no name is quoted."""
    names, ends = _Quoted(quote), _Quoted(quote_edge)
    every = [*map(_NAME, scene.boxes), *map(_NAME, scene.clusters), *map(_NAME, scene.junctions)]
    every += map(_NAME, scene.edges)
    if _plain_names(every):
        names.update(zip(every, every, strict=True))
        ends.update(names)
    return names, ends


def _plain_names(names: list[str]) -> bool:
    """Whether every one of *names* is a DOT name that ``quote`` leaves as it is:
    an ASCII identifier, not a keyword of DOT."""
    return "".join(names).isascii() and all(map(str.isidentifier, names)) and KEYWORDS.isdisjoint(map(str.lower, names))


_PIECE = 512
"""Statements per piece of DOT handed out by :func:`_pieces`."""


def _source(scene: Scene, drawing: Drawing) -> str:
    return "".join(itertools.chain.from_iterable(_statements(scene, drawing)))


def _pieces(scene: Scene, drawing: Drawing) -> Iterator[str]:
    """The DOT of *scene*, a few hundred statements at a time: dot can read the
    first while the next are written."""
    statements = _statements(scene, drawing)
    while batch := list(itertools.islice(statements, _PIECE)):
        yield "".join(itertools.chain.from_iterable(batch))


def pinned_source(scene: Scene, drawing: Drawing, pins: Any) -> str:
    """The DOT of *scene* with every position given by *pins* (an
    :class:`argmap.draw.packing.Pins`), laid out by Graphviz's ``nop2`` engine
    (named in the graph, so that ``dot`` draws it as it is): each line with its
    ``pos``, then each node's ``pos`` and each frame's ``bb`` (and label position)
    as statements of their own, which Graphviz merges into the node or frame
    already written."""
    names, _ = _quoted_names(scene)
    *statements, closing = _statements(scene, drawing, pins.edges)
    statements.append(("\tgraph [layout=nop2]\n",))
    for name, position in pins.nodes.items():
        statements.append(("\t", names[name], f" [pos={quote(position)}]\n"))
    for name, (bb, label) in pins.clusters.items():
        attributes = f"bb={quote(bb)}" + (f" lp={quote(label)}" if label else "")
        statements.append((f"\tsubgraph {names[name]} {{ graph [{attributes}] }}\n",))
    return "".join(itertools.chain.from_iterable([*statements, closing]))


def _statements(
    scene: Scene, drawing: Drawing, edge_positions: dict[str, str] | None = None
) -> Iterator[Sequence[str]]:
    """The statements of the DOT of *scene*, each in fragments to be joined; with
    *edge_positions*, each line with its ``pos`` (by the line's name)."""
    graph = graphviz.Digraph(GRAPH_NAME)
    graph.attr("graph", **_graph_attributes(scene))
    if drawing.title:
        graph.attr("graph", label=drawing.title, labelloc="t", labeljust="c")
    graph.attr("node", shape=drawing.node_shape, fontname=FONT, fontsize="11", fontcolor=scene.theme.text)
    graph.attr("edge", arrowsize="0.75", fontname=FONT)
    *opening, closing = graph  # the graph's statements so far, and its closing line

    names, ends = _quoted_names(scene)
    box_statement = _box_writer(drawing, names)
    clustered = {member for cluster in scene.clusters for member in cluster.members}
    yield opening
    yield from (box_statement(box, "\t") for box in scene.boxes if box.name not in clustered)
    yield from _cluster_statements(scene, drawing, names, box_statement)
    yield from _junction_statements(scene, names)
    yield from _edge_statements(scene, names, ends, edge_positions)
    yield (closing,)


def _no_label_parts(box: Box) -> list[str]:
    return []


def _box_writer(drawing: Drawing, names: _Quoted) -> Callable[[Box, str], list[str]]:
    """The node statement of a box, after the given indent, from a template per
    look of box."""
    templates: dict[object, _Template] = {}
    look, box_attributes = drawing.look, drawing.box_attributes
    label_parts = drawing.label_parts or _no_label_parts  # asked for only when the label is a gap
    varying = (_LABEL, "id", *drawing.varying) if drawing.label_parts else ("id", *drawing.varying)
    attributes_vary = bool(drawing.varying)

    def box_statement(box: Box, indent: str) -> list[str]:
        template = templates.get(look(box))
        if template is None:
            label, attributes = drawing.all_box_attributes(box)
            template = templates[look(box)] = _template(label, attributes, varying)
        before, gaps = template
        name = names[box.name]
        fragments = [indent, name, before]
        attributes = box_attributes(box)[1] if attributes_vary else {}
        for gap, after in gaps:
            if gap == _LABEL:
                fragments += label_parts(box)
            elif gap == "id":
                fragments.append(name)
            else:
                fragments.append(quote(attributes[gap]))
            fragments.append(after)
        return fragments

    return box_statement


def _cluster_statements(
    scene: Scene, drawing: Drawing, names: _Quoted, box_statement: Callable[[Box, str], list[str]]
) -> Iterator[list[str]]:
    """A subgraph statement per frame, with the node statements of its boxes."""
    by_name = {box.name: box for box in scene.boxes}
    attribute_lines: dict[tuple[str, str], str] = {}
    for cluster in scene.clusters:
        look = (cluster.label, cluster.color)
        line = attribute_lines.get(look)
        if line is None:
            attributes = _cluster_attributes(cluster, drawing.cluster_label(cluster))
            line = attribute_lines[look] = _template(None, attributes, (), "\t\t", "\n")[0]
        fragments = [f"\tsubgraph {names[cluster.name]} {{\n" if cluster.name else "\t{\n", line]
        for member in cluster.members:
            fragments += box_statement(by_name[member], "\t\t")
        fragments.append("\t}\n")
        yield fragments


def _junction_statements(scene: Scene, names: _Quoted) -> Iterator[tuple[str, ...]]:
    around_name: dict[str, tuple[str, ...]] = {}  # by colour
    for junction in scene.junctions:
        texts = around_name.get(junction.color)
        if texts is None:
            label, attributes = _junction_attributes(junction)
            texts = around_name[junction.color] = _around_one_gap(_template(label, attributes, ("id",)))
        name = names[junction.name]
        yield ("\t", name, texts[0], name, texts[1])


def _edge_statements(
    scene: Scene, names: _Quoted, ends: _Quoted, positions: dict[str, str] | None = None
) -> Iterator[tuple[str, ...]]:
    around_name: dict[tuple, tuple[str, ...]] = {}  # by look
    for edge in scene.edges:
        look = _edge_look(edge)
        texts = around_name.get(look)
        if texts is None:
            texts = around_name[look] = _around_one_gap(_template(None, _edge_attributes(edge), ("id",)))
        first, second = edge_ends(edge)
        after = texts[1]
        if positions is not None and edge.name in positions:  # the list ends "]\n"
            after = f"{after[:-2]} pos={quote(positions[edge.name])}]\n"
        yield ("\t", ends[first], " -> ", ends[second], texts[0], names[edge.name], after)
