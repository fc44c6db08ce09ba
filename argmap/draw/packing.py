"""The branches of a conclusion's wide fan placed by argmap, not by Graphviz.

Graphviz puts the branches under a conclusion side by side in an order of its own,
and nothing in the DOT steers it reliably (see "Layout" in ``docs/rendering.md``).
Here each branch (what hangs under the conclusion once the conclusion is taken away,
a reason's frame kept whole) is laid out by Graphviz on its own, with a point
standing in for the conclusion (and, where a branch hangs under a box with a wide
fan of its own, that fan is packed the same way, to a few shapes). argmap then
packs the branches under a band where the fan's lines meet: each at a depth of its
own, mirrored or not, and as close to the others as its boxes, frames and lines
allow, keeping a corridor free for the line of each branch from its point up to
the band (the searches are in :mod:`argmap.draw.placing`). The lines
run straight up their corridors, along tracks of the band and up into the
conclusion, in the order of their corridors, so they cross neither a box nor each
other. Graphviz's ``nop2`` engine draws the whole with every position given, so the
SVG is the one the rest of the renderer reads. :mod:`argmap.draw.choice` keeps the
packed drawing where it prints larger.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import NamedTuple

from .arrivals import segments_cross
from .errors import RenderError
from .placing import (
    MARGIN,
    TRACK,
    Effort,
    Fill,
    Frame,
    Point,
    Rect,
    Search,
    Shape,
)
from .scene import Junction, Scene
from .shape import FAN, page_area, ranks_spanned
from .svg import svg_number

STAND_IN = "argmap_stand_in_"
"""Prefix of the points that stand in for the conclusion in a branch's own layout."""
SAMPLES = 8
"""Into how many stretches a cubic piece of a line is cut to find the room it takes."""
ARROW = 7.5
"""Length of an arrowhead: Graphviz's 10 points at argmap's ``arrowsize`` 0.75."""
EFFORT = Effort(steps=600, starts=3, failures=40, work=250_000)
"""How hard the branches under the conclusion are packed."""
NESTED_EFFORT = Effort(steps=300, starts=1, failures=15, work=40_000)
"""How hard a branch's own wide fan is packed, for each of :data:`NESTED_SHAPES`."""
PAD = 0.15 * 72
"""Graphviz's ``pad`` around the drawing, which the page holds too (points)."""
TITLE_HEIGHT = 24.0
"""About the height of a map's title over the drawing (points)."""


class Branch(NamedTuple):
    """One branch as Graphviz laid it out, in its own coordinates."""

    nodes: dict[str, tuple[float, float, float, float]]  # name: x, y, width, height
    clusters: dict[str, tuple[str, str | None]]  # name: bb, lp
    edges: dict[str, str]  # edge name: pos
    stand_ins: dict[str, Point]  # name of the fan's edge: where its line ends in the branch's layout


class Pins(NamedTuple):
    """Every position of a drawing: nodes (name: "x,y"), edges (name: pos) and frames (name: (bb, lp))."""

    nodes: dict[str, str]
    edges: dict[str, str]
    clusters: dict[str, tuple[str, str | None]]


LayOut = Callable[[Scene], bytes]
"""Lays a scene out with Graphviz's ``dot`` and returns its ``json0`` output."""


def fan_root(scene: Scene) -> str | None:
    """The conclusion whose fan argmap packs: the one box of kind conclusion, with
    more than :data:`~argmap.draw.shape.FAN` lines aimed at it and none leaving it."""
    roots = [box.name for box in scene.boxes if box.kind == "conclusion"]
    if len(roots) != 1:
        return None
    root = roots[0]
    into = [edge for edge in scene.edges if edge.head == root]
    if len(into) <= FAN or any(
        edge.tail == root or edge.backward for edge in scene.edges if root in (edge.tail, edge.head)
    ):
        return None
    return root


