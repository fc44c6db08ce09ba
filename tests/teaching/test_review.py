"""Maps whose boxes could not be paired with confidence are flagged for
checking by hand, everywhere, and count in no list of the class."""

from __future__ import annotations

import csv
import io
import json

import pytest

import argmap
from argmap.teaching import compare
from argmap.teaching.grade import class_summary, grade_file, results_csv
from argmap.teaching.report_html import class_report
from argmap.teaching.report_text import comparison_json, format_comparison
from argmap.teaching.rubric import DEFAULT_RUBRIC
from tests.teaching.conftest import CLASS_DIR

OFF_TOPIC = """\
conclusion: Cats are better pets than dogs.
  premise: Cats need no walks.
  premise: Cats are quiet.
"""


@pytest.fixture(scope="module")
def flagged(tmp_path_factory, reference_map):
    folder = tmp_path_factory.mktemp("review")
    (folder / "zed.arg").write_text(OFF_TOPIC, encoding="utf-8")
    return grade_file(folder / "zed.arg", reference_map, name="zed")


@pytest.fixture(scope="module")
def fine(reference_map):
    return grade_file(CLASS_DIR / "ben.arg", reference_map, name="ben")


def test_unpaired_conclusion_is_flagged(flagged):
    """A map whose conclusion pairs with nothing is flagged, and says why."""
    assert flagged.comparison.review and "conclusion" in flagged.comparison.review


def test_few_confident_pairs_are_flagged(reference_map):
    """A map that keeps the conclusion but words everything else unlike the
    model answer is flagged for its share of confident pairs."""
    student = argmap.parse(
        "conclusion: Secondary schools should start their day at nine o'clock or later.\n"
        "  premise: Mornings are grey.\n  premise: Owls hoot at dusk.\n  objection: Clocks tick.\n"
        "  premise: Radios play jazz.\n"
    )
    result = compare(student, reference_map)
    assert result.review and "confidence" in result.review


def test_a_good_map_is_not_flagged(fine):
    assert fine.comparison.review is None


def test_text_json_csv_and_html_say_so(flagged, fine, reference_map):
    assert "check by hand" in format_comparison(flagged.comparison)
    assert "check by hand" not in format_comparison(fine.comparison)
    data = json.loads(comparison_json(flagged.comparison))
    assert data["review"] is True and "conclusion" in data["review_reason"]
    assert json.loads(comparison_json(fine.comparison))["review"] is False
    rows = {row["student"]: row for row in csv.DictReader(io.StringIO(results_csv([flagged, fine])))}
    assert "conclusion" in rows["zed"]["review"] and rows["ben"]["review"] == ""
    page = class_report([flagged, fine], reference_map, DEFAULT_RUBRIC)
    assert page.count("check by hand") >= 1 and "Check by hand:" in page


def test_flagged_maps_feed_no_class_list(flagged, fine):
    """The boxes a flagged map 'misses' are not the class's most-missed boxes."""
    summary = class_summary([flagged, fine])
    assert summary["review"] == ["zed"]
    assert dict(summary["missed"]) == dict.fromkeys(fine.comparison.missed(), 1)
    assert all(count == 1 for _, count in summary["mistakes"])
