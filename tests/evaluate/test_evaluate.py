"""Evaluating maps: textbook cases written in .arg, the reader's verdicts, the
explanations, the JSON contract and the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.evaluation import EvaluationUsageError, evaluate, parse_assumptions, translate

ROOT = Path(__file__).parents[2]
SHOWCASE = ROOT / "maps" / "serwer-2023-serbia.arg"


def arg(text: str) -> argmap.Map:
    return argmap.parse(text.strip() + "\n")


def verdicts(result, *ids: str) -> str:
    """``"a:in b:out"`` for the given ids."""
    return " ".join(f"{node_id}:{result.labels[node_id]}" for node_id in ids)


REINSTATEMENT = """
conclusion c: Homework should be abolished.
  objection o: Homework teaches students to work on their own.
    rebuttal r: Most homework is done with help from parents.
"""

FLOATING = """
conclusion c: The bridge should be built.
  objection d: The bridge is too expensive.
    rebuttal a: A federal grant pays for it.
      rebuttal @b
    rebuttal b: The grant may be withdrawn, and then the city pays for it.
      rebuttal @a
"""

ODD_CYCLE = """
conclusion c: C.
  objection x: X.
    rebuttal y: Y.
      rebuttal z: Z.
        rebuttal @x
"""

EVEN_CYCLE = """
conclusion c: C.
  objection w: W.
    rebuttal x: X.
      rebuttal y: Y.
        rebuttal z: Z.
          rebuttal @w
"""

SELF_ATTACK = """
conclusion c: C.
  claim s: This sentence is false.
    objection @s
"""

CHAIN = """
conclusion c: We should leave before six.
  claim a: We must catch the last train.
    premise b: The last train leaves at half past six.
      evidence e: The timetable on the station wall says so. {verdict: rejected}
"""

TWEETY = """
conclusion fly: Tweety can fly.
  premise bird: Tweety is a bird.
    undercut penguin: Tweety is a penguin, and penguins are birds that cannot fly.
"""


class TestTextbook:
    def test_reinstatement(self):
        """A rebuttal puts the objection out and so reinstates the conclusion."""
        result = evaluate(arg(REINSTATEMENT))
        assert verdicts(result, "c", "o", "r") == "c:in o:out r:in"
        assert result.explanations["o"] == "out: rebuttal 'r' is in and not rebutted"
        assert result.explanations["c"] == "in: accepted by default (no reasons of its own), and objection 'o' is out"

    def test_floating_reinstatement(self):
        """Two rebuttals that attack each other: grounded leaves all undecided; under
        both preferred labellings the objection is out and the conclusion in."""
        the_map = arg(FLOATING)
        assert set(evaluate(the_map).labels.values()) == {"undecided"}
        preferred = evaluate(the_map, "preferred")
        assert len(preferred.labellings) == 2
        assert verdicts(preferred, "c", "d", "a", "b") == "c:in d:out a:undecided b:undecided"
        assert preferred.explanations["a"] == "undecided: the 2 preferred labellings disagree (1 in, 1 out)"
        assert preferred.explanations["d"] == (
            "out: the same in both preferred labellings, for different reasons "
            "(rebuttal 'b' is in and not rebutted; rebuttal 'a' is in and not rebutted)"
        )
        assert preferred.to_data()["labellings"] == preferred.labellings

    def test_many_labellings(self):
        """With more than ten labellings, explanations give the reason in the first."""
        lines = ["conclusion c: C."]
        for i in range(4):
            lines += [
                f"  objection o{i}: O{i}.",
                f"    rebuttal a{i}: A{i}.",
                f"      rebuttal @b{i}",
                f"    rebuttal b{i}: B{i}.",
                f"      rebuttal @a{i}",
            ]
        stable = evaluate(arg("\n".join(lines)), "stable")
        assert len(stable.labellings) == 16
        assert stable.labels["c"] == "in"
        assert stable.explanations["c"] == (
            "in: the same in all 16 stable labellings; in the first: accepted by "
            "default (no reasons of its own), and all 4 objections fail"
        )
        assert stable.explanations["o0"].startswith("out: the same in all 16 stable labellings; in the first: rebuttal")

    def test_odd_cycle(self):
        """Three rebuttals in a circle: undecided, and no stable labelling."""
        the_map = arg(ODD_CYCLE)
        assert set(evaluate(the_map, "preferred").labels.values()) == {"undecided"}
        assert evaluate(the_map).explanations["c"] == "undecided: objection 'x' is undecided"
        stable = evaluate(the_map, "stable")
        assert stable.labellings == []
        assert stable.explanations["c"] == "undecided: the map has no stable labelling"

    def test_even_cycle(self):
        """Four rebuttals in a circle: two stable labellings, one with the conclusion in."""
        stable = evaluate(arg(EVEN_CYCLE), "stable")
        assert sorted(lab["c"] for lab in stable.labellings) == ["in", "out"]
        assert stable.labels["c"] == "undecided"

    def test_self_attack(self):
        """A statement that objects to itself is undecided, and so is what rests on it."""
        result = evaluate(arg(SELF_ATTACK))
        assert verdicts(result, "c", "s") == "c:undecided s:undecided"
        assert result.explanations["s"] == "undecided: it attacks itself"
        assert result.explanations["c"] == "undecided: it rests on claim 's', which is undecided"

    def test_support_chain_with_rejected_first_premise(self):
        """Reject the evidence at the bottom of a chain and every link above falls."""
        result = evaluate(arg(CHAIN))
        assert verdicts(result, "e", "b", "a", "c") == "e:out b:out a:out c:out"
        assert result.explanations["e"] == "out: rejected by the reader"
        assert result.explanations["b"] == "out: its only reason, evidence 'e', is out"

    def test_undercut_cuts_a_good_reason(self):
        """The premise stands, but the undercut cuts its inference: the conclusion is out."""
        result = evaluate(arg(TWEETY))
        assert verdicts(result, "fly", "bird", "penguin") == "fly:out bird:in penguin:in"
        assert result.explanations["fly"] == "out: its only reason, premise 'bird', is undercut by 'penguin'"

    def test_undercut_of_an_objection(self):
        """An undercut under an objection saves its target without touching the objection."""
        result = evaluate(
            arg("""
