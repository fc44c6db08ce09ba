"""One small function per feature of the language server: each takes the server's
view of a document (:class:`~argmap.lsp.server.DocumentState`) and the request, and
answers from the library."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types

from ..editing.completion import completions, place_at
from ..editing.document import Analysis
from ..editing.fixes import Edit, fixes
from ..editing.scheme_words import describe, scheme_word_at
from ..editing.symbols import Occurrence, definition_of, occurrence_at, subtree_end_line, walk
from ..highlight.tokens import TOKEN_TYPES, tokenize
from ..model import Map, is_valid_id
from ..syntax import Entry
from .convert import Snapshot, from_position, to_diagnostic, to_range

SEMANTIC_TOKEN_TYPES = sorted({kind.semantic for kind in TOKEN_TYPES.values()})
_TYPE_INDEX = {name: index for index, name in enumerate(SEMANTIC_TOKEN_TYPES)}
SEMANTIC_LEGEND = types.SemanticTokensLegend(token_types=SEMANTIC_TOKEN_TYPES, token_modifiers=[])

_COMPLETION_KINDS = {
    "keyword": types.CompletionItemKind.Keyword,
    "id": types.CompletionItemKind.Reference,
    "attribute-key": types.CompletionItemKind.Property,
    "attribute-value": types.CompletionItemKind.EnumMember,
    "code": types.CompletionItemKind.Value,
}
_SYMBOL_KINDS = {
    "conclusion": types.SymbolKind.Class,
    "claim": types.SymbolKind.Interface,
    "premise": types.SymbolKind.Field,
    "assumption": types.SymbolKind.Constant,
    "evidence": types.SymbolKind.File,
    "objection": types.SymbolKind.Event,
    "rebuttal": types.SymbolKind.Operator,
    "undercut": types.SymbolKind.Key,
    "reason": types.SymbolKind.Struct,
}


def diagnostics(document: Snapshot, analysis: Analysis) -> list[types.Diagnostic]:
    """The diagnostics of ``argmap check`` for the text."""
    return [to_diagnostic(document, diagnostic) for diagnostic in analysis.diagnostics]


def _text_edit(document: Snapshot, edit: Edit) -> types.TextEdit:
    return types.TextEdit(to_range(document, edit.line, edit.column, edit.end_line, edit.end_column), edit.text)


def code_actions(document: Snapshot, analysis: Analysis, asked: Sequence[types.Diagnostic]) -> list[types.CodeAction]:
    """Quick fixes for the diagnostics the client asks about."""
    actions = []
    for sent in asked:
        for diagnostic in analysis.diagnostics:
            if diagnostic.code != sent.code or to_diagnostic(document, diagnostic).range != sent.range:
                continue
            for edit in fixes(analysis, diagnostic):
                change = types.WorkspaceEdit(changes={document.uri: [_text_edit(document, edit)]})
                actions.append(
                    types.CodeAction(
                        title=edit.title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[sent],
                        edit=change,
                        is_preferred=edit.title.startswith("Change"),
                    )
                )
    return actions


def formatting(document: Snapshot, formatted: str | None) -> list[types.TextEdit]:
    """The whole text replaced by its canonical form (nothing if it does not parse
    or is canonical already)."""
    if formatted is None or formatted == document.source:
        return []
    lines = document.lines
    end = types.Position(line=len(lines), character=0)
    return [types.TextEdit(types.Range(types.Position(line=0, character=0), end), formatted)]


def _location(document: Snapshot, occurrence: Occurrence) -> types.Location:
    return types.Location(
        document.uri, to_range(document, occurrence.line, occurrence.column, occurrence.line, occurrence.end_column)
    )


def _under_cursor(document: Snapshot, found: list[Occurrence], position: types.Position) -> Occurrence | None:
    line, column = from_position(document, position)
    return occurrence_at(found, line, column)


def definition(document: Snapshot, found: list[Occurrence], position: types.Position) -> types.Location | None:
    """Where the id under the cursor is defined."""
    here = _under_cursor(document, found, position)
    target = definition_of(found, here.id) if here else None
    return _location(document, target) if target else None


def references(
    document: Snapshot, found: list[Occurrence], position: types.Position, include_declaration: bool
) -> list[types.Location]:
    """Every place the id under the cursor is written (its definition too, if asked)."""
    here = _under_cursor(document, found, position)
    if here is None:
        return []
    return [
        _location(document, occurrence)
        for occurrence in found
        if occurrence.id == here.id and (include_declaration or occurrence.role == "reference")
    ]


def prepare_rename(
    document: Snapshot, found: list[Occurrence], position: types.Position
) -> types.PrepareRenamePlaceholder | None:
    """The id under the cursor and its range, if it can be renamed."""
    here = _under_cursor(document, found, position)
    if here is None:
        return None
    return types.PrepareRenamePlaceholder(range=_location(document, here).range, placeholder=here.id)


def rename(
    document: Snapshot, analysis: Analysis, found: list[Occurrence], position: types.Position, new_name: str
) -> types.WorkspaceEdit | None:
    """Every occurrence of the id under the cursor renamed; a node whose id was
    generated gets the new one written after its keyword."""
    here = _under_cursor(document, found, position)
    if here is None:
        return None
    if not is_valid_id(new_name):
        raise ValueError(f"'{new_name}' is not an id: use letters, digits, '-', '_' and '.'")
    if analysis.map is None:
        raise ValueError("the map has a mistake: fix it before renaming (see the problems list)")
    taken = {occurrence.id for occurrence in found} | {relation.id for relation in analysis.map.relations}
    if new_name != here.id and new_name in taken:
        raise ValueError(f"the id '{new_name}' is already taken")
    edits = []
    for occurrence in found:
        if occurrence.id != here.id:
            continue
        if occurrence.role == "generated":
            at = to_range(document, occurrence.line, occurrence.end_column, occurrence.line, occurrence.end_column)
            edits.append(types.TextEdit(at, f" {new_name}"))
        else:
            edits.append(types.TextEdit(_location(document, occurrence).range, new_name))
    return types.WorkspaceEdit(changes={document.uri: edits})


def completion(document: Snapshot, analysis: Analysis | None, position: types.Position) -> types.CompletionList:
    """Keywords, ids after ``@``, attribute keys and values, check codes."""
    line, column = from_position(document, position)
    place = place_at(document.line_text(line), column - 1)
    items = []
    if place is not None:
        the_map = analysis.map if analysis is not None else None
        for found in completions(place, the_map):
            items.append(
                types.CompletionItem(
                    label=found.label,
                    kind=_COMPLETION_KINDS[found.kind],
                    insert_text=found.insert,
                    detail=found.detail or None,
                )
            )
    return types.CompletionList(is_incomplete=False, items=items)


def hover(
    document: Snapshot,
    the_map: Map | None,
    found: list[Occurrence],
    position: types.Position,
    explain: Callable[[str], tuple[str | None, str | None]],
) -> types.Hover | None:
    """The node under the cursor: kind, id, verdict under grounded semantics, and the
    teacher's note; on a scheme, role or critical question id, what the catalogue says
    of it. *explain* gives ``(verdict, explanation)`` for a node id."""
    line, column = from_position(document, position)
    about_scheme = _scheme_hover(document, line, column - 1)
    if about_scheme is not None:
        return about_scheme
    here = occurrence_at(found, line, column) or _occurrence_of_line(found, line)
    if here is None or the_map is None or not the_map.has_node(here.id):
        return None
    node = the_map.node(here.id)
    parts = [f"**{node.kind}** `{node.id}`", node.text]
    verdict, why = explain(node.id)
    if verdict:
        why = why.removeprefix(f"{verdict}: ") if why else None
        parts.append(f"verdict (grounded semantics): **{verdict}**" + (f" — {why}" if why else ""))
    note = node.attribute("note")
    if note:
        parts.append(f"note: {note}")
    content = types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(parts))
    return types.Hover(contents=content, range=_location(document, here).range)


def _scheme_hover(document: Snapshot, line: int, column: int) -> types.Hover | None:
    """What the built-in catalogue says of the scheme, role or question id at *line*
    (1-based), *column* (0-based), if the cursor is on one."""
    text = document.lines[line - 1] if 0 < line <= len(document.lines) else ""
    found = scheme_word_at(text, column)
    if found is None:
        return None
    from ..schemes import builtin_catalogue

    described = describe(found, builtin_catalogue())
    if described is None:
        return None
    span = to_range(document, line, found.start + 1, line, found.end + 1)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=described), range=span)


def _occurrence_of_line(found: list[Occurrence], line: int) -> Occurrence | None:
    for occurrence in found:
        if occurrence.line == line:
            return occurrence
    return None


def document_symbols(document: Snapshot, analysis: Analysis) -> list[types.DocumentSymbol]:
    """The outline: one symbol per node, reason and reference line, nested as written."""
    if analysis.outline is None:
        return []
    found: list[types.DocumentSymbol] = []
    open_children: list[list[types.DocumentSymbol]] = []  # the children of each symbol still open, outermost first
    for entry, depth in walk(analysis.outline.entries):
        children: list[types.DocumentSymbol] = []
        symbol = _symbol(document, entry, children)
        if symbol is None:
            continue
        del open_children[depth:]
        siblings = open_children[-1] if open_children else found
        siblings.append(symbol)
        open_children.append(children)
    return found


def _symbol(document: Snapshot, entry: Entry, children: list[types.DocumentSymbol]) -> types.DocumentSymbol | None:
    if entry.form == "annotation":
        return None
    keyword = entry.keyword or ""
    if entry.form == "reference":
        name, detail = f"{keyword} @{entry.id}".strip(), "reference"
    else:
        name = f"{keyword} {entry.id}" if entry.id else keyword
        detail = entry.text or ""
    whole = to_range(
        document,
        entry.line,
        entry.column,
        subtree_end_line(entry),
        len(document.line_text(subtree_end_line(entry))) + 1,
    )
    head = to_range(document, entry.line, entry.column, entry.line, entry.column + max(len(keyword), 1))
    return types.DocumentSymbol(
        name=name or "@",
        detail=detail,
        kind=_SYMBOL_KINDS.get(keyword, types.SymbolKind.Variable),
        range=whole,
        selection_range=head,
        children=children,
    )


def folding_ranges(analysis: Analysis) -> list[types.FoldingRange]:
    """A fold for every line with lines indented under it, and for long texts."""
    if analysis.outline is None:
        return []
    folds = []
    for entry, _ in walk(analysis.outline.entries):
        end = subtree_end_line(entry)
        if end > entry.line:
            folds.append(types.FoldingRange(start_line=entry.line - 1, end_line=end - 1))
    return folds


def semantic_tokens(document: Snapshot) -> types.SemanticTokens:
    """The token table's tokens, in the protocol's relative encoding."""
    codec = document.codec
    lines = document.source.split("\n")
    data: list[int] = []
    previous_line = previous_start = 0
    for token in tokenize(document.source):
        text = lines[token.line]
        start = token.column if text.isascii() else codec.client_num_units(text[: token.column])
        length = (
            token.length if text.isascii() else codec.client_num_units(text[token.column : token.column + token.length])
        )
        delta_line = token.line - previous_line
        delta_start = start - previous_start if delta_line == 0 else start
        data += [delta_line, delta_start, length, _TYPE_INDEX[TOKEN_TYPES[token.name].semantic], 0]
        previous_line, previous_start = token.line, start
    return types.SemanticTokens(data=data)
