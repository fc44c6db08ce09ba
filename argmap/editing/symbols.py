"""Where each id stands in a text: its definition and the ``@id`` references to it.

Positions are 1-based lines and columns, the end column exclusive, like every span
in argmap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal, NamedTuple

from ..model import ID_PATTERN, Map
from ..syntax import Entry, Outline

Role = Literal["definition", "generated", "reference"]
"""``definition``: an id written after the keyword; ``generated``: a node without
one (the place is its keyword); ``reference``: ``@id``."""

_KEYWORD_AND_ID_RE = re.compile(rf"[^\W\d_]+[ \t]+({ID_PATTERN})")


class Occurrence(NamedTuple):
    """One place where an id is written (or, for a generated id, implied)."""

    id: str
    role: Role
    line: int
    column: int
    end_column: int
    entry: Entry

    def contains(self, line: int, column: int) -> bool:
        """Whether the place (1-based) is on this occurrence or just after it."""
        return line == self.line and self.column <= column <= self.end_column


def walk(entries: list[Entry]) -> Iterator[tuple[Entry, int]]:
    """Every entry with its depth, in file order."""
    stack = [(entry, 0) for entry in reversed(entries)]
    while stack:
        entry, depth = stack.pop()
        yield entry, depth
        stack.extend((child, depth + 1) for child in reversed(entry.children))


def occurrences(outline: Outline, the_map: Map | None = None) -> list[Occurrence]:
    """Every occurrence of an id in *outline*, in file order. Nodes without an id of
    their own are included as ``generated`` when *the_map* (built from the outline)
    says which id they got."""
    generated = _generated_ids(the_map)
    found: list[Occurrence] = []
    for entry, _ in walk(outline.entries):
        occurrence = _occurrence(entry, outline.source_lines, generated)
        if occurrence is not None:
            found.append(occurrence)
    return found


def _generated_ids(the_map: Map | None) -> dict[tuple[int, int], str]:
    if the_map is None:
        return {}
    return {(node.span.line, node.span.column): node.id for node in the_map.nodes if node.span is not None}


def _occurrence(entry: Entry, lines: list[str], generated: dict[tuple[int, int], str]) -> Occurrence | None:
    if entry.form == "reference" and entry.id:
        start = entry.end_column - len(entry.id)
        return Occurrence(entry.id, "reference", entry.line, start, entry.end_column, entry)
    if entry.form not in ("node", "group"):
        return None
    if entry.id:
        line = lines[entry.line - 1] if 0 < entry.line <= len(lines) else ""
        match = _KEYWORD_AND_ID_RE.match(line, entry.column - 1)
        if match is None or match.group(1) != entry.id:
            return None
        return Occurrence(entry.id, "definition", entry.line, match.start(1) + 1, match.end(1) + 1, entry)
    node_id = generated.get((entry.line, entry.column))
    if node_id is None or entry.keyword is None:
        return None
    return Occurrence(node_id, "generated", entry.line, entry.column, entry.column + len(entry.keyword), entry)


def occurrence_at(found: list[Occurrence], line: int, column: int) -> Occurrence | None:
    """The occurrence under the place (1-based line and column), if any."""
    for occurrence in found:
        if occurrence.contains(line, column):
            return occurrence
    return None


def definition_of(found: list[Occurrence], node_id: str) -> Occurrence | None:
    """Where *node_id* is defined (written or generated)."""
    for occurrence in found:
        if occurrence.id == node_id and occurrence.role != "reference":
            return occurrence
    return None


def subtree_end_line(entry: Entry) -> int:
    """The last line of *entry* and everything indented under it."""
    while entry.children:
        entry = entry.children[-1]
    return entry.end_line
