"""Spreading the line ends at a box, after Graphviz has drawn the map.

Graphviz aims every line at the middle of the box it ends on. Where many lines end
on one box, those that come from far to the side arrive at a shallow angle, all
towards the same corner, and run within a point or two of each other over their
last stretch: they read as one line (the *lines on top of each other* of
``docs/rendering.md``). Graphviz's ports do not help: a port fixes the end, not the
way the line approaches it.

:func:`spread_arrivals` rewrites the SVG. For every box that more than one line ends
on, it takes the last straight stretch of each line (from the line's last bend, or
its other end) and moves where it meets the box. Each line keeps the side that a
line from its last bend to the box's middle would meet, so a line that comes in
flat from the left meets the left side, not the corner. On each side the ends keep
the order in which their lines come in, are at least :data:`MIN_GAP` apart, and move
as little as that allows (in total squared distance: pool-adjacent-violators). Lines
that arrived together now part towards their own ends. The arrowhead or bar turns
and moves with its end.

A new stretch is kept only if it comes no nearer to any other box or junction than
the old one did (and never into one), meets its box from outside, and crosses no
line that the old stretch did not cross; the lines ending on one box are weighed
together. A line whose new stretch fails stays as Graphviz drew it. Nothing else in
the SVG changes.

Graphviz writes every line as ``M x,y C x,y x,y x,y ...`` with absolute numbers
(with ``splines=polyline`` each cubic piece is straight), and its arrowheads as the
``polygon`` and ``polyline`` after the line's ``path`` in the edge's group; that is
all this module reads.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .svg import numbers_in, shape_bounds, svg_number

Point = tuple[float, float]

MIN_GAP = 12.0
"""The least distance, in points along a box's edge, between two line ends on it."""
ROUNDED_CORNER = 6.0
"""The radius of the corners of Graphviz's rounded boxes, in points."""
CORNER_CLEARANCE = 3.0
"""How far from the rounded part of a corner a line may end."""
JUNCTION_SIZE = 12.0
"""A node group smaller than this both ways is a junction, not a box."""
BUNDLE_DISTANCE = 2.0
"""Lines closer than this read as one."""
JOIN_RADIUS = 10.0
"""Around a junction, where the lines that join there may run together."""
DETOURS = (3.0, -3.0, 5.0, -5.0)
"""How far sideways a line's last bend may be moved, in points, to part it from another."""
MIN_BUNDLE = 4.0
"""How long a line must run along others into a junction to be taken straight."""
MIN_STRETCH = 10.0
"""A line whose last straight stretch is shorter than this (it bends right at the box)
keeps its end."""
MAX_ARROW_GAP = 4.0
"""The most of the gap between an arrowhead and its box that a moved line keeps."""
CLEARANCE = 2.0
"""How far a moved stretch must stay from the boxes it does not end on (unless the
line came that near before); it never comes further into a box than this."""
END_CLEARANCE = 3.0
"""Crossings this near a line's end are not counted (:func:`count_crossings`)."""
SHARED_END_CLEARANCE = 15.0
"""Crossings this near a box or junction both lines end on are not counted."""
CROSSING_MERGE = 2.0
"""Crossings of one pair of lines this near each other are counted once."""

_GROUP = re.compile(r'<g id="(?P<id>[^"]+)" class="(?P<class>node|edge)\b[^"]*">(?P<body>.*?)</g>', re.DOTALL)
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_PATH = re.compile(r'<path\b[^>]*?\sd="([^"]*)"')
_POINTS = re.compile(r'(<(?:polygon|polyline)\b[^>]*?\spoints=")([^"]*)(")')
_ELLIPSE = re.compile(r'<ellipse\b[^>]*?\scx="([-\d.]+)"[^>]*?\scy="([-\d.]+)"[^>]*?\srx="([\d.]+)"')


@dataclass
class _Box:
    name: str
    left: float
    top: float
    right: float
    bottom: float
    radius: float

    @property
    def centre(self) -> Point:
        return ((self.left + self.right) / 2, (self.top + self.bottom) / 2)


