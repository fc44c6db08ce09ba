"""Recovery as a property: a valid map with k lines corrupted independently (the slips
of tests/recovery/test_mistakes.py, on random maps) is read without a crash, and every
mistake reported stands on a corrupted line or on a line indented under one."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.parsing import KEYWORDS
from argmap.recovery import parse_recovering
from tests.strategies import maps

_KEYWORD_LINE_RE = re.compile(rf"(?P<indent> *)(?P<keyword>{'|'.join(KEYWORDS)})\b(?P<rest>.*)\Z")


def _drop_colon(match: re.Match) -> str | None:
    rest = match.group("rest")
    head = re.match(r"( [^ :]+)?:", rest)
    if head is None or rest[head.end() :].strip().startswith("@"):
        return None
    return match.group("indent") + match.group("keyword") + rest[: head.end() - 1] + rest[head.end() :]


def _misspell(match: re.Match) -> str | None:
    keyword = match.group("keyword")
    return match.group("indent") + keyword[:2] + keyword[3:] + match.group("rest")


def _drop_keyword(match: re.Match) -> str | None:
    rest = match.group("rest").strip()
    rest = rest[1:].strip() if rest.startswith(":") else rest  # "premise: B" -> "B", "premise p: B" -> "p: B"
    return match.group("indent") + rest if rest and not rest.startswith(("@", "{", "#", '"')) else None


def _list_marker(match: re.Match) -> str | None:
    return match.group("indent") + "- " + match.group("keyword") + match.group("rest")


def _colon_reference(match: re.Match) -> str | None:
    """The text replaced by '@xxx' (the id, if any, kept: references to it stay good)."""
    head = re.match(r"( [^ :@]+)?:", match.group("rest"))
    if head is None or match.group("keyword") == "reason":
        return None
    return match.group("indent") + match.group("keyword") + head.group(0) + " @xxx"


CORRUPTIONS = [_drop_colon, _misspell, _drop_keyword, _list_marker, _colon_reference]


def _block(lines: list[str], number: int) -> set[int]:
    """Line *number* and the lines indented under it (1-based numbers)."""
    indent = len(lines[number - 1]) - len(lines[number - 1].lstrip(" "))
    found = {number}
    for index in range(number, len(lines)):
        line = lines[index]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            break
        found.add(index + 1)
    return found


def check_corrupted(the_map, data) -> None:
    """Every mistake reported stands on a corrupted line or under one; one per line;
    the checks of the rest run without a crash."""
    lines = argmap.to_arg(the_map).split("\n")
    candidates = [number for number, line in enumerate(lines, start=1) if _KEYWORD_LINE_RE.match(line)]
    chosen = data.draw(st.lists(st.sampled_from(candidates), max_size=4, unique=True))
    corrupted: set[int] = set()
    for number in chosen:
        corruption = data.draw(st.sampled_from(CORRUPTIONS))
        replaced = corruption(_KEYWORD_LINE_RE.match(lines[number - 1]))
        if replaced is not None:
            lines[number - 1] = replaced
            corrupted.add(number)
    reading = parse_recovering("\n".join(lines), "m.arg")
    near = set().union(*(_block(lines, number) for number in corrupted)) if corrupted else set()
    error_lines = [error.line for error in reading.errors]
    assert set(error_lines) <= near, (error_lines, sorted(corrupted))
    assert len(error_lines) == len(set(error_lines))
    assert all(error.excerpt is not None and error.hint for error in reading.errors)
    reading.check()  # never raises
    if not corrupted:
        assert reading.ok and reading.map == the_map


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=8), st.data())
def test_errors_stand_only_at_corrupted_lines(the_map, data) -> None:
    """A few maps, corrupted (the fast case of the property)."""
    check_corrupted(the_map, data)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.data())
def test_errors_stand_only_at_corrupted_lines_many(the_map, data) -> None:
    """Many maps, corrupted."""
    check_corrupted(the_map, data)
