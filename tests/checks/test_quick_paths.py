"""The quick paths of the checks give what the plain definitions give.

Several checks skip work with a cheaper test first (a set of suspects, a text
searched before a regular expression is tried, all texts made plain at once). Each
test here states the plain definition and compares, on generated maps and texts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import Map, Node, Relation, Span
from argmap.checks import dialectics, reasons, structure, words
from argmap.checks.context import ATTACKER_KINDS, Context, LazyTable
from argmap.model import NODE_KINDS, normalise_text
from tests.budget import examples

WORDS = [
    "the",
    "humans",
    "human",
    "mortal",
    "Socrates",
    "is",
    "not",
    "never",
    "n't",
    "cannot",
    "CANNOT",
    "don’t",
    "because",
    "so",
    "thus",
    "therefore",
    "This",
    "that",
    "?",
    "!",
    ".",
    "Dr.",
    "İstanbul",
    "ΟΔΟΣ",
    "ſo",
    "studies",
    "normalization",
    "normalize",
    "bans",
    "ban",
    "\u00a0",
    "\0",
    "children",
    "women",
    "voter",
    "vote",
    "It is false that",
    "Приштина",
    "美術館",
    "THAT",
    "this,",
    "th",
]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join)
node_texts = texts.filter(normalise_text)
spans = st.none() | st.builds(
    lambda line, column: Span(line, column, line, column + 5),
    st.integers(1, 30),
    st.integers(1, 12),
)


@st.composite
def maps(draw) -> Map:
    """Small maps with any kinds, linked reasons, undercuts, dangling ids and cycles."""
    node_ids = [f"n{i}" for i in range(draw(st.integers(0, 10)))]
    nodes = [
        Node(node_id, draw(st.sampled_from(NODE_KINDS)), draw(node_texts), span=draw(spans)) for node_id in node_ids
    ]
    ids = [*node_ids, "ghost"]
    relations: list[Relation] = []
    for index in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["support", "support", "attack", "undercut"]))
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        target = draw(st.sampled_from(ids + [relation.id for relation in relations]))
        relations.append(Relation(f"r{index}", kind, premises, target, span=draw(spans)))
    return Map(metadata={"language": "en"}, nodes=nodes, relations=relations)


relaxed = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- words -----------------------------------------------------------------------


@relaxed
@given(st.lists(texts, max_size=6))
def test_plain_all_is_plain_of_each(batch: list[str]) -> None:
    assert words.plain_all(batch) == [words.plain(text) for text in batch]


@relaxed
@given(texts)
def test_plain_probes_are_the_probes(text: str) -> None:
    assert words.plain_probes(words.plain(text)) == words.probes(text)
    assert words.words(text) == words.plain(text).split()


@relaxed
@given(texts, texts)
def test_plain_shares_term(text: str, other: str) -> None:
    other_plain = words.plain(other)
    expected = any(probe in other_plain for probe in words.probes(text))
    assert words.plain_shares_term(words.plain(text), other_plain) == expected


@relaxed
@given(st.lists(st.sampled_from(WORDS)))
def test_stems(found: list[str]) -> None:
    assert words.stems(found) == frozenset(words.stem(word) for word in found)


def test_lazy_table_computes_each_value_once() -> None:
    asked: list[str] = []

    def compute(key: str) -> str:
        asked.append(key)
        return key.upper()

    table = LazyTable(compute)
    assert (table["a"], table["a"], table["b"]) == ("A", "A", "B")
    assert asked == ["a", "b"]


# --- context and checks --------------------------------------------------------------


@relaxed
@given(maps())
def test_attackers(the_map: Map) -> None:
    context = Context(the_map)
    nodes = {node.id: node for node in the_map.nodes}
    for node_id in [*nodes, "ghost"]:
        by_kind = node_id in nodes and nodes[node_id].kind in ATTACKER_KINDS
        by_use = any(r.kind != "support" and node_id in r.premises for r in the_map.relations)
        assert context.is_attacker(node_id) == (by_kind or by_use)


def _unanswered_objections(context: Context) -> list[str]:
    nodes, relations = context.nodes, context.map.relations
    found = []
    for node in context.map.nodes:
        if node.kind != "objection" or any(r.kind == "attack" and r.target == node.id for r in relations):
            continue
        attacks = [
            r
            for r in relations
            if r.kind == "attack"
            and node.id in r.premises
            and not (r.target in nodes and nodes[r.target].kind in ATTACKER_KINDS)
        ]
        if attacks and not any(u.kind == "undercut" and u.target == r.id for r in attacks for u in relations):
            found.append(node.id)
    return found


def _answers(context: Context, kind: str, wrong) -> list[str]:
    """Nodes of *kind* whose defining relation is an attack on a target that *wrong* accepts."""
    found = []
    for node in context.map.nodes:
        relation = context.defining_relation(node.id) if node.kind == kind else None
        if relation is not None and relation.kind == "attack" and wrong(relation.target):
            found.append(node.id)
    return found


@relaxed
@given(maps())
def test_dialectics_suspects(the_map: Map) -> None:
    context = Context(the_map)
    nodes = context.nodes

    def subjects(function) -> list[str]:
        return [finding.subjects[0] for finding in function(Context(the_map))]

    assert subjects(dialectics.unanswered_objection) == _unanswered_objections(context)
    assert subjects(dialectics.rebuttal_of_non_objection) == _answers(
        context, "rebuttal", lambda target: target in nodes and not context.is_attacker(target)
    )
    assert subjects(dialectics.objection_to_objection) == _answers(
        context, "objection", lambda target: target in nodes and nodes[target].kind in ATTACKER_KINDS
    )


@relaxed
@given(texts)
def test_polarity(text: str) -> None:
    stripped, denied = dialectics._DENIAL_PREFIX_RE.subn("", text.strip())
    expanded = dialectics._CONTRACTION_RE.sub(dialectics._expand_contraction, stripped)
    found = words.words(expanded)
    negations = denied + sum(word in dialectics._NEGATIONS for word in found)
    stems = frozenset(words.stem(word) for word in found if word not in dialectics._NOT_CONTENT)
    assert dialectics._polarity(text) == (stems, negations)


@relaxed
@given(maps())
def test_circles(the_map: Map) -> None:
    """Leaving unsupported nodes out of the graph changes no circle."""
    context = Context(the_map)
    nodes = context.nodes
    full: dict[str, list[str]] = {}
    for relation in the_map.relations:
        if relation.kind == "support" and relation.target in nodes:
            for premise in relation.premises:
                if premise != relation.target and premise in nodes:
                    full.setdefault(premise, []).append(relation.target)
    pruned = structure._support_successors(context)
    assert structure._on_or_after_cycles(nodes, pruned) == structure._on_or_after_cycles(nodes, full)
    order = structure._on_or_after_cycles(nodes, full)
    assert structure._cycles(order, pruned) == structure._cycles(order, full)


@relaxed
@given(maps())
def test_reasons(the_map: Map) -> None:
    """The reasons, and the co-premises apart, by their plain definitions."""
    context = Context(the_map)
    nodes = context.nodes
    expected = [
        r
        for r in the_map.relations
        if r.kind == "support"
        and r.target in nodes
        and all(p in nodes for p in r.premises)
        and any(nodes[p].kind != "evidence" for p in r.premises)
    ]
    assert reasons._find_reasons(context) == expected
    apart = []
    for relation in (r for r in expected if r.is_linked):
        members = list(dict.fromkeys(relation.premises))
        for premise in members:
            probes = words.probes(nodes[premise].text)
            short = words.short_probes(nodes[premise].text)
            rest = [words.plain(nodes[relation.target].text)]
            rest += [words.plain(nodes[m].text) for m in members if m != premise]
            if probes and not any(probe in text for probe in (*probes, *short) for text in rest):
                apart.append((premise, relation.target))
    assert [finding.subjects for finding in reasons.premises_apart(Context(the_map))] == apart


@relaxed
@given(texts)
def test_text_quick_looks(text: str) -> None:
    """The quick looks before a regular expression never hide a match."""
    from argmap.checks import text as box

    assert bool(text[:1].isalnum() or box._WORDISH_RE.search(text)) == bool(box._WORDISH_RE.search(text))
    assert bool(text[:2].lower() == "th" and box._VAGUE_START_RE.match(text)) == bool(box._VAGUE_START_RE.match(text))
    contracted = dialectics._CONTRACTION_RE.sub(dialectics._expand_contraction, text)
    assert dialectics._expand_contractions(text) == contracted
