"""The HTML report and the live preview, opened in headless Chromium.

The screenshots are kept in each test's temporary folder (and copied to
``$ARGMAP_SCREENSHOTS`` when that is set), to be looked at.
"""

from __future__ import annotations

import hashlib
import threading

import pytest

from argmap.teaching.grade import grade_files, student_files
from argmap.teaching.report_html import class_report
from argmap.teaching.rubric import DEFAULT_RUBRIC
from argmap.teaching.serve import make_server
from tests.teaching.conftest import CLASS_DIR, REFERENCE

pytestmark = pytest.mark.needs_browser

HOSTILE = """\
conclusion: Secondary schools should start their day at nine o'clock or later.
  premise: <img src=x onerror="window.pwned=1"><script>window.pwned=2</script> & friends
"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory, reference_map):
    folder = tmp_path_factory.mktemp("report")
    students = folder / "class"
    students.mkdir()
    for path in student_files(CLASS_DIR, REFERENCE):
        (students / path.name).write_bytes(path.read_bytes())
    (students / "zed<script>.arg").write_text(HOSTILE)
    results = list(grade_files(student_files(students), reference_map, students))
    out = folder / "report.html"
    out.write_text(class_report(results, reference_map, DEFAULT_RUBRIC, reference_file="reference.arg"))
    return out


class TestReport:
    """The class report in the browser."""

    def test_opens_with_every_student(self, browser, report_file, keep_screenshot):
        """Every student has a section and every map is drawn with a size."""
        browser.resize(1280, 900)
        browser.open(report_file.as_uri())
        assert browser.run("return document.querySelectorAll('section.student').length") == 16
        widths = browser.run(
            "return [...document.querySelectorAll('svg.argmap-map')]"
            ".filter(s => !s.closest('details')).map(s => s.getBoundingClientRect().width)"
        )
        assert len(widths) == 15 and all(width > 100 for width in widths)
        keep_screenshot(browser, "report-top.png")

    def test_marked_boxes_glow(self, browser, report_file, keep_screenshot):
        """A box with a mistake is drawn with a coloured glow and explains itself
        on hover (its title)."""
        browser.open(report_file.as_uri() + "#s4-eve")
        found = browser.run("""
            const box = document.querySelector('#s4-eve svg .am-mistake');
            return box && [getComputedStyle(box).filter, box.querySelector('title').textContent];
        """)
        assert found and found[0] != "none" and found[1].startswith("wrong-attachment:")
        browser.run("document.getElementById('s4-eve').scrollIntoView()")
        keep_screenshot(browser, "report-eve.png")

    def test_text_stays_text(self, browser, report_file):
        """Markup in a student's map or file name is shown, never run."""
        browser.open(report_file.as_uri())
        assert browser.run("return window.pwned === undefined")
        assert (
            browser.run("return document.querySelectorAll('section.student script, section.student img').length") == 0
        )
        text = browser.run("return document.body.innerText")
        assert "zed<script>" in text

    def test_broken_map_shows_its_error(self, browser, report_file):
        """The file that does not parse shows its error with the caret."""
        browser.open(report_file.as_uri())
        error = browser.run("return [...document.querySelectorAll('pre.error')].map(p => p.innerText).join()")
        assert "unknown keyword 'premis'" in error and "^^^^^^" in error


MAP = """\
title: Sunday opening
conclusion: The library should open on Sundays.
  premise: Many students want to study on Sundays.
"""


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "library.arg"
    path.write_text(MAP)
    server = make_server(path, 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server, path
    server.shutdown()
    server.server_close()


def _save(browser, path, text: str) -> None:
    """Write *text* to *path* and wait until the page shows that very text: the
    server may first see the file half written (``write_text`` truncates, then
    writes), which is a version of its own, so waiting for any new version races."""
    path.write_text(text, encoding="utf-8")
    version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    browser.wait_for("return document.body.dataset.version === arguments[0]", version)


class TestServe:
    """The live preview in the browser."""

    def test_page_follows_the_file(self, browser, served, keep_screenshot):
        """Saving the file redraws the map and its diagnostics; a mistake shows a
        banner and the last drawing; fixing it brings the page back."""
        server, path = served
        browser.resize(1280, 720)
        browser.open(server.url)
        browser.wait_for("return document.body.dataset.version")
        assert browser.run("return document.querySelector('#map svg') !== null")
        assert browser.run("return document.title") == "argmap: library.arg (Sunday opening)"
        assert "No diagnostics" in browser.run("return document.getElementById('summary').textContent")
        keep_screenshot(browser, "serve-1-first.png")

        _save(browser, path, MAP + "  objection: Opening on Sundays costs money.\n")
        assert "OBJECTION" in browser.run("return document.querySelector('#map svg').textContent")
        items = browser.run("return [...document.querySelectorAll('#diagnostics li')].map(li => li.textContent)")
        assert any("AM201" in item and "warning" in item for item in items)
        keep_screenshot(browser, "serve-2-objection.png")

        _save(browser, path, MAP + "  premis: a typo\n")
        assert browser.run("return document.body.dataset.status") == "error"
        assert not browser.run("return document.getElementById('banner').hidden")
        assert browser.run("return document.getElementById('map').classList.contains('stale')")
        assert "unknown keyword 'premis'" in browser.run("return document.getElementById('diagnostics').textContent")
        keep_screenshot(browser, "serve-3-typo.png")

        _save(browser, path, MAP)
        assert browser.run("return document.body.dataset.status") == "ok"
        assert browser.run("return document.getElementById('banner').hidden")

    def test_text_stays_text(self, browser, served):
        """Markup in the map is drawn as text, never run."""
        server, path = served
        path.write_text(HOSTILE)
        browser.open(server.url)
        browser.wait_for("return document.querySelector('#map svg') !== null")
        assert browser.run("return window.pwned === undefined")
        assert browser.run("return document.querySelectorAll('#map script, #map img').length") == 0
        assert "<img src=x" in browser.run("return document.querySelector('#map svg').textContent")
