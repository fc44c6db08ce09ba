"""Aligning two maps: which box of a student's map says what which box of the
model answer says.

A teacher pairs boxes by what they say *and* by where they stand: the root with
the root, a reason under a paired claim with a reason under its counterpart, an
objection with an objection on the same side. So does :func:`align`:

1. **Text.** Each box's words are cut to their stems (see
   :mod:`argmap.checks.words`), stop words left out, short content words
   ("bad", "tax") kept, word order ignored. Two texts are alike by the weighted
   share of their stems that the other text has (:func:`similarity`); a stem
   weighs more the fewer boxes of the two maps use it, so the word that every
   box repeats ("phones", in a map about phones) counts for little. Related
   forms (*notification* and *notify*) count for part. A box of the model
   answer may carry other wordings, ``{alt: "...|..."}``: the best of them
   counts.
2. **Place.** Agreement of kind, side (for or against), being the root, and
   depth; and of neighbours: how well the boxes' parents are paired, and their
   children. The neighbours' part is propagated until it settles (similarity
   flooding): a pair of conclusions that is sure makes the pairs of their
   reasons surer, and so on down.
3. **One assignment.** The boxes are paired one to one so that the sum of the
   pairs' scores is the largest (:func:`~argmap.teaching.assignment.best_assignment`);
   pairs scoring below the threshold are dropped. Then a box left over whose
   parent is paired, and whose model counterpart is the only box left over of
   its kind under the parent's counterpart, is paired with it (what a teacher
   does by elimination), with a low confidence.

Every pair carries a *confidence* from 0 to 1: how clearly its score stands
above the other candidates of both boxes. No model, no network: the result is
the same on every machine.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import chain
from unicodedata import east_asian_width

import attrs

from ..checks.words import STOP_WORDS, split_reasoning, stem, words
from ..model import ATTACK_KINDS, Map
from .assignment import best_assignment

DEFAULT_THRESHOLD = 0.3
"""How well two boxes must agree (0 to 1, text and place together) to be paired."""

ALT_KEY = "alt"
"""The attribute of a box of the model answer that gives other wordings of it,
separated by ``|``."""

CONFIDENT = 0.5
"""A pair with at least this confidence is *confidently paired*."""
BY_ELIMINATION = 0.25
"""The confidence of a pair made by elimination."""

TEXT_SHARE = 0.55
"""The share of the text in a pair's score."""
PLACE_SHARE = 0.15
"""The share of the agreement of kind, side, root and depth."""
NEIGHBOUR_SHARE = 0.30
"""The share of the agreement of parents and children (propagated)."""
LEFT_OUT = 0.5
"""How well a box agrees in its children with one whose children the student
left out (neither agreement nor disagreement)."""
ROUNDS = 10
"""Rounds of propagation at most (it settles in a few on maps of class size)."""

RELATED_FORM = 0.6
"""How much two related forms of a word count (``notification``, ``notify``)."""
_RELATED_PREFIX = 5
"""Two stems that begin with this many letters in common are related forms."""
_SUFFIXES = ("er", "est", "ly", "ness", "ment", "ion", "ation", "ity", "ive", "al", "ic", "y", "ful", "less")
"""A stem that is another stem plus one of these is a related form of it."""

_MEANING = "less more most least fewer better best worse worst good bad high low large small long short need needs"
MEANING_WORDS = frozenset(_MEANING.split())
"""Words of the checks' stop list that say something a claim turns on (more or
less, better or worse): they count when texts are compared."""

_NEGATIONS = "no not nor never nothing nobody none nowhere neither cannot without t"
NEGATIONS = frozenset(_NEGATIONS.split())
"""Words that deny what a text says ("t" is what is left of "can't" and
"doesn't"): a text with one of them says something else than one without."""
NEGATED = "~not"
PRONOUN_NOUNS = {
    **dict.fromkeys(("nowhere", "somewhere", "anywhere", "everywhere"), "place"),
    **dict.fromkeys(("nobody", "somebody", "anybody", "everybody", "someone", "anyone", "everyone"), "person"),
}
"""Pronouns that say a place or a person: "nowhere safe" says what "no safe
place" says."""
"""The stem that stands for a denial in a text."""

WHOLE_OF_SPLIT = 0.6
"""How much the whole text of a box that holds a claim and its reason counts,
beside its claim alone."""

_ATTACKING = ATTACK_KINDS | {"undercut"}


@attrs.frozen
class Match:
    """A box of the student's map paired with a box of the model answer."""

    student: str
    reference: str
    similarity: float
    """How alike the two texts are (0 to 1)."""
    confidence: float = 1.0
    """How sure the pairing is (0 to 1); see :data:`CONFIDENT`."""
    score: float = 1.0
    """The pair's score, text and place together (0 to 1)."""


