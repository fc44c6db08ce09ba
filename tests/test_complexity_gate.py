"""The complexity gate of CI (``.ci/complexity.py``) fails on a function over 15."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("radon", reason="the complexity gate needs radon (pip install -e '.[dev]')")

GATE = Path(__file__).resolve().parents[1] / ".ci" / "complexity.py"


def _gate():
    spec = importlib.util.spec_from_file_location("complexity_gate", GATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _branchy(name: str, conditions: int, indent: str = "") -> str:
    """A function of complexity ``1 + conditions``, one ``if`` per condition."""
    body = "".join(f"{indent}    if x == {n}:\n{indent}        return {n}\n" for n in range(conditions))
    return f"{indent}def {name}(x):\n{body}{indent}    return -1\n"


def test_a_function_over_the_limit_fails(tmp_path, capsys):
    source = tmp_path / "tangled.py"
    source.write_text("import os\n\n" + _branchy("tangled", 16) + "\n" + _branchy("plain", 14), encoding="utf-8")
    assert _gate().main([str(source)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{source}:3 tangled (17)"]


def test_fifteen_passes(tmp_path, capsys):
    source = tmp_path / "fine.py"
    source.write_text(_branchy("fine", 14), encoding="utf-8")
    assert _gate().main([str(source)]) == 0
    assert capsys.readouterr().out == ""


def test_boolean_operators_count_as_radon_counts(tmp_path):
    """Ruff's C901 would score this 2; radon scores each ``and``/``or`` too."""
    conditions = " and ".join(f"x[{n}]" for n in range(16))
    source = tmp_path / "chained.py"
    source.write_text(f"def chained(x):\n    if {conditions}:\n        return 1\n    return 0\n", encoding="utf-8")
    assert _gate().offenders(source) == [f"{source}:1 chained (17)"]


def test_methods_and_closures_are_scored_once(tmp_path):
    method = _branchy("method", 16, indent="    ")
    closure = _branchy("inner", 16, indent="    ")
    source = tmp_path / "nested.py"
    source.write_text(f"class Holder:\n{method}\n\ndef outer():\n{closure}    return inner\n", encoding="utf-8")
    found = _gate().offenders(source)
    assert [line.split(" ", 1)[1] for line in found] == ["Holder.method (17)", "inner (17)"]


def test_a_directory_is_walked_and_the_limit_can_be_set(tmp_path, capsys):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(_branchy("a", 5), encoding="utf-8")
    assert _gate().main(["--max", "4", str(tmp_path / "pkg")]) == 1
    assert capsys.readouterr().out.strip().endswith("a.py:1 a (6)")
