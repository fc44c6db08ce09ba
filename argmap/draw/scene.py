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

The parts of a scene are named tuples: immutable, so that boxes can share the parts
they have alike, and quick to make by the hundred thousand for a large map.
"""

from __future__ import annotations

import functools
import re
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, overload

from ..collector import without_gc
from ..model import Map, Node, Relation
from .errors import RenderOptionError, unknown
from .shape import (
    DEFAULT_PAGE,
    MAX_BOXES,
    Link,
    Model,
    estimate_box,
    fans_of,
    page_names,
    ranks_spanned,
    staggering,
)
from .themes import COLOR_BY, TAG_FILLS, THEMES, VERDICTS, Theme

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


class Span(NamedTuple):
    """A run of text in one font size, weight and colour."""

    text: str
    size: float
    color: str
    bold: bool = False
    italic: bool = False
    strike: bool = False


class TextLines(Sequence):
    """Lines of text all in one look, each line one span: the sequence of one-span
    lines that :attr:`Section.lines` holds, with each line made only when it is
    asked for. The boxes of a large map hold their text this way rather than as
    hundreds of thousands of spans, and writers can take :attr:`texts` and
    :attr:`look` as they are."""

    __slots__ = ("look", "texts")

    def __init__(self, texts: tuple[str, ...], look: tuple[float, str, bool, bool, bool]) -> None:
        self.texts = texts
        self.look = look  # a span's fields after its text: size, color, bold, italic, strike

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> tuple[Span]: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[Span], ...]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self)[index]
        return (Span(self.texts[index], *self.look),)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextLines):
            return self.texts == other.texts and self.look == other.look
        return tuple(self) == other

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


class Section(NamedTuple):
    """Lines of text in a box, each a tuple of spans (lines all of one look may
    come as :class:`TextLines`), with their alignment."""

    lines: tuple[tuple[Span, ...], ...] | TextLines
    align: str = "center"


class Box(NamedTuple):
    """A box: one node of the map (or the legend)."""

    name: str
    kind: str
    sections: tuple[Section, ...]
    frame: str
    fill: str
    dashed: bool
    penwidth: float


class Junction(NamedTuple):
    """The point where the premises of one inference meet."""

    name: str
    color: str


class Edge(NamedTuple):
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
    weight: int = 1  # how hard Graphviz keeps the line short and straight
    minlen: int = 1  # ranks the line spans at least (more staggers a box of a wide fan)
    backward: bool = False  # laid out from head to tail: the tail's box goes above the head


class Cluster(NamedTuple):
    """The frame around the co-premises of a linked reason."""

    name: str
    label: str
    color: str
    members: tuple[str, ...]


class Scene(NamedTuple):
    """Everything a picture of a map shows, in a fixed order."""

    rankdir: str
    theme: Theme
    title: str | None
    boxes: tuple[Box, ...]
    junctions: tuple[Junction, ...]
    clusters: tuple[Cluster, ...]
    edges: tuple[Edge, ...]


def _quick(record: type) -> Callable[[tuple], Any]:
    """``record(*fields)`` for a named tuple *record*, without the Python call of
    its constructor, for the parts a large map has by the hundred thousand: the
    fields come as one tuple, every one of them, in order."""
    return functools.partial(tuple.__new__, record)


_new_section = _quick(Section)
_new_box = _quick(Box)
_new_junction = _quick(Junction)
_new_edge = _quick(Edge)


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
    ):
        return None
    lines = _greedy_lines(width).findall(paragraph)
    # The lines make up the whole paragraph, with one space between each two,
    # unless a word is longer than *width*: no line can hold it.
    if sum(map(len, lines)) + len(lines) - 1 != len(paragraph):
        return None
    return lines


def _has_wide(paragraph: str) -> bool:
    return not paragraph.isascii() and any(is_wide(char) for char in paragraph)


def _wrap(text: str, width: int) -> list[str]:
    if width > 0 and "\n" not in text and not _has_wide(text):
        quick = _wrap_plain(text, width)  # the common case: one paragraph, quickly
        if quick is not None:
            return quick
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
    return _line_kind(relation.kind, first)


def _line_kind(relation_kind: str, first_premise_kind: str | None) -> str:
    if relation_kind == "support":
        return "evidence" if first_premise_kind == "evidence" else "support"
    if relation_kind == "attack":
        return "rebuttal" if first_premise_kind == "rebuttal" else "objection"
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


class _BoxLook(NamedTuple):
    """What the boxes of one kind with one verdict (or none) have alike."""

    frame: str
    fill: str
    body: tuple[float, str, bool, bool, bool]  # the look of its text (see TextLines)
    dashed: bool
    penwidth: float
    header: Span
    header_section: Section


class _BoxMaker:
    """The boxes of one scene. Parts that many boxes have alike (the header of a
    kind, the lines of a set of tags, a footer) are made once and shared: scenes
    are immutable, so boxes can share them."""

    def __init__(self, theme: Theme, *, wrap: int, show_ids: bool, show_sources: bool) -> None:
        self.theme = theme
        self.wrap = wrap
        self.show_ids = show_ids
        self.show_sources = show_sources
        self._looks: dict[tuple[str, str | None], _BoxLook] = {}
        self._footers: dict[tuple, Section] = {}

    def box(self, node: Node, name: str, verdict: str | None) -> Box:
        """The box of *node*, named *name*, coloured by *verdict* if not None."""
        look = self._looks.get((node.kind, verdict)) or self._look(node.kind, verdict)
        body = _new_section((TextLines(tuple(_wrap(node.text, self.wrap)), look.body), "center"))
        if self.show_ids:
            header = Section(((look.header, Span(node.id, LABEL_SIZE, self.theme.muted)),), align="left")
        else:
            header = look.header_section
        source = node.attribute("source") if node.attributes else None
        if source and not (self.show_sources or node.kind == "evidence"):
            source = None
        sections: tuple[Section, ...] = (header, body)
        if node.tags or source or verdict is not None:
            sections = (header, body, self._footer(node.tags, source, verdict))
        return _new_box((name, node.kind, sections, look.frame, look.fill, look.dashed, look.penwidth))

    def _look(self, kind: str, verdict: str | None) -> _BoxLook:
        theme = self.theme
        style = theme.boxes[kind]
        frame, fill, text_color, label_color, strike = style.frame, style.fill, theme.text, style.label, False
        if verdict is not None:
            marked = theme.verdicts[verdict]
            frame, fill, text_color, strike = marked.frame, marked.fill, marked.text, marked.strike
            if strike:
                label_color = marked.text
        header = Span(kind.upper(), LABEL_SIZE, label_color, bold=True)
        header_section = Section(((header,),), align="left")
        body = (TEXT_SIZE, text_color, False, False, strike)
        look = _BoxLook(frame, fill, body, style.dashed, style.penwidth, header, header_section)
        self._looks[kind, verdict] = look
        return look

    def _footer(self, tags: tuple[str, ...], source: str | None, verdict: str | None) -> Section:
        """The lines under the text: tags, source, verdict."""
        key = (tags, source, verdict)
        section = self._footers.get(key)
        if section is None:
            theme, wrap = self.theme, self.wrap
            lines: list[tuple[Span, ...]] = []
            if tags:
                tagged = " ".join("#" + tag for tag in tags)
                width = max(wrap, 8) if wrap else 0
                lines.extend((Span(line, SMALL_SIZE, theme.muted),) for line in _wrap(tagged, width))
            if source:
                lines.extend(
                    (Span(line, SMALL_SIZE, theme.muted, italic=True),)
                    for line in _wrap("source: " + source, round(wrap * 1.3) if wrap else 0)
                )
            if verdict is not None:
                look = theme.verdicts[verdict]
                lines.append((Span(look.mark, LABEL_SIZE, look.frame, bold=True),))
            section = self._footers[key] = Section(tuple(lines), align="left")
        return section


def _scheme_lines(map: Map, theme: Theme) -> list[tuple[Span, ...]]:
    """A legend line per scheme the map's reasons name: its name and id."""
    from ..schemes import builtin_catalogue

    written = dict.fromkeys(r.attribute("scheme") for r in map.relations if r.attributes) if map.relations else {}
    lines: list[tuple[Span, ...]] = []
    for name in written:
        if name is None:
            continue
        scheme = builtin_catalogue().find(name)
        words = f"{scheme.name} ({scheme.id})" if scheme else name
        lines.append(
            (Span("SCHEME", LABEL_SIZE, theme.lines["support"].color, bold=True), Span(words, SMALL_SIZE, theme.text))
        )
    return lines


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
    lines.extend(_scheme_lines(map, theme))
    for verdict in VERDICTS:
        if verdict in (verdicts or {}).values():
            look = theme.verdicts[verdict]
            lines.append((Span(look.mark, LABEL_SIZE, look.frame, bold=True),))
    header = Section(((Span("LEGEND", LABEL_SIZE, style.label, bold=True),),), align="left")
    sections = (header, Section(tuple(lines), align="left"))
    return Box("legend", "legend", sections, style.frame, style.fill, style.dashed, style.penwidth)


