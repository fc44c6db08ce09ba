"""Assembling an imported map: ids, kinds, tags and attributes that the language accepts.

Both importers (Argdown, AIF) collect nodes and relations in a :class:`MapDraft`
and call :meth:`MapDraft.finish`. The draft

- gives every node an id: the foreign name where it is a valid id, else a slug of it,
  else one made from the text as the ``.arg`` parser would; never one taken twice;
- merges a relation written twice and drops one from a node to itself;
- derives each node's kind from its relations (:func:`derive_kinds`);
- fits tags, attribute keys and values to the language;
- makes sure the result can be written as ``.arg``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import cast

import attrs

from ..build import VERDICTS, _is_weight, unique_slug
from ..errors import ArgmapFormatError
from ..limits import MAX_DEPTH
from ..model import NODE_KINDS, Map, Node, Relation, RelationKind, Span, is_valid_id, normalise_text, relation_id
from ..write import UnwritableMapError, to_arg
from .report import ImportReport

_TAG_RE = re.compile(r"[^\W\d_][\w\-/.]*\Z")
_KEY_RE = re.compile(r"[^\W\d][\w-]*\Z")
_NOT_ID_CHARS = re.compile(r"[^\w.\-]+")
_NOT_TAG_CHARS = re.compile(r"[^\w\-/.]+")
_NOT_KEY_CHARS = re.compile(r"[^\w-]+")


@attrs.define
class NodeDraft:
    """A node as the importer found it; its kind is decided at the end."""

    id: str
    text: str
    tags: list[str]
    attributes: list[tuple[str, str]]
    span: Span | None = None
    kind: str | None = None  # a kind the source states (argmap's own exports do)
    keys: set[str] = attrs.field(init=False, eq=False, repr=False)  # the keys of its attributes
    next_number: dict[str, int] = attrs.field(factory=dict, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self.keys = {key for key, _ in self.attributes}

    def append_attribute(self, key: str, value: str) -> None:
        """One more attribute; *key* must be new."""
        self.attributes.append((key, value))
        self.keys.add(key)


@attrs.define
class RelationDraft:
    """A relation: premises (node ids) bear on a node, or (an undercut) on a relation."""

    id: str
    kind: str
    premises: tuple[str, ...]
    target: str
    span: Span | None = None
    attributes: tuple[tuple[str, str], ...] = ()


class MapDraft:
    """A map under construction (see the module docstring)."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.metadata: list[tuple[str, str]] = []
        self.nodes: dict[str, NodeDraft] = {}
        self.relations: dict[str, RelationDraft] = {}
        self.taken: set[str] = set()
        self._numbers: dict[str, int] = {}
        self._keys: dict[tuple[str, tuple[str, ...], str], str] = {}
        self._outgoing: dict[str, list[RelationDraft]] = {}
        self._metadata_keys: set[str] = set()

    # --- ids ---------------------------------------------------------------------

    def claim_id(self, preferred: str | None, text: str) -> str:
        """A fresh id: *preferred* (or its slug) if given, else one made from *text*."""
        if preferred:
            candidate = preferred if is_valid_id(preferred) else slugify(preferred)
            if candidate:
                if candidate not in self.taken:
                    self.taken.add(candidate)
                    return candidate
                numbered = f"{candidate}-{first_free_number(candidate, self.taken, self._numbers)}"
                self.taken.add(numbered)
                return numbered
        candidate = unique_slug(text, "premise", self.taken, self._numbers)
        self.taken.add(candidate)
        return candidate

    # --- contents ----------------------------------------------------------------

    def add_metadata(self, key: str, value: str) -> None:
        """A header line; keys the header cannot hold are prefixed and fitted."""
        from ..parsing import _near_keyword

        key = fit_key(key, "")
        if _near_keyword(key):
            key = f"x-{key}"
        if key in self._metadata_keys:
            return
        self._metadata_keys.add(key)
        self.metadata.append((key, " ".join(value.split())))

    def add_node(
        self,
        preferred_id: str | None,
        text: str,
        tags=(),
        attributes=(),
        span: Span | None = None,
        kind: str | None = None,
    ) -> str:
        """Add a node; returns its id. An empty text is replaced by *preferred_id*."""
        text = normalise_text(text) or normalise_text(preferred_id or "") or "(no text)"
        node_id = self.claim_id(preferred_id, text)
        self.nodes[node_id] = NodeDraft(
            node_id,
            text,
            fit_tags(tags, self.report),
            fit_attributes(attributes),
            span,
            kind if kind in NODE_KINDS else None,
        )
        return node_id

    def add_attribute(self, node_id: str, key: str, value: str) -> None:
        """One more attribute on a node (a key already present gets ``-2``, ``-3``...)."""
        node = self.nodes[node_id]
        key = fit_key(key, "x-")
        if key in node.keys:
            key = f"{key}-{first_free_number(key, node.keys, node.next_number)}"
        node.append_attribute(*fit_attributes([(key, value)])[0])

    def add_relation(
        self, kind: str, premises, target: str, relation_id_: str | None = None, span: Span | None = None, attributes=()
    ) -> str | None:
        """Add a relation; returns its id, or the id of the same relation added before,
        or None when it would lead from a node to itself."""
        premises = tuple(dict.fromkeys(p for p in premises if p != target))
        if not premises:
            self.report.note("dropped", "relations of a statement to itself")
            return None
        key = (kind, premises, target)
        if key in self._keys and relation_id_ is None:
            self.report.note("changed", "relations written twice", "merged")
            return self._keys[key]
        if relation_id_ is not None:
            rel_id = self.claim_id(relation_id_, relation_id_)
        else:
            rel_id = relation_id(kind, premises, target)
            if rel_id in self.relations:
                return rel_id
        relation = RelationDraft(rel_id, kind, premises, target, span, tuple(fit_attributes(attributes)))
        self.relations[rel_id] = relation
        self._keys.setdefault(key, rel_id)
        for premise in premises:
            self._outgoing.setdefault(premise, []).append(relation)
        return rel_id

    def outgoing(self, node_id: str) -> list[RelationDraft]:
        """Relations in which *node_id* is a premise, in the order added."""
        return list(self._outgoing.get(node_id, ()))

    # --- the end -----------------------------------------------------------------

    def finish(self) -> Map:
        """The map: kinds derived, and written-and-readable as ``.arg``."""
        relations = list(self.relations.values())
        stated = {node_id: node.kind for node_id, node in self.nodes.items() if node.kind}
        kinds = derive_kinds(list(self.nodes), relations, stated)
        the_map = self._map(kinds)
        try:
            to_arg(the_map)
        except UnwritableMapError:
            # Rebuttals and undercuts must hang under what they answer; where the
            # graph (a cycle of objections, say) gives them no such place, they
            # become plain objections and premises.
            plain = {"rebuttal": "objection", "undercut": "premise", "evidence": "premise"}
            kinds = {node_id: plain.get(kind, kind) for node_id, kind in kinds.items()}
            self.report.note("changed", "kinds of nodes", "simplified so that the map can be written")
            the_map = self._map(kinds)
            refuse_unwritable(the_map)
        return the_map

    def _map(self, kinds: dict[str, str]) -> Map:
        nodes = [
            Node(node.id, kinds[node.id], node.text, tags=node.tags, attributes=node.attributes, span=node.span)
            for node in self.nodes.values()
        ]
        relations = [
            # the importers add only support, attack and undercut; Relation's validator checks it again
            Relation(r.id, cast(RelationKind, r.kind), r.premises, r.target, span=r.span, attributes=r.attributes)
            for r in self.relations.values()
        ]
        return Map(metadata=self.metadata, nodes=nodes, relations=relations)


