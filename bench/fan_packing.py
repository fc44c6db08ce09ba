"""How large a map could print if argmap placed the branches of its conclusion itself.

    python bench/fan_packing.py                                  # the showcase, up and right, wraps 28 22
    python bench/fan_packing.py maps/parking-minimums.arg --wraps 28 --directions up
    python bench/fan_packing.py --restarts 4 --steps 800         # a quicker, weaker search

Graphviz places the conclusion's branches of a large map side by side as it likes,
and nothing in the DOT steers that reliably (see "Layout" in ``docs/rendering.md``).
The remedy proposed there is for argmap to lay out each branch on its own and pack
the branches itself. This script measures what that remedy could reach before anyone
builds it.

Each branch (what hangs under the conclusion once the conclusion is taken away:
the lines into it are the fan) is laid out by the in-process Graphviz with a point
standing in for the conclusion, which gives its boxes and frames as rectangles and
the point where its line leaves for the conclusion. A packing puts every branch
below a band where the fan's lines converge on the conclusion, at a depth of its
own, in an order of its own, and mirrored or not; then, from left to right (in the
direction of the map: across the ranks), each as close to the ones before as its
rectangles allow. The line of a branch runs straight from its point up to the band,
in a corridor that no box may enter, so that no line of the fan crosses a box or
another line of the fan. Branches placed deeper can thus slide under shallower
ones. Simulated annealing searches the order, depths and mirroring for the packing
that A4 landscape holds at the largest scale.

The model is generous: the branches keep Graphviz's own layout inside, but the lines
of the fan are not routed and the conclusion is assumed to take any line end along
its side. What it cannot reach, an implementation of the remedy will not reach
either. It is a measuring tool, not a layout step.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.draw.choice import chosen_drawing, print_scale  # noqa: E402
from argmap.draw.dot import layout_source  # noqa: E402
from argmap.draw.embedded import box_sizes  # noqa: E402
from argmap.draw.packing import _branch_scene, _groups, _read_layout, box_rects  # noqa: E402
from argmap.draw.placing import Frame  # noqa: E402
from argmap.draw.scene import TEXT_SIZE, TITLE_SIZE, Scene, build_scene  # noqa: E402
from argmap.draw.shape import DEFAULT_PAGE, NODE_GAP, page_area  # noqa: E402
from argmap.draw.wasm import run_wasm  # noqa: E402

SHOWCASE = ROOT / "maps" / "serwer-2023-serbia.arg"
CORRIDOR = 4.0
"""Half the width of the corridor kept free for a line of the fan (points)."""
CONVERGING_BAND = 40.0
"""Height of the band between the branches and the conclusion where the fan's lines meet."""
PAD = 2 * 0.15 * 72
"""Graphviz's ``pad`` on both sides of the drawing, which the page also has to hold."""

Rect = tuple[float, float, float, float]
"""(across from, along from, across to, along to): *along* grows away from the conclusion."""


class Branch(NamedTuple):
    """One branch laid out: its rectangles, with the point its line leaves from at (0, 0)."""

    rects: tuple[Rect, ...]
    stem: bool

    @property
    def top(self) -> float:
        return min(rect[1] for rect in self.rects)

    @property
    def bottom(self) -> float:
        return max(rect[3] for rect in self.rects)

    def mirrored(self) -> Branch:
        return Branch(tuple((-c, b, -a, d) for a, b, c, d in self.rects), self.stem)


def _laid_out(scene: Scene, members: list[str], root: str, sizes, frame: Frame) -> Branch:
    """The branch of *members* laid out by the in-process Graphviz: its boxes and frames."""
    laid_out = _read_layout(run_wasm(layout_source(_branch_scene(scene, members, root), sizes), "json0", "dot"))
    rects = box_rects(laid_out, frame)
    stand_ins = list(laid_out.stand_ins.values())
    origin = frame.to_frame(*stand_ins[0]) if stand_ins else (0.0, 0.0)
    shifted = tuple((a - origin[0], b - origin[1], c - origin[0], d - origin[1]) for a, b, c, d in rects)
    return Branch(shifted, bool(stand_ins))


def branches_of(map: argmap.Map, direction: str, wrap: int) -> tuple[list[Branch], tuple[float, float], bool]:
    """The branches of *map*'s conclusion laid out, the conclusion's size (across,
    along) and whether the map has a title."""
    scene = build_scene(map, direction=direction, wrap=wrap)
    root = f"n{map.nodes.index(map.roots()[0])}"
    sizes = box_sizes(scene)
    width, height = sizes[root]
    root_size = (width, height) if direction in ("up", "down") else (height, width)
    frame = Frame(scene.rankdir)
    branches = [_laid_out(scene, group, root, sizes, frame) for group in _groups(scene, root)]
    return branches, root_size, scene.title is not None


