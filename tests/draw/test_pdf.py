"""argmap's own PDF writer (SVG -> PDF) and its TrueType fonts."""

from __future__ import annotations

import io
import re
import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.draw import RenderError, fonts, render
from argmap.draw.pdf import _path, svg_to_pdf
from tests.draw.samples import HOSTILE_TEXTS, hostile, tiny

pypdf = pytest.importorskip("pypdf")

try:
    TEXT_FONTS = fonts.text_fonts()
except RenderError:
    TEXT_FONTS = None
needs_font = pytest.mark.skipif(TEXT_FONTS is None, reason="no TrueType text font (DejaVu Sans) installed")


def _svg(body: str, width: int = 200, height: int = 100) -> bytes:
    return (
        f'<svg width="{width}pt" height="{height}pt" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    ).encode()


def _text(svg_body: str) -> str:
    reader = pypdf.PdfReader(io.BytesIO(svg_to_pdf(_svg(svg_body))))
    return reader.pages[0].extract_text()


def _operations(pdf: bytes) -> list[tuple[list, bytes]]:
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    stream = pypdf.generic.ContentStream(page.get_contents(), page.pdf)
    return [(list(operands), operator) for operands, operator in stream.operations]


# -- paths -----------------------------------------------------------------------------

_COORD = st.integers(-500, 500)
_SEGMENT = st.one_of(
    st.tuples(st.just("L"), st.tuples(_COORD, _COORD)),
    st.tuples(st.just("C"), st.tuples(_COORD, _COORD, _COORD, _COORD, _COORD, _COORD)),
)


def _relative(start: tuple[int, int], segments) -> str:
    """The same path written with relative commands (an independent rewriting)."""
    x, y = start
    parts = [f"m{x},{y}"]
    for command, values in segments:
        shifted = [v - (x if i % 2 == 0 else y) for i, v in enumerate(values)]
        parts.append(command.lower() + " ".join(map(str, shifted)))
        x, y = values[-2], values[-1]
    return " ".join(parts)


@settings(max_examples=80, deadline=None)
@given(start=st.tuples(_COORD, _COORD), segments=st.lists(_SEGMENT, min_size=1, max_size=8))
def test_path_points_in_order_absolute_or_relative(start, segments):
    """Every point of an absolute path comes out in order with the PDF operator of its
    command; the same path written with relative commands gives the same operators."""
    absolute = f"M{start[0]},{start[1]} " + " ".join(f"{c}{' '.join(map(str, v))}" for c, v in segments)
    expected = [f"{start[0]} {start[1]} m"] + [
        " ".join(map(str, values)) + (" l" if command == "L" else " c") for command, values in segments
    ]
    assert _path(absolute) == " ".join(expected)
    assert _path(_relative(start, segments)) == " ".join(expected)


def test_closing_and_implicit_lines():
    """Z closes; pairs after a move are lines; H and V keep the other coordinate."""
    assert _path("M0,0 10,0 10,10 Z") == "0 0 m 10 0 l 10 10 l h"
    assert _path("M5,5 H20 V30 h-5 v-5") == "5 5 m 20 5 l 20 30 l 15 30 l 15 25 l"


@needs_font
def test_shapes_are_filled_and_stroked_in_their_colours():
    """A polygon with fill and stroke is painted with both colours, dashes and width."""
    pdf = svg_to_pdf(
        _svg(
            '<polygon fill="#ff0000" stroke="#0000ff" stroke-width="2" stroke-dasharray="5,2" points="0,0 10,0 10,10"/>'
        )
    )
    operations = _operations(pdf)
    operators = [operator for _, operator in operations]
    assert b"B" in operators  # fill and stroke
    colours = {
        operator: [float(v) for v in operands] for operands, operator in operations if operator in (b"rg", b"RG")
    }
    assert colours == {b"rg": [1, 0, 0], b"RG": [0, 0, 1]}
    assert ([[5, 2], 0], b"d") in [
        ([[float(v) for v in operands[0]], operands[1]], op) for operands, op in operations if op == b"d"
    ]


# -- text ------------------------------------------------------------------------------

_WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789éüßабвгдежзЖЩЯαβγδεζΩλ"), min_size=1, max_size=10
)


@needs_font
@settings(max_examples=25, deadline=None)
@given(words=st.lists(_WORD, min_size=1, max_size=6), bold=st.booleans())
def test_text_round_trips_through_the_pdf(words, bold):
    """Latin, Cyrillic and Greek text written into the PDF is what a PDF reader
    (pypdf) extracts from it."""
    sentence = " ".join(words)
    weight = ' font-weight="bold"' if bold else ""
    body = f'<text x="10" y="50" font-size="11"{weight}>{sentence}</text>'
    assert " ".join(_text(body).split()) == sentence


