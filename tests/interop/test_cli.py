"""``argmap import`` and ``argmap export --to argdown|aif|markdown`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import load, parse
from argmap.cli import main
from tests.interop.argdown_cli import ARGDOWN_FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SMOKING = ROOT / "maps" / "smoking-ban.arg"


@pytest.fixture
def runner():
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click 8.2 keeps stderr apart by default
        return CliRunner()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


class TestImportCommand:
    @pytest.mark.parametrize("path", sorted(ARGDOWN_FIXTURES.glob("*.argdown")), ids=lambda p: p.stem)
    def test_fixture_imports_to_stdout_with_a_summary(self, runner, path):
        """Every fixture imports: .arg on stdout, one summary line on stderr, exit 0."""
        result = runner.invoke(main, ["import", str(path)])
        assert result.exit_code == 0, result.stderr
        assert parse(result.stdout).nodes
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"{path}: argdown: ")

    def test_output_file(self, runner, tmp_path):
        """-o writes the map to a file."""
        out = tmp_path / "out.arg"
        source = write(tmp_path, "a.argdown", "[A]: a\n  + [B]: b\n")
        result = runner.invoke(main, ["import", source, "-o", str(out)])
        assert result.exit_code == 0
        assert result.stdout == ""
        assert {(r.premises, r.target) for r in load(out).relations} == {(("B",), "A")}

    def test_argdown_error_exits_1_at_its_line_and_column(self, runner, tmp_path):
        """Invalid Argdown: file:line:col, the line and a caret on stderr; exit 1."""
        source = write(tmp_path, "bad.argdown", "[A]: a\n  + \n\nfoo\n")
        result = runner.invoke(main, ["import", source])
        assert result.exit_code == 1
        assert f"{source}:2:3:" in result.stderr
        assert "Traceback" not in result.stderr

    def test_aif_and_argmap_json_are_told_apart(self, runner, tmp_path):
        """A .json file is read as AIF or as argmap JSON, by its shape."""
        aif = runner.invoke(main, ["export", str(SMOKING), "--to", "aif"]).stdout
        own = runner.invoke(main, ["export", str(SMOKING), "--to", "json"]).stdout
        for name, text, label in (("a.json", aif, "aif:"), ("b.json", own, "argmap json:")):
            result = runner.invoke(main, ["import", write(tmp_path, name, text)])
            assert result.exit_code == 0, result.stderr
            assert parse(result.stdout) == load(SMOKING)
            assert label in result.stderr

    def test_unknown_json_exits_1(self, runner, tmp_path):
        """JSON that is neither AIF nor argmap's is reported, exit 1."""
        result = runner.invoke(main, ["import", write(tmp_path, "x.json", '{"x": 1}')])
        assert result.exit_code == 1
        assert "neither argmap's JSON nor AIF" in result.stderr

    def test_missing_file_exits_2(self, runner, tmp_path):
        """A file that does not exist is a usage error."""
        assert runner.invoke(main, ["import", str(tmp_path / "nope.argdown")]).exit_code == 2

    def test_arg_file_is_refused(self, runner):
        """An .arg file is not imported as if it were Argdown."""
        result = runner.invoke(main, ["import", str(SMOKING)])
        assert result.exit_code == 1
        assert "already an .arg map" in result.stderr

    def test_from_option_overrides_detection(self, runner, tmp_path):
        """--from argdown reads a file whatever its name."""
        result = runner.invoke(main, ["import", "--from", "argdown", write(tmp_path, "notes.txt", "[A]: a\n")])
        assert result.exit_code == 0
        assert "argdown:" in result.stderr


class TestExportFormats:
    @pytest.mark.parametrize(
        "target, check",
        [
            ("argdown", lambda text: text.startswith("===\n")),
            ("aif", lambda text: set(json.loads(text)) >= {"nodes", "edges"}),
            ("markdown", lambda text: text.startswith("# Should smoking be banned")),
        ],
    )
    def test_export_to(self, runner, target, check):
        """export --to argdown|aif|markdown writes the format."""
        result = runner.invoke(main, ["export", str(SMOKING), "--to", target])
        assert result.exit_code == 0, result.stderr
        assert check(result.stdout)


class TestDocumentation:
    def test_argdown_examples_import_as_shown(self):
        """Each ```argdown example in docs/interop.md imports as the ```arg block after it."""
        import re

        from argmap.interop import from_argdown

        text = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")
        pairs = re.findall(r"^```argdown\n(.*?)^```\n(?:(?!```).)*?^```arg\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
        assert pairs
        for argdown, arg in pairs:
            assert from_argdown(argdown).map == parse(arg)

    def test_fixture_table_matches_the_import(self):
        """The table of example files in docs/interop.md is what the import does."""
        import re

        from argmap.interop import from_argdown

        text = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")
        for path in sorted(ARGDOWN_FIXTURES.glob("*.argdown")):
            row = re.search(rf"^\| {re.escape(path.stem)} \|(.*)\|$", text, re.MULTILINE)
            assert row, path.stem
            cells = [int(cell) for cell in row.group(1).split("|")]
            result = from_argdown(path.read_text(encoding="utf-8"))
            found = dict(result.report.found)
            assert cells[:6] == [
                found["statements"],
                found["arguments"],
                found["arguments with a premise-conclusion structure"],
                found["relations"],
                len(result.map.nodes),
                len(result.map.relations),
            ]
