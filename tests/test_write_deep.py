"""Deep maps in ``to_arg``: a block nests at most SECTION_DEPTH levels, and the subtree
below a node at the cut continues in an elaboration (``@id`` at the left margin); the
text reads back as the same map, and writing it again gives the same text."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import write
from argmap.cli import main
from argmap.interop import to_argdown
from argmap.limits import MAX_DEPTH
from argmap.model import Map, Node, Relation, relation_id
from argmap.write import SECTION_DEPTH, UnwritableMapError, to_arg
from tests.budget import examples

from .strategies import maps


def chain(length: int) -> Map:
    """A support chain of *length* nodes written section by section: n1 supports n0..."""
    lines = ["conclusion n0: Start."]
    for i in range(1, length):
        lines += [f"@n{i - 1}", f"  premise n{i}: Step {i}."]
    return argmap.parse("\n".join(lines) + "\n")


def deep_tree(depth: int) -> Map:
    """A chain of claims *depth* levels deep, one section per level, each level with a
    named reason and its undercut, an undercut premise (with an undercut of the
    undercut), an objection with a rebuttal, and a named reason of undercuts."""
    lines = ["conclusion c0: Level 0."]
    for level in range(1, depth):
        lines += [
            f"@c{level - 1}",
            f"  reason r{level}:",
            f"    premise a{level}: A {level}. #tagged {{source: page {level}}}",
            f"      objection ao{level}: AO {level}.",
            f"    premise b{level}: B {level}.",
            f"    undercut x{level}: X {level}.",
            f"  premise p{level}: P {level}.",
            f"    undercut u{level}: U {level}.",
            f"      undercut uu{level}: UU {level}.",
            f"        objection uo{level}: UO {level}.",
            f"  objection o{level}: O {level}.",
            f"    rebuttal q{level}: Q {level}.",
            f"    reason ru{level}:",
            f"      undercut v{level}: V {level}.",
            f"      undercut w{level}: W {level}.",
            f"  claim c{level}: Level {level}.",
        ]
        if level > 1:
            lines += [f"@ru{level - 1}", f"  undercut y{level}: Y {level}."]
    return argmap.parse("\n".join(lines) + "\n")


def depth_of(line: str) -> int:
    return (len(line) - len(line.lstrip(" "))) // 2


def deepest(text: str) -> int:
    return max(depth_of(line) for line in text.splitlines() if line.strip())


def assert_round_trip(the_map: Map) -> str:
    text = to_arg(the_map)
    again = argmap.parse(text)
    assert again == the_map
    assert to_arg(again) == text
    return text


@contextlib.contextmanager
def section_depth(levels: int):
    """to_arg with a block depth of *levels*, so that small maps are cut."""
    saved = write.SECTION_DEPTH
    write.SECTION_DEPTH = levels
    try:
        yield
    finally:
        write.SECTION_DEPTH = saved


class TestChains:
    @pytest.mark.parametrize("length", [300, 5_000])
    def test_long_chain_round_trips(self, length):
        text = assert_round_trip(chain(length))
        assert deepest(text) == SECTION_DEPTH
        assert text.count("\n@") == (length - 1) // SECTION_DEPTH - (1 if (length - 1) % SECTION_DEPTH == 0 else 0)

    def test_chain_is_cut_at_the_bound(self):
        """The node at the cut is defined in full; its premise opens the next section."""
        text = to_arg(chain(2 * SECTION_DEPTH + 3))
        cut = SECTION_DEPTH
        assert f"{'  ' * cut}premise n{cut}: Step {cut}.\n\n@n{cut}\n  premise n{cut + 1}: Step {cut + 1}.\n" in text
        assert text.count(f"premise n{cut}:") == 1

    def test_a_map_within_the_bound_is_one_outline(self):
        text = to_arg(chain(SECTION_DEPTH + 1))
        assert "@" not in text
        assert deepest(text) == SECTION_DEPTH

    def test_docs_give_the_bound(self):
        limits_page = (Path(__file__).parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")
        assert f"a node {SECTION_DEPTH} levels deep" in limits_page

    def test_argdown_import_of_a_long_chain(self, tmp_path):
        """`argmap import` of a chain deeper than MAX_DEPTH writes a map that reads back."""
        path = tmp_path / "chain.argdown"
        path.write_text(to_argdown(chain(2 * MAX_DEPTH + 5)), encoding="utf-8")
        result = CliRunner().invoke(main, ["import", str(path)])
        assert result.exit_code == 0, result.output
        assert len(argmap.parse(result.stdout).nodes) == 2 * MAX_DEPTH + 5


class TestDeepTrees:
    def test_deep_tree_round_trips(self):
        """Named reasons, objections, rebuttals and undercuts on both sides of the cuts."""
        text = assert_round_trip(deep_tree(3 * MAX_DEPTH))
        assert deepest(text) <= SECTION_DEPTH + 3

    @pytest.mark.parametrize("levels", [1, 2, 3])
    def test_deep_tree_cut_everywhere(self, levels):
        with section_depth(levels):
            assert_round_trip(deep_tree(12))

    def test_annotations_stay_where_the_node_is_defined(self):
        """Tags and attributes go on the definition line, never into an elaboration."""
        with section_depth(1):
            text = to_arg(deep_tree(4))
        assert "premise a2: A 2. #tagged {source: page 2}" in text
        assert "@a2\n  objection ao2: AO 2." in text

    def test_undercuts_of_a_named_reason_continue_under_its_id(self):
        with section_depth(1):
            text = to_arg(
                argmap.parse(
                    "conclusion c: Say C.\n  reason r:\n    premise a: Say A.\n    premise b: Say B.\n"
                    "    undercut x: Say X.\n      undercut y: Say Y.\n"
                )
            )
        assert text == (
            "conclusion c: Say C.\n  reason r:\n    premise a: Say A.\n    premise b: Say B.\n\n"
            "@r\n  undercut x: Say X.\n    undercut y: Say Y.\n"
        )

    def test_undercuts_of_an_unnamed_inference_stay_under_its_premise(self):
        """An elaboration of a node cannot hold the undercuts of the inference into it."""
        with section_depth(1):
            text = assert_round_trip(
                argmap.parse(
                    "conclusion c: Say C.\n  premise p: Say P.\n    undercut u: Say U.\n"
                    "      objection o: Say O.\n    premise q: Say Q.\n"
                )
            )
        assert text == (
            "conclusion c: Say C.\n  premise p: Say P.\n    undercut u: Say U.\n\n"
            "@p\n  premise q: Say Q.\n\n@u\n  objection o: Say O.\n"
        )

    def test_a_tall_column_of_undercuts_moves_to_its_own_section(self):
        """A premise whose undercuts nest 95 levels deep is written near the left margin,
        so that the column stays within MAX_DEPTH."""
        lines = ["conclusion n0: Start."]
        for i in range(1, 21):
            lines += [f"@n{i - 1}", f"  premise n{i}: Step {i}."]
        lines += ["@n20", "  premise p: Premise P."]
        lines += [f"{'  ' * (k + 1)}undercut u{k}: U {k}." for k in range(1, 96)]
        text = assert_round_trip(argmap.parse("\n".join(lines) + "\n"))
        assert "\n@n20\n  premise p: Premise P.\n" in text


class TestCutsEverywhere:
    @settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(maps(max_nodes=30))
    def test_every_map_round_trips_with_a_low_bound(self, the_map):
        for levels in (1, 2):
            with section_depth(levels):
                assert_round_trip(the_map)


class TestStillUnwritable:
    def test_undercut_column_deeper_than_max_depth(self):
        """A map built in code with undercuts nested beyond MAX_DEPTH under one premise
        has no place in any section."""
        nodes = [Node("c", "conclusion", "C."), Node("p", "premise", "P.")]
        relations = [Relation(relation_id("support", ("p",), "c"), "support", ("p",), "c")]
        for k in range(MAX_DEPTH + 5):
            nodes.append(Node(f"u{k}", "undercut", f"U {k}."))
            target = relations[-1].id
            relations.append(Relation(relation_id("undercut", (f"u{k}",), target), "undercut", (f"u{k}",), target))
        with pytest.raises(UnwritableMapError, match=f"nests deeper than {MAX_DEPTH} levels"):
            to_arg(Map(nodes=nodes, relations=relations))

    def test_undercut_aimed_at_a_node(self):
        nodes = [Node("c", "conclusion", "C."), Node("u", "undercut", "U.")]
        with pytest.raises(UnwritableMapError, match="aimed at a node"):
            to_arg(Map(nodes=nodes, relations=[Relation("undercut:u->c", "undercut", ("u",), "c")]))


def test_relations_no_line_can_say_are_refused():
    """A relation from JSON or code that names a premise twice, or whose name is no id,
    is refused with a message rather than written as text argmap cannot read back."""
    import attrs

    from argmap.model import Map, Node, Relation
    from argmap.write import UnwritableMapError

    nodes = [Node("c", "conclusion", "C."), Node("a", "premise", "A."), Node("b", "premise", "B.")]
    with attrs.validators.disabled():  # the model refuses the first; a map made in code may skip validation
        repeated = Relation("support:a+a->c", "support", ("a", "a"), "c")
    badly_named = Relation("support:a->x", "support", ("a", "b"), "c")
    for relation, words in ((repeated, "names the premise 'a' twice"), (badly_named, "not an id")):
        with pytest.raises(UnwritableMapError, match=words):
            argmap.to_arg(Map(nodes=nodes, relations=[relation]))


def test_the_model_refuses_a_premise_named_twice():
    from argmap.model import Relation

    with pytest.raises(ValueError, match="names the premise 'a' twice"):
        Relation("support:a+a->c", "support", ("a", "a"), "c")