@needs_font
def test_text_anchor_places_the_text():
    """start, middle and end anchors put the text's left edge at x, x - w/2, x - w,
    w being the sum of the font's advance widths."""
    font = TEXT_FONTS[0]
    width = sum(font.advance(font.glyph(c)) for c in "Anchor") * 10 / 1000
    for anchor, left in (("start", 100), ("middle", 100 - width / 2), ("end", 100 - width)):
        pdf = svg_to_pdf(_svg(f'<text x="100" y="50" font-size="10" text-anchor="{anchor}">Anchor</text>'))
        (matrix,) = [operands for operands, operator in _operations(pdf) if operator == b"Tm"]
        assert float(matrix[4]) == pytest.approx(left, abs=0.01)


@needs_font
def test_missing_styles_are_faked(monkeypatch):
    """With only the regular face, bold is stroked and italic slanted, and the text
    is still the text."""
    monkeypatch.setattr("argmap.draw.pdf.text_fonts", lambda: [TEXT_FONTS[0], None, None, None])
    body = '<text x="10" y="50"><tspan font-weight="bold">Bold</tspan><tspan font-style="italic">Slant</tspan></text>'
    pdf = svg_to_pdf(_svg(body))
    operations = _operations(pdf)
    modes = [int(operands[0]) for operands, operator in operations if operator == b"Tr"]
    slants = [float(operands[2]) for operands, operator in operations if operator == b"Tm"]
    assert modes == [2, 0] and slants == [0, pytest.approx(0.2)]
    assert "BoldSlant" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().replace(" ", "")


def test_no_font_is_a_render_error(monkeypatch):
    """Without any TrueType text font the PDF is refused with the fix."""
    fonts.installed_fonts.cache_clear()
    monkeypatch.setattr(fonts, "font_dirs", lambda: [])
    try:
        with pytest.raises(RenderError, match="install fonts-dejavu-core"):
            svg_to_pdf(_svg('<text x="1" y="1">x</text>'))
    finally:
        fonts.installed_fonts.cache_clear()


@needs_font
def test_hostile_text_is_text():
    """Map text that looks like PDF syntax or markup is drawn as those characters."""
    pdf = render(hostile(), "pdf", engine="embedded")
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    for hostile_text in HOSTILE_TEXTS:
        for word in hostile_text.split()[:2]:
            assert word in text
    assert b"/JavaScript" not in pdf and b"/URI" not in pdf


@needs_font
def test_same_svg_same_bytes():
    """The PDF is deterministic: no dates, no random names."""
    svg = render(tiny(), "svg", engine="embedded")
    assert svg_to_pdf(svg) == svg_to_pdf(svg)


# -- fonts -----------------------------------------------------------------------------


@needs_font
def test_subset_keeps_used_glyphs_and_their_components():
    """A subset keeps the glyph ids; the outlines of the glyphs used (and of the
    glyphs a composite is built from) are unchanged, every other one is empty."""
    font = TEXT_FONTS[0]
    composite = next((g for g in (font.glyph(c) for c in "ÅÉÖǺḈ") if g and _glyph(font, g)[:2] == b"\xff\xff"), None)
    used = {font.glyph("A"), font.glyph("ж")} | ({composite} if composite else set())
    subset = fonts.TrueType(font.path, font.subset(used))
    assert subset.glyph_count == font.glyph_count and subset.advances == font.advances
    kept = {g for g in range(subset.glyph_count) if _glyph(subset, g)}
    assert used <= kept and kept <= used | {0} | _components(font, used)
    for glyph in kept:
        assert _glyph(subset, glyph).rstrip(b"\0") == _glyph(font, glyph).rstrip(b"\0")
    if composite:
        assert kept - used - {0}, "a composite's components are kept"


def _glyph(font: fonts.TrueType, glyph: int) -> bytes:
    offsets = font._loca()
    return font.table("glyf")[offsets[glyph] : offsets[glyph + 1]]


def _components(font: fonts.TrueType, glyphs: set[int]) -> set[int]:
    """Component glyph ids, read with a plain scan (flags and index pairs)."""
    found = set()
    for glyph in glyphs:
        data = _glyph(font, glyph)
        if len(data) < 10 or struct.unpack_from(">h", data)[0] >= 0:
            continue
        at = 10
        while True:
            flags, component = struct.unpack_from(">HH", data, at)
            found |= {component} | _components(font, {component})
            at += 4 + (4 if flags & 1 else 2) + (2 if flags & 8 else 4 if flags & 0x40 else 8 if flags & 0x80 else 0)
            if not flags & 0x20:
                break
    return found


@needs_font
def test_cjk_falls_back_to_another_font():
    """Characters the text font lacks are set in a fallback font, and still read back."""
    fallback = [f for f in fonts.fallback_fonts() if f.glyph("北")]
    if not fallback:
        pytest.skip("no CJK TrueType font installed (e.g. fonts-wqy-microhei)")
    pdf = svg_to_pdf(_svg('<text x="10" y="50">Beijing 北京</text>'))
    assert len(re.findall(rb"/Subtype /Type0", pdf)) == 2
    assert "北京" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
