"""Pairing the boxes of two maps by what they say."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.teaching.align import DEFAULT_THRESHOLD, align, key_stems, similarity
from tests.budget import examples


class TestSimilarity:
    """similarity()"""

    def test_same_text(self):
        """A text is fully like itself, whatever its case and punctuation."""
        assert similarity("Smoking harms staff.", "smoking HARMS staff!") == 1.0

    def test_paraphrase_above_threshold(self):
        """A paraphrase with the same key words is above the threshold."""
        assert (
            similarity(
                "Teenagers' body clocks make them fall asleep late at night.",
                "The body clocks of teenagers make them fall asleep late in the evening.",
            )
            > DEFAULT_THRESHOLD
        )

    def test_same_topic_below_threshold(self):
        """Two different claims about the same topic are below the threshold."""
        assert (
            similarity(
                "A later start would make school buses more expensive.",
                "Later lessons would push sport into the dark evening.",
            )
            < DEFAULT_THRESHOLD
        )

    def test_word_forms(self):
        """Word forms count as one key word."""
        assert key_stems("bans banned banning") == key_stems("ban")

    def test_non_latin_text(self):
        """Texts in other scripts are compared too."""
        assert similarity("Курение нужно запретить.", "Курение нужно запретить!") == 1.0
        assert similarity("吸烟应该被禁止", "吸烟应该禁止") > DEFAULT_THRESHOLD

    @given(st.text(max_size=60), st.text(max_size=60))
    @settings(max_examples=examples(60), deadline=None)
    def test_between_zero_and_one(self, first, second):
        """Every similarity is from 0 to 1."""
        assert 0.0 <= similarity(first, second) <= 1.0


class TestAlign:
    """align()"""

    def test_one_to_one(self, class_maps, reference_map):
        """No box is paired twice, on either side."""
        for student in class_maps.values():
            matches = align(student, reference_map)
            assert len({m.student for m in matches}) == len(matches)
            assert len({m.reference for m in matches}) == len(matches)

    def test_best_pair_wins(self):
        """Of two student boxes like one model box, the more alike is paired."""
        reference = argmap.parse("conclusion: Parks make cities cooler in summer.\n")
        student = argmap.parse("conclusion: Parks make cities cooler.\nclaim: Parks make cities cooler in summer.\n")
        [match] = align(student, reference)
        assert student.node(match.student).text == "Parks make cities cooler in summer."

    def test_order_of_the_model_answer(self, class_maps, reference_map):
        """The pairs come in the order of the model answer's boxes."""
        order = [n.id for n in reference_map.nodes]
        matches = align(class_maps["ada"], reference_map)
        assert [m.reference for m in matches] == order


class TestPairingByPlace:
    """align() pairs by place as well as by words."""

    MODEL = """\
conclusion ban: Schools should ban smartphones during the school day.
  premise attention: Phones pull students' attention away from their lessons.
  objection emergency: Children need their phones to reach their families in an emergency.
    rebuttal office: In an emergency the school office can phone parents faster than a pupil could.
  objection selfcontrol: Teenagers must learn to manage their phones by themselves.
"""

    def test_a_box_in_other_words_is_paired_by_its_place(self):
        """An objection that shares no word with its model box is paired with it
        when it stands where that box stands and nothing else is left there."""
        student = argmap.parse("""\
conclusion: Smartphones ought to be banned in school hours.
  premise: Mobile phones distract pupils from their lessons.
  objection s3: Kids have to be able to contact their parents if something goes wrong.
    rebuttal: The school office can ring the parents faster than a child.
  objection: Teenagers should learn to control their phone use themselves.
""")
        pairs = {m.student: m.reference for m in align(student, argmap.parse(self.MODEL))}
        assert pairs["s3"] == "emergency"
        assert len(pairs) == 5

    def test_the_same_words_in_another_place_go_to_the_box_of_that_place(self):
        """Two student boxes worded alike: each goes to the model box under the
        counterpart of its own parent."""
        model = argmap.parse("""\
conclusion c: Cities should plant more trees.
  claim cool: Trees cool the streets.
    premise shade1: Trees give shade.
  claim birds: Trees help birds.
    premise shade2: Trees give shade to nests.
""")
        student = argmap.parse("""\
conclusion: More trees should be planted in cities.
  claim: Trees help birds.
    premise p: Trees give shade.
  claim: Trees cool the streets.
    premise q: Trees give shade.
""")
        pairs = {m.student: m.reference for m in align(student, model)}
        assert pairs["p"] == "shade2" and pairs["q"] == "shade1"

    def test_alternative_wordings_are_used(self):
        """A box of the model answer with an {alt: ...} wording pairs with a student
        box worded like the alternative, and not without it."""
        without = "conclusion: The council should build a cycle lane.\n  premise p: Cycling is cheap.\n"
        with_alt = without.replace("cheap.", 'cheap. {alt: "a bike costs little to run | low cost"}')
        student = argmap.parse(
            "conclusion: A cycle lane should be built by the council.\n"
            "  premise s: Running a bike costs little.\n  premise t: Bikes are quiet.\n"
        )
        assert {m.student for m in align(student, argmap.parse(without))} == {"cycle-lane-should-be"}
        pairs = {m.student: m.reference for m in align(student, argmap.parse(with_alt))}
        assert pairs.get("s") == "p"

    def test_every_pair_has_a_confidence(self, class_maps, reference_map):
        """Confidences are from 0 to 1, and a map compared with itself is sure."""
        for student in class_maps.values():
            for match in align(student, reference_map):
                assert 0.0 <= match.confidence <= 1.0
        assert all(m.confidence >= 0.5 for m in align(reference_map, reference_map))
