"""The Argdown import takes time in proportion to its input, and the helpers that make
it so agree with the plain searches they replaced."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.interop.argdown_model import RelationList
from argmap.interop.argdown_read import _step_start, from_argdown
from argmap.interop.building import first_free_number, fit_tags
from argmap.interop.report import ImportReport
from tests.budget import quick_first
from tests.test_security import LIMITED, hostile_files


def undercuts_of_one_premise(count: int) -> str:
    """*count* undercuts of a statement: each is aimed at the statement's relations."""
    return "[c]: C.\n  <+ [p]: P.\n  <- [o]: O.\n\n" + "".join(f"[u{i}]: U {i}.\n  _> [p]\n\n" for i in range(count))


def undercuts_of_one_argument(count: int) -> str:
    """*count* attacks, then *count* undercuts, of one reconstructed argument."""
    return (
        "<A>\n\n(1) [p]: P.\n----\n(2) [c]: C.\n\n"
        + "".join(f"[o{i}]: O {i}.\n  -> <A>\n\n" for i in range(count))
        + "".join(f"[u{i}]: U {i}.\n  _> <A>\n\n" for i in range(count))
    )


def linked_undercuts_in_reverse(count: int) -> str:
    """A chain of linked undercuts, each written before the argument it undercuts."""
    blocks = ["[t]: T.\n  <+ [p]: P.\n"]
    for i in range(count):
        aim = f"<a{i + 1}>" if i + 1 < count else "[p]"
        blocks.append(f"<a{i}>\n\n(1) [x{i}]: X {i}.\n----\n(2) [s{i}]: S {i}. {{argmap: undercut}}\n  _> {aim}\n")
    return "\n".join(blocks)


def one_title_many_times(count: int) -> str:
    return "\n\n".join(f"[same]: Formulation {i}. #t{i}" for i in range(count)) + "\n"


def front_matter_flow_list(count: int) -> str:
    """Front matter with a ``[`` flow list spread over *count* lines (issue 16: 429 s at 32,000)."""
    return "===\nuses: [\n" + "".join(f"{i % 10},\n" for i in range(count)) + "0]\n===\n\n[a]: A.\n"


def quoted_value_over_lines(count: int) -> str:
    """A quoted front-matter value spread over *count* lines (issue 16: 16 s at 16 KB)."""
    return '===\ntitle: "' + "\n".join("abc" for _ in range(count)) + '"\n===\n\n[a]: A.\n'


def data_block_flow_list(count: int) -> str:
    """A data block whose flow list runs over *count* lines."""
    return "[a]: A. {uses: [\n" + "".join(f"{i},\n" for i in range(count)) + "0]}\n"


def block_sequence_of_mappings(count: int) -> str:
    """Front matter with a block sequence of *count* mappings (each item copied all the lines)."""
    return "===\nlist:\n" + "".join(f"  - a: {i}\n    b: 2\n" for i in range(count)) + "===\n\n[a]: A.\n"


def argdown_export(arg_text: str) -> str:
    from argmap.cli import exporter

    return exporter("argdown")(argmap.parse(arg_text))


def run_limited(*command: str) -> subprocess.CompletedProcess:
    """An argmap command in a process limited to 60 s of CPU and 2 GB."""
    return subprocess.run(
        [sys.executable, "-c", LIMITED, *command], capture_output=True, text=True, timeout=300, check=False
    )


