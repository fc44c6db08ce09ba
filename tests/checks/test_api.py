"""argmap.check: the Python API of the validators."""

from __future__ import annotations

import pytest

import argmap
from argmap import Map, Node, Relation, Span
from argmap.checks.registry import Selection

MUSEUM = """\
conclusion: The museum should open on Mondays.
  premise: Many tourists would visit the museum if it opened on Mondays.
  objection: Staff?
"""


class TestCheck:
    def test_returns_sorted_diagnostics(self) -> None:
        """Diagnostics come sorted by line, column and code, with file None by default."""
        found = argmap.check(argmap.parse(MUSEUM))
        assert [(d.line, d.column, d.code) for d in found] == [(3, 3, "AM201"), (3, 3, "AM301"), (3, 3, "AM303")]
        assert {d.file for d in found} == {None}

    def test_file_is_passed_through(self) -> None:
        """The file name given is put on every diagnostic."""
        found = argmap.check(argmap.parse(MUSEUM), file="museum.arg")
        assert {d.file for d in found} == {"museum.arg"}

    @pytest.mark.parametrize(
        ("select", "ignore", "codes"),
        [
            ("AM2", None, ["AM201"]),
            (["AM201", "AM303"], None, ["AM201", "AM303"]),
            (None, "AM3", ["AM201"]),
            (None, ["AM201", "AM301"], ["AM303"]),
            ("AM3", "AM303", ["AM301"]),
            ("AM303", "AM3", ["AM303"]),  # the more specific entry wins
            ("AM301", "AM301", []),  # a tie goes to ignore
            ("am2", None, ["AM201"]),  # codes are case-insensitive
            ("AM201, AM301", None, ["AM201", "AM301"]),
        ],
    )
    def test_select_and_ignore(self, select, ignore, codes) -> None:
        """select and ignore take codes or prefixes, as a list or one string."""
        found = argmap.check(argmap.parse(MUSEUM), select=select, ignore=ignore)
        assert [d.code for d in found] == codes

    @pytest.mark.parametrize("bad", ["AM999", "XY1", "AM1000"])
    def test_unknown_code(self, bad) -> None:
        """An unknown code is a ValueError naming it."""
        with pytest.raises(ValueError, match=bad):
            argmap.check(argmap.parse(MUSEUM), select=bad)

    def test_is_exported(self) -> None:
        """check is part of the public API."""
        assert "check" in argmap.__all__

    def test_diagnostic_fields(self) -> None:
        """A diagnostic carries the node's span, the check's severity, its hint and name."""
        (found,) = argmap.check(argmap.parse(MUSEUM), select="AM201")
        assert (found.line, found.column, found.end_line, found.end_column) == (3, 3, 3, 20)
        assert found.severity == "warning"
        assert found.hint and found.label == "unanswered-objection"


class TestMapsBuiltInPython:
    """Maps from JSON or Python may hold what the .arg reader never builds."""

    def test_dangling_ids_and_no_spans(self) -> None:
        """Relations to or from unknown ids, and nodes without spans, raise nothing."""
        the_map = Map(
            nodes=[Node("c", "conclusion", "We should act."), Node("p", "premise", "Acting helps.")],
            relations=[
                Relation("r1", "support", ["p", "ghost"], "c"),
                Relation("r2", "attack", ["p"], "nowhere"),
                Relation("r3", "undercut", ["ghost"], "r9"),
            ],
        )
        found = argmap.check(the_map)
        assert all(d.line == 1 and d.column == 1 for d in found)
        assert "AM204" in [d.code for d in found]

    def test_support_aimed_at_an_inference(self) -> None:
        """Only an undercut may be aimed at a relation."""
        span = Span(3, 5, 3, 30)
        the_map = Map(
            nodes=[
                Node("c", "conclusion", "Tweety can fly."),
                Node("b", "premise", "Tweety is a bird."),
                Node("x", "premise", "Tweety has wings."),
            ],
            relations=[Relation("r1", "support", ["b"], "c"), Relation("r2", "support", ["x"], "r1", span=span)],
        )
        (found,) = argmap.check(the_map, select="AM204")
        assert (found.line, found.column, found.message) == (
            3,
            5,
            "this support is aimed at the inference 'r1'; only an undercut can be",
        )

    def test_empty_map(self) -> None:
        """A map with no nodes has no conclusion, reported at 1:1."""
        (found,) = argmap.check(Map())
        assert (found.code, found.line, found.column) == ("AM102", 1, 1)

    def test_empty_text_from_json(self) -> None:
        """A node whose text has no words (possible in JSON) is reported."""
        the_map = argmap.from_json(
            '{"format": "argmap", "version": 1, "nodes": ['
            '{"id": "c", "kind": "conclusion", "text": "We should act."},'
            '{"id": "p", "kind": "premise", "text": "?!"}],'
            '"relations": [{"id": "r", "kind": "support", "from": ["p"], "to": "c"}]}'
        )
        assert [d.code for d in argmap.check(the_map, select="AM301")] == ["AM301"]


class TestSelection:
    def test_narrowing_never_widens(self) -> None:
        """A narrowed selection runs a code only if the outer one does too."""
        outer = Selection(("AM1",))
        inner = outer.narrowed(("AM1", "AM2"), ())
        assert inner.enabled("AM101") and not inner.enabled("AM201")

    def test_default_runs_everything(self) -> None:
        """With no select entries every code runs."""
        assert Selection().enabled("AM402")


class TestMessages:
    def test_circular_support_names_every_node_and_line(self) -> None:
        """A circle is reported once, naming its nodes in order with their lines."""
        text = (
            "conclusion c: We act.\n  claim a: Alpha holds.\n    premise @b\n  claim b: Beta holds.\n    premise @a\n"
        )
        (found,) = argmap.check(argmap.parse(text), select="AM105")
        assert found.message == "circular support: 'a' (line 2) → 'b' (line 4) → 'a'"

    def test_circular_support_that_is_not_one_circle(self) -> None:
        """Support that loops in more than one way is listed node by node."""
        text = (
            "conclusion c: We act.\n"
            "  claim a: Alpha holds.\n"
            "    premise b: Beta holds.\n"
            "      premise @a\n"
            "      premise x: Gamma holds.\n"
            "        premise @a\n"
        )
        (found,) = argmap.check(argmap.parse(text), select="AM105")
        assert found.message == "circular support among 'a' (line 2), 'b' (line 3), 'x' (line 5)"
        assert (found.line, found.column) == (2, 3)

    def test_deep_support_chain_needs_no_recursion(self) -> None:
        """A circle through thousands of nodes is found without recursion."""
        count = 5000
        nodes = [Node("c", "conclusion", "We should act.")]
        nodes += [Node(f"n{i}", "claim", f"Step {i} holds.") for i in range(count)]
        relations = [Relation(f"s{i}", "support", [f"n{i}"], f"n{i + 1}") for i in range(count - 1)]
        relations += [Relation("back", "support", [f"n{count - 1}"], "n0"), Relation("top", "support", ["n0"], "c")]
        (found,) = argmap.check(Map(nodes=nodes, relations=relations), select="AM105")
        assert found.message.startswith("circular support among") or found.message.count("→") == count
