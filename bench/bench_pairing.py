"""How well ``compare`` reads real student work: the evaluation set of
``tests/teaching/classes/`` (or any folder laid out like it) graded against the
instructor's key.

    python bench/bench_pairing.py                    # the whole set
    python bench/bench_pairing.py --class phones -v  # one passage, student by student
    python bench/bench_pairing.py --json             # the figures as JSON

A class is a folder with ``model.arg`` (the model answer), ``students/*.arg`` and
``key.toml``: for each student the instructor's fair mark (``fair``), the
mistakes planted (``mistakes``: a kind with the model box, ``reference``, or the
student's box, ``student``, it is about) and the model box each student box says
(``pairs``; ``""`` for none). The script prints:

- pairing accuracy: student boxes paired with the model box of the key (a box
  the key pairs with nothing counts as right when it is left unpaired);
- planted mistakes named: a reported mistake of the same kind about that box;
- false alarms: reported mistakes that match no planted mistake;
- the mean and largest |score - fair mark|, and the lowest score of the maps with
  no planted mistake (near-perfect maps in other words);
- maps flagged for checking by hand;
- the CPU time ``compare`` takes per map.

The targets are in ``tests/teaching/classes/targets.toml``; the script exits
with 1 when a figure misses its target (``tests/teaching/test_pairing_bench.py``
guards them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argmap  # noqa: E402
from argmap.teaching import compare  # noqa: E402

CLASSES = Path(__file__).resolve().parents[1] / "tests" / "teaching" / "classes"
TARGETS = CLASSES / "targets.toml"


def class_folders(root: Path, only: list[str] | None = None) -> list[Path]:
    """The class folders under *root* (those with a ``key.toml``), by name."""
    found = sorted(path.parent for path in root.glob("*/key.toml"))
    if only:
        found = [path for path in found if path.name in only]
    return found


def _planted_named(planted: dict, mistakes: list) -> bool:
    for mistake in mistakes:
        if mistake.kind != planted["kind"]:
            continue
        if "reference" in planted and planted["reference"] in mistake.reference:
            return True
        if "student" in planted and planted["student"] in mistake.student:
            return True
    return False


def _is_planted(mistake, planted: list[dict]) -> bool:
    return any(_planted_named(one, [mistake]) for one in planted)


def grade_student(reference: argmap.Map, path: Path, entry: dict) -> dict:
    """One student's map against the key: what was paired right, named, missed."""
    student = argmap.load(path)
    started = time.process_time()
    result = compare(student, reference)
    seconds = time.process_time() - started
    paired = {match.student: match.reference for match in result.matches}
    pairs = entry.get("pairs", {})
    wrong_pairs = {box: (paired.get(box, ""), want) for box, want in pairs.items() if paired.get(box, "") != want}
    planted = entry.get("mistakes", [])
    mistakes = list(result.mistakes)
    return {
        "student": path.stem,
        "score": result.score,
        "fair": entry["fair"],
        "error": abs(result.score - entry["fair"]),
        "boxes": len(pairs),
        "paired_right": len(pairs) - len(wrong_pairs),
        "wrong_pairs": wrong_pairs,
        "planted": len(planted),
        "missed": [p for p in planted if not _planted_named(p, mistakes)],
        "false_alarms": [
            f"{m.kind} {list(m.reference) or list(m.student)}" for m in mistakes if not _is_planted(m, planted)
        ],
        "review": bool(getattr(result, "review", False)),
        "near_perfect": not planted,
        "seconds": seconds,
    }


def grade_class(folder: Path) -> list[dict]:
    """Every student of one class folder, graded against its key."""
    key = tomllib.loads((folder / "key.toml").read_text(encoding="utf-8"))
    reference = argmap.load(folder / "model.arg")
    rows = []
    for name, entry in key.items():
        row = grade_student(reference, folder / "students" / f"{name}.arg", entry)
        row["class"] = folder.name
        rows.append(row)
    return rows


