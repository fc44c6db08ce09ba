"""Maps in markdown-it-py: a plugin drawing ```` ```arg [options] ```` blocks.

::

    from markdown_it import MarkdownIt
    from argmap.embed.markdown_it import argmap_plugin

    md = MarkdownIt().use(argmap_plugin, base_dir="docs")
    html = md.render(text)

Other blocks are left to the renderer's own fence rule. A block that cannot be drawn
becomes the located message (escaped) and a warning on the ``argmap.embed`` logger.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .fence import FENCE_LANGUAGE, FenceError, error_html, parse_fence_options, render_fence

LOGGER = logging.getLogger("argmap.embed")


def argmap_plugin(
    md,
    *,
    base_dir: str | Path | None = None,
    root: str | Path | None = None,
    filename: str = "<markdown>",
    options: dict | None = None,
) -> None:
    """Make *md* (a ``MarkdownIt``) draw ``arg`` blocks. *base_dir* is where ``file:``
    paths start, *root* the folder named files must lie within, *filename* the
    document's name in error messages, *options* default drawing options."""
    plain_fence = md.renderer.rules.get("fence")
    defaults = dict(options or {})

    def fence(renderer, tokens, index, render_options, env):
        token = tokens[index]
        language, _, rest = token.info.strip().partition(" ")
        if language.strip("{}.") != FENCE_LANGUAGE:
            return plain_fence(tokens, index, render_options, env)
        first_line = token.map[0] + 2 if token.map else 1
        try:
            figure = render_fence(
                token.content,
                {**defaults, **parse_fence_options(rest)},
                base_dir=base_dir,
                root=root,
                filename=filename,
                first_line=first_line,
            )
        except FenceError as error:
            LOGGER.warning("%s", error.text)
            return error_html(error)
        return figure.html()

    md.add_render_rule("fence", fence)
