"""Errors: structured objects that know where they happened.

Formatting them for a terminal lives in :mod:`argmap.diagnostics`; here they only
carry their fields.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Location:
    """A place in a source file; lines and columns are 1-based, the end exclusive."""

    file: str | None
    line: int
    column: int
    end_line: int
    end_column: int


class ArgmapError(Exception):
    """The base of every error argmap raises on purpose.

    Fields: ``file``, ``line``, ``column``, ``end_line``, ``end_column`` (may be None
    when the error has no place in a file), ``label`` (a short stable name of the
    mistake, such as ``"missing-colon"``), ``message``, ``hint`` (what to write
    instead, in the words of the language) and ``excerpt`` (the source line).
    """

    code = "AM000"
    label = "error"

    def __init__(
        self,
        message: str,
        *,
        label: str | None = None,
        hint: str | None = None,
        location: Location | None = None,
        excerpt: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if label is not None:
            self.label = label
        self.hint = hint
        self.location = location
        self.excerpt = excerpt

    @property
    def file(self) -> str | None:
        return self.location.file if self.location else None

    @property
    def line(self) -> int | None:
        return self.location.line if self.location else None

    @property
    def column(self) -> int | None:
        return self.location.column if self.location else None

    @property
    def end_line(self) -> int | None:
        return self.location.end_line if self.location else None

    @property
    def end_column(self) -> int | None:
        return self.location.end_column if self.location else None

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        place = f"{self.file or '<text>'}:{self.line}:{self.column}"
        return f"{place}: {self.message}"


class ArgmapSyntaxError(ArgmapError, ValueError):
    """The text is not a well-formed ``.arg`` file."""

    code = "AM001"
    label = "syntax"


class ArgmapSemanticError(ArgmapError, ValueError):
    """The text is well formed but says something impossible: a duplicate id, a
    reference to an unknown id, a rebuttal with nothing to rebut."""

    code = "AM002"
    label = "semantic"


class ArgmapInputError(ArgmapError, ValueError):
    """The input cannot be read as text at all (not UTF-8, too large)."""

    code = "AM003"
    label = "input"


class ArgmapFormatError(ArgmapError, ValueError):
    """A JSON (or other exchange) document does not follow its contract."""

    code = "AM004"
    label = "format"
