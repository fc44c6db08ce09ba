"""The Sphinx extension's name: ``extensions = ["argmap.sphinx"]``.

The extension lives in :mod:`argmap.embed.sphinx`; see ``docs/embedding.md``.
"""

from __future__ import annotations

from .embed.sphinx import ArgmapDirective, argmap_node, setup

__all__ = ["ArgmapDirective", "argmap_node", "setup"]