def _tag_fills(map: Map) -> dict[str, str]:
    """The fill of each first tag of a node, in the order the tags first appear."""
    fills: dict[str, str] = {}
    for node in map.nodes:
        if node.tags and node.tags[0] not in fills:
            fills[node.tags[0]] = TAG_FILLS[min(len(fills), len(TAG_FILLS) - 1)]
    return fills


def _tag_legend(fills: dict[str, str], theme: Theme) -> Box:
    """A key to the fills of :func:`_tag_fills` (the first tag of a box decides)."""
    style = theme.boxes["legend"]
    lines = tuple(
        (Span("\u25a0", TEXT_SIZE, fill), Span("#" + tag, SMALL_SIZE, theme.text)) for tag, fill in fills.items()
    )
    header = Section(((Span("TAGS (FIRST TAG OF A BOX)", LABEL_SIZE, style.label, bold=True),),), align="left")
    return Box(
        "legend_tags",
        "legend",
        (header, Section(lines, align="left")),
        style.frame,
        style.fill,
        style.dashed,
        style.penwidth,
    )


def _drawable(map: Map, names: dict[str, str]) -> set[str]:
    """The ids of the relations that can be drawn: some premise is a node, and the
    target is a node (or, for an undercut, a relation that can be drawn)."""
    drawable: set[str] = set()
    undercuts = []
    for relation in map.relations:
        if names.keys().isdisjoint(relation.premises):
            continue
        if relation.kind == "undercut":
            undercuts.append(relation)
        elif relation.target in names:
            drawable.add(relation.id)
    changed = True
    while changed:  # an undercut can be drawn once its target can, which may be an undercut
        changed = False
        for relation in undercuts:
            if relation.id not in drawable and relation.target in drawable:
                drawable.add(relation.id)
                changed = True
    return drawable