def _groups(scene: Scene, root: str) -> list[list[str]]:
    """The names of each branch: joined by lines once *root* is taken away, a frame's members together."""
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    for edge in scene.edges:
        if root not in (edge.tail, edge.head):
            parent[find(edge.tail)] = find(edge.head)
    for cluster in scene.clusters:
        for member in cluster.members[1:]:
            parent[find(cluster.members[0])] = find(member)
    names = [edge.tail for edge in scene.edges if edge.head == root]
    names += [box.name for box in scene.boxes] + [junction.name for junction in scene.junctions]
    groups: dict[str, list[str]] = {}
    for name in names:
        if name != root:
            groups.setdefault(find(name), []).append(name)
    return list(groups.values())


def _branch_scene(scene: Scene, members: list[str], root: str, reach: int = 1) -> Scene:
    """The part of *scene* that is one branch, its lines to *root* ending at
    stand-ins at least *reach* ranks above where the lines start."""
    inside = set(members)
    fan = [edge for edge in scene.edges if edge.head == root and edge.tail in inside]
    stand_ins = tuple(Junction(STAND_IN + edge.name, "#000000") for edge in fan)
    return scene._replace(
        title=None,
        boxes=tuple(box for box in scene.boxes if box.name in inside),
        junctions=tuple(junction for junction in scene.junctions if junction.name in inside) + stand_ins,
        clusters=tuple(cluster for cluster in scene.clusters if cluster.members[0] in inside),
        edges=tuple(edge for edge in scene.edges if edge.tail in inside and edge.head in inside)
        + tuple(edge._replace(head=STAND_IN + edge.name, minlen=reach) for edge in fan),
    )


def _read_layout(text: bytes) -> Branch:
    """A branch from Graphviz's ``json0`` output."""
    layout = json.loads(text)
    nodes, clusters, stand_ins = {}, {}, {}
    for item in layout.get("objects", ()):
        name = item.get("name", "")
        if "bb" in item:
            clusters[name] = (item["bb"], item.get("lp"))
        elif "pos" in item:
            x, y = (float(value) for value in item["pos"].split(","))
            if name.startswith(STAND_IN):
                stand_ins[name.removeprefix(STAND_IN)] = (x, y)
            else:
                nodes[name] = (x, y, float(item["width"]) * 72, float(item["height"]) * 72)
    edges = {item["id"]: item["pos"] for item in layout.get("edges", ()) if "pos" in item and "id" in item}
    return Branch(nodes, clusters, edges, stand_ins)


def _spline_points(pos: str) -> tuple[list[Point], Point | None, Point | None]:
    """The points of a Graphviz spline, and where its start and end arrows point, if it has them."""
    points: list[Point] = []
    start = end = None
    for token in pos.split():
        parts = token.split(",")
        if parts[0] in ("s", "e"):
            point = (float(parts[1]), float(parts[2]))
            start, end = (point, end) if parts[0] == "s" else (start, point)
        else:
            points.append((float(parts[0]), float(parts[1])))
    return points, start, end


def _bounds(corners: list[Point]) -> Rect:
    acrosses = [a for a, _ in corners]
    alongs = [b for _, b in corners]
    return (min(acrosses), min(alongs), max(acrosses), max(alongs))


def _line_rects(pos: str, frame: Frame) -> list[Rect]:
    """Rectangles that hold a line: each of :data:`SAMPLES` stretches of a cubic
    piece (a diagonal line is not a block: a branch's neighbour may come close
    under it), and an arrowhead, between the line's end and the point it aims at."""
    points, start, end = _spline_points(pos)
    curve = [point for index in range(0, len(points) - 3, 3) for point in _sampled(points[index : index + 4])]
    pieces = [[first, second] for first, second in zip(curve, curve[1:], strict=False)]
    pieces += [[start, points[0]]] if start else []
    pieces += [[points[-1], end]] if end else []
    return [_bounds([frame.to_frame(*point) for point in piece]) for piece in pieces]


