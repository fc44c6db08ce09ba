"""The map as an outline, for the exporters that write one (Markdown, Argdown).

Like the ``.arg`` writer, the walk starts at the roots, defines every node under the
first relation that reaches it and refers to it elsewhere; a linked reason is a line of
its own with its members under it, and undercuts stand under the premise (or reason)
whose inference they attack. An exporter may follow only some relations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from ..model import Map, Node, Relation


@attrs.frozen
class Line:
    """One line of the outline.

    *node* is None for the line of a linked reason. *relation* is how the line bears
    on the line above it (None at the top). *first* is True where a node is written out
    in full, False where it is only referred to.
    """

    depth: int
    node: Node | None
    relation: Relation | None
    first: bool


def outline(map: Map, follow: Callable[[Relation], bool] = lambda relation: True) -> Iterator[Line]:
    """The lines of the outline, top to bottom, following the relations *follow* accepts."""
    followed = [r for r in map.relations if follow(r)]
    incoming: dict[str, list[Relation]] = {}
    has_outgoing: set[str] = set()
    for relation in followed:
        incoming.setdefault(relation.target, []).append(relation)
        has_outgoing.update(relation.premises)
    defined: set[str] = set()
    order = [n for n in map.nodes if n.id not in has_outgoing] + [n for n in map.nodes if n.id in has_outgoing]
    for top in order:
        if top.id in defined:
            continue
        defined.add(top.id)
        # a stack of pending lines; a node's children are pushed when it is written
        stack: list[tuple[int, str | None, Relation | None]] = [(0, top.id, None)]
        while stack:
            depth, node_id, via = stack.pop()
            if node_id is None:  # the line of a linked reason
                yield Line(depth, None, via, True)
                below = [(depth + 1, premise, via) for premise in via.premises]
                below += [(depth + 1, *item) for item in _undercuts(via, incoming)]
                stack.extend(reversed(below))
                continue
            first = depth == 0 or node_id not in defined
            defined.add(node_id)
            yield Line(depth, map.node(node_id), via, first)
            below = []
            if via is not None and not via.is_linked:
                below += [(depth + 1, *item) for item in _undercuts(via, incoming)]
            if first:
                for relation in incoming.get(node_id, ()):
                    if relation.is_linked:
                        below.append((depth + 1, None, relation))
                    else:
                        below.append((depth + 1, relation.premises[0], relation))
            stack.extend(reversed(below))


def _undercuts(relation: Relation, incoming: dict[str, list[Relation]]) -> list[tuple[str | None, Relation]]:
    return [(None, u) if u.is_linked else (u.premises[0], u) for u in incoming.get(relation.id, ())]
