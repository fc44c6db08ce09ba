"""An Argdown syntax tree → the Argdown model, as the Argdown 1.7.5 tools build it.

The model has three parts, the ones ``argdown json`` reports:

- *statements*: equivalence classes, one per title. Every ``[Title]`` adds a member;
  a statement without a title gets one (``Untitled 3``).
- *arguments*: one per ``<Title>``, with descriptions (gists) and, for a
  reconstructed argument, its premise–conclusion structure (pcs).
- *relations* between statements, arguments and inferences: support, attack,
  undercut, contradictory, and in strict mode entails and contrary.

After reading, Argdown moves the relations of a reconstructed argument to its
conclusion, aims undercuts of it at its last inference, and in strict mode turns
support and attack between statements into entailment and contrariety. This module
does the same, so that an import sees what the Argdown tools see.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from . import argdown_lex as lex
from .argdown_parse import (
    Argument,
    Document,
    Emphasis,
    Heading,
    Inference,
    ListBlock,
    NumberedStatement,
    Pcs,
    Relation,
    Statement,
)
from .errors import ArgdownSyntaxError
from .yamlish import YamlError, load

SUPPORT, ATTACK, UNDERCUT = "support", "attack", "undercut"
CONTRADICTORY, CONTRARY, ENTAILS = "contradictory", "contrary", "entails"
PREMISE, INTERMEDIARY, MAIN_CONCLUSION = "premise", "intermediary-conclusion", "main-conclusion"
_RELATION_OF_TOKEN = {  # token -> (relation type, whether the line's member is the source)
    lex.INCOMING_SUPPORT: (SUPPORT, False),
    lex.INCOMING_ATTACK: (ATTACK, False),
    lex.OUTGOING_SUPPORT: (SUPPORT, True),
    lex.OUTGOING_ATTACK: (ATTACK, True),
    lex.CONTRADICTION: (CONTRADICTORY, False),
    lex.INCOMING_UNDERCUT: (UNDERCUT, False),
    lex.OUTGOING_UNDERCUT: (UNDERCUT, True),
}
_TAG_RE = re.compile(r"#(?:\(([^)]+)\)|([a-zA-z0-9\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+))")
_LINK_RE = re.compile(r"\[(.+)\]\((.+)\)", re.DOTALL)  # a link may run over lines
# The shortcodes Argdown replaces in text (`.->.` is an arrow, `:heart:` a heart).
SHORTCODES = {
    "A": "∀",
    "E": "∃",
    "O": "𝗢",
    "P": "𝗣",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "v_": "⊻",
    "<>": "◇",
    "[]": "◻",
    "happy": "😀",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "?": "❓",
    "question": "❓",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eye-roll": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "star": "⭐",
    "y": "✔",
    "agree": "✔",
    "n": "❌",
    "disagree": "❌",
}


def shortcode(image: str) -> str | None:
    """The character a shortcode such as ``:heart:`` or ``.->.`` stands for, if it is one.

    >>> shortcode(":heart:"), shortcode(".->. "), shortcode(".g.")
    ('❤', '→', None)
    """
    word = image.strip()
    if len(word) > 1 and word[0] in ".:" and word[-1] == word[0]:
        if word == ":smile:":
            return "☺️"
        if word == ".smile.":
            return "☺"
        return SHORTCODES.get(word[1:-1])
    return None


class RelationList:
    """A member's relations in the order added. Unlike a list, it removes a relation
    and tells whether it holds one in constant time: a member may have thousands."""

    def __init__(self) -> None:
        self._relations: dict[int, ModelRelation] = {}  # by the number of the append
        self._appends: dict[int, list[int]] = {}  # id(relation) -> the numbers of its appends, earliest first
        self._count = 0

    def append(self, relation: ModelRelation) -> None:
        self._relations[self._count] = relation
        self._appends.setdefault(id(relation), []).append(self._count)
        self._count += 1

    def discard(self, relation: ModelRelation) -> None:
        """Remove the earliest occurrence of *relation*, if it is there."""
        appends = self._appends.get(id(relation))
        if not appends:
            return
        del self._relations[appends.pop(0)]
        if not appends:
            del self._appends[id(relation)]

    def __contains__(self, relation: object) -> bool:
        return id(relation) in self._appends

    def __iter__(self):
        return iter(self._relations.values())

    def __len__(self) -> int:
        return len(self._relations)

    def __repr__(self) -> str:
        return f"RelationList({list(self)!r})"


@attrs.define(eq=False)
class Section:
    """A heading and what stands under it."""

    title: str
    level: int
    parent: Section | None
    line: int
    data: Any = None


@attrs.define(eq=False)
class Occurrence:
    """One place where a statement or argument description is written."""

    text: str
    tags: list[str]
    data: Any
    role: str | None
    is_reference: bool
    line: int
    column: int
    section: Section | None
    plain_text: str = ""  # the text without the tags at its end


@attrs.define(eq=False)
class EquivalenceClass:
    """A statement of the model: all members share its title."""

    title: str
    untitled: bool
    members: list[Occurrence] = attrs.Factory(list)
    tags: list[str] = attrs.Factory(list)
    data: Any = None
    relations: RelationList = attrs.Factory(RelationList)
    section: Section | None = None

    @property
    def line(self) -> int:
        return self.members[0].line if self.members else 0


@attrs.define(eq=False)
class PcsEntry:
    """A numbered statement of a reconstructed argument."""

    statement: EquivalenceClass
    role: str
    occurrence: Occurrence
    inference: ModelInference | None = None


def inference_of(entry: PcsEntry) -> ModelInference:
    """The inference that leads to a conclusion of a pcs (the reader puts one before
    every conclusion, and a pcs ends with one)."""
    if entry.inference is None:
        raise ValueError(f"the pcs statement {entry.statement.title!r} is no conclusion")
    return entry.inference


@attrs.define(eq=False)
class ModelArgument:
    """An argument of the model: its descriptions and, if reconstructed, its pcs."""

    title: str
    untitled: bool
    members: list[Occurrence] = attrs.Factory(list)
    pcs: list[PcsEntry] = attrs.Factory(list)
    tags: list[str] = attrs.Factory(list)
    data: Any = None
    relations: RelationList = attrs.Factory(RelationList)
    section: Section | None = None
    line: int = 0

    @property
    def is_reconstructed(self) -> bool:
        return bool(self.pcs)

    @property
    def main_inference(self) -> ModelInference:
        """The inference to the main conclusion of a reconstructed argument."""
        return inference_of(self.pcs[-1])


@attrs.define(eq=False)
class ModelInference:
    """The inference of a reconstructed argument that leads to one (intermediate) conclusion."""

    argument: ModelArgument
    rules: list[str]
    data: Any
    line: int
    relations: RelationList = attrs.Factory(RelationList)


Member = EquivalenceClass | ModelArgument | ModelInference


@attrs.define(eq=False)
class ModelRelation:
    """A relation of the model, from one member to another, written once or more."""

    type: str
    source: Member
    target: Member
    line: int
    column: int


@attrs.define
class ArgdownModel:
    """What an Argdown file says: statements, arguments, relations, and what else it had."""

    statements: dict[str, EquivalenceClass]
    arguments: dict[str, ModelArgument]
    relations: list[ModelRelation]
    sections: list[Section]
    front_matter: Any
    mode: str
    comments: int
    unreadable_data: list[str]


_VERBATIM = frozenset((lex.FREESTYLE, lex.UNUSED_CONTROL_CHAR, lex.ARGUMENT_MENTION, lex.STATEMENT_MENTION))


def _token_text(item: lex.Token) -> str | None:
    """The text a token of a statement's text stands for (None: no text)."""
    trailing = " " if item.image.endswith(" ") else ""
    if item.type in _VERBATIM:
        return item.image
    if item.type == lex.ESCAPED_CHAR:
        return item.image[1:]
    if item.type == lex.SPECIAL_CHAR:
        character = shortcode(item.image)
        return item.image if character is None else character + trailing
    if item.type == lex.LINK:
        return _matched(_LINK_RE, item.image).group(1) + trailing
    return None


