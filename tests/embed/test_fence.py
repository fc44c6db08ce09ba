"""The one function every host calls: options, located errors, named files."""

from __future__ import annotations

import shlex

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.embed import FenceError, drawing_options, parse_fence_options, render_fence
from tests.embed.conftest import MAPS, SMALL_MAP

NAMES = st.from_regex(r"[a-z][a-z0-9_-]{0,12}", fullmatch=True)
VALUES = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)


@given(st.dictionaries(NAMES, VALUES, max_size=6))
def test_options_read_back_as_written(options):
    """Options written as name=value (quoted as a shell would) read back the same."""
    line = " ".join(f"{name}={shlex.quote(value)}" for name, value in options.items())
    assert parse_fence_options(line) == options


def test_options_switches_and_pandoc_braces():
    assert parse_fence_options('{.arg direction=right evaluate theme="high-contrast"}') == {
        "direction": "right",
        "evaluate": "",
        "theme": "high-contrast",
    }


def test_options_that_cannot_be_read_are_a_located_error():
    with pytest.raises(FenceError) as caught:
        parse_fence_options('theme="greyscale')
    assert "cannot be read" in caught.value.message


def test_drawing_options_convert_values_and_aliases():
    the_map = argmap.parse(SMALL_MAP)
    assert drawing_options(the_map, {"show-ids": "", "wrap": "20", "legend": "no", "page": "a4"}) == {
        "show_ids": True,
        "wrap": 20,
        "legend": False,
        "page": "a4",
    }
    evaluated = drawing_options(the_map, {"evaluate": "", "assume": "traffic=rejected"})
    assert evaluated["legend"] is True
    assert evaluated["verdicts"]["traffic"] == "out"
    assert "assume" not in evaluated and "evaluate" not in evaluated


def test_options_change_the_picture():
    """An option on the fence reaches the renderer: right puts boxes side by side."""
    up = render_fence(SMALL_MAP, {"engine": "embedded"})
    right = render_fence(SMALL_MAP, {"engine": "embedded", "direction": "right"})

    def ratio(figure):
        width, height = (float(figure.svg.split(f'{key}="')[1].split("pt")[0]) for key in ("width", "height"))
        return width / height

    assert ratio(right) > ratio(up)


def test_a_map_that_does_not_parse_is_located_in_the_document():
    broken = "conclusion: A.\n  premis: B.\n"
    with pytest.raises(FenceError) as caught:
        render_fence(broken, {}, filename="notes.md", first_line=40)
    error = caught.value
    assert (error.file, error.line, error.column) == ("notes.md", 41, 3)
    assert error.text.startswith("notes.md:41:3: error: unknown keyword 'premis'")
    assert "premis: B." in error.text and "did you mean 'premise'" in error.text


def test_an_unknown_option_is_located_at_the_block():
    with pytest.raises(FenceError) as caught:
        render_fence(SMALL_MAP, {"colour": "red"}, filename="notes.md", first_line=7)
    assert caught.value.line == 7 and "unknown option 'colour'" in caught.value.message


def test_a_named_file_is_read_from_the_base_folder(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "small.arg").write_text(SMALL_MAP)
    figure = render_fence("file: maps/small.arg\n", {"engine": "embedded"}, base_dir=tmp_path)
    assert figure.map == argmap.parse(SMALL_MAP)
    by_option = render_fence("", {"file": "maps/small.arg", "engine": "embedded"}, base_dir=tmp_path)
    assert by_option.map == figure.map


def test_an_error_in_a_named_file_is_located_in_that_file(tmp_path):
    (tmp_path / "bad.arg").write_text("conclusion: A.\n  premis: B.\n")
    with pytest.raises(FenceError) as caught:
        render_fence("file: bad.arg", {}, base_dir=tmp_path, filename="notes.md", first_line=30)
    assert (caught.value.file, caught.value.line) == ("bad.arg", 2)


@pytest.mark.parametrize("name", ["../secret.arg", "/etc/passwd", "maps/../../secret.arg"])
def test_a_file_outside_the_root_is_refused_unread(tmp_path, name):
    """A document cannot make argmap read (and quote in an error) a file elsewhere."""
    inner = tmp_path / "site"
    inner.mkdir()
    (tmp_path / "secret.arg").write_text("conclusion: the secret\n")
    with pytest.raises(FenceError) as caught:
        render_fence(f"file: {name}", {}, base_dir=inner, filename="page.md")
    assert "outside" in caught.value.message and "secret" not in (caught.value.excerpt or "")


def test_a_missing_file_is_a_located_error(tmp_path):
    with pytest.raises(FenceError) as caught:
        render_fence("file: nowhere.arg", {}, base_dir=tmp_path, filename="page.md", first_line=3)
    assert caught.value.line == 3 and "cannot read the map file nowhere.arg" in caught.value.message


def test_the_same_map_gives_the_same_picture_in_every_host():
    """What the hosts call gives what argmap.render gives (same options)."""
    text = (MAPS / "smoking-ban.arg").read_text()
    figure = render_fence(text, {"direction": "right", "engine": "embedded"})
    assert figure.data == argmap.render(argmap.parse(text), direction="right", engine="embedded")


def test_every_worked_example_of_the_page_is_built_by_a_test(examples):
    """The examples these tests build are all the page has (a new one needs a test)."""
    assert set(examples) == {
        ("sphinx", "conf.py"),
        ("sphinx", "index.rst"),
        ("sphinx", "week2.md"),
        ("mkdocs", "mkdocs.yml"),
        ("mkdocs", "docs/index.md"),
        ("mkdocs", "superfences.yml"),
        ("markdown", "python_markdown.py"),
        ("markdown", "markdown_it.py"),
        ("jupyter", "cells"),
        ("pandoc", "handout.md"),
        ("pandoc", "commands"),
        ("quarto", "slides.qmd"),
        ("interactive", "commands"),
    }


def test_the_core_imports_no_host():
    """argmap and the host-free parts of argmap.embed load without any optional host."""
    import subprocess
    import sys

    code = (
        "import sys, argmap, argmap.embed, argmap.embed.interactive, argmap.embed.pandoc, "
        "argmap.embed.jupyter, argmap.draw.accessible\n"
        "hosts = {'sphinx', 'docutils', 'markdown', 'markdown_it', 'mkdocs', 'IPython', 'pymdownx', 'nbclient'}\n"
        "print(sorted(hosts & {name.split('.')[0] for name in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_depth_that_is_not_a_number_is_a_located_error():
    """``depth=two`` used to reach the renderer as text and end in a TypeError."""
    with pytest.raises(FenceError) as caught:
        render_fence(SMALL_MAP, {"focus": "traffic", "depth": "two"})
    assert "depth must be a whole number, not 'two'" in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize("node_id", ["1", "yes", "off"])
def test_focus_on_an_id_that_reads_as_a_number_or_a_switch(node_id):
    """Ids are kept as written: ``focus=1`` used to become the number 1 and ``focus=yes``
    the switch True, so no node was found to focus on."""
    source = f"conclusion {node_id}: Cities should tax cars.\n  claim other: Traffic kills.\n"
    assert drawing_options(argmap.parse(source), {"focus": node_id, "depth": "0"}) == {"focus": node_id, "depth": 0}
    figure = render_fence(source, {"focus": node_id, "depth": "0", "engine": "embedded"})
    assert "Cities should tax cars." in figure.svg
