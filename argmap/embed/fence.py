"""One fenced block, drawn: what every host (Sphinx, MkDocs, Markdown, Jupyter,
Pandoc) calls.

A block marked ``arg`` holds a map, or names a file with one line ``file: path.arg``.
Options come from the fence (``direction=right theme=greyscale evaluate``) or from
the host's own syntax (a directive's options, Pandoc attributes), always as names and
text values; :func:`render_fence` turns them into drawing options and passes every
option it does not handle itself to :func:`argmap.draw.render` unchanged, so that new
drawing options work in every host as soon as the renderer has them.

A map that does not parse, a file that cannot be read and an unknown option all raise
:class:`FenceError`, an :class:`~argmap.errors.ArgmapError` located in the document
that holds the block (or in the named file), which the host reports in its own way.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import attrs

from ..errors import ArgmapError, Location
from ..model import Map

FENCE_LANGUAGE = "arg"
"""The language name that marks a fenced block as a map."""

_HANDLED = ("file", "evaluate", "assume")
_NAMES = frozenset({"focus", "engine", "theme", "direction", "page", "color_by"})
"""Options whose value names something (a node id, a theme...): kept as written, since
an id may read as a number or a switch (``focus=1``, ``focus=yes``)."""
_ALIASES = {"ids": "show_ids", "sources": "show_sources"}
_TRUE = ("", "true", "yes", "on")
_FALSE = ("false", "no", "off")


class FenceError(ArgmapError):
    """A block that cannot be drawn, located in its document (or in the file it
    names). ``cause`` is the error that stopped it."""

    code = "AM000"
    label = "embedded-map"

    def __init__(self, cause: ArgmapError, location: Location | None) -> None:
        super().__init__(cause.message, label=cause.label, hint=cause.hint, location=location, excerpt=cause.excerpt)
        self.cause = cause
        self.code = cause.code

    @property
    def text(self) -> str:
        """The located message as the terminal shows it: place, line, caret, hint."""
        from ..diagnostics import format_error

        return format_error(self)


@attrs.frozen
class Figure:
    """A drawn block: the map, the picture's bytes in *format*, and the ``.arg``
    text it came from."""

    map: Map
    format: str
    data: bytes
    source: str

    @property
    def svg(self) -> str:
        """The SVG as text to put into HTML (no XML declaration or comments before
        the ``<svg>`` element)."""
        text = self.data.decode("utf-8")
        return text[text.index("<svg") :]

    def html(self) -> str:
        """The picture as an HTML figure (SVG inline), no wider than the page's text."""
        svg = self.svg.replace("<svg ", '<svg style="max-width: 100%; height: auto" ', 1)
        return f'<figure class="argmap">\n{svg}\n</figure>\n'


def parse_fence_options(text: str) -> dict[str, str]:
    """The options written after the language on a fence's opening line:
    ``direction=right theme="high-contrast" evaluate`` (a word without ``=`` is a
    switch that is on). ``{...}`` around them, as Pandoc writes, is allowed."""
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise FenceError(
            ArgmapError(
                f"the options {text!r} cannot be read: {error}",
                hint="write name=value, with quotes around a value with spaces",
            ),
            None,
        ) from None
    options: dict[str, str] = {}
    for word in words:
        if word.startswith("."):  # a Pandoc class such as .arg
            continue
        name, _, value = word.partition("=")
        options[name] = value
    return options


def _option_value(key: str, value: object) -> object:
    """The value of option *key* as the renderer takes it."""
    if key in _NAMES:
        return value
    if key == "depth":
        return _whole_number(key, value)
    return _value(value)


def _whole_number(key: str, value: object) -> int:
    """*value* as an int; the renderer checks its range."""
    from ..draw.errors import RenderOptionError

    try:
        return int(str(value).strip())
    except ValueError:
        raise RenderOptionError(
            f"{key} must be a whole number, not {value!r}", hint=f"write {key}=1 for one step around the focus"
        ) from None


def _value(text: object) -> object:
    if not isinstance(text, str):
        return text
    if text.lower() in _TRUE:
        return True
    if text.lower() in _FALSE:
        return False
    if text.isdigit():
        return int(text)
    return text


