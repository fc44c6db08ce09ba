"""Maps in Python-Markdown: an extension, and a custom fence for pymdownx.superfences.

Extension (``pip install argmap[markdown]``)::

    import markdown
    html = markdown.markdown(text, extensions=["argmap.embed.markdown"])

turns every block fenced as ```` ```arg [options] ```` into an inline SVG figure. A
block that cannot be drawn becomes the located message (escaped, in a
``<pre class="argmap-error">``) and a warning on the ``argmap.embed`` logger.

With pymdownx.superfences, register the fence instead::

    extension_configs = {"pymdownx.superfences": {"custom_fences": [
        {"name": "arg", "class": "argmap",
         "validator": argmap.embed.markdown.fence_validator,
         "format": argmap.embed.markdown.fence_format}]}}
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

from .fence import FENCE_LANGUAGE, FenceError, error_html, parse_fence_options, render_fence

try:
    from markdown import Extension
    from markdown.preprocessors import Preprocessor
except ImportError as error:  # pragma: no cover - the extra is missing
    raise ImportError("argmap's Markdown extension needs Python-Markdown: pip install 'argmap[markdown]'") from error

LOGGER = logging.getLogger("argmap.embed")

_OPENING = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")


def _language(info: str) -> tuple[str, str]:
    """The language of a fence's info string and the rest (its options):
    ``arg direction=right`` and ``{.arg direction=right}`` alike."""
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):
        inner = info[1:-1].strip()
        first, _, rest = inner.partition(" ")
        return first.lstrip("."), rest
    first, _, rest = info.partition(" ")
    return first, rest


def find_fences(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """``(opening index, closing index, options text)`` of every ``arg`` block in
    *lines*, skipping the insides of other fenced blocks (which may show an ``arg``
    block as an example). A block left open runs to the end."""
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening.group("fence")
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = index + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        language, rest = _language(opening.group("info"))
        if language == FENCE_LANGUAGE:
            yield index, end, rest
        index = end + 1


def _dedent(lines: list[str], indent: int) -> str:
    """The block's text without the indentation of its fence (up to *indent* spaces)."""
    return "\n".join(line[min(indent, len(line) - len(line.lstrip(" "))) :] for line in lines)


class _FencePreprocessor(Preprocessor):
    def __init__(self, md, extension: ArgmapExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        done = 0
        for start, end, rest in list(find_fences(lines)):
            indent = len(lines[start]) - len(lines[start].lstrip(" "))  # up to 3: find_fences matched _OPENING
            out.extend(lines[done:start])
            html = self.extension.draw(_dedent(lines[start + 1 : end], indent), rest, start + 2)
            out.extend(["", self.md.htmlStash.store(html), ""])
            done = end + 1
        out.extend(lines[done:])
        return out


class ArgmapExtension(Extension):
    """Python-Markdown extension drawing ```` ```arg ```` blocks (see module docs).

    Config: ``base_dir`` (where ``file:`` paths start, default the working folder),
    ``root`` (files must lie within it, default ``base_dir``), ``filename`` (the name
    errors give the document), ``options`` (default drawing options, a dict)."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            # "" for none: Python-Markdown reads a None default as a yes/no setting.
            "base_dir": ["", "folder that file: paths start from"],
            "root": ["", "folder that named files must lie within"],
            "filename": ["<markdown>", "the document's name, in error messages"],
            "options": [{}, "default drawing options"],
        }
        self.on_error: Callable[[FenceError], None] = lambda error: LOGGER.warning("%s", error.text)
        super().__init__(**kwargs)

    def draw(self, source: str, options_text: str, first_line: int) -> str:
        """The HTML for one block: its figure, or its located error."""
        try:
            options = {**self.getConfig("options"), **parse_fence_options(options_text)}
            figure = render_fence(
                source,
                options,
                base_dir=self.getConfig("base_dir") or None,
                root=self.getConfig("root") or None,
                filename=self.getConfig("filename"),
                first_line=first_line,
            )
        except FenceError as error:
            self.on_error(error)
            return error_html(error)
        return figure.html()

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        # After whitespace is normalised (30), before fenced_code and superfences (25).
        md.preprocessors.register(_FencePreprocessor(md, self), "argmap_fence", 29)


def makeExtension(**kwargs) -> ArgmapExtension:  # noqa: N802 - Python-Markdown's name
    """The extension, for ``extensions=["argmap.embed.markdown"]``."""
    return ArgmapExtension(**kwargs)


def fence_validator(language, inputs, options, attrs, md) -> bool:
    """pymdownx.superfences validator: keep every option of the fence (superfences
    gives a switch written alone as None, or as its own name)."""
    options.update({name: "" if value is None or value == name else value for name, value in inputs.items()})
    return True


def fence_format(source, language, class_name, options, md, **kwargs) -> str:
    """pymdownx.superfences formatter: the block drawn, or its located error."""
    try:
        figure = render_fence(source, options, filename="<markdown>")
    except FenceError as error:
        LOGGER.warning("%s", error.text)
        return error_html(error)
    return figure.html()
