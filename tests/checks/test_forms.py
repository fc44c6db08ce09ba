"""Every check sees the map, not the way it was written.

Each check's failing example, and each fixture map, is written again in the other
forms a map takes: canonical ``.arg`` (``to_arg``), ``.arg`` with an id on every
relation (which ``to_arg`` writes as ``reason id:`` groups, the form of every
imported map), JSON, and JSON without spans (a map built in code). Each form must
give the same findings, code for code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import attrs
import pytest

import argmap
from argmap.checks.registry import all_checks
from argmap.errors import ArgmapError
from argmap.model import Map
from tests.checks.test_fixtures import FIXTURES, read_fixtures


def as_written(the_map: Map) -> Map:
    return argmap.parse(argmap.to_arg(the_map))


def with_relation_ids(the_map: Map) -> Map:
    """The map with an id of its own on every relation, written and read back."""
    renamed = {relation.id: f"r{index}" for index, relation in enumerate(the_map.relations)}
    relations = [
        attrs.evolve(relation, id=renamed[relation.id], target=renamed.get(relation.target, relation.target))
        for relation in the_map.relations
    ]
    text = argmap.to_arg(Map(metadata=the_map.metadata, nodes=the_map.nodes, relations=relations))
    assert "reason r0:" in text or not relations  # the form the check must see through
    return argmap.parse(text)


def through_json(the_map: Map) -> Map:
    return argmap.from_json(argmap.to_json(the_map))


def without_spans(the_map: Map) -> Map:
    return Map(
        metadata=the_map.metadata,
        nodes=[attrs.evolve(node, span=None) for node in the_map.nodes],
        relations=[attrs.evolve(relation, span=None) for relation in the_map.relations],
    )


FORMS: dict[str, Callable[[Map], Map]] = {
    "to_arg": as_written,
    "reason-groups": with_relation_ids,
    "json": through_json,
    "no-spans": without_spans,
}

MAPS = [
    pytest.param(check.example.load(check.example.bad), check.code, id=f"{check.code}-example")
    for check in all_checks()
] + [
    pytest.param(argmap.parse(text), None if codes == "ALL" else codes, id=f"{path.stem}: {title}")
    for path in sorted(FIXTURES.glob("*.txt"))
    for title, codes, text, _ in read_fixtures(path)
]


def codes(the_map: Map, select) -> Counter:
    return Counter(diagnostic.code for diagnostic in argmap.check(the_map, select=select))


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize("the_map, select", MAPS)
def test_every_form_gives_the_same_findings(the_map: Map, select, form: str) -> None:
    """The same findings, code for code, whichever form the map was written in."""
    expected = codes(the_map, select)
    try:
        other = FORMS[form](the_map)
    except ArgmapError:
        # only a map no .arg file can hold (AM204's) cannot be written; JSON holds it
        assert form in ("to_arg", "reason-groups") and "AM204" in expected
        return
    assert codes(other, select) == expected


def test_the_examples_fail_in_every_form() -> None:
    """Each check's failing example fails it in the reason-group form too (so the
    comparison above compares findings, not their absence)."""
    for check in all_checks():
        the_map = check.example.load(check.example.bad)
        if check.code == "AM204":
            continue
        assert check.code in codes(with_relation_ids(the_map), check.code), check.code
