"""The server never fails on half-typed text: each map in maps/ is typed into it
one line at a time and one character at a time, and after every step the editor's
usual requests are made. No request may answer with an error, the server may
show no error message, and it must still be running at the end."""

from __future__ import annotations

import pytest
from lsprotocol import types

from tests.budget import quick_first
from tests.lsp.conftest import MAPS
from tests.lsp.documents import Documents

pytestmark = pytest.mark.asyncio(loop_scope="module")

MAPS_BY_SIZE = sorted(MAPS, key=lambda path: path.stat().st_size)
"""The smallest map is typed line by line in the quick run, the others in the
thorough one (marker ``slow``)."""

SMALL_PIECE = 250
"""Characters of a map typed one by one in the fast case."""


def _cursor_after(text: str) -> types.Position:
    lines = text.split("\n")
    return types.Position(line=len(lines) - 1, character=len(lines[-1]))


async def _ask_everything(client, uri: str, at: types.Position) -> None:
    """The requests an editor makes while one types (code actions for the problems
    near the cursor); any error response raises."""
    document = types.TextDocumentIdentifier(uri=uri)
    near = (at.line - 1, at.line)
    diagnostics = [d for d in client.diagnostics.get(uri, []) if d.range.start.line in near]
    await client.text_document_completion_async(types.CompletionParams(text_document=document, position=at))
    await client.text_document_hover_async(types.HoverParams(text_document=document, position=at))
    await client.text_document_definition_async(types.DefinitionParams(text_document=document, position=at))
    await client.text_document_references_async(
        types.ReferenceParams(
            text_document=document, position=at, context=types.ReferenceContext(include_declaration=True)
        )
    )
    await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=document))
    await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=document))
    await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=document))
    await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=document, options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    for diagnostic in diagnostics:
        await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=document,
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        )


async def _type(client, documents: Documents, text: str, pieces: list[str], name: str, ask_every: int = 1) -> None:
    uri = await documents.open("", name)
    typed = ""
    for number, piece in enumerate(pieces):
        at = _cursor_after(typed)
        await documents.insert(uri, at.line, at.character, piece)
        typed += piece
        if number % ask_every == 0 or number == len(pieces) - 1:
            await _ask_everything(client, uri, _cursor_after(typed))
    assert typed == text
    assert not client.messages, [message.message for message in client.messages]
    assert client.error is None
    documents.close(uri)


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


@pytest.mark.parametrize("path", quick_first(MAPS_BY_SIZE), ids=lambda p: p.stem)
async def test_typing_each_map_line_by_line(client, documents: Documents, path):
    text = path.read_text(encoding="utf-8")
    await _type(client, documents, text, _lines(text), path.name)


async def test_typing_the_start_of_a_map_character_by_character(client, documents: Documents):
    text = MAPS_BY_SIZE[0].read_text(encoding="utf-8")[:SMALL_PIECE]
    await _type(client, documents, text, list(text), "piece.arg", ask_every=2)


@pytest.mark.slow
@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
async def test_typing_each_map_character_by_character(client, documents: Documents, path):
    text = path.read_text(encoding="utf-8")
    await _type(client, documents, text, list(text), path.name, ask_every=7)
