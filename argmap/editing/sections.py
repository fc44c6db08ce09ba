"""Reading a text again after an edit, section by section.

A map's top level is a list of sections: a line at the left margin (a node, a
reference or an annotation) with the lines indented under it. The parser reads each
section the same way wherever it stands, so after an edit only the sections whose
lines changed are parsed again; the others are taken from the last reading. The
outline is then the same as :func:`~argmap.parsing.parse_outline` would give, and
built and checked in full as usual.

Whenever this shortcut could differ from reading the whole text (long texts in
triple quotes, which may run past a section's end, a mistake anywhere, a text too
big), the whole text is read instead, so every error is exactly that of
``argmap check``.
"""

from __future__ import annotations

import re

import attrs

from ..errors import ArgmapError
from ..limits import MAX_NODES
from ..parsing import KEYWORDS, normalise_newlines, parse_outline
from ..syntax import Entry, HeaderLine, Outline

_SECTION_START_RE = re.compile(r"(?:@|[#{]|(?i:" + "|".join(KEYWORDS) + r")(?![\w-]))")


def section_starts(lines: list[str]) -> list[int]:
    """The 0-based numbers of the lines that open a section; the first section also
    holds the header and everything before the first node.

    >>> section_starts(["title: T", "", "conclusion: C.", "  premise: P.", "// c", "@c", "  premise: Q."])
    [0, 2, 5]
    >>> section_starts(["// about", "", "conclusion: C.", "@c", "  premise: Q."])
    [0, 3]
    """
    starts = [0]
    for number, line in enumerate(lines):
        if number and _SECTION_START_RE.match(line):
            starts.append(number)
    if len(starts) > 1 and all(not line.strip() or line.lstrip().startswith("//") for line in lines[: starts[1]]):
        del starts[1]  # nothing but comments before the first node: no section of its own
    return starts


class SectionCache:
    """The outlines of the sections of the last text read, by their text."""

    def __init__(self) -> None:
        self._sections: dict[tuple[str, int], tuple[list[HeaderLine], list[Entry]]] = {}

    def parse(self, text: str, filename: str | None = None) -> Outline:
        """The outline of *text*, as :func:`~argmap.parsing.parse_outline` gives it
        (and raising the same errors)."""
        text = normalise_newlines(text)
        lines = text.split("\n")
        if '"""' in text or len(lines) > MAX_NODES:
            self._sections.clear()
            return parse_outline(text, filename)
        try:
            return self._read_sections(lines, section_starts(lines), filename)
        except ArgmapError:  # reported as reading the whole text reports it
            self._sections.clear()
            return parse_outline(text, filename)

    def _read_sections(self, lines: list[str], starts: list[int], filename: str | None) -> Outline:
        header: list[HeaderLine] = []
        entries: list[Entry] = []
        kept: dict[tuple[str, int], tuple[list[HeaderLine], list[Entry]]] = {}
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            key = ("\n".join(lines[start:end]), start)
            section = self._sections.get(key) or _moved(self._sections, key) or _parse_section(key, filename)
            kept[key] = section
            header.extend(section[0])
            entries.extend(section[1])
        self._sections = kept
        return Outline(header=header, entries=entries, source_lines=lines, filename=filename)


def _parse_section(key: tuple[str, int], filename: str | None) -> tuple[list[HeaderLine], list[Entry]]:
    text, start = key
    outline = parse_outline(text, filename)
    return (
        [attrs.evolve(h, line=h.line + start) for h in outline.header],
        [_shifted(entry, start) for entry in outline.entries],
    )


def _moved(sections: dict, key: tuple[str, int]) -> tuple[list[HeaderLine], list[Entry]] | None:
    """A section read before at another line, moved to *key*'s line."""
    text, start = key
    for (known_text, known_start), (header, entries) in sections.items():
        if known_text == text:
            delta = start - known_start
            return [attrs.evolve(h, line=h.line + delta) for h in header], [_shifted(e, delta) for e in entries]
    return None


def _shifted(entry: Entry, delta: int) -> Entry:
    """A copy of *entry* and its children, *delta* lines further down."""
    copy = attrs.evolve(entry, line=entry.line + delta, end_line=entry.end_line + delta, children=[])
    stack = [(entry, copy)]
    while stack:
        original, moved = stack.pop()
        for child in original.children:
            child_copy = attrs.evolve(child, line=child.line + delta, end_line=child.end_line + delta, children=[])
            moved.children.append(child_copy)
            stack.append((child, child_copy))
    return copy
