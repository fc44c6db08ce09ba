"""The argument map: nodes, relations and the walks over them.

A :class:`Map` is immutable. Its nodes keep the order in which they were defined
and its relations the order in which they were written, so the tree as written can
always be recovered; but two maps are *equal* when they hold the same nodes and
relations, whatever the order and wherever they were written (spans are ignored).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import Literal, Protocol, TypeVar

import attrs

NODE_KINDS = (
    "conclusion",
    "claim",
    "premise",
    "assumption",
    "evidence",
    "objection",
    "rebuttal",
    "undercut",
)
"""Every kind of node, in the order the documentation introduces them."""

SUPPORT_KINDS = frozenset({"claim", "premise", "assumption", "evidence"})
ATTACK_KINDS = frozenset({"objection", "rebuttal"})
RELATION_KINDS = ("support", "attack", "undercut")

RelationKind = Literal["support", "attack", "undercut"]

RELATION_KEYS = frozenset({"scheme"})
"""Attribute keys that describe an inference, not a statement: written on a premise's
line, they belong to the relation that line makes (``{scheme: expert-opinion}``)."""

ID_PATTERN = r"[^\W_][\w.\-]*"
"""An id: one word of letters (any script), digits, ``-``, ``_`` and ``.``."""
_ID_RE = re.compile(ID_PATTERN + r"\Z")
_GENERATED_RELATION_ID_RE = re.compile(r"(support|attack|undercut):\S+\Z")


def is_valid_id(text: str) -> bool:
    """Whether *text* may be written as a node id in an ``.arg`` file."""
    return bool(_ID_RE.match(text))


def natural_relation(kind: str) -> RelationKind | None:
    """The relation a node of *kind* has to its parent when indented under it."""
    if kind in SUPPORT_KINDS:
        return "support"
    if kind in ATTACK_KINDS:
        return "attack"
    if kind == "undercut":
        return "undercut"
    return None


def normalise_text(text: str) -> str:
    """Text as the model keeps it: runs of whitespace become one space inside a
    paragraph, paragraphs are separated by a single newline, and nothing is left at
    either end."""
    if "  " not in text and text.isprintable() and text.strip() == text:
        return text
    paragraphs = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(p for p in paragraphs if p)


def _validate_id(instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not is_valid_id(value):
        raise ValueError(f"{attribute.name} {value!r} is not a valid id")


def _validate_kind(choices: tuple[str, ...]) -> Callable[[object, attrs.Attribute, str], None]:
    def validate(instance: object, attribute: attrs.Attribute, value: str) -> None:
        if value not in choices:
            raise ValueError(f"unknown {attribute.name} {value!r} (must be one of {', '.join(choices)})")

    return validate


def _validate_text(instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not value:
        raise ValueError("a node needs text")


Pairs = Mapping[str, object] | Iterable[tuple[str, object]]
"""Attributes or metadata as given: a mapping or key–value pairs (values become text)."""


def _pairs(value: Pairs) -> tuple[tuple[str, str], ...]:
    if value == ():
        return ()  # most nodes have no attributes: spare them the generator
    items = value.items() if hasattr(value, "items") else value
    return tuple((str(key), str(val)) for key, val in items)


# Typed converters rather than ``converter=tuple``: mypy's attrs plugin cannot bind
# the type variable of the generic ``tuple`` and then rejects every argument.
def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _nodes(values: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(values)


def _relations(values: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(values)


def _lookup(pairs: tuple[tuple[str, str], ...], key: str, default: str | None) -> str | None:
    for name, value in pairs:
        if name == key:
            return value
    return default


def _sorted_items(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Attributes compared as a dict is, but hashable (relations go into sets)."""
    return tuple(sorted(dict(pairs).items())) if pairs else ()


