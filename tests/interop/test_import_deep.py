"""``argmap import`` refuses input nested too deeply with a located message, never a
traceback: Argdown emphasis and relation trees, JSON arrays and objects, AIF chains of
undercuts; and the entry point turns a stray RecursionError into one line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from argmap.limits import MAX_DEPTH, MAX_JSON_DEPTH


def nested_emphasis(levels: int) -> str:
    """``[t]: _a *b _a ... d* _`` with *levels* of bold and italic inside each other."""
    opening = "".join("_a " if i % 2 == 0 else "*b " for i in range(levels))
    closing = "".join("_" if i % 2 == 0 else "*" for i in reversed(range(levels)))
    return f"[t]: {opening}d{closing}\n"


def deep_relations(levels: int) -> str:
    """A relation tree indented *levels* deep, one level per line."""
    return "\n".join(["[a0]: A0."] + ["  " * i + f"+ [a{i}]: A{i}." for i in range(1, levels + 1)]) + "\n"


def undercut_chain(length: int) -> str:
    """AIF with an inference undercut by an undercut... *length* times."""
    nodes = [
        {"nodeID": "p", "type": "I", "text": "P"},
        {"nodeID": "c", "type": "I", "text": "C"},
        {"nodeID": "ra", "type": "RA"},
    ]
    edges = [{"fromID": "p", "toID": "ra"}, {"fromID": "ra", "toID": "c"}]
    aimed = "ra"
    for i in range(length):
        nodes += [{"nodeID": f"u{i}", "type": "I", "text": f"U{i}"}, {"nodeID": f"ca{i}", "type": "CA"}]
        edges += [{"fromID": f"u{i}", "toID": f"ca{i}"}, {"fromID": f"ca{i}", "toID": aimed}]
        aimed = f"ca{i}"
    return json.dumps({"nodes": nodes[::-1], "edges": edges})


def run_import(path) -> subprocess.CompletedProcess:
    """``argmap import PATH`` through the console entry point, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-c", "from argmap.cli import run; run()", "import", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


CRASHES = {
    "emphasis.argdown": (
        nested_emphasis(1000),
        f"bold and italic are nested more than {MAX_DEPTH} levels deep",
        ":1:306:",
    ),
    "relations.argdown": (
        deep_relations(3000),
        f"the relations are indented more than {MAX_DEPTH} levels deep",
        f":{MAX_DEPTH + 2}:{2 * (MAX_DEPTH + 1) + 1}:",
    ),
    "deep.json": ("[" * 100_000 + "]" * 100_000, "the JSON nests too deeply", f":1:{MAX_JSON_DEPTH + 1}:"),
    "nodes.json": (
        '{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "the JSON nests too deeply",
        f":1:{MAX_JSON_DEPTH + 10}:",
    ),
}


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_deep_input_is_refused_at_its_place(tmp_path, name):
    """Each once ended in a RecursionError; now: exit 1, file:line:col, a hint, no traceback."""
    text, message, place = CRASHES[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_import(path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{path}{place} error: {message}" in result.stderr
    assert "\nhint: " in result.stderr


def test_just_deep_enough_imports(tmp_path):
    """The bounds leave room: relations MAX_DEPTH deep, each with emphasis MAX_DEPTH deep."""
    deepest = deep_relations(MAX_DEPTH).rstrip("\n") + " " + nested_emphasis(100)[5:]
    path = tmp_path / "deepest.argdown"
    path.write_text(deepest, encoding="utf-8")
    result = run_import(path)
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_long_chain_of_aif_undercuts_is_refused_cleanly(tmp_path):
    """The AIF reader walks chains of undercuts without recursion; a chain longer than an
    .arg map nests is refused, not a traceback."""
    path = tmp_path / "chain.json"
    path.write_text(undercut_chain(3000), encoding="utf-8")
    result = run_import(path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cannot be written as .arg" in result.stderr


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[" * 5000 + "]" * 5000, "nests too deeply"),
        ('{"format": "argmap", "version": 1, "nodes": [' + "[" * 200 + "]" * 200 + "]}", "nests too deeply"),
        ('{"format": "argmap", "version": "' + "1" * 5000 + '", "n": ' + "1" * 5000 + "}", "more than"),
    ],
)
def test_from_json_refuses_deep_json(text, fragment):
    import argmap

    with pytest.raises(argmap.ArgmapFormatError, match=fragment):
        argmap.from_json(text)


def test_from_aif_refuses_deep_json():
    from argmap.interop import AifFormatError, from_aif

    with pytest.raises(AifFormatError, match="nests too deeply"):
        from_aif('{"nodes": ' + "[" * 5000 + "]" * 5000 + ', "edges": []}')


def test_deep_data_blocks_are_kept_as_text():
    """Argdown data nested deeper than the YAML reader goes is kept as raw text."""
    from argmap.interop import from_argdown

    the_map = from_argdown("[a]: A. {k: " + "[" * 1000 + "]" * 1000 + "}\n").map
    assert any("[[[" in value for _, value in the_map.nodes[0].attributes)


@pytest.mark.parametrize("error", ["RecursionError", "MemoryError"])
def test_the_entry_point_reports_a_stray_recursion_or_memory_error_in_one_line(error):
    """A last resort, should a reader miss a bound: no traceback, exit 1."""
    program = (
        "import sys, click\nfrom argmap import cli\n"
        f"def broken(*args, **kwargs):\n    raise {error}()\n"
        "cli.main = broken\ncli.run()\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and "\nhint: " in result.stderr