def refuse_unwritable(the_map: Map) -> None:
    """Raise ArgmapFormatError if *the_map* cannot be written as ``.arg``: an undercut
    that answers nothing, say, or undercuts of undercuts chained deeper than an
    ``.arg`` file nests."""
    try:
        to_arg(the_map)
    except UnwritableMapError as error:
        raise ArgmapFormatError(
            f"the imported map cannot be written as .arg: {error.message}",
            label="unwritable-import",
            hint=error.hint
            or f"in an .arg map every rebuttal and undercut stands under what it "
            f"answers, at most {MAX_DEPTH} levels deep; change the file so that they can",
        ) from None


def derive_kinds(
    node_ids: list[str], relations: Sequence[Relation | RelationDraft], stated: dict[str, str] | None = None
) -> dict[str, str]:
    """Each node's kind, from what it does in the map:

    - a node that supports something is a *premise*, or a *claim* when it has reasons
      or objections of its own;
    - else, a node that attacks something is an *objection*, or a *rebuttal* when all
      it attacks are objections and it is not part of a circle of attacks;
    - else, a node that undercuts an inference is an *undercut*;
    - a node that bears on nothing is the *conclusion* when something bears on it,
      else (nothing derivable) a *premise*.

    The order of the relations does not matter. Kinds in *stated* are kept where the
    map allows them. Time and memory grow in proportion to the size of the map.
    """
    out, attacks, has_incoming = _what_nodes_do(relations)
    attackers = {node_id for node_id, kinds in out.items() if "attack" in kinds and "support" not in kinds}
    rebutters = _rebutters(attacks, attackers)
    empty: set[str] = set()
    kinds = {
        node_id: _kind_from_role(out.get(node_id, empty), node_id in has_incoming, node_id in rebutters)
        for node_id in node_ids
    }
    reasoned_or_attacked = {relation.target for relation in relations if relation.kind != "undercut"}
    for node_id, kind in (stated or {}).items():
        if node_id in kinds and _allowed(kind, node_id, out, reasoned_or_attacked):
            kinds[node_id] = kind
    return kinds


