"""A small MkDocs plugin: ```` ```arg ```` blocks drawn in every page.

``mkdocs.yml``::

    plugins:
      - search
      - argmap

The plugin adds the Python-Markdown extension of :mod:`argmap.embed.markdown` for
every page: ``file:`` paths start from the page's folder and must lie within the
folder of ``mkdocs.yml``; a block that cannot be drawn is a warning located in the
page (``mkdocs build --strict`` fails on it) and shows its message in the page.
Plugin option ``options`` gives default drawing options (``{theme: greyscale}``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin

from .fence import FenceError
from .markdown import ArgmapExtension

LOGGER = logging.getLogger("mkdocs.plugins.argmap")


class ArgmapPlugin(BasePlugin):
    """Draws ``arg`` blocks (see the module docs)."""

    config_scheme = (("options", config_options.Type(dict, default={})),)

    def __init__(self) -> None:
        super().__init__()
        self.extension: ArgmapExtension | None = None
        self.docs_dir = Path.cwd()

    def on_config(self, config):
        self.docs_dir = Path(config["docs_dir"])
        root = Path(config["config_file_path"]).parent if config.get("config_file_path") else self.docs_dir
        self.extension = ArgmapExtension(
            base_dir=str(self.docs_dir), root=str(root), options=dict(self.config["options"])
        )
        self.extension.on_error = self._warn
        config["markdown_extensions"].append(self.extension)
        return config

    def on_page_markdown(self, markdown, page, config, files):
        """Errors and ``file:`` paths are the page's own."""
        if self.extension is None:  # MkDocs calls on_config first, which makes it
            return markdown
        source = Path(page.file.src_path)
        self.extension.setConfig("filename", str(Path(config["docs_dir"]).name / source))
        self.extension.setConfig("base_dir", str(self.docs_dir / source.parent))
        return markdown

    @staticmethod
    def _warn(error: FenceError) -> None:
        LOGGER.warning("argmap: %s", error.text)
