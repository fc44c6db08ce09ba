"""Map → canonical ``.arg`` text.

Every node is defined once, nested under the first relation that reaches it from the
roots; every further use is a reference (``premise @id``). The result parses back to
an equal map. Comments and the author's line breaks are the formatter's business
(:mod:`argmap.fmt`): this module writes any map, also one built in code or read from
JSON.
"""

from __future__ import annotations

import re

from .errors import ArgmapError
from .limits import MAX_DEPTH
from .model import Map, Node, Relation, natural_relation, relation_id

INDENT = "  "
_TAG_AT_END_RE = re.compile(r"(?:(?<=\s)|^)#[^\W\d_][\w\-/.]*\Z")
_BACKSLASH_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|\Z)")
_PLAIN_VALUE_RE = re.compile(r"[^,{}\"\\\s](?:[^,{}\"\\]*[^,{}\"\\\s])?\Z")
_TOP_LEVEL_KINDS = frozenset({"conclusion", "claim", "premise", "assumption", "evidence", "objection"})
_REFERENCE_KEYWORD = {"support": "premise", "attack": "objection", "undercut": "undercut"}


class UnwritableMapError(ArgmapError, ValueError):
    """The map breaks a rule of the ``.arg`` language and cannot be written as one."""

    label = "unwritable"


def to_arg(map: Map) -> str:
    """The map as canonical ``.arg`` text."""
    lines = [f"{key}: {_header_value(key, value)}" for key, value in map.metadata]
    body = _Writer(map).write()
    if lines and body:
        lines.append("")
    return "\n".join([*lines, *body]) + "\n"


def _header_value(key: str, value: str) -> str:
    from .parsing import _near_keyword

    if not re.fullmatch(r"[^\W\d][\w-]*", key) or _near_keyword(key):
        raise UnwritableMapError(f"the header key {key!r} cannot be written in an .arg header")
    return " ".join(value.split())


def escape_text(text: str) -> str:
    r"""Escape a one-paragraph text so that it reads back unchanged.

    >>> escape_text("the #1 reason costs {x}")
    'the #1 reason costs \\{x}'
    >>> escape_text("learn #python")
    'learn \\#python'
    >>> escape_text('he said ' + '"' * 3)
    'he said \\"\\"\\"'
    """
    text = _BACKSLASH_RE.sub(r"\\\\", text)
    if '"""' in text:
        text = text.replace('"', '\\"')
    if text.endswith("}"):
        from .parsing import _attribute_block_start

        start = _attribute_block_start(text)
        if start is not None:
            return text[:start] + "\\" + text[start:]
    tag = _TAG_AT_END_RE.search(text)
    if tag:
        return text[: tag.start()] + "\\" + text[tag.start() :]
    return text


def format_text(text: str, indent: str) -> str:
    """A node's text as written after the colon: one line, or triple quotes when it
    has several paragraphs."""
    paragraphs = text.split("\n")
    if len(paragraphs) == 1:
        return escape_text(text)
    continuation = indent + INDENT * 2
    escaped = [_BACKSLASH_RE.sub(r"\\\\", p).replace('"', '\\"') if '"""' in p else _BACKSLASH_RE.sub(r"\\\\", p)
               for p in paragraphs]
    from .parsing import _escaped_at

    if escaped[-1].endswith('"') and not _escaped_at(escaped[-1], len(escaped[-1]) - 1):
        escaped[-1] = escaped[-1][:-1] + '\\"'
    return '"""' + f"\n\n{continuation}".join(escaped) + '"""'


def format_annotations(tags, attributes) -> str:
    """`` #tag {key: value}``, or nothing."""
    parts = [f"#{tag}" for tag in tags]
    if attributes:
        parts.append("{" + ", ".join(_attribute(key, value) for key, value in attributes) + "}")
    return (" " + " ".join(parts)) if parts else ""


def _attribute(key: str, value: str) -> str:
    if value == "true":
        return key
    if _PLAIN_VALUE_RE.match(value):
        return f"{key}: {value}"
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{key}: "{quoted}"'


