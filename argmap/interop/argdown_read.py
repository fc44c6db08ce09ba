"""Argdown → map.

The Argdown model (:mod:`.argdown_model`) is turned into nodes and relations:

- every statement (equivalence class) becomes a node, its title the node id;
- an argument without premise–conclusion structure becomes a node carrying its gist,
  marked ``argdown-argument``;
- an argument with one becomes a linked reason from its premises to its conclusion
  (one per inference when there are intermediate conclusions), named after the
  argument;
- relations become support, attack or undercut relations.

``docs/interop.md`` has the whole table. What has no counterpart is kept in attributes
(:mod:`.argdown_keys`) and counted in the :class:`~.report.ImportReport`.
"""

from __future__ import annotations

import heapq
from typing import Any

from ..model import RELATION_KEYS
from . import argdown_keys as keys
from .argdown_model import (
    ATTACK,
    CONTRADICTORY,
    CONTRARY,
    ENTAILS,
    INTERMEDIARY,
    MAIN_CONCLUSION,
    SUPPORT,
    UNDERCUT,
    ArgdownModel,
    EquivalenceClass,
    ModelArgument,
    ModelInference,
    ModelRelation,
    Occurrence,
    inference_of,
    read_model,
)
from .building import MapDraft
from .report import ImportReport, ImportResult
from .yamlish import to_text

_ATTACKS = (ATTACK, CONTRARY)


def from_argdown(text: str, filename: str | None = None) -> ImportResult:
    """Read Argdown *text* into a map (``ArgdownSyntaxError`` if it is not Argdown)."""
    return _Importer(read_model(text, filename)).run()