class _Builder:
    def __init__(self, document: Document, comments: int, text: str, filename: str | None) -> None:
        self.document = document
        self.text = text
        self.filename = filename
        self.statements: dict[str, EquivalenceClass] = {}
        self.arguments: dict[str, ModelArgument] = {}
        self.relations: list[ModelRelation] = []
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.inference: ModelInference | None = None  # Argdown never forgets the last inference
        self.untitled = 0
        self.comments = comments
        self.unreadable_data: list[str] = []
        self.front_matter: Any = None
        self.generated_titles: set[str] = set()
        self.argument_of: dict[int, ModelArgument] = {}  # id of an Argument block -> its argument
        self.known_tags: dict[int, set[str]] = {}  # id(statement or argument) -> its tags
        self.holders: dict[int, list[Member]] = {}  # id(relation) -> the members it was attached to
        self.candidates: dict[tuple, dict[int, ModelRelation]] = {}  # see has_relation
        self.settings: dict[str, Any] = {
            "mode": "loose",
            "removeTagsFromText": False,
            "transformArgumentRelations": True,
        }

    # --- the walk --------------------------------------------------------------------

    def build(self) -> ArgdownModel:
        if self.document.front_matter is not None:
            self.read_front_matter(self.document.front_matter)
        previous = None
        for block in self.document.blocks:
            if isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Statement):
                self.statement(block, "top-level")
            elif isinstance(block, Argument):
                self.argument(block)
            elif isinstance(block, Pcs):
                self.pcs(block, self.argument_of.get(id(previous)) if isinstance(previous, Argument) else None)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    self.member(item, role=None)
            previous = block
        if self.settings.get("transformArgumentRelations", True):
            self.move_argument_relations()
        if self.settings.get("mode") == "strict":
            self.make_statement_relations_strict()
        self.remove_redundant_attacks_on_arguments()
        return ArgdownModel(
            self.statements,
            self.arguments,
            self.relations,
            self.sections,
            self.front_matter,
            str(self.settings.get("mode", "loose")),
            self.comments,
            self.unreadable_data,
        )

    def read_front_matter(self, token: lex.Token) -> None:
        body = re.sub(r"\A\s*={3,}", "", token.image)
        body = re.sub(r"={3,}\s*\Z", "", body)
        try:
            self.front_matter = load(body)
        except YamlError as error:
            self.unreadable_data.append(f"front matter ({error})")
            self.front_matter = {"front-matter": body.strip()}
            return
        model = self.front_matter.get("model") if isinstance(self.front_matter, dict) else None
        if isinstance(model, dict):
            self.settings.update(model)

    def heading(self, block: Heading) -> None:
        level = len(block.token.image) - 1
        text, _tags, _plain = self.text_of([block.content], has_relations=False)
        section = Section(text.strip(), level, None, block.token.line, self.data_of(block.data))
        parent = self.section
        while parent is not None and parent.level >= level:
            parent = parent.parent
        section.parent = parent
        self.sections.append(section)
        self.section = section

    def member(self, node: Statement | Argument, role: str | None) -> EquivalenceClass | ModelArgument:
        if isinstance(node, Argument):
            return self.argument(node)
        return self.statement(node, role)

    def statement(self, node: Statement, role: str | None) -> EquivalenceClass:
        text, tags, plain = self.text_of(node.children, has_relations=bool(node.relations))
        title = _title(node.title_token, r"\[(.+)\]") if node.title_token else None
        occurrence = Occurrence(
            text,
            tags,
            self.data_of(node.data),
            role,
            node.is_reference,
            node.first.line,
            node.first.column,
            self.section,
            plain,
        )
        if node.relations:
            if title is None:
                title = self.new_title()
            self.relation_block(node.relations, self.equivalence_class(title))
        if title is None:
            title = self.new_title()
        statement = self.equivalence_class(title)
        self.add_tags(statement, tags)
        statement.data = _merge(statement.data, occurrence.data)
        statement.members.append(occurrence)
        if not node.is_reference and statement.section is None:
            statement.section = occurrence.section
        return statement

    def argument(self, node: Argument) -> ModelArgument:
        text, tags, plain = self.text_of(node.children, has_relations=bool(node.relations))
        pattern = r"<(.+)>:" if not node.is_reference else r"<(.+)>"
        title = _title(node.title_token, pattern)
        occurrence = Occurrence(
            text,
            tags,
            self.data_of(node.data),
            "description",
            node.is_reference,
            node.first.line,
            node.first.column,
            self.section,
            plain,
        )
        if node.relations:
            self.relation_block(node.relations, self.get_argument(title, node.first.line))
        argument = self.get_argument(title, node.first.line)
        self.add_tags(argument, tags)
        argument.data = _merge(argument.data, occurrence.data)
        argument.members.append(occurrence)
        if not node.is_reference and argument.section is None:
            argument.section = occurrence.section
        self.argument_of[id(node)] = argument
        return argument

    def pcs(self, block: Pcs, argument: ModelArgument | None) -> None:
        if argument is None:
            argument = self.get_argument(None, block.first.line)
        if argument.pcs:
            raise ArgdownSyntaxError.at(
                f"the argument <{argument.title}> already has a premise-conclusion structure",
                "multiple-pcs",
                self.filename,
                self.text,
                block.first.line,
                block.first.column,
                hint="an argument has one premise-conclusion structure; give this one its own <title> above it",
            )
        if self.section is not None:
            argument.section = self.section
        previous: NumberedStatement | Inference | None = None
        for item in block.items:
            if isinstance(item, Inference):
                self.inference = ModelInference(
                    argument, [_rule_text(rule) for rule in item.rules], self.data_of(item.data), item.token.line
                )
                self.relation_block(item.undercuts, self.inference)
            else:
                statement = self.statement(item.statement, None)
                occurrence = statement.members[-1]
                entry = PcsEntry(statement, PREMISE, occurrence)
                if isinstance(previous, Inference):
                    entry.role = INTERMEDIARY
                    entry.inference = self.inference
                occurrence.role = entry.role
                argument.pcs.append(entry)
            previous = item
        argument.pcs[-1].role = MAIN_CONCLUSION
        argument.pcs[-1].occurrence.role = MAIN_CONCLUSION

    def relation_block(self, relations: list[Relation], parent: Member) -> None:
        for relation in relations:
            kind, member_is_source = _RELATION_OF_TOKEN[relation.token.type]
            # Argdown aims "<_" under a statement at the last inference it has read.
            aimed_at = parent
            if (
                relation.token.type == lex.OUTGOING_UNDERCUT
                and isinstance(parent, EquivalenceClass)
                and self.inference is not None
            ):
                aimed_at = self.inference
            member = self.member(relation.member, role="relation")
            source, target = (member, aimed_at) if member_is_source else (aimed_at, member)
            self.add_relation(kind, source, target, relation.token)

    def add_relation(self, kind: str, source: Member, target: Member, token: lex.Token) -> None:
        """Add a relation unless the source has one of this type to the target already
        (or, for a contradiction, from it)."""
        if self.has_relation(source, _to(kind, target)) or (
            kind == CONTRADICTORY and self.has_relation(source, _between(kind, source, target))
        ):
            return
        relation = ModelRelation(
            kind, source, target, token.line, token.column + len(token.image) - len(token.image.lstrip(" \t'"))
        )
        self.relations.append(relation)
        self.attach(source, relation)
        self.attach(target, relation)

    # --- finding a member's relations --------------------------------------------------
    # Whether a member has a relation of a given type and end is looked up, not searched
    # for: *candidates* maps (id(member), key) to the relations that had the key when
    # attached to the member or changed since. Relations change their ends and types,
    # so each candidate is checked when looked up, and dropped when it no longer fits.

    def attach(self, member: Member, relation: ModelRelation) -> None:
        member.relations.append(relation)
        self.holders.setdefault(id(relation), []).append(member)
        self.index(member, relation)

    def index(self, member: Member, relation: ModelRelation) -> None:
        for key in _keys(relation):
            self.candidates.setdefault((id(member), key), {})[id(relation)] = relation

    def changed(self, relation: ModelRelation) -> None:
        """Index *relation* again after its type or one of its ends changed."""
        for member in self.holders[id(relation)]:
            if relation in member.relations:
                self.index(member, relation)

    def has_relation(self, member: Member, key: tuple) -> bool:
        """Whether one of *member*'s relations has *key* (one of :func:`_keys`)."""
        candidates = self.candidates.get((id(member), key))
        if not candidates:
            return False
        unfit: list[int] = []
        found = False
        for relation_id, relation in candidates.items():
            if relation in member.relations and key in _keys(relation):
                found = True
                break
            unfit.append(relation_id)
        for relation_id in unfit:
            del candidates[relation_id]
        return found

    # --- members ---------------------------------------------------------------------

    def new_title(self) -> str:
        self.untitled += 1
        title = f"Untitled {self.untitled}"
        self.generated_titles.add(title)
        return title

    def equivalence_class(self, title: str) -> EquivalenceClass:
        if title not in self.statements:
            self.statements[title] = EquivalenceClass(title, untitled=title in self.generated_titles)
        return self.statements[title]

    def add_tags(self, member: EquivalenceClass | ModelArgument, tags: list[str]) -> None:
        """The tags of one more occurrence of *member*: each once, in the order first met."""
        known = self.known_tags.setdefault(id(member), set())
        for tag in tags:
            if tag not in known:
                known.add(tag)
                member.tags.append(tag)

    def get_argument(self, title: str | None, line: int) -> ModelArgument:
        if title is not None and title in self.arguments:
            return self.arguments[title]
        untitled = title is None
        argument = ModelArgument(title if title is not None else self.new_title(), untitled, line=line)
        self.arguments[argument.title] = argument
        return argument

    # --- text ------------------------------------------------------------------------

    def text_of(self, children: list, has_relations: bool) -> tuple[str, list[str], str]:
        """A block's text and tags, computed as Argdown does: emphasis marks dropped,
        links reduced to their text, line breaks turned into spaces. The third value is
        the text without the tags that end it."""
        parts: list[str] = []
        tags: dict[str, None] = {}  # each tag once, in the order met
        tail: list[int | None] = [None]  # where the run of tags at the end begins
        self._add(children, parts, tags, tail, more_follows=has_relations)
        text = "".join(parts)
        return text, list(tags), text if tail[0] is None else "".join(parts[: tail[0]])

    def _add(self, items: list, parts: list[str], tags: dict[str, None], tail: list, more_follows: bool) -> None:
        for index, item in enumerate(items):
            before = len(parts)
            if isinstance(item, list):
                self._add(item, parts, tags, tail, more_follows=False)
                continue
            if isinstance(item, Emphasis):
                self._add(item.content, parts, tags, tail, more_follows=False)
                if item.end.image.endswith(" "):
                    parts.append(" ")
            elif item.type == lex.TAG:
                self._add_tag(item, parts, tags, tail, before)
                continue
            elif item.type == lex.NEWLINE:
                last = index == len(items) - 1 and not more_follows
                if not last and not (parts and parts[-1].endswith(" ")):
                    parts.append(" ")
            elif (text := _token_text(item)) is not None:
                parts.append(text)
            if any(part.strip() for part in parts[before:]):
                tail[0] = None

    def _add_tag(self, item: lex.Token, parts: list[str], tags: dict[str, None], tail: list, before: int) -> None:
        """A ``#tag``: noted, and kept in the text unless the settings remove tags
        (*tail* marks where the trailing tags began)."""
        match = _matched(_TAG_RE, item.image)
        tags.setdefault(match.group(1) or match.group(2))
        if tail[0] is None:
            tail[0] = before
        if not self.settings.get("removeTagsFromText"):
            parts.append(item.image)

    def data_of(self, token: lex.Token | None) -> Any:
        if token is None:
            return None
        body = token.image
        block = re.match(r"\{[ \t]*\n", body)
        if block:
            body = re.sub(r"\}\s*\Z", "", body[block.end() :])
        try:
            return load(body)
        except YamlError:
            self.unreadable_data.append(token.image)
            return {"data": token.image}

    # --- what Argdown does after reading ---------------------------------------------

    def move_argument_relations(self) -> None:
        """Relations of a reconstructed argument become relations of its conclusion;
        undercuts of it are aimed at its last inference."""
        kept: list[ModelRelation] = []
        for relation in self.relations:
            keep = True
            source = relation.source
            if isinstance(source, ModelArgument) and source.is_reconstructed:
                source.relations.discard(relation)
                conclusion = source.pcs[-1].statement
                relation.source = conclusion
                self.changed(relation)
                if self.has_relation(conclusion, _to(relation.type, relation.target)):
                    relation.target.relations.discard(relation)
                    keep = False
                else:
                    self.attach(conclusion, relation)
            target = relation.target
            if isinstance(target, ModelArgument) and target.is_reconstructed and relation.type == UNDERCUT:
                inference = target.main_inference
                relation.target = inference
                self.changed(relation)
                target.relations.discard(relation)
                if self.has_relation(inference, _from(relation.type, relation.source)):
                    relation.source.relations.discard(relation)
                    keep = False
                else:
                    self.attach(inference, relation)
            if keep:
                kept.append(relation)
        self.relations = kept

    def make_statement_relations_strict(self) -> None:
        """In strict mode, support between statements is entailment and attack is
        contrariety (which goes both ways, so a second one is the same relation)."""
        kept: list[ModelRelation] = []
        for relation in self.relations:
            if isinstance(relation.source, EquivalenceClass) and isinstance(relation.target, EquivalenceClass):
                if relation.type == SUPPORT:
                    relation.type = ENTAILS
                    self.changed(relation)
                elif relation.type == ATTACK:
                    if self.has_relation(relation.source, _between(CONTRARY, relation.source, relation.target)):
                        relation.source.relations.discard(relation)
                        relation.target.relations.discard(relation)
                        continue
                    relation.type = CONTRARY
                    self.changed(relation)
            kept.append(relation)
        self.relations = kept

    def remove_redundant_attacks_on_arguments(self) -> None:
        """An attack on a reconstructed argument is dropped when the attacker already
        attacks (or contradicts) one of its premises."""
        kept: list[ModelRelation] = []
        premises_of: dict[int, set[str]] = {}  # id(argument) -> titles of its premises
        # Only attacks on arguments are removed here, and they answer no statement: what
        # a statement answers is therefore the same throughout, and found once.
        answered_by: dict[int, set[str]] = {}  # id(statement) -> titles of the statements it answers
        for relation in self.relations:
            source, target = relation.source, relation.target
            if isinstance(source, EquivalenceClass) and relation.type == ATTACK and isinstance(target, ModelArgument):
                if id(target) not in premises_of:
                    premises_of[id(target)] = {entry.statement.title for entry in target.pcs if entry.role == PREMISE}
                if id(source) not in answered_by:
                    answered_by[id(source)] = _answered_statements(source)
                if _meet(premises_of[id(target)], answered_by[id(source)]):
                    source.relations.discard(relation)
                    target.relations.discard(relation)
                else:
                    kept.append(relation)
                continue
            kept.append(relation)
        self.relations = kept