def _implicit_ids(map: Map) -> set[str]:
    """Ids that need not be written because parsing would generate them anyway."""
    from collections import Counter

    from .build import slug

    slugs = {node.id: slug(node.text, node.kind) for node in map.nodes}
    counts = Counter(slugs.values())
    reason_ids = {relation.id for relation in map.relations}
    return {
        node_id for node_id, generated in slugs.items()
        if node_id == generated and counts[generated] == 1 and node_id not in reason_ids
    }


class _Writer:
    def __init__(self, map: Map) -> None:
        self.map = map
        self.defined: set[str] = set()
        self.emitted: set[str] = set()
        self.lines: list[str] = []
        self.implicit_ids = _implicit_ids(map)

    def write(self) -> list[str]:
        for node in self.map.roots():
            if node.id not in self.defined:
                self._top_level(node)
        pending = [node for node in self.map.nodes if node.id not in self.defined]
        pending.sort(key=lambda node: node.kind not in _TOP_LEVEL_KINDS)
        for node in pending:
            if node.id not in self.defined:
                self._top_level(node)
        missing = [r.id for r in self.map.relations if r.id not in self.emitted]
        if missing:
            raise UnwritableMapError(f"relation {missing[0]!r} refers to something the map does not have")
        return self.lines

    def _top_level(self, node: Node) -> None:
        if node.kind not in _TOP_LEVEL_KINDS:
            raise UnwritableMapError(f"the {node.kind} {node.id!r} answers nothing, so it cannot be written")
        if self.lines:
            self.lines.append("")
        self._define(node, 0)
        self._children(node.id, 1)

    def _define(self, node: Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise UnwritableMapError(f"the map nests deeper than {MAX_DEPTH} levels at {node.id!r}")
        indent = INDENT * depth
        name = "" if node.id in self.implicit_ids else f" {node.id}"
        text = format_text(node.text, indent)
        self.lines.append(f"{indent}{node.kind}{name}: {text}{format_annotations(node.tags, node.attributes)}")
        self.defined.add(node.id)

    def _children(self, node_id: str, depth: int) -> None:
        for relation in self.map.incoming(node_id):
            if relation.id not in self.emitted:
                if relation.kind == "undercut":
                    raise UnwritableMapError(f"the undercut {relation.id!r} is aimed at a node, not at an inference")
                self._relation(relation, depth)

    def _relation(self, relation: Relation, depth: int) -> None:
        self.emitted.add(relation.id)
        generated = relation_id(relation.kind, relation.premises, relation.target)
        if relation.is_linked or relation.id != generated:
            name = "" if relation.id == generated else f" {relation.id}"
            self.lines.append(f"{INDENT * depth}reason{name}:")
            # Beside undercut members, an undercut would read as one more member:
            # the undercuts of a linked undercut go under its first member instead.
            nest_under_first = relation.kind == "undercut"
            for index, premise in enumerate(relation.premises):
                undercuts_of = relation.id if nest_under_first and index == 0 else None
                self._member(premise, relation.kind, depth + 1, undercuts_of=undercuts_of)
            if not nest_under_first:
                self._undercuts(relation.id, depth + 1)
        else:
            self._member(relation.premises[0], relation.kind, depth, undercuts_of=relation.id)

    def _member(self, node_id: str, kind: str, depth: int, undercuts_of: str | None) -> None:
        node = self._node(node_id)
        inline = node.id not in self.defined and node.kind != "conclusion" and natural_relation(node.kind) == kind
        if inline:
            if node.kind == "evidence" and any(r.kind != "undercut" for r in self.map.incoming(node.id)):
                raise UnwritableMapError(f"the evidence {node.id!r} has premises or objections of its own")
            self._define(node, depth)
        else:
            keyword = node.kind if natural_relation(node.kind) == kind else _REFERENCE_KEYWORD[kind]
            self.lines.append(f"{INDENT * depth}{keyword} @{node.id}")
        if undercuts_of is not None:
            self._undercuts(undercuts_of, depth + 1)
        if inline:
            self._children(node.id, depth + 1)

    def _undercuts(self, relation_id_: str, depth: int) -> None:
        for undercut in self.map.incoming(relation_id_):
            if undercut.id not in self.emitted:
                self._relation(undercut, depth)

    def _node(self, node_id: str) -> Node:
        if not self.map.has_node(node_id):
            raise UnwritableMapError(f"a relation refers to {node_id!r}, which the map does not have")
        return self.map.node(node_id)
