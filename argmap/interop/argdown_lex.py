"""Argdown text → tokens, with the rules of the Argdown 1.7.5 lexer.

Argdown is lexed, not read line by line: at every position the token rules are tried
in a fixed order and the first that matches wins. Several rules look at the token
before (a relation arrow counts only at the start of a line; a heading only after a
line break), and the lexer turns the indentation of relation lines and list items
into ``INDENT``/``DEDENT`` tokens. Matching those rules closely is what makes an
import agree with the Argdown tools on what a file says.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from .errors import ArgdownSyntaxError


@attrs.frozen
class Token:
    """One token: its type, the text it matched, and where (1-based, end inclusive)."""

    type: str
    image: str
    offset: int
    line: int
    column: int


# Token types -----------------------------------------------------------------------
COMMENT, FRONT_MATTER, DATA, ESCAPED_CHAR, SPECIAL_CHAR = "Comment", "FrontMatter", "Data", "EscapedChar", "SpecialChar"
EMPTYLINE, NEWLINE, INDENT, DEDENT = "Emptyline", "Newline", "Indent", "Dedent"
INFERENCE_START, INFERENCE_END, LIST_DELIMITER = "InferenceStart", "InferenceEnd", "ListDelimiter"
INCOMING_SUPPORT, INCOMING_ATTACK = "IncomingSupport", "IncomingAttack"
OUTGOING_SUPPORT, OUTGOING_ATTACK = "OutgoingSupport", "OutgoingAttack"
CONTRADICTION, INCOMING_UNDERCUT, OUTGOING_UNDERCUT = "Contradiction", "IncomingUndercut", "OutgoingUndercut"
HEADING_START, STATEMENT_NUMBER = "HeadingStart", "StatementNumber"
ORDERED_LIST_ITEM, UNORDERED_LIST_ITEM = "OrderedListItem", "UnorderedListItem"
ASTERISK_BOLD_START, ASTERISK_BOLD_END = "AsteriskBoldStart", "AsteriskBoldEnd"
UNDERSCORE_BOLD_START, UNDERSCORE_BOLD_END = "UnderscoreBoldStart", "UnderscoreBoldEnd"
ASTERISK_ITALIC_START, ASTERISK_ITALIC_END = "AsteriskItalicStart", "AsteriskItalicEnd"
UNDERSCORE_ITALIC_START, UNDERSCORE_ITALIC_END = "UnderscoreItalicStart", "UnderscoreItalicEnd"
LINK, TAG = "Link", "Tag"
STATEMENT_DEFINITION, STATEMENT_REFERENCE, STATEMENT_MENTION = (
    "StatementDefinition",
    "StatementReference",
    "StatementMention",
)
ARGUMENT_DEFINITION, ARGUMENT_REFERENCE, ARGUMENT_MENTION = (
    "ArgumentDefinition",
    "ArgumentReference",
    "ArgumentMention",
)
SPACES, FREESTYLE, UNUSED_CONTROL_CHAR = "Spaces", "Freestyle", "UnusedControlChar"

RELATION_ORDER = (
    INCOMING_SUPPORT,
    INCOMING_ATTACK,
    OUTGOING_SUPPORT,
    OUTGOING_ATTACK,
    CONTRADICTION,
    INCOMING_UNDERCUT,
    OUTGOING_UNDERCUT,
)
"""The relation tokens, in the order the lexer tries them."""
RELATION_TOKENS = frozenset(RELATION_ORDER)
SKIPPED = frozenset({COMMENT, SPACES})

# Argdown counts apostrophes as indentation, as its own patterns do.
_INDENT_CHARS = "[' \\t]"
_COMMENT = r"(?:<!--[\s\S]*?-->)|(?:/\*[\s\S]*?\*/)|(?://[^\n]*?(?=\n))"
_COMMENT_RE = re.compile(_COMMENT)
_COMMENT_AFTER_EMPTYLINE_RE = re.compile(rf"(?:{_COMMENT})(?:[ \t]*\r\n|\n|\r)*")
_COMMENT_AFTER_NEWLINE_RE = re.compile(rf"(?:{_COMMENT})(?:[ \t]*(?:\n)(?![ \t]*\n))?")
_RELATION_RES = {
    INCOMING_SUPPORT: re.compile(rf"({_INDENT_CHARS}*)(\+>)"),
    INCOMING_ATTACK: re.compile(rf"({_INDENT_CHARS}*)(->)"),
    OUTGOING_SUPPORT: re.compile(rf"({_INDENT_CHARS}*)(<?\+)"),
    OUTGOING_ATTACK: re.compile(rf"({_INDENT_CHARS}*)(<?-)"),
    CONTRADICTION: re.compile(rf"({_INDENT_CHARS}*)(><)"),
    INCOMING_UNDERCUT: re.compile(rf"({_INDENT_CHARS}*)(_>)"),
    OUTGOING_UNDERCUT: re.compile(rf"({_INDENT_CHARS}*)(<_|_(?=\s))"),
}
_INFERENCE_START_RE = re.compile(rf"{_INDENT_CHARS}*-{{2}}")
_EMPTYLINE_RE = re.compile(r"(?:[ \t]*\n){2,}")
_HEADING_RE = re.compile(r"(#+) ")
_STATEMENT_NUMBER_RE = re.compile(rf"{_INDENT_CHARS}*\(\d+\)")
_ORDERED_ITEM_RE = re.compile(rf"({_INDENT_CHARS}*)\d+\.(?=\s)")
_UNORDERED_ITEM_RE = re.compile(rf"({_INDENT_CHARS}*)\*(?=\s)")
_RANGE_END_FOLLOWS = r"(?:[ \t]|(?=\n|\)|\}|_|\.|,|!|\?|;|:|-|\*|\Z))"
_RANGES = {  # token type -> (range it opens or closes, pattern)
    ASTERISK_BOLD_END: ("AsteriskBold", re.compile(r"\*\*" + _RANGE_END_FOLLOWS)),
    UNDERSCORE_BOLD_END: ("UnderscoreBold", re.compile(r"__" + _RANGE_END_FOLLOWS)),
    ASTERISK_ITALIC_END: ("AsteriskItalic", re.compile(r"\*" + _RANGE_END_FOLLOWS)),
    UNDERSCORE_ITALIC_END: ("UnderscoreItalic", re.compile(r"_" + _RANGE_END_FOLLOWS)),
    ASTERISK_BOLD_START: ("AsteriskBold", re.compile(r"\*\*(?!\s)")),
    UNDERSCORE_BOLD_START: ("UnderscoreBold", re.compile(r"__(?!\s)")),
    ASTERISK_ITALIC_START: ("AsteriskItalic", re.compile(r"\*(?!\s)")),
    UNDERSCORE_ITALIC_START: ("UnderscoreItalic", re.compile(r"_(?!\s)")),
}
_TAG_CHARS = "a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
_PATTERNS = {
    FRONT_MATTER: re.compile(r"===+[\s\S]*?===+"),
    DATA: re.compile(r"\{(?:(?!\}\s[^,}])[\s\S])*\}(?!\s*(?:,|\}))"),
    ESCAPED_CHAR: re.compile(r"\\[^\n](?: )*"),
    SPECIAL_CHAR: re.compile(r"(?:\.\S+?\.[ \t]?)|(?::\S+?:[ \t]?)"),
    NEWLINE: re.compile(r"[ \t]*\n"),
    LINK: re.compile(r"\[[^\]]+?\]\([^)]+?\)[ \t]?"),
    TAG: re.compile(rf"#(?:\([^)]+\)|[{_TAG_CHARS}]+)[ \t]?"),
    STATEMENT_DEFINITION: re.compile(r"\[.+?\]:"),
    STATEMENT_REFERENCE: re.compile(r"\[[^-].*?\]"),
    STATEMENT_MENTION: re.compile(r"@\[.+?\][ \t]?"),
    ARGUMENT_DEFINITION: re.compile(r"<.+?>:"),
    ARGUMENT_REFERENCE: re.compile(r"<[^-].*?>"),
    ARGUMENT_MENTION: re.compile(r"@<.+?>[ \t]?"),
    SPACES: re.compile(r"[ \t]+"),
    FREESTYLE: re.compile(r"[^\\@#*_\[\],.:;</>\-\n(){}]+"),
    UNUSED_CONTROL_CHAR: re.compile(r"[@#*_\[\],.:;</>\-(){}][ \t]?"),
    INFERENCE_END: re.compile(r"-{2,}"),
    LIST_DELIMITER: re.compile(r","),
}


class _Lexer:
    """The state of one run: tokens so far, the indentation stack, open text ranges."""

    def __init__(self, text: str, filename: str | None) -> None:
        self.text = text
        self.filename = filename
        self.tokens: list[Token] = []
        self.indents = [0]
        self.ranges: list[str] = []
        self.comments = 0
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.inference_mode = False

    # --- positions --------------------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of *offset*."""
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1, offset - self.line_starts[low] + 1

    def make(self, type_: str, image: str, offset: int) -> Token:
        line, column = self.position(offset)
        return Token(type_, image, offset, line, column)

    # --- what came before -------------------------------------------------------

    def last(self) -> Token | None:
        return self.tokens[-1] if self.tokens else None

    def at_line_start(self, after_emptyline: bool = True) -> bool:
        last = self.last()
        if last is None:
            return True
        return last.type == NEWLINE or (after_emptyline and last.type == EMPTYLINE)

    # --- indentation ------------------------------------------------------------

    def close_blocks(self, offset: int) -> None:
        """Dedent to the left margin (before a blank line, a numbered statement...)."""
        while len(self.indents) > 1:
            self.tokens.append(self.make(DEDENT, "", offset))
            self.indents.pop()

    def indent_to(self, width: int, offset: int) -> None:
        if width > self.indents[-1]:
            self.indents.append(width)
            self.tokens.append(self.make(INDENT, "", offset))
            return
        while len(self.indents) > 1 and width < self.indents[-1]:
            self.indents.pop()
            self.tokens.append(self.make(DEDENT, "", offset))

    # --- the rules, in the order Argdown tries them -------------------------------

    def comment(self, pos: int) -> re.Match | None:
        last = self.last()
        if last is not None and last.type == EMPTYLINE:
            match = _COMMENT_AFTER_EMPTYLINE_RE.match(self.text, pos)
        elif last is not None and last.type == NEWLINE:
            match = _COMMENT_AFTER_NEWLINE_RE.match(self.text, pos)
        else:
            match = _COMMENT_RE.match(self.text, pos)
        if match:
            self.comments += 1
        return match

    def emptyline(self, pos: int) -> re.Match | None:
        last = self.last()
        if last is not None and last.type == EMPTYLINE:
            return None
        match = _EMPTYLINE_RE.match(self.text, pos)
        if match and match.end() < len(self.text):
            self.close_blocks(pos)
        return match

    def inference_start(self, pos: int) -> re.Match | None:
        if not self.at_line_start(after_emptyline=False):
            return None
        match = _INFERENCE_START_RE.match(self.text, pos)
        if match:
            self.close_blocks(pos)
            self.inference_mode = True
        return match

    def relation(self, type_: str) -> Callable[[int], re.Match | None]:
        def match_relation(pos: int) -> re.Match | None:
            if not self.at_line_start():
                return None
            match = _RELATION_RES[type_].match(self.text, pos)
            if match:
                self.indent_to(len(match.group(1)), pos)
            return match

        return match_relation

    def heading(self, pos: int) -> re.Match | None:
        return _HEADING_RE.match(self.text, pos) if self.at_line_start() else None

    def statement_number(self, pos: int) -> re.Match | None:
        if not self.at_line_start():
            return None
        match = _STATEMENT_NUMBER_RE.match(self.text, pos)
        if match:
            self.close_blocks(pos)
        return match

    def list_item(self, pattern: re.Pattern) -> Callable[[int], re.Match | None]:
        def match_item(pos: int) -> re.Match | None:
            if not self.at_line_start():
                return None
            match = pattern.match(self.text, pos)
            if match:
                self.indent_to(len(match.group(1)) + 1, pos)
            return match

        return match_item

    def text_range(self, type_: str) -> Callable[[int], re.Match | None]:
        name, pattern = _RANGES[type_]
        closes = type_.endswith("End")

        def match_range(pos: int) -> re.Match | None:
            if closes and (not self.ranges or self.ranges[-1] != name or not self.tokens):
                return None
            match = pattern.match(self.text, pos)
            if match:
                if closes:
                    self.ranges.pop()
                else:
                    self.ranges.append(name)
            return match

        return match_range

    def pattern(self, type_: str) -> Callable[[int], re.Match | None]:
        compiled = _PATTERNS[type_]
        return lambda pos: compiled.match(self.text, pos)

    def rules(self) -> tuple[list, list]:
        default = [
            (COMMENT, self.comment),
            (FRONT_MATTER, self.pattern(FRONT_MATTER)),
            (DATA, self.pattern(DATA)),
            (ESCAPED_CHAR, self.pattern(ESCAPED_CHAR)),
            (SPECIAL_CHAR, self.pattern(SPECIAL_CHAR)),
            (EMPTYLINE, self.emptyline),
            (NEWLINE, self.pattern(NEWLINE)),
            (INFERENCE_START, self.inference_start),
            *[(type_, self.relation(type_)) for type_ in RELATION_ORDER],
            (HEADING_START, self.heading),
            (STATEMENT_NUMBER, self.statement_number),
            (ORDERED_LIST_ITEM, self.list_item(_ORDERED_ITEM_RE)),
            (UNORDERED_LIST_ITEM, self.list_item(_UNORDERED_ITEM_RE)),
            *[(type_, self.text_range(type_)) for type_ in _RANGES],
            *[
                (type_, self.pattern(type_))
                for type_ in (
                    LINK,
                    TAG,
                    STATEMENT_DEFINITION,
                    STATEMENT_REFERENCE,
                    STATEMENT_MENTION,
                    ARGUMENT_DEFINITION,
                    ARGUMENT_REFERENCE,
                    ARGUMENT_MENTION,
                    SPACES,
                    FREESTYLE,
                    UNUSED_CONTROL_CHAR,
                )
            ],
        ]
        inference = [
            (COMMENT, self.comment),
            (NEWLINE, self.pattern(NEWLINE)),
            (ESCAPED_CHAR, self.pattern(ESCAPED_CHAR)),
            (SPECIAL_CHAR, self.pattern(SPECIAL_CHAR)),
            (INFERENCE_END, self.pattern(INFERENCE_END)),
            (DATA, self.pattern(DATA)),
            (LIST_DELIMITER, self.pattern(LIST_DELIMITER)),
            (SPACES, self.pattern(SPACES)),
            (FREESTYLE, self.pattern(FREESTYLE)),
            (UNUSED_CONTROL_CHAR, self.pattern(UNUSED_CONTROL_CHAR)),
        ]
        return default, inference

    def run(self) -> list[Token]:
        default, inference = self.rules()
        pos = 0
        while pos < len(self.text):
            found = _first_match(inference if self.inference_mode else default, pos)
            if found is None:
                line, column = self.position(pos)
                char = self.text[pos]
                raise ArgdownSyntaxError.at(
                    f"unexpected character {char!r}",
                    "unexpected-character",
                    self.filename,
                    self.text,
                    line,
                    column,
                    hint="a backslash escapes the next character on the same line; write '\\\\' for a backslash"
                    if char == "\\"
                    else None,
                )
            type_, match = found
            if match.end() == pos:  # a rule that matches nothing would loop forever
                raise ArgdownSyntaxError.at(
                    "the Argdown lexer is stuck", "lexer-stuck", self.filename, self.text, *self.position(pos)
                )
            if type_ == INFERENCE_END:
                self.inference_mode = False
            if type_ not in SKIPPED:
                self.tokens.append(self.make(type_, match.group(0), pos))
            pos = match.end()
        if self.tokens and self.tokens[-1].type == EMPTYLINE:
            self.tokens.pop()
        self.close_blocks(len(self.text))
        return self.tokens


@attrs.frozen
class Lexed:
    """The tokens of a text and how many comments it had (comments are skipped)."""

    tokens: list[Token]
    comments: int


def tokenize(text: str, filename: str | None = None) -> Lexed:
    """The tokens of Argdown *text* (line breaks already normalised to ``\\n``)."""
    lexer = _Lexer(text, filename)
    tokens = lexer.run()
    return Lexed(tokens, lexer.comments)


def _first_match(rules: list[tuple[str, Callable[[int], re.Match | None]]], pos: int) -> tuple[str, re.Match] | None:
    """The type and match of the first of *rules* that matches at *pos*, or None."""
    for type_, rule in rules:
        match = rule(pos)
        if match is not None:
            return type_, match
    return None
