"""Outline → map: ids are given or generated, references resolved, and every
indented line becomes a relation to the line it is indented under."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from itertools import repeat
from typing import cast

import attrs

from .errors import ArgmapSemanticError, ArgmapSyntaxError, Location
from .limits import MAX_NODES
from .model import (
    NODE_KINDS,
    RELATION_KEYS,
    Map,
    Node,
    Relation,
    RelationKind,
    Span,
    natural_relation,
    relation_id,
    repeated_premise,
)
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


class _Context:
    """What the lines indented under an entry attach to.

    A plain class with slots: one is made for every line that has lines under it.
    """

    __slots__ = ("defines", "entry", "is_evidence", "node_id", "via")

    def __init__(
        self, node_id: str | None, via: str | None, entry: Entry, defines: bool, is_evidence: bool = False
    ) -> None:
        self.node_id = node_id  # the node the line stands for (None for a group)
        self.via = via  # the relation through which that line bears on its parent
        self.entry = entry
        self.defines = defines  # whether the line defines the node (annotations may follow)
        self.is_evidence = is_evidence


_Pending = list[tuple[Entry, _Context]]
"""Lines still to attach, each with its parent's context; the last is attached next."""

_RELATION_OF_KIND: dict[str, RelationKind] = {
    kind: relation for kind in NODE_KINDS if (relation := natural_relation(kind)) is not None
}
"""The relation a node of each kind has to the line it is indented under (a table,
as it is looked up for every line)."""


