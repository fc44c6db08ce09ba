"""Evaluation: which statements of a map stand, given what the reader accepts.

The map is translated into a Dung framework (``docs/evaluation.md`` gives the
translation and its sources); the framework is labelled under grounded, complete,
preferred or stable semantics (:mod:`argmap.frameworks`); each node gets the label
of its argument, ``in``, ``out`` or ``undecided``, and a short explanation in the
words of the map.

    from argmap.evaluation import evaluate
    result = evaluate(the_map, "grounded", assume={"no-order": "rejected"})
    result.labels["reconfigure"]        # "in"
    result.explanations["no-order"]     # "out: assumed rejected"

In brief, for one labelling: a statement is *in* when it has a basis (the reader
accepts it, or it has no reasons and unmarked statements are accepted, or one of its
reasons stands) and every attack on it fails; *out* when an attack on it stands, or
the reader rejects it, or every reason for it fails; *undecided* otherwise. A reason
(or an objection's attack, or an undercut) stands when all its co-premises are in and
no undercut of it stands.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property

from .errors import ArgmapError, ArgmapSemanticError
from .frameworks import (
    DEFAULT_MAX_LABELLINGS,
    DEFAULT_STEP_LIMIT,
    DEFAULT_TIME_LIMIT,
    Framework,
    SearchLimitError,
    grounded_codes,
    search_codes,
)
from .model import ATTACK_KINDS, SUPPORT_KINDS, Map, Node, Relation, is_valid_id
from .terminal import visible
from .write import SECTION_DEPTH

__all__ = [
    "LABELS",
    "SEMANTICS",
    "VERDICTS",
    "Evaluation",
    "EvaluationUsageError",
    "SearchLimitError",
    "Translation",
    "evaluate",
    "parse_assumptions",
    "translate",
]

SEMANTICS = ("grounded", "complete", "preferred", "stable")
VERDICTS = ("accepted", "rejected", "undecided")
"""The reader's verdicts: the ``verdict`` attribute and ``--assume`` values."""
LABELS = ("in", "out", "undecided")

_UNDEC, _IN, _OUT = 0, 1, 2
_LABEL = ("undecided", "in", "out")
_COMPARED = 10
"""Under several labellings, explanations compare the reasons of at most this many."""
_VERDICT_TEXTS = {
    ("accepted", "reader"): "accepted by the reader",
    ("rejected", "reader"): "rejected by the reader",
    ("undecided", "reader"): "left undecided by the reader",
    **{(verdict, "assumed"): f"assumed {verdict}" for verdict in VERDICTS},
    **{(verdict, "default"): f"{verdict} by default (no reasons of its own)" for verdict in VERDICTS},
}


class EvaluationUsageError(ArgmapError, ValueError):
    """An evaluation was asked for wrongly: a malformed ``--assume``, an unknown id
    or semantics. Its label is ``usage`` (the command line exits with 2)."""

    code = "AM006"
    label = "usage"


# --- the reader's verdicts ------------------------------------------------------


def parse_assumptions(values: Iterable[str]) -> dict[str, str]:
    """``("a=rejected", "b=accepted")`` → ``{"a": "rejected", "b": "accepted"}``.

    Raises :class:`EvaluationUsageError` for a value without ``=``, an id that is
    not an id, a verdict that is not one, or one id given two different verdicts."""
    assumptions: dict[str, str] = {}
    for value in values:
        node_id, sign, verdict = value.rpartition("=")
        node_id, verdict = node_id.strip(), verdict.strip().lower()
        if not sign or not node_id:
            raise EvaluationUsageError(
                f"--assume takes ID=VERDICT, not '{value}'", hint="for example: --assume no-order=rejected"
            )
        if not is_valid_id(node_id):
            raise EvaluationUsageError(f"'{node_id}' is not a node id", hint="write --assume ID=VERDICT")
        if verdict not in VERDICTS:
            raise EvaluationUsageError(
                f"'{verdict}' is not a verdict (in --assume {value})",
                hint=f"a verdict is one of: {', '.join(VERDICTS)}",
            )
        if assumptions.get(node_id, verdict) != verdict:
            raise EvaluationUsageError(
                f"'{node_id}' is assumed both {assumptions[node_id]} and {verdict}", hint="give each id one verdict"
            )
        assumptions[node_id] = verdict
    return assumptions


