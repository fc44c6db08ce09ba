"""Benchmark of the renderer on a generated map of about 1,000 nodes.

    python bench/bench_render.py [--nodes 1000] [--repeat 3]

Reports, for SVG: the embedded engine's start-up (a new process, with the compiled
WebAssembly module cached and not), its time per render, and, when Graphviz's dot
is on PATH, the system engine's time beside dot's own layout of the same DOT (the
difference is our overhead: building the scene and DOT, and checking the SVG).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import argmap  # noqa: E402
from argmap.draw import render, system_dot, to_dot  # noqa: E402
from generate import generate_arg  # noqa: E402

STARTUP = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
import argmap
from argmap.draw import render
m = argmap.parse({text!r})
render(m, engine="embedded")
print(time.perf_counter() - started)
"""


def timed(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def startup(cache: str) -> float:
    code = STARTUP.format(root=str(ROOT), text="conclusion: A small map.\n  premise: A reason.\n")
    env = {"ARGMAP_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    map = argmap.parse(generate_arg(args.nodes))
    print(f"map: {len(map.nodes)} nodes, {len(map.relations)} relations")

    with tempfile.TemporaryDirectory() as cache:
        cold = startup(cache)
        warm = startup(cache)
    print(f"embedded start-up, new process, small map: {cold:.2f} s compiling the module, {warm:.2f} s from the cache")

    render(map, engine="embedded")  # load the module once
    print(f"to_dot: {timed(lambda: to_dot(map), args.repeat):.2f} s")
    embedded = timed(lambda: render(map, engine="embedded"), args.repeat)
    print(f"embedded SVG: {embedded:.2f} s per render")

    if system_dot():
        source = to_dot(map)
        layout = timed(
            lambda: subprocess.run([system_dot(), "-Tsvg"], input=source.encode(), capture_output=True, check=True),
            args.repeat,
        )
        system = timed(lambda: render(map, engine="system"), args.repeat)
        print(f"system SVG: {system:.2f} s per render; dot alone {layout:.2f} s; our overhead {system - layout:.2f} s")
    else:
        print("system SVG: skipped (Graphviz's dot is not on PATH)")


if __name__ == "__main__":
    main()
