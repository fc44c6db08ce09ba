"""``argmap lsp``: the language server for ``.arg`` files, over stdio.

Needs the ``lsp`` extra (``pip install "argmap[lsp]"``: pygls and lsprotocol). The
server only translates: every answer comes from the library (:mod:`argmap.editing`,
:mod:`argmap.fmt`, :mod:`argmap.evaluation`, :mod:`argmap.highlight`).
"""

INSTALL_HINT = 'the language server needs the lsp extra: pip install "argmap[lsp]"'
