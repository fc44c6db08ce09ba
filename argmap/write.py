"""Map → canonical ``.arg`` text.

Every node is defined once, nested under the first relation that reaches it from the
roots; every further use is a reference (``premise @id``). A block nests at most
:data:`SECTION_DEPTH` levels: deeper, a node's reasons and objections continue in an
elaboration (``@id`` at the left margin) after the block. The result parses back to
an equal map. Comments and the author's line breaks are the formatter's business
(:mod:`argmap.fmt`): this module writes any map, also one built in code or read from
JSON.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from typing import Any

from .errors import ArgmapError
from .limits import MAX_DEPTH
from .model import Map, Node, Relation, is_valid_id, natural_relation, relation_id, repeated_premise

INDENT = "  "
_TAG_AT_END_RE = re.compile(r"(?:(?<=\s)|^)#[^\W\d_][\w\-/.]*\Z")
_BACKSLASH_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|\Z)")
_REFERENCE_TEXT_RE = re.compile(r"@[^\W_][\w.\-]*[ \t]*\Z")
_PLAIN_VALUE_RE = re.compile(r"[^,{}\"\\\s](?:[^,{}\"\\]*[^,{}\"\\\s])?\Z")
_TOP_LEVEL_KINDS = frozenset({"conclusion", "claim", "premise", "assumption", "evidence", "objection"})
_REFERENCE_KEYWORD = {"support": "premise", "attack": "objection", "undercut": "undercut"}

SECTION_DEPTH = 12
"""How deep a block of written outline nests. A node on a line this deep gets its
reasons and objections in an elaboration (``@id`` at the left margin) after the block.