conclusion ban: Smoking should be banned in restaurants.
  objection liberty: Adults may decide for themselves whether to smoke.
    undercut room: That right does not cover filling a shared room with smoke.
""")
        )
        assert verdicts(result, "ban", "liberty", "room") == "ban:in liberty:in room:in"
        assert result.explanations["ban"].endswith("objection 'liberty' is undercut by 'room'")

    def test_linked_reason_needs_every_co_premise(self):
        """A linked reason stands only when all its co-premises are in."""
        text = """
conclusion m: Socrates is mortal.
  reason:
    premise h: All humans are mortal.
    premise s: Socrates is a human. {verdict: rejected}
"""
        result = evaluate(arg(text))
        assert result.labels["m"] == "out"
        assert result.explanations["m"] == "out: its only reason, 'h' + 's', fails: 's' is out"

    def test_any_reason_suffices(self):
        """Of two independent reasons, one standing is enough."""
        result = evaluate(
            arg("""
conclusion c: C.
  premise a: A. {verdict: rejected}
  premise b: B.
""")
        )
        assert result.labels["c"] == "in"
        assert result.explanations["c"] == "in: premise 'b' is in"

    def test_circular_support_is_out(self):
        """Claims that only support each other rest on nothing: out, in every semantics."""
        text = """
conclusion c: C.
  claim a: A.
    claim b: B.
      premise @a
"""
        for semantics in ("grounded", "preferred", "stable"):
            result = evaluate(arg(text), semantics)
            assert verdicts(result, "c", "a", "b") == "c:out a:out b:out", semantics
        assert evaluate(arg(text)).explanations["a"] == (
            "out: its only support goes round in a circle (it rests on itself)"
        )

    def test_objection_needs_a_basis_too(self):
        """An objection whose only reason fails does not defeat its target."""
        result = evaluate(
            arg("""
conclusion c: C.
  objection o: O.
    premise p: P. {verdict: rejected}
""")
        )
        assert verdicts(result, "c", "o") == "c:in o:out"


class TestVerdicts:
    def test_accepted_gives_a_basis_but_not_immunity(self):
        """An accepted claim with failing reasons is in; an objection that stands still puts it out."""
        text = """
conclusion c: C. {verdict: accepted}
  premise p: P. {verdict: rejected}
"""
        assert evaluate(arg(text)).explanations["c"] == "in: accepted by the reader"
        attacked = evaluate(arg(text + "  objection o: O.\n"))
        assert attacked.labels["c"] == "out"

    def test_undecided_holds_against_everything(self):
        """A statement the reader leaves undecided stays undecided, and so does what rests on it."""
        result = evaluate(
            arg("""
conclusion c: C.
  premise p: P. {verdict: undecided}
    objection o: O.
