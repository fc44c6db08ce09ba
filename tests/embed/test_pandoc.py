"""The argmap-pandoc filter and the Quarto extension's Lua filter, run by a real Pandoc."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.embed.pandoc import filter_document
from tests.embed.conftest import ROOT

BIN = Path(sys.executable).parent


def _pandoc() -> str:
    pypandoc = pytest.importorskip("pypandoc")
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        pytest.skip("no pandoc: pip install pypandoc-binary")


def _environment() -> dict[str, str]:
    if shutil.which("argmap-pandoc", path=str(BIN)) is None:
        pytest.skip("the argmap-pandoc command is not installed (pip install -e .)")
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_pandoc(), *args], cwd=folder, env=_environment(), capture_output=True, text=True, timeout=300
    )


def test_html_and_latex_from_the_worked_example(examples, tmp_path):
    (tmp_path / "handout.md").write_text(examples["pandoc", "handout.md"])
    for command in examples["pandoc", "commands"].splitlines():
        words = command.split()
        assert words[0] == "pandoc"
        result = _run(tmp_path, *words[1:])
        assert result.returncode == 0, result.stderr
    html = (tmp_path / "handout.html").read_text()
    assert html.count("<svg") == 1 and "Public transport should be free." in html
    tex = (tmp_path / "handout.tex").read_text()
    [pdf] = (tmp_path / "figures").glob("argmap-*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert f"{{figures/{pdf.name}}}" in tex


@pytest.mark.slow
def test_a_broken_block_is_kept_and_reported(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes\n\n```arg\nconclusion: A.\n  premis: B.\n```\n")
    result = _run(tmp_path, "notes.md", "--filter", "argmap-pandoc", "-t", "html")
    assert result.returncode == 0
    assert "arg block 1:2:3: error: unknown keyword 'premis'" in result.stderr
    assert "premis: B." in result.stdout and "<svg" not in result.stdout


def test_quarto_extension_lua_filter(examples, tmp_path):
    (tmp_path / "slides.qmd").write_text(examples["quarto", "slides.qmd"])
    lua = ROOT / "_extensions" / "argmap" / "argmap.lua"
    result = _run(tmp_path, "slides.qmd", "-f", "markdown", "--lua-filter", str(lua), "-t", "html")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("<svg") == 1 and "Exams should be open-book." in result.stdout
    manifest = (ROOT / "_extensions" / "argmap" / "_extension.yml").read_text()
    assert "argmap.lua" in manifest


def test_other_outputs_get_a_png(tmp_path, monkeypatch):
    """Without Pandoc: the filter on a JSON document, for docx."""
    monkeypatch.chdir(tmp_path)
    block = {"t": "CodeBlock", "c": [["m1", ["arg"], [["direction", "right"]]], "conclusion: A.\n  premise: B."]}
    document = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": [{"t": "Div", "c": [["", [], []], [block]]}]}
    out = filter_document(json.loads(json.dumps(document)), "docx")
    [para] = out["blocks"][0]["c"][1]
    image = para["c"][0]
    assert image["t"] == "Image" and image["c"][2][0].endswith(".png")
    assert (tmp_path / image["c"][2][0]).read_bytes().startswith(b"\x89PNG")
