"""Parsing: every construct of the language, and what the parser gives back."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError
from argmap.parsing import _read_directly, normalise_newlines, parse_outline, parser
from tests.strategies import liberal_texts, maps

ROOT = Path(__file__).resolve().parents[1]
MAPS = ROOT / "maps"


def kinds(the_map):
    return {node.id: node.kind for node in the_map.nodes}


def relations(the_map):
    return {(r.kind, r.premises, r.target) for r in the_map.relations}


class TestConstructs:
    def test_header_keeps_free_keys_in_order(self):
        """Header lines become metadata; unknown keys are kept as written."""
        the_map = argmap.parse("title: T\ncourse: Logic 101\nlanguage: en\n\nconclusion: A.\n")
        assert the_map.metadata == (("title", "T"), ("course", "Logic 101"), ("language", "en"))
        assert the_map.meta("course") == "Logic 101"

    def test_children_relate_by_their_kind(self):
        """A premise supports, an objection attacks, a rebuttal attacks the objection."""
        the_map = argmap.parse(
            "conclusion c: A.\n  premise p: B.\n  objection o: C.\n    rebuttal r: D.\n"
            "  assumption s: E.\n  claim k: F.\n    evidence e: G.\n"
        )
        assert relations(the_map) == {
            ("support", ("p",), "c"),
            ("attack", ("o",), "c"),
            ("attack", ("r",), "o"),
            ("support", ("s",), "c"),
            ("support", ("k",), "c"),
            ("support", ("e",), "k"),
        }
        assert kinds(the_map)["s"] == "assumption"

    def test_reason_links_co_premises(self):
        """A reason makes one relation with several premises."""
        the_map = argmap.parse("conclusion c: A.\n  reason:\n    premise a: B.\n    premise b: C.\n")
        (relation,) = the_map.relations
        assert relation.premises == ("a", "b") and relation.is_linked and relation.target == "c"

    def test_linked_objection(self):
        """A reason of objections is one attack with several premises."""
        the_map = argmap.parse("conclusion c: A.\n  reason:\n    objection a: B.\n    objection b: C.\n")
        assert relations(the_map) == {("attack", ("a", "b"), "c")}

    def test_undercut_attacks_the_inference_above(self):
        """An undercut under a premise targets the premise's support relation."""
        the_map = argmap.parse("conclusion c: A.\n  premise p: B.\n    undercut u: C.\n")
        undercut = next(r for r in the_map.relations if r.kind == "undercut")
        assert undercut.target == "support:p->c"
        assert the_map.has_relation(undercut.target)

    def test_undercut_of_an_objection_and_of_an_undercut(self):
        """Undercuts can attack an objection's bearing and another undercut."""
        the_map = argmap.parse("conclusion c: A.\n  objection o: B.\n    undercut u: C.\n      undercut v: D.\n")
        assert relations(the_map) >= {
            ("undercut", ("u",), "attack:o->c"),
            ("undercut", ("v",), "undercut:u->attack:o->c"),
        }

    def test_undercut_beside_co_premises_attacks_the_reason(self):
        """An undercut written directly in a reason attacks the reason's inference."""
        the_map = argmap.parse(
            "conclusion c: A.\n  reason r1:\n    premise a: B.\n    premise b: C.\n    undercut u: D.\n"
        )
        assert relations(the_map) == {("support", ("a", "b"), "c"), ("undercut", ("u",), "r1")}
        assert the_map.relation("r1").premises == ("a", "b")

    def test_named_reason_can_be_undercut_later(self):
        """A named reason elaborated at the left margin takes undercuts."""
        the_map = argmap.parse(
            "conclusion c: A.\n  reason r1:\n    premise a: B.\n    premise b: C.\n\n@r1\n  undercut u: D.\n"
        )
        assert ("undercut", ("u",), "r1") in relations(the_map)

    def test_references_make_a_graph(self):
        """A referenced node supports a second parent; a bare @id relates by its kind."""
        the_map = argmap.parse(
            "conclusion c: A.\n  premise p: B.\n  claim k: C.\n    premise @p\n    @o\n  objection o: D.\n"
        )
        assert ("support", ("p",), "k") in relations(the_map)
        assert ("attack", ("o",), "k") in relations(the_map)
        assert len(the_map.nodes) == 4

    def test_reference_keyword_sets_the_relation(self):
        """'objection @p' makes a premise attack: the line's keyword decides."""
        the_map = argmap.parse("conclusion c: A.\n  premise p: B.\nclaim d: E.\n  objection @p\n")
        assert ("attack", ("p",), "d") in relations(the_map)
        assert kinds(the_map)["p"] == "premise"

    def test_elaboration_adds_children_later(self):
        """A reference at the left margin adds children to a node defined elsewhere."""
        the_map = argmap.parse("conclusion c: A.\n  premise p: B.\n\nclaim @p\n  premise q: C.\n")
        assert ("support", ("q",), "p") in relations(the_map)
        assert [n.id for n in the_map.roots()] == ["c"]

    def test_forward_reference(self):
        """A reference may name a node defined further down."""
        the_map = argmap.parse("conclusion c: A.\n  premise @later\n\nclaim later: B.\n")
        assert ("support", ("later",), "c") in relations(the_map)

    def test_tags_and_attributes(self):
        """Trailing #tags and {key: value} blocks annotate a node; on own lines too."""
        the_map = argmap.parse(
            'conclusion c: A. #policy #core {source: "para 2, 3", weight: 0.7, verdict: accepted, flag}\n'
            "  premise p: B.\n    #extra\n    {source: p1}\n"
        )
        c, p = the_map.node("c"), the_map.node("p")
        assert c.tags == ("policy", "core")
        assert c.attributes == (("source", "para 2, 3"), ("weight", "0.7"), ("verdict", "accepted"), ("flag", "true"))
        assert p.tags == ("extra",) and p.attribute("source") == "p1"

    @pytest.mark.parametrize(
        "line, text",
        [
            ("conclusion: The #1 reason is cost.", "The #1 reason is cost."),
            ("conclusion: C# is a language.", "C# is a language."),
            ("conclusion: A #hashtag in the middle stays.", "A #hashtag in the middle stays."),
            ("conclusion: Note: colons need nothing.", "Note: colons need nothing."),
            ("conclusion: See https://example.org//path @home.", "See https://example.org//path @home."),
            ("conclusion: Learn \\#python", "Learn #python"),
            ("conclusion: The set \\{1, 2}", "The set {1, 2}"),
            ("conclusion: C:\\Users is a folder.", "C:\\Users is a folder."),
            ("conclusion: He said \"no\" and 'yes'.", "He said \"no\" and 'yes'."),
            ("conclusion: Приштина и Београд 中文 😀", "Приштина и Београд 中文 😀"),
            ("conclusion:   spaced    out   ", "spaced out"),
            ("Conclusion: Keywords ignore case.", "Keywords ignore case."),
        ],
    )
    def test_prose_needs_no_escaping(self, line, text):
        """Ordinary prose reads as written; a backslash escapes the rare collision."""
        the_map = argmap.parse(line + "\n")
        assert the_map.nodes[0].text == text

    def test_long_text(self):
        """Triple-quoted text joins soft line breaks; a blank line makes a paragraph."""
        the_map = argmap.parse('conclusion: """First line\n      goes on.\n\n  Second paragraph.""" #t\n')
        node = the_map.nodes[0]
        assert node.text == "First line goes on.\nSecond paragraph."
        assert node.tags == ("t",)
        assert (node.span.line, node.span.end_line) == (1, 4)

    def test_comments_are_ignored_anywhere(self):
        """Comment lines may stand at any indentation without opening a block."""
        the_map = argmap.parse("// a\nconclusion c: A.\n        // deep\n  premise p: B.\n// end\n")
        assert relations(the_map) == {("support", ("p",), "c")}


