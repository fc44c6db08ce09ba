"""Reading a map with mistakes in it: every mistake reported, the rest of the map kept.

:func:`argmap.parse` stops at the first mistake, which is right for a program that
needs the whole map. A writer (``argmap check``, an editor) wants every mistake of a
file at once, and the checks of everything else. :func:`parse_recovering` gives that:

* a line whose words cannot be read (a missing colon, a bad attribute block) but
  whose keyword can stays in the map as a *stand-in*: a node of that kind with the
  line's words as its text, so that the lines under it keep their place;
* a line the grammar cannot place (no keyword, an indentation that matches no line
  above) is left out together with the lines indented under it: reading resumes at
  the next line at the same or lower indentation;
* a line the map cannot hold (a reference to an unknown id, a rebuttal at the left
  margin) is left out in the same way, and the map is built from the rest.

Each mistake is reported once, with the message and position :func:`argmap.parse`
gives for it. The checks then run on what was kept, but say nothing about a
stand-in, nor about a line that lost a line under it, since what they would say
depends on what the writer meant there (see :meth:`Reading.check`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from functools import lru_cache

import attrs

from .build import _Builder, _walk
from .collector import without_gc
from .diagnostics import Diagnostic
from .errors import ArgmapError, ArgmapInputError, ArgmapSemanticError, ArgmapSyntaxError, Location
from .model import ID_PATTERN, Map, relation_id
from .parsing import (
    _DEFINITION_RE,
    KEYWORDS,
    KNOWN_HEADER_KEYS,
    _build_parser,
    _LineReader,
    _misplaced_word,
    _near_keyword,
    end_on_its_line,
    leading_keyword,
    normalise_newlines,
    parse_outline,
)
from .syntax import Entry, Outline

MAX_MISTAKES = 100
"""The most mistakes of the grammar reported for one file. Each costs one more
reading of the file, so a file of nothing but mistakes is read at most this many
times; the lines after the last one reported are left out."""

FATAL_LABELS = frozenset({"empty-file", "too-many-nodes"})
"""Mistakes after which nothing more of the file is read."""

_ID_WORD_RE = re.compile(ID_PATTERN)
_LINE_START_RE = re.compile(rf"[ \t]*(?:(?i:{'|'.join(KEYWORDS)})(?![\w-])|[@#{{]|//)")
"""A line that starts like a line of a map: a keyword, a reference, an annotation
or a comment."""
_WORD_RE = re.compile(r"[^\W\d][\w-]*")


@attrs.frozen
class Reading:
    """What :func:`parse_recovering` read from a file.

    ``map`` is the map built from every line that could be read (``None`` when
    nothing could be, e.g. a file that is not text); ``errors`` are the mistakes,
    in file order, as :class:`~argmap.errors.ArgmapError` objects (the same
    objects, messages and positions :func:`argmap.parse` raises); ``warnings`` are
    :class:`~argmap.diagnostics.Diagnostic` objects for what is legal but likely a
    slip (an indentation step unlike the file's own). ``quiet`` holds the ids of the
    nodes the checks must not judge (stand-ins, and nodes that lost a line under
    them), and ``lost_top_level`` says whether a line at the left margin was left
    out (it may have been the conclusion)."""

    map: Map | None
    errors: tuple[ArgmapError, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    quiet: frozenset[str] = frozenset()
    lost_top_level: bool = False
    source_lines: tuple[str, ...] = ()
    filename: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the file was read without a mistake."""
        return not self.errors

    def diagnostics(self) -> list[Diagnostic]:
        """The mistakes and warnings of the reading, as diagnostics in file order."""
        found = [Diagnostic.from_error(error, self.filename) for error in self.errors]
        return sorted([*found, *self.warnings], key=_order)

    def check(self, selection=None, *, catalogue=None) -> list[Diagnostic]:
        """The mistakes and warnings of the reading, then the findings of the checks
        (*selection*: a :class:`~argmap.checks.registry.Selection`, by default every
        check; *catalogue*: the schemes the scheme checks use) on the map that was
        kept, in file order."""
        from .checks.registry import Selection, run

        found = self.diagnostics()
        if self.map is not None:
            selection = selection or Selection()
            if self.lost_top_level:  # the line left out may have been the conclusion
                selection = selection.narrowed(None, ("AM102",))
            found.extend(
                run(
                    self.map,
                    selection,
                    file=self.filename,
                    catalogue=catalogue,
                    quiet=self.quiet,
                    source_lines=self.source_lines,
                )
            )
        return sorted(found, key=_order)


def _order(diagnostic: Diagnostic) -> tuple:
    return (
        diagnostic.line,
        diagnostic.column,
        0 if diagnostic.code < "AM1" else 1,
        diagnostic.code,
        diagnostic.message,
    )


def parse_recovering(text: str, filename: str | None = None) -> Reading:
    """Read ``.arg`` text, reporting every mistake instead of stopping at the first.

    Never raises for bad input: a text that cannot be read at all gives a
    :class:`Reading` whose ``map`` is ``None`` and whose one error says why."""
    with without_gc():
        try:
            outline = parse_outline(text, filename)
            the_map = _Builder(outline).build()
        except ArgmapError as error:
            lines = tuple(normalise_newlines(text).split("\n"))
            if isinstance(error, ArgmapInputError) or error.label in FATAL_LABELS:
                return Reading(None, (error,), source_lines=lines, filename=filename)
            return _Recovery(text, lines, filename).read()
        # inside: with the collector on, walking 50,000 lines cost eight times as much
        warnings = tuple(indentation_warnings(outline))
    return Reading(the_map, warnings=warnings, source_lines=tuple(outline.source_lines), filename=filename)


# --- reading lines, with stand-ins ------------------------------------------------


class _Sink:
    """What the recovering reader met during one reading of the text."""

    def __init__(self) -> None:
        self.errors: list[ArgmapError] = []
        self.stand_ins: set[int] = set()  # id() of the stand-in entries
        self.holes: list[tuple[int, int, str]] = []  # (line, column, text) of lines left out


_SINK: ContextVar[_Sink | None] = ContextVar("argmap_recovery_sink", default=None)


class _RecoveringReader(_LineReader):
    """The line reader, which on a line it cannot read records the mistake and
    puts a stand-in in its place (or leaves the line out) instead of stopping."""

    def entry(self, children):
        try:
            return super().entry(children)
        except ArgmapSyntaxError as error:
            sink = _SINK.get()
            if sink is None:
                raise
            sink.errors.append(error)
            return _stand_in(children, sink)

    def block(self, children):
        return [child for child in children if child is not None]


def _stand_in(children: list, sink: _Sink) -> Entry | None:
    """The entry that stands for a line that could not be read: a node (or reason)
    of the line's keyword with the line's words, or ``None`` for a reference or an
    annotation line (which are left out, with the lines under them)."""
    first = children[0]
    line, column = first.line - 1, first.column  # see _LineReader
    text = first.value.split("\n", 1)[0].rstrip()
    keyword_text = leading_keyword(text) if first.type == "KEYWORD_LINE" else ""
    rest = text[len(keyword_text) :]
    if not keyword_text or rest.strip().startswith("@"):
        sink.holes.append((line, column, text))
        return None
    keyword = keyword_text.lower()
    head = _DEFINITION_RE.match(rest)
    node_id = head.group("id") if head else None
    words = " ".join((rest[head.end() :] if head else rest).split()) or keyword
    if keyword == "reason":
        entry = Entry("group", keyword, line, column, line, column + len(text), id=node_id)
    else:
        entry = Entry("node", keyword, line, column, line, column + len(text), id=node_id, text=words, raw_text=words)
    if len(children) > 1:
        entry.children = children[-1]
    sink.stand_ins.add(id(entry))
    return entry


@lru_cache(maxsize=1)
def recovering_parser():
    """The Lark parser with the recovering reader, built when first needed."""
    return _build_parser(_RecoveringReader())


# --- the recovery ------------------------------------------------------------------


class _Recovery:
    """Reads a text again and again, each time with the line the grammar stopped
    at mended or left out, until the grammar reads it to the end; then builds the
    map, leaving out the lines it cannot hold."""

    def __init__(self, text: str, lines: tuple[str, ...], filename: str | None) -> None:
        self.lines = lines
        self.filename = filename
        self.working = list(lines)
        self.errors: dict[int, ArgmapError] = {}  # by line: one mistake per line
        self.rewritten: set[int] = set()  # lines whose keyword was mended
        self.holes: list[tuple[int, int, str]] = []
        self.lost_words: set[str] = set()  # the ids the lines left out may have defined

    def read(self) -> Reading:
        outline, sink = self._read_outline()
        for error in sink.errors:
            self._record(error)
        self.holes.extend(sink.holes)
        for _, _, text in self.holes:
            self.lost_words.update(_possible_ids(text))
        stand_ins = set(sink.stand_ins)
        if outline is None:
            return self._reading(None, (), frozenset(), False)
        for entry in _walk(outline.entries):
            if entry.line in self.rewritten:
                stand_ins.add(id(entry))
            if id(entry) in stand_ins:
                self.lost_words.update(_possible_ids(self.lines[entry.line - 1].strip()))
        parents = _parents_of_holes(outline, self.holes)
        builder = _RecoveringBuilder(outline, stand_ins, self.lost_words, self._record)
        builder.bereaved = {id(parent) for parent in parents if parent is not None}
        the_map = builder.build()
        quiet = builder.quiet_ids(stand_ins, [parent for parent in parents if parent is not None])
        lost_top_level = builder.lost_top_level or any(parent is None for parent in parents)
        return self._reading(the_map, indentation_warnings(outline), frozenset(quiet), lost_top_level)

    def _reading(self, the_map, warnings, quiet, lost_top_level) -> Reading:
        errors = tuple(sorted(self.errors.values(), key=lambda error: (error.line or 0, error.column or 0)))
        return Reading(the_map, errors, tuple(warnings), quiet, lost_top_level, self.lines, self.filename)

    def _record(self, error: ArgmapError) -> None:
        """Keep *error*, placed in the file as written, unless its line has one."""
        line = error.line or 1
        if line in self.errors:
            return
        column = error.column or 1
        end_line = error.end_line or line
        end_column = error.end_column or column + 1
        if 0 < line <= end_line <= len(self.lines):
            end_column = end_on_its_line(self.lines, line, column, end_line, end_column)
        error.location = Location(self.filename, line, column, end_line, end_column)
        error.excerpt = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        self.errors[line] = error

    def _read_outline(self) -> tuple[Outline | None, _Sink]:
        sink = _Sink()
        for _ in range(MAX_MISTAKES + 1):
            sink = _Sink()
            token = _SINK.set(sink)
            try:
                text = "\n".join(self.working)
                return parse_outline(text, self.filename, using=recovering_parser()), sink
            except ArgmapError as error:
                if error.label == "empty-file":  # every line was left out
                    return Outline([], [], list(self.lines), self.filename), _Sink()
                if len(self.errors) >= MAX_MISTAKES:
                    self._leave_out_rest(error.line or 1)
                else:
                    self._mend(error)
            finally:
                _SINK.reset(token)
        return None, sink  # pragma: no cover - each round mends or leaves out a line

    def _mend(self, error: ArgmapError) -> None:
        """Record the grammar's *error* and change the working text so that the
        next reading gets past it."""
        line = error.line or 1
        error = self._better_error(error)
        line = error.line or line
        before = list(self.working)
        self._record(error)
        label = error.label
        if label == "too-many-nodes":
            self._leave_out_rest(line)
        elif label in ("tab-indentation", "tab-space-mix"):
            self._expand_tabs(line)
        elif label == "misspelled-keyword":
            self._mend_keyword(error)
        elif label == "unterminated-text":
            self._leave_out_text(line)
        if self.working == before:
            self._leave_out(line)
        if self.working == before:
            self._leave_out_rest(line)

    def _better_error(self, error: ArgmapError) -> ArgmapError:
        """An indented line under a header line is the first sign that the header
        line was meant as a node: a misspelled keyword (``conclsion: ...`` with
        premises under it) or none at all (``ban: ...``). The mistake is reported on
        that line."""
        if error.label != "unexpected-indent":
            return error
        above = (error.line or 1) - 2
        while above >= 0 and not self.working[above].strip():
            above -= 1
        word = _WORD_RE.match(self.working[above]) if above >= 0 else None
        if word is None or word.group(0).lower() in KNOWN_HEADER_KEYS:
            return error
        return _misplaced_word(word.group(0), above + 1, 1)

    def _mend_keyword(self, error: ArgmapError) -> None:
        """Write the keyword the misspelled word is nearest to; the line becomes a
        stand-in."""
        line, column = error.line or 1, error.column or 1
        source = self.working[line - 1]
        word = source[column - 1 : (error.end_column or column + 1) - 1]
        near = _near_keyword(word)
        if near and line not in self.rewritten:
            self.working[line - 1] = source[: column - 1] + near + source[column - 1 + len(word) :]
            self.rewritten.add(line)

    def _expand_tabs(self, line: int) -> None:
        """Read a tab as one step of the file's indentation (the writer pressed the
        tab key for one level)."""
        source = self.working[line - 1]
        body = source.lstrip(" \t")
        indent = source[: len(source) - len(body)]
        if "\t" in indent:
            self.working[line - 1] = indent.expandtabs(self._step()) + body

    def _step(self) -> int:
        """The least indentation of a line indented with spaces (2 if none is)."""
        indents = [len(line) - len(line.lstrip(" ")) for line in self.working if line[:1] == " " and line.strip()]
        return min(indents, default=2)

    def _leave_out(self, line: int) -> None:
        """Leave out *line* and the lines indented under it (blank and comment
        lines in between included): reading resumes at the next line at the same
        or lower indentation."""
        source = self.working[line - 1]
        if not source.strip():
            return
        indent = _indentation(source)
        self.holes.append((line, indent + 1, source.strip()))
        self.working[line - 1] = ""
        self._leave_out_block(line, indent)

    def _leave_out_block(self, start: int, indent: int) -> None:
        """Leave out the lines from index *start* on that are indented deeper than
        *indent* (or blank)."""
        for index in range(start, len(self.working)):
            following = self.working[index]
            if following.strip() and _indentation(following) <= indent:
                break
            if following.strip():
                self.lost_words.update(_possible_ids(following.strip()))
            self.working[index] = ""

    def _leave_out_text(self, line: int) -> None:
        """Leave out a line whose triple quotes are never closed, and the lines
        after it that read as more of its text (up to one that starts like a line
        of a map)."""
        source = self.working[line - 1]
        self.holes.append((line, _indentation(source) + 1, source.strip()))
        self.lost_words.update(_possible_ids(source.strip()))
        self.working[line - 1] = ""
        index = line
        while index < len(self.working) and not _LINE_START_RE.match(self.working[index]):
            self.working[index] = ""
            index += 1
        self._leave_out_block(index, _indentation(source))

    def _leave_out_rest(self, line: int) -> None:
        for index in range(max(line - 1, 0), len(self.working)):
            if self.working[index].strip():
                self.holes.append((index + 1, _indentation(self.working[index]) + 1, self.working[index].strip()))
                self.lost_words.update(_possible_ids(self.working[index].strip()))
            self.working[index] = ""


def _indentation(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _possible_ids(text: str) -> set[str]:
    """The ids a line left out may have defined: the words before its colon after
    the keyword (as they stand, and joined with '-'), e.g. ``premise tax Cars pay``
    → ``tax``, ``tax: Cars pay`` → ``tax``."""
    words = (text.split(":", 1)[0] if ":" in text else text).split()
    while words and (words[0].lower() in KEYWORDS or words[0] in ("-", "*", "+")):
        words = words[1:]
    words = words[:3] if ":" in text else words[:1]
    found = {word for word in words if _ID_WORD_RE.fullmatch(word)}
    if len(words) > 1:
        found.add("-".join(words))
    return found


def _parents_of_holes(outline: Outline, holes: list[tuple[int, int, str]]) -> list[Entry | None]:
    """For each line left out, the kept line it stood under (``None``: the left
    margin)."""
    items = sorted(
        [(entry.line, 1, entry.column, entry) for entry in _walk(outline.entries)]
        + [(line, 0, column, None) for line, column, _ in holes],
        key=lambda item: item[:2],
    )
    parents: list[Entry | None] = []
    open_lines: list[Entry] = []
    for _, _, column, entry in items:
        while open_lines and open_lines[-1].column >= column:
            open_lines.pop()
        if entry is not None:  # a kept line, not a hole
            open_lines.append(entry)
        else:
            parents.append(open_lines[-1] if open_lines else None)
    return parents


# --- building, leaving out what the map cannot hold --------------------------------


class _RecoveringBuilder(_Builder):
    """The map builder, which on a line the map cannot hold records the mistake
    and leaves the line (with the lines under it) out instead of stopping."""

    def __init__(self, outline: Outline, stand_ins: set[int], lost_words: set[str], record) -> None:
        super().__init__(outline)
        self.stand_ins = stand_ins
        self.lost_words = lost_words
        self.record = record
        self.lost_parents: list[str] = []  # node ids that lost a line under them
        self.lost_top_level = False
        self.stripped: list[str] = []  # nodes whose attributes were dropped
        self.bereaved: set[int] = set()  # id() of the lines that lost a line under them
        self.lost_nodes: set[str] = set()  # nodes defined on lines left out

    def _report(self, error: ArgmapError, entry: Entry | None, parent: Entry | None = None) -> None:
        if entry is not None and id(entry) in self.stand_ins:
            return  # the stand-in's own mistake is reported already
        if parent is not None and id(parent) in self.stand_ins:
            return  # what a stand-in may have under it is a guess
        if error.label in _BEREAVED_LABELS and self._bereaved(error, entry):
            return  # its members were left out, for mistakes reported on their lines
        if error.label == "unknown-id" and error.message.rsplit("'", 2)[-2] in self.lost_words:
            return  # it names a line that was left out, whose mistake is reported
        self.record(error)

    def _bereaved(self, error: ArgmapError, entry: Entry | None) -> bool:
        """Whether the line *error* stands on lost a line under it: the entry being
        built, or the one the error names (a reason of undercuts under a reason is
        built with its outer reason, so the error comes from there)."""
        named = _entry_at(self.outline, error.line, error.column) if error.line else None
        return any(found is not None and id(found) in self.bereaved for found in (entry, named))

    def _metadata(self):
        while True:
            try:
                return super()._metadata()
            except ArgmapError as error:
                self._report(error, None)
                self.lost_top_level = True
                self.outline.header = [header for header in self.outline.header if header.line != error.line]

    def _assign_ids(self) -> None:
        while True:
            try:
                return super()._assign_ids()
            except ArgmapSemanticError as error:
                entry = _entry_at(self.outline, error.line, error.column)
                if entry is None or error.label != "duplicate-id":
                    raise
                self._report(error, entry)
                entry.id = None  # the second definition gets an id of its own, and a quiet one
                self.stand_ins.add(id(entry))

    def build(self) -> Map:
        """The map, without the nodes defined on lines left out (unless a kept line
        refers to them)."""
        built = super().build()
        if not self.lost_nodes:
            return built
        used = {premise for relation in built.relations for premise in relation.premises}
        used.update(relation.target for relation in built.relations)
        self.lost_parents.extend(self.lost_nodes & used)
        nodes = [node for node in built.nodes if node.id not in self.lost_nodes or node.id in used]
        return Map(metadata=built.metadata, nodes=nodes, relations=built.relations)

    def _lose(self, entry: Entry) -> None:
        """Note the nodes defined on *entry* and the lines under it, left out."""
        for lost in _walk([entry]):
            if lost.form == "node":
                self.lost_nodes.add(lost.id or self.generated_ids.get(id(lost), ""))

    def _attach_tree(self, top: Entry) -> None:
        try:
            super()._attach_tree(top)
        except ArgmapError as error:
            self._report(error, top)
            self._lose(top)
            self.lost_top_level = True

    def _attach(self, entry, parent, pending) -> None:
        try:
            super()._attach(entry, parent, pending)
        except ArgmapError as error:
            self._report(error, entry, parent.entry)
            self._lose(entry)
            if parent.node_id is not None:
                self.lost_parents.append(parent.node_id)
            elif parent.via in self.relations:
                relation = self.relations[parent.via]
                self.lost_parents.extend((relation.target, *relation.premises))

    def _add_relation(self, kind, premises, target, entry, span, explicit_id, **more):
        if explicit_id is None and id(entry) in self.bereaved:
            # a reason that lost a member may now read like a line written elsewhere
            explicit_id = f"{relation_id(kind, premises, target)}@{entry.line}"
        return super()._add_relation(kind, premises, target, entry, span, explicit_id, **more)

    def _node(self, node_id: str, entry: Entry):
        try:
            return super()._node(node_id, entry)
        except ArgmapError as error:
            self._report(error, entry)
            entry.attributes = ()
            self.annotations.pop(node_id, None)
            self.stripped.append(node_id)
            return super()._node(node_id, entry)

    def quiet_ids(self, stand_ins: set[int], hole_parents: list[Entry]) -> set[str]:
        """The nodes the checks must not judge: stand-ins, nodes that lost a line
        under them, and nodes whose attributes (a ``noqa`` among them) were dropped."""
        quiet = {*self.lost_parents, *self.stripped}
        for entry in _walk(self.outline.entries):
            if id(entry) in stand_ins and entry.form == "node":
                quiet.add(entry.id or self.generated_ids.get(id(entry), ""))
        for parent in hole_parents:
            quiet.update(self._ids_of(parent))
        return quiet

    def _ids_of(self, entry: Entry) -> tuple[str, ...]:
        """The node a kept line stands for, or for a reason the claim and premises."""
        if entry.form == "node":
            return (entry.id or self.generated_ids.get(id(entry), ""),)
        if entry.form == "reference":
            return (entry.id or "",)
        for relation in self.relations.values():
            span = relation.span
            if span is not None and (span.line, span.column) == (entry.line, entry.column):
                return (relation.target, *relation.premises)
        return ()


_BEREAVED_LABELS = frozenset({"empty-reason", "mixed-reason", "nothing-to-undercut"})
"""Mistakes of a reason that may be due to a member left out (a reason left with only
its undercuts has nothing to undercut)."""


def _entry_at(outline: Outline, line: int | None, column: int | None) -> Entry | None:
    return next((entry for entry in _walk(outline.entries) if (entry.line, entry.column) == (line, column)), None)


# --- the indentation step -----------------------------------------------------------


def indentation_warnings(outline: Outline) -> Iterator[Diagnostic]:
    """A warning for each block indented by a step unlike the file's own (the step
    most blocks use): a sibling indented one space too far silently becomes a child
    of the line above it."""
    blocks = [(entry, entry.children[0]) for entry in _walk(outline.entries) if entry.children]
    steps = Counter(child.column - parent.column for parent, child in blocks)
    if len(steps) < 2:
        return
    usual = steps.most_common(1)[0][0]
    for parent, child in blocks:
        step = child.column - parent.column
        if step == usual:
            continue
        spaces = "space" if step == 1 else "spaces"
        yield Diagnostic(
            file=outline.filename,
            line=child.line,
            column=1,
            end_line=child.line,
            end_column=child.column,
            code=ArgmapSyntaxError.code,
            severity="warning",
            message=f"this line is indented {step} {spaces} deeper than line {parent.line}, so it stands under it; "
            f"the file indents by {usual}",
            hint=f"to stand beside line {parent.line}, indent it to column {parent.column}; "
            f"to stand under it, to column {parent.column + usual}",
            label="uneven-indentation",
        )
