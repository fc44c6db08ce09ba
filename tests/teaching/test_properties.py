"""Properties of the toolkit on generated maps (tests/strategies.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

import argmap
from argmap.teaching import compare
from argmap.teaching.align import key_stems
from argmap.teaching.reveal import reveal_steps
from argmap.teaching.skeleton import skeleton
from tests.budget import examples
from tests.strategies import maps

SETTINGS = settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(maps(), maps())
def test_compare_any_two_maps(student, reference):
    """Any two maps can be compared; the score is from 0 to 100 and every
    mistake is of a kind the rubric knows."""
    result = compare(student, reference)
    assert 0 <= result.score <= 100
    assert sum(result.counts().values()) == len(result.mistakes)


@SETTINGS
@given(maps())
def test_a_map_matches_itself(the_map):
    """A map whose texts differ from one another is its own perfect answer."""
    if len({key_stems(node.text) for node in the_map.nodes}) < len(the_map.nodes):
        return
    result = compare(the_map, the_map)
    assert result.mistakes == () and result.score == 100


@SETTINGS
@given(maps())
def test_reveal_shows_every_box_once(the_map):
    """Every order reveals every box exactly once."""
    for order in ("structure", "file"):
        added = [node for step in reveal_steps(the_map, order) for node in step.new]
        assert sorted(added) == sorted(node.id for node in the_map.nodes)


@SETTINGS
@given(maps())
def test_skeleton_is_a_map(the_map):
    """The skeleton of any map is written and read back unchanged."""
    handout = skeleton(the_map)
    assert argmap.parse(argmap.to_arg(handout)) == handout
