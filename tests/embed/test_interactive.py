"""The interactive HTML page: what it holds, and what it does in headless Chromium.

The screenshots are kept in the test's temporary folder (and copied to
``$ARGMAP_SCREENSHOTS`` when that is set), to be looked at.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.embed.interactive import interactive_html, map_data
from tests.embed.conftest import HOSTILE_MAP, MAPS, ROOT, SMALL_MAP

SMOKING = MAPS / "smoking-ban.arg"
AXE_CANDIDATES = (os.environ.get("ARGMAP_AXE_JS", ""), str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))


def page_for(text: str, **options) -> str:
    return interactive_html(argmap.parse(text), text, engine="embedded", **options)


def _between(page: str, start: str, end: str) -> str:
    return page.split(start, 1)[1].split(end, 1)[0]


class TestPage:
    def test_the_worked_example_writes_a_page(self, examples, tmp_path):
        (tmp_path / "maps").mkdir()
        (tmp_path / "maps" / "smoking-ban.arg").write_bytes(SMOKING.read_bytes())
        words = examples["interactive", "commands"].split()
        assert words[:2] == ["argmap", "render"]
        result = subprocess.run(
            [sys.executable, "-m", "argmap", *words[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        page = (tmp_path / words[-1]).read_text()
        assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 1

    def test_only_its_own_script_runs_and_nothing_is_fetched(self):
        page = page_for(SMALL_MAP)
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.DOTALL)
        assert [attributes for attributes, _ in scripts] == [' type="application/json" id="map-data"', ""]
        policy = _between(page, 'http-equiv="Content-Security-Policy" content="', '"')
        digest = base64.b64encode(hashlib.sha256(scripts[1][1].encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
        assert "connect-src 'none'" in policy
        outside = set(re.findall(r"https?://[^\s\"'<>]*", page))
        assert outside <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # namespaces
        for reference in ("src=", "href=", "url(", "@import", "fetch(", "XMLHttpRequest"):
            assert reference not in page, reference

    def test_map_text_is_escaped_everywhere(self):
        page = page_for(HOSTILE_MAP)
        data_text = _between(page, '<script type="application/json" id="map-data">', "</script>")
        assert "<" not in data_text and ">" not in data_text and "&" not in data_text
        assert json.loads(data_text) == map_data(argmap.parse(HOSTILE_MAP))
        assert page.count("<script") == 2 and "<img" not in page
        source = _between(page, '<pre tabindex="0">', "</pre>")
        assert "&lt;/script&gt;&lt;script&gt;window.pwned=3" in source

    def test_data_names_match_the_svg(self):
        page = page_for((SMOKING).read_text())
        data = map_data(argmap.load(SMOKING))
        for name in data["boxes"]:
            assert f'<g id="{name}" class="node' in page
        for inference in data["inferences"]:
            # the line to the target is always drawn; a lone premise may reach it
            # without a junction, and then without a line of its own
            assert f'id="{inference["edges"][0]}"' in page


def _chain(the_map: argmap.Map, start: str) -> set[str]:
    """Independent reference: every node with a path of relations to *start*,
    through undercuts of the inferences on the way."""
    found, todo = {start}, [start]
    while todo:
        target = todo.pop()
        relations = list(the_map.incoming(target))
        relations += [
            r
            for r in the_map.relations
            if r.kind == "undercut" and any(r.target == inner.id for inner in the_map.incoming(target))
        ]
        for relation in relations:
            for premise in relation.premises:
                if premise not in found:
                    found.add(premise)
                    todo.append(premise)
    return found


@pytest.mark.needs_browser
class TestInBrowser:
    @pytest.fixture
    def opened(self, browser, tmp_path):
        text = SMOKING.read_text()
        path = tmp_path / "smoking-ban.html"
        path.write_text(interactive_html(argmap.parse(text), text))
        browser.resize(1280, 900)
        browser.open(path.as_uri())
        return browser

    def test_click_a_box_highlights_its_chain(self, opened, keep_screenshot):
        the_map = argmap.load(SMOKING)
        names = {node.id: f"n{index}" for index, node in enumerate(the_map.nodes)}
        keep_screenshot(opened, "interactive-start.png")
        opened.click(f"g#{names['revenue']}")
        lit = set(opened.run("return [...document.querySelectorAll('g.box.chain')].map(g => g.id.split('_')[0])"))
        assert lit == {names[node_id] for node_id in _chain(the_map, "revenue")}
        assert len(lit) == 5  # the objection, its premise, the undercut, the rebuttal and its evidence
        faded = opened.run(f"return getComputedStyle(document.getElementById('{names['ban']}')).opacity")
        assert float(faded) < 0.5
        assert "A ban would drive smokers away" in opened.run("return document.getElementById('status').textContent")
        keep_screenshot(opened, "interactive-selected.png")
        opened.click("#zoom-reset")  # a click outside the boxes keeps the chain
        opened.click_corner("#map svg > g > polygon")  # the background clears it (its middle may be under a box)
        assert opened.run("return document.querySelectorAll('.chain').length") == 0

    def test_hover_shows_sources_and_the_text_toggle(self, opened, keep_screenshot):
        the_map = argmap.load(SMOKING)
        heart = next(index for index, node in enumerate(the_map.nodes) if node.text.startswith("Heart attack"))
        opened.hover(f"g#n{heart}")
        tip = opened.wait_for("var t = document.getElementById('tip'); return !t.hidden && t.textContent")
        assert "Source: Sargent, Shepard & Glantz, BMJ 2004" in tip and "#evidence/statistic" in tip
        keep_screenshot(opened, "interactive-hover.png")
        opened.click("#show-source")
        shown = opened.run(
            "return [document.getElementById('map').hidden, document.querySelector('#source pre').textContent]"
        )
        assert shown[0] is True and shown[1] == SMOKING.read_text()
        keep_screenshot(opened, "interactive-source.png")

    def test_zoom_and_pan_change_the_view(self, opened):
        before = opened.run("return document.querySelector('#map svg').getAttribute('viewBox')")
        opened.click("#zoom-in")
        zoomed = opened.run("return document.querySelector('#map svg').getAttribute('viewBox')")
        assert float(zoomed.split()[2]) == pytest.approx(float(before.split()[2]) * 0.8, rel=1e-3)

    def test_hostile_map_runs_nothing(self, browser, tmp_path):
        path = tmp_path / "hostile.html"
        path.write_text(page_for(HOSTILE_MAP))
        browser.open(path.as_uri())
        assert browser.run(
            "return [window.pwned, performance.getEntriesByType('resource').length,"
            " document.querySelectorAll('g.node[role=button]').length]"
        ) == [None, 0, 2]

    @pytest.mark.parametrize("name", sorted(path.name for path in MAPS.glob("*.arg")))
    def test_axe_finds_no_violations(self, browser, tmp_path, name):
        axe = next((Path(p) for p in AXE_CANDIDATES if p and Path(p).is_file()), None)
        if axe is None:
            pytest.skip("needs axe-core: npm install axe-core (or set ARGMAP_AXE_JS)")
        text = (MAPS / name).read_text()
        path = tmp_path / "map.html"
        path.write_text(interactive_html(argmap.parse(text), text))
        browser.open(path.as_uri())
        violations = browser.run_async(
            axe.read_text()
            + """
            ;var done = arguments[arguments.length - 1];
            axe.run(document).then(function (r) {
              done(r.violations.map(function (v) { return [v.id, v.impact, v.nodes.length]; }));
            }).catch(function (e) { done(['error', String(e), 0]); });"""
        )
        assert violations == []
