"""Where the branches of a conclusion's wide fan go: two searches for the packing
that a page holds at the largest scale (see :mod:`argmap.draw.packing`).

A branch is known here by its :class:`Shape`: the rectangles of its boxes, frames
and lines, and, slab by slab along the ranks, the leftmost and rightmost across it
reaches. Its line to the conclusion leaves from a *stem* and runs straight up a
corridor to a band under the conclusion; no box may stand in a corridor.

- :class:`Search` packs the branches from left to right, each as close to those
  before as their outlines and corridors allow, at depths of their own; a seeded
  annealing search looks for the order, depths and variants that print largest.
- :class:`Fill` places them one by one into a rectangle of the page's shape, each
  as deep and then as far left as it goes, into any hole the others leave; then
  refines the best packing found by taking out the branches that stick out of a
  slightly larger page and putting them back, again and again.
"""

from __future__ import annotations

import math
import random
from itertools import repeat
from operator import sub
from typing import NamedTuple

from .shape import NODE_GAP

TRACK = 8.0
"""Distance between two lines of the fan running side by side to the conclusion (points)."""
MARGIN = 10.0
"""Room between the branches' tops, the fan's lines and the conclusion (points)."""
CORRIDOR = 3.0
"""Half the width of the corridor kept free for a line of the fan (points)."""
CLEARANCE = CORRIDOR + NODE_GAP / 2
"""The least room between a line of the fan and a box (points): half Graphviz's ``nodesep`` beyond its corridor."""
SLAB = 8.0
"""Height of the slabs in which a branch's outline is kept (points); depths are whole slabs."""


class Effort(NamedTuple):
    """How hard a packing is searched for: steps of annealing of the left-to-right
    search, how many of the best packings found are refined, after how many
    failed rounds in a row refining stops, and how many times the fill may test
    one branch against another (about 5 µs each) before it stops where it is: a
    fan of 40 branches would otherwise take tens of seconds."""

    steps: int
    starts: int
    failures: int
    work: int


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
    left: float  # the leftmost across of its boxes, lines and corridors
    right: float  # the rightmost across of its boxes and lines
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
        left = min(min(lefts, default=0.0), min(stems, default=math.inf) - CORRIDOR)
        right = max(rights, default=0.0)
        return cls(rects, stems, top, bottom, left, right, first, lefts, rights)

    def mirrored(self) -> Shape:
        return Shape.of(tuple((-c, b, -a, d) for a, b, c, d in self.rects), tuple(-s for s in self.stems))


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
        # map() over the slabs rather than a generator: this is the search's inner loop.
        offset = max(map(sub, rightmost[start:end], shape.lefts), default=-math.inf)
        if shape.stems:
            offset = max(offset, max(rightmost[:corridor]) - min(shape.stems) + CLEARANCE - NODE_GAP)
        return 0.0 if offset == -math.inf else offset + NODE_GAP

    def add(self, shape: Shape, depth: float, offset: float) -> None:
        start, end, corridor = self._spans(shape, depth)
        rightmost = self.rightmost
        rightmost[start:end] = map(max, rightmost[start:end], map(offset.__add__, shape.rights))
        if shape.stems:
            edge = offset + max(shape.stems) + CLEARANCE - NODE_GAP
            rightmost[:corridor] = map(max, rightmost[:corridor], repeat(edge, corridor))
        self.left = min(self.left, offset + shape.left)
        self.right = max(self.right, offset + shape.right)
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
    :class:`Search`), depths and across offsets, and the extent of them all."""

    order: list[int]
    picks: list[int]
    depths: list[float]
    offsets: list[float]
    extent: Rect


def _band(stems: int) -> float:
    """Height of the band the lines of *stems* branches cross to the conclusion, about half on each side."""
    return 2 * MARGIN + TRACK * ((stems + 1) // 2)


class Search:
    """The packing of the branches that a page holds at the largest scale, from
    left to right (:func:`pack_outlines`), by a seeded annealing search over their
    order, depths and variants (*variants*: for each branch, the shapes it may
    take: mirrored, or laid out another way). *root* is the size of the conclusion
    in (across, along), *extra* what the page holds besides (padding, title), in
    page coordinates, and *area* the page's printable width and height."""

    def __init__(self, variants: list[list[Shape]], root: Point, extra: Point, area: Point, frame: Frame) -> None:
        self.variants = variants
        self.count = len(variants)
        self.root, self.extra, self.frame = root, extra, frame
        self.page = area
        self.band = _band(sum(len(shapes[0].stems) for shapes in variants))

    @staticmethod
    def _least(shape: Shape) -> float:
        """The least depth of *shape*: nothing of it above the band."""
        return SLAB * math.ceil(max(0.0, -shape.top) / SLAB)

    def scale(self, order: list[int], picks: list[int], depths: list[float]) -> tuple[float, Placement]:
        shapes = [self.variants[branch][pick] for branch, pick in zip(order, picks, strict=True)]
        depths = [max(depth, self._least(shape)) for shape, depth in zip(shapes, depths, strict=True)]
        offsets, extent = pack_outlines(shapes, depths)
        return self.scale_of(extent), Placement(order, picks, depths, offsets, extent)

    def scale_of(self, extent: Rect) -> float:
        """The scale at which the page holds branches that reach *extent*, with the conclusion and the band."""
        across, along = self.room(extent[2] - extent[0], extent[3])
        return min(self.page[0] / across, self.page[1] / along)

    def room(self, across: float, along: float) -> Point:
        """The room on the page, in page coordinates, of branches *across* wide reaching *along* deep."""
        across, along = max(across, self.root[0]), along + self.band + self.root[1]
        width, height = (across, along) if self.frame.direction in ("BT", "TB") else (along, across)
        return width + self.extra[0], height + self.extra[1]

    def extent(self, scale: float) -> Point:
        """How wide and deep the branches may reach for the page to hold them at *scale*."""
        width, height = self.page[0] / scale - self.extra[0], self.page[1] / scale - self.extra[1]
        across, along = (width, height) if self.frame.direction in ("BT", "TB") else (height, width)
        return across, along - self.band - self.root[1]

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
                        edge = outline.offset(shape, depth) + shape.right
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


