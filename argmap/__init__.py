"""argmap: argument maps written by hand, checked, evaluated and drawn.

The public API::

    import argmap
    m = argmap.load("maps/serwer-2023-serbia.arg")
    argmap.to_arg(m)      # canonical .arg text
    argmap.to_json(m)     # the JSON contract (docs/json.md)
    argmap.check(m)       # diagnostics of the validators (docs/checks.md)
    argmap.evaluate(m)    # which statements stand (docs/evaluation.md)

    reading = argmap.parse_recovering(text, "m.arg")   # every mistake, not only the first
    reading.errors, reading.map, reading.check()       # mistakes, what was kept, all diagnostics
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import (
    ArgmapError,
    ArgmapFormatError,
    ArgmapInputError,
    ArgmapSemanticError,
    ArgmapSyntaxError,
)
from .model import Map, Node, Relation, Span

if TYPE_CHECKING:  # imported where they are used, for start-up time
    from .diagnostics import Diagnostic
    from .evaluation import Evaluation
    from .recovery import Reading
    from .schemes.catalogue import Catalogue

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "ArgmapFormatError",
    "ArgmapInputError",
    "ArgmapSemanticError",
    "ArgmapSyntaxError",
    "Map",
    "Node",
    "Relation",
    "Span",
    "check",
    "evaluate",
    "from_json",
    "load",
    "parse",
    "parse_recovering",
    "render",
    "to_arg",
    "to_dot",
    "to_json",
]


def parse(text: str, filename: str | None = None) -> Map:
    """Parse ``.arg`` text into a :class:`Map`.

    Raises :class:`ArgmapSyntaxError` or :class:`ArgmapSemanticError` (both
    :class:`ArgmapError`) with the file, line and column of the mistake.
    """
    from .build import build_map
    from .collector import without_gc
    from .parsing import parse_outline

    with without_gc():
        return build_map(parse_outline(text, filename))


def parse_recovering(text: str, filename: str | None = None) -> Reading:
    """Read ``.arg`` text reporting every mistake, not only the first, and keep the
    rest of the map: a :class:`~argmap.recovery.Reading` with ``map`` (what could be
    read), ``errors`` (each :class:`ArgmapError`, as :func:`parse` would raise it),
    ``warnings``, and ``check()`` for the mistakes, warnings and check findings
    together (what ``argmap check`` prints). Never raises for bad input."""
    from .recovery import parse_recovering as read

    return read(text, filename)


def check(
    map: Map,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    *,
    file: str | None = None,
    catalogue: Catalogue | None = None,
    source: str | None = None,
) -> list[Diagnostic]:
    """Run the validators on a map and return the :class:`~argmap.diagnostics.Diagnostic`
    list, sorted by place. *select* and *ignore* take codes or prefixes (``"AM1"``,
    ``["AM101", "AM2"]``); the default is every check. *catalogue* is the scheme
    catalogue (:func:`argmap.schemes.load_catalogue`; default: argmap's own). With
    *source* (the text the map was read from), a finding about one word underlines
    that word rather than the line. See ``docs/checks.md``."""
    from .checks import check_map

    return check_map(map, select, ignore, file=file, catalogue=catalogue, source=source)


def evaluate(
    map: Map,
    semantics: str = "grounded",
    *,
    assume: Mapping[str, str] | Iterable[str] | None = None,
    **options: Any,
) -> Evaluation:
    """Label every node ``in``, ``out`` or ``undecided`` under *semantics*
    (``grounded``, ``complete``, ``preferred`` or ``stable``), taking the nodes in
    *assume* (id to ``accepted``, ``rejected`` or ``undecided``) as the reader's
    verdicts. Returns an :class:`~argmap.evaluation.Evaluation` with ``labels``,
    ``labellings`` and ``explanations``; options: ``unmarked``, ``limit``,
    ``max_labellings``. See ``docs/evaluation.md``."""
    from .evaluation import evaluate as run

    return run(map, semantics, assume=assume, **options)


def load(path: str | Path) -> Map:
    """Read and parse an ``.arg`` file."""
    from .parsing import decode

    name = str(path)
    return parse(decode(Path(path).read_bytes(), name), filename=name)


def to_arg(map: Map) -> str:
    """The map as canonical ``.arg`` text, which parses back to an equal map."""
    from .write import to_arg as write

    return write(map)


def to_json(map: Map, *, indent: int | None = 2) -> str:
    """The map as JSON following the contract in ``docs/json.md``."""
    from .jsonio import to_json as dump

    return dump(map, indent=indent)


def from_json(text: str) -> Map:
    """A map from JSON written by :func:`to_json` (or by another tool that follows
    the contract)."""
    from .jsonio import from_json as read

    return read(text)


def to_dot(map: Map, **options: Any) -> str:
    """The map as Graphviz DOT source (options: see :func:`render`)."""
    from .draw import to_dot as dot

    return dot(map, **options)


def render(map: Map, format: str = "svg", **options: Any) -> bytes:
    """The map drawn as ``svg``, ``pdf`` or ``png``.

    Options: ``engine`` (``auto``, ``system``, ``embedded``), ``theme``
    (``default``, ``greyscale``, ``high-contrast``), ``direction`` (``up``,
    ``down``, ``left``, ``right``), ``wrap`` (characters per line), ``show_ids``,
    ``show_sources``, ``legend`` and ``verdicts``. See ``docs/rendering.md``.
    """
    from .draw import render as draw

    return draw(map, format, **options)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext argmap`` in IPython and Jupyter: the ``%%argmap`` cell magic
    (see :mod:`argmap.embed.jupyter`)."""
    from .embed.jupyter import load_ipython_extension as load

    load(ipython)
