"""The evaluation set of tests/teaching/classes/ keeps the figures of
tests/teaching/classes/targets.toml (bench/bench_pairing.py prints them):
boxes paired right, planted mistakes named, few false alarms, scores near the
instructor's fair marks, and a near-perfect map in other words scoring high."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_pairing", ROOT / "bench" / "bench_pairing.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

TARGETS = tomllib.loads(bench.TARGETS.read_text(encoding="utf-8"))
CLASSES = bench.class_folders(bench.CLASSES)


def test_the_set_is_large_enough():
    """At least three passages, each with a model answer and eight students."""
    assert len(CLASSES) >= 3
    for folder in CLASSES:
        assert (folder / "model.arg").is_file()
        assert len(list((folder / "students").glob("*.arg"))) >= 8


@pytest.mark.parametrize("folder", CLASSES, ids=[folder.name for folder in CLASSES])
def test_each_class_meets_the_targets(folder):
    figures = bench.figures(bench.grade_class(folder))
    assert bench.misses(figures, TARGETS) == []


def test_the_bench_can_fail(tmp_path):
    """A key that pairs boxes wrongly and plants a mistake no map makes misses
    the targets (the bench measures something)."""
    source = CLASSES[0]
    broken = tmp_path / source.name
    (broken / "students").mkdir(parents=True)
    (broken / "model.arg").write_bytes((source / "model.arg").read_bytes())
    key = tomllib.loads((source / "key.toml").read_text(encoding="utf-8"))
    name, entry = next(iter(key.items()))
    (broken / "students" / f"{name}.arg").write_bytes((source / "students" / f"{name}.arg").read_bytes())
    boxes = list(entry["pairs"])
    wrong = ", ".join(f'{box} = "{entry["pairs"][boxes[(i + 1) % len(boxes)]]}"' for i, box in enumerate(boxes))
    (broken / "key.toml").write_text(
        f'[{name}]\nfair = 20\nmistakes = [{{ kind = "merged-reasons", reference = "nothing" }}]\n'
        f"pairs = {{ {wrong} }}\n",
        encoding="utf-8",
    )
    figures = bench.figures(bench.grade_class(broken))
    missed = bench.misses(figures, TARGETS)
    assert any("pairing accuracy" in m for m in missed)
    assert any("not named" in m for m in missed)
    assert any("score error" in m for m in missed)
