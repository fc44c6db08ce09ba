"""A text as an editor holds it: the outline, the map, and the diagnostics of
``argmap check`` with the same settings (``argmap.toml`` or ``[tool.argmap]``, the
header's ``check-select:``/``check-ignore:``, ``noqa`` attributes)."""

from __future__ import annotations

from pathlib import Path

import attrs

from ..diagnostics import Diagnostic
from ..errors import ArgmapError
from ..model import Map
from ..syntax import Outline
from .sections import SectionCache


@attrs.frozen
class Analysis:
    """One version of a text, read as far as it could be."""

    text: str
    lines: tuple[str, ...]
    outline: Outline | None
    map: Map | None
    errors: tuple[ArgmapError, ...]
    diagnostics: tuple[Diagnostic, ...]
    """Errors first (as diagnostics), then the checks' findings."""

    @property
    def ok(self) -> bool:
        """Whether the text parsed and built into a map."""
        return self.map is not None


def read(
    text: str,
    filename: str | None = None,
    sections: SectionCache | None = None,
) -> tuple[Outline | None, Map | None, list[ArgmapError]]:
    """The outline and map of *text*, or the first mistake met on the way (for every
    mistake, see :func:`analyse`). With *sections*, the sections unchanged since the
    last text it read are not parsed again."""
    from ..build import build_map
    from ..collector import without_gc
    from ..parsing import parse_outline

    try:
        outline = sections.parse(text, filename) if sections is not None else parse_outline(text, filename)
    except ArgmapError as error:
        return None, None, [error]
    try:
        with without_gc():
            return outline, build_map(outline), []
    except ArgmapError as error:
        return outline, None, [error]


def analyse(
    text: str, path: str | None = None, *, use_settings: bool = True, sections: SectionCache | None = None
) -> Analysis:
    """Read *text* (the contents of the file at *path*, saved or not) and check it as
    ``argmap check`` would: every mistake, and the checks of what could be read.
    Pass the same *sections* for each version of one text to parse only what
    changed."""
    from ..parsing import normalise_newlines
    from ..recovery import Reading, indentation_warnings, parse_recovering

    lines = tuple(normalise_newlines(text).split("\n"))
    outline, the_map, errors = read(text, path, sections)
    if outline is not None and not errors:
        # what parse_recovering gives for a text without mistakes, from the sections read
        reading = Reading(the_map, warnings=tuple(indentation_warnings(outline)), source_lines=lines, filename=path)
    else:
        reading = parse_recovering(text, path)
    selection, problem = _selection(path if use_settings else None)
    diagnostics = reading.check(selection)
    if problem is not None:
        diagnostics.insert(0, Diagnostic.from_error(problem, path))
    return Analysis(text, lines, outline, the_map, tuple(reading.errors), tuple(diagnostics))


def _selection(path: str | None):
    """The checks to run for a map at *path*, and a settings error, if any."""
    from ..checks.registry import Selection
    from ..config import find_settings

    if path is None or not Path(path).parent.is_dir():
        return Selection(), None
    try:
        settings = find_settings(path)
    except ArgmapError as error:
        return Selection(), error
    return Selection(settings.select, settings.ignore), None
