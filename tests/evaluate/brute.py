"""Brute force, written from the definitions and nothing else, to check the
evaluation against: every labelling of a small framework or map is tried.

- Dung frameworks: a labelling is complete when an argument is in exactly when all
  its attackers are out, and out exactly when some attacker is in (Modgil &
  Caminada 2009).
- Maps: the conditions of docs/evaluation.md, stated directly on nodes and
  relations, with no framework in between.

Grounded = the complete labelling with the fewest in (and out); preferred = the
complete labellings that no other one extends; stable = those with nothing undecided.
"""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from argmap.model import Map, Node, Relation, relation_id

IN, OUT, UNDEC = "in", "out", "undecided"


def _select(complete: list[dict[str, str]], semantics: str) -> list[dict[str, str]]:
    def below(small: dict[str, str], big: dict[str, str]) -> bool:
        """small ⊑ big: everything small decides, big decides the same way."""
        return all(big[k] == v for k, v in small.items() if v != UNDEC)

    if semantics == "complete":
        return complete
    if semantics == "grounded":
        return [lab for lab in complete if all(below(lab, other) for other in complete)]
    if semantics == "preferred":
        return [lab for lab in complete if not any(lab != o and below(lab, o) for o in complete)]
    if semantics == "stable":
        return [lab for lab in complete if UNDEC not in lab.values()]
    raise ValueError(semantics)


def framework_labellings(arguments: list[str], attacks: list[tuple[str, str]], semantics: str) -> list[dict]:
    """Every labelling of a Dung framework under *semantics*, by trying all 3^n."""
    attackers = {a: [x for x, y in attacks if y == a] for a in arguments}
    complete = []
    for values in itertools.product((IN, OUT, UNDEC), repeat=len(arguments)):
        lab = dict(zip(arguments, values, strict=True))
        if all(
            (lab[a] == IN) == all(lab[b] == OUT for b in attackers[a])
            and (lab[a] == OUT) == any(lab[b] == IN for b in attackers[a])
            for a in arguments
        ):
            complete.append(lab)
    return _select(complete, semantics)


# --- maps ------------------------------------------------------------------------


def _and(values) -> str:
    values = list(values)
    if all(v == IN for v in values):
        return IN
    return OUT if OUT in values else UNDEC


def _or(values) -> str:
    values = list(values)
    if IN in values:
        return IN
    return OUT if all(v == OUT for v in values) else UNDEC


_NOT = {IN: OUT, OUT: IN, UNDEC: UNDEC}


def map_labellings(
    the_map: Map, semantics: str, assume: dict | None = None, unmarked: str = "accepted", questions=()
) -> list[dict]:
    """Every node labelling of *the_map* under *semantics*, by trying all 3^nodes.

    Relations are labelled from the nodes (undercuts must not form a cycle): an
    inference is in when all its premises are in and every undercut of it is out.
    A node with the reader's verdict rejected is out, undecided is undecided; any
    other node is in when it has a basis and every attack on it is out, out when it
    has no basis or an attack is in. Its basis: in when accepted (marked, assumed,
    or unmarked with no reasons and unmarked=accepted), else the best of its reasons;
    out when its every chain of reasons goes round in a circle.

    *questions*: the raised critical questions, each ``(raiser, relation, kind,
    premise)``. An exception defeats the relation like an undercut by the raiser (the
    undercut written in the map, if there is one, else the raiser itself). An
    assumption is a co-premise of the relation: *premise* when a co-premise answers
    it, which the raiser then attacks; else an implicit one, in exactly when every
    raiser of it is out (Kleene's not-or)."""
    assume = assume or {}
    nodes = [n.id for n in the_map.nodes]
    verdict = {}
    for node in the_map.nodes:
        if node.id in assume:
            verdict[node.id] = assume[node.id]
        elif node.attribute("verdict"):
            verdict[node.id] = node.attribute("verdict")
        elif not the_map.supporters(node.id):
            verdict[node.id] = unmarked
    # well-founded support, ignoring attacks: reach nodes from the settled ones
    reached = set(verdict)
    changed = True
    while changed:
        changed = False
        for r in the_map.relations:
            if r.kind == "support" and r.target not in reached and set(r.premises) <= reached:
                reached.add(r.target)
                changed = True
    circular = {n for n in nodes if n not in reached}

    exceptions: dict[str, list[str]] = {}  # relation -> raisers
    implicit: dict[tuple[str, str], list[str]] = {}  # (relation, implicit premise) -> raisers
    answer_attacks: dict[str, list[str]] = {}  # answering co-premise -> raisers not already attacking it
    for raiser, relation, kind, premise in questions:
        if kind == "exception":
            exceptions.setdefault(relation, []).append(raiser)
        elif premise in nodes:
            if not the_map.has_relation(relation_id("attack", (raiser,), premise)):
                answer_attacks.setdefault(premise, []).append(raiser)
        else:
            implicit.setdefault((relation, premise), []).append(raiser)

    complete = []
    for values in itertools.product((IN, OUT, UNDEC), repeat=len(nodes)):
        lab = dict(zip(nodes, values, strict=True))
        rel: dict[str, str] = {}
        for r in reversed(the_map.relations):  # undercuts come after what they undercut
            undercuts = [rel[u.id] for u in the_map.attackers(r.id)]
            undercuts += [rel.get(relation_id("undercut", (n,), r.id), lab[n]) for n in exceptions.get(r.id, ())]
            hidden = [_NOT[_or(lab[n] for n in raisers)] for (on, _), raisers in implicit.items() if on == r.id]
            rel[r.id] = _and([*(lab[p] for p in r.premises), *(_NOT[u] for u in undercuts), *hidden])
        ok = True
        for n in nodes:
            v = verdict.get(n)
            if v == "rejected":
                want = OUT
            elif v == "undecided":
                want = UNDEC
            else:
                if v == "accepted":
                    basis = IN
                elif n in circular:
                    basis = OUT
                else:
                    basis = _or(rel[r.id] for r in the_map.supporters(n))
                attacked = _or(
                    [
                        *(rel[r.id] for r in the_map.incoming(n) if r.kind == "attack"),
                        *(lab[raiser] for raiser in answer_attacks.get(n, ())),
                    ]
                )
                want = _and([basis, _NOT[attacked]])
            if lab[n] != want:
                ok = False
                break
        if ok:
            complete.append(lab)
    return _select(complete, semantics)


