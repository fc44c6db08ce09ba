"""The limits of docs/limits.md: each is enforced with a clear message, at the command
line as in the library, and the inputs near them are read in bounded time.

(tests/test_bad_input.py has the first cases: 10,000 levels, a 20 MB file, NUL,
invalid UTF-8, a 1 MB line, 10,000 tags; these add the rest.)
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

import argmap
import argmap.build
import argmap.parsing
from argmap.cli import main
from argmap.limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_NODES
from argmap.parsing import decode
from tests.budget import quick_first


@pytest.fixture
def runner():
    return CliRunner()


def cli(runner, *args):
    result = runner.invoke(main, list(args))
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    return result


class TestDocumented:
    def test_docs_give_the_limits_in_force(self):
        """docs/limits.md and the Limits section of docs/language.md state the numbers in argmap.limits."""
        from pathlib import Path

        root = Path(__file__).parent.parent
        limits_page = (root / "docs" / "limits.md").read_text(encoding="utf-8")
        language = (root / "docs" / "language.md").read_text(encoding="utf-8")
        section = language[language.index("## Limits") :]
        for number in (
            f"{MAX_DEPTH:,}",
            f"{MAX_FILE_BYTES // 1024 // 1024:,} MB",
            f"{MAX_LINE_CHARS:,}",
            f"{MAX_NODES:,}",
        ):
            assert number in limits_page, number
            assert number in section, number


def lower_node_limit(monkeypatch, limit: int) -> None:
    """The node limit, lowered for a test: the reader counts nodes as it reads them,
    and the builder counts them again."""
    monkeypatch.setattr(argmap.parsing, "MAX_NODES", limit)
    monkeypatch.setattr(argmap.build, "MAX_NODES", limit)


class TestNodeCount:
    def test_more_nodes_than_the_limit_are_refused(self, monkeypatch):
        """A map with more nodes than the limit is refused at the first node past it."""
        lower_node_limit(monkeypatch, 10)
        text = "conclusion: A.\n" + "".join(f"  premise: P{i}.\n" for i in range(10))
        with pytest.raises(argmap.ArgmapSemanticError) as caught:
            argmap.parse(text)
        assert caught.value.label == "too-many-nodes"
        assert "more than 10 nodes" in caught.value.message
        assert caught.value.hint == "split it into several maps"
        assert (caught.value.line, caught.value.column) == (11, 3)
        assert caught.value.excerpt == "  premise: P9."

    def test_reading_stops_at_the_limit(self, monkeypatch):
        """Reading stops at the node past the limit: the rest of the file is not read
        into memory (a mistake further down is not reached)."""
        lower_node_limit(monkeypatch, 3)
        text = "conclusion: A.\n" + "".join(f"  premise: P{i}.\n" for i in range(5)) + "  premis: typo\n"
        with pytest.raises(argmap.ArgmapSemanticError, match="more than 3 nodes"):
            argmap.parse(text)

    def test_exactly_the_limit_is_read(self, monkeypatch):
        """A map with as many nodes as the limit allows is read, and references and
        reasons do not count."""
        lower_node_limit(monkeypatch, 10)
        text = (
            "conclusion c: A.\n"
            + "".join(f"  premise: P{i}.\n" for i in range(7))
            + "  reason:\n    premise p: Q.\n    premise q: R.\n@c\n  objection @p\n"
        )
        assert len(argmap.parse(text).nodes) == 10

    def test_named_and_generated_ids_both_count(self, monkeypatch):
        """Nodes with ids of their own count as much as those whose ids are made."""
        lower_node_limit(monkeypatch, 3)
        text = "conclusion c: A.\n  premise p: B.\n  premise q: C.\n  premise: D.\n"
        with pytest.raises(argmap.ArgmapSemanticError, match="more than 3 nodes"):
            argmap.parse(text)

    def test_cli_reports_the_node_limit(self, runner, tmp_path, monkeypatch):
        """`argmap check` reports the node limit as file:line:col and exits 1."""
        lower_node_limit(monkeypatch, 2)
        path = tmp_path / "many.arg"
        path.write_text("conclusion: A.\n  premise: B.\n  premise: C.\n", encoding="utf-8")
        result = cli(runner, "check", str(path))
        assert result.exit_code == 1
        assert f"{path}:3:3: error: the map has more than 2 nodes" in result.stderr

    def test_the_limit_is_within_reach_of_a_file(self):
        """The node limit is the one that counts: a file under the size limit can hold more nodes."""
        shortest_node = len(b"  premise: x\n")
        assert MAX_NODES * shortest_node < MAX_FILE_BYTES


class TestLineLength:
    def test_a_line_over_the_limit_is_refused_with_its_number(self):
        """A line longer than the limit is refused, naming the line and the limit."""
        text = "conclusion: A.\n  premise: " + "x" * MAX_LINE_CHARS + "\n"
        with pytest.raises(argmap.ArgmapInputError) as caught:
            argmap.parse(text)
        assert caught.value.label == "line-too-long"
        assert (caught.value.line, caught.value.column) == (2, 1)
        assert f"up to {MAX_LINE_CHARS:,}" in caught.value.message

    def test_cli_reports_a_long_line(self, runner, tmp_path):
        """`argmap check` reports a line over the limit and exits 1."""
        path = tmp_path / "long.arg"
        path.write_text("conclusion: " + "x" * (MAX_LINE_CHARS + 1) + "\n", encoding="utf-8")
        result = cli(runner, "check", str(path))
        assert result.exit_code == 1
        assert "characters; argmap reads lines up to" in result.stderr


class TestFileSize:
    @pytest.mark.parametrize(
        "command", [["check"], ["fmt"], ["render", "--format", "dot", "-o", "-"], ["export", "--to", "json"]]
    )
    def test_every_command_refuses_a_huge_file(self, tmp_path, command):
        """Every command refuses a file over the size limit with a message and exit 1
        (through the real entry point, which reports what a command leaves unreported)."""
        path = tmp_path / "huge.arg"
        with open(path, "wb") as stream:
            stream.truncate(MAX_FILE_BYTES + 1)
        result = subprocess.run(
            [sys.executable, "-m", "argmap", *command, str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 1, result.stderr
        assert f"argmap reads files up to {MAX_FILE_BYTES:,} bytes" in result.stderr
        assert "Traceback" not in result.stderr


class TestDepth:
    def test_cli_reports_ten_thousand_levels(self, runner, tmp_path):
        """`argmap check` on 10,000 levels of nesting says how deep a map may go; exit 1."""
        path = tmp_path / "deep.arg"
        path.write_text(
            "conclusion: A.\n" + "".join(" " * d + f"premise: P{d}.\n" for d in range(1, 10_000)), encoding="utf-8"
        )
        result = cli(runner, "check", str(path))
        assert result.exit_code == 1
        assert f"the map nests deeper than {MAX_DEPTH} levels" in result.stderr
        assert f"{path}:{MAX_DEPTH + 2}:" in result.stderr

    def test_deepest_map_goes_through_every_stage(self):
        """A map as deep as allowed is checked, evaluated and exported without a RecursionError."""
        from argmap.draw import to_dot

        lines = ["conclusion c: A."] + [" " * d + f"premise p{d}: P{d}." for d in range(1, MAX_DEPTH + 1)]
        the_map = argmap.parse("\n".join(lines))
        argmap.check(the_map)
        assert argmap.evaluate(the_map).labels
        argmap.from_json(argmap.to_json(the_map))
        assert to_dot(the_map).count("->") >= MAX_DEPTH

    def test_long_chain_through_elaborations(self):
        """A chain of 5,000 nodes written section by section (no indentation limit applies)
        is read and checked without a RecursionError."""
        lines = ["conclusion n0: Start."]
        for i in range(1, 5_000):
            lines += [f"@n{i - 1}", f"  premise n{i}: Step {i}."]
        the_map = argmap.parse("\n".join(lines))
        argmap.check(the_map)
        argmap.evaluate(the_map)
        assert argmap.from_json(argmap.to_json(the_map)) == the_map


class TestReferences:
    @pytest.mark.parametrize("claims", quick_first([3_334, 33_334]))
    def test_hundred_thousand_references_to_one_node(self, claims):
        """100,000 references to one node (as premise, objection and undercut) are read
        (10,000 in the quick run)."""
        lines = ["conclusion c: A.", "  premise shared: S."]
        for i in range(claims):
            lines += [f"  claim k{i}: K{i}.", "    premise @shared", "      undercut @shared", "    objection @shared"]
        the_map = argmap.parse("\n".join(lines) + "\n")
        outgoing = the_map.outgoing("shared")
        assert len(outgoing) == 3 * claims + 1 >= 10_000
        assert {relation.kind for relation in outgoing} == {"support", "attack", "undercut"}


class TestTags:
    def test_tags_on_a_long_line_cost_linear_time(self):
        """200,000 tags on one line (1.5 MB) are read in about a second, not in minutes
        (the tags used to be split off one copy of the line at a time)."""
        tags = " ".join(f"#t{i}" for i in range(200_000))
        started = time.process_time()
        node = argmap.parse(f"conclusion: A. {tags}\n").nodes[0]
        assert time.process_time() - started < 10
        assert len(node.tags) == 200_000 and node.tags[:2] == ("t0", "t1") and node.text == "A."

    def test_ten_thousand_tags_survive_every_stage(self):
        """10,000 tags on one node survive check, to_arg, fmt and JSON."""
        from argmap.fmt import format_text

        text = "conclusion: A. " + " ".join(f"#t{i}" for i in range(10_000)) + "\n  premise: B.\n"
        the_map = argmap.parse(text)
        argmap.check(the_map)
        assert argmap.parse(argmap.to_arg(the_map)) == the_map
        assert argmap.parse(format_text(text)) == the_map
        assert argmap.from_json(argmap.to_json(the_map)) == the_map

    def test_ten_thousand_tags_on_their_own_lines(self):
        """10,000 annotation lines under one node add up to 10,000 tags."""
        text = "conclusion: A.\n" + "".join(f"  #t{i}\n" for i in range(10_000))
        assert len(argmap.parse(text).nodes[0].tags) == 10_000


class TestTripleQuotes:
    def test_unclosed_long_text_is_refused_quickly(self):
        """An unclosed triple-quoted text of a megabyte is refused in bounded time (the
        lexer used to backtrack exponentially in its length)."""
        started = time.process_time()
        with pytest.raises(argmap.ArgmapSyntaxError) as caught:
            argmap.parse('conclusion: A.\n  evidence: """' + "word " * 200_000 + "\n")
        assert time.process_time() - started < 10
        assert caught.value.label == "unterminated-text"
        assert (caught.value.line, caught.value.column) == (2, 13)

    def test_quotes_in_the_middle_of_a_text_do_not_run_on(self):
        """Triple quotes in the middle of a text that close on a later line are an error at the
        quotes, not a text that swallows the lines between."""
        text = 'conclusion: A.\n  objection: Adult"""s have rights.\n  // a comment\n  premise: B"""king.\n'
        with pytest.raises(argmap.ArgmapSyntaxError) as caught:
            argmap.parse(text)
        assert caught.value.label == "quotes-in-text"
        assert (caught.value.line, caught.value.column) == (2, 19)

    def test_quotes_in_the_middle_of_one_line_are_text(self):
        """Triple quotes opened and closed inside one line's text stay text."""
        assert argmap.parse('conclusion: he said """hi""" twice\n').nodes[0].text == 'he said """hi""" twice'