class _Builder:
    def __init__(self, outline: Outline) -> None:
        self.outline = outline
        self.generated_ids: dict[int, str] = {}  # id(entry) -> id of a node written without one
        self.definitions: dict[str, Entry] = {}
        self.named_reasons: dict[str, Entry] = {}
        self.relations: dict[str, Relation] = {}
        self.annotations: dict[str, list[Entry]] = {}  # node id -> its annotation lines
        self.node_spans: dict[str, Span] = {}  # shared by a node and the relation its line makes
        self.line_relations: dict[str, str] = {}  # node id -> the relation its defining line makes
        self.co_premises: set[str] = set()  # nodes defined as members of a reason

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
            relations = list(self.relations.values())
            return Map(metadata=metadata, nodes=nodes, relations=relations)

    def _relation_attributes(self, node_id: str, pairs: list[tuple[str, str]], entry: Entry) -> None:
        """Give the relation made by a node's defining line the inference's
        attributes written on that line (``{scheme: ...}`` on a premise)."""
        relation = self.line_relations.get(node_id)
        if relation is None:
            where = (
                "put it on the 'reason:' line of the reason"
                if node_id in self.co_premises
                else "a scheme names how a premise supports the line above: put it on a premise or a 'reason:'"
            )
            raise self._at(
                ArgmapSemanticError,
                f"'{pairs[0][0]}' belongs to an inference, and this line makes none of its own",
                "misplaced-scheme",
                where,
                entry,
            )
        current = self.relations[relation]
        self.relations[relation] = attrs.evolve(current, attributes=(*current.attributes, *pairs))

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
        """Claim the ids written in the file, then give the other nodes slugs; the
        definitions end up in file order, whether named or not."""
        claimed: dict[str, Entry] = {}  # every id written, nodes' and reasons', with its first line
        node_lines: list[Entry] = []
        unnamed: list[Entry] = []
        for entry in _walk(self.outline.entries):
            form = entry.form
            if form == "node":
                node_lines.append(entry)
                if not entry.id:
                    unnamed.append(entry)
                elif claimed.setdefault(entry.id, entry) is not entry:
                    raise self._duplicate_id(entry, claimed[entry.id])
            elif form == "group" and entry.id:
                if claimed.setdefault(entry.id, entry) is not entry:
                    raise self._duplicate_id(entry, claimed[entry.id])
                self.named_reasons[entry.id] = entry
        if len(node_lines) > MAX_NODES:
            raise self._at(
                ArgmapSemanticError,
                f"the map has more than {MAX_NODES:,} nodes",
                "too-many-nodes",
                "split it into several maps",
                unnamed[-1] if unnamed else self.outline.entries[-1],
            )
        taken = set(claimed)
        next_number: dict[str, int] = {}
        for entry in unnamed:
            candidate = unique_slug(entry.text or "", entry.keyword or "node", taken, next_number)
            taken.add(candidate)
            self.generated_ids[id(entry)] = candidate
        self.definitions = {self._node_id_of(entry): entry for entry in node_lines}

    def _duplicate_id(self, entry: Entry, first: Entry) -> ArgmapSemanticError:
        """The error for *entry* writing an id that *first* wrote already."""
        return self._at(
            ArgmapSemanticError,
            f"the id '{entry.id}' is already used",
            "duplicate-id",
            f"it was first defined on line {first.line}; refer to it with '@{entry.id}' or choose another id",
            entry,
        )

    # --- attaching lines -----------------------------------------------------

    def _attach_tree(self, top: Entry) -> None:
        pending: _Pending = []
        _push_children(pending, top, self._top_level(top))
        while pending:
            entry, parent = pending.pop()
            self._attach(entry, parent, pending)

    def _top_level(self, entry: Entry) -> _Context:
        if entry.form == "node":
            if entry.keyword == "rebuttal":
                raise self._at(
                    ArgmapSemanticError,
                    "a rebuttal with nothing to rebut",
                    "orphan-rebuttal",
                    "indent the rebuttal under the objection it answers",
                    entry,
                )
            if entry.keyword == "undercut":
                raise self._at(
                    ArgmapSemanticError,
                    "an undercut with no inference to attack",
                    "orphan-undercut",
                    "indent the undercut under the premise or objection whose inference it attacks",
                    entry,
                )
            node_id = self._node_id_of(entry)
            return _Context(node_id, None, entry, defines=True, is_evidence=entry.keyword == "evidence")
        if entry.form == "reference":
            if entry.id in self.named_reasons:
                return _Context(None, entry.id, entry, defines=False)
            node_id = self._resolve(entry)
            return _Context(
                node_id, None, entry, defines=False, is_evidence=self.definitions[node_id].keyword == "evidence"
            )
        if entry.form == "group":
            raise self._at(
                ArgmapSemanticError,
                "a reason stands under the claim it supports",
                "top-level-reason",
                "indent 'reason:' under the claim or conclusion its premises support",
                entry,
            )
        raise self._at(
            ArgmapSemanticError,
            "tags and attributes on their own line need a node above them",
            "orphan-annotation",
            "indent the line under the node it describes",
            entry,
        )

    def _attach(self, entry: Entry, parent: _Context, pending: _Pending) -> None:
        """Attach *entry* under *parent*; push the lines under it onto *pending*."""
        form = entry.form
        if form == "annotation":
            self._annotate(entry, parent)
            return
        if form == "group":
            self._attach_group(entry, parent, pending)
            return
        node_id = self._node_id_of(entry)
        kind = self._relation_kind(entry, node_id)
        if parent.node_id is None and kind != "undercut":
            raise self._at(
                ArgmapSemanticError,
                "only undercuts can stand under a reason named at the left margin",
                "bad-elaboration",
                "write premises inside the 'reason:' block itself",
                entry,
            )
        if parent.is_evidence and kind != "undercut":
            raise self._child_of_leaf(entry, parent)
        target = self._target(kind, entry, parent)
        span = _span(entry)
        relation = self._add_relation(kind, (node_id,), target, entry, span, explicit_id=None)
        if form == "node":  # the line defines the node: its span is the node's too
            self.node_spans[node_id] = span
            self.line_relations[node_id] = relation
        if entry.children:
            _push_children(pending, entry, self._context(node_id, relation, entry))

    def _attach_group(self, group: Entry, parent: _Context, pending: _Pending) -> None:
        """Attach a reason: one relation from its co-premises, then its undercuts."""
        members = [child for child in group.children if child.form in ("node", "reference")]
        member_ids, kinds = self._members(members)
        polarity = self._polarity(group, parent, members, kinds)
        target = self._target(polarity, group, parent)
        co_premises = [
            (member, node_id)
            for member, node_id, kind in zip(members, member_ids, kinds, strict=True)
            if kind == polarity
        ]
        premises = tuple(node_id for _, node_id in co_premises)
        repeated = repeated_premise(premises)
        if repeated is not None:
            raise self._repeated_co_premise(co_premises, repeated)
        relation = self._add_relation(
            polarity, premises, target, group, _span(group), explicit_id=group.id, attributes=group.attributes
        )
        self.co_premises.update(node_id for member, node_id in co_premises if member.form == "node")
        self._refuse_annotations(group)
        for member, node_id in co_premises:
            if member.children:
                _push_children(pending, member, self._context(node_id, relation, member))
        if len(co_premises) < len(group.children):
            undercuts = [member for member, kind in zip(members, kinds, strict=True) if kind != polarity]
            self._attach_reason_undercuts(group, relation, undercuts, pending)

    def _members(self, members: list[Entry]) -> tuple[list[str], list[str]]:
        """The node ids of a reason's members and the relation each line makes."""
        member_ids = []
        kinds = []
        for member in members:
            node_id = self._node_id_of(member)
            member_ids.append(node_id)
            kinds.append(self._relation_kind(member, node_id))
        return member_ids, kinds

    def _polarity(self, group: Entry, parent: _Context, members: list[Entry], kinds: list[str]) -> str:
        """Whether a reason supports, attacks or undercuts (the relation of its first
        member that is not an undercut), refusing a reason that cannot stand here."""
        polarity = next((kind for kind in kinds if kind != "undercut"), "undercut" if kinds else None)
        if polarity is None:
            raise self._at(
                ArgmapSyntaxError,
                "a reason with no premise",
                "empty-reason",
                "indent its co-premises under 'reason:', one per line",
                group,
            )
        if parent.node_id is None and polarity != "undercut":
            raise self._at(
                ArgmapSemanticError,
                "only a reason of undercuts can stand under another reason",
                "nested-reason",
                "indent the reason under a claim",
                group,
            )
        for member, kind in zip(members, kinds, strict=True):
            if kind not in (polarity, "undercut"):
                raise self._at(
                    ArgmapSemanticError,
                    "a reason mixes supporting and attacking members",
                    "mixed-reason",
                    "put premises and objections in separate reasons",
                    member,
                )
        if parent.is_evidence and polarity != "undercut":
            raise self._child_of_leaf(group, parent)
        return polarity

    def _refuse_annotations(self, group: Entry) -> None:
        """A line of tags or attributes right under 'reason:' is a mistake."""
        for child in group.children:
            if child.form == "annotation":
                raise self._at(
                    ArgmapSemanticError,
                    "a reason has no tags, and its attributes stand on its own line",
                    "annotated-reason",
                    "put tags on its premises, and write attributes on the 'reason:' line: 'reason: {scheme: analogy}'",
                    child,
                )

    def _repeated_co_premise(self, co_premises: list[tuple[Entry, str]], node_id: str) -> ArgmapSemanticError:
        first, second = [member for member, member_id in co_premises if member_id == node_id][:2]
        return self._at(
            ArgmapSemanticError,
            f"'{node_id}' is already a co-premise of this reason",
            "repeated-co-premise",
            f"a co-premise counts once: remove this line or the one on line {first.line}",
            second,
        )

    def _attach_reason_undercuts(self, group: Entry, relation: str, undercuts: list[Entry], pending: _Pending) -> None:
        """Attach the undercuts of a reason's inference, alone or in reasons of their
        own, in the order they are written (the map keeps relations in that order)."""
        group_context = _Context(None, relation, group, defines=False)
        undercut_entries = {id(member) for member in undercuts}
        for child in group.children:
            if id(child) in undercut_entries:
                self._attach(child, group_context, pending)
            elif child.form == "group":
                self._attach_group(child, group_context, pending)

    def _context(self, node_id: str, relation: str, entry: Entry) -> _Context:
        """The context of a line that bears on its parent through *relation*."""
        return _Context(
            node_id,
            relation,
            entry,
            defines=entry.form == "node",
            is_evidence=self.definitions[node_id].keyword == "evidence",
        )

    def _target(self, kind: str, entry: Entry, parent: _Context) -> str:
        """What the relation made by *entry* bears on: the parent's node, or for an
        undercut the inference through which the parent bears on its own parent."""
        if kind == "undercut":
            return self._undercut_target(entry, parent)
        assert parent.node_id is not None  # refused before: only undercuts stand under a reason
        return parent.node_id

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

    def _child_of_leaf(self, entry: Entry, parent: _Context) -> ArgmapSemanticError:
        """The error for *entry* supporting or attacking evidence: the hint names the
        line of the claim the evidence supports, where the line belongs."""
        relation = self.relations.get(parent.via) if parent.via else None
        claim = self.definitions.get(relation.target) if relation is not None else None
        where = f"the claim the evidence supports (line {claim.line})" if claim is not None else "a claim"
        return self._at(
            ArgmapSemanticError,
            "evidence cannot have premises or objections under it",
            "child-of-leaf",
            f"evidence is a leaf; indent this line under {where}",
            entry,
        )

    def _annotate(self, entry: Entry, parent: _Context) -> None:
        if not parent.defines or parent.node_id is None:
            where = f" (line {self.definitions[parent.node_id].line})" if parent.node_id in self.definitions else ""
            raise self._at(
                ArgmapSemanticError,
                "tags and attributes belong where the node is defined",
                "misplaced-annotation",
                f"move this line under the node's definition{where}",
                entry,
            )
        if entry.children:  # they would be cut loose from the map, and fmt would re-attach them
            raise self._at(
                ArgmapSemanticError,
                "nothing stands under a line of tags and attributes",
                "under-annotation",
                "indent this line as far as the tags and attributes above it, "
                "so that it stands under the node they describe",
                entry.children[0],
            )
        self.annotations.setdefault(parent.node_id, []).append(entry)

    def _node_id_of(self, entry: Entry) -> str:
        """The node a node line defines (its id written, or generated) or a reference names."""
        if entry.form == "node":
            return entry.id or self.generated_ids[id(entry)]
        return self._resolve(entry)

    def _relation_kind(self, entry: Entry, node_id: str) -> str:
        keyword = entry.keyword or self.definitions[node_id].keyword or ""
        if keyword == "conclusion":
            if entry.form == "node":
                raise self._at(
                    ArgmapSemanticError,
                    "a conclusion stands at the left margin",
                    "nested-conclusion",
                    "write an intermediate conclusion as 'claim:'",
                    entry,
                )
            raise self._at(
                ArgmapSemanticError,
                f"say how '@{entry.id}' bears on the line above",
                "unclear-reference",
                f"write 'premise @{entry.id}' or 'objection @{entry.id}'",
                entry,
            )
        if keyword == "reason":
            raise self._at(
                ArgmapSemanticError,
                "'reason @id' cannot be nested",
                "bad-reference",
                "write 'premise @id' or 'objection @id'",
                entry,
            )
        return _RELATION_OF_KIND[keyword]

    def _resolve(self, entry: Entry) -> str:
        node_id = entry.id or ""
        if node_id in self.definitions:
            return node_id
        if node_id in self.named_reasons:
            raise self._reference_to_reason(entry, self.named_reasons[node_id])
        known = list(self.definitions)
        nearest = difflib.get_close_matches(node_id, known, n=3, cutoff=0.6)
        if not nearest:
            nearest = [known_id for known_id in known if known_id.lower() == node_id.lower()][:3]
        hint = (
            ("did you mean " + ", ".join(f"'@{n}'" for n in nearest) + "?")
            if nearest
            else ("define the node somewhere in the file with an id: 'premise " + node_id + ": ...'")
        )
        at_sign = entry.end_column - len(node_id) - 1
        raise self._error(
            ArgmapSemanticError,
            f"no node has the id '{node_id}'",
            "unknown-id",
            hint,
            entry.line,
            at_sign,
            len(node_id) + 1,
        )

    def _reference_to_reason(self, entry: Entry, group: Entry) -> ArgmapSemanticError:
        """The error for '@r' naming a reason where a node is expected."""
        members = [
            self._node_id_of(child)
            for child in group.children
            if child.form == "node" or (child.form == "reference" and child.id in self.definitions)
        ][:3]
        premises = " or ".join(f"'@{member}'" for member in members) or "one of its premises"
        return self._error(
            ArgmapSemanticError,
            f"'{entry.id}' is the id of a reason (line {group.line}), not of a statement",
            "reference-to-reason",
            f"refer to a premise of the reason, such as {premises}; to attack the reason's inference, "
            f"write '@{entry.id}' at the left margin with an 'undercut:' under it",
            entry.line,
            entry.end_column - len(entry.id or "") - 1,
            len(entry.id or "") + 1,
        )

    def _add_relation(
        self,
        kind: str,
        premises: tuple[str, ...],
        target: str,
        entry: Entry,
        span: Span,
        explicit_id: str | None,
        attributes: tuple[tuple[str, str], ...] = (),
    ) -> str:
        rel_id = explicit_id or relation_id(kind, premises, target)
        first = self.relations.get(rel_id)
        if first is not None:
            assert first.span is not None  # every relation built here has its line's span
            raise self._at(
                ArgmapSemanticError,
                f"this {kind} is already written on line {first.span.line}",
                "duplicate-relation",
                "remove one of the two lines",
                entry,
            )
        if attributes:
            self._check_attributes(attributes, entry)
        self.relations[rel_id] = Relation(
            rel_id,
            cast(RelationKind, kind),  # a kind of _RELATION_OF_KIND
            premises,
            target,
            span=span,
            attributes=attributes,
        )
        return rel_id

    # --- nodes ---------------------------------------------------------------

    def _node(self, node_id: str, entry: Entry) -> Node:
        tags, attributes = self._annotated(node_id, entry)
        if attributes:
            self._check_attributes(attributes, entry)
            if not RELATION_KEYS.isdisjoint(key for key, _ in attributes):
                self._relation_attributes(node_id, [pair for pair in attributes if pair[0] in RELATION_KEYS], entry)
                attributes = tuple(pair for pair in attributes if pair[0] not in RELATION_KEYS)
        assert entry.keyword is not None and entry.text is not None  # a node line has both (the reader)
        return Node(
            node_id,
            entry.keyword,
            entry.text,
            tags=tags,
            attributes=attributes,
            span=self.node_spans.get(node_id) or _span(entry),
        )

    def _annotated(self, node_id: str, entry: Entry) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        """The tags (each once) and attributes of a node: on its line, then on the
        annotation lines under it."""
        tags = entry.tags
        attributes = entry.attributes
        annotations = self.annotations.get(node_id)
        if annotations:
            tags = (*tags, *(tag for line in annotations for tag in line.tags))
            attributes = (*attributes, *(pair for line in annotations for pair in line.attributes))
        if len(tags) > 1:
            tags = tuple(dict.fromkeys(tags))
        return tags, attributes

    def _check_attributes(self, attributes: tuple[tuple[str, str], ...], entry: Entry) -> None:
        seen: set[str] = set()
        for key, value in attributes:
            if key in seen:
                raise self._at(
                    ArgmapSemanticError,
                    f"the attribute '{key}' is given twice",
                    "duplicate-attribute",
                    "keep one of the two values",
                    entry,
                )
            seen.add(key)
            problem = attribute_value_problem(key, value)
            if problem is not None:
                message, label, hint = problem
                raise self._at(ArgmapSemanticError, message, label, hint, entry)

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


