"""Comparing a student's map with the model answer."""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.teaching import DEFAULT_RUBRIC, MISTAKES, compare
from argmap.teaching.compare import missing_kind, quote
from argmap.teaching.report_text import comparison_json, format_comparison
from tests.teaching.conftest import CLASS_DIR, EXPECTED


class TestTheClass:
    """The class of tests/teaching/class: each student makes known mistakes."""

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_finds_exactly_the_mistakes_made(self, name, class_maps, reference_map):
        """The comparison names every mistake the student made, and no other."""
        result = compare(class_maps[name], reference_map)
        assert {m.kind for m in result.mistakes} == EXPECTED[name]

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_text_report_names_each_mistake(self, name, class_maps, reference_map):
        """The text feedback has a line for each mistake, with its kind."""
        result = compare(class_maps[name], reference_map, student_file=f"{name}.arg")
        text = format_comparison(result)
        for mistake in result.mistakes:
            assert f": {mistake.kind}: {mistake.message}" in text
        assert text.rstrip().endswith(f"{len(result.mistakes)} mistake" + ("" if len(result.mistakes) == 1 else "s"))

    def test_perfect_map_scores_100(self, class_maps, reference_map):
        """A map with every box in place, in the student's own words, scores 100."""
        result = compare(class_maps["ada"], reference_map)
        assert result.score == 100
        assert len(result.matches) == len(reference_map.nodes)

    def test_every_mistake_costs(self, class_maps, reference_map):
        """Every other student scores less than 100, and the two who made several
        mistakes score lowest."""
        scores = {name: compare(m, reference_map).score for name, m in class_maps.items()}
        assert all(score < 100 for name, score in scores.items() if name != "ada")
        lowest = sorted(scores, key=scores.get)[:2]
        assert set(lowest) == {"max", "nia"}

    def test_wrong_kind_names_both_kinds(self, class_maps, reference_map):
        """A premise written for an objection is reported as such."""
        [mistake] = compare(class_maps["dan"], reference_map).mistakes
        assert "written as a premise" in mistake.message and "it is an objection" in mistake.message
        assert mistake.line == 9

    def test_split_reason_names_both_co_premises(self, class_maps, reference_map):
        """A split linked reason names both co-premises and says what to do."""
        [mistake] = compare(class_maps["finn"], reference_map).mistakes
        assert "body clocks" in mistake.message and "early start" in mistake.message
        assert "'reason:' block" in mistake.message
        assert set(mistake.reference) == {"clock", "early"}

    def test_merged_reasons(self, class_maps, reference_map):
        """Separate reasons joined in one linked reason are reported once."""
        [mistake] = compare(class_maps["gia"], reference_map).mistakes
        assert mistake.kind == "merged-reasons"
        assert "learn better" in mistake.message

    def test_undercut_written_as_rebuttal_is_one_mistake(self, class_maps, reference_map):
        """An undercut written as a rebuttal under the same line is a confusion of
        kinds, not also a wrong attachment."""
        kinds = [m.kind for m in compare(class_maps["ida"], reference_map).mistakes]
        assert kinds == ["undercut-confusion"]

    def test_wrong_attachment_says_where_it_belongs(self, class_maps, reference_map):
        """A box under the wrong claim: the feedback names both claims."""
        [mistake] = compare(class_maps["eve"], reference_map).mistakes
        assert "supports 'Secondary schools" in mistake.message
        assert "it supports 'Teenagers who sleep longer learn better.'" in mistake.message

    def test_verdicts_from_the_expectations(self, class_maps, reference_map):
        """Without the rebuttal the objection stands, so the conclusion is out
        where the model answer expects it in."""
        mistakes = [m for m in compare(class_maps["lou"], reference_map).mistakes if m.kind == "wrong-verdict"]
        assert {m.reference[0] for m in mistakes} == {"later", "buses"}
        assert any("expects it in" in m.message for m in mistakes)


class TestNotes:
    """The teacher's {note: ...} attributes."""

    def test_note_shown_for_a_missed_box(self, class_maps, reference_map):
        """Missing the undercut shows the note written on it."""
        result = compare(class_maps["cleo"], reference_map)
        notes = [m.note for m in result.mistakes if m.kind == "missing-objection"]
        assert any(note and "an undercut, not a rebuttal" in note for note in notes)

    def test_note_in_text_report(self, class_maps, reference_map):
        """The text report shows the note under the mistake."""
        text = format_comparison(compare(class_maps["cleo"], reference_map))
        assert "    note: This grants the objection" in text

    def test_no_note_no_line(self, class_maps, reference_map):
        """A mistake about a box without a note has none."""
        [mistake] = compare(class_maps["ben"], reference_map).mistakes
        assert mistake.note is None


