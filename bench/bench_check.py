"""Time ``argmap check`` on a generated map: every check, then each check alone.

    python bench/bench_check.py            # 50,000 nodes, best of 5
    python bench/bench_check.py 10000 -r 3

The budget is one second for all checks on 50,000 nodes (parsing not included);
the script exits with 1 when the best run is over it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import generate_arg  # noqa: E402
from timing import best_of  # noqa: E402

import argmap  # noqa: E402
from argmap.checks.registry import Selection, all_checks, run  # noqa: E402

BUDGET_SECONDS = 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("nodes", type=int, nargs="?", default=50_000)
    parser.add_argument("-r", "--repeat", type=int, default=5)
    parser.add_argument("--each", action="store_true", help="also time each check on its own")
    args = parser.parse_args(argv)

    text = generate_arg(args.nodes)
    parse_time, _, the_map = best_of(1, lambda: argmap.parse(text, "generated.arg"))
    print(f"map: {len(the_map.nodes):,} nodes, {len(the_map.relations):,} relations (parsed in {parse_time:.2f} s)")

    total, cpu, diagnostics = best_of(args.repeat, lambda: run(the_map, Selection(), file="generated.arg"))
    counts: dict[str, int] = {}
    for diagnostic in diagnostics:
        counts[diagnostic.code] = counts.get(diagnostic.code, 0) + 1
    print(
        f"all checks: {total:.3f} s wall, {cpu:.3f} s CPU (best of {args.repeat}); {len(diagnostics):,} diagnostics: "
        + ", ".join(f"{code}×{n}" for code, n in sorted(counts.items()))
    )
    if args.each:
        for check in all_checks():
            only = Selection((check.code,))
            seconds, _, _ = best_of(args.repeat, lambda only=only: run(the_map, only, file="generated.arg"))
            print(f"  {check.code} {check.name:<26} {seconds * 1000:7.1f} ms")
    if total > BUDGET_SECONDS:
        busy = " (the CPU time is within it: is the machine busy?)" if cpu <= BUDGET_SECONDS else ""
        print(f"over budget: {total:.3f} s > {BUDGET_SECONDS} s{busy}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
