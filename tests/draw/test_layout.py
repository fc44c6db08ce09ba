"""The layout decisions argmap makes before Graphviz: junctions, staggered fans,
repeated boxes, page fitting, focus and colour by tag."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import PAGES, main
from argmap.draw import RenderOptionError, render, to_dot
from argmap.draw.focus import crop_svg, focus_boxes, focus_parts
from argmap.draw.scene import build_scene
from argmap.draw.shape import FAN, NODE_GAP, PASSING_LINE, Link, Model, _deal, page_area, page_names
from argmap.draw.themes import TAG_FILLS

FAN_MAP = "conclusion c: The conclusion.\n" + "".join(
    f"  {'premise' if i % 2 else 'objection'} p{i}: Reason number {i} for or against the conclusion.\n"
    for i in range(12)
)

SHARED = """\
conclusion c: C.
  claim a: A.
    premise shared: Shared.
  claim b: B.
    premise x: X.
      premise @shared
"""


def _minlens(scene) -> dict[str, int]:
    return {edge.name: edge.minlen for edge in scene.edges}


class TestJunctions:
    def test_a_lone_premise_is_one_line_with_no_point(self):
        scene = build_scene(argmap.parse("conclusion c: C.\n  premise p: P.\n"))
        assert scene.junctions == ()
        assert [(edge.tail, edge.head, edge.role) for edge in scene.edges] == [("n1", "n0", "inference")]

    def test_co_premises_join_at_a_point_over_their_reason(self):
        scene = build_scene(argmap.parse("conclusion c: C.\n  reason:\n    premise a: A.\n    premise b: B.\n"))
        assert [junction.name for junction in scene.junctions] == ["j0"]
        premise_lines = [edge for edge in scene.edges if edge.role == "premise"]
        inference = [edge for edge in scene.edges if edge.role == "inference"][0]
        # heavier than the line on: Graphviz keeps the point near the premises
        assert all(edge.weight > inference.weight for edge in premise_lines)


class TestStaggering:
    def test_a_wide_fan_is_staggered_over_bands(self):
        minlens = _minlens(build_scene(argmap.parse(FAN_MAP)))
        assert max(minlens.values()) > 1
        assert list(minlens.values()).count(1) >= 2  # the first band stays next to the conclusion

    def test_a_narrow_fan_is_not(self):
        text = "conclusion c: C.\n" + "".join(f"  premise p{i}: Premise {i}.\n" for i in range(FAN))
        assert set(_minlens(build_scene(argmap.parse(text))).values()) == {1}

    def test_staggering_is_in_the_dot_for_both_engines(self):
        dot = to_dot(argmap.parse(FAN_MAP))
        assert re.search(r"minlen=\d", dot)

    @given(st.lists(st.floats(10, 500), min_size=1, max_size=12), st.integers(1, 4))
    @settings(max_examples=60, deadline=None)
    def test_dealing_keeps_every_branch_once_in_map_order(self, widths, count):
        branches = [(Link(f"r{i}", "support", (f"p{i}",), "c"), width, 1) for i, width in enumerate(widths)]
        bands = _deal(branches, count)
        dealt = [branch for band in bands for branch in band]
        assert sorted(b[0].id for b in dealt) == sorted(b[0].id for b in branches)
        for band in bands:
            ids = [int(branch[0].id[1:]) for branch in band]
            assert ids == sorted(ids)
        assert len(bands) <= count

    def test_the_model_ranks_a_chain_one_rank_per_line(self):
        links = [Link("r0", "support", ("a",), "c"), Link("r1", "support", ("b",), "a")]
        sizes = {"c": (100.0, 40.0), "a": (100.0, 40.0), "b": (100.0, 40.0)}
        model = Model(links, sizes, set(), set(), set())
        assert model.ranks({})[0] == {"c": 0, "a": 1, "b": 2}
        assert model.ranks({"r0": 3})[0] == {"c": 0, "a": 3, "b": 4}

    def test_a_branch_keeps_its_width_over_every_rank_it_spans(self):
        # c has a above (200 wide, with x of 400 under it) and b (150 wide) beside it
        links = [
            Link("r0", "support", ("a",), "c"),
            Link("r1", "support", ("b",), "c"),
            Link("r2", "support", ("x",), "a"),
        ]
        sizes = {"c": (100.0, 40.0), "a": (200.0, 40.0), "b": (150.0, 40.0), "x": (400.0, 40.0)}
        model = Model(links, sizes, set(), set(), set())
        side_by_side = model.block_width(*model.ranks({}))
        assert side_by_side == 400 + NODE_GAP + 150  # a's column is as wide as x below it
        # b staggered two ranks down hangs under a's column: only its line passes beside it
        staggered = model.block_width(*model.ranks({"r1": 3}))
        assert staggered == 400 + NODE_GAP + PASSING_LINE
        assert model.size({})[0] == pytest.approx(400 + (side_by_side - 400) / 2)

    @given(st.lists(st.tuples(st.integers(0, 50), st.floats(20, 300)), min_size=1, max_size=25))
    @settings(max_examples=60, deadline=None)
    def test_block_width_is_between_the_widest_box_and_all_boxes_in_a_row(self, tree):
        # box i+1 hangs under box (parent mod i+1); ranks then step by one, so no line passes a rank
        sizes = {"n0": (100.0, 40.0)} | {f"n{i + 1}": (width, 40.0) for i, (_, width) in enumerate(tree)}
        links = [Link(f"r{i}", "support", (f"n{i + 1}",), f"n{parent % (i + 1)}") for i, (parent, _) in enumerate(tree)]
        model = Model(links, sizes, set(), set(), set())
        width = model.block_width(*model.ranks({}))
        widths = [w for w, _ in sizes.values()]
        assert max(widths) <= width <= sum(widths) + NODE_GAP * (len(widths) - 1) + 1e-6


class TestRepeats:
    def test_a_box_used_in_another_branch_is_drawn_again(self):
        scene = build_scene(argmap.parse(SHARED))
        repeated = [box for box in scene.boxes if "_" in box.name]
        assert len(repeated) == 1
        header = repeated[0].sections[0].lines[0]
        assert [span.text for span in header] == ["PREMISE", "REPEATED"]
        # the line of the second use starts at the copy
        assert any(edge.tail == repeated[0].name for edge in scene.edges)

    def test_without_repeats_every_node_is_one_box(self):
        the_map = argmap.parse(SHARED)
        scene = build_scene(the_map, repeats=False)
        assert [box.name for box in scene.boxes] == [f"n{i}" for i in range(len(the_map.nodes))]


class TestPage:
    def test_page_areas_are_the_paper_less_margins(self):
        assert page_area("a4-landscape") == pytest.approx((770, 523))
        assert page_area("a4") == pytest.approx((523, 770))

    def test_the_cli_knows_the_same_pages(self):
        assert list(PAGES) == page_names()

    def test_an_unknown_page_is_refused(self):
        with pytest.raises(RenderOptionError, match="page"):
            build_scene(argmap.parse(FAN_MAP), page="a5")

    def test_the_fit_prints_as_large_as_any_trial(self):
        # Every direction and wrap tried is drawn here again, outside fit_page's
        # loop: the one chosen must print its text at least as large as each of
        # them drawn as Graphviz places the branches (less the 0.05 pt a later
        # trial must beat the first by), and as the default picture, packed or not.
        # (Packing takes a search of its own: fit_page packs only its best trials.)
        from argmap.draw.choice import chosen_drawing, print_scale
        from argmap.draw.page import DIRECTIONS_TRIED, WRAPS_TRIED, fit_page

        the_map = argmap.load(Path(__file__).parents[2] / "maps" / "smoking-ban.arg")
        fit = fit_page(the_map, "a4-landscape")

        def size(direction: str, wrap: int, pack: bool) -> float:
            _, svg = chosen_drawing(the_map, "embedded", direction=direction, wrap=wrap, page="a4-landscape", pack=pack)
            return 11 * print_scale(svg, "a4-landscape")

        unpacked = {
            (direction, wrap): size(direction, wrap, False) for direction in DIRECTIONS_TRIED for wrap in WRAPS_TRIED
        }
        assert fit.text_pt == pytest.approx(size(fit.direction, fit.wrap, True), abs=0.01)
        assert fit.text_pt >= max(unpacked.values()) - 0.05 - 0.01
        assert fit.text_pt >= size("up", 28, True) - 0.01  # never smaller than the default picture

    def test_a_large_map_is_tried_at_fewer_wraps(self, monkeypatch):
        from argmap.draw import page

        tried = []
        real_drawing = page.chosen_drawing
        monkeypatch.setattr(page, "FINE_UP_TO", 5)

        def drawing(the_map, engine, **options):
            tried.append((options["wrap"], options["pack"]))
            return real_drawing(the_map, engine, **options)

        monkeypatch.setattr(page, "chosen_drawing", drawing)
        page.fit_page(argmap.parse(FAN_MAP), "a4", direction="up")
        assert [wrap for wrap, pack in tried if not pack] == list(page.WRAPS_TRIED_LARGE)
        packed = [wrap for wrap, pack in tried if pack]  # the best few again, packed by argmap
        assert len(packed) == page.PACKED_TRIALS and set(packed) <= set(page.WRAPS_TRIED_LARGE)

    def test_render_page_fits_and_says_so(self, tmp_path):
        source = tmp_path / "fan.arg"
        source.write_text(FAN_MAP, encoding="utf-8")
        result = CliRunner().invoke(
            main,
            [
                "render",
                str(source),
                "--page",
                "a4",
                "--engine",
                "embedded",
                "--wrap",
                "20",
                "-o",
                str(tmp_path / "fan.svg"),
            ],
        )
        assert result.exit_code == 0, result.output
        message = re.search(
            r"fitted to a4: direction (\w+), wrap (\d+); body text prints at ([\d.]+) pt", result.output
        )
        assert message and message.group(2) == "20"  # a wrap that was given is kept
        assert (tmp_path / "fan.svg").exists()


class TestFocus:
    def test_depth_counts_steps_both_ways(self):
        the_map = argmap.parse(SHARED)
        assert focus_parts(the_map, "a", 0) == ({"a"}, set())
        nodes, relations = focus_parts(the_map, "a", 1)
        assert nodes == {"a", "c", "shared"} and len(relations) == 2

    def test_an_unknown_node_is_refused(self):
        with pytest.raises(RenderOptionError, match="no node 'nope'"):
            focus_parts(argmap.parse(SHARED), "nope", 1)

    def test_the_part_is_cut_out_of_the_whole_picture(self):
        the_map = argmap.parse(SHARED)
        whole = render(the_map, "svg", engine="embedded")
        part = render(the_map, "svg", engine="embedded", focus="x", depth=1)
        root = ElementTree.fromstring(part)
        ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g") if "box" in (g.get("class") or "")}
        scene = build_scene(the_map)
        names = {node.id: f"n{i}" for i, node in enumerate(the_map.nodes)}
        assert names["x"] in ids and names["b"] in ids and names["a"] not in ids
        whole_width = float(re.search(rb'viewBox="[-\d.]+ [-\d.]+ ([\d.]+)', whole).group(1))
        part_width = float(root.get("viewBox").split()[2])
        assert part_width < whole_width
        _, relations = focus_parts(the_map, "x", 1)
        assert focus_boxes(scene, names["x"], relations) == ids

    def test_crop_leaves_a_picture_without_parts_alone(self):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g id="graph0"></g></svg>'
        assert crop_svg(svg, set(), set()) == svg


class TestColourByTag:
    def test_boxes_are_filled_by_first_tag_with_a_key(self):
        the_map = argmap.parse("conclusion c: C. #one\n  premise a: A. #two #one\n  premise b: B.\n")
        scene = build_scene(the_map, color_by="tag")
        fills = {box.name: box.fill for box in scene.boxes}
        assert fills["n0"] == TAG_FILLS[0] and fills["n1"] == TAG_FILLS[1]
        assert fills["n2"] == build_scene(the_map).boxes[2].fill  # no tag: the kind's fill
        key = [box for box in scene.boxes if box.name == "legend_tags"][0]
        assert [line[1].text for line in key.sections[1].lines] == ["#one", "#two"]

    def test_an_unknown_colouring_is_refused(self):
        with pytest.raises(RenderOptionError, match="color_by"):
            build_scene(argmap.parse(SHARED), color_by="kind")


def test_cli_focus_on_an_unknown_node_is_a_message(tmp_path):
    source = tmp_path / "shared.arg"
    source.write_text(SHARED, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "--focus", "nope", "-o", str(tmp_path / "x.svg")])
    assert result.exit_code != 0
    assert "no node 'nope' to focus on" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.svg").exists()


def test_cli_colour_by_tag_draws_the_key(tmp_path):
    source = tmp_path / "tagged.arg"
    source.write_text("conclusion c: C. #one\n  premise a: A. #two\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "--color-by", "tag", "--format", "dot", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "TAGS (FIRST TAG OF A BOX)" in result.output and TAG_FILLS[1] in result.output