class TestSmallMaps:
    """Comparisons of small maps written here."""

    REFERENCE = """\
conclusion c: The library should open on Sundays.
  premise demand: Many students want to study on Sundays. {note: Demand is the main reason.}
  objection cost: Opening on Sundays costs money.
    rebuttal: Volunteers could staff the library on Sundays.
"""

    def compare(self, student: str, **options):
        return compare(argmap.parse(student), argmap.parse(self.REFERENCE), **options)

    def test_identical_maps(self):
        """A map compared with itself has no mistakes and scores 100."""
        result = self.compare(self.REFERENCE)
        assert result.mistakes == () and result.score == 100

    def test_only_the_conclusion(self):
        """A map with only the conclusion misses everything else."""
        result = self.compare("conclusion: The library should open on Sundays.\n")
        assert [m.kind for m in result.mistakes] == ["missing-reason", "missing-objection", "missing-rebuttal"]
        weights = DEFAULT_RUBRIC.weights
        assert (
            result.possible
            == weights["missing-conclusion"]
            + weights["missing-reason"]
            + weights["missing-objection"]
            + weights["missing-rebuttal"]
        )
        assert result.lost == result.possible - weights["missing-conclusion"]

    def test_nothing_in_common(self):
        """A map about something else misses every box and scores 0."""
        result = self.compare("conclusion: Cats are better pets than dogs.\n")
        assert result.score == 0
        assert result.counts()["extra-node"] == 1

    def test_hide_answers_quotes_no_model_text(self):
        """With hide_answers the feedback on missing boxes quotes none of the
        model answer's texts; the note still shows."""
        result = self.compare("conclusion: The library should open on Sundays.\n", hide_answers=True)
        text = format_comparison(result)
        assert "Many students" not in text and "Volunteers" not in text and "costs money" not in text
        assert "Demand is the main reason." in text

    def test_conclusion_written_as_premise(self):
        """The model answer's conclusion put under another box is attached wrongly."""
        result = self.compare("""\
conclusion: Many students want to study on Sundays.
  premise: The library should open on Sundays.
""")
        kinds = [m.kind for m in result.mistakes]
        assert kinds.count("wrong-attachment") == 2  # each box is where the other should be
        assert any("it is the conclusion" in m.message for m in result.mistakes)

    def test_box_on_its_own(self):
        """A box that supports nothing, where the model answer has it support the
        conclusion, stands on its own."""
        result = self.compare("""\
conclusion: The library should open on Sundays.
  objection: Opening on Sundays costs money.
    rebuttal: Volunteers could staff the library on Sundays.
claim: Many students want to study on Sundays.
""")
        [mistake] = result.mistakes
        assert mistake.kind == "wrong-attachment" and "stands on its own" in mistake.message

    def test_objection_written_as_premise_of_the_objection(self):
        """A rebuttal written as a premise under the objection speaks for it, not
        against it."""
        result = self.compare("""\
conclusion: The library should open on Sundays.
  premise: Many students want to study on Sundays.
  objection: Opening on Sundays costs money.
    premise: Volunteers could staff the library on Sundays.
""")
        assert [m.kind for m in result.mistakes] == ["wrong-kind"]

    def test_reference_to_two_targets(self):
        """A box that a student attaches to two boxes by reference (@id), one of
        them the right one, is not attached wrongly."""
        result = self.compare("""\
conclusion c: The library should open on Sundays.
  premise d: Many students want to study on Sundays.
  objection: Opening on Sundays costs money.
    rebuttal v: Volunteers could staff the library on Sundays.
  premise @v
""")
        assert result.mistakes == ()

    def test_rubric_changes_points(self):
        """A rubric row changes what a mistake costs and so the score."""
        student = (
            "conclusion: The library should open on Sundays.\n  premise: Many students want to study on Sundays.\n"
        )
        plain = self.compare(student)
        harsh = self.compare(student, rubric=DEFAULT_RUBRIC.with_weights({"missing-objection": 10}))
        assert harsh.score < plain.score
        assert [m.points for m in harsh.mistakes if m.kind == "missing-objection"] == [10]

    def test_threshold_one_pairs_only_identical_texts(self):
        """With threshold 1 a reworded box is not paired."""
        result = self.compare(self.REFERENCE.replace("Many students want", "Lots of students wish"), threshold=1.0)
        assert result.counts()["missing-reason"] == 1 and result.counts()["extra-node"] == 1


