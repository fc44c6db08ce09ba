"""Junction ranks shared with boxes or thin, and the drawing that prints larger
(argmap.draw.choice, argmap.draw.shape.ranks_spanned)."""

from __future__ import annotations

import itertools
import math
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.draw import to_dot
from argmap.draw.arrivals import _read, _segments, count_crossings
from argmap.draw.choice import CLEARLY_LARGER, chosen_drawing, print_scale, uses_thin_junction_ranks
from argmap.draw.engines import laid_out_svg
from argmap.draw.scene import build_scene

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import layout_metrics  # noqa: E402

from tests.budget import examples  # noqa: E402
from tests.strategies import maps  # noqa: E402

PAGE = "a4-landscape"
_EDGE = re.compile(r"^\s*(\w+) -> (\w+) \[([^\]]*)\]", re.MULTILINE)
_NODE = re.compile(r'<g id="([^"]+)" class="node (box|junction)[^"]*">(.*?)</g>', re.DOTALL)


def _example(name: str) -> argmap.Map:
    for folder in (ROOT / "maps", ROOT / "tests" / "draw" / "layout" / "unseen"):
        if (folder / f"{name}.arg").exists():
            return argmap.load(folder / f"{name}.arg")
    raise FileNotFoundError(name)


def _extents(svg: bytes, across: int) -> tuple[list[tuple[float, float]], list[float]]:
    """The extent of each box along the ranks' axis (*across*: 1 for y, 0 for x),
    and where each junction sits on it."""
    boxes, junctions = [], []
    for _, kind, body in _NODE.findall(svg.decode("utf-8")):
        numbers = [
            float(n)
            for n in re.findall(r"-?\d+(?:\.\d+)?", " ".join(re.findall(r'(?:d|points|cx|cy)="([^"]*)"', body)))
        ]
        if kind == "junction":
            centre = re.search(r'cx="([-\d.]+)" cy="([-\d.]+)"', body)
            junctions.append(float(centre.group(2 if across else 1)))
        elif numbers:
            values = numbers[across::2]
            boxes.append((min(values), max(values)))
    return boxes, junctions


@settings(max_examples=examples(30), deadline=None)
@given(maps(max_nodes=20), st.sampled_from(["up", "right"]))
def test_with_thin_junction_ranks_no_box_is_on_a_junctions_rank(the_map, direction):
    """Laid out by Graphviz, not just written so: every junction sits where no box
    reaches, along the axis the ranks follow."""
    svg = laid_out_svg(build_scene(the_map, direction=direction, thin_junction_ranks=True), "embedded")
    boxes, junctions = _extents(svg, 1 if direction == "up" else 0)
    for junction in junctions:
        assert not any(low < junction < high for low, high in boxes)


def test_shared_junction_ranks_do_hold_boxes():
    # the property above is not true of every drawing: without thin ranks, the
    # showcase has junctions level with boxes of other branches
    svg = laid_out_svg(build_scene(_example("serwer-2023-serbia")), "embedded")
    boxes, junctions = _extents(svg, 1)
    assert any(low < junction < high for junction in junctions for low, high in boxes)


@settings(max_examples=examples(40), deadline=None)
@given(maps(max_nodes=20))
def test_thin_dot_keeps_boxes_on_even_and_junctions_on_odd_ranks(the_map):
    """Every line of the DOT spans an odd number of ranks from a box to a junction
    or back, an even number from box to box or junction to junction."""
    for tail, head, attributes in _EDGE.findall(to_dot(the_map, thin_junction_ranks=True)):
        minlen = re.search(r"minlen=(\d+)", attributes)
        span = int(minlen.group(1)) if minlen else 1
        assert span % 2 == (tail.startswith("j") != head.startswith("j"))


@pytest.mark.parametrize(("name", "thin"), [("smoking-ban", True), ("paley-watchmaker", True), ("free-will", False)])
def test_maps_of_linked_reasons_take_thin_ranks_and_chains_do_not(name, thin):
    # where argmap does not pack the conclusion's branches (which then takes each branch either way)
    assert uses_thin_junction_ranks(_example(name), "embedded", pack=False) is thin


def test_the_thin_drawing_of_a_map_of_linked_reasons_prints_larger():
    the_map = _example("smoking-ban")
    shared = layout_metrics.measure(laid_out_svg(build_scene(the_map), "embedded").decode())
    drawn = layout_metrics.measure(chosen_drawing(the_map, "embedded", pack=False)[1].decode())
    assert drawn["body_text_pt_on_a4"] > shared["body_text_pt_on_a4"] * CLEARLY_LARGER
    assert drawn["crossings"] <= shared["crossings"]


