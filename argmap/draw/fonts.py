"""TrueType fonts for the PDF writer: finding them, reading their metrics, and
cutting them down to the glyphs a picture uses.

Only what :mod:`argmap.draw.pdf` needs: the character map (formats 4 and 12), the
advance widths, and a subset that keeps the glyph ids (every glyph the picture does
not use is emptied, so that the PDF can name glyphs by their ids in the whole
font). Fonts with TrueType outlines (a ``glyf`` table) only, in ``.ttf`` files or
``.ttc`` collections; fonts with CFF outlines (most ``.otf``) are passed over.
"""

from __future__ import annotations

import functools
import os
import struct
import sys
from pathlib import Path

from .errors import RenderError

STYLES = ("regular", "bold", "italic", "bold-italic")

FAMILIES: dict[str, tuple[tuple[str, ...], ...]] = {
    # file names per style, in the order of STYLES; the first family found is used
    "DejaVu Sans": (
        ("DejaVuSans.ttf",),
        ("DejaVuSans-Bold.ttf",),
        ("DejaVuSans-Oblique.ttf",),
        ("DejaVuSans-BoldOblique.ttf",),
    ),
    "Verdana": (("Verdana.ttf", "verdana.ttf"), ("Verdana Bold.ttf", "verdanab.ttf"),
                ("Verdana Italic.ttf", "verdanai.ttf"), ("Verdana Bold Italic.ttf", "verdanaz.ttf")),
    "Liberation Sans": (
        ("LiberationSans-Regular.ttf",),
        ("LiberationSans-Bold.ttf",),
        ("LiberationSans-Italic.ttf",),
        ("LiberationSans-BoldItalic.ttf",),
    ),
    "Arial": (("Arial.ttf", "arial.ttf"), ("Arial Bold.ttf", "arialbd.ttf"),
              ("Arial Italic.ttf", "ariali.ttf"), ("Arial Bold Italic.ttf", "arialbi.ttf")),
}  # fmt: skip
"""Text fonts: DejaVu Sans (whose widths the layout assumes), then fonts of similar
width."""

FALLBACKS = (
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "NotoSansCJK-Regular.ttc",
    "msyh.ttc",
    "simsun.ttc",
    "Arial Unicode.ttf",
    "DejaVuSans.ttf",
    "FreeSans.ttf",
)
"""Fonts tried, in order, for characters the text font lacks (Chinese, Japanese,
Korean above all)."""


def font_dirs() -> list[Path]:
    """Where fonts are installed on this system (those of the user first)."""
    home = Path.home()
    data = os.environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    dirs = [Path(data) / "fonts", home / ".fonts", home / "Library" / "Fonts"]
    if sys.platform == "win32":
        windows = os.environ.get("WINDIR", r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA", "")
        dirs += [Path(windows) / "Fonts", Path(local) / "Microsoft" / "Windows" / "Fonts"]
    else:
        extra = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
        dirs += [Path(d) / "fonts" for d in extra if d]
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental")]
    return dirs


@functools.lru_cache(maxsize=1)
def installed_fonts() -> dict[str, Path]:
    """Every ``.ttf``/``.ttc`` font file under :func:`font_dirs`, by file name (the
    first found wins)."""
    found: dict[str, Path] = {}
    for top in font_dirs():
        for folder, _, names in os.walk(top):
            for name in names:
                if name.lower().endswith((".ttf", ".ttc")):
                    found.setdefault(name, Path(folder) / name)
    return found


class TrueType:
    """One face of a TrueType font file: its metrics, character map and glyphs."""

    def __init__(self, path: Path, data: bytes, offset: int = 0) -> None:
        self.path = path
        self.data = data
        self.tables = _table_directory(data, offset)
        if "glyf" not in self.tables or "loca" not in self.tables:
            raise ValueError("no TrueType outlines")
        head = self.table("head")
        self.units_per_em = struct.unpack_from(">H", head, 18)[0]
        self.bbox = struct.unpack_from(">hhhh", head, 36)
        self.long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        hhea = self.table("hhea")
        self.ascent, self.descent = struct.unpack_from(">hh", hhea, 4)
        metric_count = struct.unpack_from(">H", hhea, 34)[0]
        self.glyph_count = struct.unpack_from(">H", self.table("maxp"), 4)[0]
        hmtx = self.table("hmtx")
        advances = [struct.unpack_from(">H", hmtx, 4 * i)[0] for i in range(metric_count)]
        advances += [advances[-1]] * (self.glyph_count - metric_count)
        self.advances = advances
        self.cmap = _read_cmap(self.table("cmap")) if "cmap" in self.tables else {}  # a subset has none

    def table(self, tag: str) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset : offset + length]

    def glyph(self, char: str) -> int:
        """The glyph id of *char*, 0 (no glyph) when the font lacks it."""
        return self.cmap.get(ord(char), 0)

    def advance(self, glyph: int) -> float:
        """The advance width of *glyph* in thousandths of an em."""
        return self.advances[glyph] * 1000 / self.units_per_em

    def subset(self, glyphs: set[int]) -> bytes:
        """A font file with the same glyph ids in which only *glyphs* (and the
        glyphs they are made of, and glyph 0) keep their outlines."""
        offsets = self._loca()
        glyf = self.table("glyf")
        keep = _with_components(glyphs | {0}, glyf, offsets)
        pieces, loca, position = [], [], 0
        for glyph in range(self.glyph_count):
            loca.append(position)
            if glyph in keep:
                outline = glyf[offsets[glyph] : offsets[glyph + 1]]
                outline += b"\0" * (-len(outline) % 4)
                pieces.append(outline)
                position += len(outline)
        loca.append(position)
        head = bytearray(self.table("head"))
        head[8:12] = b"\0\0\0\0"  # checksum adjustment: left 0, readers do not check it
        head[50:52] = struct.pack(">h", 1)
        tables = {
            "head": bytes(head),
            "glyf": b"".join(pieces),
            "loca": struct.pack(f">{len(loca)}I", *loca),
        }
        for tag in ("hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep"):
            if tag in self.tables:
                tables[tag] = self.table(tag)
        return _font_file(tables)

    def _loca(self) -> list[int]:
        loca = self.table("loca")
        count = self.glyph_count + 1
        if self.long_loca:
            return list(struct.unpack_from(f">{count}I", loca))
        return [2 * value for value in struct.unpack_from(f">{count}H", loca)]


