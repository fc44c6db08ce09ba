"""Argdown out: text the Argdown CLI accepts, with the same statements and relations,
that reads back as the same map."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from argmap import load, parse
from argmap.interop import from_argdown, to_argdown
from argmap.interop.argdown import escape_text
from argmap.interop.argdown_model import read_model
from argmap.model import Map, Node, Relation
from tests.budget import examples
from tests.interop.argdown_cli import (
    ARGDOWN_FIXTURES,
    assert_cli_reads_the_same,
    reduce_cli,
    reduce_model,
    run_json,
)
from tests.strategies import maps

ROOT = Path(__file__).resolve().parents[2]
MAP_FILES = sorted((ROOT / "maps").glob("*.arg"))
FIXTURE_FILES = sorted(ARGDOWN_FIXTURES.glob("*.argdown"))


def through_argdown(the_map: Map) -> Map:
    return from_argdown(to_argdown(the_map), "exported.argdown").map


def argdown_imports() -> list[tuple[str, Map]]:
    return [(path.stem, from_argdown(path.read_text(encoding="utf-8"), str(path)).map) for path in FIXTURE_FILES]


class TestEscapeText:
    @pytest.mark.parametrize(
        "text",
        [
            "snake_case and *stars*",
            "#tag at the end #x",
            "[not a title]: no",
            "<not an argument>",
            "{not: data}",
            "a // comment? and /* this */",
            "back\\slash \\#",
            "=== front === matter ===",
            ".->. :heart: e.g. a.b.c",
            "@[mention] @<mention>",
            "<!-- html -->",
            "(1) numbered",
            "- dash + plus",
            "Приштина 中文 😀",
        ],
    )
    def test_text_reads_back_unchanged(self, text):
        """Whatever the text holds, Argdown reads the escaped text as the text."""
        model = read_model(f"[T]: {escape_text(text)}\n")
        assert model.statements["T"].members[0].plain_text.strip() == text

    def test_inference_rules_read_back_unchanged(self):
        """In an inference line, '--' and braces are escaped too."""
        model = read_model(f"<A>\n\n(1) p\n-- {escape_text('modus -- ponens {x}', inference=True)} --\n(2) c\n")
        assert model.arguments["A"].pcs[-1].inference.rules == ["modus -- ponens {x}"]


class TestToArgdown:
    @pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.stem)
    def test_map_file_round_trips(self, path):
        """.arg → Argdown → .arg gives the same map: texts, kinds, relations, ids."""
        the_map = load(path)
        assert through_argdown(the_map) == the_map

    @pytest.mark.parametrize("name, the_map", argdown_imports(), ids=lambda x: x if isinstance(x, str) else "")
    def test_imported_fixture_round_trips(self, name, the_map):
        """Argdown → .arg → Argdown → .arg keeps the map (but strict mode is written as loose)."""
        back = through_argdown(the_map)
        assert Map(nodes=back.nodes, relations=back.relations) == Map(nodes=the_map.nodes, relations=the_map.relations)
        assert {k: v for k, v in back.metadata if k != "model"} == {k: v for k, v in the_map.metadata if k != "model"}

    @settings(max_examples=examples(100), deadline=None, suppress_health_check=list(HealthCheck))
    @given(maps())
    def test_generated_map_round_trips(self, the_map):
        """Any map the language can express survives the trip through Argdown unchanged."""
        assert through_argdown(the_map) == the_map

    def test_plain_relations_are_a_tree(self):
        """Plain relations are written as indented arrows under their targets."""
        the_map = parse("conclusion c: Cars out.\n  claim p: Air is bad.\n    objection o: It is not.\n")
        assert "[c]: Cars out.\n  <+ [p]: Air is bad.\n    <- [o]: It is not." in to_argdown(the_map)

    def test_linked_reason_is_a_reconstructed_argument(self):
        """A reason of several premises becomes an argument with a premise-conclusion structure."""
        the_map = parse("conclusion c: C.\n  reason r:\n    premise a: A.\n    premise b: B.\n")
        text = to_argdown(the_map)
        assert "<r>\n\n(1) [a]: A.\n(2) [b]: B.\n----\n(3) [c]" in text

    def test_linked_attack_concludes_in_a_stand_in(self):
        """A linked objection concludes in a statement that attacks the target, marked for the reader."""
        the_map = parse("conclusion c: C.\n  reason:\n    objection a: A.\n    objection b: B.\n")
        text = to_argdown(the_map)
        assert '{"argmap": "attack"}\n  -> [c]' in text
        assert through_argdown(the_map) == the_map

    def test_multi_paragraph_text_travels_in_data(self):
        """Argdown has no paragraphs: the text is on one line and exactly in argmap-text."""
        the_map = Map(nodes=[Node("a", "conclusion", "One.\nTwo.")])
        assert '"argmap-text": "One.\\nTwo."' in to_argdown(the_map)
        assert through_argdown(the_map) == the_map

    def test_undercut_of_a_plain_relation(self):
        """An undercut needs an argument to aim at: the relation it attacks becomes one."""
        the_map = Map(
            nodes=[Node("c", "conclusion", "C."), Node("p", "premise", "P."), Node("u", "undercut", "U.")],
            relations=[
                Relation("support:p->c", "support", ("p",), "c"),
                Relation("undercut:u->support:p->c", "undercut", ("u",), "support:p->c"),
            ],
        )
        text = to_argdown(the_map)
        assert '<Reason 1> {"argmap": "anonymous"}\n  <_ [u]: U.' in text
        assert through_argdown(the_map) == the_map


@pytest.mark.needs_node
class TestArgdownCli:
    def test_cli_accepts_exports_of_maps_and_fixtures(self, argdown_cli):
        """Exports of maps/ and of every imported fixture pass the Argdown CLI, which
        reads the same statements, arguments and relations as argmap."""
        texts = {f"map-{p.stem}": to_argdown(load(p)) for p in MAP_FILES}
        texts.update({f"fixture-{name}": to_argdown(m) for name, m in argdown_imports()})
        assert_cli_reads_the_same(argdown_cli, texts)

    def test_cli_accepts_exports_of_generated_maps(self, argdown_cli):
        """The same for a batch of generated maps (one CLI run for all of them)."""
        collected: list[Map] = []

        @settings(max_examples=examples(40), deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        @given(maps())
        def collect(the_map):
            collected.append(the_map)

        collect()
        assert_cli_reads_the_same(argdown_cli, {f"generated-{i}": to_argdown(m) for i, m in enumerate(collected)})

    def test_fixtures_read_as_the_installed_cli_reads_them(self, argdown_cli, tmp_path):
        """The stored CLI models are still what the installed CLI says."""
        results = run_json(argdown_cli, FIXTURE_FILES, tmp_path)
        for path in FIXTURE_FILES:
            assert reduce_cli(results[path.stem]) == reduce_model(read_model(path.read_text(encoding="utf-8")))
