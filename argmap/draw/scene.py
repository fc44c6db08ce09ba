"""What a picture of a map shows, before any DOT or SVG is written.

:func:`build_scene` turns a map and the drawing options into a :class:`Scene`: boxes
with their lines of text, junction points, frames around linked reasons and the lines
between them, each with its colours from the theme. Both ways of drawing read the
same scene: :mod:`argmap.draw.dot` writes it as DOT with HTML-like labels for a
Graphviz that has them, and :mod:`argmap.draw.embedded` lays out plain boxes with
the in-process Graphviz and writes their text into the SVG itself.

Names in the scene (``n0``, ``j3``, ``cluster_r2``) are generated from positions in
the map, never from its text, so they are safe to use as DOT names and SVG ids, and
the same map always gives the same scene.
"""

from __future__ import annotations

import functools
import re
import textwrap
import unicodedata

import attrs

from ..collector import without_gc
from ..model import Map, Node, Relation
from .errors import RenderOptionError, unknown
from .themes import THEMES, VERDICTS, Theme

DIRECTIONS = {"up": "BT", "down": "TB", "right": "LR", "left": "RL"}
"""Where the conclusion goes, and Graphviz's ``rankdir`` for it: ``up`` puts the
conclusion on top with the arrows pointing up to it (the default), ``down`` puts it
at the bottom, ``right`` and ``left`` at the right or left side."""

FONT = "DejaVu Sans"
TEXT_SIZE = 11.0
SMALL_SIZE = 8.0
LABEL_SIZE = 7.5
TITLE_SIZE = 14.0

LINE_NAMES = {
    "support": ("\u2014\u2014\u25b6", "supports"),
    "evidence": ("- - \u25b6", "is evidence for"),
    "objection": ("\u2014\u2014\u22a3", "objects to"),
    "rebuttal": ("\u2014\u2014\u22a3", "rebuts"),
    "undercut": ("- - \u22a3", "undercuts the inference"),
}


@attrs.frozen
class Span:
    """A run of text in one font size, weight and colour."""

    text: str
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    strike: bool = False


@attrs.frozen
class Section:
    """Lines of text in a box, each a tuple of spans, with their alignment."""

    lines: tuple[tuple[Span, ...], ...]
    align: str = "center"


@attrs.frozen
class Box:
    """A box: one node of the map (or the legend)."""

    name: str
    kind: str
    sections: tuple[Section, ...]
    frame: str
    fill: str
    dashed: bool
    penwidth: float


@attrs.frozen
class Junction:
    """The point where the premises of one inference meet."""

    name: str
    color: str


@attrs.frozen
class Edge:
    """A line from *tail* to *head*; ``arrowhead`` is ``none`` for the lines that
    join premises at a junction."""

    name: str
    tail: str
    head: str
    kind: str
    role: str  # "premise": premise to junction; "inference": junction to target
    color: str
    arrowhead: str
    dashed: bool
    penwidth: float


@attrs.frozen
class Cluster:
    """The frame around the co-premises of a linked reason."""

    name: str
    label: str
    color: str
    members: tuple[str, ...]


@attrs.frozen
class Scene:
    """Everything a picture of a map shows, in a fixed order."""

    rankdir: str
    theme: Theme
    title: str | None
    boxes: tuple[Box, ...]
    junctions: tuple[Junction, ...]
    clusters: tuple[Cluster, ...]
    edges: tuple[Edge, ...]


