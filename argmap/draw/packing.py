"""The branches of a conclusion's wide fan placed by argmap, not by Graphviz.

Graphviz puts the branches under a conclusion side by side in an order of its own,
and nothing in the DOT steers it reliably (see "Layout" in ``docs/rendering.md``).
Here each branch (what hangs under the conclusion once the conclusion is taken away,
a reason's frame kept whole) is laid out by Graphviz on its own, with a point
standing in for the conclusion. argmap then packs the branches under a band where
the fan's lines meet: each at a depth of its own, in an order of its own, mirrored
or not, and as close to the others as its boxes, frames and lines allow, keeping a
corridor free for the line of each branch from its point up to the band. The lines
run straight up their corridors, along tracks of the band and up into the
conclusion, in the order of their corridors, so they cross neither a box nor each
other. Graphviz's ``nop2`` engine draws the whole with every position given, so the
SVG is the one the rest of the renderer reads. :mod:`argmap.draw.choice` keeps the
packed drawing where it prints larger.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from typing import NamedTuple

from .errors import RenderError
from .scene import Junction, Scene
from .shape import FAN, NODE_GAP, page_area
from .svg import svg_number

STAND_IN = "argmap_stand_in_"
"""Prefix of the points that stand in for the conclusion in a branch's own layout."""
TRACK = 8.0
"""Distance between two lines of the fan running side by side to the conclusion (points)."""
MARGIN = 10.0
"""Room between the branches' tops, the fan's lines and the conclusion (points)."""
CORRIDOR = 3.0
"""Half the width of the corridor kept free for a line of the fan (points)."""
ARROW = 7.5
"""Length of an arrowhead: Graphviz's 10 points at argmap's ``arrowsize`` 0.75."""
SLAB = 8.0
"""Height of the slabs in which a branch's outline is kept (points); depths are whole slabs."""
STEPS = 1500
"""How many steps of annealing follow the constructive packing."""
PAD = 0.15 * 72
"""Graphviz's ``pad`` around the drawing, which the page holds too (points)."""
TITLE_HEIGHT = 24.0
"""About the height of a map's title over the drawing (points)."""
BUDGETS = 12
"""How many depth budgets the constructive packing tries, from the tallest branch to all stacked."""

Rect = tuple[float, float, float, float]
"""(across from, along from, across to, along to); *along* grows away from the conclusion."""
Point = tuple[float, float]


class Frame(NamedTuple):
    """Graphviz's coordinates (y up) turned into (across, along) for a direction and back."""

    direction: str

    def to_frame(self, x: float, y: float) -> Point:
        return {"BT": (x, -y), "TB": (x, y), "LR": (-y, -x), "RL": (-y, x)}[self.direction]

    def from_frame(self, across: float, along: float) -> Point:
        return {"BT": (across, -along), "TB": (across, along), "LR": (-along, -across), "RL": (along, -across)}[
            self.direction
        ]


class Branch(NamedTuple):
    """One branch as Graphviz laid it out, in its own coordinates."""

    nodes: dict[str, tuple[float, float, float, float]]  # name: x, y, width, height
    clusters: dict[str, tuple[str, str | None]]  # name: bb, lp
    edges: dict[str, str]  # edge name: pos
    stand_ins: dict[str, Point]  # name of the fan's edge: where its line ends in the branch's layout


class Shape(NamedTuple):
    """What a branch occupies, in (across, along) from its first stand-in: its
    rectangles, and its outline: for each slab of :data:`SLAB` points along the
    ranks from slab *first* on, the leftmost and rightmost across it reaches (a
    rectangle counted in every slab it comes within half a
    :data:`~argmap.draw.shape.NODE_GAP` of; a slab it does not reach at all has
    infinite bounds)."""

    rects: tuple[Rect, ...]
    stems: tuple[float, ...]  # across, one per line of the fan (along 0 at the stand-in)
    top: float
    bottom: float
    first: int
    lefts: list[float]
    rights: list[float]

    @classmethod
    def of(cls, rects: tuple[Rect, ...], stems: tuple[float, ...]) -> Shape:
        spans = [(math.floor((b - NODE_GAP / 2) / SLAB), math.floor((d + NODE_GAP / 2) / SLAB)) for _, b, _, d in rects]
        first = min((low for low, _ in spans), default=0)
        count = max((high for _, high in spans), default=0) - first + 1
        lefts, rights = [math.inf] * count, [-math.inf] * count
        for (a, _, c, _), (low, high) in zip(rects, spans, strict=True):
            for slab in range(low - first, high - first + 1):
                lefts[slab] = min(lefts[slab], a)
                rights[slab] = max(rights[slab], c)
        top = min((r[1] for r in rects), default=0.0)
        bottom = max((r[3] for r in rects), default=0.0)
        return cls(rects, stems, top, bottom, first, lefts, rights)

    def mirrored(self) -> Shape:
        return Shape.of(tuple((-c, b, -a, d) for a, b, c, d in self.rects), tuple(-s for s in self.stems))


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