@dataclass
class _Edge:
    start: int  # of its group's body in the SVG
    body: str
    ends: tuple[str, str]  # the node names at the path's first and last point
    points: list[Point]  # M point, then three per cubic piece
    arrows: dict[int, list[tuple[int, int, list[Point]]]] = field(default_factory=dict)
    """At which end (0 first, -1 last) which points lists sit (their span in the body)."""
    number: int = 0  # in the drawing's order


@dataclass
class _End:
    edge: _Edge
    at: int  # 0 or -1
    reach: float  # how far its arrowhead reaches past the path's end

    @property
    def tip(self) -> Point:
        end, toward = self.end_points()
        return _along(end, _unit(end, toward), self.reach)

    def stretch(self) -> tuple[Point, Point]:
        """The last straight stretch of the line, from its last bend to the box."""
        return self.end_points()[1], self.tip

    def end_points(self) -> tuple[Point, Point]:
        """The path's end and the point its last straight stretch comes from."""
        points = self.edge.points
        return (points[-1], points[-4]) if self.at == -1 else (points[0], points[3])


def _pairs(values: Sequence[float]) -> list[Point]:
    return [(values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]


def _unit(to: Point, origin: Point) -> Point:
    dx, dy = to[0] - origin[0], to[1] - origin[1]
    length = math.hypot(dx, dy) or 1.0
    return (dx / length, dy / length)


def _along(point: Point, direction: Point, distance: float) -> Point:
    return (point[0] + direction[0] * distance, point[1] + direction[1] * distance)


def _read_box(name: str, body: str) -> _Box | None:
    bounds = shape_bounds(body)
    if bounds is None:
        return None
    box = _Box(name, *bounds, 0.0)
    if box.right - box.left < JUNCTION_SIZE and box.bottom - box.top < JUNCTION_SIZE:
        return None
    # Both engines draw argmap's boxes with Graphviz's rounded style, whose corners
    # have a radius of 6 pt (less on a very small box).
    box.radius = min(ROUNDED_CORNER, (box.right - box.left) / 4, (box.bottom - box.top) / 4)
    return box


def _read_edge(start: int, body: str, names: set[str]) -> _Edge | None:
    title = _TITLE.search(body)
    path = _PATH.search(body)
    if title is None or path is None or not path.group(1).startswith("M") or "C" not in path.group(1):
        return None
    tail, _, head = html.unescape(title.group(1)).partition("->")
    if tail not in names or head not in names:
        return None
    points = _pairs(numbers_in(path.group(1)))
    if len(points) < 4 or (len(points) - 1) % 3:
        return None
    return _Edge(start, body, (tail, head), points)


def _assign_arrows(edge: _Edge) -> None:
    """Find the arrowhead pieces after the path and the end each belongs to."""
    path_end = _PATH.search(edge.body)
    assert path_end is not None
    for match in _POINTS.finditer(edge.body, path_end.end()):
        points = _pairs(numbers_in(match.group(2)))
        if not points:
            continue
        middle = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        at = 0 if math.dist(middle, edge.points[0]) < math.dist(middle, edge.points[-1]) else -1
        edge.arrows.setdefault(at, []).append((match.start(2), match.end(2), points))


def _reach(edge: _Edge, at: int) -> float:
    end, toward = _End(edge, at, 0.0).end_points()
    direction = _unit(end, toward)
    reach = 0.0
    for _, _, points in edge.arrows.get(at, []):
        for point in points:
            reach = max(reach, (point[0] - end[0]) * direction[0] + (point[1] - end[1]) * direction[1])
    return reach


# --- the sides of a box ------------------------------------------------------------------

TOP, RIGHT, BOTTOM, LEFT = range(4)


def _side_ends(box: _Box, side: int) -> tuple[Point, Point]:
    """The straight part of *side* (its rounded corners and a clearance left out),
    from its first to its last point going round the box clockwise on the page."""
    inset = box.radius + CORNER_CLEARANCE
    left, top, right, bottom = box.left, box.top, box.right, box.bottom
    return (
        ((left + inset, top), (right - inset, top)),
        ((right, top + inset), (right, bottom - inset)),
        ((right - inset, bottom), (left + inset, bottom)),
        ((left, bottom - inset), (left, top + inset)),
    )[side]


def _exit(box: _Box, point: Point) -> tuple[int, float]:
    """Where a ray from the box's middle towards *point* leaves the box: the side,
    and how far along its straight part (clamped to it)."""
    cx, cy = box.centre
    dx, dy = point[0] - cx, point[1] - cy
    half_width, half_height = (box.right - box.left) / 2, (box.bottom - box.top) / 2
    if abs(dx) * half_height > abs(dy) * half_width:
        side, scale = (RIGHT if dx > 0 else LEFT), half_width / abs(dx)
    else:
        side, scale = (BOTTOM if dy > 0 else TOP), half_height / max(abs(dy), 1e-9)
    start, stop = _side_ends(box, side)
    length = math.dist(start, stop)
    exit_point = (cx + dx * scale, cy + dy * scale)
    along = math.dist(start, exit_point) if length else 0.0
    # project onto the side's direction, keeping the sign
    if length:
        ux, uy = (stop[0] - start[0]) / length, (stop[1] - start[1]) / length
        along = (exit_point[0] - start[0]) * ux + (exit_point[1] - start[1]) * uy
    return side, max(0.0, min(length, along))


def _bearing(box: _Box, point: Point) -> float:
    """The direction from the box's middle to *point*: the angle, in [0, 2 pi), turned
    clockwise on the page from the direction of the box's top-left corner, where the
    sides start going round (so that bearings and places on the sides go round alike)."""
    cx, cy = box.centre
    start = math.atan2(box.top - cy, box.left - cx)
    return (math.atan2(point[1] - cy, point[0] - cx) - start) % math.tau


def _faces(box: _Box, side: int, point: Point) -> bool:
    """Whether *point* lies outside the box, beyond *side*."""
    x, y = point
    return (y < box.top, x > box.right, y > box.bottom, x < box.left)[side]


# --- spreading ----------------------------------------------------------------------------


def _spread(positions: list[float], gap: float) -> list[float]:
    """Positions in the same order, at least *gap* apart, moved as little as that
    allows in total squared distance (pool-adjacent-violators on ``x - i * gap``)."""
    blocks: list[list[float]] = []  # [sum, count]
    for index, position in enumerate(positions):
        blocks.append([position - index * gap, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    spread: list[float] = []
    for total, count in blocks:
        spread.extend([total / count] * int(count))
    return [value + index * gap for index, value in enumerate(spread)]


# --- geometry -----------------------------------------------------------------------------


def _orientation(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(p: Point, q: Point, r: Point, s: Point) -> bool:
    """Whether the segments p-q and r-s cross (touching does not count)."""
    d1, d2 = _orientation(r, s, p), _orientation(r, s, q)
    d3, d4 = _orientation(p, q, r), _orientation(p, q, s)
    return d1 * d2 < 0 and d3 * d4 < 0


def _crossing(p: Point, q: Point, r: Point, s: Point) -> Point | None:
    """Where the segments p-q and r-s cross, if they do (see :func:`segments_cross`)."""
    if not segments_cross(p, q, r, s):
        return None
    t = _orientation(r, s, p) / (_orientation(r, s, p) - _orientation(r, s, q))
    return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))


def _passing(p: Point, q: Point, r: Point, s: Point) -> Point | None:
    """Where the segments p-q and r-s cross, a point lying exactly on the other
    segment's line counted on its left (so that a line crossing another through a
    bend of it counts once, not twice or not at all); segments along one line never
    cross."""
    if (_orientation(r, s, p) >= 0) == (_orientation(r, s, q) >= 0):
        return None
    if (_orientation(p, q, r) >= 0) == (_orientation(p, q, s) >= 0):
        return None
    before, after = _orientation(r, s, p), _orientation(r, s, q)
    t = before / (before - after) if before != after else 0.0
    return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))


