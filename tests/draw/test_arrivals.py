"""Spreading the ends of lines that share a box (argmap.draw.arrivals)."""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.draw import render
from argmap.draw.arrivals import MIN_GAP, _spread, spread_arrivals
from argmap.draw.embedded import render_svg
from argmap.draw.scene import build_scene
from argmap.draw.svg import finish_svg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import layout_metrics  # noqa: E402
from generate import generate_arg, generate_deep_arg  # noqa: E402

from tests.budget import examples  # noqa: E402
from tests.strategies import maps  # noqa: E402


def _isotonic_reference(values: list[float]) -> list[float]:
    """Least-squares non-decreasing fit by the min-max formula
    ``y_i = max_{j<=i} min_{k>=i} mean(values[j..k])``, independent of the
    pool-adjacent-violators algorithm."""
    n = len(values)
    return [max(min(sum(values[j : k + 1]) / (k + 1 - j) for k in range(i, n)) for j in range(i + 1)) for i in range(n)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-500, 500, allow_nan=False), min_size=1, max_size=12),
    st.floats(0, 30, allow_nan=False),
)
def test_spread_is_the_least_squares_fit_in_order_with_gaps(positions, gap):
    """The spread keeps the order, leaves at least *gap* between neighbours, and is the
    least-squares nearest such placement (checked against the min-max formula)."""
    spread = _spread(positions, gap)
    assert len(spread) == len(positions)
    assert all(b - a >= gap - 1e-6 for a, b in zip(spread, spread[1:], strict=False))
    shifted = [p - i * gap for i, p in enumerate(positions)]
    expected = [y + i * gap for i, y in enumerate(_isotonic_reference(shifted))]
    assert spread == pytest.approx(expected, abs=1e-6)


@given(st.lists(st.floats(-500, 500, allow_nan=False), min_size=1, max_size=12))
def test_spread_leaves_spread_out_positions_alone(positions):
    """Positions already far enough apart do not move."""
    ordered = sorted(positions)
    if all(b - a >= MIN_GAP for a, b in zip(ordered, ordered[1:], strict=False)):
        assert _spread(ordered, MIN_GAP) == pytest.approx(ordered)


# --- a drawing made by hand: two lines converging on one corner ------------------------

_BOX = (
    '<g id="n0" class="node box claim">\n<title>n0</title>\n'
    '<path fill="#fff" stroke="#000" d="M206,-300C206,-300 394,-300 394,-300 400,-300 400,-294 400,-294 '
    "400,-294 400,-256 400,-256 400,-250 394,-250 394,-250 394,-250 206,-250 206,-250 200,-250 200,-256 "
    '200,-256 200,-256 200,-294 200,-294 200,-300 206,-300 206,-300"/>\n</g>\n'
)


def _tail_box(name: str, x: float, y: float) -> str:
    return (
        f'<g id="{name}" class="node box premise">\n<title>{name}</title>\n'
        f'<path fill="#fff" stroke="#000" d="M{x},{y}C{x},{y} {x + 60},{y} {x + 60},{y} {x + 60},{y} '
        f'{x + 60},{y + 30} {x + 60},{y + 30} {x},{y + 30} {x},{y + 30} {x},{y}"/>\n</g>\n'
    )


def _edge(ident: str, tail: str, start: tuple[float, float], end: tuple[float, float]) -> str:
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    tip = (x1 + 8 * ux, y1 + 8 * uy)
    left = (x1 - 3 * uy, y1 + 3 * ux)
    right = (x1 + 3 * uy, y1 - 3 * ux)
    points = " ".join(f"{x:.2f},{y:.2f}" for x, y in (left, tip, right, left))
    return (
        f'<g id="{ident}" class="edge inference support">\n<title>{tail}&#45;&gt;n0</title>\n'
        f'<path fill="none" stroke="#000" d="M{x0},{y0}C{x0 + dx / 3:.2f},{y0 + dy / 3:.2f} '
        f'{x0 + 2 * dx / 3:.2f},{y0 + 2 * dy / 3:.2f} {x1:.2f},{y1:.2f}"/>\n'
        f'<polygon fill="#000" stroke="#000" points="{points}"/>\n</g>\n'
    )


