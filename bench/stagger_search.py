"""How large a map could print if its stagger were chosen on the real drawing.

    python bench/stagger_search.py                               # the showcase, system dot
    python bench/stagger_search.py maps/parking-minimums.arg --engine embedded --steps 200
    python bench/stagger_search.py --thin                        # junction ranks thin

argmap chooses the ``minlen`` of the lines of a wide fan (how many ranks each
branch is pushed down, see ``argmap/draw/shape.py``) from a cheap model of the
picture. This script asks what the model leaves on the table: starting from the
model's choice, it makes random changes of one to three staggered lines' ``minlen``
(up or down by one to three ranks), lays each trial out with the real engine, and
keeps it when the body text prints at least as large on the page and the drawing
has at most one crossing, no line through a box and under 150 pt of lines on top
of each other (``bench/layout_metrics.py``). Every improvement is printed with the
``minlen`` that gave it, and ``--pdf`` writes the best picture to look at.

It is a measuring tool, not a layout step: it takes hundreds of layouts, and what
it finds for one Graphviz version does not carry to another (see "Layout" in
``docs/rendering.md``). It reaches into the scene builder to replace its stagger.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import layout_metrics  # noqa: E402

import argmap  # noqa: E402
from argmap.draw import scene  # noqa: E402
from argmap.draw.engines import render_scene  # noqa: E402

SHOWCASE = ROOT / "maps" / "serwer-2023-serbia.arg"
MOVES = (-3, -2, -1, 1, 2, 3)


def model_stagger(map: argmap.Map, thin: bool) -> dict[str, int]:
    """The ``minlen`` the model chooses for *map* (every relation it considered)."""
    chosen: dict[str, int] = {}
    original = scene.staggering

    def capture(*args, **kwargs):
        result = original(*args, **kwargs)
        considered = {link.id for fan in args[2] for link in fan}
        chosen.update({relation_id: result.get(relation_id, 1) for relation_id in considered})
        return result

    scene.staggering = capture
    try:
        scene.build_scene(map, thin_junction_ranks=thin)
    finally:
        scene.staggering = original
    return chosen


def drawn_with(map: argmap.Map, engine: str, thin: bool, minlen: dict[str, int], format: str = "svg") -> bytes:
    """*map* drawn with its stagger replaced by *minlen* (junction ranks thin or not,
    as asked: render's own choice between them is left out)."""
    original = scene.staggering
    scene.staggering = lambda *args, **kwargs: dict(minlen)
    try:
        return render_scene(scene.build_scene(map, thin_junction_ranks=thin), format, engine)
    finally:
        scene.staggering = original


def score(svg: bytes) -> tuple[float, dict]:
    """Body text on A4 landscape, or 0 when the drawing breaks a limit."""
    metrics = layout_metrics.measure(svg.decode("utf-8"))
    tidy = metrics["crossings"] <= 1 and metrics["edge_through_box"] == 0 and metrics["edge_overlap_pt"] < 150
    return (metrics["body_text_pt_on_a4"] if tidy else 0.0), metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("map", nargs="?", default=str(SHOWCASE))
    parser.add_argument("--engine", default="system", choices=("system", "embedded"))
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf", help="write the best picture here")
    parser.add_argument("--thin", action="store_true", help="with thin junction ranks (argmap.draw.choice)")
    args = parser.parse_args()
    map = argmap.load(args.map)
    current = model_stagger(map, args.thin)
    if not current:
        sys.exit("this map has no fan wide enough to stagger")
    best, metrics = score(drawn_with(map, args.engine, args.thin, current))
    print(f"model's stagger: {best} pt, {metrics['width_pt']:.0f} x {metrics['height_pt']:.0f} pt", flush=True)
    rng = random.Random(args.seed)
    keys = sorted(current)
    for step in range(1, args.steps + 1):
        trial = dict(current)
        for _ in range(rng.choice((1, 1, 2, 3))):
            key = rng.choice(keys)
            trial[key] = max(1, trial[key] + rng.choice(MOVES))
        text, metrics = score(drawn_with(map, args.engine, args.thin, trial))
        if text >= best:
            if text > best:
                changed = {key: value for key, value in trial.items() if value != 1}
                print(
                    f"step {step}: {text} pt, {metrics['crossings']} crossings, "
                    f"{metrics['width_pt']:.0f} x {metrics['height_pt']:.0f} pt, minlen {json.dumps(changed)}",
                    flush=True,
                )
            best, current = text, trial
    if args.pdf:
        Path(args.pdf).write_bytes(drawn_with(map, args.engine, args.thin, current, "pdf"))


if __name__ == "__main__":
    main()