def _crosses_further_out(
    new: tuple[Point, Point],
    new_tip: Point,
    old: list[tuple[Point, Point]],
    old_tip: Point,
    line: tuple[Point, Point],
    line_before: tuple[Point, Point] | None = None,
) -> bool:
    """Whether the *new* stretch crosses *line* where none of the *old* stretches
    crossed it (as it was: *line_before*, by default *line*), or further from its end
    (*new_tip*) than they did from theirs: a crossing right at a box, often under an
    arrowhead, must not move out into the open."""
    point = _crossing(*new, *line)
    if point is None:
        return False
    before = [found for stretch in old if (found := _crossing(*stretch, *(line_before or line))) is not None]
    if not before:
        return True
    return math.dist(point, new_tip) > min(math.dist(found, old_tip) for found in before) + 0.5


def _meets(box: _Box, a: Point, b: Point, margin: float) -> bool:
    """Whether the segment a-b comes into the box grown by *margin* (Liang-Barsky clipping)."""
    low, high = 0.0, 1.0
    dx, dy = b[0] - a[0], b[1] - a[1]
    for step, room in (
        (-dx, a[0] - (box.left - margin)),
        (dx, (box.right + margin) - a[0]),
        (-dy, a[1] - (box.top - margin)),
        (dy, (box.bottom + margin) - a[1]),
    ):
        if step == 0:
            if room <= 0:
                return False
            continue
        t = room / step
        if step < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def _comes_nearer(box: _Box, old: tuple[Point, Point], new: tuple[Point, Point]) -> bool:
    """Whether the *new* stretch comes into *box* (less a margin) where the *old* one
    did not, or within CLEARANCE of it where the old one did not."""
    return any(_meets(box, *new, margin) and not _meets(box, *old, margin) for margin in (-CLEARANCE, CLEARANCE))


