"""The branches of a conclusion's wide fan packed by argmap (argmap.draw.packing,
argmap.draw.placing) and drawn by Graphviz's nop2 engine with every position given."""

from __future__ import annotations

import itertools
import math
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import argmap
from argmap.draw import engines, packing
from argmap.draw.arrivals import _read, _segments, count_crossings, segments_cross
from argmap.draw.choice import choose, chosen_dot, print_scale
from argmap.draw.engines import forget_packed_layouts, laid_out_svg, packed_layout
from argmap.draw.errors import RenderError
from argmap.draw.packing import Branch, _stems_clear, _thin, fan_root
from argmap.draw.placing import CLEARANCE, CORRIDOR, SLAB, Effort, Fill, Frame, Search, Shape, pack_outlines
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


def _apart(first, second, across: float) -> bool:
    """Whether two rectangles are *across* apart across, or a NODE_GAP along (a hair of rounding allowed)."""
    (a, b, c, d), (e, f, g, h) = first, second
    return e >= c + across - 1e-6 or a >= g + across - 1e-6 or f >= d + NODE_GAP - 1e-6 or b >= h + NODE_GAP - 1e-6


def _assert_kept_apart(shapes: list[Shape], depths: list[float], offsets: list[float]) -> None:
    """Boxes of two branches a NODE_GAP apart, a box CLEARANCE from the line of
    another branch up its corridor, two lines 2 CORRIDOR apart."""
    occupied = []
    for index, (shape, depth, offset) in enumerate(zip(shapes, depths, offsets, strict=True)):
        occupied += [(index, "box", (a + offset, b + depth, c + offset, d + depth)) for a, b, c, d in shape.rects]
        occupied += [(index, "line", (stem + offset, -math.inf, stem + offset, depth)) for stem in shape.stems]
    for (first, kind, one), (second, other_kind, other) in itertools.combinations(occupied, 2):
        if first != second:
            kinds = {kind, other_kind}
            across = NODE_GAP if kinds == {"box"} else CLEARANCE if kinds == {"box", "line"} else 2 * CORRIDOR
            assert _apart(one, other, across), (kind, one, other_kind, other)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(shapes, st.integers(0, 60)), min_size=2, max_size=7))
def test_packed_outlines_keep_every_branch_and_line_apart(placed):
    packed_shapes = [shape for shape, _ in placed]
    depths = [SLAB * slabs for _, slabs in placed]
    offsets, extent = pack_outlines(packed_shapes, depths)
    _assert_kept_apart(packed_shapes, depths, offsets)
    for shape, offset in zip(packed_shapes, offsets, strict=True):
        assert extent[0] - 1e-6 <= offset + shape.left and offset + shape.right <= extent[2] + 1e-6


branch_shapes = st.builds(
    lambda boxes, stem: Shape.of(tuple(boxes), (stem,)),
    st.lists(rects, min_size=1, max_size=5),
    st.floats(-100, 100),
)


def _search(branches: list[Shape]) -> Search:
    variants = [[shape, shape.mirrored()] for shape in branches]
    return Search(variants, (150.0, 60.0), (20.0, 40.0), (770.0, 523.0), Frame("BT"))


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(branch_shapes, min_size=2, max_size=7), st.integers(0, 3), st.sampled_from([20, 300, 10**6]))
def test_filled_and_refined_packings_keep_every_branch_and_line_apart_and_print_no_smaller(branches, seed, work):
    search = _search(branches)
    start = search.run(30, seed)
    packed = Fill(search, Effort(30, 2, 4, work)).best(start, seed)  # stopped early or not
    shapes = [search.variants[branch][pick] for branch, pick in zip(packed.order, packed.picks, strict=True)]
    assert sorted(packed.order) == list(range(len(branches)))
    _assert_kept_apart(shapes, packed.depths, packed.offsets)
    assert all(depth + shape.top >= 0 for shape, depth in zip(shapes, packed.depths, strict=True))  # under the band
    assert search.scale_of(packed.extent) >= search.scale_of(start.extent) - 1e-9


def _showcase_search() -> Search:
    """The search for the branches under the showcase's conclusion, as rendering sets it up."""
    from argmap.draw.dot import layout_source
    from argmap.draw.embedded import box_sizes
    from argmap.draw.wasm import run_wasm

    scene = build_scene(_example("serwer-2023-serbia"))
    sizes = box_sizes(scene)
    packer = packing._Packer(scene, lambda part: run_wasm(layout_source(part, sizes), "json0", "dot"))
    root = fan_root(scene)
    variants = [[shape for shape, *_ in packer._variants(scene, group, root)] for group in packing._groups(scene, root)]
    extra = (2 * packing.PAD, 2 * packing.PAD + packing.TITLE_HEIGHT)
    return Search(variants, (180.0, 100.0), extra, (770.0, 523.0), packer.frame)


def test_filling_and_refining_print_the_showcase_larger_than_the_left_to_right_search_alone():
    search = _showcase_search()
    start = search.run(packing.EFFORT.steps)
    packed = Fill(search, packing.EFFORT).best(start)
    assert search.scale_of(packed.extent) > 1.05 * search.scale_of(start.extent)


