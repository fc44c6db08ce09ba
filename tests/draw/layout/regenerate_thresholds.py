"""Write ``tests/draw/layout/thresholds.json``: the layout metrics of every map in
``maps/``, drawn with default options by the embedded engine, as the limits that
``test_layout_quality.py`` holds them to.

    python tests/draw/layout/regenerate_thresholds.py

Run it after a change that makes the pictures better (or adds a map), look at the
diff and commit it. Never edit the file by hand; never regenerate it to make a
worse picture pass.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.draw.layout.measure import THRESHOLDS, map_paths, measure_map  # noqa: E402

SLACK = {"edge_overlap_pt": 10.0, "body_text_pt_on_a4": -0.05}
"""Room for the last digits of the layout (fonts, Graphviz's rounding)."""


def main() -> None:
    thresholds = {}
    for name, path in map_paths().items():
        measured = measure_map(path)
        thresholds[name] = {key: round(value + SLACK.get(key, 0), 2) for key, value in measured.items()}
        print(name, measured)
    THRESHOLDS.write_text(json.dumps(thresholds, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {THRESHOLDS}")


if __name__ == "__main__":
    main()