def _distance_to_box(box: _Box, point: Point) -> float:
    dx = max(box.left - point[0], 0.0, point[0] - box.right)
    dy = max(box.top - point[1], 0.0, point[1] - box.bottom)
    return math.hypot(dx, dy)


def _rotate(point: Point, origin: Point, turn: Point, moved_to: Point) -> Point:
    """*point* turned about *origin* by the angle whose cosine and sine are *turn*, then
    carried with *origin* to *moved_to*."""
    x, y = point[0] - origin[0], point[1] - origin[1]
    cos, sin = turn
    return (moved_to[0] + x * cos - y * sin, moved_to[1] + x * sin + y * cos)


class _Grid:
    """Things by the cells of a square grid that their extent touches."""

    CELL = 100.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[int]] = {}

    def _keys(self, a: Point, b: Point, margin: float) -> Iterable[tuple[int, int]]:
        x0, x1 = sorted((a[0], b[0]))
        y0, y1 = sorted((a[1], b[1]))
        for gx in range(math.floor((x0 - margin) / self.CELL), math.floor((x1 + margin) / self.CELL) + 1):
            for gy in range(math.floor((y0 - margin) / self.CELL), math.floor((y1 + margin) / self.CELL) + 1):
                yield gx, gy

    def add(self, item: int, a: Point, b: Point) -> None:
        for key in self._keys(a, b, 0.0):
            self._cells.setdefault(key, []).append(item)

    def near(self, a: Point, b: Point, margin: float = 0.0) -> set[int]:
        found: set[int] = set()
        for key in self._keys(a, b, margin):
            found.update(self._cells.get(key, ()))
        return found


# --- the drawing and its changes -----------------------------------------------------------


def _segments(points: Sequence[Point]) -> Iterable[tuple[Point, Point]]:
    """The straight pieces of a path: its points (control points too) joined in order;
    a cubic piece lies inside the polygon of its control points."""
    return zip(points, points[1:], strict=False)


@dataclass
class _Move:
    end: _End
    tip: Point  # where the line now meets the box
    new_end: Point  # where its path now ends (the arrowhead between the two)


