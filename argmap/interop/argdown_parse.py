"""Argdown tokens → a syntax tree, with the grammar of the Argdown 1.7.5 parser.

A document is a list of blocks separated by blank lines: headings, statements,
arguments, premise–conclusion structures and lists. Statements and arguments may
have relations indented under them, each leading to another statement or argument.
The tree keeps the tokens, so that the model (:mod:`.argdown_model`) can compute
texts as Argdown does and every error can point at a line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import attrs

from ..limits import MAX_DEPTH
from . import argdown_lex as lex
from .argdown_lex import Token
from .errors import ArgdownSyntaxError

MAX_EMPHASIS_DEPTH = 100
"""How deep bold and italic text may nest."""


@attrs.define
class Emphasis:
    """Bold or italic text: the start token, the content inside, the end token."""

    start: Token
    content: list
    end: Token


@attrs.define
class Statement:
    """A statement: ``[Title]: text``, ``[Title]`` (a reference) or plain text.

    *children* are the parts of the block in order, as Argdown's tree has them: the
    text content (a list of tokens and :class:`Emphasis`), a reference's trailing
    tags, line breaks and the data token. Texts are computed from them."""

    title_token: Token | None
    is_reference: bool
    children: list
    data: Token | None
    relations: list[Relation]
    first: Token
    last: Token


@attrs.define
class Argument:
    """An argument: ``<Title>: gist`` or ``<Title>`` (a reference)."""

    title_token: Token
    is_reference: bool
    children: list
    data: Token | None
    relations: list[Relation]
    first: Token
    last: Token


@attrs.define
class Relation:
    """An arrow (``+``, ``<-``, ``_>``...) and the statement or argument after it."""

    token: Token
    member: Statement | Argument


@attrs.define
class Inference:
    """The line(s) between numbered statements: ``--`` rules ``{data}`` ``--``."""

    token: Token
    rules: list[list[Token]]
    data: Token | None
    undercuts: list[Relation]


@attrs.define
class NumberedStatement:
    """``(1) statement`` in a premise–conclusion structure."""

    number: Token
    statement: Statement


@attrs.define
class Pcs:
    """A premise–conclusion structure: numbered statements and inferences in order."""

    items: list[NumberedStatement | Inference]
    first: Token


@attrs.define
class Heading:
    """``# Title {data}``."""

    token: Token
    content: list
    data: Token | None


@attrs.define
class ListBlock:
    """An indented ordered (``1.``) or unordered (``*``) list of statements/arguments."""

    ordered: bool
    items: list[Statement | Argument]


@attrs.define
class Document:
    """A whole file: the front matter token (if any) and the blocks in order."""

    front_matter: Token | None
    blocks: list[Heading | Statement | Argument | Pcs | ListBlock]


Block = Heading | Statement | Argument | Pcs | ListBlock

FREESTYLE_TOKENS = frozenset({lex.FREESTYLE, lex.UNUSED_CONTROL_CHAR, lex.ESCAPED_CHAR, lex.SPECIAL_CHAR})
_EMPHASIS_STARTS = {
    lex.UNDERSCORE_BOLD_START: lex.UNDERSCORE_BOLD_END,
    lex.ASTERISK_BOLD_START: lex.ASTERISK_BOLD_END,
    lex.UNDERSCORE_ITALIC_START: lex.UNDERSCORE_ITALIC_END,
    lex.ASTERISK_ITALIC_START: lex.ASTERISK_ITALIC_END,
}
CONTENT_TOKENS = FREESTYLE_TOKENS | {
    lex.LINK,
    lex.TAG,
    lex.ARGUMENT_MENTION,
    lex.STATEMENT_MENTION,
    lex.NEWLINE,
    *_EMPHASIS_STARTS,
}
_STATEMENT_STARTS = CONTENT_TOKENS | {lex.STATEMENT_REFERENCE, lex.STATEMENT_DEFINITION}
_ARGUMENT_STARTS = frozenset({lex.ARGUMENT_DEFINITION, lex.ARGUMENT_REFERENCE})
_DESCRIBE = {
    lex.EMPTYLINE: "a blank line",
    lex.NEWLINE: "a line break",
    lex.INDENT: "an indented line",
    lex.DEDENT: "the end of an indented block",
    lex.STATEMENT_NUMBER: "a numbered statement",
    lex.INFERENCE_START: "an inference line ('--')",
    lex.INFERENCE_END: "the end of an inference line ('--')",
    lex.FRONT_MATTER: "front matter ('===')",
    lex.DATA: "a data block ('{...}')",
    lex.HEADING_START: "a heading",
    lex.STATEMENT_REFERENCE: "a statement reference",
    lex.STATEMENT_DEFINITION: "a statement title",
    lex.ARGUMENT_REFERENCE: "an argument reference",
    lex.ARGUMENT_DEFINITION: "an argument title",
}