def test_a_branch_slides_under_a_shallow_one_beside_the_line_of_another():
    shallow = Shape.of(((-50.0, 0.0, 50.0, 40.0),), (0.0,))
    deep = Shape.of(((-50.0, 0.0, 50.0, 40.0),), (0.0,))
    offsets, extent = pack_outlines([shallow, deep], [0.0, 80.0])
    # the deep branch's line passes right of the shallow branch; its box reaches under it
    assert offsets[1] == pytest.approx(50.0 + CLEARANCE)
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
        if len(tops) == 1 and draw(st.booleans()):  # a wide fan of its own, which is packed too
            for leaf in range(draw(st.integers(FAN + 1, FAN + 3))):
                nodes.append(Node(named(f"leaf{leaf}"), "premise", draw(texts)))
                relations.append(Relation(named(f"leaf{leaf}x"), "support", (named(f"leaf{leaf}"),), named(min(tops))))
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
    quick = Effort(steps=60, starts=1, failures=4, work=20_000)  # what is tested holds for every packing tried
    with mock.patch.object(packing, "EFFORT", quick), mock.patch.object(packing, "NESTED_EFFORT", quick):
        forget_packed_layouts()
        try:
            _, svg = packed_layout(scene, PAGE, "embedded")
        except RenderError:  # a line to the conclusion would pass a box of its own branch: Graphviz's drawing is kept
            reject()
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
    forget_packed_layouts()
    first = packed_layout(scene, PAGE, "embedded")
    forget_packed_layouts()
    assert packed_layout(scene, PAGE, "embedded") == first


def test_a_packed_layout_is_kept_for_the_same_scene_page_and_engine(monkeypatch):
    scene = build_scene(_example("smoking-ban"))
    forget_packed_layouts()
    first = packed_layout(scene, PAGE, "embedded")
    monkeypatch.setattr(packing, "packed_pins", lambda *_: pytest.fail("laid out again"))
    assert packed_layout(scene, PAGE, "embedded") is first
    other = build_scene(_example("smoking-ban"), wrap=24)
    with pytest.raises(pytest.fail.Exception):
        packed_layout(other, PAGE, "embedded")  # another scene is laid out
    forget_packed_layouts()
    assert not engines._PACKED


def _branch(lines: dict[str, str], stand_in: tuple[float, float]) -> Branch:
    return Branch({}, {}, lines, {"fan": stand_in})


def test_a_stem_under_a_line_of_its_own_branch_is_not_clear():
    frame = Frame("BT")  # y grows up: the stem runs from y 100 up
    stem = "e,50,120 50,100 50,105 50,110 50,115"
    assert _stems_clear(_branch({"fan": stem, "other": "0,50 10,50 20,50 30,50"}, (50.0, 120.0)), frame)
    over = "0,108 40,108 60,108 100,108"  # runs across, above where the stem leaves its box
    assert not _stems_clear(_branch({"fan": stem, "other": over}, (50.0, 120.0)), frame)
    high = "0,400 40,400 60,400 100,400"  # above the stand-in: the line on to the band would cross it
    assert not _stems_clear(_branch({"fan": stem, "other": high}, (50.0, 120.0)), frame)


def test_thin_junction_ranks_put_boxes_on_even_ranks_and_junctions_on_odd_ones():
    scene = build_scene(_example("smoking-ban"))
    junctions = {junction.name for junction in scene.junctions}
    thin = _thin(scene)
    assert [edge.minlen for edge in thin.edges if edge.role != "inference"] == [
        edge.minlen for edge in scene.edges if edge.role != "inference"
    ]
    assert any(new.minlen != old.minlen for new, old in zip(thin.edges, scene.edges, strict=True))
    for edge in thin.edges:
        if edge.role == "inference":  # an odd span between a box and a junction, an even one between two boxes
            assert edge.minlen % 2 == ((edge.tail in junctions) != (edge.head in junctions))


def test_the_showcase_branch_whose_line_graphviz_crosses_is_laid_out_clear_or_counted():
    scene = build_scene(_example("serwer-2023-serbia"))
    root = fan_root(scene)
    from argmap.draw.dot import layout_source
    from argmap.draw.embedded import box_sizes
    from argmap.draw.wasm import run_wasm

    sizes = box_sizes(scene)
    packer = packing._Packer(scene, lambda part: run_wasm(layout_source(part, sizes), "json0", "dot"))
    for group in packing._groups(scene, root):
        _, branch = packer._cleared(scene, group, root)
        assert not packing._stems_pass_boxes(branch, packer.frame)


points = st.tuples(st.integers(-20, 20), st.integers(-20, 20))


def _crossing_by_fractions(p, q, r, s) -> bool:
    """Reference: whether the segments meet at one point inside both, solved exactly."""
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = p, q, r, s
    denominator = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
    if denominator == 0:
        return False
    t = Fraction((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3), denominator)
    u = Fraction((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1), denominator)
    return 0 < t < 1 and 0 < u < 1


@given(points, points, points, points)
def test_segments_cross_where_the_exact_solution_says(p, q, r, s):
    assert segments_cross(p, q, r, s) == _crossing_by_fractions(p, q, r, s)


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
    forget_packed_layouts()
    monkeypatch.setattr(packing, "_read_layout", lambda text: packing.Branch({}, {}, {}, {}))  # no nodes in it
    choice = choose(the_map, "embedded")
    assert choice.pins is None
    assert choice.svg == laid_out_svg(build_scene(the_map), "embedded")
