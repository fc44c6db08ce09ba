"""Which reader a file needs: Argdown, AIF, or argmap's own JSON, told apart by shape."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ArgmapFormatError, Location
from ..jsonio import load_json
from ..model import Map
from .argdown_model import normalise_source
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
        raise ArgmapFormatError(
            f"{filename} is already an .arg map",
            label="already-arg",
            hint="import reads Argdown, AIF or argmap JSON; 'argmap fmt' tidies an .arg file",
        )
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or stripped.startswith("{"):
        data = load_json(text, filename) if suffix == ".json" else _try_json(text, filename)
        if data is not None or suffix == ".json":
            return _json_kind(data)
    return "argdown"


def import_text(text: str, filename: str | None = None, format: str | None = None) -> ImportResult:
    """Read *text* in *format* (detected when None) into a map, with its report.

    A file with nothing to import is refused: an ``.arg`` file has a header or a node.
    So is one whose texts hold characters that an ``.arg`` file cannot (NUL, or half
    a UTF-16 surrogate pair written as a JSON escape)."""
    format = format or detect_format(text, filename)
    result = _read(text, filename, format)
    if not result.map.nodes and not result.map.metadata:
        raise ArgmapFormatError(
            f"{filename or 'the text'} has nothing to import: no statements, arguments or nodes",
            label="nothing-to-import",
            hint="an .arg map needs at least one node; add a statement to the file",
        )
    character = _unwritable_character(result.map)
    if character is not None:
        raise _unwritable_character_error(text, filename, format, character)
    return result


def _read(text: str, filename: str | None, format: str) -> ImportResult:
    """The map and report of *text* in *format*."""
    if format == "argdown":
        from .argdown_read import from_argdown

        return from_argdown(text, filename)
    data = load_json(text, filename)
    if format == "aif":
        from .aif_read import from_aif_data

        return from_aif_data(data)
    if format == "json":
        from ..jsonio import from_data
        from .building import refuse_unwritable

        the_map = from_data(data)
        refuse_unwritable(the_map)
        report = ImportReport("argmap json")
        report.found = [("nodes", len(the_map.nodes)), ("relations", len(the_map.relations))]
        return ImportResult(the_map, report)
    raise ValueError(f"unknown format {format!r} (must be one of {', '.join(FORMATS)})")


_UNWRITABLE_RE = re.compile("[\0\ud800-\udfff]")


def _unwritable_character(the_map: Map) -> str | None:
    """The first character in the map's texts, ids, tags, attributes or header that an
    ``.arg`` file cannot hold, if there is one."""
    strings = [value for pair in the_map.metadata for value in pair]
    for node in the_map.nodes:
        strings += [node.id, node.text, *node.tags, *(value for pair in node.attributes for value in pair)]
    for relation in the_map.relations:
        strings += [relation.id, relation.target, *relation.premises]
    for string in strings:
        found = _UNWRITABLE_RE.search(string)
        if found:
            return found.group()
    return None


def _unwritable_character_error(text: str, filename: str | None, format: str, character: str) -> ArgmapFormatError:
    """The error for *character* in an imported text, at its first place in the file:
    the character itself, or its JSON escape."""
    source = normalise_source(text) if format == "argdown" else text
    escape = f"\\u{ord(character):04x}"
    found = re.search(re.escape(character) + "|" + re.escape(escape), source, re.IGNORECASE)
    location = None
    if found:
        line = source.count("\n", 0, found.start()) + 1
        column = found.start() - (source.rfind("\n", 0, found.start()) + 1) + 1
        location = Location(filename, line, column, line, column + len(found.group()))
    name = "a NUL character" if character == "\0" else f"half a surrogate pair (U+{ord(character):04X})"
    return ArgmapFormatError(
        f"the file holds {name}, which an .arg map cannot hold",
        label="unwritable-character",
        hint="remove the character" if character == "\0" else "write the whole character, or remove it",
        location=location,
        excerpt=source.split("\n")[location.line - 1] if location else None,
    )


def _try_json(text: str, filename: str | None):
    """The decoded JSON, or None when the text is not JSON (it may be Argdown that
    starts with a brace). JSON that nests too deeply is refused, not taken for Argdown."""
    try:
        return load_json(text, filename)
    except ArgmapFormatError as error:
        if error.label == "json-too-deep":
            raise
        return None


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
