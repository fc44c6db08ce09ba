"""The wheel: it ships the grammar, the JSON Schema and ``py.typed``, and works installed.

Building a wheel takes seconds, so the tests that build one are slow; the quick test
asks hatchling (the build backend) which files it would put in the wheel."""

from __future__ import annotations

import subprocess
import sys
import venv
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


SHIPPED = (
    "argmap/py.typed",  # without it, users' type checkers ignore argmap's hints (PEP 561)
    "argmap/grammars/argmap.lark",
    "argmap/schemas/argmap-map.schema.json",
    "argmap/schemes/catalogue.toml",
)


def test_wheel_file_selection_ships_types_grammar_and_schema():
    """The files hatchling selects for the wheel (what it would build, without building)."""
    from hatchling.builders.wheel import WheelBuilder

    builder = WheelBuilder(str(ROOT))
    names = {included.distribution_path for included in builder.recurse_included_files()}
    assert "argmap/__init__.py" in names
    for path in SHIPPED:
        assert path in names


@pytest.mark.slow
def test_wheel_ships_grammar_and_schema(wheel):
    """grammars/argmap.lark, the JSON Schema, the scheme catalogue and py.typed are inside the wheel."""
    names = zipfile.ZipFile(wheel).namelist()
    for path in SHIPPED:
        assert path in names
    assert "argmap/schemas/argmap-map.schema.json" in names
    assert "argmap/schemes/catalogue.toml" in names
    for asset in ("interactive.html", "interactive.css", "interactive.js"):
        assert f"argmap/embed/assets/{asset}" in names  # the interactive page's parts


@pytest.mark.slow
def test_installed_wheel_parses_with_its_own_grammar(wheel, tmp_path):
    """Unpacked away from the source tree, the package finds its grammar and parses."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    script = (
        "import argmap, argmap.parsing as p\n"
        f"assert argmap.__file__.startswith({str(site)!r}), argmap.__file__\n"
        "m = argmap.parse('conclusion: A.\\n  premise: B.\\n')\n"
        "from argmap.schemes import builtin_catalogue\n"
        "assert builtin_catalogue().find('expert-opinion')\n"
        "print(len(m.nodes), p._grammar_path())\n"
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


@pytest.mark.slow
def test_type_checkers_read_the_installed_hints(wheel, tmp_path):
    """mypy, checking a user's script against the installed wheel, knows argmap's types
    (a map's nodes are not an int); without py.typed it would skip the package."""
    pytest.importorskip("mypy", reason="needs mypy (pip install '.[dev]')")
    environment = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    zipfile.ZipFile(wheel).extractall(site)
    script = tmp_path / "user.py"
    script.write_text('import argmap\n\nnodes: int = argmap.parse("conclusion: A.\\n").nodes\n')
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--python-executable", str(python), "--no-incremental"]
        + ["--cache-dir", str(tmp_path / "cache"), str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "py.typed" not in result.stdout, result.stdout
    assert 'expression has type "tuple[Node, ...]", variable has type "int"' in result.stdout, result.stdout