class TestBoundedImport:
    @pytest.mark.parametrize(
        "name", quick_first(["attributes", "tags", "backslashes-and-braces", "chain", "references", "alike-texts"])
    )
    def test_import_of_the_export_of_a_hostile_map_within_a_minute(self, tmp_path, name):
        """The import of the Argdown export of each hostile map that can be exported
        (200,000 tags on one node among them) finishes in a process limited to 60 s of
        CPU and 2 GB, with a message or a result."""
        exported = tmp_path / f"{name}.argdown"
        exported.write_text(argdown_export(hostile_files()[name]), encoding="utf-8")
        done = run_limited("import", "-o", str(tmp_path / "back.arg"), str(exported))
        assert done.returncode in (0, 1), f"exit {done.returncode}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr

    @pytest.mark.parametrize(
        "shape",
        quick_first(
            [one_title_many_times, undercuts_of_one_premise, undercuts_of_one_argument, linked_undercuts_in_reverse]
        ),
    )
    def test_import_of_many_undercuts_and_alike_statements_within_a_minute(self, tmp_path, shape):
        """The import of 20,000 undercuts of one statement, of 20,000 attacks and undercuts
        of one argument, of a chain of 5,000 linked undercuts written backwards, and of
        20,000 statements of one title finishes in a process limited to 60 s of CPU and
        2 GB, with a result."""
        source = tmp_path / "many.argdown"
        source.write_text(shape(5_000 if shape is linked_undercuts_in_reverse else 20_000), encoding="utf-8")
        done = run_limited("import", "-o", str(tmp_path / "back.arg"), str(source))
        assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr

    @pytest.mark.slow
    @pytest.mark.parametrize(
        "shape, count",
        [
            (front_matter_flow_list, 32_000),
            (quoted_value_over_lines, 4_000),
            (data_block_flow_list, 8_000),
            (block_sequence_of_mappings, 32_000),
        ],
    )
    def test_import_of_yaml_over_many_lines_within_a_minute(self, tmp_path, shape, count):
        """Flow lists and quoted values over many lines, and long block sequences, import
        in a process limited to 60 s of CPU and 2 GB (the reader once rescanned all the
        lines gathered so far after each line: 429 s for a list over 32,000 lines)."""
        source = tmp_path / "yaml.argdown"
        source.write_text(shape(count), encoding="utf-8")
        done = run_limited("import", "-o", str(tmp_path / "back.arg"), str(source))
        assert done.returncode == 0, f"exit {done.returncode}\n{done.stderr[-2000:]}"


class TestSmallShapes:
    def test_undercuts_of_a_statement_aim_at_each_of_its_relations(self):
        relations = from_argdown(undercuts_of_one_premise(3)).map.relations
        reason = next(r.id for r in relations if r.premises == ("p",))
        assert {(r.kind, r.premises, r.target) for r in relations if r.kind == "undercut"} == {
            ("undercut", (f"u{i}",), reason) for i in range(3)
        }

    def test_a_chain_written_backwards_gives_the_map_written_forwards(self):
        """Linked undercuts come out the same, in whichever order the file has them."""
        backwards = from_argdown(linked_undercuts_in_reverse(30)).map
        blocks = linked_undercuts_in_reverse(30).split("\n<a")
        forwards = from_argdown("\n<a".join([blocks[0], *reversed(blocks[1:])])).map
        assert {(r.kind, r.premises, r.target) for r in backwards.relations} == {
            (r.kind, r.premises, r.target) for r in forwards.relations
        }
        assert sum(r.kind == "undercut" for r in backwards.relations) == 30


def reference_fit_tags(tags) -> list[str]:
    """fit_tags as it was, with a search of the list for each tag."""
    from argmap.interop.building import _NOT_TAG_CHARS, _TAG_RE

    fitted: list[str] = []
    for tag in tags:
        new = str(tag)
        if not _TAG_RE.match(new):
            new = _NOT_TAG_CHARS.sub("-", new.strip()).strip("-.")
        if new and not _TAG_RE.match(new):
            new = "tag-" + new if new[0].isdigit() else ""
        if new and _TAG_RE.match(new) and new not in fitted:
            fitted.append(new)
    return fitted


def rescanning_gather_flow(lines: list[str], index: int, rest: str) -> tuple[str, int]:
    """How the YAML reader gathered a flow collection before issue 16: rescanning all
    the text gathered so far after each line."""
    from argmap.interop.yamlish import YamlError

    def balanced(text: str) -> bool:
        depth, quote, escaped = 0, None, False
        for char in text:
            if quote:
                if escaped:
                    escaped = False
                elif char == "\\" and quote == '"':
                    escaped = True
                elif char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
        return depth <= 0 and quote is None

    text = rest
    index += 1
    while not balanced(text):
        if index >= len(lines):
            raise YamlError("a flow collection is not closed")
        text += " " + lines[index].strip()
        index += 1
    return text, index