def _converging_svg() -> str:
    """A box with two lines coming in flat from the far left, both aimed at its
    lower-left corner, less than two points apart over most of their length."""
    end = (192.0, -252.0)  # the arrowheads reach 8 pt further, to the corner
    body = (
        _BOX
        + _tail_box("n1", -300, -215)
        + _tail_box("n2", -240, -215)
        + _edge("r1", "n1", (-240.0, -215.0), end)
        + _edge("r2", "n2", (-180.0, -215.0), (end[0], end[1] - 0.5))
    )
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-400 -400 900 400">'
    return f'{svg}\n<g id="graph0" class="graph">\n{body}</g>\n</svg>\n'


def _ends(svg: str) -> dict[str, tuple[float, float]]:
    ends = {}
    for ident, d in re.findall(r'<g id="(r\d+)".*?\sd="([^"]*)"', svg, re.DOTALL):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
        ends[ident] = (numbers[-2], numbers[-1])
    return ends


def _arrow(svg: str, ident: str) -> list[tuple[float, float]]:
    group = re.search(rf'<g id="{ident}".*?</g>', svg, re.DOTALL)
    assert group is not None
    points = re.search(r'points="([^"]*)"', group.group(0))
    assert points is not None
    return [tuple(map(float, pair.split(","))) for pair in points.group(1).split()]  # type: ignore[misc]


def test_lines_converging_on_a_corner_part():
    """Two lines that meet a box at its corner, nearly on top of each other, end at
    least MIN_GAP apart afterwards, and no longer run within 2 pt of each other."""
    before = _converging_svg()
    after = spread_arrivals(before.encode()).decode()
    assert layout_metrics.measure(before)["edge_overlap_pt"] > 100
    assert layout_metrics.measure(after)["edge_overlap_pt"] == 0
    first, second = _ends(after).values()
    assert math.dist(first, second) >= MIN_GAP - 0.5


def test_arrowheads_turn_and_move_with_their_ends():
    """Each arrowhead keeps its shape, and its base still sits where its line ends."""
    before = _converging_svg()
    after = spread_arrivals(before.encode()).decode()
    for ident in ("r1", "r2"):
        old, new = _arrow(before, ident), _arrow(after, ident)
        old_sides = [math.dist(a, b) for a, b in zip(old, old[1:], strict=False)]
        new_sides = [math.dist(a, b) for a, b in zip(new, new[1:], strict=False)]
        assert new_sides == pytest.approx(old_sides, abs=0.02)
        end = _ends(after)[ident]
        base_middle = ((new[0][0] + new[2][0]) / 2, (new[0][1] + new[2][1]) / 2)
        assert math.dist(base_middle, end) < 0.02
        tip = new[1]
        assert tip[0] == pytest.approx(200, abs=0.5), "a line coming in flat from the left meets the left side"
        assert -291.1 <= tip[1] <= -258.9, "on the straight part of the side, clear of the rounded corners"


def test_nothing_else_changes():
    """Outside the moved lines' paths and arrowheads, the SVG is byte for byte the same."""
    before = _converging_svg()
    after = spread_arrivals(before.encode()).decode()
    pattern = r'(?:\sd|points)="[^"]*"'
    boxes = [d for d in re.findall(pattern, before) if "n0" in d]
    assert re.sub(pattern, "", before) == re.sub(pattern, "", after)
    assert boxes == [d for d in re.findall(pattern, after) if "n0" in d]


def test_a_drawing_without_shared_ends_comes_back_as_it_was():
    """One line per box: nothing to spread, the very same bytes come back."""
    one = _BOX + _tail_box("n1", 270, -200) + _edge("r1", "n1", (300.0, -200.0), (300.0, -242.0))
    text = f'<svg xmlns="http://www.w3.org/2000/svg">\n{one}</svg>\n'.encode()
    assert spread_arrivals(text) is text


def test_a_line_that_would_pass_through_a_box_is_left_alone():
    """A box standing where the spread end's new stretch would run keeps that line as drawn."""
    before = _converging_svg()
    blocker = _tail_box("n9", 150, -290)  # just left of the box, above the corner
    blocked = before.replace("</g>\n</svg>", blocker + "</g>\n</svg>")
    after = spread_arrivals(blocked.encode()).decode()
    assert layout_metrics.measure(after)["edge_through_box"] == 0
    moved = [ident for ident in ("r1", "r2") if _ends(after)[ident] != _ends(blocked)[ident]]
    kept = [ident for ident in ("r1", "r2") if ident not in moved]
    assert kept, "one of the lines would run through n9 if moved"


