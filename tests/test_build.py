"""Building a map from the outline: the order of relations, spans, merged
annotations, generated ids and the mistakes found while attaching lines."""

from __future__ import annotations

import pytest

import argmap
from argmap.build import build_map
from argmap.model import Node
from argmap.parsing import parse_outline


def _relation_ids(text: str) -> list[str]:
    return [relation.id for relation in argmap.parse(text).relations]


def test_relations_keep_the_order_in_which_they_are_attached():
    """A reason's undercuts follow it in the order written; then the lines under its
    co-premises (the later co-premise's first), then the reason's siblings."""
    text = (
        "conclusion c: A.\n"
        "  reason r:\n"
        "    premise a: B.\n"
        "      premise a1: B1.\n"
        "    premise b: C.\n"
        "      premise b1: C1.\n"
        "    undercut u: D.\n"
        "    reason:\n"
        "      undercut v: E.\n"
        "      undercut w: F.\n"
        "  objection o: G.\n"
    )
    assert _relation_ids(text) == [
        "r",
        "undercut:u->r",
        "undercut:v+w->r",
        "support:b1->b",
        "support:a1->a",
        "attack:o->c",
    ]


def test_a_node_and_the_relation_its_line_makes_share_one_span():
    the_map = argmap.parse("conclusion c: A.\n  premise p: B.\n")
    node_span = the_map.node("p").span
    relation_span = the_map.relation("support:p->c").span
    assert node_span is relation_span
    assert (node_span.line, node_span.column, node_span.end_line, node_span.end_column) == (2, 3, 2, 16)


def test_references_and_reasons_have_spans_of_their_own_lines():
    the_map = argmap.parse(
        "conclusion c: A.\n  claim d: D.\n    premise @c\n  reason:\n    premise a: B.\n    premise b: C.\n"
    )
    reference = the_map.relation("support:c->d").span
    reason = the_map.relation("support:a+b->c").span
    assert (reference.line, reference.column) == (3, 5)
    assert (reason.line, reason.column) == (4, 3)


def test_annotation_lines_add_to_the_node_they_stand_under():
    """Tags of several annotation lines are merged without repeats; attributes keep
    their order."""
    the_map = argmap.parse("conclusion c: A. #x {k: 1}\n  #y #x\n  {m: 2}\n  #z {n: 3}\n")
    node = the_map.node("c")
    assert node.tags == ("x", "y", "z")
    assert node.attributes == (("k", "1"), ("m", "2"), ("n", "3"))


def test_attributes_from_annotation_lines_are_checked_with_the_node():
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse("conclusion c: A. {k: 1}\n  {k: 2}\n")
    assert caught.value.label == "duplicate-attribute"
    assert caught.value.line == 1


def test_generated_ids_avoid_ids_written_later_in_the_file():
    the_map = argmap.parse("conclusion: Cars pollute.\n  premise cars-pollute: B.\n")
    assert [node.id for node in the_map.nodes] == ["cars-pollute-2", "cars-pollute"]


def test_a_node_id_may_not_repeat_a_reason_id():
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse("conclusion c: A.\n  reason r:\n    premise a: B.\n    premise b: C.\nclaim r: D.\n")
    error = caught.value
    assert (error.label, error.line) == ("duplicate-id", 5)
    assert "first defined on line 2" in error.hint


def test_a_repeated_relation_names_the_line_of_the_first():
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse("conclusion c: A.\n  claim d: D.\n  premise p: B.\n  objection o: C.\n  premise @p\n")
    error = caught.value
    assert (error.label, error.line) == ("duplicate-relation", 5)
    assert "already written on line 3" in error.message


@pytest.mark.parametrize(
    "text, label, line",
    [
        (
            "conclusion c: A.\n  evidence e: B.\n    reason:\n      premise a: C.\n      premise b: D.\n",
            "child-of-leaf",
            3,
        ),
        ("conclusion c: A.\n  claim e: B.\n\n@e\n  evidence f: F.\n    premise g: G.\n", "child-of-leaf", 6),
        (
            "conclusion c: A.\n  reason r:\n    premise a: B.\n    premise b: C.\n\n@r\n  premise d: D.\n",
            "bad-elaboration",
            7,
        ),
        (
            "conclusion c: A.\n  reason:\n    premise a: B.\n    undercut u: C.\n    objection o: D.\n",
            "mixed-reason",
            5,
        ),
        ("conclusion c: A.\n  premise a: B.\n\n@a\n  #t\n", "misplaced-annotation", 5),
        ("conclusion c: A.\n  claim b: B.\n    @c\n", "unclear-reference", 3),
        # issue 16: lines under an annotation line were cut loose (and fmt re-attached them)
        ("conclusion c: A.\n  objection o: O.\n  {}\n    premise p: P.\n", "under-annotation", 4),
        ("conclusion c: A.\n  #t\n    premise @missing\n", "under-annotation", 3),
    ],
)
def test_mistakes_found_while_attaching(text, label, line):
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse(text)
    assert (caught.value.label, caught.value.line) == (label, line)


def test_building_leaves_the_outline_as_it_was():
    text = "conclusion c: A.\n  reason:\n    premise a: B. #t\n    premise: C.\n      #u\n  objection @a\n"
    outline = parse_outline(text)
    assert build_map(outline) == build_map(outline) == argmap.parse(text)


def test_nodes_without_attributes_and_with_them_convert_alike():
    """The model's shortcut for no attributes gives what the general path gives."""
    assert Node("a", "claim", "A.").attributes == ()
    assert Node("a", "claim", "A.", attributes=[]).attributes == ()
    assert Node("a", "claim", "A.", attributes={"k": 1}).attributes == (("k", "1"),)
    assert Node("a", "claim", "A.", attributes=[("k", 2)]).attributes == (("k", "2"),)
