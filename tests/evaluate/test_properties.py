"""Cross-checks on random frameworks and maps: the search and the translation agree
with brute force over every labelling (see also test_py_arg.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from argmap.evaluation import evaluate
from argmap.frameworks import Framework, from_af, from_apx
from tests.budget import examples
from tests.evaluate.brute import as_set, framework_labellings, frameworks, map_labellings, maps, scheme_maps

SEMANTICS = ("grounded", "complete", "preferred", "stable")
FAST = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestFrameworkAgainstBruteForce:
    @FAST
    @given(frameworks())
    def test_every_semantics(self, af):
        """Grounded, complete, preferred and stable labellings are exactly those found by
        trying all 3^n labellings."""
        arguments, attacks = af
        framework = Framework(arguments, attacks)
        for semantics in SEMANTICS:
            assert as_set(framework.labellings(semantics)) == as_set(
                framework_labellings(arguments, attacks, semantics)
            ), semantics


class TestMapAgainstBruteForce:
    @FAST
    @given(maps())
    def test_every_semantics(self, the_map):
        """Node labels under each semantics are exactly those of the brute-force
        labelling of nodes by the conditions of docs/evaluation.md."""
        for semantics in SEMANTICS:
            result = evaluate(the_map, semantics)
            expected = map_labellings(the_map, semantics)
            assert as_set(result.labellings) == as_set(expected), semantics
            if semantics == "grounded":
                assert result.labels == expected[0]

    @settings(max_examples=examples(60), deadline=None)
    @given(maps(max_nodes=5))
    def test_unmarked_undecided(self, the_map):
        """With unmarked=undecided, the grounded labels again match brute force."""
        result = evaluate(the_map, "grounded", unmarked="undecided")
        assert as_set(result.labellings) == as_set(map_labellings(the_map, "grounded", unmarked="undecided"))

    @FAST
    @given(maps())
    def test_every_node_explained(self, the_map):
        """Every node gets an explanation that starts with its label."""
        for semantics in ("grounded", "preferred"):
            result = evaluate(the_map, semantics)
            for node_id, label in result.labels.items():
                assert result.explanations[node_id].startswith(label + ": ")


class TestFormatsRoundTrip:
    @FAST
    @given(frameworks(max_arguments=8))
    def test_apx(self, af):
        """A framework written as apx reads back equal."""
        framework = Framework(*af)
        assert from_apx(framework.to_apx(["a comment"])) == framework

    @FAST
    @given(frameworks(max_arguments=8))
    def test_af(self, af):
        """A framework written as ICCMA'23 af reads back with the same attacks, numbered."""
        arguments, attacks = af
        framework = Framework(arguments, attacks)
        number = {name: str(i) for i, name in enumerate(framework.arguments, 1)}
        again = from_af(framework.to_af(["a comment"]))
        assert again == Framework([number[a] for a in arguments], [(number[a], number[t]) for a, t in attacks])


class TestCriticalQuestionsAgainstBruteForce:
    @FAST
    @given(scheme_maps())
    def test_every_semantics(self, the_map):
        """With scheme reasons and raised critical questions, node labels under each
        semantics are those of the brute-force labelling by the conditions of
        docs/evaluation.md (exceptions undercut, assumptions are co-premises)."""
        from argmap.schemes import builtin_catalogue
        from argmap.schemes.evaluation import question_edges

        edges, _ = question_edges(the_map, builtin_catalogue())
        questions = [(e.raiser, e.relation, e.kind, e.premise) for e in edges]
        for semantics in SEMANTICS:
            result = evaluate(the_map, semantics)
            expected = map_labellings(the_map, semantics, questions=questions)
            assert as_set(result.labellings) == as_set(expected), semantics
