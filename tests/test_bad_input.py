"""Bad input never produces a traceback: deep nesting, huge files, binary junk."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.limits import MAX_DEPTH

from .strategies import PROSE_ALPHABET
from tests.budget import examples, quick_first


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
@given(st.text(PROSE_ALPHABET + "\n\t\r :@#{}\"", max_size=200))
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

    try:
        argmap.parse(decode(data))
    except argmap.ArgmapError:
        pass


def test_cli_never_shows_a_traceback(tmp_path):
    """The command line on a binary file prints a message and exits 1."""
    path = tmp_path / "junk.arg"
    path.write_bytes(os.urandom(2000))
    result = subprocess.run([sys.executable, "-m", "argmap", "check", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "error" in result.stderr
