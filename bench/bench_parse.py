"""Benchmark: reading maps (parse + model) and a cold `argmap check`.

    python bench/bench_parse.py            # 1,000 and 50,000 nodes, cold check
    python bench/bench_parse.py --sizes 1000 5000 20000 50000

Targets (issue 2): 50,000 nodes in at most 1.6 s (half of `argdown json`'s 3.2 s
here); the cost per node at 50,000 within 1.5x of that at 1,000; cold `argmap check`
of the showcase map under 0.25 s. Prints the median of several runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate_arg  # noqa: E402

import argmap  # noqa: E402
from argmap.parsing import parser  # noqa: E402


def time_parse(text: str, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        argmap.parse(text)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def peak_memory_mb(text: str) -> float:
    tracemalloc.start()
    argmap.parse(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def cold_check(runs: int) -> float:
    showcase = ROOT / "maps" / "serwer-2023-serbia.arg"
    command = [sys.executable, "-m", "argmap", "check", str(showcase)]
    subprocess.run(command, capture_output=True)  # fill the grammar cache once
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--sizes", type=int, nargs="+", default=[1000, 50000])
    options.add_argument("--runs", type=int, default=5)
    args = options.parse_args()
    parser()
    per_node = {}
    for size in args.sizes:
        text = generate_arg(size)
        nodes = len(argmap.parse(text).nodes)
        seconds = time_parse(text, args.runs)
        per_node[size] = seconds / nodes
        print(
            f"parse {nodes:>7,} nodes: {seconds:7.3f} s  ({per_node[size] * 1e6:5.1f} µs/node, "
            f"peak {peak_memory_mb(text):6.1f} MB)"
        )
    if len(per_node) > 1:
        small, large = min(per_node), max(per_node)
        print(f"per-node cost at {large:,} / at {small:,}: {per_node[large] / per_node[small]:.2f}x (target <= 1.5x)")
    print(f"cold `argmap check` on the showcase map: {cold_check(args.runs):.3f} s (target < 0.25 s)")


if __name__ == "__main__":
    main()