class _Placed(NamedTuple):
    """A branch the fill has placed: its shape, depth and across offset."""

    shape: Shape
    depth: float
    offset: float


def _slabs(shape: Shape, depth: float) -> int:
    """The index of the first slab of *shape* at *depth*, counted from the band."""
    return round(depth / SLAB) + shape.first


def _corridor_end(depth: float) -> int:
    """One past the last slab that the corridor of a branch at *depth* runs through."""
    return math.floor((depth + NODE_GAP / 2) / SLAB) + 1


def _span(shape: Shape, first: int, start: int, end: int) -> tuple[float, float]:
    """The leftmost and rightmost across of *shape* (its first slab at *first*) in slabs *start* to *end*."""
    low, high = max(start - first, 0), min(end - first, len(shape.lefts))
    if low >= high:
        return math.inf, -math.inf
    return min(shape.lefts[low:high]), max(shape.rights[low:high])


def _blocked(shape: Shape, depth: float, other: Shape, other_depth: float) -> list[tuple[float, float]]:
    """The offsets across (open intervals, counted from *other*'s) at which
    *shape* at *depth* would come too near *other* at *other_depth*: a box within a
    :data:`~argmap.draw.shape.NODE_GAP` of a box, a box within
    :data:`CLEARANCE` of a line of the fan, or two lines of the fan on each other."""
    blocked = []
    first, other_first = _slabs(shape, depth), _slabs(other, other_depth)
    start = max(first, other_first)
    end = min(first + len(shape.lefts), other_first + len(other.lefts))
    if start < end:
        mine = slice(start - first, end - first)
        theirs = slice(start - other_first, end - other_first)
        right_of = max(map(sub, other.rights[theirs], shape.lefts[mine]))
        left_of = min(map(sub, other.lefts[theirs], shape.rights[mine]))
        if right_of > -math.inf and left_of < math.inf:
            blocked.append((left_of - NODE_GAP, right_of + NODE_GAP))
    low, high = _span(other, other_first, _Outline.REACH, _corridor_end(depth))
    if low < high:
        blocked += [(low - stem - CLEARANCE, high - stem + CLEARANCE) for stem in shape.stems]
    low, high = _span(shape, first, _Outline.REACH, _corridor_end(other_depth))
    if low < high:
        blocked += [(stem - high - CLEARANCE, stem - low + CLEARANCE) for stem in other.stems]
    for stem in shape.stems:
        blocked += [(theirs - stem - 2 * CORRIDOR, theirs - stem + 2 * CORRIDOR) for theirs in other.stems]
    return blocked


