"""What each box of the model answer is worth: {points: N}, and the rubric's
default for a missing hidden premise."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.config import ArgmapConfigError
from argmap.teaching import DEFAULT_WEIGHTS, compare
from argmap.teaching.compare import box_points

MODEL = """\
conclusion c: The town should plant more trees.
  reason:
    premise shade: Trees shade the streets in summer.
    assumption cool: Shaded streets are cooler to walk in.{points}
  objection cost: Trees cost money to water.
"""
STUDENT = """\
conclusion: More trees should be planted in the town.
  premise: In summer trees give the streets shade.
  objection: Watering trees costs money.
"""


def test_a_hidden_premise_is_worth_more_than_a_stated_one():
    """Finding the assumption is the skill taught: missing it costs more than
    missing a stated premise."""
    assert DEFAULT_WEIGHTS["missing-assumption"] > DEFAULT_WEIGHTS["missing-reason"]
    result = compare(argmap.parse(STUDENT), argmap.parse(MODEL.format(points="")))
    [missing] = [m for m in result.mistakes if m.kind.startswith("missing-")]
    assert missing.kind == "missing-assumption" and missing.points == DEFAULT_WEIGHTS["missing-assumption"]


@pytest.mark.parametrize("points", [0, 2.5, 10])
def test_points_override_the_rubric(points):
    """{points: N} is what the box is worth and what missing it costs."""
    reference = argmap.parse(MODEL.format(points=f" {{points: {points}}}"))
    result = compare(argmap.parse(STUDENT), reference)
    [missing] = [m for m in result.mistakes if m.reference == ("cool",)]
    assert missing.points == points
    others = sum(w for node_id, w in box_points(reference).items() if node_id != "cool")
    assert result.possible == others + points


@pytest.mark.parametrize("value", ["lots", "-1", "nan", "inf"])
def test_points_that_are_no_number_are_an_error_at_the_box(value):
    reference = argmap.parse(MODEL.format(points=f" {{points: {value}}}"))
    with pytest.raises(ArgmapConfigError) as caught:
        compare(argmap.parse(STUDENT), reference)
    assert caught.value.location.line == 4 and "points" in caught.value.message


def test_the_command_reports_bad_points_as_a_usage_error(tmp_path):
    (tmp_path / "model.arg").write_text(MODEL.format(points=" {points: lots}"), encoding="utf-8")
    (tmp_path / "s.arg").write_text(STUDENT, encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "s.arg"), str(tmp_path / "model.arg")])
    assert result.exit_code == 2
    assert "model.arg:4:5:" in result.output and "{points: lots}" in result.output and "Traceback" not in result.output