def _check_assumptions(map: Map, assume: Mapping[str, str] | Iterable[str] | None) -> dict[str, str]:
    if assume is None:
        return {}
    if not isinstance(assume, Mapping):
        assume = parse_assumptions(assume)
    for node_id, verdict in assume.items():
        if verdict not in VERDICTS:
            raise EvaluationUsageError(
                f"'{verdict}' is not a verdict (assumed for '{node_id}')",
                hint=f"a verdict is one of: {', '.join(VERDICTS)}",
            )
        if not map.has_node(node_id):
            import difflib

            nearest = difflib.get_close_matches(node_id, [node.id for node in map.nodes], n=3, cutoff=0.6)
            hint = (
                ("did you mean " + ", ".join(f"'{n}'" for n in nearest) + "?")
                if nearest
                else ("argmap check --format json lists the ids, or see them with argmap render --ids")
            )
            raise EvaluationUsageError(f"no node has the id '{node_id}' (in --assume {node_id}={verdict})", hint=hint)
    return dict(assume)


# --- the translation --------------------------------------------------------------


def _indexes(map: Map) -> tuple[dict[str, int], dict[str, int]]:
    """The argument position of each node and of each relation's inference, by id."""
    nodes, relations = map.nodes, map.relations
    node_index = {node.id: i for i, node in enumerate(nodes)}
    first = len(nodes)
    relation_index = {relation.id: first + k for k, relation in enumerate(relations)}
    if len(node_index) != len(nodes) or len(relation_index) != len(relations):
        raise ArgmapSemanticError("the map has two nodes or two relations with one id", label="duplicate-id")
    return node_index, relation_index


def _verdicts(
    nodes: Sequence[Node], assume: Mapping[str, str], supporters: Mapping[str, list[Relation]], unmarked: str
) -> dict[str, tuple[str, str]]:
    """Each node's verdict and its source: assumed, the reader's, or the default for
    a node with no reasons. A node with reasons and no verdict has none here."""
    verdicts: dict[str, tuple[str, str]] = {}
    default = (unmarked, "default")
    for node in nodes:
        node_id = node.id
        if node_id in assume:
            verdicts[node_id] = (assume[node_id], "assumed")
        elif node.attributes and (marked := node.attribute("verdict")) in VERDICTS:
            verdicts[node_id] = (marked, "reader")
        elif node_id not in supporters:
            verdicts[node_id] = default
    return verdicts


class _Arguments:
    """The arguments of a framework as it is built: names, and for each argument the
    arguments that attack it and those it attacks (by position)."""

    __slots__ = ("names", "attackers", "targets")

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.attackers: list[list[int]] = [[] for _ in names]
        self.targets: list[list[int]] = [[] for _ in names]

    def add(
        self, name: str, *, attacks: Sequence[int] = (), attackers: Sequence[int] = (), self_attacking: bool = False
    ) -> int:
        """A new argument attacking *attacks* and attacked by *attackers* (and by
        itself when *self_attacking*); returns its position."""
        new = len(self.names)
        self.names.append(name)
        self.attackers.append([new, *attackers] if self_attacking else list(attackers))
        self.targets.append([new, *attacks] if self_attacking else list(attacks))
        for target in attacks:
            self.attackers[target].append(new)
        for attacker in attackers:
            self.targets[attacker].append(new)
        return new


