"""The map as an outline, for the exporters that write one (Markdown, Argdown).

Like the ``.arg`` writer, the walk starts at the roots, defines every node under the
first relation that reaches it and refers to it elsewhere; a linked reason is a line of
its own with its members under it, and undercuts stand under the premise (or reason)
whose inference they attack. An exporter may follow only some relations.

No line stands more than :data:`MAX_DEPTH` levels below the top of its block. Where a
subtree goes deeper, the line at the cut only refers to its node and the subtree
continues as a block of its own, after the block it was cut from.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator

import attrs

from ..model import Map, Node, Relation

MAX_DEPTH = 10
"""How many levels a line may stand below the top line of its block.

Readers lose their way in deeper outlines, and every level indents all the lines below
it once more: a chain written as one outline grows with the square of its length (a
chain of 100,000 nodes took gigabytes). Ten levels fit every map in ``maps/``.
"""


@attrs.frozen
class Line:
    """One line of the outline.

    *node* is None for the line of a linked reason. *relation* is how the line bears
    on the line above it (None at the top). *first* is True where a node is written out
    in full, False where it is only referred to (and, for a reason, where the reason
    is taken up again at the top of a block). *cut* is True where the lines under this
    one continue in a block of their own further down.
    """

    depth: int
    node: Node | None
    relation: Relation | None
    first: bool
    cut: bool = False


@attrs.frozen
class _Item:
    """A line still to be written: its node (None for a linked reason) and the
    relation that brings it under the line above."""

    depth: int
    node_id: str | None
    via: Relation | None


@attrs.frozen
class _Block:
    """A top-level block still to be written: its first line and the items under it."""

    head: Line
    below: list[_Item]


def outline(map: Map, follow: Callable[[Relation], bool] = lambda relation: True) -> Iterator[Line]:
    """The lines of the outline, top to bottom, following the relations *follow* accepts."""
    return _Walk(map, [r for r in map.relations if follow(r)]).lines()


class _Walk:
    def __init__(self, map: Map, followed: list[Relation]) -> None:
        self.map = map
        self.max_depth = MAX_DEPTH
        self.incoming: dict[str, list[Relation]] = {}
        for relation in followed:
            self.incoming.setdefault(relation.target, []).append(relation)
        self.defined: set[str] = set()

    def lines(self) -> Iterator[Line]:
        has_outgoing = {premise for relations in self.incoming.values() for r in relations for premise in r.premises}
        roots_first = sorted(self.map.nodes, key=lambda node: node.id in has_outgoing)
        for top in roots_first:
            if top.id in self.defined:
                continue
            self.defined.add(top.id)
            pending = deque([_Block(Line(0, top, None, True), self._below(_Item(0, top.id, None), True))])
            while pending:
                yield from self._block(pending.popleft(), pending)

    def _block(self, block: _Block, pending: deque[_Block]) -> Iterator[Line]:
        """The lines of *block*; the blocks of the subtrees cut from it go to *pending*."""
        yield block.head
        stack = list(reversed(block.below))  # a node's children are pushed when it is written
        while stack:
            item = stack.pop()
            first = item.node_id is None or item.node_id not in self.defined
            if item.node_id is not None:
                self.defined.add(item.node_id)
            below = self._below(item, first)
            if below and item.depth == self.max_depth:
                yield self._cut_line(item)
                pending.append(_Block(self._continued_line(item, first), [attrs.evolve(i, depth=1) for i in below]))
                continue
            yield self._line(item, first)
            stack.extend(reversed(below))

    def _line(self, item: _Item, first: bool) -> Line:
        node = None if item.node_id is None else self.map.node(item.node_id)
        return Line(item.depth, node, item.via, first)

    def _cut_line(self, item: _Item) -> Line:
        """A reference to the node (or the reason line) whose subtree continues further down."""
        return attrs.evolve(self._line(item, item.node_id is None), cut=True)

    def _continued_line(self, item: _Item, first: bool) -> Line:
        """The top line of the block that continues *item*'s subtree: the node in full
        where the cut only referred to it; a linked reason taken up again."""
        if item.node_id is None:
            return Line(0, None, item.via, False)
        return Line(0, self.map.node(item.node_id), None, first)

    def _below(self, item: _Item, first: bool) -> list[_Item]:
        """The items under *item*: the undercuts of the inference it stands for, then,
        where the node is written in full, its reasons and objections."""
        depth, via = item.depth + 1, item.via
        if item.node_id is None:
            assert via is not None, "the line of a linked reason always has its relation"
            return [_Item(depth, premise, via) for premise in via.premises] + self._undercuts(via, depth)
        below = self._undercuts(via, depth) if via is not None and not via.is_linked else []
        if first:
            below += [
                _Item(depth, None if r.is_linked else r.premises[0], r) for r in self.incoming.get(item.node_id, ())
            ]
        return below

    def _undercuts(self, relation: Relation, depth: int) -> list[_Item]:
        return [_Item(depth, None if u.is_linked else u.premises[0], u) for u in self.incoming.get(relation.id, ())]
