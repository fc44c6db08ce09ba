"""PDF and PNG: real files with the map's words in them."""

from __future__ import annotations

import io
import struct
import unicodedata

import pytest

from argmap.draw import render
from tests.draw.conftest import font_for
from tests.draw.samples import NON_LATIN, non_latin, tiny

ENGINES = ["embedded", pytest.param("system", marks=pytest.mark.needs_dot)]


def _pdf_text(data: bytes) -> str:
    """The PDF's text; NFKC undoes the ligatures (ﬁ, ﬂ) that cairo typesets."""
    pypdf = pytest.importorskip("pypdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_has_the_text(engine):
    """A PDF starts with %PDF and its text can be extracted: kinds and statements."""
    pdf = render(tiny(), "pdf", engine=engine)
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf)
    for words in ("CONCLUSION", "UNDERCUT", "firmer approach", "A tiny map"):
        assert words in text


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sr", ("Приштина", "Београд", "дијалог")),
        ("el", ("Ελλάδα", "Βαλκάνια")),
        ("zh", ("北京认为对话应该继续进行",)),
    ],
)
def test_pdf_non_latin_text(engine, language, words):
    """Serbian Cyrillic, Greek and Chinese are real text in the PDF (given a font)."""
    if not font_for(language):
        pytest.skip(f"no font for {language!r} on this machine (Chinese needs e.g. fonts-noto-cjk)")
    text = _pdf_text(render(non_latin(), "pdf", engine=engine))
    for word in words:
        assert word in text
    assert NON_LATIN  # the sample texts the words come from


@pytest.mark.parametrize("engine", ENGINES)
def test_png_is_a_png_of_sensible_size(engine):
    """A PNG has the PNG signature and a size in proportion to the map (2 px per pt)."""
    png = render(tiny(), "png", engine=engine)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert 400 < width < 5000 and 200 < height < 5000
    assert len(png) < 2_000_000