class Translation:
    """A map's framework and how its arguments stand for the map.

    Arguments, in this order: one per node (named by its id); one per relation (the
    inference: named by the relation id, or ``inference:ID`` if a node has that id);
    ``unsupported:N`` for each node that needs a reason, ``rejected:N`` and
    ``undecided:N`` for the reader's verdicts; ``not:P`` for each node used as a
    premise (in exactly when P is out). See ``docs/evaluation.md``.

    Attributes: ``framework``, ``node_index`` and ``relation_index`` (id → argument
    position), ``verdicts`` (node id → ``(verdict, source)``, source ``reader``,
    ``assumed`` or ``default``), ``circular`` (nodes whose only support is circular),
    ``implicit`` (nodes added for critical questions, left out of the results).
    """

    implicit: frozenset[str] = frozenset()
    written: Map | None = None
    """The map as written, before critical questions were made explicit (``None``:
    the same as ``map``)."""

    def __init__(self, map: Map, assume: Mapping[str, str] | None = None, unmarked: str = "accepted") -> None:
        if unmarked not in VERDICTS:
            raise EvaluationUsageError(
                f"'{unmarked}' is not a verdict for unmarked statements", hint=f"choose one of: {', '.join(VERDICTS)}"
            )
        self.map = map
        self.unmarked = unmarked
        self.node_index, self.relation_index = _indexes(map)
        # what each node rests on: the reader's verdict (and where it came from), or its reasons
        self.supporters = self._supporters(map.relations)
        self.verdicts = _verdicts(map.nodes, assume or {}, self.supporters, unmarked)
        self.circular = self._circular(self.supporters, self.verdicts)
        names: list[str] = [node.id for node in map.nodes]
        names.extend(("inference:" + r.id) if r.id in self.node_index else r.id for r in map.relations)
        arguments = _Arguments(names)
        held_undecided = self._add_verdicts(arguments)
        self.negation = self._add_inferences(arguments, held_undecided)
        self.framework = Framework.from_adjacency(arguments.names, arguments.attackers, arguments.targets)

    def _supporters(self, relations: Sequence[Relation]) -> dict[str, list[Relation]]:
        """The reasons for each node, by node id; every relation's target is checked."""
        node_index, relation_index = self.node_index, self.relation_index
        supporters: dict[str, list[Relation]] = {}
        for relation in relations:
            kind = relation.kind
            if relation.target not in (relation_index if kind == "undercut" else node_index):
                what = "relation" if kind == "undercut" else "node"
                raise ArgmapSemanticError(
                    f"the {kind} '{relation.id}' aims at '{relation.target}', which is no {what}", label="unknown-id"
                )
            if kind == "support":
                supporters.setdefault(relation.target, []).append(relation)
        return supporters

    def _add_verdicts(self, arguments: _Arguments) -> set[int]:
        """``unsupported:N`` (in until a reason for N stands), ``rejected:N`` and
        ``undecided:N``; sets ``self.unsupported`` and returns the arguments of the
        nodes held undecided."""
        node_index = self.node_index
        unsupported: dict[str, int] = {}
        held_undecided: set[int] = set()
        for node_id in self.supporters.keys() - self.verdicts.keys():
            unsupported[node_id] = arguments.add("unsupported:" + node_id, attacks=[node_index[node_id]])
        for node_id, (verdict, _) in self.verdicts.items():
            if verdict == "accepted":
                continue
            i = node_index[node_id]
            if verdict == "undecided":
                arguments.add(f"{verdict}:{node_id}", attacks=[i], self_attacking=True)
                held_undecided.add(i)
            else:
                arguments.add(f"{verdict}:{node_id}", attacks=[i])
        self.unsupported = unsupported
        return held_undecided

    def _add_inferences(self, arguments: _Arguments, held_undecided: set[int]) -> dict[int, int]:
        """Each inference is attacked by ``not:P`` for each premise P (in exactly when
        P is out) and attacks ``unsupported:N`` (a reason for N), N (an objection) or an
        inference (an undercut). Returns the ``not:P`` argument of each premise P."""
        negation: dict[int, int] = {}
        node_index = self.node_index
        attackers, targets = arguments.attackers, arguments.targets  # the hot loop appends directly
        for k, relation in enumerate(self.map.relations, len(self.map.nodes)):
            premises = relation.premises
            if len(premises) > 1:
                premises = tuple(dict.fromkeys(premises))
            for premise in premises:
                p = node_index.get(premise)
                if p is None:
                    raise ArgmapSemanticError(
                        f"the relation '{relation.id}' has the premise '{premise}', which is no node",
                        label="unknown-id",
                    )
                neg = negation.get(p)
                if neg is None:
                    neg = negation[p] = arguments.add("not:" + premise, attackers=(p,))
                attackers[k].append(neg)
                targets[neg].append(k)
            target = self._inference_target(relation, held_undecided)
            if target is not None:
                attackers[target].append(k)
                targets[k].append(target)
        return negation

    def _inference_target(self, relation: Relation, held_undecided: set[int]) -> int | None:
        """The argument a relation's inference attacks, or None when its attack
        changes nothing (a reason for a node with a verdict or in a circle, an
        objection to a node held undecided)."""
        kind = relation.kind
        if kind == "support":
            if relation.target in self.circular:
                return None
            return self.unsupported.get(relation.target)
        if kind == "attack":
            target = self.node_index[relation.target]
            return None if target in held_undecided else target
        return self.relation_index[relation.target]

    @staticmethod
    def _circular(supporters: dict[str, list[Relation]], verdicts: dict[str, tuple[str, str]]) -> set[str]:
        """Nodes that need a reason but whose every chain of reasons goes round in a
        circle, never reaching a statement with a verdict (the reader's or the default)."""
        unreached = supporters.keys() - verdicts.keys()
        if not unreached:
            return set()
        # a reason counts once all its premises are reached; start from the settled nodes
        targets: list[str] = []
        missing: list[int] = []
        waiting: dict[str, list[int]] = {}
        for node_id in unreached:
            for relation in supporters[node_id]:
                premises = relation.premises
                if len(premises) > 1:
                    premises = tuple(dict.fromkeys(premises))
                k = len(targets)
                targets.append(node_id)
                missing.append(len(premises))
                for premise in premises:
                    if premise in waiting:
                        waiting[premise].append(k)
                    else:
                        waiting[premise] = [k]
        queue = [node_id for node_id in waiting if node_id not in unreached]
        while queue:
            for k in waiting.get(queue.pop(), ()):
                missing[k] -= 1
                if missing[k] == 0 and targets[k] in unreached:
                    unreached.discard(targets[k])
                    queue.append(targets[k])
        return unreached


