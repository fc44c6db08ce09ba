"""The registry of checks: named rules with stable codes, each a small function.

A check is a function from a :class:`~argmap.checks.context.Context` to findings,
registered with :func:`rule` under a code (``AM101``), a name, a severity, a one-line
summary, a fix hint and two examples (a map that fails and the same map fixed), from
which ``docs/checks.md`` is generated and against which the tests run.

Which checks run is decided by :class:`Selection`: a code runs when it matches a
``select`` entry (a code or a prefix of one) and no ``ignore`` entry at least as
specific; the map header (``check-select:``, ``check-ignore:``) narrows that further,
and a node attribute ``{noqa: AM104}`` silences codes on one node.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ..diagnostics import Diagnostic, Severity
from ..model import Map, Span

if TYPE_CHECKING:  # the catalogue is read only when a check asks for it
    from ..schemes.catalogue import Catalogue

CODE_RE = re.compile(r"AM[0-9]{3}\Z")
_LIST_SPLIT_RE = re.compile(r"[\s,;]+")
_FAMILY_MODULES = ("structure", "dialectics", "text", "reasons", "schemes")

NOQA_KEY = "noqa"
HEADER_SELECT = "check-select"
HEADER_IGNORE = "check-ignore"


class Finding(NamedTuple):
    """What a check function yields: where, what, and the nodes it is about (a
    ``noqa`` attribute on any of them silences it)."""

    span: Span | None
    message: str
    subjects: tuple[str, ...] = ()
    focus: tuple[str, int] | None = None
    """The word the finding is about and which of its occurrences in the node's
    text (0: the first): with the source at hand, the diagnostic underlines that
    word rather than the whole line."""


@attrs.frozen
class Example:
    """A map that triggers a check at the given ``(line, column)`` places, and the
    same map fixed so that no check fires."""

    bad: str
    good: str
    expect: tuple[tuple[int, int], ...]
    format: str = "arg"
    """``arg`` or ``json`` (for checks that only maps read from JSON can fail)."""

    def load(self, text: str) -> Map:
        """The example text read as a map."""
        if self.format == "json":
            from ..jsonio import from_json

            return from_json(text)
        from .. import parse

        return parse(text)


@attrs.frozen
class Check:
    """A registered check: its code, name, severity, texts and function."""

    code: str
    name: str
    severity: Severity
    summary: str
    hint: str
    family: str
    function: Callable = attrs.field(repr=False)
    example: Example = attrs.field(repr=False)
    description: str = ""
    languages: tuple[str, ...] | None = None
    """Language codes the check knows (``None``: any language)."""

    def applies_to(self, language: str | None) -> bool:
        """Whether the check runs on a map in *language* (``None``: unknown)."""
        return self.languages is None or language in self.languages


_REGISTRY: dict[str, Check] = {}
_loaded = False


def rule(
    code: str,
    name: str,
    *,
    severity: Severity,
    summary: str,
    hint: str,
    bad: str,
    good: str,
    expect: Iterable[tuple[int, int]],
    languages: Iterable[str] | None = None,
    example_format: str = "arg",
) -> Callable[[Callable], Callable]:
    """Register the decorated function as check *code*; its docstring is the
    description shown in the documentation."""
    if not CODE_RE.match(code):
        raise ValueError(f"check code {code!r} is not of the form AM123")

    def register(function: Callable) -> Callable:
        if code in _REGISTRY:
            raise ValueError(f"check code {code} is registered twice")
        family = function.__module__.rsplit(".", 1)[-1]
        _REGISTRY[code] = Check(
            code=code,
            name=name,
            severity=severity,
            summary=summary,
            hint=hint,
            family=family,
            function=function,
            example=Example(_dedent(bad), _dedent(good), tuple(expect), example_format),
            description=" ".join((function.__doc__ or "").split()),
            languages=tuple(languages) if languages is not None else None,
        )
        return function

    return register


def _dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def all_checks() -> list[Check]:
    """Every registered check, ordered by code."""
    global _loaded
    if not _loaded:
        import importlib

        for module in _FAMILY_MODULES:
            importlib.import_module(f"{__package__}.{module}")
        _loaded = True
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def get_check(code: str) -> Check:
    """The check with *code* (``KeyError`` if there is none)."""
    all_checks()
    return _REGISTRY[code]


# --- selection -------------------------------------------------------------------


def split_codes(value: str | Iterable[str] | None) -> tuple[str, ...]:
    """Codes or prefixes from ``"AM1, AM203"`` or a list of them, upper-cased."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    return tuple(part.upper() for item in items for part in _LIST_SPLIT_RE.split(str(item)) if part)


def unknown_codes(codes: Iterable[str]) -> list[str]:
    """The entries of *codes* that are a prefix of no registered code."""
    known = [check.code for check in all_checks()]
    return [code for code in codes if not any(k.startswith(code) for k in known)]


def _specificity(code: str, patterns: Iterable[str]) -> int:
    """The length of the longest pattern that is a prefix of *code* (-1: none)."""
    return max((len(p) for p in patterns if code.startswith(p)), default=-1)


