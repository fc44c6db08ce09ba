"""The branches of a conclusion's wide fan packed by argmap (argmap.draw.packing)
and drawn by Graphviz's nop2 engine with every position given."""

from __future__ import annotations

import itertools
import math
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.draw import packing
from argmap.draw.arrivals import _read, _segments, count_crossings
from argmap.draw.choice import choose, chosen_dot, print_scale
from argmap.draw.engines import laid_out_svg, packed_layout
from argmap.draw.packing import CORRIDOR, SLAB, Shape, fan_root, pack_outlines
from argmap.draw.scene import build_scene
from argmap.draw.shape import FAN, NODE_GAP
from argmap.model import Map, Node, Relation, relation_id

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import layout_metrics  # noqa: E402

from tests.budget import examples  # noqa: E402
from tests.draw.test_choice import _meeting  # noqa: E402
from tests.strategies import maps, texts  # noqa: E402

PAGE = "a4-landscape"

# --- packing by outlines ----------------------------------------------------------

rects = st.tuples(st.floats(-300, 300), st.floats(0, 400), st.floats(1, 200), st.floats(1, 120)).map(
    lambda r: (r[0], r[1], r[0] + r[2], r[1] + r[3])
)
shapes = st.builds(
    lambda boxes, stems: Shape.of(tuple(boxes), tuple(stems)),
    st.lists(rects, min_size=1, max_size=6),
    st.lists(st.floats(-100, 100), max_size=2),
)


def _apart(first, second) -> bool:
    """Whether two rectangles are a NODE_GAP apart, along or across (a hair of rounding allowed)."""
    (a, b, c, d), (e, f, g, h) = first, second
    return e >= c + NODE_GAP - 1e-6 or a >= g + NODE_GAP - 1e-6 or f >= d + NODE_GAP - 1e-6 or b >= h + NODE_GAP - 1e-6


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(shapes, st.integers(0, 60)), min_size=2, max_size=7))
def test_packed_outlines_keep_every_branch_and_line_a_gap_apart(placed):
    packed_shapes = [shape for shape, _ in placed]
    depths = [SLAB * slabs for _, slabs in placed]
    offsets, extent = pack_outlines(packed_shapes, depths)
    occupied = []
    for index, (shape, depth, offset) in enumerate(zip(packed_shapes, depths, offsets, strict=True)):
        boxes = [(a + offset, b + depth, c + offset, d + depth) for a, b, c, d in shape.rects]
        corridors = [(stem + offset - CORRIDOR, 0.0, stem + offset + CORRIDOR, depth) for stem in shape.stems]
        occupied += [(index, rect) for rect in boxes + corridors]
        assert all(extent[0] - 1e-6 <= rect[0] and rect[2] <= extent[2] + 1e-6 for rect in boxes)
    for (first, one), (second, other) in itertools.combinations(occupied, 2):
        if first != second:
            assert _apart(one, other), (one, other)


def test_a_branch_slides_under_a_shallow_one_beside_the_line_of_another():
    shallow = Shape.of(((-50.0, 0.0, 50.0, 40.0),), (0.0,))
    deep = Shape.of(((-50.0, 0.0, 50.0, 40.0),), (0.0,))
    offsets, extent = pack_outlines([shallow, deep], [0.0, 80.0])
    # the deep branch's line passes right of the shallow branch; its box reaches under it
    assert offsets[1] == pytest.approx(50.0 + NODE_GAP + CORRIDOR)
    assert extent[2] < 2 * 100 + NODE_GAP


# --- maps with a wide fan, drawn -------------------------------------------------


@st.composite
def wide_fan_maps(draw) -> Map:
    """A conclusion with more than FAN branches, each a small map of the strategy
    (its roots made claims or objections aimed at the conclusion)."""
    nodes = [Node("top", "conclusion", draw(texts))]
    relations: list[Relation] = []
    for index in range(draw(st.integers(FAN + 1, FAN + 4))):
        part = draw(maps(max_nodes=4))

        def named(name: str, index: int = index) -> str:
            return f"b{index}x{name}"

        attack = draw(st.booleans())
        tops = {node.id for node in part.roots()} or {part.nodes[0].id}  # references can leave no root
        for node in part.nodes:
            kind = ("objection" if attack else "claim") if node.id in tops else node.kind
            kind = "claim" if kind == "conclusion" else kind
            nodes.append(Node(named(node.id), kind, node.text, tags=node.tags, attributes=node.attributes))
        renamed = {}
        for relation in part.relations:  # undercuts after what they attack, as the strategy makes them
            premises = tuple(named(premise) for premise in relation.premises)
            target = renamed[relation.target] if relation.kind == "undercut" else named(relation.target)
            is_generated = ":" in relation.id
            new_id = relation_id(relation.kind, premises, target) if is_generated else named(relation.id)
            renamed[relation.id] = new_id
            relations.append(Relation(new_id, relation.kind, premises, target))
        for top in sorted(tops):
            relations.append(Relation(f"t{index}x{top}", "attack" if attack else "support", (named(top),), "top"))
    return Map(metadata={"title": "wide"}, nodes=nodes, relations=relations)


