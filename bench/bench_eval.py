"""Time ``argmap eval`` on a generated map: grounded semantics, measured apart from
parsing, and preferred semantics on the showcase map.

    python bench/bench_eval.py            # 50,000 nodes, best of 5
    python bench/bench_eval.py 10000 -r 3

The budget is half a second for grounded labels on 50,000 nodes (translation into a
framework and labelling, parsing not included); the script exits with 1 when the
best run is over it.
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
from argmap.evaluation import evaluate, translate  # noqa: E402
from argmap.frameworks import grounded_codes  # noqa: E402

BUDGET_SECONDS = 0.5
SHOWCASE = Path(__file__).resolve().parents[1] / "maps" / "serwer-2023-serbia.arg"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("nodes", type=int, nargs="?", default=50_000)
    parser.add_argument("-r", "--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    text = generate_arg(args.nodes)
    parse_time, _, the_map = best_of(1, lambda: argmap.parse(text, "generated.arg"))
    print(f"map: {len(the_map.nodes):,} nodes, {len(the_map.relations):,} relations (parsed in {parse_time:.2f} s)")

    total, cpu, result = best_of(args.repeat, lambda: evaluate(the_map).labels)
    counts = {label: list(result.values()).count(label) for label in ("in", "out", "undecided")}
    print(
        f"grounded labels: {total * 1000:7.1f} ms wall, {cpu * 1000:.1f} ms CPU (best of {args.repeat}); "
        + ", ".join(f"{n:,} {label}" for label, n in counts.items())
    )
    seconds, _, translation = best_of(args.repeat, lambda: translate(the_map))
    framework = translation.framework
    print(
        f"  of which translation: {seconds * 1000:5.1f} ms  ({len(framework):,} arguments, "
        f"{sum(map(len, framework.targets)):,} attacks)"
    )
    seconds, _, _ = best_of(args.repeat, lambda: grounded_codes(framework))
    print(f"  of which labelling:   {seconds * 1000:5.1f} ms")

    def labels_and_explanations():
        evaluation = evaluate(the_map)
        return evaluation.labels, evaluation.explanations

    seconds, _, _ = best_of(args.repeat, labels_and_explanations)
    print(f"  labels and explanations: {seconds * 1000:.1f} ms")

    showcase = argmap.load(SHOWCASE)
    seconds, _, preferred = best_of(args.repeat, lambda: evaluate(showcase, "preferred"))
    print(f"preferred on {SHOWCASE.name}: {seconds * 1000:.1f} ms, {len(preferred.labellings)} labelling(s)")

    if total > BUDGET_SECONDS:
        busy = " (the CPU time is within it: is the machine busy?)" if cpu <= BUDGET_SECONDS else ""
        print(f"over budget: {total:.3f} s > {BUDGET_SECONDS} s{busy}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
