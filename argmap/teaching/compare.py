"""Comparing a student's map with the model answer.

The boxes of the two maps are first paired by what they say
(:mod:`argmap.teaching.align`); then every difference that a teacher would mark is
named, with the classic mistakes of argument mapping among them:

- a box of the model answer that has no counterpart (``missing-*``), and a box of
  the student's that has none (``extra-node``);
- a box on the wrong side (``wrong-kind``: a premise written as an objection),
  an objection written as a rebuttal or the other way round
  (``objection-rebuttal-confusion``), an undercut confused with an objection or
  rebuttal (``undercut-confusion``);
- a box that supports or attacks another box than in the model answer
  (``wrong-attachment``);
- co-premises that work only together written as separate reasons
  (``split-reason``), and separate reasons written as one (``merged-reasons``);
- a box that holds two statements of the model answer, a claim and its reason
  joined by *because*, *since*, *so*, *therefore*... (``two-statements``); a
  causal *because* inside one statement is not one;
- a box that comes out otherwise than the model answer expects (``wrong-verdict``,
  when the model answer has ``{expect: in}`` or ``{expect: out}`` attributes).

Each mistake costs the points of its row in the :class:`~argmap.teaching.rubric.Rubric`,
and a ``{note: ...}`` attribute on a box of the model answer is shown beside every
mistake about that box.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..checks.words import split_reasoning
from ..config import ArgmapConfigError
from ..errors import Location
from ..model import ATTACK_KINDS, Map, Node, Relation
from .align import CONFIDENT, DEFAULT_THRESHOLD, Match, Shape, align, similarity, wordings
from .expect import EXPECT_KEY
from .rubric import DEFAULT_RUBRIC, MISTAKES, Rubric, score

POINTS_KEY = "points"
"""The attribute of a box of the model answer that says what it is worth (and
what missing it costs), overriding the rubric's row for its kind."""

NOTE_KEY = "note"
"""The attribute of a box of the model answer that holds the teacher's feedback."""


_AGAINST = ATTACK_KINDS | {"undercut"}
_QUOTE_LENGTH = 70


@attrs.frozen
class Mistake:
    """One difference from the model answer, with where it is and what it costs."""

    kind: str
    message: str
    points: float
    student: tuple[str, ...] = ()
    """Ids of the student's boxes concerned (first: where it is reported)."""
    reference: tuple[str, ...] = ()
    """Ids of the model answer's boxes concerned."""
    line: int | None = None
    column: int | None = None
    reference_line: int | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        """The mistake as JSON-ready data."""
        return attrs.asdict(self, recurse=False) | {"student": list(self.student), "reference": list(self.reference)}


@attrs.frozen
class Comparison:
    """What :func:`compare` found: the pairs of boxes, the mistakes and the score."""

    matches: tuple[Match, ...]
    mistakes: tuple[Mistake, ...]
    possible: float
    lost: float
    score: int
    rubric: Rubric = attrs.field(repr=False)
    student_nodes: int
    reference_nodes: int
    student_file: str | None = None
    reference_file: str | None = None
    review: str | None = None
    """Why the pairing of boxes is not to be trusted and a teacher should check
    the map by hand (see :func:`review_reason`), or ``None``."""

    def counts(self) -> dict[str, int]:
        """How many mistakes of each kind, every kind of the rubric listed."""
        found = {kind: 0 for kind in MISTAKES}
        for mistake in self.mistakes:
            found[mistake.kind] += 1
        return found

    def mistakes_about_student(self, node_id: str) -> list[Mistake]:
        """The mistakes reported on one of the student's boxes."""
        return [m for m in self.mistakes if node_id in m.student]

    def missed(self) -> list[str]:
        """Ids of the boxes of the model answer that the student's map lacks."""
        return [m.reference[0] for m in self.mistakes if m.kind.startswith("missing-")]

    def to_dict(self) -> dict:
        """The comparison as JSON-ready data (see ``docs/teaching.md``)."""
        return {
            "student": self.student_file,
            "reference": self.reference_file,
            "score": self.score,
            "review": self.review is not None,
            "review_reason": self.review,
            "points": {"possible": self.possible, "lost": self.lost},
            "boxes": {"student": self.student_nodes, "reference": self.reference_nodes, "matched": len(self.matches)},
            "counts": self.counts(),
            "mistakes": [mistake.to_dict() for mistake in self.mistakes],
            "matches": [attrs.asdict(match) for match in self.matches],
            "rubric": dict(self.rubric.weights),
        }