def pack(branches: list[Branch], depths: list[float]) -> list[Rect]:
    """Every rectangle (and line corridor) of *branches* placed at *depths*, from
    left to right, each branch as close to those before as they allow."""
    placed: list[Rect] = []
    last_stem = -math.inf
    for branch, depth in zip(branches, depths, strict=True):
        own = [(a, b + depth, c, d + depth) for a, b, c, d in branch.rects]
        if branch.stem:
            own.append((-CORRIDOR, 0.0, CORRIDOR, depth))
        offset = last_stem + 2 * CORRIDOR + NODE_GAP if branch.stem else -math.inf
        for a, b, _, d in own:
            for _, pb, pc, pd in placed:
                if b < pd + NODE_GAP and pb < d + NODE_GAP:
                    offset = max(offset, pc + NODE_GAP - a)
        offset = 0.0 if offset == -math.inf else offset
        if branch.stem:
            last_stem = offset
        placed += [(a + offset, b, c + offset, d) for a, b, c, d in own]
    return placed


class Packing(NamedTuple):
    scale: float
    width: float
    height: float
    order: list[int]
    depths: list[float]


def measure_packing(branches, order, depths, root_size, title: bool, direction: str, page: str) -> Packing:
    """How large *page* prints the packing (order, depths) of *branches*."""
    placed = pack([branches[index] for index in order], depths)
    across = max(max(r[2] for r in placed) - min(r[0] for r in placed), root_size[0])
    along = max(r[3] for r in placed) + CONVERGING_BAND + root_size[1]
    title_height = 1.2 * TITLE_SIZE + 4 if title else 0.0
    width, height = (across, along) if direction in ("up", "down") else (along, across)
    width, height = width + PAD, height + PAD + title_height
    area_width, area_height = page_area(page)
    return Packing(min(1.0, area_width / width, area_height / height), width, height, order, depths)


def _slide_under(branches, order, depths, index) -> list[float]:
    """Depths at which branch *index* of *order* starts just below another branch, or at the top."""
    top = branches[order[index]].top
    depths_tried = {0.0}
    for other, depth in enumerate(depths):
        if other != index:
            depths_tried.add(max(0.0, depth + branches[order[other]].bottom + NODE_GAP - top))
    return sorted(depths_tried)


def anneal(branches, root_size, title, direction, page, *, restarts: int, steps: int, seed: int) -> Packing:
    """The best packing simulated annealing finds (order, depths and mirroring)."""
    count = len(branches)
    choices = branches + [branch.mirrored() for branch in branches]  # index + count: mirrored
    rng = random.Random(seed)
    best = measure_packing(choices, list(range(count)), [0.0] * count, root_size, title, direction, page)
    for _ in range(restarts):
        order = rng.sample(range(count), count)
        depths = [0.0] * count
        current = measure_packing(choices, order, depths, root_size, title, direction, page)
        temperature = 0.02
        for _ in range(steps):
            order, depths = list(current.order), list(current.depths)
            move = rng.random()
            if move < 0.2:
                index = rng.randrange(count)
                order[index] = (order[index] + count) % (2 * count)
            elif move < 0.6:
                first, second = rng.sample(range(count), 2)
                order[first], order[second] = order[second], order[first]
                depths[first], depths[second] = depths[second], depths[first]
            else:
                index = rng.randrange(count)
                depths[index] = rng.choice(_slide_under(choices, order, depths, index))
            trial = measure_packing(choices, order, depths, root_size, title, direction, page)
            if trial.scale >= current.scale or rng.random() < math.exp((trial.scale - current.scale) / temperature):
                current = trial
                if current.scale > best.scale:
                    best = current
            temperature *= 0.997
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map", nargs="?", default=str(SHOWCASE))
    parser.add_argument("--directions", nargs="+", default=["up", "right"])
    parser.add_argument("--wraps", nargs="+", type=int, default=[28, 22])
    parser.add_argument("--page", default=DEFAULT_PAGE)
    parser.add_argument("--restarts", type=int, default=10)
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    map = argmap.load(options.map)
    if len(map.roots()) != 1:
        sys.exit("fan_packing.py measures maps with one conclusion")
    print("direction  wrap  branches  Graphviz, pt  packed by argmap, pt  packing (w x h, pt)")
    for direction in options.directions:
        for wrap in options.wraps:
            # Graphviz's own placing of the branches, as the model is measured against it
            _, svg = chosen_drawing(map, "embedded", direction=direction, wrap=wrap, page=options.page, pack=False)
            graphviz_pt = TEXT_SIZE * print_scale(svg, options.page)
            branches, root_size, title = branches_of(map, direction, wrap)
            best = anneal(
                branches,
                root_size,
                title,
                direction,
                options.page,
                restarts=options.restarts,
                steps=options.steps,
                seed=options.seed,
            )
            print(
                f"{direction:9}  {wrap:4}  {len(branches):8}  {graphviz_pt:12.2f}  {TEXT_SIZE * best.scale:20.2f}"
                f"  {best.width:.0f} x {best.height:.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