def _what_nodes_do(
    relations: Sequence[Relation | RelationDraft],
) -> tuple[dict[str, set[str]], dict[str, list[str]], set[str]]:
    """The kinds of relation each node is a premise of, what each node attacks, and
    the nodes something bears on."""
    out: dict[str, set[str]] = {}
    attacks: dict[str, list[str]] = {}
    has_incoming: set[str] = set()
    for relation in relations:
        for premise in relation.premises:
            out.setdefault(premise, set()).add(relation.kind)
            if relation.kind == "attack":
                attacks.setdefault(premise, []).append(relation.target)
        has_incoming.add(relation.target)
    return out, attacks, has_incoming


def _kind_from_role(does: set[str], has_incoming: bool, rebuts: bool) -> str:
    """A node's kind from the kinds of relation it is a premise of (see :func:`derive_kinds`)."""
    if "support" in does:
        return "claim" if has_incoming else "premise"
    if "attack" in does:
        return "rebuttal" if rebuts else "objection"
    if "undercut" in does:
        return "undercut"
    return "conclusion" if has_incoming else "premise"


def _rebutters(attacks: dict[str, list[str]], attackers: set[str]) -> set[str]:
    """The attackers that attack only attackers and are on no circle of attacks among
    attackers: those whose attacks answer objections rather than go round."""
    attacks_among_attackers = {node_id: [t for t in attacks[node_id] if t in attackers] for node_id in attackers}
    answering = {node_id for node_id in attackers if len(attacks_among_attackers[node_id]) == len(attacks[node_id])}
    return answering - _on_cycles(attacks_among_attackers)


def _on_cycles(successors: dict[str, list[str]]) -> set[str]:
    """The nodes from which edges lead back to themselves: those of a strongly connected
    component of more than one node, and those with an edge to themselves."""
    on_cycles: set[str] = set()
    for component in strongly_connected_components(successors):
        first = component[0]
        if len(component) > 1 or first in successors[first]:
            on_cycles.update(component)
    return on_cycles


