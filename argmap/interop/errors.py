"""Errors of the importers: where in the foreign file the problem is."""

from __future__ import annotations

from ..errors import ArgmapFormatError, ArgmapSyntaxError, Location


class ArgdownSyntaxError(ArgmapSyntaxError):
    """The text is not Argdown that the Argdown tools would accept."""

    label = "argdown-syntax"

    @classmethod
    def at(
        cls,
        message: str,
        label: str,
        filename: str | None,
        text: str,
        line: int,
        column: int,
        hint: str | None = None,
        width: int = 1,
    ) -> ArgdownSyntaxError:
        """An error at *line*:*column* of *text*, with that line as its excerpt."""
        lines = text.split("\n")
        excerpt = lines[line - 1] if 0 < line <= len(lines) else None
        return cls(
            message,
            label=label,
            hint=hint,
            excerpt=excerpt,
            location=Location(filename, line, column, line, column + max(width, 1)),
        )


class AifFormatError(ArgmapFormatError):
    """The JSON looks like AIF but does not hold together (an edge to a missing node...)."""

    label = "aif-format"
