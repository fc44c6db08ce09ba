"""Dialectics: objections, rebuttals and undercuts in their places (AM2xx)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import filterfalse

from . import words
from .context import ATTACKER_KINDS, Context, LazyTable
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
    relations = context.map.relations
    attacked = {relation.target for relation in relations if relation.kind == "attack"}
    unattacked = [node for node in context.map.nodes if node.kind == "objection" and node.id not in attacked]
    if not unattacked:
        return
    standing, conceded = _objections_to_statements(context)
    for node in unattacked:
        if node.id in standing and node.id not in conceded:
            yield Finding(node.span, f"the objection '{node.id}' is not answered", (node.id,))


def _objections_to_statements(context: Context) -> tuple[set[str], set[str]]:
    """The premises of attacks on something that is no objection, and those of them
    whose attack is undercut (so that the map answers them)."""
    nodes = context.nodes
    relations = context.map.relations
    undercut = {relation.target for relation in relations if relation.kind == "undercut"}
    standing_attacks = [
        relation
        for relation in relations
        if relation.kind == "attack"
        and not (relation.target in nodes and nodes[relation.target].kind in ATTACKER_KINDS)
    ]
    standing = {premise for relation in standing_attacks for premise in relation.premises}
    conceded = {premise for relation in standing_attacks if relation.id in undercut for premise in relation.premises}
    return standing, conceded


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
    # only what attacks a statement of a kind that objects to nothing can be reported
    # (so the defining lines of most rebuttals need not be looked for)
    suspects = {
        premise
        for relation in context.map.relations
        if relation.kind == "attack" and relation.target in nodes and nodes[relation.target].kind not in ATTACKER_KINDS
        for premise in relation.premises
    }
    for node in context.map.nodes:
        if node.kind != "rebuttal" or node.id not in suspects:
            continue
        relation = context.defining_relation(node.id)
        if relation is None or relation.kind != "attack":
            continue
        target = relation.target
        if target in nodes and not context.is_attacker(target):
            kind = nodes[target].kind
            yield Finding(
                node.span, f"this rebuttal answers the {kind} '{target}', which is not an objection", (node.id,)
            )


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
    # only what attacks an objection, a rebuttal or an undercut can be reported (so
    # the defining lines of most objections need not be looked for)
    suspects = {
        premise
        for relation in context.map.relations
        if relation.kind == "attack" and relation.target in nodes and nodes[relation.target].kind in ATTACKER_KINDS
        for premise in relation.premises
    }
    for node in context.map.nodes:
        if node.kind != "objection" or node.id not in suspects:
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
                yield Finding(
                    relation.span, f"this undercut is aimed at {what}, not at an inference", tuple(relation.premises)
                )
        elif relation.target in relations:
            yield Finding(
                relation.span,
                f"this {relation.kind} is aimed at the inference '{relation.target}'; only an undercut can be",
                tuple(relation.premises),
            )


_CONTRACTION_RE = re.compile(r"n['\u2019]t\b|\bcannot\b", re.IGNORECASE)
_DENIAL_PREFIX_RE = re.compile(
    r"^(?:it\s+is\s+(?:not\s+(?:true|the\s+case)|false|untrue)\s+that|not\s+so)\b[\s,:]*", re.IGNORECASE
)
_NEGATIONS = frozenset({"not", "no", "never", "neither", "nor"})
_AUXILIARIES = frozenset({"do", "does", "did"})
_NOT_CONTENT = _NEGATIONS | _AUXILIARIES


def _polarity(text: str) -> tuple[frozenset[str], int]:
    """The stems of a statement without its negations, and how many there were."""
    text, denied = _DENIAL_PREFIX_RE.subn("", text.strip())
    found = words.words(_expand_contractions(text))
    negations = denied + sum(map(_NEGATIONS.__contains__, found))
    return words.stems(filterfalse(_NOT_CONTENT.__contains__, found)), negations


def _expand_contractions(text: str) -> str:
    """*text* with ``n't`` written `` not`` and ``cannot`` written ``can not``."""
    if "'" not in text and "\u2019" not in text and "cannot" not in text.lower():
        return text  # a quick test that spares most texts the slower scan for a contraction
    return _CONTRACTION_RE.sub(_expand_contraction, text)


def _expand_contraction(match: re.Match) -> str:
    return " not" if match.group(0).lower().startswith("n") else "can not"


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
    polarity_of = LazyTable(lambda node_id: _polarity(nodes[node_id].text))
    undercuts = [r for r in context.map.relations if r.kind == "undercut" and r.target in relations]
    for relation in undercuts:
        attacked = relations[relation.target]
        for undercut in relation.premises:
            if undercut not in nodes:
                continue
            own, own_negations = polarity_of[undercut]
            for premise in attacked.premises:
                if premise not in nodes:
                    continue
                other, other_negations = polarity_of[premise]
                if own == other and own_negations % 2 != other_negations % 2:
                    yield Finding(
                        nodes[undercut].span if context.defining_relation(undercut) is relation else relation.span,
                        f"this undercut denies the {nodes[premise].kind} '{premise}' itself",
                        (undercut,),
                    )
