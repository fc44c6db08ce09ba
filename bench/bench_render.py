"""Benchmark of the renderer on a generated map of about 1,000 nodes.

    python bench/bench_render.py [--nodes 1000] [--repeat 5] [--no-embedded]

Reports, for SVG: the embedded engine's start-up (a new process, with the compiled
WebAssembly module cached and not) and its time per render; the time of each step
of a render (scene, DOT, finishing and checking the SVG); and, when Graphviz's dot
is on PATH, the system engine's full ``render()`` against ``dot -Tsvg`` alone on the
same DOT file, run alternately so that a busy machine slows both alike. The
difference is our overhead, which the budget puts under 10% of dot's own time.

Times are the best of --repeat runs (and the median, for the comparison with dot).
The steps are timed in CPU time, which a busy machine disturbs less. For the whole
render, ours is the CPU time of this process (most of it overlaps dot's run: dot
reads the DOT while the rest is written, and the SVG is checked while dot writes
it), dot's the CPU time of the dot process. With the machine busy with other work,
the overlap helps less, and the overhead comes closer to our CPU time.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate_arg  # noqa: E402

import argmap  # noqa: E402
from argmap.draw import render, system_dot  # noqa: E402
from argmap.draw.dot import html_source  # noqa: E402
from argmap.draw.engines import run_system  # noqa: E402
from argmap.draw.scene import build_scene  # noqa: E402
from argmap.draw.svg import check_svg, finish_svg  # noqa: E402

BUDGET = 0.10
"""Our overhead with the system dot, as a share of dot's own time."""

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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(action) -> tuple[float, float, float]:
    """Wall time, this process's CPU time and its children's CPU time of one run."""
    gc.collect()
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu, _children_cpu() - children


def best(action, repeat: int) -> tuple[float, float]:
    """The shortest wall time and CPU time of *repeat* runs."""
    runs = [measure(action) for _ in range(repeat)]
    return min(run[0] for run in runs), min(run[1] for run in runs)


def startup(cache: str) -> float:
    code = STARTUP.format(root=str(ROOT), text="conclusion: A small map.\n  premise: A reason.\n")
    env = {"ARGMAP_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def steps(map, repeat: int) -> None:
    """The CPU time of each step of a render, apart (best of *repeat*)."""
    scene = build_scene(map)
    source = html_source(scene)
    print(f"scene: {_ms(best(lambda: build_scene(map), repeat)[1])} CPU")
    print(f"DOT: {_ms(best(lambda: html_source(scene), repeat)[1])} CPU ({len(source):,} characters)")
    if system_dot():
        raw = run_system(source, "svg")
        finished = finish_svg(raw)
        print(
            f"SVG finish and check: {_ms(best(lambda: finish_svg(raw), repeat)[1])} CPU, "
            f"of which the check {_ms(best(lambda: check_svg(finished), repeat)[1])} ({len(raw):,} bytes; "
            "with the system dot this runs while dot writes the SVG)"
        )


def compare_with_dot(map, repeat: int) -> None:
    """render() with the system dot against dot alone on the same DOT file."""
    dot = system_dot()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "map.dot"
        path.write_text(html_source(build_scene(map)), encoding="utf-8")

        def dot_alone() -> None:
            subprocess.run([dot, "-Tsvg", str(path)], stdout=subprocess.PIPE, check=True)

        def ours() -> None:
            render(map, engine="system")

        ours()  # warm up
        alone, full = [], []
        for _ in range(repeat):  # alternately, so that both meet the same load
            alone.append(measure(dot_alone))
            full.append(measure(ours))
    dot_best, full_best = min(r[0] for r in alone), min(r[0] for r in full)
    dot_median, full_median = statistics.median(r[0] for r in alone), statistics.median(r[0] for r in full)
    overhead = full_best - dot_best
    median_overhead = statistics.median(f[0] - a[0] for a, f in zip(alone, full, strict=True))
    print(
        f"system SVG: {_ms(full_best)} per render (median {_ms(full_median)}); "
        f"dot -Tsvg alone {_ms(dot_best)} (median {_ms(dot_median)}), "
        f"dot's CPU {_ms(min(r[2] for r in alone))}"
    )
    print(
        f"our overhead: {_ms(overhead)} = {overhead / dot_best:.1%} of dot (best against best); "
        f"median of the pairs {_ms(median_overhead)} = {median_overhead / dot_median:.1%}; budget {BUDGET:.0%}"
    )
    print(
        f"our CPU per render: {_ms(min(r[1] for r in full))} "
        f"(against {_ms(min(r[1] for r in alone))} to run dot alone from Python), part of it while dot runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded engine")
    args = parser.parse_args()

    map = argmap.parse(generate_arg(args.nodes))
    print(f"map: {len(map.nodes)} nodes, {len(map.relations)} relations")

    if not args.no_embedded:
        with tempfile.TemporaryDirectory() as cache:
            cold = startup(cache)
            warm = startup(cache)
        print(
            f"embedded start-up, new process, small map: {cold:.2f} s compiling the module, {warm:.2f} s from the cache"
        )
        render(map, engine="embedded")  # load the module once
        print(f"embedded SVG: {best(lambda: render(map, engine='embedded'), args.repeat)[0]:.2f} s per render")

    steps(map, args.repeat)
    if system_dot():
        compare_with_dot(map, args.repeat)
    else:
        print("system SVG: skipped (Graphviz's dot is not on PATH)")


if __name__ == "__main__":
    main()