# --- text ---------------------------------------------------------------------


def key_stems(text: str) -> frozenset[str]:
    """The stems of the content words of *text* (all its words' stems when it
    has no content words); pairs of characters for Chinese, Japanese and Korean.

    >>> sorted(key_stems("Teenagers fall asleep late."))
    ['asleep', 'fall', 'late', 'teenager']
    >>> sorted(key_stems("Sugar is bad for you."))
    ['bad', 'sugar']
    """
    found = words(text)
    content = [word for word in found if (word not in STOP_WORDS or word in MEANING_WORDS) and len(word) > 1] or found
    stems: set[str] = {NEGATED} if NEGATIONS.intersection(found) else set()
    stems.update(stem(PRONOUN_NOUNS[word]) for word in found if word in PRONOUN_NOUNS)
    for word in content:
        if any(east_asian_width(char) in "WF" for char in word):
            # written without spaces: pairs of characters stand in for words
            stems.update(word[i : i + 2] for i in range(max(1, len(word) - 1)))
        else:
            stems.add(stem(word))
    return frozenset(stems)


def related(first: str, second: str) -> float:
    """How much two stems count as one word: 1 when equal, :data:`RELATED_FORM`
    for related forms, else 0.

    >>> related("notification", "notify"), related("poor", "poorer"), related("bus", "business")
    (0.6, 0.6, 0.0)
    """
    if first == second:
        return 1.0
    short, long = sorted((first, second), key=len)
    if long.startswith(short) and long[len(short) :] in _SUFFIXES:
        return RELATED_FORM
    if len(short) >= _RELATED_PREFIX and long[:_RELATED_PREFIX] == short[:_RELATED_PREFIX]:
        return RELATED_FORM
    return 0.0


def kinship(stems: Iterable[str]) -> dict[str, dict[str, float]]:
    """For each of *stems*, the stems among them that count as the same word,
    with how much (:func:`related`; every stem is its own kin). Related stems
    begin with the same two letters, so only those are compared.

    >>> kinship(["notify", "notification", "bus"])["notify"]
    {'notify': 1.0, 'notification': 0.6}
    """
    groups: dict[str, list[str]] = {}
    for item in dict.fromkeys(stems):
        groups.setdefault(item[:2], []).append(item)
    kin: dict[str, dict[str, float]] = {}
    for members in groups.values():
        for item in members:
            kin[item] = {other: value for other in members if (value := related(item, other))}
    return kin


def _weighted_overlap(stems_a: frozenset[str], stems_b: frozenset[str], weight, kin) -> float:
    """The weighted share of the stems of both texts found in the other (as
    themselves or as related forms, see :func:`kinship`)."""
    total = sum(weight(s) for s in stems_a) + sum(weight(s) for s in stems_b)
    if not total:
        return 1.0 if stems_a == stems_b else 0.0
    found = sum(weight(s) * max((v for t, v in kin[s].items() if t in stems_b), default=0.0) for s in stems_a)
    found += sum(weight(t) * max((v for s, v in kin[t].items() if s in stems_a), default=0.0) for t in stems_b)
    return found / total


def similarity(first: str, second: str) -> float:
    """How alike two texts are, from 0 (nothing shared) to 1 (the same words),
    every stem weighing the same.

    >>> similarity("Smoking should be banned.", "Smoking should be banned!")
    1.0
    >>> similarity("Smoking should be banned.", "Ban smoking.") > 0.5
    True
    >>> similarity("Smoking should be banned.", "Bus schedules cost money.") < 0.3
    True
    """
    stems_a, stems_b = key_stems(first), key_stems(second)
    return round(_weighted_overlap(stems_a, stems_b, lambda _: 1.0, kinship([*stems_a, *stems_b])), 4)


def wordings(node) -> list[str]:
    """A box's text and the other wordings its ``alt`` attribute gives."""
    extra = node.attribute(ALT_KEY) or ""
    return [node.text, *(part.strip() for part in extra.split("|") if part.strip())]


class _Weights:
    """Inverse document frequency of each stem over the boxes of both maps."""

    def __init__(self, documents: Iterable[frozenset[str]]) -> None:
        count: dict[str, int] = {}
        total = 0
        for document in documents:
            total += 1
            for item in document:
                count[item] = count.get(item, 0) + 1
        self.weights = {item: math.log(1 + max(total, 1) / n) for item, n in count.items()}
        self.rare = math.log(1 + max(total, 1))

    def __call__(self, item: str) -> float:
        return self.weights.get(item, self.rare)


