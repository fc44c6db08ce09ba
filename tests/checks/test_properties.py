"""Properties of the checks on generated maps: they never raise, and they give the
same diagnostics in the same order on every run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import Map, Node, Relation, Span
from argmap.checks.registry import all_checks
from argmap.errors import ArgmapError
from argmap.model import NODE_KINDS
from tests.budget import examples

ROOT = Path(__file__).resolve().parents[2]
SEVERITY = {check.code: check.severity for check in all_checks()}

WORDS = [
    "the",
    "city",
    "should",
    "ban",
    "cars",
    "because",
    "therefore",
    "so",
    "this",
    "that",
    "it",
    "is",
    "not",
    "Dr.",
    "e.g.",
    "U.S.",
    "J.",
    "tax",
    "fair",
    "?",
    "!",
    ".",
    ",",
    "Приштина",
    "美術館",
    "“quoted”",
    "#1",
    "Mondays",
    "museum",
    "open",
    "opened",
    "smoking",
    "banned",
    "restaurants",
    "Tweety",
    "bird",
    "never",
]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
spans = st.none() | st.builds(
    lambda line, column, width: Span(line, column, line, column + width),
    st.integers(1, 60),
    st.integers(1, 20),
    st.integers(1, 80),
)
languages = st.sampled_from([None, "en", "en-GB", "de", "ja", "fr", "", "xx_YY"])
code_lists = st.lists(
    st.sampled_from(["AM1", "AM2", "AM3", "AM4", "AM105", "AM201", "XX9", "", "all"]), max_size=3
).map(", ".join)


@st.composite
def maps(draw) -> Map:
    """Maps as JSON or Python may build them: any kinds, dangling ids, cycles, no spans."""
    count = draw(st.integers(0, 12))
    node_ids = [f"n{i}" for i in range(count)]
    nodes = []
    for node_id in node_ids:
        attributes = draw(st.sampled_from([{}, {}, {"noqa": "true"}, {"noqa": "AM2"}, {"noqa": "AM101 AM3"}]))
        nodes.append(
            Node(node_id, draw(st.sampled_from(NODE_KINDS)), draw(texts), attributes=attributes, span=draw(spans))
        )
    ids = node_ids + ["ghost"]
    relations: list[Relation] = []
    for index in range(draw(st.integers(0, 16))):
        kind = draw(st.sampled_from(["support", "attack", "undercut"]))
        premises = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))
        targets = ids + [r.id for r in relations] + ["r99"]
        relations.append(Relation(f"r{index}", kind, premises, draw(st.sampled_from(targets)), span=draw(spans)))
    metadata = {}
    language = draw(languages)
    if language is not None:
        metadata["language"] = language
    for key in ("check-select", "check-ignore"):
        if draw(st.booleans()):
            metadata[key] = draw(code_lists)
    return Map(metadata=metadata, nodes=nodes, relations=relations)


KEYWORDS = ["conclusion", "claim", "premise", "assumption", "evidence", "objection", "rebuttal", "undercut"]


@st.composite
def arg_texts(draw) -> str:
    """.arg text from random outlines (many of them are rejected by the parser)."""
    lines = []
    if draw(st.booleans()):
        lines += [f"language: {draw(st.sampled_from(['en', 'de', 'ja']))}", ""]
    depth = 0
    for index in range(draw(st.integers(1, 14))):
        depth = draw(st.integers(0, depth + 1)) if index else 0
        indent = "  " * depth
        form = draw(st.sampled_from(["node", "node", "node", "reason", "reference"]))
        keyword = draw(st.sampled_from(KEYWORDS))
        if form == "reason":
            lines.append(f"{indent}reason:")
        elif form == "reference":
            lines.append(f"{indent}{keyword} @id{draw(st.integers(0, index))}")
        else:
            suffix = draw(st.sampled_from(["", "", " {noqa: AM201}", " #tag", " {noqa}"]))
            lines.append(f"{indent}{keyword} id{index}: {draw(texts).replace('#', '')}{suffix}")
    return "\n".join(lines) + "\n"


class TestNeverRaises:
    @settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(maps())
    def test_generated_maps(self, the_map: Map) -> None:
        """No check raises on any map, and every diagnostic is well formed and in order."""
        found = argmap.check(the_map)
        assert found == sorted(found, key=lambda d: (d.line, d.column, d.code, d.message, d.end_line, d.end_column))
        for diagnostic in found:
            assert diagnostic.line >= 1 and diagnostic.column >= 1
            assert diagnostic.severity == SEVERITY[diagnostic.code]
            assert diagnostic.message and diagnostic.hint

    @settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(arg_texts())
    def test_parsed_maps(self, text: str) -> None:
        """No check raises on a map that the .arg reader accepts."""
        try:
            the_map = argmap.parse(text)
        except ArgmapError:
            return
        argmap.check(the_map)

    @settings(max_examples=examples(100), deadline=None)
    @given(maps())
    def test_same_result_every_run(self, the_map: Map) -> None:
        """Two runs give equal diagnostics in the same order."""
        assert argmap.check(the_map) == argmap.check(the_map)


class TestDeterminism:
    def test_same_output_under_any_hash_seed(self, tmp_path: Path) -> None:
        """The JSON output does not depend on the order of sets and dicts of strings."""
        sys.path.insert(0, str(ROOT / "bench"))
        try:
            from generate import generate_arg
        finally:
            sys.path.remove(str(ROOT / "bench"))
        generated = tmp_path / "generated.arg"
        generated.write_text(generate_arg(1500), encoding="utf-8")
        files = [str(generated), *map(str, sorted((ROOT / "maps").glob("*.arg")))]
        outputs = []
        for seed in ("1", "2", "3"):
            result = subprocess.run(
                [sys.executable, "-m", "argmap", "check", "--no-config", "--format", "json", *files],
                capture_output=True,
                text=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONHASHSEED": seed},
            )
            assert result.returncode in (0, 1), result.stderr
            outputs.append(result.stdout)
        assert outputs[0] == outputs[1] == outputs[2]
        assert json.loads(outputs[0])
