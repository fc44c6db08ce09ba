"""Opening and editing documents through a pytest-lsp client."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient


class Documents:
    """Opens and edits documents through a client, waiting for their diagnostics."""

    def __init__(self, client: LanguageClient, directory: Path) -> None:
        self.client = client
        self.directory = directory
        self.versions: dict[str, int] = {}

    async def open(self, text: str, name: str = "map.arg") -> str:
        uri = (self.directory / name).as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="arg", version=1, text=text))
        )
        await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return uri

    async def replace(self, uri: str, text: str) -> list[types.Diagnostic]:
        """Send the whole new text; the diagnostics published for it."""
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                [types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )
        await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(self.client.diagnostics[uri])

    async def insert(self, uri: str, line: int, character: int, text: str) -> list[types.Diagnostic]:
        """Type *text* at a place (0-based); the diagnostics published after it."""
        self.versions[uri] += 1
        here = types.Position(line=line, character=character)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                [types.TextDocumentContentChangePartial(range=types.Range(here, here), text=text)],
            )
        )
        await self.client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(self.client.diagnostics[uri])

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))
