"""The seminar commands on the command line."""

from __future__ import annotations

import csv
import json
import os
import pty
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from tests.svgtext import visible_words
from tests.teaching.conftest import CLASS_DIR, EXPECTED, REFERENCE

ARGMAP = [sys.executable, "-m", "argmap"]


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


class TestCompare:
    """argmap compare"""

    def test_text(self):
        """Mistakes as file:line:col lines, the score last, exit 1."""
        result = run("compare", CLASS_DIR / "dan.arg", REFERENCE)
        assert result.exit_code == 1
        assert re.search(r"dan\.arg:9:3: wrong-kind: ", result.output)
        assert "score 93/100" in result.output

    def test_no_mistake_exit_0(self):
        """A map like the model answer exits 0."""
        assert run("compare", CLASS_DIR / "ada.arg", REFERENCE).exit_code == 0

    def test_json(self):
        """--format json gives the comparison as JSON."""
        result = run("compare", "--format", "json", CLASS_DIR / "finn.arg", REFERENCE)
        data = json.loads(result.output)
        assert data["counts"]["split-reason"] == 1 and data["score"] == 93

    def test_html_to_file(self, tmp_path):
        """--format html -o writes a page."""
        out = tmp_path / "finn.html"
        result = run("compare", "--format", "html", "-o", out, CLASS_DIR / "finn.arg", REFERENCE)
        assert result.exit_code == 1
        assert "<svg" in out.read_text() and "split-reason" in out.read_text()

    def test_rubric_option(self, tmp_path):
        """--rubric changes the score."""
        rubric = tmp_path / "rubric.toml"
        rubric.write_text("[rubric]\nwrong-kind = 20.5\n")
        assert "score 0/100" in run("compare", "--rubric", rubric, CLASS_DIR / "dan.arg", REFERENCE).output

    def test_bad_rubric_is_usage_error(self, tmp_path):
        """A rubric that names an unknown mistake exits 2 with a hint."""
        rubric = tmp_path / "rubric.toml"
        rubric.write_text("[rubric]\nwrong-kinds = 2\n")
        result = run("compare", "--rubric", rubric, CLASS_DIR / "dan.arg", REFERENCE)
        assert result.exit_code == 2 and "did you mean 'wrong-kind'" in result.output

    def test_student_does_not_parse(self):
        """A student map with a syntax error is reported like check does, exit 1."""
        result = run("compare", CLASS_DIR / "oz.arg", REFERENCE)
        assert result.exit_code == 1 and "unknown keyword 'premis'" in result.output

    def test_missing_file(self):
        """A missing file is a usage error."""
        assert run("compare", "nope.arg", REFERENCE).exit_code == 2

    def test_hide_answers_html(self, tmp_path):
        """--hide-answers --format html shows neither the model answer's texts nor
        its drawing."""
        out = tmp_path / "lou.html"
        run("compare", "--hide-answers", "--format", "html", "-o", out, CLASS_DIR / "lou.arg", REFERENCE)
        assert "missing-rebuttal" in out.read_text() and "Staggered" not in out.read_text()

    def test_hide_answers(self):
        """--hide-answers quotes nothing of the model answer a student missed."""
        result = run("compare", "--hide-answers", CLASS_DIR / "lou.arg", REFERENCE)
        assert "Staggered" not in result.output and "missing-rebuttal" in result.output


