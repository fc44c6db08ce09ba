"""`argmap eval`, `argmap export --to apx|af` and `argmap render --evaluate`:
output, exit codes 0/1/2, and no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.frameworks import from_af, from_apx

ROOT = Path(__file__).parents[2]
SHOWCASE = str(ROOT / "maps" / "serwer-2023-serbia.arg")
TWEETY = (
    "conclusion fly: Tweety can fly.\n  premise bird: Tweety is a bird.\n    undercut penguin: Tweety is a penguin.\n"
)


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def tweety(tmp_path):
    path = tmp_path / "tweety.arg"
    path.write_text(TWEETY, encoding="utf-8")
    return str(path)


class TestEval:
    def test_text(self, runner, tweety):
        """The default report is text: a summary, then a line per node; exit 0."""
        result = runner.invoke(main, ["eval", tweety])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[0] == "grounded semantics: 2 in, 1 out, 0 undecided"
        assert "its only reason, premise 'bird', is undercut by 'penguin'" in result.stdout

    def test_json(self, runner, tweety):
        """--format json follows the contract."""
        result = runner.invoke(main, ["eval", tweety, "--format", "json", "--assume", "penguin=rejected"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["labels"] == {"fly": "in", "bird": "in", "penguin": "out"}
        assert data["explanations"]["penguin"] == "out: assumed rejected"

    def test_preferred_json_has_labellings(self, runner):
        """Preferred semantics lists its labellings."""
        result = runner.invoke(main, ["eval", SHOWCASE, "--semantics", "preferred", "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["semantics"] == "preferred" and data["labellings"] == [data["labels"]]

    def test_unmarked_and_output_file(self, runner, tweety, tmp_path):
        """--unmarked changes the default verdict; -o writes a file."""
        out = tmp_path / "verdicts.json"
        result = runner.invoke(main, ["eval", tweety, "--unmarked", "undecided", "--format", "json", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert set(json.loads(out.read_text(encoding="utf-8"))["labels"].values()) == {"undecided"}

    @pytest.mark.parametrize("assume", ["penguin", "penguin=maybe", "pengiun=rejected"])
    def test_bad_assume_exits_2(self, runner, tweety, assume):
        """A malformed --assume or an unknown id is a usage error: exit 2, a message, no traceback."""
        result = runner.invoke(main, ["eval", tweety, "--assume", assume])
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ")
        assert "Traceback" not in result.output

    def test_syntax_error_exits_1(self, runner, tmp_path):
        """A mistake in the map is reported as file:line:col; exit 1."""
        path = tmp_path / "bad.arg"
        path.write_text("conclusion c: C.\n  premis: P.\n", encoding="utf-8")
        result = runner.invoke(main, ["eval", str(path)])
        assert result.exit_code == 1
        assert f"{path}:2:3:" in result.stderr

    def test_limit_exits_1(self, runner, tmp_path):
        """A search over --limit stops with a message and exit 1."""
        lines = ["conclusion c: C."]
        for i in range(10):
            lines += [f"  objection a{i}: A{i}.", f"    rebuttal b{i}: B{i}.", f"      rebuttal @a{i}"]
        path = tmp_path / "cycles.arg"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = runner.invoke(main, ["eval", str(path), "--semantics", "preferred", "--limit", "20"])
        assert result.exit_code == 1
        assert "gave up after 20 search steps" in result.stderr
        assert "hint: use grounded semantics" in result.stderr

    def test_help_lists_eval(self, runner):
        """eval is listed among the commands."""
        assert "eval" in runner.invoke(main, ["--help"]).output


class TestExport:
    def test_apx(self, runner, tweety):
        """--to apx writes the map's framework, which reads back."""
        result = runner.invoke(main, ["export", tweety, "--to", "apx"])
        assert result.exit_code == 0, result.output
        framework = from_apx(result.stdout)
        assert framework.grounded()["fly"] == "out"
        assert ("undercut:penguin->support:bird->fly", "support:bird->fly") in framework.attacks

    def test_af(self, runner, tweety):
        """--to af writes the framework numbered, with the names as comments."""
        result = runner.invoke(main, ["export", tweety, "--to", "af"])
        assert result.exit_code == 0, result.output
        assert "# 1 fly" in result.stdout
        assert from_af(result.stdout).grounded()["1"] == "out"


class TestRenderEvaluate:
    def test_dot_has_verdicts(self, runner, tweety):
        """render --evaluate colours the boxes by their grounded verdicts."""
        result = runner.invoke(main, ["render", tweety, "--evaluate", "--format", "dot", "-o", "-"])
        assert result.exit_code == 0, result.output
        assert "OUT" in result.stdout and "IN" in result.stdout

    def test_bad_assume_exits_2(self, runner, tweety):
        """A bad --assume with render --evaluate is a usage error too."""
        result = runner.invoke(main, ["render", tweety, "--evaluate", "--assume", "x", "--format", "dot", "-o", "-"])
        assert result.exit_code == 2


class TestDocs:
    def test_worked_example_output(self, tmp_path):
        """The `argmap eval tweety.arg` transcripts in docs/evaluation.md are what the command prints."""
        from tests.evaluate.transcripts import assert_transcripts

        assert_transcripts("conclusion fly:", "tweety.arg", tmp_path)
