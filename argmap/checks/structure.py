"""Structure: the shape of the map as a graph (AM1xx)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import chain

from .context import Context
from .registry import Finding, rule

MAIN_KINDS = ("conclusion", "claim")


@rule(
    "AM101",
    "unsupported-claim",
    severity="error",
    summary="A claim or conclusion has no reason.",
    hint="give it a premise or evidence, or write it as an 'assumption:' if it is taken for granted",
    bad="""
        conclusion: The city should ban cars from the old town.
          claim health: Traffic in the old town harms the health of residents.
    """,
    good="""
        conclusion: The city should ban cars from the old town.
          claim health: Traffic in the old town harms the health of residents.
            evidence: Air quality readings in the old town exceed health limits on most days.
          premise: The city should protect the health of residents.
    """,
    expect=[(2, 3)],
)
def unsupported_claim(context: Context) -> Iterator[Finding]:
    """A `conclusion` or `claim` is asserted for a reason: a line of support
    (a premise, a reason, evidence) must stand under it. Objections do not count.
    A statement taken for granted is an `assumption`, which is never flagged;
    a bare `premise` is allowed to stand on its own."""
    supported = {relation.target for relation in context.map.relations if relation.kind == "support"}
    for node in context.map.nodes:
        if node.kind in MAIN_KINDS and node.id not in supported:
            yield Finding(node.span, f"the {node.kind} '{node.id}' has no reason", (node.id,))


@rule(
    "AM102",
    "no-conclusion",
    severity="error",
    summary="The map has no conclusion.",
    hint="write the main contention at the left margin as 'conclusion: ...'",
    bad="""
        premise: Planting trees along streets lowers their temperature in summer.
          evidence: Shaded streets in Madrid were five degrees cooler than sunny ones.
    """,
    good="""
        conclusion: The city should plant trees along its streets.
          reason:
            premise: Planting trees along streets lowers their temperature in summer.
              evidence: Shaded streets in Madrid were five degrees cooler than sunny ones.
            premise: The city should lower the temperature of its streets in summer.
    """,
    expect=[(1, 1)],
)
def no_conclusion(context: Context) -> Iterator[Finding]:
    """Every map argues for something: a `conclusion`, or a `claim` at the left
    margin that supports or attacks nothing else. The finding stands at the first
    node of the map."""
    if any(node.kind in MAIN_KINDS for node in context.roots):
        return
    if any(node.kind == "conclusion" for node in context.map.nodes):
        return  # a conclusion inside a circle of support is still a conclusion (see AM105)
    nodes = context.map.nodes
    first = min(nodes, key=_line) if nodes else None
    yield Finding(first.span if first else None, "the map has no conclusion", (first.id,) if first else ())


@rule(
    "AM103",
    "several-conclusions",
    severity="warning",
    summary="The map has more than one conclusion.",
    hint="split the map into one file per conclusion, or make the extra one a 'claim' under the main conclusion",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
        conclusion: The museum should be free for children.
          premise: Children who visit the museum for free come back as adults.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise: Many tourists would visit the museum if it opened on Mondays.
    """,
    expect=[(3, 1)],
)
def several_conclusions(context: Context) -> Iterator[Finding]:
    """A map defends one main contention. Each root after the first that is a
    `conclusion` (or a `claim` at the left margin) is reported, naming the first."""
    mains = [node for node in context.roots if node.kind in MAIN_KINDS]
    if len(mains) < 2:
        return
    mains.sort(key=_main_order)
    first = mains[0]
    for node in mains[1:]:
        yield Finding(
            node.span,
            f"a second main conclusion: the map already has '{first.id}' (line {_line(first)})",
            (node.id,),
        )


@rule(
    "AM104",
    "orphan",
    severity="warning",
    summary="A node supports or attacks nothing and is not the conclusion.",
    hint="indent it under the line it supports or attacks, or refer to it there with '@id'",
    bad="""
        conclusion: Public transport should be free.
          premise: Free fares raise ridership.
        premise: Bus drivers would no longer have to sell tickets.
    """,
    good="""
        conclusion: Public transport should be free.
          premise: Free fares raise ridership.
          premise: Free public transport spares bus drivers the work of selling tickets.
    """,
    expect=[(3, 1)],
)
def orphan(context: Context) -> Iterator[Finding]:
    """A premise, objection, assumption or evidence at the left margin, with nothing
    to bear on, is a box floating beside the map. (In a map with no conclusion at
    all, AM102 is reported instead.)"""
    if not any(node.kind in MAIN_KINDS for node in context.roots):
        return  # with no conclusion, AM102 says what is wrong
    for node in context.roots:
        if node.kind not in MAIN_KINDS:
            yield Finding(node.span, f"the {node.kind} '{node.id}' supports or attacks nothing", (node.id,))


@rule(
    "AM105",
    "circular-support",
    severity="error",
    summary="Statements support each other in a circle.",
    hint="a statement cannot be a reason for its own reasons; find an independent reason for one of them",
    bad="""
        conclusion god: God exists.
          reason:
            premise says: The Bible says that God exists.
            premise true: Everything the Bible says is true.
              premise word: The Bible is the word of God, and God's word is always true.
                premise @god
    """,
    good="""
        conclusion god: God exists.
          reason:
            premise says: The Bible says that God exists.
            premise true: Everything the Bible says is true.
              premise word: The Bible is the word of God, and God's word is always true.
    """,
    expect=[(1, 1)],
)
def circular_support(context: Context) -> Iterator[Finding]:
    """Support that runs in a circle (begging the question). Each circle is reported
    once, at its first node, naming every node in it with its line. Attacks do not
    make a circle: two objections may well answer each other."""
    nodes = context.nodes
    successors = _support_successors(context)
    for component in _cycles(_on_or_after_cycles(nodes, successors), successors):
        component.sort(key=lambda node_id: (_line(nodes[node_id]), node_id))
        members = set(component)
        path = _simple_cycle(component, successors, members)
        if path is not None:
            names = " → ".join([context.describe(n) for n in path] + [f"'{path[0]}'"])
            message = f"circular support: {names}"
        else:
            message = "circular support among " + ", ".join(context.describe(n) for n in component)
        yield Finding(nodes[component[0]].span, message, tuple(component))