def _switch(options: Mapping[str, object], name: str) -> bool:
    value = _value(options.get(name, False))
    return value is True or (type(value) is int and value == 1)


def drawing_options(map: Map, options: Mapping[str, object]) -> dict[str, object]:
    """The options for :func:`argmap.draw.render`: names with ``-`` become names
    with ``_``, values become booleans or numbers where they read as such, and
    ``evaluate`` (with ``assume``, ``id=verdict,...``) becomes ``verdicts`` and a
    legend. Options are otherwise passed as they are."""
    drawing: dict[str, object] = {}
    for name, value in options.items():
        key = _ALIASES.get(name.replace("-", "_"), name.replace("-", "_"))
        if key not in _HANDLED:
            drawing[key] = _option_value(key, value)
    if _switch(options, "evaluate"):
        from ..evaluation import evaluate, parse_assumptions

        assumed = [part for part in str(options.get("assume") or "").split(",") if part.strip()]
        drawing["verdicts"] = evaluate(map, "grounded", assume=parse_assumptions(assumed)).labels
        drawing.setdefault("legend", True)
    return drawing


def _named_file(source: str, options: Mapping[str, object]) -> str | None:
    """The file a block names, by option or as its one line ``file: path``."""
    if options.get("file"):
        return str(options["file"])
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    if len(lines) == 1 and lines[0].startswith("file:"):
        return lines[0][len("file:") :].strip()
    return None


def _read_named(name: str, base_dir: Path, root: Path) -> tuple[str, str]:
    """The text of the named file and the name to report it by. The file must lie
    within *root*: a document cannot make argmap read (and quote) files elsewhere."""
    from ..parsing import decode

    path = (base_dir / name).resolve()
    if not path.is_relative_to(root.resolve()):
        raise ArgmapError(
            f"the map file {name} is outside {root}",
            hint="keep the .arg files of a document next to it, or in a folder below it",
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArgmapError(
            f"cannot read the map file {name}: {error.strerror}", hint="the path is taken from the document's folder"
        ) from None
    return decode(data, name), name


def _located(error: ArgmapError, filename: str | None, first_line: int, in_file: bool) -> FenceError:
    """*error* raised on the block's text, placed in the document (lines shifted so
    that the block's first line is *first_line*); an error in a named file keeps its
    place in that file; one without a place goes to the block's first line."""
    location = error.location
    if location is None:
        location = Location(filename, first_line, 1, first_line, 2)
    elif not in_file:
        shift = first_line - 1
        location = attrs.evolve(location, file=filename, line=location.line + shift, end_line=location.end_line + shift)
    return FenceError(error, location)


def render_fence(
    source: str,
    options: Mapping[str, object] | None = None,
    *,
    format: str = "svg",
    base_dir: str | Path | None = None,
    root: str | Path | None = None,
    filename: str | None = None,
    first_line: int = 1,
) -> Figure:
    """Draw one block: *source* is its text, *options* its options (names to text
    values, see :func:`drawing_options`). A file it names is read from *base_dir*
    (default: the working folder) and must lie within *root* (default: *base_dir*).
    *filename* and *first_line* say where the block's text starts in its document,
    for the place of an error. Raises :class:`FenceError`."""
    from ..draw import render

    options = dict(options or {})
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    named = _named_file(source, options)
    text, name = source, filename
    try:
        if named is not None:
            text, name = _read_named(named, base, Path(root) if root is not None else base)
        from .. import parse

        map = parse(text, name)
        # drawing_options keeps the names (engine, focus) as text and makes depth an
        # int, the types render's signature wants; render checks every other value.
        data = render(map, format, **cast("dict[str, Any]", drawing_options(map, options)))
    except ArgmapError as error:
        raise _located(error, filename, first_line, named is not None and error.file == name) from None
    except ValueError as error:  # an option value the renderer refuses
        raise _located(ArgmapError(str(error)), filename, first_line, False) from None
    return Figure(map, format, data, text)


def error_html(error: FenceError) -> str:
    """A block that could not be drawn, for an HTML page: the located message, escaped."""
    from html import escape

    return f'<pre class="argmap-error" role="alert">{escape(error.text)}</pre>\n'