class TestGrade:
    """argmap grade"""

    def test_class(self, tmp_path):
        """Scores on the terminal, CSV and HTML written; exit 1 because one file
        could not be graded."""
        out_csv, out_html = tmp_path / "class.csv", tmp_path / "class.html"
        result = run("grade", CLASS_DIR, "--reference", REFERENCE, "--csv", out_csv, "--html", out_html)
        assert result.exit_code == 1
        for name in EXPECTED:
            assert re.search(rf"^{name}\s+\d+\s", result.output, re.M), name
        assert re.search(r"^oz\s+-\s+\S*oz\.arg:3:3: error: unknown keyword", result.output, re.M)
        assert "graded 14 of 15 maps" in result.output
        rows = list(csv.DictReader(out_csv.open()))
        assert len(rows) == 15
        assert out_html.read_text().count('<section class="student"') == 15

    def test_all_graded_exit_0(self, tmp_path):
        """A folder where every map is read exits 0."""
        (tmp_path / "ada.arg").write_bytes((CLASS_DIR / "ada.arg").read_bytes())
        assert run("grade", tmp_path, "--reference", REFERENCE).exit_code == 0

    def test_empty_folder(self, tmp_path):
        """A folder without maps is a usage error."""
        result = run("grade", tmp_path, "--reference", REFERENCE)
        assert result.exit_code == 2 and "no .arg files" in result.output

    def test_no_progress_bar_without_terminal(self, tmp_path):
        """Without a terminal nothing but the table is written."""
        done = subprocess.run(
            [*ARGMAP, "grade", str(CLASS_DIR), "--reference", str(REFERENCE)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert "grading" not in done.stderr and done.stderr == ""

    def test_progress_bar_on_terminal(self, tmp_path):
        """On a terminal a progress bar is drawn on stderr."""
        leader, follower = pty.openpty()
        done = subprocess.run(
            [*ARGMAP, "grade", str(CLASS_DIR), "--reference", str(REFERENCE)],
            stdout=subprocess.PIPE,
            stderr=follower,
            check=False,
            env={**os.environ, "COLUMNS": "80"},
        )
        os.close(follower)
        shown = b""
        try:
            while chunk := os.read(leader, 65536):
                shown += chunk
                if b"15/15" in shown:
                    break
        except OSError:
            pass
        os.close(leader)
        assert done.returncode == 1
        assert b"grading" in shown and b"15/15" in shown


class TestReveal:
    """argmap reveal"""

    def test_list(self):
        """--list prints the steps."""
        result = run("reveal", REFERENCE, "--list")
        assert result.exit_code == 0
        assert result.output.splitlines()[0] == "  1. the conclusion: later"

    def test_folder_of_svgs(self, tmp_path):
        """A folder gets numbered SVGs, one per step."""
        result = run("reveal", REFERENCE, "-o", tmp_path / "steps")
        assert result.exit_code == 0
        assert sorted(p.name for p in (tmp_path / "steps").iterdir()) == [f"step-0{i}.svg" for i in range(1, 8)]

    def test_pdf(self, tmp_path):
        """A .pdf gets one page per step."""
        pypdf = pytest.importorskip("pypdf")
        out = tmp_path / "steps.pdf"
        assert run("reveal", REFERENCE, "-o", out, "--order", "file").exit_code == 0
        assert len(pypdf.PdfReader(out).pages) == 9

    def test_needs_output(self):
        """Without -o (or --list) it is a usage error."""
        assert run("reveal", REFERENCE).exit_code == 2

    def test_bad_step(self, tmp_path):
        """A bad step value is reported at its place, exit 1."""
        path = tmp_path / "m.arg"
        path.write_text("conclusion: A b c. {step: soon}\n")
        result = run("reveal", path, "--list")
        assert result.exit_code == 1 and f"{path}:1:1: error: 'soon' is not a step number" in result.output

    def test_bad_theme(self, tmp_path):
        """An unknown theme is a usage error."""
        assert run("reveal", REFERENCE, "-o", tmp_path / "x", "--theme", "neon").exit_code == 2


class TestSkeleton:
    """argmap skeleton"""

    def test_stdout(self):
        """Without -o the .arg text goes to stdout."""
        result = run("skeleton", REFERENCE, "--keep", "later,buses")
        assert result.exit_code == 0
        assert "conclusion b1: Secondary schools" in result.output and "_____" in result.output

    def test_files(self, tmp_path):
        """-o may be given for the text and for drawings."""
        arg, svg = tmp_path / "handout.arg", tmp_path / "handout.svg"
        assert run("skeleton", REFERENCE, "--keep-conclusion", "-o", arg, "-o", svg).exit_code == 0
        assert arg.read_text().startswith("title: ")
        assert "b7" in visible_words(svg.read_bytes())  # ids are shown, to name the boxes

    def test_bad_extension(self, tmp_path):
        """An output that is neither .arg nor a picture is a usage error."""
        assert run("skeleton", REFERENCE, "-o", tmp_path / "x.docx").exit_code == 2

    def test_unknown_keep(self):
        """Keeping an unknown box is a usage error."""
        result = run("skeleton", REFERENCE, "--keep", "bus")
        assert result.exit_code == 2 and "did you mean 'buses'" in result.output


class TestServe:
    """argmap serve"""

    def test_serves_until_stopped(self, tmp_path):
        """The command prints its address on 127.0.0.1 and serves the page."""
        path = tmp_path / "m.arg"
        path.write_text("conclusion: The library should open on Sundays.\n")
        process = subprocess.Popen([*ARGMAP, "serve", str(path), "--port", "0"], stderr=subprocess.PIPE, text=True)
        try:
            line = process.stderr.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
            with urllib.request.urlopen(url + "state", timeout=20) as response:
                assert json.loads(response.read())["file"] == "m.arg"
        finally:
            process.terminate()
            process.wait(timeout=10)

    def test_port_in_use(self, tmp_path):
        """A port that is taken is a usage error with a hint."""
        import socket

        path = tmp_path / "m.arg"
        path.write_text("conclusion: x y z.\n")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            sock.listen()
            result = run("serve", path, "--port", sock.getsockname()[1])
        assert result.exit_code == 2 and "--port 0" in result.output

    def test_bad_direction(self, tmp_path):
        """Render options are checked before serving."""
        path = tmp_path / "m.arg"
        path.write_text("conclusion: x y z.\n")
        assert run("serve", path, "--direction", "sideways").exit_code == 2


def test_commands_listed():
    """argmap --help lists the seminar commands."""
    output = run("--help").output
    for command in ("compare", "grade", "reveal", "skeleton", "serve"):
        assert re.search(rf"^\s+{command}\s", output, re.M)


def test_check_stays_light():
    """Importing the command line does not import the toolkit (check stays quick)."""
    code = "import sys, argmap.cli; print(any(m.startswith('argmap.teaching') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_main_module():
    """python -m argmap compare works."""
    done = subprocess.run(
        [*ARGMAP, "compare", str(CLASS_DIR / "ada.arg"), str(REFERENCE)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "score 100/100" in done.stdout
    assert Path(REFERENCE).exists()
