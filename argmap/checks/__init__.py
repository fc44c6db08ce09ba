"""The validators of ``argmap check``: a registry of named checks with stable codes.

Families, one module each: :mod:`~argmap.checks.structure` (AM1xx, the shape of
the graph), :mod:`~argmap.checks.dialectics` (AM2xx, objections, rebuttals and
undercuts), :mod:`~argmap.checks.text` (AM3xx, what one box says) and
:mod:`~argmap.checks.reasons` (AM4xx, whether a reason's words reach its claim) and
:mod:`~argmap.checks.schemes` (AM5xx, argument schemes and critical questions).
The registry itself is :mod:`~argmap.checks.registry`; ``docs/checks.md`` is
generated from it by ``python -m argmap.checks.docs``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..model import Map
from .registry import Check, Finding, Selection, all_checks, get_check, rule, run, split_codes, unknown_codes

if TYPE_CHECKING:  # the catalogue is read only when a check asks for it
    from ..schemes.catalogue import Catalogue

__all__ = [
    "Check",
    "Finding",
    "Selection",
    "all_checks",
    "check_map",
    "get_check",
    "make_selection",
    "rule",
    "run",
]


def make_selection(select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None) -> Selection:
    """A :class:`Selection` from codes or prefixes (a list, or one string such as
    ``"AM1, AM203"``); an unknown code is a ``ValueError``."""
    chosen = split_codes(select) if select is not None else None
    ignored = split_codes(ignore)
    unknown = unknown_codes((*(chosen or ()), *ignored))
    if unknown:
        codes = [check.code for check in all_checks()]
        raise ValueError(
            f"unknown check code '{unknown[0]}' (the codes run from {codes[0]} to {codes[-1]}; "
            "prefixes such as 'AM1' work too)"
        )
    return Selection(chosen or None, ignored)


def check_map(
    the_map: Map,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    *,
    file: str | None = None,
    catalogue: Catalogue | None = None,
    source: str | None = None,
) -> list[Diagnostic]:
    """Run the checks on *the_map*: every check, or those *select* names, less
    those *ignore* names; the map's ``check-select:``/``check-ignore:`` header and
    ``noqa`` attributes apply too. Diagnostics are sorted by line, column, code.
    *catalogue* is the scheme catalogue (default: argmap's own). With *source*, the
    text the map was read from, a finding about one word underlines that word."""
    lines = None
    if source is not None:
        from ..parsing import normalise_newlines

        lines = normalise_newlines(source).split("\n")
    return run(the_map, make_selection(select, ignore), file=file, catalogue=catalogue, source_lines=lines)
