"""The skeleton of a map: its boxes and lines with the texts blanked, as an
exercise handout ("fill in the boxes").

Every box keeps its kind and its place; its text becomes a row of blanks about as
long as the text was (room to write on paper), unless it is one of the boxes to
keep. Boxes get neutral ids (``b1``, ``b2``, ... in the order of the file) so
that a student can name them in an answer without the model answer's ids giving
anything away. The teacher's attributes (``note``, ``expect``, ``step``,
``points``, ``alt``) and all tags go; ``source`` stays, so the student knows
where to look.

With *blank_kinds* the kinds go too, so that the handout does not tell which box
is the assumption, the evidence or the undercut: every box that speaks for the
box above it becomes a ``premise``, every box that speaks against it an
``objection`` (an undercut becomes an objection to the premise it stands under),
and only the conclusion keeps its kind.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..errors import ArgmapError
from ..model import Map, Node, Relation, relation_id

BLANK = "_____"
KEPT_ATTRIBUTES = ("source",)
_MIN_BLANKS, _MAX_BLANKS = 3, 24


class SkeletonError(ArgmapError, ValueError):
    """A box to keep is not in the map."""

    label = "skeleton"


def blank(text: str) -> str:
    """Blanks about as long as *text*, in groups so that a drawing can wrap them.

    >>> blank("Smoking should be banned.")
    '_____ _____ _____ _____'
    """
    groups = min(_MAX_BLANKS, max(_MIN_BLANKS, round(len(text) / (len(BLANK) + 1))))
    return " ".join([BLANK] * groups)


_AGAINST = ("objection", "rebuttal", "undercut")


def neutral_kind(kind: str, answers: str | None = None) -> str:
    """The kind a box shows on a handout with blank kinds: ``premise`` for a
    box for its parent; for a box against it, ``rebuttal`` when the parent (of
    kind *answers*) is itself against something, else ``objection``; the
    conclusion keeps its kind."""
    if kind == "conclusion":
        return kind
    if kind in _AGAINST:
        return "rebuttal" if answers in _AGAINST else "objection"
    return "premise"


def skeleton(
    the_map: Map, keep=(), *, keep_conclusion: bool = False, blank_kinds: bool = False, keep_schemes: bool = False
) -> Map:
    """The map with every text blanked but those of the boxes in *keep* (ids of
    *the_map*) and, with *keep_conclusion*, of its conclusions; with
    *blank_kinds*, with neutral kinds as well (:func:`neutral_kind`). The schemes of
    the reasons are part of the answer and go, unless *keep_schemes*."""
    if blank_kinds:
        the_map = _neutral(the_map)
    keep = _kept(the_map, keep, keep_conclusion)
    new_ids = {node.id: f"b{index}" for index, node in enumerate(the_map.nodes, start=1)}
    nodes = [
        Node(
            id=new_ids[node.id],
            kind=node.kind,
            text=node.text if node.id in keep else blank(node.text),
            attributes=[(k, v) for k, v in node.attributes if k in KEPT_ATTRIBUTES],
        )
        for node in the_map.nodes
    ]
    relations = _renamed_relations(the_map, new_ids, keep_schemes)
    return Map(metadata=the_map.metadata, nodes=nodes, relations=relations)


def _kept(the_map: Map, keep: Iterable[str], keep_conclusion: bool) -> set[str]:
    """The ids of the boxes whose text is kept; an id the map does not have is a mistake."""
    kept = set(keep)
    unknown = sorted(kept - {node.id for node in the_map.nodes})
    if unknown:
        near = difflib.get_close_matches(unknown[0], [n.id for n in the_map.nodes], n=1)
        raise SkeletonError(
            f"the map has no box '{unknown[0]}' to keep",
            hint=f"did you mean '{near[0]}'?" if near else "give the ids of boxes of the map",
        )
    if keep_conclusion:
        kept.update(node.id for node in the_map.roots() if node.kind in ("conclusion", "claim"))
    return kept


def _renamed_relations(the_map: Map, new_ids: dict[str, str], keep_schemes: bool) -> list[Relation]:
    """The relations of *the_map* between the renamed boxes, with ids that follow
    from the new names (and their schemes if *keep_schemes*)."""
    relation_ids: dict[str, str] = {}

    def renamed(relation: Relation, depth: int = 0) -> str:
        """The new id of a relation; an undercut's id names the relation it
        attacks, which is renamed first."""
        if relation.id not in relation_ids:
            target = new_ids.get(relation.target, relation.target)
            if the_map.has_relation(relation.target) and depth < len(the_map.relations):
                target = renamed(the_map.relation(relation.target), depth + 1)
            premises = tuple(new_ids.get(p, p) for p in relation.premises)
            relation_ids[relation.id] = relation_id(relation.kind, premises, target)
        return relation_ids[relation.id]

    relations = []
    for relation in the_map.relations:
        premises = tuple(new_ids.get(p, p) for p in relation.premises)
        target = (
            renamed(the_map.relation(relation.target))
            if the_map.has_relation(relation.target)
            else new_ids.get(relation.target, relation.target)
        )
        attributes = relation.attributes if keep_schemes else ()
        relations.append(Relation(renamed(relation), relation.kind, premises, target, attributes=attributes))
    return relations


def _neutral(the_map: Map) -> Map:
    """*the_map* with neutral kinds: an undercut becomes an attack on the first
    premise of the step it undercuts (the box it is written under)."""
    relations = []
    for relation in the_map.relations:
        if relation.kind == "undercut" and the_map.has_relation(relation.target):
            target = the_map.relation(relation.target).premises[0]
            relations.append(
                Relation(relation_id("attack", relation.premises, target), "attack", relation.premises, target)
            )
        else:
            relations.append(relation)
    answers = {
        premise: the_map.node(r.target).kind for r in relations if the_map.has_node(r.target) for premise in r.premises
    }
    roots = {node.id for node in the_map.roots()}
    nodes = [
        Node(
            id=n.id,
            text=n.text,
            attributes=n.attributes,
            kind=n.kind if n.id in roots and n.kind == "claim" else neutral_kind(n.kind, answers.get(n.id)),
        )
        for n in the_map.nodes
    ]
    return Map(metadata=the_map.metadata, nodes=nodes, relations=relations)


_SCHEME_LINE_RE = re.compile(r"(?P<indent> *)reason(?: \S+)?:(?P<block> *\{.*\}) *\Z")


def with_question_prompts(text: str, catalogue=None) -> str:
    """*text* (a map as written by :func:`argmap.to_arg`) with the critical
    questions of each scheme reason as comment lines under its ``reason:`` line,
    prompts for the student; the text still parses to the same map."""
    from ..parsing import parse_attribute_block
    from ..schemes import builtin_catalogue

    catalogue = catalogue or builtin_catalogue()
    lines: list[str] = []
    for line in text.split("\n"):
        lines.append(line)
        found = _SCHEME_LINE_RE.match(line)
        if found is None:
            continue
        name = dict(parse_attribute_block(found.group("block").strip())).get("scheme")
        scheme = catalogue.find(name) if name else None
        if scheme is None:
            continue
        indent = found.group("indent") + "  "
        lines.extend(f"{indent}// critical question {q.id} ({q.kind}): {q.text}" for q in scheme.questions)
    return "\n".join(lines)
