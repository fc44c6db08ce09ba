"""A tiny Sphinx project (the page's worked example) built for real, HTML and LaTeX."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.embed.conftest import MAPS

pytest.importorskip("sphinx")

BROKEN_RST = """\
Broken
======

.. argmap::
   :theme: greyscale

   conclusion: A.
     premis: B.
"""


def _project(folder: Path, examples, *, myst: bool = True) -> Path:
    source = folder / "src"
    (source / "maps").mkdir(parents=True)
    conf = examples["sphinx", "conf.py"]
    index = examples["sphinx", "index.rst"]
    if myst:
        pytest.importorskip("myst_parser")
        (source / "week2.md").write_text(examples["sphinx", "week2.md"])
    else:  # the fast case: reStructuredText only
        conf = conf.replace(', "myst_parser"', "")
        index = index.split(".. toctree::")[0]
    (source / "conf.py").write_text(conf)
    (source / "index.rst").write_text(index)
    shutil.copy(MAPS / "smoking-ban.arg", source / "maps")
    return source


def _build(source: Path, builder: str, *args: str) -> subprocess.CompletedProcess:
    out = source.parent / "out" / builder
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-q", *args, str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_html_has_the_maps_inline(examples, tmp_path):
    source = _project(tmp_path, examples, myst=False)
    result = _build(source, "html", "-W")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text()
    assert page.count('<figure class="argmap">') == 2
    assert "<title>Should smoking be banned in restaurants?</title>" in page
    assert "The city should ban cars from the old town." in page
    assert "legend" in page.lower()  # :evaluate: draws the verdicts with their legend


@pytest.mark.slow
def test_myst_fence_and_latex_pdf(examples, tmp_path):
    source = _project(tmp_path, examples)
    result = _build(source, "html", "-W")
    assert result.returncode == 0, result.stderr
    week2 = (tmp_path / "out" / "html" / "week2.html").read_text()
    assert week2.count("<svg") == 1 and "Homework should be abolished." in week2
    result = _build(source, "latex", "-W")
    assert result.returncode == 0, result.stderr
    latex = tmp_path / "out" / "latex"
    pdfs = sorted(latex.glob("argmap-*.pdf"))
    assert len(pdfs) == 3 and all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs)
    tex = next(latex.glob("*.tex")).read_text()
    for pdf in pdfs:
        assert f"\\sphinxincludegraphics{{{pdf.name}}}" in tex


@pytest.mark.slow
def test_a_broken_map_warns_at_its_line_and_fails_with_w(examples, tmp_path):
    source = _project(tmp_path, examples, myst=False)
    (source / "index.rst").write_text(BROKEN_RST)
    result = _build(source, "html")
    assert result.returncode == 0
    assert f"{source / 'index.rst'}:8: WARNING: unknown keyword 'premis'" in result.stderr
    page = (tmp_path / "out" / "html" / "index.html").read_text()
    assert "premis: B." in page  # the block is kept as its source
    assert _build(source, "html", "-W", "-E").returncode != 0