# --- random frameworks and maps ----------------------------------------------------------


@st.composite
def frameworks(draw, max_arguments: int = 6) -> tuple[list[str], list[tuple[str, str]]]:
    """Small frameworks with any attacks, self-attacks included."""
    n = draw(st.integers(0, max_arguments))
    arguments = [f"a{i}" for i in range(n)]
    if not arguments:
        return arguments, []
    pairs = st.tuples(st.sampled_from(arguments), st.sampled_from(arguments))
    attacks = draw(st.lists(pairs, max_size=n * 2, unique=True))
    return arguments, attacks


_KINDS = ["conclusion", "claim", "premise", "assumption", "evidence", "objection", "rebuttal", "undercut"]


@st.composite
def maps(draw, max_nodes: int = 6, max_relations: int = 7) -> Map:
    """Small maps with every shape the model allows: linked reasons, cycles of
    support and attack, self-attacks, undercuts of undercuts, and verdicts."""
    n = draw(st.integers(1, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    nodes = []
    for node_id in ids:
        verdict = draw(st.sampled_from([None] * 6 + ["accepted", "rejected", "undecided"]))
        nodes.append(
            Node(
                node_id,
                draw(st.sampled_from(_KINDS)),
                f"Statement {node_id}.",
                attributes={"verdict": verdict} if verdict else {},
            )
        )
    relations: list[Relation] = []
    seen = set()
    for _ in range(draw(st.integers(0, max_relations))):
        kind = draw(st.sampled_from(["support", "support", "attack", "attack", "attack", "undercut"]))
        premises = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)))
        if kind == "undercut":
            if not relations:
                continue
            target = draw(st.sampled_from(relations)).id
        else:
            target = draw(st.sampled_from(ids))
        rel_id = relation_id(kind, premises, target)
        if rel_id in seen:
            continue
        seen.add(rel_id)
        relations.append(Relation(rel_id, kind, premises, target))
    # rebuttals both ways, the usual source of several labellings
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        for premise, target in ((a, b), (b, a)):
            rel_id = relation_id("attack", (premise,), target)
            if rel_id not in seen:
                seen.add(rel_id)
                relations.append(Relation(rel_id, "attack", (premise,), target))
    return Map(nodes=nodes, relations=relations)


@st.composite
def scheme_maps(draw, max_nodes: int = 5, max_relations: int = 6) -> Map:
    """Small maps (as :func:`maps`) whose relations may name the ``sign`` scheme and
    whose nodes may raise or answer its questions (``strength``, an assumption;
    ``other-events``, an exception)."""
    the_map = draw(maps(max_nodes, max_relations))
    relations = [
        Relation(r.id, r.kind, r.premises, r.target, attributes={"scheme": "sign"} if draw(st.booleans()) else {})
        for r in the_map.relations
    ]
    nodes = []
    for node in the_map.nodes:
        cq = draw(st.sampled_from([None, None, "strength", "other-events", "sign.strength", "nothing"]))
        nodes.append(
            Node(node.id, node.kind, node.text, attributes={**dict(node.attributes), **({"cq": cq} if cq else {})})
        )
    return Map(nodes=nodes, relations=relations)


def as_set(labellings) -> set[frozenset]:
    return {frozenset(lab.items()) for lab in labellings}
