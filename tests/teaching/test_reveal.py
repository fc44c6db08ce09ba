"""Revealing a map step by step."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest

import argmap
from argmap.teaching.picture import node_names, show_only
from argmap.teaching.reveal import RevealError, reveal_pdf, reveal_steps, reveal_svgs

ROOT = Path(__file__).parents[2]

STEPPED = """\
conclusion c: The library should open on Sundays. {step: 1}
  premise demand: Many students want to study on Sundays. {step: 3}
    evidence: A survey found that 60% of students would come.
  objection cost: Opening on Sundays costs money. {step: 2}
    rebuttal: Volunteers could staff the library on Sundays. {step: 4}
"""


def boxes(svg: bytes) -> list[str]:
    """The names of the boxes drawn in an SVG."""
    return re.findall(r'<g id="(n\d+)" class="node box', svg.decode())


class TestSteps:
    """reveal_steps()"""

    def test_structure(self, reference_map):
        """Conclusion, then each reason with its support, then each objection
        followed by its answer."""
        steps = reveal_steps(reference_map, "structure")
        assert [step.new for step in steps] == [
            ("later",),
            ("clock", "early"),
            ("learn", "attention", "districts-that-moved-their"),
            ("buses",),
            ("stagger",),
            ("sports",),
            ("when-sport-is-held",),
        ]
        assert steps[-1].visible == {node.id for node in reference_map.nodes}

    def test_steps_grow(self, reference_map):
        """Each step shows everything the one before did, and more."""
        steps = reveal_steps(reference_map)
        for before, after in itertools.pairwise(steps):
            assert before.visible < after.visible

    def test_file_order(self):
        """In file order, one box per step, the co-premises of a reason together."""
        the_map = argmap.parse(
            "conclusion c: A b c.\n  reason:\n    premise p: D e f.\n    premise q: G h i.\n  objection o: J k l.\n"
        )
        assert [s.new for s in reveal_steps(the_map, "file")] == [("c",), ("p", "q"), ("o",)]

    def test_step_attributes(self):
        """{step: N} orders the steps; a box without one comes with its parent."""
        steps = reveal_steps(argmap.parse(STEPPED))
        assert [s.label for s in steps] == ["step 1", "step 2", "step 3", "step 4"]
        assert steps[2].new == ("demand", "survey-found-that-60")

    def test_bad_step(self):
        """A step that is not a number is an error at its line."""
        with pytest.raises(RevealError) as caught:
            reveal_steps(argmap.parse("conclusion: A b c. {step: first}\n"))
        assert caught.value.line == 1

    def test_every_map_of_the_project(self):
        """Every example map is revealed completely, each box once."""
        for path in sorted((ROOT / "maps").glob("*.arg")):
            the_map = argmap.load(path)
            steps = reveal_steps(the_map)
            added = [node for step in steps for node in step.new]
            assert sorted(added) == sorted(node.id for node in the_map.nodes), path.name

    def test_unknown_order(self, reference_map):
        """An unknown order is refused with the known ones."""
        with pytest.raises(RevealError, match="must be one of"):
            reveal_steps(reference_map, "random")


class TestPictures:
    """reveal_svgs() and reveal_pdf()"""

    def test_one_layout(self, reference_map):
        """Every step has the size of the whole map, and shows only its boxes."""
        steps = reveal_steps(reference_map)
        svgs = reveal_svgs(reference_map, steps)
        sizes = {re.search(rb'viewBox="([^"]+)"', svg).group(1) for svg in svgs}
        assert len(sizes) == 1
        names = node_names(reference_map)
        for step, svg in zip(steps, svgs, strict=True):
            assert sorted(boxes(svg)) == sorted(names[i] for i in step.visible)

    def test_boxes_do_not_move(self, reference_map):
        """A box is drawn at the same place in every step that shows it."""
        steps = reveal_steps(reference_map)
        svgs = reveal_svgs(reference_map, steps)
        first = re.search(rb'<g id="n0" class="node box conclusion">.*?</g>', svgs[0], re.S).group(0)
        assert all(first in svg for svg in svgs)

    def test_lines_only_between_shown_boxes(self):
        """A line is drawn only when both its ends are shown."""
        the_map = argmap.parse("conclusion c: A b c.\n  premise p: D e f.\n  objection o: G h i.\n")
        svg = argmap.render(the_map)
        part = show_only(svg, the_map, {"c", "p"})
        assert b'id="r0"' in part and b'id="r1"' not in part and b'id="j1"' not in part

    def test_pdf_has_a_page_per_step(self, reference_map):
        """The PDF has one page per step, all of one size."""
        pypdf = pytest.importorskip("pypdf")
        steps = reveal_steps(reference_map)
        reader = pypdf.PdfReader(io.BytesIO(reveal_pdf(reference_map, steps)))
        assert len(reader.pages) == len(steps)
        assert len({tuple(page.mediabox) for page in reader.pages}) == 1
        assert "nine" in reader.pages[0].extract_text()
        assert "Staggered" not in reader.pages[3].extract_text()
        assert "Staggered" in reader.pages[4].extract_text()