@settings(max_examples=examples(25), deadline=None)
@given(maps(max_nodes=20), st.sampled_from(["up", "right"]))
def test_the_chosen_drawing_prints_no_smaller_and_crosses_no_more(the_map, direction):
    shared = laid_out_svg(build_scene(the_map, direction=direction), "embedded")
    _, chosen = chosen_drawing(the_map, "embedded", direction=direction)
    assert print_scale(chosen, PAGE) >= print_scale(shared, PAGE)
    if chosen != shared:
        assert print_scale(chosen, PAGE) > print_scale(shared, PAGE) * CLEARLY_LARGER
        assert count_crossings(chosen) <= count_crossings(shared)


def _meeting(a, b, c, d):
    """Where segment a-b crosses c-d, by signed areas, a point on the other's line
    counted on its left; None if they do not."""

    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]) >= 0

    if side(c, d, a) == side(c, d, b) or side(a, b, c) == side(a, b, d):
        return None
    denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0])
    if denominator == 0:
        return a
    t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator
    return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))


def _crossings_by_every_pair(svg: bytes) -> int:
    """count_crossings without its grid, by its rules: every pair of segments of two
    lines, where they cross, unless within 3 pt of a line's end or 15 pt of a node
    both end on; crossings of one pair within 2 pt of each other once."""
    boxes, junctions, edges = _read(svg.decode("utf-8"))
    nodes = {**boxes, **{junction.name: junction for junction in junctions}}

    def near_node(point, name):
        node = nodes[name]
        dx = max(node.left - point[0], 0.0, point[0] - node.right)
        dy = max(node.top - point[1], 0.0, point[1] - node.bottom)
        return math.hypot(dx, dy) <= 15.0

    total = 0
    for first, second in itertools.combinations(edges, 2):
        ends = (first.points[0], first.points[-1], second.points[0], second.points[-1])
        shared = set(first.ends) & set(second.ends) & nodes.keys()
        points: list = []
        for (a, b), (c, d) in itertools.product(_segments(first.points), _segments(second.points)):
            point = _meeting(a, b, c, d)
            if point is None or any(math.dist(point, end) <= 3.0 for end in ends):
                continue
            if any(near_node(point, name) for name in shared):
                continue
            if all(math.dist(point, seen) > 2.0 for seen in points):
                points.append(point)
        total += len(points)
    return total


@settings(max_examples=examples(30), deadline=None)
@given(maps(max_nodes=24), st.sampled_from(["up", "down", "left", "right"]), st.sampled_from([12, 28]))
def test_counting_crossings_on_a_grid_misses_none(the_map, direction, wrap):
    svg = laid_out_svg(build_scene(the_map, direction=direction, wrap=wrap), "embedded")
    assert count_crossings(svg) == _crossings_by_every_pair(svg)


@pytest.mark.parametrize(
    ("name", "direction", "wrap", "repeats"),
    [
        ("serwer-2023-serbia", "right", 20, True),
        ("serwer-2023-serbia", "right", 24, False),
        ("parking-minimums", "up", 28, False),
        ("nuclear-phaseout", "right", 24, False),
    ],
)
def test_crossings_are_counted_as_the_measuring_tool_counts_them(name, direction, wrap, repeats):
    # drawings with crossings (without repeated boxes, lines run across the map);
    # the tool samples the curves where argmap takes their control points, which
    # can differ where lines run on top of each other, as they do not in these
    svg = laid_out_svg(build_scene(_example(name), direction=direction, wrap=wrap, repeats=repeats), "embedded")
    assert count_crossings(svg) == layout_metrics.measure(svg.decode())["crossings"] > 0


def test_a_failed_second_layout_keeps_the_first(monkeypatch):
    from argmap.draw import choice
    from argmap.draw.errors import RenderError

    real_layout = choice.laid_out_svg
    calls = []

    def failing_the_second_time(scene, engine):
        calls.append(scene)
        if len(calls) > 1:
            raise RenderError("dot crashed")
        return real_layout(scene, engine)

    def failing(*_):
        raise RenderError("dot crashed")

    monkeypatch.setattr(choice, "laid_out_svg", failing_the_second_time)
    monkeypatch.setattr(choice, "packed_layout", failing)
    the_map = _example("smoking-ban")  # takes thin ranks, or packs, when the layouts work
    _, svg = chosen_drawing(the_map, "embedded")
    assert len(calls) == 2
    assert svg == laid_out_svg(build_scene(the_map), "embedded")
