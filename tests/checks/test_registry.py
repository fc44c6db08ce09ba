"""The registry: every check is complete, its examples behave, the codes are stable
and docs/checks.md is generated from it."""

from __future__ import annotations

import re
import textwrap

import pytest

import argmap
from argmap.checks import docs
from argmap.checks.registry import CODE_RE, Selection, all_checks, get_check, run
from argmap.diagnostics import SEVERITIES

CHECKS = all_checks()
BY_CODE = pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.code)

STABLE_CODES = {
    "AM101": "unsupported-claim",
    "AM102": "no-conclusion",
    "AM103": "several-conclusions",
    "AM104": "orphan",
    "AM105": "circular-support",
    "AM106": "self-support",
    "AM107": "duplicate-text",
    "AM201": "unanswered-objection",
    "AM202": "rebuttal-of-non-objection",
    "AM203": "objection-to-objection",
    "AM204": "misplaced-undercut",
    "AM205": "undercut-denies-premise",
    "AM301": "empty-text",
    "AM302": "reasoning-in-box",
    "AM303": "question",
    "AM304": "several-sentences",
    "AM305": "vague-reference",
    "AM401": "hidden-co-premise",
    "AM402": "premises-apart",
    "AM501": "unknown-scheme",
    "AM502": "missing-scheme-role",
    "AM503": "unknown-role",
    "AM504": "unknown-critical-question",
    "AM505": "open-critical-question",
}


class TestRegistry:
    def test_codes_are_stable(self) -> None:
        """Codes and names never change meaning: a new check gets a new code."""
        assert {check.code: check.name for check in CHECKS} == STABLE_CODES

    def test_checks_are_ordered_by_code(self) -> None:
        """all_checks() lists the checks in code order, so output order is fixed."""
        assert [check.code for check in CHECKS] == sorted(STABLE_CODES)

    def test_get_check(self) -> None:
        """A check can be looked up by its code."""
        assert get_check("AM105").name == "circular-support"

    @BY_CODE
    def test_check_is_complete(self, check) -> None:
        """Each check has a code, a severity, a one-line summary, a hint and a description."""
        assert CODE_RE.match(check.code)
        assert check.severity in SEVERITIES
        assert check.summary.endswith(".") and "\n" not in check.summary
        assert check.hint and not check.hint.endswith(".")
        assert len(check.description) > 40
        assert check.family in docs.FAMILIES
        assert check.code.startswith(docs.FAMILIES[check.family][0][:3])
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.name)


class TestExamples:
    @BY_CODE
    def test_bad_example_triggers_the_check_where_expected(self, check) -> None:
        """The failing example gives this check's findings exactly at the documented places."""
        example = check.example
        found = run(example.load(example.bad), Selection((check.code,)))
        assert [(d.line, d.column) for d in found] == list(example.expect)
        assert all(d.code == check.code and d.severity == check.severity for d in found)

    @BY_CODE
    def test_fixed_example_is_clean(self, check) -> None:
        """The fixed example gives no finding at all, from any check."""
        example = check.example
        assert run(example.load(example.good)) == []

    @pytest.mark.parametrize("check", [c for c in CHECKS if c.languages is not None], ids=lambda c: c.code)
    def test_languages_are_respected(self, check) -> None:
        """A check that knows only some languages is silent on a map in another one."""
        text = "language: xx\n\n" + check.example.bad
        assert run(check.example.load(text), Selection((check.code,))) == []


class TestDocs:
    def test_docs_are_up_to_date(self) -> None:
        """docs/checks.md is what `python -m argmap.checks.docs` writes."""
        assert docs.DOCS_PATH.read_text(encoding="utf-8") == docs.render(), (
            "docs/checks.md is out of date: run python -m argmap.checks.docs"
        )

    def test_docs_show_every_check(self) -> None:
        """Every code has a section with a failing and a fixed example."""
        text = docs.render()
        for check in CHECKS:
            section = text.split(f"### {check.code} {check.name}\n", 1)[1].split("\n### ", 1)[0]
            assert "Fails:" in section and "Fixed:" in section
            assert f"[{check.code}]" in section  # the finding is shown under the failing example

    def test_introduction_examples_are_clean(self) -> None:
        """The maps that show the settings (header keys, noqa) parse and give no finding."""
        introduction = docs.render().split("## All checks", 1)[0]
        blocks = re.findall(r"```arg\n(.*?)```", introduction, flags=re.S)
        assert len(blocks) == 2
        for block in blocks:
            assert argmap.check(argmap.parse(textwrap.dedent(block))) == []

    def test_check_mode(self, tmp_path) -> None:
        """`--check` exits 1 on a stale page and 0 on a fresh one."""
        page = tmp_path / "checks.md"
        page.write_text("stale", encoding="utf-8")
        assert docs.main(["--check", "--output", str(page)]) == 1
        assert docs.main(["--output", str(page)]) == 0
        assert docs.main(["--check", "--output", str(page)]) == 0


class TestWords:
    def test_doctests(self) -> None:
        """The examples in the docstrings of the word helpers hold."""
        import doctest

        from argmap.checks import registry, words

        for module in (words, registry):
            assert doctest.testmod(module).failed == 0
