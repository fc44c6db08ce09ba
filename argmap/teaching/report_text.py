"""Feedback as text, for the terminal: one line per mistake, in the form of the
diagnostics of ``argmap check`` (``file:line:col: kind: message``), the teacher's
note under it, and the score."""

from __future__ import annotations

import json

from ..terminal import visible
from .compare import Comparison

_BOLD, _RED, _DIM, _RESET = "\033[1m", "\033[1;31m", "\033[2m", "\033[0m"


def format_comparison(comparison: Comparison, *, colour: bool = False) -> str:
    """The comparison as text: mistakes first, the score last."""

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if colour else text

    # the words come from the maps and their file names: with colour, this text goes to
    # the terminal as it is, so its control characters are shown here, before painting
    shown = visible if colour else str
    name = shown(comparison.student_file or "<student>")
    lines: list[str] = []
    for mistake in comparison.mistakes:
        place = f"{name}:{mistake.line}:{mistake.column}" if mistake.line else name
        where = f" [model answer, line {mistake.reference_line}]" if mistake.reference_line and not mistake.line else ""
        lines.append(f"{paint(place, _BOLD)}: {paint(mistake.kind, _RED)}: {shown(mistake.message)}{where}")
        if mistake.note:
            lines.append(paint(f"    note: {shown(mistake.note)}", _DIM))
    lines.append(shown(summary(comparison)))
    if comparison.review:
        lines.append(paint(f"{name}: check by hand: {shown(comparison.review)}", _RED))
    return "\n".join(lines) + "\n"


def summary(comparison: Comparison) -> str:
    """``ben.arg: score 90/100 (lost 2 of 20.5 points); 9 of 10 boxes found, 0 extra, 1 mistake``."""
    extra = comparison.counts()["extra-node"]
    count = len(comparison.mistakes)
    return (
        f"{comparison.student_file or '<student>'}: score {comparison.score}/100 "
        f"(lost {comparison.lost:g} of {comparison.possible:g} points); "
        f"{len(comparison.matches)} of {comparison.reference_nodes} boxes of the model answer found, "
        f"{extra} extra; {count} mistake{'' if count == 1 else 's'}"
    )


def comparison_json(comparison: Comparison) -> str:
    """The comparison as JSON (:meth:`Comparison.to_dict`)."""
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