def _title(token: lex.Token, pattern: str) -> str:
    return _matched(re.compile(pattern, re.DOTALL), token.image).group(1)


def _matched(pattern: re.Pattern[str], image: str) -> re.Match[str]:
    """The match of *pattern* at the start of a token's *image*: the lexer made the
    token because its text has that form."""
    match = pattern.match(image)
    if match is None:
        raise ValueError(f"the token {image!r:.40} does not have the form of its type")
    return match


def _rule_text(tokens: list[lex.Token]) -> str:
    parts = []
    for token in tokens:
        if token.type == lex.ESCAPED_CHAR:
            parts.append(token.image[1:])
        elif token.type == lex.SPECIAL_CHAR and (character := shortcode(token.image)):
            parts.append(character + (" " if token.image.endswith(" ") else ""))
        else:
            parts.append(token.image)
    return "".join(parts).strip()


def _to(kind: str, target: Member) -> tuple:
    """The key of the relations of type *kind* to *target* (see :func:`_keys`)."""
    return "to", kind, id(target)


def _from(kind: str, source: Member) -> tuple:
    return "from", kind, id(source)


def _between(kind: str, one: Member, other: Member) -> tuple:
    return "between", kind, frozenset((id(one), id(other)))


def _keys(relation: ModelRelation) -> tuple[tuple, tuple, tuple]:
    """What :meth:`_Builder.has_relation` looks relations up by: type and target, type
    and source, type and both ends in either direction."""
    return (
        _to(relation.type, relation.target),
        _from(relation.type, relation.source),
        _between(relation.type, relation.source, relation.target),
    )


