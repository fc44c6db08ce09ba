"""The editor library: places for completion, where ids stand, and quick fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.editing.completion import Place, completions, place_at
from argmap.editing.document import analyse
from argmap.editing.fixes import apply, fixes, split_reasoning, suggestions, suppression
from argmap.editing.symbols import definition_of, occurrence_at, occurrences

MAP = """\
conclusion open: The museum should open on Mondays.
  premise: Tourists come on Mondays.
  reason r1:
    premise cost: Staff would cost little.
    premise @tourists-come-on-mondays
  objection: It would be too late because the budget is fixed. {source: board}
@cost
  evidence: The staff plan for 2024.
"""


@pytest.mark.parametrize(
    "line, column, expected",
    [
        ("  pre", 5, Place("keyword", "pre")),
        ("", 0, Place("keyword", "")),
        ("  premise @to", 13, Place("id", "to")),
        ("@", 1, Place("id", "")),
        ("  premise: x {sou", 17, Place("attribute-key", "sou")),
        ("  premise: x {source: a, verdict: acc", 37, Place("attribute-value", "acc", "verdict")),
        ("  premise: x {noqa: AM201 AM3", 29, Place("attribute-value", "AM3", "noqa")),
        ("check-ignore: AM1, AM20", 23, Place("code", "AM20")),
        ("  premise: mail me@home", 23, None),
        ("  premise: a text", 12, None),
        ("  premise: x {a} and", 20, None),
    ],
)
def test_what_is_being_typed(line, column, expected):
    assert place_at(line, column) == expected


def test_completions_come_from_the_map_and_the_registry():
    the_map = analyse(MAP).map
    assert [c.label for c in completions(Place("id", "to"), the_map)] == ["tourists-come-on-mondays"]
    assert [c.insert for c in completions(Place("keyword", "rea"), None)] == ["reason:"]
    assert [c.label for c in completions(Place("attribute-value", "re", "verdict"), None)] == ["rejected"]
    assert [c.label for c in completions(Place("attribute-value", "AM30", "noqa"), None)][:2] == ["AM301", "AM302"]
    assert completions(Place("attribute-value", "", "source"), None) == []
    assert "expert-opinion" in [c.label for c in completions(Place("attribute-value", "exp", "scheme"), None)]
    assert "trustworthy" in [c.label for c in completions(Place("attribute-value", "tr", "cq"), None)]
    assert "expert" in [c.label for c in completions(Place("attribute-value", "", "role"), None)]


def test_occurrences_of_written_generated_and_referred_ids():
    analysis = analyse(MAP)
    found = occurrences(analysis.outline, analysis.map)
    assert [(o.id, o.role, o.line, o.column, o.end_column) for o in found] == [
        ("open", "definition", 1, 12, 16),
        ("tourists-come-on-mondays", "generated", 2, 3, 10),
        ("r1", "definition", 3, 10, 12),
        ("cost", "definition", 4, 13, 17),
        ("tourists-come-on-mondays", "reference", 5, 14, 38),
        ("it-would-be-too", "generated", 6, 3, 12),
        ("cost", "reference", 7, 2, 6),
        ("staff-plan-for-2024", "generated", 8, 3, 11),
    ]
    assert occurrence_at(found, 7, 6).id == "cost"
    assert definition_of(found, "cost").line == 4


def test_did_you_mean_replaces_the_word():
    analysis = analyse(MAP.replace("@cost", "@cots"))
    [problem] = [d for d in analysis.diagnostics if d.severity == "error"]
    [edit] = suggestions(problem)
    assert apply(analysis.lines, edit) == MAP


def test_noqa_is_added_to_the_attributes_and_silences_the_finding():
    analysis = analyse(MAP)
    [because] = [d for d in analysis.diagnostics if d.code == "AM302"]
    edit = suppression(analysis, because)
    fixed = apply(analysis.lines, edit)
    assert "{source: board, noqa: AM302}" in fixed
    assert "AM302" not in {d.code for d in analyse(fixed).diagnostics}


def test_noqa_joins_the_codes_already_silenced():
    analysis = analyse(MAP.replace("{source: board}", "{source: board, noqa: AM301}"))
    [because] = [d for d in analysis.diagnostics if d.code == "AM302"]
    assert "{source: board, noqa: AM301 AM302}" in apply(analysis.lines, suppression(analysis, because))


def test_no_noqa_for_a_mistake_in_the_text():
    analysis = analyse(MAP.replace("@cost", "@cots"))
    [problem] = [d for d in analysis.diagnostics if d.severity == "error"]
    assert suppression(analysis, problem) is None


def test_because_becomes_a_claim_with_a_premise_under_it():
    analysis = analyse(MAP)
    [because] = [d for d in analysis.diagnostics if d.code == "AM302"]
    titles = [edit.title for edit in fixes(analysis, because)]
    assert titles == ["Split into a claim and a premise under it", "Silence AM302 on this node ({noqa: AM302})"]
    split = apply(analysis.lines, fixes(analysis, because)[0])
    assert "  objection: It would be too late. {source: board}\n    premise: The budget is fixed.\n" in split
    assert analyse(split).ok


@pytest.mark.parametrize("text", ["It is late because of the rain.", "because", "Nothing here.", "X because ."])
def test_no_split_without_two_parts(text):
    assert split_reasoning(text) is None


def test_noqa_for_a_finding_on_a_reason_line_goes_on_its_first_premise():
    text = (Path(__file__).resolve().parents[2] / "maps" / "smoking-ban.arg").read_text(encoding="utf-8")
    analysis = analyse(text)
    [on_reason] = [d for d in analysis.diagnostics if analysis.lines[d.line - 1].strip() == "reason harm:"]
    fixed = apply(analysis.lines, suppression(analysis, on_reason))
    assert f"breathe it. #empirical {{noqa: {on_reason.code}}}\n" in fixed
    assert not [d for d in analyse(fixed).diagnostics if d.line == on_reason.line]