class TestInput:
    @pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
    def test_line_endings(self, newline):
        """LF, CRLF and lone CR all read the same."""
        text = newline.join(["title: T", "conclusion c: A.", "  premise p: B.", ""])
        assert argmap.parse(text) == argmap.parse("title: T\nconclusion c: A.\n  premise p: B.\n")

    def test_byte_order_mark(self, tmp_path):
        """A UTF-8 byte-order mark is ignored."""
        path = tmp_path / "bom.arg"
        path.write_bytes("\ufeffconclusion: Ä.\n".encode())
        assert argmap.load(path).nodes[0].text == "Ä."

    def test_no_final_newline(self):
        """The last line needs no newline."""
        assert argmap.parse("conclusion: A.\n  premise: B.").nodes[1].text == "B."

    def test_spans(self):
        """Every node knows its line, column and end."""
        the_map = argmap.parse("conclusion c: A.\n  premise p: Bee.\n")
        span = the_map.node("p").span
        assert (span.line, span.column, span.end_line, span.end_column) == (2, 3, 2, 18)

    def test_parser_is_built_once(self):
        """The Lark parser is cached for the process."""
        assert parser() is parser()


class TestIds:
    def test_generated_ids_are_readable(self):
        """Nodes without an id get one from the first words of their text."""
        the_map = argmap.parse("conclusion: The West should act firmly.\n  premise: Vucic's aim is partition.\n")
        assert [n.id for n in the_map.nodes] == ["west-should-act-firmly", "vucics-aim-is-partition"]

    def test_generated_ids_are_unique(self):
        """Texts that begin alike take more words, then -2, -3 in file order."""
        the_map = argmap.parse(
            "conclusion: Cars are bad.\n  premise: Cars are bad for air.\n"
            "  premise: Cars are bad for noise.\n  objection: Cars are bad!\n"
        )
        assert [n.id for n in the_map.nodes] == [
            "cars-are-bad",
            "cars-are-bad-for-air",
            "cars-are-bad-for-noise",
            "cars-are-bad-2",
        ]

    def test_generated_ids_never_take_a_given_id(self):
        """A given id wins even when it comes later in the file."""
        the_map = argmap.parse("conclusion: Cars are bad.\n  premise cars-are-bad: X.\n")
        assert [n.id for n in the_map.nodes] == ["cars-are-bad-2", "cars-are-bad"]

    def test_generated_ids_stay_stable(self):
        """Adding an unrelated line above does not change the other generated ids."""
        before = argmap.parse("conclusion: Cars out.\n  premise: Air is bad.\n  objection: Shops lose.\n")
        after = argmap.parse(
            "conclusion: Cars out.\n  premise: Noise is bad.\n  premise: Air is bad.\n  objection: Shops lose.\n"
        )
        assert {n.id for n in before.nodes} <= {n.id for n in after.nodes}

    def test_ids_are_case_sensitive(self):
        """'@P' does not find 'p', and the hint says so."""
        with pytest.raises(argmap.ArgmapSemanticError) as caught:
            argmap.parse("conclusion: A.\n  premise p: B.\n  objection @P\n")
        assert "'@p'" in caught.value.hint


