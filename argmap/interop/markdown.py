"""Map → a Markdown outline, for handouts.

The map's title is the heading; author, date, source and description follow. The
outline is a nested list, one item per line of the map, each starting with its kind in
bold (``**Premise:**``); a linked reason is an item of its own with its premises under
it. A node met a second time is named again with "(see above)". Tags are shown as
code, and of the attributes those with a fixed meaning (source, verdict, weight).

A subtree deeper than :data:`~.outline.MAX_DEPTH` levels continues as an outline of its
own further down: the item at the cut names its node with "(see below)" (a linked
reason says "(continued below)"), and the continued outline starts with that node in
full (or the reason again, "(continued)").
"""

from __future__ import annotations

import re

from ..model import Map, Node, Relation, natural_relation
from .outline import Line, outline

_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>|])")
_SHOWN_ATTRIBUTES = ("source", "verdict", "weight")
_BY_RELATION = {"support": "Premise", "attack": "Objection", "undercut": "Undercut"}
_REASON = {
    "support": "Reason (the premises below hold together)",
    "attack": "Objection (the premises below hold together)",
    "undercut": "Undercut (the premises below hold together)",
}


def to_markdown(map: Map) -> str:
    """The map as a Markdown outline."""
    lines = _front(map)
    written: set[str] = set()
    for line in outline(map):
        lines.append(_item(line, written))
        if line.node is not None and line.first:
            written.add(line.node.id)
    return "\n".join(lines).rstrip("\n") + "\n"


def escape(text: str) -> str:
    r"""Text that Markdown shows as written.

    >>> escape("a *b* [c] <d>")
    'a \\*b\\* \\[c\\] \\<d\\>'
    """
    return _ESCAPE_RE.sub(r"\\\1", text)


def _front(map: Map) -> list[str]:
    lines = [f"# {escape(map.meta('title') or 'Argument map')}", ""]
    byline = " · ".join(escape(value) for value in (map.meta("author"), map.meta("date")) if value)
    if byline:
        lines += [f"*{byline}*", ""]
    if description := map.meta("description"):
        lines += [escape(description), ""]
    if source := map.meta("source"):
        lines += [f"Source: {escape(source)}", ""]
    return lines


def _item(line: Line, written: set[str]) -> str:
    """The list item of *line*; *written* holds the nodes written in full above it."""
    indent = "  " * line.depth
    if line.node is None:
        assert line.relation is not None, "the line of a linked reason always has its relation"
        return f"{indent}- **{_REASON[line.relation.kind]}**{_reason_continuation(line)}"
    label = _label(line.node, line.relation)
    if not line.first:
        where = "above" if line.node.id in written else "below"
        return f"{indent}- **{label}** (see {where}): {_text(line.node, indent)}"
    return f"{indent}- **{label}:** {_text(line.node, indent)}{_annotations(line.node)}"


def _reason_continuation(line: Line) -> str:
    if line.cut:
        return " (continued below)"
    return "" if line.first else " (continued)"


def _label(node: Node, relation: Relation | None) -> str:
    if relation is None or natural_relation(node.kind) == relation.kind:
        return node.kind.capitalize()
    return _BY_RELATION[relation.kind]


def _text(node: Node, indent: str) -> str:
    # a hard line break (backslash) keeps paragraphs apart inside the list item
    return f"\\\n{indent}  ".join(escape(paragraph) for paragraph in node.text.split("\n"))


def _annotations(node: Node) -> str:
    parts = [f"`#{tag}`" for tag in node.tags]
    shown = [f"{key}: {escape(value)}" for key, value in node.attributes if key in _SHOWN_ATTRIBUTES]
    if shown:
        parts.append(f"*({'; '.join(shown)})*")
    return (" " + " ".join(parts)) if parts else ""