class _Importer:
    def __init__(self, model: ArgdownModel) -> None:
        self.model = model
        self.report = ImportReport("argdown")
        self.draft = MapDraft(self.report)
        self.node_of: dict[int, str] = {}  # id(statement or argument) -> node id
        self.main_reason: dict[int, str] = {}  # id(reconstructed argument) -> id of its last inference
        self.step_reason: dict[int, str] = {}  # id(inference) -> relation id
        self.stand_ins: dict[int, ModelRelation] = {}  # id(stand-in conclusion) -> the relation it stands for
        self.consumed: set[int] = set()  # ids of the relations of stand-ins

    def run(self) -> ImportResult:
        model = self.model
        reconstructed = [a for a in model.arguments.values() if a.is_reconstructed]
        self.report.found = [
            ("statements", len(model.statements)),
            ("arguments", len(model.arguments)),
            ("arguments with a premise-conclusion structure", len(reconstructed)),
            ("relations", len(model.relations)),
        ]
        self.metadata()
        self.find_stand_ins(reconstructed)
        for statement in model.statements.values():
            if id(statement) not in self.stand_ins:
                self.statement(statement)
        for argument in model.arguments.values():
            if not argument.is_reconstructed:
                self.plain_argument(argument)
        self.reconstructed_arguments(reconstructed)
        deferred = [r for r in model.relations if not self.relation(r)]
        for relation in deferred:
            self.undercut_of_node(relation)
        plain = len(model.arguments) - len(reconstructed)
        self.report.note("changed", "arguments without premise-conclusion structure", "nodes", plain)
        steps = sum(len(self.steps(argument)) for argument in reconstructed)
        self.report.note(
            "changed",
            "premise-conclusion structures|premise-conclusion structure",
            f"{steps} linked reason{'s' if steps != 1 else ''}, one per inference",
            len(reconstructed),
        )
        self.report.note("dropped", "comments", count=model.comments)
        if model.sections:
            self.report.note("kept", "headings", keys.SECTION, len(model.sections))
        settings = sum(1 for section in model.sections if section.data)
        self.report.note("dropped", "settings of headings", count=settings)
        return ImportResult(self.draft.finish(), self.report)

    # --- header ----------------------------------------------------------------------

    def metadata(self) -> None:
        front = self.model.front_matter
        if front is None:
            return
        if not isinstance(front, dict):
            front = {"front-matter": front}
        for key, value in front.items():
            self.draft.add_metadata(str(key), to_text(value))
        self.report.note("kept", "keys of the front matter", "header lines", len(front))

    # --- nodes -----------------------------------------------------------------------

    def statement(self, statement: EquivalenceClass) -> None:
        texts = self.texts(statement.members)
        data = (
            dict(statement.data)
            if isinstance(statement.data, dict)
            else ({"data": statement.data} if statement.data is not None else {})
        )
        text = str(data.pop(keys.DATA_TEXT, "")) or (texts[0] if texts else "")
        stated_kind = data.pop(keys.DATA_KIND, None)
        if not text:
            self.report.note("changed", "statements without text", "their titles became their texts")
        node_id = self.draft.add_node(
            None if statement.untitled else statement.title,
            text or statement.title,
            statement.tags,
            _data_attributes(data),
            kind=stated_kind,
        )
        self.node_of[id(statement)] = node_id
        if not statement.untitled and node_id != statement.title:
            self.draft.add_attribute(node_id, keys.TITLE, statement.title)
            self.report.note("kept", "titles", "argdown-title, where not the id")
        self.more_texts(node_id, texts[1:], keys.TEXT)
        if statement.section is not None:
            self.draft.add_attribute(node_id, keys.SECTION, statement.section.title)

    def plain_argument(self, argument: ModelArgument) -> None:
        texts = self.texts(argument.members)
        data = (
            dict(argument.data)
            if isinstance(argument.data, dict)
            else ({"data": argument.data} if argument.data is not None else {})
        )
        text = str(data.pop(keys.DATA_TEXT, "")) or (texts[0] if texts else "")
        stated_kind = data.pop(keys.DATA_KIND, None)
        if not text:
            self.report.note("changed", "arguments without a gist", "their titles became their texts")
        node_id = self.draft.add_node(
            None if argument.untitled else argument.title,
            text or argument.title,
            argument.tags,
            _data_attributes(data),
            kind=stated_kind,
        )
        self.node_of[id(argument)] = node_id
        self.draft.add_attribute(node_id, keys.ARGUMENT, argument.title)
        self.more_texts(node_id, texts[1:], keys.TEXT)
        if argument.section is not None:
            self.draft.add_attribute(node_id, keys.SECTION, argument.section.title)

    def texts(self, members: list[Occurrence]) -> list[str]:
        """The distinct texts of a statement's or argument's members, definitions first."""
        ordered = [m for m in members if not m.is_reference] + [m for m in members if m.is_reference]
        texts: dict[str, None] = {}  # each text once, in the order met
        for member in ordered:
            text = " ".join(member.plain_text.split())
            if text:
                texts.setdefault(text)
        return list(texts)

    def more_texts(self, node_id: str, texts: list[str], key: str) -> None:
        for number, text in enumerate(texts, start=2):
            self.draft.add_attribute(node_id, f"{key}-{number}", text)
        self.report.note("kept", "formulations of equivalence classes", f"{key}-N", len(texts))

    # --- reconstructed arguments -------------------------------------------------------

    def find_stand_ins(self, reconstructed: list[ModelArgument]) -> None:
        """Conclusions that argmap wrote only to carry a linked attack or undercut."""
        uses: dict[int, int] = {}
        for argument in reconstructed:
            for entry in argument.pcs:
                uses[id(entry.statement)] = uses.get(id(entry.statement), 0) + 1
        for argument in reconstructed:
            conclusion = argument.pcs[-1].statement
            if uses[id(conclusion)] != 1:
                continue
            relation = _stood_in_for(conclusion)
            if relation is not None:
                self.stand_ins[id(conclusion)] = relation
                self.consumed.add(id(relation))

    def reconstructed_arguments(self, reconstructed: list[ModelArgument]) -> None:
        """Each becomes linked reasons; one that stands for a linked attack or undercut
        waits until what it attacks is in the map.

        The arguments are taken in rounds, each in the order of the file, until a round
        makes nothing; then those left are made as they can be. An argument is taken
        again only in the round after what it waits for is made (or in the same round,
        if that came before it), so a long chain of waiting costs linear time."""
        this_round = list(range(len(reconstructed)))  # a heap of positions in the file
        next_round: list[int] = []
        waiting: dict[tuple[str, int], list[int]] = {}  # what is awaited -> positions awaiting it
        made: set[int] = set()
        while this_round:
            while this_round:
                position = heapq.heappop(this_round)
                argument = reconstructed[position]
                if not self.reconstructed_argument(argument, last_round=False):
                    waiting.setdefault(self.awaited(argument), []).append(position)
                    continue
                made.add(position)
                for reason in self.reasons_made(argument):
                    for waiter in waiting.pop(reason, ()):
                        heapq.heappush(this_round if waiter > position else next_round, waiter)
            this_round, next_round = next_round, []
        for position, argument in enumerate(reconstructed):
            if position not in made:
                self.reconstructed_argument(argument, last_round=True)

    def awaited(self, argument: ModelArgument) -> tuple[str, int]:
        """What an argument that stands for a linked attack or undercut waits for:
        the reason of an inference, the main reason of an argument, or a node."""
        target = self.stand_ins[id(argument.pcs[-1].statement)].target
        if isinstance(target, ModelInference):
            return "step", id(target)
        if isinstance(target, ModelArgument) and target.is_reconstructed:
            return "main", id(target)
        return "node", id(target)  # nodes are all made before: this one never will be

    def reasons_made(self, argument: ModelArgument) -> list[tuple[str, int]]:
        """What others may await (see :meth:`awaited`) that *argument* has made."""
        made = [
            ("step", id(inference)) for _, _, inference in self.steps(argument) if id(inference) in self.step_reason
        ]
        return made + [("main", id(argument))] if id(argument) in self.main_reason else made

    def reconstructed_argument(self, argument: ModelArgument, last_round: bool) -> bool:
        """Makes an argument's linked reasons; False (and nothing made) when it stands
        in for a linked attack or undercut whose target is not made yet, unless this
        is the last round."""
        steps = self.steps(argument)
        stand_in = self.stand_ins.get(id(argument.pcs[-1].statement))
        final_kind, final_target = "support", self.node_of.get(id(argument.pcs[-1].statement))
        if stand_in is not None:
            final_kind, final_target = self.stand_in_target(stand_in)
            if final_target is None and not last_round:
                return False
        data = _data_dict(argument.data)
        anonymous = data.pop(keys.DATA_MARK, None) == keys.ANONYMOUS or argument.untitled
        made: list[tuple[int, ModelInference]] = []
        for number, (conclusion, premises, inference) in enumerate(steps, start=1):
            last = number == len(steps)
            kind, target = (final_kind, final_target) if last else ("support", self.node_of[id(conclusion.statement)])
            title = None if anonymous or not last else argument.title
            reason = self.step(kind, premises, target, title)
            if reason is None:
                continue
            self.step_reason[id(inference)] = reason
            made.append((number, inference))
            if last:
                self.main_reason[id(argument)] = reason
        reason = self.main_reason.get(id(argument))
        if reason is not None:
            self.argument_facts(argument, reason, data, anonymous)
            for number, inference in made:
                self.inference_facts(reason, inference, None if number == len(steps) else number)
        return True

    def step(self, kind: str, premises: list, target: str | None, title: str | None) -> str | None:
        """The reason made for one inference of a pcs (None: none made)."""
        if target is None:
            self.report.note("dropped", "relations without a place in the map")
            return None
        premise_ids = [self.node_of[id(entry.statement)] for entry in premises]
        return self.draft.add_relation(kind, premise_ids, target, title)

    def steps(self, argument: ModelArgument) -> list[tuple[Any, list, ModelInference]]:
        """Each inference of the pcs: its conclusion and the statements it uses (those
        listed in ``uses``, else back to the previous conclusion)."""
        steps = []
        for index, entry in enumerate(argument.pcs):
            if entry.role not in (INTERMEDIARY, MAIN_CONCLUSION):
                continue
            inference = inference_of(entry)
            used = _uses(inference.data) or _uses(entry.occurrence.data)
            if used and all(1 <= number <= index for number in used):
                premises = [argument.pcs[number - 1] for number in used]
            else:
                premises = argument.pcs[_step_start(argument.pcs, index) : index]
            steps.append((entry, premises, inference))
        return steps

    def stand_in_target(self, relation: ModelRelation) -> tuple[str, str | None]:
        kind = "undercut" if relation.type == UNDERCUT else "attack"
        target = relation.target
        if isinstance(target, ModelInference):
            return kind, self.step_reason.get(id(target))
        if isinstance(target, ModelArgument) and target.is_reconstructed:
            return kind, self.main_reason.get(id(target))
        return kind, self.node_of.get(id(target))

    def argument_facts(self, argument: ModelArgument, reason: str, data: dict, anonymous: bool) -> None:
        relation = self.draft.relations[reason]
        holder = keys.holder_id(relation.premises, relation.target, self.draft.nodes)
        facts: list[tuple[str, str]] = []
        if not anonymous and argument.title != reason:
            facts.append((keys.reason_key(keys.ARGUMENT, reason), argument.title))
        for number, gist in enumerate(self.texts(argument.members), start=1):
            facts.append((keys.reason_key("argdown-gist", reason, None if number == 1 else number), gist))
        if argument.tags:
            facts.append((keys.reason_key("argdown-tags", reason), ", ".join(argument.tags)))
        if data:
            facts.append((keys.reason_key("argdown-data", reason), to_text(data)))
        for key, value in facts:
            self.draft.add_attribute(holder, key, value)
        self.report.note(
            "kept", "facts of reconstructed arguments", "argdown-gist-<id>... on their conclusions", 1 if facts else 0
        )

    def inference_facts(self, reason: str, inference: ModelInference, step: int | None) -> None:
        relation = self.draft.relations[reason]
        holder = keys.holder_id(relation.premises, relation.target, self.draft.nodes)
        if inference.rules:
            self.draft.add_attribute(
                holder, keys.reason_key("argdown-inference", reason, step), ", ".join(inference.rules)
            )
            self.report.note("kept", "rules of inference", "argdown-inference-<id>")
        data = (
            {k: v for k, v in inference.data.items() if k not in ("uses", "from")}
            if isinstance(inference.data, dict)
            else inference.data
        )
        own = self.draft.relations.get(self.step_reason.get(id(inference), reason))
        if isinstance(data, dict) and own is not None:
            found = [(key, data.pop(key)) for key in sorted(RELATION_KEYS) if isinstance(data.get(key), str)]
            own.attributes = (*own.attributes, *found)
            self.report.note("kept", "schemes of inferences", "scheme", len(found))
        if data:
            self.draft.add_attribute(holder, keys.reason_key("argdown-inference-data", reason, step), to_text(data))

    # --- relations ---------------------------------------------------------------------

    def relation(self, relation: ModelRelation) -> bool:
        """Add one relation; False when it must wait until all others are in (an
        undercut of a node is aimed at that node's own relations)."""
        if id(relation) in self.consumed:
            return True
        source = self.source_node(relation.source)
        target = relation.target
        if relation.type == UNDERCUT:
            if isinstance(target, ModelInference):
                self.add("undercut", source, self.step_reason.get(id(target)))
                return True
            if isinstance(target, ModelArgument) and target.is_reconstructed:
                self.add("undercut", source, self.main_reason.get(id(target)))
                return True
            return False
        kind = SUPPORT if relation.type in (SUPPORT, ENTAILS) else ATTACK
        if isinstance(target, ModelArgument) and target.is_reconstructed:
            if kind == SUPPORT:
                self.report.note("changed", "supports of reconstructed arguments", "supports of their conclusions")
                self.add(kind, source, self.node_of.get(id(target.pcs[-1].statement)))
            else:
                self.report.note("changed", "attacks on reconstructed arguments", "undercuts of their inferences")
                self.add("undercut", source, self.main_reason.get(id(target)))
            return True
        target_id = self.node_of.get(id(target))
        self.add(kind, source, target_id)
        if relation.type in (CONTRADICTORY, CONTRARY):
            self.report.note(
                "changed",
                "relations of contradiction" if relation.type == CONTRADICTORY else "relations of contrariety",
                "attacks both ways",
            )
            self.add(kind, target_id, source)
        return True

    def undercut_of_node(self, relation: ModelRelation) -> None:
        """Argdown lets an undercut aim at a statement or an unreconstructed argument;
        in argmap it undercuts that node's own relations."""
        source = self.source_node(relation.source)
        target = self.node_of.get(id(relation.target))
        if target is None:
            return
        aimed = [r.id for r in self.draft.outgoing(target)]
        if not aimed:
            self.report.note("changed", "undercuts of nodes that bear on nothing", "attacks")
            self.add("attack", source, target)
            return
        self.report.note("changed", "undercuts of statements and unreconstructed arguments", "aimed at their relations")
        for reason in aimed:
            self.add("undercut", source, reason)

    def source_node(self, member) -> str | None:
        if isinstance(member, ModelArgument) and member.is_reconstructed:
            return self.node_of.get(id(member.pcs[-1].statement))
        return self.node_of.get(id(member))

    def add(self, kind: str, source: str | None, target: str | None) -> None:
        if source is None or target is None:
            self.report.note("dropped", "relations without a place in the map")
            return
        self.draft.add_relation(kind, (source,), target)


