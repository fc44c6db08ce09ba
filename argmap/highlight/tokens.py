"""The token table of the ``.arg`` language, for highlighters.

Each state is a list of :class:`Rule`: a regex whose capturing groups cover every
character it matches, each group with a token name (``None``: plain text). A rule
may enter another state (``push``) or leave the current one (``pop``). The regexes
use only what Python's ``re`` and Oniguruma (TextMate) agree on: no named groups,
no possessive loops, lookbehind of fixed width.

The parser (:mod:`argmap.parsing`) stays the judge of what a file means; this table
only colours lines, so it must never fail on any text: :func:`tokenize` skips a
character that no rule matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

import attrs

from ..model import ID_PATTERN
from ..parsing import KEYWORDS


@attrs.frozen
class TokenType:
    """How one token name is shown by each host."""

    textmate: str
    pygments: str
    semantic: str
    """An LSP semantic token type from the standard list."""


TOKEN_TYPES: dict[str, TokenType] = {
    "comment": TokenType("comment.line.double-slash.arg", "Comment.Single", "comment"),
    "keyword": TokenType("keyword.other.arg", "Keyword", "keyword"),
    "id": TokenType("entity.name.function.arg", "Name.Function", "function"),
    "reference.sign": TokenType("keyword.operator.reference.arg", "Operator", "operator"),
    "reference": TokenType("variable.other.reference.arg", "Name.Variable", "variable"),
    "punctuation": TokenType("punctuation.separator.key-value.arg", "Punctuation", "operator"),
    "tag": TokenType("entity.name.tag.arg", "Name.Tag", "decorator"),
    "attribute.key": TokenType("support.type.property-name.arg", "Name.Attribute", "property"),
    "attribute.value": TokenType("string.unquoted.attribute.arg", "String", "string"),
    "attribute.quoted": TokenType("string.quoted.double.arg", "String.Double", "string"),
    "attribute.brace": TokenType("punctuation.definition.dictionary.arg", "Punctuation", "operator"),
    "header.key": TokenType("variable.other.header.arg", "Name.Label", "namespace"),
    "header.value": TokenType("string.unquoted.header.arg", "String", "string"),
    "block.quotes": TokenType("punctuation.definition.string.arg", "String.Delimiter", "string"),
    "block.text": TokenType("string.quoted.triple.arg", "String", "string"),
}
"""Every token name of the table, with its TextMate scope, Pygments token and LSP
semantic token type."""


@attrs.frozen
class Rule:
    """One regex of a state; its groups get the names in *tokens*, in order."""

    name: str
    pattern: str
    tokens: tuple[str | None, ...]
    push: str | None = None
    pop: bool = False


_SPACE = r"[ \t]"
_KEYWORD = "(?i:" + "|".join(KEYWORDS) + r")(?![\w-])"
_TAG = r"#[^\W\d_][\w\-/.]*"
_TAGS_AND_ATTRIBUTES_TO_END = rf"(?=(?:{_SPACE}+{_TAG})*{_SPACE}*(?:\{{[^{{}}\n]*\}})?{_SPACE}*$)"
_NOT_AFTER_TEXT = r"(?<![^ \t\n])"  # at the start of a line or after a space

STATES: dict[str, tuple[Rule, ...]] = {
    "root": (
        Rule("comment", r"^([ \t]*)(//.*)$", (None, "comment")),
        Rule(
            "keyword line",
            rf"^({_SPACE}*)({_KEYWORD})(?:({_SPACE}+)({ID_PATTERN}))?({_SPACE}*)(:)",
            (None, "keyword", None, "id", None, "punctuation"),
        ),
        Rule("keyword before a reference", rf"^({_SPACE}*)({_KEYWORD})(?={_SPACE}+@)", (None, "keyword")),
        Rule("reference", rf"{_NOT_AFTER_TEXT}(@)({ID_PATTERN})", ("reference.sign", "reference")),
        Rule("header line", r"^([^\W\d][\w-]*)([ \t]*)(:)(.*)$", ("header.key", None, "punctuation", "header.value")),
        Rule("text in triple quotes", r'(""")', ("block.quotes",), push="block"),
        Rule("tag", rf"{_NOT_AFTER_TEXT}({_TAG}){_TAGS_AND_ATTRIBUTES_TO_END}", ("tag",)),
        Rule(
            "attributes", rf"{_NOT_AFTER_TEXT}(\{{)(?=[^{{}}\n]*\}}{_SPACE}*$)", ("attribute.brace",), push="attributes"
        ),
    ),
    "block": (
        Rule("end of the text", r'(""")', ("block.quotes",), pop=True),
        Rule("escaped character", r"(\\.)", ("block.text",)),
        Rule("text", r'([^"\\\n]+|")', ("block.text",)),
    ),
    "attributes": (
        Rule("end of the attributes", r"(\})", ("attribute.brace",), pop=True),
        Rule("quoted value", r'(:)([ \t]*)("(?:[^"\\\n]|\\.)*")', ("punctuation", None, "attribute.quoted")),
        Rule("value", r'(:)([ \t]*)([^,}\n" \t][^,}\n"]*)', ("punctuation", None, "attribute.value")),
        Rule("key", r"([^\W\d][\w-]*)", ("attribute.key",)),
        Rule("colon or comma", r"([:,])", ("punctuation",)),
    ),
}
"""The token table: states and their rules, tried in order at each place."""

CONTENT_TOKENS = {"block": "block.text"}
"""The token of a state's content as a whole (TextMate's ``contentName``)."""


class Token(NamedTuple):
    """A highlighted piece of one line: 0-based line and column, length, name."""

    line: int
    column: int
    length: int
    name: str


@cache
def _compiled(state: str) -> tuple[re.Pattern, dict[str, tuple[Rule, int]]]:
    """The state's rules as one alternation, which finds what a TextMate editor
    finds: the earliest match in the line, and at one place the first rule; and for
    each alternative, its rule and the number of groups before it."""
    alternatives, rules, offset = [], {}, 0
    for index, rule in enumerate(STATES[state]):
        alternatives.append(f"(?P<rule{index}>{rule.pattern})")
        offset += 1
        rules[f"rule{index}"] = (rule, offset)
        offset += re.compile(rule.pattern).groups
    return re.compile("|".join(alternatives), re.MULTILINE), rules


def tokenize(text: str) -> Iterator[Token]:
    """The named tokens of *text*, in order (plain text is left out); states carry
    over line ends, as in a TextMate editor."""
    stack = ["root"]
    for number, line in enumerate(text.split("\n")):
        position = 0
        while position < len(line):
            pattern, rules = _compiled(stack[-1])
            match = pattern.search(line, position)
            if match is None:
                break
            assert match.lastgroup is not None, "every alternative is a named group, and it closes last"
            rule, offset = rules[match.lastgroup]
            yield from _named_groups(number, match, rule, offset)
            if rule.push:
                stack.append(rule.push)
            elif rule.pop and len(stack) > 1:
                stack.pop()
            position = max(match.end(), position + 1)


def _named_groups(line: int, match: re.Match, rule: Rule, offset: int) -> Iterator[Token]:
    for index, name in enumerate(rule.tokens, start=offset + 1):
        start, end = match.span(index)
        if name is not None and start >= 0 and end > start:
            yield Token(line, start, end - start, name)
