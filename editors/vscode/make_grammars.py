"""Write the TextMate grammars of the VS Code extension from argmap's token table.

    python editors/vscode/make_grammars.py

The grammars are never edited by hand: change ``argmap/highlight/tokens.py`` and run
this script (tests/highlight/test_grammar_files.py checks that they are up to date).
"""

from __future__ import annotations

from pathlib import Path

from argmap.files import write_atomically
from argmap.highlight.textmate import dumps, grammar, markdown_injection

SYNTAXES = Path(__file__).resolve().parent / "syntaxes"
FILES = {
    "arg.tmLanguage.json": grammar,
    "arg-markdown-injection.tmLanguage.json": markdown_injection,
}


def main() -> None:
    for name, make in FILES.items():
        write_atomically(SYNTAXES / name, dumps(make()))
        print(f"wrote {SYNTAXES / name}")


if __name__ == "__main__":
    main()
