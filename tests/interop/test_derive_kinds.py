"""derive_kinds against the plain search it replaced, and the strongly connected
components it finds circles of attacks with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.interop.building import derive_kinds, strongly_connected_components
from argmap.model import Relation
from tests.budget import examples, quick_first

NODES = [f"n{i}" for i in range(8)]
OUTSIDERS = ["x0", "x1"]  # premises that are not among the node ids passed
KINDS = ["premise", "claim", "conclusion", "objection", "rebuttal", "undercut", "evidence", "assumption"]


def reference_kinds(node_ids: list[str], relations: list, stated: dict[str, str] | None = None) -> dict[str, str]:
    """derive_kinds as it was: one search of the attacks from each node (quadratic time)."""
    out: dict[str, set[str]] = {}
    attacks: dict[str, list[str]] = {}
    has_incoming: set[str] = set()
    for relation in relations:
        for premise in relation.premises:
            out.setdefault(premise, set()).add(relation.kind)
            if relation.kind == "attack":
                attacks.setdefault(premise, []).append(relation.target)
        has_incoming.add(relation.target)
    attackers = {node_id for node_id, kinds in out.items() if "attack" in kinds and "support" not in kinds}
    kinds: dict[str, str] = {}
    for node_id in node_ids:
        does = out.get(node_id, set())
        if "support" in does:
            kinds[node_id] = "claim" if node_id in has_incoming else "premise"
        elif "attack" in does:
            answers = all(target in attackers for target in attacks[node_id])
            kinds[node_id] = (
                "rebuttal" if answers and not reference_in_circle(node_id, attacks, attackers) else "objection"
            )
        elif "undercut" in does:
            kinds[node_id] = "undercut"
        else:
            kinds[node_id] = "conclusion" if node_id in has_incoming else "premise"
    for node_id, kind in (stated or {}).items():
        if node_id in kinds and reference_allowed(kind, node_id, out, relations):
            kinds[node_id] = kind
    return kinds


def reference_in_circle(node_id: str, attacks: dict[str, list[str]], attackers: set[str]) -> bool:
    seen: set[str] = set()
    stack = [t for t in attacks.get(node_id, ()) if t in attackers]
    while stack:
        current = stack.pop()
        if current == node_id:
            return True
        if current in seen:
            continue
        seen.add(current)
        stack.extend(t for t in attacks.get(current, ()) if t in attackers)
    return False


def reference_allowed(kind: str, node_id: str, out: dict[str, set[str]], relations: list) -> bool:
    if kind == "rebuttal":
        return "attack" in out.get(node_id, ())
    if kind == "undercut":
        return "undercut" in out.get(node_id, ())
    if kind == "evidence":
        return not any(r.target == node_id and r.kind != "undercut" for r in relations)
    return True


@st.composite
def graphs(draw) -> tuple[list[str], list[Relation], dict[str, str]]:
    """Few nodes and many relations, mostly attacks, so that circles are common; with
    self-attacks, linked premises, undercuts of relations and stated kinds."""
    node_ids = NODES[: draw(st.integers(1, len(NODES)))]
    premises = st.lists(st.sampled_from(node_ids + OUTSIDERS), min_size=1, max_size=3, unique=True).map(tuple)
    relations: list[Relation] = []
    for number in range(draw(st.integers(0, 24))):
        kind = draw(st.sampled_from(["attack", "attack", "attack", "support", "undercut"]))
        if kind == "undercut" and relations:
            target = draw(st.sampled_from(relations)).id
        else:
            kind, target = ("attack" if kind == "undercut" else kind), draw(st.sampled_from(node_ids))
        relations.append(Relation(f"r{number}", kind, draw(premises), target))
    stated = draw(st.dictionaries(st.sampled_from(node_ids + ["unknown"]), st.sampled_from(KINDS), max_size=4))
    return node_ids, relations, stated


@settings(max_examples=examples(1000), deadline=None)
@given(graphs())
def test_derive_kinds_agrees_with_the_plain_search(graph):
    """On small graphs full of circles of attacks, the linear derivation gives the kinds
    the search from every node gave, with and without stated kinds."""
    node_ids, relations, stated = graph
    assert derive_kinds(node_ids, relations) == reference_kinds(node_ids, relations)
    assert derive_kinds(node_ids, relations, stated) == reference_kinds(node_ids, relations, stated)


def reachable(successors: dict[str, list[str]], start: str) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for successor in successors[stack.pop()]:
            if successor not in seen:
                seen.add(successor)
                stack.append(successor)
    return seen


@given(st.dictionaries(st.sampled_from(NODES), st.lists(st.sampled_from(NODES), max_size=4), max_size=8))
def test_components_are_the_nodes_that_reach_each_other(edges):
    """Each node is in exactly one component, with exactly the nodes it reaches and is reached from."""
    successors = {node: [t for t in edges.get(node, []) if t in edges] for node in edges}
    components = strongly_connected_components(successors)
    assert sorted(node for component in components for node in component) == sorted(successors)
    reaches = {node: reachable(successors, node) for node in successors}
    for component in components:
        for node in component:
            assert set(component) == {other for other in reaches[node] if node in reaches[other]}


@pytest.mark.parametrize("length", quick_first([10_000, 100_000]))
def test_a_chain_of_100000_attacks_ending_in_a_circle(length):
    """No recursion: along a chain of 100,000 attacks (10,000 in the quick run), each
    answering the one before, the nodes are rebuttals, except the first objection and
    the three of the circle at the end."""
    node_ids = [f"n{i}" for i in range(length)]
    relations = [Relation(f"r{i}", "attack", (node_ids[i],), node_ids[i - 1]) for i in range(1, len(node_ids))]
    relations.append(Relation("back", "attack", (node_ids[-3],), node_ids[-1]))
    kinds = derive_kinds(node_ids, relations)
    circle = set(node_ids[-3:])
    assert kinds["n0"] == "conclusion" and kinds["n1"] == "objection"
    assert all(kinds[node_id] == ("objection" if node_id in circle else "rebuttal") for node_id in node_ids[2:])
