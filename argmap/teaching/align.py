"""Aligning two maps: which box of a student's map says what which box of the
model answer says.

Two boxes are compared by the meaning of their text as far as plain string
measures can tell it: the overlap of their key words (stemmed, stop words left
out, see :mod:`argmap.checks.words`) and the similarity of their letters
(:class:`difflib.SequenceMatcher`, which forgives spelling and word forms). No
model, no network: the result is the same on every machine.

Boxes are then paired one to one, best pair first, as long as the pair is at
least :data:`DEFAULT_THRESHOLD` alike. Greedy pairing is what a teacher does by
eye, and on maps of classroom size it finds the same pairs as an optimal
assignment.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from unicodedata import east_asian_width

import attrs

from ..checks.words import STOP_WORDS, stem, words
from ..model import ATTACK_KINDS, Map

DEFAULT_THRESHOLD = 0.45
"""How alike two texts must be (0 to 1) for their boxes to be paired."""

WORD_SHARE = 0.6
"""The share of the key-word overlap in :func:`similarity`; the rest is the
letters' similarity."""

SAME_SIDE_BONUS = 0.03
"""Added to the similarity of two boxes on the same side (both for, or both
against their target), so that of two equally worded boxes the one of the right
side is chosen; too small to pair boxes that do not say the same thing."""

_ATTACKING = ATTACK_KINDS | {"undercut"}


@attrs.frozen
class Match:
    """A box of the student's map paired with a box of the model answer."""

    student: str
    reference: str
    similarity: float


def key_stems(text: str) -> frozenset[str]:
    """The stems (cut to six letters) of the content words of *text*; all its
    words' stems when it has no content words.

    >>> sorted(key_stems("Teenagers fall asleep late."))
    ['asleep', 'fall', 'late', 'teenag']
    """
    found = words(text)
    content = [word for word in found if word not in STOP_WORDS] or found
    stems: set[str] = set()
    for word in content:
        if any(east_asian_width(char) in "WF" for char in word):
            # Chinese, Japanese and Korean are written without spaces: pairs of
            # characters stand in for words
            stems.update(word[i:i + 2] for i in range(max(1, len(word) - 1)))
        else:
            stems.add(stem(word)[:6])
    return frozenset(stems)


def _letters(text: str) -> str:
    return " ".join(words(text))


def similarity(first: str, second: str) -> float:
    """How alike two texts are, from 0 (nothing shared) to 1 (the same words).

    >>> similarity("Smoking should be banned.", "Smoking should be banned!")
    1.0
    >>> similarity("Smoking should be banned.", "Ban smoking.") > 0.5
    True
    >>> similarity("Smoking should be banned.", "Bus schedules cost money.") < 0.3
    True
    """
    return _similarity(key_stems(first), _letters(first), key_stems(second), _letters(second))


def _similarity(stems_a: frozenset[str], letters_a: str, stems_b: frozenset[str], letters_b: str,
                floor: float = 0.0) -> float:
    """The similarity, or 0 as soon as it is sure to be below *floor* (the letters'
    comparison is the costly part, and its cheap upper bounds often settle it)."""
    if not stems_a or not stems_b:
        shared = 1.0 if stems_a == stems_b else 0.0
    else:
        shared = 2 * len(stems_a & stems_b) / (len(stems_a) + len(stems_b))
    if letters_a == letters_b:
        letters = 1.0
    else:
        matcher = SequenceMatcher(None, letters_a, letters_b, autojunk=False)
        for bound in (matcher.real_quick_ratio, matcher.quick_ratio):
            if WORD_SHARE * shared + (1 - WORD_SHARE) * bound() < floor:
                return 0.0
        letters = matcher.ratio()
    return round(WORD_SHARE * shared + (1 - WORD_SHARE) * letters, 4)


def _side(kind: str) -> str:
    return "against" if kind in _ATTACKING else "for"


def align(student: Map, reference: Map, threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    """Pairs of boxes, one student box to one reference box at most, best pairs
    first; pairs less alike than *threshold* are left out."""
    prepared = [(node, key_stems(node.text), _letters(node.text)) for node in reference.nodes]
    candidates: list[tuple[float, int, int, float]] = []
    for s_index, s_node in enumerate(student.nodes):
        s_stems, s_letters = key_stems(s_node.text), _letters(s_node.text)
        for r_index, (r_node, r_stems, r_letters) in enumerate(prepared):
            alike = _similarity(s_stems, s_letters, r_stems, r_letters, threshold)
            if alike < threshold:
                continue
            bonus = SAME_SIDE_BONUS if _side(s_node.kind) == _side(r_node.kind) else 0.0
            candidates.append((alike + bonus, s_index, r_index, alike))
    # best first; ties in the order of the files, so the result is reproducible
    candidates.sort(key=lambda item: (-item[0], item[1], item[2]))
    taken_s: set[int] = set()
    taken_r: set[int] = set()
    matches: list[Match] = []
    for _, s_index, r_index, alike in candidates:
        if s_index in taken_s or r_index in taken_r:
            continue
        taken_s.add(s_index)
        taken_r.add(r_index)
        matches.append(Match(student.nodes[s_index].id, reference.nodes[r_index].id, alike))
    order = {node.id: index for index, node in enumerate(reference.nodes)}
    matches.sort(key=lambda match: order[match.reference])
    return matches
