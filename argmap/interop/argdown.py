"""Map → Argdown text that the Argdown tools read as the same statements and relations.

The output has two parts:

1. The statements, as trees of Argdown relations: every node is a statement
   ``[title]: text`` (or, if it came from an Argdown argument without premise–conclusion
   structure, ``<title>: gist``), and every plain relation (one premise, no id of its
   own, not undercut) is a ``<+`` or ``<-`` line under its target.
2. One reconstructed argument per remaining relation (linked, named, undercut, or
   an undercut itself): ``<title>`` with its premise–conclusion structure. A support
   concludes in its target; an attack or undercut concludes in a stand-in statement
   that attacks (``->``) the target or undercuts (``_>``) the argument it aims at.

What Argdown has no syntax for travels in data blocks (see :mod:`.argdown_keys`), so
that :func:`~.argdown_read.from_argdown` gives back the same map. A reason that names a
scheme is always a reconstructed argument, its scheme in the data of its inference
(``-- {scheme: expert-opinion} --``), where Argdown keeps what an inference says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import attrs

from ..jsonio import nesting_depth
from ..limits import MAX_JSON_DEPTH
from ..model import Map, Node, Relation, relation_id
from . import argdown_keys as keys
from .argdown_model import shortcode
from .building import derive_kinds, slugify
from .outline import outline

_TITLE_RE = re.compile(r"[^\s\[\]<>\n-][^\[\]<>\n]*\Z")
_BARE_TAG_RE = re.compile(r"[a-zA-Z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+\Z")
_SPECIAL_RE = re.compile(r"(?:\.\S+?\.[ \t]?)|(?::\S+?:[ \t]?)")
_ALWAYS_ESCAPED = frozenset("\\#*_[<{")
_ARROWS = {"support": "<+", "attack": "<-"}
_PLAIN_KEY_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_YAML_WORDS = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})


def to_argdown(map: Map) -> str:
    """The map as Argdown text."""
    return _Writer(map).write()


def escape_text(text: str, inference: bool = False) -> str:
    r"""Text that Argdown reads back unchanged (in an inference line if *inference*).

    >>> escape_text("a snake_case #tag [x] :heart: //no e.g. this")
    'a snake\\_case \\#tag \\[x] \\:heart: \\//no e.g. this'
    """
    out: list[str] = []
    equals = "===" in text
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1 : index + 2]
        if (
            char in _ALWAYS_ESCAPED
            or (char == "/" and following in ("/", "*"))
            or (equals and char == "=")
            or (inference and char == "-" and following == "-")
        ):
            out.append("\\" + char)
            index += 1
            continue
        if char in ".:":
            match = _SPECIAL_RE.match(text, index)
            if match and shortcode(match.group(0)):
                out.append("\\" + char)
                index += 1
                continue
            if match:  # Argdown reads it as one token, kept as written
                out.append(match.group(0))
                index = match.end()
                continue
        out.append(char)
        index += 1
    return "".join(out)


def _tag(tag: str) -> str:
    return f"#{tag}" if _BARE_TAG_RE.match(tag) else f"#({tag})"


def _data_block(value) -> str:
    """A value as JSON (which YAML reads), with the braces inside strings escaped so
    that Argdown's data block does not end early."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_data_block(str(k))}: {_data_block(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_data_block(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False).replace("{", "\\u007b").replace("}", "\\u007d")


@attrs.define
class _ReasonFacts:
    """What a reconstructed argument written for a relation shows besides its pcs."""

    title: str
    gist: str | None = None
    tags: list[str] = attrs.Factory(list)
    data: dict = attrs.Factory(dict)
    rules: str | None = None
    inference_data: dict | None = None


