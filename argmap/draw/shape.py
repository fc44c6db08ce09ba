"""Page-shaped maps: staggering wide fans over several bands, before any layout.

A box with many reasons and objections aimed at it draws, left to Graphviz, as one
very wide row: a map several times wider than high, printed small on any page.
Graphviz's ``unflatten`` staggers such fans by giving some lines a longer
``minlen``; argmap does the same in the scene, so that both engines get it, and
chooses how many bands each fan gets from an estimate of the whole picture's size,
to fit a page best.

The estimate models what ``dot`` does, cheaply: every box is put on the rank its
lines give it (as close under its target as they allow), a rank is as wide as its
boxes side by side plus a little for each line passing through it, and as high as
its highest box. For each wide fan in turn, from the conclusion down, every number
of bands is tried on that model and the one that lets the page hold the picture at
the largest scale is kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

PAGES = {"a4": (842.0, 595.0), "a3": (1191.0, 842.0), "letter": (792.0, 612.0)}
"""Paper sizes in points, landscape (width, height)."""
PAGE_MARGIN = 36.0
DEFAULT_PAGE = "a4-landscape"
FAN = 4
"""Links aimed at one box beyond which they may be staggered over bands."""
MAX_BANDS = 4
MAX_BOXES = 400
"""Maps with more boxes are not staggered: no page holds them readably anyway,
and the estimate's cost grows with the square of the map."""
NODE_GAP = 7.2
"""Graphviz's ``nodesep`` (0.1 in): the least space between two boxes of a rank."""
RANK_GAP = 14.4
"""Graphviz's ``ranksep`` (0.2 in): the space between two ranks. Smaller than
Graphviz's default, so that a deep map prints larger; the lines that end on one box
no longer bundle in the shorter gaps, as :mod:`argmap.draw.arrivals` spreads them."""
PASSING_LINE = 12.0
"""Width a line passing through a rank takes in it."""
JUNCTION_HEIGHT = 5.0
CLUSTER_MARGIN = 10.0
"""Width and height a frame adds around its boxes: its margin on each side (``FRAME_MARGIN``
of :mod:`argmap.draw.dot`) and its line."""
CHAR_WIDTH = 0.56
"""Average width of a character of DejaVu Sans, in ems."""
BLOCK_SHARE = 0.5
"""How far between the two estimates of the picture's width dot's drawing comes:
0 is every rank as wide as its boxes side by side (dot does not pack ranks so
tightly: it puts each box under what it supports), 1 is every branch in a column
of its own (dot does let a branch reach under its neighbour where they share no
rank). Measured on the maps in ``maps/``, halfway predicts the width best."""
CLEARLY_BETTER = 1.03
"""More bands are taken only when they let the page hold the map this much larger."""


def ranks_spanned(minlen: int, from_junction: bool, to_junction: bool) -> int:
    """With thin junction ranks, the ranks a line asked to span at least *minlen*
    ranks spans: one more when that keeps every box on an even rank and every
    junction on an odd one. A junction's rank then holds no box, and Graphviz draws
    it thin (a rank is as high as its highest node): a linked reason costs a box's
    height and a little, not two boxes' heights, and its junction sits just above
    its frame. A line from box to box spans two ranks, though, so a chain grows
    longer: see :mod:`argmap.draw.choice` for when this is used."""
    odd = from_junction != to_junction
    return minlen if (minlen % 2 == 1) == odd else minlen + 1


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


class Link(NamedTuple):
    """A relation as the model sees it: premises are boxes (a box drawn again
    counts as a box of its own)."""

    id: str
    kind: str
    premises: tuple[str, ...]
    target: str


