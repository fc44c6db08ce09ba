"""Where a teacher waits: the showcase map drawn as SVG, PDF and PNG without Graphviz.

    python bench/bench_showcase.py [--runs 5] [--first-runs 3]

For each format, `argmap render --engine embedded maps/serwer-2023-serbia.arg -o OUT`
in a new process: first runs, each with a new empty cache directory (as just after
``pip install``: the WebAssembly Graphviz is compiled, the grammar tables built),
then warm runs, in wall and CPU seconds (user + system of the process), medians.
The formats are run in alternation, so that a busy machine slows all alike. The
machine's load average is printed at the start and the end: on a shared machine
wall times grow with it, CPU times much less.

Targets (issue 19): PDF and PNG at most 0.5 s warm; the first render at most 1.2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOWCASE = ROOT / "maps" / "serwer-2023-serbia.arg"
FORMATS = ("svg", "pdf", "png")


def argmap_command() -> list[str]:
    script = Path(sys.executable).with_name("argmap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def run(format: str, out: Path, cache: str) -> tuple[float, float]:
    """Wall and CPU seconds of one render in a new process."""
    command = [
        *argmap_command(),
        "render",
        "--engine",
        "embedded",
        str(SHOWCASE),
        "-o",
        str(out / f"showcase.{format}"),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "ARGMAP_CACHE_DIR": cache}
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed: {process.stderr.read().decode(errors='replace')}")
    process.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def medians(samples: list[tuple[float, float]]) -> str:
    wall = statistics.median(sample[0] for sample in samples)
    cpu = statistics.median(sample[1] for sample in samples)
    return f"{wall:.2f} ({cpu:.2f})"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--runs", type=int, default=5, help="warm runs of each format")
    options.add_argument("--first-runs", type=int, default=3, help="runs of each format with an empty cache")
    args = options.parse_args()
    print(f"load average at the start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as out_dir:
        out = Path(out_dir)
        first: dict[str, list[tuple[float, float]]] = {format: [] for format in FORMATS}
        for index in range(args.first_runs):
            for format in FORMATS[index % 3 :] + FORMATS[: index % 3]:
                with tempfile.TemporaryDirectory(prefix="argmap-cache-") as empty:
                    first[format].append(run(format, out, empty))
        warm: dict[str, list[tuple[float, float]]] = {format: [] for format in FORMATS}
        with tempfile.TemporaryDirectory(prefix="argmap-cache-") as cache:
            run("svg", out, cache)  # fill the cache
            for index in range(args.runs):
                for format in FORMATS[index % 3 :] + FORMATS[: index % 3]:
                    warm[format].append(run(format, out, cache))
    print(
        f"\n| format | first run: wall s (CPU s), median of {args.first_runs} "
        f"| warm: wall s (CPU s), median of {args.runs} |"
    )
    print("|---|---:|---:|")
    for format in FORMATS:
        print(f"| {format} | {medians(first[format])} | {medians(warm[format])} |")
    print(f"\nload average at the end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
