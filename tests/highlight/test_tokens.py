"""The token table and what is made from it: the tokens of a line, the Pygments
lexer (same tokens, nothing lost), and the committed TextMate grammars."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import to_arg
from argmap.highlight.textmate import dumps, grammar, markdown_injection
from argmap.highlight.tokens import STATES, TOKEN_TYPES, tokenize
from tests.budget import examples
from tests.strategies import PROSE_ALPHABET, maps

ROOT = Path(__file__).resolve().parents[2]
SYNTAXES = ROOT / "editors" / "vscode" / "syntaxes"
MAPS = sorted((ROOT / "maps").glob("*.arg"))
needs_pygments = pytest.mark.skipif(importlib.util.find_spec("pygments") is None, reason="pygments is not installed")

# Text that looks like syntax: keywords, colons, @, #, braces, quotes, comments.
SYNTAX_ALPHABET = PROSE_ALPHABET + "\n\n    \t"
syntaxy_texts = st.lists(
    st.sampled_from(
        [
            "conclusion",
            "premise",
            "Reason",
            "objection x1",
            ":",
            " ",
            "  ",
            "\n",
            "@",
            "@id",
            "#tag",
            " #t.a/g",
            "{",
            "}",
            "{source: a, verdict: rejected}",
            '"""',
            '"',
            "\\",
            "//",
            "title",
            "key:",
            ",",
            "é",
            "😀",
        ]
    )
    | st.text(SYNTAX_ALPHABET, max_size=8),
    max_size=40,
).map("".join)


def _named(text: str) -> list[tuple[int, int, str]]:
    lines = text.split("\n")
    return [
        (token.line, token.column, lines[token.line][token.column : token.column + token.length], token.name)
        for token in tokenize(text)
    ]


def test_a_keyword_line_is_cut_into_its_parts():
    text = '  premise cheap: Land is cheap, says #1 source. #empirical #a/b {source: "p. 4, n. 2", verdict: rejected}'
    assert [(piece, name) for _, _, piece, name in _named(text)] == [
        ("premise", "keyword"),
        ("cheap", "id"),
        (":", "punctuation"),
        ("#empirical", "tag"),
        ("#a/b", "tag"),
        ("{", "attribute.brace"),
        ("source", "attribute.key"),
        (":", "punctuation"),
        ('"p. 4, n. 2"', "attribute.quoted"),
        (",", "punctuation"),
        ("verdict", "attribute.key"),
        (":", "punctuation"),
        ("rejected", "attribute.value"),
        ("}", "attribute.brace"),
    ]


def test_references_comments_headers_and_long_texts():
    text = 'title: A map\n// a comment: premise\nclaim: """Two\n  lines""" #t\n  objection @cheap\n@cheap\n'
    assert [(line, piece, name) for line, _, piece, name in _named(text)] == [
        (0, "title", "header.key"),
        (0, ":", "punctuation"),
        (0, " A map", "header.value"),
        (1, "// a comment: premise", "comment"),
        (2, "claim", "keyword"),
        (2, ":", "punctuation"),
        (2, '"""', "block.quotes"),
        (2, "Two", "block.text"),
        (3, "  lines", "block.text"),
        (3, '"""', "block.quotes"),
        (3, "#t", "tag"),
        (4, "objection", "keyword"),
        (4, "@", "reference.sign"),
        (4, "cheap", "reference"),
        (5, "@", "reference.sign"),
        (5, "cheap", "reference"),
    ]


def test_text_that_only_looks_like_syntax_stays_text():
    text = "premise: the #1 reason, mail me @ home, C# and a {brace} here. ok"
    assert [piece for _, _, piece, _ in _named(text)] == ["premise", ":"]


def test_every_token_name_has_a_type_and_every_state_can_be_left():
    names = {name for rules in STATES.values() for rule in rules for name in rule.tokens if name}
    assert names <= set(TOKEN_TYPES)
    pushed = {rule.push for rules in STATES.values() for rule in rules if rule.push}
    assert all(sum(rule.pop for rule in STATES[state]) == 1 for state in pushed)


@pytest.mark.parametrize(
    "name, make", [("arg.tmLanguage.json", grammar), ("arg-markdown-injection.tmLanguage.json", markdown_injection)]
)
def test_committed_grammars_are_made_from_the_table(name, make):
    committed = (SYNTAXES / name).read_text(encoding="utf-8")
    assert committed == dumps(make()), f"run: python editors/vscode/make_grammars.py ({name} is out of date)"
    assert json.loads(committed)["scopeName"]


@needs_pygments
def test_the_lexer_is_registered_under_arg():
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    assert type(get_lexer_by_name("arg")).__name__ == "ArgLexer"
    assert type(get_lexer_for_filename("x.arg")).__name__ == "ArgLexer"


def _pygments_named(text: str) -> list[tuple[int, str, str]]:
    from pygments.token import Text, Whitespace

    from argmap.highlight.pygments_lexer import ArgLexer

    found = []
    for _, kind, value in ArgLexer().get_tokens_unprocessed(text):
        if kind not in (Text, Whitespace):
            found.append((kind, value))
    return found


def _table_named(text: str) -> list[tuple[object, str]]:
    from pygments.token import string_to_tokentype

    return [(string_to_tokentype(TOKEN_TYPES[name].pygments), piece) for _, _, piece, name in _named(text)]


@needs_pygments
@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_the_lexer_gives_the_tables_tokens_on_each_map(path):
    from argmap.highlight.pygments_lexer import ArgLexer

    text = path.read_text(encoding="utf-8")
    assert "".join(value for _, value in ArgLexer().get_tokens(text)) == text
    assert _pygments_named(text) == _table_named(text)


def _agree(text: str) -> None:
    from argmap.highlight.pygments_lexer import ArgLexer

    lexed = "".join(value for _, value in ArgLexer(stripnl=False, ensurenl=False).get_tokens(text))
    assert lexed == text
    assert _pygments_named(text + "\n") == _table_named(text + "\n")


@needs_pygments
@settings(max_examples=examples(300), deadline=None)
@given(syntaxy_texts)
def test_the_lexer_loses_nothing_and_agrees_with_the_table(text):
    _agree(text)


@pytest.mark.slow
@needs_pygments
@settings(max_examples=60, deadline=None)
@given(maps().map(to_arg))
def test_the_lexer_agrees_with_the_table_on_maps(text):
    _agree(text)
