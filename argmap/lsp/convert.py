"""argmap's places (1-based, in characters) to the protocol's (0-based, in the
client's units, UTF-16 unless agreed otherwise), and back."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition, ServerTextRange

from ..diagnostics import Diagnostic

SOURCE = "argmap"

_SEVERITIES = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def to_range(document: TextDocument, line: int, column: int, end_line: int, end_column: int) -> types.Range:
    """A 1-based argmap span as a protocol range in *document*."""
    server = ServerTextRange(ServerTextPosition(line - 1, column - 1), ServerTextPosition(end_line - 1, end_column - 1))
    return document.range_to_client_units(server)


def from_position(document: TextDocument, position: types.Position) -> tuple[int, int]:
    """A protocol position as a 1-based (line, column) in characters."""
    server = document.position_from_client_units(position)
    return server.line + 1, server.character + 1


def line_text(document: TextDocument, line: int) -> str:
    """The 1-based *line* of *document* without its line break ("" past the end)."""
    lines = document.lines
    return lines[line - 1].rstrip("\r\n") if 0 < line <= len(lines) else ""


def to_diagnostic(document: TextDocument, diagnostic: Diagnostic) -> types.Diagnostic:
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