class TestWalks:
    MAP = "conclusion c: A.\n  premise p: B.\n    premise q: C.\n  objection o: D.\n    rebuttal r: E.\n  premise @q\n"

    def test_roots_children_supporters_attackers(self):
        """The walks answer who bears on whom, in the order written."""
        the_map = argmap.parse(self.MAP)
        assert [n.id for n in the_map.roots()] == ["c"]
        assert [n.id for n in the_map.children("c")] == ["p", "o", "q"]
        assert [r.premises for r in the_map.supporters("c")] == [("p",), ("q",)]
        assert [r.premises for r in the_map.attackers("o")] == [("r",)]
        assert [r.target for r in the_map.outgoing("q")] == ["p", "c"]

    def test_tree_as_written(self):
        """The tree walk gives the outline, each node once descended into."""
        the_map = argmap.parse(self.MAP)
        assert [(depth, node.id) for depth, node, _ in the_map.tree()] == [
            (0, "c"),
            (1, "p"),
            (2, "q"),
            (1, "o"),
            (2, "r"),
            (1, "q"),
        ]

    def test_tree_includes_undercuts_and_what_stands_under_them(self):
        """An undercut stands under the premise whose inference it attacks (beside
        the co-premises of a linked reason), with its own objections under it."""
        the_map = argmap.parse(
            "conclusion c: Tweety can fly.\n"
            "  premise b: Tweety is a bird.\n"
            "    undercut u: Tweety is a penguin.\n"
            "      objection o: Tweety flies every day.\n"
            "    evidence e: A photo of Tweety.\n"
            "  reason:\n"
            "    premise x: Birds have wings.\n"
            "    premise y: Wings let birds fly.\n"
            "    undercut z: Some birds cannot use their wings.\n"
        )
        walked = [(depth, node.id, via.kind if via else None) for depth, node, via in the_map.tree()]
        assert walked == [
            (0, "c", None),
            (1, "b", "support"),
            (2, "u", "undercut"),
            (3, "o", "attack"),
            (2, "e", "support"),
            (1, "x", "support"),
            (1, "y", "support"),
            (1, "z", "undercut"),
        ]

    @given(maps())
    @settings(max_examples=40, deadline=None)
    def test_tree_reaches_every_node_below_the_roots(self, the_map):
        """The tree holds every node that bears, through relations and undercuts of
        relations, on a root (found here by a plain search over the relations)."""
        reached = {node.id for node in the_map.roots()}
        targets = set(reached)
        while True:
            found = [
                r
                for r in the_map.relations
                if r.target in targets and not set(r.premises) <= reached or r.target in targets and r.id not in targets
            ]
            if not found:
                break
            for relation in found:
                reached.update(relation.premises)
                targets.update((*relation.premises, relation.id))
        assert {node.id for _, node, _ in the_map.tree()} == reached

    def test_tree_ends_on_cycles(self):
        """A support cycle does not make the tree walk loop."""
        the_map = argmap.parse("conclusion c: A.\n  premise p: B.\n    premise q: C.\n      premise @p\n")
        assert [node.id for _, node, _ in the_map.tree()] == ["c", "p", "q", "p"]

    def test_equality_ignores_order_and_spans(self):
        """Two maps are equal when they hold the same nodes and relations."""
        one = argmap.parse("conclusion c: A.\n  premise p: B.\n  premise q: C.\n")
        two = argmap.parse("conclusion c: A.\n\n  premise q: C.\n  premise p: B.\n")
        assert one == two
        assert one != argmap.parse("conclusion c: A.\n  premise p: B.\n")


