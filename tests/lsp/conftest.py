"""A client talking to ``argmap lsp`` over stdio, for the end-to-end tests.

The server is started once per test module (starting Python and reading the
grammar takes about a second on a loaded machine); each test opens its own
document under its own URI.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")

# After the skips above, so that without the lsp extra the tests skip rather than fail.
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from tests.lsp.documents import Documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MAPS = sorted((ROOT / "maps").glob("*.arg"))


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"]))
async def client(lsp_client: LanguageClient):
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            rename=types.RenameClientCapabilities(prepare_support=True),
        ),
    )
    lsp_client.initialize_result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=capabilities)
    )
    yield
    await lsp_client.shutdown_session()


@pytest.fixture()
def documents(client: LanguageClient, tmp_path: Path) -> Documents:
    return Documents(client, tmp_path)
