"""Map text is literal text everywhere: DOT, SVG, PDF."""

from __future__ import annotations

import doctest
import re
import xml.etree.ElementTree as ElementTree

import pytest

import argmap.draw.quoting as quoting
from argmap.draw import render, to_dot
from tests.draw.samples import HOSTILE_TEXTS, hostile


def test_doctests():
    """The edge cases written in the quoting module hold."""
    result = doctest.testmod(quoting)
    assert result.attempted > 10 and result.failed == 0


def test_no_text_escapes_its_label():
    """Hostile texts never close a label or start an attribute: every label of the
    DOT is one HTML-like string with balanced brackets, and no attribute comes from
    the map."""
    dot = to_dot(hostile(), show_ids=True, show_sources=True, legend=True)
    assert "image=" not in re.sub(r"<<.*?>>", "", dot, flags=re.DOTALL)
    assert "<script>" not in dot and "<image" not in dot
    for label in re.findall(r"label=(<.*?>)(?: class=| labeljust=| fontcolor=|\])", dot):
        assert label.count("<") == label.count(">")


def _svg_text(svg: bytes) -> str:
    root = ElementTree.fromstring(svg)
    return " ".join("".join(element.itertext()) for element in root.iter() if element.tag.endswith("}text"))


def _lines_of(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("engine", ["embedded", pytest.param("system", marks=pytest.mark.needs_dot)])
def test_hostile_texts_render_literally_in_svg(engine):
    """Each hostile text comes out of the SVG as the same words, and the SVG holds
    no script, image or link."""
    svg = render(hostile(), engine=engine)
    words = " ".join(_svg_text(svg).split())
    for text in HOSTILE_TEXTS:
        for word in _lines_of(text):
            assert word[:8] in words, (word, text)
    for element in ElementTree.fromstring(svg).iter():
        assert element.tag.rsplit("}", 1)[-1] not in {"script", "image", "a", "foreignObject", "use"}
        assert not any(name.endswith("href") for name in element.attrib)
    assert "<b>Title</b>" in words and "\\N" in words