def rescanning_gather_quoted(lines: list[str], index: int, rest: str) -> tuple[str, int]:
    """How the YAML reader gathered a quoted value before issue 16: reading it whole again after each line."""
    from argmap.interop.yamlish import YamlError, _quoted

    text = rest
    index += 1
    while True:
        try:
            _quoted(text, 0)
            return text, index
        except YamlError:
            if index >= len(lines):
                raise
            text += " " + lines[index].strip()
            index += 1


YAML_PIECES = st.lists(st.text(st.sampled_from(list("[]{}'\"\\ a,:u0")), max_size=6), min_size=1, max_size=8)


def gathered(gather, lines: list[str]):
    from argmap.interop.yamlish import YamlError

    try:
        return gather(lines, 0, lines[0])
    except YamlError as error:
        return str(error)


class TestHelpers:
    @given(YAML_PIECES.map(lambda lines: ["[" + lines[0], *lines[1:]]))
    def test_gathering_a_flow_collection_agrees_with_rescanning(self, lines):
        from argmap.interop.yamlish import _gather_flow

        assert gathered(_gather_flow, lines) == gathered(rescanning_gather_flow, lines)

    @given(st.sampled_from(["'", '"']), YAML_PIECES)
    def test_gathering_a_quoted_value_agrees_with_rereading(self, quote, lines):
        from argmap.interop.yamlish import _gather_quoted

        lines = [quote + lines[0], *lines[1:]]
        assert gathered(_gather_quoted, lines) == gathered(rescanning_gather_quoted, lines)

    @given(st.lists(st.text("ab 1-./#é", max_size=4), max_size=12))
    def test_fit_tags_keeps_the_first_of_each(self, tags):
        assert fit_tags(tags, ImportReport("test")) == reference_fit_tags(tags)

    @given(st.lists(st.sampled_from(["a", "b", "a-2", "b-3", "a-4"]), max_size=12))
    def test_first_free_number_is_the_least(self, names):
        taken: set[str] = {"a", "b"}
        next_number: dict[str, int] = {}
        for name in names:
            if name in ("a", "b"):
                number = first_free_number(name, taken, next_number)
                assert number == min(n for n in range(2, 100) if f"{name}-{n}" not in taken)
                taken.add(f"{name}-{number}")
            else:
                taken.add(name)

    @given(st.lists(st.tuples(st.booleans(), st.integers(0, 4)), max_size=30))
    def test_relation_list_behaves_as_a_list(self, operations):
        """Appends and removals (of the earliest occurrence) as on a list."""
        relations = [object() for _ in range(5)]
        ours, reference = RelationList(), []
        for append, which in operations:
            relation = relations[which]
            if append:
                ours.append(relation)
                reference.append(relation)
            else:
                ours.discard(relation)
                if relation in reference:
                    reference.remove(relation)
            assert list(ours) == reference and len(ours) == len(reference)
            assert all((r in ours) == (r in reference) for r in relations)

    @given(
        st.lists(st.sampled_from(["premise", "intermediary-conclusion", "main-conclusion"]), min_size=1, max_size=12),
        st.data(),
    )
    def test_step_start_is_the_previous_intermediate_conclusion(self, roles, data):
        class Entry:
            def __init__(self, role):
                self.role = role

        pcs = [Entry(role) for role in roles]
        conclusion = data.draw(st.integers(0, len(pcs) - 1))
        reference = []
        for earlier in reversed(pcs[:conclusion]):
            reference.insert(0, earlier)
            if earlier.role == "intermediary-conclusion":
                break
        assert pcs[_step_start(pcs, conclusion) : conclusion] == reference
