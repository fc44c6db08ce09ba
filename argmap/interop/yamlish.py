"""The part of YAML that Argdown front matter and data blocks use.

Argdown reads ``=== ... ===`` front matter and ``{...}`` data blocks with a full YAML
parser. argmap does not depend on one: the files in the wild use block mappings and
sequences, flow collections (``[1, 2]``, ``{uses: [1, 2]}``), quoted and plain scalars
(a plain scalar may run over several lines) and ``#`` comments, and that is what this
module reads. Anything else raises :class:`YamlError`, and the importer then keeps the
raw text instead.

>>> load("title: Censorship\\nmodel:\\n    mode: strict\\n")
{'title': 'Censorship', 'model': {'mode': 'strict'}}
>>> load("{uses: [1,2,3], source: \\"C1a\\"}")
{'uses': [1, 2, 3], 'source': 'C1a'}
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..limits import MAX_DEPTH

_INT_RE = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)\Z")
_FLOAT_RE = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")
_KEY_RE = re.compile(
    r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},:][^:#]*?|[^\s#'"\[\]{},]*?)[ \t]*:(?:[ \t]+|\Z)"""
)


class YamlError(ValueError):
    """The text uses YAML that this reader does not know."""


def _nest(depth: int) -> int:
    """The depth of a collection inside one at *depth*. The readers recurse once per
    level, and so do the merging and writing of data, so the levels are bounded."""
    if depth >= MAX_DEPTH:
        raise YamlError(f"the data nests more than {MAX_DEPTH} levels deep")
    return depth + 1


def load(text: str) -> Any:
    """The value the YAML *text* stands for (None when it is empty)."""
    lines = [_strip_comment(line) for line in text.replace("\t", "    ").split("\n")]
    lines = [line.rstrip() for line in lines]
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines):
        return None
    value, end = _block(lines, start, _indent(lines[start]), 0)
    if any(line.strip() for line in lines[end:]):
        raise YamlError(f"unexpected text on line {end + 1}")
    return value