def attribute_value_problem(key: str, value: str) -> tuple[str, str, str] | None:
    """Why *value* cannot be the value of attribute *key* (message, label, hint), or
    None when it can: a verdict is one of :data:`VERDICTS`, a weight a number from 0 to 1."""
    if key == "verdict" and value not in VERDICTS:
        return f"'{value}' is not a verdict", "bad-verdict", f"a verdict is one of: {', '.join(VERDICTS)}"
    if key == "weight" and not _is_weight(value):
        return f"'{value}' is not a weight", "bad-weight", "a weight is a number from 0 to 1, e.g. 0.8"
    return None


def _is_weight(value: str) -> bool:
    try:
        return 0.0 <= float(value) <= 1.0
    except ValueError:
        return False


def _span(entry: Entry) -> Span:
    """Where *entry* stands in the file."""
    return Span(entry.line, entry.column, entry.end_line, entry.end_column)


def _push_children(pending: _Pending, entry: Entry, context: _Context) -> None:
    """Push the lines under *entry* so that they are attached in the order written."""
    pending.extend(zip(reversed(entry.children), repeat(context)))


def _walk(entries: list[Entry]) -> Iterator[Entry]:
    """Every entry in file order, without recursion."""
    stack = list(reversed(entries))
    while stack:
        entry = stack.pop()
        yield entry
        if entry.children:
            stack.extend(reversed(entry.children))


__all__ = ["build_map", "slug", "KEYWORDS", "attribute_value_problem"]