class _Writer:
    def __init__(self, map: Map) -> None:
        self.map = map
        self.plain, self.reasons = self._split_relations(map.relations)
        reason_ids = {r.id for r in self.reasons}
        self.undercuts: dict[str, list[Relation]] = {}
        for relation in map.relations:
            if relation.kind == "undercut" and relation.id not in reason_ids:
                self.undercuts.setdefault(relation.target, []).append(relation)
        self.derived = derive_kinds([n.id for n in map.nodes], map.relations)
        self.consumed: dict[str, set[str]] = {n.id: set() for n in map.nodes}
        self.is_argument = self._written_as_arguments()
        self.titles = self._node_titles()
        self._reason_number = 0
        self.facts = self._reason_facts()
        self.defined: set[str] = set()
        self.deferred = self._deferred()

    @classmethod
    def _split_relations(cls, relations: Sequence[Relation]) -> tuple[set[str], list[Relation]]:
        """The ids of the relations written as plain ``<+``/``<-`` lines, and the
        relations written as reconstructed arguments (a bare undercut of no undercut
        is neither: it is written under the argument it undercuts)."""
        undercut_targets = {r.target for r in relations if r.kind == "undercut"}

        def bare(relation: Relation) -> bool:
            return cls._bare(relation) and relation.id not in undercut_targets

        plain = {r.id for r in relations if r.kind in _ARROWS and bare(r)}
        reasons = [r for r in relations if r.id not in plain and not (r.kind == "undercut" and bare(r))]
        return plain, reasons

    def _written_as_arguments(self) -> dict[str, bool]:
        """Whether each node is written as an Argdown argument: it has an argument
        title and is neither a premise nor the conclusion of a reconstructed reason."""
        in_reasons = {p for r in self.reasons for p in r.premises}
        in_reasons.update(r.target for r in self.reasons if r.kind == "support")
        return {n.id: n.attribute(keys.ARGUMENT) is not None and n.id not in in_reasons for n in self.map.nodes}

    def _deferred(self) -> set[str]:
        """The nodes that take part in no plain relation but that a reason needs:
        they are written where a reason first needs them."""
        relations = self.map.relations
        in_plain = {node_id for r in relations if r.id in self.plain for node_id in (*r.premises, r.target)}
        needed = {p for r in relations if r.id not in self.plain for p in r.premises}
        needed.update(r.target for r in self.reasons if self.map.has_node(r.target))
        return needed - in_plain

    @staticmethod
    def _bare(relation: Relation) -> bool:
        """Whether a relation can be a plain ``<+``/``<-`` line: one premise, no id
        and no attributes (a scheme goes in the data of an inference)."""
        return (
            not relation.is_linked
            and not relation.attributes
            and relation.id == relation_id(relation.kind, relation.premises, relation.target)
        )

    # --- titles ---------------------------------------------------------------------

    def _node_titles(self) -> dict[str, str]:
        titles: dict[str, str] = {}
        used: dict[bool, set[str]] = {True: set(), False: set()}
        for node in self.map.nodes:
            argument = self.is_argument[node.id]
            key = keys.ARGUMENT if argument else keys.TITLE
            wanted = node.attribute(key)
            title = (
                wanted if wanted is not None and _names(wanted, node.id) and wanted not in used[argument] else node.id
            )
            if argument or title == wanted:
                self.consumed[node.id].add(key)
            used[argument].add(title)
            titles[node.id] = title
        self.used_titles = used
        return titles

    def _reason_facts(self) -> dict[str, _ReasonFacts]:
        """Title, gist, tags, data and inference of each reason's argument, taken from
        the attributes of its holder (which then are not written again as data)."""
        facts: dict[str, _ReasonFacts] = {}
        used = self.used_titles[True]
        for relation in self.reasons:
            holder = self.map.node(keys.holder_of(self.map, relation))
            title = self._reason_title(relation, holder, used)
            used.add(title)
            fact = facts[relation.id] = _ReasonFacts(title, gist=self._take(holder, "argdown-gist", relation.id))
            tags = self._take(holder, "argdown-tags", relation.id) or ""
            fact.tags = [tag.strip() for tag in tags.split(",") if tag.strip()]
            fact.data = self._take_json(holder, "argdown-data", relation.id) or {}
            if self._anonymous(relation):
                fact.data[keys.DATA_MARK] = keys.ANONYMOUS
            fact.rules = self._take(holder, "argdown-inference", relation.id)
            fact.inference_data = self._take_json(holder, "argdown-inference-data", relation.id)
            if relation.attributes:  # the scheme: in the inference's data, where Argdown keeps inference facts
                fact.inference_data = {**(fact.inference_data or {}), **dict(relation.attributes)}
        return facts

    def _reason_title(self, relation: Relation, holder: Node, used: set[str]) -> str:
        """The title kept for the reason, or its id, or for a reason without id ``Reason n``."""
        if not self._anonymous(relation):
            wanted = holder.attribute(keys.reason_key(keys.ARGUMENT, relation.id))
            if wanted is not None and _names(wanted, relation.id) and wanted not in used:
                self._take(holder, keys.ARGUMENT, relation.id)
                return wanted
            if relation.id not in used:
                return relation.id
        while f"Reason {self._reason_number}" in used or self._reason_number == 0:
            self._reason_number += 1
        return f"Reason {self._reason_number}"

    def _take(self, holder: Node, prefix: str, relation_id_: str) -> str | None:
        """The value of a reason's attribute on its holder, which is then not written as data."""
        key = keys.reason_key(prefix, relation_id_)
        value = holder.attribute(key)
        if value is not None:
            self.consumed[holder.id].add(key)
        return value

    def _take_json(self, holder: Node, prefix: str, relation_id_: str) -> dict | None:
        """:meth:`_take` for an attribute that holds a JSON object (others stay data)."""
        value = _json_value(holder.attribute(keys.reason_key(prefix, relation_id_)) or "")
        if not isinstance(value, dict):
            return None
        self._take(holder, prefix, relation_id_)
        return dict(value)

    def _anonymous(self, relation: Relation) -> bool:
        return relation.id == relation_id(relation.kind, relation.premises, relation.target)

    # --- the file ----------------------------------------------------------------------

    def write(self) -> str:
        blocks = [self._front_matter(), *self._statement_blocks(), *self._reason_blocks()]
        return "\n\n".join(block for block in blocks if block) + "\n"

    def _front_matter(self) -> str:
        if not self.map.metadata:
            return ""
        lines = ["==="]
        for key, value in self.map.metadata:
            parsed = _json_value(value)
            if key == "model" and isinstance(parsed, dict):
                # argmap writes every relation explicitly, as loose mode reads them
                parsed = {**parsed, "mode": "loose"}
            text = json.dumps(parsed if parsed is not None else value, ensure_ascii=False)
            if "===" in text:
                text = text.replace("=", "\\u003d")
            name = key if _PLAIN_KEY_RE.match(key) and key.lower() not in _YAML_WORDS else json.dumps(key)
            lines.append(f"{name}: {text}")
        lines.append("===")
        return "\n".join(lines)

    def _statement_blocks(self) -> list[str]:
        blocks: list[list[str]] = []
        for line in outline(self.map, follow=lambda relation: relation.id in self.plain):
            node = line.node
            if node is None:  # the line of a linked reason: plain relations have one premise
                raise ValueError("a linked reason among the plain relations")
            if line.depth == 0:
                if node.id in self.deferred:
                    continue
                blocks.append([])
            indent = "  " * line.depth
            arrow = _ARROWS[line.relation.kind] + " " if line.relation is not None else ""
            blocks[-1].append(indent + arrow + (self._definition(node) if line.first else self._reference(node.id)))
        return ["\n".join(block) for block in blocks]

    def _reason_blocks(self) -> list[str]:
        blocks = []
        for relation in self.reasons:
            fact = self.facts[relation.id]
            head = f"<{fact.title}>" + (f": {escape_text(fact.gist)}" if fact.gist else "")
            head += "".join(" " + _tag(tag) for tag in fact.tags)
            if fact.data:
                head += " " + _data_block(fact.data)
            lines = [head] + [f"  <_ {self._mention(u.premises[0])}" for u in self.undercuts.get(relation.id, ())]
            pcs = [f"({number}) {self._mention(premise)}" for number, premise in enumerate(relation.premises, start=1)]
            pcs.append(self._inference_line(fact))
            number = len(relation.premises) + 1
            if relation.kind == "support":
                pcs.append(f"({number}) {self._mention(relation.target)}")
            else:
                pcs.extend(self._stand_in(relation, fact.title, number))
            blocks.append("\n".join(lines) + "\n\n" + "\n".join(pcs))
        return blocks

    def _inference_line(self, fact: _ReasonFacts) -> str:
        parts = []
        if fact.rules:
            parts.append(", ".join(escape_text(rule.strip(), inference=True) for rule in fact.rules.split(",")))
        if fact.inference_data:
            parts.append(_data_block(fact.inference_data))
        return f"-- {' '.join(parts)} --" if parts else "----"

    def _stand_in(self, relation: Relation, title: str, number: int) -> list[str]:
        """The conclusion of an argument that attacks: a statement standing in for the
        attack, marked so that the reader turns it back into a linked attack."""
        name = f"{title} (conclusion)"
        while name in self.used_titles[False]:
            name += "'"
        self.used_titles[False].add(name)
        if relation.kind == "undercut":
            aimed = f"<{self.facts[relation.target].title}>"
            text, arrow = f"{escape_text('The inference of')} @{aimed} {escape_text('does not hold.')}", "_>"
        else:
            aimed = self._reference(relation.target)
            text, arrow = f"{escape_text('Against')} @{aimed}", "->"
        mark = _data_block({keys.DATA_MARK: relation.kind})
        member = aimed if relation.kind == "undercut" else self._mention(relation.target)
        return [f"({number}) [{name}]: {text} {mark}", f"  {arrow} {member}"]

    # --- statements ------------------------------------------------------------------

    def _reference(self, node_id: str) -> str:
        title = self.titles[node_id]
        return f"<{title}>" if self.is_argument[node_id] else f"[{title}]"

    def _mention(self, node_id: str) -> str:
        """The node's definition where it is first written, else a reference to it."""
        if node_id in self.defined:
            return self._reference(node_id)
        return self._definition(self.map.node(node_id))

    def _definition(self, node: Node) -> str:
        self.defined.add(node.id)
        text = node.text.replace("\n", " ")
        line = f"{self._reference(node.id)}: {escape_text(text)}"
        if node.tags:
            line += " " + " ".join(_tag(tag) for tag in node.tags)
        consumed = self.consumed[node.id]
        items = {key: value for key, value in node.attributes if key not in consumed}
        if "\n" in node.text:
            items[keys.DATA_TEXT] = node.text
        if node.kind != self.derived[node.id]:
            items[keys.DATA_KIND] = node.kind
        if items:
            line += " " + _data_block(items)
        return line


def _names(title: str, node_id: str) -> bool:
    """Whether *title* can stand in Argdown brackets and reads back as *node_id*."""
    return bool(_TITLE_RE.match(title)) and title.strip() == title and (title == node_id or slugify(title) == node_id)


def _json_value(text: str):
    """The JSON object or list *text* holds, if it is one written as argmap writes it
    (never nested more than MAX_JSON_DEPTH levels: it is written out by recursion)."""
    if not text or text[0] not in "[{":
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if nesting_depth(value) > MAX_JSON_DEPTH or json.dumps(value, ensure_ascii=False) != text:
        return None
    return value