def _read(text: str, using=None):
    """The outline as parse_outline reads it (with Lark's LALR parser when *using*
    it, the reference), or the mistake it reports."""
    try:
        outline = parse_outline(text, "m.arg", using=using)
    except ArgmapError as error:
        return ("mistake", str(error), error.label, error.location)
    return repr((outline.header, outline.entries))


def _lark_read(text: str):
    return _read(text, using=parser())


_EDITS_WRITTEN = [
    '"""',
    ":",
    "@",
    "#",
    "{",
    "}",
    "\t",
    " ",
    "   ",
    "\\",
    "x",
    "{a: b}",
    " #t",
    "@x",
    "\n",
    "// c",
    "reason:",
]
_EDITS = st.sampled_from(_EDITS_WRITTEN)


@st.composite
def damaged_texts(draw) -> str:
    """A well-formed text with a few lines damaged: characters put in, lines cut,
    moved, re-indented or duplicated."""
    lines = draw(liberal_texts(argmap.to_arg(draw(maps(max_nodes=8))))).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.integers(0, 4))
        line = lines[index]
        if edit == 0:
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(_EDITS) + line[at:]
        elif edit == 1:
            lines[index] = line[: draw(st.integers(0, len(line)))]
        elif edit == 2:
            lines[index] = " " * draw(st.integers(0, 7)) + line.lstrip()
        elif edit == 3:
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(index))
        else:
            lines.insert(index, line)
    return "\n".join(lines)