""")
        )
        assert verdicts(result, "c", "p", "o") == "c:undecided p:undecided o:in"
        assert result.explanations["p"] == "undecided: left undecided by the reader"

    def test_assume_overrides_attribute(self):
        """--assume wins over the verdict attribute, for what-if runs."""
        the_map = arg(CHAIN)
        result = evaluate(the_map, assume={"e": "accepted"})
        assert result.labels["c"] == "in"
        assert result.explanations["e"] == "in: assumed accepted"
        assert evaluate(the_map, assume={"e": "accepted", "a": "rejected"}).labels["c"] == "out"

    def test_assume_takes_strings(self):
        """assume may also be a list of ID=VERDICT strings."""
        assert evaluate(arg(TWEETY), assume=["penguin=rejected"]).labels["fly"] == "in"

    @pytest.mark.parametrize("unmarked", ["undecided", "rejected"])
    def test_unmarked_default(self, unmarked):
        """Unmarked statements without reasons may be taken as undecided or rejected instead."""
        result = evaluate(arg(TWEETY), unmarked=unmarked)
        label = "undecided" if unmarked == "undecided" else "out"
        assert verdicts(result, "bird", "fly") == f"bird:{label} fly:{label}"
        assert result.explanations["bird"] == f"{label}: {unmarked} by default (no reasons of its own)"

    def test_unknown_id(self):
        """Assuming a verdict for an unknown id is a usage error that suggests a near one."""
        with pytest.raises(EvaluationUsageError, match="no node has the id 'pengiun'") as caught:
            evaluate(arg(TWEETY), assume={"pengiun": "rejected"})
        assert caught.value.label == "usage"
        assert "'penguin'" in caught.value.hint

    def test_bad_semantics_and_unmarked(self):
        """Unknown semantics or unmarked verdicts are usage errors."""
        with pytest.raises(EvaluationUsageError, match="unknown semantics 'ideal'"):
            evaluate(arg(TWEETY), "ideal")
        with pytest.raises(EvaluationUsageError, match="'maybe' is not a verdict"):
            evaluate(arg(TWEETY), unmarked="maybe")


class TestParseAssumptions:
    def test_parses(self):
        """ID=VERDICT pairs become a dict; case and spaces in the verdict do not matter."""
        assert parse_assumptions(("a=rejected", "b.c = Accepted")) == {"a": "rejected", "b.c": "accepted"}
        assert parse_assumptions(()) == {}

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("a", "--assume takes ID=VERDICT, not 'a'"),
            ("=rejected", "--assume takes ID=VERDICT"),
            ("a=maybe", "'maybe' is not a verdict"),
            ("a b=rejected", "'a b' is not a node id"),
        ],
    )
    def test_malformed(self, value, message):
        """Malformed values are usage errors."""
        with pytest.raises(EvaluationUsageError, match=message) as caught:
            parse_assumptions((value,))
        assert caught.value.label == "usage"

    def test_contradiction(self):
        """One id with two verdicts is a usage error; the same verdict twice is fine."""
        assert parse_assumptions(("a=rejected", "a=rejected")) == {"a": "rejected"}
        with pytest.raises(EvaluationUsageError, match="assumed both rejected and accepted"):
            parse_assumptions(("a=rejected", "a=accepted"))


class TestShowcase:
    def test_grounded(self):
        """The showcase: the thesis stands; the rival policy and two objections fall."""
        result = evaluate(argmap.load(SHOWCASE))
        assert result.labels["reconfigure"] == "in"
        assert sorted(node for node, label in result.labels.items() if label == "out") == [
            "deterred",
            "dialogue",
            "no-order",
        ]
        assert result.explanations["dialogue"] == "out: rebuttal 'fail' is in and not rebutted"

    def test_preferred_is_instant(self):
        """Preferred semantics on the showcase needs no search: one labelling, as grounded."""
        the_map = argmap.load(SHOWCASE)
        preferred = evaluate(the_map, "preferred", limit=1)
        assert preferred.labellings == [evaluate(the_map).labels]

    def test_what_if(self):
        """Reject one premise and watch the conclusions that rest on it fall."""
        result = evaluate(argmap.load(SHOWCASE), assume={"knew": "rejected"})
        assert verdicts(result, "backed", "denounce", "sanctions") == "backed:out denounce:out sanctions:out"
        assert result.explanations["backed"] == "out: objection 'no-order' is in and not rebutted"


class TestResult:
    def test_json_contract(self):
        """Grounded JSON has semantics, labels and explanations for every node."""
        the_map = arg(REINSTATEMENT)
        data = json.loads(evaluate(the_map).to_json())
        assert set(data) == {"semantics", "labels", "explanations"}
        assert data["semantics"] == "grounded"
        assert list(data["labels"]) == [node.id for node in the_map.nodes]
        assert set(data["labels"].values()) <= {"in", "out", "undecided"}
        assert set(data["explanations"]) == set(data["labels"])

    def test_json_of_stable_has_labellings(self):
        """Every semantics but grounded adds the list of labellings."""
        data = json.loads(evaluate(arg(EVEN_CYCLE), "stable").to_json())
        assert len(data["labellings"]) == 2
        assert all(set(lab) == set(data["labels"]) for lab in data["labellings"])

    def test_text_report(self):
        """The text report has a summary, then one line per node in outline order."""
        text = evaluate(arg(TWEETY)).to_text()
        lines = text.splitlines()
        assert lines[0] == "grounded semantics: 2 in, 1 out, 0 undecided"
        assert [line.split()[:2] for line in lines[2:]] == [["out", "fly"], ["in", "bird"], ["in", "penguin"]]

    def test_repr_and_counts(self):
        """The result says what it holds."""
        result = evaluate(arg(TWEETY))
        assert result.counts() == {"in": 2, "out": 1, "undecided": 0}
        assert repr(result) == "<Evaluation grounded: 2 in, 1 out, 0 undecided>"


class TestApi:
    def test_package_function(self):
        """argmap.evaluate is in __all__ and works before and after the module is imported."""
        import importlib

        assert "evaluate" in argmap.__all__
        the_map = arg(TWEETY)
        assert argmap.evaluate(the_map).labels["fly"] == "out"
        importlib.import_module("argmap.evaluation")
        assert argmap.evaluate(the_map, "preferred", assume={"penguin": "rejected"}).labels["fly"] == "in"

    def test_translation_names(self):
        """The framework names its arguments after the map: node ids, relation ids, and
        not:, unsupported:, rejected:, undecided: helpers."""
        framework = translate(arg(CHAIN), assume={"a": "undecided"}).framework
        assert {"c", "a", "b", "e", "not:e", "unsupported:b", "rejected:e", "undecided:a", "support:e->b"} <= set(
            framework.arguments
        )
        assert ("rejected:e", "e") in framework.attacks
        assert ("undecided:a", "undecided:a") in framework.attacks

    def test_relation_id_that_is_a_node_id(self):
        """A relation whose id is also a node's id (possible in JSON) gets a prefixed name."""
        from argmap.model import Map, Node, Relation

        the_map = Map(
            nodes=[Node("a", "conclusion", "A."), Node("b", "premise", "B.")],
            relations=[Relation("a", "support", ("b",), "a")],
        )
        assert "inference:a" in translate(the_map).framework.arguments
        assert evaluate(the_map).labels == {"a": "in", "b": "in"}

    def test_dangling_relation(self):
        """A relation that names no node (possible in a hand-made Map) is a semantic error."""
        from argmap.errors import ArgmapSemanticError
        from argmap.model import Map, Node, Relation

        the_map = Map(nodes=[Node("a", "conclusion", "A.")], relations=[Relation("r", "support", ("z",), "a")])
        with pytest.raises(ArgmapSemanticError, match="'z', which is no node"):
            evaluate(the_map)


