"""Messages that are not mistakes of the grammar: the warning for an indentation step
unlike the file's own, and the caret of a finding about one word."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.recovery import parse_recovering

# (label, text, line, column, end column, words the message must contain, words the hint must contain)
WARNINGS = [
    (
        "uneven-indentation",
        "conclusion: A is true.\n  premise: B holds.\n   premise: C holds.\n",
        3,
        1,
        4,
        "indented 1 space deeper than line 2, so it stands under it; the file indents by 2",
        "to stand beside line 2, indent it to column 3; to stand under it, to column 5",
    ),
    (
        "uneven-indentation",
        (
            "conclusion: A is true.\n    premise: B holds.\n        objection: C fails.\n    premise: D holds.\n"
            "      objection: E fails.\n"
        ),
        5,
        1,
        7,
        "indented 2 spaces deeper than line 4, so it stands under it; the file indents by 4",
        "to stand beside line 4, indent it to column 5; to stand under it, to column 9",
    ),
]


@pytest.mark.parametrize(
    "label, text, line, column, end_column, message, hint",
    WARNINGS,
    ids=[f"{w[0]}-{i}" for i, w in enumerate(WARNINGS)],
)
def test_warning_is_labelled_and_located(label, text, line, column, end_column, message, hint):
    """The warning has its label, message, place and hint, and the map is read."""
    reading = parse_recovering(text, "m.arg")
    assert reading.ok and reading.map is not None
    (warning,) = [w for w in reading.warnings if w.line == line]
    assert (warning.label, warning.severity, warning.column, warning.end_column) == (
        label,
        "warning",
        column,
        end_column,
    )
    assert message in warning.message and hint in warning.hint and warning.file == "m.arg"


@pytest.mark.parametrize(
    "text",
    [
        "conclusion: A is true.\n  premise: B holds.\n  premise: C holds.\n    objection: D fails.\n",
        "conclusion: A is true.\n    premise: B holds.\n        objection: D fails.\n",
        "conclusion: A is true.\n",
    ],
)
def test_an_even_indentation_gives_no_warning(text):
    """A file that indents by one step everywhere gets no warning."""
    assert parse_recovering(text).warnings == ()


def test_the_command_shows_the_indentation_warning(tmp_path):
    """``argmap check`` prints the warning, and exits 0 unless --strict."""
    path = tmp_path / "m.arg"
    path.write_text(WARNINGS[0][1], encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", "AM2", str(path)])
    assert result.exit_code == 0 and "m.arg:3:1: warning: this line is indented 1 space deeper" in result.stderr
    assert CliRunner().invoke(main, ["check", "--strict", "--select", "AM2", str(path)]).exit_code == 1


@pytest.mark.parametrize(
    "line, word, column",
    [
        ("  premise: The museum would sell more tickets, because tourists come on Mondays.", "because", 48),
        ("  premise: So many tourists come; so the museum should open.", "so", 35),
        ("  premise because: Tourists come on Mondays, so the museum should open.", "so", 46),
    ],
)
def test_the_caret_of_a_connective_underlines_the_word(line, word, column):
    """AM302 underlines the connective (the one the check found), not the line."""
    text = "conclusion: The museum should open on Mondays.\n" + line + "\n"
    (finding,) = [d for d in parse_recovering(text).check() if d.code == "AM302"]
    assert (finding.line, finding.column, finding.end_column) == (2, column, column + len(word))
    assert line[finding.column - 1 : finding.end_column - 1].lower() == word


def test_the_api_underlines_the_connective_given_the_source():
    """``argmap.check(map, source=text)`` narrows the caret as the command does;
    without the source the whole line is the place."""
    import argmap

    text = "conclusion: The museum should open on Mondays.\n  premise: Sales rise, so it pays.\n"
    (narrow,) = [d for d in argmap.check(argmap.parse(text), source=text) if d.code == "AM302"]
    (whole,) = [d for d in argmap.check(argmap.parse(text)) if d.code == "AM302"]
    assert (narrow.column, narrow.end_column) == (24, 26) and (whole.column, whole.end_column) == (3, 35)