def to_text(value: Any) -> str:
    """A YAML value as one line of text: scalars as they read, collections as JSON.

    >>> to_text(True), to_text([1, 2]), to_text("C1a")
    ('true', '[1, 2]', 'C1a')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# --- block style ----------------------------------------------------------------


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _next_content(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index


def _block(lines: list[str], index: int, indent: int, depth: int) -> tuple[Any, int]:
    """The block node starting at *index* (a content line indented by *indent*),
    inside *depth* collections."""
    stripped = lines[index].strip()
    if stripped == "-" or stripped.startswith("- "):
        return _sequence(lines, index, indent, _nest(depth))
    if stripped[0] not in "[{" and _KEY_RE.match(stripped):
        return _mapping(lines, index, indent, _nest(depth))
    return _inline_value(lines, index, indent - 1, stripped, depth)


def _mapping(lines: list[str], index: int, indent: int, depth: int) -> tuple[dict, int]:
    result: dict[str, Any] = {}
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if _indent(line) < indent:
            break
        if _indent(line) > indent:
            raise YamlError(f"unexpected indentation on line {index + 1}")
        stripped = line.strip()
        match = _KEY_RE.match(stripped)
        if not match:
            raise YamlError(f"expected 'key: value' on line {index + 1}")
        key = _key(match.group(1))
        rest = stripped[match.end() :]
        if rest:
            value, index = _inline_value(lines, index, indent, rest, depth)
        else:
            following = _next_content(lines, index + 1)
            if following < len(lines) and (
                _indent(lines[following]) > indent
                or (_indent(lines[following]) == indent and lines[following].strip().startswith("- "))
            ):
                value, index = _block(lines, following, _indent(lines[following]), depth)
            else:
                value, index = None, index + 1
        result[key] = value
    return result, index


def _sequence(lines: list[str], index: int, indent: int, depth: int) -> tuple[list, int]:
    result: list[Any] = []
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        stripped = line.strip()
        if _indent(line) != indent or not (stripped == "-" or stripped.startswith("- ")):
            if _indent(line) > indent:
                raise YamlError(f"unexpected indentation on line {index + 1}")
            break
        rest = stripped[1:].strip()
        if not rest:
            following = _next_content(lines, index + 1)
            if following < len(lines) and _indent(lines[following]) > indent:
                value, index = _block(lines, following, _indent(lines[following]), depth)
            else:
                value, index = None, index + 1
        else:
            item_indent = indent + (len(stripped) - len(rest))
            # "- key: value" opens a mapping whose keys line up after the dash. The line
            # is read once, so it is rewritten in place (a copy of all the lines for
            # each item made a long sequence cost time with the square of its length).
            lines[index] = " " * item_indent + rest
            value, index = _block(lines, index, item_indent, depth)
        result.append(value)
    return result, index


def _inline_value(lines: list[str], index: int, indent: int, rest: str, depth: int) -> tuple[Any, int]:
    """The value after ``key:`` on the same line, with any continuation lines."""
    if rest[0] in "[{":
        text, index = _gather_flow(lines, index, rest)
        value, end = _flow(text, 0, depth)
        if text[end:].strip():
            raise YamlError(f"unexpected text after a flow collection: {text[end:].strip()!r}")
        return value, index
    if rest[0] in "\"'":
        text, index = _gather_quoted(lines, index, rest)
        value, end = _quoted(text, 0)
        if text[end:].strip():
            raise YamlError(f"unexpected text after a quoted value: {text[end:].strip()!r}")
        return value, index
    if rest in ("|", ">", "|-", ">-"):
        raise YamlError("block scalars are not supported")
    parts = [rest]
    index += 1
    while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) > indent):
        if lines[index].strip():
            parts.append(lines[index].strip())
        index += 1
    return _plain(" ".join(parts)), index


def _gather_flow(lines: list[str], index: int, rest: str) -> tuple[str, int]:
    """The text of a flow collection that opens in *rest* and may run over the lines
    after *index*, joined by spaces; and the index of the line after it."""
    scanner = _FlowScanner()
    scanner.feed(rest)
    return _gather(lines, index, rest, scanner, "a flow collection is not closed")


def _gather_quoted(lines: list[str], index: int, rest: str) -> tuple[str, int]:
    """The text of a quoted value that opens in *rest* and may run over the lines after
    *index*, joined by spaces; and the index of the line after it."""
    scanner = _QuoteScanner(rest[0])
    scanner.feed(rest[1:])
    return _gather(lines, index, rest, scanner, "a quoted value is not closed")


def _gather(lines: list[str], index: int, rest: str, scanner, unclosed: str) -> tuple[str, int]:
    """*rest* and the lines after *index* that *scanner* needs before it is closed, joined by spaces."""
    parts = [rest]
    index += 1
    while not scanner.closed:
        if index >= len(lines):
            raise YamlError(unclosed)
        part = lines[index].strip()
        scanner.feed(" " + part)
        parts.append(part)
        index += 1
    return " ".join(parts), index


class _FlowScanner:
    """Follows the brackets and quotes of a flow collection piece by piece, so that
    gathering its lines costs time in proportion to their length (rescanning all the
    text gathered so far after each line made a list over 32,000 lines take minutes)."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: str | None = None
        self.escaped = False

    @property
    def closed(self) -> bool:
        """Whether every bracket opened so far is closed, and no quote is open."""
        return self.depth <= 0 and self.quote is None

    def feed(self, text: str) -> None:
        for char in text:
            if self.quote:
                if self.escaped:
                    self.escaped = False
                elif char == "\\" and self.quote == '"':
                    self.escaped = True
                elif char == self.quote:
                    self.quote = None
            elif char in "\"'":
                self.quote = char
            elif char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth -= 1


