"""Grading a class: results, the CSV table and the HTML report."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

import argmap
from argmap.teaching.grade import (
    CSV_FIELDS,
    class_summary,
    grade_file,
    grade_files,
    results_csv,
    student_files,
)
from argmap.teaching.report_html import class_report, comparison_report
from argmap.teaching.rubric import DEFAULT_RUBRIC, MISTAKES
from tests.teaching.conftest import CLASS_DIR, EXPECTED, REFERENCE


@pytest.fixture(scope="module")
def results(reference_map):
    return list(grade_files(student_files(CLASS_DIR, REFERENCE), reference_map, CLASS_DIR))


class TestGrading:
    """grade_files() on the class."""

    def test_every_student_once(self, results):
        """Every student file is graded, the model answer is not."""
        assert [r.name for r in results] == sorted([*EXPECTED, "oz"])

    def test_broken_file_reported_and_run_goes_on(self, results):
        """A file that does not parse carries its error; the others are graded."""
        broken = {r.name: r for r in results}["oz"]
        assert not broken.graded and broken.score is None
        assert "unknown keyword 'premis'" in broken.error and "^^^^^^" in broken.error
        assert all(r.graded for r in results if r.name != "oz")

    def test_checks_run(self, results):
        """Each map is also checked: Nia's claim has no reason left (AM101)."""
        nia = {r.name: r for r in results}["nia"]
        assert "AM101" in {d.code for d in nia.diagnostics}

    def test_unreadable_file(self, tmp_path, reference_map):
        """A file that is not UTF-8 is reported, not raised."""
        path = tmp_path / "bad.arg"
        path.write_bytes(b"conclusion: caf\xe9\n")
        result = grade_file(path, reference_map)
        assert not result.graded and "UTF-8" in result.error

    def test_files_in_subfolders_and_hidden_ones(self, tmp_path):
        """Student files are found in subfolders; hidden folders and the model
        answer are skipped."""
        (tmp_path / "ann").mkdir()
        (tmp_path / ".git").mkdir()
        for path in ("ann/map.arg", ".git/x.arg", "model.arg", "bob.arg", "notes.txt"):
            (tmp_path / path).write_text("conclusion: x y z.\n")
        found = [p.relative_to(tmp_path).as_posix() for p in student_files(tmp_path, tmp_path / "model.arg")]
        assert found == ["ann/map.arg", "bob.arg"]

    def test_summary(self, results):
        """The class summary counts maps, mistakes and missed boxes."""
        summary = class_summary(results)
        assert summary["maps"] == 15 and summary["graded"] == 14
        assert dict(summary["mistakes"])["split-reason"] == 2
        assert dict(summary["missed"])["stagger"] == 2


class TestCsv:
    """The CSV table."""

    def test_one_row_per_student(self, results):
        """A header, then one row per student with a count per kind of mistake."""
        rows = list(csv.DictReader(io.StringIO(results_csv(results))))
        assert [row["student"] for row in rows] == [r.name for r in results]
        assert tuple(rows[0]) == CSV_FIELDS
        by_name = {row["student"]: row for row in rows}
        for name, kinds in EXPECTED.items():
            named = {kind for kind in MISTAKES if by_name[name][kind] != "0"}
            assert named == kinds, name
        assert by_name["ada"]["score"] == "100"
        assert by_name["oz"]["status"] == "error" and by_name["oz"]["score"] == ""
        assert "premis" in by_name["oz"]["error"]

    def test_no_formulas(self, tmp_path, reference_map):
        """A file name that looks like a spreadsheet formula is written as text."""
        path = tmp_path / "=HYPERLINK(1).arg"
        path.write_text("conclusion: x y z.\n")
        results = list(grade_files([path], reference_map, tmp_path))
        row = next(csv.DictReader(io.StringIO(results_csv(results))))
        assert row["student"] == "'=HYPERLINK(1)"


HOSTILE = """\
title: <script>alert('title')</script>
conclusion: Secondary schools should start their day at nine o'clock or later.
  premise: <img src=x onerror="window.pwned=1"> & <b>bold</b> "quotes"
"""


@pytest.fixture(scope="module")
def report(results, reference_map):
    return class_report(results, reference_map, DEFAULT_RUBRIC, reference_file=str(REFERENCE))


