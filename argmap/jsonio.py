"""Map ⇄ JSON, following the contract that other tools rely on.

The contract (``docs/json.md``, schema in ``argmap/schemas/argmap-map.schema.json``):
top-level ``format`` ("argmap"), ``version`` (1), ``metadata``, ``nodes`` (``id``,
``kind``, ``text``, ``tags``, ``attributes``, ``span``) and ``relations`` (``id``,
``kind``, ``from``: node ids, ``to``: a node or relation id, ``span``).
"""

from __future__ import annotations

import json
import re
import sys
from importlib import resources
from typing import Any, cast

from .errors import ArgmapFormatError, Location
from .limits import MAX_JSON_DEPTH
from .model import Map, Node, Relation, RelationKind, Span

FORMAT = "argmap"
VERSION = 1


def schema() -> dict[str, Any]:
    """The JSON Schema of the contract."""
    text = resources.files("argmap").joinpath("schemas/argmap-map.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def to_data(map: Map) -> dict[str, Any]:
    """The map as plain data (dicts and lists) following the contract."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "metadata": dict(map.metadata),
        "nodes": [
            {
                "id": node.id,
                "kind": node.kind,
                "text": node.text,
                "tags": list(node.tags),
                "attributes": dict(node.attributes),
                "span": _span_data(node.span),
            }
            for node in map.nodes
        ],
        "relations": [_relation_data(relation) for relation in map.relations],
    }


def _relation_data(relation: Relation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": relation.id,
        "kind": relation.kind,
        "from": list(relation.premises),
        "to": relation.target,
        "span": _span_data(relation.span),
    }
    if relation.attributes:
        data["attributes"] = dict(relation.attributes)
    return data


def to_json(map: Map, *, indent: int | None = 2) -> str:
    """The map as JSON text: indented by *indent* spaces, or all on one line with no
    spaces when *indent* is None (Python's C encoder writes that; any indent makes it
    use the pure-Python one, several times slower on a large map)."""
    # The data is made afresh from the map, plain dicts and lists with no cycle in
    # them, so the encoder need not look for one (a fifth of its time on a large map).
    if indent is None:
        return json.dumps(to_data(map), ensure_ascii=False, separators=(",", ":"), check_circular=False) + "\n"
    return json.dumps(to_data(map), ensure_ascii=False, indent=indent, check_circular=False) + "\n"


def from_json(text: str) -> Map:
    """A map from JSON text; :class:`ArgmapFormatError` says what does not fit."""
    return from_data(load_json(text))


def load_json(text: str, filename: str | None = None, error_class: type[ArgmapFormatError] = ArgmapFormatError):
    """Decoded JSON *text*, nested at most MAX_JSON_DEPTH levels deep.

    Text that is not JSON raises *error_class* at its place in the text, labelled
    ``bad-json``; text that nests deeper, labelled ``json-too-deep``. The depth is
    bounded because Python's decoder, ``repr`` and every walk of the data recurse
    once per level."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise error_class(
            f"not JSON: {error.msg}",
            label="bad-json",
            location=_location(text, error.pos, filename),
            excerpt=_line(text, error.lineno),
        ) from None
    except RecursionError:
        raise _too_deep(text, filename, error_class) from None
    except ValueError:  # the decoder refuses integers longer than sys.get_int_max_str_digits()
        raise _number_too_long(text, filename, error_class) from None
    if nesting_depth(data) > MAX_JSON_DEPTH:
        raise _too_deep(text, filename, error_class)
    return data