def text_table(student: Map, reference: Map) -> list[list[float]]:
    """The text similarity of every student box (rows) with every box of the
    model answer (columns), stems weighted by rarity."""
    student_stems = [key_stems(node.text) for node in student.nodes]
    reference_stems = [[key_stems(text) for text in wordings(node)] for node in reference.nodes]
    weight = _Weights([*student_stems, *(stems[0] for stems in reference_stems)])
    claims = [_claim_stems(node.text) for node in student.nodes]
    every = [*student_stems, *(claim for claim in claims if claim), *chain.from_iterable(reference_stems)]
    kin = kinship(chain.from_iterable(every))
    having = _columns_having(reference_stems, kin)
    wordless = {column for column, options in enumerate(reference_stems) if not all(options)}
    table = []
    for mine, claim in zip(student_stems, claims, strict=True):
        row = [0.0] * len(reference_stems)
        candidates = set().union(*(having.get(item, ()) for item in mine)) if mine else wordless
        for column in candidates:
            row[column] = _box_similarity(mine, claim, reference_stems[column], weight, kin)
        table.append(row)
    return table


def _claim_stems(text: str) -> frozenset[str] | None:
    """The stems of the claim of a box that holds a claim and its reason, else None."""
    split = split_reasoning(text)
    return key_stems(split[0]) if split else None


def _columns_having(
    reference_stems: list[list[frozenset[str]]], kin: dict[str, dict[str, float]]
) -> dict[str, set[int]]:
    """For each stem, the boxes of the model answer (columns) that have it or a
    related form in one of their wordings."""
    having: dict[str, set[int]] = {}
    for column, options in enumerate(reference_stems):
        for item in (item for stems in options for item in stems):
            for other in kin[item]:
                having.setdefault(other, set()).add(column)
    return having


def _box_similarity(
    mine: frozenset[str],
    claim: frozenset[str] | None,
    options: list[frozenset[str]],
    weight: _Weights,
    kin: dict[str, dict[str, float]],
) -> float:
    """The similarity of a student box with the best wording of a model box. A box
    that holds a claim and its reason is paired by its claim (the reason is then
    reported as a statement of its own, see compare)."""
    whole = max(_weighted_overlap(mine, theirs, weight, kin) for theirs in options)
    if claim is None:
        return whole
    by_claim = max(_weighted_overlap(claim, theirs, weight, kin) for theirs in options)
    return max(WHOLE_OF_SPLIT * whole, by_claim)


# --- place --------------------------------------------------------------------


@attrs.frozen
class Shape:
    """Where each box of a map stands: the boxes it bears on (parents), the boxes
    that bear on it (children), and its depth (0 for a root). An undercut stands
    under the premise of the step it attacks."""

    parents: dict[str, list[str]]
    children: dict[str, list[str]]
    depth: dict[str, int]

    @classmethod
    def of(cls, the_map: Map) -> Shape:
        """The shape of *the_map*."""
        parents: dict[str, list[str]] = {node.id: [] for node in the_map.nodes}
        children: dict[str, list[str]] = {node.id: [] for node in the_map.nodes}
        for relation in the_map.relations:
            target = relation.target
            if the_map.has_relation(target):  # an undercut stands under the premise of the step
                target = the_map.relation(target).premises[0]
            if target not in children:
                continue
            for premise in relation.premises:
                if premise in parents and target not in parents[premise]:
                    parents[premise].append(target)
                    children[target].append(premise)
        depth = {node.id: depth for depth, node, _ in reversed(list(the_map.tree()))}
        return cls(parents, children, depth)


def side(kind: str) -> str:
    """``against`` for an objection, rebuttal or undercut, else ``for``."""
    return "against" if kind in _ATTACKING else "for"


def _place_agreement(student: Map, s_shape: Shape, reference: Map, r_shape: Shape) -> list[list[float]]:
    """Agreement of kind, side, being a root, and depth, 0 to 1."""
    table = []
    for s_node in student.nodes:
        row = []
        for r_node in reference.nodes:
            same_side = side(s_node.kind) == side(r_node.kind)
            same_kind = s_node.kind == r_node.kind
            same_root = (not s_shape.parents[s_node.id]) == (not r_shape.parents[r_node.id])
            gap = abs(s_shape.depth.get(s_node.id, 0) - r_shape.depth.get(r_node.id, 0))
            row.append(0.4 * same_side + 0.2 * same_kind + 0.2 * same_root + 0.2 * max(0.0, 1 - gap / 2))
        table.append(row)
    return table


def _best_mean(mine: Sequence[int], theirs: Sequence[int], scores: list[list[float]]) -> float:
    """How well two groups of boxes match: each box's best partner in the other
    group, averaged over both groups."""
    if not mine and not theirs:
        return 1.0
    if not mine:
        return LEFT_OUT  # a student who leaves a reason out is common
    if not theirs:
        return 0.0
    found = sum(max(scores[i][j] for j in theirs) for i in mine)
    found += sum(max(scores[i][j] for i in mine) for j in theirs)
    return found / (len(mine) + len(theirs))


