"""Highlighting of ``.arg`` text, written once and used everywhere.

:mod:`argmap.highlight.tokens` holds the one token table (regexes that both Python's
``re`` and the Oniguruma engine of TextMate editors read the same way);
:mod:`argmap.highlight.textmate` turns it into the VS Code grammar,
:mod:`argmap.highlight.pygments_lexer` into a Pygments lexer (only when Pygments is
installed), and the language server's semantic tokens come from
:func:`argmap.highlight.tokens.tokenize`.
"""
