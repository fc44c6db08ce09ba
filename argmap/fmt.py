"""The formatter: canonical indentation and spacing, with everything the author
wrote kept — comments, order, ids, references, and the line breaks of long texts.

It prints the outline (:mod:`argmap.syntax`), not the map, so nothing that the map
does not record (comments, where a node was defined) is lost.
"""

from __future__ import annotations

import attrs

from .syntax import Entry, Outline
from .write import INDENT, format_annotations

_BLOCK_CONTINUATION = INDENT * 2


@attrs.define
class _Item:
    """A piece of output that stood at a place in the source."""

    line: int
    end_line: int
    lines: list[str]


def format_outline(outline: Outline) -> str:
    """The outline as canonical ``.arg`` text."""
    items = [_Item(h.line, h.line, [f"{h.key}: {h.value}"]) for h in outline.header]
    entries = list(_entries_with_depth(outline.entries))
    items.extend(_Item(entry.line, entry.end_line, _entry_lines(entry, depth)) for entry, depth in entries)
    items.extend(_comments(outline, entries))
    items.sort(key=lambda item: item.line)
    output: list[str] = []
    previous: _Item | None = None
    header_end = max((h.line for h in outline.header), default=0)
    for item in items:
        after_header = previous is not None and previous.line == header_end and item.line > header_end
        if previous is not None and (item.line > previous.end_line + 1 or after_header):
            output.append("")
        output.extend(item.lines)
        previous = item
    return "\n".join(output) + "\n"


def _entries_with_depth(entries: list[Entry]):
    stack = [(entry, 0) for entry in reversed(entries)]
    while stack:
        entry, depth = stack.pop()
        yield entry, depth
        stack.extend((child, depth + 1) for child in reversed(entry.children))


def _comments(outline: Outline, entries: list[tuple[Entry, int]]) -> list[_Item]:
    """Comment lines, each indented like the entry that follows it."""
    covered: set[int] = set()
    for entry, _ in entries:
        covered.update(range(entry.line, entry.end_line + 1))
    starts = sorted((entry.line, depth) for entry, depth in entries)
    comments: list[_Item] = []
    position = 0
    for number, line in enumerate(outline.source_lines, start=1):
        if number in covered or not line.lstrip().startswith("//"):
            continue
        while position < len(starts) and starts[position][0] < number:
            position += 1
        depth = starts[position][1] if position < len(starts) else 0
        comments.append(_Item(number, number, [INDENT * depth + line.strip()]))
    return comments


def _entry_lines(entry: Entry, depth: int) -> list[str]:
    indent = INDENT * depth
    annotations = format_annotations(entry.tags, entry.attributes)
    if entry.form == "annotation":  # "{}" says nothing, but it stays a line (a blank one would end a block)
        return [indent + (annotations.lstrip() or "{}")]
    if entry.form == "reference":
        keyword = f"{entry.keyword} " if entry.keyword else ""
        return [f"{indent}{keyword}@{entry.id}"]
    name = f" {entry.id}" if entry.id else ""
    if entry.form == "group":
        return [f"{indent}{entry.keyword}{name}:{annotations}"]
    head = f"{indent}{entry.keyword}{name}: "
    if not entry.is_block:
        return [head + (entry.raw_text or "") + annotations]
    return _block_lines(head, entry.raw_text or "", indent + _BLOCK_CONTINUATION, annotations)


def _block_lines(head: str, raw: str, continuation: str, annotations: str) -> list[str]:
    """Triple-quoted text with its line breaks kept and its indentation made even."""
    raw_lines = raw.split("\n")
    lines = [head + '"""' + raw_lines[0].strip()]
    lines.extend((continuation + line.strip()) if line.strip() else "" for line in raw_lines[1:])
    if len(raw_lines) > 1 and not raw_lines[-1].strip():
        lines[-1] = continuation + '"""'
    else:
        lines[-1] += '"""'
    lines[-1] += annotations
    return lines


def format_text(text: str, filename: str | None = None) -> str:
    """Format ``.arg`` text (raises :class:`~argmap.errors.ArgmapError` if it does not
    parse: the formatter never rewrites a file it cannot read)."""
    from .build import build_map
    from .parsing import parse_outline

    outline = parse_outline(text, filename)
    build_map(outline)
    return format_outline(outline)
