"""argmap's places (1-based, in characters) to the protocol's (0-based, in the
client's units, UTF-16 unless agreed otherwise), and back."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import TextDocument

from ..diagnostics import Diagnostic

SOURCE = "argmap"

_SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


class Snapshot:
    """A document's text at one moment, split into lines once (pygls splits the
    whole text again each time its ``lines`` are asked for)."""

    def __init__(self, document: TextDocument) -> None:
        self.uri = document.uri
        self.version = document.version
        self.source = document.source
        self.lines = document.lines
        self.codec = document.position_codec

    def client_column(self, line: int, column: int) -> int:
        """0-based *column* in characters of 0-based *line*, in the client's units."""
        if not 0 <= line < len(self.lines):
            return column
        text = self.lines[line]
        return column if text.isascii() else self.codec.client_num_units(text[:column])

    def line_text(self, line: int) -> str:
        """The 1-based *line* without its line break ("" past the end)."""
        return self.lines[line - 1].rstrip("\r\n") if 0 < line <= len(self.lines) else ""


def to_range(document: Snapshot, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    """A 1-based argmap span as a protocol range in *document*."""
    start = types.Position(line=line - 1, character=document.client_column(line - 1, column - 1))
    end = types.Position(line=end_line - 1, character=document.client_column(end_line - 1, end_column - 1))
    return types.Range(start=start, end=end)


def from_position(document: Snapshot, position: types.Position) -> tuple[int, int]:
    """A protocol position as a 1-based (line, column) in characters."""
    server = document.codec.position_from_client_units(document.lines, position)
    return server.line + 1, server.character + 1


def to_diagnostic(document: Snapshot, diagnostic: Diagnostic) -> types.Diagnostic:
    """An argmap diagnostic as the protocol's; the hint follows the message."""
    message = diagnostic.message + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    return types.Diagnostic(
        range=to_range(document, diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column),
        message=message,
        severity=_SEVERITIES[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        data={"label": diagnostic.label},
    )