def translate(
    map: Map, *, assume: Mapping[str, str] | Iterable[str] | None = None, unmarked: str = "accepted", catalogue=None
) -> Translation:
    """The map's framework (with the reader's verdicts, *assume* and the *unmarked*
    default built in) and the correspondence of its arguments to the map.

    Critical questions raised against scheme reasons take part (see
    :mod:`argmap.schemes.evaluation`): the framework is that of the map with them
    made explicit, and ``implicit`` names the nodes added for them. *catalogue* is
    the scheme catalogue (default: argmap's own)."""
    from .collector import without_gc

    assumptions = _check_assumptions(map, assume)
    implicit: frozenset[str] = frozenset()
    written = map
    if any(relation.attributes for relation in map.relations):  # only then can a question be raised
        from .schemes import builtin_catalogue
        from .schemes.evaluation import with_critical_questions

        map, implicit = with_critical_questions(map, catalogue or builtin_catalogue())
    with without_gc():  # many small lists, no cycles: the collector's passes would double the time
        translation = Translation(map, assumptions, unmarked)
    translation.implicit, translation.written = implicit, written
    return translation


# --- results ------------------------------------------------------------------------


class Evaluation:
    """The outcome of :func:`evaluate`.

    ``labels``: node id → ``in``, ``out`` or ``undecided`` (under several labellings,
    the sceptical verdict: in or out only where every labelling agrees);
    ``labellings``: one such dict per labelling found (grounded has one; stable may
    have none); ``explanations``: node id → a short text such as ``"out: objection
    'no-evidence' is in and not rebutted"``.
    """

    def __init__(self, semantics: str, translation: Translation, codes: list[list[int]]) -> None:
        self.semantics = semantics
        self.translation = translation
        self._codes = codes

    @cached_property
    def _distinct(self) -> list[list[int]]:
        """The labellings found, one per distinct labelling of the nodes (two may
        differ only in the inferences)."""
        size = len(self.translation.map.nodes)
        seen: set[tuple[int, ...]] = set()
        distinct = []
        for codes in self._codes:
            key = tuple(codes[:size])
            if key not in seen:
                seen.add(key)
                distinct.append(codes)
        return distinct

    @cached_property
    def _shown(self) -> list[tuple[int, str]]:
        """``(position, id)`` of the nodes the results show: the map's own, not
        those added for critical questions."""
        hidden = self.translation.implicit
        return [(i, node.id) for i, node in enumerate(self.translation.map.nodes) if node.id not in hidden]

    @cached_property
    def labellings(self) -> list[dict[str, str]]:
        shown = self._shown
        return [{node_id: _LABEL[codes[i]] for i, node_id in shown} for codes in self._distinct]

    @cached_property
    def labels(self) -> dict[str, str]:
        if len(self._distinct) == 1:
            return self.labellings[0]
        labels = {}
        for i, node_id in self._shown:
            values = {codes[i] for codes in self._distinct}
            labels[node_id] = _LABEL[values.pop()] if len(values) == 1 else "undecided"
        return labels

    @cached_property
    def explanations(self) -> dict[str, str]:
        from .collector import without_gc

        with without_gc():
            return self._explain()

    def _explain(self) -> dict[str, str]:
        explainer = _Explainer(self.translation)
        ids = [node_id for _, node_id in self._shown]
        distinct = self._distinct
        if len(distinct) == 1:
            codes = distinct[0]
            return {node_id: explainer.explain(node_id, codes) for node_id in ids}
        if not distinct:
            reason = f"undecided: the map has no {self.semantics} labelling"
            return {node_id: reason for node_id in ids}
        result = {}
        for i, node_id in self._shown:
            values = [codes[i] for codes in distinct]
            if len(set(values)) > 1:
                result[node_id] = self._disagreement(values)
            else:
                result[node_id] = self._agreement(explainer, node_id, _LABEL[values[0]])
        return result

    def _disagreement(self, values: list[int]) -> str:
        """The explanation of a node the labellings label differently (*values*)."""
        counts = [(values.count(code), _LABEL[code]) for code in (_IN, _OUT, _UNDEC)]
        spread = ", ".join(f"{n} {label}" for n, label in counts if n)
        return f"undecided: the {len(values)} {self.semantics} labellings disagree ({spread})"

    def _agreement(self, explainer: _Explainer, node_id: str, label: str) -> str:
        """The explanation of a node every labelling labels *label*: the reasons of
        the first few labellings, once each."""
        distinct = self._distinct
        total, compared = len(distinct), distinct[:_COMPARED]
        reasons = list(dict.fromkeys(explainer.explain(node_id, codes).split(": ", 1)[1] for codes in compared))
        every = (
            f"the same in both {self.semantics} labellings"
            if total == 2
            else f"the same in all {total} {self.semantics} labellings"
        )
        if total > len(compared):
            return f"{label}: {every}; in the first: {reasons[0]}"
        if len(reasons) == 1:
            return f"{label}: {reasons[0]}"
        shown = "; ".join(reasons[:3]) + (f"; and {len(reasons) - 3} more" if len(reasons) > 3 else "")
        return f"{label}: {every}, for different reasons ({shown})"

    def counts(self, labels: Mapping[str, str] | None = None) -> dict[str, int]:
        """How many nodes are in, out and undecided (in *labels*, or in ``labels``)."""
        values = list((labels or self.labels).values())
        return {label: values.count(label) for label in LABELS}

    def to_data(self) -> dict:
        """The JSON contract: ``semantics``, ``labels``, ``explanations``, and for
        every semantics but grounded ``labellings``."""
        data: dict = {"semantics": self.semantics, "labels": self.labels, "explanations": self.explanations}
        if self.semantics != "grounded":
            data["labellings"] = self.labellings
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_data` as JSON text."""
        return json.dumps(self.to_data(), ensure_ascii=False, indent=indent) + "\n"

    def to_text(self, *, colour: bool = False) -> str:
        """A report for people: a summary line, then one line per node in outline
        order (indented as in the map), with its label and explanation."""

        def tally(labels: Mapping[str, str]) -> str:
            counts = self.counts(labels)
            return f"{counts['in']} in, {counts['out']} out, {counts['undecided']} undecided"

        lines = []
        labellings = self.labellings
        if self.semantics == "grounded" or len(labellings) == 1:
            lines.append(f"{self.semantics} semantics: {tally(self.labels)}")
        elif not labellings:
            lines.append(
                f"{self.semantics} semantics: no labelling (every complete labelling leaves something "
                "undecided: an odd cycle of attacks, or a statement held undecided)"
            )
        else:
            lines.append(f"{self.semantics} semantics: {len(labellings)} labellings")
            lines.extend(f"  labelling {i}: {tally(labels)}" for i, labels in enumerate(labellings, 1))
            lines.append(f"where they all agree: {tally(self.labels)}")
        lines.append("")
        rows = list(self._rows())
        width = min(max((len(name) for _, name, _ in rows), default=0), 32)
        styles = {"in": "green", "out": "red", "undecided": "yellow"}
        for label, name, why in rows:
            mark = f"{label:<9}"
            if colour and label:
                import click

                mark = click.style(mark, fg=styles[label], bold=True)
            lines.append(f"{mark}  {name:<{width}}  {why}".rstrip())
        return "\n".join(lines) + "\n"

    def _rows(self) -> Iterator[tuple[str, str, str]]:
        """``(label, indented id, why)`` for every node in outline order. As in
        :func:`~argmap.write.to_arg`, the indentation goes no deeper than
        :data:`~argmap.write.SECTION_DEPTH` levels: deeper, the outline continues at the
        left margin under a line ``@parent``, so that the report grows in proportion to
        the map however deep its chains are (indenting every level once more made a
        chain of 40,000 reasons take 6 GB)."""
        for depth, node, parent in _outline(self.translation.written or self.translation.map):
            shown = depth if depth <= SECTION_DEPTH else (depth - 1) % SECTION_DEPTH + 1
            if shown != depth and shown == 1:
                yield "", f"@{parent}", ""
            why = visible(self.explanations[node.id].split(": ", 1)[1])
            yield self.labels[node.id], "  " * shown + node.id, why

    def __repr__(self) -> str:
        counts = self.counts()
        return f"<Evaluation {self.semantics}: {counts['in']} in, {counts['out']} out, {counts['undecided']} undecided>"


def _outline(map: Map) -> Iterator[tuple[int, Node, str | None]]:
    """``(depth, node, parent id)`` for every node once, in the order of the written
    outline: premises and objections under their parent, undercuts under the premise
    whose inference they attack; nodes that no root reaches (a circle of reasons) at
    the end. Walked with a stack of its own, so that chains of any length are walked."""
    seen: set[str] = set()
    stack: list[tuple[int, str, str | None]] = [(0, node.id, None) for node in reversed(map.roots())]
    while stack:
        depth, node_id, parent = stack.pop()
        if node_id in seen:
            continue
        seen.add(node_id)
        yield depth, map.node(node_id), parent
        stack.extend(reversed(_below(map, node_id, depth + 1)))
    for node in map.nodes:
        if node.id not in seen:
            yield 0, node, None


def _below(map: Map, node_id: str, depth: int) -> list[tuple[int, str, str]]:
    """What stands under *node_id* in the outline, in order: the premises of each of
    its relations, each followed by the undercuts of that relation, one level deeper."""
    below: list[tuple[int, str, str]] = []
    pending = [(relation, depth) for relation in reversed(map.incoming(node_id))]
    while pending:
        relation, level = pending.pop()
        below.extend((level, premise, node_id) for premise in relation.premises)
        pending.extend((undercut, level + 1) for undercut in reversed(map.attackers(relation.id)))
    return below


def evaluate(
    map: Map,
    semantics: str = "grounded",
    *,
    assume: Mapping[str, str] | Iterable[str] | None = None,
    unmarked: str = "accepted",
    limit: int = DEFAULT_STEP_LIMIT,
    max_labellings: int = DEFAULT_MAX_LABELLINGS,
    catalogue=None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Evaluation:
    """Label every node of *map* ``in``, ``out`` or ``undecided``.

    *semantics*: ``grounded`` (one labelling, linear time), ``complete``,
    ``preferred`` or ``stable`` (every labelling, by a search that gives up with
    :class:`~argmap.frameworks.SearchLimitError` after *limit* steps, *time_limit*
    seconds of search, or more than *max_labellings* labellings). *assume*: node id → ``accepted``, ``rejected`` or
    ``undecided``, over the nodes' own ``verdict`` attributes (or ``"ID=VERDICT"``
    strings). *unmarked*: the verdict taken for a node with neither a verdict nor
    reasons of its own. Critical questions raised against scheme reasons count (see
    :func:`translate`; *catalogue*: the scheme catalogue, default argmap's own).
    Raises :class:`EvaluationUsageError` for a bad argument.
    """
    if semantics not in SEMANTICS:
        raise EvaluationUsageError(
            f"unknown semantics '{semantics}' (must be one of {', '.join(SEMANTICS)})", hint="grounded is the default"
        )
    from .collector import without_gc

    translation = translate(map, assume=assume, unmarked=unmarked, catalogue=catalogue)
    with without_gc():
        base = grounded_codes(translation.framework)
    if semantics == "grounded":
        codes = [base]
    else:
        codes = search_codes(
            translation.framework,
            semantics,
            limit=limit,
            max_labellings=max_labellings,
            grounded=base,
            time_limit=time_limit,
        )
    return Evaluation(semantics, translation, codes)


# --- explanations ----------------------------------------------------------------------


class _Explainer:
    """Short reasons for a node's label, in the words of the map."""

    def __init__(self, translation: Translation) -> None:
        self.t = translation
        self.map = translation.map

    # names of things

    def word(self, relation: Relation) -> str:
        """What the single premise of *relation* is called there: its own kind when
        that fits the relation, else premise, objection or rebuttal."""
        kind = self.map.node(relation.premises[0]).kind
        if relation.kind == "support":
            return kind if kind in SUPPORT_KINDS else "premise"
        if relation.kind == "attack":
            if kind in ATTACK_KINDS:
                return kind
            target = self.map.node(relation.target).kind
            return "rebuttal" if target in ATTACK_KINDS else "objection"
        return "undercut"

    @staticmethod
    def ref(relation: Relation) -> str:
        """``'p'``, ``'a' + 'b'``, or a named reason's ``'r'``."""
        if not relation.id.startswith(relation.kind + ":"):
            return f"'{relation.id}'"
        return " + ".join(f"'{p}'" for p in relation.premises)

    def name(self, relation: Relation) -> str:
        """``premise 'p'``, ``objection 'o'``, ``reason 'r'`` or ``reason 'a' + 'b'``."""
        if len(relation.premises) == 1 and relation.id.startswith(relation.kind + ":"):
            return f"{self.word(relation)} {self.ref(relation)}"
        return f"reason {self.ref(relation)}"

    def code(self, codes: list[int], relation: Relation) -> int:
        return codes[self.t.relation_index[relation.id]]

    def fault(self, codes: list[int], relation: Relation, wanted: int) -> tuple[str | None, Relation | None]:
        """What makes an inference out (*wanted* = out) or undecided: a co-premise with
        that label, or else an undercut that is in (undecided)."""
        for premise in relation.premises:
            if codes[self.t.node_index[premise]] == wanted:
                return premise, None
        state = _IN if wanted == _OUT else _UNDEC
        for undercut in self.map.attackers(relation.id):
            if self.code(codes, undercut) == state:
                return None, undercut
        return None, None

    def single(self, relation: Relation) -> bool:
        return len(relation.premises) == 1 and relation.id.startswith(relation.kind + ":")

    def verdict_text(self, node_id: str) -> str | None:
        verdict = self.t.verdicts.get(node_id)
        return None if verdict is None else _VERDICT_TEXTS[verdict]

    # the explanation

    def explain(self, node_id: str, codes: list[int]) -> str:
        code = codes[self.t.node_index[node_id]]
        verdict = self.t.verdicts.get(node_id)
        if verdict is not None and verdict[0] != "accepted":
            return f"{_LABEL[code]}: {_VERDICT_TEXTS[verdict]}"
        incoming = self.map.incoming(node_id)
        # an accepted statement that nothing bears on (so it has a verdict: the default at least)
        if not incoming and verdict is not None:
            return f"{_LABEL[code]}: {_VERDICT_TEXTS[verdict]}"
        attacks = [r for r in incoming if r.kind == "attack"]
        reasons = [r for r in incoming if r.kind == "support"]
        if code == _IN:
            return "in: " + self.in_text(node_id, codes, reasons, attacks)
        if code == _OUT:
            return "out: " + self.out_text(node_id, codes, reasons, attacks)
        return "undecided: " + self.undecided_text(node_id, codes, reasons, attacks)

    def in_text(self, node_id: str, codes: list[int], reasons: list[Relation], attacks: list[Relation]) -> str:
        basis = self.verdict_text(node_id)
        if basis is None:
            standing = [r for r in reasons if self.code(codes, r) == _IN]
            first = standing[0]
            basis = f"{self.name(first)} {'is in' if self.single(first) else 'stands'}"
            if len(standing) > 1:
                basis += f" (and {len(standing) - 1} more reason{'s' if len(standing) > 2 else ''})"
        if not attacks:
            return basis
        if len(attacks) > 1:
            words = {self.name(a).split(" ")[0] for a in attacks}
            word = f"{words.pop()}s" if len(words) == 1 and "reason" not in words else "attacks"
            return f"{basis}, and {'both' if len(attacks) == 2 else f'all {len(attacks)}'} {word} fail"
        return f"{basis}, and {self.attack_fails(codes, attacks[0])}"

    def attack_fails(self, codes: list[int], attack: Relation) -> str:
        premise, undercut = self.fault(codes, attack, _OUT)
        if undercut is not None:
            return f"{self.name(attack)} is undercut by {self.ref(undercut)}"
        if self.single(attack):
            return f"{self.name(attack)} is out"
        return f"{self.name(attack)} against it fails ('{premise}' is out)"

    def out_text(self, node_id: str, codes: list[int], reasons: list[Relation], attacks: list[Relation]) -> str:
        for attack in attacks:
            if self.code(codes, attack) == _IN:
                if self.single(attack):
                    return f"{self.name(attack)} is in and not rebutted"
                return f"{self.name(attack)} against it stands"
        if node_id in self.t.circular:
            return "its only support goes round in a circle (it rests on itself)"
        if len(reasons) > 1:
            return f"none of its {len(reasons)} reasons stands"
        reason = reasons[0]
        premise, undercut = self.fault(codes, reason, _OUT)
        if undercut is not None:
            what = self.name(reason) if self.single(reason) else self.ref(reason)
            return f"its only reason, {what}, is undercut by {self.ref(undercut)}"
        if self.single(reason):
            return f"its only reason, {self.name(reason)}, is out"
        return f"its only reason, {self.ref(reason)}, fails: '{premise}' is out"

    def undecided_text(self, node_id: str, codes: list[int], reasons: list[Relation], attacks: list[Relation]) -> str:
        for attack in attacks:
            if self.code(codes, attack) == _UNDEC:
                premise, undercut = self.fault(codes, attack, _UNDEC)
                if premise == node_id:
                    return "it attacks itself"
                if premise is None and undercut is not None:
                    return f"{self.name(attack)} may be undercut by {self.ref(undercut)}, which is undecided"
                if self.single(attack):
                    return f"{self.name(attack)} is undecided"
                return f"{self.name(attack)} against it waits on '{premise}', which is undecided"
        for reason in reasons:
            if self.code(codes, reason) == _UNDEC:
                premise, undercut = self.fault(codes, reason, _UNDEC)
                if premise is None and undercut is not None:
                    return (
                        f"its reason, {self.name(reason)}, may be undercut by {self.ref(undercut)}, which is undecided"
                    )
                if self.single(reason):
                    return f"it rests on {self.name(reason)}, which is undecided"
                return f"it rests on {self.name(reason)}, and '{premise}' is undecided"
        return "neither in nor out"


# --- exporters for `argmap export --to apx|af` ------------------------------------


def to_apx(map: Map) -> str:
    """The map's framework (see ``docs/evaluation.md``) in ASPARTIX ``apx`` form."""
    return translate(map).framework.to_apx(_header(map))


def to_af(map: Map) -> str:
    """The map's framework in ICCMA'23 ``af`` form, names in ``#`` comments."""
    return translate(map).framework.to_af(_header(map))


def _header(map: Map) -> list[str]:
    title = map.meta("title")
    lines = ["argumentation framework of an argmap map (docs/evaluation.md)"]
    if title:
        lines.append("title: " + " ".join(title.split()))
    return lines