class _Links(NamedTuple):
    """The junctions, frames and lines of a scene, and the kinds of line drawn."""

    junctions: tuple[Junction, ...]
    clusters: tuple[Cluster, ...]
    edges: tuple[Edge, ...]
    kinds: tuple[str, ...]


PREMISE_WEIGHT = 4
"""Weight of a line from a co-premise to its junction: heavier than the line on to
the target, so that Graphviz puts the junction just above the middle of its reason
instead of in a row under the target, with the premise lines running sideways to it."""


def _junctioned(map: Map, drawable: set[str], names: dict[str, str]) -> set[str]:
    """The relations drawn through a junction point: those whose co-premises join
    there, and those an undercut attacks (the undercut's line ends on it). The
    others are drawn as one line from their premise to their target."""
    junctioned = set()
    for relation in map.relations:
        if relation.id not in drawable:
            continue
        if relation.kind == "undercut":
            junctioned.add(relation.target)
        if sum(premise in names for premise in relation.premises) > 1:
            junctioned.add(relation.id)
    return junctioned


def _upward(map: Map, names: dict[str, str]) -> set[str]:
    """The undercuts drawn above the line they attack: those of a linked reason,
    and those of an undercut drawn so."""
    upward = {r.id for r in map.relations if sum(premise in names for premise in r.premises) > 1}
    undercuts = [r for r in map.relations if r.kind == "undercut"]
    changed = True
    while changed:
        changed = False
        for relation in undercuts:
            if relation.id not in upward and relation.target in upward:
                upward.add(relation.id)
                changed = True
    return {r.id for r in undercuts if r.id in upward}