class TestOutput:
    """The comparison as data."""

    def test_counts_list_every_kind(self, class_maps, reference_map):
        """counts() has a row for every kind of mistake, zeros included."""
        counts = compare(class_maps["ben"], reference_map).counts()
        assert list(counts) == list(MISTAKES)
        assert counts["missing-reason"] == 1 and sum(counts.values()) == 1

    def test_json(self, class_maps, reference_map):
        """The JSON has the score, points, counts, mistakes and the rubric."""
        data = json.loads(comparison_json(compare(class_maps["nia"], reference_map, student_file="nia.arg")))
        assert data["student"] == "nia.arg"
        assert 0 <= data["score"] <= 100
        assert set(data) >= {"points", "boxes", "counts", "mistakes", "matches", "rubric"}
        assert {m["kind"] for m in data["mistakes"]} == EXPECTED["nia"]
        assert all(isinstance(m["student"], list) for m in data["mistakes"])

    def test_deterministic(self, class_maps, reference_map):
        """Two comparisons of the same maps are equal."""
        assert compare(class_maps["max"], reference_map) == compare(class_maps["max"], reference_map)

    def test_missing_kind(self, reference_map):
        """Each box of the model answer has the missing-* row of its kind."""
        kinds = {node.id: missing_kind(reference_map, node) for node in reference_map.nodes}
        assert kinds["later"] == "missing-conclusion"
        assert kinds["clock"] == "missing-reason"
        assert kinds["buses"] == "missing-objection"
        assert kinds["stagger"] == "missing-rebuttal"
        assert kinds["districts-that-moved-their"] == "missing-evidence"

    def test_quote_cuts_long_text(self):
        """Long texts are cut at a word, with an ellipsis."""
        assert quote("word " * 40).endswith("word…'")


def test_broken_student_file_does_not_parse():
    """The class's broken file is a syntax error (grading reports it)."""
    with pytest.raises(argmap.ArgmapError):
        argmap.load(CLASS_DIR / "oz.arg")


def test_doctests():
    """The examples in the docstrings of the toolkit hold."""
    import doctest
    import importlib

    for name in ("align", "compare", "rubric", "skeleton"):
        module = importlib.import_module(f"argmap.teaching.{name}")
        assert doctest.testmod(module).failed == 0, name


class TestTwoStatements:
    """A box that holds a claim and its reason."""

    MODEL = """\
conclusion c: The city should charge drivers to enter the centre.
  objection poor: The fee hits poorer workers hardest.
    rebuttal gain: Low-income workers would gain from the better bus service.
      premise riders: Most low-income workers already travel by bus.
"""

    def compare(self, rebuttal: str):
        student = (
            "conclusion: Drivers should pay to enter the centre.\n"
            "  objection: Poorer workers are hit hardest by the fee.\n"
            f"    rebuttal r: {rebuttal}\n"
        )
        return compare(argmap.parse(student), argmap.parse(self.MODEL))

    def test_claim_and_reason_in_one_box(self):
        """Named once, with what belongs in a box of its own, and the reason is
        not reported missing as well."""
        result = self.compare("Poorer workers gain from better buses, since most low-income workers take the bus.")
        [mistake] = result.mistakes
        assert mistake.kind == "two-statements" and mistake.reference == ("gain", "riders")
        assert "'most low-income workers take the bus.' belongs in a box of its own, a premise under" in mistake.message

    def test_reason_first(self):
        result = self.compare("Because most low-income workers take the bus, they gain from better buses.")
        assert [m.kind for m in result.mistakes] == ["two-statements"]

    def test_a_causal_because_is_one_statement(self):
        """A 'because' whose second part says no box next to the paired one is
        part of one statement; the missing premise is reported as missing."""
        result = self.compare("Low-income workers would gain from the better bus service because buses come often.")
        assert [m.kind for m in result.mistakes] == ["missing-reason"]

    def test_both_halves_saying_one_box(self):
        result = self.compare("Low-income workers gain from better buses, so the bus service helps low-income workers.")
        assert "two-statements" not in result.counts() or result.counts()["two-statements"] == 0
