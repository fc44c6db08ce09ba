"""The Pandoc filter ``argmap-pandoc``: ```` ```arg ```` code blocks drawn as maps.

::

    pandoc notes.md --filter argmap-pandoc -o notes.html   # inline SVG
    pandoc notes.md --filter argmap-pandoc -o notes.pdf    # LaTeX: a PDF per map
    pandoc notes.md --filter argmap-pandoc -o notes.docx   # a PNG per map

It reads Pandoc's JSON document on stdin and writes it back on stdout (no library
needed). Code blocks with the class ``arg`` become, for HTML outputs, the SVG inline;
for LaTeX and Beamer, an image of a PDF drawn by argmap; for any other output, an
image of a PNG. The block's attributes are the drawing options
(```` ```{.arg direction=right} ````). Picture files go into the folder named by the
document's ``argmap-dir`` metadata (default ``argmap-figures``), named by their
content. A block that cannot be drawn is left as it is and its located message goes
to stderr. The Quarto extension in ``_extensions/argmap/`` runs this command.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from .fence import FENCE_LANGUAGE, FenceError, render_fence

HTML_FORMATS = frozenset(
    {
        "html",
        "html4",
        "html5",
        "revealjs",
        "slidy",
        "slideous",
        "s5",
        "dzslides",
        "epub",
        "epub2",
        "epub3",
        "chunkedhtml",
    }
)
LATEX_FORMATS = frozenset({"latex", "beamer", "context"})
DEFAULT_DIR = "argmap-figures"


def _meta_text(meta: dict, key: str) -> str | None:
    """A metadata value written as plain text (``argmap-dir: figures``)."""
    value = meta.get(key)
    if not value:
        return None
    if value["t"] == "MetaString":
        return value["c"]
    if value["t"] in ("MetaInlines", "MetaBlocks"):
        inlines = value["c"] if value["t"] == "MetaInlines" else value["c"][0]["c"]
        return "".join(item["c"] if item["t"] == "Str" else " " for item in inlines)
    return None


class _Filter:
    def __init__(self, output_format: str, figure_dir: Path) -> None:
        base = output_format.split("+", 1)[0].split("-", 1)[0]
        self.kind = "html" if base in HTML_FORMATS else "pdf" if base in LATEX_FORMATS else "png"
        self.figure_dir = figure_dir
        self.count = 0

    def walk(self, value):
        """*value* with every ``arg`` code block replaced."""
        if isinstance(value, list):
            return [self.walk(item) for item in value]
        if not isinstance(value, dict):
            return value
        if value.get("t") == "CodeBlock" and FENCE_LANGUAGE in value["c"][0][1]:
            return self.block(value)
        return {key: self.walk(item) for key, item in value.items()}

    def block(self, block: dict) -> dict:
        (identifier, classes, pairs), text = block["c"]
        self.count += 1
        try:
            figure = render_fence(
                text,
                dict(pairs),
                format="svg" if self.kind == "html" else self.kind,
                filename=f"arg block {self.count}",
            )
        except FenceError as error:
            print(error.text, file=sys.stderr)
            return block
        if self.kind == "html":
            return {"t": "RawBlock", "c": ["html", figure.html()]}
        from ..draw.accessible import map_title
        from ..files import write_atomically

        # Named by what was drawn, not by the bytes (PDFs carry a timestamp).
        key = hashlib.sha256(json.dumps([text, pairs, self.kind]).encode("utf-8")).hexdigest()[:16]
        path = self.figure_dir / f"argmap-{key}.{self.kind}"
        self.figure_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(path, figure.data)
        alt = [{"t": "Str", "c": map_title(figure.map)}]
        image = {"t": "Image", "c": [[identifier, [], []], alt, [path.as_posix(), ""]]}
        return {"t": "Para", "c": [image]}


def filter_document(document: dict, output_format: str) -> dict:
    """Pandoc's JSON document with every ``arg`` block drawn for *output_format*."""
    figure_dir = Path(_meta_text(document.get("meta", {}), "argmap-dir") or DEFAULT_DIR)
    return _Filter(output_format, figure_dir).walk(document)


def main(argv: list[str] | None = None) -> None:
    """``argmap-pandoc [FORMAT]``: the filter, as Pandoc runs it (FORMAT is the output format)."""
    argv = sys.argv[1:] if argv is None else argv
    output_format = argv[0] if argv else "html"
    try:
        document = json.load(sys.stdin)
    except ValueError as error:
        print(
            f"argmap-pandoc: the input is not Pandoc's JSON ({error}); run it as pandoc --filter argmap-pandoc",
            file=sys.stderr,
        )
        sys.exit(2)
    json.dump(filter_document(document, output_format), sys.stdout)
