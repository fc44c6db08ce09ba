"""Diagnostics: what a check or the parser found, and how it is shown.

A :class:`Diagnostic` is data; :func:`format_diagnostic` draws it for a terminal
(``file:line:col: message``, the line, a caret, a hint) and :func:`to_records` gives
the JSON contract (``file``, ``line``, ``column``, ``end_line``, ``end_column``,
``code``, ``severity``, ``message``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from .errors import ArgmapError
from .terminal import visible

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m", "hint": "\033[2m", "bold": "\033[1m"}
_RESET = "\033[0m"


@attrs.frozen
class Diagnostic:
    """One finding, at a place in a file."""

    file: str | None
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: Severity
    message: str
    hint: str | None = None
    label: str | None = None

    @classmethod
    def from_error(cls, error: ArgmapError, file: str | None = None) -> Diagnostic:
        """The diagnostic for an error raised while reading a file."""
        line = error.line or 1
        column = error.column or 1
        return cls(
            file=error.file or file,
            line=line,
            column=column,
            end_line=error.end_line or line,
            end_column=error.end_column or column + 1,
            code=error.code,
            severity="error",
            message=error.message,
            hint=error.hint,
            label=error.label,
        )

    @property
    def sort_key(self) -> tuple:
        return (self.file or "", self.line, self.column, self.code, self.message)


def to_records(diagnostics: Iterable[Diagnostic]) -> list[dict]:
    """Diagnostics as JSON-ready dicts following the contract (plus ``hint``)."""
    return [
        {
            "file": d.file,
            "line": d.line,
            "column": d.column,
            "end_line": d.end_line,
            "end_column": d.end_column,
            "code": d.code,
            "severity": d.severity,
            "message": d.message,
            "hint": d.hint,
        }
        for d in diagnostics
    ]


def format_diagnostic(diagnostic: Diagnostic, source_line: str | None, *, colour: bool = False) -> str:
    """``file:line:col: severity: message``, the source line, a caret, the hint."""

    def paint(text: str, style: str) -> str:
        return f"{_COLOURS[style]}{text}{_RESET}" if colour else text

    place = visible(f"{diagnostic.file or '<text>'}:{diagnostic.line}:{diagnostic.column}")
    lines = [
        f"{paint(place, 'bold')}: {paint(diagnostic.severity, diagnostic.severity)}: "
        f"{visible(diagnostic.message)} [{diagnostic.code}]"
    ]
    if source_line is not None:
        width = diagnostic.end_column - diagnostic.column if diagnostic.end_line == diagnostic.line else 1
        shown, offset, width = excerpt_window(source_line.replace("\t", " "), diagnostic.column - 1, width)
        before, marked = visible(shown[:offset]), visible(shown[offset : offset + width])
        lines.append("    " + before + marked + visible(shown[offset + width :]))
        lines.append("    " + " " * len(before) + paint("^" * max(len(marked), 1), diagnostic.severity))
    if diagnostic.hint:
        lines.append(paint(f"hint: {visible(diagnostic.hint)}", "hint"))
    return "\n".join(lines)


EXCERPT_WIDTH = 100
"""The most characters of a source line shown under a message: a longer line is cut
to a window around the place, marked with an ellipsis where it was cut."""


def excerpt_window(line: str, offset: int, width: int) -> tuple[str, int, int]:
    """The part of *line* to show for a mistake *width* characters wide at *offset*
    (0-based): the text, the caret's offset in it, and the caret's width.

    >>> excerpt_window("premise: short", 9, 5)
    ('premise: short', 9, 5)
    >>> text, at, width = excerpt_window("x" * 300 + "BAD" + "y" * 300, 300, 3)
    >>> text[at:at + width], len(text) <= EXCERPT_WIDTH + 2
    ('BAD', True)
    """
    if len(line) <= EXCERPT_WIDTH:
        return line, offset, max(1, min(width, len(line) - offset))
    start = max(0, min(offset - EXCERPT_WIDTH // 3, len(line) - EXCERPT_WIDTH))
    end = start + EXCERPT_WIDTH
    before = "…" if start > 0 else ""
    after = "…" if end < len(line) else ""
    return before + line[start:end] + after, len(before) + offset - start, max(1, min(width, end - offset))


def format_error(error: ArgmapError, *, colour: bool = False) -> str:
    """An error raised while reading a file, drawn like a diagnostic."""
    if error.location is None:
        return visible(f"error: {error.message}" + (f"\nhint: {error.hint}" if error.hint else ""))
    return format_diagnostic(Diagnostic.from_error(error), error.excerpt, colour=colour)
