"""The pieces the importers share: YAML subset, kinds, fitting names, the summary line."""

from __future__ import annotations

import doctest
import importlib

import pytest

from argmap.interop.building import derive_kinds, fit_attributes, slugify
from argmap.interop.report import ImportReport
from argmap.interop.yamlish import YamlError, load
from argmap.model import Relation
from tests.interop.argdown_cli import ARGDOWN_FIXTURES

MODULES = ["argdown", "argdown_keys", "argdown_model", "building", "importing", "markdown", "report", "yamlish"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    """The examples in the interop modules' docstrings hold."""
    module = importlib.import_module(f"argmap.interop.{name}")
    assert doctest.testmod(module).failed == 0


class TestLoad:
    def test_front_matter_of_the_fixtures(self):
        """Multi-line plain scalars, nested mappings, lists and flow collections."""
        text = (ARGDOWN_FIXTURES / "greenspan-schefczyk_hardwrap.argdown").read_text(encoding="utf-8")
        front = load(text.split("===")[1])
        assert front["title"] == "Why the Fed didn't Intervene to Prevent the 2008 Financial Crisis"
        assert front["author"] == ["Michael Schefczyk (argument analysis)", "Gregor Betz (adaptation to Argdown)"]
        assert front["group"]["regroup"][1]["statements"] == ["Local bubbles harmless"]
        assert front["color"]["tagColors"] == {"basic": 4, "concession": 2}

    @pytest.mark.parametrize(
        "text, value",
        [
            ("{uses: [1,2,3]}", {"uses": [1, 2, 3]}),
            ("{isInMap: false, weight: 0.5}", {"isInMap": False, "weight": 0.5}),
            ('{"a \\u007d": "x \\" #y"}', {"a }": 'x " #y'}),
            ("key: 'it''s' # comment", {"key": "it's"}),
            ("", None),
        ],
    )
    def test_values(self, text, value):
        """Scalars get their YAML types; quotes, escapes and comments are understood."""
        assert load(text) == value

    def test_block_scalars_are_refused(self):
        """What the subset does not know raises YamlError (the importer keeps the raw text)."""
        with pytest.raises(YamlError):
            load("text: |\n  lines\n")


class TestDeriveKinds:
    @staticmethod
    def kinds(*relations: tuple[str, str, str]) -> dict[str, str]:
        rels = [Relation(f"r{i}", kind, (source,), target) for i, (kind, source, target) in enumerate(relations)]
        ids = sorted(
            {x for _, s, t in relations for x in (s, t) if not t.startswith("r")} | {s for _, s, _ in relations}
        )
        return derive_kinds(ids, rels)

    def test_order_of_relations_does_not_matter(self):
        """Support wins over attack, whatever was written first."""
        assert (
            self.kinds(("attack", "a", "b"), ("support", "a", "c"))["a"]
            == self.kinds(("support", "a", "c"), ("attack", "a", "b"))["a"]
            == "premise"
        )

    def test_rebuttal_needs_an_objection_outside_a_circle(self):
        """Attacking an objection makes a rebuttal; mutual attackers stay objections."""
        assert self.kinds(("attack", "o", "c"), ("attack", "r", "o"))["r"] == "rebuttal"
        circle = self.kinds(("attack", "a", "b"), ("attack", "b", "a"))
        assert (circle["a"], circle["b"]) == ("objection", "objection")

    def test_undercut_and_roots(self):
        """An undercutter is an undercut; a target that bears on nothing is the conclusion."""
        kinds = derive_kinds(
            ["c", "p", "u"], [Relation("r0", "support", ("p",), "c"), Relation("r1", "undercut", ("u",), "r0")]
        )
        assert kinds == {"c": "conclusion", "p": "premise", "u": "undercut"}


class TestFitting:
    def test_slugify_titles(self):
        """Titles that are not ids become ids made of their words."""
        assert slugify("No harm, no ban") == "No-harm-no-ban"
        assert slugify("Épreuve 2") == "Épreuve-2"

    def test_attributes_with_fixed_meaning_keep_it_only_when_they_fit(self):
        """verdict and weight with foreign values are renamed, keys are fitted."""
        assert fit_attributes([("verdict", "maybe"), ("weight", "3"), ("some key", "a\nb")]) == [
            ("x-verdict", "maybe"),
            ("x-weight", "3"),
            ("some-key", "a b"),
        ]


class TestImportReport:
    def test_summary_is_one_line_naming_each_category(self):
        """Found, made, kept, changed and not carried over, in one line."""
        report = ImportReport("argdown", found=[("statements", 2)])
        report.note("kept", "headings", "argdown-section", 1)
        report.note("changed", "tags", "fitted", 3)
        report.note("dropped", "comments", count=2)
        assert report.summary() == (
            "argdown: 2 statements; kept as attributes: 1 heading (argdown-section); "
            "changed: 3 tags (fitted); not carried over: 2 comments"
        )
