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
    """For each node, computed once and only when asked for: its key terms as
    probes (``" " + term``) and its text in :func:`~argmap.checks.words.plain`
    form, in which a probe finds a word that starts with the term."""

    def __init__(self, context: Context) -> None:
        self.nodes = context.nodes
        self.probes_cache: dict[str, tuple[str, ...]] = {}
        self.plain_cache: dict[str, str] = {}

    def probes(self, node_id: str) -> tuple[str, ...]:
        """``" " + term`` for each key term of a node's text."""
        found = self.probes_cache.get(node_id)
        if found is None:
            found = self.probes_cache[node_id] = words.probes(self.nodes[node_id].text)
        return found

    def plain(self, node_id: str) -> str:
        """A node's text in plain form."""
        found = self.plain_cache.get(node_id)
        if found is None:
            found = self.plain_cache[node_id] = words.plain(self.nodes[node_id].text)
        return found


def _terms(context: Context) -> _Terms:
    terms = context.shared.get("reasons.terms")
    if terms is None:
        terms = context.shared["reasons.terms"] = _Terms(context)
    return terms


def _reasons(context: Context) -> list:
    """Support relations from statements (not evidence alone) to a node."""
    found = context.shared.get("reasons.reasons")
    if found is None:
        found = context.shared["reasons.reasons"] = _find_reasons(context)
    return found


def _find_reasons(context: Context) -> list:
    nodes = context.nodes
    found = []
    for relation in context.map.relations:
        if relation.kind != "support" or relation.target not in nodes:
            continue
        premises = relation.premises
        if len(premises) == 1:
            node = nodes.get(premises[0])
            if node is not None and node.kind != "evidence":
                found.append(relation)
        elif all(premise in nodes for premise in premises) and any(
            nodes[premise].kind != "evidence" for premise in premises
        ):
            found.append(relation)
    return found


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
    by crude stems (a premise word that starts with the stem counts), so a
    paraphrase defeats the rule; to stay useful it fires only
    when the reason misses at most two key terms of the claim and shares at least
    as many as it misses.
    Reasons of evidence alone are not checked. English only."""
    terms = _terms(context)
    probes_of, plain_of = terms.probes, terms.plain
    for relation in _reasons(context):
        target = relation.target
        probes = probes_of(target)
        if not probes:
            continue
        premises = relation.premises
        text = plain_of(premises[0]) if len(premises) == 1 else "".join(map(plain_of, premises))
        missing = len(probes) - sum(map(text.__contains__, probes))
        if missing and missing <= MAX_MISSING and len(probes) >= 2 * missing:
            absent = {probe[1:] for probe in probes if probe not in text}
            named = [word for term, word in words.key_words(context.nodes[target].text).items() if term in absent]
            listed = " and ".join(f"'{word}'" for word in named)
            verb = "appears" if len(named) == 1 else "appear"
            yield Finding(relation.span, f"{listed} {verb} in the claim '{target}' but in no premise "
                          "of this reason", (target, *premises))


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
    for relation in _reasons(context):
        if not relation.is_linked:
            continue
        members = list(dict.fromkeys(relation.premises))
        texts = [terms.plain(member) for member in members]
        claim = terms.plain(relation.target)
        for index, premise in enumerate(members):
            probes = terms.probes(premise)
            if not probes:
                continue
            others = claim + "".join(texts[:index] + texts[index + 1:])
            if any(map(others.__contains__, probes)):
                continue
            span = nodes[premise].span if context.defining_relation(premise) is relation else relation.span
            yield Finding(span, f"the co-premise '{premise}' shares no term with the rest of its reason",
                          (premise, relation.target))