def _first_free(blocked: list[tuple[float, float]], start: float) -> float:
    """The least offset from *start* on that no interval of *blocked* holds."""
    offset = start
    for low, high in sorted(blocked):
        if low >= offset:
            break
        offset = max(offset, high)
    return offset


class Fill:
    """Branches placed one by one into a rectangle of the page's shape, each as deep
    as it goes (its bottom lowest) and then as far left, clear of the others'
    boxes and corridors, at the largest page scale at which they all fit; then
    refined (:meth:`refined`). Unlike the left-to-right packing of
    :class:`Search`, a branch can go into any hole the others leave."""

    def __init__(self, search: Search, effort: Effort) -> None:
        self.search, self.effort = search, effort
        self._blocks: dict[tuple[int, float, int, float], list[tuple[float, float]]] = {}
        self.spent = 0  # branches tested against one another so far

    @property
    def exhausted(self) -> bool:
        """Whether the fill has done the work its :class:`Effort` allows."""
        return self.spent >= self.effort.work

    def _blocked(self, shape: Shape, depth: float, placed: list[_Placed]) -> list[tuple[float, float]]:
        """The offsets at which *shape* at *depth* would come too near any of *placed*
        (see :func:`_blocked`; kept, as the same pairs come up again and again)."""
        spans = []
        self.spent += len(placed)
        for other in placed:
            key = (id(shape), depth, id(other.shape), other.depth)
            relative = self._blocks.get(key)
            if relative is None:
                relative = self._blocks[key] = _blocked(shape, depth, other.shape, other.depth)
            spans += [(other.offset + low, other.offset + high) for low, high in relative]
        return spans

    def _bounds(self, shape: Shape, width: float) -> tuple[float, float]:
        return -shape.left, width - shape.right

    def _depths(self, shape: Shape, height: float, placed: list[_Placed]) -> list[float]:
        """Depths to try for *shape*, deepest first: the floor, just above or below another, the top."""
        least = self.search._least(shape)
        deepest = SLAB * math.floor((height - shape.bottom) / SLAB)
        tried = {least, deepest}
        for other in placed:
            tried.add(SLAB * math.floor((other.depth + other.shape.top - NODE_GAP - shape.bottom) / SLAB))
            tried.add(SLAB * math.ceil((other.depth + other.shape.bottom + NODE_GAP - shape.top) / SLAB))
        return sorted((depth for depth in tried if least <= depth <= deepest), reverse=True)

    def _position(self, shape: Shape, width: float, height: float, placed: list[_Placed]) -> tuple[float, float] | None:
        """The deepest, then leftmost, depth and offset at which *shape* fits, if any."""
        low, high = self._bounds(shape, width)
        if low > high:
            return None
        for depth in self._depths(shape, height, placed):
            offset = _first_free(self._blocked(shape, depth, placed), low)
            if offset <= high:
                return depth, offset
        return None

    def _place(self, branch: int, width: float, height: float, placed: list[_Placed]) -> tuple[int, _Placed] | None:
        """The variant of *branch* and its place with its bottom lowest, then leftmost, if it fits at all."""
        best: tuple[float, float, int, float, float] | None = None
        for pick, shape in enumerate(self.search.variants[branch]):
            position = self._position(shape, width, height, placed)
            if position is not None:
                key = (position[0] + shape.bottom, -position[1], -pick)
                if best is None or key > best[:3]:
                    best = (*key, position[0], position[1])
        if best is None:
            return None
        pick = -int(best[2])
        return pick, _Placed(self.search.variants[branch][pick], best[3], best[4])

    def fill(self, order: list[int], width: float, height: float) -> tuple[list[int], list[_Placed]] | None:
        """The branches in *order* placed within *width* across and *height* along; None if one does not fit."""
        picks: list[int] = []
        placed: list[_Placed] = []
        for branch in order:
            found = None if self.exhausted else self._place(branch, width, height, placed)
            if found is None:
                return None
            picks.append(found[0])
            placed.append(found[1])
        return picks, placed

    def best(self, start: Placement, seed: int = 0) -> Placement:
        """The packing that the page holds at the largest scale, of *start* (the
        left-to-right search's) and fills in a few orders, each at the largest
        scale it reaches and compacted, the best few refined by :meth:`refined`."""
        effort = self.effort
        scale = self.search.scale_of(start.extent)
        candidates = [(scale, start)]
        for order in self._orders():
            filled = self._largest(order, scale * FILL_FLOOR)
            if filled is not None:
                candidates.append(filled)
        candidates.sort(key=lambda candidate: candidate[0], reverse=True)
        refined = [self.refined(placement, effort.failures, seed) for _, placement in candidates[: effort.starts]]
        return max(refined, key=lambda placement: self.search.scale_of(placement.extent))

    def _largest(self, order: list[int], floor: float) -> tuple[float, Placement] | None:
        """The fill in *order* at the largest scale from :data:`FILL_REACH` times
        *floor* down to *floor*, in steps of :data:`FILL_STEP`, compacted."""
        scale = floor * FILL_REACH
        while scale > floor and not self.exhausted:
            filled = self.fill(order, *self.search.extent(scale))
            if filled is not None:
                placement = self._placement(order, filled[0], self._compacted(filled[1]))
                return self.search.scale_of(placement.extent), placement
            scale /= 1 + FILL_STEP
        return None

    def refined(self, placement: Placement, failures_allowed: int, seed: int) -> Placement:
        """*placement* made to fit a page a step larger, again and again: the
        branches that stick out, and a few others, taken out and put back by the
        fill's rule, the whole then compacted. After *failures_allowed* tries in a
        row fail, the step is halved, down to a quarter of :data:`REFILL_STEP`."""
        rng = random.Random(seed)
        order, picks = list(placement.order), list(placement.picks)
        shift = placement.extent[0]
        placed = [
            _Placed(self.search.variants[branch][pick], depth, offset - shift)
            for branch, pick, depth, offset in zip(order, picks, placement.depths, placement.offsets, strict=True)
        ]
        scale, failures, step = self.search.scale_of(placement.extent), 0, REFILL_STEP
        while (failures < failures_allowed or step > REFILL_STEP / 4) and not self.exhausted:
            if failures >= failures_allowed:
                step, failures = step / 2, 0
            width, height = self.search.extent(scale * (1 + step))
            refilled = self._refilled(order, placed, width, height, rng)
            if refilled is None:
                failures += 1
                continue
            for index, (pick, item) in refilled.items():
                picks[index], placed[index] = pick, item
            placed = self._compacted(placed)
            scale, failures = self.search.scale_of(self._placement(order, picks, placed).extent), 0
        return self._placement(order, picks, placed)

    def _refilled(
        self, order: list[int], placed: list[_Placed], width: float, height: float, rng: random.Random
    ) -> dict[int, tuple[int, _Placed]] | None:
        """New places within *width* and *height* for the branches of *placed*
        that stick out and up to :data:`RUIN` others, by index; None if one does not fit."""
        outside = [
            index
            for index, item in enumerate(placed)
            if item.offset + item.shape.right > width or item.depth + item.shape.bottom > height
        ]
        inside = [index for index in range(len(placed)) if index not in outside]
        taken = outside + rng.sample(inside, min(rng.randint(0, RUIN), len(inside)))
        kept = [item for index, item in enumerate(placed) if index not in taken]
        taken.sort(key=lambda index: _box_area(placed[index].shape), reverse=True)
        if rng.random() < 0.3:
            rng.shuffle(taken)
        refilled = {}
        for index in taken:
            found = self._place(order[index], width, height, kept)
            if found is None:
                return None
            refilled[index] = found
            kept.append(found[1])
        return refilled

    def _orders(self) -> list[list[int]]:
        """Largest first, by area of outline, by height, by width and by bounding box."""
        shapes = [shapes[0] for shapes in self.search.variants]

        def area(branch: int) -> float:
            shape = shapes[branch]
            return sum(high - low for low, high in zip(shape.lefts, shape.rights, strict=True) if high > low)

        def height(branch: int) -> float:
            return shapes[branch].bottom - shapes[branch].top

        def width(branch: int) -> float:
            return shapes[branch].right - shapes[branch].left

        def box(branch: int) -> float:
            return height(branch) * width(branch)

        branches = range(len(shapes))
        return [sorted(branches, key=key, reverse=True) for key in (area, height, width, box)]

    def _compacted(self, placed: list[_Placed]) -> list[_Placed]:
        """*placed* with each branch moved up as far as it goes, then left, twice over."""
        placed = list(placed)
        for _ in range(2):
            for index in sorted(range(len(placed)), key=lambda index: placed[index].depth):
                placed[index] = self._raised(placed, index)
            for index in sorted(range(len(placed)), key=lambda index: placed[index].offset):
                placed[index] = self._shifted(placed, index)
        return placed

    def _raised(self, placed: list[_Placed], index: int) -> _Placed:
        item = placed[index]
        others = placed[:index] + placed[index + 1 :]
        least = self.search._least(item.shape)
        tried = {least} | {
            SLAB * math.ceil((other.depth + other.shape.bottom + NODE_GAP - item.shape.top) / SLAB) for other in others
        }
        for depth in sorted(depth for depth in tried if least <= depth < item.depth):
            if not any(low < item.offset < high for low, high in self._blocked(item.shape, depth, others)):
                return item._replace(depth=depth)
        return item

    def _shifted(self, placed: list[_Placed], index: int) -> _Placed:
        item = placed[index]
        others = placed[:index] + placed[index + 1 :]
        offset = _first_free(self._blocked(item.shape, item.depth, others), self._bounds(item.shape, 0.0)[0])
        return item._replace(offset=min(offset, item.offset))

    @staticmethod
    def _placement(order: list[int], picks: list[int], placed: list[_Placed]) -> Placement:
        left = min(item.offset + item.shape.left for item in placed)
        right = max(item.offset + item.shape.right for item in placed)
        bottom = max(item.depth + item.shape.bottom for item in placed)
        depths, offsets = [item.depth for item in placed], [item.offset for item in placed]
        return Placement(list(order), picks, depths, offsets, (left, 0.0, right, bottom))


FILL_REACH = 1.3
"""How much larger than the left-to-right search's the fill's scale is looked for."""
FILL_FLOOR = 0.9
"""How much smaller than the left-to-right search's a fill may print and still be refined."""
FILL_STEP = 0.02
"""The step by which the fill's scale comes down from there."""
REFILL_STEP = 0.01
"""How much larger a page each round of :meth:`Fill.refined` tries to fill."""
RUIN = 3
"""How many branches besides those sticking out a round of :meth:`Fill.refined` may take out."""


def _box_area(shape: Shape) -> float:
    return (shape.bottom - shape.top) * (shape.right - shape.left)