def _flood(text: list[list[float]], place: list[list[float]], s_near, r_near) -> list[list[float]]:
    """Scores of text, place and neighbours, the neighbours' part propagated
    until it settles."""
    rows, columns = len(text), len(text[0])
    scores = [
        [(TEXT_SHARE * text[i][j] + PLACE_SHARE * place[i][j]) / (TEXT_SHARE + PLACE_SHARE) for j in range(columns)]
        for i in range(rows)
    ]
    for _ in range(ROUNDS):
        updated = []
        for i in range(rows):
            row = []
            for j in range(columns):
                parents = _best_mean(s_near[0][i], r_near[0][j], scores)
                children = _best_mean(s_near[1][i], r_near[1][j], scores)
                neighbours = 0.6 * parents + 0.4 * children
                row.append(TEXT_SHARE * text[i][j] + PLACE_SHARE * place[i][j] + NEIGHBOUR_SHARE * neighbours)
            updated.append(row)
        change = max(
            abs(a - b) for old, new in zip(scores, updated, strict=True) for a, b in zip(old, new, strict=True)
        )
        scores = updated
        if change < 1e-3:
            break
    return scores


def _indices(the_map: Map, shape: Shape):
    index = {node.id: i for i, node in enumerate(the_map.nodes)}
    parents = [[index[p] for p in shape.parents[node.id]] for node in the_map.nodes]
    children = [[index[c] for c in shape.children[node.id]] for node in the_map.nodes]
    return parents, children


# --- pairing ------------------------------------------------------------------


def _confidence(scores: list[list[float]], i: int, j: int) -> float:
    """How clearly the pair (i, j) stands above the other candidates of both
    boxes: its score, and its lead over the runner-up."""
    row = sorted((value for k, value in enumerate(scores[i]) if k != j), reverse=True)
    column = sorted((scores[k][j] for k in range(len(scores)) if k != i), reverse=True)
    runner_up = max(row[0] if row else 0.0, column[0] if column else 0.0)
    lead = scores[i][j] - runner_up
    level = min(1.0, max(0.0, (scores[i][j] - 0.3) / 0.3))
    return round(max(0.0, min(1.0, 0.5 * level + 0.5 + 2.5 * lead)) * (0.5 + 0.5 * level), 4)


def align(student: Map, reference: Map, threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    """Pairs of boxes, one student box to one box of the model answer at most,
    in the order of the model answer. A pair of the assignment is kept when its
    texts share something and its score (text and place together, 0 to 1) or
    its text similarity reaches *threshold*; with a threshold of 1 only
    identical texts are paired, and none by elimination."""
    if not student.nodes or not reference.nodes:
        return []
    text = text_table(student, reference)
    s_shape, r_shape = Shape.of(student), Shape.of(reference)
    place = _place_agreement(student, s_shape, reference, r_shape)
    s_near, r_near = _indices(student, s_shape), _indices(reference, r_shape)
    scores = _flood(text, place, s_near, r_near)
    pairs = {i: j for i, j in best_assignment(scores) if text[i][j] > 0 and max(scores[i][j], text[i][j]) >= threshold}
    assigned = set(pairs)
    if threshold < 1:
        _by_elimination(pairs, student, reference, s_near, r_near)
    matches = []
    for i, j in pairs.items():
        confidence = _confidence(scores, i, j) if i in assigned else BY_ELIMINATION
        matches.append(
            Match(student.nodes[i].id, reference.nodes[j].id, round(text[i][j], 4), confidence, round(scores[i][j], 4))
        )
    order = {node.id: index for index, node in enumerate(reference.nodes)}
    matches.sort(key=lambda match: order[match.reference])
    return matches


def _by_elimination(pairs: dict[int, int], student: Map, reference: Map, s_near, r_near) -> None:
    """Pair a box left over with the only box of its kind left over under the
    counterpart of its parent (a teacher's pairing by elimination)."""
    changed = True
    while changed:
        changed = False
        taken = set(pairs.values())
        for i, node in enumerate(student.nodes):
            if i in pairs or len(s_near[0][i]) != 1 or s_near[0][i][0] not in pairs:
                continue
            parent = pairs[s_near[0][i][0]]
            mine = [k for k in s_near[1][s_near[0][i][0]] if k not in pairs and student.nodes[k].kind == node.kind]
            theirs = [j for j in r_near[1][parent] if j not in taken and reference.nodes[j].kind == node.kind]
            if len(mine) == 1 and len(theirs) == 1:
                pairs[i] = theirs[0]
                changed = True
                break
