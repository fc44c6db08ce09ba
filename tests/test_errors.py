"""Labelled mistakes: each gives its message, at its line and column, with a hint in
the words of the language — at the first statement and later in a file."""

from __future__ import annotations

import pytest

import argmap
from argmap.diagnostics import format_error

# (label, text, line, column, words the message must contain, words the hint must contain)
MISTAKES = [
    (
        "misspelled-keyword",
        "conclusion: A.\n  premis: B.\n",
        2,
        3,
        "unknown keyword 'premis'",
        "did you mean 'premise'",
    ),
    ("misspelled-keyword", "conclsion: A.\n", 1, 1, "unknown keyword 'conclsion'", "did you mean 'conclusion'"),
    ("misspelled-keyword", "conclusion: A.\n  objektion: B.\n", 2, 3, "'objektion'", "did you mean 'objection'"),
    (
        "missing-colon",
        "conclusion: A.\n  premise Cars pollute the air\n",
        2,
        10,
        "colon is missing after 'premise'",
        "premise: Cars pollute",
    ),
    ("missing-colon", "conclusion\n", 1, 11, "needs a colon", "conclusion:"),
    ("missing-text", "conclusion: A.\n  premise:\n", 2, 11, "a premise needs text after the colon", "premise: ..."),
    ("missing-text", "conclusion c:   \n", 1, 14, "a conclusion needs text after the colon", "conclusion:"),
    (
        "bad-indentation",
        "conclusion: A.\n    premise: B.\n  premise: C.\n",
        3,
        3,
        "indented to column 3, which matches no line above",
        "column 1 or 5",
    ),
    (
        "unknown-id",
        "conclusion: A.\n  premise @no-normalise\npremise no-normalize: B.\n",
        2,
        11,
        "no node has the id 'no-normalise'",
        "did you mean '@no-normalize'",
    ),
    ("unknown-id", "conclusion: A.\n  premise @zzz\n", 2, 11, "no node has the id 'zzz'", "define the node"),
    (
        "duplicate-id",
        "conclusion c: A.\n  premise p: B.\n  premise p: C.\n",
        3,
        3,
        "the id 'p' is already used",
        "first defined on line 2",
    ),
    ("tab-space-mix", "conclusion: A.\n \tpremise: B.\n", 2, 2, "mixes tabs and spaces", "spaces only"),
    ("tab-indentation", "conclusion: A.\n\tpremise: B.\n", 2, 1, "uses a tab", "spaces only"),
    ("unterminated-text", 'conclusion: A.\n  premise: """B\n  and more\n', 2, 12, "never closed", '"""'),
    (
        "child-of-leaf",
        "conclusion: A.\n  evidence: B.\n    premise: C.\n",
        3,
        5,
        "evidence cannot have premises or objections",
        "under the claim the evidence supports (line 1)",
    ),
    (
        "child-of-leaf",
        "conclusion: A.\n  claim c: B.\n    reason:\n      evidence: C.\n        objection: D.\n",
        5,
        9,
        "evidence cannot have premises or objections",
        "under the claim the evidence supports (line 2)",
    ),
    (
        "colon-before-reference",
        "conclusion: A.\n  objection o: B.\n    rebuttal: @o\n",
        3,
        13,
        "'rebuttal: @o' writes a new rebuttal whose text is '@o': a reference has no colon",
        "write 'rebuttal @o'",
    ),
    (
        "reference-to-reason",
        "conclusion: A.\n  reason r1:\n    premise p: B.\n    premise q: C.\n  premise @r1\n",
        5,
        11,
        "'r1' is the id of a reason (line 2), not of a statement",
        "such as '@p' or '@q'",
    ),
    (
        "list-marker",
        "conclusion: A.\n  - premise: B.\n",
        2,
        3,
        "starts with its keyword, not with '-'",
        "remove the '-': write 'premise: B.'",
    ),
    ("list-marker", "conclusion: A.\n  1. objection: B.\n", 2, 3, "not with '1.'", "write 'objection: B.'"),
    ("empty-file", "", 1, 1, "no map in it", "conclusion:"),
    ("empty-file", "\n// only a comment\n\n", 1, 1, "no map in it", "conclusion:"),
    ("header-after-node", "conclusion: A.\ntitle: Late\n", 2, 1, "comes after the first node", "move header lines"),
    ("empty-reason", "conclusion: A.\n  reason:\n  premise: B.\n", 2, 3, "a reason with no premise", "co-premises"),
    (
        "orphan-rebuttal",
        "conclusion: A.\nrebuttal: B.\n",
        2,
        1,
        "a rebuttal with nothing to rebut",
        "under the objection",
    ),
    (
        "nothing-to-undercut",
        "conclusion: A.\n  undercut: B.\n",
        2,
        3,
        "supports or attacks nothing",
        "indent it under a premise",
    ),
    (
        "missing-keyword",
        "conclusion: A.\n  Cars pollute the air.\n",
        2,
        3,
        "does not start with a keyword",
        "premise: Cars pollute",
    ),
    ("unknown-keyword", "conclusion: A.\n  note: B.\n", 2, 3, "'note' is not a keyword", "before the first node"),
    ("unexpected-indent", "title: T\n  conclusion: A.\n", 2, 3, "indented", "column 1"),
    ("bad-attributes", "conclusion: A. {source para 2}\n", 1, 16, "attribute block cannot be read", "\\{"),
    (
        "bad-attributes",
        "conclusion: A. {source: Smith, 2020}\n",
        1,
        16,
        "expected a key at '2020'",
        'a value that contains a comma goes in double quotes, as in {source: "Smith, 2020"}',
    ),
    ("bad-verdict", "conclusion: A. {verdict: maybe}\n", 1, 1, "'maybe' is not a verdict", "accepted, rejected"),
    ("bad-weight", "conclusion: A. {weight: 2}\n", 1, 1, "'2' is not a weight", "from 0 to 1"),
    ("reason-with-text", "conclusion: A.\n  reason: B.\n", 2, 11, "a reason has no text", "indent its co-premises"),
    ("nested-conclusion", "conclusion: A.\n  conclusion: B.\n", 2, 3, "stands at the left margin", "claim:"),
    (
        "mixed-reason",
        "conclusion: A.\n  reason:\n    premise: B.\n    objection: C.\n",
        4,
        5,
        "mixes supporting and attacking",
        "separate reasons",
    ),
    (
        "duplicate-relation",
        "conclusion: A.\n  premise p: B.\n  premise @p\n",
        3,
        3,
        "already written on line 2",
        "remove one",
    ),
    ("bad-id", "conclusion: A.\n  premise my point: B.\n", 2, 11, "'my point' is not an id", "my-point"),
    ("text-after-quotes", 'conclusion: """A""" and more\n', 1, 21, "only tags and attributes", "inside the quotes"),
    (
        "repeated-co-premise",
        "conclusion: A.\n  reason:\n    premise p: B.\n    premise @p\n",
        4,
        5,
        "'p' is already a co-premise of this reason",
        "line 3",
    ),
]