def _sampled(piece: list[Point]) -> list[Point]:
    """:data:`SAMPLES` + 1 points along the cubic Bezier piece of four control points *piece*."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = piece
    points = []
    for step in range(SAMPLES + 1):
        t = step / SAMPLES
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        points.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return points


def box_rects(branch: Branch, frame: Frame) -> list[Rect]:
    """The boxes and frames of *branch* as rectangles in (across, along)."""
    rects = [
        _bounds([frame.to_frame(x - width / 2, y - height / 2), frame.to_frame(x + width / 2, y + height / 2)])
        for x, y, width, height in branch.nodes.values()
    ]
    for bb, _ in branch.clusters.values():
        x0, y0, x1, y1 = (float(value) for value in bb.split(","))
        rects.append(_bounds([frame.to_frame(x0, y0), frame.to_frame(x1, y1)]))
    return rects


def _rects(branch: Branch, frame: Frame) -> list[Rect]:
    """Everything *branch* draws, as rectangles in (across, along): boxes, frames and lines."""
    rects = box_rects(branch, frame)
    for pos in branch.edges.values():
        rects += _line_rects(pos, frame)
    return rects


def _shape(branch: Branch, frame: Frame) -> tuple[Shape, Point]:
    """What *branch* occupies, and its origin in its own (across, along): its first stand-in,
    else its top left corner."""
    rects = _rects(branch, frame)
    stand_ins = [frame.to_frame(*point) for point in branch.stand_ins.values()]
    origin = stand_ins[0] if stand_ins else (min(r[0] for r in rects), min(r[1] for r in rects))
    shifted = tuple((a - origin[0], b - origin[1], c - origin[0], d - origin[1]) for a, b, c, d in rects)
    stems = tuple(a - origin[0] for a, _ in stand_ins)
    return Shape.of(shifted, stems), origin


def _straight(start: Point, end: Point) -> list[Point]:
    """A straight piece of a Graphviz spline from *start* (not repeated) to *end*."""
    (a0, b0), (a1, b1) = start, end
    return [(a0 + (a1 - a0) / 3, b0 + (b1 - b0) / 3), (a0 + 2 * (a1 - a0) / 3, b0 + 2 * (b1 - b0) / 3), end]


def _point_text(point: Point) -> str:
    return f"{svg_number(point[0])},{svg_number(point[1])}"


class _Move:
    """A point of a branch's own layout (Graphviz's coordinates) moved to where the
    packing put the branch, in (across, along) or as Graphviz's text."""

    def __init__(self, frame: Frame, origin: Point, sign: float, to: Point) -> None:
        self.frame, self.origin, self.sign, self.to = frame, origin, sign, to

    def __call__(self, x: float, y: float) -> Point:
        across, along = self.frame.to_frame(x, y)
        return (self.sign * (across - self.origin[0]) + self.to[0], along - self.origin[1] + self.to[1])

    def text(self, x: float, y: float) -> str:
        return _point_text(self.frame.from_frame(*self(x, y)))


