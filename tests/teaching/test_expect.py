"""Expected verdicts: {expect: in} and {expect: out}."""

from __future__ import annotations

import argmap
from argmap.teaching import expectation_diagnostics

STANDING = """\
conclusion c: The library should open on Sundays. {expect: in}
  premise: Many students want to study on Sundays.
  objection o: Opening on Sundays costs money. {expect: out}
    rebuttal: Volunteers could staff the library on Sundays.
"""


class TestExpectations:
    """expectation_diagnostics()"""

    def test_met(self):
        """A map that gives the expected verdicts has no diagnostics."""
        assert expectation_diagnostics(argmap.parse(STANDING)) == []

    def test_the_model_answer_meets_its_expectations(self, reference_map):
        """The class's model answer gives the verdicts it expects."""
        assert expectation_diagnostics(reference_map) == []

    def test_mismatch(self):
        """Without the rebuttal both expectations fail: one error each, at the box."""
        text = STANDING.replace("    rebuttal: Volunteers could staff the library on Sundays.\n", "")
        found = expectation_diagnostics(argmap.parse(text), "lib.arg")
        assert [(d.code, d.line, d.severity, d.file) for d in found] == [
            ("AM501", 1, "error", "lib.arg"),
            ("AM501", 3, "error", "lib.arg"),
        ]
        assert "is out under grounded semantics, but the map expects it in" in found[0].message
        assert found[0].hint

    def test_bad_value(self):
        """An expect value that is not a verdict is reported (AM502)."""
        found = expectation_diagnostics(argmap.parse("conclusion: Cats sleep a lot. {expect: yes}\n"))
        assert [d.code for d in found] == ["AM502"]

    def test_no_expectations(self, monkeypatch):
        """A map without expect attributes is not even evaluated."""
        import argmap.evaluation

        monkeypatch.setattr(argmap.evaluation, "evaluate", None)
        assert expectation_diagnostics(argmap.parse("conclusion: Cats sleep a lot.\n")) == []

    def test_case_and_spaces(self):
        """Expect values are read without regard to case."""
        assert expectation_diagnostics(argmap.parse("conclusion: Cats sleep a lot. {expect: IN}\n")) == []