class TestDirectReading:
    """parse_outline reads a well-formed file without Lark's LALR parser
    (:func:`argmap.parsing._read_directly`) and hands anything else to Lark; the
    grammar stays the definition of the language, and Lark's reading the reference."""

    @pytest.mark.slow
    @settings(max_examples=100, deadline=None)
    @given(data=st.data())
    def test_reads_well_formed_texts_directly_and_alike(self, data):
        text = data.draw(liberal_texts(argmap.to_arg(data.draw(maps()))))
        direct = _read_directly(normalise_newlines(text))
        assert direct is not None
        assert repr(direct) == _lark_read(text)

    @pytest.mark.slow
    @settings(max_examples=300, deadline=None)
    @given(text=damaged_texts())
    def test_damaged_texts_are_read_alike_or_handed_to_lark(self, text):
        """Whatever the direct reader accepts, Lark reads alike; whatever Lark
        refuses, the direct reader hands over (so the mistake is Lark's)."""
        direct = _read_directly(normalise_newlines(text))
        reference = _lark_read(text)
        if direct is not None:
            assert repr(direct) == reference
        if isinstance(reference, tuple):
            assert direct is None
        assert _read(text) == reference

    @pytest.mark.parametrize("path", sorted(MAPS.glob("*.arg")), ids=lambda path: path.name)
    def test_the_example_maps_are_read_directly(self, path):
        text = normalise_newlines(path.read_text(encoding="utf-8"))
        direct = _read_directly(text)
        assert direct is not None
        assert repr(direct) == _lark_read(text)

    @pytest.mark.parametrize("shape", ["shallow", "deep"])
    def test_generated_maps_and_their_damaged_copies_are_read_alike(self, shape):
        """The benchmark's maps, and copies with a line damaged (seeded, so the same
        every run): read directly and alike, or handed to Lark when Lark refuses."""
        sys.path.insert(0, str(ROOT / "bench"))
        try:
            from generate import generate_arg, generate_deep_arg
        finally:
            sys.path.remove(str(ROOT / "bench"))
        text = generate_arg(400, undercuts=True) if shape == "shallow" else generate_deep_arg(400)
        assert repr(_read_directly(text)) == _lark_read(text)
        rng = random.Random(19)
        lines = text.split("\n")
        for _ in range(60):
            damaged = list(lines)
            index = rng.randrange(len(damaged))
            at = rng.randrange(len(damaged[index]) + 1)
            damaged[index] = damaged[index][:at] + rng.choice(_EDITS_WRITTEN) + damaged[index][at:]
            damaged_text = "\n".join(damaged)
            direct, reference = _read_directly(damaged_text), _lark_read(damaged_text)
            if direct is not None:
                assert repr(direct) == reference
            if isinstance(reference, tuple):
                assert direct is None
            assert _read(damaged_text) == reference

    @pytest.mark.parametrize(
        "text",
        [
            "conclusion: A.\n\tpremise: B.\n",  # a tab
            "conclusion: A.\n  premise: B.\n \tpremise: C.\n",  # a tab, as wide as the spaces above
            "title: T\n  author: A\nconclusion: A.\n",  # an indented header line
            "conclusion: A.\ntitle: T\n",  # a header after a node
            "  conclusion: A.\n",  # the first line indented
            "title: T\n  conclusion: A.\n",  # a line indented under a header
            "conclusion: A.\n    premise: B.\n  premise: C.\n",  # a dedent to no open column
            'conclusion: """A.\n',  # unclosed triple quotes
            "conclusion: A.\n  premise B.\n",  # the line reader's mistake
            "conclusion: A.\n  - premise: B.\n",  # no terminal matches
        ],
    )
    def test_hands_mistakes_to_lark(self, text):
        assert _read_directly(text) is None
        assert isinstance(_lark_read(text), tuple)

    def test_reads_text_in_triple_quotes_directly(self):
        text = 'conclusion: """A\n  long one."""\n  // note\n  premise: B.\n\n'
        direct = _read_directly(text)
        assert direct is not None and repr(direct) == _lark_read(text)
        assert direct[1][0].children[0].line == 4

    def test_hands_files_past_the_limits_to_lark(self, monkeypatch):
        monkeypatch.setattr("argmap.parsing.MAX_NODES", 2)
        monkeypatch.setattr("argmap.parsing.MAX_DEPTH", 2)
        assert _read_directly("conclusion: A.\n  premise: B.\n") is not None
        assert _read_directly("conclusion: A.\n  premise: B.\n  premise: C.\n") is None
        assert _read_directly("conclusion: A.\n  reason:\n    premise: B.\n") is not None
        assert _read_directly("conclusion: A.\n  claim: B.\n    claim: C.\n      claim: D.\n") is None

    def test_a_lines_own_mistake_comes_before_a_bad_dedent_after_it(self):
        """Closing the blocks above a bad dedent reads their lines first (Lark reduces
        them), so the missing colon on line 2 is the mistake reported, not line 3."""
        with pytest.raises(ArgmapError) as raised:
            argmap.parse("conclusion: A\n  premise B.\n premise: C.\n")
        assert (raised.value.label, raised.value.location.line) == ("missing-colon", 2)


class TestTerminalCache:
    """The grammar's terminals are kept in argmap's cache directory, so that a
    well-formed file is read without importing Lark."""

    PROGRAM = (
        "import sys, argmap; argmap.parse(sys.argv[1]); print('with Lark' if 'lark' in sys.modules else 'without Lark')"
    )

    def _run(self, cache: Path, text: str = "conclusion: A.\n  premise: B.\n") -> str:
        environment = {**os.environ, "ARGMAP_CACHE_DIR": str(cache)}
        result = subprocess.run(
            [sys.executable, "-c", self.PROGRAM, text], capture_output=True, text=True, env=environment, check=True
        )
        return result.stdout.strip()

    def test_a_well_formed_file_is_read_without_lark_once_the_cache_is_made(self, tmp_path):
        assert self._run(tmp_path) == "with Lark"  # the first time, Lark compiles the grammar
        assert list(tmp_path.glob("terminals-*.json"))
        assert self._run(tmp_path) == "without Lark"

    def test_a_damaged_or_foreign_cache_is_not_used(self, tmp_path):
        self._run(tmp_path)
        (cache_file,) = tmp_path.glob("terminals-*.json")
        cache_file.write_text('{"KEYWORD_LINE": 1}', encoding="utf-8")
        assert self._run(tmp_path) == "with Lark"
        cache_file.write_text("not json", encoding="utf-8")
        assert self._run(tmp_path) == "with Lark"
        cache_file.unlink()
        self._run(tmp_path)
        cache_file.chmod(0o666)  # writable by others: not trusted
        assert self._run(tmp_path) == "with Lark"
