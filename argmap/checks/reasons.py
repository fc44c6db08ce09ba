"""Reasons: whether the words of a reason reach its claim (AM4xx).

These read English words (a stop list and a crude stemmer, see
:mod:`argmap.checks.words`), so they know English only, and they are information,
not errors: a paraphrase or a synonym defeats them.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import filterfalse, islice

from ..model import Relation
from . import words
from .context import Context
from .registry import Finding, rule

MAX_MISSING = 2
"""The Rabbit rule speaks only when a reason misses at most this many key terms of
its claim and shares at least as many: a reason that misses more is a paraphrase,
and the rule cannot tell which link is missing."""


def _reasons(context: Context) -> list[Relation]:
    """Support relations from statements (not evidence alone) to a node."""
    return context.shared_value("reasons.reasons", lambda: _find_reasons(context))


def _find_reasons(context: Context) -> list[Relation]:
    nodes = context.nodes
    statements = {node_id for node_id, node in nodes.items() if node.kind != "evidence"}
    return [
        relation
        for relation in context.map.relations
        if relation.kind == "support"
        and relation.target in nodes
        and (
            relation.premises[0] in statements
            if len(relation.premises) == 1  # the usual case, quicker
            else all(map(nodes.__contains__, relation.premises)) and not statements.isdisjoint(relation.premises)
        )
    ]


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
    probes_of = context.key_probes
    plain_of = context.plain_texts
    for relation in _reasons(context):
        target = relation.target
        probes = probes_of[target]
        if not probes:
            continue
        premises = relation.premises
        text = plain_of[premises[0]] if len(premises) == 1 else "".join(map(plain_of.__getitem__, premises))
        # the terms the premises miss, counted no further than the rule needs
        missing = list(islice(filterfalse(text.__contains__, probes), MAX_MISSING + 1))
        if missing and len(missing) <= MAX_MISSING and len(probes) >= 2 * len(missing):
            absent = {probe[1:] for probe in missing}
            named = [word for term, word in words.key_words(context.nodes[target].text).items() if term in absent]
            listed = " and ".join(f"'{word}'" for word in named)
            verb = "appears" if len(named) == 1 else "appear"
            yield Finding(
                relation.span,
                f"{listed} {verb} in the claim '{target}' but in no premise of this reason",
                (target, *premises),
            )


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
    missing. Short content words ("bad", "tax") count as shared terms too. English
    only."""
    probes_of = context.key_probes
    plain_of = context.plain_texts
    nodes = context.nodes
    for relation in _reasons(context):
        if len(relation.premises) == 1:
            continue  # not a linked reason (quicker than asking is_linked of each)
        members = dict.fromkeys(relation.premises)
        claim = plain_of[relation.target]
        for premise in members:
            if words.plain_shares_term(plain_of[premise], claim):
                continue  # the usual case, settled without listing the premise's terms
            probes = probes_of[premise]
            if not probes:
                continue
            others = "".join([plain_of[member] for member in members if member != premise])
            if any(map(others.__contains__, probes)):
                continue
            if any(map((others + claim).__contains__, words.short_probes(nodes[premise].text))):
                continue  # a short word ('bad', 'tax') is what the premises share
            span = nodes[premise].span if context.defining_relation(premise) is relation else relation.span
            yield Finding(
                span,
                f"the co-premise '{premise}' shares no term with the rest of its reason",
                (premise, relation.target),
            )