class _Drawing:
    """The boxes, junctions and lines of one SVG, and where each lies."""

    def __init__(self, svg: str) -> None:
        self.boxes, junctions, self.edges = _read(svg)
        self.obstacles = list(self.boxes.values()) + junctions
        self.obstacle_grid = _Grid()
        for index, box in enumerate(self.obstacles):
            self.obstacle_grid.add(index, (box.left, box.top), (box.right, box.bottom))
        self.line_grid = _Grid()
        for index, edge in enumerate(self.edges):
            self._place(index, edge)
        self.changed: set[int] = set()

    def _place(self, index: int, edge: _Edge) -> None:
        points = edge.points
        for first in range(0, len(points) - 1, 3):  # each cubic piece by the box round its points
            piece = points[first : first + 4]
            xs, ys = [x for x, _ in piece], [y for _, y in piece]
            self.line_grid.add(index, (min(xs), min(ys)), (max(xs), max(ys)))

    def ends_by_box(self) -> dict[str, list[_End]]:
        """The line ends at each box: the end of each line's path that lies at it."""
        ends: dict[str, list[_End]] = {}
        for edge in self.edges:
            first, last = edge.points[0], edge.points[-1]
            for name in edge.ends:
                box = self.boxes.get(name)
                if box is None:
                    continue
                at = 0 if _distance_to_box(box, first) <= _distance_to_box(box, last) else -1
                ends.setdefault(name, []).append(_End(edge, at, _reach(edge, at)))
        return ends

    def clear(self, move: _Move, sharing: set[int]) -> bool:
        """Whether the move's new stretch comes near no box or junction, and crosses
        no line, that its old stretch did not come near or cross. The lines in
        *sharing* (numbers of the lines that end on the same box) are left out: they
        are weighed together, in :meth:`settle`."""
        new = (move.end.end_points()[1], move.tip)
        return self._clear_of(new, move.tip, [move.end.stretch()], move.end.edge, sharing)

    def _clear_of(
        self, new: tuple[Point, Point], tip: Point, old: list[tuple[Point, Point]], edge: _Edge, sharing: set[int]
    ) -> bool:
        """Whether the *new* stretch of *edge* (ending at *tip*) comes near no box or
        junction that none of its *old* stretches (the last ending at the old tip) came
        near, and crosses no line (but those in *sharing*) that they did not cross, or
        further out (see :func:`_crosses_further_out`)."""
        for index in self.obstacle_grid.near(*new, CLEARANCE):
            other = self.obstacles[index]
            if other.name not in edge.ends and all(_comes_nearer(other, stretch, new) for stretch in old):
                return False
        for index in self.line_grid.near(*new):
            if index in sharing or index == edge.number:
                continue
            for line in _segments(self.edges[index].points):
                if _crosses_further_out(new, tip, old, old[-1][1], line):
                    return False
        return True

    def settle(self, box: _Box, ends: list[_End]) -> list[_Move]:
        """The moves of :func:`_plan` for the lines ending on *box* that can be made:
        each clear of everything else, and no two of these lines crossing that did
        not cross before."""
        sharing = {end.edge.number for end in ends}
        moves = [move for move in _plan(box, ends) if self.clear(move, sharing)]
        while True:
            blocked = _conflicting(box, moves, ends)
            if not blocked:
                return moves
            moves = [move for move in moves if id(move) not in blocked]

    def apply(self, move: _Move, old_direction: Point | None = None) -> None:
        """Move the end of the move's line, and its arrowhead with it."""
        end = move.end
        edge, at = end.edge, end.at
        old_end, toward = end.end_points()
        old_direction = old_direction or _unit(old_end, toward)  # where the arrowhead points
        new_direction = _unit(move.new_end, toward)
        length = math.dist(toward, move.new_end)
        near, far = (-3, -2) if at == -1 else (2, 1)
        edge.points[near] = _along(toward, new_direction, length / 3)
        edge.points[far] = _along(toward, new_direction, 2 * length / 3)
        edge.points[at] = move.new_end
        turn = (
            old_direction[0] * new_direction[0] + old_direction[1] * new_direction[1],
            old_direction[0] * new_direction[1] - old_direction[1] * new_direction[0],
        )
        edge.arrows[at] = [
            (start, stop, [_rotate(p, old_end, turn, move.new_end) for p in points])
            for start, stop, points in edge.arrows.get(at, [])
        ]
        index = edge.number
        self._place(index, edge)
        self.changed.add(index)

    def ends_at_junctions(self) -> list[tuple[_Box, list[_End]]]:
        """Each junction that more than one line ends on, with those ends."""
        junctions = {box.name: box for box in self.obstacles if box.name not in self.boxes}
        ends: dict[str, list[_End]] = {}
        for edge in self.edges:
            for name in edge.ends:
                junction = junctions.get(name)
                if junction is not None:
                    first, last = edge.points[0], edge.points[-1]
                    at = 0 if math.dist(first, junction.centre) <= math.dist(last, junction.centre) else -1
                    ends.setdefault(name, []).append(_End(edge, at, _reach(edge, at)))
        return [(junctions[name], found) for name, found in ends.items() if len(found) > 1]

    def straighten(self, junction: _Box, ends: list[_End]) -> None:
        """Where the last stretch of a line into *junction* runs along another line
        joining it there, take it another way from its bend before last: straight to
        the junction, or through its last bend moved a little to either side. The
        first way that runs along the others less, and keeps clear of everything
        else, is taken."""
        for end in ends:
            if len(end.edge.points) < 7:
                continue
            others = [other.stretch() for other in ends if other is not end]
            before = sum(_bundled(end.stretch(), other, junction, JOIN_RADIUS) for other in others)
            if before < MIN_BUNDLE:
                continue
            for route in _detours(end, junction):
                after = sum(_bundled((route[-2], route[-1]), other, junction, JOIN_RADIUS) for other in others)
                if after < before and self._route_clear(end, route):
                    self._reroute(end, route)
                    break

    def _route_clear(self, end: _End, route: tuple[Point, ...]) -> bool:
        """Whether each stretch of *route* (from the line's bend before last to the
        junction) is clear, against the line's old two stretches."""
        earlier = route[0]
        old = [(earlier, end.end_points()[1]), end.stretch()]
        return all(
            self._clear_of(stretch, route[-1], old, end.edge, set()) for stretch in zip(route, route[1:], strict=False)
        )

    def _reroute(self, end: _End, route: tuple[Point, ...]) -> None:
        """Draw the line of *end* along *route* from its bend before last: with two
        points straight to the junction, with three through a moved last bend."""
        old_end, toward = end.end_points()
        old_direction = _unit(old_end, toward)
        points = end.edge.points
        if len(route) == 2:  # the last bend goes
            if end.at == -1:
                del points[-6:-3]
            else:
                del points[1:4]
        else:  # the last bend moves; the piece before it stays straight
            earlier, bend = route[0], route[1]
            stretch = [_along(earlier, _unit(bend, earlier), math.dist(earlier, bend) * k / 3) for k in (1, 2)]
            if end.at == -1:  # ... earlier, control, control, bend, ... end
                points[-6:-3] = [*stretch, bend]
            else:  # end, ..., bend, control, control, earlier ...
                points[3:6] = [bend, *reversed(stretch)]
        tip = route[-1]
        earlier = end.end_points()[1]
        self.apply(_Move(end, tip, _along(tip, _unit(tip, earlier), -end.reach)), old_direction)


