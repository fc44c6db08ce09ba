"""Python-Markdown, pymdownx.superfences, markdown-it-py and MkDocs, each run for real."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.embed.conftest import MAPS, SMALL_MAP

markdown = pytest.importorskip("markdown")

BROKEN = "conclusion: A.\n  premis: B.\n"


def page(map_text: str, fence: str = "```arg direction=right") -> str:
    return f"# Notes\n\nSome text.\n\n{fence}\n{map_text}```\n\nMore text.\n"


def _run_example(code: str, folder: Path, monkeypatch) -> str:
    monkeypatch.chdir(folder)
    namespace: dict = {}
    exec(compile(code, "docs/embedding.md", "exec"), namespace)  # the page's own example
    return namespace["html"]


class TestPythonMarkdown:
    def test_draws_the_block_and_keeps_the_rest(self):
        html = markdown.markdown(page(SMALL_MAP), extensions=["fenced_code", "argmap.embed.markdown"])
        assert html.count("<svg") == 1 and '<figure class="argmap">' in html
        assert "<title>Should the city ban cars from the old town?</title>" in html
        assert "<p>Some text.</p>" in html and "<p>More text.</p>" in html
        assert "```" not in html

    def test_a_block_shown_inside_another_fence_is_not_drawn(self):
        text = "````markdown\n```arg\nconclusion: A.\n```\n````\n"
        html = markdown.markdown(text, extensions=["fenced_code", "argmap.embed.markdown"])
        assert "<svg" not in html and "```arg" in html

    def test_a_broken_map_is_shown_located_and_logged(self, caplog):
        with caplog.at_level(logging.WARNING, logger="argmap.embed"):
            html = markdown.markdown(page(BROKEN), extensions=["fenced_code", markdown_extension(filename="notes.md")])
        assert "notes.md:7:3: error: unknown keyword &#x27;premis&#x27;" in html
        assert "<svg" not in html
        assert any("notes.md:7:3" in record.getMessage() for record in caplog.records)

    def test_the_worked_example(self, examples, tmp_path, monkeypatch):
        html = _run_example(examples["markdown", "python_markdown.py"], tmp_path, monkeypatch)
        assert html.count("<svg") == 1 and "The museum should open on Mondays." in html


def markdown_extension(**config):
    from argmap.embed.markdown import ArgmapExtension

    return ArgmapExtension(**config)


class TestSuperfences:
    def test_custom_fence(self):
        pytest.importorskip("pymdownx")
        from argmap.embed.markdown import fence_format, fence_validator

        config = {
            "pymdownx.superfences": {
                "custom_fences": [
                    {"name": "arg", "class": "argmap", "validator": fence_validator, "format": fence_format}
                ]
            }
        }
        html = markdown.markdown(
            page(SMALL_MAP, '```{.arg direction="right" theme="greyscale"}'),
            extensions=["pymdownx.superfences"],
            extension_configs=config,
        )
        assert html.count("<svg") == 1
        # greyscale: no colour of the default theme's conclusion frame
        assert "#1f4e79" not in html and "legend" not in html.lower()
        for switch in ("{.arg evaluate}", "arg evaluate", "{.arg evaluate=1}"):
            html = markdown.markdown(
                page(SMALL_MAP, "```" + switch), extensions=["pymdownx.superfences"], extension_configs=config
            )
            assert "legend" in html.lower(), switch


class TestMarkdownIt:
    def test_draws_the_block_and_leaves_other_fences(self):
        markdown_it = pytest.importorskip("markdown_it")
        from argmap.embed.markdown_it import argmap_plugin

        md = markdown_it.MarkdownIt().use(argmap_plugin, filename="notes.md")
        html = md.render(page(SMALL_MAP) + "\n```python\nprint('hi')\n```\n" + page(BROKEN, "```arg"))
        assert html.count("<svg") == 1
        assert '<code class="language-python">' in html
        assert "notes.md:25:3: error: unknown keyword" in html

    def test_the_worked_example(self, examples, tmp_path, monkeypatch):
        pytest.importorskip("markdown_it")
        html = _run_example(examples["markdown", "markdown_it.py"], tmp_path, monkeypatch)
        assert html.count("<svg") == 1


def _mkdocs(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=folder, capture_output=True, text=True, timeout=300
    )


class TestMkDocs:
    """A tiny MkDocs site built from the worked example."""

    @pytest.fixture
    def site(self, examples, tmp_path):
        pytest.importorskip("mkdocs")
        (tmp_path / "docs" / "maps").mkdir(parents=True)
        (tmp_path / "mkdocs.yml").write_text(examples["mkdocs", "mkdocs.yml"])
        (tmp_path / "docs" / "index.md").write_text(examples["mkdocs", "docs/index.md"])
        shutil.copy(MAPS / "smoking-ban.arg", tmp_path / "docs" / "maps")
        return tmp_path

    def test_the_worked_example_builds(self, site):
        (site / "docs" / "file.md").write_text("# From a file\n\n```arg\nfile: maps/smoking-ban.arg\n```\n")
        result = _mkdocs(site, "--strict")
        assert result.returncode == 0, result.stderr
        index = (site / "site" / "index.html").read_text()
        assert index.count("<svg") == 1 and "Smoking should be banned in restaurants." in index
        assert "#1f4e79" not in index  # the example asks for greyscale
        from_file = (site / "site" / "file" / "index.html").read_text()
        assert "<title>Should smoking be banned in restaurants?</title>" in from_file

    @pytest.mark.slow
    def test_the_superfences_example_builds(self, examples, site):
        pytest.importorskip("pymdownx")
        (site / "mkdocs.yml").write_text(examples["mkdocs", "superfences.yml"])
        (site / "docs" / "index.md").write_text(page(SMALL_MAP, "```{.arg direction=right}"))
        result = _mkdocs(site, "--strict")
        assert result.returncode == 0, result.stderr
        assert (site / "site" / "index.html").read_text().count("<svg") == 1

    @pytest.mark.slow
    def test_a_broken_map_fails_a_strict_build_at_its_line(self, site):
        (site / "docs" / "broken.md").write_text("# Broken\n\n```arg\n" + BROKEN + "```\n")
        result = _mkdocs(site, "--strict")
        assert result.returncode != 0
        assert "docs/broken.md:5:3: error: unknown keyword 'premis'" in result.stderr