class _QuoteScanner:
    """Finds the end of a quoted value piece by piece, as :func:`_quoted` reads it:
    ``''`` stands for a quote in single quotes, a backslash escapes in double quotes."""

    def __init__(self, quote: str) -> None:
        self.quote = quote
        self.escaped = False
        self.closed = False

    def feed(self, text: str) -> None:
        index = 0
        while index < len(text) and not self.closed:
            char = text[index]
            if self.escaped:
                self.escaped = False
            elif self.quote == '"' and char == "\\":
                self.escaped = True
            elif char == self.quote:
                if self.quote == "'" and text[index + 1 : index + 2] == "'":
                    index += 1
                else:
                    self.closed = True
            index += 1


def _strip_comment(line: str) -> str:
    quote = None
    escaped = False
    for position, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
        elif char in "\"'" and (position == 0 or line[position - 1] in " \t[{,:"):
            quote = char
        elif char == "#" and (position == 0 or line[position - 1] in " \t"):
            return line[:position]
    return line


# --- flow style -----------------------------------------------------------------


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\n":
        position += 1
    return position


def _flow(text: str, position: int, depth: int) -> tuple[Any, int]:
    position = _skip_space(text, position)
    if position >= len(text):
        raise YamlError("a value is missing")
    char = text[position]
    if char == "[":
        return _flow_sequence(text, position + 1, _nest(depth))
    if char == "{":
        return _flow_mapping(text, position + 1, _nest(depth))
    if char in "\"'":
        return _quoted(text, position)
    end = position
    while (
        end < len(text) and text[end] not in ",]}" and not (text[end] == ":" and text[end + 1 : end + 2] in (" ", ""))
    ):
        end += 1
    return _plain(text[position:end].strip()), end


def _flow_sequence(text: str, position: int, depth: int) -> tuple[list, int]:
    items: list[Any] = []
    position = _skip_space(text, position)
    while True:
        if position >= len(text):
            raise YamlError("a '[' is not closed")
        if text[position] == "]":
            return items, position + 1
        value, position = _flow(text, position, depth)
        items.append(value)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
        elif position >= len(text) or text[position] != "]":
            raise YamlError("expected ',' or ']' in a flow sequence")


def _flow_mapping(text: str, position: int, depth: int) -> tuple[dict, int]:
    result: dict[str, Any] = {}
    position = _skip_space(text, position)
    while True:
        if position >= len(text):
            raise YamlError("a '{' is not closed")
        if text[position] == "}":
            return result, position + 1
        if text[position] in "\"'":
            key, position = _quoted(text, position)
        else:
            end = position
            while (
                end < len(text)
                and text[end] not in ",}"
                and not (text[end] == ":" and text[end + 1 : end + 2] in (" ", "", "\n", "[", "{", '"', "'"))
            ):
                end += 1
            key = text[position:end].strip()
            position = end
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ":":
            value, position = _flow(text, position + 1, depth)
        else:
            value = None
        result[str(key)] = value
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
        elif position >= len(text) or text[position] != "}":
            raise YamlError("expected ',' or '}' in a flow mapping")


def _quoted(text: str, position: int) -> tuple[str, int]:
    quote = text[position]
    out: list[str] = []
    index = position + 1
    while index < len(text):
        char = text[index]
        if quote == "'" and char == "'":
            if text[index + 1 : index + 2] == "'":
                out.append("'")
                index += 2
                continue
            return "".join(out), index + 1
        if quote == '"' and char == '"':
            return "".join(out), index + 1
        if quote == '"' and char == "\\" and index + 1 < len(text):
            escape = text[index + 1]
            if escape == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[index + 2 : index + 6]):
                out.append(chr(int(text[index + 2 : index + 6], 16)))
                index += 6
                continue
            out.append({"n": "\n", "t": "\t", "0": "\0", "r": "\r"}.get(escape, escape))
            index += 2
            continue
        out.append(char)
        index += 1
    raise YamlError("a quoted value is not closed")


def _key(raw: str) -> str:
    raw = raw.strip()
    if raw and raw[0] in "\"'":  # ('' is in every string)
        return _quoted(raw, 0)[0]
    return raw


def _plain(text: str) -> Any:
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _INT_RE.match(text):
        return int(text.replace("_", ""))
    if _FLOAT_RE.match(text):
        return float(text.replace("_", ""))
    return text