def is_wide(char: str) -> bool:
    """Whether *char* takes two columns (Chinese, Japanese and Korean scripts)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _wrap_wide(paragraph: str, width: int) -> list[str]:
    """Wrap text with wide characters: they count as two columns, and a line may
    break before any of them."""
    tokens = re.findall(r"\s+|[^\s]", paragraph)
    words: list[str] = []
    for token in tokens:  # glue narrow characters into words, keep wide ones single
        narrow = not token.isspace() and not is_wide(token)
        if narrow and words and not words[-1].isspace() and not is_wide(words[-1][-1]):
            words[-1] += token
        else:
            words.append(token)
    lines: list[str] = []
    line, used = "", 0
    for word in words:
        size = sum(2 if is_wide(c) else 1 for c in word)
        if word.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + word, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


@functools.lru_cache(maxsize=64)
def _greedy_lines(width: int) -> re.Pattern:
    """A line of as many whole words as fit in *width* columns (words of at most
    *width* characters, separated by single spaces)."""
    return re.compile(rf"[^ ].{{0,{width - 1}}}(?= |\Z)")


@functools.lru_cache(maxsize=64)
def _long_word(width: int) -> re.Pattern:
    """A word of more than *width* characters (in text without other white space
    than single spaces)."""
    return re.compile(rf"[^ ]{{{width + 1}}}")


def _wrap_plain(paragraph: str, width: int) -> list[str] | None:
    """``textwrap.wrap(paragraph, width)`` for the common case it can be done
    directly: words separated by single spaces, no hyphen, no word longer than
    *width*; None for any other paragraph. (The lines are the same: every line is
    as many whole words as fit, joined by one space.)"""
    if (
        not paragraph
        or "-" in paragraph
        or "  " in paragraph
        or paragraph[0] == " "
        or paragraph[-1] == " "
        or not paragraph.isprintable()
        or _long_word(width).search(paragraph)
    ):
        return None
    return _greedy_lines(width).findall(paragraph)


def _has_wide(paragraph: str) -> bool:
    return not paragraph.isascii() and any(is_wide(char) for char in paragraph)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if lines:
            lines.append("")
        if width <= 0:
            lines.append(paragraph)
        elif _has_wide(paragraph):
            lines.extend(_wrap_wide(paragraph, width) or [""])
        else:
            wrapped = _wrap_plain(paragraph, width)
            if wrapped is None:
                wrapped = textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=True)
            lines.extend(wrapped or [""])
    return lines


def line_kind(map: Map, relation: Relation) -> str:
    """How *relation* is drawn: ``support``, ``evidence``, ``objection``,
    ``rebuttal`` or ``undercut`` (the kind of its first premise decides between the
    two kinds of support and of attack)."""
    first = map.node(relation.premises[0]).kind if map.has_node(relation.premises[0]) else None
    if relation.kind == "support":
        return "evidence" if first == "evidence" else "support"
    if relation.kind == "attack":
        return "rebuttal" if first == "rebuttal" else "objection"
    return "undercut"


def _check_options(theme, direction, wrap, verdicts) -> Theme:
    if theme not in THEMES:
        raise unknown("theme", theme, THEMES)
    if direction not in DIRECTIONS:
        raise unknown("direction", direction, DIRECTIONS)
    if not isinstance(wrap, int) or isinstance(wrap, bool) or (wrap != 0 and wrap < 8):
        raise RenderOptionError(f"wrap must be 0 (no wrapping) or a number of characters from 8 up, not {wrap!r}")
    for node_id, verdict in (verdicts or {}).items():
        if verdict not in VERDICTS:
            raise RenderOptionError(
                f"unknown verdict {verdict!r} for {node_id!r} (must be one of {', '.join(VERDICTS)})"
            )
    return THEMES[theme]


def _node_box(
    node: Node,
    name: str,
    theme: Theme,
    *,
    wrap: int,
    show_ids: bool,
    show_sources: bool,
    verdict: str | None,
    shared: dict | None = None,
) -> Box:
    """The box of *node*. Parts that many boxes have alike (the header of a kind,
    the lines of a set of tags) are kept in *shared* and used again: scenes are
    immutable, so boxes can share them."""
    if shared is None:
        shared = {}
    style = theme.boxes[node.kind]
    frame, fill, text_color, label_color, strike = style.frame, style.fill, theme.text, style.label, False
    if verdict is not None:
        look = theme.verdicts[verdict]
        frame, fill, text_color, strike = look.frame, look.fill, look.text, look.strike
        if strike:
            label_color = look.text
    key = ("header", node.kind, label_color)
    header = shared.get(key)
    if header is None:
        header = shared[key] = Span(node.kind.upper(), LABEL_SIZE, label_color, bold=True)
    if show_ids:
        sections = [Section(((header, Span(node.id, LABEL_SIZE, theme.muted)),), align="left")]
    else:
        key = ("header section", node.kind, label_color)
        section = shared.get(key)
        if section is None:
            section = shared[key] = Section(((header,),), align="left")
        sections = [section]
    body = tuple((Span(line, TEXT_SIZE, text_color, strike=strike),) for line in _wrap(node.text, wrap))
    sections.append(Section(body))
    footer: list[tuple[Span, ...]] = []
    if node.tags:
        width = max(wrap, 8) if wrap else 0
        key = ("tags", node.tags, width, theme.muted)
        lines = shared.get(key)
        if lines is None:
            tags = " ".join("#" + tag for tag in node.tags)
            lines = shared[key] = tuple((Span(line, SMALL_SIZE, theme.muted),) for line in _wrap(tags, width))
        footer.extend(lines)
    source = node.attribute("source")
    if source and (show_sources or node.kind == "evidence"):
        footer.extend(
            (Span(line, SMALL_SIZE, theme.muted, italic=True),)
            for line in _wrap("source: " + source, round(wrap * 1.3) if wrap else 0)
        )
    if verdict is not None:
        footer.append((Span(theme.verdicts[verdict].mark, LABEL_SIZE, theme.verdicts[verdict].frame, bold=True),))
    if footer:
        key = ("footer", tuple(footer))
        section = shared.get(key)
        if section is None:
            section = shared[key] = Section(key[1], align="left")
        sections.append(section)
    return Box(name, node.kind, tuple(sections), frame, fill, style.dashed, style.penwidth)


def _legend_box(map: Map, theme: Theme, line_kinds: list[str], linked: bool, verdicts) -> Box:
    style = theme.boxes["legend"]
    kinds = [kind for kind in theme.boxes if kind != "legend" and any(n.kind == kind for n in map.nodes)]
    lines: list[tuple[Span, ...]] = [
        (
            Span("\u25a0", TEXT_SIZE, theme.boxes[kind].frame),
            Span(kind.upper(), LABEL_SIZE, theme.boxes[kind].label, bold=True),
        )
        for kind in kinds
    ]
    for kind in line_kinds:
        look = theme.lines[kind]
        symbol, words = LINE_NAMES[kind]
        lines.append((Span(symbol, TEXT_SIZE, look.color), Span(words, SMALL_SIZE, theme.text)))
    if linked:
        lines.append(
            (
                Span("REASON", LABEL_SIZE, theme.lines["support"].color, bold=True),
                Span("premises that count only together", SMALL_SIZE, theme.text),
            )
        )
    for verdict in VERDICTS:
        if verdict in (verdicts or {}).values():
            look = theme.verdicts[verdict]
            lines.append((Span(look.mark, LABEL_SIZE, look.frame, bold=True),))
    header = Section(((Span("LEGEND", LABEL_SIZE, style.label, bold=True),),), align="left")
    sections = (header, Section(tuple(lines), align="left"))
    return Box("legend", "legend", sections, style.frame, style.fill, style.dashed, style.penwidth)


def _drawable(map: Map, names: dict[str, str]) -> set[str]:
    """The ids of the relations that can be drawn: some premise is a node, and the
    target is a node (or, for an undercut, a relation that can be drawn)."""
    drawable: set[str] = set()
    changed = True
    while changed:
        changed = False
        for relation in map.relations:
            if relation.id in drawable or not any(p in names for p in relation.premises):
                continue
            target_ok = relation.target in drawable if relation.kind == "undercut" else relation.target in names
            if target_ok:
                drawable.add(relation.id)
                changed = True
    return drawable


@without_gc()  # many small objects, no cycles (see argmap.collector)
def build_scene(
    map: Map,
    *,
    theme: str = "default",
    direction: str = "up",
    wrap: int = 28,
    show_ids: bool = False,
    show_sources: bool = False,
    legend: bool = False,
    verdicts: dict[str, str] | None = None,
) -> Scene:
    """The scene for *map* drawn with the given options (see :func:`argmap.draw.to_dot`)."""
    look = _check_options(theme, direction, wrap, verdicts)
    verdicts = dict(verdicts or {})
    names = {node.id: f"n{index}" for index, node in enumerate(map.nodes)}
    shared: dict = {}
    boxes = [
        _node_box(
            node,
            names[node.id],
            look,
            wrap=wrap,
            show_ids=show_ids,
            show_sources=show_sources,
            verdict=verdicts.get(node.id),
            shared=shared,
        )
        for node in map.nodes
    ]
    junction_names = {relation.id: f"j{index}" for index, relation in enumerate(map.relations)}
    junctions: list[Junction] = []
    clusters: list[Cluster] = []
    edges: list[Edge] = []
    clustered: set[str] = set()
    used_kinds: list[str] = []
    drawable = _drawable(map, names)
    for index, relation in enumerate(map.relations):
        if relation.id not in drawable:
            continue  # a dangling reference: the checks report it, the picture leaves it out
        premises = [p for p in relation.premises if p in names]
        target = junction_names[relation.target] if relation.kind == "undercut" else names[relation.target]
        kind = line_kind(map, relation)
        if kind not in used_kinds:
            used_kinds.append(kind)
        line = look.lines[kind]
        junction = junction_names[relation.id]
        junctions.append(Junction(junction, line.color))
        for position, premise in enumerate(premises):
            drawn = (line.color, "none", line.dashed, line.penwidth)
            edges.append(Edge(f"r{index}p{position}", names[premise], junction, kind, "premise", *drawn))
        drawn = (line.color, line.arrowhead, line.dashed, line.penwidth)
        edges.append(Edge(f"r{index}", junction, target, kind, "inference", *drawn))
        # A box can sit in one frame only: a linked reason whose premises are
        # already framed elsewhere is shown by its junction alone.
        if len(premises) > 1 and not clustered.intersection(premises):
            clustered.update(premises)
            label = "REASON" if relation.kind == "support" else "REASON AGAINST"
            clusters.append(Cluster(f"cluster_r{index}", label, line.color, tuple(names[p] for p in premises)))
    if legend:
        ordered = [kind for kind in ("support", "evidence", "objection", "rebuttal", "undercut") if kind in used_kinds]
        boxes.append(_legend_box(map, look, ordered, bool(clusters), verdicts))
    return Scene(
        rankdir=DIRECTIONS[direction],
        theme=look,
        title=map.meta("title"),
        boxes=tuple(boxes),
        junctions=tuple(junctions),
        clusters=tuple(clusters),
        edges=tuple(edges),
    )
