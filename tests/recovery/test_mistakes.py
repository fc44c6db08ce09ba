"""Files with several mistakes: each is reported once, in one run, with the message
and place ``argmap.parse`` gives for it alone, and the checks of the rest of the map
say nothing that the same map written without the mistakes would not say.

Each case is the clean map ``clean.arg`` with some lines replaced by slips a
first-time writer makes (so line numbers stay the same), and the ``(line, label)``
of each mistake.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.recovery import parse_recovering

CLEAN = (Path(__file__).parent / "clean.arg").read_text(encoding="utf-8")

# name: ({line: replacement}, [(line, label), ...])
CASES = {
    "first-time writer": (
        {
            3: "conclusion ban The city should ban cars from the old town.",
            5: "    premis traffic: Traffic in the old town harms the health of residents.",
            9: "    rebuttal Pedestrian zones in other towns increased the number of shoppers.",
            11: "    rebuttal: @shops",
        },
        [(3, "missing-colon"), (5, "misspelled-keyword"), (9, "missing-colon"), (11, "colon-before-reference")],
    ),
    "tab, attributes, forgotten keyword, reason with text": (
        {
            4: "  reason health: Traffic and the ban.",
            6: "      evidence: Air quality readings in the old town exceed health limits on most days."
            " {source: City report, 2023}",
            10: "\tobjection deliveries: Shops in the old town could no longer receive deliveries.",
            13: "    Most residents asked for fewer cars in the city's survey of the old town.",
        },
        [(4, "reason-with-text"), (6, "bad-attributes"), (10, "tab-indentation"), (13, "missing-keyword")],
    ),
    "ids and references": (
        {
            2: "title: Cars in the old town",
            9: "    rebuttal @shop",
            11: "    rebuttal @health",
            12: "  premise traffic: Residents of the old town want quieter streets.",
        },
        [(2, "duplicate-header"), (9, "unknown-id"), (11, "reference-to-reason"), (12, "duplicate-id")],
    ),
    "misspelled objection and a verdict": (
        {
            8: "  objektion shops: Shops in the old town will lose customers who come by car.",
            13: "    evidence: Most residents asked for fewer cars in the city's survey of the old town."
            " {verdict: maybe}",
        },
        [(8, "misspelled-keyword"), (13, "bad-verdict")],
    ),
    "the same slip on five lines": (
        {
            5: "    premise traffic Traffic in the old town harms the health of residents.",
            7: "    premise end A ban would end most of the traffic in the old town.",
            9: "    rebuttal Pedestrian zones in other towns increased the number of shoppers.",
            11: "    rebuttal Deliveries could still be allowed in the early morning.",
            12: "  premise quiet Residents of the old town want quieter streets.",
        },
        [
            (5, "missing-colon"),
            (7, "missing-colon"),
            (9, "missing-colon"),
            (11, "missing-colon"),
            (12, "missing-colon"),
        ],
    ),
    "a list marker and a premise under evidence": (
        {
            9: "    - rebuttal: Pedestrian zones in other towns increased the number of shoppers.",
            7: "        premise end: A ban would end most of the traffic in the old town.",
        },
        [(7, "child-of-leaf"), (9, "list-marker")],
    ),
    "conclusion misspelled at the top": (
        {3: "conclsion ban: The city should ban cars from the old town."},
        [(3, "misspelled-keyword")],
    ),
}


def with_lines(replacements: dict[int, str]) -> str:
    lines = CLEAN.split("\n")
    for number, line in replacements.items():
        lines[number - 1] = line
    return "\n".join(lines)


def findings(diagnostics) -> set[tuple[str, int]]:
    return {(d.code, d.line) for d in diagnostics if d.code >= "AM1"}


@pytest.mark.parametrize("name", list(CASES))
def test_every_mistake_is_reported_once(name: str) -> None:
    """Exactly the mistakes written, one report each, in file order."""
    replacements, expected = CASES[name]
    reading = parse_recovering(with_lines(replacements), "m.arg")
    assert [(error.line, error.label) for error in reading.errors] == expected
    assert reading.map is not None and all(error.file == "m.arg" for error in reading.errors)


@pytest.mark.parametrize("name", list(CASES))
def test_each_mistake_reads_as_when_alone(name: str) -> None:
    """Each mistake's message, place and hint are those ``argmap.parse`` gives for a
    file with that mistake alone."""
    replacements, expected = CASES[name]
    reading = parse_recovering(with_lines(replacements), "m.arg")
    by_line = {error.line: error for error in reading.errors}
    for line, _ in expected:
        with pytest.raises(argmap.ArgmapError) as alone:
            argmap.parse(with_lines({line: replacements[line]}), "m.arg")
        found = by_line[line]
        assert (found.label, found.message, found.hint, found.location, found.excerpt) == (
            alone.value.label,
            alone.value.message,
            alone.value.hint,
            alone.value.location,
            alone.value.excerpt,
        )


@pytest.mark.parametrize("name", list(CASES))
def test_checks_of_the_rest_invent_nothing(name: str) -> None:
    """The checks of what was kept find nothing the clean map does not have."""
    replacements, _ = CASES[name]
    clean = findings(parse_recovering(CLEAN).check())
    assert findings(parse_recovering(with_lines(replacements)).check()) <= clean


def test_checks_still_run_beside_a_mistake() -> None:
    """A syntax mistake no longer hides the checks of the rest of the file."""
    text = with_lines(
        {
            5: "    premis traffic: Traffic in the old town harms the health of residents.",
            9: "    rebuttal: Pedestrian zones increased shoppers? Maybe.",
        }
    )
    reading = parse_recovering(text)
    codes = [(d.code, d.line) for d in reading.check()]
    assert ("AM001", 5) in codes and ("AM303", 9) not in codes  # a question's check, on a kept line
    assert ("AM304", 9) in codes or any(code >= "AM3" and line == 9 for code, line in codes)


def test_the_command_reports_every_mistake_and_the_checks(tmp_path: Path) -> None:
    """``argmap check`` prints every mistake of the file in one run, exit 1."""
    replacements, expected = CASES["the same slip on five lines"]
    path = tmp_path / "m.arg"
    path.write_text(with_lines(replacements), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [(r["line"], r["code"]) for r in records] == [(line, "AM001") for line, _ in expected]


def test_a_clean_file_reads_as_parse_reads_it() -> None:
    """Without mistakes, the reading is the map ``argmap.parse`` gives, with nothing
    quiet."""
    reading = parse_recovering(CLEAN)
    assert reading.ok and reading.map == argmap.parse(CLEAN)
    assert not reading.quiet and not reading.lost_top_level and reading.check() == []


@pytest.mark.parametrize(
    "text, label",
    [
        ("", "empty-file"),
        ("conclusion: A.\n\0\n", "nul-byte"),
        ("// a comment\n", "empty-file"),
    ],
)
def test_a_file_with_no_map_gives_one_error(text: str, label: str) -> None:
    """Input that holds no map at all gives its one error and no map."""
    reading = parse_recovering(text)
    assert reading.map is None and [error.label for error in reading.errors] == [label]
    assert [d.code for d in reading.check()] == [reading.errors[0].code]


def test_references_to_a_line_left_out_are_not_reported() -> None:
    """A reference to an id defined on a line that was left out is not a second
    mistake: the mistake is on that line."""
    text = (
        "conclusion: Cars should be banned from the old town.\n"
        "  premise noise Cars make the old town noisy.\n"
        "  objection: Shops will lose customers.\n"
        "    rebuttal: Quiet streets bring more shoppers.\n"
        "      premise @noise\n"
    )
    reading = parse_recovering(text)
    assert [(error.line, error.label) for error in reading.errors] == [(2, "missing-colon")]


@pytest.mark.parametrize("nested", [False, True], ids=["reason", "reason-of-undercuts-under-a-reason"])
def test_a_reason_whose_only_member_was_left_out_is_not_a_second_mistake(nested: bool) -> None:
    """A reason whose one member line cannot be read (its keyword forgotten) is not
    reported as empty: the mistake is on the member's line. The same when the reason
    is a reason of undercuts under another reason, which is built with its outer
    reason (found by the recovery property in CI)."""
    inner = "  " if nested else ""
    text = (
        "conclusion: Cars should be banned from the old town.\n"
        "  reason:\n"
        "    premise: Traffic harms the residents.\n"
        + ("    reason:\n" if nested else "")
        + f"{inner}    The ban would end most of that traffic.\n"
    )
    reading = parse_recovering(text)
    member_line = 5 if nested else 4
    assert [(error.line, error.label) for error in reading.errors] == [(member_line, "missing-keyword")]


def test_a_reason_left_with_only_its_undercut_is_not_a_second_mistake() -> None:
    """A reason whose premise line cannot be read, so that only its undercut is left,
    is not reported as undercutting nothing: the mistake is on the premise's line
    (found by the recovery property in CI)."""
    text = (
        "conclusion: Cars should be banned from the old town.\n"
        "  reason:\n"
        "    The ban would end most of that traffic.\n"
        "    undercut: Traffic would only move to the ring road.\n"
    )
    reading = parse_recovering(text)
    assert [(error.line, error.label) for error in reading.errors] == [(3, "missing-keyword")]