def strongly_connected_components(successors: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of a graph in which every node is a key of
    *successors*, found by Tarjan's algorithm in one pass.

    Iterative, so that no length of a chain reaches Python's recursion limit.

    >>> strongly_connected_components({"a": ["b"], "b": ["a", "c"], "c": []})
    [['c'], ['b', 'a']]
    """
    order: dict[str, int] = {}  # the order in which the search reached each node
    lowest: dict[str, int] = {}  # the earliest node on the stack reachable from each node
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    search: list[tuple[str, Iterator[str]]] = []  # the path searched, each node with its edges left

    def reach(node_id: str) -> None:
        order[node_id] = lowest[node_id] = len(order)
        stack.append(node_id)
        on_stack.add(node_id)
        search.append((node_id, iter(successors[node_id])))

    for root in successors:
        if root in order:
            continue
        reach(root)
        while search:
            node_id, pending = search[-1]
            for successor in pending:
                if successor not in order:
                    reach(successor)
                    break
                if successor in on_stack:
                    lowest[node_id] = min(lowest[node_id], order[successor])
            else:
                search.pop()
                if search:
                    parent = search[-1][0]
                    lowest[parent] = min(lowest[parent], lowest[node_id])
                if lowest[node_id] == order[node_id]:
                    components.append(_pop_component(node_id, stack, on_stack))
    return components


def _pop_component(root: str, stack: list[str], on_stack: set[str]) -> list[str]:
    """The nodes on *stack* down to the component's *root*, taken off it."""
    component: list[str] = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        component.append(member)
        if member == root:
            return component


def _allowed(kind: str, node_id: str, out: dict[str, set[str]], reasoned_or_attacked: set[str]) -> bool:
    """Whether a stated kind fits the node's place in the map (so that it can be written)."""
    if kind == "rebuttal":
        return "attack" in out.get(node_id, ())
    if kind == "undercut":
        return "undercut" in out.get(node_id, ())
    if kind == "evidence":
        return node_id not in reasoned_or_attacked
    return True


def slugify(title: str) -> str:
    """A valid id made from a title: spaces and punctuation become ``-``.

    >>> slugify("Statement 1"), slugify('"Fake News" and Censorship'), slugify("!!")
    ('Statement-1', 'Fake-News-and-Censorship', '')
    """
    slug = _NOT_ID_CHARS.sub("-", title.replace("'", "").replace("\u2019", ""))
    slug = re.sub(r"^[^\w]+|^_+", "", slug)
    slug = re.sub(r"-+", "-", slug).rstrip("-.")
    return slug if is_valid_id(slug) else ""


def fit_tags(tags, report: ImportReport) -> list[str]:
    """Tags as the language writes them: spaces and other characters become ``-``;
    each tag once, in the order first met."""
    fitted: dict[str, None] = {}  # a dict keeps the order and finds a tag met before at once
    for tag in tags:
        new = str(tag)
        if not _TAG_RE.match(new):
            new = _NOT_TAG_CHARS.sub("-", new.strip()).strip("-.")
        if new and not _TAG_RE.match(new):
            new = "tag-" + new if new[0].isdigit() else ""
        if not new or not _TAG_RE.match(new):
            report.note("dropped", "tags without letters")
            continue
        if new != tag:
            report.note("changed", "tags", "spaces and punctuation became '-'")
        fitted.setdefault(new)
    return list(fitted)


def first_free_number(base: str, taken, next_number: dict[str, int]) -> int:
    """The least number from 2 up such that ``base-number`` is not in *taken*.

    *taken* may only grow, so every number below the one found last stays taken:
    *next_number* remembers where to go on, and many alike names cost linear time.

    >>> first_free_number("a", {"a", "a-2", "a-3"}, {})
    4
    """
    number = next_number.get(base, 2)
    while f"{base}-{number}" in taken:
        number += 1
    next_number[base] = number + 1
    return number


def fit_key(key: str, prefix: str) -> str:
    """An attribute or header key: a word of letters, digits, ``-`` and ``_``.

    >>> fit_key("isInMap", "x-"), fit_key("some data", "x-"), fit_key("1st", "x-")
    ('isInMap', 'some-data', 'x-1st')
    """
    new = _NOT_KEY_CHARS.sub("-", str(key).strip()).strip("-") or "key"
    if not _KEY_RE.match(new):
        new = (prefix or "x-") + new
    return new


def fit_attributes(attributes) -> list[tuple[str, str]]:
    """Attributes with keys the language reads and values on one line; ``verdict``
    and ``weight`` keep their fixed meaning only when their values fit it."""
    fitted: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, value in attributes:
        key = fit_key(key, "x-")
        value = " ".join(str(value).split())
        if key == "verdict" and value not in VERDICTS or key == "weight" and not _is_weight(value):
            key = f"x-{key}"
        if key in seen:
            continue
        seen.add(key)
        fitted.append((key, value))
    return fitted