def _detours(end: _End, junction: _Box) -> Iterable[tuple[Point, ...]]:
    """Other ways for the line of *end* from its bend before last into *junction*:
    straight, then through its last bend moved sideways by DETOURS points."""
    points = end.edge.points
    earlier = points[-7] if end.at == -1 else points[6]
    bend = end.end_points()[1]

    def into(point: Point) -> Point:
        return _along(junction.centre, _unit(point, junction.centre), junction.radius)

    yield earlier, into(earlier)
    ux, uy = _unit(junction.centre, bend)
    for offset in DETOURS:
        moved = (bend[0] - uy * offset, bend[1] + ux * offset)
        yield earlier, moved, into(moved)


def _bundled(stretch: tuple[Point, Point], other: tuple[Point, Point], node: _Box, spared: float = 0.0) -> float:
    """How long *stretch* runs within BUNDLE_DISTANCE of *other*, leaving out its part
    within *spared* of *node* (at a junction, where lines that join meet by design)."""
    start, stop = stretch
    if _gap_between(stretch, other) > BUNDLE_DISTANCE:  # most pairs: nowhere near
        return 0.0
    length = math.dist(start, stop)
    steps = max(1, round(length / 2))
    direction = _unit(stop, start)
    bundled = 0.0
    for step in range(steps):
        point = _along(start, direction, (step + 0.5) * length / steps)
        near = _distance_to_segment(point, *other) <= BUNDLE_DISTANCE
        if near and _distance_to_box(node, point) > spared:
            bundled += length / steps
    return bundled


def _gap_between(first: tuple[Point, Point], second: tuple[Point, Point]) -> float:
    """The least distance between two segments."""
    if segments_cross(*first, *second):
        return 0.0
    return min(
        _distance_to_segment(first[0], *second),
        _distance_to_segment(first[1], *second),
        _distance_to_segment(second[0], *first),
        _distance_to_segment(second[1], *first),
    )


