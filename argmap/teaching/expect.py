"""Expected verdicts: a map that says which boxes must come out in or out.

A box with ``{expect: in}`` (or ``out``, or ``undecided``) states the verdict the
finished map must give it; :func:`expectation_diagnostics` evaluates the map
(:func:`argmap.evaluate`) and reports every box whose verdict differs (AM501), and
every ``expect`` value that is not a verdict (AM502). ``argmap check --expect``
shows them with the other diagnostics.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Map, Node

EXPECT_KEY = "expect"
EXPECTED_VALUES = ("in", "out", "undecided")

MISMATCH_CODE = "AM501"
BAD_VALUE_CODE = "AM502"


def expectations(the_map: Map) -> dict[str, str]:
    """Box id → the verdict its ``expect`` attribute states (lower-cased)."""
    return {
        node.id: value.strip().lower() for node in the_map.nodes if (value := node.attribute(EXPECT_KEY)) is not None
    }


def expectation_diagnostics(the_map: Map, file: str | None = None, *, semantics: str = "grounded") -> list[Diagnostic]:
    """A diagnostic (severity error) for every box whose ``expect`` attribute
    names another verdict than evaluation under *semantics* gives it, or names no
    verdict at all; sorted by place. A map without ``expect`` attributes gives none
    and is not evaluated."""
    expected = expectations(the_map)
    if not expected:
        return []
    found: list[Diagnostic] = []
    valid = {}
    for node_id, value in expected.items():
        if value in EXPECTED_VALUES:
            valid[node_id] = value
        else:
            found.append(
                _diagnostic(
                    the_map.node(node_id),
                    file,
                    BAD_VALUE_CODE,
                    "bad-expectation",
                    f"'{value}' is not a verdict that a box can be expected to have",
                    "write {expect: in}, {expect: out} or {expect: undecided}",
                )
            )
    if valid:
        from ..evaluation import evaluate

        labels = evaluate(the_map, semantics=semantics).labels
        for node_id, value in valid.items():
            label = labels.get(node_id, "undecided")
            if label != value:
                node = the_map.node(node_id)
                found.append(
                    _diagnostic(
                        node,
                        file,
                        MISMATCH_CODE,
                        "expectation-mismatch",
                        f"{node.kind} '{node_id}' is {label} under {semantics} semantics, "
                        f"but the map expects it {value}",
                        _hint(value),
                    )
                )
    found.sort(key=lambda d: (d.line, d.column, d.code))
    return found


def _hint(expected: str) -> str:
    if expected == "in":
        return "every attack on it must be answered by a box that is in (a rebuttal or an undercut that stands)"
    if expected == "out":
        return "it needs an attacker that is in: an objection that no rebuttal or undercut answers"
    return "it is undecided only when attacks go round in a circle that nothing settles"


def _diagnostic(node: Node, file: str | None, code: str, label: str, message: str, hint: str) -> Diagnostic:
    span = node.span
    line, column = (span.line, span.column) if span else (1, 1)
    end_line, end_column = (span.end_line, span.end_column) if span else (1, 2)
    return Diagnostic(
        file=file,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=code,
        severity="error",
        message=message,
        hint=hint,
        label=label,
    )