def compare(
    student: Map,
    reference: Map,
    *,
    rubric: Rubric = DEFAULT_RUBRIC,
    threshold: float = DEFAULT_THRESHOLD,
    hide_answers: bool = False,
    student_file: str | None = None,
    reference_file: str | None = None,
) -> Comparison:
    """Compare *student*'s map with the model answer *reference*.

    *threshold* is how alike two texts must be to pair their boxes (0 to 1);
    *hide_answers* words the feedback without quoting the model answer's texts
    (for a student who will try again)."""
    matches = align(student, reference, threshold)
    finder = _Finder(student, reference, matches, rubric, hide_answers, box_points(reference, rubric))
    mistakes = finder.find()
    worth = box_points(reference, rubric)
    possible = sum(worth.values())
    lost = sum(mistake.points for mistake in mistakes)
    return Comparison(
        review=review_reason(student, reference, matches),
        matches=tuple(matches),
        mistakes=tuple(mistakes),
        possible=possible,
        lost=lost,
        score=score(possible, lost),
        rubric=rubric,
        student_nodes=len(student.nodes),
        reference_nodes=len(reference.nodes),
        student_file=student_file,
        reference_file=reference_file,
    )


REVIEW_SHARE = 0.8
"""A map with a smaller share of its boxes confidently paired is flagged for
checking by hand."""


def review_reason(student: Map, reference: Map, matches: Iterable[Match]) -> str | None:
    """Why a teacher should check a comparison by hand, or ``None``: the model
    answer's conclusion is paired with no box, or fewer than
    :data:`REVIEW_SHARE` of the student's boxes are paired with confidence."""
    matches = list(matches)
    paired = {match.reference for match in matches}
    unpaired = [
        node
        for node in reference.nodes
        if missing_kind(reference, node) == "missing-conclusion" and node.id not in paired
    ]
    if unpaired and student.nodes:
        return f"no box of the map was paired with the conclusion {quote(unpaired[0].text)}"
    if not student.nodes:
        return None
    sure = sum(match.confidence >= CONFIDENT for match in matches)
    if sure < REVIEW_SHARE * len(student.nodes):
        return (
            f"only {sure} of the map's {len(student.nodes)} boxes were paired with confidence: "
            "the map may say the same in words too unlike the model answer's"
        )
    return None


def box_points(reference: Map, rubric: Rubric = DEFAULT_RUBRIC) -> dict[str, float]:
    """What each box of the model answer is worth: its ``{points: N}``
    attribute, else the rubric's row for missing it. A value that is not a
    number of 0 or more is an error (:class:`~argmap.config.ArgmapConfigError`,
    at the box)."""
    worth = {}
    for node in reference.nodes:
        value = node.attribute(POINTS_KEY)
        if value is None:
            worth[node.id] = rubric.weight(missing_kind(reference, node))
            continue
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not number >= 0 or number == float("inf"):
            span = node.span
            location = Location(None, span.line, span.column, span.end_line, span.end_column) if span else None
            raise ArgmapConfigError(
                f"{{points: {value}}} on {node.kind} '{node.id}' is not a number of 0 or more",
                label="bad-points",
                hint="write the box's worth as a number: {points: 3}",
                location=location,
            )
        worth[node.id] = number
    return worth


def missing_kind(reference: Map, node: Node) -> str:
    """The ``missing-*`` mistake for a box of the model answer that is missing."""
    if node.kind == "conclusion" or (node.kind == "claim" and not reference.outgoing(node.id)):
        return "missing-conclusion"
    if node.kind == "evidence":
        return "missing-evidence"
    if node.kind == "assumption":
        return "missing-assumption"
    if node.kind in ("objection", "undercut"):
        return "missing-objection"
    if node.kind == "rebuttal":
        return "missing-rebuttal"
    return "missing-reason"


def quote(text: str, length: int = _QUOTE_LENGTH) -> str:
    """A text in quotes, cut short at a word when it is long.

    >>> quote("Smoking should be banned.")
    "'Smoking should be banned.'"
    >>> quote("one two three four", 10)
    "'one two…'"
    """
    text = " ".join(text.split())
    if len(text) > length:
        text = text[:length].rsplit(" ", 1)[0] + "…"
    return f"'{text}'"


