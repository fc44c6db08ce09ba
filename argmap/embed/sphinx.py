"""The Sphinx extension (``extensions = ["argmap.sphinx"]``, ``pip install argmap[sphinx]``).

reStructuredText::

    .. argmap:: maps/smoking-ban.arg
       :direction: right

    .. argmap::
       :evaluate:

       conclusion: The city should ban cars from the old town.
         premise: Traffic harms the health of residents.

MyST Markdown (with ``myst_parser``): a ```` ```{argmap} ```` fence, the same options.

HTML builders get the SVG inline; LaTeX gets a PDF drawn by argmap (no system
Graphviz needed), included with ``\\sphinxincludegraphics``; the text builder gets the
argument in words. A map that does not parse is a warning at the document's line
(``-W`` makes it an error) and the block is shown as its source.

Config: ``argmap_options`` (default drawing options, a dict) and ``argmap_root``
(the folder named map files must lie within; default the source folder).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import __version__
from .fence import FenceError, render_fence

LOGGER = logging.getLogger(__name__)


class argmap_node(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """A drawn map: ``html`` (its figure), ``source`` (its ``.arg`` text), ``options``, ``outline``."""


class _AnyOption(dict):
    """Every option name is accepted and passed on as text: the renderer says which
    it knows, so new drawing options need no change here."""

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str):
        return directives.unchanged


class ArgmapDirective(SphinxDirective):
    """``.. argmap:: [path]`` with the map as content when no path is given."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    # Not empty: docutils and MyST read no options at all for an empty spec.
    option_spec = _AnyOption(file=directives.unchanged, evaluate=directives.flag)

    def run(self) -> list[nodes.Node]:
        options = {**self.config.argmap_options, **{k: "" if v is None else v for k, v in self.options.items()}}
        document = Path(self.env.doc2path(self.env.docname))
        if self.arguments:
            source, first_line = f"file: {self.arguments[0]}", self.lineno
            self.env.note_dependency(str((document.parent / self.arguments[0]).resolve()))
        else:
            source, first_line = "\n".join(self.content), self._first_content_line()
        root = self.config.argmap_root or self.env.srcdir
        try:
            figure = render_fence(
                source, options, base_dir=document.parent, root=root, filename=str(document), first_line=first_line
            )
        except FenceError as error:
            self._warn(error, document)
            block = nodes.literal_block(source, source, language="none")
            self.set_source_info(block)
            return [block]
        from ..draw.accessible import outline_in_words

        node = argmap_node(
            html=figure.html(), source=figure.source, options=options, outline=outline_in_words(figure.map)
        )
        self.set_source_info(node)
        return [node]

    def _first_content_line(self) -> int:
        """The document's line where the content starts. docutils counts the offset
        from the document's start (0-based); MyST from the line after the fence."""
        if type(self.state_machine).__module__.startswith("myst_parser"):
            return self.lineno + 1 + self.content_offset
        return self.content_offset + 1

    def _warn(self, error: FenceError, document: Path) -> None:
        message = f"{error.message} [{error.code}]" + (f" (hint: {error.hint})" if error.hint else "")
        if error.file == str(document):
            LOGGER.warning(message, location=(self.env.docname, error.line), type="argmap")
        else:
            LOGGER.warning(message, location=f"{error.file}:{error.line}", type="argmap")


def visit_html(translator, node: argmap_node) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def visit_latex(translator, node: argmap_node) -> None:
    """Draw the map as PDF next to the .tex file and include it."""
    from ..files import write_atomically

    options = {k: v for k, v in node["options"].items() if k != "file"}
    figure = render_fence(node["source"], options, format="pdf")
    # Named by what was drawn, not by the bytes (PDFs carry a timestamp).
    key = json.dumps([node["source"], sorted(options.items())]).encode("utf-8")
    name = "argmap-" + hashlib.sha256(key).hexdigest()[:16] + ".pdf"
    write_atomically(Path(translator.builder.outdir) / name, figure.data)
    translator.body.append(f"\n\\begin{{center}}\n\\sphinxincludegraphics{{{name}}}\n\\end{{center}}\n")
    raise nodes.SkipNode


def visit_text(translator, node: argmap_node) -> None:
    translator.add_text(node["outline"])
    raise nodes.SkipNode


def skip(translator, node: argmap_node) -> None:
    raise nodes.SkipNode


def setup(app) -> dict:
    """Register the directive, its node and a visitor for each builder."""
    app.add_config_value("argmap_options", {}, "env", [dict])
    app.add_config_value("argmap_root", None, "env")
    app.add_node(
        argmap_node,
        html=(visit_html, None),
        latex=(visit_latex, None),
        text=(visit_text, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("argmap", ArgmapDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
