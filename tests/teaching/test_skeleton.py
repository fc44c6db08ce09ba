"""Skeleton handouts: the map with its texts blanked."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.teaching.skeleton import BLANK, SkeletonError, skeleton

ROOT = Path(__file__).parents[2]


class TestSkeleton:
    """skeleton()"""

    def test_texts_blanked_kinds_kept(self, reference_map):
        """Every text is blanks; kinds and the shape of the map stay."""
        handout = skeleton(reference_map)
        assert [n.kind for n in handout.nodes] == [n.kind for n in reference_map.nodes]
        assert all(set(n.text) <= {"_", " "} for n in handout.nodes)
        assert [len(r.premises) for r in handout.relations] == [len(r.premises) for r in reference_map.relations]
        assert [r.kind for r in handout.relations] == [r.kind for r in reference_map.relations]

    def test_nothing_given_away(self, reference_map):
        """Neutral ids, no notes, expectations or tags; sources stay."""
        text = argmap.to_arg(skeleton(reference_map))
        for word in ("clock", "buses", "note", "expect", "sleep"):
            assert word not in text
        assert "{source: Wahlstrom 2014}" in text
        assert [n.id for n in skeleton(reference_map).nodes][:3] == ["b1", "b2", "b3"]

    def test_keep(self, reference_map):
        """Kept boxes keep their text; the conclusion can be kept by name."""
        handout = skeleton(reference_map, ["buses"], keep_conclusion=True)
        kept = [n.text for n in handout.nodes if BLANK not in n.text]
        assert kept == [reference_map.node("later").text, reference_map.node("buses").text]

    def test_unknown_box(self, reference_map):
        """Keeping a box that is not there is an error naming a near one."""
        with pytest.raises(SkeletonError) as caught:
            skeleton(reference_map, ["bus"])
        assert "'buses'" in caught.value.hint

    def test_room_to_write(self):
        """Longer texts get more blanks."""
        the_map = argmap.parse("conclusion: Short one.\n  premise: " + "a much longer text " * 5 + "\n")
        short, long = (n.text for n in skeleton(the_map).nodes)
        assert len(long) > len(short)

    @pytest.mark.parametrize("path", sorted((ROOT / "maps").glob("*.arg")), ids=lambda p: p.name)
    def test_round_trip(self, path):
        """The handout is a valid map that reads back unchanged (undercuts of
        undercuts included)."""
        handout = skeleton(argmap.load(path))
        assert argmap.parse(argmap.to_arg(handout)) == handout
        assert len(handout.relations) == len(argmap.load(path).relations)


class TestBlankKinds:
    """skeleton(blank_kinds=True): the kinds give nothing away either."""

    @pytest.mark.parametrize("path", sorted((ROOT / "maps").glob("*.arg")), ids=lambda p: p.name)
    def test_only_neutral_kinds_and_the_same_shape(self, path):
        """No box shows it is an assumption, evidence, claim or undercut; every
        box keeps its side and its place; the handout reads back unchanged."""
        the_map = argmap.load(path)
        handout = skeleton(the_map, blank_kinds=True)
        roots = {n.id for n in the_map.roots()}
        for old, new in zip(the_map.nodes, handout.nodes, strict=True):
            if old.id in roots and old.kind in ("conclusion", "claim"):
                assert new.kind == old.kind
                continue
            assert new.kind in ("premise", "objection", "rebuttal")
            assert (new.kind == "premise") == (old.kind not in ("objection", "rebuttal", "undercut"))
        assert [len(r.premises) for r in handout.relations] == [len(r.premises) for r in the_map.relations]
        assert argmap.parse(argmap.to_arg(handout)) == handout

    def test_the_assumption_and_the_undercut_are_not_told(self, reference_map):
        """The model answer's evidence and undercut show as a premise and a
        rebuttal under the objection they answer; nothing in the text names
        their kinds."""
        text = argmap.to_arg(skeleton(reference_map, blank_kinds=True))
        for word in ("evidence", "undercut", "claim", "assumption"):
            assert word not in text
        assert argmap.to_arg(skeleton(reference_map)).count("undercut") == 1