@pytest.mark.parametrize(
    "label, text, line, column, message, hint", MISTAKES, ids=[f"{m[0]}-{i}" for i, m in enumerate(MISTAKES)]
)
def test_mistake_is_labelled_and_located(label, text, line, column, message, hint):
    """The mistake raises an ArgmapError with its label, message, line, column and hint."""
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse(text, filename="m.arg")
    error = caught.value
    assert error.label == label
    assert message in error.message
    assert hint in error.hint
    assert (error.line, error.column) == (line, column)
    assert error.file == "m.arg"


@pytest.mark.parametrize(
    "label, text, line, column, message, hint", MISTAKES, ids=[f"{m[0]}-{i}" for i, m in enumerate(MISTAKES)]
)
def test_recovery_reports_the_mistake_alike(label, text, line, column, message, hint):
    """Reading on past mistakes reports each of these as ``parse`` does, once."""
    reading = argmap.parse_recovering(text, filename="m.arg")
    assert [(error.label, error.line, error.column) for error in reading.errors] == [(label, line, column)]
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse(text, filename="m.arg")
    found, raised = reading.errors[0], caught.value
    assert (found.message, found.hint, found.location, found.excerpt) == (
        raised.message,
        raised.hint,
        raised.location,
        raised.excerpt,
    )