_Stagger = Callable[[set[str], set[str], set[str]], dict[str, int]]


class _LinkWriter:
    """Collects the junctions, frames and lines of :func:`_links`, one relation at a time."""

    def __init__(
        self, map: Map, names: dict[str, str], theme: Theme, repeated: dict[tuple[str, str], str], thin: bool
    ) -> None:
        self.names = names
        self.thin = thin
        self.theme = theme
        self.repeated = repeated
        self.junction_names = {relation.id: f"j{index}" for index, relation in enumerate(map.relations)}
        self.node_kinds = {node.id: node.kind for node in map.nodes}
        self.junctions: list[Junction] = []
        self.clusters: list[Cluster] = []
        self.edges: list[Edge] = []
        self.clustered: set[str] = set()
        self.kinds: dict[str, None] = {}  # in the order first drawn

    def add(self, index: int, relation: Relation, junctioned: bool, minlen: int, backward: bool) -> None:
        """The lines of *relation* (the *index*-th of the map): through a junction
        if *junctioned*, its last line spanning *minlen* ranks, laid out upward if
        *backward*; and the frame of a linked reason."""
        names = self.names
        premises = [self.repeated.get((relation.id, p)) or names[p] for p in relation.premises if p in names]
        target = self.junction_names[relation.target] if relation.kind == "undercut" else names[relation.target]
        kind = _line_kind(relation.kind, self.node_kinds.get(relation.premises[0]))
        self.kinds[kind] = None
        line = self.theme.lines[kind]
        inference = f"r{index}"
        start = premises[0]
        if junctioned:
            start = self.junction_names[relation.id]
            self.junctions.append(_new_junction((start, line.color)))
            for position, premise in enumerate(premises):
                premise_edge = (f"{inference}p{position}", premise, start, kind, "premise", line.color, "none")
                self.edges.append(_new_edge((*premise_edge, line.dashed, line.penwidth, PREMISE_WEIGHT, 1, False)))
        inference_edge = (inference, start, target, kind, "inference", line.color, line.arrowhead)
        span = ranks_spanned(minlen, junctioned, relation.kind == "undercut") if self.thin else minlen
        self.edges.append(_new_edge((*inference_edge, line.dashed, line.penwidth, 1, span, backward)))
        self._frame(index, relation, premises, line.color)

    def _frame(self, index: int, relation: Relation, premises: list[str], color: str) -> None:
        # A box can sit in one frame only: a linked reason whose premises are
        # already framed elsewhere is shown by its junction alone. A reason that
        # names a scheme is framed even with one premise, to carry the scheme's name.
        scheme = relation.attribute("scheme") if relation.attributes else None
        if not (len(premises) > 1 or scheme) or not self.clustered.isdisjoint(premises):
            return
        self.clustered.update(premises)
        label = "REASON" if relation.kind == "support" else "REASON AGAINST"
        if scheme:
            from ..schemes.catalogue import scheme_name

            label = f"{label} \u00b7 {scheme_name(scheme)}"
        self.clusters.append(Cluster(f"cluster_r{index}", label, color, tuple(premises)))

    def result(self) -> _Links:
        return _Links(tuple(self.junctions), tuple(self.clusters), tuple(self.edges), tuple(self.kinds))


