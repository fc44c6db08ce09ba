"""Outline → map: ids are given or generated, references resolved, and every
indented line becomes a relation to the line it is indented under."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import attrs

from .errors import ArgmapSemanticError, ArgmapSyntaxError, Location
from .limits import MAX_NODES
from .model import Map, Node, Relation, Span, natural_relation, relation_id
from .parsing import KEYWORDS, _near_keyword
from .syntax import Entry, Outline

VERDICTS = ("accepted", "rejected", "undecided")
_SLUG_WORD_RE = re.compile(r"[^\W_]+")
_SLUG_SKIP = frozenset({"a", "an", "the"})
_SLUG_TRAILING = frozenset({"a", "an", "the", "of", "to", "and", "or", "in", "on", "for", "is", "are", "that", "with"})
_SLUG_WORDS = 4
_SLUG_MAX = 32


def build_map(outline: Outline) -> Map:
    """Resolve an outline into a :class:`~argmap.model.Map`."""
    return _Builder(outline).build()


def slug(text: str, fallback: str, words: int = _SLUG_WORDS) -> str:
    """A readable id from the first words of *text*.

    >>> slug("The dialogue is a cover for his real goal.", "premise")
    'dialogue-is-a-cover'
    >>> slug("Without that intent, the dialogue fails.", "premise")
    'without-that-intent'
    >>> slug("Приштина должна...", "premise")
    'приштина-должна'
    >>> slug("!!!", "premise")
    'premise'
    """
    found = _SLUG_WORD_RE.findall(text.lower().replace("'", "").replace("\u2019", ""))
    while found and found[0] in _SLUG_SKIP:
        found.pop(0)
    chosen: list[str] = []
    for word in found[:words]:
        if chosen and len("-".join(chosen)) + 1 + len(word) > _SLUG_MAX + 4 * (words - _SLUG_WORDS):
            break
        chosen.append(word[:_SLUG_MAX])
    while len(chosen) > 1 and chosen[-1] in _SLUG_TRAILING:
        chosen.pop()
    return "-".join(chosen) or fallback


def unique_slug(text: str, fallback: str, taken: set[str], next_number: dict[str, int]) -> str:
    """The first of: the slug, the slug with up to four more words, the slug with
    ``-2``, ``-3``... that is not *taken*. *next_number* remembers where numbering
    of each slug stands, so that many alike texts cost linear time."""
    base = slug(text, fallback)
    if base not in taken:
        return base
    for words in range(_SLUG_WORDS + 1, _SLUG_WORDS + 5):
        longer = slug(text, fallback, words)
        if longer not in taken:
            return longer
    number = next_number.get(base, 2)
    while f"{base}-{number}" in taken:
        number += 1
    next_number[base] = number + 1
    return f"{base}-{number}"


@attrs.define
class _Context:
    """What the lines indented under an entry attach to."""

    node_id: str | None  # the node the line stands for (None for a group)
    via: str | None  # the relation through which that line bears on its parent
    entry: Entry
    defines: bool  # whether the line defines the node (annotations may follow)
    is_evidence: bool = False


class _Builder:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.ids: dict[int, str] = {}  # id(entry) -> node id
        self.definitions: dict[str, Entry] = {}
        self.kinds: dict[str, str] = {}
        self.named_reasons: dict[str, Entry] = {}
        self.relations: dict[str, Relation] = {}
        self.relation_lines: dict[str, int] = {}
        self.tags: dict[str, list[str]] = {}
        self.attributes: dict[str, list[tuple[str, str]]] = {}
        self.spans: dict[int, Span] = {}

    # --- the two passes ------------------------------------------------------

    def build(self) -> Map:
        metadata = self._metadata()
        self._assign_ids()
        # Ids and kinds were validated while reading; the model's validators would
        # only check the same facts again, at a quarter of the build's time.
        with attrs.validators.disabled():
            for entry in self.outline.entries:
                self._attach_tree(entry)
            nodes = [self._node(node_id, entry) for node_id, entry in self.definitions.items()]
            return Map(metadata=metadata, nodes=nodes, relations=list(self.relations.values()))

    def _metadata(self) -> list[tuple[str, str]]:
        seen: dict[str, int] = {}
        for header in self.outline.header:
            near = _near_keyword(header.key)
            if near and header.key.lower() not in seen:
                raise self._error(
                    ArgmapSyntaxError,
                    f"unknown keyword '{header.key}'",
                    "misspelled-keyword",
                    f"did you mean '{near}'?",
                    header.line,
                    header.column,
                    len(header.key),
                )
            if header.key in seen:
                raise self._error(
                    ArgmapSemanticError,
                    f"the header key '{header.key}' is given twice",
                    "duplicate-header",
                    f"it was first given on line {seen[header.key]}",
                    header.line,
                    header.column,
                    len(header.key),
                )
            seen[header.key] = header.line
        return [(header.key, header.value) for header in self.outline.header]

    def _assign_ids(self) -> None:
        unnamed: list[Entry] = []
        definitions_in_order: list[Entry] = []
        for entry in _walk(self.outline.entries):
            if entry.form == "node":
                definitions_in_order.append(entry)
            if entry.form == "group" and entry.id:
                self._claim_id(entry.id, entry)
                self.named_reasons[entry.id] = entry
            elif entry.form == "node":
                if entry.id:
                    self._claim_id(entry.id, entry)
                    self._define(entry.id, entry)
                else:
                    unnamed.append(entry)
        if len(self.definitions) + len(unnamed) > MAX_NODES:
            raise self._at(ArgmapSemanticError, f"the map has more than {MAX_NODES:,} nodes", "too-many-nodes",
                           "split it into several maps", unnamed[-1] if unnamed else self.outline.entries[-1])
        taken = set(self.definitions) | set(self.named_reasons)
        next_number: dict[str, int] = {}
        for entry in unnamed:
            candidate = unique_slug(entry.text or "", entry.keyword or "node", taken, next_number)
            taken.add(candidate)
            self._define(candidate, entry)
        # definitions in file order, whether named or not
        self.definitions = {self.ids[id(entry)]: entry for entry in definitions_in_order}

    def _claim_id(self, node_id: str, entry: Entry) -> None:
        first = self.definitions.get(node_id) or self.named_reasons.get(node_id)
        if first is not None:
            raise self._at(
                ArgmapSemanticError,
                f"the id '{node_id}' is already used",
                "duplicate-id",
                f"it was first defined on line {first.line}; refer to it with '@{node_id}' or choose another id",
                entry,
            )

    def _define(self, node_id: str, entry: Entry) -> None:
        self.ids[id(entry)] = node_id
        self.definitions[node_id] = entry
        self.kinds[node_id] = entry.keyword or ""

    # --- attaching lines -----------------------------------------------------

    def _attach_tree(self, top: Entry) -> None:
        context = self._top_level(top)
        stack = [(child, context) for child in reversed(top.children)]
        while stack:
            entry, parent = stack.pop()
            for child_context, children in self._attach(entry, parent):
                stack.extend((child, child_context) for child in reversed(children))

    def _top_level(self, entry: Entry) -> _Context:
        if entry.form == "node":
            if entry.keyword == "rebuttal":
                raise self._at(ArgmapSemanticError, "a rebuttal with nothing to rebut", "orphan-rebuttal",
                               "indent the rebuttal under the objection it answers", entry)
            if entry.keyword == "undercut":
                raise self._at(ArgmapSemanticError, "an undercut with no inference to attack", "orphan-undercut",
                               "indent the undercut under the premise or objection whose inference it attacks", entry)
            node_id = self.ids[id(entry)]
            return _Context(node_id, None, entry, defines=True, is_evidence=entry.keyword == "evidence")
        if entry.form == "reference":
            if entry.id in self.named_reasons:
                return _Context(None, entry.id, entry, defines=False)
            node_id = self._resolve(entry)
            return _Context(node_id, None, entry, defines=False, is_evidence=self.kinds[node_id] == "evidence")
        if entry.form == "group":
            raise self._at(ArgmapSemanticError, "a reason stands under the claim it supports", "top-level-reason",
                           "indent 'reason:' under the claim or conclusion its premises support", entry)
        raise self._at(ArgmapSemanticError, "tags and attributes on their own line need a node above them",
                       "orphan-annotation", "indent the line under the node it describes", entry)

    def _attach(self, entry: Entry, parent: _Context) -> Iterator[tuple[_Context, list[Entry]]]:
        """Attach *entry* under *parent*; yield the contexts its children attach to."""
        if entry.form == "annotation":
            self._annotate(entry, parent)
            return
        if entry.form == "group":
            yield from self._attach_group(entry, parent)
            return
        node_id = self._node_id_of(entry)
        kind = self._relation_kind(entry, node_id)
        if parent.node_id is None and kind != "undercut":
            raise self._at(ArgmapSemanticError, "only undercuts can stand under a reason named at the left margin",
                           "bad-elaboration", "write premises inside the 'reason:' block itself", entry)
        self._check_leaf(entry, parent, kind)
        target = self._undercut_target(entry, parent) if kind == "undercut" else parent.node_id
        relation = self._add_relation(kind, (node_id,), target, entry, explicit_id=None)
        yield _Context(node_id, relation, entry, defines=entry.form == "node",
                       is_evidence=self.kinds[node_id] == "evidence"), entry.children

    def _attach_group(self, group: Entry, parent: _Context) -> Iterator[tuple[_Context, list[Entry]]]:
        members = [child for child in group.children if child.form in ("node", "reference")]
        kinds = [self._relation_kind(member, self._node_id_of(member)) for member in members]
        polarity = next((kind for kind in kinds if kind != "undercut"), "undercut" if kinds else None)
        if polarity is None:
            raise self._at(ArgmapSyntaxError, "a reason with no premise", "empty-reason",
                           "indent its co-premises under 'reason:', one per line", group)
        if parent.node_id is None and polarity != "undercut":
            raise self._at(ArgmapSemanticError, "only a reason of undercuts can stand under another reason",
                           "nested-reason", "indent the reason under a claim", group)
        co_premises = [m for m, k in zip(members, kinds) if k == polarity]
        undercuts = [m for m, k in zip(members, kinds) if k != polarity]
        for member, kind in zip(members, kinds):
            if kind not in (polarity, "undercut"):
                raise self._at(ArgmapSemanticError, "a reason mixes supporting and attacking members",
                               "mixed-reason", "put premises and objections in separate reasons", member)
        self._check_leaf(group, parent, polarity)
        target = self._undercut_target(group, parent) if polarity == "undercut" else parent.node_id
        premises = tuple(self._node_id_of(member) for member in co_premises)
        relation = self._add_relation(polarity, premises, target, group, explicit_id=group.id)
        for child in group.children:
            if child.form == "annotation":
                raise self._at(ArgmapSemanticError, "a reason has no tags or attributes of its own",
                               "annotated-reason", "put tags and attributes on its premises", child)
        for member in co_premises:
            node_id = self._node_id_of(member)
            yield _Context(node_id, relation, member, defines=member.form == "node",
                           is_evidence=self.kinds[node_id] == "evidence"), member.children
        group_context = _Context(None, relation, group, defines=False)
        # undercuts of the reason's inference, alone or in reasons of their own, in
        # the order they are written (the map keeps relations in that order)
        undercut_entries = {id(member) for member in undercuts}
        for child in group.children:
            if id(child) in undercut_entries:
                yield from self._attach(child, group_context)
            elif child.form == "group":
                yield from self._attach_group(child, group_context)

    def _undercut_target(self, entry: Entry, parent: _Context) -> str:
        if parent.via is None:
            raise self._at(
                ArgmapSemanticError,
                "an undercut under a line that supports or attacks nothing",
                "nothing-to-undercut",
                "an undercut attacks the inference from the line above it to that line's parent: "
                "indent it under a premise, an objection or a reason",
                entry,
            )
        return parent.via

    def _check_leaf(self, entry: Entry, parent: _Context, kind: str) -> None:
        if parent.is_evidence and kind != "undercut":
            raise self._at(
                ArgmapSemanticError,
                "evidence cannot have premises or objections under it",
                "child-of-leaf",
                f"evidence is a leaf; indent this line under the claim the evidence supports (line {parent.entry.line})",
                entry,
            )

    def _annotate(self, entry: Entry, parent: _Context) -> None:
        if not parent.defines or parent.node_id is None:
            where = f" (line {self.definitions[parent.node_id].line})" if parent.node_id in self.definitions else ""
            raise self._at(ArgmapSemanticError, "tags and attributes belong where the node is defined",
                           "misplaced-annotation", f"move this line under the node's definition{where}", entry)
        self.tags.setdefault(parent.node_id, []).extend(entry.tags)
        self.attributes.setdefault(parent.node_id, []).extend(entry.attributes)

    def _node_id_of(self, entry: Entry) -> str:
        if entry.form == "node":
            return self.ids[id(entry)]
        return self._resolve(entry)

    def _relation_kind(self, entry: Entry, node_id: str) -> str:
        keyword = entry.keyword or self.kinds[node_id]
        if keyword == "conclusion":
            if entry.form == "node":
                raise self._at(ArgmapSemanticError, "a conclusion stands at the left margin", "nested-conclusion",
                               "write an intermediate conclusion as 'claim:'", entry)
            raise self._at(ArgmapSemanticError, f"say how '@{entry.id}' bears on the line above",
                           "unclear-reference", f"write 'premise @{entry.id}' or 'objection @{entry.id}'", entry)
        if keyword == "reason":
            raise self._at(ArgmapSemanticError, "'reason @id' cannot be nested", "bad-reference",
                           "write 'premise @id' or 'objection @id'", entry)
        return natural_relation(keyword)

    def _resolve(self, entry: Entry) -> str:
        node_id = entry.id or ""
        if node_id in self.definitions:
            return node_id
        known = list(self.definitions)
        nearest = difflib.get_close_matches(node_id, known, n=3, cutoff=0.6)
        if not nearest:
            nearest = [known_id for known_id in known if known_id.lower() == node_id.lower()][:3]
        hint = ("did you mean " + ", ".join(f"'@{n}'" for n in nearest) + "?") if nearest else (
            "define the node somewhere in the file with an id: 'premise " + node_id + ": ...'"
        )
        at_sign = entry.end_column - len(node_id) - 1
        raise self._error(ArgmapSemanticError, f"no node has the id '{node_id}'", "unknown-id", hint,
                          entry.line, at_sign, len(node_id) + 1)

    def _add_relation(self, kind: str, premises: tuple[str, ...], target: str, entry: Entry,
                      explicit_id: str | None) -> str:
        rel_id = explicit_id or relation_id(kind, premises, target)
        if rel_id in self.relations:
            raise self._at(ArgmapSemanticError, f"this {kind} is already written on line {self.relation_lines[rel_id]}",
                           "duplicate-relation", "remove one of the two lines", entry)
        self.relations[rel_id] = Relation(rel_id, kind, premises, target, span=self._span(entry))
        self.relation_lines[rel_id] = entry.line
        return rel_id

    # --- nodes ---------------------------------------------------------------

    def _node(self, node_id: str, entry: Entry) -> Node:
        tags = entry.tags
        attributes = entry.attributes
        extra_tags = self.tags.get(node_id)
        extra_attributes = self.attributes.get(node_id)
        if extra_tags:
            tags = (*tags, *extra_tags)
        if len(tags) > 1:
            tags = tuple(dict.fromkeys(tags))
        if extra_attributes:
            attributes = (*attributes, *extra_attributes)
        if attributes:
            self._check_attributes(attributes, entry)
        return Node(node_id, entry.keyword, entry.text, tags=tags, attributes=attributes, span=self._span(entry))

    def _span(self, entry: Entry) -> Span:
        span = self.spans.get(id(entry))
        if span is None:
            span = self.spans[id(entry)] = Span(entry.line, entry.column, entry.end_line, entry.end_column)
        return span

    def _check_attributes(self, attributes: tuple[tuple[str, str], ...], entry: Entry) -> None:
        seen: set[str] = set()
        for key, value in attributes:
            if key in seen:
                raise self._at(ArgmapSemanticError, f"the attribute '{key}' is given twice", "duplicate-attribute",
                               "keep one of the two values", entry)
            seen.add(key)
            if key == "verdict" and value not in VERDICTS:
                raise self._at(ArgmapSemanticError, f"'{value}' is not a verdict", "bad-verdict",
                               f"a verdict is one of: {', '.join(VERDICTS)}", entry)
            if key == "weight" and not _is_weight(value):
                raise self._at(ArgmapSemanticError, f"'{value}' is not a weight", "bad-weight",
                               "a weight is a number from 0 to 1, e.g. 0.8", entry)

    # --- errors --------------------------------------------------------------

    def _at(self, cls, message: str, label: str, hint: str, entry: Entry):
        width = entry.end_column - entry.column if entry.end_line == entry.line else 1
        return self._error(cls, message, label, hint, entry.line, entry.column, width)

    def _error(self, cls, message, label, hint, line, column, width):
        lines = self.outline.source_lines
        return cls(
            message,
            label=label,
            hint=hint,
            location=Location(self.outline.filename, line, column, line, column + max(width, 1)),
            excerpt=lines[line - 1] if 0 < line <= len(lines) else None,
        )


def _is_weight(value: str) -> bool:
    try:
        return 0.0 <= float(value) <= 1.0
    except ValueError:
        return False


def _walk(entries: list[Entry]) -> Iterator[Entry]:
    """Every entry in file order, without recursion."""
    stack = list(reversed(entries))
    while stack:
        entry = stack.pop()
        yield entry
        stack.extend(reversed(entry.children))


__all__ = ["build_map", "slug", "KEYWORDS"]
