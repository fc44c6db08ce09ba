"""Argdown in: the Argdown model as the Argdown CLI reads it, and the map made from it."""

from __future__ import annotations

import json
import re

import pytest

from argmap import parse
from argmap.interop import ArgdownSyntaxError, from_argdown
from argmap.interop.argdown_model import read_model
from argmap.write import to_arg
from tests.interop.argdown_cli import ARGDOWN_FIXTURES, CLI_MODELS, reduce_model

FIXTURE_FILES = sorted(ARGDOWN_FIXTURES.glob("*.argdown"))


def expected_counts() -> dict[str, dict[str, int]]:
    """The table in fixtures/argdown/README.md: what the Argdown CLI counts per file."""
    counts = {}
    for line in (ARGDOWN_FIXTURES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 5 and cells[0].endswith(".argdown"):
            relations = int(cells[4].split()[0])
            by_type = {kind: int(n) for kind, n in re.findall(r"(\w+) (\d+)", cells[4])}
            counts[cells[0]] = {
                "statements": int(cells[1]),
                "arguments": int(cells[2]),
                "pcs": int(cells[3]),
                "relations": relations,
                **by_type,
            }
    return counts


def imported(text: str):
    return from_argdown(text, "test.argdown").map


def relations(the_map) -> set[tuple]:
    return {(r.kind, r.premises, r.target) for r in the_map.relations}


class TestReadModel:
    @pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
    def test_fixture_reads_as_the_argdown_cli_reads_it(self, path):
        """Statements, arguments (with their pcs) and relations equal the Argdown CLI's."""
        model = read_model(path.read_text(encoding="utf-8"), str(path))
        expected = json.loads((CLI_MODELS / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert reduce_model(model) == expected

    def test_strict_mode_makes_entailment_and_contrariety(self):
        """In strict mode support between statements is entailment, attack contrariety."""
        model = read_model("===\nmodel:\n  mode: strict\n===\n\n[A]: a\n  + [B]: b\n  - [C]: c\n")
        assert sorted(r.type for r in model.relations) == ["contrary", "entails"]

    def test_undercut_under_a_statement_goes_to_the_last_inference(self):
        """As in Argdown, '<_' under a statement aims at the last inference read."""
        model = read_model("(1) p\n----\n(2) [C]: c\n  <_ [U]: u\n")
        assert [(r.type, type(r.target).__name__) for r in model.relations] == [("undercut", "ModelInference")]

    def test_text_drops_emphasis_and_link_targets(self):
        """Bold and italic marks and link targets are not part of a statement's text."""
        model = read_model("[A]: a **bold** and _italic_ [link](https://x.org) text\n")
        assert model.statements["A"].members[0].text.strip() == "a bold and italic link text"

    def test_shortcodes_become_characters(self):
        """Argdown's shortcodes (:heart:, .->.) are replaced, escapes are undone."""
        model = read_model("[A]: p .->. q :heart: \\# \\_\n")
        assert " ".join(model.statements["A"].members[0].text.split()) == "p → q ❤ # _"


class TestFromArgdown:
    @pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
    def test_fixture_counts_match_the_argdown_cli(self, path):
        """The import finds the statements, arguments and relations the Argdown CLI counts."""
        result = from_argdown(path.read_text(encoding="utf-8"), str(path))
        found = dict(result.report.found)
        table = expected_counts()[path.name]
        assert (
            found["statements"],
            found["arguments"],
            found["arguments with a premise-conclusion structure"],
            found["relations"],
        ) == (table["statements"], table["arguments"], table["pcs"], table["relations"])

    @pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
    def test_fixture_map_is_accounted_for_by_the_summary(self, path):
        """Nodes are the statements and the unreconstructed arguments; relations are
        Argdown's, plus one linked reason per inference, plus the reverse of each
        symmetric relation; the summary line names each of these."""
        result = from_argdown(path.read_text(encoding="utf-8"), str(path))
        found, report = dict(result.report.found), result.report
        plain = report.count("changed", "arguments without premise-conclusion structure")
        steps = (
            int(re.search(r"(\d+) linked reason", result.summary()).group(1))
            if found["arguments with a premise-conclusion structure"]
            else 0
        )
        symmetric = report.count("changed", "relations of contradiction") + report.count(
            "changed", "relations of contrariety"
        )
        assert len(result.map.nodes) == found["statements"] + plain
        assert len(result.map.relations) == found["relations"] + steps + symmetric
        assert plain == found["arguments"] - found["arguments with a premise-conclusion structure"]

    @pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.stem)
    def test_fixture_map_is_a_valid_arg_file(self, path):
        """The imported map is written as .arg and reads back as the same map."""
        the_map = from_argdown(path.read_text(encoding="utf-8"), str(path)).map
        assert parse(to_arg(the_map)) == the_map

    def test_statement_title_becomes_the_id(self):
        """[Title] is the node id where it is a valid id; otherwise a slug, with the title kept."""
        the_map = imported("[cheap]: Land is cheap.\n\n[Land price]: Land is dear.\n")
        assert the_map.node("cheap").text == "Land is cheap."
        assert the_map.node("Land-price").attribute("argdown-title") == "Land price"

    def test_untitled_statement_gets_the_id_the_parser_would_make(self):
        """A statement without title gets an id made from its text, as in .arg."""
        the_map = imported("The city should ban cars.\n")
        assert [n.id for n in the_map.nodes] == ["city-should-ban-cars"]
        assert "premise:" in to_arg(the_map)

    def test_argument_without_pcs_is_a_node_with_its_gist(self):
        """<A>: gist becomes a node carrying the gist, marked argdown-argument."""
        the_map = imported("[T]: Taxes should rise.\n  + <Schools>: Schools need money.\n")
        node = the_map.node("Schools")
        assert (node.text, node.attribute("argdown-argument"), node.kind) == (
            "Schools need money.",
            "Schools",
            "premise",
        )
        assert relations(the_map) == {("support", ("Schools",), "T")}

    def test_pcs_becomes_a_linked_reason_named_after_the_argument(self):
        """The premises of a premise-conclusion structure support its conclusion together."""
        text = (
            "<Mortal>: Socrates dies.\n\n(1) [H]: All humans are mortal.\n(2) [S]: Socrates is human.\n"
            "-- Modus ponens --\n(3) [M]: Socrates is mortal.\n"
        )
        the_map = imported(text)
        reason = the_map.relation("Mortal")
        assert (reason.kind, reason.premises, reason.target) == ("support", ("H", "S"), "M")
        assert the_map.node("M").attribute("argdown-gist-Mortal") == "Socrates dies."
        assert the_map.node("M").attribute("argdown-inference-Mortal") == "Modus ponens"
        assert "reason Mortal:" in to_arg(the_map)

    def test_intermediate_conclusions_make_one_reason_per_inference(self):
        """(1) (2) -- (3) (4) -- (5): two linked reasons, the last one named."""
        text = "<A>\n\n(1) [P1]: a\n(2) [P2]: b\n----\n(3) [C1]: c\n(4) [P3]: d\n----\n(5) [C2]: e\n"
        the_map = imported(text)
        assert relations(the_map) == {("support", ("P1", "P2"), "C1"), ("support", ("C1", "P3"), "C2")}
        assert the_map.relation("A").target == "C2"

    def test_uses_data_picks_the_premises_of_an_inference(self):
        """{uses: [1, 3]} on an inference says which statements it uses."""
        text = "<A>\n\n(1) [P1]: a\n(2) [P2]: b\n(3) [P3]: c\n-- {uses: [1, 3]} --\n(4) [C]: d\n"
        assert relations(imported(text)) == {("support", ("P1", "P3"), "C")}

    def test_equivalence_class_keeps_every_formulation(self):
        """A title used with two texts is one node; the second text is an attribute."""
        the_map = imported("[A]: First wording.\n\n[A]: Second wording.\n")
        assert the_map.node("A").text == "First wording."
        assert the_map.node("A").attribute("argdown-text-2") == "Second wording."

    def test_tags_data_headings_and_front_matter_are_kept(self):
        """Tags become tags (fitted), data and headings attributes, front matter the header."""
        text = (
            "===\ntitle: Trees\nauthor: [Ann, Bob]\n===\n\n# Green city\n\n"
            "[T]: Trees cool streets. #climate #(city life) {source: survey, verdict: maybe}\n"
        )
        result = from_argdown(text)
        node = result.map.node("T")
        assert node.text == "Trees cool streets."
        assert node.tags == ("climate", "city-life")
        assert dict(node.attributes) == {"source": "survey", "x-verdict": "maybe", "argdown-section": "Green city"}
        assert dict(result.map.metadata) == {"title": "Trees", "author": '["Ann", "Bob"]'}

    def test_comments_are_counted_not_carried_over(self):
        """Comments vanish from the map but are named in the summary."""
        result = from_argdown("// one\n[A]: a <!-- two -->\n/* three */\n")
        assert "not carried over: 3 comments" in result.summary()

    @pytest.mark.parametrize(
        "arrow, expected",
        [
            ("+", ("support", ("B",), "A")),
            ("<+", ("support", ("B",), "A")),
            ("-", ("attack", ("B",), "A")),
            ("<-", ("attack", ("B",), "A")),
            ("+>", ("support", ("A",), "B")),
            ("->", ("attack", ("A",), "B")),
        ],
    )
    def test_every_arrow_in_loose_mode(self, arrow, expected):
        """Each relation form reads in its direction."""
        assert relations(imported(f"[A]: a\n  {arrow} [B]: b\n")) == {expected}

    @pytest.mark.parametrize("mode", ["loose", "strict"])
    def test_contradiction_and_contrariety_attack_both_ways(self, mode):
        """>< (and, in strict mode, -> between statements) become attacks both ways."""
        text = f"===\nmodel:\n  mode: {mode}\n===\n\n[A]: a\n  >< [B]: b\n  -> [C]: c\n"
        result = from_argdown(text)
        expected = {("attack", ("A",), "B"), ("attack", ("B",), "A"), ("attack", ("A",), "C")}
        if mode == "strict":
            expected.add(("attack", ("C",), "A"))
        assert relations(result.map) == expected
        assert "attacks both ways" in result.summary()

    def test_undercut_of_a_reconstructed_argument_aims_at_its_inference(self):
        """<_ under a reconstructed argument undercuts its linked reason."""
        text = "<A>\n  <_ [U]: But not here.\n\n(1) [P]: p\n----\n(2) [C]: c\n"
        the_map = imported(text)
        assert ("undercut", ("U",), "A") in relations(the_map)
        assert the_map.node("U").kind == "undercut"
        assert parse(to_arg(the_map)) == the_map

    def test_undercut_of_an_unreconstructed_argument_aims_at_its_relations(self):
        """An undercut of <B> (no pcs) undercuts what <B> does: its support of [A]."""
        the_map = imported("[A]: a\n  + <B>: b\n    <_ <U>: u\n")
        assert ("undercut", ("U",), "support:B->A") in relations(the_map)

    def test_incoming_undercut(self):
        """_> under a statement: the statement undercuts the argument below."""
        text = "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[U]: u\n  _> <A>\n"
        assert ("undercut", ("U",), "A") in relations(imported(text))

    def test_support_of_a_reconstructed_argument_supports_its_conclusion(self):
        """There is no support of an inference in argmap: it supports the conclusion."""
        text = "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[S]: s\n  +> <A>\n"
        result = from_argdown(text)
        assert ("support", ("S",), "C") in relations(result.map)
        assert (
            "supports of reconstructed arguments" not in result.summary()
            or "1 support of reconstructed arguments" in result.summary()
        )

    def test_attack_on_a_reconstructed_argument_undercuts_it(self):
        """An attack on an argument (not on a premise) undercuts its inference."""
        text = "<A>\n\n(1) [P]: p\n----\n(2) [C]: c\n\n[S]: s\n  -> <A>\n"
        assert ("undercut", ("S",), "A") in relations(imported(text))

    def test_kinds_follow_from_the_relations(self):
        """Root: conclusion; supported supporter: claim; attacker of an objection: rebuttal."""
        the_map = imported("[C]: c\n  + [K]: k\n    + [P]: p\n  - [O]: o\n    - [R]: r\n\n[Lone]: alone\n")
        kinds = {n.id: n.kind for n in the_map.nodes}
        assert kinds == {
            "C": "conclusion",
            "K": "claim",
            "P": "premise",
            "O": "objection",
            "R": "rebuttal",
            "Lone": "premise",
        }

    def test_a_circle_of_attacks_is_still_writable(self):
        """Mutual attacks give objections, never top-level rebuttals."""
        the_map = imported("[A]: a\n  >< [B]: b\n\n[C]: c\n  - [A]\n")
        assert parse(to_arg(the_map)) == the_map

    def test_empty_file_is_an_empty_map(self):
        """A file with nothing in it gives a map with nothing in it."""
        assert imported("\n  \n").nodes == ()

    @pytest.mark.parametrize(
        "text, line, column",
        [
            ("[A]: text\n  + \n\nfoo\n", 2, 3),
            ("<A>: x\n\n(1) a\n(2) b\n", 4, 6),
            ("[A]: x\n+ [B]\n", 2, 1),
            ("a snake_case word\n", 1, 8),
            ("[A]: x\n\n  + [B]: b\n", 3, 3),
            ("[A]: x\n  + [B]: b\n(1) p\n", 3, 1),
            ("===\ntitle: x\n===\n[A]: a\n", 4, 1),
            ("<A>: g\n\n(1) p\n----\n(2) c\n\n<A>\n\n(1) q\n----\n(2) d\n", 9, 1),
        ],
    )
    def test_errors_point_at_the_argdown_line_and_column(self, text, line, column):
        """Text that Argdown rejects is an error at its line and column, as Argdown reports."""
        try:
            from_argdown(text, "bad.argdown")
        except ArgdownSyntaxError as error:
            assert error.file == "bad.argdown"
            assert (error.line, error.column) == (line, column), str(error)
            assert error.excerpt is not None
        else:
            pytest.fail("expected an error")
