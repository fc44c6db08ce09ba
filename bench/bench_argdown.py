"""Side by side with Argdown: the same maps, the same jobs, in new processes.

    python bench/bench_argdown.py                       # every task, every size
    python bench/bench_argdown.py --sizes 100 1000 --runs 3 --tasks check json --shapes deep

Generates equivalent maps as .arg and .argdown (bench/generate.py) of two shapes:
``shallow``, balanced sections of reasons, objections and rebuttals with an undercut
premise in every third section, and ``deep``, a random outline up to 30 levels deep
with 90-character statements; installs the Argdown CLI into bench/.argdown with
npm when it is not there, checks once per size that `argdown json` sees the same
statements and relations as argmap, then runs both tools in alternation and prints
the median wall time, CPU time (user + system, of the process and its children) and
peak memory of each, with the ratios ours / theirs, and the wall time of a first run
(argmap with an empty cache directory: no grammar tables, no compiled Graphviz;
Argdown's first run, before the warm-up):

    startup   a trivial map: `argmap check` vs `argdown json`
    check     parse + check: `argmap check` vs `argdown json`
    json      the same job: `argmap export --to json` vs `argdown json`
    dot       DOT export: `argmap render --format dot` vs `argdown map --format dot`
    svg       SVG (up to 1,000 nodes): `argmap render` vs `argdown map --format svg`

The Argdown CLI is $ARGDOWN_CLI when set, else bench/.argdown's.

Peak memory is the ru_maxrss of each run as GNU time reports it (apt-get install
time; wait4's figure without it): the largest resident set of the process and of
the children it waited for (Graphviz's dot, for argmap's SVG), measured the same
way for both tools. Results go to bench/results.json and
into the generated block of bench/RESULTS.md. Target: every time ratio at most 0.4,
every memory ratio at most 0.3.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from functools import cache
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

# after the sys.path lines above: run as a script, bench/ is not on the path
from generate import (  # noqa: E402
    generate_arg,
    generate_argdown,
    generate_deep_arg,
    generate_deep_argdown,
)

ARGDOWN_PREFIX = BENCH / ".argdown"
ARGDOWN = Path(os.environ.get("ARGDOWN_CLI") or ARGDOWN_PREFIX / "node_modules" / ".bin" / "argdown")
OUT = BENCH / "out" / "argdown"
RESULTS_JSON = BENCH / "results.json"
RESULTS_MD = BENCH / "RESULTS.md"
SIZES = (100, 1_000, 5_000, 20_000, 50_000)
TASKS = ("startup", "check", "json", "dot", "svg")
SHAPES = ("shallow", "deep")
SVG_MAX_NODES = 1_000
TARGET = 0.4
MEMORY_TARGET = 0.3
BEGIN, END = "<!-- bench_argdown:begin -->", "<!-- bench_argdown:end -->"

TRIVIAL_ARG = "conclusion c0: A small map.\n  premise p1: A reason for it.\n"
TRIVIAL_ARGDOWN = "[c0]: A small map.\n  + [p1]: A reason for it.\n"


# --- the tools ---------------------------------------------------------------


def argmap_command() -> list[str]:
    """The installed ``argmap`` script beside this Python, else ``python -m argmap``."""
    script = Path(sys.executable).with_name("argmap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "argmap"]


def compile_argmap() -> None:
    """Byte-compile argmap's modules, as ``pip install`` does for an installed wheel:
    an editable install under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile
    every module again in every run, a cost no user of an installed argmap pays."""
    import compileall

    import argmap

    compileall.compile_dir(str(Path(argmap.__file__).parent), quiet=1)


def install_argdown() -> None:
    """``npm install --prefix bench/.argdown @argdown/cli``, once."""
    if ARGDOWN.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is not on PATH: install Node.js (20 or newer) to run the Argdown side")
    print("installing @argdown/cli into bench/.argdown ...", file=sys.stderr)
    subprocess.run([npm, "install", "--prefix", str(ARGDOWN_PREFIX), "@argdown/cli"], check=True)


def commands(task: str, size: int, shape: str = "shallow") -> tuple[list[str], list[str]]:
    """(ours, theirs) for *task* on the map of *size* nodes of *shape*."""
    arg, argdown = paths(size, shape)
    out = OUT / f"results-{shape}-{size}"
    ours = argmap_command()
    if task in ("startup", "check"):
        return [*ours, "check", str(arg)], [str(ARGDOWN), "json", str(argdown), str(out)]
    if task == "json":
        return (
            [*ours, "export", "--to", "json", "-o", str(out / f"ours-{size}.json"), str(arg)],
            [str(ARGDOWN), "json", str(argdown), str(out)],
        )
    if task == "dot":
        return (
            [*ours, "render", "--format", "dot", "-o", str(out / f"ours-{size}.dot"), str(arg)],
            [str(ARGDOWN), "map", "--format", "dot", str(argdown), str(out)],
        )
    if task == "svg":
        return (
            [*ours, "render", "--format", "svg", "-o", str(out / f"ours-{size}.svg"), str(arg)],
            [str(ARGDOWN), "map", "--format", "svg", str(argdown), str(out)],
        )
    raise ValueError(f"unknown task '{task}' (must be one of {', '.join(TASKS)})")


# --- the maps ----------------------------------------------------------------


def paths(size: int, shape: str = "shallow") -> tuple[Path, Path]:
    name = "trivial" if size == 0 else f"map-{size}" if shape == "shallow" else f"deep-{size}"
    return OUT / f"{name}.arg", OUT / f"{name}.argdown"


def _texts(size: int, shape: str) -> tuple[str, str]:
    if size == 0:
        return TRIVIAL_ARG, TRIVIAL_ARGDOWN
    if shape == "deep":
        return generate_deep_arg(size), generate_deep_argdown(size)
    return generate_arg(size, undercuts=True), generate_argdown(size, undercuts=True)


def write_maps(sizes: list[int], shapes: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for shape in shapes:
        for size in [0, *sizes]:
            arg, argdown = paths(size, shape)
            (OUT / f"results-{shape}-{size}").mkdir(exist_ok=True)
            ours, theirs = _texts(size, shape)
            arg.write_text(ours, encoding="utf-8")
            argdown.write_text(theirs, encoding="utf-8")


@cache
def counts_of_ours(size: int, shape: str = "shallow") -> tuple[dict[str, int], dict[str, str]]:
    """Statements and relations of the .arg map, and the id -> text of its nodes."""
    import argmap

    the_map = argmap.load(paths(size, shape)[0])
    kinds = Counter(relation.kind for relation in the_map.relations)
    return {
        "statements": len(the_map.nodes),
        "support": kinds["support"],
        "attack": kinds["attack"],
        "undercut": kinds["undercut"],
    }, {node.id: node.text for node in the_map.nodes}


def counts_of_argdown(size: int, shape: str = "shallow") -> tuple[dict[str, int], dict[str, str]]:
    """The same counts from `argdown json`: an argument in premise-conclusion form is
    one support (of its conclusion, by its premises together)."""
    argdown = paths(size, shape)[1]
    out = OUT / f"results-{shape}-{size}"
    subprocess.run(
        [str(ARGDOWN), "json", str(argdown), str(out)],
        check=True,
        cwd=OUT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    data = json.loads((out / f"{argdown.stem}.json").read_text(encoding="utf-8"))
    kinds = Counter(relation["relationType"] for relation in data["relations"])
    texts = {}
    for title, statement in data["statements"].items():
        text = next((m["text"] for m in statement["members"] if m.get("text", "").strip()), "")
        texts[title] = " ".join(re.sub(r"\s#[\w-]+", "", " " + text).split())
    return {
        "statements": len(data["statements"]),
        "support": kinds["support"] + len(data["arguments"]),
        "attack": kinds["attack"],
        "undercut": kinds["undercut"],
    }, texts


def verify(size: int, shape: str = "shallow") -> dict[str, int]:
    """Stop unless both tools read the same statements (ids and texts) and relations."""
    ours, our_texts = counts_of_ours(size, shape)
    theirs, their_texts = counts_of_argdown(size, shape)
    if ours != theirs:
        sys.exit(f"the {shape} maps of {size} nodes differ: argmap {ours}, argdown {theirs}")
    different = [node_id for node_id, text in our_texts.items() if their_texts.get(node_id) != text]
    if different:
        sys.exit(
            f"the maps of {size} nodes differ in {len(different)} texts, e.g. '{different[0]}': "
            f"{our_texts[different[0]]!r} vs {their_texts.get(different[0])!r}"
        )
    return ours


# --- measuring ---------------------------------------------------------------


TIME = shutil.which("time", path="/usr/bin:/bin")


def run_once(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, of the process and the children it
    waited for) and peak resident MB of one run of *command*.

    The peak comes from GNU time (``%M``, the ru_maxrss of its child) when it is
    installed: Linux counts the resident set of the process that forked a child
    into the child's peak, so a benchmark that has parsed a big map would lend it
    to every tool it starts; /usr/bin/time is small. Without it, wait4's figure."""
    record = OUT / "time.txt"
    wrapped = [TIME, "-q", "-f", "%M", "-o", str(record), *command] if TIME else command
    started = time.perf_counter()
    process = subprocess.Popen(wrapped, cwd=OUT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # argmap check exits 1 when it finds errors
        sys.exit(f"{' '.join(command)} failed with exit code {process.returncode}")
    kilobytes = int(record.read_text().split()[-1]) if TIME else usage.ru_maxrss  # KB on Linux
    return seconds, usage.ru_utime + usage.ru_stime, kilobytes / 1024


def first_runs(ours: list[str], theirs: list[str]) -> tuple[float, float]:
    """Wall seconds of a first run of each: argmap with an empty cache directory
    (as just after ``pip install``), Argdown's first run."""
    with tempfile.TemporaryDirectory(prefix="argmap-cache-") as empty:
        ours_s = run_once(ours, env={**os.environ, "ARGMAP_CACHE_DIR": empty})[0]
    return ours_s, run_once(theirs)[0]


def measure(task: str, size: int, runs: int, shape: str = "shallow") -> dict:
    ours, theirs = commands(task, size, shape)
    ours_first, argdown_first = first_runs(ours, theirs)
    run_once(ours), run_once(theirs)  # warm the caches: argmap's grammar, the disk
    samples: dict[str, list[tuple[float, float, float]]] = {"ours": [], "theirs": []}
    for index in range(runs):
        order = (("ours", ours), ("theirs", theirs)) if index % 2 == 0 else (("theirs", theirs), ("ours", ours))
        for who, command in order:
            samples[who].append(run_once(command))

    def median(who: str, column: int) -> float:
        return statistics.median(sample[column] for sample in samples[who])

    ours_s, argdown_s = median("ours", 0), median("theirs", 0)
    ours_cpu, argdown_cpu = median("ours", 1), median("theirs", 1)
    ours_mb, argdown_mb = median("ours", 2), median("theirs", 2)
    return {
        "task": task,
        "shape": "-" if size == 0 else shape,
        "nodes": size_in_nodes(size, shape),
        "ours_s": round(ours_s, 3),
        "argdown_s": round(argdown_s, 3),
        "ratio": round(ours_s / argdown_s, 3),
        "ours_cpu": round(ours_cpu, 3),
        "argdown_cpu": round(argdown_cpu, 3),
        "cpu_ratio": round(ours_cpu / argdown_cpu, 3) if argdown_cpu else None,
        "ours_first_s": round(ours_first, 3),
        "argdown_first_s": round(argdown_first, 3),
        "ours_mb": round(ours_mb, 1),
        "argdown_mb": round(argdown_mb, 1),
        "memory_ratio": round(ours_mb / argdown_mb, 3),
    }


def size_in_nodes(size: int, shape: str = "shallow") -> int:
    return 2 if size == 0 else counts_of_ours(size, shape)[0]["statements"]


# --- reporting ---------------------------------------------------------------


def machine() -> dict[str, str]:
    """What the figures were taken on."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    memory = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), None)
    node = _output(["node", "--version"])
    argdown = json.loads((ARGDOWN.parent.parent / "@argdown" / "cli" / "package.json").read_text())["version"]
    dot = _output(["dot", "-V"])
    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical cores",
        "memory": f"{int(memory) / 1024 / 1024:.1f} GB" if memory else "unknown",
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "python": platform.python_version(),
        "node": node,
        "argdown": f"@argdown/cli {argdown}",
        "graphviz": dot,
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def _output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "not found"
    return (done.stdout + done.stderr).strip().splitlines()[0] if (done.stdout + done.stderr).strip() else "unknown"


def table(results: list[dict]) -> str:
    rows = [
        "| task | shape | nodes | argmap s | argdown s | time ratio | argmap CPU s | argdown CPU s | CPU ratio "
        "| first run: argmap s | argdown s | argmap MB | argdown MB | memory ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def mark(x, target=TARGET):
        return "-" if x is None else f"**{x:.2f}**" if x > target else f"{x:.2f}"

    for r in results:
        rows.append(
            f"| {r['task']} | {r['shape']} | {r['nodes']:,} | {r['ours_s']:.3f} | {r['argdown_s']:.3f} "
            f"| {mark(r['ratio'])} | {r['ours_cpu']:.3f} | {r['argdown_cpu']:.3f} | {mark(r['cpu_ratio'])} "
            f"| {r['ours_first_s']:.3f} | {r['argdown_first_s']:.3f} "
            f"| {r['ours_mb']:.0f} | {r['argdown_mb']:.0f} | {mark(r['memory_ratio'], MEMORY_TARGET)} |"
        )
    return "\n".join(rows)


def report(
    results: list[dict],
    about: dict[str, str],
    loads: tuple[str, str, str],
    runs: int,
    counts: dict[tuple[str, int], dict[str, int]],
) -> str:
    lines = [
        BEGIN,
        "",
        (
            f"Taken {time.strftime('%Y-%m-%d %H:%M %Z')}; median of {runs} runs of each tool, "
            "in alternation, after one warm-up run of each."
        ),
        "",
    ]
    lines += [f"- {key}: {value}" for key, value in about.items()]
    lines += [
        (
            f"- load average (1, 5, 15 min) at the start: {loads[0]}; after checking the maps, before timing: "
            f"{loads[1]}; at the end: {loads[2]} (the runs themselves load the machine: Node runs several "
            "threads)"
        ),
        "",
        table(results),
        "",
        f"Time and CPU ratios over {TARGET}, memory ratios over {MEMORY_TARGET}, are in bold.",
        "",
        (
            "What `argdown json` and argmap read from the maps (the same at every size; an Argdown argument "
            "counts as one support):"
        ),
        "",
        "| shape | nodes asked for | statements | supports | attacks | undercuts |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {shape} | {size:,} | {c['statements']:,} | {c['support']:,} | {c['attack']:,} | {c['undercut']:,} |"
        for (shape, size), c in sorted(counts.items())
    ]
    lines += ["", END]
    return "\n".join(lines)


def write_results(results: list[dict], block: str) -> None:
    RESULTS_JSON.write_text(json.dumps(results, indent=2) + "\n")
    text = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else "# argmap and Argdown\n\n" + BEGIN + END
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS_MD.write_text(text, encoding="utf-8")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    options.add_argument("--tasks", nargs="+", choices=TASKS, default=list(TASKS))
    options.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    options.add_argument("--runs", type=int, default=5)
    options.add_argument("--no-write", action="store_true", help="print only; leave results.json and RESULTS.md")
    args = options.parse_args(argv)
    at_start = load_average()

    install_argdown()
    compile_argmap()
    write_maps(args.sizes, args.shapes)
    counts = {}
    for shape in args.shapes:
        for size in args.sizes:
            counts[shape, size] = verify(size, shape)
            print(f"{shape:<8}{size:>6,}: same in both: {counts[shape, size]}", file=sys.stderr)
    before = load_average()
    results = []
    for task in args.tasks:
        for shape in args.shapes[:1] if task == "startup" else args.shapes:
            sizes = [0] if task == "startup" else [s for s in args.sizes if task != "svg" or s <= SVG_MAX_NODES]
            for size in sizes:
                result = measure(task, size, args.runs, shape)
                results.append(result)
                print(
                    f"{task:<8}{result['shape']:<8}{result['nodes']:>7,}  argmap {result['ours_s']:7.3f} s "
                    f"({result['ours_cpu']:.3f} CPU) {result['ours_mb']:6.0f} MB   "
                    f"argdown {result['argdown_s']:7.3f} s "
                    f"({result['argdown_cpu']:.3f} CPU) {result['argdown_mb']:6.0f} MB   "
                    f"ratio {result['ratio']:.2f} / {result['memory_ratio']:.2f}; first run "
                    f"{result['ours_first_s']:.3f} / {result['argdown_first_s']:.3f} s",
                    flush=True,
                )
    after = load_average()
    block = report(results, machine(), (at_start, before, after), args.runs, counts)
    print(table(results))
    if not args.no_write:
        write_results(results, block)
    over = [r for r in results if r["ratio"] > TARGET or r["memory_ratio"] > MEMORY_TARGET]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