A reader keeps track of a dozen levels of indentation, not of a hundred; and every level
indents all the lines below it once more, so that a long chain written as one outline
would grow with the square of its length (and stop at :data:`~argmap.limits.MAX_DEPTH`).
"""

_Task = tuple[Any, ...]  # a method of _Writer and its arguments


class UnwritableMapError(ArgmapError, ValueError):
    """The map breaks a rule of the ``.arg`` language and cannot be written as one."""

    label = "unwritable"


def to_arg(map: Map) -> str:
    """The map as canonical ``.arg`` text.

    A map built in code or read from JSON may hold values that no ``.arg`` line can
    say (a tag with a space, an attribute value with a line break, a relation named
    like a node): such a map is refused with :class:`UnwritableMapError`, so that what
    is written always reads back as the same map."""
    try:
        _refuse_unwritable_values(map)
    except UnwritableMapError as error:
        error.hint = error.hint or _VALUE_HINT
        raise
    lines = [f"{key}: {_header_value(key, value)}" for key, value in map.metadata]
    body = _Writer(map).write()
    if lines and body:
        lines.append("")
    return "\n".join([*lines, *body]) + "\n"


def _header_value(key: str, value: str) -> str:
    from .parsing import _near_keyword

    if not re.fullmatch(r"[^\W\d][\w-]*", key) or _near_keyword(key):
        raise UnwritableMapError(f"the header key {key!r} cannot be written in an .arg header")
    if value != value.strip():
        raise UnwritableMapError(
            f"the header value of {key!r} begins or ends with white space, which an .arg header does not keep"
        )
    return value


_VALUE_HINT = (
    "in an .arg map a tag is one word, an attribute key a word, an id names one thing, and no "
    "header, tag or attribute value holds a line break; change the value in the file"
)
_UNWRITABLE_CHARACTER_RE = re.compile("[\0\n\r\ud800-\udfff]")
"""Characters that no one-line value can hold: NUL and half surrogate pairs (no file
holds them) and the line breaks (a value of a header, tag or attribute is one line)."""
_UNWRITABLE_TEXT_RE = re.compile("[\0\ud800-\udfff]")
"""Characters that no text can hold (its line breaks separate paragraphs)."""


def _refuse_unwritable_values(map: Map) -> None:
    """Refuse a map with a header, tag, attribute or text that would not read back as written."""
    from .parsing import _TAG_WORD_RE

    for key, value in map.metadata:
        _refuse_characters(value, f"the header value of {key!r}")
    for node in map.nodes:
        _refuse_characters(node.text, f"the text of {node.id!r}", _UNWRITABLE_TEXT_RE)
        if len(set(node.tags)) < len(node.tags):
            raise UnwritableMapError(f"{node.id!r} has a tag twice, which an .arg line says once")
        for tag in node.tags:
            if not _TAG_WORD_RE.fullmatch(tag):
                raise UnwritableMapError(
                    f"the tag {tag!r} of {node.id!r} is not one word of letters, digits, "
                    "'-', '_', '/' and '.' beginning with a letter"
                )
        _refuse_unwritable_attributes(node.attributes, node.id)
    node_ids = {node.id for node in map.nodes}
    for relation in map.relations:
        if relation.id in node_ids:
            raise UnwritableMapError(f"the relation {relation.id!r} has the id of a node")
        _refuse_unwritable_attributes(relation.attributes, relation.id)


def _refuse_unwritable_attributes(attributes: tuple[tuple[str, str], ...], owner: str) -> None:
    """Refuse attributes (of a node or a relation) that would not read back as written."""
    from .build import attribute_value_problem
    from .parsing import _ATTR_KEY_RE

    for key, value in attributes:
        if not _ATTR_KEY_RE.fullmatch(key):
            raise UnwritableMapError(f"the attribute key {key!r} of {owner!r} is not a word")
        _refuse_characters(value, f"the attribute {key!r} of {owner!r}")
        problem = attribute_value_problem(key, value)
        if problem is not None:
            raise UnwritableMapError(f"{problem[0]} (the attribute {key!r} of {owner!r})")


def _refuse_characters(value: str, where: str, unwritable: re.Pattern = _UNWRITABLE_CHARACTER_RE) -> None:
    found = unwritable.search(value)
    if found:
        raise UnwritableMapError(f"{where} holds the character {found.group()!r}, which an .arg line cannot hold")


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
    if text[:1] == "@" and _REFERENCE_TEXT_RE.match(text):
        return "\\" + text  # '@x' alone would read as a reference written with a colon
    if '"""' in text:
        text = text.replace('"', '\\"')
    if text.endswith("}"):
        from .parsing import _attribute_block_start

        start = _attribute_block_start(text)
        if start is not None:
            escaped = text[:start] + "\\" + text[start:]
            if _attribute_block_start(escaped) is None:
                return escaped
            return text[:-1] + "\\}"  # "{ {}": with its inner brace escaped, the outer one opens a block
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
    escaped = [
        _BACKSLASH_RE.sub(r"\\\\", p).replace('"', '\\"') if '"""' in p else _BACKSLASH_RE.sub(r"\\\\", p)
        for p in paragraphs
    ]
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
        node_id
        for node_id, generated in slugs.items()
        if node_id == generated and counts[generated] == 1 and node_id not in reason_ids
    }


def _is_named(relation: Relation) -> bool:
    """Whether the relation has an id of its own (written ``reason id:``), which an
    elaboration ``@id`` can take up."""
    return relation.id != relation_id(relation.kind, relation.premises, relation.target)