def figures(rows: list[dict]) -> dict:
    """The figures of the whole set from the rows of its students."""
    boxes = sum(r["boxes"] for r in rows)
    planted = sum(r["planted"] for r in rows)
    errors = [r["error"] for r in rows]
    near = [r["score"] for r in rows if r["near_perfect"]]
    return {
        "maps": len(rows),
        "pairing_accuracy": round(sum(r["paired_right"] for r in rows) / boxes, 4) if boxes else 1.0,
        "planted": planted,
        "planted_named": planted - sum(len(r["missed"]) for r in rows),
        "false_alarms": sum(len(r["false_alarms"]) for r in rows),
        "mean_score_error": round(sum(errors) / len(errors), 2) if errors else 0.0,
        "max_score_error": max(errors, default=0),
        "min_near_perfect_score": min(near, default=100),
        "review": sum(r["review"] for r in rows),
        "cpu_seconds_per_map": round(sum(r["seconds"] for r in rows) / len(rows), 3) if rows else 0.0,
    }


def misses(found: dict, targets: dict) -> list[str]:
    """The figures that miss their targets, as sentences."""
    failed = []
    if found["pairing_accuracy"] < targets["min_pairing_accuracy"]:
        failed.append(f"pairing accuracy {found['pairing_accuracy']:.1%} < {targets['min_pairing_accuracy']:.0%}")
    if found["planted"] - found["planted_named"] > targets["max_planted_missed"]:
        failed.append(f"{found['planted'] - found['planted_named']} planted mistakes not named")
    if found["false_alarms"] > targets["max_false_alarms"]:
        failed.append(f"{found['false_alarms']} false alarms > {targets['max_false_alarms']}")
    if found["mean_score_error"] > targets["max_mean_score_error"]:
        failed.append(f"mean score error {found['mean_score_error']} > {targets['max_mean_score_error']}")
    if found["max_score_error"] > targets["max_score_error"]:
        failed.append(f"largest score error {found['max_score_error']} > {targets['max_score_error']}")
    if found["min_near_perfect_score"] < targets["min_near_perfect_score"]:
        failed.append(
            f"a near-perfect map scores {found['min_near_perfect_score']} < {targets['min_near_perfect_score']}"
        )
    return failed


def _print_rows(rows: list[dict]) -> None:
    for r in rows:
        flags = " review" if r["review"] else ""
        print(
            f"{r['class']:>12} {r['student']:<6} score {r['score']:>3} fair {r['fair']:>3} "
            f"paired {r['paired_right']}/{r['boxes']}{flags}"
        )
        for box, (got, want) in r["wrong_pairs"].items():
            print(f"{'':>20}pair {box}: {got or '-'} (key: {want or '-'})")
        for planted in r["missed"]:
            print(f"{'':>20}not named: {planted}")
        for alarm in r["false_alarms"]:
            print(f"{'':>20}false alarm: {alarm}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--classes", type=Path, default=CLASSES, help="the folder of class folders")
    parser.add_argument("--class", dest="only", action="append", help="only this class (repeatable)")
    parser.add_argument("--targets", type=Path, default=TARGETS)
    parser.add_argument("-v", "--verbose", action="store_true", help="student by student")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)

    rows = [row for folder in class_folders(args.classes, args.only) for row in grade_class(folder)]
    found = figures(rows)
    targets = tomllib.loads(args.targets.read_text(encoding="utf-8"))
    failed = misses(found, targets)
    if args.json:
        print(json.dumps(found | {"misses": failed}, indent=2))
        return 1 if failed else 0
    if args.verbose:
        _print_rows(rows)
    print(
        f"maps: {found['maps']}  pairing accuracy: {found['pairing_accuracy']:.1%}  "
        f"planted mistakes named: {found['planted_named']}/{found['planted']}  "
        f"false alarms: {found['false_alarms']}"
    )
    print(
        f"score error: mean {found['mean_score_error']}, max {found['max_score_error']}  "
        f"lowest near-perfect score: {found['min_near_perfect_score']}  "
        f"flagged for review: {found['review']}"
    )
    print(f"compare: {found['cpu_seconds_per_map']} s of CPU per map")
    for line in failed:
        print(f"target missed: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
