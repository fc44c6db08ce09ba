"""Reasons: whether the words of a reason reach its claim (AM4xx).

These read English words (a stop list and a crude stemmer, see
:mod:`argmap.checks.words`), so they know English only, and they are information,
not errors: a paraphrase or a synonym defeats them.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import words
from .context import Context
from .registry import Finding, rule


MAX_MISSING = 2
"""The Rabbit rule speaks only when a reason misses at most this many key terms of
its claim and shares at least as many: a reason that misses more is a paraphrase,
and the rule cannot tell which link is missing."""


class _Terms:
    """Terms and key terms of node texts, computed once per node and only when
    asked for."""

    def __init__(self, context: Context) -> None:
        self.nodes = context.nodes
        self._terms: dict[str, frozenset[str]] = {}
        self._keys: dict[str, dict[str, str]] = {}

    def all(self, node_id: str) -> frozenset[str]:
        found = self._terms.get(node_id)
        if found is None:
            found = self._terms[node_id] = words.terms(self.nodes[node_id].text)
        return found

    def key(self, node_id: str) -> dict[str, str]:
        found = self._keys.get(node_id)
        if found is None:
            found = self._keys[node_id] = words.key_terms(self.nodes[node_id].text)
        return found


def _terms(context: Context) -> _Terms:
    terms = context.__dict__.get("_reason_terms")
    if terms is None:
        terms = context.__dict__["_reason_terms"] = _Terms(context)
    return terms


def _reasons(context: Context) -> list:
    """Support relations from statements (not evidence alone) to a node."""
    found = context.__dict__.get("_reasons")
    if found is None:
        found = context.__dict__["_reasons"] = list(_find_reasons(context))
    return found


def _find_reasons(context: Context):
    nodes = context.nodes
    for relation in context.map.relations:
        if relation.kind != "support" or relation.target not in nodes:
            continue
        if not all(premise in nodes for premise in relation.premises):
            continue
        if all(nodes[premise].kind == "evidence" for premise in relation.premises):
            continue
        yield relation


@rule(
    "AM401",
    "hidden-co-premise",
    severity="info",
    summary="A key term of a claim appears in none of its reason's premises (the Rabbit rule).",
    hint="the reason may need a co-premise that links the term to the premises: add it in a 'reason:' block",
    bad="""
        conclusion: Socrates is mortal.
          premise: All humans are mortal.
    """,
    good="""
        conclusion: Socrates is mortal.
          reason:
            premise: All humans are mortal.
            premise: Socrates is a human.
    """,
    expect=[(2, 3)],
    languages=["en"],
)
def hidden_co_premise(context: Context) -> Iterator[Finding]:
    """The Rabbit rule: nothing may appear in a conclusion that was not in its
    premises, as no rabbit comes out of an empty hat. When a content word of a
    claim (four letters or more, not a function word) occurs in no premise of a
    reason, the reason probably leans on an unstated co-premise. Words are compared
    by crude stems, so a paraphrase defeats the rule; to stay useful it fires only
    when the reason misses at most two key terms of the claim and shares at least
    as many as it misses.
    Reasons of evidence alone are not checked. English only."""
    terms = _terms(context)
    for relation in _reasons(context):
        claim_terms = terms.key(relation.target)
        if not claim_terms:
            continue
        premises = relation.premises
        if len(premises) == 1:
            present = terms.all(premises[0])
        else:
            present = frozenset().union(*(terms.all(premise) for premise in premises))
        missing = [word for term, word in claim_terms.items() if term not in present]
        if 0 < len(missing) <= MAX_MISSING and len(claim_terms) - len(missing) >= len(missing):
            listed = " and ".join(f"'{word}'" for word in missing)
            verb = "appears" if len(missing) == 1 else "appear"
            yield Finding(relation.span, f"{listed} {verb} in the claim '{relation.target}' but in no premise "
                          "of this reason", (relation.target, *premises))


@rule(
    "AM402",
    "premises-apart",
    severity="info",
    summary="A co-premise shares no term with the other premises of its reason or with the claim.",
    hint="linked premises hold hands: each should share a term with another premise or with the claim",
    bad="""
        conclusion: Socrates is mortal.
          reason:
            premise: All humans are mortal.
            premise: Athens is a city in Greece.
    """,
    good="""
        conclusion: Socrates is mortal.
          reason:
            premise: All humans are mortal.
            premise: Socrates is a human.
    """,
    expect=[(4, 5)],
    languages=["en"],
)
def premises_apart(context: Context) -> Iterator[Finding]:
    """In a linked reason the co-premises work only together, so each should share
    a key term with another co-premise or with the claim ("premises hold hands").
    A co-premise that shares none is probably in the wrong reason, or a link is
    missing. English only."""
    terms = _terms(context)
    nodes = context.nodes
    defining = context.defining_relation
    for relation in _reasons(context):
        if not relation.is_linked:
            continue
        claim = terms.all(relation.target)
        shared: dict[str, int] = {}
        for premise in dict.fromkeys(relation.premises):
            for term in terms.all(premise):
                shared[term] = shared.get(term, 0) + 1
        for premise in dict.fromkeys(relation.premises):
            own = terms.key(premise)
            if not own or any(term in claim or shared[term] > 1 for term in own):
                continue
            span = nodes[premise].span if defining.get(premise) is relation else relation.span
            yield Finding(span, f"the co-premise '{premise}' shares no term with the rest of its reason",
                          (premise, relation.target))