class _Writer:
    """Writes the map block by block: each root, or a node nothing else reaches, heads a
    block, and the parts of it cut at :data:`SECTION_DEPTH` follow it as elaborations.

    The walk keeps its own stack of tasks, each a method and its arguments, instead of
    recursing, so that a chain as long as the map may be is written as easily as a tree.
    A task that writes a line schedules what stands under it; the stack runs tasks in
    the order a recursive walk would call them."""

    def __init__(self, map: Map) -> None:
        self.map = map
        self.defined: set[str] = set()
        self.emitted: set[str] = set()
        self.lines: list[str] = []
        self.implicit_ids = _implicit_ids(map)
        self.tasks: list[_Task] = []
        self.elaborations: deque[tuple[str, _Task]] = deque()
        self.named_relations = {relation.id for relation in map.relations if _is_named(relation)}
        self.heights: dict[str, int] = {}
        self.measuring: set[str] = set()

    def write(self) -> list[str]:
        self._refuse_unwritable_relations()
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

    def _refuse_unwritable_relations(self) -> None:
        """A map built in code or read from JSON may hold relations no line can say."""
        for relation in self.map.relations:
            repeated = repeated_premise(relation.premises)
            if repeated is not None:
                raise UnwritableMapError(f"relation {relation.id!r} names the premise {repeated!r} twice")
            if relation.id in self.named_relations and not is_valid_id(relation.id):
                raise UnwritableMapError(
                    f"relation {relation.id!r} has a name that is not an id, so it cannot be written as 'reason id:'"
                )

    # --- blocks --------------------------------------------------------------

    def _top_level(self, node: Node) -> None:
        """The block headed by *node*, then the elaborations cut from it."""
        if node.kind not in _TOP_LEVEL_KINDS:
            raise UnwritableMapError(f"the {node.kind} {node.id!r} answers nothing, so it cannot be written")
        self._start_block()
        self._define(node, 0)
        self._run((self._children, node.id, 1))
        while self.elaborations:
            head_id, task = self.elaborations.popleft()
            self._start_block()
            self.lines.append(f"@{head_id}")
            self._run(task)

    def _start_block(self) -> None:
        if self.lines:
            self.lines.append("")

    def _run(self, task: _Task) -> None:
        self.tasks.append(task)
        while self.tasks:
            method, *arguments = self.tasks.pop()
            method(*arguments)

    def _schedule(self, *tasks: _Task | None) -> None:
        """Run *tasks* next, in the order given (None stands for nothing to do)."""
        self.tasks.extend(task for task in reversed(tasks) if task is not None)

    def _under(self, head_id: str, line_depth: int, method: Callable[[str, int], None]) -> _Task | None:
        """The task that writes what stands under the line of *head_id* (a node, or a
        named reason), at *line_depth*: right under the line where it fits, else an
        elaboration ``@head_id`` after the block (and no task here)."""
        below = self.map.incoming(head_id)
        if line_depth < SECTION_DEPTH and self._fits(below, line_depth):
            return (method, head_id, line_depth + 1)
        if any(relation.id not in self.emitted for relation in below):
            self.elaborations.append((head_id, (method, head_id, 1)))
        return None

    def _fits(self, relations: list[Relation], line_depth: int) -> bool:
        """Whether *relations* can be written under a line at *line_depth* without
        nesting deeper than MAX_DEPTH."""
        return all(line_depth + self._height(relation) <= MAX_DEPTH for relation in relations)

    def _height(self, relation: Relation) -> int:
        """How many levels *relation* takes below the line it answers, counting the
        lines that no elaboration can take up: its own, and the undercuts of an
        inference without a name, which stand under it however many they are."""
        height = self.heights.get(relation.id)
        if height is None:
            self._measure(relation)
            height = self.heights[relation.id]
        return height

    def _measure(self, relation: Relation) -> None:
        """Find the heights of *relation* and of the undercuts it waits for, undercuts first."""
        stack = [relation]
        while stack:
            top = stack[-1]
            undercuts = () if top.id in self.named_relations else self.map.incoming(top.id)
            waiting = [undercut for undercut in undercuts if undercut.id not in self.heights]
            if waiting and top.id not in self.measuring:  # measuring: a cycle of undercuts ends here
                self.measuring.add(top.id)
                stack.extend(waiting)
                continue
            stack.pop()
            tallest = max((self.heights.get(undercut.id, 0) for undercut in undercuts), default=0)
            self.heights[top.id] = self._own_height(top, tallest)

    def _own_height(self, relation: Relation, undercuts_height: int) -> int:
        """The height of *relation*, given how far its undercuts (when they stand under it) reach."""
        if not self._has_reason_line(relation):
            return 1 + undercuts_height  # the premise, with the undercuts under it
        if relation.kind == "undercut":
            return 2 + undercuts_height  # the reason, its members, the undercuts under the first
        return max(2, 1 + undercuts_height)  # the reason, its members and undercuts side by side

    # --- lines ---------------------------------------------------------------

    def _line(self, depth: int, text: str, at_id: str) -> None:
        if depth > MAX_DEPTH:
            raise UnwritableMapError(f"the map nests deeper than {MAX_DEPTH} levels at {at_id!r}")
        self.lines.append(f"{INDENT * depth}{text}")

    def _define(self, node: Node, depth: int) -> None:
        name = "" if node.id in self.implicit_ids else f" {node.id}"
        text = format_text(node.text, INDENT * depth)
        self._line(depth, f"{node.kind}{name}: {text}{format_annotations(node.tags, node.attributes)}", node.id)
        self.defined.add(node.id)

    # --- tasks ---------------------------------------------------------------

    def _children(self, node_id: str, depth: int) -> None:
        """The reasons and objections of a node, one task each."""
        self._schedule(*((self._child, relation, depth) for relation in self.map.incoming(node_id)))

    def _child(self, relation: Relation, depth: int) -> None:
        if relation.kind == "undercut" and relation.id not in self.emitted:
            raise UnwritableMapError(f"the undercut {relation.id!r} is aimed at a node, not at an inference")
        self._relation(relation, depth)

    def _relation(self, relation: Relation, depth: int) -> None:
        if relation.id in self.emitted:
            return
        self.emitted.add(relation.id)
        if not self._has_reason_line(relation):
            self._member(relation.premises[0], relation.kind, depth, undercuts_of=relation)
            return
        name = f" {relation.id}" if relation.id in self.named_relations else ""
        self._line(depth, f"reason{name}:{format_annotations((), relation.attributes)}", relation.id)
        # Beside undercut members, an undercut would read as one more member:
        # the undercuts of a linked undercut go under its first member instead.
        nest_under_first = relation.kind == "undercut"
        members = [
            (self._member, premise, relation.kind, depth + 1, relation if nest_under_first and index == 0 else None)
            for index, premise in enumerate(relation.premises)
        ]
        undercuts = None if nest_under_first else self._undercuts_under(relation, depth)
        self._schedule(*members, undercuts)

    def _has_reason_line(self, relation: Relation) -> bool:
        """Whether *relation* is written as a ``reason:`` block: linked, named, or
        with attributes of its own (which only a ``reason:`` line can carry for sure,
        as its premise may be written as a reference)."""
        return relation.is_linked or relation.id in self.named_relations or bool(relation.attributes)

    def _member(self, node_id: str, kind: str, depth: int, undercuts_of: Relation | None) -> None:
        """A premise (or objection, undercut...) of a relation: defined here, or
        referred to; then the undercuts of *undercuts_of* and, where defined here,
        the node's own reasons and objections."""
        node = self._node(node_id)
        inline = node.id not in self.defined and node.kind != "conclusion" and natural_relation(node.kind) == kind
        if inline:
            if node.kind == "evidence" and any(r.kind != "undercut" for r in self.map.incoming(node.id)):
                raise UnwritableMapError(f"the evidence {node.id!r} has premises or objections of its own")
            self._define(node, depth)
        else:
            keyword = node.kind if natural_relation(node.kind) == kind else _REFERENCE_KEYWORD[kind]
            self._line(depth, f"{keyword} @{node.id}", node.id)
        self._schedule(
            None if undercuts_of is None else self._undercuts_under(undercuts_of, depth),
            self._under(node.id, depth, self._children) if inline else None,
        )

    def _undercuts_under(self, relation: Relation, line_depth: int) -> _Task | None:
        """The task that writes the undercuts of *relation* under its line. Only a
        named reason can be taken up again at the left margin (then there may be no
        task here, see :meth:`_under`); the undercuts of any other inference stand
        under its line however deep that is."""
        if relation.id in self.named_relations:
            return self._under(relation.id, line_depth, self._undercuts)
        return (self._undercuts, relation.id, line_depth + 1)

    def _undercuts(self, relation_id_: str, depth: int) -> None:
        self._schedule(*((self._relation, undercut, depth) for undercut in self.map.incoming(relation_id_)))

    def _node(self, node_id: str) -> Node:
        if not self.map.has_node(node_id):
            raise UnwritableMapError(f"a relation refers to {node_id!r}, which the map does not have")
        return self.map.node(node_id)
