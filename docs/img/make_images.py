"""Draw the pictures of docs/rendering.md into docs/img/ (PNG).

    python docs/img/make_images.py

Uses the embedded engine, so the pictures are the same on every machine. The
"before" picture of the showcase map is drawn by the renderer as it was before the
layout work of issue 14 (commit BEFORE_COMMIT, taken from git into a temporary
directory and run there, on the map as it was at that commit), so that it too is
made, never edited.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

import argmap  # noqa: E402
from argmap.draw import render  # noqa: E402
from argmap.draw.engines import convert_svg  # noqa: E402
from argmap.files import write_atomically  # noqa: E402

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
    "serwer-focus.png": ("maps/serwer-2023-serbia.arg", {"focus": "backed", "depth": 1}, 1.0),
    "small-color-by-tag.png": ("small", {"color_by": "tag"}, 1.5),
    "parking-minimums.png": ("maps/parking-minimums.arg", {}, 0.75),
    "remote-work.png": ("tests/draw/layout/unseen/remote-work.arg", {}, 0.75),
}


BEFORE_COMMIT = "ef5057b9224e8d0fcd8890dbf27ec1425b83b36c"
"""The last commit with the renderer of before issue 14 (junctions on every line,
no staggering)."""
BEFORE_PICTURES = {"serwer-2023-serbia-before.png": ("maps/serwer-2023-serbia.arg", 0.75)}
_DRAW_BEFORE = """
import sys
sys.path.insert(0, sys.argv[1])
import argmap
from argmap.draw import render
sys.stdout.buffer.write(render(argmap.load(sys.argv[2]), "svg", engine="embedded"))
"""
# Only the SVG comes from the old renderer: its PNG converter (vl-convert) is gone;
# today's converter turns it into PNG as it does the other pictures.


def draw_before() -> None:
    """The pictures of BEFORE_PICTURES, drawn by the renderer of BEFORE_COMMIT."""
    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE_COMMIT, "argmap", "grammars", "maps"],
            capture_output=True,
            check=False,
        )
        if archive.returncode != 0:
            print(f"skipped the before pictures: git archive {BEFORE_COMMIT[:7]} failed", file=sys.stderr)
            return
        subprocess.run(["tar", "-x", "-C", old], input=archive.stdout, check=True)
        for name, (source, scale) in BEFORE_PICTURES.items():
            svg = subprocess.run(
                # the map as it was then too: the renderer of then cannot read today's
                [sys.executable, "-c", _DRAW_BEFORE, old, str(Path(old) / source)],
                capture_output=True,
                check=True,
                cwd=old,
            ).stdout
            write_atomically(HERE / name, convert_svg(svg, "png", dpi=72 * scale))
            print(f"wrote docs/img/{name} (as drawn at {BEFORE_COMMIT[:7]})")


def main() -> None:
    maps = {"small": argmap.parse(SMALL)}
    for name, (source, options, scale) in PICTURES.items():
        map = maps.get(source) or argmap.load(ROOT / source)
        svg = render(map, "svg", engine="embedded", **options)
        write_atomically(HERE / name, convert_svg(svg, "png", dpi=72 * scale))
        print(f"wrote docs/img/{name}")
    draw_before()


if __name__ == "__main__":
    main()
