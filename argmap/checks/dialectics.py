"""Dialectics: objections, rebuttals and undercuts in their places (AM2xx)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import words
from .context import ATTACKER_KINDS, Context
from .registry import Finding, rule


@rule(
    "AM201",
    "unanswered-objection",
    severity="warning",
    summary="An objection has no rebuttal and stands against its target.",
    hint="answer it with a 'rebuttal:' or an 'undercut:' indented under it, or concede it",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
          objection: Opening on Mondays would raise the museum's staff costs.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
          objection: Opening on Mondays would raise the museum's staff costs.
            rebuttal: Ticket sales on Mondays would pay for the extra staff.
    """,
    expect=[(3, 3)],
)
def unanswered_objection(context: Context) -> Iterator[Finding]:
    """An `objection` that nothing attacks (no rebuttal or objection under it) and
    whose attack nothing undercuts still stands: the map concedes it. That may be
    honest, but a teacher will ask for an answer. An objection that answers another
    objection is a rebuttal in all but name (AM203) and is not reported here."""
    incoming = context.incoming
    nodes = context.nodes
    for node in context.map.nodes:
        if node.kind != "objection":
            continue
        if any(r.kind == "attack" for r in incoming.get(node.id, ())):
            continue
        attacks = [
            r for r in context.outgoing.get(node.id, ())
            if r.kind == "attack" and not (r.target in nodes and nodes[r.target].kind in ATTACKER_KINDS)
        ]
        if not attacks:
            continue
        if any(any(u.kind == "undercut" for u in incoming.get(r.id, ())) for r in attacks):
            continue
        yield Finding(node.span, f"the objection '{node.id}' is not answered", (node.id,))


@rule(
    "AM202",
    "rebuttal-of-non-objection",
    severity="warning",
    summary="A rebuttal answers something that is not an objection.",
    hint="write it as 'objection:' (an objection to a claim), or move it under the objection it answers",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
            rebuttal: Most tourists visit the city at weekends.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
            objection: Most tourists visit the city at weekends.
              rebuttal: Cruise ships bring thousands of tourists to the city every Monday.
    """,
    expect=[(3, 5)],
)
def rebuttal_of_non_objection(context: Context) -> Iterator[Finding]:
    """A `rebuttal` is an objection to an objection. Written under a claim or premise
    it is really an objection, and the map reads the wrong way round. A node used
    as an objection elsewhere (through a reference) counts as an objection."""
    nodes = context.nodes
    for node in context.map.nodes:
        if node.kind != "rebuttal":
            continue
        relation = context.defining_relation(node.id)
        if relation is None or relation.kind != "attack":
            continue
        target = relation.target
        if target in nodes and not context.is_attacker(target):
            kind = nodes[target].kind
            yield Finding(node.span, f"this rebuttal answers the {kind} '{target}', which is not an objection",
                          (node.id,))


@rule(
    "AM203",
    "objection-to-objection",
    severity="warning",
    summary="An objection to an objection is not written as a rebuttal.",
    hint="write it as 'rebuttal:' so that the map shows it answers the objection",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
          objection: Opening on Mondays would raise the museum's staff costs.
            objection: Ticket sales on Mondays would pay for the extra staff.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
          objection: Opening on Mondays would raise the museum's staff costs.
            rebuttal: Ticket sales on Mondays would pay for the extra staff.
    """,
    expect=[(4, 5)],
)
def objection_to_objection(context: Context) -> Iterator[Finding]:
    """An `objection` indented under an objection, a rebuttal or an undercut
    answers it, and that is what `rebuttal` says. Only the keyword on the defining
    line is judged: `rebuttal @x` and `objection @x` references are left alone."""
    nodes = context.nodes
    for node in context.map.nodes:
        if node.kind != "objection":
            continue
        relation = context.defining_relation(node.id)
        if relation is None or relation.kind != "attack":
            continue
        target = nodes.get(relation.target)
        if target is not None and target.kind in ATTACKER_KINDS:
            yield Finding(node.span, f"this objection answers the {target.kind} '{target.id}'", (node.id,))