@attrs.frozen
class Selection:
    """Which codes run: ``select`` (``None``: every code) and ``ignore`` entries,
    codes or prefixes. A code runs when it matches a select entry and no ignore
    entry is at least as specific, and when the selection it was narrowed from (if
    any) lets it run too."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    within: Selection | None = None

    def enabled(self, code: str) -> bool:
        """Whether *code* runs under this selection."""
        if self.within is not None and not self.within.enabled(code):
            return False
        chosen = 0 if self.select is None else _specificity(code, self.select)
        return chosen >= 0 and _specificity(code, self.ignore) < chosen

    def narrowed(self, select: tuple[str, ...] | None, ignore: tuple[str, ...] = ()) -> Selection:
        """This selection with a further (per-file) one on top: it can turn codes
        off, never back on."""
        return Selection(select or None, ignore, within=self)


def header_selection(the_map: Map) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """The map's own ``check-select:`` and ``check-ignore:`` header values."""
    select = the_map.meta(HEADER_SELECT)
    return (split_codes(select) if select is not None else None), split_codes(the_map.meta(HEADER_IGNORE))


def noqa_codes(value: str) -> tuple[str, ...] | None:
    """The codes a ``noqa`` attribute value names (``None``: every code)."""
    if value.strip().lower() in ("", "true", "all"):
        return None
    return split_codes(value)


# --- running ---------------------------------------------------------------------


def run(
    the_map: Map,
    selection: Selection = Selection(),
    *,
    file: str | None = None,
    catalogue: Catalogue | None = None,
    quiet: Iterable[str] = (),
    source_lines: Sequence[str] | None = None,
) -> list[Diagnostic]:
    """Run every enabled check on *the_map*; diagnostics sorted by place and code.
    *catalogue* is the :class:`~argmap.schemes.Catalogue` the scheme checks use
    (default: argmap's own).

    The map header's ``check-select:``/``check-ignore:`` and ``noqa`` attributes on
    nodes are applied here, so the API and the command line agree. Findings about
    the nodes in *quiet* are left out as if they had ``{noqa}`` (see
    :mod:`argmap.recovery`); with *source_lines* (the file's lines), a finding
    about one word underlines that word."""
    from ..collector import without_gc
    from .context import Context

    header_select, header_ignore = header_selection(the_map)
    if header_select is not None or header_ignore:
        selection = selection.narrowed(header_select, header_ignore)
    context = Context(the_map, catalogue)
    language = context.language
    suppressed = _noqa_table(the_map)
    if quiet:
        suppressed.update(dict.fromkeys(quiet))
    diagnostics: list[Diagnostic] = []
    with without_gc():  # many small objects and no cycles (see argmap.collector)
        for check in all_checks():
            if not selection.enabled(check.code) or not check.applies_to(language):
                continue
            for finding in check.function(context):
                if suppressed and _is_suppressed(check.code, finding.subjects, suppressed):
                    continue
                diagnostics.append(_diagnostic(check, finding, file, source_lines))
    diagnostics.sort(key=_order)
    return diagnostics


def _order(diagnostic: Diagnostic) -> tuple:
    return (
        diagnostic.line,
        diagnostic.column,
        diagnostic.code,
        diagnostic.message,
        diagnostic.end_line,
        diagnostic.end_column,
    )


def _diagnostic(check: Check, finding: Finding, file: str | None, source_lines: Sequence[str] | None) -> Diagnostic:
    span = finding.span
    if span is None:
        line, column, end_line, end_column = 1, 1, 1, 2
    else:
        line, column, end_line, end_column = span.line, span.column, span.end_line, span.end_column
        if finding.focus and source_lines is not None:
            line, column, end_line, end_column = _focused(span, finding.focus, source_lines)
    return Diagnostic(
        file=file,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=check.code,
        severity=check.severity,
        message=finding.message,
        hint=check.hint,
        label=check.name,
    )


def _focused(span: Span, focus: tuple[str, int], source_lines: Sequence[str]) -> tuple[int, int, int, int]:
    """The place of the word *focus* names on the lines of *span* (counting its
    whole-word occurrences after the keyword), or the whole span when it is not
    found there."""
    word, nth = focus
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    for line in range(span.line, min(span.end_line, len(source_lines)) + 1):
        source = source_lines[line - 1]
        start = span.column if line == span.line else 0
        end = span.end_column - 1 if line == span.end_line else len(source)
        for match in pattern.finditer(source, start, end):
            if nth == 0:
                return line, match.start() + 1, line, match.end() + 1
            nth -= 1
    return span.line, span.column, span.end_line, span.end_column


def _noqa_table(the_map: Map) -> dict[str, tuple[str, ...] | None]:
    table: dict[str, tuple[str, ...] | None] = {}
    for node in the_map.nodes:
        if node.attributes:
            value = node.attribute(NOQA_KEY)
            if value is not None:
                table[node.id] = noqa_codes(value)
    return table


def _is_suppressed(code: str, subjects: tuple[str, ...], table: dict[str, tuple[str, ...] | None]) -> bool:
    for subject in subjects:
        if subject in table:
            codes = table[subject]
            if codes is None or any(code.startswith(prefix) for prefix in codes):
                return True
    return False
