"""What the checks share: indexes over the map, computed once and only when a
check asks for them, and the language the map is written in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, cast

from ..model import ATTACK_KINDS, Map, Node, Relation, Span
from . import words

if TYPE_CHECKING:  # the catalogue is read only when a check asks for it
    from ..schemes.catalogue import Catalogue

DEFAULT_LANGUAGE = "en"
"""The language assumed when the header has no ``language:`` key."""

ATTACKER_KINDS = ATTACK_KINDS | {"undercut"}
"""Kinds that object to something: a rebuttal answers one of these."""

T = TypeVar("T")


def language_code(value: str | None) -> str | None:
    """The primary language subtag, lower-cased: ``en-GB`` → ``en``."""
    if value is None:
        return None
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return code or None


class LazyTable(dict):
    """A table that computes the value for a key the first time it is asked for
    (reading it with ``[]`` costs a plain dict lookup from then on)."""

    def __init__(self, compute: Callable[[str], object]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: str) -> object:
        value = self[key] = self._compute(key)
        return value


class Context:
    """The map under check and the indexes the checks read."""

    def __init__(self, the_map: Map, catalogue: Catalogue | None = None) -> None:
        self.map = the_map
        self._catalogue = catalogue
        self.shared: dict[str, object] = {}
        """What the checks of one family compute once and share (by a name of
        their own)."""
        self._defining: dict[str, Relation | None] = {}

    def shared_value(self, name: str, compute: Callable[[], T]) -> T:
        """What *compute* returns, computed the first time a check asks and shared
        under *name* (a name of the check family's own) from then on."""
        if name not in self.shared:
            self.shared[name] = compute()
        # the table holds values of many types; what is under *name* came from compute
        return cast(T, self.shared[name])

    @property
    def catalogue(self) -> Catalogue:
        """The scheme catalogue the map is checked against (argmap's, unless the
        caller gave one extended by a user's file)."""
        if self._catalogue is None:
            from ..schemes import builtin_catalogue

            self._catalogue = builtin_catalogue()
        return self._catalogue

    # --- lookups -------------------------------------------------------------

    @cached_property
    def nodes(self) -> dict[str, Node]:
        """Nodes by id."""
        return {node.id: node for node in self.map.nodes}

    @cached_property
    def relations(self) -> dict[str, Relation]:
        """Relations by id."""
        return {relation.id: relation for relation in self.map.relations}

    @cached_property
    def incoming(self) -> dict[str, list[Relation]]:
        """Relations aimed at a node or relation id, in the order written."""
        table: dict[str, list[Relation]] = {}
        for relation in self.map.relations:
            table.setdefault(relation.target, []).append(relation)
        return table

    @cached_property
    def outgoing(self) -> dict[str, list[Relation]]:
        """Relations in which a node is a premise, in the order written."""
        table: dict[str, list[Relation]] = {}
        for relation in self.map.relations:
            for premise in relation.premises:
                table.setdefault(premise, []).append(relation)
        return table

    @cached_property
    def plain_texts(self) -> dict[str, str]:
        """Each node's text in :func:`~argmap.checks.words.plain` form, by node id
        (for every node at once, which is quicker than one at a time)."""
        nodes = self.nodes
        return dict(zip(nodes, words.plain_all([node.text for node in nodes.values()]), strict=True))

    @cached_property
    def key_probes(self) -> Mapping[str, tuple[str, ...]]:
        """Each node's key terms as :func:`~argmap.checks.words.probes`, by node id,
        computed when first asked for."""
        plain_texts = self.plain_texts
        return LazyTable(lambda node_id: words.plain_probes(plain_texts[node_id]))

    @cached_property
    def roots(self) -> list[Node]:
        """Nodes that support or attack nothing but perhaps themselves, in
        definition order."""
        bearing = {
            premise for relation in self.map.relations for premise in relation.premises if premise != relation.target
        }
        return [node for node in self.map.nodes if node.id not in bearing]

    def defining_relation(self, node_id: str) -> Relation | None:
        """The relation written by the line that defines a node (where its keyword
        says what it does), if it has one.

        A node defined on its own line shares that line's span with its relation; a
        node defined inside a ``reason:`` block (of one premise or several: the form
        ``to_arg`` writes for a relation with an id of its own) belongs to the
        nearest reason above it, and less indented, that lists it. A map without
        spans (built in code, or read from JSON without them) is read as ``to_arg``
        would write it: a node is defined under the first relation that lists it.
        (The model does not record where a node was defined; this recovers it.)"""
        if node_id in self._defining:
            return self._defining[node_id]
        node = self.nodes.get(node_id)
        found = None
        if node is not None and node.span is None:
            found = next(iter(self.outgoing.get(node_id, ())), None)
        elif node is not None and node.span is not None:
            found = self._reason_written_at(node_id, node.span)
        self._defining[node_id] = found
        return found

    def _reason_written_at(self, node_id: str, at: Span) -> Relation | None:
        """The relation on the line *at*, else the nearest reason above and to the
        left of it that lists *node_id*."""
        found, found_line = None, 0
        for relation in self.outgoing.get(node_id, ()):
            span = relation.span
            if span is None:
                continue
            if span is at or span == at:
                return relation
            # a line above and to the left that lists the node is its reason: a
            # reference line above it would be closed by the reason's own block
            if span.line < at.line and span.column < at.column and (found is None or found_line < span.line):
                found, found_line = relation, span.line
        return found

    @cached_property
    def language(self) -> str | None:
        """The map's language code; with no ``language:`` header, English, unless
        most of the text is written in letters outside the Latin alphabet."""
        declared = self.map.meta("language")
        if declared is not None:
            return language_code(declared)
        total = non_latin = 0
        for node in self.map.nodes:
            text = node.text
            total += len(text)
            if not text.isascii():
                non_latin += sum(1 for char in text if char > "\u024f" and char.isalpha())
        return DEFAULT_LANGUAGE if non_latin * 2 <= total else None

    # --- roles ---------------------------------------------------------------

    @cached_property
    def attackers(self) -> frozenset[str]:
        """The ids of the nodes that object to something (see :meth:`is_attacker`)."""
        by_kind = {node_id for node_id, node in self.nodes.items() if node.kind in ATTACKER_KINDS}
        by_use = {
            premise for relation in self.map.relations if relation.kind != "support" for premise in relation.premises
        }
        return frozenset(by_kind | by_use)

    def is_attacker(self, node_id: str) -> bool:
        """Whether a node objects to something: by its kind, or because it attacks
        or undercuts something somewhere in the map."""
        return node_id in self.attackers

    def line_of(self, node_id: str) -> int | None:
        """The line where a node is defined."""
        node = self.nodes.get(node_id)
        return node.span.line if node is not None and node.span is not None else None

    def describe(self, node_id: str) -> str:
        """``'id' (line N)``, for messages."""
        line = self.line_of(node_id)
        return f"'{node_id}' (line {line})" if line is not None else f"'{node_id}'"
