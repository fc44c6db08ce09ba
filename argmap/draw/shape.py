"""Page-shaped maps: staggering wide fans over several bands, before any layout.

A box with many reasons and objections aimed at it draws, left to Graphviz, as one
very wide row: a map several times wider than high, printed small on any page.
Graphviz's ``unflatten`` staggers such fans by giving some lines a longer
``minlen``; argmap does the same in the scene, so that both engines get it, and
chooses how many bands from an estimate of the picture's size, to fit a page best.

The estimate is rough and cheap: every box's size from its lines of text, a
branch (a reason or objection with everything under it) as wide as its boxes side by
side and as deep as its deepest line of boxes. It runs before any layout, on the
map's tree (a node reached twice counts once).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..model import Map, Relation

PAGES = {"a4": (842.0, 595.0), "a3": (1191.0, 842.0), "letter": (792.0, 612.0)}
"""Paper sizes in points, landscape (width, height)."""
PAGE_MARGIN = 36.0
DEFAULT_PAGE = "a4-landscape"
FAN = 4
"""Branches aimed at one box beyond which they may be staggered over bands."""
MAX_BANDS = 4
NODE_GAP = 16.0  # Graphviz's nodesep (0.22 in)
RANK_GAP = 26.0  # Graphviz's ranksep (0.36 in)
JUNCTION_RANK = RANK_GAP + 5.0
CHAR_WIDTH = 0.56
"""Average width of a character of DejaVu Sans, in ems."""


def page_area(page: str) -> tuple[float, float]:
    """The printable width and height, in points, of *page* (``a4``, ``a3`` or
    ``letter``, optionally ``-landscape`` or ``-portrait``; bare names are
    portrait)."""
    name, _, orientation = page.partition("-")
    width, height = PAGES[name]
    if orientation != "landscape":
        width, height = height, width
    return width - 2 * PAGE_MARGIN, height - 2 * PAGE_MARGIN


def page_names() -> list[str]:
    """Every page name :func:`page_area` knows."""
    return [f"{name}{suffix}" for name in PAGES for suffix in ("", "-landscape", "-portrait")]


class Extent(NamedTuple):
    """Estimated size of a branch, in points and in ranks."""

    width: float
    height: float
    ranks: int


def estimate_box(sections) -> tuple[float, float]:
    """Width and height in points of a box with these sections (see
    :class:`argmap.draw.scene.Section`), as Graphviz will about draw it."""
    width, height = 0.0, 2.0
    for section in sections:
        height += 6.0
        for line in section.lines:
            size = max(span.size for span in line)
            chars = sum(len(span.text) for span in line) + 2 * (len(line) - 1)
            width = max(width, chars * size * CHAR_WIDTH)
            height += size * 1.2
    return width + 16.0, height


class _Shaper:
    """Estimates branch sizes over the map's tree and chooses the bands."""

    def __init__(self, map: Map, drawable: set[str], sizes: dict[str, tuple[float, float]], page: tuple[float, float]):
        self.sizes = sizes
        self.page = page
        self.aimed_at: dict[str, list[Relation]] = {}
        self.undercuts: dict[str, list[Relation]] = {}
        for relation in map.relations:
            if relation.id not in drawable:
                continue
            into = self.undercuts if relation.kind == "undercut" else self.aimed_at
            into.setdefault(relation.target, []).append(relation)
        self.seen: set[str] = set()
        self.minlen: dict[str, int] = {}

    def node(self, node_id: str) -> Extent:
        """The extent of *node_id* with everything under it; it is staggered on the way."""
        if node_id in self.seen or node_id not in self.sizes:
            return Extent(0.0, 0.0, 0)
        self.seen.add(node_id)
        width, height = self.sizes[node_id]
        branches = [self.branch(relation) for relation in self.aimed_at.get(node_id, ())]
        branches = [(relation, extent) for relation, extent in branches if extent.ranks]
        if not branches:
            return Extent(width, height, 1)
        under = self.bands(branches)
        return Extent(max(width, under.width), height + under.height, 1 + under.ranks)

    def branch(self, relation: Relation) -> tuple[Relation, Extent]:
        """The extent of a relation's premises (and of the undercuts of it) under its target."""
        parts = [self.node(premise) for premise in relation.premises]
        parts += [self.branch(undercut)[1] for undercut in self.undercuts.get(relation.id, ())]
        parts = [part for part in parts if part.ranks]
        if not parts:
            return relation, Extent(0.0, 0.0, 0)
        width = sum(part.width for part in parts) + NODE_GAP * (len(parts) - 1)
        junction = len(relation.premises) > 1 or relation.id in self.undercuts
        height = max(part.height for part in parts) + RANK_GAP + (JUNCTION_RANK if junction else 0.0)
        ranks = max(part.ranks for part in parts) + (1 if junction else 0)
        return relation, Extent(width, height, ranks)

    def bands(self, branches: list[tuple[Relation, Extent]]) -> Extent:
        """Deal *branches* round over the number of bands that fits the page best;
        record the ``minlen`` that puts each below the bands before it."""
        best: tuple[float, int, Extent] | None = None
        for count in range(1, min(MAX_BANDS, max(1, len(branches) // 2)) + 1):
            if count > 1 and len(branches) <= FAN:
                break
            extent = _banded(branches, count)
            fit = min(self.page[0] / max(extent.width, 1.0), self.page[1] / max(extent.height, 1.0))
            if best is None or fit > best[0] * 1.02:  # more bands only when clearly better
                best = (fit, count, extent)
        _, count, extent = best
        if count > 1:
            offset = 0
            for band in _deal(branches, count):
                for relation, _ in band:
                    self.minlen[relation.id] = 1 + offset
                offset += max(extent.ranks for _, extent in band)
        return extent


def _deal(branches: list, count: int) -> list[list]:
    """*branches* dealt into *count* bands of about equal width (the widest first,
    each to the narrowest band so far), each band in the order of the map, the
    shallower bands above the deeper."""
    bands: list[list[int]] = [[] for _ in range(count)]
    widths = [0.0] * count
    for index in sorted(range(len(branches)), key=lambda i: -branches[i][1].width):
        narrowest = widths.index(min(widths))
        bands[narrowest].append(index)
        widths[narrowest] += branches[index][1].width + NODE_GAP
    dealt = [[branches[i] for i in sorted(band)] for band in bands if band]
    return sorted(dealt, key=lambda band: max(extent.ranks for _, extent in band))


def _banded(branches: list[tuple[Relation, Extent]], count: int) -> Extent:
    width = height = 0.0
    ranks = 0
    for band in _deal(branches, count):
        extents = [extent for _, extent in band]
        width = max(width, sum(e.width for e in extents) + NODE_GAP * (len(extents) - 1))
        height += max(e.height for e in extents)
        ranks += max(e.ranks for e in extents)
    return Extent(width, height, ranks)


def staggering(
    map: Map, drawable: set[str], sizes: dict[str, tuple[float, float]], page: str, roots: Iterable[str]
) -> dict[str, int]:
    """``minlen`` of the line of each relation to stagger (relation id to ranks;
    relations not named keep 1), so that the map of *roots* fits *page* best.
    *sizes* are the estimated sizes of the boxes, by node id."""
    shaper = _Shaper(map, drawable, sizes, page_area(page))
    for root in roots:
        shaper.node(root)
    for node_id in sizes:  # what the roots do not reach (cycles)
        shaper.node(node_id)
    return shaper.minlen
