"""The file as written: an outline of lines, before ids and relations are resolved.

:mod:`argmap.parse` turns text into this outline; :mod:`argmap.build` turns the
outline into a :class:`~argmap.model.Map`, and :mod:`argmap.fmt` prints the outline
back in canonical form, keeping the author's order, line breaks and comments.
"""

from __future__ import annotations

from typing import Literal

import attrs

LineForm = Literal["node", "group", "reference", "annotation"]


@attrs.define
class HeaderLine:
    """``key: value`` before the first node."""

    key: str
    value: str
    line: int
    column: int


@attrs.define(eq=False)
class Entry:
    """One line of the outline (a node, a reason group, a reference or an annotation
    line) with the lines indented under it."""

    form: LineForm
    keyword: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    id: str | None = None
    text: str | None = None
    raw_text: str | None = None
    is_block: bool = False
    tags: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    children: list[Entry] = attrs.field(factory=list)


@attrs.define
class Outline:
    """A whole file: header lines, top-level entries, and the source lines (for
    comments and excerpts)."""

    header: list[HeaderLine]
    entries: list[Entry]
    source_lines: list[str]
    filename: str | None = None