def _answered_statements(statement: EquivalenceClass) -> set[str]:
    """The titles of the statements that *statement* attacks, contradicts or is contrary to."""
    titles: set[str] = set()
    for relation in statement.relations:
        partner = relation.target if relation.source is statement else relation.source
        if isinstance(partner, EquivalenceClass) and (
            (relation.type == ATTACK and relation.source is statement) or relation.type in (CONTRADICTORY, CONTRARY)
        ):
            titles.add(partner.title)
    return titles


def _meet(some: set, others: set) -> bool:
    """Whether two sets share an element, in time bounded by the smaller."""
    smaller, larger = (some, others) if len(some) <= len(others) else (others, some)
    return any(element in larger for element in smaller)


def _merge(old: Any, new: Any) -> Any:
    """Deep merge of data blocks, later values winning (lodash ``merge``)."""
    if new is None:
        return old
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(old)
        for key, value in new.items():
            merged[key] = _merge(merged.get(key), value)
        return merged
    return new


def build_model(document: Document, comments: int, text: str, filename: str | None = None) -> ArgdownModel:
    """The Argdown model of a parsed document."""
    return _Builder(document, comments, text, filename).build()


def read_model(text: str, filename: str | None = None) -> ArgdownModel:
    """The Argdown model of a text: lex, parse and build."""
    from .argdown_lex import tokenize
    from .argdown_parse import parse_tokens

    text = normalise_source(text)
    lexed = tokenize(text, filename)
    document = parse_tokens(lexed.tokens, text, filename)
    return build_model(document, lexed.comments, text, filename)


def normalise_source(text: str) -> str:
    """Line breaks as ``\\n`` and no byte-order mark, as the lexer expects."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")