def _fan_lines_and_boxes(svg: bytes, root: str):
    boxes, _, edges = _read(svg.decode("utf-8"))
    fan = [edge for edge in edges if edge.ends[1] == root]
    return boxes, fan


def _through(segment, box) -> bool:
    """Whether a straight segment passes through the inside of a box (1 pt in from its frame)."""
    (x0, y0), (x1, y1) = segment
    left, top, right, bottom = box.left + 1, box.top + 1, box.right - 1, box.bottom - 1
    for step in range(21):
        x, y = x0 + (x1 - x0) * step / 20, y0 + (y1 - y0) * step / 20
        if left < x < right and top < y < bottom:
            return True
    return False


@settings(max_examples=examples(12), deadline=None)
@given(wide_fan_maps(), st.sampled_from(["up", "down", "left", "right"]))
def test_packed_drawings_overlap_no_boxes_and_their_fan_lines_cross_no_box_or_each_other(the_map, direction):
    scene = build_scene(the_map, direction=direction)
    root = fan_root(scene)
    assert root is not None
    with mock.patch.object(packing, "STEPS", 100):  # what is tested holds for every packing tried
        _, svg = packed_layout(scene, PAGE, "embedded")
    metrics = layout_metrics.measure(svg.decode())
    assert metrics["box_overlaps"] == 0
    boxes, fan = _fan_lines_and_boxes(svg, root)
    assert len(fan) == sum(1 for edge in scene.edges if edge.head == root)
    for edge in fan:
        for segment in _segments(edge.points):
            assert not any(_through(segment, box) for name, box in boxes.items() if name not in edge.ends)
    for first, second in itertools.combinations(fan, 2):
        for (a, b), (c, d) in itertools.product(_segments(first.points), _segments(second.points)):
            point = _meeting(a, b, c, d)
            near_root = point is not None and math.dist(point, first.points[-1]) <= 15.0
            assert point is None or near_root, (first.ends, second.ends, point)


def _example(name: str) -> argmap.Map:
    for folder in (ROOT / "maps", ROOT / "tests" / "draw" / "layout" / "unseen"):
        if (folder / f"{name}.arg").exists():
            return argmap.load(folder / f"{name}.arg")
    raise FileNotFoundError(name)


def test_only_a_single_conclusion_with_a_wide_fan_is_packed():
    assert fan_root(build_scene(_example("nuclear-phaseout"))) is not None
    assert fan_root(build_scene(_example("free-will"))) is None  # a chain: no wide fan
    two = _example("smoking-ban")
    second = Node("other", "conclusion", "Another conclusion.")
    assert fan_root(build_scene(Map(metadata={}, nodes=[*two.nodes, second], relations=list(two.relations)))) is None


def test_packing_is_the_same_every_time():
    scene = build_scene(_example("parking-minimums"))
    assert packed_layout(scene, PAGE, "embedded") == packed_layout(scene, PAGE, "embedded")


@pytest.mark.parametrize("name", ["nuclear-phaseout", "grading", "school-phones"])
def test_maps_with_a_wide_fan_print_larger_packed(name):
    the_map = _example(name)
    choice = choose(the_map, "embedded")
    graphviz = laid_out_svg(build_scene(the_map), "embedded")
    assert choice.pins is not None
    assert print_scale(choice.svg, PAGE) > print_scale(graphviz, PAGE)
    assert count_crossings(choice.svg) <= count_crossings(graphviz)


@pytest.mark.needs_dot
def test_the_dot_of_a_packed_drawing_draws_it_as_it_is():
    the_map = _example("smoking-ban")
    source = "".join(chosen_dot(the_map, "system"))
    assert re.search(r"layout=nop2", source)
    drawn = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True).stdout
    assert drawn.count(b'class="node box') == len(build_scene(the_map).boxes)
    assert print_scale(drawn, PAGE) == pytest.approx(print_scale(choose(the_map, "system").svg, PAGE), rel=0.01)


def test_a_packing_that_fails_keeps_the_drawing_graphviz_made(monkeypatch):
    the_map = _example("nuclear-phaseout")  # packed when packing works
    monkeypatch.setattr(packing, "_read_layout", lambda text: packing.Branch({}, {}, {}, {}))  # no nodes in it
    choice = choose(the_map, "embedded")
    assert choice.pins is None
    assert choice.svg == laid_out_svg(build_scene(the_map), "embedded")
