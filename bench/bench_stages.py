"""Where the time of `argmap check` and `export --to json` goes, stage by stage.

    python bench/bench_stages.py [--nodes 50000] [--repeat 3]

On the shallow and the deep generated maps (bench/generate.py), in this process,
the CPU time (best of --repeat; CPU time is what a shared machine disturbs least) of:

    reading            the text to its outline (``parse_outline``): a well-formed file
                       is read directly, line by line with the grammar's terminals
    reading with Lark  the same with Lark's lexer, indenter and LALR parser, as a file
                       with a mistake in it is read (``parse_outline(using=parser())``)
    Lark's lexer       of that, Lark's contextual lexer and argmap's indenter alone
                       (``Lark.lex``)
    build              the outline to the map (``build_map``)
    checks             every check (``check_map``)
    diagnostics        formatting every finding as ``file:line:col: message``
    json               ``to_json(map, indent=None)`` (the export's default off a
                       terminal) and ``indent=2`` (on a terminal)

and the number of tokens Lark's LALR parser is fed (lines, _INDENT and _DEDENT).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate_arg, generate_deep_arg  # noqa: E402

from argmap.build import build_map  # noqa: E402
from argmap.checks import check_map  # noqa: E402
from argmap.diagnostics import format_diagnostic  # noqa: E402
from argmap.jsonio import to_json  # noqa: E402
from argmap.parsing import normalise_newlines, parse_outline, parser  # noqa: E402


def best_cpu(repeat: int, action) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        result = action()
        best = min(best, time.process_time() - started)
    return best, result


def stages(text: str, repeat: int) -> tuple[dict[str, float], Counter]:
    lark = parser()
    prepared = "\n" + normalise_newlines(text) + "\n"
    lexing, tokens = best_cpu(repeat, lambda: list(lark.lex(prepared)))
    reading, outline = best_cpu(repeat, lambda: parse_outline(text, "map.arg"))
    with_lark, _ = best_cpu(repeat, lambda: parse_outline(text, "map.arg", using=lark))
    building, the_map = best_cpu(repeat, lambda: build_map(outline))
    checking, found = best_cpu(repeat, lambda: check_map(the_map, file="map.arg"))
    lines = outline.source_lines

    def format_all():
        return [format_diagnostic(d, lines[d.line - 1] if d.line else None) for d in found]

    formatting, _ = best_cpu(repeat, format_all)
    compact, _ = best_cpu(repeat, lambda: to_json(the_map, indent=None))
    indented, _ = best_cpu(repeat, lambda: to_json(the_map, indent=2))
    kinds = Counter("line" if token.type not in ("_INDENT", "_DEDENT") else token.type for token in tokens)
    return {
        "reading": reading,
        "reading with Lark": with_lark,
        "of which Lark's lexer + indenter": lexing,
        "build": building,
        "checks": checking,
        "diagnostics": formatting,
        "json compact": compact,
        "json indented": indented,
    }, kinds


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--nodes", type=int, default=50_000)
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args()
    maps = {"shallow": generate_arg(args.nodes, undercuts=True), "deep": generate_deep_arg(args.nodes)}
    results = {shape: stages(text, args.repeat) for shape, text in maps.items()}
    print(f"CPU seconds, best of {args.repeat}, {args.nodes:,} nodes\n")
    print("| stage | " + " | ".join(maps) + " |")
    print("|---|" + "---:|" * len(maps))
    for stage in results["shallow"][0]:
        print(f"| {stage} | " + " | ".join(f"{results[shape][0][stage]:.3f}" for shape in maps) + " |")
    for kind in ("line", "_INDENT", "_DEDENT"):
        print(f"| tokens: {kind} | " + " | ".join(f"{results[shape][1][kind]:,}" for shape in maps) + " |")


if __name__ == "__main__":
    main()