# --- real drawings -----------------------------------------------------------------------


def _maps() -> list:
    paths = sorted((ROOT / "maps").glob("*.arg"))
    return [pytest.param(path, id=path.stem) for path in paths if path.stem != "serwer-2023-serbia"]


def _generated() -> list:
    shallow = [(generate_arg(80, seed=seed, undercuts=True), f"shallow-{seed}") for seed in (1, 2, 3)]
    deep = [(generate_deep_arg(60, seed=seed), f"deep-{seed}") for seed in (1, 2)]
    return [
        pytest.param(text, direction, wrap, id=f"{name}-{direction}-{wrap}")
        for (text, name), (direction, wrap) in zip(
            shallow + deep, [("up", 28), ("right", 36), ("up", 20), ("down", 28), ("right", 24)], strict=True
        )
    ]


def _drawn(scene) -> bytes:
    """The embedded engine's SVG of *scene* as Graphviz drew it, before any spreading."""
    return finish_svg(render_svg(scene))


def _compare(svg: bytes) -> tuple[dict, dict]:
    return layout_metrics.measure(svg.decode()), layout_metrics.measure(spread_arrivals(svg).decode())


@pytest.mark.parametrize("path", _maps())
def test_spreading_an_example_map_adds_no_crossing_and_no_line_through_a_box(path):
    before, after = _compare(_drawn(build_scene(argmap.load(path))))
    assert after["crossings"] <= before["crossings"]
    assert after["edge_through_box"] <= before["edge_through_box"]
    assert after["edge_overlap_pt"] <= before["edge_overlap_pt"] + 1


@pytest.mark.parametrize(("text", "direction", "wrap"), _generated())
def test_spreading_a_generated_map_adds_no_crossing_and_no_line_through_a_box(text, direction, wrap):
    scene = build_scene(argmap.parse(text), direction=direction, wrap=wrap)
    before, after = _compare(_drawn(scene))
    assert after["crossings"] <= before["crossings"]
    assert after["edge_through_box"] <= before["edge_through_box"]
    assert after["edge_overlap_pt"] <= before["edge_overlap_pt"] + 1


@pytest.mark.parametrize("direction", ["down", "left", "right"])
def test_spreading_works_in_every_direction(direction):
    """Lines come in from any side: the showcase-like fan of remote-work, turned."""
    path = ROOT / "tests/draw/layout/unseen/remote-work.arg"
    before, after = _compare(_drawn(build_scene(argmap.load(path), direction=direction)))
    assert after["crossings"] <= before["crossings"]
    assert after["edge_through_box"] == 0
    assert after["edge_overlap_pt"] <= before["edge_overlap_pt"]


@pytest.mark.parametrize("format", ["svg", "pdf", "png"])
def test_every_format_is_made_from_the_spread_svg(format, monkeypatch):
    """render() spreads the lines before a PDF or PNG is made from the SVG, so every
    format shows the same drawing."""
    from argmap.draw import engines

    spread: list[bytes] = []
    converted: list[bytes] = []

    def spreading(svg: bytes) -> bytes:
        spread.append(spread_arrivals(svg))
        return spread[-1]

    def converting(svg: bytes, format: str, *, dpi=None) -> bytes:
        converted.append(svg)
        return b"converted"

    monkeypatch.setattr(engines, "spread_arrivals", spreading)
    monkeypatch.setattr(engines, "convert_svg", converting)
    path = ROOT / "tests/draw/layout/unseen/remote-work.arg"
    drawn = render(argmap.load(path), format, engine="embedded")
    assert len(spread) == 1
    assert layout_metrics.measure(spread[0].decode())["edge_overlap_pt"] < 150
    if format == "svg":
        assert not converted
    else:
        assert converted == spread and drawn == b"converted"