def elaborated_chain(length: int) -> str:
    """A support chain *length* reasons deep, each step an elaboration (issue 16's reproducer)."""
    lines = ["conclusion n0: x"]
    for index in range(length):
        lines += [f"@n{index}", f"  premise n{index + 1}: x"]
    return "\n".join(lines) + "\n"


class TestDeepReport:
    """The text report indents no deeper than to_arg nests: a chain of 40,000 reasons
    once made a report of 3 GB (every level indented all the rows below it once more)."""

    @pytest.mark.parametrize("length", [30, 1_000])
    def test_report_grows_in_proportion_to_the_chain(self, length):
        report = evaluate(arg(elaborated_chain(length))).to_text()
        rows = report.splitlines()
        assert max(len(row) for row in rows) < 120
        assert len(report) < 80 * (length + 1)
        assert sum(row.startswith("in ") for row in rows) == length + 1

    def test_deep_rows_continue_under_their_parent_at_the_margin(self):
        from argmap.write import SECTION_DEPTH

        rows = evaluate(arg(elaborated_chain(SECTION_DEPTH + 3))).to_text().splitlines()
        marker = rows.index(f"{'':9}  @n{SECTION_DEPTH}")
        assert rows[marker - 1].split()[1] == f"n{SECTION_DEPTH}"
        assert rows[marker + 1].split()[:2] == ["in", f"n{SECTION_DEPTH + 1}"]
        assert rows[marker + 1].index(f"n{SECTION_DEPTH + 1}") == 9 + 2 + 2  # one level in, again
