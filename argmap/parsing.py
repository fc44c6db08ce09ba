"""Text → outline: the Lark parser, the indenter, and the reading of each line.

The grammar (``grammars/argmap.lark``) decides which lines stand where; this module
reads the words inside each line and turns every parser complaint into an
:class:`~argmap.errors.ArgmapSyntaxError` that speaks the language of maps.

A well-formed file is read without Lark (:func:`_read_directly`, with the grammar's
terminals kept in argmap's cache directory), so Lark is imported only for a file
with a mistake in it, or to compile the grammar the first time.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from .cache import cache_dir, is_trusted
from .errors import ArgmapError, ArgmapInputError, ArgmapSemanticError, ArgmapSyntaxError, Location
from .files import write_atomically
from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_NODES
from .model import ID_PATTERN, NODE_KINDS
from .syntax import Entry, HeaderLine, Outline

if TYPE_CHECKING:  # Lark is imported where it is used: a well-formed file is read without it
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

KEYWORDS = (*NODE_KINDS, "reason")
KNOWN_HEADER_KEYS = ("title", "author", "date", "source", "description", "language")

_ID_RE = re.compile(ID_PATTERN)
_DEFINITION_RE = re.compile(rf"[ \t]+(?P<id>{ID_PATTERN})[ \t]*:|[ \t]*:")
_REFERENCE_RE = re.compile(rf"@(?P<id>{ID_PATTERN})[ \t]*\Z")
_TAG_WORD_RE = re.compile(r"[^\W\d_][\w\-/.]*")
_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ATTR_KEY_RE = re.compile(r"[^\W\d][\w-]*")


# --- building the parser -----------------------------------------------------


class OutlineIndenter:
    """Lark's postlexer that turns indentation into _INDENT and _DEDENT tokens, as
    Lark's ``Indenter`` does, with errors that say which column was expected, a
    refusal of tabs, and a bound on the nesting depth. (Lark takes any object with
    ``process`` and ``always_accept`` as a postlexer.)"""

    always_accept = ("_NL",)
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"

    def __init__(self) -> None:
        self.indent_level = [0]

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        """The tokens of one parse (the levels start again at the left margin)."""
        self.indent_level = [0]
        return self._process(stream)

    def _process(self, stream: Iterator[Token]) -> Iterator[Token]:
        """Lark's loop over the tokens, with the handling of line breaks written in.

        Every line token starts with the line break before it (and the blank and
        comment lines in between: see grammars/argmap.lark), so the lexer makes one
        token per line. Here each line token is moved to its line: the indentation
        it starts with becomes _INDENT and _DEDENT tokens in front of it, and its
        value, line and column become those of the words on the line. The _NL token
        left at the end of the text closes the open blocks."""
        from lark import Token

        nodes = 0
        for token in stream:
            kind = token.type
            if kind == "HEADER_VALUE":
                yield token
                continue
            if kind == "_NL":
                assert token.end_line is not None  # Lark's lexer places every token
                indent_str, line = token[token.rfind("\n") + 1 :], token.end_line
            else:
                indent_str, line = _move_to_its_words(token)
            yield from self._indentation(indent_str, line, token.start_pos)
            if kind == "KEYWORD_LINE" and _defines_node(token.value):
                nodes += 1
                if nodes > MAX_NODES:
                    raise _too_many_nodes(token)
            if kind != "_NL":
                yield token
        while len(self.indent_level) > 1:
            self.indent_level.pop()
            yield Token(self.DEDENT_type, "")

    def _indentation(self, indent_str: str, line: int, start_pos: int | None) -> Iterator[Token]:
        """The _INDENT or _DEDENT tokens in front of a line indented by *indent_str*.

        A dedent to a column no open block has is refused after the blocks above
        it are closed: closing them reads their lines, whose mistakes come first."""
        from lark import Token

        if "\t" in indent_str:
            raise _tab_error(indent_str, line)
        levels = self.indent_level
        indent = len(indent_str)
        top = levels[-1]
        if indent > top:
            if len(levels) > MAX_DEPTH:
                raise _too_deep(indent, line)
            levels.append(indent)
            yield Token(self.INDENT_type, indent_str, start_pos, line, 1, line, indent + 1)
        elif indent < top:
            closed = []
            dedent = Token(self.DEDENT_type, indent_str, start_pos, line, 1, line, indent + 1)
            while indent < levels[-1]:
                closed.append(levels.pop())
                yield dedent
            if indent != levels[-1]:
                raise _bad_dedent(indent, [*levels, *closed], line)


def _move_to_its_words(token: Token) -> tuple[str, int]:
    """Move a line token, which starts with the line break before it, to the words
    of its line (value, line, column, start); the line's indentation and number."""
    start = _LINE_START_RE.match(token)
    # Lark's lexer places every token, and a line token starts with a line break (the grammar)
    assert start is not None and token.line is not None and token.start_pos is not None
    indent_str = start.group(1)
    line = token.line + token.count("\n", 0, start.end())
    token.value = token[start.end() :]
    token.line, token.column, token.start_pos = line, len(indent_str) + 1, token.start_pos + start.end()
    return indent_str, line


_LINE_START_RE = re.compile(r"(?:\n[ \t]*+(?://[^\n]*+)?)*\n([ \t]*+)")
"""The line break a line token starts with, and the line's indentation (group 1)."""


