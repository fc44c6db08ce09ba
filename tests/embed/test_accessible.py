"""Every SVG has a title, a description in words, and a name on every box."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings

import argmap
from argmap.draw.accessible import outline_in_words
from tests.embed.conftest import HOSTILE_MAP, MAPS, SMALL_MAP
from tests.strategies import maps

SVG = "{http://www.w3.org/2000/svg}"


def _tree(svg: bytes) -> ET.Element:
    return ET.fromstring(svg)


def test_svg_has_title_desc_and_box_names():
    the_map = argmap.parse(SMALL_MAP)
    root = _tree(argmap.render(the_map, engine="embedded"))
    assert root.get("role") == "img"
    assert root[0].tag == f"{SVG}title" and root[0].text == "Should the city ban cars from the old town?"
    assert root[1].tag == f"{SVG}desc"
    desc = root[1].text
    assert desc.startswith("An argument map of 4 statements.")
    assert "1 Conclusion: The city should ban cars from the old town." in desc
    assert "1.2 Objection, against 1: Shops will lose customers" in desc
    assert "1.2.1 Rebuttal, against 1.2: Pedestrian zones" in desc
    names = {g.get("id"): g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if "node" in g.get("class", "")}
    assert names["n0"] == "Conclusion: The city should ban cars from the old town."
    assert names["n2"] == "Objection: Shops will lose customers who come by car."
    hidden = [g.get("id") for g in root.iter(f"{SVG}g") if g.get("aria-hidden") == "true"]
    assert hidden and all(re.fullmatch(r"r\d+(p\d+)?|j\d+|clust\d+", name) for name in hidden)


def test_a_box_drawn_again_is_named_as_its_node():
    the_map = argmap.load(MAPS / "serwer-2023-serbia.arg")
    root = _tree(argmap.render(the_map, engine="embedded"))
    boxes = {g.get("id"): g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if "node box" in g.get("class", "")}
    repeated = [name for name in boxes if "_" in name]
    assert repeated  # the showcase draws some boxes twice
    for name in repeated:
        assert boxes[name] == boxes[name.split("_")[0]] != name


def test_undercuts_are_in_the_outline():
    text = outline_in_words(argmap.load(MAPS / "smoking-ban.arg"))
    assert "Undercut, undercutting the inference from 1.5 to 1: The right to smoke" in text


def test_hostile_text_stays_text():
    the_map = argmap.parse(HOSTILE_MAP)
    svg = argmap.render(the_map, engine="embedded")
    root = _tree(svg)  # well-formed: nothing escaped its element
    assert root[0].text == the_map.meta("title")
    assert not list(root.iter(f"{SVG}script")) and b"<script" not in svg


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_the_outline_says_every_statement(the_map):
    """Every node's text is in the description, once, under a number."""
    text = outline_in_words(the_map)
    for node in the_map.nodes:
        assert node.text.replace("\n", " ") in text
    numbered = text.split("\n")[1:]  # (node text may hold other line separators)
    assert len({line.split(" ", 1)[0] for line in numbered}) == len(numbered)
