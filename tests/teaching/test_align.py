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
        assert similarity("Teenagers' body clocks make them fall asleep late at night.",
                          "The body clocks of teenagers make them fall asleep late in the evening.") > DEFAULT_THRESHOLD

    def test_same_topic_below_threshold(self):
        """Two different claims about the same topic are below the threshold."""
        assert similarity("A later start would make school buses more expensive.",
                          "Later lessons would push sport into the dark evening.") < DEFAULT_THRESHOLD

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
