"""The language server: what it keeps per document, and the protocol's requests
wired to :mod:`argmap.lsp.features`.

Diagnostics are published on every open and change, from the whole text (maps are
small enough that reading them again is quicker than patching). For requests that
need ids (completion after ``@``, hover), the last version that read without a
mistake stands in while the text is half typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..editing.document import Analysis, analyse
from ..editing.sections import SectionCache
from ..editing.symbols import Occurrence, occurrences
from . import features
from .convert import Snapshot

if TYPE_CHECKING:
    from ..evaluation import Evaluation
    from ..model import Map

RENDER_COMMAND = "argmap.renderSvg"
"""Draws the current text of a document as SVG (for the live map beside the editor)."""


class DocumentState:
    """What the server knows of one open document."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.last_good: Analysis | None = analysis if analysis.ok else None
        self._occurrences: list[Occurrence] | None = None
        self._evaluation: Evaluation | None = None

    def update(self, analysis: Analysis) -> None:
        """A new version of the text."""
        self.analysis = analysis
        self._occurrences = None
        self._evaluation = None
        if analysis.ok:
            self.last_good = analysis

    @property
    def good_map(self) -> Map | None:
        """The map of the last version of the text that read without a mistake (the
        current one, if it does)."""
        return self.last_good.map if self.last_good is not None else None

    @property
    def occurrences(self) -> list[Occurrence]:
        """Where each id is written in the current text (empty if it does not read)."""
        if self._occurrences is None:
            outline = self.analysis.outline
            self._occurrences = occurrences(outline, self.analysis.map) if outline is not None else []
        return self._occurrences

    def explain(self, node_id: str) -> tuple[str | None, str | None]:
        """The node's verdict under grounded semantics and why (from the last text
        that read, while the current one has a mistake)."""
        the_map = self.good_map
        if the_map is None:
            return None, None
        if self._evaluation is None:
            from ..evaluation import evaluate

            self._evaluation = evaluate(the_map)
        return self._evaluation.labels.get(node_id), self._evaluation.explanations.get(node_id)


class ArgmapLanguageServer(LanguageServer):
    """pygls' server with a :class:`DocumentState` per open document."""

    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.documents: dict[str, DocumentState] = {}
        self.sections: dict[str, SectionCache] = {}

    def refresh(self, uri: str) -> None:
        """Read the document again and publish its diagnostics."""
        document = Snapshot(self.workspace.get_text_document(uri))
        analysis = analyse(document.source, _path(document), sections=self.sections.setdefault(uri, SectionCache()))
        state = self.documents.get(uri)
        if state is None:
            self.documents[uri] = DocumentState(analysis)
        else:
            state.update(analysis)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri, version=document.version, diagnostics=features.diagnostics(document, analysis)
            )
        )

    def state(self, uri: str) -> tuple[Snapshot, DocumentState]:
        """The document and what is known of it (read now if it was never read)."""
        if uri not in self.documents:
            self.refresh(uri)
        return Snapshot(self.workspace.get_text_document(uri)), self.documents[uri]


def _path(document: Snapshot) -> str | None:
    return to_fs_path(document.uri) if document.uri.startswith("file:") else None


server = ArgmapLanguageServer()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ArgmapLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.refresh(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArgmapLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.refresh(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ArgmapLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    from ..config import clear_cache

    clear_cache()  # an edited argmap.toml takes effect on the next save
    ls.refresh(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArgmapLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.documents.pop(params.text_document.uri, None)
    ls.sections.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
)
def code_action(ls: ArgmapLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    document, state = ls.state(params.text_document.uri)
    return features.code_actions(document, state.analysis, params.context.diagnostics)


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: ArgmapLanguageServer, params: types.DocumentFormattingParams) -> list[types.TextEdit]:
    from ..errors import ArgmapError
    from ..fmt import format_text

    document, _ = ls.state(params.text_document.uri)
    try:
        formatted = format_text(document.source, _path(document))
    except ArgmapError:
        formatted = None
    return features.formatting(document, formatted)


def _answer_at_position(method: str, answer: Callable[[Snapshot, list[Occurrence], types.Position], object]) -> None:
    """Register *answer* (document, occurrences, position) for a request about the
    id under the cursor."""

    @server.feature(method)
    def handler(ls: ArgmapLanguageServer, params: types.TextDocumentPositionParams) -> object:
        document, state = ls.state(params.text_document.uri)
        return answer(document, state.occurrences, params.position)


_answer_at_position(types.TEXT_DOCUMENT_DEFINITION, features.definition)
_answer_at_position(types.TEXT_DOCUMENT_PREPARE_RENAME, features.prepare_rename)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: ArgmapLanguageServer, params: types.ReferenceParams) -> list[types.Location]:
    document, state = ls.state(params.text_document.uri)
    return features.references(document, state.occurrences, params.position, params.context.include_declaration)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(ls: ArgmapLanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    document, state = ls.state(params.text_document.uri)
    if not state.analysis.ok:
        raise JsonRpcInvalidParams("the map has a mistake: fix it before renaming (see the problems list)")
    try:
        return features.rename(document, state.analysis, state.occurrences, params.position, params.new_name)
    except ValueError as error:
        raise JsonRpcInvalidParams(str(error)) from None


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["@", "{", ",", ":"]))
def completion(ls: ArgmapLanguageServer, params: types.CompletionParams) -> types.CompletionList:
    document, state = ls.state(params.text_document.uri)
    return features.completion(document, state.last_good or state.analysis, params.position)


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: ArgmapLanguageServer, params: types.HoverParams) -> types.Hover | None:
    document, state = ls.state(params.text_document.uri)
    return features.hover(document, state.good_map, state.occurrences, params.position, state.explain)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: ArgmapLanguageServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    document, state = ls.state(params.text_document.uri)
    return features.document_symbols(document, state.analysis)


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_range(ls: ArgmapLanguageServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
    _, state = ls.state(params.text_document.uri)
    return features.folding_ranges(state.analysis)


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, features.SEMANTIC_LEGEND)
def semantic_tokens(ls: ArgmapLanguageServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
    document = Snapshot(ls.workspace.get_text_document(params.text_document.uri))
    return features.semantic_tokens(document)


@server.command(RENDER_COMMAND)
def render_svg(ls: ArgmapLanguageServer, uri: str) -> str | None:
    """The SVG of the document's current text (its last readable version)."""
    from ..draw import render

    _, state = ls.state(uri)
    the_map = state.good_map
    return render(the_map, "svg").decode("utf-8") if the_map is not None else None


def main() -> None:
    """Serve over stdin and stdout until the client says exit."""
    server.start_io()