def _distance_to_segment(point: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    squared = dx * dx + dy * dy
    t = 0.0 if not squared else max(0.0, min(1.0, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / squared))
    return math.dist(point, (a[0] + t * dx, a[1] + t * dy))


def _conflicting(box: _Box, moves: list[_Move], ends: list[_End]) -> set[int]:
    """The moves (by ``id``) whose new stretch crosses the stretch of another line
    ending on *box*, as moved or not, where their old stretches did not cross (or
    further out), or runs along it longer than before."""
    moved = {id(move.end): (move.end.end_points()[1], move.tip) for move in moves}
    blocked = set()
    for move in moves:
        new, old = moved[id(move.end)], move.end.stretch()
        for other in ends:
            if other is move.end:
                continue
            line, line_before = moved.get(id(other), other.stretch()), other.stretch()
            crossing = _crosses_further_out(new, move.tip, [old], move.end.tip, line, line_before)
            if crossing or _bundled(new, line, box) > _bundled(old, line_before, box) + BUNDLE_DISTANCE:
                blocked.add(id(move))
                break
    return blocked


def _read(svg: str) -> tuple[dict[str, _Box], list[_Box], list[_Edge]]:
    boxes: dict[str, _Box] = {}
    junctions: list[_Box] = []
    node_names: set[str] = set()
    edge_groups: list[tuple[int, str]] = []
    for group in _GROUP.finditer(svg):
        body = group.group("body")
        if group.group("class") == "edge":
            edge_groups.append((group.start("body"), body))
            continue
        title = _TITLE.search(body)
        if title is None:
            continue
        name = html.unescape(title.group(1))
        node_names.add(name)
        box = _read_box(name, body)
        if box is not None:
            boxes[name] = box
            continue
        ellipse = _ELLIPSE.search(body)
        if ellipse:
            x, y, radius = (float(value) for value in ellipse.groups())
            junctions.append(_Box(name, x - radius, y - radius, x + radius, y + radius, radius))
    edges: list[_Edge] = []
    for start, body in edge_groups:
        edge = _read_edge(start, body, node_names)
        if edge is not None:
            edge.number = len(edges)
            _assign_arrows(edge)
            edges.append(edge)
    return boxes, junctions, edges


def _plan(box: _Box, ends: list[_End]) -> list[_Move]:
    """Where each line ending on *box* should meet it. Each line keeps the side that a
    line from where it comes to the box's middle would meet (so a line coming in flat
    from the left meets the left side, not the corner); on each side the lines keep
    the order in which they come in, at least MIN_GAP apart (less where the side is
    short), each as near where it would meet the side as that allows."""
    by_side: dict[int, list[tuple[float, float, _End]]] = {}
    for end in ends:
        toward = end.end_points()[1]
        side, along = _exit(box, toward)
        by_side.setdefault(side, []).append((_bearing(box, toward), along, end))
    moves = []
    for side, members in by_side.items():
        members.sort(key=lambda member: member[:2])
        start, stop = _side_ends(box, side)
        length = math.dist(start, stop)
        gap = min(MIN_GAP, length / max(1, len(members) - 1)) if len(members) > 1 else 0.0
        places = _spread([along for _, along, _ in members], gap)
        shift = -places[0] if places[0] < 0 else min(0.0, length - places[-1])  # back onto the side
        for (_, _, end), place in zip(members, places, strict=True):
            move = _move_to(box, side, end, _along(start, _unit(stop, start), max(0.0, min(length, place + shift))))
            if move is not None:
                moves.append(move)
    return moves


def _move_to(box: _Box, side: int, end: _End, place: Point) -> _Move | None:
    """The move of *end* to meet *box* at *place* on *side*, keeping the small gap
    Graphviz leaves between an arrowhead and its box; none where the line already
    meets the box there, does not come in from beyond that side, or has a last
    stretch too short to turn (a bend right at the box)."""
    toward = end.end_points()[1]
    if not _faces(box, side, toward) or math.dist(toward, end.tip) < MIN_STRETCH:
        return None
    start, stop = _side_ends(box, side)
    length = math.dist(start, stop) or 1.0
    along = ((end.tip[0] - start[0]) * (stop[0] - start[0]) + (end.tip[1] - start[1]) * (stop[1] - start[1])) / length
    if abs(math.dist(start, place) - along) < 0.5:
        return None
    gap = min(MAX_ARROW_GAP, _distance_to_box(box, end.tip))
    direction = _unit(place, toward)
    tip = _along(place, direction, -gap)
    return _Move(end, tip, _along(tip, direction, -end.reach))


def spread_arrivals(svg: bytes) -> bytes:
    """*svg* (Graphviz's, before its titles are rewritten) with the ends of the lines
    that share a box spread along the box's edge (see the module's docs)."""
    text = svg.decode("utf-8")
    drawing = _Drawing(text)
    for name, ends in drawing.ends_by_box().items():
        if len(ends) < 2:
            continue
        box = drawing.boxes[name]
        for move in drawing.settle(box, ends):
            drawing.apply(move)
    for junction, ends in drawing.ends_at_junctions():
        drawing.straighten(junction, ends)
    if not drawing.changed:
        return svg
    return _write(text, [drawing.edges[index] for index in sorted(drawing.changed)]).encode("utf-8")


def count_crossings(svg: bytes) -> int:
    """How many times two lines of *svg* (Graphviz's) cross each other, by the rules
    of ``bench/layout_metrics.py``: not within 3 pt of either line's end, nor within
    15 pt of a box or junction both lines end on (they meet there by design), and
    two crossings of one pair of lines within 2 pt of each other once. The lines are
    taken as their control polygons (the tool samples the curves: the counts can
    differ where lines run on top of each other)."""
    boxes, junctions, edges = _read(svg.decode("utf-8"))
    nodes = {**boxes, **{junction.name: junction for junction in junctions}}
    grid = _Grid()
    segments: list[tuple[int, Point, Point]] = []
    for number, edge in enumerate(edges):
        for a, b in _segments(edge.points):
            grid.add(len(segments), a, b)
            segments.append((number, a, b))
    found: dict[tuple[int, int], list[Point]] = {}
    for index, (number, a, b) in enumerate(segments):
        for other in sorted(grid.near(a, b)):
            other_number, c, d = segments[other]
            point = _passing(a, b, c, d) if other > index and other_number != number else None
            if point is None or _at_an_end(point, edges[number], edges[other_number], nodes):
                continue
            pair = found.setdefault((min(number, other_number), max(number, other_number)), [])
            if all(math.dist(point, seen) > CROSSING_MERGE for seen in pair):
                pair.append(point)
    return sum(len(points) for points in found.values())


def _at_an_end(point: Point, first: _Edge, second: _Edge, nodes: dict[str, _Box]) -> bool:
    """Whether a crossing of two lines at *point* is where they end (see :func:`count_crossings`)."""
    ends = (first.points[0], first.points[-1], second.points[0], second.points[-1])
    if any(math.dist(point, end) <= END_CLEARANCE for end in ends):
        return True
    shared = (set(first.ends) & set(second.ends)) & nodes.keys()
    return any(_distance_to_box(nodes[name], point) <= SHARED_END_CLEARANCE for name in shared)


def _path_text(points: list[Point]) -> str:
    text = [f"M{svg_number(points[0][0])},{svg_number(points[0][1])}C"]
    text.append(" ".join(f"{svg_number(x)},{svg_number(y)}" for x, y in points[1:]))
    return "".join(text)


def _write(text: str, edges: list[_Edge]) -> str:
    pieces = []
    written = 0
    for edge in sorted(edges, key=lambda e: e.start):
        body = edge.body
        replacements: list[tuple[int, int, str]] = []
        path = _PATH.search(body)
        assert path is not None
        replacements.append((path.start(1), path.end(1), _path_text(edge.points)))
        for arrows in edge.arrows.values():
            for start, stop, points in arrows:
                replacements.append((start, stop, " ".join(f"{svg_number(x)},{svg_number(y)}" for x, y in points)))
        new_body = []
        cursor = 0
        for start, stop, replacement in sorted(replacements):
            new_body.append(body[cursor:start])
            new_body.append(replacement)
            cursor = stop
        new_body.append(body[cursor:])
        pieces.append(text[written : edge.start])
        pieces.append("".join(new_body))
        written = edge.start + len(body)
    pieces.append(text[written:])
    return "".join(pieces)
