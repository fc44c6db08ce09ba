"""Reading section by section gives the outline that reading the whole text gives."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import to_arg
from argmap.editing.sections import SectionCache
from argmap.errors import ArgmapError
from argmap.parsing import parse_outline
from tests.budget import quick_first
from tests.strategies import liberal_texts, maps

MAPS = sorted((Path(__file__).resolve().parents[2] / "maps").glob("*.arg"))


def _reading(parse, text: str):
    """The outline as plain data, or the error's message and place."""
    try:
        return attrs.asdict(parse(text, "m.arg"))
    except ArgmapError as error:
        return (type(error).__name__, error.message, error.line, error.column, error.end_line, error.end_column)


def _assert_same_while_typing(pieces: list[str]) -> None:
    cache, typed = SectionCache(), ""
    for piece in pieces:
        typed += piece
        assert _reading(cache.parse, typed) == _reading(parse_outline, typed), repr(typed[-200:])


@pytest.mark.parametrize("path", quick_first(sorted(MAPS, key=lambda p: p.stat().st_size)), ids=lambda p: p.stem)
def test_each_map_typed_line_by_line(path):
    _assert_same_while_typing(path.read_text(encoding="utf-8").splitlines(keepends=True))


def test_a_section_edited_moved_and_broken():
    cache = SectionCache()
    base = "title: T\n\nconclusion c: C.\n  premise p: P.\n\n@p\n  premise: Q.\n"
    for text in (
        base,
        base.replace("P.", "Px."),
        base.replace("title: T\n", "title: T\nauthor: A\n"),
        base.replace("@p", "@p\nauthor: late"),
        base.replace("  premise: Q.", "  premis: Q."),
        base,
    ):
        assert _reading(cache.parse, text) == _reading(parse_outline, text)


def test_only_the_edited_section_is_parsed_again(monkeypatch):
    from argmap.editing import sections

    parsed = []
    monkeypatch.setattr(
        sections, "parse_outline", lambda text, filename=None: parsed.append(text) or parse_outline(text, filename)
    )
    cache = SectionCache()
    text = "// about\nconclusion c: C.\n  premise p: P.\n\n@p\n  premise: Q.\n\n@c\n  objection: O.\n"
    cache.parse(text)
    assert len(parsed) == 3
    parsed.clear()
    cache.parse(text.replace("Q.", "Q!"))
    assert parsed == ["@p\n  premise: Q!\n"]
    parsed.clear()
    cache.parse("\n\n" + text.replace("Q.", "Q!"))  # the first section changed, the others moved down
    assert parsed == ["\n\n// about\nconclusion c: C.\n  premise p: P.\n"]


def _random_maps_and_their_edits(data):
    text = data.draw(maps(max_nodes=10).map(to_arg).flatmap(liberal_texts))
    lines = text.splitlines(keepends=True)
    cut = data.draw(st.integers(0, len(text)))
    _assert_same_while_typing(
        [
            text[:cut],
            text[cut:],
            "\n"
            + data.draw(st.sampled_from(["@x", "conclusion: y", "  premise: z", "#t", "title: late", "  rebuttal: r"])),
        ]
    )
    _assert_same_while_typing(lines)


@settings(max_examples=8, deadline=None)
@given(st.data())
def test_random_maps_and_their_edits(data):
    _random_maps_and_their_edits(data)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.data())
def test_many_random_maps_and_their_edits(data):
    _random_maps_and_their_edits(data)
