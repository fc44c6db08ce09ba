"""How well the maps in maps/ read: layout metrics of argmap's pictures beside Argdown's.

    python bench/bench_layout.py                    # every map, every engine here
    python bench/bench_layout.py --engines embedded --no-argdown
    python bench/bench_layout.py --json out.json --annotate

Every map in ``maps/`` and in ``tests/draw/layout/unseen/`` (maps written to check the
layout on maps it was not tuned to) is drawn with argmap's default options by each engine that is
available (``embedded`` always, ``system`` when Graphviz's dot is on PATH), and, for
comparison, exported with ``argmap export --to argdown`` and drawn as SVG by
Argdown's own CLI (``argdown map --format svg``; ``$ARGDOWN_CLI``, else
``.argdown-cli/`` at the repository root, else ``argdown`` on PATH). Argdown's SVGs
are cached in ``bench/.argdown/layout/`` by the hash of the exported text; every SVG
is written to ``bench/out/layout/`` (both git-ignored) to be looked at.

The metrics are those of ``bench/layout_metrics.py`` (a copy of the project's
shared measuring tool): crossings, length of lines lying on top of each other
(``edge_overlap_pt``), box overlaps, lines through boxes, and the size body text is
printed at when the picture is fitted to A4 landscape. The targets of issue 14 are
checked and each miss is printed; the exit status is 1 when one is missed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import layout_metrics  # noqa: E402

import argmap  # noqa: E402
from argmap.draw import render, system_dot  # noqa: E402
from argmap.interop import to_argdown  # noqa: E402

MAPS = ROOT / "maps"
UNSEEN = ROOT / "tests" / "draw" / "layout" / "unseen"
"""Maps written to check the layout on maps it was not tuned to."""
OUT = BENCH / "out" / "layout"
ARGDOWN_CACHE = BENCH / ".argdown" / "layout"
COLUMNS = (
    ("crossings", "cross"),
    ("edge_overlap_pt", "overlap pt"),
    ("box_overlaps", "box ovl"),
    ("edge_through_box", "thru box"),
    ("body_text_pt_on_a4", "A4 text pt"),
    ("aspect", "aspect"),
)
OVERLAP_LIMIT = 150.0
SMALL_MAP = 25
SMALL_TEXT, LARGE_TEXT = 5.5, 4.0


def argdown_cli() -> str | None:
    """The ``argdown`` program, or None (no Node.js or no CLI)."""
    if shutil.which("node") is None:
        return None
    candidates = [
        os.environ.get("ARGDOWN_CLI"),
        str(ROOT / ".argdown-cli" / "node_modules" / ".bin" / "argdown"),
        "/work/.argdown-cli/node_modules/.bin/argdown",
        shutil.which("argdown"),
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def argdown_svg(cli: str, stem: str, text: str) -> str | None:
    """Argdown's SVG of the Argdown *text*, from the cache or made now."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    cached = ARGDOWN_CACHE / f"{stem}-{digest}.svg"
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{stem}.argdown"
        source.write_text(text, encoding="utf-8")
        subprocess.run(
            [cli, "map", "--format", "svg", str(source), work], capture_output=True, timeout=300, check=False
        )
        produced = Path(work) / f"{stem}.svg"
        if not produced.exists():
            return None
        ARGDOWN_CACHE.mkdir(parents=True, exist_ok=True)
        shutil.copy(produced, cached)
        return produced.read_text(encoding="utf-8")


def measure_map(path: Path, engines: list[str], cli: str | None, annotate: bool, options: dict) -> dict:
    """The metrics of *path* drawn by each of *engines* (and by Argdown, if *cli*)."""
    the_map = argmap.load(path)
    results: dict[str, dict] = {}
    OUT.mkdir(parents=True, exist_ok=True)
    for engine in engines:
        svg = render(the_map, "svg", engine=engine, **options).decode("utf-8")
        results[engine] = _measured(svg, OUT / f"{path.stem}-{engine}.svg", annotate)
    if cli:
        svg = argdown_svg(cli, path.stem, to_argdown(the_map))
        if svg is not None:
            results["argdown"] = _measured(svg, OUT / f"{path.stem}-argdown.svg", annotate)
    return results


