"""Round trips: map → .arg → map, text → fmt → text, map → JSON → map."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.fmt import format_text
from argmap.jsonio import schema
from argmap.model import Map, Node
from argmap.write import UnwritableMapError
from tests.budget import examples

from .strategies import hostile_json_documents, liberal_texts, maps

MAPS = sorted((Path(__file__).parent.parent / "maps").glob("*.arg"))
SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestToArg:
    @SETTINGS
    @given(maps())
    def test_written_map_parses_back_equal(self, the_map):
        """Any map the language can express is written as text that parses back to it."""
        assert argmap.parse(argmap.to_arg(the_map)) == the_map

    @SETTINGS
    @given(maps())
    def test_writing_is_stable(self, the_map):
        """Writing a map read back from its own text gives the same text."""
        text = argmap.to_arg(the_map)
        assert argmap.to_arg(argmap.parse(text)) == text

    @pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
    def test_example_maps(self, path):
        """Every example map survives being written out and read back."""
        the_map = argmap.load(path)
        assert argmap.parse(argmap.to_arg(the_map)) == the_map


class TestFormatter:
    @SETTINGS
    @given(st.data())
    def test_format_keeps_meaning_and_is_idempotent(self, data):
        """fmt never changes what a text means, and formatting twice changes nothing."""
        text = data.draw(liberal_texts(argmap.to_arg(data.draw(maps()))))
        formatted = format_text(text)
        assert argmap.parse(formatted) == argmap.parse(text)
        assert format_text(formatted) == formatted

    @SETTINGS
    @given(st.data())
    def test_format_keeps_every_comment_in_order(self, data):
        """Comments survive formatting, in the order written."""
        text = data.draw(liberal_texts(argmap.to_arg(data.draw(maps()))))
        comments = [line.strip() for line in text.split("\n") if line.strip().startswith("//")]
        formatted = format_text(text)
        kept = [line.strip() for line in formatted.split("\n") if line.strip().startswith("//")]
        # a "//" line inside a long text is text, not a comment; those stay put too
        assert [c for c in kept if c in comments] == comments

    @pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
    def test_example_maps_are_formatted(self, path):
        """The example maps are in canonical form already, and keep their meaning."""
        text = path.read_text(encoding="utf-8")
        assert format_text(text) == text
        assert argmap.parse(format_text(text)) == argmap.parse(text)

    def test_keeps_line_breaks_of_long_text(self):
        """Text in triple quotes keeps its line breaks; only the indentation is evened."""
        text = 'conclusion: """One line\n        and another\n\n  new paragraph"""\n'
        assert format_text(text) == 'conclusion: """One line\n    and another\n\n    new paragraph"""\n'

    def test_canonical_spacing(self):
        """Keywords go lower case, indentation becomes two spaces, annotations tidy."""
        text = "CONCLUSION c:   Cars out.  #city   {source:p1}\n      Premise:  Air is bad.\n"
        assert format_text(text) == "conclusion c: Cars out. #city {source: p1}\n  premise: Air is bad.\n"

    def test_an_empty_annotation_line_stays_a_line(self):
        """``{}`` on its own line was written as a blank line, so fmt was not idempotent
        (and, with lines under it, re-attached them: those are now an error)."""
        text = "conclusion c: C.\n  premise p: P.\n  {}\n  premise q: Q.\n"
        assert format_text(text) == text
        assert argmap.parse(format_text(text)) == argmap.parse(text)


class TestJson:
    @SETTINGS
    @given(maps())
    def test_json_round_trip(self, the_map):
        """from_json(to_json(m)) == m, and the export follows the published schema."""
        import jsonschema

        text = argmap.to_json(the_map)
        jsonschema.validate(json.loads(text), schema())
        assert argmap.from_json(text) == the_map

    @settings(max_examples=examples(80), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(hostile_json_documents())
    def test_every_map_json_gives_is_written_back_or_refused(self, text):
        """For every map from_json accepts, parse(to_arg(m)) == m, or to_arg refuses it
        with UnwritableMapError: a tag with a line break once added nodes to the .arg written."""
        try:
            the_map = argmap.from_json(text)
        except argmap.ArgmapFormatError:
            return
        try:
            written = argmap.to_arg(the_map)
        except UnwritableMapError:
            return
        assert argmap.parse(written) == the_map

    @pytest.mark.parametrize(
        "value, where",
        [
            ({"tags": ["p\nobjection evil: Injected"]}, "the tag"),
            ({"attributes": {"a b": "c"}}, "attribute key"),
            ({"attributes": {"a": "c\rd"}}, "holds the character"),
            ({"attributes": {"verdict": "maybe"}}, "not a verdict"),
            ({"attributes": {"weight": "heavy"}}, "not a weight"),
        ],
    )
    def test_values_no_line_can_hold_are_refused(self, value, where):
        """The reproducers of issue 16: each value is refused, by name, rather than written raw."""
        node = {"id": "p", "kind": "conclusion", "text": "x", **value}
        the_map = argmap.from_json(json.dumps({"format": "argmap", "version": 1, "nodes": [node]}))
        with pytest.raises(UnwritableMapError, match=where):
            argmap.to_arg(the_map)

    def test_a_relation_named_like_a_node_is_refused(self):
        text = json.dumps(
            {
                "format": "argmap",
                "version": 1,
                "relations": [{"id": "q", "kind": "support", "from": ["q", "r"], "to": "c"}],
                "nodes": [
                    {"id": i, "kind": k, "text": "x"}
                    for i, k in [("c", "conclusion"), ("q", "premise"), ("r", "premise")]
                ],
            }
        )
        with pytest.raises(UnwritableMapError, match="the id of a node"):
            argmap.to_arg(argmap.from_json(text))

    @pytest.mark.parametrize("text", ["{ {}", "{ { {}", '{a: "b}" {}', "a {b} {c}"])
    def test_texts_ending_in_nested_braces_read_back(self, text):
        """``{ {}`` was written ``{ \\{}``, which does not parse."""
        the_map = Map(nodes=[Node("c", "conclusion", text)])
        assert argmap.parse(argmap.to_arg(the_map)) == the_map

    @pytest.mark.parametrize("value", ["a\x1fb", "a\x85b", "a\u2028b", "a\fb", "a  b"])
    def test_header_values_read_back_unchanged(self, value):
        """Python counts these as white space; the header keeps them as written."""
        the_map = Map(metadata={"title": value}, nodes=[Node("c", "conclusion", "x")])
        assert argmap.parse(argmap.to_arg(the_map)) == the_map

    @pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
    def test_example_maps_validate(self, path):
        """Every example map exports to JSON valid against the schema, spans included."""
        import jsonschema

        the_map = argmap.load(path)
        data = json.loads(argmap.to_json(the_map))
        jsonschema.validate(data, schema())
        assert data["format"] == "argmap" and data["version"] == 1
        first = data["nodes"][0]
        assert first["span"]["line"] == the_map.nodes[0].span.line
        assert argmap.from_json(json.dumps(data)) == the_map

    @pytest.mark.parametrize(
        "text, fragment",
        [
            ("[]", "not an argmap JSON document"),
            ('{"format": "argmap", "version": 2}', "unsupported version"),
            (
                '{"format": "argmap", "version": 1, "nodes": [{"id": "a b", "kind": "premise", "text": "x"}]}',
                "not a valid id",
            ),
            (
                '{"format": "argmap", "version": 1, "nodes": [{"id": "a", "kind": "thesis", "text": "x"}]}',
                "unknown kind",
            ),
            ("{", "not JSON"),
        ],
    )
    def test_bad_json_is_refused_clearly(self, text, fragment):
        """Documents that break the contract raise ArgmapFormatError saying what is wrong."""
        with pytest.raises(argmap.ArgmapFormatError, match=fragment):
            argmap.from_json(text)