class _Parser:
    def __init__(self, tokens: Sequence[Token], text: str, filename: str | None) -> None:
        self.tokens = tokens
        self.text = text
        self.filename = filename
        self.index = 0
        self.relation_depth = 0  # how many blocks of relations the parser is inside

    # --- token access -----------------------------------------------------------

    def peek(self, ahead: int = 0) -> Token | None:
        position = self.index + ahead
        return self.tokens[position] if position < len(self.tokens) else None

    def at(self, *types: str, ahead: int = 0) -> bool:
        """Whether the token *ahead* places on is there and of one of *types*."""
        token = self.peek(ahead)
        return token is not None and token.type in types

    def current(self) -> Token:
        """The next token, where the caller has seen that there is one."""
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def take_if(self, type_: str) -> Token | None:
        return self.take() if self.at(type_) else None

    def expect(self, type_: str, message: str, hint: str | None = None) -> Token:
        if not self.at(type_):
            raise self.error(message, hint)
        return self.take()

    def error(self, message: str, hint: str | None = None, token: Token | None = None) -> ArgdownSyntaxError:
        """An error at *token* (by default the next token, which is then named)."""
        if token is None:
            token = self.peek()
            found = _describe(token) if token is not None else "the end of the file"
            message = f"{message} (found {found})"
        if token is None or token.type in (lex.DEDENT, lex.INDENT):
            line, column, width = self._place_of_end(token)
        else:
            stripped = token.image.split("\n")[0].lstrip(" \t'")
            line, column = token.line, token.column + len(token.image.split("\n")[0]) - len(stripped)
            width = len(stripped.rstrip())
        return ArgdownSyntaxError.at(
            message, "argdown-syntax", self.filename, self.text, line, column, hint=hint, width=width
        )

    def _place_of_end(self, token: Token | None) -> tuple[int, int, int]:
        """Where a block ends: just after the last real token before *token*."""
        position = self.index - 1
        while position >= 0 and self.tokens[position].type in (lex.DEDENT, lex.INDENT, lex.NEWLINE, lex.EMPTYLINE):
            position -= 1
        if position < 0:
            return (token.line, token.column, 1) if token is not None else (1, 1, 1)
        last = self.tokens[position]
        end_line = last.line + last.image.count("\n")
        tail = last.image.rsplit("\n", 1)[-1].rstrip(" \t")
        column = (last.column if end_line == last.line else 1) + len(tail)
        return end_line, column, 1

    # --- document ---------------------------------------------------------------

    def document(self) -> Document:
        self.take_if(lex.NEWLINE)
        self.take_if(lex.EMPTYLINE)
        front_matter = None
        if self.at(lex.FRONT_MATTER):
            front_matter = self.take()
            self.take_if(lex.NEWLINE)
            if self.peek() is not None:
                self.expect(lex.EMPTYLINE, "front matter must be followed by a blank line")
        blocks: list[Block] = []
        while self.peek() is not None:
            blocks.append(self.block())
            if self.peek() is None:
                break
            if not self.at(lex.EMPTYLINE):
                raise self.error(*_after_block(self.current()))
            self.take()
        return Document(front_matter, blocks)

    def block(self) -> Block:
        token = self.current()
        if token.type == lex.HEADING_START:
            return self.heading()
        if token.type == lex.STATEMENT_NUMBER:
            return self.pcs()
        if token.type in _ARGUMENT_STARTS:
            return self.argument()
        if token.type in _STATEMENT_STARTS:
            return self.statement()
        if token.type == lex.INDENT and self.at(lex.ORDERED_LIST_ITEM, lex.UNORDERED_LIST_ITEM, ahead=1):
            return self.list_block()
        if token.type in lex.RELATION_TOKENS or token.type == lex.INDENT:
            arrow = self.peek(1) if token.type == lex.INDENT and self.peek(1) is not None else token
            raise self.error(
                "a relation must stand under the statement or argument it belongs to",
                "start the block with a statement or argument and indent the relation under it",
                token=arrow,
            )
        raise self.error("expected a statement, an argument, a heading or a numbered statement")

    def heading(self) -> Heading:
        token = self.take()
        if not self.at(*CONTENT_TOKENS):
            raise self.error("a heading needs a title after '#'")
        content = self.content()
        data = None
        if self.at(lex.DATA) or (self.at(lex.NEWLINE) and self.at(lex.DATA, ahead=1)):
            self.take_if(lex.NEWLINE)
            data = self.take()
            self.take_if(lex.NEWLINE)
        return Heading(token, content, data)

    def list_block(self) -> ListBlock:
        self.take()  # INDENT
        ordered = self.at(lex.ORDERED_LIST_ITEM)
        marker = lex.ORDERED_LIST_ITEM if ordered else lex.UNORDERED_LIST_ITEM
        items: list[Statement | Argument] = []
        while self.at(marker):
            self.take()
            items.append(self.member("a list item needs a statement or argument after its marker"))
        self.expect(
            lex.DEDENT, "a list ends where its indentation ends", "keep the items of one list at the same indentation"
        )
        return ListBlock(ordered, items)

    # --- premise-conclusion structures --------------------------------------------

    def pcs(self) -> Pcs:
        first = self.current()
        items: list[NumberedStatement | Inference] = [self.numbered()]
        while self.at(lex.STATEMENT_NUMBER, lex.INFERENCE_START):
            while self.at(lex.STATEMENT_NUMBER):
                items.append(self.numbered())
            if not self.at(lex.INFERENCE_START):
                raise self.error(
                    "a premise-conclusion structure needs an inference before its conclusion",
                    "put a line of four hyphens (----) between the premises and the conclusion",
                )
            items.append(self.inference())
            if not self.at(lex.STATEMENT_NUMBER):
                raise self.error(
                    "an inference must be followed by a numbered conclusion",
                    "write the conclusion as '(n) ...' on the line after the inference",
                )
            items.append(self.numbered())
        if not any(isinstance(item, Inference) for item in items):
            raise self.error(
                "a premise-conclusion structure needs an inference before its conclusion",
                "put a line of four hyphens (----) between the premises and the conclusion",
            )
        return Pcs(items, first)

    def numbered(self) -> NumberedStatement:
        number = self.take()
        if not self.at(*_STATEMENT_STARTS):
            raise self.error("a numbered statement needs text or a [title]")
        return NumberedStatement(number, self.statement())

    def inference(self) -> Inference:
        token = self.take()
        rules: list[list[Token]] = []
        if self.at(lex.NEWLINE) and self.at(*FREESTYLE_TOKENS, ahead=1):
            self.take()
        if self.at(*FREESTYLE_TOKENS):
            rules.append(self.freestyle())
            while self.take_if(lex.LIST_DELIMITER):
                if not self.at(*FREESTYLE_TOKENS):
                    raise self.error("an inference rule is missing after ','")
                rules.append(self.freestyle())
        self.take_if(lex.NEWLINE)
        data = None
        if self.at(lex.DATA):
            data = self.take()
            self.take_if(lex.NEWLINE)
        self.expect(
            lex.INFERENCE_END, "an inference line must end with '--'", "write the inference as '-- rule --' or '----'"
        )
        self.expect(lex.NEWLINE, "the conclusion must follow the inference on the next line")
        undercuts: list[Relation] = []
        if self.at(lex.INDENT):
            self.take()
            with self.relations_below():
                while self.at(lex.OUTGOING_UNDERCUT):
                    undercuts.append(self.relation())
            if not undercuts:
                raise self.error("only undercuts ('<_') can be indented under an inference")
            self.expect(lex.DEDENT, "only undercuts ('<_') can be indented under an inference")
        return Inference(token, rules, data, undercuts)

    def freestyle(self) -> list[Token]:
        tokens = []
        while self.at(*FREESTYLE_TOKENS):
            tokens.append(self.take())
        return tokens

    # --- statements and arguments ---------------------------------------------------

    def member(self, message: str) -> Statement | Argument:
        if self.at(*_ARGUMENT_STARTS):
            return self.argument()
        if self.at(*_STATEMENT_STARTS):
            return self.statement()
        raise self.error(message)

    def statement(self) -> Statement:
        first = self.current()
        title_token = None
        is_reference = False
        if self.at(lex.STATEMENT_DEFINITION):
            title_token = self.take()
            if not self.at(*CONTENT_TOKENS):
                raise self.error(
                    "a statement title needs text after the colon",
                    "write '[Title]: text', or '[Title]' without a colon to refer to it",
                )
            children: list = [self.content()]
        elif self.at(lex.STATEMENT_REFERENCE):
            title_token = self.take()
            is_reference = True
            children = self.reference_tail()
        else:
            children = [self.content()]
        data, relations = self.data_and_relations(children)
        return Statement(title_token, is_reference, children, data, relations, first, self.tokens[self.index - 1])

    def argument(self) -> Argument:
        first = self.current()
        title_token = self.take()
        is_reference = title_token.type == lex.ARGUMENT_REFERENCE
        if is_reference:
            children = self.reference_tail()
        else:
            if not self.at(*CONTENT_TOKENS):
                raise self.error(
                    "an argument title needs a gist after the colon",
                    "write '<Title>: gist', or '<Title>' without a colon to refer to it",
                )
            children = [self.content()]
        data, relations = self.data_and_relations(children)
        return Argument(title_token, is_reference, children, data, relations, first, self.tokens[self.index - 1])

    def reference_tail(self) -> list:
        """The tags and line break after ``[Title]`` or ``<Title>``."""
        children: list = []
        while self.at(lex.TAG):
            children.append(self.take())
        if self.at(lex.NEWLINE):
            children.append(self.take())
        return children

    def data_and_relations(self, children: list) -> tuple[Token | None, list[Relation]]:
        data = None
        if self.at(lex.DATA):
            data = self.take()
            children.append(data)
            if self.at(lex.NEWLINE):
                children.append(self.take())
        relations: list[Relation] = []
        if self.at(lex.INDENT):
            self.take()
            if not self.at(*lex.RELATION_TOKENS):
                raise self.error(
                    "only relations ('+', '-', '<+', '->', '_>'...) can be indented under a statement",
                    "separate blocks with a blank line",
                )
            with self.relations_below():
                while self.at(*lex.RELATION_TOKENS):
                    relations.append(self.relation())
            self.expect(lex.DEDENT, "expected another relation or the end of the indented block")
        return data, relations

    @contextmanager
    def relations_below(self) -> Iterator[None]:
        """Read an indented block of relations, one level deeper than the last.

        A relation leads to a statement that may have relations of its own; the parser
        (and the model after it) recurses once per level, so the levels are bounded."""
        if self.relation_depth == MAX_DEPTH:
            raise self.error(
                f"the relations are indented more than {MAX_DEPTH} levels deep",
                (
                    "give the statement at this depth a [title] and continue its relations in a block of their own, "
                    "starting with that [title] at the left margin"
                ),
            )
        self.relation_depth += 1
        yield
        self.relation_depth -= 1

    def relation(self) -> Relation:
        token = self.take()
        if token.type == lex.CONTRADICTION:
            if not self.at(*_STATEMENT_STARTS):
                raise self.error("a contradiction ('><') must lead to a statement")
            return Relation(token, self.statement())
        if not self.at(*_ARGUMENT_STARTS, *_STATEMENT_STARTS):
            raise self.error(
                "a relation needs a statement or argument after its arrow",
                "write the statement after the arrow, or refer to one with [Title] or <Title>",
                token=token,
            )
        return Relation(token, self.member(""))

    def content(self) -> list:
        """Statement text: freestyle, links, emphasis, tags, mentions and line breaks.

        Bold and italic nest; they are read with a stack rather than by recursion, and
        at most MAX_EMPHASIS_DEPTH deep, since the text of the model is computed by
        walking them."""
        items: list = []
        opened: list[tuple[Token, list]] = []  # emphasis not yet closed, with the items outside it
        while True:
            if self.at(*CONTENT_TOKENS):
                token = self.take()
                if token.type not in _EMPHASIS_STARTS:
                    items.append(token)
                    continue
                if len(opened) == MAX_EMPHASIS_DEPTH:
                    raise self.error(
                        f"bold and italic are nested more than {MAX_EMPHASIS_DEPTH} levels deep",
                        "close some of the '*' and '_' before opening more, or escape them "
                        "with a backslash ('\\*', '\\_')",
                        token=token,
                    )
                opened.append((token, items))
                items = []
            elif opened and self.at(_EMPHASIS_STARTS[opened[-1][0].type]):
                start, outside = opened.pop()
                outside.append(Emphasis(start, items, self.take()))
                items = outside
            else:
                break
        if opened:
            raise self.unclosed(opened[-1][0])
        return items

    def unclosed(self, start: Token) -> ArgdownSyntaxError:
        """The error for bold or italic text opened at *start* and never closed."""
        marker = start.image.strip()
        return self.error(
            f"'{marker}' opens bold or italic text that is not closed",
            (f"close it with '{marker}', or escape the character with a backslash ('\\{marker[0]}')"),
            token=start,
        )


def _describe(token: Token) -> str:
    if token.type in _DESCRIBE:
        return _DESCRIBE[token.type]
    if token.type in lex.RELATION_TOKENS:
        return f"the relation '{token.image.strip()}'"
    return repr(token.image.strip() or token.image)


def _after_block(token: Token) -> tuple[str, str | None]:
    if token.type == lex.STATEMENT_NUMBER:
        return (
            "a numbered statement cannot follow here",
            ("separate it with a blank line, or put '----' before the conclusion of a premise-conclusion structure"),
        )
    if token.type in lex.RELATION_TOKENS:
        return (
            "a relation must be indented under the statement or argument it belongs to",
            "indent the line by at least one space",
        )
    if token.type in _EMPHASIS_STARTS or token.type.endswith("End"):
        return ("a '*' or '_' here would start bold or italic text", "escape it with a backslash ('\\*', '\\_')")
    return ("blocks are separated by blank lines", "put a blank line before this line, or indent it as a relation")


def parse_tokens(tokens: Sequence[Token], text: str, filename: str | None = None) -> Document:
    """The syntax tree of a token list (:func:`.argdown_lex.tokenize`)."""
    return _Parser(tokens, text, filename).document()