def _defines_node(line: str) -> bool:
    """Whether a keyword line defines a node (not 'reason:', not 'premise @id')."""
    if line[:6].lower() == "reason":  # the keyword is a whole word: "reasons" is not one
        return False
    if "@" in line:
        keyword = leading_keyword(line)
        if line[len(keyword) :].lstrip().startswith("@"):
            return False
    return True


def _too_many_nodes(token: Token) -> ArgmapSemanticError:
    """Node definitions are counted as they are read, so that a file of more than
    :data:`~argmap.limits.MAX_NODES` stops at the first node past the limit, rather
    than after an outline of all of them has been built."""
    assert token.line is not None and token.column is not None  # Lark's lexer places every token
    line = token.line - 1  # the parser reads the text after a newline of its own
    width = len(leading_keyword(token.value))
    return ArgmapSemanticError(
        f"the map has more than {MAX_NODES:,} nodes",
        label="too-many-nodes",
        hint="split it into several maps",
        location=Location(None, line, token.column, line, token.column + width),
    )


def _too_deep(indent: int, line: int) -> ArgmapSyntaxError:
    return ArgmapSyntaxError(
        f"the map nests deeper than {MAX_DEPTH} levels",
        label="too-deep",
        hint="split the map into sections with elaborations (@id at the left margin)",
        location=Location(None, line, indent + 1, line, indent + 2),
    )


def _bad_dedent(indent: int, open_levels: list[int], line: int) -> ArgmapSyntaxError:
    columns = sorted({level + 1 for level in open_levels})
    choices = ", ".join(str(c) for c in columns[:-1]) + (" or " if len(columns) > 1 else "") + str(columns[-1])
    return ArgmapSyntaxError(
        f"this line is indented to column {indent + 1}, which matches no line above",
        label="bad-indentation",
        hint=f"indent it to column {choices}, like the lines it belongs with",
        location=Location(None, line, indent + 1, line, indent + 2),
    )


def _tab_error(indent_str: str, line: int) -> ArgmapSyntaxError:
    column = indent_str.index("\t") + 1
    if " " in indent_str:
        message, label = "the indentation mixes tabs and spaces", "tab-space-mix"
    else:
        message, label = "the indentation uses a tab", "tab-indentation"
    return ArgmapSyntaxError(
        message,
        label=label,
        hint="indent with spaces only (two per level is usual); a tab's width is never clear",
        location=Location(None, line, column, line, column + 1),
    )


def _grammar_path() -> Path:
    """The grammar inside the installed package, or in the source tree (editable)."""
    packaged = Path(__file__).parent / "grammars" / "argmap.lark"
    return packaged if packaged.exists() else Path(__file__).parent.parent / "grammars" / "argmap.lark"


def _grammar_text() -> str:
    return _grammar_path().read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def parser() -> Lark:
    """The Lark parser, built once per process (and cached on disk when possible)."""
    return _build_parser(_LineReader())


def _build_parser(reader: _LineReader) -> Lark:
    """A Lark parser whose lines are read by *reader* (see :mod:`argmap.recovery`
    for the reader that keeps going after a mistake)."""
    import lark
    from lark import Lark

    grammar = _grammar_text()
    options = dict(
        parser="lalr",
        lexer="contextual",
        # Positions come from the tokens themselves (line, column, end on every
        # token); the reader builds no tree whose nodes would need them propagated,
        # and propagating costs a tenth of the parse.
        propagate_positions=False,
        postlex=OutlineIndenter(),
        maybe_placeholders=False,
        transformer=reader,
    )
    digest = hashlib.sha256((grammar + lark.__version__).encode()).hexdigest()[:16]
    cache_file = cache_dir() / f"grammar-{digest}.lark-cache"
    try:
        cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if cache_file.exists() and not is_trusted(cache_file):
            return Lark(grammar, **options)
        built = Lark(grammar, cache=str(cache_file), **options)
        if is_trusted(cache_file) and cache_file.stat().st_mode & 0o077:
            os.chmod(cache_file, 0o600)  # Lark writes it as the umask says
        return built
    except OSError:
        return Lark(grammar, **options)


# --- reading text ------------------------------------------------------------