def _table_directory(data: bytes, offset: int) -> dict[str, tuple[int, int]]:
    count = struct.unpack_from(">H", data, offset + 4)[0]
    tables = {}
    for index in range(count):
        tag, _, start, length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * index)
        tables[tag.decode("latin-1")] = (start, length)
    return tables


def _read_cmap(cmap: bytes) -> dict[int, int]:
    """Code point -> glyph id, from the best Unicode subtable (format 12, else 4)."""
    count = struct.unpack_from(">H", cmap, 2)[0]
    subtables: dict[int, int] = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * index)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 1), (0, 0)):
            subtables.setdefault(struct.unpack_from(">H", cmap, offset)[0], offset)
    if 12 in subtables:
        return _cmap_format_12(cmap, subtables[12])
    if 4 in subtables:
        return _cmap_format_4(cmap, subtables[4])
    raise ValueError("no Unicode character map")


def _cmap_format_12(cmap: bytes, offset: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", cmap, offset + 12)[0]
    mapping: dict[int, int] = {}
    for index in range(groups):
        first, last, glyph = struct.unpack_from(">III", cmap, offset + 16 + 12 * index)
        mapping.update(zip(range(first, last + 1), range(glyph, glyph + last - first + 1), strict=True))
    return mapping


def _cmap_format_4(cmap: bytes, offset: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", cmap, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", cmap, offset + 14)
    starts = struct.unpack_from(f">{segments}H", cmap, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", cmap, offset + 16 + 4 * segments)
    range_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", cmap, range_at)
    mapping: dict[int, int] = {}
    for index, (start, end, delta, step) in enumerate(zip(starts, ends, deltas, ranges, strict=True)):
        for code in range(start, min(end, 0xFFFE) + 1):
            if step == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                at = range_at + 2 * index + step + 2 * (code - start)
                glyph = struct.unpack_from(">H", cmap, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                mapping[code] = glyph
    return mapping


_ARG_WORDS, _HAS_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80


def _with_components(glyphs: set[int], glyf: bytes, offsets: list[int]) -> set[int]:
    """*glyphs* and every glyph a composite among them is built from."""
    keep, todo = set(), [g for g in glyphs if 0 <= g < len(offsets) - 1]
    while todo:
        glyph = todo.pop()
        if glyph in keep:
            continue
        keep.add(glyph)
        start, end = offsets[glyph], offsets[glyph + 1]
        if end - start < 10 or struct.unpack_from(">h", glyf, start)[0] >= 0:
            continue  # empty or simple
        at = start + 10
        while True:
            flags, component = struct.unpack_from(">HH", glyf, at)
            todo.append(component)
            at += 4 + (4 if flags & _ARG_WORDS else 2)
            at += 2 if flags & _HAS_SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
            if not flags & _MORE:
                break
    return keep


def _font_file(tables: dict[str, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    directory, body = [], []
    offset = 12 + 16 * count
    for tag in tags:
        data = tables[tag]
        padded = data + b"\0" * (-len(data) % 4)
        checksum = sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
        directory.append(struct.pack(">4sIII", tag.encode("latin-1"), checksum, offset, len(data)))
        body.append(padded)
        offset += len(padded)
    return header + b"".join(directory) + b"".join(body)


@functools.lru_cache(maxsize=32)
def load_font(path: Path) -> TrueType | None:
    """The first face with TrueType outlines in the file at *path*, or None."""
    try:
        data = path.read_bytes()
        if data[:4] == b"ttcf":
            count = struct.unpack_from(">I", data, 8)[0]
            faces = struct.unpack_from(f">{count}I", data, 12)
        else:
            faces = (0,)
        for offset in faces:
            try:
                return TrueType(path, data, offset)
            except (ValueError, KeyError, struct.error):
                continue
    except (OSError, struct.error):
        return None
    return None


TextFonts = tuple[TrueType, TrueType | None, TrueType | None, TrueType | None]
"""A text font in the four :data:`STYLES`: regular always, the others None when the
family lacks them."""


def text_fonts() -> TextFonts:
    """The text font in its four styles (None for a style it lacks); raises
    :class:`RenderError` when no text font is installed."""
    installed = installed_fonts()
    for styles in FAMILIES.values():
        regular, bold, italic, bold_italic = (_first(installed, names) for names in styles)
        if regular is not None:
            return regular, bold, italic, bold_italic
    raise RenderError(
        "PDF and PNG without Graphviz need a TrueType font (DejaVu Sans, Verdana, Liberation Sans or Arial) "
        "and none is installed "
        "(install fonts-dejavu-core, or Graphviz and use --engine system)"
    )


def fallback_fonts() -> list[TrueType]:
    """Fonts for the characters the text font lacks, in the order they are tried."""
    installed = installed_fonts()
    return [font for font in (_first(installed, (name,)) for name in FALLBACKS) if font is not None]


def _first(installed: dict[str, Path], names: tuple[str, ...]) -> TrueType | None:
    for name in names:
        if name in installed:
            font = load_font(installed[name])
            if font is not None:
                return font
    return None
