"""``argmap lsp``: the language server for editors, over stdio (docs/editors.md)."""

from __future__ import annotations

import sys

import click

from ..cli import EXIT_USAGE


@click.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin and stdout (the default and only transport).")
def lsp_command(stdio: bool) -> None:
    """Run the language server over stdio, for VS Code, Neovim, Emacs, Helix…

    Needs the lsp extra: pip install "argmap[lsp]"."""
    from ..lsp import INSTALL_HINT

    try:
        from ..lsp.server import main
    except ModuleNotFoundError as error:
        package = (error.name or "").split(".")[0]
        if package not in ("pygls", "lsprotocol"):
            raise
        click.echo(f"error: {INSTALL_HINT} ({package} is missing)", err=True)
        sys.exit(EXIT_USAGE)
    main()
