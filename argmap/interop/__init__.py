"""Exchange with the formats the field already uses: Argdown, AIF and Markdown.

    from argmap.interop import from_argdown, to_argdown, from_aif, to_aif, to_markdown
    result = from_argdown(text, "debate.argdown")
    result.map          # the Map
    result.summary()    # what was kept as attributes, changed or left out

The mapping of concepts in each direction is documented in ``docs/interop.md``. Each
direction lives in its own module (``argdown_read`` reads, ``argdown`` writes...), and
they are imported only when used.
"""

from __future__ import annotations

import importlib

_PUBLIC = {
    "from_argdown": "argdown_read",
    "to_argdown": "argdown",
    "from_aif": "aif_read",
    "to_aif": "aif",
    "to_markdown": "markdown",
    "import_text": "importing",
    "detect_format": "importing",
    "ImportResult": "report",
    "ImportReport": "report",
    "ArgdownSyntaxError": "errors",
    "AifFormatError": "errors",
}

__all__ = [
    "AifFormatError",
    "ArgdownSyntaxError",
    "ImportReport",
    "ImportResult",
    "detect_format",
    "from_aif",
    "from_argdown",
    "import_text",
    "to_aif",
    "to_argdown",
    "to_markdown",
]


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