def decode(data: bytes, filename: str | None = None) -> str:
    """Bytes → text: UTF-8 (a byte-order mark is dropped), or an error giving the
    byte offset of the first invalid byte."""
    if len(data) > MAX_FILE_BYTES:
        raise ArgmapInputError(
            f"the file is {len(data):,} bytes; argmap reads files up to {MAX_FILE_BYTES:,} bytes",
            label="too-large",
            hint="split the map into several files",
            location=Location(filename, 1, 1, 1, 2),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # The codec counts from after a byte-order mark; lines end as the parser
        # counts them (LF, CRLF or a lone CR), and the column counts characters (the
        # bytes before the bad one are valid UTF-8).
        start = error.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        before = normalise_newlines(data[:start].decode("utf-8-sig"))
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise ArgmapInputError(
            f"the file is not valid UTF-8: byte {start} (0x{data[start]:02x}) cannot be decoded",
            label="invalid-utf8",
            hint="save the file as UTF-8",
            location=Location(filename, line, column, line, column + 1),
        ) from None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading byte-order mark is dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_outline(text: str, filename: str | None = None, *, using: Lark | None = None) -> Outline:
    """Parse ``.arg`` text into its :class:`~argmap.syntax.Outline` (with the
    parser *using*, by default :func:`parser`)."""
    text = normalise_newlines(text)
    lines = text.split("\n")
    _check_input(text, lines, filename)
    if using is None:
        read = _read_directly(text)
        if read is not None:
            return Outline(header=read[0], entries=read[1], source_lines=lines, filename=filename)
    header, entries = _parse_with_lark(text, lines, filename, using or parser())
    return Outline(header=header, entries=entries, source_lines=lines, filename=filename)


def _parse_with_lark(
    text: str, lines: list[str], filename: str | None, lark_parser: Lark
) -> tuple[list[HeaderLine], list[Entry]]:
    """The header and entries of *text* as Lark's parser reads them, or the first
    mistake, located in the file."""
    from lark.exceptions import UnexpectedInput, VisitError

    try:
        # A leading newline gives the first line an indentation token like the rest;
        # every line number below is shifted back by one. The line reader, applied as
        # Lark parses, makes the header and entries, not a tree.
        return cast(tuple[list[HeaderLine], list[Entry]], lark_parser.parse("\n" + text + "\n"))
    except (ArgmapSyntaxError, ArgmapSemanticError) as error:
        raise _located(error, lines, filename, shift=error.label in _INDENTER_LABELS) from None
    except VisitError as error:  # pragma: no cover - the reader raises directly
        if isinstance(error.orig_exc, ArgmapSyntaxError):
            raise _located(error.orig_exc, lines, filename, shift=False) from None
        raise
    except UnexpectedInput as error:
        raise _located(_explain(error, lines), lines, filename, shift=True) from None


_Error = TypeVar("_Error", bound=ArgmapError)

_INDENTER_LABELS = {"bad-indentation", "tab-space-mix", "tab-indentation", "too-deep"}


def _check_input(text: str, lines: list[str], filename: str | None) -> None:
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("//") for line in lines):
        raise ArgmapSyntaxError(
            "the file has no map in it",
            label="empty-file",
            hint="start with the main contention, e.g. 'conclusion: We should ...'",
            location=Location(filename, 1, 1, 1, 1),
        )
    too_long = max(map(len, lines)) > MAX_LINE_CHARS  # at C speed; the loop below only finds which
    for number, line in enumerate(lines if too_long else (), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise ArgmapInputError(
                f"line {number} has {len(line):,} characters; argmap reads lines up to {MAX_LINE_CHARS:,}",
                label="line-too-long",
                hint="break the text over several lines in triple quotes",
                location=Location(filename, number, 1, number, 2),
            )
    nul = text.find("\0")
    if nul >= 0:
        nul_line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise ArgmapInputError(
            "the file contains a NUL character",
            label="nul-byte",
            hint="this looks like a binary file, not a map",
            location=Location(filename, nul_line, column, nul_line, column + 1),
        )


def end_on_its_line(lines: Sequence[str], line: int, column: int, end_line: int, end_column: int) -> int:
    """The end column (exclusive) of a mark from *line*:*column* to *end_line*:*end_column*,
    kept on its line: at most just after its last character, as the start may be (a mark
    one character wide there, or one that ran on across the lines of a text in triple
    quotes, fell past it)."""
    end_column = min(end_column, len(lines[end_line - 1]) + 1)
    if end_line == line:
        end_column = max(end_column, min(column + 1, len(lines[line - 1]) + 1))
    return end_column


def _located(error: _Error, lines: list[str], filename: str | None, shift: bool) -> _Error:
    loc = error.location
    if loc is None:
        return error
    delta = 1 if shift else 0
    line = min(max(loc.line - delta, 1), len(lines))
    end_line = min(max(loc.end_line - delta, line), len(lines))
    end_column = end_on_its_line(lines, line, loc.column, end_line, loc.end_column)
    error.location = Location(filename, line, loc.column, end_line, end_column)
    error.excerpt = lines[line - 1]
    return error


# --- reading a well-formed file without the LALR parser ----------------------


@lru_cache(maxsize=1)
def _line_tokens() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The grammar's own terminals, compiled for :func:`_read_directly`: the line
    tokens that may start a line before the first node (a header key among them)
    and after it, in the order of Lark's lexer (priority first), the header's value,
    and the line break that ends the text."""
    terminals = _terminal_patterns()
    line_kinds = ("KEYWORD_LINE", "REFERENCE", "ANNOTATION")

    def union(names: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?P<{name}>{terminals[name]})" for name in names))

    return (
        union((*line_kinds, "HEADER_KEY")),
        union(line_kinds),
        re.compile(terminals["HEADER_VALUE"]),
        re.compile(terminals["_NL"]),
    )


_TERMINALS = ("KEYWORD_LINE", "REFERENCE", "ANNOTATION", "HEADER_KEY", "HEADER_VALUE", "_NL")


def _terminal_patterns() -> dict[str, str]:
    """The grammar's terminals as regular expressions, as Lark compiles them. They
    are kept in argmap's cache directory, beside Lark's tables and named after the
    grammar, so that a well-formed file is read without importing Lark."""
    grammar = _grammar_text()
    cache_file = cache_dir() / f"terminals-{hashlib.sha256(grammar.encode()).hexdigest()[:16]}.json"
    cached = _cached_terminals(cache_file)
    if cached is not None:
        return cached
    terminals = {terminal.name: terminal.pattern.to_regexp() for terminal in parser().terminals}
    try:
        cache_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomically(cache_file, json.dumps({name: terminals[name] for name in _TERMINALS}))
        os.chmod(cache_file, 0o600)
    except OSError:
        pass  # a cache that cannot be written is only slower
    return terminals


def _cached_terminals(cache_file: Path) -> dict[str, str] | None:
    """The terminals kept in *cache_file*, if it is this user's alone and holds
    every one of them as text."""
    try:
        if not is_trusted(cache_file):
            return None
        terminals = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(terminals, dict) or not all(isinstance(terminals.get(name), str) for name in _TERMINALS):
        return None
    return terminals


class _DirectReading:
    """The state of :func:`_read_directly`: the open blocks, innermost last."""

    __slots__ = ("blocks", "levels")

    def __init__(self, top: list[Entry]) -> None:
        self.levels = [0]  # the indentation of each open block
        self.blocks = [top]  # the entries of each open block

    def place(self, indent: int) -> list[Entry] | None:
        """The block a line indented by *indent* goes into (opening one under the
        line above, or closing blocks), or None where the grammar or the limits
        would refuse the line."""
        levels = self.levels
        if indent > levels[-1]:
            siblings = self.blocks[-1]
            if not siblings or len(levels) > MAX_DEPTH:
                return None  # nothing to indent under, or too deep
            levels.append(indent)
            self.blocks.append(siblings[-1].children)
        elif indent < levels[-1]:
            while indent < levels[-1]:
                levels.pop()
                self.blocks.pop()
            if indent != levels[-1]:
                return None  # a dedent to a column no open block has
        return self.blocks[-1]


def _read_directly(text: str) -> tuple[list[HeaderLine], list[Entry]] | None:
    """The header and entries of *text*, read without Lark's LALR parser, or None
    for any file that is not plainly well formed.

    The grammar's shape is simple (header lines, then lines indented under lines),
    and Lark's parser, fed one token per line and per change of indentation, took
    most of the time of reading. This reader matches the grammar's own terminals
    (:func:`_line_tokens`) line after line, keeps the open blocks on a stack, and
    reads each line with :class:`_LineReader`, as Lark's parser would; at the
    first thing the grammar, the indenter or the line reader would refuse, it
    gives up, and :func:`parse_outline` reads the file with Lark, which reports
    the mistake. ``tests/test_parse.py`` holds that both read every file alike."""
    before_nodes, after_nodes, header_value, line_break = _line_tokens()
    source = "\n" + text + "\n"  # as parse_outline gives it to Lark
    header, position, newlines = _read_header(source, before_nodes, header_value)
    top: list[Entry] = []
    reading = _DirectReading(top)
    block, level, nodes = top, 0, 0
    match_line, match_start, read_line = after_nodes.match, _LINE_START_RE.match, _READER.read_line
    try:
        while token := match_line(source, position):
            start = match_start(source, position)
            kind = token.lastgroup
            assert start is not None and kind is not None  # the token starts with a line break
            indent, words_at = start.group(1), start.end()
            line = newlines + start.group().count("\n")  # the file's line (the first "\n" was added)
            position = token.end()
            newlines = line + source.count("\n", words_at, position)
            if "\t" in indent:
                return None
            if len(indent) != level:
                if (found := reading.place(len(indent))) is None:
                    return None
                block, level = found, len(indent)
            entry = read_line(kind, source[words_at:position], line, level + 1)
            block.append(entry)
            if entry.form == "node":
                nodes += 1
                if nodes > MAX_NODES:
                    return None
    except ArgmapError:
        return None
    end = line_break.match(source, position)
    return (header, top) if end is not None and end.end() == len(source) else None


def _read_header(
    source: str, tokens: re.Pattern[str], header_value: re.Pattern[str]
) -> tuple[list[HeaderLine], int, int]:
    """The header lines at the start of *source*, where the lines after them start,
    and how many line breaks come before that."""
    header: list[HeaderLine] = []
    position = newlines = 0
    while (token := tokens.match(source, position)) and token.lastgroup == "HEADER_KEY":
        start = _LINE_START_RE.match(source, position)
        value = header_value.match(source, token.end())
        # the token starts with a line break; HEADER_VALUE matches what follows a key
        assert start is not None and value is not None
        if start.group(1):
            break  # an indented header line: Lark refuses it
        newlines += start.group().count("\n")
        header.append(
            HeaderLine(token.group()[start.end() - position :], value.group().lstrip(" \t")[1:].strip(), newlines, 1)
        )
        position = value.end()
    return header, position, newlines


# --- explaining parser errors ------------------------------------------------


def _keyword_list() -> str:
    return ", ".join(KEYWORDS)


def _near_keyword(word: str) -> str | None:
    matches = difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=0.7)
    return matches[0] if matches else None


def _explain(error: UnexpectedInput, lines: list[str]) -> ArgmapSyntaxError:
    """Turn Lark's complaint into a labelled mistake (line numbers still shifted)."""
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    line = error.line
    column = error.column
    source = lines[line - 2] if 2 <= line <= len(lines) + 1 else ""
    if isinstance(error, UnexpectedCharacters):
        if source[column - 1 : column + 2] == '"""':
            return _error(
                "the text in triple quotes is never closed",
                "unterminated-text",
                'end the text with """ (three double quotes)',
                line,
                column,
                3,
            )
        # A line token starts with the line break before it: a line no terminal can
        # start here (where the grammar expects another) is met after a bare _NL.
        return _line_out_of_place(source, line, column)
    if isinstance(error, UnexpectedToken):
        token = error.token
        if token.type == "_INDENT":
            # the indenter places an indentation token on the line it indents
            return _error(
                "this line is indented, but the line above cannot have lines under it",
                "unexpected-indent",
                "header lines and the first node start at column 1",
                token.line,
                len(token) + 1,
                1,
            )
        return _line_out_of_place(source, line, column)
    if isinstance(error, UnexpectedEOF):  # pragma: no cover - the indenter closes blocks
        return _error("the file ends too early", "unexpected-end", None, line, column, 1)
    return _error(  # pragma: no cover - a safety net for shapes not foreseen
        "this line cannot stand here",
        "syntax",
        f"a line starts with a keyword: {_keyword_list()}",
        line,
        column,
        1,
    )


def _line_out_of_place(source: str, line: int, column: int) -> ArgmapSyntaxError:
    """A line the grammar does not expect here: a ``word:`` line (a header, or a
    misspelled keyword), else a line with no keyword at all."""
    word = re.match(r"[^\W\d][\w-]*(?=[ \t]*:)", source[column - 1 :])
    return _misplaced_word(word.group(0), line, column) if word else _unknown_line(source, line, column)


def _misplaced_word(word: str, line: int, column: int) -> ArgmapSyntaxError:
    near = _near_keyword(word)
    if near and word.lower() != near:
        return _error(
            f"unknown keyword '{word}'", "misspelled-keyword", f"did you mean '{near}'?", line, column, len(word)
        )
    if word.lower() in KNOWN_HEADER_KEYS:
        return _error(
            f"the header line '{word}:' comes after the first node",
            "header-after-node",
            "move header lines (title, author, ...) to the top of the file",
            line,
            column,
            len(word),
        )
    return _error(
        f"'{word}' is not a keyword",
        "unknown-keyword",
        f"a line starts with a keyword ({_keyword_list()}); header lines like '{word}:' go before the first node",
        line,
        column,
        len(word),
    )


_LIST_MARKER_RE = re.compile(r"(?P<marker>[-*+•]|\d+[.)])[ \t]+(?P<keyword>[A-Za-z]+)")


def _unknown_line(source: str, line: int, column: int) -> ArgmapSyntaxError:
    marker = _LIST_MARKER_RE.match(source, column - 1)
    if marker and marker.group("keyword").lower() in KEYWORDS:
        written = source[marker.start("keyword") :].strip()
        return _error(
            f"a line starts with its keyword, not with '{marker.group('marker')}'",
            "list-marker",
            f"remove the '{marker.group('marker')}': write '{written[:40]}'" + ("..." if len(written) > 40 else ""),
            line,
            column,
            len(marker.group("marker")),
        )
    words = source[column - 1 :].split()
    word = re.match(r"[\w-]+", words[0]) if words else None
    first = word.group(0) if word else ""
    near = _near_keyword(first) if first else None
    if near and first.lower() != near:
        return _error(
            f"unknown keyword '{first}'", "misspelled-keyword", f"did you mean '{near}'?", line, column, len(first)
        )
    return _error(
        "this line does not start with a keyword",
        "missing-keyword",
        f"start the line with one of: {_keyword_list()} (e.g. 'premise: {source.strip()[:30]}')",
        line,
        column,
        max(len(first), 1),
    )


def _error(message: str, label: str, hint: str | None, line: int, column: int, width: int) -> ArgmapSyntaxError:
    return ArgmapSyntaxError(
        message, label=label, hint=hint, location=Location(None, line, column, line, column + max(width, 1))
    )


# --- reading the lines -------------------------------------------------------


_KEYWORD_RE = re.compile(r"[A-Za-z]+")


def leading_keyword(line: str) -> str:
    """The keyword a keyword line starts with, as written."""
    match = _KEYWORD_RE.match(line)
    assert match is not None  # the grammar's KEYWORD_LINE starts with a keyword
    return match.group(0)


_HEAD_RE = re.compile(rf"(?P<keyword>[A-Za-z]+)(?:[ \t]+(?P<id>{ID_PATTERN})[ \t]*:|[ \t]*:)")
"""A keyword line up to the colon: the keyword, then what :data:`_DEFINITION_RE` reads."""


class _LineReader:
    """Reads the words inside each line while Lark parses (no tree is built): Lark
    calls the method named after each rule of the grammar as it reduces the rule.

    Token lines are one more than the file's, because of the leading newline that
    :func:`parse_outline` adds; every position made here is shifted back.
    """

    filename = None

    def start(self, children):
        header = [child for child in children if isinstance(child, HeaderLine)]
        entries = [child for child in children if isinstance(child, Entry)]
        return header, entries

    def header_line(self, children):
        key, value = children
        text = str(value).lstrip(" \t")[1:].strip()
        return HeaderLine(key=key.value, value=text, line=key.line - 1, column=key.column)

    def block(self, children):
        return children

    def entry(self, children):
        first = children[0]
        entry = self.read_line(first.type, first.value, first.line - 1, first.column)
        if len(children) > 1:
            entry.children = children[-1]
        return entry

    def read_line(self, kind: str, text: str, line: int, column: int) -> Entry:
        """The entry of one line: *text* is its words (from its first one, after the
        indentation), *kind* the grammar's terminal that matched it, *line* and
        *column* where the words start in the file."""
        if kind == "REFERENCE":
            return self._reference(None, text, line, column)
        if kind == "ANNOTATION":
            stripped = text.rstrip()
            tags, attributes, _ = self._annotations(stripped, line, column, standalone=True)
            return Entry(
                "annotation", None, line, column, line, column + len(stripped), tags=tags, attributes=attributes
            )
        head = _HEAD_RE.match(text)
        if head is not None and head.group("keyword").lower() != "reason":
            # the usual line, "keyword [id]: text", read with one match
            body_start = head.end()
            return self._text_entry(
                head.group("keyword").lower(), head.group("id"), text[body_start:], line, column, column + body_start
            )
        keyword_text = leading_keyword(text)
        keyword = keyword_text.lower()
        rest = text[len(keyword_text) :]
        rest_column = column + len(keyword_text)
        if rest.strip().startswith("@"):
            reference = self._reference(keyword, rest.strip(), line, rest_column + len(rest) - len(rest.lstrip()))
            reference.column = column
            return reference
        return self._definition(keyword, keyword_text, rest, line, column, rest_column)

    def _reference(self, keyword: str | None, text: str, line: int, column: int) -> Entry:
        match = _REFERENCE_RE.match(text.rstrip())
        if not match:
            raise self._syntax(
                "a reference is '@' followed by an id, and nothing else on the line",
                "bad-reference",
                "write '@some-id'; to give the node text, write it where the node is defined",
                line,
                column,
                len(text.rstrip()),
            )
        return Entry("reference", keyword, line, column, line, column + len(text.rstrip()), id=match.group("id"))

    def _definition(
        self, keyword: str, keyword_text: str, rest: str, line: int, column: int, rest_column: int
    ) -> Entry:
        head = _DEFINITION_RE.match(rest)
        if head is None:
            raise self._missing_colon(keyword, keyword_text, rest, line, column, rest_column)
        node_id = head.group("id")
        body = rest[head.end() :]
        body_column = rest_column + head.end()
        if keyword == "reason":
            attributes = self._reason_attributes(body, line, body_column)
            return Entry(
                "group",
                keyword,
                line,
                column,
                line,
                rest_column + len(rest.rstrip()),
                id=node_id,
                attributes=attributes,
            )
        return self._text_entry(keyword, node_id, body, line, column, body_column)

    def _reason_attributes(self, body: str, line: int, body_column: int) -> tuple[tuple[str, str], ...]:
        """The attribute block a ``reason:`` line may carry (``{scheme: analogy}``);
        any other text after its colon is a mistake."""
        stripped = body.strip()
        start = body_column + len(body) - len(body.lstrip())
        if not stripped:
            return ()
        if stripped.startswith("{") and stripped.endswith("}"):
            tags, attributes, _ = self._annotations(stripped, line, start, standalone=True)
            if not tags:
                return attributes
        raise self._syntax(
            "a reason has no text of its own",
            "reason-with-text",
            "indent its co-premises under it: 'reason:' then '  premise: ...' lines; "
            "after the colon a reason may carry only attributes, e.g. {scheme: analogy}",
            line,
            start,
            len(stripped),
        )

    def _missing_colon(self, keyword, keyword_text, rest, line, column, rest_column) -> ArgmapSyntaxError:
        if not rest.strip():
            what = "a reason" if keyword == "reason" else f"a{'n' if keyword[0] in 'aeiou' else ''} {keyword}"
            return self._syntax(
                f"{what} needs a colon after its keyword",
                "missing-colon",
                f"write '{keyword_text}:'" + ("" if keyword == "reason" else " followed by its text"),
                line,
                column + len(keyword_text),
                1,
            )
        stripped = rest.lstrip()
        start = rest_column + len(rest) - len(stripped)
        before_colon = stripped.split(":", 1)[0].strip() if ":" in stripped else ""
        if 1 < len(before_colon.split()) <= 3 and all(_ID_RE.fullmatch(word) for word in before_colon.split()):
            return self._syntax(
                f"'{before_colon}' is not an id: an id is one word",
                "bad-id",
                "join the words with '-' (e.g. '"
                + "-".join(before_colon.split())
                + "'), or put a colon after the keyword",
                line,
                start,
                len(before_colon),
            )
        return self._syntax(
            f"a colon is missing after '{keyword_text}'",
            "missing-colon",
            f"write '{keyword_text}: {stripped[:30].rstrip()}' (or '{keyword_text} some-id: ...' to give it an id)",
            line,
            column + len(keyword_text),
            1,
        )

    def _text_entry(
        self, keyword: str, node_id: str | None, body: str, line: int, column: int, body_column: int
    ) -> Entry:
        stripped = body.lstrip(" \t")
        text_column = body_column + len(body) - len(stripped)
        if stripped.startswith('"""'):
            return self._block_entry(keyword, node_id, stripped, line, column, text_column)
        if "\n" in stripped:
            # The lexer let triple quotes in the middle of the text run on to a later
            # line; only a text that starts with them may do that.
            first_line = stripped.split("\n", 1)[0]
            quotes = first_line.find('"""')
            raise self._syntax(
                "triple quotes in the middle of a text cannot run over several lines",
                "quotes-in-text",
                'start the text with """ to write it over several lines, or write \\""" for three quote marks',
                line,
                text_column + max(quotes, 0),
                3,
            )
        stripped = stripped.rstrip()
        tags, attributes, text_part = self._annotations(stripped, line, text_column, standalone=False)
        text = " ".join((_unescape(text_part) if "\\" in text_part else text_part).split())
        if not text:
            raise self._missing_text(keyword, line, body_column)
        if text[0] == "@" and text_part[0] == "@" and _REFERENCE_RE.match(text):
            raise self._colon_before_reference(keyword, text, line, body_column)
        end_column = text_column + len(stripped)
        return Entry(
            "node",
            keyword,
            line,
            column,
            line,
            end_column,
            id=node_id,
            text=text,
            raw_text=text_part.strip(),
            tags=tags,
            attributes=attributes,
        )

    def _block_entry(self, keyword, node_id, stripped: str, line: int, column: int, text_column: int) -> Entry:
        closing = _find_closing_quotes(stripped, 3)
        raw = stripped[3:closing]
        after = stripped[closing + 3 :]
        end_line = line + raw.count("\n")
        last_line_start = stripped.rfind("\n", 0, closing + 3) + 1
        after_column = (text_column if end_line == line else 1) + (closing + 3 - last_line_start)
        tags, attributes, leftover = self._annotations(after.rstrip(), end_line, after_column, standalone=False)
        if leftover.strip():
            raise self._syntax(
                "only tags and attributes may follow the closing quotes",
                "text-after-quotes",
                "move the text inside the quotes",
                end_line,
                after_column + len(leftover) - len(leftover.lstrip()),
                len(leftover.strip()),
            )
        text = _unescape(_join_block(raw))
        if not text:
            raise self._missing_text(keyword, line, text_column)
        end_column = after_column + len(after.rstrip())
        return Entry(
            "node",
            keyword,
            line,
            column,
            end_line,
            end_column,
            id=node_id,
            text=text,
            raw_text=raw,
            is_block=True,
            tags=tags,
            attributes=attributes,
        )

    def _colon_before_reference(self, keyword: str, text: str, line: int, body_column: int) -> ArgmapSyntaxError:
        """``rebuttal: @x``: the colon makes a new node whose text is '@x'."""
        colon = body_column - 1
        return self._syntax(
            f"'{keyword}: {text}' writes a new {keyword} whose text is '{text}': a reference has no colon",
            "colon-before-reference",
            f"write '{keyword} {text}' to refer to the node '{text[1:]}' (or '{keyword}: \\{text}' if the text "
            f"really is '{text}')",
            line,
            colon,
            len(text) + 2,
        )

    def _missing_text(self, keyword: str, line: int, column: int) -> ArgmapSyntaxError:
        article = "an" if keyword[0] in "aeiou" else "a"
        return self._syntax(
            f"{article} {keyword} needs text after the colon",
            "missing-text",
            f"write the statement after the colon: '{keyword}: ...'",
            line,
            column,
            1,
        )

    def _annotations(self, text: str, line: int, column: int, standalone: bool):
        """Split trailing tags and an attribute block off *text*.

        Works on an end index into *text* rather than on shrinking copies of it, so
        that a line of many tags costs time linear in its length."""
        first_hash = text.find("#")
        last = _rstripped_end(text, len(text))
        if first_hash < 0 and text[last - 1 : last] != "}" and not standalone:
            return (), (), text  # the usual text: no tag, no attribute block
        tags: list[str] = []
        attributes: tuple[tuple[str, str], ...] = ()
        end = len(text)  # what remains is text[:end]
        while True:
            stripped_end = _rstripped_end(text, end)
            block_start = None if attributes else _attribute_block_before(text, stripped_end)
            if block_start is not None:
                attributes = self._attributes(text[block_start:stripped_end], line, column + block_start)
                end = block_start
                continue
            tag_start = _tag_before(text, stripped_end) if 0 <= first_hash < stripped_end else None
            if tag_start is None:
                break
            tags.append(text[tag_start + 1 : stripped_end])
            end = tag_start
        remaining = text[:end]
        if standalone and remaining.strip():
            offset = len(remaining) - len(remaining.lstrip())
            raise self._syntax(
                "a line of tags and attributes holds nothing else",
                "bad-annotation",
                "write tags as '#word' and attributes as '{key: value}'",
                line,
                column + offset,
                len(remaining.strip()),
            )
        tags.reverse()
        return tuple(tags), attributes, remaining

    def _attributes(self, block: str, line: int, column: int) -> tuple[tuple[str, str], ...]:
        try:
            return parse_attribute_block(block)
        except ValueError as error:
            raise self._syntax(
                f"the attribute block cannot be read: {error}",
                "bad-attributes",
                "write attributes as {key: value, key: value}; a value that contains a comma goes in double "
                'quotes, as in {source: "Smith, 2020"}; write \\{ if the braces belong to the text',
                line,
                column,
                len(block),
            ) from None

    def _syntax(
        self, message: str, label: str, hint: str | None, line: int, column: int, width: int
    ) -> ArgmapSyntaxError:
        return ArgmapSyntaxError(
            message,
            label=label,
            hint=hint,
            location=Location(self.filename, line, column, line, column + max(width, 1)),
        )


def _rstripped_end(text: str, end: int) -> int:
    """The end of ``text[:end].rstrip()``, without copying."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _attribute_block_before(text: str, end: int) -> int | None:
    """Where an attribute block ending just before *end* opens (``{...}`` after a
    space or at the start, its braces not escaped), if one does."""
    if not end or text[end - 1] != "}" or _escaped_at(text, end - 1):
        return None
    return _attribute_block_start(text[:end])


def _tag_before(text: str, end: int) -> int | None:
    """Where a tag (``#word``) ending just before *end* starts, if one does: the
    word before *end* is a tag when it is '#' and a tag word."""
    word_start = end
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    if text[word_start] == "#" and _TAG_WORD_RE.fullmatch(text, word_start + 1, end):
        return word_start
    return None


def _find_closing_quotes(text: str, start: int) -> int:
    index = start
    while True:
        index = text.index('"""', index)
        if not _escaped_at(text, index):
            return index
        index += 1


def _escaped_at(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _attribute_block_start(text: str) -> int | None:
    """Where the trailing ``{...}`` of *text* opens, if it opens after a space (or at
    the start) and is not escaped."""
    depth = 0
    in_quotes = False
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char == '"' and not _escaped_at(text, index):
            in_quotes = not in_quotes
        elif in_quotes:
            continue
        elif char == "}" and not _escaped_at(text, index):
            depth += 1
        elif char == "{" and not _escaped_at(text, index):
            depth -= 1
            if depth == 0:
                if index == 0 or text[index - 1].isspace():
                    return index
                return None
    return None


def parse_attribute_block(block: str) -> tuple[tuple[str, str], ...]:
    """``{key: value, key: "quoted, value", flag}`` → pairs (``flag`` is ``true``).

    >>> parse_attribute_block('{source: para 2, weight: 0.5}')
    (('source', 'para 2'), ('weight', '0.5'))
    >>> parse_attribute_block('{source: "Smith, 2020", assumed}')
    (('source', 'Smith, 2020'), ('assumed', 'true'))
    """
    inner = block[1:-1]
    pairs: list[tuple[str, str]] = []
    position = 0
    while (position := _skip(inner, position, " \t,")) < len(inner):
        key_match = _ATTR_KEY_RE.match(inner, position)
        if not key_match:
            raise ValueError(f"expected a key at '{inner[position : position + 12]}'")
        key = key_match.group(0)
        position = _skip(inner, key_match.end(), " \t")
        if position >= len(inner) or inner[position] == ",":
            pairs.append((key, "true"))
            continue
        if inner[position] != ":":
            raise ValueError(f"expected ':' after the key '{key}'")
        value, position = _attribute_value(inner, _skip(inner, position + 1, " \t"))
        pairs.append((key, value))
    _refuse_repeated_keys(pairs)
    return tuple(pairs)


def _skip(text: str, position: int, characters: str) -> int:
    """The first position from *position* on whose character is not one of *characters*."""
    while position < len(text) and text[position] in characters:
        position += 1
    return position


def _refuse_repeated_keys(pairs: list[tuple[str, str]]) -> None:
    """The first key given twice is a mistake (counted, so that many keys cost
    linear time)."""
    counts: dict[str, int] = {}
    for key, _ in pairs:
        counts[key] = counts.get(key, 0) + 1
    for key, _ in pairs:
        if counts[key] > 1:
            raise ValueError(f"the key '{key}' is given twice")


def _attribute_value(inner: str, position: int) -> tuple[str, int]:
    if position < len(inner) and inner[position] == '"':
        chars: list[str] = []
        position += 1
        while position < len(inner):
            char = inner[position]
            if char == "\\" and position + 1 < len(inner):
                chars.append(inner[position + 1])
                position += 2
                continue
            if char == '"':
                rest = inner[position + 1 :].lstrip(" \t")
                if rest and not rest.startswith(","):
                    raise ValueError("expected ',' after a quoted value")
                return "".join(chars), position + 1
            chars.append(char)
            position += 1
        raise ValueError("a quoted value is never closed")
    end = inner.find(",", position)
    end = len(inner) if end < 0 else end
    value = inner[position:end].strip()
    if "{" in value or "}" in value:
        raise ValueError("put a value with braces in double quotes")
    return value, end


def _unescape(text: str) -> str:
    r"""Backslash before punctuation stands for the punctuation.

    >>> _unescape(r'the \#1 \{x} C:\Users \\')
    'the #1 {x} C:\\Users \\'
    """
    return _ESCAPE_RE.sub(r"\1", text)


def _join_block(raw: str) -> str:
    """Soft line breaks become spaces; a blank line starts a new paragraph."""
    paragraphs: list[list[str]] = [[]]
    for line in raw.split("\n"):
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n".join(" ".join(p) for p in paragraphs if p)


_READER = _LineReader()
"""The line reader of :func:`_read_directly` (it keeps no state between lines)."""
