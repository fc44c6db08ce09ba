"""Critical questions in evaluation: a map with its raised questions made explicit.

- An **exception** raised by an objection or undercut N (``{cq: ...}``) defeats the
  scheme reason R like an undercut: the map gets the undercut N → R (unless N is
  written as one already).
- An **assumption** is a co-premise of R. Answered by a co-premise marked with its
  id, that premise is it, and N attacks it. Not answered, R gets an implicit
  co-premise (the question's assumption, accepted unless attacked), and N attacks it.

Questions nobody raises change nothing: an exception not raised cannot defeat, and an
implicit assumption that nothing attacks is accepted. :func:`with_critical_questions`
returns the map to evaluate and the ids of the implicit nodes, which the evaluation
leaves out of its results.
"""

from __future__ import annotations

import attrs

from ..model import Map, Node, Relation, RelationKind, relation_id
from .analysis import raised_questions, scheme_uses
from .catalogue import Catalogue

IMPLICIT_PREFIX = "assumption-"
"""Implicit assumptions are named ``assumption-QUESTION`` (``-2``... when taken)."""


@attrs.frozen
class QuestionEdge:
    """What one raised question does: *raiser* undercuts *relation* (an exception),
    or attacks the co-premise *premise* of it (an assumption; the premise may be
    implicit)."""

    raiser: str
    relation: str
    kind: str
    premise: str | None = None

    def added_relation(self) -> tuple[RelationKind, str]:
        """The kind and target of the relation the map gets: an undercut of the
        reason for an exception, an attack on the co-premise for an assumption."""
        if self.kind == "exception" or self.premise is None:  # an assumption always has its premise
            return "undercut", self.relation
        return "attack", self.premise


def question_edges(the_map: Map, catalogue: Catalogue) -> tuple[list[QuestionEdge], dict[tuple[str, str], str]]:
    """The effect of every raised question, and the implicit assumptions needed (by
    (relation id, question id) → a fresh node id)."""
    uses = scheme_uses(the_map, catalogue)
    matched = [
        (r, r.use, r.question)
        for r in raised_questions(the_map, catalogue, uses)
        if r.use is not None and r.question is not None
    ]
    answers = {(use.relation.id, question.id): r.node.id for r, use, question in matched if r.answers}
    taken = {node.id for node in the_map.nodes}
    implicit: dict[tuple[str, str], str] = {}
    edges: list[QuestionEdge] = []
    for item, use, question in matched:
        if item.answers:
            continue
        key = (use.relation.id, question.id)
        if question.kind == "exception":
            edges.append(QuestionEdge(item.node.id, key[0], "exception"))
            continue
        premise = answers.get(key) or implicit.get(key) or _fresh(question.id, taken)
        if key not in answers:
            implicit[key] = premise
        edges.append(QuestionEdge(item.node.id, key[0], "assumption", premise))
    return edges, implicit


def _fresh(question_id: str, taken: set[str]) -> str:
    base = IMPLICIT_PREFIX + question_id
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    taken.add(name)
    return name


def with_critical_questions(the_map: Map, catalogue: Catalogue) -> tuple[Map, frozenset[str]]:
    """*the_map* with its raised critical questions as undercuts, implicit
    co-premises and attacks (see the module), and the ids of the implicit nodes.
    A map without a scheme reason comes back as it is."""
    if not any(relation.attributes for relation in the_map.relations):
        return the_map, frozenset()
    edges, implicit = question_edges(the_map, catalogue)
    if not edges:
        return the_map, frozenset()
    questions = _question_texts(the_map, catalogue)
    added_premises: dict[str, list[str]] = {}
    nodes = list(the_map.nodes)
    for (relation_id_, question_id), node_id in implicit.items():
        added_premises.setdefault(relation_id_, []).append(node_id)
        nodes.append(
            Node(node_id, "assumption", questions[(relation_id_, question_id)], attributes={"verdict": "accepted"})
        )
    relations = [
        attrs.evolve(r, premises=(*r.premises, *added_premises[r.id])) if r.id in added_premises else r
        for r in the_map.relations
    ]
    known = {relation.id for relation in relations}
    for edge in edges:
        kind, target = edge.added_relation()
        new_id = relation_id(kind, (edge.raiser,), target)
        if new_id not in known:
            known.add(new_id)
            relations.append(Relation(new_id, kind, (edge.raiser,), target))
    return Map(metadata=the_map.metadata, nodes=nodes, relations=relations), frozenset(implicit.values())


def _question_texts(the_map: Map, catalogue: Catalogue) -> dict[tuple[str, str], str]:
    """(relation id, question id) → the question, for every scheme reason."""
    return {
        (use.relation.id, question.id): question.text
        for use in scheme_uses(the_map, catalogue).values()
        if use.scheme is not None
        for question in use.scheme.questions
    }


__all__ = ["IMPLICIT_PREFIX", "QuestionEdge", "question_edges", "with_critical_questions"]