def nesting_depth(value: Any) -> int:
    """How many arrays and objects *value* holds within each other (0 for a scalar);
    counted without recursion."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


_JSON_STRING = r'"(?:[^"\\]|\\.)*+"'
_JSON_BRACKETS_RE = re.compile(rf"{_JSON_STRING}|[\[\]{{}}]")


def _too_deep(text: str, filename: str | None, error_class: type[ArgmapFormatError]) -> ArgmapFormatError:
    """The error for JSON nested deeper than MAX_JSON_DEPTH, at the bracket that opens
    the level too many. The decoder read the text that far, so the strings before it are whole."""
    depth, offset = 0, 0
    for match in _JSON_BRACKETS_RE.finditer(text):
        bracket = match.group()
        depth += 1 if bracket in "[{" else -1 if bracket in "]}" else 0
        if depth > MAX_JSON_DEPTH:
            offset = match.start()
            break
    location = _location(text, offset, filename)
    return error_class(
        f"the JSON nests too deeply: more than {MAX_JSON_DEPTH} levels of arrays and objects",
        label="json-too-deep",
        hint="argmap JSON and AIF nest only a few levels (the document, its nodes, their fields); "
        "flatten the data, or keep deep values as strings",
        location=location,
        excerpt=_line(text, location.line),
    )


def _number_too_long(text: str, filename: str | None, error_class: type[ArgmapFormatError]) -> ArgmapFormatError:
    """The error for an integer longer than Python converts, at that integer.

    The decoder read the text up to the number, so the strings before it are whole."""
    limit = sys.get_int_max_str_digits()
    numbers = (m.start() for m in re.finditer(rf"{_JSON_STRING}|-?[0-9]{{{limit + 1},}}", text) if m.group()[0] != '"')
    offset = next(numbers, 0)
    location = _location(text, offset, filename)
    return error_class(
        f"a number in the JSON has more than {limit} digits",
        label="bad-json",
        hint="write such a long number as a string",
        location=location,
        excerpt=_line(text, location.line),
    )


def _location(text: str, offset: int, filename: str | None) -> Location:
    """The place of *offset* in *text*, counted as the JSON decoder counts lines."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(filename, line, column, line, column + 1)


def _line(text: str, number: int) -> str | None:
    """Line *number* (1-based) of *text*, if it has one."""
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else None


def from_data(data: Any) -> Map:
    """A map from plain data following the contract."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArgmapFormatError('not an argmap JSON document (expected "format": "argmap")')
    if data.get("version") != VERSION:
        raise ArgmapFormatError(f"unsupported version {data.get('version')!r} (this argmap reads version {VERSION})")
    try:
        return Map(
            metadata=_string_pairs(data.get("metadata", {}), "metadata"),
            nodes=[_node(item) for item in _list(data, "nodes")],
            relations=[_relation(item) for item in _list(data, "relations")],
        )
    except (TypeError, ValueError, KeyError) as error:
        if isinstance(error, ArgmapFormatError):
            raise
        raise ArgmapFormatError(f"the JSON does not follow the contract: {error}") from None


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ArgmapFormatError(f"'{key}' must be a list")
    return value


def _string_pairs(value: Any, where: str) -> list[tuple[str, str]]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ArgmapFormatError(f"'{where}' must be an object of strings")
    return list(value.items())


def _node(item: dict) -> Node:
    if not isinstance(item, dict):
        raise ArgmapFormatError("every node must be an object")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise ArgmapFormatError(f"the tags of node {item.get('id')!r} must be a list of strings")
    return Node(
        _string(item, "id"),
        _string(item, "kind"),
        _string(item, "text"),
        tags=tags,
        attributes=_string_pairs(item.get("attributes", {}), f"attributes of {item.get('id')!r}"),
        span=_span(item.get("span")),
    )


def _relation(item: dict) -> Relation:
    if not isinstance(item, dict):
        raise ArgmapFormatError("every relation must be an object")
    premises = item.get("from")
    if not isinstance(premises, list) or not all(isinstance(p, str) for p in premises):
        raise ArgmapFormatError(f"'from' of relation {item.get('id')!r} must be a list of node ids")
    return Relation(
        _string(item, "id"),
        cast(RelationKind, _string(item, "kind")),  # Relation's validator refuses another kind
        premises,
        _string(item, "to"),
        span=_span(item.get("span")),
        attributes=_string_pairs(item.get("attributes", {}), f"attributes of {item.get('id')!r}"),
    )


def _string(item: dict, key: str) -> str:
    value = item.get(key)
    if not isinstance(value, str):
        raise ArgmapFormatError(f"'{key}' must be a string in {item!r:.80}")
    return value


def _span(value: Any) -> Span | None:
    if value is None:
        return None
    try:
        return Span(int(value["line"]), int(value["column"]), int(value["end_line"]), int(value["end_column"]))
    except (TypeError, KeyError, ValueError, OverflowError):  # OverflowError: 1e999 reads as infinity
        raise ArgmapFormatError(f"a span must have line, column, end_line and end_column: {value!r:.80}") from None


def _span_data(span: Span | None) -> dict[str, int] | None:
    if span is None:
        return None
    return {"line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column}