def _links(
    map: Map,
    names: dict[str, str],
    theme: Theme,
    minlens: _Stagger,
    repeated: dict[tuple[str, str], str],
    thin: bool = False,
) -> _Links:
    """Every relation that can be drawn: the lines from its premises (through a
    junction where they join or an undercut lands) to its target, and (for a
    linked reason) a frame around its premises. *minlens* gives, for the sets of
    relations that can be drawn, drawn through a junction and drawn upward, the
    ``minlen`` of those to stagger; *repeated* names the box drawn again for a
    premise in a relation (see :func:`_repeats`); *thin* keeps the junctions' ranks
    free of boxes (see :func:`argmap.draw.shape.ranks_spanned`)."""
    drawable = _drawable(map, names)
    junctioned = _junctioned(map, drawable, names)
    # An undercut of a linked reason is laid out above the junction it lands
    # on, beside the line it attacks: from below, its line would run along the
    # frame of the reason and cross the lines of the co-premises.
    upward = _upward(map, names)
    staggered = minlens(drawable, junctioned, upward)
    writer = _LinkWriter(map, names, theme, repeated, thin)
    for index, relation in enumerate(map.relations):
        if relation.id in drawable:  # else a dangling reference: the checks report it, the picture leaves it out
            writer.add(index, relation, relation.id in junctioned, staggered.get(relation.id, 1), relation.id in upward)
    return writer.result()


def _repeats(map: Map, names: dict[str, str]) -> dict[tuple[str, str], str]:
    """Where a box is drawn again (as Rationale does), so that no line has to cross
    the map to reach it: for each use of a node as a premise in another branch of
    the map (under another of the relations aimed at a conclusion) than its first
    use, (relation id, node id) to the name of the box drawn there."""
    drawable = _drawable(map, names)
    relations = [relation for relation in map.relations if relation.id in drawable]
    by_id = {relation.id: relation for relation in relations}
    home: dict[str, Relation] = {}
    for relation in relations:
        for premise in relation.premises:
            home.setdefault(premise, relation)

    def branch(relation: Relation) -> str:
        seen = {relation.id}
        while True:
            above = by_id.get(relation.target) if relation.kind == "undercut" else home.get(relation.target)
            if above is None or above.id in seen:
                return relation.id
            seen.add(above.id)
            relation = above

    repeated: dict[tuple[str, str], str] = {}
    for relation in relations:
        for premise in relation.premises:
            first = home[premise]  # every premise of a drawable relation has a first use
            if premise in names and first is not relation and branch(first) != branch(relation):
                repeated[relation.id, premise] = f"{names[premise]}_{len(repeated)}"
    return repeated


def _repeated_box(box: Box, name: str, muted: str) -> Box:
    """A copy of *box* named *name*, its header marked REPEATED."""
    header, *rest = box.sections
    marked = Section((tuple(header.lines[0]) + (Span("REPEATED", LABEL_SIZE, muted, bold=True),),), header.align)
    return box._replace(name=name, sections=(marked, *rest))


def _stagger(
    map: Map, boxes: list[Box], direction: str, page: str, repeated: dict[tuple[str, str], str], thin: bool
) -> _Stagger:
    """How :func:`_links` gets the ``minlen`` of the lines that stagger the map's
    wide fans to fit *page* (see :mod:`argmap.draw.shape`)."""

    def minlens(drawable: set[str], junctioned: set[str], upward: set[str]) -> dict[str, int]:
        if len(boxes) > MAX_BOXES:
            return {}
        node_of = {box.name: node.id for node, box in zip(map.nodes, boxes, strict=False)}  # then repeats
        node_of.update({name: f"{name}/{node}" for (_, node), name in repeated.items()})
        sizes, area = _sizes_on_page(boxes, node_of, direction, page)
        links = [
            Link(r.id, r.kind, tuple(node_of.get(repeated.get((r.id, p), ""), p) for p in r.premises), r.target)
            for r in map.relations
            if r.id in drawable
        ]
        clustered = {
            premise for link in links if link.id in junctioned and len(link.premises) > 1 for premise in link.premises
        }
        model = Model(links, sizes, junctioned, upward, clustered, thin)
        return staggering(model, area, fans_of(links, [node.id for node in map.roots()]))

    return minlens


