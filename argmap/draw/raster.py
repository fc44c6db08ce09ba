"""PNG without Graphviz: argmap's own PDF of the picture, rasterised by PDFium.

The PDF (:mod:`argmap.draw.pdf`) already holds every shape as a vector path and the
text in the installed fonts; PDFium (the ``pypdfium2`` package, Chromium's PDF
renderer) turns it into pixels in a few tens of milliseconds, and we write those
pixels as PNG with :mod:`zlib`. This is five to ten times faster than rasterising
the SVG with resvg, which argmap used before (see ``docs/rendering.md``).

The size of the picture in pixels follows from its size in points: by default
:data:`DEFAULT_DPI`, lowered for a large map so that it has at most
:data:`DEFAULT_MAX_PIXELS` pixels (a picture to look at, paste or project, not a
poster); an explicit *dpi* is kept, up to :data:`MAX_PIXELS`.
"""

from __future__ import annotations

import math
import struct
import threading
import zlib
from types import ModuleType

from .errors import RenderError

DEFAULT_DPI = 144.0
"""Pixels per inch of a PNG when no dpi is asked for: sharp on screens and in documents."""
DEFAULT_MAX_PIXELS = 2480 * 1754
"""The most pixels of a PNG when no dpi is asked for: as many as an A3 page printed
at 150 dpi, wider than most screens. A larger map gets a lower dpi: the showcase map
(2393 × 1702 pt) comes out at 74 dpi, 2,473 × 1,759 pixels."""
MAX_PIXELS = 100_000_000
"""The most pixels of any PNG (300 MB of memory while it is drawn)."""
MIN_DPI, MAX_DPI = 10.0, 2400.0
"""The dpi that may be asked for."""

_COMPRESSION = 1
"""zlib level of the PNG data: on the showcase, level 1 takes half the time of level 6
(the default) for a file 8% larger; the filters of PNG would need a pass over every
byte in Python, and zlib's run-length strategy is both slower and larger."""

_lock = threading.Lock()
"""PDFium is not thread-safe: one call at a time."""
_library: ModuleType | None = None


def png_scale(width: float, height: float, dpi: float | None = None) -> float:
    """Pixels per point for a picture of *width* × *height* points: *dpi* / 72, or,
    without *dpi*, :data:`DEFAULT_DPI` / 72 lowered to keep at most
    :data:`DEFAULT_MAX_PIXELS`. Raises :class:`RenderError` when *dpi* is out of
    range or would make more than :data:`MAX_PIXELS` pixels."""
    area = max(width, 1.0) * max(height, 1.0)
    if dpi is None:
        return min(DEFAULT_DPI / 72, math.sqrt(DEFAULT_MAX_PIXELS / area))
    scale = check_dpi(dpi) / 72
    if area * scale * scale > MAX_PIXELS:
        most = 72 * math.sqrt(MAX_PIXELS / area)
        raise RenderError(
            f"at {dpi:g} dpi the picture would have {area * scale * scale / 1e6:,.0f} million pixels "
            f"(at most {MAX_PIXELS / 1e6:,.0f} million)",
            hint=f"give a dpi of at most {math.floor(most):d}, or draw a part of the map (--focus)",
        )
    return scale


def check_dpi(dpi: float) -> float:
    """*dpi*, when it lies from :data:`MIN_DPI` to :data:`MAX_DPI`; else raises
    :class:`RenderError`."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise RenderError(f"dpi {dpi:g} is out of range", hint=f"give a dpi from {MIN_DPI:g} to {MAX_DPI:g}")
    return dpi


def encode_png(width: int, height: int, rgb: bytes, stride: int, dpi: float) -> bytes:
    """A PNG of *width* × *height* RGB pixels, rows of *stride* bytes in *rgb*
    (top row first), marked as *dpi* pixels per inch."""
    row = 3 * width
    rows = b"".join(b"\0" + rgb[start : start + row] for start in range(0, stride * height, stride))
    return _png(width, height, rows, dpi)


def _png(width: int, height: int, scanlines: bytes | memoryview, dpi: float) -> bytes:
    """A PNG of *scanlines*: *height* rows, each a filter byte (0: none) and
    *width* RGB pixels."""
    per_metre = round(dpi / 0.0254)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(scanlines, _COMPRESSION)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _pdfium() -> ModuleType:
    """PDFium's C functions (pypdfium2's raw bindings, which import in a third of
    the time of its object layer), the library initialised once."""
    global _library
    if _library is None:
        try:
            import pypdfium2_raw as pdfium
        except ImportError as error:
            raise RenderError(
                "PNG without Graphviz's dot needs the pypdfium2 package "
                "(pip install pypdfium2), or install Graphviz and use --engine system"
            ) from error
        config = pdfium.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
        pdfium.FPDF_InitLibraryWithConfig(config)
        _library = pdfium
    return _library


def pdf_to_png(pdf: bytes, dpi: float | None = None) -> bytes:
    """The first page of *pdf* as PNG, at *dpi* (see :func:`png_scale`)."""
    import ctypes

    with _lock:
        pdfium = _pdfium()
        buffer = ctypes.create_string_buffer(pdf, len(pdf))
        document = pdfium.FPDF_LoadMemDocument(buffer, len(pdf), None)
        if not document:
            raise RenderError(f"PDFium could not read the PDF (error {pdfium.FPDF_GetLastError()})")
        try:
            return _page_to_png(pdfium, document, dpi)
        finally:
            pdfium.FPDF_CloseDocument(document)


def _page_to_png(pdfium: ModuleType, document: object, dpi: float | None) -> bytes:
    page = pdfium.FPDF_LoadPage(document, 0)
    if not page:
        raise RenderError("PDFium could not read the page of the PDF")
    try:
        points = (pdfium.FPDF_GetPageWidthF(page), pdfium.FPDF_GetPageHeightF(page))
        scale = png_scale(*points, dpi)
        width, height = (max(1, round(size * scale)) for size in points)
        return _png(width, height, _draw(pdfium, page, width, height), 72 * scale)
    finally:
        pdfium.FPDF_ClosePage(page)


def _draw(pdfium: ModuleType, page: object, width: int, height: int) -> memoryview:
    """*page* drawn on white as PNG scanlines: PDFium draws each row of pixels just
    after the row's filter byte (its stride is a row and a byte), so that the
    picture need not be copied row by row to make them."""
    import ctypes

    stride = 3 * width + 1
    frame = ctypes.create_string_buffer(stride * height + 1)  # zeroed: every filter byte 0 (none)
    bitmap = pdfium.FPDFBitmap_CreateEx(
        width, height, pdfium.FPDFBitmap_BGR, ctypes.c_void_p(ctypes.addressof(frame) + 1), stride
    )
    if not bitmap:
        raise RenderError(f"PDFium could not make a picture of {width} × {height} pixels")
    try:
        pdfium.FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xFFFFFFFF)
        pdfium.FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, pdfium.FPDF_REVERSE_BYTE_ORDER)
    finally:
        pdfium.FPDFBitmap_Destroy(bitmap)
    scanlines = memoryview(frame).cast("B")[: stride * height]
    scanlines[::stride] = bytes(height)  # PDFium writes pixels only; every filter byte stays 0 all the same
    return scanlines


def svg_to_png(svg: bytes, dpi: float | None = None) -> bytes:
    """A finished, checked SVG as PNG: argmap's PDF of it, rasterised by PDFium."""
    from .pdf import svg_to_pdf

    return pdf_to_png(svg_to_pdf(svg), dpi)