class _Composer:
    """The positions of every node, line and frame of the packed drawing."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.pins = Pins({}, {}, {})
        self.fan: list[tuple[float, str, list[Point]]] = []  # stem across, line's name, its points so far

    def place_branch(self, branch: Branch, origin: Point, mirrored: bool, offset: float, depth: float) -> None:
        """Pins for *branch* moved from its own layout (its *origin* there) to
        *offset* across and *depth* along, mirrored or not."""
        move = _Move(self.frame, origin, -1.0 if mirrored else 1.0, (offset, depth))
        for name, (x, y, _, _) in branch.nodes.items():
            self.pins.nodes[name] = move.text(x, y)
        for name, (bb, lp) in branch.clusters.items():
            self.pins.clusters[name] = self._frame(move, bb, lp)
        for name, pos in branch.edges.items():
            if name in branch.stand_ins:  # a line of the fan: drawn on to the conclusion by place_root
                points, _, _ = _spline_points(pos)
                self.fan.append((move(*branch.stand_ins[name])[0], name, [move(*p) for p in points]))
            else:
                self.pins.edges[name] = self._line(move, pos)

    def _frame(self, move: _Move, bb: str, lp: str | None) -> tuple[str, str | None]:
        x0, y0, x1, y1 = (float(value) for value in bb.split(","))
        corners = [self.frame.from_frame(*move(x, y)) for x, y in ((x0, y0), (x1, y1))]
        xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
        label = move.text(*(float(v) for v in lp.split(","))) if lp else None
        return ",".join(svg_number(v) for v in (xs[0], ys[0], xs[1], ys[1])), label

    @staticmethod
    def _line(move: _Move, pos: str) -> str:
        points, start, end = _spline_points(pos)
        ends = [f"s,{move.text(*start)}"] if start else []
        ends += [f"e,{move.text(*end)}"] if end else []
        return " ".join(ends + [move.text(*p) for p in points])

    def place_root(self, root: str, size: Point, centre: float) -> None:
        """The conclusion above the band, and the fan's lines to it: up their
        corridors, along a track of the band, up to the conclusion. Lines that
        run to the right take tracks nearer the conclusion the further left they
        start, lines that run to the left the further right they start; so no two
        cross, and one of each kind can share a track."""
        self.fan.sort()
        count = len(self.fan)
        arrivals = [centre - size[0] / 2 + size[0] * (index + 0.5) / count for index in range(count)]
        rightward = [index for index in range(count) if self.fan[index][0] < arrivals[index]]
        leftward = [index for index in range(count) if index not in rightward][::-1]
        tracks = {index: rank for group in (rightward, leftward) for rank, index in enumerate(group)}
        band = 2 * MARGIN + TRACK * max(len(rightward), len(leftward))
        self.pins.nodes[root] = _point_text(self.frame.from_frame(centre, -band - size[1] / 2))
        for index, (stem, name, points) in enumerate(self.fan):
            track = -band + MARGIN + TRACK * tracks[index]
            self.pins.edges[name] = self._fan_line(points, stem, arrivals[index], track, -band)

    def _fan_line(self, points: list[Point], stem: float, arrival: float, track: float, side: float) -> str:
        route = list(points)
        for corner in ((stem, route[-1][1]), (stem, track), (arrival, track), (arrival, side + ARROW)):
            if corner != route[-1]:
                route += _straight(route[-1], corner)
        texts = [self.frame.from_frame(*point) for point in route]
        end = self.frame.from_frame(arrival, side)
        return " ".join([f"e,{_point_text(end)}"] + [_point_text(point) for point in texts])


def packed_pins(scene: Scene, page: str, lay_out: LayOut) -> Pins | None:
    """Every position of *scene* with the branches of its conclusion's fan packed by
    argmap to fit *page*, each laid out by *lay_out* (mirrored or not, and where a
    branch hangs under a box with a wide fan of its own, that fan packed too);
    None when the scene has no such fan."""
    root = fan_root(scene)
    if root is None:
        return None
    try:
        return _Packer(scene, lay_out).pins(root, page_area(page))
    except (KeyError, IndexError, ValueError) as error:  # an output of Graphviz's this did not expect, or refused
        raise RenderError(f"could not pack the branches of the conclusion: {error}") from error


Variant = tuple[Shape, Point, Branch, bool]
"""A way to draw a branch: its shape, its origin in its own layout, the layout, and whether mirrored."""


class _Packer:
    """Packs the branches under a box of *scene*, laying each out with *lay_out*."""

    def __init__(self, scene: Scene, lay_out: LayOut) -> None:
        self.scene, self.lay_out = scene, lay_out
        self.frame = Frame(scene.rankdir)

    def pins(self, root: str, area: Point) -> Pins:
        """Every position of the scene with the branches under *root* packed to fit *area*."""
        scene = self.scene
        variants = [self._variants(scene, group, root) for group in _groups(scene, root)]
        alone = scene._replace(
            title=None, boxes=tuple(box for box in scene.boxes if box.name == root), junctions=(), clusters=(), edges=()
        )
        _, _, width, height = _read_layout(self.lay_out(alone)).nodes[root]
        extra = (2 * PAD, 2 * PAD + (TITLE_HEIGHT if scene.title else 0.0))
        return self._composed(variants, root, (width, height), area, extra, EFFORT)

    def _composed(
        self, variants: list[list[Variant]], root: str, size: Point, area: Point, extra: Point, effort: Effort
    ) -> Pins:
        frame = self.frame
        root_size = size if frame.direction in ("BT", "TB") else (size[1], size[0])
        search = Search([[shape for shape, *_ in each] for each in variants], root_size, extra, area, frame)
        placement = Fill(search, effort).best(search.run(effort.steps))
        composer = _Composer(frame)
        for position, (index, pick) in enumerate(zip(placement.order, placement.picks, strict=True)):
            _, origin, branch, mirrored = variants[index][pick]
            composer.place_branch(branch, origin, mirrored, placement.offsets[position], placement.depths[position])
        composer.place_root(root, root_size, (placement.extent[0] + placement.extent[2]) / 2)
        return composer.pins

    def _variants(self, scene: Scene, group: list[str], root: str) -> list[Variant]:
        """The ways to draw the branch of *group* under *root*: as Graphviz lays it
        out, and, where it hangs under a box with a wide fan of its own, with that
        fan packed to a few shapes; each also mirrored."""
        part, branch = self._cleared(scene, group, root)
        branches = [branch] + self._nested(part, branch)
        variants: list[Variant] = []
        for each in branches:
            shape, origin = _shape(each, self.frame)
            variants += [(shape, origin, each, False), (shape.mirrored(), origin, each, True)]
        return variants

    def _cleared(self, scene: Scene, group: list[str], root: str) -> tuple[Scene, Branch]:
        """The branch of *group* and its layout, such that its lines to the
        conclusion pass no box of it and, where that can be, cross none of its
        lines. Graphviz sometimes ranks a box or line of a branch level with the
        point standing in for the conclusion, or above it; laid out with thin
        junction ranks, or with the stand-ins a rank or more further up, the branch
        is often clear. A crossing is left to :mod:`argmap.draw.choice`, which
        counts them; a line through a box is refused."""
        first = _branch_scene(scene, group, root)
        tries = itertools.chain(
            [first, _thin(first)], (_branch_scene(scene, group, root, reach) for reach in range(2, 2 + REACH_TRIES))
        )
        crossing: tuple[Scene, Branch] | None = None
        for part in tries:
            branch = _read_layout(self.lay_out(part))
            if not _stems_pass_boxes(branch, self.frame):
                if _stems_clear(branch, self.frame):
                    return part, branch
                crossing = crossing or (part, branch)
        if crossing is None:
            raise ValueError("a line to the conclusion would pass through a box of its own branch")
        return crossing

    def _nested(self, part: Scene, branch: Branch) -> list[Branch]:
        """*branch* (the layout of *part*) with the fan of its top box packed, to
        each of :data:`NESTED_SHAPES`; none if its top box has no wide fan."""
        top = _top(part)
        if top is None:
            return []
        stand_in = STAND_IN + next(edge.name for edge in part.edges if edge.tail == top)
        inner = part._replace(
            junctions=tuple(junction for junction in part.junctions if junction.name != stand_in),
            edges=tuple(edge for edge in part.edges if edge.head != stand_in),
        )
        fan_edge = next(edge.name for edge in part.edges if edge.head == stand_in)
        variants = [self._variants(inner, group, top) for group in _groups(inner, top)]
        _, _, width, height = branch.nodes[top]
        nested = []
        for aspect in NESTED_SHAPES:
            area = (aspect, 1.0) if self.frame.direction in ("BT", "TB") else (1.0, aspect)
            pins = self._composed(variants, top, (width, height), area, (0.0, 0.0), NESTED_EFFORT)
            nested.append(self._as_branch(pins, branch, top, fan_edge))
        return nested

    def _as_branch(self, pins: Pins, branch: Branch, top: str, fan_edge: str) -> Branch:
        """A packed part as a :class:`Branch`, with a line up from its *top* box to a stand-in."""
        nodes = {}
        for name, text in pins.nodes.items():
            x, y = (float(value) for value in text.split(","))
            nodes[name] = (x, y, *branch.nodes[name][2:])
        x, y, _, _ = nodes[top]
        across, along = self.frame.to_frame(x, y)
        length = branch.nodes[top][3] if self.frame.direction in ("BT", "TB") else branch.nodes[top][2]
        start = (across, along - length / 2)
        end = (across, start[1] - NESTED_STEM)
        points = [start, *_straight(start, end)]
        pos = " ".join(_point_text(self.frame.from_frame(*point)) for point in points)
        edges = {**pins.edges, fan_edge: pos}
        return Branch(nodes, dict(pins.clusters), edges, {fan_edge: self.frame.from_frame(*end)})


NESTED_SHAPES = (0.8, 1.4, 2.4)
"""The width-to-height ratios to which a branch's own wide fan is packed, as variants for the search."""
NESTED_STEM = 14.4
"""How far a packed branch's line runs up from its top box to its stand-in (Graphviz's ``ranksep``)."""


