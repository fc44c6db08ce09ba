"""Hypothesis strategies: maps that obey the language's rules, and texts made from
them with the liberties an author takes (indentation width, comments, blank lines,
keyword case)."""

from __future__ import annotations

import json
import string

from hypothesis import strategies as st

from argmap.model import Map, Node, Relation, normalise_text, relation_id

# Prose with the characters that collide with syntax: colons, #, braces, @, quotes,
# backslashes, slashes, and non-Latin scripts.
PROSE_ALPHABET = (
    string.ascii_letters + string.digits + "      .,;:!?'\"-#{}@/\\()[]*&<>%+=_~" + "ПриштинаΑλήθεια中文字😀é"
)
WORD_ALPHABET = string.ascii_lowercase + string.digits

texts = (
    st.lists(st.text(PROSE_ALPHABET, min_size=1, max_size=40), min_size=1, max_size=3)
    .map(lambda paragraphs: normalise_text("\n".join(paragraphs)))
    .filter(bool)
)
node_ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
tags = st.lists(
    st.from_regex(r"[a-z][a-z0-9_/.-]{0,8}", fullmatch=True).filter(lambda t: not t.endswith(".")),
    max_size=3,
    unique=True,
)
attribute_values = st.text(PROSE_ALPHABET, max_size=20).map(lambda v: " ".join(v.split()))
attributes = st.dictionaries(
    st.sampled_from(["source", "note", "x-page", "held_by", "weight", "verdict", "role", "cq"]),
    attribute_values,
    max_size=3,
).map(lambda d: {k: ("0.5" if k == "weight" else "accepted" if k == "verdict" else v) for k, v in d.items()})
relation_attributes = st.dictionaries(
    st.just("scheme"), st.sampled_from(["expert-opinion", "analogy", "Expert testimony", "no-such-scheme"]), max_size=1
)
"""A relation's attributes: sometimes the scheme it instantiates."""
metadata = st.dictionaries(
    st.sampled_from(["title", "author", "date", "source", "description", "language", "course"]),
    st.text(PROSE_ALPHABET, max_size=30).map(lambda v: " ".join(v.split())),
    max_size=4,
)

_CHILD_KINDS = ["premise", "claim", "assumption", "evidence", "objection", "rebuttal", "undercut"]
_NATURAL = {
    "premise": "support",
    "claim": "support",
    "assumption": "support",
    "evidence": "support",
    "objection": "attack",
    "rebuttal": "attack",
    "undercut": "undercut",
}


@st.composite
def maps(draw, max_nodes: int = 14) -> Map:
    """A map the .arg language can express: a tree of nodes, each attached by its
    natural relation, with linked reasons, undercuts and extra references."""
    used_ids: set[str] = set()

    def fresh_id() -> str:
        node_id = draw(node_ids.filter(lambda i: i not in used_ids))
        used_ids.add(node_id)
        return node_id

    def new_node(kind: str) -> Node:
        return Node(fresh_id(), kind, draw(texts), tags=draw(tags), attributes=draw(attributes))

    roots = [new_node(draw(st.sampled_from(["conclusion", "claim"]))) for _ in range(draw(st.integers(1, 2)))]
    nodes: list[Node] = list(roots)
    relations: list[Relation] = []
    relation_keys: set[tuple] = set()

    def add_relation(kind: str, premises: tuple[str, ...], target: str, named: bool = False) -> Relation | None:
        key = (kind, premises, target)
        if key in relation_keys or target in premises:
            return None
        relation_keys.add(key)
        rel_id = fresh_id() if named else relation_id(kind, premises, target)
        relation = Relation(rel_id, kind, premises, target, attributes=draw(relation_attributes))
        relations.append(relation)
        return relation

    for _ in range(draw(st.integers(0, max_nodes))):
        kind = draw(st.sampled_from(_CHILD_KINDS))
        size = draw(st.sampled_from([1, 1, 1, 2, 3]))
        if kind == "undercut":
            targets = [r for r in relations]
            if not targets:
                continue
            target = draw(st.sampled_from(targets)).id
        else:
            candidates = [n for n in nodes if n.kind != "evidence"]
            target = draw(st.sampled_from(candidates)).id
            if kind == "evidence":
                size = 1
        members = [new_node(kind) for _ in range(size)]
        if size == 1 and kind == "undercut" and draw(st.booleans()):
            pass
        nodes.extend(members)
        add_relation(_NATURAL[kind], tuple(m.id for m in members), target, named=draw(st.booleans()) and size > 1)

    # extra references: an existing node bearing on another one
    for _ in range(draw(st.integers(0, 3))):
        premise = draw(st.sampled_from(nodes))
        targets = [n for n in nodes if n.kind != "evidence" and n.id != premise.id]
        if not targets:
            continue
        target = draw(st.sampled_from(targets))
        kind = draw(st.sampled_from(["support", "attack"]))
        add_relation(kind, (premise.id,), target.id)

    return Map(metadata=draw(metadata), nodes=nodes, relations=relations)