def _as_dict(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(pairs)


@attrs.frozen
class Span:
    """Where something stands in its source file: 1-based lines and columns, the end
    column exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


@attrs.frozen
class Node:
    """A box of the map: one statement of some kind, with tags and attributes."""

    id: str = attrs.field(validator=_validate_id)
    kind: str = attrs.field(validator=_validate_kind(NODE_KINDS))
    text: str = attrs.field(converter=normalise_text, validator=_validate_text)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs, eq=_as_dict)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    def attribute(self, key: str, default: str | None = None) -> str | None:
        """The value of attribute *key*, or *default* when the node has none."""
        return _lookup(self.attributes, key, default)


@attrs.frozen
class Relation:
    """An inference: its premises (several for a linked reason) support or attack
    their target, a node id, or for an undercut the id of another relation."""

    id: str = attrs.field()
    kind: RelationKind = attrs.field(validator=_validate_kind(RELATION_KINDS))
    premises: tuple[str, ...] = attrs.field(converter=_strings)
    target: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    attributes: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs, eq=_sorted_items)
    """What the inference says of itself, e.g. ``scheme`` (see :data:`RELATION_KEYS`)."""

    def attribute(self, key: str, default: str | None = None) -> str | None:
        """The value of attribute *key*, or *default* when the relation has none."""
        return _lookup(self.attributes, key, default)

    @premises.validator
    def _check_premises(self, attribute: attrs.Attribute, value: tuple[str, ...]) -> None:
        if not value:
            raise ValueError("a relation needs at least one premise")
        repeated = repeated_premise(value)
        if repeated is not None:
            raise ValueError(f"a relation names the premise {repeated!r} twice")

    @id.validator
    def _check_id(self, attribute: attrs.Attribute, value: str) -> None:
        if not (is_valid_id(value) or _GENERATED_RELATION_ID_RE.match(value)):
            raise ValueError(f"relation id {value!r} is neither an id nor of the form kind:...")

    @property
    def is_linked(self) -> bool:
        """Whether several co-premises bear on the target only together."""
        return len(self.premises) > 1


def repeated_premise(premises: tuple[str, ...]) -> str | None:
    """The first premise that stands in *premises* a second time, if any.

    >>> repeated_premise(("a", "b", "a")), repeated_premise(("a", "b"))
    ('a', None)
    """
    seen: set[str] = set()
    for premise in premises:
        if premise in seen:
            return premise
        seen.add(premise)
    return None


def relation_id(kind: str, premises: tuple[str, ...], target: str) -> str:
    """The generated id of a relation: ``support:a+b->target``."""
    return f"{kind}:{'+'.join(premises)}->{target}"


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_WithId = TypeVar("_WithId", bound=_HasId)


def _by_id(items: Iterable[_WithId]) -> dict[str, _WithId]:
    return {item.id: item for item in items}


@attrs.frozen
class Map:
    """An argument map: metadata, nodes in definition order, relations in the order
    they were written."""

    metadata: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs, eq=_as_dict)
    nodes: tuple[Node, ...] = attrs.field(default=(), converter=_nodes, eq=_by_id)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_relations, eq=_by_id)

    # --- lookups -------------------------------------------------------------

    @cached_property
    def _nodes_by_id(self) -> dict[str, Node]:
        return _by_id(self.nodes)

    @cached_property
    def _relations_by_id(self) -> dict[str, Relation]:
        return _by_id(self.relations)

    @cached_property
    def _incoming(self) -> dict[str, list[Relation]]:
        incoming: dict[str, list[Relation]] = {}
        for relation in self.relations:
            incoming.setdefault(relation.target, []).append(relation)
        return incoming

    @cached_property
    def _outgoing(self) -> dict[str, list[Relation]]:
        outgoing: dict[str, list[Relation]] = {}
        for relation in self.relations:
            for premise in relation.premises:
                outgoing.setdefault(premise, []).append(relation)
        return outgoing

    def node(self, node_id: str) -> Node:
        """The node with id *node_id* (``KeyError`` if there is none)."""
        return self._nodes_by_id[node_id]

    def relation(self, relation_id: str) -> Relation:
        """The relation with id *relation_id* (``KeyError`` if there is none)."""
        return self._relations_by_id[relation_id]

    def has_node(self, node_id: str) -> bool:
        """Whether the map has a node with id *node_id*."""
        return node_id in self._nodes_by_id

    def has_relation(self, relation_id: str) -> bool:
        """Whether the map has a relation with id *relation_id*."""
        return relation_id in self._relations_by_id

    def meta(self, key: str, default: str | None = None) -> str | None:
        """The header value for *key*, or *default*."""
        return _as_dict(self.metadata).get(key, default)

    def _repr_svg_(self) -> str:
        """Jupyter shows a map as its picture."""
        # lazy: the drawing package imports this module, and plain use of a map needs no drawing
        from .draw import svg_for_notebook

        return svg_for_notebook(self)

    # --- walks ---------------------------------------------------------------

    def incoming(self, target_id: str) -> list[Relation]:
        """Relations aimed at a node or relation, in the order written."""
        return list(self._incoming.get(target_id, ()))

    def outgoing(self, node_id: str) -> list[Relation]:
        """Relations in which a node is one of the premises, in the order written."""
        return list(self._outgoing.get(node_id, ()))

    def roots(self) -> list[Node]:
        """Nodes that support or attack nothing: the conclusion(s), and orphans."""
        return [node for node in self.nodes if node.id not in self._outgoing]

    def supporters(self, node_id: str) -> list[Relation]:
        """The reasons for a node (support relations aimed at it)."""
        return [r for r in self.incoming(node_id) if r.kind == "support"]

    def attackers(self, target_id: str) -> list[Relation]:
        """The objections to a node, or the undercuts of a relation."""
        return [r for r in self.incoming(target_id) if r.kind != "support"]

    def children(self, node_id: str) -> list[Node]:
        """The nodes that bear on a node directly, in the order written."""
        seen: dict[str, Node] = {}
        for relation in self.incoming(node_id):
            for premise in relation.premises:
                if premise in self._nodes_by_id:
                    seen.setdefault(premise, self._nodes_by_id[premise])
        return list(seen.values())

    def tree(self) -> Iterator[tuple[int, Node, Relation | None]]:
        """The map as an outline: ``(depth, node, relation to parent)`` for every
        node reachable from the roots, depth-first in the order written. An undercut
        stands under the premise whose inference it attacks (beside the co-premises
        of a linked reason), with everything under it. A node met a second time is
        yielded again but not descended into, so cycles end."""
        expanded: set[str] = set()
        stack: list[tuple[int, str, Relation | None]] = [(0, node.id, None) for node in reversed(self.roots())]
        while stack:
            depth, node_id, via = stack.pop()
            yield depth, self._nodes_by_id[node_id], via
            below = self._undercuts_below(depth + 1, via) if via is not None and not via.is_linked else []
            if node_id not in expanded:
                expanded.add(node_id)
                below = sorted([*below, *self._lines_below(depth + 1, node_id)], key=self._written_order)
            stack.extend(reversed(below))

    def _lines_below(self, depth: int, target_id: str) -> list[tuple[int, str, Relation]]:
        """The premises of the relations aimed at *target_id*, and the undercuts of
        its linked reasons after their co-premises."""
        below: list[tuple[int, str, Relation]] = []
        for relation in self.incoming(target_id):
            below.extend((depth, premise, relation) for premise in relation.premises if premise in self._nodes_by_id)
            if relation.is_linked:
                below.extend(self._undercuts_below(depth, relation))
        return below

    def _undercuts_below(self, depth: int, relation: Relation) -> list[tuple[int, str, Relation]]:
        """The premises of the undercuts of *relation*; a linked undercut's own
        undercuts stand beside its co-premises."""
        below: list[tuple[int, str, Relation]] = []
        pending, seen = [relation], {relation.id}
        while pending:
            for undercut in self.incoming(pending.pop(0).id):
                if undercut.kind != "undercut":
                    continue
                below.extend(
                    (depth, premise, undercut) for premise in undercut.premises if premise in self._nodes_by_id
                )
                if undercut.is_linked and undercut.id not in seen:
                    seen.add(undercut.id)
                    pending.append(undercut)
        return below

    def _written_order(self, item: tuple[int, str, Relation]) -> int:
        return self._relation_order[item[2].id]

    @cached_property
    def _relation_order(self) -> dict[str, int]:
        return {relation.id: index for index, relation in enumerate(self.relations)}