def test_a_map_too_large_to_stagger_keeps_graphvizs_lines(monkeypatch):
    """Above MAX_BOXES boxes, as for staggering, the render does not spread (and
    stays fast); at or below, it does."""
    from argmap.draw import engines

    calls: list[bytes] = []
    monkeypatch.setattr(engines, "spread_arrivals", lambda svg: calls.append(svg) or svg)
    the_map = argmap.load(ROOT / "tests/draw/layout/unseen/remote-work.arg")
    boxes = len(build_scene(the_map).boxes)
    monkeypatch.setattr(engines, "MAX_BOXES", boxes - 1)
    render(the_map, "svg", engine="embedded")
    assert calls == []
    monkeypatch.setattr(engines, "MAX_BOXES", boxes)
    render(the_map, "svg", engine="embedded")
    assert len(calls) == 1


@settings(max_examples=examples(50), deadline=None)
@given(maps(max_nodes=24), st.sampled_from(["up", "down", "left", "right"]))
def test_spreading_any_map_adds_no_crossing_and_no_line_through_a_box(the_map, direction):
    """On maps of every shape, as the .arg language can write them: spreading never
    crosses a line it did not cross, nor enters a box, and changes only line data."""
    svg = _drawn(build_scene(the_map, direction=direction))
    spread = spread_arrivals(svg)
    before, after = _compare(svg)
    assert after["crossings"] <= before["crossings"]
    assert after["edge_through_box"] <= before["edge_through_box"]
    assert after["box_overlaps"] == before["box_overlaps"]
    pattern = rb'(?:\sd|points)="[^"]*"'
    assert re.sub(pattern, b"", svg) == re.sub(pattern, b"", spread)


def _junction_svg(backward: bool) -> str:
    """Two co-premises whose lines meet at one bend 60 pt below their junction and
    run into it together; with *backward*, both paths are written from the junction."""
    junction = (
        '<g id="j0" class="node junction">\n<title>j0</title>\n'
        '<ellipse fill="#000" stroke="#000" cx="0" cy="-100" rx="2.52" ry="2.52"/>\n</g>\n'
    )
    boxes = _tail_box("n1", -40, 0) + _tail_box("n2", 40, 0)

    def line(ident: str, tail: str, start: tuple[float, float]) -> str:
        points = [start, (0.0, -40.0), (0.0, -97.48)]
        if backward:
            points.reverse()
        pieces = [f"{points[0][0]},{points[0][1]}"]
        for a, b in zip(points, points[1:], strict=False):
            pieces += [f"{a[0] + (b[0] - a[0]) / 3:.2f},{a[1] + (b[1] - a[1]) / 3:.2f}"]
            pieces += [f"{a[0] + 2 * (b[0] - a[0]) / 3:.2f},{a[1] + 2 * (b[1] - a[1]) / 3:.2f}", f"{b[0]},{b[1]}"]
        d = "M" + pieces[0] + "C" + " ".join(pieces[1:])
        return (
            f'<g id="{ident}" class="edge premise support">\n<title>{tail}&#45;&gt;j0</title>\n'
            f'<path fill="none" stroke="#000" d="{d}"/>\n</g>\n'
        )

    body = junction + boxes + line("r1p0", "n1", (-10.0, 0.0)) + line("r1p1", "n2", (70.0, 0.0))
    return f'<svg xmlns="http://www.w3.org/2000/svg">\n<g id="graph0" class="graph">\n{body}</g>\n</svg>\n'


@pytest.mark.parametrize("backward", [False, True], ids=["forward", "backward"])
def test_co_premise_lines_that_run_together_into_their_junction_part(backward):
    """Two lines that share their last bend and run 60 pt together into their
    junction are parted (one straight from its bend before last, or through a
    moved bend), without crossing each other."""
    before = _junction_svg(backward)
    after = spread_arrivals(before.encode()).decode()
    assert layout_metrics.measure(before)["edge_overlap_pt"] > 50
    measured = layout_metrics.measure(after)
    assert measured["edge_overlap_pt"] < 10
    assert measured["crossings"] == 0 and measured["edge_through_box"] == 0
    for d in re.findall(r'class="edge[^"]*">.*?\sd="(M[^"]*)"', after, re.DOTALL):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
        ends = [(numbers[0], numbers[1]), (numbers[-2], numbers[-1])]
        assert min(math.dist(end, (0, -100)) for end in ends) == pytest.approx(2.52, abs=0.05)