def _stems_clear(branch: Branch, frame: Frame) -> bool:
    """Whether the lines of the fan, as Graphviz drew them to their stand-ins and
    on straight up (to the band and the conclusion), cross no other line of *branch*."""
    for name, (across, along) in _stand_ins(branch, frame):
        fan = _line_points(branch.edges[name], frame) + [(across, along), (across, along - UP)]
        for other, pos in branch.edges.items():
            if other != name:
                line = _line_points(pos, frame)
                for piece in zip(fan, fan[1:], strict=False):
                    if any(segments_cross(*piece, *other_piece) for other_piece in zip(line, line[1:], strict=False)):
                        return False
    return True


def _line_points(pos: str, frame: Frame) -> list[Point]:
    """The control points of a Graphviz spline with its arrows' ends, in order, in (across, along)."""
    points, start, end = _spline_points(pos)
    return [frame.to_frame(*point) for point in ([start] if start else []) + points + ([end] if end else [])]


def _stems_pass_boxes(branch: Branch, frame: Frame) -> bool:
    """Whether a line of the fan, straight up from its stand-in, would pass through a box or frame of *branch*."""
    rects = box_rects(branch, frame)
    return any(
        left < across < right and top < along
        for across, along in dict(_stand_ins(branch, frame)).values()
        for left, top, right, _ in rects
    )