class TestHtml:
    """The HTML report."""

    def test_a_section_per_student(self, report, results):
        """Every student has a section, the broken file with its error."""
        assert report.count('<section class="student"') == len(results)
        assert "unknown keyword &#x27;premis&#x27;" in report

    def test_maps_inline_and_marked(self, report):
        """Maps are inline SVG; boxes with mistakes are marked."""
        assert report.count("<svg ") >= 2 * 14
        assert "am-mistake" in report and "am-extra" in report and "am-missed" in report

    def test_ids_unique(self, report):
        """No two elements share an id, though the page holds many maps."""
        import re

        ids = re.findall(r'\sid="([^"]+)"', report)
        assert len(ids) == len(set(ids))

    def test_no_script(self, report):
        """The report runs no script and allows none."""
        assert "<script" not in report.lower()
        assert "default-src 'none'" in report

    def test_every_mistake_named(self, report, results):
        """Each mistake's kind and message are in the report."""
        import html

        for result in results:
            if result.comparison:
                for mistake in result.comparison.mistakes:
                    assert html.escape(mistake.message) in report

    def test_text_is_escaped(self, tmp_path, reference_map):
        """Markup in a map's texts and name is shown as text."""
        path = tmp_path / "<i>eve&.arg"
        path.write_text(HOSTILE)
        results = list(grade_files([path], reference_map, tmp_path))
        page = class_report(results, reference_map, DEFAULT_RUBRIC)
        assert "<script>alert" not in page and "<img" not in page and "<b>bold" not in page
        assert "&lt;i&gt;eve&amp;" in page

    def test_one_student(self, results, reference_map):
        """compare --format html: one student's page."""
        page = comparison_report({r.name: r for r in results}["finn"], reference_map)
        assert page.count('<section class="student"') == 1 and "split-reason" in page

    def test_without_the_model_answer(self, results, reference_map):
        """show_model=False (--hide-answers) draws no model answer: nothing the
        student missed is on the page."""
        shown = comparison_report({r.name: r for r in results}["lou"], reference_map)
        lou = grade_file(CLASS_DIR / "lou.arg", reference_map, hide_answers=True)
        hidden = comparison_report(lou, reference_map, show_model=False)
        assert "Staggered" in shown and "Staggered" not in hidden
        assert "Staggered" not in class_report([lou], reference_map, DEFAULT_RUBRIC, show_model=False)

    def test_map_that_cannot_be_drawn(self, reference_map, monkeypatch):
        """A map the renderer refuses is reported in place of its picture."""
        from argmap.draw import RenderError
        from argmap.teaching import report_html

        def refuse(*args, **kwargs):
            raise RenderError("no Graphviz here")

        monkeypatch.setattr("argmap.draw.render", refuse)
        result = grade_file(CLASS_DIR / "ben.arg", reference_map)
        page = report_html.comparison_report(result, reference_map)
        assert "The map cannot be drawn: no Graphviz here" in page


def test_copy_of_class_grades_the_same(tmp_path, results, reference_map):
    """Grading does not depend on where the class is."""
    copy = tmp_path / "class"
    shutil.copytree(CLASS_DIR, copy)
    again = list(grade_files(student_files(copy, copy / "reference.arg"), argmap.load(copy / "reference.arg"), copy))
    assert [r.score for r in again] == [r.score for r in results]


class TestParallel:
    """Grading in several processes gives what grading in one gives, in the same order."""

    def test_results_in_class_order(self, results, reference_map):
        """Two processes grade the class to the same results, in file order."""
        paths = student_files(CLASS_DIR, REFERENCE)
        shared = list(grade_files(paths, reference_map, CLASS_DIR, jobs=2))
        assert [r.name for r in shared] == [r.name for r in results]
        assert shared == results

    def test_report_the_same(self, results, reference_map):
        """The HTML report drawn by two processes is the one drawn by one."""
        few = results[:3]
        alone = class_report(few, reference_map, DEFAULT_RUBRIC, options={"engine": "embedded"}, jobs=1)
        shared = class_report(few, reference_map, DEFAULT_RUBRIC, options={"engine": "embedded"}, jobs=2)
        assert shared == alone


class TestLinksAndSpecialFiles:
    """Issue 16: grade followed symbolic links in the folder and put the first line of
    their target into the report. Only regular files inside the folder are read."""

    def test_links_and_pipes_are_skipped_and_reported(self, tmp_path, reference_map):
        import os

        from argmap.teaching.grade import grade_file, student_files

        secret = tmp_path / "secret.txt"
        secret.write_text("the first line of a secret\n", encoding="utf-8")
        folder = tmp_path / "class"
        folder.mkdir()
        (folder / "ada.arg").write_bytes((CLASS_DIR / "ada.arg").read_bytes())
        (folder / "eve.arg").symlink_to(secret)
        outside = tmp_path / "outside"
        outside.mkdir()
        (outside / "mallory.arg").write_text("conclusion c: from outside\n", encoding="utf-8")
        (folder / "linked-folder").symlink_to(outside)
        os.mkfifo(folder / "pipe.arg")
        files = student_files(folder)
        assert [path.name for path in files] == ["ada.arg", "eve.arg", "pipe.arg"]
        results = {path.name: grade_file(path, reference_map) for path in files}
        assert results["ada.arg"].graded
        for name in ("eve.arg", "pipe.arg"):
            assert not results[name].graded and results[name].error.startswith("skipped:")
            assert "secret" not in results[name].error.replace(str(folder / name), "")
