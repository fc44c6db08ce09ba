"""PNG without Graphviz: the PDF rasterised by PDFium, its pixel size, and the PNG encoder."""

from __future__ import annotations

import math
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.draw import RenderError, fonts, raster, render
from tests.draw.samples import MAPS_DIR, tiny

try:
    fonts.text_fonts()
    HAS_FONT = True
except RenderError:
    HAS_FONT = False
needs_font = pytest.mark.skipif(not HAS_FONT, reason="no TrueType text font (DejaVu Sans) installed")
pytest.importorskip("pypdfium2_raw")


def read_png(data: bytes) -> tuple[int, int, float, list[bytes]]:
    """Width, height, dpi and the rows of RGB bytes of an 8-bit RGB PNG without
    filters (what argmap writes), read chunk by chunk with every CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.setdefault(kind, b"")
        chunks[kind] += body
        at += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour, interlace) == (8, 2, 0)
    x_per_metre, y_per_metre, unit = struct.unpack(">IIB", chunks[b"pHYs"])
    assert x_per_metre == y_per_metre and unit == 1
    raw = zlib.decompress(chunks[b"IDAT"])
    size = 1 + 3 * width
    assert len(raw) == size * height
    rows = [raw[start : start + size] for start in range(0, len(raw), size)]
    assert all(row[0] == 0 for row in rows)
    return width, height, x_per_metre * 0.0254, [row[1:] for row in rows]


def pixel(rows: list[bytes], x: int, y: int) -> tuple[int, ...]:
    return tuple(rows[y][3 * x : 3 * x + 3])


# -- the encoder -----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(1, 40),
    height=st.integers(1, 30),
    padding=st.integers(0, 5),
    dpi=st.floats(10, 2400),
    data=st.data(),
)
def test_encoded_png_reads_back(width, height, padding, dpi, data):
    """Any RGB picture, whatever the padding of its rows, reads back pixel for
    pixel, with its dpi, by an independent reader."""
    stride = 3 * width + padding
    rgb = data.draw(st.binary(min_size=stride * height, max_size=stride * height))
    got_width, got_height, got_dpi, rows = read_png(raster.encode_png(width, height, rgb, stride, dpi))
    assert (got_width, got_height) == (width, height)
    assert rows == [rgb[y * stride : y * stride + 3 * width] for y in range(height)]
    assert got_dpi == pytest.approx(dpi, abs=0.02)


# -- the pixel size ----------------------------------------------------------------------


def test_small_drawing_gets_the_default_dpi():
    """A drawing that fits gets 144 dpi: two pixels per point."""
    assert raster.png_scale(600, 400) == pytest.approx(raster.DEFAULT_DPI / 72) == pytest.approx(2.0)


@given(width=st.floats(1, 20_000), height=st.floats(1, 20_000))
def test_default_size_is_capped(width, height):
    """Without a dpi, a picture never has more than DEFAULT_MAX_PIXELS pixels and
    never more than 144 dpi; it is lowered only as far as the cap needs."""
    scale = raster.png_scale(width, height)
    pixels = max(width, 1) * max(height, 1) * scale * scale
    assert scale <= raster.DEFAULT_DPI / 72 + 1e-9
    assert pixels <= raster.DEFAULT_MAX_PIXELS * (1 + 1e-9)
    assert scale == pytest.approx(raster.DEFAULT_DPI / 72) or pixels == pytest.approx(raster.DEFAULT_MAX_PIXELS)


@given(width=st.floats(1, 20_000), height=st.floats(1, 20_000), dpi=st.floats(10, 2400))
def test_asked_dpi_is_kept_or_refused_with_one_that_works(width, height, dpi):
    """An asked dpi is kept exactly, or refused with a hint naming a dpi that is kept."""
    try:
        assert raster.png_scale(width, height, dpi) == dpi / 72
    except RenderError as error:
        assert width * height * (dpi / 72) ** 2 > raster.MAX_PIXELS
        most = int(error.hint.split("at most ")[1].split(",")[0])
        if most >= raster.MIN_DPI:
            assert raster.png_scale(width, height, most) == most / 72


@pytest.mark.parametrize("dpi", [0, 5, 9.99, 2401, -72, math.inf])
def test_dpi_out_of_range_is_refused(dpi):
    with pytest.raises(RenderError, match="out of range") as caught:
        raster.png_scale(100, 100, dpi)
    assert "from 10 to 2400" in caught.value.hint


# -- PDFium --------------------------------------------------------------------------------


def _svg(body: str, width: int = 200, height: int = 100) -> bytes:
    return (
        f'<svg width="{width}pt" height="{height}pt" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    ).encode()


@needs_font
def test_shapes_land_where_the_svg_puts_them():
    """A red square in the top-left quarter and a blue one in the bottom-right come
    out in those places, in those colours, on white, at two pixels per point."""
    body = (
        '<polygon fill="#ff0000" stroke="none" points="10,10 60,10 60,40 10,40"/>'
        '<polygon fill="#0000ff" stroke="none" points="140,60 190,60 190,90 140,90"/>'
    )
    width, height, dpi, rows = read_png(raster.svg_to_png(_svg(body)))
    assert (width, height, round(dpi)) == (400, 200, 144)
    assert pixel(rows, 70, 50) == (255, 0, 0)
    assert pixel(rows, 330, 150) == (0, 0, 255)
    for x, y in ((5, 5), (200, 100), (330, 50), (70, 150), (399, 199)):
        assert pixel(rows, x, y) == (255, 255, 255)


@needs_font
def test_text_is_drawn():
    """Text is drawn as dark pixels where it stands, nowhere else."""
    body = '<text x="10" y="30" font-family="DejaVu Sans" font-size="20" fill="#000000">Argument</text>'
    _, _, _, rows = read_png(raster.svg_to_png(_svg(body)))
    dark = {(x, y) for y, row in enumerate(rows) for x in range(len(row) // 3) if row[3 * x] < 128}
    assert len(dark) > 300
    assert all(18 <= x <= 260 and 20 <= y <= 70 for x, y in dark)


@needs_font
def test_asked_dpi_sets_the_size():
    width, height, dpi, _ = read_png(raster.svg_to_png(_svg(""), dpi=36))
    assert (width, height, round(dpi)) == (100, 50, 36)


@pytest.mark.parametrize(
    "engine", [pytest.param("embedded", marks=needs_font), pytest.param("system", marks=pytest.mark.needs_dot)]
)
def test_render_passes_the_dpi(engine):
    """render(..., dpi=) reaches the PNG of either engine: twice the dpi, twice the width."""
    small = struct.unpack(">II", render(tiny(), "png", engine=engine, dpi=50)[16:24])
    large = struct.unpack(">II", render(tiny(), "png", engine=engine, dpi=100)[16:24])
    assert abs(large[0] - 2 * small[0]) <= 2 and abs(large[1] - 2 * small[1]) <= 2


def test_damaged_pdf_is_a_render_error():
    with pytest.raises(RenderError, match="PDFium could not read the PDF"):
        raster.pdf_to_png(b"%PDF-1.4 not really")


# -- the command line -------------------------------------------------------------------------


@needs_font
def test_cli_dpi(tmp_path):
    """`argmap render --dpi` sets the PNG's resolution; a dpi that would make too
    many pixels is refused with a message and a hint, no traceback, no file."""
    from click.testing import CliRunner

    from argmap.cli import main

    source = tmp_path / "m.arg"
    source.write_text("conclusion c: Cars out.\n  premise p: Air is bad.\n", encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "m.png"
    done = runner.invoke(main, ["render", str(source), "--engine", "embedded", "--dpi", "36", "-o", str(out)])
    assert done.exit_code == 0, done.output
    _, _, dpi, _ = read_png(out.read_bytes())
    assert round(dpi) == 36
    refused = tmp_path / "huge.png"
    showcase = str(MAPS_DIR / "serwer-2023-serbia.arg")  # 2393 × 1702 pt: 4,500 million pixels at 2400 dpi
    done = runner.invoke(main, ["render", showcase, "--engine", "embedded", "--dpi", "2400", "-o", str(refused)])
    assert done.exit_code != 0
    assert "million pixels" in done.output and "give a dpi of at most" in done.output
    assert "Traceback" not in done.output and not refused.exists()
    done = runner.invoke(main, ["render", str(source), "--dpi", "5", "-o", str(refused)])
    assert done.exit_code == 2 and "5" in done.output and not refused.exists()