def _branch_scene(scene: Scene, members: list[str], root: str) -> Scene:
    """The part of *scene* that is one branch, its lines to *root* ending at stand-ins."""
    inside = set(members)
    fan = [edge for edge in scene.edges if edge.head == root and edge.tail in inside]
    stand_ins = tuple(Junction(STAND_IN + edge.name, "#000000") for edge in fan)
    return scene._replace(
        title=None,
        boxes=tuple(box for box in scene.boxes if box.name in inside),
        junctions=tuple(junction for junction in scene.junctions if junction.name in inside) + stand_ins,
        clusters=tuple(cluster for cluster in scene.clusters if cluster.members[0] in inside),
        edges=tuple(edge for edge in scene.edges if edge.tail in inside and edge.head in inside)
        + tuple(edge._replace(head=STAND_IN + edge.name, minlen=1) for edge in fan),
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
    """Rectangles that hold a line: a cubic piece lies within its four control
    points, an arrowhead between the line's end and the point it aims at."""
    points, start, end = _spline_points(pos)
    pieces = [points[index : index + 4] for index in range(0, len(points) - 1, 3)]
    pieces += [[start, points[0]]] if start else []
    pieces += [[points[-1], end]] if end else []
    return [_bounds([frame.to_frame(*point) for point in piece]) for piece in pieces]


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


class _Outline:
    """The right-hand outline of the branches placed so far, slab by slab, with the
    extent of them all: where the next branch may go."""

    REACH = math.floor(-NODE_GAP / 2 / SLAB)
    """The first slab a branch at depth 0 may reach (its line's corridor, just above the band)."""

    def __init__(self, deepest: float) -> None:
        """An outline for branches reaching no deeper than *deepest*, none above the band."""
        self.rightmost = [-math.inf] * (math.ceil(deepest / SLAB) - self.REACH + 2)  # index 0 is slab REACH
        self.left, self.right, self.bottom = math.inf, -math.inf, 0.0

    def _spans(self, shape: Shape, depth: float) -> tuple[int, int, int]:
        start = round(depth / SLAB) + shape.first - self.REACH
        if start < 0:
            raise ValueError(f"a branch at depth {depth} reaches above the band")
        corridor = math.floor((depth + NODE_GAP / 2) / SLAB) - self.REACH + 1
        return start, start + len(shape.lefts), corridor

    def offset(self, shape: Shape, depth: float) -> float:
        """How far across *shape* at *depth* must go to clear what is placed (by a
        :data:`~argmap.draw.shape.NODE_GAP`), its lines' corridors included."""
        start, end, corridor = self._spans(shape, depth)
        rightmost = self.rightmost
        offset = max(
            (placed - low for placed, low in zip(rightmost[start:end], shape.lefts, strict=True)), default=-math.inf
        )
        if shape.stems:
            beside = max(rightmost[:corridor])
            offset = max(offset, beside - min(shape.stems) + CORRIDOR)
        return 0.0 if offset == -math.inf else offset + NODE_GAP

    def add(self, shape: Shape, depth: float, offset: float) -> None:
        start, end, corridor = self._spans(shape, depth)
        rightmost = self.rightmost
        rightmost[start:end] = [
            max(placed, offset + high) for placed, high in zip(rightmost[start:end], shape.rights, strict=True)
        ]
        if shape.stems:
            edge = offset + max(shape.stems) + CORRIDOR
            rightmost[:corridor] = [max(placed, edge) for placed in rightmost[:corridor]]
        self.left = min(self.left, offset + min(shape.lefts), offset + min(shape.stems, default=math.inf) - CORRIDOR)
        self.right = max(self.right, offset + max(shape.rights))
        self.bottom = max(self.bottom, depth + shape.bottom)


def pack_outlines(shapes: list[Shape], depths: list[float]) -> tuple[list[float], Rect]:
    """*shapes* placed at *depths* (whole slabs), from left to right, each as close
    to those before as their outlines and the corridors of their lines allow (a
    :data:`~argmap.draw.shape.NODE_GAP` apart): the across offset of each shape,
    and the extent of them all."""
    outline = _Outline(max((depth + shape.bottom for shape, depth in zip(shapes, depths, strict=True)), default=0.0))
    offsets = []
    for shape, depth in zip(shapes, depths, strict=True):
        offsets.append(outline.offset(shape, depth))
        outline.add(shape, depth, offsets[-1])
    return offsets, (outline.left, 0.0, outline.right, outline.bottom)


class Placement(NamedTuple):
    """Where the search put the branches: their order, the variant of each (see
    :class:`_Search`), depths and across offsets, and the extent of them all."""

    order: list[int]
    picks: list[int]
    depths: list[float]
    offsets: list[float]
    extent: Rect


def _band(stems: int) -> float:
    """Height of the band the lines of *stems* branches cross to the conclusion, about half on each side."""
    return 2 * MARGIN + TRACK * ((stems + 1) // 2)


class _Search:
    """The packing of the branches that a page holds at the largest scale, by a
    seeded annealing search over their order, depths and variants (*variants*:
    for each branch, the shapes it may take: mirrored, or laid out another way)."""

    def __init__(self, variants: list[list[Shape]], root: Point, extra: Point, page: str, frame: Frame) -> None:
        self.variants = variants
        self.count = len(variants)
        self.root, self.extra, self.frame = root, extra, frame
        self.page = page_area(page)
        self.band = _band(sum(len(shapes[0].stems) for shapes in variants))

    @staticmethod
    def _least(shape: Shape) -> float:
        """The least depth of *shape*: nothing of it above the band."""
        return SLAB * math.ceil(max(0.0, -shape.top) / SLAB)

    def scale(self, order: list[int], picks: list[int], depths: list[float]) -> tuple[float, Placement]:
        shapes = [self.variants[branch][pick] for branch, pick in zip(order, picks, strict=True)]
        depths = [max(depth, self._least(shape)) for shape, depth in zip(shapes, depths, strict=True)]
        offsets, extent = pack_outlines(shapes, depths)
        across = max(extent[2] - extent[0], self.root[0])
        along = extent[3] + self.band + self.root[1]
        width, height = (across, along) if self.frame.direction in ("BT", "TB") else (along, across)
        width, height = width + self.extra[0], height + self.extra[1]
        scale = min(self.page[0] / width, self.page[1] / height)
        return scale, Placement(order, picks, depths, offsets, extent)

    def _under(self, shapes: list[Shape], depths: list[float], index: int) -> list[float]:
        """Depths at which the branch at *index* starts just below another, or as high as it can."""
        shape = shapes[index]
        least = self._least(shape)
        tried = {least}
        for other, depth in enumerate(depths):
            if other != index:
                below = depth + shapes[other].bottom + NODE_GAP - shape.top
                tried.add(max(SLAB * math.ceil(below / SLAB), least))
        return sorted(tried)

    def _moved(self, placement: Placement, rng: random.Random) -> tuple[list[int], list[int], list[float]]:
        order, picks, depths = list(placement.order), list(placement.picks), list(placement.depths)
        move = rng.random()
        if move < 0.2:
            index = rng.randrange(self.count)
            picks[index] = rng.randrange(len(self.variants[order[index]]))
            depths[index] = max(depths[index], self._least(self.variants[order[index]][picks[index]]))
        elif move < 0.6 and self.count > 1:
            first, second = rng.sample(range(self.count), 2)
            order[first], order[second] = order[second], order[first]
            picks[first], picks[second] = picks[second], picks[first]
            depths[first], depths[second] = depths[second], depths[first]
        else:
            index = rng.randrange(self.count)
            shapes = [self.variants[branch][pick] for branch, pick in zip(order, picks, strict=True)]
            depths[index] = rng.choice(self._under(shapes, depths, index))
        return order, picks, depths

    def sweep(self, order: list[int], budget: float) -> tuple[float, Placement]:
        """The branches placed from left to right in *order*, each at the depth
        and in the variant that keeps the right-hand edge nearest, no deeper than
        *budget*."""
        outline = _Outline(budget + max(shape.bottom - shape.top for shapes in self.variants for shape in shapes))
        placed: list[tuple[Shape, float]] = []
        picks, depths = [], []
        for branch in order:
            best: tuple[float, float, int] | None = None
            for pick, shape in enumerate(self.variants[branch]):
                least = self._least(shape)
                tried = {least} | {
                    max(least, SLAB * math.ceil((depth + other.bottom + NODE_GAP - shape.top) / SLAB))
                    for other, depth in placed
                }
                for depth in tried:
                    if depth + shape.bottom <= budget or depth == least:
                        edge = outline.offset(shape, depth) + max(shape.rights)
                        if best is None or (edge, depth) < best[:2]:
                            best = (edge, depth, pick)
            assert best is not None
            _, depth, pick = best
            shape = self.variants[branch][pick]
            outline.add(shape, depth, outline.offset(shape, depth))
            placed.append((shape, depth))
            picks.append(pick)
            depths.append(depth)
        return self.scale(list(order), picks, depths)

    def constructed(self) -> Placement:
        """The best of sweeps in a few orders and depth budgets."""

        def height(branch: int) -> float:
            shape = self.variants[branch][0]
            return shape.bottom - shape.top

        tallest = max(height(branch) for branch in range(self.count))
        total = sum(height(branch) for branch in range(self.count))
        orders = [list(range(self.count)), sorted(range(self.count), key=height, reverse=True)]
        best: tuple[float, Placement] | None = None
        for order in orders:
            for step in range(BUDGETS):
                budget = tallest + (total - tallest) * step / (BUDGETS - 1)
                trial = self.sweep(order, budget)
                if best is None or trial[0] > best[0]:
                    best = trial
        assert best is not None
        return best[1]

    def run(self, steps: int, seed: int = 0) -> Placement:
        rng = random.Random(seed)
        placement = self.constructed()
        current = self.scale(placement.order, placement.picks, placement.depths)[0]
        best, best_placement = current, placement
        temperature = 0.02 * current
        for _ in range(steps):
            trial, trial_placement = self.scale(*self._moved(placement, rng))
            if trial >= current or rng.random() < math.exp((trial - current) / temperature):
                current, placement = trial, trial_placement
                if current > best:
                    best, best_placement = current, placement
            temperature *= 0.995
        return best_placement


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
    argmap to fit *page*, each laid out by *lay_out* (mirrored or not); None when
    the scene has no such fan."""
    root = fan_root(scene)
    if root is None:
        return None
    try:
        return _packed_pins(scene, root, page, lay_out)
    except (KeyError, IndexError, ValueError) as error:  # an output of Graphviz's this did not expect
        raise RenderError(f"could not pack the branches of the conclusion: {error}") from error


def _packed_pins(scene: Scene, root: str, page: str, lay_out: LayOut) -> Pins:
    frame = Frame(scene.rankdir)
    variants: list[list[tuple[Shape, Point, Branch, bool]]] = []
    for group in _groups(scene, root):
        branch = _read_layout(lay_out(_branch_scene(scene, group, root)))
        shape, origin = _shape(branch, frame)
        variants.append([(shape, origin, branch, False), (shape.mirrored(), origin, branch, True)])
    alone = scene._replace(
        title=None, boxes=tuple(box for box in scene.boxes if box.name == root), junctions=(), clusters=(), edges=()
    )
    _, _, root_width, root_height = _read_layout(lay_out(alone)).nodes[root]
    root_size = (root_width, root_height) if frame.direction in ("BT", "TB") else (root_height, root_width)
    extra = (2 * PAD, 2 * PAD + (TITLE_HEIGHT if scene.title else 0.0))
    search = _Search([[shape for shape, *_ in each] for each in variants], root_size, extra, page, frame)
    placement = search.run(STEPS)
    composer = _Composer(frame)
    for position, (index, pick) in enumerate(zip(placement.order, placement.picks, strict=True)):
        _, origin, branch, mirrored = variants[index][pick]
        composer.place_branch(branch, origin, mirrored, placement.offsets[position], placement.depths[position])
    composer.place_root(root, root_size, (placement.extent[0] + placement.extent[2]) / 2)
    return composer.pins
