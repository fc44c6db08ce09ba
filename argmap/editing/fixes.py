"""Quick fixes: a misspelling replaced by what was meant, a check silenced on one
node with ``{noqa: CODE}``, and "X because Y" split into a claim with a premise.

Each fix is an :class:`Edit` of the text, and each is tried on the text before it
is offered: a fix that would not parse, or would not silence the finding, is not
offered.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..diagnostics import Diagnostic
from ..syntax import Entry
from .document import Analysis, analyse
from .symbols import walk

SUGGESTING_LABELS = frozenset({"misspelled-keyword", "unknown-id"})
"""Mistakes whose hint names what was probably meant, in quotes."""

REASONING_CODE = "AM302"

_QUOTED_RE = re.compile(r"'([^']+)'")
_BECAUSE_RE = re.compile(r"[ \t,;]+because[ \t]+(?!of\b)", re.IGNORECASE)
_LEADING_BECAUSE_RE = re.compile(r"because[ \t]+(?!of\b)(?P<reason>[^,]+),[ \t]*(?P<claim>.+)", re.IGNORECASE)
_PROMOTED_KEYWORDS = {"premise": "claim", "assumption": "claim"}


class Edit(NamedTuple):
    """Replace the text from (line, column) to (end_line, end_column) with *text*
    (1-based, end exclusive)."""

    title: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str


def apply(text_lines: tuple[str, ...] | list[str], edit: Edit) -> str:
    """The text with *edit* made."""
    lines = list(text_lines)
    head = lines[edit.line - 1][: edit.column - 1]
    tail = lines[edit.end_line - 1][edit.end_column - 1 :]
    lines[edit.line - 1 : edit.end_line] = (head + edit.text + tail).split("\n")
    return "\n".join(lines)


def suggestions(diagnostic: Diagnostic) -> list[Edit]:
    """ "did you mean": the words the hint proposes, each as a replacement of the
    mistaken word."""
    if diagnostic.label not in SUGGESTING_LABELS or not diagnostic.hint:
        return []
    return [
        Edit(
            f"Change to '{word}'", diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column, word
        )
        for word in _QUOTED_RE.findall(diagnostic.hint)
    ]


def _node_entry(analysis: Analysis, line: int) -> Entry | None:
    if analysis.outline is None:
        return None
    for entry, _ in walk(analysis.outline.entries):
        if entry.line == line and entry.form == "node":
            return entry
    return None


def _noqa_entry(analysis: Analysis, line: int) -> Entry | None:
    """The node a ``noqa`` for a finding on *line* goes on: the node of that line,
    or for a ``reason:`` line, its first premise."""
    entry = _node_entry(analysis, line)
    if entry is None and analysis.outline is not None:
        for group, _ in walk(analysis.outline.entries):
            if group.line == line and group.form == "group":
                return next((child for child in group.children if child.form == "node"), None)
    return entry


def suppression(analysis: Analysis, diagnostic: Diagnostic) -> Edit | None:
    """``{noqa: CODE}`` on the node the finding is reported on (on a reason's first
    premise for a finding on its ``reason:`` line), if that silences it."""
    from ..checks.registry import CODE_RE, NOQA_KEY, noqa_codes
    from ..parsing import _attribute_block_start
    from ..write import format_annotations

    entry = _noqa_entry(analysis, diagnostic.line)
    if entry is None or not CODE_RE.match(diagnostic.code) or diagnostic.label is None:
        return None
    attributes = dict(entry.attributes)
    existing = attributes.get(NOQA_KEY)
    if existing is not None and noqa_codes(existing) is None:
        return None
    attributes[NOQA_KEY] = f"{existing} {diagnostic.code}" if existing else diagnostic.code
    body = analysis.lines[entry.end_line - 1].rstrip()
    start = _attribute_block_start(body) if entry.attributes else None
    block = format_annotations((), tuple(attributes.items())).strip()
    title = f"Silence {diagnostic.code} on this node ({{noqa: {diagnostic.code}}})"
    if start is None:
        edit = Edit(title, entry.end_line, len(body) + 1, entry.end_line, len(body) + 1, " " + block)
    else:
        edit = Edit(title, entry.end_line, start + 1, entry.end_line, len(body) + 1, block)
    return edit if _silences(analysis, edit, diagnostic) else None


def _silences(analysis: Analysis, edit: Edit, diagnostic: Diagnostic) -> bool:
    after = analyse(apply(analysis.lines, edit), use_settings=False)
    return after.ok and not any(
        d.code == diagnostic.code and d.line == diagnostic.line and d.message == diagnostic.message
        for d in after.diagnostics
    )


def split_reasoning(text: str) -> tuple[str, str] | None:
    """ "X because Y" (or "Because Y, X") as the claim X and the premise Y.

    >>> split_reasoning("The museum would sell more tickets, because tourists come on Mondays.")
    ('The museum would sell more tickets.', 'Tourists come on Mondays.')
    >>> split_reasoning("Because it rains, the match is off.")
    ('The match is off.', 'It rains.')
    >>> split_reasoning("It failed because of the rain.") is None
    True
    """
    leading = _LEADING_BECAUSE_RE.fullmatch(text.strip())
    if leading:
        claim, reason = leading.group("claim"), leading.group("reason")
    else:
        match = _BECAUSE_RE.search(text)
        if match is None:
            return None
        claim, reason = text[: match.start()], text[match.end() :]
    claim, reason = _sentence(claim), _sentence(reason)
    return (claim, reason) if claim and reason else None


def _sentence(text: str) -> str:
    text = text.strip().rstrip(",;:")
    if not any(character.isalnum() for character in text):
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?\"')" else text + "."


def reasoning_split(analysis: Analysis, diagnostic: Diagnostic) -> Edit | None:
    """For a box that argues by itself (AM302): the claim stays in the box (a
    premise becomes a claim) and the reason becomes a premise indented under it."""
    entry = _node_entry(analysis, diagnostic.line)
    if diagnostic.code != REASONING_CODE or entry is None or entry.is_block or not entry.raw_text:
        return None
    parts = split_reasoning(entry.raw_text)
    line = analysis.lines[entry.line - 1]
    text_start = line.find(entry.raw_text, entry.column - 1)
    if parts is None or text_start < 0:
        return None
    claim, reason = parts
    keyword_end = entry.column - 1 + len(entry.keyword or "")
    keyword = _PROMOTED_KEYWORDS.get(entry.keyword or "", line[entry.column - 1 : keyword_end])
    child_indent = _child_indent(analysis, entry)
    new_line = (
        line[: entry.column - 1]
        + keyword
        + line[keyword_end:text_start]
        + claim
        + line[text_start + len(entry.raw_text) :]
        + f"\n{child_indent}premise: {reason}"
    )
    edit = Edit("Split into a claim and a premise under it", entry.line, 1, entry.line, len(line) + 1, new_line)
    return edit if analyse(apply(analysis.lines, edit), use_settings=False).ok else None


def _child_indent(analysis: Analysis, entry: Entry) -> str:
    if entry.children:
        first = entry.children[0]
        return analysis.lines[first.line - 1][: first.column - 1]
    from ..write import INDENT

    return analysis.lines[entry.line - 1][: entry.column - 1] + INDENT


def fixes(analysis: Analysis, diagnostic: Diagnostic) -> list[Edit]:
    """Every quick fix for *diagnostic* in *analysis*."""
    found = suggestions(diagnostic)
    for make in (reasoning_split, suppression):
        edit = make(analysis, diagnostic)
        if edit is not None:
            found.append(edit)
    return found