class Model:
    """The rank model of a map's picture: which rank each box is on, given the
    ``minlen`` of each relation's line, and the size of the picture that gives."""

    def __init__(
        self,
        links: list[Link],
        sizes: dict[str, tuple[float, float]],
        junctioned: set[str],
        upward: set[str],
        clustered: set[str],
        thin_junction_ranks: bool = False,
    ) -> None:
        self.sizes = sizes
        self.thin_junction_ranks = thin_junction_ranks
        self.relations = links
        self.by_id = {r.id: r for r in self.relations}
        self.junctioned = junctioned
        self.upward = upward
        self.clustered = clustered

    def ranks(self, minlen: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
        """The rank of every box (the conclusions on rank 0) and of every relation's
        anchor (the rank of what its line ends on: a box, or for an undercut the
        junction it lands on; for an undercut laid out above that junction, the
        rank above its own junction)."""
        rank = {node_id: 0 for node_id in self.sizes}
        anchor: dict[str, int] = {}
        passes = len(self.sizes) + 1  # more passes would only follow a cycle round
        # no rank is deeper but in a cycle
        limit = passes * (max(minlen.values(), default=1) + (3 if self.thin_junction_ranks else 2))
        for _ in range(passes):
            changed = False
            for relation in self.relations:
                depth = self._premise_rank(relation, minlen, rank, anchor)
                if depth is None:
                    continue
                for premise in relation.premises:
                    if premise in rank and rank[premise] < depth < limit:
                        rank[premise] = depth
                        changed = True
            if not changed:
                break
        return rank, anchor

    def _span(self, minlen: int, from_junction: bool, to_junction: bool) -> int:
        if self.thin_junction_ranks:
            return ranks_spanned(minlen, from_junction, to_junction)
        return minlen

    def _premise_rank(
        self, relation: Link, minlen: dict[str, int], rank: dict[str, int], anchor: dict[str, int]
    ) -> int | None:
        """The rank the premises of *relation* go on, given the ranks so far (and
        noting its anchor); None for an undercut of a relation not placed yet."""
        junctioned = relation.id in self.junctioned
        if relation.kind == "undercut":
            attacked = self.by_id.get(relation.target)
            if attacked is None or attacked.id not in anchor:
                return None
            target = self._junction_rank(attacked, minlen, anchor)
            on_junction = True
        else:
            target = rank.get(relation.target, 0)
            on_junction = False
        span = self._span(minlen.get(relation.id, 1), junctioned, on_junction)
        if relation.id in self.upward:  # above the junction it attacks; its premises under its own junction
            anchor[relation.id] = target - span - 1
            return max(0, target - span + (1 if junctioned else 0))
        anchor[relation.id] = target
        return max(0, target + span + (1 if junctioned else 0))

    def _junction_rank(self, relation: Link, minlen: dict[str, int], anchor: dict[str, int]) -> int:
        """The rank of *relation*'s junction (it has one: something undercuts it)."""
        if relation.id in self.upward:
            return anchor[relation.id] + 1
        return anchor[relation.id] + self._span(minlen.get(relation.id, 1), True, relation.kind == "undercut")

    def size(self, minlen: dict[str, int]) -> tuple[float, float]:
        """Estimated width and height in points of the picture."""
        rank, anchor = self.ranks(minlen)
        widths: dict[int, float] = {}
        heights: dict[int, float] = {}
        for node_id, (width, height) in self.sizes.items():
            r = rank[node_id]
            extra = CLUSTER_MARGIN if node_id in self.clustered else 0.0
            widths[r] = widths.get(r, -NODE_GAP) + width + NODE_GAP + extra
            heights[r] = max(heights.get(r, 0.0), height + extra)
        for relation in self.relations:
            if relation.kind == "undercut" or relation.id not in anchor:
                continue
            top = anchor[relation.id]
            for premise in relation.premises:
                for passed in range(top + 1, rank.get(premise, top)):
                    widths[passed] = widths.get(passed, 0.0) + PASSING_LINE
                    heights.setdefault(passed, JUNCTION_HEIGHT)
        deepest = max(heights, default=0)
        height = sum(heights.get(r, JUNCTION_HEIGHT) for r in range(deepest + 1)) + RANK_GAP * deepest
        packed = max(widths.values(), default=0.0)
        width = packed + BLOCK_SHARE * max(0.0, self.block_width(rank, anchor) - packed)
        return width, height

    def block_width(self, rank: dict[str, int], anchor: dict[str, int]) -> float:
        """The width of the picture when every branch keeps a column of its own, as
        wide as its widest rank, over all the ranks it spans: ``dot`` puts each
        branch under what it supports and keeps the order of the lines arriving at
        a box, so branches do not interleave. Branches that span no common rank (the
        bands of a staggered fan) share the width; a line passing a rank takes
        :data:`PASSING_LINE` in it."""
        hanging = self.hanging()
        placed: set[str] = set()
        roots: list[str] = []
        order: list[str] = []  # every box after the box it hangs under
        under: dict[str, list[tuple[str, list[str]]]] = {}  # box: (relation id, the premises placed with it)
        for root in sorted(self.sizes, key=rank.__getitem__):
            if root in placed:
                continue
            placed.add(root)
            roots.append(root)
            stack = [root]
            while stack:
                node_id = stack.pop()
                order.append(node_id)
                under[node_id] = []
                for relation in hanging.get(node_id, ()):
                    own = [p for p in relation.premises if p in self.sizes and p not in placed]
                    placed.update(own)
                    if own:
                        under[node_id].append((relation.id, own))
                        stack.extend(own)
        blocks: dict[str, tuple[float, int, int]] = {}  # box: width, first and last rank of its block
        for node_id in reversed(order):
            blocks[node_id] = self._block(
                node_id,
                rank[node_id],
                anchor,
                [
                    (relation_id, [blocks[p] for p in own], any(p in self.clustered for p in own))
                    for relation_id, own in under[node_id]
                ],
            )
        return sum(blocks[root][0] for root in roots) + NODE_GAP * (len(roots) - 1)

    def _block(
        self,
        node_id: str,
        first: int,
        anchor: dict[str, int],
        children: list[tuple[str, list[tuple[float, int, int]], bool]],
    ) -> tuple[float, int, int]:
        """The block of *node_id* on rank *first*, given the blocks of the premises
        of each relation hanging under it (and whether they are framed)."""
        columns = []  # for each relation: where its line starts, its width, first and last rank
        for relation_id, parts, framed in children:
            width = sum(w for w, _, _ in parts) + NODE_GAP * (len(parts) - 1) + (CLUSTER_MARGIN if framed else 0.0)
            columns.append(
                (
                    anchor.get(relation_id, first),
                    width,
                    min(top for _, top, _ in parts),
                    max(bottom for _, _, bottom in parts),
                )
            )
        last = max([first] + [bottom for _, _, _, bottom in columns])
        widest = self.sizes[node_id][0]
        for r in range(first + 1, last + 1):
            row = [width if top <= r else PASSING_LINE for start, width, top, bottom in columns if start < r <= bottom]
            widest = max(widest, sum(row) + NODE_GAP * (len(row) - 1))
        return widest, first, last

    def hanging(self) -> dict[str, list[Link]]:
        """The relations hanging under each box: those aimed at it, and the
        undercuts of those."""
        hanging: dict[str, list[Link]] = {}
        for relation in self.relations:
            target = relation.target
            if relation.kind == "undercut":
                attacked = self.by_id.get(target)
                if attacked is None or attacked.kind == "undercut":
                    continue
                target = attacked.target
            hanging.setdefault(target, []).append(relation)
        return hanging


def _deal(branches: list[tuple[Link, float, int]], count: int) -> list[list[tuple[Link, float, int]]]:
    """*branches* (relation, width, depth in ranks) dealt into *count* bands of
    about equal width (the widest first, each to the narrowest band so far), each
    band in the order of the map, the shallower bands above the deeper."""
    bands: list[list[int]] = [[] for _ in range(count)]
    widths = [0.0] * count
    for index in sorted(range(len(branches)), key=lambda i: -branches[i][1]):
        narrowest = widths.index(min(widths))
        bands[narrowest].append(index)
        widths[narrowest] += branches[index][1] + NODE_GAP
    dealt = [[branches[i] for i in sorted(band)] for band in bands if band]
    return sorted(dealt, key=lambda band: max(depth for _, _, depth in band))


def _branches(model: Model, relations: list[Link], minlen: dict[str, int]) -> list[tuple[Link, float, int]]:
    """Each relation of a fan with the width of its widest rank and its depth in ranks."""
    rank, _ = model.ranks(minlen)
    under = {
        target: {p for relation in hanging for p in relation.premises} for target, hanging in model.hanging().items()
    }
    branches = []
    for relation in relations:
        members, frontier = set(), [p for p in relation.premises if p in model.sizes]
        while frontier:
            node_id = frontier.pop()
            if node_id not in members:
                members.add(node_id)
                frontier.extend(p for p in under.get(node_id, ()) if p in model.sizes)
        per_rank: dict[int, float] = {}
        for node_id in sorted(members):  # a set's order changes with the hash seed, and float sums with the order
            per_rank[rank[node_id]] = per_rank.get(rank[node_id], 0.0) + model.sizes[node_id][0] + NODE_GAP
        depth = max(per_rank) - min(per_rank) + 1 if per_rank else 1
        branches.append((relation, max(per_rank.values(), default=0.0), depth))
    return branches


def _fit(page: tuple[float, float], size: tuple[float, float]) -> float:
    return min(page[0] / max(size[0], 1.0), page[1] / max(size[1], 1.0))


def staggering(model: Model, page: str, fans: Iterable[list[Link]]) -> dict[str, int]:
    """``minlen`` of the line of each relation to stagger (relation id to ranks;
    relations not named keep 1), so that the picture fits *page* best. *fans* are
    the lists of relations aimed at one box, in the order to try them."""
    area = page_area(page)
    minlen: dict[str, int] = {}
    best = _fit(area, model.size(minlen))
    for relations in fans:
        branches = _branches(model, relations, minlen)
        chosen: dict[str, int] = {}
        for count in range(2, min(MAX_BANDS, len(branches) // 2) + 1):
            trial = dict(minlen)
            offset = 0
            for band in _deal(branches, count):
                for relation, _, _ in band:
                    trial[relation.id] = 1 + offset
                offset += max(depth for _, _, depth in band)
            fit = _fit(area, model.size(trial))
            if fit > best * CLEARLY_BETTER:
                best, chosen = fit, trial
        minlen = chosen or minlen
    return minlen


def fans_of(links: list[Link], roots: list[str]) -> list[list[Link]]:
    """The wide fans among *links* (more than :data:`FAN` relations aimed at one box),
    from the conclusions down (breadth first)."""
    aimed_at: dict[str, list[Link]] = {}
    for relation in links:
        if relation.kind != "undercut":
            aimed_at.setdefault(relation.target, []).append(relation)
    order, seen, queue = [], set(roots), list(roots)
    while queue:
        node_id = queue.pop(0)
        order.append(node_id)
        for relation in aimed_at.get(node_id, ()):
            for premise in relation.premises:
                if premise not in seen:
                    seen.add(premise)
                    queue.append(premise)
    order += [node_id for node_id in aimed_at if node_id not in seen]
    return [aimed_at[node_id] for node_id in order if len(aimed_at.get(node_id, ())) > FAN]