def _step_start(pcs: list, conclusion: int) -> int:
    """Where the statements that the inference to ``pcs[conclusion]`` uses by default
    begin: at the previous intermediate conclusion, else at the first statement."""
    start = conclusion - 1
    while start > 0 and pcs[start].role != INTERMEDIARY:
        start -= 1
    return max(start, 0)


def _uses(data: Any) -> list[int] | None:
    if not isinstance(data, dict):
        return None
    used = data.get("uses", data.get("from"))
    if isinstance(used, list) and used and all(isinstance(n, int) and not isinstance(n, bool) for n in used):
        return used
    return None


def _data_attributes(data: dict) -> list[tuple[str, str]]:
    return [(str(key), to_text(value)) for key, value in data.items()]


def _stood_in_for(conclusion: Any) -> ModelRelation | None:
    """The one relation a conclusion argmap wrote only to carry a linked attack or
    undercut stands in for (its mark says which, and the relation must match it),
    or None."""
    mark = conclusion.data.get(keys.DATA_MARK) if isinstance(conclusion.data, dict) else None
    if mark not in (ATTACK, UNDERCUT):
        return None
    outgoing = [r for r in conclusion.relations if r.source is conclusion]
    if len(outgoing) != 1 or any(r.target is conclusion for r in conclusion.relations):
        return None
    relation = outgoing[0]
    target = relation.target
    aims_at_inference = isinstance(target, ModelInference) or (
        isinstance(target, ModelArgument) and target.is_reconstructed
    )
    if mark == ATTACK:
        return relation if relation.type in _ATTACKS and not aims_at_inference else None
    return relation if relation.type == UNDERCUT and aims_at_inference else None


def _data_dict(data: Any) -> dict:
    """An argument's data as a new dict (data that is no mapping under ``data``)."""
    if isinstance(data, dict):
        return dict(data)
    return {} if data is None else {"data": data}
