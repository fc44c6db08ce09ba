"""The wheel: it ships the grammar and the JSON Schema, and works installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr[-300:]}")
    return next(out.glob("argmap-*.whl"))


def test_wheel_ships_grammar_and_schema(wheel):
    """grammars/argmap.lark, the JSON Schema and the scheme catalogue are inside the wheel."""
    names = zipfile.ZipFile(wheel).namelist()
    assert "argmap/grammars/argmap.lark" in names
    assert "argmap/schemas/argmap-map.schema.json" in names
    assert "argmap/schemes/catalogue.toml" in names
    for asset in ("interactive.html", "interactive.css", "interactive.js"):
        assert f"argmap/embed/assets/{asset}" in names  # the interactive page's parts


def test_installed_wheel_parses_with_its_own_grammar(wheel, tmp_path):
    """Unpacked away from the source tree, the package finds its grammar and parses."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import argmap, argmap.parsing as p\n"
        "assert argmap.__file__.startswith(%r), argmap.__file__\n"
        "m = argmap.parse('conclusion: A.\\n  premise: B.\\n')\n"
        "from argmap.schemes import builtin_catalogue\n"
        "assert builtin_catalogue().find('expert-opinion')\n"
        "print(len(m.nodes), p._grammar_path())\n" % str(site)
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    count, grammar = result.stdout.split()
    assert count == "2"
    assert grammar.startswith(str(site))
