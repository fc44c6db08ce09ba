"""The layout metrics of an example map as the tests and their thresholds see them:
drawn with default options by the embedded engine (the same on every machine), and
measured by ``bench/layout_metrics.py``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
THRESHOLDS = Path(__file__).resolve().parent / "thresholds.json"
GUARDED = ("crossings", "edge_overlap_pt", "box_overlaps", "edge_through_box", "body_text_pt_on_a4")
"""The metrics kept from getting worse: all but the text size must not grow."""
LARGER_IS_BETTER = {"body_text_pt_on_a4"}
SLOW_MAPS = {"serwer-2023-serbia"}
"""Maps whose measurement takes more than a second or two (marked slow); the others
are measured in the default test run."""


def _metrics_module():
    bench = str(ROOT / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    import layout_metrics

    return layout_metrics


UNSEEN = Path(__file__).resolve().parent / "unseen"
"""Maps written to check the layout on maps it was not tuned to (see its README)."""


def map_paths() -> dict[str, Path]:
    """Every example map and every map of :data:`UNSEEN`, by name."""
    paths = sorted((ROOT / "maps").glob("*.arg")) + sorted(UNSEEN.glob("*.arg"))
    return {path.stem: path for path in paths}


def measure_map(path: Path) -> dict[str, float]:
    """The guarded metrics of the map at *path*, drawn with default options by the embedded engine."""
    import argmap
    from argmap.draw import render

    svg = render(argmap.load(path), "svg", engine="embedded").decode("utf-8")
    measured = _metrics_module().measure(svg)
    return {name: measured[name] for name in GUARDED}


def read_thresholds() -> dict[str, dict[str, float]]:
    return json.loads(THRESHOLDS.read_text(encoding="utf-8"))
