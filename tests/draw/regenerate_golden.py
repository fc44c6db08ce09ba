"""Write the golden DOT files in ``tests/draw/golden/`` from the current renderer.

Run ``python -m tests.draw.regenerate_golden`` (or this file) after a deliberate
change of the picture, look at the diff, and commit it with the change. Never edit
a golden file by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from argmap.draw import to_dot  # noqa: E402
from tests.draw.samples import golden_cases  # noqa: E402

GOLDEN_DIR = HERE / "golden"


def main() -> None:
    GOLDEN_DIR.mkdir(exist_ok=True)
    cases = golden_cases()
    for stale in GOLDEN_DIR.glob("*.dot"):
        if stale.stem not in cases:
            stale.unlink()
            print(f"removed {stale.name}")
    for name, (map, options) in sorted(cases.items()):
        path = GOLDEN_DIR / f"{name}.dot"
        text = to_dot(map, **options)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"{'wrote' if old is None else 'updated'} {path.name}")


if __name__ == "__main__":
    main()