class TestEncodings:
    def test_bom_crlf_and_lone_cr_read_alike(self):
        """A byte-order mark with CRLF, or with lone CRs, reads like the same file in LF."""
        lf = "title: T\n\nconclusion c: A.\n  premise p: B.\n    objection: C.\n"
        expected = argmap.parse(lf)
        for newline in ("\r\n", "\r"):
            data = b"\xef\xbb\xbf" + lf.replace("\n", newline).encode()
            assert argmap.parse(decode(data)) == expected

    def test_bom_inside_the_file_is_not_dropped(self):
        """Only a leading byte-order mark is dropped: one at the start of a later line is reported."""
        with pytest.raises(argmap.ArgmapSyntaxError) as caught:
            argmap.parse("conclusion: A.\n\ufeffpremise: B.\n")
        assert caught.value.line == 2

    def test_errors_after_crlf_and_cr_point_to_the_right_line(self, runner, tmp_path):
        """A mistake on line 3 of a file with CR line endings is reported on line 3."""
        path = tmp_path / "cr.arg"
        path.write_bytes(b"conclusion: A.\r  premise: B.\r  premis: C.\r")
        result = cli(runner, "check", str(path))
        assert result.exit_code == 1 and f"{path}:3:3:" in result.stderr

    @pytest.mark.parametrize(
        ("data", "line", "column", "offset"),
        [
            (b"conclusion: A.\r  premise: \xc3\xa9\xff.\r", 2, 13, 28),
            (b"\xef\xbb\xbfconclusion: \xff\n", 1, 13, 15),
            (b"conclusion: A.\r\n\xfe\r\n", 2, 1, 16),
        ],
    )
    def test_invalid_utf8_is_placed_after_any_line_ending_and_bom(self, data, line, column, offset):
        """Invalid UTF-8 is placed by line (whatever ends the lines) and column (in characters),
        and the byte offset counts the byte-order mark."""
        with pytest.raises(argmap.ArgmapInputError) as caught:
            decode(data)
        assert (caught.value.line, caught.value.column) == (line, column)
        assert f"byte {offset} (0x{data[offset]:02x})" in caught.value.message

    def test_nul_through_the_cli(self, runner, tmp_path):
        """A NUL byte is reported with its place by every command; exit 1."""
        path = tmp_path / "nul.arg"
        path.write_bytes(b"conclusion: A.\n  premise: B\x00.\n")
        for command in (["check"], ["fmt"], ["export"], ["render", "--format", "dot", "-o", "-"]):
            result = cli(runner, *command, str(path))
            assert result.exit_code == 1
            assert f"{path}:2:13:" in result.stderr and "NUL" in result.stderr
