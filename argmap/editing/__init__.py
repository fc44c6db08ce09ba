"""What an editor needs to know about a map while it is being written.

Pure functions over the library's own parse, build and checks (no editor protocol
here): :mod:`~argmap.editing.document` reads a text into an :class:`Analysis` with
the diagnostics of ``argmap check``; :mod:`~argmap.editing.symbols` finds where each
id is defined and referred to; :mod:`~argmap.editing.completion` says what may be
typed at a place; :mod:`~argmap.editing.fixes` makes the quick fixes. The language
server (:mod:`argmap.lsp`) only translates these to the protocol.
"""
