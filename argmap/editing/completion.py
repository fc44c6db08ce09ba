"""What may be typed at a place: keywords at the start of a line, ids after ``@``,
attribute keys and values inside ``{...}``, and check codes where codes go."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from ..model import Map

Kind = Literal["keyword", "id", "attribute-key", "attribute-value", "code"]

ATTRIBUTE_KEYS = {
    "source": "where the node comes from (a paragraph, a page, a citation)",
    "verdict": "the reader's verdict, used by evaluation",
    "weight": "how strong the node is, from 0 to 1",
    "noqa": "silence check codes on this node",
    "expect": "the verdict the finished map must give this node (argmap check --expect)",
    "note": "the teacher's feedback on this box of a model answer",
    "scheme": "the argument scheme a reason instantiates (argmap schemes)",
    "role": "the premise of the reason's scheme this premise fills",
    "cq": "the critical question of a scheme this objection or undercut raises",
}
"""The attribute keys with a fixed meaning, and what each means."""

_REFERENCE_RE = re.compile(r"(?:^|(?<=\s))@([\w.\-]*)\Z")
_CODE_HEADER_RE = re.compile(r"^(?:check-select|check-ignore)[ \t]*:(?:.*[\s,])?([A-Za-z0-9]*)\Z")
_KEYWORD_RE = re.compile(r"^[ \t]*([A-Za-z]*)\Z")
_LAST_WORD_RE = re.compile(r"([^\s,\"]*)\Z")


class Completion(NamedTuple):
    """One thing that may be typed: its label, the text it inserts, a detail."""

    label: str
    kind: Kind
    insert: str
    detail: str = ""


class Place(NamedTuple):
    """What is being typed at the cursor: a kind, the part already typed, and for
    an attribute value, its key."""

    kind: Kind
    prefix: str
    key: str | None = None


def place_at(line: str, column: int) -> Place | None:
    """What is being typed at 0-based *column* of *line* (``None``: nothing known)."""
    before = line[:column]
    reference = _REFERENCE_RE.search(before)
    if reference:
        return Place("id", reference.group(1))
    attribute = _attribute_place(before)
    if attribute is not None:
        return attribute
    codes = _CODE_HEADER_RE.match(before)
    if codes:
        return Place("code", codes.group(1))
    keyword = _KEYWORD_RE.match(before)
    if keyword:
        return Place("keyword", keyword.group(1))
    return None


def _attribute_place(before: str) -> Place | None:
    opening = before.rfind("{")
    if opening < 0 or "}" in before[opening:] or (opening > 0 and not before[opening - 1].isspace()):
        return None
    segment = before[opening + 1 :].rsplit(",", 1)[-1]
    if ":" not in segment:
        return Place("attribute-key", segment.strip())
    key, _, value = segment.partition(":")
    last_word = _LAST_WORD_RE.search(value)
    prefix = last_word.group(1) if last_word else ""  # the pattern matches at the end of any text
    return Place("attribute-value", prefix, key.strip())


def completions(place: Place, the_map: Map | None) -> list[Completion]:
    """What may complete *place*, given the map as last read (ids come from it)."""
    if place.kind == "keyword":
        return _keywords(place.prefix)
    if place.kind == "id":
        return _ids(place.prefix, the_map)
    if place.kind == "attribute-key":
        return [
            Completion(key, "attribute-key", f"{key}: ", meaning)
            for key, meaning in ATTRIBUTE_KEYS.items()
            if key.startswith(place.prefix)
        ]
    if place.kind == "code" or place.key == "noqa":
        return _codes(place.prefix)
    return [
        Completion(value, "attribute-value", value) for value in _values(place.key) if value.startswith(place.prefix)
    ]


def _keywords(prefix: str) -> list[Completion]:
    from ..parsing import KEYWORDS

    return [
        Completion(word, "keyword", f"{word}: " if word != "reason" else "reason:")
        for word in KEYWORDS
        if word.startswith(prefix.lower())
    ]


def _ids(prefix: str, the_map: Map | None) -> list[Completion]:
    nodes = the_map.nodes if the_map is not None else ()
    return [
        Completion(node.id, "id", node.id, f"{node.kind}: {node.text[:80]}")
        for node in nodes
        if node.id.startswith(prefix)
    ]


def _codes(prefix: str) -> list[Completion]:
    from ..checks.registry import all_checks

    return [
        Completion(check.code, "code", check.code, f"{check.name}: {check.summary}")
        for check in all_checks()
        if check.code.startswith(prefix.upper())
    ]


def _values(key: str | None) -> tuple[str, ...]:
    if key == "verdict":
        from ..build import VERDICTS

        return VERDICTS
    if key == "expect":
        from ..teaching.expect import EXPECTED_VALUES

        return EXPECTED_VALUES
    if key in ("scheme", "role", "cq"):
        return _scheme_words(key)
    return ()


def _scheme_words(key: str) -> tuple[str, ...]:
    """Scheme ids, premise roles or critical question ids of the built-in catalogue."""
    from ..schemes import load_catalogue

    schemes = load_catalogue().schemes
    if key == "scheme":
        return tuple(scheme.id for scheme in schemes)
    if key == "role":
        return tuple(dict.fromkeys(premise.role for scheme in schemes for premise in scheme.premises))
    return tuple(dict.fromkeys(question.id for scheme in schemes for question in scheme.questions))