def test_at_least_twelve_labels():
    """The catalogue covers at least the twelve mistakes the language promises."""
    required = {
        "misspelled-keyword",
        "missing-colon",
        "missing-text",
        "bad-indentation",
        "unknown-id",
        "duplicate-id",
        "tab-space-mix",
        "unterminated-text",
        "child-of-leaf",
        "empty-file",
        "header-after-node",
        "empty-reason",
    }
    assert required <= {m[0] for m in MISTAKES}


def test_errors_share_one_base_and_are_structured():
    """Syntax and semantic errors are both ArgmapError, and ValueError, with all fields."""
    with pytest.raises(argmap.ArgmapSyntaxError) as syntax:
        argmap.parse("conclusion: A.\n  premis: B.\n")
    with pytest.raises(argmap.ArgmapSemanticError) as semantic:
        argmap.parse("conclusion: A.\n  premise @x\n")
    for error in (syntax.value, semantic.value):
        assert isinstance(error, argmap.ArgmapError) and isinstance(error, ValueError)
        assert error.end_line >= error.line and error.end_column > error.column
        assert error.excerpt is not None and error.label and error.hint


def test_error_drawing_shows_line_and_caret():
    """The drawn error gives file:line:col, the line, and a caret under the mistake."""
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse("conclusion: A.\n  premis: B.\n", filename="serbia.arg")
    drawn = format_error(caught.value).split("\n")
    assert drawn[0].startswith("serbia.arg:2:3: error: unknown keyword 'premis'")
    assert drawn[1] == "      premis: B."
    assert drawn[2] == "      ^^^^^^"
    assert drawn[3] == "hint: did you mean 'premise'?"


def test_error_on_a_long_line_shows_a_window_around_the_caret():
    """A long line is cut to a window around the mistake, and the caret still points
    at it."""
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse("conclusion: A.\n  premise: " + "word " * 2000 + '""" never closed\n', filename="m.arg")
    drawn = format_error(caught.value).split("\n")
    shown, caret = drawn[1][4:], drawn[2][4:]
    assert len(shown) <= 102 and shown.startswith("…")
    assert shown[len(caret) - len(caret.lstrip()) :].startswith('"""')


def test_positions_count_lines_after_crlf_and_cr():
    """CRLF and lone CR line endings give the same line numbers as LF."""
    for newline in ("\r\n", "\r"):
        with pytest.raises(argmap.ArgmapError) as caught:
            argmap.parse(newline.join(["conclusion: A.", "", "  premis: B.", ""]))
        assert (caught.value.line, caught.value.column) == (3, 3)


def test_error_in_long_text_points_inside_it():
    """A mistake after a multi-line text points at the line where it stands."""
    text = 'conclusion: A.\n  premise: """B\n    still B""" {weight: 7}\n'
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse(text)
    assert caught.value.label == "bad-weight"
    assert caught.value.line == 2


@pytest.mark.parametrize(
    "text",
    [
        "conclusion c: x\n  objection liberty:",
        'conclusion c: """abc\n  more',
        'conclusion c: x\n  premise p: """abc\n\n  def""" junk {',
    ],
)
def test_the_end_of_an_error_stays_on_its_line(text):
    """Issue 16: the end column fell past the end of its line (a mark one character wide
    after the last one, or text in triple quotes that crossed lines)."""
    with pytest.raises(argmap.ArgmapError) as caught:
        argmap.parse(text)
    error, lines = caught.value, text.split("\n")
    assert error.column <= error.end_column <= len(lines[error.end_line - 1]) + 1
