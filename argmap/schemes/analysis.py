"""How a map uses the catalogue: which reasons instantiate which scheme, which
critical questions its objections raise, and which are still open.

Checks, evaluation, teaching and drawing read these; none of them reads the
attributes directly.
"""

from __future__ import annotations

import attrs

from ..model import Map, Node, Relation
from .catalogue import Catalogue, CriticalQuestion, Scheme

SCHEME_KEY = "scheme"
ROLE_KEY = "role"
CQ_KEY = "cq"


@attrs.frozen
class SchemeUse:
    """A reason that names a scheme: the name as written, and the scheme it stands
    for (``None`` when the catalogue has no such scheme)."""

    relation: Relation
    written: str
    scheme: Scheme | None


@attrs.frozen
class RaisedQuestion:
    """A node that names a critical question with ``{cq: ...}``: the scheme reason it
    bears on and the question, or ``None`` for either when nothing matches.

    ``answers`` is true for a supporting co-premise of the reason (it secures an
    assumption), false for an objection or undercut (it raises the question)."""

    node: Node
    written: str
    use: SchemeUse | None
    question: CriticalQuestion | None
    answers: bool
    candidates: tuple[SchemeUse, ...] = ()


def scheme_uses(the_map: Map, catalogue: Catalogue) -> dict[str, SchemeUse]:
    """Every reason that names a scheme, by relation id, in the order written."""
    uses: dict[str, SchemeUse] = {}
    for relation in the_map.relations:
        written = relation.attribute(SCHEME_KEY)
        if written is not None:
            uses[relation.id] = SchemeUse(relation, written, catalogue.find(written))
    return uses


def _split(written: str) -> tuple[str | None, str]:
    """``expert-opinion.trustworthy`` → (``expert-opinion``, ``trustworthy``); a bare
    question id has no scheme part."""
    scheme, dot, question = written.strip().rpartition(".")
    return (scheme or None) if dot else None, question


def _candidates(the_map: Map, node_id: str, uses: dict[str, SchemeUse]) -> list[tuple[SchemeUse, bool]]:
    """The scheme reasons a node bears on, each with whether the node answers (is a
    co-premise of the reason) rather than raises a question of it: the reason it is
    a premise of; the inference it undercuts; for an objection, the reasons its
    target is a premise or the conclusion of."""
    found: list[tuple[SchemeUse, bool]] = []
    for relation in the_map.outgoing(node_id):
        if relation.id in uses and relation.kind == "support":
            found.append((uses[relation.id], True))
        elif relation.kind == "undercut" and relation.target in uses:
            found.append((uses[relation.target], False))
        elif relation.kind == "attack":
            target = relation.target
            found.extend((uses[r.id], False) for r in the_map.outgoing(target) if r.id in uses)
            found.extend((uses[r.id], False) for r in the_map.incoming(target) if r.id in uses and r.kind == "support")
    return list(dict.fromkeys(found))


def raised_questions(
    the_map: Map, catalogue: Catalogue, uses: dict[str, SchemeUse] | None = None
) -> list[RaisedQuestion]:
    """Every node with a ``cq`` attribute, matched to the first scheme reason it
    bears on whose scheme has that question."""
    uses = scheme_uses(the_map, catalogue) if uses is None else uses
    raised: list[RaisedQuestion] = []
    for node in the_map.nodes:
        written = node.attribute(CQ_KEY)
        if written is None:
            continue
        scheme_name, question_id = _split(written)
        wanted = catalogue.find(scheme_name) if scheme_name else None
        candidates = _candidates(the_map, node.id, uses)
        match = None
        for use, answers in candidates:
            if use.scheme is None or (scheme_name is not None and use.scheme != wanted):
                continue
            question = use.scheme.question(question_id)
            if question is not None:
                match = RaisedQuestion(node, written, use, question, answers)
                break
        if match is None:
            answers = bool(candidates) and all(answers for _, answers in candidates)
            match = RaisedQuestion(node, written, None, None, answers, tuple(use for use, _ in candidates))
        raised.append(match)
    return raised


def open_questions(the_map: Map, catalogue: Catalogue) -> list[tuple[SchemeUse, CriticalQuestion]]:
    """The critical questions of every scheme reason that no node raises or answers,
    reason by reason in the order written, questions in the scheme's order."""
    uses = scheme_uses(the_map, catalogue)
    asked = {
        (r.use.relation.id, r.question.id)
        for r in raised_questions(the_map, catalogue, uses)
        if r.use is not None and r.question is not None
    }
    return [
        (use, question)
        for use in uses.values()
        if use.scheme is not None
        for question in use.scheme.questions
        if (use.relation.id, question.id) not in asked
    ]


def missing_roles(the_map: Map, use: SchemeUse) -> tuple[tuple[str, ...], bool]:
    """The premise roles of *use*'s scheme that none of its co-premises fills, and
    whether they are named (some co-premise names a role) or only counted (no
    co-premise names one, and there are fewer premises than roles)."""
    roles = use.scheme.roles if use.scheme else ()
    named = {the_map.node(p).attribute(ROLE_KEY) for p in use.relation.premises if the_map.has_node(p)} - {None}
    if named:
        return tuple(role for role in roles if role not in named), True
    shortfall = len(roles) - len(use.relation.premises)
    return (roles[-shortfall:] if shortfall > 0 else ()), False


def suggested_objection(use: SchemeUse, question: CriticalQuestion) -> str:
    """The line a student could write to raise *question*: an undercut for an
    exception, an objection for an assumption (which attacks the hidden co-premise)."""
    keyword = "undercut" if question.kind == "exception" else "objection"
    return f"{keyword}: {question.text} {{cq: {question.id}}}"


__all__ = [
    "CQ_KEY",
    "ROLE_KEY",
    "SCHEME_KEY",
    "RaisedQuestion",
    "SchemeUse",
    "missing_roles",
    "open_questions",
    "raised_questions",
    "scheme_uses",
    "suggested_objection",
]