def _measured(svg: str, out: Path, annotate: bool) -> dict:
    out.write_text(svg, encoding="utf-8")
    metrics = layout_metrics.measure(svg)
    if annotate:
        annotated = out.with_name(out.stem + "-annotated.svg")
        annotated.write_text(layout_metrics.annotate(svg), encoding="utf-8")
    return metrics


def misses(name: str, tool: str, metrics: dict, argdown: dict | None) -> list[str]:
    """The targets of issue 14 that *metrics* (argmap's, by one engine) misses."""
    found = []
    if metrics["box_overlaps"]:
        found.append(f"{name} ({tool}): {metrics['box_overlaps']} box overlaps")
    if metrics["edge_through_box"]:
        found.append(f"{name} ({tool}): {metrics['edge_through_box']} lines through boxes")
    if metrics["edge_overlap_pt"] > OVERLAP_LIMIT:
        found.append(f"{name} ({tool}): {metrics['edge_overlap_pt']:.0f} pt of lines on top of each other")
    floor = SMALL_TEXT if metrics["boxes"] <= SMALL_MAP else LARGE_TEXT
    if metrics["body_text_pt_on_a4"] < floor:
        found.append(f"{name} ({tool}): body text {metrics['body_text_pt_on_a4']} pt on A4 (< {floor})")
    if argdown is not None and metrics["crossings"] > argdown["crossings"]:
        found.append(f"{name} ({tool}): {metrics['crossings']} crossings, Argdown {argdown['crossings']}")
    return found


def table(results: dict[str, dict[str, dict]]) -> str:
    header = ["map", "boxes", "tool", *(label for _, label in COLUMNS)]
    rows = [header, ["---"] * len(header)]
    for name, tools in results.items():
        for tool, metrics in tools.items():
            cells = [name, str(metrics["boxes"]), tool]
            cells += [
                f"{metrics[key]:g}" if isinstance(metrics[key], float) else str(metrics[key]) for key, _ in COLUMNS
            ]
            rows.append(cells)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def summed_misses(results: dict[str, dict[str, dict]], engines: list[str]) -> list[str]:
    """Crossings summed over the maps must be at most half of Argdown's."""
    found = []
    with_argdown = [tools for tools in results.values() if "argdown" in tools]
    theirs = sum(tools["argdown"]["crossings"] for tools in with_argdown)
    for engine in engines:
        ours = sum(tools[engine]["crossings"] for tools in with_argdown)
        if with_argdown and ours > theirs / 2:
            found.append(f"{engine}: {ours} crossings summed, more than half of Argdown's {theirs}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("maps", nargs="*", type=Path, help="maps to draw (default: every map in maps/)")
    parser.add_argument("--engines", nargs="+", choices=["embedded", "system"], help="default: every one here")
    parser.add_argument("--no-argdown", action="store_true", help="do not draw with Argdown")
    parser.add_argument("--annotate", action="store_true", help="also write SVGs with the findings drawn")
    parser.add_argument("--json", type=Path, help="write every metric here as JSON")
    parser.add_argument("--direction", help="render option (default: argmap's default)")
    parser.add_argument("--page", help="render option (default: argmap's default)")
    args = parser.parse_args(argv)
    engines = args.engines or (["embedded", "system"] if system_dot() else ["embedded"])
    cli = None if args.no_argdown else argdown_cli()
    if not args.no_argdown and cli is None:
        print("Argdown CLI not found (set ARGDOWN_CLI): argmap only", file=sys.stderr)
    options = {key: value for key, value in (("direction", args.direction), ("page", args.page)) if value}
    paths = args.maps or sorted(MAPS.glob("*.arg")) + sorted(UNSEEN.glob("*.arg"))
    results = {path.stem: measure_map(path, engines, cli, args.annotate, options) for path in paths}
    print(table(results))
    found = summed_misses(results, engines)
    for name, tools in results.items():
        for engine in engines:
            found += misses(name, engine, tools[engine], tools.get("argdown"))
    for theirs in ("argdown",):
        with_it = [tools for tools in results.values() if theirs in tools]
        if with_it:
            sums = {tool: sum(tools[tool]["crossings"] for tools in with_it) for tool in [*engines, theirs]}
            print("\ncrossings summed: " + ", ".join(f"{tool} {count}" for tool, count in sums.items()))
    print(f"SVGs in {OUT.relative_to(ROOT)}/")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    for miss in found:
        print("MISSED:", miss)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
