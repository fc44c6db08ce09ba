"""Schemes, roles and critical questions in the language: where they go, how fmt and
the writers keep them, and the mistakes."""

from __future__ import annotations

import pytest

import argmap
from argmap.errors import ArgmapError
from argmap.fmt import format_text
from argmap.jsonio import from_json, to_json

MAP = """\
conclusion: Coffee in moderation is safe for adults.
  reason r1: {scheme: expert-opinion}
    premise expert: Dr Ruiz is a nutrition scientist. {role: expert}
    premise: Dr Ruiz says moderate coffee drinking is safe. {role: assertion}
    undercut paid: Dr Ruiz is paid by a coffee chain. {cq: trustworthy}
  premise tea: Coffee is like tea, which is safe in moderation. {scheme: analogy}
    objection: Coffee holds three times as much caffeine as tea. {cq: differences}
"""


def test_a_scheme_belongs_to_the_inference() -> None:
    the_map = argmap.parse(MAP)
    assert the_map.relation("r1").attribute("scheme") == "expert-opinion"
    assert the_map.relation("support:tea->coffee-in-moderation").attribute("scheme") == "analogy"
    assert the_map.node("tea").attributes == ()
    assert the_map.node("expert").attribute("role") == "expert"
    assert the_map.node("paid").attribute("cq") == "trustworthy"


def test_fmt_keeps_every_annotation() -> None:
    assert format_text(MAP) == MAP
    loose = MAP.replace("reason r1: {scheme: expert-opinion}", "reason   r1:   {scheme:expert-opinion}  ")
    assert format_text(loose) == MAP


def test_writers_keep_schemes_roles_and_questions() -> None:
    the_map = argmap.parse(MAP)
    written = argmap.to_arg(the_map)
    assert "reason: {scheme: analogy}" in written
    assert argmap.parse(written) == the_map
    assert from_json(to_json(the_map)) == the_map


def test_a_scheme_on_a_reason_of_one_written_as_a_reference() -> None:
    text = "conclusion: C.\n  premise p: P.\n  claim: D.\n    reason: {scheme: sign}\n      premise @p\n"
    the_map = argmap.parse(text)
    assert the_map.relation("support:p->d").attribute("scheme") == "sign"
    assert argmap.parse(argmap.to_arg(the_map)) == the_map


@pytest.mark.parametrize(
    ("text", "label", "line", "column", "hint"),
    [
        ("conclusion: C. {scheme: analogy}\n", "misplaced-scheme", 1, 1, "put it on a premise"),
        (
            "conclusion: C.\n  reason:\n    premise: A. {scheme: analogy}\n    premise: B.\n",
            "misplaced-scheme",
            3,
            5,
            "'reason:' line",
        ),
        (
            "conclusion: C.\n  reason: {scheme: analogy} more\n    premise: A.\n",
            "reason-with-text",
            2,
            11,
            "only attributes",
        ),
        ("conclusion: C.\n  reason: #tag\n    premise: A.\n", "reason-with-text", 2, 11, "only attributes"),
        (
            "conclusion: C.\n  reason:\n    {scheme: analogy}\n    premise: A.\n",
            "annotated-reason",
            3,
            5,
            "'reason: {scheme: analogy}'",
        ),
        (
            "conclusion: C.\n  reason: {scheme: analogy, scheme: sign}\n    premise: A.\n",
            "bad-attributes",
            2,
            11,
            "write attributes as",
        ),
    ],
)
def test_misplaced_schemes_are_reported(text: str, label: str, line: int, column: int, hint: str) -> None:
    with pytest.raises(ArgmapError) as caught:
        argmap.parse(text)
    error = caught.value
    assert (error.label, error.line, error.column) == (label, line, column)
    assert hint in error.hint
