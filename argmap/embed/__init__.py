"""Maps embedded where teachers and students write.

One function draws a fenced ``arg`` block (:func:`render_fence`); every host is a thin
adapter over it, each in its own module, importing its host only when used:

============================  ========================================================
``argmap.sphinx``             Sphinx extension: ``.. argmap::`` and MyST ``{argmap}``
``argmap.embed.markdown``     Python-Markdown extension and pymdownx.superfences fence
``argmap.embed.mkdocs``       MkDocs plugin
``argmap.embed.markdown_it``  markdown-it-py plugin
``argmap.embed.jupyter``      ``%load_ext argmap`` and the ``%%argmap`` cell magic
``argmap.embed.pandoc``       the ``argmap-pandoc`` filter (Pandoc and Quarto)
``argmap.embed.interactive``  one self-contained interactive HTML file
============================  ========================================================

See ``docs/embedding.md``.
"""

from __future__ import annotations

from .fence import FENCE_LANGUAGE, FenceError, Figure, drawing_options, error_html, parse_fence_options, render_fence

__all__ = [
    "FENCE_LANGUAGE",
    "FenceError",
    "Figure",
    "drawing_options",
    "error_html",
    "parse_fence_options",
    "render_fence",
]
