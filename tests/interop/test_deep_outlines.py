"""Deep maps in the outline exports: no line stands more than MAX_DEPTH levels below the
top of its block; a deeper subtree continues as a block of its own, and the Argdown
export still reads back as the same map."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings

from argmap import parse
from argmap.interop import from_argdown, to_argdown, to_markdown
from argmap.interop import outline as outline_module
from argmap.interop.outline import MAX_DEPTH
from argmap.model import Map
from tests.budget import examples
from tests.interop.argdown_cli import ARGDOWN_FIXTURES, assert_cli_reads_the_same
from tests.strategies import maps


def chain(length: int) -> Map:
    """A support chain of *length* nodes: n1 supports n0, n2 supports n1..."""
    lines = ["conclusion n0: Start."]
    for i in range(1, length):
        lines += [f"@n{i - 1}", f"  premise n{i}: Step {i}."]
    return parse("\n".join(lines) + "\n")


def deep_tree(depth: int) -> Map:
    """A chain of claims *depth* levels deep, each level with a linked reason, an
    undercut premise and an objection with a rebuttal under it."""
    lines = ["conclusion c0: Level 0."]
    for level in range(1, depth):
        pad = "  " * level
        lines += [
            f"{pad}reason r{level}:",
            f"{pad}  premise a{level}: A {level}.",
            f"{pad}  premise b{level}: B {level}.",
            f"{pad}  undercut x{level}: X {level}.",
            f"{pad}premise p{level}: P {level}.",
            f"{pad}  undercut u{level}: U {level}.",
            f"{pad}objection o{level}: O {level}.",
            f"{pad}  rebuttal q{level}: Q {level}.",
            f"{pad}claim c{level}: Level {level}.",
        ]
    return parse("\n".join(lines) + "\n")


def depth_of(line: str, indent: str = "  ") -> int:
    return (len(line) - len(line.lstrip(" "))) // len(indent)


def through_argdown(the_map: Map) -> Map:
    return from_argdown(to_argdown(the_map), "exported.argdown").map


@contextlib.contextmanager
def max_depth(levels: int):
    """The outline exports with a bound of *levels* (so that small maps are cut)."""
    saved = outline_module.MAX_DEPTH
    outline_module.MAX_DEPTH = levels
    try:
        yield
    finally:
        outline_module.MAX_DEPTH = saved


class TestDepthBound:
    @pytest.mark.parametrize("export", [to_argdown, to_markdown])
    def test_no_line_is_deeper_than_the_bound(self, export):
        text = export(deep_tree(3 * MAX_DEPTH))
        assert max(depth_of(line) for line in text.splitlines() if line.strip()) <= MAX_DEPTH

    def test_chain_is_cut_into_blocks(self):
        """The line at the cut refers to the node; its block defines it and goes on."""
        text = to_argdown(chain(2 * MAX_DEPTH + 5))
        cut = f"n{MAX_DEPTH}"
        assert f"{'  ' * MAX_DEPTH}<+ [{cut}]\n\n[{cut}]: Step {MAX_DEPTH}." in text
        assert text.count(f"[{cut}]: ") == 1

    def test_markdown_refers_below_and_continues(self):
        text = to_markdown(chain(MAX_DEPTH + 3))
        cut = MAX_DEPTH
        assert f"{'  ' * cut}- **Premise** (see below): Step {cut}.\n- **Premise:** Step {cut}.\n" in text

    def test_markdown_reason_at_the_cut_continues(self):
        """A linked reason at the cut says so; its block takes it up again with its premises."""
        with max_depth(1):
            text = to_markdown(parse("conclusion: C.\n  reason:\n    premise: A.\n    premise: B.\n"))
        reason = "**Reason (the premises below hold together)**"
        assert f"  - {reason} (continued below)\n- {reason} (continued)\n  - **Premise:** A.\n" in text

    def test_markdown_undercut_chain_continues(self):
        """Undercuts of undercuts are cut too; the continued block starts with the undercut."""
        with max_depth(2):
            text = to_markdown(
                parse(
                    "conclusion: C.\n  premise: P.\n    undercut u1: U1.\n"
                    "      undercut u2: U2.\n        undercut u3: U3.\n"
                )
            )
        assert "    - **Undercut** (see below): U1.\n- **Undercut:** U1.\n  - **Undercut:** U2.\n" in text

    def test_maps_within_the_bound_are_not_cut(self):
        text = to_markdown(chain(MAX_DEPTH + 1))
        assert "see below" not in text


class TestDeepRoundTrips:
    def test_long_chain_round_trips(self):
        the_map = chain(300)
        assert through_argdown(the_map) == the_map

    def test_deep_tree_round_trips(self):
        """Reasons, undercuts, objections and rebuttals below the cut come back."""
        the_map = deep_tree(2 * MAX_DEPTH + 3)
        assert through_argdown(the_map) == the_map

    @settings(max_examples=examples(100), deadline=None, suppress_health_check=list(HealthCheck))
    @given(maps())
    def test_generated_maps_cut_at_every_level_round_trip(self, the_map):
        """With a bound of one level, nearly every subtree is cut, and the map survives."""
        with max_depth(1):
            assert through_argdown(the_map) == the_map

    @pytest.mark.parametrize("path", sorted(ARGDOWN_FIXTURES.glob("*.argdown")), ids=lambda p: p.stem)
    def test_cut_argdown_fixtures_round_trip(self, path):
        """Arguments without pcs (``<title>``) at the cut come back too."""
        the_map = from_argdown(path.read_text(encoding="utf-8"), str(path)).map
        with max_depth(1):
            back = through_argdown(the_map)
        assert Map(nodes=back.nodes, relations=back.relations) == Map(nodes=the_map.nodes, relations=the_map.relations)


@pytest.mark.needs_node
class TestDeepArgdownCli:
    def test_cli_reads_cut_exports_as_argmap_does(self, argdown_cli):
        """The Argdown CLI accepts the cut outlines and reads the same statements and relations."""
        texts = {"chain": to_argdown(chain(300)), "tree": to_argdown(deep_tree(2 * MAX_DEPTH + 3))}
        generated: list[Map] = []

        @settings(max_examples=examples(40), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        @given(maps())
        def collect(the_map):
            generated.append(the_map)

        collect()
        with max_depth(1):
            texts.update(
                {
                    f"fixture-{p.stem}": to_argdown(from_argdown(p.read_text(encoding="utf-8"), str(p)).map)
                    for p in sorted(ARGDOWN_FIXTURES.glob("*.argdown"))
                }
            )
            texts.update({f"generated-{i}": to_argdown(m) for i, m in enumerate(generated)})
        assert_cli_reads_the_same(argdown_cli, texts)