def _sizes_on_page(
    boxes: list[Box], node_of: dict[str, str], direction: str, page: str
) -> tuple[dict[str, tuple[float, float]], str]:
    """The estimated size of each box (by node id) along and across the ranks, and
    the page as the ranks see it (turned when they run across it)."""
    sizes = {node_of[box.name]: estimate_box(box.sections) for box in boxes if box.name in node_of}
    if direction not in ("right", "left"):
        return sizes, page
    name, _, orientation = page.partition("-")
    turned = {node_id: (height, width) for node_id, (width, height) in sizes.items()}
    return turned, name + ("-portrait" if orientation == "landscape" else "-landscape")


def _boxes(map: Map, maker: _BoxMaker, names: dict[str, str], verdicts: dict[str, str]) -> list[Box]:
    """The box of every node of *map*, in order."""
    return [maker.box(node, names[node.id], verdicts.get(node.id)) for node in map.nodes]


def _check_choices(page: str, color_by: str | None) -> None:
    if page not in page_names():
        raise unknown("page", page, page_names())
    if color_by is not None and color_by not in COLOR_BY:
        raise unknown("color_by", color_by, COLOR_BY)


def _colored_by_tag(map: Map, boxes: list[Box], tag_fills: dict[str, str]) -> list[Box]:
    """*boxes* (one per node of *map*, in order) filled by the first tag of their node."""
    if not tag_fills:
        return boxes
    return [
        box._replace(fill=tag_fills[node.tags[0]]) if node.tags else box
        for node, box in zip(map.nodes, boxes, strict=True)
    ]


def _legends(
    map: Map, look: Theme, links: _Links, verdicts: dict[str, str] | None, tag_fills: dict[str, str]
) -> list[Box]:
    """The legend boxes asked for: of the kinds and lines (if *verdicts* is not
    None), and of the tags (if there are *tag_fills*)."""
    legends = []
    if verdicts is not None:
        kinds: tuple[str, ...] = ("support", "evidence", "objection", "rebuttal", "undercut")
        ordered = [kind for kind in kinds if kind in links.kinds]
        legends.append(_legend_box(map, look, ordered, bool(links.clusters), verdicts))
    if tag_fills:
        legends.append(_tag_legend(tag_fills, look))
    return legends


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
    page: str = DEFAULT_PAGE,
    repeats: bool = True,
    color_by: str | None = None,
    thin_junction_ranks: bool = False,
) -> Scene:
    """The scene for *map* drawn with the given options (see :func:`argmap.draw.to_dot`);
    wide fans are staggered to fit *page* (see :mod:`argmap.draw.shape`), and with
    *repeats* a box used in two branches of the map is drawn again in the second,
    marked REPEATED, instead of a line across the map; ``color_by="tag"`` fills each
    box with a colour for its first tag and adds a legend of the tags. With
    *thin_junction_ranks*, every box is put on an even rank and every junction on
    an odd one (see :func:`argmap.draw.shape.ranks_spanned`)."""
    look = _check_options(theme, direction, wrap, verdicts)
    _check_choices(page, color_by)
    verdicts = dict(verdicts or {})
    names = {node.id: f"n{index}" for index, node in enumerate(map.nodes)}
    maker = _BoxMaker(look, wrap=wrap, show_ids=show_ids, show_sources=show_sources)
    tag_fills = _tag_fills(map) if color_by == "tag" else {}
    boxes = _colored_by_tag(map, _boxes(map, maker, names, verdicts), tag_fills)
    repeated = _repeats(map, names) if repeats else {}
    by_name = {box.name: box for box in boxes}
    boxes += [_repeated_box(by_name[name.split("_")[0]], name, look.muted) for name in repeated.values()]
    stagger = _stagger(map, boxes, direction, page, repeated, thin_junction_ranks)
    links = _links(map, names, look, stagger, repeated, thin_junction_ranks)
    boxes += _legends(map, look, links, verdicts if legend else None, tag_fills)
    return Scene(
        rankdir=DIRECTIONS[direction],
        theme=look,
        title=map.meta("title"),
        boxes=tuple(boxes),
        junctions=links.junctions,
        clusters=links.clusters,
        edges=links.edges,
    )
