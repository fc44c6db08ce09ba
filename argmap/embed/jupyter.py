"""Maps in Jupyter: ``%load_ext argmap``, then a cell::

    %%argmap direction=right evaluate
    conclusion: The city should ban cars from the old town.
      premise: Traffic in the old town harms the health of residents.

shows the map. The options are those of a fence (``name=value``, a lone name is a
switch that is on); ``file: path.arg`` as the cell's one line draws that file (from
the notebook's folder). A cell that does not parse shows the located message, not a
traceback. A :class:`~argmap.Map` as a cell's value shows itself (``_repr_svg_``).
"""

from __future__ import annotations

from .fence import FenceError, error_html, parse_fence_options, render_fence


def _show(bundle: dict[str, str]) -> None:
    from IPython.display import display

    display(bundle, raw=True)


def argmap_magic(line: str, cell: str) -> None:
    """The ``%%argmap [options]`` cell magic: draw the cell's map."""
    from ..draw.accessible import outline_in_words

    try:
        figure = render_fence(cell, parse_fence_options(line), filename="<cell>", first_line=2)
    except FenceError as error:
        _show({"text/plain": error.text, "text/html": error_html(error)})
        return
    _show({"image/svg+xml": figure.svg, "text/plain": outline_in_words(figure.map)})


def load_ipython_extension(ipython) -> None:
    """Register the ``%%argmap`` cell magic (``%load_ext argmap``)."""
    ipython.register_magic_function(argmap_magic, magic_kind="cell", magic_name="argmap")