def _stand_ins(branch: Branch, frame: Frame) -> list[tuple[str, Point]]:
    """Each line of the fan of *branch*, and its stand-in in (across, along)."""
    return [(name, frame.to_frame(*point)) for name, point in branch.stand_ins.items()]


REACH_TRIES = 3
"""How many times a branch is laid out again, its stand-ins a rank further up each time, to clear its lines."""
UP = 1e6
"""How far up a line of the fan is followed: past anything a branch has (points)."""


def _thin(part: Scene) -> Scene:
    """*part* with thin junction ranks (see :func:`~argmap.draw.shape.ranks_spanned`)."""
    junctions = {junction.name for junction in part.junctions}
    return part._replace(
        edges=tuple(
            edge._replace(minlen=ranks_spanned(edge.minlen, edge.tail in junctions, edge.head in junctions))
            if edge.role == "inference"
            else edge
            for edge in part.edges
        )
    )


def _top(part: Scene) -> str | None:
    """The box a branch hangs under, if the branch has one line to the conclusion,
    from that box, and more than :data:`~argmap.draw.shape.FAN` lines aim at it."""
    fan = [edge for edge in part.edges if edge.head.startswith(STAND_IN)]
    if len(fan) != 1:
        return None
    top = fan[0].tail
    if not any(box.name == top for box in part.boxes):
        return None
    into = [edge for edge in part.edges if edge.head == top]
    if len(into) <= FAN or any(
        edge.backward or (edge.tail == top and edge is not fan[0])
        for edge in part.edges
        if top in (edge.tail, edge.head)
    ):
        return None
    return top
