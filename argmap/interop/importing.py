"""Which reader a file needs: Argdown, AIF, or argmap's own JSON, told apart by shape."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import ArgmapFormatError, Location
from .report import ImportReport, ImportResult

FORMATS = ("argdown", "aif", "json")
_ARGDOWN_SUFFIXES = (".argdown", ".ad")


def detect_format(text: str, filename: str | None = None) -> str:
    """``argdown``, ``aif`` or ``json`` (argmap's JSON), from the name and the content.

    >>> detect_format('[A]: text'), detect_format('{"format": "argmap", "version": 1}')
    ('argdown', 'json')
    >>> detect_format('{"nodes": [{"nodeID": "1", "type": "I", "text": "t"}], "edges": []}')
    'aif'
    """
    suffix = Path(filename).suffix.lower() if filename else ""
    if suffix in _ARGDOWN_SUFFIXES:
        return "argdown"
    if suffix == ".arg":
        raise ArgmapFormatError(f"{filename} is already an .arg map", label="already-arg",
                                hint="import reads Argdown, AIF or argmap JSON; 'argmap fmt' tidies an .arg file")
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or stripped.startswith("{"):
        data = _load_json(text, filename) if suffix == ".json" else _try_json(text)
        if data is not None or suffix == ".json":
            return _json_kind(data)
    return "argdown"


def import_text(text: str, filename: str | None = None, format: str | None = None) -> ImportResult:
    """Read *text* in *format* (detected when None) into a map, with its report."""
    format = format or detect_format(text, filename)
    if format == "argdown":
        from .argdown_read import from_argdown

        return from_argdown(text, filename)
    data = _load_json(text, filename)
    if format == "aif":
        from .aif_read import from_aif_data

        return from_aif_data(data)
    if format == "json":
        from ..jsonio import from_data

        the_map = from_data(data)
        report = ImportReport("argmap json")
        report.found = [("nodes", len(the_map.nodes)), ("relations", len(the_map.relations))]
        return ImportResult(the_map, report)
    raise ValueError(f"unknown format {format!r} (must be one of {', '.join(FORMATS)})")


def _try_json(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None


def _load_json(text: str, filename: str | None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        lines = text.split("\n")
        raise ArgmapFormatError(
            f"not JSON: {error.msg}", label="bad-json",
            location=Location(filename, error.lineno, error.colno, error.lineno, error.colno + 1),
            excerpt=lines[error.lineno - 1] if 0 < error.lineno <= len(lines) else None,
        ) from None


def _json_kind(data) -> str:
    from .aif_read import is_aif

    if isinstance(data, dict) and data.get("format") == "argmap":
        return "json"
    if is_aif(data):
        return "aif"
    raise ArgmapFormatError(
        "this JSON is neither argmap's JSON nor AIF",
        label="unknown-json",
        hint='argmap JSON has "format": "argmap"; AIF has "nodes" (each with a "nodeID") and "edges"',
    )
