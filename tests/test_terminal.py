"""Control characters from a map, a rubric or a file name are shown, never sent to the
terminal (issue 16: OSC 52, a clipboard write, and ``ESC[2J`` passed through)."""

from __future__ import annotations

import re

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.terminal import visible
from tests.teaching.conftest import CLASS_DIR, REFERENCE

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
OSC_52 = "\x1b]52;c;ZXZpbA==\x07"
CLEAR = "\x1b[2J"


def run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.output


@given(st.text())
def test_visible_text_holds_no_control_character(text):
    shown = visible(text)
    assert CONTROL.search(shown) is None
    assert visible(shown) == shown
    if (
        CONTROL.search(text) is None
        and "\u2028" not in text
        and "\u2029" not in text
        and "\u061c" not in text
        and "\u200e" not in text
        and "\u200f" not in text
    ):
        assert shown == text


def test_escapes_in_a_map_are_shown_in_check_messages(tmp_path):
    source = tmp_path / "map.arg"
    source.write_text(f"conclusion c: {OSC_52} and {CLEAR}\n  premise p: P {CLEAR} {{weight: 7}}\n", encoding="utf-8")
    output = run("check", source)
    assert CONTROL.search(output) is None
    assert "P \\x1b[2J {weight: 7}" in output


def test_escapes_in_a_file_name_are_shown(tmp_path):
    source = tmp_path / f"e{CLEAR}x.arg"
    source.write_text("conclusion c: C {weight: 7}\n", encoding="utf-8")
    for args in (["check", source], ["fmt", "--check", source], ["eval", source]):
        output = run(*args)
        assert CONTROL.search(output) is None, args
    assert "e\\x1b[2Jx.arg" in run("check", source)


def test_escapes_in_a_grade_file_name_are_shown(tmp_path):
    (tmp_path / f"ada{CLEAR}.arg").write_bytes((CLASS_DIR / "ada.arg").read_bytes())
    (tmp_path / f"bob{OSC_52}.arg").write_text("not a map\n", encoding="utf-8")
    output = run("grade", tmp_path, "--reference", REFERENCE)
    assert CONTROL.search(output) is None
    assert "ada\\x1b[2J" in output


def test_caret_stands_under_the_shown_escape():
    from argmap.diagnostics import Diagnostic, format_diagnostic

    line = f"premise p: {CLEAR}bad"
    diagnostic = Diagnostic(
        code="AM999",
        severity="error",
        message="m",
        file="f",
        line=1,
        column=line.index("bad") + 1,
        end_line=1,
        end_column=line.index("bad") + 4,
    )
    shown, caret = format_diagnostic(diagnostic, line).splitlines()[1:3]
    assert shown[caret.index("^") : caret.index("^") + 3] == "bad"


def test_coloured_comparison_shows_the_escapes_of_the_maps():
    """compare's coloured report goes to the terminal as it is: the control characters
    of a student's boxes and file name are shown, and only its own colours are escapes."""
    from argmap.teaching.compare import compare
    from argmap.teaching.report_text import format_comparison

    reference = argmap.parse("conclusion c: Trains should be free.\n  premise p: Cars pollute the air.\n")
    student = argmap.parse(
        "conclusion c: Trains should be free.\n"
        "  premise p: Cars pollute the air.\n"
        "  premise q: Buses are \x1b]52;c;ZXZpbA==\x07 loud \x1b[2J today.\n"
    )
    comparison = compare(student, reference, student_file="evil\x1b[2J.arg")
    report = format_comparison(comparison, colour=True)
    assert "\x07" not in report and "\x1b]" not in report and "\x1b[2J" not in report
    assert "\\x1b[2J" in report and "\\x1b]52" in report
    assert "\x1b[1;31m" in report  # its own colours stay