@st.composite
def liberal_texts(draw, source: str) -> str:
    """*source* (canonical text) rewritten as an author might: another indentation
    width, comments and blank lines between lines, keywords in capitals."""
    from argmap.parsing import parse_outline

    outline = parse_outline(source)
    inside_blocks: set[int] = set()
    entry_lines: set[int] = set()
    stack = list(outline.entries)
    while stack:
        entry = stack.pop()
        entry_lines.add(entry.line)
        inside_blocks.update(range(entry.line + 1, entry.end_line + 1))
        stack.extend(entry.children)
    width = draw(st.integers(1, 4))
    out: list[str] = []
    for number, line in enumerate(source.split("\n"), start=1):
        stripped = line.lstrip(" ")
        depth = (len(line) - len(stripped)) // 2
        if number in inside_blocks:
            out.append(" " * draw(st.integers(0, 12)) + stripped)
            continue
        if stripped and draw(st.integers(0, 5)) == 0:
            out.append(" " * draw(st.integers(0, 10)) + "// " + draw(st.text(PROSE_ALPHABET, max_size=20)))
        if stripped and draw(st.integers(0, 6)) == 0:
            out.append("")
        if number in entry_lines and stripped[:1].isalpha() and draw(st.booleans()):
            keyword, _, rest = stripped.partition(" ") if " " in stripped.split(":")[0] else stripped.partition(":")
            separator = " " if " " in stripped.split(":")[0] else ":"
            stripped = keyword.upper() + separator + rest if keyword.isalpha() else stripped
        out.append(" " * (depth * width) + stripped)
    return "\n".join(out)


# Characters that no .arg line holds as they are, or that Python counts as white space
# or line breaks where the .arg reader does not: what a hostile JSON file puts in a value.
HOSTILE_CHARACTERS = '\n\r\t\f\v\x00\x1b\x1f\x85\u2028\u2029 {}#:,"\\@'
hostile_strings = st.text(st.sampled_from(list(HOSTILE_CHARACTERS)) | st.sampled_from(list("ab1_-./")), max_size=8)
hostile_words = st.sampled_from(["a", "p", "c", "verdict", "weight", "source", "title"]) | hostile_strings


def _mostly(good, hostile):
    """*good* three times in four: a document with every value hostile is refused at its first."""
    return st.one_of(good, good, good, hostile)


@st.composite
def hostile_json_documents(draw) -> str:
    """argmap JSON with hostile values in every string of the contract: line breaks and
    control characters in tags, attribute keys and values, header keys and values and
    texts; ids that relations and nodes share; bad verdicts and weights."""
    ids = draw(st.lists(st.sampled_from(["c", "p", "q", "r", "s"]), min_size=1, max_size=4, unique=True))
    tag_words = tags.flatmap(lambda words: st.sampled_from(words or ["t"]))
    keys = _mostly(st.sampled_from(["source", "note", "x-page"]), hostile_words)

    def node(index: int, node_id: str) -> dict:
        return {
            "id": node_id,
            "kind": "conclusion" if index == 0 else draw(st.sampled_from(_CHILD_KINDS[:5])),
            "text": draw(_mostly(texts, hostile_strings)),
            "tags": draw(st.lists(_mostly(tag_words, hostile_words), max_size=2)),
            "attributes": draw(st.dictionaries(keys, _mostly(attribute_values, hostile_words), max_size=2)),
        }

    nodes = [node(index, node_id) for index, node_id in enumerate(ids)]
    for item in nodes:  # spans, some with numbers no int or float holds
        if draw(st.booleans()):
            item["span"] = {"line": "HUGE", "column": 1, "end_line": 1, "end_column": 2}
    relations = [
        {
            "id": draw(_mostly(st.just(f"support:{node_id}->{ids[0]}"), st.sampled_from([node_id, ids[0], "named"]))),
            "kind": "support",
            "from": [node_id],
            "to": ids[0],
            "attributes": draw(
                st.dictionaries(
                    _mostly(st.just("scheme"), hostile_words), _mostly(st.just("sign"), hostile_strings), max_size=1
                )
            ),
        }
        for node_id in ids[1:]
    ]
    document = {
        "format": "argmap",
        "version": 1,
        "nodes": nodes,
        "relations": relations,
        "metadata": draw(
            st.dictionaries(
                _mostly(st.sampled_from(["title", "author"]), hostile_words),
                _mostly(attribute_values, hostile_strings),
                max_size=2,
            )
        ),
    }
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    return text.replace('"HUGE"', draw(st.sampled_from(["1", "1e999", "-1e999", "9" * 5000, "1.5", "0"])))