def article(kind: str) -> str:
    """The kind with its indefinite article: ``an objection``, ``a premise``."""
    if kind == "evidence":
        return "a piece of evidence"
    return ("an " if kind[0] in "aeiou" else "a ") + kind


_VERB = {"support": "supports", "attack": "attacks", "undercut": "undercuts"}


# A place a box bears on, in terms of the model answer's ids:
# ("node", id) or ("inference", target id, frozenset of premise ids).
Place = tuple


class _Finder:
    """The mistakes of one comparison; one method per family of mistakes."""

    def __init__(
        self, student: Map, reference: Map, matches: list[Match], rubric: Rubric, hide: bool, worth: dict[str, float]
    ) -> None:
        self.student = student
        self.worth = worth
        self.reference = reference
        self.rubric = rubric
        self.hide = hide
        self.to_reference = {m.student: m.reference for m in matches}
        self.to_student = {m.reference: m.student for m in matches}
        self.matches = matches
        self.mistakes: list[Mistake] = []
        self.inside: set[str] = set()
        """Boxes of the model answer that a student box holds beside its own."""

    def find(self) -> list[Mistake]:
        """Every mistake: those on the student's boxes in the order of the file,
        then the missing boxes in the order of the model answer."""
        for match in self.matches:
            self._kind(match)
            self._attachment(match)
        self._split()
        self._merged()
        self._two_statements()
        self._verdicts()
        self._schemes()
        for node in self.student.nodes:
            if node.id not in self.to_reference:
                self._add(
                    "extra-node",
                    f"{quote(node.text)} has no counterpart in the model answer: is it part of this argument?",
                    student=(node.id,),
                )
        on_student = sorted(self.mistakes, key=lambda m: (m.line or 0, m.column or 0))
        self.mistakes = []
        for node in self.reference.nodes:
            if node.id not in self.to_student and node.id not in self.inside:
                self._missing(node)
        return on_student + self.mistakes

    # --- helpers -------------------------------------------------------------

    def _add_about(self, match: Match, kind: str, message: str) -> None:
        """A mistake about one paired box (the student's and the model answer's)."""
        self._add(kind, message, student=(match.student,), reference=(match.reference,))

    def _add(
        self,
        kind: str,
        message: str,
        *,
        student: Iterable[str] = (),
        reference: Iterable[str] = (),
        points: float | None = None,
    ) -> None:
        student, reference = tuple(student), tuple(reference)
        span = self.student.node(student[0]).span if student else None
        reference_span = self.reference.node(reference[0]).span if reference else None
        note = next((n for n in (self.reference.node(r).attribute(NOTE_KEY) for r in reference) if n), None)
        self.mistakes.append(
            Mistake(
                kind=kind,
                message=message,
                points=self.rubric.weight(kind) if points is None else points,
                student=student,
                reference=reference,
                line=span.line if span else None,
                column=span.column if span else None,
                reference_line=reference_span.line if reference_span else None,
                note=note,
            )
        )

    def _s_text(self, node_id: str) -> str:
        if not self.student.has_node(node_id):  # a dangling reference (argmap check reports it)
            return f"@{node_id}"
        return quote(self.student.node(node_id).text)

    def _r_text(self, node_id: str) -> str:
        """A box of the model answer as feedback names it: by the student's own
        text when the student has it, else by its text (unless answers are
        hidden)."""
        if node_id in self.to_student:
            return self._s_text(self.to_student[node_id])
        if not self.reference.has_node(node_id):
            return f"@{node_id}"
        if self.hide:
            return f"{article(self.reference.node(node_id).kind)} of the model answer"
        return quote(self.reference.node(node_id).text)

    @staticmethod
    def _place(the_map: Map, relation: Relation) -> Place:
        if relation.kind == "undercut" and the_map.has_relation(relation.target):
            inference = the_map.relation(relation.target)
            return ("inference", inference.target, frozenset(inference.premises))
        return ("node", relation.target)

    def _student_place(self, relation: Relation) -> Place | None:
        """Where a relation of the student's bears, in the model answer's ids
        (``None`` when its target has no counterpart)."""
        place = self._place(self.student, relation)
        target = self.to_reference.get(place[1])
        if target is None:
            return None
        if place[0] == "node":
            return ("node", target)
        return ("inference", target, frozenset(self.to_reference[p] for p in place[2] if p in self.to_reference))

    def _known(self, place: Place) -> bool:
        """Whether the student's map has the target of a place of the model answer."""
        return place[1] in self.to_student

    @staticmethod
    def _same(student_place: Place, reference_place: Place) -> bool:
        """Whether two places are the same box or inference. A box and an
        inference from it count as the same place: an undercut written as an
        objection stands under the same line (the confusion is reported once, as
        such)."""
        kinds = (student_place[0], reference_place[0])
        if kinds == ("node", "inference"):
            return student_place[1] in reference_place[2]
        if kinds == ("inference", "node"):
            return reference_place[1] in student_place[2]
        if student_place[1] != reference_place[1]:
            return False
        return kinds[0] == "node" or bool(student_place[2] & reference_place[2])

    def _describe(self, the_map: Map, relation: Relation, *, ours: bool) -> str:
        """'supports X' / 'undercuts the step from A to B', in the student's words
        where possible."""
        text = self._s_text if ours else self._r_text
        verb = _VERB[relation.kind]
        if relation.kind == "undercut" and the_map.has_relation(relation.target):
            inference = the_map.relation(relation.target)
            return f"{verb} the step from {text(inference.premises[0])} to {text(inference.target)}"
        if not the_map.has_node(relation.target):
            return f"{verb} @{relation.target}"
        return f"{verb} {text(relation.target)}"

    # --- the families ----------------------------------------------------------

    def _kind(self, match: Match) -> None:
        mine = self.student.node(match.student).kind
        theirs = self.reference.node(match.reference).kind
        if mine == theirs:
            return
        text = self._s_text(match.student)
        if (mine in _AGAINST) != (theirs in _AGAINST):
            side = "against" if theirs in _AGAINST else "for"
            self._add_about(
                match,
                "wrong-kind",
                f"{text} is written as {article(mine)}, but in the model answer it is "
                f"{article(theirs)}: it speaks {side} the box it answers",
            )
        elif "undercut" in (mine, theirs):
            if theirs == "undercut":
                why = "it grants the box it answers and denies only that it bears on that box's target"
            else:
                why = "it denies the box it answers itself, not only the step from it"
            self._add_about(
                match,
                "undercut-confusion",
                f"{text} is written as {article(mine)}, but in the model answer it is {article(theirs)}: {why}",
            )
        elif {mine, theirs} == {"objection", "rebuttal"}:
            why = "it answers an objection" if theirs == "rebuttal" else "it answers no objection"
            self._add_about(
                match,
                "objection-rebuttal-confusion",
                f"{text} is written as {article(mine)}, but in the model answer it is {article(theirs)}: {why}",
            )
        # other differences (premise, claim, assumption, evidence, conclusion) are
        # all on the same side, and not worth points

    def _attachment(self, match: Match) -> None:
        mine = self.student.outgoing(match.student)
        theirs = self.reference.outgoing(match.reference)
        text = self._s_text(match.student)
        if not theirs and not mine:
            return
        if not theirs:
            self._add_about(
                match,
                "wrong-attachment",
                f"{text} {self._describe(self.student, mine[0], ours=True)} in your map, "
                "but in the model answer it is the conclusion: it bears on no other box",
            )
            return
        reference_places = [(r, self._place(self.reference, r)) for r in theirs]
        known = [(r, p) for r, p in reference_places if self._known(p)]
        if not known:
            return  # what it bears on is missing, and reported as missing
        should = self._describe(self.reference, known[0][0], ours=False)
        if not mine:
            self._add_about(
                match, "wrong-attachment", f"{text} stands on its own in your map, but in the model answer it {should}"
            )
            return
        judged = self._judged_places(mine)
        if not judged:
            return  # it bears on boxes that have no counterpart: those are reported
        if any(self._same(s, p) for _, s in judged for _, p in known):
            return
        does = self._describe(self.student, judged[0][0], ours=True)
        self._add_about(match, "wrong-attachment", f"{text} {does} in your map, but in the model answer it {should}")

    def _judged_places(self, relations: list[Relation]) -> list[tuple[Relation, Place]]:
        """The student's *relations* whose place has a counterpart in the model answer, with it."""
        places = [(r, self._student_place(r)) for r in relations]
        return [(r, p) for r, p in places if p is not None]

    def _split(self) -> None:
        """Co-premises of one linked reason of the model answer that the student
        gives as separate reasons for the same box."""
        for relation in self.reference.relations:
            present = [p for p in relation.premises if p in self.to_student]
            if len(present) < 2:
                continue
            found = self._reasons_bearing_alike(present, self._place(self.reference, relation))
            if found is None or len(found) < 2:
                continue
            if any({self.to_reference.get(q) for q in r.premises} >= set(present) for r in found):
                continue  # one of them has all the co-premises together
            names = " and ".join(self._s_text(self.to_student[p]) for p in present)
            target = self._describe(self.reference, relation, ours=False)
            self._add(
                "split-reason",
                f"{names} are separate reasons in your map, but in the model answer "
                f"they are one linked reason that {target}: they count only together, "
                "so put them in one 'reason:' block",
                student=[self.to_student[p] for p in present],
                reference=present,
            )

    def _reasons_bearing_alike(self, premises: list[str], place: Place) -> list[Relation] | None:
        """The student's relations (once each) from the counterparts of *premises*
        (ids of the model answer) that bear where *place* does; None when one of
        them bears on nothing there (a wrong attachment, not a split)."""
        found: dict[str, Relation] = {}
        for premise in premises:
            bearing = [
                r
                for r in self.student.outgoing(self.to_student[premise])
                if (p := self._student_place(r)) is not None and self._same(p, place)
            ]
            if not bearing:
                return None
            found.update((r.id, r) for r in bearing)
        return list(found.values())

    def _merged(self) -> None:
        """A linked reason of the student's whose co-premises are separate reasons
        for the same box in the model answer."""
        for relation in self.student.relations:
            if not relation.is_linked:
                continue
            place = self._student_place(relation)
            if place is None:
                continue
            groups: dict[str, str] = {}  # premise of the model answer -> its reason there
            for premise in relation.premises:
                theirs = self.to_reference.get(premise)
                if theirs is None:
                    continue
                found = [
                    r for r in self.reference.outgoing(theirs) if self._same(place, self._place(self.reference, r))
                ]
                if found:
                    groups[theirs] = found[0].id
            if len(groups) < 2:
                continue
            whole = any(set(groups) <= set(r.premises) for r in self.reference.relations)
            if whole or len(set(groups.values())) < 2:
                continue
            names = " and ".join(self._s_text(self.to_student[p]) for p in groups)
            target = self._describe(self.student, relation, ours=True)
            self._add(
                "merged-reasons",
                f"{names} are one linked reason in your map, but in the model answer they "
                f"are separate reasons: each {target} on its own, so give each its own line",
                student=[self.to_student[p] for p in groups],
                reference=list(groups),
            )

    def _two_statements(self) -> None:
        """A student box that says a box of the model answer and, joined by a
        connective, a box next to it: its reason (a premise under it) or the
        claim it supports."""
        shape = Shape.of(self.reference)
        for match in self.matches:
            node = self.student.node(match.student)
            split = split_reasoning(node.text)
            if split is None:
                continue
            claim, reason, _ = split
            free = [y for y in self.reference.nodes if y.id not in self.to_student and y.id not in self.inside]
            below = [y.id for y in free if y.id in shape.children[match.reference]]
            above = [y.id for y in free if y.id in shape.parents[match.reference]]
            for part, rest, candidates, where in (
                (reason, claim, below, "a premise under"),
                (claim, reason, above, "the claim supported by"),
            ):
                found = _second_statement(self.reference, match.reference, part, candidates)
                if found is not None:
                    self.inside.add(found)
                    self._add(
                        "two-statements",
                        f"{quote(node.text)} holds two statements: {quote(part)} belongs "
                        f"in a box of its own, {where} {quote(rest)}",
                        student=(match.student,),
                        reference=(match.reference, found),
                    )
                    break

    def _verdicts(self) -> None:
        expected = {
            node.id: value.strip().lower()
            for node in self.reference.nodes
            if (value := node.attribute(EXPECT_KEY)) is not None and node.id in self.to_student
        }
        if not expected:
            return
        evaluation = student_evaluation(self.student)
        if evaluation is None:
            return
        labels, explanations = evaluation
        for node_id, verdict in expected.items():
            mine = self.to_student[node_id]
            label = labels.get(mine)
            if label is None or label == verdict:
                continue
            why = explanations.get(mine, "")
            why = f" ({why.split(': ', 1)[-1]})" if why else ""
            self._add(
                "wrong-verdict",
                f"your map makes {self._s_text(mine)} {label}{why}, but the model answer "
                f"expects it {verdict}: look at what attacks it and what answers those attacks",
                student=(mine,),
                reference=(node_id,),
            )

    def _schemes(self) -> None:
        """A reason of the model answer that names a scheme, whose counterpart in the
        student's map (the reason from the same premises to the same box) names
        another scheme or none."""
        from ..schemes import builtin_catalogue
        from ..schemes.analysis import scheme_uses

        catalogue = builtin_catalogue()
        theirs = scheme_uses(self.reference, catalogue)
        if not theirs:
            return
        mine = scheme_uses(self.student, catalogue)
        for use in theirs.values():
            counterpart = self._counterpart(use.relation)
            if counterpart is None:
                continue  # a missing box or a wrong attachment is reported already
            found = mine.get(counterpart.id)
            wanted = use.scheme.id if use.scheme else use.written
            written = None if found is None else (found.scheme.id if found.scheme else found.written)
            if written == wanted:
                continue
            named = "another scheme" if self.hide else f"'{wanted}'"
            says = "names no scheme" if written is None else f"is read as '{written}'"
            premises = [p for p in counterpart.premises if self.student.has_node(p)]
            self._add(
                "wrong-scheme",
                f"the reason from {self._s_text(premises[0])} {says}, but the model answer "
                f"reads it as {named}: see `argmap schemes`",
                student=premises[:1],
                reference=use.relation.premises[:1],
            )

    def _counterpart(self, relation: Relation) -> Relation | None:
        """The student's relation of the same kind from counterparts of *relation*'s
        premises to the counterpart of its target: the one with just those premises,
        else the one sharing most of them (a box may stand in two reasons aimed at one
        target, alone and with others)."""
        target = self.to_student.get(relation.target)
        premises = {self.to_student[p] for p in relation.premises if p in self.to_student}
        if target is None or not premises:
            return None
        candidates = [
            r for r in self.student.incoming(target) if r.kind == relation.kind and premises.intersection(r.premises)
        ]

        def fit(candidate: Relation) -> tuple[int, int]:
            return len(premises.intersection(candidate.premises)), -len(
                premises.symmetric_difference(candidate.premises)
            )

        return max(candidates, key=fit, default=None)

    def _missing(self, node: Node) -> None:
        kind = missing_kind(self.reference, node)
        relations = self.reference.outgoing(node.id)
        what = article(node.kind) if self.hide else f"{article(node.kind)}, {quote(node.text)},"
        where = "that " + self._describe(self.reference, relations[0], ours=False) if relations else "as its conclusion"
        message = f"the model answer has {what} {where}; your map has no box that says this"
        self._add(kind, message, reference=(node.id,), points=self.worth[node.id])


SECOND_STATEMENT = 0.25
"""How alike part of a student box must be to a box of the model answer for the
box to hold that statement too."""


def _second_statement(reference: Map, paired: str, part: str, candidates: list[str]) -> str | None:
    """The box among *candidates* (next to the *paired* box of the model
    answer) that one *part* of a student's text says, if any: at least as alike
    to it as to the paired box, and alike enough."""

    def alike(node_id: str) -> float:
        return max(similarity(part, wording) for wording in wordings(reference.node(node_id)))

    scored = [(alike(y), y) for y in candidates]
    scored = [(value, y) for value, y in scored if value >= SECOND_STATEMENT and value >= alike(paired)]
    return max(scored)[1] if scored else None


def student_evaluation(the_map: Map) -> tuple[dict[str, str], dict[str, str]] | None:
    """The grounded labels of a map's boxes and their explanations, or ``None``
    when evaluation (:mod:`argmap.evaluation`) is not available or fails on the map."""
    try:
        from ..evaluation import evaluate
    except ImportError:
        return None
    try:
        result = evaluate(the_map, "grounded")
        return dict(result.labels), dict(result.explanations)
    except Exception:  # noqa: BLE001 - a map that evaluation cannot judge is judged on the rest
        return None