@rule(
    "AM204",
    "misplaced-undercut",
    severity="error",
    summary="An undercut is not aimed at an inference, or a support or attack is aimed at one.",
    hint="an undercut attacks an inference (a relation id); a premise or objection bears on a statement (a node id)",
    bad="""
        {"format": "argmap", "version": 1,
         "nodes": [{"id": "fly", "kind": "conclusion", "text": "Tweety can fly."},
                   {"id": "bird", "kind": "premise", "text": "Tweety is a bird."},
                   {"id": "penguin", "kind": "undercut", "text": "Tweety is a penguin, and penguins cannot fly."}],
         "relations": [{"id": "support:bird->fly", "kind": "support", "from": ["bird"], "to": "fly"},
                       {"id": "undercut:penguin->fly", "kind": "undercut", "from": ["penguin"], "to": "fly",
                        "span": {"line": 6, "column": 16, "end_line": 7, "end_column": 83}}]}
    """,
    good="""
        {"format": "argmap", "version": 1,
         "nodes": [{"id": "fly", "kind": "conclusion", "text": "Tweety can fly."},
                   {"id": "bird", "kind": "premise", "text": "Tweety is a bird."},
                   {"id": "penguin", "kind": "undercut", "text": "Tweety is a penguin, and penguins cannot fly."}],
         "relations": [{"id": "support:bird->fly", "kind": "support", "from": ["bird"], "to": "fly"},
                       {"id": "undercut:penguin->support:bird->fly", "kind": "undercut", "from": ["penguin"],
                        "to": "support:bird->fly"}]}
    """,
    expect=[(6, 16)],
    example_format="json",
)
def misplaced_undercut(context: Context) -> Iterator[Finding]:
    """An undercut grants a statement and denies that it bears on its parent: it
    attacks an inference (a relation), never a statement; and only an undercut can
    attack an inference. The `.arg` reader never builds such a map (an undercut
    with no inference above it is a syntax error, AM002), so this check guards maps
    read from JSON or built in Python. A node of kind `undercut` that is also used
    as a premise through a reference (`premise @u`) is a deliberate second role and
    is left alone."""
    nodes = context.nodes
    relations = context.relations
    for relation in context.map.relations:
        if relation.kind == "undercut":
            if relation.target not in relations:
                what = f"the statement '{relation.target}'" if relation.target in nodes else f"'{relation.target}'"
                yield Finding(relation.span, f"this undercut is aimed at {what}, not at an inference",
                              tuple(relation.premises))
        elif relation.target in relations:
            yield Finding(relation.span, f"this {relation.kind} is aimed at the inference '{relation.target}'; "
                          "only an undercut can be", tuple(relation.premises))


_CONTRACTION_RE = re.compile(r"n['\u2019]t\b|\bcannot\b", re.IGNORECASE)
_DENIAL_PREFIX_RE = re.compile(
    r"^(?:it\s+is\s+(?:not\s+(?:true|the\s+case)|false|untrue)\s+that|not\s+so)\b[\s,:]*", re.IGNORECASE
)
_NEGATIONS = frozenset({"not", "no", "never", "neither", "nor"})
_AUXILIARIES = frozenset({"do", "does", "did"})


def _polarity(text: str) -> tuple[frozenset[str], int]:
    """The stems of a statement without its negations, and how many there were."""
    text, denied = _DENIAL_PREFIX_RE.subn("", text.strip())
    text = _CONTRACTION_RE.sub(lambda m: " not" if m.group(0).lower().startswith("n") else "can not", text)
    stems: set[str] = set()
    negations = denied
    for word in words.words(text):
        if word in _NEGATIONS:
            negations += 1
        elif word not in _AUXILIARIES:
            stems.add(words.stem(word))
    return frozenset(stems), negations


@rule(
    "AM205",
    "undercut-denies-premise",
    severity="warning",
    summary="An undercut denies the statement it stands under instead of the inference.",
    hint="to deny the statement, write an 'objection:' under it; an undercut grants it and denies that it "
    "supports the line above",
    bad="""
        conclusion: Tweety can fly.
          premise: Tweety is a bird.
            undercut: Tweety is not a bird.
    """,
    good="""
        conclusion: Tweety can fly.
          premise: Tweety is a bird.
            objection: Tweety is a toy that only looks like a bird.
              rebuttal: Tweety eats, sings and lays eggs, as a bird does.
    """,
    expect=[(3, 5)],
    languages=["en"],
)
def undercut_denies_premise(context: Context) -> Iterator[Finding]:
    """An undercut that says the opposite of the line it is under (`Tweety is a
    bird` / `Tweety is not a bird`) attacks that statement, not its inference: it
    is an objection. Found when the two texts have the same words apart from a
    negation (`not`, `no`, `never`, `n't`, `it is false that`). English only."""
    nodes = context.nodes
    relations = context.relations
    for relation in context.map.relations:
        if relation.kind != "undercut" or relation.target not in relations:
            continue
        attacked = relations[relation.target]
        for undercut in relation.premises:
            if undercut not in nodes:
                continue
            own, own_negations = _polarity(nodes[undercut].text)
            for premise in attacked.premises:
                if premise not in nodes:
                    continue
                other, other_negations = _polarity(nodes[premise].text)
                if own == other and own_negations % 2 != other_negations % 2:
                    yield Finding(nodes[undercut].span if context.defining_relation(undercut) is relation
                                  else relation.span,
                                  f"this undercut denies the {nodes[premise].kind} '{premise}' itself",
                                  (undercut,))
