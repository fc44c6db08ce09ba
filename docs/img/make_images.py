"""Draw the pictures of docs/rendering.md into docs/img/ (PNG).

    python docs/img/make_images.py

Uses the embedded engine, so the pictures are the same on every machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.files import write_atomically  # noqa: E402
from argmap.draw import render  # noqa: E402
from argmap.draw.engines import convert_svg  # noqa: E402

SMALL = """\
title: Should smoking be banned in restaurants?

conclusion ban: Smoking should be banned in restaurants. #policy
  reason harm:
    premise shs: Secondhand smoke harms the health of the people who breathe it.
      evidence: No risk-free level of exposure to secondhand smoke. {source: US Surgeon General 2006}
    premise staff: Restaurant staff cannot avoid the smoke of the customers they serve.
  objection liberty: Adults have the right to decide for themselves whether to smoke. #value
    undercut: The right to smoke does not include a right to fill a shared room with smoke.
  objection owners: Owners, not the state, should set the rules on their premises.
    rebuttal: The state already sets health rules for restaurants.
"""

PICTURES = {
    # file name: (map, options, pixels per point)
    "small-default.png": ("small", {}, 1.5),
    "small-greyscale.png": ("small", {"theme": "greyscale"}, 1.5),
    "small-high-contrast.png": ("small", {"theme": "high-contrast"}, 1.5),
    "small-right.png": ("small", {"direction": "right"}, 1.5),
    "small-legend-ids.png": ("small", {"legend": True, "show_ids": True, "show_sources": True}, 1.5),
    "small-verdicts.png": (
        "small",
        {"verdicts": {"ban": "in", "liberty": "out", "owners": "undecided"}, "legend": True},
        1.5,
    ),
    "smoking-ban.png": ("maps/smoking-ban.arg", {}, 1.0),
    "paley-watchmaker.png": ("maps/paley-watchmaker.arg", {}, 1.0),
    "serwer-2023-serbia.png": ("maps/serwer-2023-serbia.arg", {}, 0.75),
}


def main() -> None:
    maps = {"small": argmap.parse(SMALL)}
    for name, (source, options, scale) in PICTURES.items():
        map = maps.get(source) or argmap.load(ROOT / source)
        svg = render(map, "svg", engine="embedded", **options)
        write_atomically(HERE / name, convert_svg(svg, "png", scale=scale))
        print(f"wrote docs/img/{name}")


if __name__ == "__main__":
    main()