@rule(
    "AM106",
    "self-support",
    severity="error",
    summary="A statement supports or attacks itself.",
    hint="remove the reference: a statement is no reason for (or against) itself",
    bad="""
        conclusion fair: The tax is fair.
          premise: Everyone pays the same rate.
          premise @fair
    """,
    good="""
        conclusion fair: The tax is fair.
          premise: Everyone pays the same rate.
    """,
    expect=[(3, 3)],
)
def self_support(context: Context) -> Iterator[Finding]:
    """A reference to a node under that same node (`premise @x` under `x`)
    makes the statement a reason for, or an objection to, itself."""
    for relation in context.map.relations:
        if relation.target in relation.premises:
            verb = "supports" if relation.kind == "support" else "attacks"
            yield Finding(relation.span, f"'{relation.target}' {verb} itself", (relation.target,))


_CLOSING = " .!?;:,"


@rule(
    "AM107",
    "duplicate-text",
    severity="warning",
    summary="Two nodes have the same text.",
    hint="define the statement once with an id and refer to it elsewhere with '@id'",
    bad="""
        conclusion: The museum should open on Mondays.
          premise: Tourists would buy more museum tickets if the museum opened on Mondays.
          objection: Opening on Mondays would raise the museum's staff costs.
            rebuttal: Tourists would buy more museum tickets if the museum opened on Mondays.
    """,
    good="""
        conclusion: The museum should open on Mondays.
          premise tickets: Tourists would buy more museum tickets if the museum opened on Mondays.
          objection: Opening on Mondays would raise the museum's staff costs.
            rebuttal @tickets
    """,
    expect=[(4, 5)],
)
def duplicate_text(context: Context) -> Iterator[Finding]:
    """Two boxes that say the same thing (ignoring case, spacing and the closing
    punctuation) are one statement: the map should show it once, referenced twice,
    so that its support and objections are shared. Each repeat is reported, naming
    the first."""
    nodes = context.map.nodes
    keys = [node.text.casefold().rstrip(_CLOSING) for node in nodes]
    if len(set(keys)) == len(keys):
        return  # no two texts alike: the usual case, settled without a loop in Python
    first_by_text: dict[str, str] = {}
    for node, key in zip(nodes, keys, strict=True):
        first = first_by_text.setdefault(key, node.id)
        if first != node.id:
            yield Finding(node.span, f"the same text as {context.describe(first)}", (node.id, first))


# --- helpers -----------------------------------------------------------------


def _line(node) -> int:
    return node.span.line if node.span is not None else 0


def _main_order(node) -> tuple[int, int]:
    return (0 if node.kind == "conclusion" else 1, _line(node))


def _support_successors(context: Context) -> dict[str, list[str]]:
    """For each node that has support, the nodes it supports (one entry per support
    relation). A node with no support of its own cannot be in a circle: leaving it
    out spares most of the work on a map whose leaves are many."""
    nodes = context.nodes
    supports = [
        relation for relation in context.map.relations if relation.kind == "support" and relation.target in nodes
    ]
    supported = {relation.target for relation in supports}
    successors: dict[str, list[str]] = {}
    for relation in supports:
        if supported.isdisjoint(relation.premises):
            continue
        target = relation.target
        for premise in relation.premises:
            if premise in supported and premise != target:
                found = successors.get(premise)
                if found is None:
                    successors[premise] = [target]
                else:
                    found.append(target)
    return successors


def _on_or_after_cycles(order, successors: dict[str, list[str]]) -> list[str]:
    """The nodes left when those with no support are peeled off, again and again
    (Kahn's algorithm): the nodes of the circles and those they lead to. Cheaper
    than Tarjan's algorithm, so that an acyclic map costs one pass."""
    indegree = Counter(chain.from_iterable(successors.values()))
    stack = [node for node in successors if node not in indegree]
    while stack:
        for target in successors.get(stack.pop(), ()):
            left = indegree[target] - 1
            indegree[target] = left
            if not left:
                stack.append(target)
    left_over = {node for node, count in indegree.items() if count}
    return [node for node in order if node in left_over] if left_over else []


def _cycles(order: list[str], successors: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan's algorithm,
    iterative, so that no depth of support reaches the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in order:
        if start in index or start not in successors:
            continue
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(successors.get(start, ())))]
        while work:
            node, edges = work[-1]
            advanced = False
            for succ in edges:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(successors.get(succ, ()))))
                    advanced = True
                    break
                if succ in on_stack and index[succ] < low[node]:
                    low[node] = index[succ]
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def _simple_cycle(component: list[str], successors: dict[str, list[str]], members: set[str]) -> list[str] | None:
    """The component as one circle from its first node, when it is a single circle."""
    path = [component[0]]
    seen = {component[0]}
    while True:
        inside = list(dict.fromkeys(s for s in successors.get(path[-1], ()) if s in members))
        if len(inside) != 1:
            return None
        following = inside[0]
        if following == component[0]:
            return path if len(path) == len(component) else None
        if following in seen:
            return None
        seen.add(following)
        path.append(following)
